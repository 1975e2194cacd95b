"""The README stays true: its example answers are what geokg answers over the published output/."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _sparql_example() -> str:
    return re.search(r"```sparql\n(.*?)```", README, re.DOTALL).group(1)


@pytest.mark.parametrize(
    "args",
    [
        ["query", "intentions-by-holder", "--param", "holder=Russia"],
        ["query", "who-says-what"],
        ["query", "SPARQL-EXAMPLE"],
    ],
)
def test_readme_example_answers_are_current(args):
    args = [_sparql_example() if a == "SPARQL-EXAMPLE" else a for a in args]
    result = CliRunner().invoke(main, [*args, "--build", str(REPO / "output")])
    assert result.exit_code == 0, result.output
    assert result.output.strip() in README, (
        f"README example for `geokg {' '.join(args[:2])}` is stale:\n{result.output}"
    )


def test_readme_gives_the_two_commands_that_ci_runs():
    assert "make run" in README and "make test" in README
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
