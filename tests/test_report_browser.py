"""The HTML report in a real browser: Debian's headless Chromium driven by selenium (set up by
`make test`: tools/setup-chromium.sh). The page loads with no console error, the network has an
edge per intention claim of the graph, choosing an edge (mouse or keyboard) shows its evidence,
the table filters and sorts, and the page fits a phone's width. Screenshots are saved."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from geokg.config import Settings
from geokg.service import build_and_publish
from tests.test_report import intention_claims, write_corpus

DESKTOP, PHONE = (1280, 800), (390, 844)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    out = root / "out"
    build_and_publish([write_corpus(root / "corpus")], settings=Settings(output_dir=out, jobs=1, cache_dir=None))
    return out


@pytest.fixture(scope="module")
def browser():
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver, "headless Chromium is missing: run `make test` (tools/setup-chromium.sh)"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={DESKTOP[0]},{DESKTOP[1]}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(service=Service(driver), options=options)
    yield session
    session.quit()


@pytest.fixture
def index(browser, built):
    browser.set_window_size(*DESKTOP)
    browser.get((built / "report" / "index.html").as_uri())
    browser.get_log("browser")  # what loading logged is checked by its own test
    return browser


def test_report_browser_page_loads_without_console_errors(browser, built, tmp_path):
    browser.set_window_size(*DESKTOP)
    browser.get((built / "report" / "index.html").as_uri())
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    assert browser.title.startswith("geokg report")
    assert browser.save_screenshot(str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_report_browser_network_has_an_edge_per_claim(index, built):
    edges = index.find_elements(By.CSS_SELECTOR, "svg.network path.edge")
    assert {edge.get_attribute("data-claim") for edge in edges} == intention_claims(built)
    assert all(edge.is_displayed() for edge in edges)


def test_report_browser_clicking_an_edge_shows_its_evidence(index):
    edge = _edge_of_two_documents(index)
    index.execute_script("arguments[0].scrollIntoView({block: 'center'})", edge)
    x, y = index.execute_script(  # a point on the curve itself, where a reader would click
        """const path = arguments[0], point = path.getPointAtLength(path.getTotalLength() / 2);
        const screen = point.matrixTransform(path.getScreenCTM());
        return [screen.x, screen.y];""",
        edge,
    )
    mouse = ActionBuilder(index)
    mouse.pointer_action.move_to_location(round(x), round(y))
    mouse.pointer_action.click()
    mouse.perform()
    panel = index.find_element(By.ID, "evidence")
    assert panel.get_attribute("data-claim-shown") == edge.get_attribute("data-claim")
    quotes = [q.text for q in panel.find_elements(By.CSS_SELECTOR, "blockquote")]
    assert any("launch strikes against Estonia" in q for q in quotes)
    assert any("threatened to attack Estonia" in q for q in quotes)
    assert "2 documents report it" in panel.text


def test_report_browser_an_edge_is_chosen_by_keyboard(index):
    edge = index.find_elements(By.CSS_SELECTOR, "svg.network path.edge")[0]
    index.execute_script("arguments[0].focus()", edge)
    assert index.switch_to.active_element == edge
    edge.send_keys(Keys.ENTER)
    panel = index.find_element(By.ID, "evidence")
    assert panel.get_attribute("data-claim-shown") == edge.get_attribute("data-claim")
    assert panel.find_elements(By.CSS_SELECTOR, "blockquote")


def test_report_browser_who_says_what_filters_and_sorts(index):
    table = index.find_element(By.ID, "says-table")
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    search = index.find_element(By.ID, "says-filter")
    search.send_keys("Piontkovsky")
    shown = [row for row in rows if row.is_displayed()]
    assert 0 < len(shown) < len(rows)
    assert all("Piontkovsky" in row.text for row in shown)
    search.clear()
    search.send_keys(" ")  # an input event with no words: every row again
    header = table.find_elements(By.CSS_SELECTOR, "thead th button")[2]  # Holder
    header.click()
    holders = [row.find_elements(By.TAG_NAME, "td")[2].text for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert holders == sorted(holders, key=str.lower) or holders == sorted(holders)


def test_report_browser_fits_a_phone(browser, built, tmp_path):
    browser.set_window_size(*PHONE)
    browser.get((built / "report" / "index.html").as_uri())
    overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than a phone"
    assert browser.save_screenshot(str(tmp_path / "phone.png"))


def _edge_of_two_documents(browser):
    edges = browser.find_elements(By.CSS_SELECTOR, "svg.network path.edge")
    found = [e for e in edges if "2 documents" in (e.get_attribute("aria-label") or "")]
    assert len(found) == 1
    return found[0]
