"""Score a geokg build against a directory of gold annotations, fact type by fact type.

The build is read only through the publishing contract (docs: ../design/contract.md), with the
matching rules of the project's reference scorer (tests/data/score_reference.py): every figure
here equals the one it prints. On top of the figures, the report says per document which gold
facts were missed and why, which predictions were false positives, which matched intentions have
the wrong modality, attribution or target, and which gold non-intentions were extracted.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from geokg.errors import InputError

FACT_TYPES = ("entities", "states_alliances", "intentions", "memberships", "roles", "events")

RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
               ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}

_PREFIXES = """
PREFIX gk: <https://w3id.org/geokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

_EVIDENCE = ("?f prov:wasDerivedFrom ?ev . ?ev oa:hasSource <%s> ; oa:hasSelector ?sel . "
             "?sel a oa:TextQuoteSelector ; oa:exact ?exact .")

# The queries are the reference scorer's: the order of their rows decides greedy matching.
_Q_NAMES = "SELECT ?e ?l ?same WHERE { ?e rdfs:label ?l . OPTIONAL { ?e owl:sameAs ?same } }"
_Q_DOCS = "SELECT ?doc ?id WHERE { ?doc a gk:Document ; dcterms:identifier ?id }"
_Q_MENTIONED = "SELECT DISTINCT ?e WHERE { <%s> schema:mentions ?e }"
_Q_TYPED = ("SELECT DISTINCT ?e WHERE { <%s> schema:mentions ?e . "
            "{ ?e a gk:State } UNION { ?e a gk:Alliance } }")
_Q_INTENTIONS = """SELECT ?f ?holder ?mod ?target ?attr ?exact ?neg WHERE { ?f a gk:StatedIntention ;
    gk:holder ?holder ; gk:modality ?mod . OPTIONAL { ?f gk:target ?target } OPTIONAL { ?f gk:attributedTo ?attr }
    OPTIONAL { ?f gk:negated ?neg } %s }"""
_Q_MEMBERSHIPS = """SELECT DISTINCT ?f ?m ?o ?neg WHERE { ?f a gk:Membership ; gk:member ?m ; gk:organization ?o .
    OPTIONAL { ?f gk:negated ?neg } %s }"""
_Q_ROLES = "SELECT DISTINCT ?f ?person ?exact WHERE { ?f a gk:RoleAssignment ; gk:person ?person . %s }"
_Q_EVENTS = "SELECT DISTINCT ?f ?exact WHERE { ?f a gk:Event . %s }"
# Only for the error lists, never for matching.
_Q_EXACTS = "SELECT DISTINCT ?f ?exact WHERE { %s }"
_Q_PARTICIPANTS = "SELECT DISTINCT ?f ?a WHERE { ?f a gk:Event ; gk:participant ?a }"

NO_OVERLAP = "no prediction overlaps this evidence"
_README_HINT = "Fix the file as the gold scheme describes (shared/eval/README.md) or remove it from the gold directory"
_BUILD_HINT = "Give a build file (.ttl, .nt, .nq, .trig) or the output directory of `geokg build`"
_GOLD_DIR_HINT = "Give the directory that holds the *.gold.json files"


class EvalInputError(InputError, ValueError):
    """A build or gold input that `score` cannot use: says which file, what is wrong and what to do."""


# --------------------------------------------------------------------------- result types


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
        return IntentionDetails(self.matched + other.matched, self.modality_ok + other.modality_ok,
                                self.attribution_ok + other.attribution_ok, self.target_ok + other.target_ok)


@dataclass(frozen=True)
class MissedGold:
    """A gold item no prediction matched; `agent` is its agent, member, person or entity name."""

    fact_type: str
    agent: str
    evidence: str
    reason: str


@dataclass(frozen=True)
class FalsePositive:
    """A prediction that matched no gold item; `holder` is the label of its holder, member or person."""

    fact_type: str
    fact: str
    holder: str
    exact: str


