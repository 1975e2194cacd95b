"""Odd but real input (shouting headlines, lower-cased dumps, hard-wrapped lines, shuffled
paragraphs, control characters) still yields a graph that conforms, so a build is never blocked."""

import random

import pytest

from geokg.config import BUNDLED_CORPUS, Settings
from geokg.pipeline import build
from geokg.service import build_files


def _variants(text: str) -> dict[str, str]:
    words = text.split(" ")
    sentences = text.replace("\n", " ").split(". ")
    random.Random(7).shuffle(sentences)
    return {
        "upper": text.upper(),
        "lower": text.lower(),
        "wrapped": "\n".join(" ".join(words[i : i + 7]) for i in range(0, len(words), 7)),
        "shuffled": ". ".join(sentences),
    }


@pytest.fixture(scope="module")
def variant_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("variants")
    for seed in sorted(BUNDLED_CORPUS.glob("*.txt")):
        for name, text in _variants(seed.read_text(encoding="utf-8")).items():
            (directory / f"{name}_{seed.name}").write_text(text, encoding="utf-8")
    (directory / "hostile.txt").write_text(
        'NATO "quotes" \\ backslash \u202eRTL\u202c 🚀 Russia threatened to <attack> Ukraine & Poland.\x0b\x0c '
        "If Kyiv joins NATO, Moscow reserves the right to respond. Putin\u2019s plan.",
        encoding="utf-8",
    )
    return directory


def test_robustness_variants_of_the_seeds_build_and_conform(variant_dir):
    summary, files = build_files([variant_dir], settings=Settings(formats=("nquads",)))
    assert summary.documents == 9
    result = build([variant_dir], settings=Settings())
    assert files["validation-report.txt"] == b"The graph conforms to the shapes."
    texts = {r.document.identifier: r.document.text for r in result.results}
    for document in result.results:
        for claim in document.claims:
            assert (
                texts[document.document.identifier][claim.evidence.start : claim.evidence.end] == claim.evidence.exact
            )
