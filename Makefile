# Two commands do everything on a fresh machine:
#   make run    set up .venv when missing, then build the bundled corpus into output/
#   make test   set up .venv when missing, then run the test suite
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.geokg-installed

.PHONY: run test setup clean

run: $(STAMP)
	$(VENV)/bin/geokg build

test: $(STAMP)
	$(PY) -m pytest

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
