# Two commands do everything on a fresh machine:
#   make run    set up .venv when missing, then build the bundled corpus into output/
#   make test   set up .venv, Apache Jena and headless Chromium when missing, check format and lint (ruff),
#               run the test suite
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.geokg-installed

.PHONY: run test setup jena chromium clean

run: $(STAMP)
	$(VENV)/bin/geokg build

test: $(STAMP) jena chromium
	$(VENV)/bin/ruff format --check src tests bench tools
	$(VENV)/bin/ruff check src tests bench tools
	$(PY) -m pytest

setup: $(STAMP)

# Debian's Apache Jena (riot, TDB2) for the round-trip and triple-store tests; quick when already there.
jena:
	bash tools/setup-jena.sh

# Debian's Chromium and its WebDriver, for the browser test of the HTML report; quick when already there.
chromium:
	bash tools/setup-chromium.sh

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
