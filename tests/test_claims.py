"""Claims across documents (geokg.claims): reports of one intention, membership or event in other
words count as one claim; reports that differ in holder, target, modality or negation never do.

The gist of an action (geokg.extract.gist) is tested on hand-made Docs; the claim keys on texts
filled for pairs of states from every region; the claims graph on whole builds."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from geokg import query
from geokg.claims import Claims, claim_keys
from geokg.config import Settings
from geokg.extract.gist import action_gist
from geokg.model import Event, Membership, StatedIntention
from geokg.rdf import iri
from geokg.rdf.terms import rdflib_triple
from geokg.service import build_and_publish

GK = "https://w3id.org/geokg/ontology#"

# Pairs holder-other of ISO 3166 alpha-3 codes, from every region.
PAIRS = [
    pair.split("-")
    for pair in (
        "FRA-DEU POL-LTU GRC-CYP ROU-MDA JPN-PHL IND-NPL CHN-VNM THA-KHM TUR-SYR ISR-LBN SAU-YEM IRN-IRQ "
        "NGA-NER KEN-SOM ETH-ERI MAR-DZA BRA-ARG COL-VEN CAN-USA CUB-HTI AUS-NZL PNG-SLB KAZ-KGZ ARM-AZE"
    ).split()
]

# (first report, second report): the same intention in other words
PARAPHRASES = [
    ("{A} plans to invade {B}.", "{A} is planning an invasion of {B}."),
    ("{A} threatened to attack {B}.", "{A} threatened to launch strikes against {B}."),
    ("{A} pledged to defend {B}.", "{A} has pledged to protect {B}."),
    ("{A} intends to withdraw its troops from {B}.", "{A} intends to pull out its troops from {B}."),
]

# (first report, second report): two intentions, never one claim
DIFFERENT = [
    ("{A} plans to invade {B}.", "{A} does not plan to invade {B}."),  # an assertion and a denial
    ("{A} plans to invade {B}.", "{A} plans to invade {C}."),  # other targets
    ("{A} plans to invade {B}.", "{A} threatened to invade {B}."),  # another modality
    ("{A} plans to invade {B}.", "{C} plans to invade {B}."),  # another holder
    ("{A} pledged to defend {B}.", "{A} pledged to attack {B}."),  # another action
]


@pytest.fixture(scope="module")
def triples(kb):
    """(holder, other, third) states of the KB for each pair; the third is the next pair's holder."""
    states = [(kb.state_by_iso3(a), kb.state_by_iso3(b)) for a, b in PAIRS]
    found = [(a, b) for a, b in states if a is not None and b is not None]
    return [(a, b, found[(n + 1) % len(found)][0]) for n, (a, b) in enumerate(found)]


def _intention_keys(process_text, text: str, name: str) -> list[tuple[str, ...]]:
    result = process_text(text, name=name)
    facts = [(f"urn:fact:{n}", claim) for n, claim in enumerate(result.claims)]
    return [found.key for found in claim_keys(facts) if found.key[0] == "intention"]


def _rate(process_text, triples, first: str, second: str, check) -> float:
    passed = 0
    for a, b, c in triples:
        names = {"A": a.label, "B": b.label, "C": c.label}
        keys = (
            _intention_keys(process_text, first.format(**names), "a.txt"),
            _intention_keys(process_text, second.format(**names), "b.txt"),
        )
        passed += bool(check(*keys))
    return passed / len(triples)


def test_claims_pairs_cover_every_region(triples):
    assert len(triples) >= 22


@pytest.mark.parametrize(("first", "second"), PARAPHRASES)
def test_claims_the_same_intention_in_other_words_has_one_key(process_text, triples, first, second):
    rate = _rate(process_text, triples, first, second, lambda one, other: len(one) == 1 and one == other)
    assert rate >= 0.9, f"{first!r} / {second!r}: {rate:.0%} of pairs have one key"


