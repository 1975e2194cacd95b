"""The reference scorer's greedy matching of entities, memberships, roles and events, with why items missed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from geokg.eval import causes
from geokg.eval import queries as q
from geokg.eval.build import Build, Row
from geokg.eval.causes import Scene
from geokg.eval.report import FalsePositive, MissedGold, Score
from geokg.eval.similarity import matches_actor, overlap

NO_OVERLAP = "no prediction overlaps this evidence"


@dataclass(frozen=True)
class Result:
    """The score of one fact type in one document, and its error lists."""

    score: Score
    missed: tuple[MissedGold, ...]
    false_positives: tuple[FalsePositive, ...]


def tally(
    fact_type: str,
    build: Build,
    ngold: int,
    used: set[str],
    preds: dict[str, tuple[str | None, str]],
    missed: list[MissedGold],
    cause: Callable[[str], str] | None = None,
) -> Result:
    """`preds` maps each predicted fact to (holder IRI, exact text) for the false-positive list;
    `cause` gives an unmatched fact's cause."""
    fps = tuple(
        FalsePositive(fact_type, f, build.label(holder), exact, cause(f) if cause else "")
        for f, (holder, exact) in sorted(preds.items())
        if f not in used
    )
    return Result(Score(len(used), len(preds), ngold), tuple(missed), fps)


def match_entities(build: Build, fact_type: str, golds: list[dict[str, Any]], candidates: list[str]) -> Result:
    """One predicted entity matches at most one gold entity, by name or any mention."""
    hit: dict[str, str] = {}
    missed = []
    for g in golds:
        forms = [g["name"], *(g.get("mentions") or [])]
        matching = [
            e for e in candidates if any(matches_actor(e, form, build.names, g.get("wikidata")) for form in forms)
        ]
        free = [e for e in matching if e not in hit]
        if free:
            hit[free[0]] = g["name"]
            continue
        reason = (
            f"the matching entity {build.label(matching[0])} already matched gold entity {hit[matching[0]]}"
            if matching
            else "no entity the document mentions matches its name or mentions"
        )
        missed.append(MissedGold(fact_type, g["name"], "", reason))
    preds = {e: (e, "") for e in candidates}
    return tally(fact_type, build, len(golds), set(hit), preds, missed)


def membership_name(g: dict[str, Any]) -> str:
    """How the error lists name a gold membership: member, organisation and relation."""
    relation = f" ({g['relation']})" if g.get("relation") else ""
    return f"{g['member']} in {g['organization']}{relation}"


def match_memberships(scene: Scene, golds: list[dict[str, Any]]) -> Result:
    """Member and organisation match; a gold non-member only matches a negated prediction."""
    build = scene.build
    preds = build.query(q.MEMBERSHIPS, scene.doc)
    used: set[str] = set()
    missed = []
    for g in golds:
        want_neg = g.get("relation") == "non-member"
        pair = [
            p
            for p in preds
            if matches_actor(p["m"], g["member"], build.names) and matches_actor(p["o"], g["organization"], build.names)
        ]
        match = next((p for p in pair if p["f"] not in used and _is_negated(p) == want_neg), None)
        if match is None:
            reason = _membership_miss(g, pair, want_neg)
            cause = causes.membership_miss(scene, g, pair, preds)
            missed.append(MissedGold("memberships", membership_name(g), g.get("evidence") or "", reason, cause))
        else:
            used.add(match["f"])
    holders = {p["f"]: (p["m"], (scene.exacts.get(p["f"]) or [""])[0]) for p in preds}
    first = _first_rows(preds)
    return tally(
        "memberships",
        build,
        len(golds),
        used,
        holders,
        missed,
        lambda f: causes.membership_false_positive(scene, first[f], golds),
    )


def _first_rows(preds: list[Row]) -> dict[str, Row]:
    """Each predicted fact's first row, in the query's order."""
    first: dict[str, Row] = {}
    for p in preds:
        first.setdefault(p["f"], p)
    return first


def _is_negated(p: dict[str, str | None]) -> bool:
    return (p["neg"] or "").lower() in ("true", "1")


def _membership_miss(g: dict[str, Any], pair: list[dict[str, str | None]], want_neg: bool) -> str:
    if not pair:
        return f"no prediction has member {g['member']} and organization {g['organization']}"
    if all(_is_negated(p) != want_neg for p in pair):
        return (
            "the prediction for this member and organization is not negated"
            if want_neg
            else "the prediction for this member and organization is negated"
        )
    return "the prediction for this member and organization already matched another gold membership"


def match_roles(scene: Scene, golds: list[dict[str, Any]]) -> Result:
    """The person matches; the evidence is not compared."""
    build = scene.build
    preds = build.query(q.ROLES, scene.doc)
    used: set[str] = set()
    missed = []
    for g in golds:
        matching = [p for p in preds if matches_actor(p["person"], g["person"], build.names)]
        match = next((p for p in matching if p["f"] not in used), None)
        if match is None:
            reason = (
                "the role prediction for this person already matched another gold role"
                if matching
                else "no role prediction has this person"
            )
            cause = causes.role_miss(scene, g, matching)
            missed.append(MissedGold("roles", g["person"], g.get("evidence") or "", reason, cause))
        else:
            used.add(match["f"])
    holders = {}
    for p in preds:
        holders.setdefault(p["f"], (p["person"], p["exact"] or ""))
    return tally(
        "roles", build, len(golds), used, holders, missed, lambda f: causes.role_false_positive(scene, holders[f][0])
    )


def match_events(scene: Scene, golds: list[dict[str, Any]]) -> Result:
    """Evidence overlap only."""
    build = scene.build
    preds = build.query(q.EVENTS, scene.doc)
    used: set[str] = set()
    missed = []
    for g in golds:
        matching = [p for p in preds if overlap(p["exact"], g["evidence"])]
        match = next((p for p in matching if p["f"] not in used), None)
        if match is None:
            reason = "the overlapping prediction already matched another gold event" if matching else NO_OVERLAP
            cause = causes.event_miss(scene, g, matching)
            missed.append(MissedGold("events", g.get("agent") or "", g["evidence"], reason, cause))
        else:
            used.add(match["f"])
    participants = build.participants()
    holders = {}
    for p in preds:
        holders.setdefault(p["f"], (participants.get(p["f"]), p["exact"] or ""))
    return tally(
        "events", build, len(golds), used, holders, missed, lambda f: causes.event_false_positive(scene, holders[f][1])
    )
