"""Claims: one stated intention, membership or event, as one document or several report it.

Two documents report the same stated intention when they agree on its holder, modality, targets
and negation, and their actions have the same gist (geokg.extract.gist: "invade Ukraine" and
"launch an invasion of Ukraine" say one thing); the same membership when member, organisation and
negation agree; the same event when its type, participants, places and date agree. A denial and an
assertion never make one claim, nor do two reports toward different targets.

Each document's part lists its facts with their claim keys (`Support`, kept in the part's summary);
after the last document the build groups them into the claims graph: a `gk:Claim` per key (its IRI
a digest of the key), the number of documents and of publishers that report it, and a
`gk:supportsClaim` from each fact to its claim. Every fact of the three kinds supports exactly one
claim, so an edge of the report's network is a claim, its width the number of its sources.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox

from geokg.keys import digest
from geokg.merge import sorted_distinct
from geokg.model import Claim, Event, Membership, StatedIntention
from geokg.rdf import iri
from geokg.rdf.terms import GK, RDF, RDFS, XSD

GROUPED = (StatedIntention, Membership, Event)  # the kinds of fact claims group
REPORTS_FILE = "claims-reports.jsonl"  # in the scratch directory, while a build lasts


@dataclass(frozen=True)
class Support:
    """A fact of a document and the key of the claim it supports, as a part's summary keeps them."""

    fact: str  # the fact's IRI
    key: tuple[str, ...]  # kind first: what must agree for two facts to be one claim
    wording: str  # how this document words it: an intention's action, an event's label ("" if none)

    def to_json(self) -> list:
        return [self.fact, list(self.key), self.wording]

    @classmethod
    def from_json(cls, data: list) -> Support:
        fact, key, wording = data
        return cls(fact, tuple(key), wording)


def claim_keys(facts: Iterable[tuple[str, Claim]]) -> tuple[Support, ...]:
    """The claim key of each fact (IRI, claim) of a document that claims group (intentions,
    memberships, events), in order. Claims with one IRI are one fact in the graph, its targets,
    participants and places the union of theirs: so is its key."""
    merged: dict[str, Claim] = {}
    for fact, claim in facts:
        if not isinstance(claim, GROUPED):
            continue
        first = merged.setdefault(fact, claim)
        if first is not claim:
            merged[fact] = _union(first, claim)
    return tuple(_support(fact, claim) for fact, claim in merged.items())


def _union(first: Claim, other: Claim) -> Claim:
    if isinstance(first, StatedIntention) and isinstance(other, StatedIntention):
        return replace(first, targets=(*first.targets, *other.targets))
    if isinstance(first, Event) and isinstance(other, Event):
        return replace(
            first, participants=(*first.participants, *other.participants), places=(*first.places, *other.places)
        )
    return first


def _support(fact: str, claim: Claim) -> Support:
    if isinstance(claim, StatedIntention):
        targets = " ".join(sorted({target.key for target in claim.targets}))
        gist = claim.gist or " ".join(claim.action.lower().split())
        key = ("intention", claim.holder.key, claim.modality, targets, _negation(claim.negated), gist)
        return Support(fact, key, claim.action)
    if isinstance(claim, Membership):
        return Support(fact, ("membership", claim.member.key, claim.organization.key, _negation(claim.negated)), "")
    # an Event: claim_keys passes on the GROUPED kinds only
    participants = " ".join(sorted({p.key for p in claim.participants}))
    places = " ".join(sorted({p.key for p in claim.places}))
    return Support(fact, ("event", claim.event_type, participants, places, claim.date or ""), claim.label or "")


