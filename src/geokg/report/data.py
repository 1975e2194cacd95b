"""What the report shows, read from a build's graph by the SPARQL queries in report/queries/.

Everything is sorted here, so that the pages made from it are the same bytes for the same build."""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field
from importlib import resources

import pyoxigraph as ox

from geokg.keys import digest, slug

_POINT = re.compile(r"POINT\((-?[0-9.]+) (-?[0-9.]+)\)")


@dataclass(frozen=True)
class Actor:
    iri: str
    label: str
    kind: str  # the gk: class's local name
    page: str  # the actor's page, relative to the report's directory
    wikidata: str | None = None
    point: tuple[float, float] | None = None  # longitude, latitude


@dataclass(frozen=True)
class Evidence:
    document: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Report:
    """One document's statement of a fact: its words, and who says so, outermost first."""

    fact: str
    evidence: Evidence
    action: str = ""
    chain: tuple[tuple[str, str], ...] = ()  # (source IRI, cue) per level of reported speech


@dataclass
class IntentionClaim:
    iri: str
    label: str
    documents: int
    publishers: int
    holder: str
    modality: str
    negated: bool
    targets: tuple[str, ...]
    reports: list[Report] = field(default_factory=list)
    dates: set[str] = field(default_factory=set)  # the issue dates of its documents


@dataclass
class EventClaim:
    iri: str
    label: str
    documents: int
    type: str
    date: str | None
    participants: tuple[str, ...]
    places: tuple[str, ...]
    reports: list[Report] = field(default_factory=list)
    dates: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Membership:
    member: str
    organization: str
    negated: bool
    documents: int
    evidence: Evidence


@dataclass(frozen=True)
class Role:
    person: str
    title: str
    within: str | None
    evidence: Evidence


@dataclass(frozen=True)
class Document:
    identifier: str
    title: str | None
    publisher: str | None
    issued: str | None
    url: str | None


@dataclass
class ReportData:
    actors: dict[str, Actor]
    intentions: list[IntentionClaim]
    events: list[EventClaim]
    memberships: list[Membership]
    roles: list[Role]
    documents: list[Document]
    counts: dict[str, int]  # facts per class, claims per kind


def gather(store: ox.Store) -> ReportData:
    """The report's data from a store whose default graph is the build's union graph."""
    actors = _actors(store)
    return ReportData(
        actors=actors,
        intentions=_intentions(store),
        events=_events(store),
        memberships=[
            Membership(r["member"], r["organization"], r.get("negated") == "true", int(r["documents"]), _evidence(r))
            for r in _rows(store, "memberships")
        ],
        roles=[Role(r["person"], r["title"], r.get("in"), _evidence(r)) for r in _rows(store, "roles")],
        documents=[
            Document(r["document"], r.get("title"), r.get("publisher"), r.get("issued"), r.get("url"))
            for r in _rows(store, "documents")
        ],
        counts=_counts(store),
    )


def _actors(store: ox.Store) -> dict[str, Actor]:
    found: dict[str, Actor] = {}
    for row in _rows(store, "entities"):
        iri = row["entity"]
        point = _POINT.fullmatch(row.get("wkt") or "")
        kind = row["class"].rsplit("#", 1)[-1]
        qid = (row.get("wikidata") or "").rsplit("/", 1)[-1] or None
        actor = Actor(
            iri,
            row["label"],
            kind,
            f"actors/{slug(row['label'])}-{digest(iri, length=6)}.html",  # tells apart labels of one slug
            qid,
            (float(point[1]), float(point[2])) if point else None,
        )
        found.setdefault(iri, actor)
    return dict(sorted(found.items()))


def _intentions(store: ox.Store) -> list[IntentionClaim]:
    chains = collections.defaultdict(list)
    for row in _rows(store, "attributions"):
        chains[row["fact"]].append((int(row["level"]), row["source"], row.get("cue") or ""))
    claims: dict[str, IntentionClaim] = {}
    targets = collections.defaultdict(set)
    reports: dict[tuple[str, str], Report] = {}
    for row in _rows(store, "intentions"):
        claim = claims.setdefault(
            row["claim"],
            IntentionClaim(
                row["claim"],
                row["claim_label"],
                int(row["documents"]),
                int(row["publishers"]),
                row["holder"],
                row["modality"],
                row.get("negated") == "true",
                (),
            ),
        )
        if row.get("target"):
            targets[row["claim"]].add(row["target"])
        if row.get("issued"):
            claim.dates.add(row["issued"])
        chain = tuple((source, cue) for _, source, cue in sorted(chains[row["fact"]]))
        if not chain and row.get("says"):
            chain = ((row["says"], ""),)
        reports.setdefault((row["claim"], row["fact"]), Report(row["fact"], _evidence(row), row["action"], chain))
    for (iri, _), report in sorted(reports.items(), key=lambda item: (item[0][0], _order(item[1]))):
        claims[iri].reports.append(report)
    for iri, claim in claims.items():
        claim.targets = tuple(sorted(targets[iri]))
    return sorted(claims.values(), key=lambda c: (-c.documents, c.label, c.iri))


def _events(store: ox.Store) -> list[EventClaim]:
    claims: dict[str, EventClaim] = {}
    participants, places = collections.defaultdict(set), collections.defaultdict(set)
    reports: dict[tuple[str, str], Report] = {}
    for row in _rows(store, "events"):
        claim = claims.setdefault(
            row["claim"],
            EventClaim(row["claim"], row["claim_label"], int(row["documents"]), row["type"], row.get("date"), (), ()),
        )
        if row.get("participant"):
            participants[row["claim"]].add(row["participant"])
        if row.get("place"):
            places[row["claim"]].add(row["place"])
        if row.get("issued"):
            claim.dates.add(row["issued"])
        reports.setdefault((row["claim"], row["fact"]), Report(row["fact"], _evidence(row), row.get("label") or ""))
    for (iri, _), report in sorted(reports.items(), key=lambda item: (item[0][0], _order(item[1]))):
        claims[iri].reports.append(report)
    for iri, claim in claims.items():
        claim.participants = tuple(sorted(participants[iri]))
        claim.places = tuple(sorted(places[iri]))
    return sorted(claims.values(), key=lambda c: (c.date or "", c.label, c.iri))


def _counts(store: ox.Store) -> dict[str, int]:
    text = """PREFIX gk: <https://w3id.org/geokg/ontology#>
    SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
      VALUES ?class { gk:Document gk:StatedIntention gk:Membership gk:RoleAssignment gk:Event
                      gk:IntentionClaim gk:MembershipClaim gk:EventClaim }
      ?x a ?class
      FILTER NOT EXISTS { ?x gk:startDate|gk:endDate ?reference }
    } GROUP BY ?class"""
    counts = {row["class"].value.rsplit("#", 1)[-1]: int(row["n"].value) for row in store.query(text)}
    return dict(sorted(counts.items()))


def _order(report: Report) -> tuple:
    return (report.evidence.document, report.evidence.start, report.evidence.end, report.fact)


def _evidence(row: dict[str, str]) -> Evidence:
    return Evidence(row["document"], row["quote"], int(row["start"]), int(row["end"]))


def _rows(store: ox.Store, name: str) -> list[dict[str, str]]:
    """The answers of report/queries/<name>.rq as plain strings, sorted."""
    text = resources.files("geokg.report").joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")
    solutions = store.query(text)
    variables = [v.value for v in solutions.variables]
    rows = [{v: s[v].value for v in variables if s[v] is not None} for s in solutions]
    return sorted(rows, key=lambda row: [(v, row.get(v, "")) for v in variables])
