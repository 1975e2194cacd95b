"""Memberships: each syntactic rule on hand-built Docs, then every phenomenon templated over the KB
for states of every region (the CheckList method: a pass rate per phenomenon, at least 0.95)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from geokg.extract.memberships import extract_memberships
from geokg.link import LinkedMention, Resolver
from geokg.model import Document, Entity, Membership
from geokg.nlp.parsed import ParsedDocument
from geokg.nlp.textmap import build_text_map

# -- (a) the syntactic rules on Docs built by hand ------------------------------------------------

_ENTITIES = {
    "Turkey": Entity("Q43", "State", "Turkey"),
    "Finland": Entity("Q33", "State", "Finland"),
    "Sweden": Entity("Q34", "State", "Sweden"),
    "Hungary": Entity("Q28", "State", "Hungary"),
    "Poland": Entity("Q36", "State", "Poland"),
    "Austria": Entity("Q40", "State", "Austria"),
    "Ukraine": Entity("Q212", "State", "Ukraine"),
    "Armenia": Entity("Q399", "State", "Armenia"),
    "Belarus": Entity("Q184", "State", "Belarus"),
    "Kazakhstan": Entity("Q232", "State", "Kazakhstan"),
    "Moscow": Entity("Q159", "State", "Russia"),
    "Timor-Leste": Entity("Q574", "State", "Timor-Leste"),
    "Dushanbe": Entity("place:dushanbe", "Place", "Dushanbe"),
    "NATO": Entity("Q7184", "Alliance", "NATO"),
    "EU": Entity("Q458", "InternationalOrganization", "European Union"),
    "CSTO": Entity("Q318693", "Alliance", "Collective Security Treaty Organization"),
    "ASEAN": Entity("Q7768", "InternationalOrganization", "ASEAN"),
    "Non-": Entity("organization:non", "Organization", "Non-"),
}


def _doc(rows: str) -> Doc:
    """A Doc from one token a line: word, head index, dependency, POS, tag, lemma, IOB entity label."""
    table = [line.split() for line in rows.strip().splitlines()]
    words = [row[0] for row in table]
    spaces = [
        index + 1 < len(table) and table[index + 1][4] not in {",", ".", "POS", "HYPH"} for index in range(len(table))
    ]
    for index, row in enumerate(table):
        if row[4] == "HYPH":
            spaces[index - 1] = False
            spaces[index] = False
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=spaces,
        heads=[int(row[1]) for row in table],
        deps=[row[2] for row in table],
        pos=[row[3] for row in table],
        tags=[row[4] for row in table],
        lemmas=[row[5] for row in table],
        ents=[row[6] for row in table],
    )


def _memberships(rows: str) -> set[tuple[str, str, bool]]:
    doc = _doc(rows)
    parsed = ParsedDocument(Document("t.txt", doc.text), build_text_map(doc.text), doc)
    mentions = tuple(LinkedMention(_ENTITIES[e.text], e.start_char, e.end_char, e.label_) for e in doc.ents)
    found = extract_memberships(parsed, Resolver(parsed, mentions))
    return {(m.member.label, m.organization.label, m.negated) for m in found}


def test_memberships_apposition_member_noun_after_the_state():
    rows = """
    Turkey 6 nsubj PROPN NNP Turkey B-GPE
    , 0 punct PUNCT , , O
    a 4 det DET DT a O
    NATO 4 compound PROPN NNP NATO B-ORG
    member 0 appos NOUN NN member O
    , 0 punct PUNCT , , O
    hosted 6 ROOT VERB VBD host O
    talks 6 dobj NOUN NNS talk O
    . 6 punct PUNCT . . O
    """
    assert _memberships(rows) == {("Turkey", "NATO", False)}


def test_memberships_genitive_organisation_and_apposed_state():
    rows = """
    NATO 3 poss PROPN NNP NATO B-ORG
    's 0 case PART POS 's O
    newest 3 amod ADJ JJS new O
    member 7 nsubj NOUN NN member O
    , 3 punct PUNCT , , O
    Finland 3 appos PROPN NNP Finland B-GPE
    , 3 punct PUNCT , , O
    borders 7 ROOT VERB VBZ border O
    Moscow 7 dobj PROPN NNP Moscow B-GPE
    . 7 punct PUNCT . . O
    """
    assert _memberships(rows) == {("Finland", "NATO", False)}


def test_memberships_organisation_premodifies_member_noun_before_coordinated_names():
    rows = """
    CSTO 1 compound PROPN NNP CSTO B-ORG
    members 2 compound NOUN NNS member O
    Armenia 7 nsubj PROPN NNP Armenia B-GPE
    , 2 punct PUNCT , , O
    Belarus 2 conj PROPN NNP Belarus B-GPE
    and 4 cc CCONJ CC and O
    Kazakhstan 4 conj PROPN NNP Kazakhstan B-GPE
    met 7 ROOT VERB VBD meet O
    . 7 punct PUNCT . . O
    """
    assert _memberships(rows) == {
        ("Armenia", "Collective Security Treaty Organization", False),
        ("Belarus", "Collective Security Treaty Organization", False),
        ("Kazakhstan", "Collective Security Treaty Organization", False),
    }


def test_memberships_examples_after_member_states():
    rows = """
    EU 1 compound PROPN NNP EU B-ORG
    member 2 compound NOUN NN member O
    states 8 nsubj NOUN NNS state O
    such 4 amod ADJ JJ such O
    as 2 prep ADP IN as O
    Poland 4 pobj PROPN NNP Poland B-GPE
    and 5 cc CCONJ CC and O
    Hungary 5 conj PROPN NNP Hungary B-GPE
    objected 8 ROOT VERB VBD object O
    . 8 punct PUNCT . . O
    """
    assert _memberships(rows) == {("Poland", "European Union", False), ("Hungary", "European Union", False)}


def test_memberships_relative_clause_copula_denied_through_coreference():
    rows = """
    NATO 1 nsubj PROPN NNP NATO B-ORG
    met 1 ROOT VERB VBD meet O
    . 1 punct PUNCT . . O
    Finland 14 nsubj PROPN NNP Finland B-GPE
    , 3 punct PUNCT , , O
    which 6 nsubj PRON WDT which O
    is 3 relcl AUX VBZ be O
    not 6 neg PART RB not O
    a 9 det DET DT a O
    member 6 attr NOUN NN member O
    of 9 prep ADP IN of O
    the 12 det DET DT the O
    alliance 10 pobj NOUN NN alliance O
    , 3 punct PUNCT , , O
    objected 14 ROOT VERB VBD object O
    . 14 punct PUNCT . . O
    """
    assert _memberships(rows) == {("Finland", "NATO", True)}


def test_memberships_relative_clause_joining_verb():
    rows = """
    Hungary 7 nsubj PROPN NNP Hungary B-GPE
    , 0 punct PUNCT , , O
    which 3 nsubj PRON WDT which O
    joined 0 relcl VERB VBD join O
    NATO 3 dobj PROPN NNP NATO B-ORG
    in 3 prep ADP IN in O
    1999 5 pobj NUM CD 1999 O
    objected 7 ROOT VERB VBD object O
    . 7 punct PUNCT . . O
    """
    assert _memberships(rows) == {("Hungary", "NATO", False)}


def test_memberships_modal_joining_verb_states_no_membership():
    rows = """
    Ukraine 2 nsubj PROPN NNP Ukraine B-GPE
    will 2 aux AUX MD will O
    join 2 ROOT VERB VB join O
    NATO 2 dobj PROPN NNP NATO B-ORG
    . 2 punct PUNCT . . O
    """
    assert _memberships(rows) == set()


def test_memberships_accession_with_genitive_member():
    rows = """
    Finland 2 poss PROPN NNP Finland B-GPE
    's 0 case PART POS 's O
    accession 5 nsubj NOUN NN accession O
    to 2 prep ADP IN to O
    NATO 3 pobj PROPN NNP NATO B-ORG
    angered 5 ROOT VERB VBD anger O
    Moscow 5 dobj PROPN NNP Moscow B-GPE
    . 5 punct PUNCT . . O
    """
    assert _memberships(rows) == {("Finland", "NATO", False)}


def test_memberships_blocked_accession_states_no_membership():
    rows = """
    Turkey 1 nsubj PROPN NNP Turkey B-GPE
    blocked 1 ROOT VERB VBD block O
    Sweden 4 poss PROPN NNP Sweden B-GPE
    's 2 case PART POS 's O
    accession 1 dobj NOUN NN accession O
    to 4 prep ADP IN to O
    NATO 5 pobj PROPN NNP NATO B-ORG
    . 1 punct PUNCT . . O
    """
    assert _memberships(rows) == set()


def test_memberships_passive_admitting_verb():
    rows = """
    Timor-Leste 2 nsubjpass PROPN NNP Timor-Leste B-GPE
    was 2 auxpass AUX VBD be O
    admitted 2 ROOT VERB VBN admit O
    to 2 prep ADP IN to O
    ASEAN 3 pobj PROPN NNP ASEAN B-ORG
    . 2 punct PUNCT . . O
    """
    assert _memberships(rows) == {("Timor-Leste", "ASEAN", False)}


def test_memberships_negative_prefix_denies_and_is_no_organisation():
    rows = """
    Non- 3 amod ADJ JJ non B-ORG
    NATO 3 amod ADJ JJ NATO B-ORG
    member 4 compound NOUN NN member O
    Sweden 5 nsubj PROPN NNP Sweden B-GPE
    took 5 ROOT VERB VBD take O
    part 5 dobj NOUN NN part O
    . 5 punct PUNCT . . O
    """
    assert _memberships(rows) == {("Sweden", "NATO", True)}


def test_memberships_negated_apposition():
    rows = """
    Austria 6 nsubj PROPN NNP Austria B-GPE
    , 0 punct PUNCT , , O
    not 0 neg PART RB not O
    a 5 det DET DT a O
    NATO 5 compound PROPN NNP NATO B-ORG
    member 0 appos NOUN NN member O
    stayed 6 ROOT VERB VBD stay O
    out 6 prt ADP RP out O
    . 6 punct PUNCT . . O
    """
    assert _memberships(rows) == {("Austria", "NATO", True)}


def test_memberships_future_member_states_no_membership():
    rows = """
    Ukraine 6 nsubj PROPN NNP Ukraine B-GPE
    , 0 punct PUNCT , , O
    a 5 det DET DT a O
    future 5 amod ADJ JJ future O
    NATO 5 compound PROPN NNP NATO B-ORG
    member 0 appos NOUN NN member O
    objected 6 ROOT VERB VBD object O
    . 6 punct PUNCT . . O
    """
    assert _memberships(rows) == set()


def test_memberships_summit_of_organisation_implies_no_membership():
    rows = """
    The 2 det DET DT the O
    CSTO 2 compound PROPN NNP CSTO B-ORG
    summit 5 nsubj NOUN NN summit O
    in 2 prep ADP IN in O
    Dushanbe 3 pobj PROPN NNP Dushanbe B-GPE
    ended 5 ROOT VERB VBD end O
    . 5 punct PUNCT . . O
    """
    assert _memberships(rows) == set()


def test_memberships_list_ends_at_a_conjunct_naming_no_state():
    rows = """
    NATO 1 compound PROPN NNP NATO B-ORG
    allies 2 compound NOUN NNS ally O
    Poland 11 nsubj PROPN NNP Poland B-GPE
    and 2 cc CCONJ CC and O
    Hungary 2 conj PROPN NNP Hungary B-GPE
    , 2 punct PUNCT , , O
    partners 2 conj NOUN NNS partner O
    , 2 punct PUNCT , , O
    and 2 cc CCONJ CC and O
    Ukraine 2 conj PROPN NNP Ukraine B-GPE
    , 2 punct PUNCT , , O
    met 11 ROOT VERB VBD meet O
    . 11 punct PUNCT . . O
    """
    assert _memberships(rows) == {("Poland", "NATO", False), ("Hungary", "NATO", False)}


def test_memberships_founders_listed_as_an_apposition_are_members():
    # "Armenia, Belarus and Kazakhstan founded the CSTO.": the parser hangs the list as an apposition
    rows = """
    Armenia 5 nsubj PROPN NNP Armenia B-GPE
    , 0 punct PUNCT , , O
    Belarus 0 appos PROPN NNP Belarus B-GPE
    and 2 cc CCONJ CC and O
    Kazakhstan 2 conj PROPN NNP Kazakhstan B-GPE
    founded 5 ROOT VERB VBD found O
    the 7 det DET DT the O
    CSTO 5 dobj PROPN NNP CSTO B-ORG
    . 5 punct PUNCT . . O
    """
    csto = "Collective Security Treaty Organization"
    assert _memberships(rows) == {(state, csto, False) for state in ("Armenia", "Belarus", "Kazakhstan")}


def test_memberships_true_apposition_is_no_list():
    # "Turkey, a NATO member, founded the CSTO.": "a NATO member" names no further founder
    rows = """
    Turkey 6 nsubj PROPN NNP Turkey B-GPE
    , 0 punct PUNCT , , O
    a 4 det DET DT a O
    NATO 4 compound PROPN NNP NATO B-ORG
    member 0 appos NOUN NN member O
    , 0 punct PUNCT , , O
    founded 6 ROOT VERB VBD found O
    the 8 det DET DT the O
    CSTO 6 dobj PROPN NNP CSTO B-ORG
    . 6 punct PUNCT . . O
    """
    csto = "Collective Security Treaty Organization"
    assert _memberships(rows) == {("Turkey", "NATO", False), ("Turkey", csto, False)}


def test_memberships_predicative_as_phrase_despite_modal():
    rows = """
    As 6 prep ADP IN as O
    a 3 det DET DT a O
    NATO 3 compound PROPN NNP NATO B-ORG
    member 0 pobj NOUN NN member O
    , 6 punct PUNCT , , O
    Turkey 6 nsubj PROPN NNP Turkey B-GPE
    must 6 aux AUX MD must O
    pay 6 ROOT VERB VB pay O
    . 6 punct PUNCT . . O
    """
    assert _memberships(rows) == {("Turkey", "NATO", False)}


# -- (b) templates over the knowledge base, states of every region -------------------------------

# States by region (ISO 3166-1 alpha-3), names without an article. TODO: take them from the KB's
# region accessor (kb.states_in_region) once it is committed.
_STATES_BY_REGION = {
    "Europe": "POL HUN EST LVA ROU PRT GRC NOR FIN AUT SRB ISL",
    "Asia": "IDN VNM THA MYS KAZ KGZ TJK ARM IND PAK BGD MNG",
    "Middle East": "TUR ISR JOR SAU QAT OMN KWT IRQ EGY LBN",
    "Africa": "NGA KEN GHA SEN ETH MLI RWA UGA ZMB TZA NAM MOZ",
    "Americas": "CAN MEX BRA ARG CHL COL PER CUB URY PAN ECU GTM",
    "Oceania": "AUS NZL FJI PNG WSM TON VUT KIR",
}
_UN = "Q1065"  # every state of the list is a UN member; the fallback where the KB knows no other organisation
_PASS_RATE = 0.95

# Phenomenon -> template. {s}, {s2}, {s3}: states; {o}: the organisation's short name; {the_o}: with
# the article it takes; {a_o}: with "a"/"an". POSITIVE ones state that the states are members.
POSITIVE = {
    "apposition": "{s}, {a_o} member, hosted the talks on Tuesday.",
    "apposition_fellow": "{s}, a fellow {o} member, abstained in the vote.",
    "apposition_genitive": "{o}'s newest member, {s}, hosted the talks on Tuesday.",
    "relative_clause_joined": "{s}, which joined {the_o} in 2004, objected to the plan.",
    "relative_clause_copula": "{s}, which is a member of {the_o}, objected to the plan.",
    "premodifier_members": "{o} members {s} and {s2} held talks on Monday.",
    "premodifier_fellow": "Fellow {o} member {s} blocked the decision.",
    "member_states_such_as": "{o} member states such as {s} and {s2} objected to the plan.",
    "genitive_member_states": "{o}'s member states {s}, {s2} and {s3} met on Monday.",
    "genitive_coreference": "{the_o_cap} met on Monday. The organisation's members {s} and {s2} asked for talks.",
    "joined": "{s} joined {the_o} in 2004.",
    "became_member": "{s} became a member of {the_o} in 2004.",
    "copula": "{s} is a member of {the_o}.",
    "accession_genitive": "{s}'s accession to {the_o} was celebrated in the capital.",
    "accession_of": "The accession of {s} to {the_o} changed the region.",
    "admitted": "{s} was admitted to {the_o} in 2004.",
    "predicative_as": "As a member of {the_o}, {s} must pay its dues.",
    "inverted_copula": "The newest member of {the_o} is {s}.",
    "inverted_copula_list": "The newest members of {the_o} are {s}, {s2} and {s3}.",
    "capitalised_description": "{the_o_cap} met on Monday. {s} joined the Organisation in 2004.",
}
# NEGATED ones state that the state is not a member of an organisation it does not belong to.
NEGATED = {
    "relative_clause_not": "{s}, which is not a member of {the_o}, sent observers.",
    "relative_clause_not_compound": "{s}, which is not {a_o} member, asked for weapons.",
    "apposition_not": "{s}, not {a_o} member, stayed out of the talks.",
    "non_prefix": "Non-{o} member {s} took part in the exercise.",
    "copula_not": "{s} is not a member of {the_o}.",
    "copula_never": "{s} has never been a member of {the_o}.",
    "copula_no_longer": "{s} is no longer a member of {the_o}.",
}
# NOTHING ones state no membership, with an organisation the state may or may not belong to.
NOTHING = {
    "condition": "If {s} joins {the_o}, its neighbours will respond.",
    "modal_future": "{s} will join {the_o} next year.",
    "wish": "{s} wants to join {the_o}.",
    "summit_implied": "The {o} summit in {s} ended on Friday.",
    "future_member": "{s}, a future {o} member, sent observers.",
    "blocked_accession": "{s2} blocked {s}'s accession to {the_o}.",
    "partner": "{s}, {a_o} partner, sent observers.",
    "delegation": "{s} hosted {a_o} delegation on Monday.",
    "inverted_copula_denied": "The newest member of {the_o} is not {s}.",
}


def _short_name(organisation: Entity) -> str:
    """The acronym news uses ("EU", "ASEAN"), else the label."""
    for name in (organisation.label, *organisation.alt_labels):
        if name.isupper() and name.isalpha():
            return name
    return organisation.label


def _slots(organisation: Entity) -> dict[str, str]:
    short = _short_name(organisation)
    spoken_as_word = short.isupper() and len(short) >= 4  # "NATO", "ASEAN" take no article; "the EU"
    the_o = short if spoken_as_word else f"the {short}"
    article = "an" if short[0] in "AEIO" else "a"
    return {"o": short, "the_o": the_o, "the_o_cap": the_o[0].upper() + the_o[1:], "a_o": f"{article} {short}"}


@pytest.fixture(scope="module")
def states(kb) -> list[tuple[str, Entity]]:
    """(region, state) for the listed states whose label the KB links back to them."""
    found = []
    for region, codes in _STATES_BY_REGION.items():
        for code in codes.split():
            state = kb.state_by_iso3(code)
            if state is not None and kb.lookup(state.label) == state:
                found.append((region, state))
    return found


def _organisations_of(kb, state: Entity) -> list[str]:
    """The organisations the KB has the state in now, the UN last."""
    keys = sorted({m.organization for m in kb.memberships if m.member == state.key and m.active_on(None)})
    others = [key for key in keys if key != _UN]
    return others or [_UN]


def _fellow_members(kb, states, organisation: str, state: Entity, count: int) -> list[Entity]:
    """Other states of the list that are current members of the organisation."""
    found = []
    for _, other in states:
        if other != state and kb.is_member(other.key, organisation):
            found.append(other)
    return found[:count]


def _cases(kb, states, *, member: bool):
    """One case per state: (region, state, organisation, two fellow members), the organisation one
    the state belongs to (member=True, rotating over its organisations) or does not (member=False)."""
    all_organisations = sorted({m.organization for m in kb.memberships} - {_UN})
    for index, (region, state) in enumerate(states):
        if member:
            choices = _organisations_of(kb, state)
        else:
            choices = [key for key in all_organisations if not kb.is_member(state.key, key)]
        organisation = kb.entities[choices[index % len(choices)]]
        fellows = _fellow_members(kb, states, organisation.key, state, 2)
        yield region, state, organisation, fellows


def _run(process_text, template: str, state: Entity, organisation: Entity, fellows: list[Entity]) -> set:
    names = [other.label for other in fellows] + ["Chad", "Peru"]  # "blocked_accession" needs a second state
    sentence = template.format(s=state.label, s2=names[0], s3=names[1], **_slots(organisation))
    result = process_text(sentence)
    found = {(c.member.key, c.organization.key, c.negated) for c in result.claims if isinstance(c, Membership)}
    return sentence, found


def _check(phenomenon: str, outcomes: list[tuple[str, str, bool]], record_property) -> None:
    passed = sum(1 for _, _, ok in outcomes if ok)
    rate = passed / len(outcomes)
    regions = {region for region, _, _ in outcomes}
    record_property(f"pass_rate[{phenomenon}]", f"{rate:.3f}")
    print(f"memberships {phenomenon}: {passed}/{len(outcomes)} = {rate:.3f}")  # the per-phenomenon pass rate
    failures = [sentence for _, sentence, ok in outcomes if not ok]
    assert len(outcomes) >= 30 and len(regions) == len(_STATES_BY_REGION)
    assert rate >= _PASS_RATE, f"{phenomenon}: pass rate {rate:.3f}; failing: {failures[:10]}"


@pytest.mark.parametrize("phenomenon", sorted(POSITIVE))
def test_memberships_templated_stated_membership(phenomenon, kb, states, process_text, record_property):
    outcomes = []
    for region, state, organisation, fellows in _cases(kb, states, member=True):
        sentence, found = _run(process_text, POSITIVE[phenomenon], state, organisation, fellows)
        members = [state, *fellows][: POSITIVE[phenomenon].count("{s")]
        expected = {(m.key, organisation.key, False) for m in members}
        outcomes.append((region, sentence, found == expected))
    _check(phenomenon, outcomes, record_property)


@pytest.mark.parametrize("phenomenon", sorted(NEGATED))
def test_memberships_templated_denied_membership(phenomenon, kb, states, process_text, record_property):
    outcomes = []
    for region, state, organisation, fellows in _cases(kb, states, member=False):
        sentence, found = _run(process_text, NEGATED[phenomenon], state, organisation, fellows)
        outcomes.append((region, sentence, found == {(state.key, organisation.key, True)}))
    _check(phenomenon, outcomes, record_property)


@pytest.mark.parametrize("phenomenon", sorted(NOTHING))
def test_memberships_templated_no_membership(phenomenon, kb, states, process_text, record_property):
    outcomes = []
    for region, state, organisation, fellows in _cases(kb, states, member=True):
        sentence, found = _run(process_text, NOTHING[phenomenon], state, organisation, fellows)
        outcomes.append((region, sentence, not found))
    _check(phenomenon, outcomes, record_property)