def _words(name: str) -> str:
    """An event type's local name as words: "ArmedConflict" -> "Armed conflict"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).capitalize()


def _negation(negated: bool) -> str:
    return "negated" if negated else ""


@dataclass
class Gathered:
    """One claim: its key and the reports that support it, in input order."""

    key: tuple[str, ...]
    facts: list[str] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    publishers: set[str] = field(default_factory=set)
    wording: str = ""  # the first document's


class Claims:
    """The claims of a build, gathered a document at a time in input order, on disk: each report
    is a line of a scratch file until the last document; the lines are then sorted by claim (an
    external sort, geokg.merge.sorted_distinct) and read back a piece at a time. A build of any
    size keeps one number per claim in memory, and one piece of claims at a time.

    A report's line starts with a digest of its claim's key, then the key, then its number in
    input order: sorted, a claim's reports are together and in input order, and claims whose
    digests share their first bits are together (a piece)."""

    def __init__(self, base: str, scratch: Path | None = None):
        self.base = base
        self._temporary = None if scratch is not None else tempfile.TemporaryDirectory(prefix="geokg-claims-")
        self._scratch = scratch if scratch is not None else Path(self._temporary.name)
        self._scratch.mkdir(parents=True, exist_ok=True)
        self._reports = (self._scratch / REPORTS_FILE).open("wb")
        self._written = 0  # reports
        self._digests: set[int] = set()  # of the claims' keys

    def add(self, document: str, publisher: str | None, supports: Iterable[Support]) -> None:
        lines = []
        for found in supports:
            number = _key_digest(found.key)
            self._digests.add(number)
            order = f"{self._written + len(lines):012d}"
            report = [list(found.key), order, found.fact, document, publisher or "", found.wording]
            lines.append(f"{number:016x} {json.dumps(report, ensure_ascii=False)}\n".encode())
        self._written += len(lines)
        self._reports.writelines(lines)

    def __len__(self) -> int:
        return len(self._digests)

    def pieces(self, size: int) -> Iterator[list[Gathered]]:
        """The claims in pieces of about `size`, so that each piece can be made and checked against
        the shapes on its own. A claim's piece is chosen by the first bits of a digest of its key,
        among a power of two of them: claims that come or go leave the other pieces as they were
        (until their number doubles), so that a rebuild makes and checks again only the pieces
        that changed. No report can be added after."""
        self._reports.close()
        bits = max(0, math.ceil(math.log2(max(len(self), 1) / size)))
        piece: list[Gathered] = []
        current = None
        for claim, number in self._sorted():
            index = number >> (64 - bits) if bits else 0
            if index != current and piece:
                yield piece
                piece = []
            current = index
            piece.append(claim)
        if piece:
            yield piece

    def triples(self, labels: Mapping[str, str]) -> Iterator[tuple]:
        """The claims graph, as pyoxigraph terms (geokg.rdf.terms); `labels` gives an entity IRI's
        label, for the claims' own labels."""
        for piece in self.pieces(len(self) or 1):
            yield from self.piece_triples(piece, labels)

    def piece_triples(self, piece: Iterable[Gathered], labels: Mapping[str, str]) -> Iterator[tuple]:
        """The triples of the claims of a piece, each with the facts that support it."""
        for claim in piece:
            yield from self._claim(claim, labels)

    def signature(self, piece: Iterable[Gathered], labels: Mapping[str, str]) -> str:
        """A digest of everything the triples of the claims of a piece are made from."""
        made_from = [
            [self.base, claim.key, self._label(claim, labels), len(claim.documents), len(claim.publishers), claim.facts]
            for claim in piece
        ]
        return hashlib.sha256(json.dumps(made_from, ensure_ascii=False).encode("utf-8")).hexdigest()

    def _sorted(self) -> Iterator[tuple[Gathered, int]]:
        """Each claim, with the digest of its key, in the order of the digests."""
        with (self._scratch / REPORTS_FILE).open("rb") as reports:
            groups = iter(lambda: reports.readlines(1 << 22), [])  # 4 MiB of lines at a time
            lines = sorted_distinct(groups, self._scratch, name="claims")
            claim: Gathered | None = None
            number = 0
            for line in lines:
                key, _number, fact, document, publisher, wording = json.loads(line[17:])
                key = tuple(key)
                if claim is None or key != claim.key:
                    if claim is not None:
                        yield claim, number
                    claim, number = Gathered(key, wording=wording), int(line[:16], 16)
                claim.facts.append(fact)
                claim.documents.add(document)
                if publisher:
                    claim.publishers.add(publisher)
            if claim is not None:
                yield claim, number

    def _claim(self, claim: Gathered, labels: Mapping[str, str]) -> Iterator[tuple]:
        node = ox.NamedNode(iri.claim_iri(claim.key, self.base))
        yield node, RDF.type, GK.Claim
        yield node, RDF.type, _CLASSES[claim.key[0]]
        yield node, RDFS.label, ox.Literal(self._label(claim, labels), language="en")
        yield node, GK.documentCount, ox.Literal(str(len(claim.documents)), datatype=XSD.integer)
        yield node, GK.publisherCount, ox.Literal(str(len(claim.publishers)), datatype=XSD.integer)
        for fact in claim.facts:
            yield ox.NamedNode(fact), GK.supportsClaim, node

    def _label(self, claim: Gathered, labels: Mapping[str, str]) -> str:
        key, wording = claim.key, claim.wording

        def name(entity_key: str) -> str:
            return labels.get(iri.entity_iri(entity_key, self.base), entity_key)

        def names(keys: str) -> str:
            return ", ".join(name(k) for k in keys.split())

        kind = key[0]
        if kind == "intention":
            _, holder, modality, targets, negated, _gist = key
            label = f"{name(holder)}, {modality.lower()}: {'not ' if negated else ''}{wording}"
            return label + (f" (toward {names(targets)})" if targets else "")
        if kind == "membership":
            _, member, organization, negated = key
            return f"{name(member)} is {'not ' if negated else ''}a member of {name(organization)}"
        _, event_type, participants, places, date = key
        details = [part for part in (names(participants), names(places), date) if part]
        return f"{wording or _words(event_type)}" + (f" ({'; '.join(details)})" if details else "")


def _key_digest(key: tuple[str, ...]) -> int:
    return int(digest(*key, length=16), 16)


_CLASSES = {"intention": GK.IntentionClaim, "membership": GK.MembershipClaim, "event": GK.EventClaim}
