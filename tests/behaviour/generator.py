"""Behavioural test cases (CheckList, Ribeiro et al., ACL 2020) generated from templates over the knowledge base.

Each phenomenon in templates.json is exercised for STATES_PER_REGION states of every region. States, their
labels, memberships and (where the KB has them) capitals and seats of government come from `geokg.kb.load_kb()`,
states.json supplying the rest; demonyms are states.json's adjectives (the form prose puts before a title), the
KB's only where states.json has none. The region a state is tested under is always states.json's: the six
regions of issue 7 (the Middle East apart from Asia and Africa), not UN M49's five. Person names come from
names.json. Everything is deterministic: the same KB gives the same cases.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
STATES_PER_REGION = 10
SLOT = re.compile(r"\{(\w+)\}")


def load_json(name: str) -> dict:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class StateFacts:
    """What the templates need to know about one state."""

    key: str
    label: str
    region: str
    capital: str | None
    demonym: str | None
    members_of: tuple[tuple[str, str | None], ...] = ()  # (organisation key, year joined), memberships now held
    never_in: tuple[str, ...] = ()  # organisation keys the state has never belonged to


@dataclass(frozen=True)
class Case:
    """One generated sentence and what the pipeline must find in it (holders etc. as KB keys)."""

    phenomenon: str
    template: int
    text: str
    region: str
    state: str
    expect: Mapping = field(default_factory=dict)
    slots: Mapping = field(default_factory=dict)


# -- the knowledge base, with the fallback facts -------------------------------------------------


def state_entity(kb, code: str):
    """The KB state for an ISO alpha-3 code or a KB key (states without a code)."""
    if code in kb.entities:
        return kb.entities[code]
    return kb.state_by_iso3(code)


def kb_capital(kb, key: str) -> str | None:
    """The seat of government, else the capital, the KB gives a state (`KnowledgeBase.state_facts`), or None."""
    facts_of = getattr(kb, "state_facts", None)
    facts = facts_of(key) if callable(facts_of) else None
    if facts is None:
        return None
    return facts.seat or facts.capital


def kb_demonym(kb, key: str) -> str | None:
    """The first demonym the KB gives a state (`KnowledgeBase.names_of`), or None. Used only where states.json
    has none: the KB mixes nouns ("New Zealander") with the adjectives prose puts before a title ("New Zealand")."""
    names_of = getattr(kb, "names_of", None)
    found = names_of(key, "demonym") if callable(names_of) else ()
    return found[0] if found else None


def state_facts(kb) -> dict[str, StateFacts]:
    """Facts for every state of states.json that the KB knows, keyed by KB key."""
    fallback = load_json("states.json")["states"]
    facts: dict[str, StateFacts] = {}
    for code, row in fallback.items():
        entity = state_entity(kb, code)
        if entity is None or entity.kind != "State":
            continue
        key = entity.key
        facts[key] = StateFacts(
            key=key,
            label=entity.label,
            region=row["region"],
            capital=_capital(kb, key, row),
            demonym=row["demonym"] or kb_demonym(kb, key),
            members_of=_memberships_now(kb, key),
            never_in=_never_in(kb, key),
        )
    return facts


def _capital(kb, key: str, row: dict) -> str | None:
    """The KB's seat or capital; none where states.json rules the capital out (a seat of international bodies)."""
    if row["capital"] is None:
        return None
    return kb_capital(kb, key) or row["capital"]


def _memberships_now(kb, key: str) -> tuple[tuple[str, str | None], ...]:
    found = []
    for membership in kb.memberships:
        if membership.member == key and membership.active_on(None):
            year = membership.joined[:4] if membership.joined else None
            found.append((membership.organization, year))
    return tuple(sorted(found))


def _never_in(kb, key: str) -> tuple[str, ...]:
    organizations = {m.organization for m in kb.memberships}
    ever = {m.organization for m in kb.memberships if m.member == key}
    return tuple(sorted(organizations - ever))


# -- which slots a state can fill ----------------------------------------------------------------


def usable_capital(facts: StateFacts) -> str | None:
    """The capital, unless its name holds the state's name or the reverse (Kuwait City, Singapore): such a
    sentence would test the state's name, not the capital."""
    if not facts.capital:
        return None
    capital, label = facts.capital.casefold(), facts.label.casefold()
    if capital in label or label in capital:
        return None
    return facts.capital


def usable_demonyms(all_facts: Mapping[str, StateFacts]) -> dict[str, str]:
    """Demonyms that name one state only ("Congolese" names two, so neither uses it)."""
    owners: dict[str, list[str]] = {}
    for facts in all_facts.values():
        if facts.demonym:
            owners.setdefault(facts.demonym.casefold(), []).append(facts.key)
    usable = {}
    for facts in all_facts.values():
        if facts.demonym and len(owners[facts.demonym.casefold()]) == 1:
            usable[facts.key] = facts.demonym
    return usable


def name_in_prose(label: str, with_article: set[str]) -> str:
    """The state's name as prose writes it mid-sentence ("the United States")."""
    return f"the {label}" if label in with_article else label


def organization_in_prose(label: str) -> str:
    """An organisation's name mid-sentence: acronyms bare ("NATO"), names with "the" ("the African Union")."""
    return label if label.replace(" ", "").isupper() else f"the {label}"


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


# -- filling templates -------------------------------------------------------------------------


