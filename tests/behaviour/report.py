"""Running the behavioural cases through the whole pipeline and the pass rate per phenomenon.

Shared by tests/test_behaviour.py, the terminal summary hook in tests/conftest.py and
`python -m tests.behaviour`, so that all three print the same table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pytest

from .checks import failure
from .generator import Case

TARGET = 0.95  # the pass rate issue 7 asks of every phenomenon
OUTCOMES = pytest.StashKey[list]()  # where the test module leaves its outcomes for the summary hook


@dataclass(frozen=True)
class Outcome:
    case: Case
    failure: str | None  # None: the case passed

    @property
    def passed(self) -> bool:
        return self.failure is None


def pipeline_runner(kb) -> Callable[[str, str], object]:
    """A function running the whole per-document flow over one string, as `geokg build` would."""
    from geokg.config import Settings
    from geokg.ingest import read_text
    from geokg.pipeline import process

    settings = Settings()

    def run(text: str, name: str):
        document = read_text(text.encode("utf-8"), identifier=name, source=name)
        return process(document, kb=kb, settings=settings)

    return run


def run_cases(cases: Iterable[Case], run: Callable[[str, str], object]) -> list[Outcome]:
    """Each case as a document of its own, so that cases cannot interfere."""
    outcomes = []
    for number, case in enumerate(cases):
        result = run(case.text, f"behaviour-{case.phenomenon}-{number}.txt")
        outcomes.append(Outcome(case, failure(case.expect, result)))
    return outcomes


def by_phenomenon(outcomes: Iterable[Outcome]) -> dict[str, list[Outcome]]:
    groups: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault(outcome.case.phenomenon, []).append(outcome)
    return groups


def pass_rate(outcomes: Sequence[Outcome]) -> float:
    passed = [outcome for outcome in outcomes if outcome.passed]
    return len(passed) / len(outcomes) if outcomes else 0.0


def table(outcomes: Iterable[Outcome]) -> str:
    """The pass rate per phenomenon, with how many states and regions its cases cover."""
    header = f"{'phenomenon':<16} {'passed':>6} {'cases':>5} {'rate':>6} {'states':>6} {'regions':>7}  target"
    lines = [header, "-" * len(header)]
    total: list[Outcome] = []
    for name, group in by_phenomenon(outcomes).items():
        total.extend(group)
        states = {outcome.case.state for outcome in group}
        regions = {outcome.case.region for outcome in group}
        rate = pass_rate(group)
        mark = "ok" if rate >= TARGET else "BELOW"
        passed = sum(outcome.passed for outcome in group)
        lines.append(f"{name:<16} {passed:>6} {len(group):>5} {rate:>6.2f} {len(states):>6} {len(regions):>7}  {mark}")
    lines.append("-" * len(header))
    passed = sum(outcome.passed for outcome in total)
    lines.append(f"{'all':<16} {passed:>6} {len(total):>5} {pass_rate(total):>6.2f}")
    return "\n".join(lines)


def examples(outcomes: Sequence[Outcome], limit: int = 3) -> list[str]:
    """A few failing cases of a group, one per template before a second of any: the sentence and what came out."""
    by_template: dict[int, list[Outcome]] = {}
    for outcome in outcomes:
        if not outcome.passed:
            by_template.setdefault(outcome.case.template, []).append(outcome)
    chosen: list[Outcome] = []
    for rank in range(max((len(group) for group in by_template.values()), default=0)):
        chosen.extend(group[rank] for group in by_template.values() if rank < len(group))
    return [f"{outcome.case.text}  ->  {outcome.failure}" for outcome in chosen[:limit]]
