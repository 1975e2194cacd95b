#!/usr/bin/env bash
# Set up headless Chromium for the report's browser test (tests/test_report_browser.py); idempotent,
# and quick when done before. Installs Debian's chromium and chromium-driver with apt-get when
# either is missing. Nothing else is fetched; selenium comes with the test extra from PyPI.
set -euo pipefail

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "setup-chromium: installing chromium and chromium-driver from Debian" >&2
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver
fi
chromium --version >/dev/null
chromedriver --version >/dev/null
