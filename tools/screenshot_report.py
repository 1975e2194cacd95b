"""Screenshots of a build's HTML report in headless Chromium (Debian's, tools/setup-chromium.sh),
for the README: the page at 1280x800 and on a phone's width.

    .venv/bin/python tools/screenshot_report.py [BUILD_DIR] [OUT_DIR]    # default: output/ docs/
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

SIZES = {"report.png": (1280, 800), "report-phone.png": (390, 844)}


def main(argv: list[str]) -> int:
    build = Path(argv[0]) if argv else Path("output")
    out = Path(argv[1]) if len(argv) > 1 else Path("docs")
    page = build / "report" / "index.html"
    if not page.is_file():
        sys.stderr.write(f"{page}: no report; run `geokg build` first\n")
        return 1
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=options)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, (width, height) in SIZES.items():
            browser.set_window_size(width, height)
            browser.get(page.resolve().as_uri())
            browser.execute_script("document.getElementById('network').scrollIntoView()")
            browser.save_screenshot(str(out / name))
            print(f"wrote {out / name}")
    finally:
        browser.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
