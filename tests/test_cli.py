"""The command line: help texts, exit codes, and that failures publish nothing."""

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


def test_cli_undecodable_input_exits_2_naming_file_and_line(runner, tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xff\xfe broken")
    good = tmp_path / "good.txt"
    good.write_text("NATO met in Brussels.", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(good), str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert "bad.txt:2: not valid UTF-8" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_cli_empty_input_exits_2(runner, tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(main, ["build", str(empty), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "empty.txt: the document is empty" in result.output


def test_cli_validate_exits_1_on_data_that_does_not_conform(runner, tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix gk: <https://w3id.org/geokg/ontology#> .\n"
        '<http://example.org/i> a gk:StatedIntention ; gk:action "x" .\n',
        encoding="utf-8",
    )
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "http://example.org/i" in result.output


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