@dataclass(frozen=True)
class DetailError:
    """A matched intention whose modality, attribution or target differs from the gold one."""

    fact: str
    field: str
    expected: str | None
    got: str | None
    evidence: str


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


# --------------------------------------------------------------------------- text and actor matching


def norm(text: str | None) -> str:
    """Lowercase, NFKC, words split across lines joined, quotes dropped, punctuation to spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = re.sub(r"-\s*\n\s*", "", text)
    text = re.sub(r"[\u2018\u2019\u201c\u201d\"'`]", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def overlap(a: str | None, b: str | None) -> bool:
    """True when one text contains the other, or they share 60% of the shorter one's words."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na in nb or nb in na:
        return True
    ta, tb = set(na.split()), set(nb.split())
    return len(ta & tb) / max(1, min(len(ta), len(tb))) >= 0.6


def _qid(iri: str | None) -> str | None:
    found = re.search(r"wikidata\.org/entity/(Q\d+)", iri or "")
    return found.group(1) if found else None


@dataclass(frozen=True)
class _Actor:
    labels: frozenset[str]
    qid: str | None


def _matches_actor(iri: str | None, gold_name: str | None, names: dict[str, _Actor],
                   gold_qid: str | None = None) -> bool:
    """By Wikidata id when both sides have one, else by label (or IRI local name) against the name."""
    if iri is None or not gold_name:
        return False
    actor = names.get(iri, _Actor(frozenset(), None))
    if gold_qid and actor.qid:
        return gold_qid == actor.qid
    wanted = norm(re.sub(r"\(.*?\)", "", gold_name))
    for label in actor.labels | {iri.rsplit("/", 1)[-1].replace("_", " ")}:
        lab = norm(label)
        if lab and (lab == wanted or (len(lab) > 3 and (lab in wanted or wanted in lab))):
            return True
    return False


# --------------------------------------------------------------------------- reading the build


def load_build(path: Path) -> ox.Store:
    """A store with a build file, or every .ttl/.nt/.nq/.trig file under a directory."""
    path = Path(path)
    if not path.exists():
        raise EvalInputError(str(path), "the build does not exist", _BUILD_HINT)
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.suffix in RDF_FORMATS)
    if not files:
        raise EvalInputError(str(path), "the directory holds no .ttl, .nt, .nq or .trig file", _BUILD_HINT)
    store = ox.Store()
    for file in files:
        _load_file(store, file)
    return store


def _load_file(store: ox.Store, file: Path) -> None:
    if file.suffix not in RDF_FORMATS:
        raise EvalInputError(str(file), f"unknown RDF file type {file.suffix!r}",
                             f"Use one of {', '.join(RDF_FORMATS)}")
    try:
        store.bulk_load(path=str(file), format=RDF_FORMATS[file.suffix])
    except (SyntaxError, ValueError, OSError) as err:
        raise EvalInputError(str(file), f"cannot be read as RDF ({err})", "Rebuild it or fix the syntax") from err


def _rows(store: ox.Store, query: str) -> list[dict[str, str | None]]:
    solutions = store.query(_PREFIXES + query, use_default_graph_as_union=True)
    variables = [v.value for v in solutions.variables]
    return [{v: (sol[v].value if sol[v] is not None else None) for v in variables} for sol in solutions]