class Slots:
    """Fills templates for one phenomenon: the states, partners, names and organisations it draws on."""

    def __init__(self, kb, facts: Mapping[str, StateFacts]):
        self.kb = kb
        self.facts = facts
        self.demonyms = usable_demonyms(facts)
        states = load_json("states.json")
        self.with_article = set(states.get("names_with_article", ()))
        self.names = load_json("names.json")["names"]
        self.order = sorted(facts)

    def values(self, state: str, number: int) -> dict[str, str]:
        """Every slot this state can fill, with partners and names picked by the case number."""
        facts = self.facts[state]
        values = self._state_values("state", facts)
        others = self._partners(state, number)
        for slot, partner in zip(("other", "third"), others, strict=False):
            values.update(self._state_values(slot, self.facts[partner]))
        region_names = self.names[facts.region]
        values["name"] = region_names[number % len(region_names)]
        values.update(self._organization_values(facts, number))
        return values

    def keys(self, state: str, number: int) -> dict[str, str]:
        """The KB keys behind the slots that name entities."""
        keys = {"state": state}
        for slot, partner in zip(("other", "third"), self._partners(state, number), strict=False):
            keys[slot] = partner
        facts = self.facts[state]
        if facts.members_of:
            keys["member_org"] = facts.members_of[number % len(facts.members_of)][0]
        if facts.never_in:
            keys["nonmember_org"] = facts.never_in[number % len(facts.never_in)]
        return keys

    def _state_values(self, slot: str, facts: StateFacts) -> dict[str, str]:
        name = name_in_prose(facts.label, self.with_article)
        values = {slot: name, f"{slot}_poss": possessive(name)}
        capital = usable_capital(facts)
        if capital:
            values[f"{slot}_capital" if slot != "state" else "capital"] = capital
        demonym = self.demonyms.get(facts.key)
        if demonym:
            values["demonym" if slot == "state" else f"{slot}_demonym"] = demonym
        return values

    def _partners(self, state: str, number: int) -> list[str]:
        """Two other states, taken from the whole list from a point that moves with the case number."""
        step = 37  # a stride prime to the list's length spreads partners over every region
        start = (self.order.index(state) + step * (number + 1)) % len(self.order)
        partners: list[str] = []
        index = start
        while len(partners) < 2:
            candidate = self.order[index % len(self.order)]
            if candidate != state and candidate not in partners:
                partners.append(candidate)
            index += 1
        return partners

    def _organization_values(self, facts: StateFacts, number: int) -> dict[str, str]:
        values = {}
        if facts.members_of:
            organization, year = facts.members_of[number % len(facts.members_of)]
            values["member_org"] = organization_in_prose(self.kb.entities[organization].label)
            if year:
                values["joined_year"] = year
        if facts.never_in:
            organization = facts.never_in[number % len(facts.never_in)]
            values["nonmember_org"] = organization_in_prose(self.kb.entities[organization].label)
        return values


def placeholders(text: str) -> list[str]:
    return SLOT.findall(text)


def render(text: str, values: Mapping[str, str]) -> str | None:
    """The template with every slot filled ("{State}" capitalised), or None when a slot has no value."""
    missing = [name for name in placeholders(text) if name.lower() != name and _lower(name) not in values]
    missing += [name for name in placeholders(text) if name.lower() == name and name not in values]
    if missing:
        return None

    def fill(match: re.Match) -> str:
        name = match.group(1)
        value = values[_lower(name)]
        return value[0].upper() + value[1:] if name[0].isupper() else value

    return SLOT.sub(fill, text)


def _lower(name: str) -> str:
    return name[0].lower() + name[1:]


def resolve(expect: Mapping, keys: Mapping[str, str], values: Mapping[str, str]) -> dict:
    """The expectation with slot names replaced by KB keys (entities) or by the text filled in (names)."""
    resolved: dict = {}
    for kind, items in expect.items():
        if not isinstance(items, list):
            resolved[kind] = items
            continue
        resolved[kind] = [_resolve_item(item, keys, values) for item in items]
    return resolved


def _resolve_item(item: Mapping, keys: Mapping[str, str], values: Mapping[str, str]) -> dict:
    out = dict(item)
    for slot in ("holder", "member", "organization", "role_in"):
        if slot in out:
            out[slot] = keys[out[slot]]
    if "person" in out:
        out["person"] = values[out["person"]]
    attribution = out.get("attribution")
    if isinstance(attribution, Mapping) and "name" in attribution:
        out["attribution"] = {"name": values[attribution["name"]]}
    return out


# -- the cases ---------------------------------------------------------------------------------


def phenomena() -> dict[str, dict]:
    return load_json("templates.json")["phenomena"]


def regions() -> list[str]:
    return load_json("states.json")["regions"]


def generate(kb, per_region: int = STATES_PER_REGION) -> list[Case]:
    """Every case of every phenomenon."""
    facts = state_facts(kb)
    slots = Slots(kb, facts)
    cases: list[Case] = []
    for name, phenomenon in phenomena().items():
        cases.extend(_phenomenon_cases(name, phenomenon["templates"], slots, per_region))
    return cases


def _phenomenon_cases(name: str, templates: list[dict], slots: Slots, per_region: int) -> Iterator[Case]:
    number = 0
    for region in regions():
        in_region = [key for key in slots.order if slots.facts[key].region == region]
        offset = zlib.crc32(name.encode()) % max(len(in_region), 1)
        rotated = in_region[offset:] + in_region[:offset]
        made = 0
        for state in rotated:
            case = _case(name, templates, slots, state, number)
            if case is None:
                continue
            yield case
            number += 1
            made += 1
            if made == per_region:
                break


def _case(name: str, templates: list[dict], slots: Slots, state: str, number: int) -> Case | None:
    """The case for this state from the first template (starting at the case number) it can fill."""
    values = slots.values(state, number)
    for step in range(len(templates)):
        index = (number + step) % len(templates)
        template = templates[index]
        text = render(template["text"], values)
        if text is None:
            continue
        expect = resolve(template["expect"], slots.keys(state, number), values)
        region = slots.facts[state].region
        return Case(name, index, text, region, state, expect, values)
    return None
