"""geokg.eval: matching rules on hand-written builds, and agreement with the reference scorer."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from geokg.errors import GeokgError
from geokg.eval import (
    NO_OVERLAP,
    EvalInputError,
    EvalReport,
    Score,
    cues,
    format_report,
    load_build,
    report_to_json,
    score,
)

REFERENCE = Path(__file__).resolve().parent / "data" / "score_reference.py"

PREFIXES = """@base <https://w3id.org/geokg/id/> .
@prefix gk: <https://w3id.org/geokg/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix wd: <http://www.wikidata.org/entity/> .
"""

# --------------------------------------------------------------------------- Turtle helpers


def doc(stem: str, *mentions: str) -> str:
    listed = f" ; schema:mentions {', '.join(mentions)}" if mentions else ""
    return f'<document/{stem}.txt> a gk:Document ; dcterms:identifier "{stem}.txt"{listed} .\n'


def ent(iri: str, cls: str, label: str, qid: str | None = None) -> str:
    same = f" ; owl:sameAs wd:{qid}" if qid else ""
    return f'{iri} a {cls} ; rdfs:label "{label}"@en{same} .\n'


def fact(stem: str, name: str, cls: str, body: str, exact: str) -> str:
    """A fact of document `stem` with one evidence resource quoting `exact`."""
    base = f"document/{stem}.txt/{name}"
    return (
        f"<{base}> a {cls} ; {body} ; prov:wasDerivedFrom <{base}/ev> .\n"
        f"<{base}/ev> a oa:SpecificResource ; oa:hasSource <document/{stem}.txt> ; oa:hasSelector <{base}/q> .\n"
        f"<{base}/q> a oa:TextQuoteSelector ; oa:exact {json.dumps(exact)} .\n"
    )


def store_of(ttl: str) -> ox.Store:
    store = ox.Store()
    store.load((PREFIXES + ttl).encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return store


def gold_dir(tmp_path: Path, **docs: dict) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir(exist_ok=True)
    for stem, gold in docs.items():
        (folder / f"{stem}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def run(ttl: str, tmp_path: Path, **docs: dict) -> EvalReport:
    return score(store_of(ttl), gold_dir(tmp_path, **docs))


EU, RU, UA, NATO = "<entity/Q458>", "<entity/Q159>", "<entity/Q212>", "<entity/Q7184>"
ENTITIES = (
    ent(EU, "gk:InternationalOrganization", "European Union", "Q458")
    + ent(RU, "gk:State", "Russian Federation", "Q159")
    + ent(UA, "gk:State", "Ukraine", "Q212")
    + ent(NATO, "gk:Alliance", "NATO", "Q7184")
    + ent("<person/jane-doe>", "gk:Person", "Jane Doe")
)


def intention(agent: str, evidence: str, **extra) -> dict:
    return {"agent": agent, "modality": "demand", "target": None, "attributed_by": None, "evidence": evidence, **extra}


# --------------------------------------------------------------------------- the build that exercises every fact type

DEMAND = "The European Union expects Russia to ensure free passage through the Kerch Strait."
PLEDGE = "The European Union does not and will not recognise the illegal annexation of Crimea."
THREAT = "Jane Doe says Moscow may block the strait."
RESERVES = "Russia reserves the right to respond to any provocation."
SUPPORT = "The European Union reiterates its full support for Ukraine."
ANNEXED = "Russia annexed Crimea in 2014, which the EU condemns."

FULL_BUILD = (
    ENTITIES
    + ent("<entity/Q191>", "gk:State", "Estonia", "Q999")  # wrong Wikidata id: no entity match by label
    + ent("<entity/Q30>", "gk:State", "United States", "Q30")
    + ent("<person/richard-roe>", "gk:Person", "Richard Roe")
    + ent("<place/kerch-strait>", "gk:Place", "Kerch Strait")
    + doc("a", EU, RU, UA, NATO, "<entity/Q191>", "<entity/Q30>", "<person/jane-doe>", "<place/kerch-strait>")
    + doc("b", EU, UA)
    + doc("not_in_gold", RU)
    + fact("a", "i1", "gk:StatedIntention", f"gk:holder {EU} ; gk:modality gk:Demand ; gk:target {RU}", DEMAND)
    + fact("a", "i1b", "gk:StatedIntention", f"gk:holder {EU} ; gk:modality gk:Demand ; gk:target {RU}", DEMAND)
    + fact(
        "a",
        "i2",
        "gk:StatedIntention",
        f"gk:holder {EU} ; gk:modality gk:Intent ; gk:attributedTo <person/jane-doe>",
        "will not recognise the illegal annexation of Crimea",
    )
    + fact("a", "i3", "gk:StatedIntention", f"gk:holder {UA} ; gk:modality gk:Threat", THREAT)
    + fact("a", "i4", "gk:StatedIntention", f"gk:holder {EU} ; gk:modality gk:Pledge ; gk:target {UA}", SUPPORT)
    + fact(
        "a",
        "i5",
        "gk:StatedIntention",
        f"gk:holder {RU} ; gk:modality gk:Threat ; gk:target {UA} ; gk:attributedTo <person/jane-doe>",
        RESERVES,
    )
    + fact("a", "m1", "gk:Membership", f"gk:member <entity/Q191> ; gk:organization {NATO}", "Estonia is a NATO ally.")
    + fact(
        "a",
        "m2",
        "gk:Membership",
        f"gk:member {UA} ; gk:organization {NATO} ; gk:negated true",
        "Ukraine is not a member of NATO.",
    )
    + fact("a", "m3", "gk:Membership", f"gk:member {RU} ; gk:organization {NATO}", "Russia is not in NATO.")
    + fact(
        "a",
        "r1",
        "gk:RoleAssignment",
        'gk:person <person/jane-doe> ; gk:roleTitle "foreign minister"',
        "Foreign Minister Jane Doe",
    )
    + fact("a", "r2", "gk:RoleAssignment", 'gk:person <person/richard-roe> ; gk:roleTitle "envoy"', "envoy Richard Roe")
    + fact("a", "e1", "gk:Event", f"gk:eventType gk:Annexation ; gk:participant {RU}", "Russia annexed Crimea in 2014")
    + fact("a", "e2", "gk:Event", "gk:eventType gk:Exercise", "Exercises began on Monday.")
    + fact(
        "b",
        "i1",
        "gk:StatedIntention",
        f"gk:holder {EU} ; gk:modality gk:Demand ; gk:target {RU}",
        "We call on Russia to release the vessels.",
    )
    + fact("not_in_gold", "i1", "gk:StatedIntention", f"gk:holder {RU} ; gk:modality gk:Plan", "Russia plans drills.")
)

FULL_GOLD = {
    "a": {
        "entities": [
            {"name": "European Union", "type": "Organization", "wikidata": "Q458", "mentions": ["the EU"]},
            {"name": "Russia", "type": "State", "wikidata": "Q159", "mentions": ["Moscow"]},
            {"name": "Ukraine", "type": "State", "wikidata": "Q212"},
            {"name": "NATO", "type": "Alliance", "wikidata": "Q7184"},
            {"name": "Estonia", "type": "State", "wikidata": "Q191"},
            {"name": "Jane Doe", "type": "Person", "wikidata": None},
            {"name": "Sea of Azov", "type": "Place", "wikidata": None},
        ],
        "intentions": [
            intention("European Union", DEMAND, target="Russia"),
            intention("European Union", PLEDGE, modality="pledge"),
            intention("Russia", THREAT, modality="threat", target="Ukraine", attributed_by="Jane Doe"),
            intention("NATO", "NATO strives to deter aggression.", modality="goal"),
            intention("Russia", RESERVES, modality="threat", target="Ukraine", attributed_by="Jane Doe"),
        ],
        "memberships": [
            {"member": "Estonia", "organization": "NATO", "evidence": "Estonia is a NATO ally."},
            {
                "member": "Ukraine",
                "organization": "NATO",
                "relation": "non-member",
                "evidence": "Ukraine is not a member of NATO.",
            },
            {
                "member": "Russia",
                "organization": "NATO",
                "relation": "non-member",
                "evidence": "Russia is not in NATO.",
            },
            {"member": "Ukraine", "organization": "European Union", "relation": "candidate", "evidence": "candidate"},
            {"member": "Estonia", "organization": "European Union", "confidence": "implied", "evidence": "EU summit"},
        ],
        "roles": [
            {"person": "Jane Doe", "role": "foreign minister", "evidence": "Foreign Minister Jane Doe"},
            {"person": "John Roe", "role": "president", "evidence": "President John Roe"},
        ],
        "events": [
            {"type": "annexation", "agent": "Russia", "evidence": ANNEXED},
            {"type": "summit", "agent": None, "evidence": "The summit took place in Warsaw."},
        ],
        "non_intentions": [{"text": SUPPORT, "why": "stance of support"}],
    },
    "b": {
        "entities": [{"name": "European Union", "type": "Organization", "wikidata": "Q458"}],
        "intentions": [intention("European Union", "We call on Russia to release the vessels.", target="Ukraine")],
    },
    "c_absent": {
        "entities": [{"name": "Russia", "type": "State", "wikidata": "Q159"}, {"name": "OSCE", "type": "Organization"}],
        "intentions": [intention("Russia", "Russia will withdraw.", modality="plan")],
        "memberships": [
            {"member": "Turkey", "organization": "European Union", "relation": "candidate", "evidence": "x"},
            {"member": "Norway", "organization": "NATO", "evidence": "y"},
        ],
        "roles": [{"person": "John Roe"}],
        "events": [{"evidence": "The summit took place."}],
    },
}


def load_reference():
    if not REFERENCE.is_file():
        pytest.fail(f"the reference scorer copy {REFERENCE} is missing: copy shared/eval/score.py there")
    spec = importlib.util.spec_from_file_location("score_reference", REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def full(tmp_path: Path) -> tuple[Path, Path]:
    build = tmp_path / "build" / "graph.ttl"
    build.parent.mkdir()
    build.write_text(PREFIXES + FULL_BUILD, encoding="utf-8")
    return build, gold_dir(tmp_path, **FULL_GOLD)


@pytest.fixture
def full_report(full) -> EvalReport:
    build, gold = full
    return score(load_build(build), gold)


def by_stem(report: EvalReport, stem: str):
    return next(d for d in report.documents if d.stem == stem)


# --------------------------------------------------------------------------- agreement with the reference scorer


def test_eval_agrees_with_reference_scorer(full, full_report, capsys):
    build, gold = full
    capsys.readouterr()
    returned = load_reference().main([str(build), str(gold), "--json"])
    printed = json.loads(capsys.readouterr().out)
    assert report_to_json(full_report) == printed == json.loads(json.dumps(returned))


def test_eval_agrees_with_reference_scorer_on_a_build_directory(full, capsys):
    build, gold = full
    (build.parent / "extra.nt").write_text(
        '<https://w3id.org/geokg/id/entity/Q191> <http://www.w3.org/2000/01/rdf-schema#label> "Eesti" .\n'
    )
    load_reference().main([str(build.parent), str(gold), "--json"])
    assert report_to_json(score(load_build(build.parent), gold)) == json.loads(capsys.readouterr().out)


def test_eval_full_build_exercises_every_fact_type(full_report):
    totals = full_report.totals
    for fact_type, counts in totals.items():
        assert counts.tp > 0 and counts.pred > counts.tp and counts.gold > counts.tp, fact_type
    details = full_report.details
    assert details.matched == 4
    assert 0 < details.modality_ok < 4 and 0 < details.attribution_ok < 4 and 0 < details.target_ok < 4


# --------------------------------------------------------------------------- matching rules


def test_eval_error_lists_add_up_to_the_counts(full_report):
    for d in full_report.documents:
        for fact_type, s in d.scores.items():
            assert len([m for m in d.missed if m.fact_type == fact_type]) == s.gold - s.tp, (d.stem, fact_type)
            assert len([f for f in d.false_positives if f.fact_type == fact_type]) == s.pred - s.tp, (d.stem, fact_type)


def test_eval_intention_needs_overlapping_evidence(tmp_path):
    ttl = (
        ENTITIES
        + doc("a", EU)
        + fact(
            "a",
            "i1",
            "gk:StatedIntention",
            f"gk:holder {EU} ; gk:modality gk:Demand",
            "The Union will open talks with Moldova next year.",
        )
    )
    report = run(ttl, tmp_path, a={"intentions": [intention("European Union", DEMAND)]})
    a = by_stem(report, "a")
    assert a.scores["intentions"] == Score(0, 1, 1)
    assert [m.reason for m in a.missed] == [NO_OVERLAP]
    assert a.missed[0].evidence == DEMAND and a.missed[0].agent == "European Union"
    fps = [fp for fp in a.false_positives if fp.fact_type == "intentions"]
    assert [(fp.fact.rsplit("/", 1)[-1], fp.holder) for fp in fps] == [("i1", "European Union")]
    assert fps[0].exact == "The Union will open talks with Moldova next year."


def test_eval_intention_evidence_overlap_by_substring_or_shared_words(tmp_path):
    ttl = (
        ENTITIES
        + doc("a", EU)
        + (
            fact("a", "i1", "gk:StatedIntention", f"gk:holder {EU} ; gk:modality gk:Demand", "expects Russia to ensure")
            + fact(
                "a",
                "i2",
                "gk:StatedIntention",
                f"gk:holder {EU} ; gk:modality gk:Demand",
                "“We call on all for restraint to de-escalate the situation at once.”",
            )
        )
    )
    gold = [
        intention("European Union", DEMAND),
        intention("European Union", "We call on all for utmost restraint to de-escalate the situation immediately."),
    ]
    assert by_stem(run(ttl, tmp_path, a={"intentions": gold}), "a").scores["intentions"] == Score(2, 2, 2)


def test_eval_intention_holder_must_be_the_agent(tmp_path):
    ttl = (
        ENTITIES
        + doc("a", UA)
        + fact("a", "i1", "gk:StatedIntention", f"gk:holder {UA} ; gk:modality gk:Threat", THREAT)
    )
    a = by_stem(run(ttl, tmp_path, a={"intentions": [intention("Russia", THREAT)]}), "a")
    assert a.scores["intentions"].tp == 0
    assert a.missed[0].reason == "overlapping prediction has holder Ukraine"


def test_eval_intention_holder_matches_by_label(tmp_path):
    # "Russian Federation" contains the gold name "Russia"; an IRI's local name also counts as a label
    ttl = (
        ENTITIES
        + doc("a", RU)
        + (
            fact("a", "i1", "gk:StatedIntention", f"gk:holder {RU} ; gk:modality gk:Threat", THREAT)
            + fact("a", "i2", "gk:StatedIntention", "gk:holder <person/Jane_Smith> ; gk:modality gk:Plan", RESERVES)
        )
    )
    gold = [intention("Russia", THREAT, modality="threat"), intention("Jane Smith", RESERVES, modality="plan")]
    assert by_stem(run(ttl, tmp_path, a={"intentions": gold}), "a").scores["intentions"] == Score(2, 2, 2)


def test_eval_entity_matches_by_wikidata_id_before_label(tmp_path):
    ttl = (
        ent(RU, "gk:State", "Russian Federation", "Q159")
        + ent("<entity/x>", "gk:State", "Estonia", "Q999")
        + ent("<entity/y>", "gk:State", "Latvia")
        + doc("a", RU, "<entity/x>", "<entity/y>")
    )
    gold = {
        "entities": [
            {"name": "Russland", "type": "State", "wikidata": "Q159"},
            {"name": "Estonia", "type": "State", "wikidata": "Q191"},
            {"name": "Latvia", "type": "State", "wikidata": "Q211"},
        ]
    }
    a = by_stem(run(ttl, tmp_path, a=gold), "a")
    assert a.scores["entities"] == Score(2, 3, 3)
    assert [m.agent for m in a.missed if m.fact_type == "entities"] == ["Estonia"]
    assert [fp.holder for fp in a.false_positives if fp.fact_type == "entities"] == ["Estonia"]


def test_eval_states_alliances_count_only_typed_entities(tmp_path):
    ttl = ENTITIES + doc("a", EU, NATO, UA)
    gold = {
        "entities": [
            {"name": "NATO", "type": "Alliance", "wikidata": "Q7184"},
            {"name": "Ukraine", "type": "State", "wikidata": "Q212"},
            {"name": "European Union", "type": "Organization", "wikidata": "Q458"},
        ]
    }
    a = by_stem(run(ttl, tmp_path, a=gold), "a")
    assert a.scores["states_alliances"] == Score(2, 2, 2)
    assert a.scores["entities"] == Score(3, 3, 3)


def test_eval_negated_membership_only_matches_non_member(tmp_path):
    ttl = (
        ENTITIES
        + doc("a", UA, RU, NATO)
        + (
            fact(
                "a", "m1", "gk:Membership", f"gk:member {UA} ; gk:organization {NATO} ; gk:negated true", "not a member"
            )
            + fact("a", "m2", "gk:Membership", f"gk:member {RU} ; gk:organization {NATO}", "Russia is not in NATO")
        )
    )
    gold = {
        "memberships": [
            {"member": "Ukraine", "organization": "NATO", "relation": "non-member", "evidence": "not a member"},
            {"member": "Russia", "organization": "NATO", "relation": "non-member", "evidence": "Russia is not in NATO"},
            {"member": "Ukraine", "organization": "European Union", "relation": "candidate", "evidence": "candidate"},
        ]
    }
    a = by_stem(run(ttl, tmp_path, a=gold), "a")
    assert a.scores["memberships"] == Score(1, 2, 2)  # the candidate is not scored
    assert [m.reason for m in a.missed] == ["the prediction for this member and organization is not negated"]
    fps = [fp for fp in a.false_positives if fp.fact_type == "memberships"]
    assert [(fp.holder, fp.exact) for fp in fps] == [("Russian Federation", "Russia is not in NATO")]


def test_eval_negated_membership_does_not_match_plain_member(tmp_path):
    ttl = (
        ENTITIES
        + doc("a", UA)
        + fact("a", "m1", "gk:Membership", f"gk:member {UA} ; gk:organization {NATO} ; gk:negated true", "not a member")
    )
    gold = {"memberships": [{"member": "Ukraine", "organization": "NATO", "evidence": "not a member"}]}
    a = by_stem(run(ttl, tmp_path, a=gold), "a")
    assert a.scores["memberships"] == Score(0, 1, 1)
    assert a.missed[0].reason == "the prediction for this member and organization is negated"


def test_eval_one_prediction_matches_at_most_one_gold(tmp_path):
    ttl = (
        ENTITIES
        + doc("a", EU)
        + (
            fact("a", "i1", "gk:StatedIntention", f"gk:holder {EU} ; gk:modality gk:Demand", DEMAND)
            + fact("a", "r1", "gk:RoleAssignment", "gk:person <person/jane-doe>", "Jane Doe")
            + fact("a", "e1", "gk:Event", "gk:eventType gk:Annexation", ANNEXED)
        )
    )
    gold = {
        "entities": [{"name": "EU", "wikidata": "Q458"}, {"name": "European Union", "wikidata": "Q458"}],
        "intentions": [intention("European Union", DEMAND), intention("European Union", DEMAND)],
        "roles": [{"person": "Jane Doe"}, {"person": "Jane Doe"}],
        "events": [{"evidence": ANNEXED}, {"evidence": ANNEXED}],
    }
    a = by_stem(run(ttl, tmp_path, a=gold), "a")
    for fact_type in ("entities", "intentions", "roles", "events"):
        assert a.scores[fact_type] == Score(1, 1, 2), fact_type
    reasons = {m.fact_type: m.reason for m in a.missed}
    assert "already matched" in reasons["intentions"] and "already matched" in reasons["entities"]
    assert "already matched" in reasons["roles"] and "already matched" in reasons["events"]


def test_eval_attribution_null_versus_value(tmp_path):
    evidences = ["Alpha plans one.", "Beta plans two.", "Gamma plans three.", "Delta plans four."]
    attrs = ["", " ; gk:attributedTo <person/jane-doe>", "", " ; gk:attributedTo <person/jane-doe>"]
    ttl = (
        ENTITIES
        + doc("a", EU)
        + "".join(
            fact("a", f"i{n}", "gk:StatedIntention", f"gk:holder {EU} ; gk:modality gk:Plan{attr}", ev)
            for n, (ev, attr) in enumerate(zip(evidences, attrs, strict=True))
        )
    )
    gold = [
        intention("European Union", evidences[0], modality="plan", attributed_by=None),
        intention("European Union", evidences[1], modality="plan", attributed_by=None),
        intention("European Union", evidences[2], modality="plan", attributed_by="Jane Doe"),
        intention("European Union", evidences[3], modality="plan", attributed_by="Jane Doe"),
    ]
    a = by_stem(run(ttl, tmp_path, a={"intentions": gold}), "a")
    assert a.details.matched == 4 and a.details.attribution_ok == 2 and a.details.modality_ok == 4
    wrong = sorted((e.fact.rsplit("/", 1)[-1], e.field, e.expected, e.got) for e in a.detail_errors)
    assert wrong == [("i1", "attribution", None, "Jane Doe"), ("i2", "attribution", "Jane Doe", None)]


def test_eval_wrong_intention_details_reported(full_report):
    a = by_stem(full_report, "a")
    found = {(e.fact.rsplit("/", 1)[-1], e.field, e.expected, e.got) for e in a.detail_errors}
    assert found == {("i2", "modality", "pledge", "Intent"), ("i2", "attribution", None, "Jane Doe")}
    assert all(e.evidence for e in a.detail_errors)
    b = by_stem(full_report, "b")
    assert [(e.field, e.expected, e.got) for e in b.detail_errors] == [("target", "Ukraine", "Russian Federation")]


def test_eval_non_intentions_flagged(full_report):
    a = by_stem(full_report, "a")
    assert [(n.text, n.why) for n in a.non_intentions] == [(SUPPORT, "stance of support")]
    assert [f.rsplit("/", 1)[-1] for f in a.non_intentions[0].facts] == ["i4"]
    assert full_report.non_intentions_extracted == 1


def test_eval_absent_document_counts_all_gold_as_missed(full_report):
    c = by_stem(full_report, "c_absent")
    assert not c.found and full_report.documents_found == 2 and full_report.documents_gold == 3
    # as the reference scorer does, an absent document counts every membership, candidates too
    assert c.scores["memberships"] == Score(0, 0, 2)
    assert c.scores["states_alliances"] == Score(0, 0, 1)
    assert len(c.missed) == sum(s.gold for s in c.scores.values())
    assert all("no document" in m.reason for m in c.missed)


def test_eval_gold_may_lack_keys(tmp_path):
    report = run(ENTITIES + doc("a", EU), tmp_path, a={}, b={"intentions": None, "doc": "b"})
    assert report.totals["entities"] == Score(0, 1, 0)
    assert all(report.totals[k] == Score(0, 0, 0) for k in ("intentions", "memberships", "roles", "events"))


def test_eval_score_keeps_exact_ratios():
    s = Score(1, 3, 3)
    assert s.p == 1 / 3 and s.r == 1 / 3 and s.f1 == pytest.approx(1 / 3)
    assert Score(0, 0, 0).f1 == 0.0 and Score(1, 2, 0) + Score(1, 0, 4) == Score(2, 2, 4)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"intentions": [', "not valid JSON"),
        ("[1, 2]", "not an object"),
        (json.dumps({"intentions": {"agent": "X"}}), "'intentions' is a dict, not a list"),
        (json.dumps({"intentions": [{"evidence": "x"}]}), "intentions[0] has no 'agent'"),
        (
            json.dumps({"memberships": [{"member": "X", "organization": 3}]}),
            "memberships[0].organization is not a string",
        ),
        (json.dumps({"intentions": [{"agent": "X", "evidence": "y", "target": ["A", "B"]}]}), "intentions[0].target"),
        (json.dumps({"entities": [{"name": "X", "mentions": "X"}]}), "entities[0].mentions"),
    ],
)
def test_eval_malformed_gold_names_the_file(tmp_path, content, problem):
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "broken.gold.json").write_text(content, encoding="utf-8")
    with pytest.raises(EvalInputError) as caught:
        score(store_of(""), folder)
    message = str(caught.value)
    assert "broken.gold.json" in message and problem in message
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, GeokgError)


def test_eval_gold_dir_without_gold_files_is_an_error(tmp_path):
    with pytest.raises(EvalInputError, match=r"no \*\.gold\.json"):
        score(store_of(""), tmp_path)
    with pytest.raises(EvalInputError, match="not a directory"):
        score(store_of(""), tmp_path / "missing")


def test_eval_load_build_reads_a_directory_of_rdf_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.ttl").write_text(PREFIXES + ent(EU, "gk:Organization", "European Union"), encoding="utf-8")
    (tmp_path / "sub" / "b.nq").write_text(
        '<https://w3id.org/geokg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "X" <https://g> .\n'
    )
    (tmp_path / "notes.txt").write_text("not RDF")
    assert len(load_build(tmp_path)) == 3


def test_eval_load_build_reports_bad_files(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(EvalInputError, match=r"bad\.ttl"):
        load_build(bad)
    with pytest.raises(EvalInputError, match="does not exist"):
        load_build(tmp_path / "nothing.ttl")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(EvalInputError, match="unknown RDF file type"):
        load_build(tmp_path / "notes.txt")
    (tmp_path / "empty").mkdir()
    with pytest.raises(EvalInputError, match=r"no \.ttl"):
        load_build(tmp_path / "empty")


# --------------------------------------------------------------------------- output


def test_eval_format_report_is_a_deterministic_table(full, full_report):
    text = format_report(full_report)
    assert text == format_report(score(load_build(full[0]), full[1]))
    lines = text.splitlines()
    assert lines[0] == "documents found: 2 of 3"
    assert any(line.split()[:1] == ["intentions"] and line.split()[-3:] == ["4", "7", "7"] for line in lines)
    assert "  modality     0.750" in lines
    assert any(line.startswith("c_absent (not in build)") for line in lines)
    assert "gold non-intentions extracted: 1" in lines
    assert "missed" not in text


def test_eval_format_report_lists_errors(full_report):
    text = format_report(full_report, errors=True)
    assert "== a ==" in text and "missed intentions (2)" in text
    assert f'(other) NATO: "NATO strives to deter aggression."\n    {NO_OVERLAP}' in text
    assert "overlapping prediction has holder Ukraine" in text
    assert "i2 modality: expected pledge, got Intent" in text
    assert "i2 attribution: expected (none), got Jane Doe" in text
    assert '  - (other) (no agent): "The summit took place in Warsaw."' in text
    assert '  - (negation) Russia in NATO (non-member): "Russia is not in NATO."' in text
    assert f'"{SUPPORT}" by https://w3id.org/geokg/id/document/a.txt/i4' in text
    assert "false positive events (1)" in text and "[(none)]" in text


def test_eval_report_to_json_can_add_documents(full_report):
    plain = report_to_json(full_report)
    assert list(plain) == [
        "entities",
        "states_alliances",
        "intentions",
        "memberships",
        "roles",
        "events",
        "intention_details",
        "documents_found",
        "documents_gold",
    ]
    rich = report_to_json(full_report, documents=True)
    assert {k: v for k, v in rich.items() if k != "documents"} == plain
    assert rich["documents"]["a"]["non_intentions"][0]["text"] == SUPPORT
    json.dumps(rich)  # serialisable


# --------------------------------------------------------------------------- error causes

US = "<entity/Q30>"
CAUSE_ENTITIES = (
    ENTITIES + ent(US, "gk:State", "United States", "Q30") + ent("<person/richard-roe>", "gk:Person", "Richard Roe")
)
CAUSE_GOLD_ENTITIES = [
    {"name": "European Union", "type": "Organization", "wikidata": "Q458", "mentions": ["EU", "We", "our"]},
    {"name": "Russia", "type": "State", "wikidata": "Q159", "mentions": ["Moscow"]},
    {"name": "Ukraine", "type": "State", "wikidata": "Q212"},
    {"name": "NATO", "type": "Alliance", "wikidata": "Q7184"},
    {"name": "Jane Doe", "type": "Person"},
]


def intention_fact(name: str, holder: str, exact: str, extra: str = "") -> str:
    return fact("a", name, "gk:StatedIntention", f"gk:holder {holder} ; gk:modality gk:Plan{extra}", exact)


def causes_of(tmp_path: Path, facts: str, gold: dict, fact_type: str) -> tuple[list[str], list[str]]:
    """The causes of the missed gold items and of the false positives of `fact_type` in document a."""
    ttl = CAUSE_ENTITIES + doc("a", EU, RU, UA, NATO, "<person/jane-doe>", "<person/richard-roe>") + facts
    a = by_stem(run(ttl, tmp_path, a={"entities": CAUSE_GOLD_ENTITIES, **gold}), "a")
    missed = [m.cause for m in a.missed if m.fact_type == fact_type]
    return missed, [fp.cause for fp in a.false_positives if fp.fact_type == fact_type]


URGE = "The European Union urges Russia to release the vessels."
SAYS = "Jane Doe says Russia will block the strait."
TWO = "The European Union will support Ukraine and will not recognise the annexation."

# (gold intentions, predictions, expected miss causes, expected false-positive causes)
INTENTION_CASES = {
    "merged": (
        [intention("European Union", TWO), intention("European Union", TWO)],
        intention_fact("i1", EU, TWO),
        ["merged"],
        [],
    ),
    "no cue": ([intention("European Union", "The European Union met Ukraine in Brussels.")], "", ["no cue"], []),
    "parse": ([intention("European Union", "The European Union\nwill support Ukraine.")], "", ["parse"], []),
    "first person": ([intention("European Union", "We will support Ukraine.")], "", ["first person"], []),
    "holder unresolved": (
        [intention("European Union", "The Union will support Ukraine.")],
        "",
        ["holder unresolved"],
        [],
    ),
    "coordination": (
        [intention("Ukraine", "Russia and Ukraine will withdraw their troops.")],
        intention_fact("i1", RU, "Russia and Ukraine will withdraw their troops."),
        ["coordination"],
        ["wrong holder"],
    ),
    "attribution": (
        [intention("Russia", SAYS, attributed_by="Jane Doe")],
        intention_fact("i1", "<person/jane-doe>", SAYS),
        ["attribution"],
        ["attribution"],
    ),
    "target as holder": (
        [intention("European Union", URGE, target="Russia")],
        intention_fact("i1", RU, URGE),
        ["target as holder"],
        ["target as holder"],
    ),
    "wrong holder": (
        [intention("European Union", URGE, target="Russia")],
        intention_fact("i1", UA, URGE),
        ["wrong holder"],
        ["wrong holder"],
    ),
    "condition": ([intention("Ukraine", "If Russia attacks, Ukraine will respond.")], "", ["condition"], []),
    "other": ([intention("Ukraine", "Ukraine will respond.")], "", ["other"], []),
    "duplicate": (
        [intention("European Union", URGE)],
        intention_fact("i1", EU, URGE) + intention_fact("i2", EU, URGE),
        [],
        ["duplicate"],
    ),
    "not an intention": ([], intention_fact("i1", UA, "Ukraine held elections in May."), [], ["not an intention"]),
}


@pytest.mark.parametrize("case", list(INTENTION_CASES))
def test_eval_causes_of_intention_errors(tmp_path, case):
    golds, facts, want_missed, want_fps = INTENTION_CASES[case]
    assert causes_of(tmp_path, facts, {"intentions": golds}, "intentions") == (want_missed, want_fps)


def test_eval_causes_non_intention_false_positive(tmp_path):
    question = "Would Russia dare to attack NATO?"
    gold = {"non_intentions": [{"text": question, "why": "rhetorical question"}]}
    assert causes_of(tmp_path, intention_fact("i1", RU, question), gold, "intentions") == ([], ["non-intention"])


def test_eval_causes_first_person_holder_taken_from_the_sentence(tmp_path):
    # "We urge Russia ...": the author's demand given to the one urged is a first-person miss
    evidence = "We urge Russia to release the vessels."
    gold = {"intentions": [intention("European Union", evidence, target="Russia")]}
    assert causes_of(tmp_path, intention_fact("i1", RU, evidence), gold, "intentions") == (
        ["first person"],
        ["target as holder"],
    )


def membership(member: str, organization: str, evidence: str, **extra) -> dict:
    return {"member": member, "organization": organization, "evidence": evidence, **extra}


def membership_fact(name: str, member: str, organization: str, exact: str, negated: bool = False) -> str:
    body = f"gk:member {member} ; gk:organization {organization}" + (" ; gk:negated true" if negated else "")
    return fact("a", name, "gk:Membership", body, exact)


MEMBER = "Ukraine is a member of NATO."
MEMBERSHIP_CASES = {
    "negation": (
        [membership("Ukraine", "NATO", "Ukraine is not a member of NATO.", relation="non-member")],
        membership_fact("m1", UA, NATO, "Ukraine is not a member of NATO."),
        ["negation"],
        ["negation"],
    ),
    "merged": (
        [membership("Ukraine", "NATO", MEMBER), membership("Ukraine", "NATO", MEMBER)],
        membership_fact("m1", UA, NATO, MEMBER),
        ["merged"],
        [],
    ),
    "member not linked": (
        [membership("Moldova", "NATO", "Moldova is a member of NATO.")],
        "",
        ["member not linked"],
        [],
    ),
    "organisation not linked": (
        [membership("Ukraine", "GUAM", "Ukraine is a member of GUAM.")],
        "",
        ["organisation not linked"],
        [],
    ),
    "wrong member": (
        [membership("Ukraine", "NATO", "Ukraine and Russia are members of NATO.")],
        membership_fact("m1", RU, NATO, "Ukraine and Russia are members of NATO."),
        ["wrong member"],
        ["wrong member"],
    ),
    "no cue": ([membership("Ukraine", "NATO", "Ukraine sat with NATO.")], "", ["no cue"], []),
    "other": ([membership("Ukraine", "NATO", MEMBER)], "", ["other"], []),
    "duplicate": (
        [membership("Ukraine", "NATO", MEMBER)],
        membership_fact("m1", UA, NATO, MEMBER) + membership_fact("m2", UA, NATO, "Ukraine, a NATO member, ..."),
        [],
        ["duplicate"],
    ),
    "not scored": (
        [membership("Ukraine", "NATO", "the NATO summit", confidence="implied")],
        membership_fact("m1", UA, NATO, "the NATO summit"),
        [],
        ["not scored"],
    ),
    "not stated": ([], membership_fact("m1", RU, EU, "Russia traded with the EU."), [], ["not stated"]),
}


@pytest.mark.parametrize("case", list(MEMBERSHIP_CASES))
def test_eval_causes_of_membership_errors(tmp_path, case):
    golds, facts, want_missed, want_fps = MEMBERSHIP_CASES[case]
    assert causes_of(tmp_path, facts, {"memberships": golds}, "memberships") == (want_missed, want_fps)


def role_fact(name: str, person: str, exact: str) -> str:
    return fact("a", name, "gk:RoleAssignment", f'gk:person {person} ; gk:roleTitle "minister"', exact)


TITLED = "Foreign Minister Jane Doe arrived."
ROLE_CASES = {
    "merged": (
        [{"person": "Jane Doe", "evidence": TITLED}, {"person": "Jane Doe", "evidence": TITLED}],
        role_fact("r1", "<person/jane-doe>", TITLED),
        ["merged"],
        [],
    ),
    "person not linked": ([{"person": "John Roe", "evidence": "President John Roe"}], "", ["person not linked"], []),
    "no cue": ([{"person": "Jane Doe", "evidence": "Jane Doe arrived."}], "", ["no cue"], []),
    "other": ([{"person": "Jane Doe", "evidence": TITLED}], "", ["other"], []),
    "duplicate": (
        [{"person": "Jane Doe", "evidence": TITLED}],
        role_fact("r1", "<person/jane-doe>", TITLED) + role_fact("r2", "<person/jane-doe>", "Minister Doe"),
        [],
        ["duplicate"],
    ),
    "unknown person": ([], role_fact("r1", "<person/richard-roe>", "envoy Richard Roe"), [], ["unknown person"]),
    "no gold role": ([], role_fact("r1", "<person/jane-doe>", TITLED), [], ["no gold role"]),
}


@pytest.mark.parametrize("case", list(ROLE_CASES))
def test_eval_causes_of_role_errors(tmp_path, case):
    golds, facts, want_missed, want_fps = ROLE_CASES[case]
    assert causes_of(tmp_path, facts, {"roles": golds}, "roles") == (want_missed, want_fps)


def event_fact(name: str, exact: str) -> str:
    return fact("a", name, "gk:Event", "gk:eventType gk:Annexation", exact)


EVENT_CASES = {
    "merged": ([{"evidence": ANNEXED}, {"evidence": ANNEXED}], event_fact("e1", ANNEXED), ["merged"], []),
    "no cue": ([{"evidence": "The leaders smiled for the cameras."}], "", ["no cue"], []),
    "parse": ([{"evidence": "Russia annexed\nCrimea in 2014."}], "", ["parse"], []),
    "other": ([{"evidence": ANNEXED}], "", ["other"], []),
    "duplicate": ([{"evidence": ANNEXED}], event_fact("e1", ANNEXED) + event_fact("e2", ANNEXED), [], ["duplicate"]),
    "not an event": ([], event_fact("e1", "The leaders smiled for the cameras."), [], ["not an event"]),
}


@pytest.mark.parametrize("case", list(EVENT_CASES))
def test_eval_causes_of_event_errors(tmp_path, case):
    golds, facts, want_missed, want_fps = EVENT_CASES[case]
    assert causes_of(tmp_path, facts, {"events": golds}, "events") == (want_missed, want_fps)


def test_eval_causes_event_over_a_gold_intention_is_an_intention(tmp_path):
    plan = "Russia plans to deploy troops to Belarus next year."
    gold = {"intentions": [intention("Russia", plan, modality="plan")]}
    assert causes_of(tmp_path, event_fact("e1", plan), gold, "events") == ([], ["intention"])


def test_eval_causes_every_error_has_exactly_one(full_report):
    for d in full_report.documents:
        errors = [*d.missed, *d.false_positives]
        facts = [e for e in errors if e.fact_type not in ("entities", "states_alliances")]
        assert all(e.cause for e in facts), d.stem
        assert not any(e.cause for e in errors if e not in facts), d.stem
    c = by_stem(full_report, "c_absent")
    assert {m.cause for m in c.missed if m.fact_type == "intentions"} == {"document not built"}


def test_eval_causes_of_wrong_details_count_expected_and_got(full_report):
    a, b = by_stem(full_report, "a"), by_stem(full_report, "b")
    causes = sorted(e.cause for e in (*a.detail_errors, *b.detail_errors))
    assert causes == ["attribution: spurious", "modality: pledge → intent", "target: wrong"]
    assert full_report.cause_counts[("intentions", "wrong detail", "modality: pledge → intent")] == 1


@pytest.mark.parametrize(
    ("expected", "got", "cause"),
    [("Jane Doe", None, "attribution: missing"), (None, "Jane Doe", "attribution: spurious")],
)
def test_eval_causes_attribution_missing_or_spurious(tmp_path, expected, got, cause):
    attr = f" ; gk:attributedTo {'<person/jane-doe>'}" if got else ""
    facts = intention_fact("i1", RU, SAYS, attr)
    gold = {"intentions": [intention("Russia", SAYS, modality="plan", attributed_by=expected)]}
    ttl = CAUSE_ENTITIES + doc("a", RU) + facts
    a = by_stem(run(ttl, tmp_path, a={"entities": CAUSE_GOLD_ENTITIES, **gold}), "a")
    assert [e.cause for e in a.detail_errors] == [cause]


def test_eval_cause_counts_table_comes_before_the_document_lists(full_report):
    text = format_report(full_report, errors=True)
    table = text.index("error causes (")
    assert table < text.index("== a ==")
    rows = text[table : text.index("== a ==")].splitlines()
    assert rows[1].split() == ["fact", "type", "error", "cause", "count"]
    assert any(row.split() == ["intentions", "missed", "document", "not", "built", "1"] for row in rows)
    assert any(row.split() == ["memberships", "false", "positive", "negation", "1"] for row in rows)
    assert "error causes" not in format_report(full_report)


def test_eval_cause_counts_in_json(full_report):
    plain = report_to_json(full_report)
    assert "error_causes" not in plain  # the reference scorer's figures stay as they are
    counts = report_to_json(full_report, causes=True)["error_causes"]
    assert counts["intentions"]["missed"]["document not built"] == 1
    assert counts["intentions"]["false positive"] == {"duplicate": 1, "non-intention": 1, "target as holder": 1}
    assert counts["memberships"]["missed"] == {"document not built": 2, "negation": 1}
    assert sum(n for kinds in counts.values() for causes in kinds.values() for n in causes.values()) == 19


def test_eval_cli_json_and_errors_show_the_causes(full):
    from click.testing import CliRunner

    from geokg.cli import main

    build, gold = full
    as_json = CliRunner().invoke(main, ["eval", str(gold), "--build", str(build), "--json"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output)["error_causes"]["roles"]["false positive"] == {"unknown person": 1}
    listed = CliRunner().invoke(main, ["eval", str(gold), "--build", str(build), "--errors"])
    assert "error causes (19 errors)" in listed.output
    assert "(target as holder) https://w3id.org/geokg/id/document/a.txt/i3 [Ukraine]" in listed.output


def test_eval_implied_memberships_are_not_scored(tmp_path):
    gold = {
        "memberships": [
            membership("Ukraine", "NATO", "the NATO summit", confidence="implied"),
            membership("Ukraine", "NATO", MEMBER),
        ]
    }
    a = by_stem(run(ENTITIES + doc("a", UA, NATO) + membership_fact("m1", UA, NATO, MEMBER), tmp_path, a=gold), "a")
    assert a.scores["memberships"] == Score(1, 1, 1)


@pytest.mark.parametrize(
    ("text", "has_cue"),
    [
        ("Moscow sought to delay the talks.", True),  # irregular past: "seek"
        ("Kyiv won't recognise the vote.", True),  # "wo" is "will"
        ("We're going to discuss it.", True),  # "'re" is "are", a form of "be going to"
        ("Berlin is preparing new sanctions.", True),  # progressive plan verb
        ("Ankara has been urging restraint.", True),  # inflected cue verb
        ("Tokyo met Seoul in March.", False),
    ],
)
def test_eval_cues_match_the_lexicon_on_lemmas(text, has_cue):
    assert cues.has_intention_cue(text) is has_cue


def test_eval_cues_coordinated_names_need_a_coordinator():
    text = "Now Estonia, Latvia and the Lithuanian Republic will act."
    own = cues.name_spans(text, ["Latvia"])
    others = cues.name_spans(text, ["Estonia", "Lithuanian Republic"])
    assert cues.coordinations(text, own, others) == [(4, 47)]
    comma_only = "In Tallinn, Latvia acts."
    assert cues.coordinations(comma_only, cues.name_spans(comma_only, ["Latvia"]), [(3, 10)]) == []


def test_eval_cues_names_skip_pronouns_and_keep_acronyms():
    assert not cues.is_name("We") and cues.is_name("US") and cues.is_name("Moscow")
    assert cues.name_spans("Join us, said the US.", ["US"]) == [(18, 20)]
    assert cues.first_person("Join us.") and not cues.first_person("The US will act.")