@dataclass(frozen=True)
class _Build:
    store: ox.Store
    names: dict[str, _Actor]
    docs: dict[str, str]

    @classmethod
    def read(cls, store: ox.Store) -> _Build:
        labels: dict[str, set[str]] = {}
        qids: dict[str, str | None] = {}
        for row in _rows(store, _Q_NAMES):
            labels.setdefault(row["e"], set()).add(row["l"])
            qids[row["e"]] = qids.get(row["e"]) or _qid(row["same"])
        names = {e: _Actor(frozenset(labels[e]), qids[e]) for e in labels}
        docs = {r["id"]: r["doc"] for r in _rows(store, _Q_DOCS)}
        return cls(store, names, docs)

    def label(self, iri: str | None) -> str:
        if iri is None:
            return "(none)"
        actor = self.names.get(iri)
        return min(actor.labels) if actor else iri.rsplit("/", 1)[-1].replace("_", " ")

    def query(self, template: str, doc: str) -> list[dict[str, str | None]]:
        return _rows(self.store, template % (_EVIDENCE % doc))

    def exacts(self, doc: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for row in self.query(_Q_EXACTS, doc):
            out.setdefault(row["f"], []).append(row["exact"])
        return {f: sorted(texts) for f, texts in out.items()}


# --------------------------------------------------------------------------- reading the gold files

# keys a gold item must have (strings), keys that may be missing or null (strings otherwise)
_REQUIRED = {"entities": ("name",), "intentions": ("agent", "evidence"),
             "memberships": ("member", "organization"), "roles": ("person",),
             "events": ("evidence",), "non_intentions": ("text",)}
_OPTIONAL = {"entities": ("type", "wikidata"), "intentions": ("modality", "target", "attributed_by"),
             "memberships": ("relation",), "roles": (), "events": (), "non_intentions": ("why",)}


def load_gold(path: Path) -> dict[str, Any]:
    """A gold file's content with every list key present; EvalInputError when it is malformed."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise EvalInputError(str(path), f"is not valid JSON ({err.msg}, column {err.colno})",
                             _README_HINT, line=err.lineno) from err
    except (OSError, UnicodeDecodeError) as err:
        raise EvalInputError(str(path), f"cannot be read ({err})", "Check that it is a UTF-8 text file") from err
    if not isinstance(gold, dict):
        raise EvalInputError(str(path), f"holds a JSON {type(gold).__name__}, not an object", _README_HINT)
    return {**gold, **{key: _gold_items(path, gold, key) for key in _REQUIRED}}


def _gold_items(path: Path, gold: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = gold.get(key) or []
    if not isinstance(items, list):
        raise EvalInputError(str(path), f"{key!r} is a {type(items).__name__}, not a list", _README_HINT)
    for index, item in enumerate(items):
        _check_item(path, f"{key}[{index}]", item, _REQUIRED[key], _OPTIONAL[key])
        if key == "entities":
            _check_mentions(path, f"{key}[{index}]", item.get("mentions"))
    return items


def _check_item(path: Path, where: str, item: Any, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
    if not isinstance(item, dict):
        raise EvalInputError(str(path), f"{where} is a {type(item).__name__}, not an object", _README_HINT)
    for key in required:
        if not isinstance(item.get(key), str):
            problem = f"{where} has no {key!r}" if key not in item else f"{where}.{key} is not a string"
            raise EvalInputError(str(path), problem, f"Give every item of this kind a {', '.join(map(repr, required))}")
    for key in optional:
        if item.get(key) is not None and not isinstance(item[key], str):
            raise EvalInputError(str(path), f"{where}.{key} is a {type(item[key]).__name__}",
                                 f"Make {key!r} a string or null")


def _check_mentions(path: Path, where: str, mentions: Any) -> None:
    if mentions is not None and not (isinstance(mentions, list) and all(isinstance(m, str) for m in mentions)):
        raise EvalInputError(str(path), f"{where}.mentions is not a list of strings",
                             "Make it a list of surface forms or null")


def _gold_files(gold_dir: Path) -> list[Path]:
    if not Path(gold_dir).is_dir():
        raise EvalInputError(str(gold_dir), "is not a directory", _GOLD_DIR_HINT)
    files = sorted(Path(gold_dir).glob("*.gold.json"))
    if not files:
        raise EvalInputError(str(gold_dir), "holds no *.gold.json file", _GOLD_DIR_HINT)
    return files


# --------------------------------------------------------------------------- scoring


def score(build: ox.Store, gold_dir: Path) -> EvalReport:
    """Score a loaded build against every *.gold.json file in `gold_dir`."""
    files = _gold_files(Path(gold_dir))
    golds = [(f.name[: -len(".gold.json")], load_gold(f)) for f in files]
    index = _Build.read(build)
    return EvalReport(tuple(_score_document(index, stem, gold) for stem, gold in golds))


def _score_document(build: _Build, stem: str, gold: dict[str, Any]) -> DocumentReport:
    doc = build.docs.get(stem + ".txt") or build.docs.get(stem)
    if doc is None:
        return _absent_document(stem, gold)
    mentioned = [r["e"] for r in _rows(build.store, _Q_MENTIONED % doc)]
    typed = [r["e"] for r in _rows(build.store, _Q_TYPED % doc)]
    exacts = build.exacts(doc)
    intentions = _match_intentions(build, doc, gold["intentions"])
    results = {
        "entities": _match_entities(build, "entities", gold["entities"], mentioned),
        "states_alliances": _match_entities(build, "states_alliances", _states_alliances(gold), typed),
        "intentions": intentions.result,
        "memberships": _match_memberships(build, doc, _scored_memberships(gold), exacts),
        "roles": _match_roles(build, doc, gold["roles"]),
        "events": _match_events(build, doc, gold["events"]),
    }
    return DocumentReport(
        stem, True, {k: r.score for k, r in results.items()}, intentions.details,
        missed=tuple(m for r in results.values() for m in r.missed),
        false_positives=tuple(fp for r in results.values() for fp in r.false_positives),
        detail_errors=intentions.errors,
        non_intentions=_extracted_non_intentions(gold["non_intentions"], intentions.facts, exacts))


def _states_alliances(gold: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in gold["entities"] if e.get("type") in ("State", "Alliance")]


def _scored_memberships(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """Plain and negated memberships; candidates and other weaker relations are not scored."""
    return [g for g in gold["memberships"] if g.get("relation", "member") in ("member", "non-member")]


def _absent_document(stem: str, gold: dict[str, Any]) -> DocumentReport:
    """Every gold item counts as missed. As in the reference scorer, all memberships count here."""
    reason = f"the build has no document with dcterms:identifier {stem}.txt"
    items = {"entities": [(e["name"], "") for e in gold["entities"]],
             "states_alliances": [(e["name"], "") for e in _states_alliances(gold)],
             "intentions": [(g["agent"], g["evidence"]) for g in gold["intentions"]],
             "memberships": [(_membership_name(g), g.get("evidence") or "") for g in gold["memberships"]],
             "roles": [(g["person"], g.get("evidence") or "") for g in gold["roles"]],
             "events": [(g.get("agent") or "", g["evidence"]) for g in gold["events"]]}
    missed = tuple(MissedGold(k, agent, ev, reason) for k, pairs in items.items() for agent, ev in pairs)
    return DocumentReport(stem, False, {k: Score(0, 0, len(v)) for k, v in items.items()},
                          IntentionDetails(), missed=missed)


@dataclass(frozen=True)
class _Result:
    score: Score
    missed: tuple[MissedGold, ...]
    false_positives: tuple[FalsePositive, ...]


def _result(fact_type: str, build: _Build, ngold: int, used: set[str], preds: dict[str, tuple[str | None, str]],
            missed: list[MissedGold]) -> _Result:
    """`preds` maps each predicted fact to (holder IRI, exact text) for the false-positive list."""
    fps = tuple(FalsePositive(fact_type, f, build.label(holder), exact)
                for f, (holder, exact) in sorted(preds.items()) if f not in used)
    return _Result(Score(len(used), len(preds), ngold), tuple(missed), fps)


def _match_entities(build: _Build, fact_type: str, golds: list[dict[str, Any]], candidates: list[str]) -> _Result:
    """One predicted entity matches at most one gold entity, by name or any mention."""
    hit: dict[str, str] = {}
    missed = []
    for g in golds:
        forms = [g["name"], *(g.get("mentions") or [])]
        matching = [e for e in candidates
                    if any(_matches_actor(e, form, build.names, g.get("wikidata")) for form in forms)]
        free = [e for e in matching if e not in hit]
        if free:
            hit[free[0]] = g["name"]
            continue
        reason = (f"the matching entity {build.label(matching[0])} already matched gold entity {hit[matching[0]]}"
                  if matching else "no entity the document mentions matches its name or mentions")
        missed.append(MissedGold(fact_type, g["name"], "", reason))
    preds = {e: (e, "") for e in candidates}
    return _result(fact_type, build, len(golds), set(hit), preds, missed)


@dataclass(frozen=True)
class _IntentionOutcome:
    result: _Result
    details: IntentionDetails
    errors: tuple[DetailError, ...]
    facts: tuple[str, ...]


def _match_intentions(build: _Build, doc: str, golds: list[dict[str, Any]]) -> _IntentionOutcome:
    """Evidence overlaps and holder matches the agent; one prediction matches at most one gold."""
    preds: dict[str, dict[str, str | None]] = {}
    for row in build.query(_Q_INTENTIONS, doc):
        preds.setdefault(row["f"], row)
    used: set[str] = set()
    missed, errors, details = [], [], IntentionDetails()
    for g in golds:
        match = next((p for p in preds.values() if p["f"] not in used and overlap(p["exact"], g["evidence"])
                      and _matches_actor(p["holder"], g["agent"], build.names)), None)
        if match is None:
            missed.append(MissedGold("intentions", g["agent"], g["evidence"], _intention_miss(build, g, preds, used)))
            continue
        used.add(match["f"])
        found = _detail_errors(build, g, match)
        errors.extend(found)
        wrong = {e.field for e in found}
        details += IntentionDetails(1, int("modality" not in wrong), int("attribution" not in wrong),
                                    int("target" not in wrong))
    holders = {f: (p["holder"], p["exact"] or "") for f, p in preds.items()}
    result = _result("intentions", build, len(golds), used, holders, missed)
    return _IntentionOutcome(result, details, tuple(errors), tuple(preds))


def _intention_miss(build: _Build, g: dict[str, Any], preds: dict[str, dict[str, str | None]], used: set[str]) -> str:
    overlapping = [p for p in preds.values() if overlap(p["exact"], g["evidence"])]
    if not overlapping:
        return NO_OVERLAP
    holders = sorted({build.label(p["holder"]) for p in overlapping})
    if any(_matches_actor(p["holder"], g["agent"], build.names) for p in overlapping):
        return f"overlapping prediction with holder {', '.join(holders)} already matched another gold intention"
    return f"overlapping prediction has holder {', '.join(holders)}"


def _detail_errors(build: _Build, g: dict[str, Any], p: dict[str, str | None]) -> list[DetailError]:
    errors = []
    got_modality = (p["mod"] or "").rsplit("#", 1)[-1]
    if got_modality.lower() != (g.get("modality") or "").lower():
        errors.append(DetailError(p["f"], "modality", g.get("modality"), got_modality, g["evidence"]))
    ga = g.get("attributed_by")
    if not ((p["attr"] is None and ga is None) or (ga is not None and _matches_actor(p["attr"], ga, build.names))):
        errors.append(DetailError(p["f"], "attribution", ga, _label_or_none(build, p["attr"]), g["evidence"]))
    gt = g.get("target")
    if not ((p["target"] is None and not gt) or (bool(gt) and _matches_actor(p["target"], gt, build.names))):
        errors.append(DetailError(p["f"], "target", gt or None, _label_or_none(build, p["target"]), g["evidence"]))
    return errors


def _label_or_none(build: _Build, iri: str | None) -> str | None:
    return None if iri is None else build.label(iri)


def _membership_name(g: dict[str, Any]) -> str:
    relation = f" ({g['relation']})" if g.get("relation") else ""
    return f"{g['member']} in {g['organization']}{relation}"


def _match_memberships(build: _Build, doc: str, golds: list[dict[str, Any]], exacts: dict[str, list[str]]) -> _Result:
    """Member and organisation match; a gold non-member only matches a negated prediction."""
    preds = build.query(_Q_MEMBERSHIPS, doc)
    used: set[str] = set()
    missed = []
    for g in golds:
        want_neg = g.get("relation") == "non-member"
        pair = [p for p in preds if _matches_actor(p["m"], g["member"], build.names)
                and _matches_actor(p["o"], g["organization"], build.names)]
        match = next((p for p in pair if p["f"] not in used and _is_negated(p) == want_neg), None)
        if match is None:
            missed.append(MissedGold("memberships", _membership_name(g), g.get("evidence") or "",
                                     _membership_miss(g, pair, want_neg)))
        else:
            used.add(match["f"])
    holders = {p["f"]: (p["m"], (exacts.get(p["f"]) or [""])[0]) for p in preds}
    return _result("memberships", build, len(golds), used, holders, missed)


def _is_negated(p: dict[str, str | None]) -> bool:
    return (p["neg"] or "").lower() in ("true", "1")


def _membership_miss(g: dict[str, Any], pair: list[dict[str, str | None]], want_neg: bool) -> str:
    if not pair:
        return f"no prediction has member {g['member']} and organization {g['organization']}"
    if all(_is_negated(p) != want_neg for p in pair):
        return ("the prediction for this member and organization is not negated" if want_neg
                else "the prediction for this member and organization is negated")
    return "the prediction for this member and organization already matched another gold membership"


def _match_roles(build: _Build, doc: str, golds: list[dict[str, Any]]) -> _Result:
    """The person matches; the evidence is not compared."""
    preds = build.query(_Q_ROLES, doc)
    used: set[str] = set()
    missed = []
    for g in golds:
        matching = [p for p in preds if _matches_actor(p["person"], g["person"], build.names)]
        match = next((p for p in matching if p["f"] not in used), None)
        if match is None:
            reason = ("the role prediction for this person already matched another gold role" if matching
                      else "no role prediction has this person")
            missed.append(MissedGold("roles", g["person"], g.get("evidence") or "", reason))
        else:
            used.add(match["f"])
    holders = {}
    for p in preds:
        holders.setdefault(p["f"], (p["person"], p["exact"] or ""))
    return _result("roles", build, len(golds), used, holders, missed)


def _match_events(build: _Build, doc: str, golds: list[dict[str, Any]]) -> _Result:
    """Evidence overlap only."""
    preds = build.query(_Q_EVENTS, doc)
    used: set[str] = set()
    missed = []
    for g in golds:
        matching = [p for p in preds if overlap(p["exact"], g["evidence"])]
        match = next((p for p in matching if p["f"] not in used), None)
        if match is None:
            reason = ("the overlapping prediction already matched another gold event" if matching else NO_OVERLAP)
            missed.append(MissedGold("events", g.get("agent") or "", g["evidence"], reason))
        else:
            used.add(match["f"])
    participants = _event_participants(build)
    holders = {}
    for p in preds:
        holders.setdefault(p["f"], (participants.get(p["f"]), p["exact"] or ""))
    return _result("events", build, len(golds), used, holders, missed)


def _event_participants(build: _Build) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in _rows(build.store, _Q_PARTICIPANTS):
        out[row["f"]] = min(out.get(row["f"], row["a"]), row["a"])
    return out


def _extracted_non_intentions(golds: list[dict[str, Any]], facts: tuple[str, ...],
                              exacts: dict[str, list[str]]) -> tuple[ExtractedNonIntention, ...]:
    """Gold non-intentions whose text overlaps the evidence of a predicted intention."""
    out = []
    for g in golds:
        hits = tuple(sorted(f for f in facts if any(overlap(t, g["text"]) for t in exacts.get(f, []))))
        if hits:
            out.append(ExtractedNonIntention(g["text"], g.get("why") or "", hits))
    return tuple(out)


# --------------------------------------------------------------------------- output


def report_to_json(report: EvalReport, *, documents: bool = False) -> dict[str, Any]:
    """The reference scorer's --json figures; with `documents`, also a "documents" key per document."""
    details = report.details
    out: dict[str, Any] = {k: _score_json(s) for k, s in report.totals.items()}
    out["intention_details"] = {"matched": details.matched, "modality_acc": round(details.modality_acc, 3),
                                "attribution_acc": round(details.attribution_acc, 3),
                                "target_acc": round(details.target_acc, 3)}
    out["documents_found"] = report.documents_found
    out["documents_gold"] = report.documents_gold
    if documents:
        out["documents"] = {d.stem: _document_json(d) for d in report.documents}
    return out


def _score_json(s: Score) -> dict[str, Any]:
    return {"tp": s.tp, "pred": s.pred, "gold": s.gold, "p": round(s.p, 3), "r": round(s.r, 3), "f1": round(s.f1, 3)}


def _document_json(d: DocumentReport) -> dict[str, Any]:
    return {"found": d.found,
            "scores": {k: _score_json(s) for k, s in d.scores.items()},
            "missed": [vars(m) for m in d.missed],
            "false_positives": [vars(fp) for fp in d.false_positives],
            "detail_errors": [vars(e) for e in d.detail_errors],
            "non_intentions": [{"text": n.text, "why": n.why, "facts": list(n.facts)} for n in d.non_intentions]}


_HEADER = f"{'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"


def _score_cells(s: Score) -> str:
    return f"{s.p:6.3f} {s.r:6.3f} {s.f1:6.3f} {s.tp:5d} {s.pred:5d} {s.gold:5d}"


def format_report(report: EvalReport, *, errors: bool = False) -> str:
    """A plain-text table of the figures; with `errors`, each document's error lists after it."""
    details = report.details
    lines = [f"documents found: {report.documents_found} of {report.documents_gold}", "",
             f"{'fact type':<18} {_HEADER}"]
    lines += [f"{k:<18} {_score_cells(s)}" for k, s in report.totals.items()]
    lines += ["", f"intention details ({details.matched} matched)",
              f"  modality     {details.modality_acc:.3f}",
              f"  attribution  {details.attribution_acc:.3f}",
              f"  target       {details.target_acc:.3f}", ""]
    lines += _document_rows(report)
    lines += ["", f"gold non-intentions extracted: {report.non_intentions_extracted}"]
    if errors:
        for doc in report.documents:
            lines += _error_lines(doc)
    return "\n".join(lines) + "\n"


def _document_rows(report: EvalReport) -> list[str]:
    width = max([len("intentions per document"), *(len(d.stem) + 16 for d in report.documents)])
    rows = [f"{'intentions per document':<{width}} {_HEADER}"]
    for d in report.documents:
        name = d.stem if d.found else f"{d.stem} (not in build)"
        rows.append(f"{name:<{width}} {_score_cells(d.scores['intentions'])}")
    return rows


def _error_lines(doc: DocumentReport) -> list[str]:
    lines = ["", f"== {doc.stem} =="]
    for fact_type in FACT_TYPES:
        missed = [m for m in doc.missed if m.fact_type == fact_type]
        fps = [fp for fp in doc.false_positives if fp.fact_type == fact_type]
        if missed:
            lines.append(f"missed {fact_type} ({len(missed)})")
            lines += [f"  - {m.agent or '(no agent)'}" + (f": \"{m.evidence}\"" if m.evidence else "")
                      + f"\n    {m.reason}" for m in missed]
        if fps:
            lines.append(f"false positive {fact_type} ({len(fps)})")
            lines += [f"  - {fp.fact} [{fp.holder}]" + (f": \"{fp.exact}\"" if fp.exact else "") for fp in fps]
    if doc.detail_errors:
        lines.append(f"wrong intention details ({len(doc.detail_errors)})")
        lines += [f"  - {e.fact} {e.field}: expected {e.expected or '(none)'}, got {e.got or '(none)'}"
                  for e in doc.detail_errors]
    if doc.non_intentions:
        lines.append(f"non-intentions extracted ({len(doc.non_intentions)})")
        lines += [f"  - \"{n.text}\" by {', '.join(n.facts)}" for n in doc.non_intentions]
    if len(lines) == 2:
        lines.append("no errors")
    return lines