@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_claims_intentions_that_differ_never_share_a_key(process_text, triples, first, second):
    rate = _rate(process_text, triples, first, second, lambda one, other: one and other and not set(one) & set(other))
    assert rate >= 0.9, f"{first!r} / {second!r}: {rate:.0%} of pairs have two keys"


# --- the gist of an action, on hand-made Docs ------------------------------------------------------


def _doc(words, heads, deps, pos, lemmas, ents=None) -> Doc:
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents)


def test_gist_a_light_verb_hands_the_action_to_its_object():
    launch = _doc(
        ["launch", "an", "invasion", "of", "Ukraine"],
        [0, 2, 0, 2, 3],
        ["ROOT", "det", "dobj", "prep", "pobj"],
        ["VERB", "DET", "NOUN", "ADP", "PROPN"],
        ["launch", "an", "invasion", "of", "Ukraine"],
        ["O", "O", "O", "O", "B-GPE"],
    )
    invade = _doc(["invade", "Ukraine"], [0, 0], ["ROOT", "dobj"], ["VERB", "PROPN"], ["invade", "Ukraine"])
    assert action_gist(launch[:]) == action_gist(invade[:]) == "invade"


def test_gist_keeps_an_object_that_is_no_actor_and_names_synonyms_alike():
    bolster = _doc(
        ["bolster", "its", "military"],
        [0, 2, 0],
        ["ROOT", "poss", "dobj"],
        ["VERB", "PRON", "NOUN"],
        ["bolster", "its", "military"],
    )
    strengthen = _doc(
        ["strengthening", "the", "military"],
        [0, 2, 0],
        ["ROOT", "det", "dobj"],
        ["VERB", "DET", "NOUN"],
        ["strengthen", "the", "military"],
    )
    ties = _doc(["strengthen", "ties"], [0, 0], ["ROOT", "dobj"], ["VERB", "NOUN"], ["strengthen", "tie"])
    assert action_gist(bolster[:]) == action_gist(strengthen[:]) == "strengthen military"
    assert action_gist(ties[:]) == "strengthen tie"


def test_gist_leaves_out_pronouns_and_generic_objects():
    them = _doc(["defend", "them"], [0, 0], ["ROOT", "dobj"], ["VERB", "PRON"], ["defend", "they"])
    steps = _doc(["take", "steps"], [0, 0], ["ROOT", "dobj"], ["VERB", "NOUN"], ["take", "step"])
    assert action_gist(them[:]) == "defend"
    assert action_gist(steps[:]) == "take"
    assert action_gist(None) == ""


