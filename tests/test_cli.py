"""The command line: help texts, exit codes, and that failures publish nothing."""

import json
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from geokg.cli import main

COMMANDS = sorted(main.commands)


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_every_command_has_help_with_an_example(runner, name):
    result = runner.invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "geokg " + name in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_every_option_has_help_text(name):
    for param in main.commands[name].params:
        if isinstance(param, click.Option):
            assert param.help, f"geokg {name} {param.opts[0]} has no help text"


def test_cli_missing_input_exits_2_and_writes_nothing(runner, tmp_path: Path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(tmp_path / "missing.txt"), "-o", str(out)])
    assert result.exit_code == 2
    assert "missing.txt: no such file" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_cli_a_bad_input_is_skipped_and_the_rest_published_with_exit_3(runner, tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\x00\xff\xfe broken")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("NATO met in Brussels.", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(good), str(bad), str(empty), "-o", str(out)])
    assert result.exit_code == 3
    assert f"skipped {bad}: binary data (a NUL byte at offset 2)" in result.output
    assert f"skipped {empty}: the document is empty" in result.output
    assert "1 documents" in result.output
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert [d["document"] for d in report["published"]] == ["good.txt"]
    assert [(Path(s["where"]).name, s["stage"]) for s in report["skipped"]] == [
        ("bad.txt", "read"),
        ("empty.txt", "read"),
    ]


def test_cli_strict_fails_on_a_skipped_input_and_publishes_nothing(runner, tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("NATO met in Brussels.", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(good), str(empty), "--strict", "-o", str(out)])
    assert result.exit_code == 2
    assert (
        "with --strict nothing was published" in result.output and "empty.txt: the document is empty" in result.output
    )
    assert not out.exists() or not any(out.iterdir())


def test_cli_when_every_input_is_skipped_nothing_is_published_and_the_exit_is_2(runner, tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "geokg.ttl").write_text("# the previous build\n", encoding="utf-8")
    result = runner.invoke(main, ["build", str(empty), "-o", str(out)])
    assert result.exit_code == 2
    assert "no document was left to publish, so nothing was published" in result.output
    assert (out / "geokg.ttl").read_text(encoding="utf-8") == "# the previous build\n"


def test_cli_an_input_over_the_size_limit_is_skipped(runner, tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_text("NATO met in Brussels. " * 100, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("NATO met in Brussels.", encoding="utf-8")
    result = runner.invoke(main, ["build", str(good), str(big), "--max-bytes", "1000", "-o", str(tmp_path / "o")])
    assert result.exit_code == 3
    assert f"skipped {big}: 2,200 bytes, over the limit of 1,000. Split it, or raise the limit with --max-bytes" in (
        result.output
    )


def test_cli_a_bug_is_reported_as_one_with_exit_70_and_the_traceback_only_with_debug(runner, tmp_path, monkeypatch):
    import geokg.service

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(geokg.service, "build_and_publish", broken)
    result = runner.invoke(main, ["build", "-o", str(tmp_path / "out")])
    assert result.exit_code == 70
    assert "geokg hit a bug (ZeroDivisionError: division by zero)" in result.output
    assert "Traceback" not in result.output
    debug = runner.invoke(main, ["--debug", "build", "-o", str(tmp_path / "out")])
    assert isinstance(debug.exception, ZeroDivisionError)


def test_cli_validate_exits_1_on_data_that_does_not_conform(runner, tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix gk: <https://w3id.org/geokg/ontology#> .\n"
        '<http://example.org/i> a gk:StatedIntention ; gk:action "x" .\n',
        encoding="utf-8",
    )
    result = runner.invoke(main, ["validate", str(bad), "--report", str(tmp_path / "report.ttl")])
    assert result.exit_code == 1
    assert "http://example.org/i" in result.output
    import pyoxigraph as ox

    report = {q.triple for q in ox.parse(path=str(tmp_path / "report.ttl"), format=ox.RdfFormat.TURTLE)}
    sh = "http://www.w3.org/ns/shacl#"
    focus = {t.object for t in report if t.predicate == ox.NamedNode(sh + "focusNode")}
    assert ox.NamedNode("http://example.org/i") in focus  # every result, as SHACL reports it
    assert any(t.object == ox.NamedNode(sh + "ValidationReport") for t in report)


def test_cli_validate_unparsable_file_exits_2(runner, tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "bad.ttl" in result.output


def test_cli_build_writes_turtle_and_report(runner, tmp_path: Path):
    text = tmp_path / "note.txt"
    text.write_text("Ukraine is not a member of NATO. Russian President Vladimir Putin spoke.", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(text), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert (out / "geokg.ttl").read_text(encoding="utf-8").startswith("@prefix")
    assert "Conforms" in (out / "validation-report.txt").read_text(encoding="utf-8") or "conforms" in (
        out / "validation-report.txt"
    ).read_text(encoding="utf-8")
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp")]


@pytest.mark.parametrize(
    "suffix, data",
    [
        (
            ".nq",
            "<http://example.org/i> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
            "<https://w3id.org/geokg/ontology#StatedIntention> <http://example.org/g> .\n",
        ),
        (
            ".trig",
            "<http://example.org/g> { <http://example.org/i> a <https://w3id.org/geokg/ontology#StatedIntention> . }\n",
        ),
    ],
)
def test_cli_validate_reads_the_graphs_of_quad_files(runner, tmp_path: Path, suffix, data):
    bad = tmp_path / f"bad{suffix}"
    bad.write_text(data, encoding="utf-8")
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "http://example.org/i" in result.output


def test_cli_missing_directory_is_named(runner, tmp_path: Path):
    result = runner.invoke(main, ["build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "nowhere: no such file or directory" in result.output


def test_cli_eval_needs_gold_files(runner, tmp_path: Path):
    (tmp_path / "a.txt").write_text("NATO met.", encoding="utf-8")
    result = runner.invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert "holds no NAME.gold.json files" in result.output


def test_cli_progress_is_a_bar_on_a_terminal_and_plain_lines_otherwise(monkeypatch, capsys):
    import io

    from geokg.cli import _Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = _Progress()
    for number in (1, 2, 3):
        progress(number, 3, f"doc{number}.txt")
    assert "doc/s" in terminal.getvalue() or "s/doc" in terminal.getvalue()
    assert "| 0/3 [" in terminal.getvalue()  # drawn at the start; redrawn at most ten times a second
    monkeypatch.undo()
    _Progress()(1, 2, "a.txt")
    assert capsys.readouterr().err == "[1/2] a.txt\n"
