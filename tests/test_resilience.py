"""A bad document never costs the others: each kind of bad input is skipped and reported with
where, what and what to do, and every good document beside it is read and published."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geokg.config import Settings
from geokg.ingest import read_inputs
from geokg.model import Skipped

ENGLISH = "Estonia will host more NATO troops next year, the defence minister said on Monday in Tallinn. " * 3


def _write(tmp_path: Path, files: dict[str, bytes | str]) -> list[Path]:
    paths = []
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        paths.append(path)
    return paths


@pytest.mark.parametrize(
    ("name", "content", "stage", "problem"),
    [
        ("empty.txt", "   \n", "read", "the document is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "read", "binary data (a NUL byte at offset 8)"),
        (
            "russian.txt",
            "Россия развернет войска у границы, заявил министр обороны в понедельник. " * 4,  # noqa: RUF001
            "language",
            "'ru'",
        ),
        (
            "french.md",
            "La France enverra des troupes en Roumanie l'année prochaine, a déclaré le ministre. " * 4,
            "language",
            "'fr'",
        ),
        ("copy.txt", ENGLISH.replace(" ", "  "), "duplicate", "the same text as"),
        ("empty.html", "<html><body><script>x()</script></body></html>", "read", "the page has no visible text"),
    ],
)
def test_resilience_a_bad_input_is_skipped_and_the_good_one_read(tmp_path, name, content, stage, problem):
    good, bad = _write(tmp_path, {"good.txt": ENGLISH, name: content})
    documents, skipped = read_inputs([good, bad])
    assert [d.identifier for d in documents] == ["good.txt"]
    assert [(s.where, s.stage) for s in skipped] == [(str(bad), stage)]
    assert problem in skipped[0].problem and skipped[0].fix


def test_resilience_bad_json_lines_are_skipped_line_by_line(tmp_path):
    [feed] = _write(
        tmp_path,
        {"feed.jsonl": f'{{"id": "a", "text": "{ENGLISH}"}}\n{{broken\n[1, 2]\n{{"id": "b", "text": "NATO met."}}\n'},
    )
    documents, skipped = read_inputs([feed])
    assert [d.identifier for d in documents] == ["a", "b"]
    assert [s.where for s in skipped] == [f"{feed}:2", f"{feed}:3"]
    assert skipped[0].problem.startswith("invalid JSON") and "expected a JSON object" in skipped[1].problem


def test_resilience_a_file_over_the_size_limit_is_skipped(tmp_path):
    good, big = _write(tmp_path, {"good.txt": ENGLISH, "big.txt": ENGLISH * 10})
    documents, skipped = read_inputs([good, big], max_bytes=len(ENGLISH.encode()) + 1)
    assert [d.identifier for d in documents] == ["good.txt"]
    assert "over the limit of" in skipped[0].problem


def test_resilience_a_document_geokg_fails_on_is_reported_and_the_rest_built(tmp_path, monkeypatch):
    from geokg import pipeline

    good, trap = _write(tmp_path, {"good.txt": ENGLISH, "trap.txt": "Latvia will host NATO troops next year."})
    real = pipeline.process

    def failing(document, **kwargs):
        if document.identifier == "trap.txt":
            raise IndexError("list index out of range")
        return real(document, **kwargs)

    monkeypatch.setattr(pipeline, "process", failing)
    result = pipeline.build([good, trap], settings=Settings())
    assert [r.document.identifier for r in result.results] == ["good.txt"]
    [skipped] = result.skipped
    assert isinstance(skipped, Skipped) and skipped.stage == "extract"
    assert skipped.where == str(trap) and "IndexError: list index out of range" in skipped.problem


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_resilience_a_build_killed_midway_leaves_the_previous_output_and_no_temporary_files(tmp_path, signum):
    out = tmp_path / "out"
    out.mkdir()
    (out / "geokg.ttl").write_bytes(b"# the previous build\n")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(200):  # long enough to be killed while processing
        (inputs / f"doc{number:03}.txt").write_text(f"Document {number}. {ENGLISH}", encoding="utf-8")
    # SIGINT as a terminal sends it: a process started in the background inherits it ignored
    restore = (
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); from geokg.cli import main; main()"
    )
    build = subprocess.Popen(
        [sys.executable, "-c", restore, "build", str(inputs), "-o", str(out), "-q", "--no-cache"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not any(out.glob(".tmp-*/.scratch/*/*/*.nq")) and time.monotonic() < deadline:
        time.sleep(0.1)  # until the first parts are written
    build.send_signal(signum)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode != 0, stderr
    assert b"Traceback" not in stderr
    assert (out / "geokg.ttl").read_bytes() == b"# the previous build\n"
    assert sorted(p.name for p in out.iterdir()) == ["geokg.ttl"]


def test_resilience_a_broken_link_in_a_directory_is_reported_not_passed_over(tmp_path):
    from geokg.ingest import collect_inputs

    _write(tmp_path, {"good.txt": ENGLISH})
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    files, _ = collect_inputs([tmp_path])
    documents, skipped = read_inputs(files)
    assert [d.identifier for d in documents] == ["good.txt"]
    assert [(Path(s.where).name, s.problem) for s in skipped] == [("gone.txt", "no such file")]


def _messy(text: str) -> str:
    """The text as a scraper or a PDF converter leaves it: hard wraps at about 60 characters, the
    odd word hyphenated across a break, page furniture between paragraphs."""
    furniture = ["Share on Facebook | Share on Twitter", "Subscribe to our newsletter", "Advertisement"]
    paragraphs = []
    for number, paragraph in enumerate(p for p in text.split("\n") if p.strip()):
        lines, line = [], ""
        for word in paragraph.split(" "):
            if len(line) + len(word) > 60 and line:
                if len(word) > 9 and word.isalpha() and word.islower():
                    lines.append(f"{line} {word[:4]}-")
                    line = word[4:]
                    continue
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        paragraphs.append("\n".join(lines))
        paragraphs.append(furniture[number % len(furniture)])
    return "\n\n".join(paragraphs)


def test_resilience_messy_scraped_text_gives_what_the_clean_text_gives_with_exact_evidence(tmp_path):
    from geokg.config import BUNDLED_CORPUS
    from geokg.model import StatedIntention
    from geokg.pipeline import build

    clean, messy = tmp_path / "clean", tmp_path / "messy"
    clean.mkdir()
    messy.mkdir()
    for seed in sorted(BUNDLED_CORPUS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        (clean / seed.name).write_text(text, encoding="utf-8")
        (messy / seed.name).write_bytes(_messy(text).encode("cp1252", errors="replace"))

    def intentions(directory):
        result = build([directory], settings=Settings())
        for document in result.results:
            for claim in document.claims:
                assert document.document.text[claim.evidence.start : claim.evidence.end] == claim.evidence.exact
        return sorted(
            (c.holder.key, c.modality, c.negated)
            for r in result.results
            for c in r.claims
            if isinstance(c, StatedIntention)
        )

    expected, found = intentions(clean), intentions(messy)
    assert len(found) >= len(expected) - 1 and len(set(found) & set(expected)) >= len(set(expected)) - 1


def test_resilience_an_output_that_cannot_be_written_is_an_error_not_a_bug(tmp_path, monkeypatch):
    from geokg import publish
    from geokg.errors import OutputError

    out = tmp_path / "out"
    out.mkdir()
    (out / "geokg.ttl").write_bytes(b"# the previous build\n")

    def full(self, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(OutputError, match=r"out: cannot write the build there \(No space left on device\)"):
        publish.publish({"geokg.ttl": b"new"}, out)
    monkeypatch.undo()
    assert (out / "geokg.ttl").read_bytes() == b"# the previous build\n"
    assert sorted(p.name for p in out.iterdir()) == ["geokg.ttl"]


def test_resilience_one_label_per_entity_and_a_person_as_creator_whatever_the_text(tmp_path):
    """Found by the benchmark's generated corpus: a bibliography line glued to a sentence made a
    state the creator, and "MATTIS" and "Mattis" gave one IRI two labels."""
    from rdflib import RDFS, Graph

    from geokg.service import build_files

    _write(
        tmp_path,
        {
            "a.txt": "Press Gaggle by Secretary Mattis\n\nSECRETARY MATTIS: We will stand with Poland.\n\n"
            "Later Mattis said NATO would send troops to Estonia, the ministry said on Monday.",
            "c.txt": "The Georgia has pledged to defend those countries. Konstantin Eggert Deutsche Welle, 10-27, "
            "21, After breaking off NATO ties, Russia to focus on Baltics, Bibliography. Poland will host troops.",
            "b.txt": "Jim Mattis said the alliance will defend Estonia, the minister said on Monday in Tallinn.",
        },
    )
    _, files = build_files([tmp_path], settings=Settings(jobs=1))
    union = Graph().parse(data=files["geokg.ttl"], format="turtle")
    assert files["validation-report.txt"] == b"The graph conforms to the shapes."
    for subject in set(union.subjects(RDFS.label, None)):
        assert len(list(union.objects(subject, RDFS.label))) == 1, subject
