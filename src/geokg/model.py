"""The data that flows between stages: documents, entities, and claims with their evidence.

Everything here is a frozen dataclass: stages hand these on and never mutate them, and no
spaCy object ever leaves the `nlp` stage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[int, int, str], None]  # (done, total, what is being done): a progress callback

ENTITY_KINDS = (
    "State",
    "Alliance",
    "InternationalOrganization",
    "Organization",
    "Person",
    "Place",
    "Treaty",
    "StateGroup",
    "CollectiveActor",
    "NamedEvent",
)
MODALITIES = ("Plan", "Threat", "Pledge", "Intent", "Goal", "Consideration", "Demand", "Warning")
CERTAINTIES = ("Asserted", "Probable", "Possible")


@dataclass(frozen=True)
class Evidence:
    """A span of a document's text: code points, end exclusive; `exact` is text[start:end]."""

    start: int
    end: int
    exact: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Evidence:
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Entity:
    """A real-world entity: from the reference KB (with `key` like "Q159") or local to the build.

    `key` is the stable identity the IRI is minted from: a Wikidata id, or "kind:slug" for
    entities the KB does not know ("person:konstantin-eggert").
    """

    key: str
    kind: str
    label: str
    wikidata: str | None = None
    alt_labels: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # keys of the states a StateGroup stands for


@dataclass(frozen=True)
class Mention:
    """A stretch of text that refers to an entity."""

    entity: Entity
    evidence: Evidence


@dataclass(frozen=True)
class Document:
    """One input document: its text exactly as read and the metadata known about it."""

    identifier: str  # the input's file name, e.g. "valuewalk_russia_break_nato.txt"
    text: str
    source: str = ""  # where it was read from (a path, or "<stdin>")
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    issued: str | None = None  # ISO date, "YYYY-MM-DD"
    encoding: str | None = None  # the character encoding the input was read in ("utf-8", "cp1252", ...)
    url: str | None = None  # where it was published (a web page's canonical URL)
    extra: tuple[tuple[str, str], ...] = ()  # fields of the input geokg does not read, kept as written, sorted


@dataclass(frozen=True)
class Membership:
    member: Entity
    organization: Entity
    evidence: Evidence
    negated: bool = False


@dataclass(frozen=True)
class RoleAssignment:
    person: Entity
    title: str
    evidence: Evidence
    role_in: Entity | None = None


@dataclass(frozen=True)
class Event:
    event_type: str  # local name of a gk:EventType concept, e.g. "Annexation"
    evidence: Evidence
    participants: tuple[Entity, ...] = ()
    places: tuple[Entity, ...] = ()
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    label: str | None = None


@dataclass(frozen=True)
class TreatyMention:
    treaty: Entity
    evidence: Evidence
    parties: tuple[Entity, ...] = ()
    signed: str | None = None


@dataclass(frozen=True)
class Attribution:
    """One level of reported speech or belief: `source` says so, signalled by `cue`."""

    source: Entity
    cue: str
    evidence: Evidence


@dataclass(frozen=True)
class StatedIntention:
    holder: Entity
    modality: str  # one of MODALITIES
    action: str
    evidence: Evidence
    targets: tuple[Entity, ...] = ()
    attributions: tuple[Attribution, ...] = ()  # outermost first; the last is gk:attributedTo
    negated: bool = False
    certainty: str = "Asserted"  # one of CERTAINTIES
    condition: str | None = None
    cue: str | None = None
    gist: str = ""  # the action's head and object, as paraphrases share them (geokg.extract.gist)


Claim = Membership | RoleAssignment | Event | TreatyMention | StatedIntention


@dataclass(frozen=True)
class DocumentResult:
    """What the pipeline found in one document."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = field(default_factory=tuple)
    rejected: tuple[tuple[Claim, str], ...] = ()  # claims set aside, with the reason


@dataclass(frozen=True)
class Skipped:
    """An input, or one document of it, that was not published, and why: `where` is the file (and
    line), `stage` where it failed ("read", "language", "duplicate", "extract"), `fix` what to do."""

    where: str
    stage: str
    problem: str
    fix: str
    same_as: str | None = None  # for a duplicate: the source of the document published in its place