def test_gist_of_a_nominal_action_is_its_head():
    war = _doc(
        ["a", "nuclear", "war"], [2, 2, 2], ["det", "amod", "ROOT"], ["DET", "ADJ", "NOUN"], ["a", "nuclear", "war"]
    )
    conflict = _doc(["a", "conflict"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"], ["a", "conflict"])
    assert action_gist(war[:]) == action_gist(conflict[:]) == "war"


# --- keys and the claims graph -------------------------------------------------------------------


def test_claims_keys_of_facts_with_one_iri_are_one_key_with_every_target(kb):
    russia, ukraine, poland = (kb.state_by_iso3(code) for code in ("RUS", "UKR", "POL"))
    from geokg.model import Evidence

    evidence = Evidence(0, 10, "x" * 10)
    one = StatedIntention(russia, "Threat", "attack", evidence, targets=(ukraine,), gist="attack")
    other = StatedIntention(russia, "Threat", "attack", evidence, targets=(poland,), gist="attack")
    keys = claim_keys([("urn:fact:1", one), ("urn:fact:1", other)])
    assert [found.key for found in keys] == [
        ("intention", russia.key, "Threat", " ".join(sorted((ukraine.key, poland.key))), "", "attack")
    ]


def test_claims_count_documents_and_publishers_and_label_what_is_claimed(kb):
    estonia, nato = kb.lookup("Estonia"), kb.lookup("NATO")
    from geokg.model import Evidence

    membership = Membership(estonia, nato, Evidence(0, 5, "xxxxx"))
    claims = Claims(iri.DEFAULT_BASE)
    for document, publisher in (("urn:doc:a", "urn:pub:x"), ("urn:doc:b", "urn:pub:x"), ("urn:doc:c", None)):
        claims.add(document, publisher, claim_keys([(f"{document}/m", membership)]))
    labels = {iri.entity_iri(estonia.key): "Estonia", iri.entity_iri(nato.key): "NATO"}
    graph = {tuple(map(str, rdflib_triple(triple))) for triple in claims.triples(labels)}
    claim = next(s for s, p, o in graph if o == GK + "MembershipClaim")
    assert (claim, GK + "documentCount", "3") in graph
    assert (claim, GK + "publisherCount", "1") in graph
    assert (claim, "http://www.w3.org/2000/01/rdf-schema#label", "Estonia is a member of NATO") in graph
    assert {s for s, p, o in graph if p == GK + "supportsClaim"} == {"urn:doc:a/m", "urn:doc:b/m", "urn:doc:c/m"}


def test_claims_are_gathered_on_disk_and_read_back_in_pieces_whatever_the_runs(kb, tmp_path, monkeypatch):
    """A build keeps claims in a scratch file, sorted by an external sort: sorted in runs of
    two lines, they are the same claims, each with its reports in input order and the first
    document's wording, and every claim is in exactly one piece."""
    import geokg.merge
    from geokg.model import Evidence

    evidence = Evidence(0, 5, "xxxxx")
    states = [kb.lookup(name) for name in ("Estonia", "Latvia", "Lithuania", "Poland", "Finland", "Norway")]
    nato = kb.lookup("NATO")

    def gathered(run_lines: int) -> tuple[list, list]:
        monkeypatch.setattr(geokg.merge, "RUN_LINES", run_lines)
        claims = Claims(iri.DEFAULT_BASE, tmp_path / f"scratch-{run_lines}")
        for number in range(12):  # twelve documents, each reporting two of six memberships
            document = f"urn:doc:{number:02d}"
            pair = (states[number % 6], states[(number + 1) % 6])
            claims.add(
                document, None, claim_keys([(f"{document}/{s.key}", Membership(s, nato, evidence)) for s in pair])
            )
        pieces = list(claims.pieces(2))
        return pieces, sorted(map(rdflib_triple, claims.triples({})))

    pieces, triples = gathered(run_lines=2)
    assert (pieces, triples) == gathered(run_lines=1_000)
    assert sorted(claim.key for piece in pieces for claim in piece) == sorted(
        ("membership", s.key, nato.key, "") for s in states
    )
    assert len(pieces) == 4  # six claims, about two a piece: a power of two of pieces
    for claim in (claim for piece in pieces for claim in piece):
        assert claim.facts == sorted(claim.facts) and len(claim.facts) == 4  # reports in input order
        assert len(claim.documents) == 4


def test_claims_a_claim_keeps_its_piece_when_other_claims_come(kb, tmp_path):
    """Pieces are chosen by the first bits of each claim's digest: a claim more (not doubling
    their number) leaves the claims that were there together as they were."""
    from geokg.model import Evidence

    evidence, nato = Evidence(0, 5, "xxxxx"), kb.lookup("NATO")
    states = [kb.lookup(name) for name in ("Estonia", "Latvia", "Lithuania", "Poland", "Finland", "Norway", "Spain")]

    def together(members, scratch) -> list[list[str]]:
        claims = Claims(iri.DEFAULT_BASE, scratch)
        for state in members:
            membership = Membership(state, nato, evidence)
            claims.add(f"urn:doc:{state.key}", None, claim_keys([(f"urn:fact:{state.key}", membership)]))
        pieces = [[claim.key[1] for claim in piece] for piece in claims.pieces(1)]  # 8 pieces at most
        first_six = {state.key for state in states[:6]}
        return sorted(sorted(set(piece) & first_six) for piece in pieces if set(piece) & first_six)

    assert together(states, tmp_path / "seven") == together(states[:6], tmp_path / "six")


def test_claims_events_differ_by_date(kb):
    from geokg.model import Evidence

    russia = kb.lookup("Russia")
    evidence = Evidence(0, 5, "xxxxx")
    with_date = Event("Annexation", evidence, participants=(russia,), date="2014")
    without = Event("Annexation", evidence, participants=(russia,))
    keys = claim_keys([("urn:a", with_date), ("urn:b", without), ("urn:c", with_date)])
    assert keys[0].key == keys[2].key != keys[1].key


# --- whole builds ---------------------------------------------------------------------------------


REPORTS = [  # (id, publisher, text): two publishers report one threat in other words, a third denies it
    ("a1", "Daily Planet", "Russia threatened to attack Estonia, officials said on Monday."),
    ("b1", "Evening Star", "Russia has threatened to launch strikes against Estonia, according to the minister."),
    ("c1", "Evening Star", "Russia did not threaten to attack Estonia, the Kremlin said."),
    ("d1", "Daily Planet", "Russia threatened to attack Latvia, officials said."),
]


def _build(tmp_path, reports, name="out"):
    corpus = tmp_path / f"{name}.jsonl"
    lines = [json.dumps({"id": i, "publisher": p, "text": t}) for i, p, t in reports]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / name
    build_and_publish([corpus], settings=Settings(output_dir=out, jobs=1, formats=("nquads",)))
    store = ox.Store()
    store.bulk_load(path=str(out / "geokg.nq"), format=ox.RdfFormat.N_QUADS)
    return out, store


def _claims(store) -> dict[str, tuple[int, int, list[str]]]:
    """claim IRI → (documents, publishers, the identifiers of its documents)"""
    rows = store.query(
        """PREFIX gk: <https://w3id.org/geokg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?c ?n ?p ?id WHERE { GRAPH ?g1 { ?c a gk:IntentionClaim ; gk:documentCount ?n ; gk:publisherCount ?p }
          GRAPH ?g2 { ?f gk:supportsClaim ?c } GRAPH ?g3 { ?f prov:wasDerivedFrom ?ev . ?ev oa:hasSource ?d .
          ?d dcterms:identifier ?id } }"""
    )
    found: dict[str, tuple[int, int, list[str]]] = {}
    for row in rows:
        count, publishers, ids = found.get(row["c"].value, (int(row["n"].value), int(row["p"].value), []))
        found[row["c"].value] = (count, publishers, sorted({*ids, row["id"].value}))
    return found


def test_claims_build_counts_sources_of_one_threat_and_keeps_the_denial_and_another_target_apart(tmp_path):
    out, store = _build(tmp_path, REPORTS)
    claims = _claims(store)
    assert sorted(claims.values()) == [(1, 1, ["c1"]), (1, 1, ["d1"]), (2, 2, ["a1", "b1"])]
    every = store.query(
        "PREFIX gk: <https://w3id.org/geokg/ontology#> SELECT (COUNT(?i) AS ?n) WHERE { GRAPH ?g { ?i a gk:StatedIntention } "
        "FILTER NOT EXISTS { GRAPH ?h { ?i gk:supportsClaim ?c } } }"
    )
    assert next(iter(every))["n"].value == "0", "every intention supports a claim"
    named = query.named_queries()["corroborated-claims"]
    build_store = query.open_store(out)
    rows = query.select(build_store, named.text, declared=named.params).rows
    assert {row[5] for row in rows} == {"a1", "b1"}
    assert all(row[3] == "2" and row[4] == "2" and row[1] == "Intention" for row in rows)
    assert rows[0][2].startswith("Russia, threat: ")
    assert query.select(build_store, named.text, {"documents": "3"}, declared=named.params).rows == ()
    assert len(query.select(build_store, named.text, {"documents": "1"}, declared=named.params).rows) == 4


def test_claims_iris_come_from_the_claim_not_the_build(tmp_path):
    _, whole = _build(tmp_path, REPORTS, "whole")
    _, alone = _build(tmp_path, [REPORTS[1]], "alone")
    assert set(_claims(alone)) < set(_claims(whole))
