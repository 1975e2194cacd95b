"""What scoring returns: counts per fact type, intention details and the per-document error lists."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

FACT_TYPES = ("entities", "states_alliances", "intentions", "memberships", "roles", "events")
ERROR_KINDS = ("missed", "false positive", "wrong detail")

CauseKey = tuple[str, str, str]  # (fact type, error kind, cause)


@dataclass(frozen=True)
class Score:
    """Counts for one fact type; precision, recall and F1 are exact (rounded only when formatted)."""

    tp: int
    pred: int
    gold: int

    @property
    def p(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.pred + other.pred, self.gold + other.gold)


@dataclass(frozen=True)
class IntentionDetails:
    """How many matched intentions have the right modality, attribution and target."""

    matched: int = 0
    modality_ok: int = 0
    attribution_ok: int = 0
    target_ok: int = 0

    @property
    def modality_acc(self) -> float:
        return self.modality_ok / (self.matched or 1)

    @property
    def attribution_acc(self) -> float:
        return self.attribution_ok / (self.matched or 1)

    @property
    def target_acc(self) -> float:
        return self.target_ok / (self.matched or 1)

    def __add__(self, other: IntentionDetails) -> IntentionDetails:
        return IntentionDetails(
            self.matched + other.matched,
            self.modality_ok + other.modality_ok,
            self.attribution_ok + other.attribution_ok,
            self.target_ok + other.target_ok,
        )


@dataclass(frozen=True)
class MissedGold:
    """A gold item no prediction matched; `agent` is its agent, member, person or entity name;
    `cause` is its one cause (geokg.eval.causes), empty for entities."""

    fact_type: str
    agent: str
    evidence: str
    reason: str
    cause: str = ""


@dataclass(frozen=True)
class FalsePositive:
    """A prediction that matched no gold item; `holder` is the label of its holder, member or person;
    `cause` is its one cause (geokg.eval.causes), empty for entities."""

    fact_type: str
    fact: str
    holder: str
    exact: str
    cause: str = ""


@dataclass(frozen=True)
class DetailError:
    """A matched intention whose modality, attribution or target differs from the gold one; `cause`
    is how it is counted ("modality: pledge → intent", "attribution: missing")."""

    fact: str
    field: str
    expected: str | None
    got: str | None
    evidence: str
    cause: str = ""


@dataclass(frozen=True)
class ExtractedNonIntention:
    """A gold non-intention that the build extracted as intention(s) anyway."""

    text: str
    why: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class DocumentReport:
    """The scores and errors of one gold document; `found` is False when the build lacks it."""

    stem: str
    found: bool
    scores: dict[str, Score]
    details: IntentionDetails
    missed: tuple[MissedGold, ...] = ()
    false_positives: tuple[FalsePositive, ...] = ()
    detail_errors: tuple[DetailError, ...] = ()
    non_intentions: tuple[ExtractedNonIntention, ...] = ()


@dataclass(frozen=True)
class EvalReport:
    """The scores of a build against a gold directory, document by document, in file-name order."""

    documents: tuple[DocumentReport, ...]

    @property
    def totals(self) -> dict[str, Score]:
        return {k: sum((d.scores[k] for d in self.documents), Score(0, 0, 0)) for k in FACT_TYPES}

    @property
    def details(self) -> IntentionDetails:
        return sum((d.details for d in self.documents), IntentionDetails())

    @property
    def documents_found(self) -> int:
        return sum(1 for d in self.documents if d.found)

    @property
    def documents_gold(self) -> int:
        return len(self.documents)

    @property
    def non_intentions_extracted(self) -> int:
        return sum(len(d.non_intentions) for d in self.documents)

    @property
    def cause_counts(self) -> dict[CauseKey, int]:
        """How many errors of each (fact type, kind, cause), over all documents: by fact type and kind
        in FACT_TYPES and ERROR_KINDS order, then the most frequent cause first."""
        counts: Counter[CauseKey] = Counter()
        for d in self.documents:
            counts.update(_cause_keys(d))
        return dict(sorted(counts.items(), key=_table_order))


def _cause_keys(d: DocumentReport) -> list[CauseKey]:
    keys = [(m.fact_type, "missed", m.cause) for m in d.missed]
    keys += [(fp.fact_type, "false positive", fp.cause) for fp in d.false_positives]
    keys += [("intentions", "wrong detail", e.cause) for e in d.detail_errors]
    return [key for key in keys if key[2]]


def _table_order(item: tuple[CauseKey, int]) -> tuple[int, int, int, str]:
    (fact_type, kind, cause), count = item
    return FACT_TYPES.index(fact_type), ERROR_KINDS.index(kind), -count, cause
