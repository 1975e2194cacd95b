"""Whether what the pipeline found in a case's document is what the case expects; if not, what came out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from geokg.model import DocumentResult, Membership, RoleAssignment, StatedIntention

POLARITIES = ("positive", "negative")


def failure(expect: Mapping, result: DocumentResult) -> str | None:
    """None when the result meets every expectation, else a line saying what is wrong and what came out."""
    intentions = [claim for claim in result.claims if isinstance(claim, StatedIntention)]
    problems: list[str] = []
    if expect.get("no_intentions") and intentions:
        problems.append("expected no intention")
    if "intentions" in expect:
        problems.extend(_intention_problems(expect["intentions"], intentions))
    if "memberships" in expect:
        problems.extend(_membership_problems(expect["memberships"], result))
    if "roles" in expect:
        problems.extend(_role_problems(expect["roles"], result))
    if not problems:
        return None
    return f"{'; '.join(problems)}; got {describe(result, expect)}"


# -- intentions ----------------------------------------------------------------------------------


def _intention_problems(expected: Sequence[Mapping], intentions: Sequence[StatedIntention]) -> list[str]:
    problems = []
    for item in expected:
        if not any(intention_meets(intention, item) for intention in intentions):
            problems.append(f"no {_expected_text(item)}")
    holders = {item["holder"] for item in expected}
    for intention in intentions:
        if intention.holder.key not in holders:
            problems.append(f"unexpected holder {intention.holder.label}")
    return problems


def intention_meets(intention: StatedIntention, item: Mapping) -> bool:
    """Whether one extracted intention has the expected holder, modality, polarity, source and condition."""
    if intention.holder.key != item["holder"]:
        return False
    if "modality" in item and intention.modality != item["modality"]:
        return False
    negative = item.get("polarity", "positive") == "negative"
    if intention.negated != negative:
        return False
    if "attribution" in item and not attribution_meets(intention, item["attribution"]):
        return False
    return "condition" not in item or _condition_meets(intention, item["condition"])


def attribution_meets(intention: StatedIntention, expected: Mapping | None) -> bool:
    """None: the document's own voice (no source). {"name": N}: the innermost source is the person N.
    {"contains": W}: the innermost source's label holds W ("the Turkish foreign minister")."""
    if expected is None:
        return not intention.attributions
    if not intention.attributions:
        return False
    source = intention.attributions[-1].source
    if "name" in expected:
        return source.label == expected["name"]
    return expected["contains"].casefold() in source.label.casefold()


def _condition_meets(intention: StatedIntention, words: str) -> bool:
    return intention.condition is not None and words.casefold() in intention.condition.casefold()


def _expected_text(item: Mapping) -> str:
    parts = [f"{item.get('modality', 'any')} by {item['holder']}"]
    if item.get("polarity") == "negative":
        parts.append("negated")
    if "attribution" in item:
        source = item["attribution"]
        parts.append("in the document's own voice" if source is None else f"source {source}")
    if "condition" in item:
        parts.append(f"condition ~{item['condition']!r}")
    return " ".join(parts)


# -- memberships and roles -------------------------------------------------------------------------


def _membership_problems(expected: Sequence[Mapping], result: DocumentResult) -> list[str]:
    found = {(c.member.key, c.organization.key, c.negated) for c in result.claims if isinstance(c, Membership)}
    problems = []
    for item in expected:
        if (item["member"], item["organization"], item["negated"]) not in found:
            state = "non-membership" if item["negated"] else "membership"
            problems.append(f"no {state} {item['member']} in {item['organization']}")
    return problems


def _role_problems(expected: Sequence[Mapping], result: DocumentResult) -> list[str]:
    roles = [claim for claim in result.claims if isinstance(claim, RoleAssignment)]
    problems = []
    for item in expected:
        if not any(_role_meets(role, item) for role in roles):
            problems.append(f"no role {item['title']!r} of {item['person']} in {item['role_in']}")
    return problems


def _role_meets(role: RoleAssignment, item: Mapping) -> bool:
    if role.person.label != item["person"] or role.role_in is None:
        return False
    return role.role_in.key == item["role_in"] and item["title"].casefold() in role.title.casefold()


# -- what came out ---------------------------------------------------------------------------------


def describe(result: DocumentResult, expect: Mapping) -> str:
    """What the pipeline found, of the kinds the case is about ("nothing" when none)."""
    if "memberships" in expect:
        found = [_membership_text(c) for c in result.claims if isinstance(c, Membership)]
    elif "roles" in expect:
        found = [_role_text(c) for c in result.claims if isinstance(c, RoleAssignment)]
    else:
        found = [intention_text(c) for c in result.claims if isinstance(c, StatedIntention)]
    return " | ".join(found) if found else "nothing"


def intention_text(intention: StatedIntention) -> str:
    text = f"{intention.holder.label} {intention.modality}{' negated' if intention.negated else ''}"
    text += f" {intention.action!r}"
    if intention.attributions:
        source = intention.attributions[-1].source
        text += f" source {source.label} ({source.kind})"
    if intention.condition:
        text += f" if {intention.condition!r}"
    return text


def _membership_text(membership: Membership) -> str:
    negated = " not" if membership.negated else ""
    return f"{membership.member.label}{negated} in {membership.organization.label}"


def _role_text(role: RoleAssignment) -> str:
    place = role.role_in.label if role.role_in else "?"
    return f"{role.person.label}: {role.title} ({place})"
