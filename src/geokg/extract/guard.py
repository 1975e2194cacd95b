"""The contract's ranges checked on claims before mapping, so a build is never blocked by one
extraction mistake: a claim whose roles have the wrong kind of entity, or whose evidence or text
is empty, is set aside with the reason (and counted in the build summary) instead of published."""

from __future__ import annotations

from geokg.extract.common import ACTOR_KINDS, ORGANISATION_KINDS
from geokg.model import (
    Claim,
    Event,
    Membership,
    RoleAssignment,
    StatedIntention,
    TreatyMention,
)

_TARGET_KINDS = ACTOR_KINDS | {"Place", "Treaty"}
_LOCATION_KINDS = frozenset({"Place", "State", "StateGroup"})
_STATE_OR_ORGANISATION = ORGANISATION_KINDS | {"State"}


def rejection(claim: Claim) -> str | None:
    """Why the claim cannot be published as the contract says, or None when it can."""
    if claim.evidence.end <= claim.evidence.start or not claim.evidence.exact.strip():
        return "empty evidence"
    checks = _CHECKS.get(type(claim), ())
    for role, allowed, values in (check(claim) for check in checks):
        for entity in values:
            if entity is not None and entity.kind not in allowed:
                return f"{role} {entity.label!r} is a {entity.kind}"
    if isinstance(claim, StatedIntention) and not claim.action.strip():
        return "no action"
    if isinstance(claim, RoleAssignment) and not claim.title.strip():
        return "no role title"
    return None


_CHECKS = {
    StatedIntention: (
        lambda c: ("holder", ACTOR_KINDS, (c.holder,)),
        lambda c: ("target", _TARGET_KINDS, c.targets),
        lambda c: ("source", ACTOR_KINDS, tuple(a.source for a in c.attributions)),
    ),
    Membership: (
        lambda c: ("member", frozenset({"State"}), (c.member,)),
        lambda c: ("organization", ORGANISATION_KINDS, (c.organization,)),
    ),
    RoleAssignment: (
        lambda c: ("person", frozenset({"Person"}), (c.person,)),
        lambda c: ("role in", _STATE_OR_ORGANISATION, (c.role_in,)),
    ),
    Event: (
        lambda c: ("participant", ACTOR_KINDS, c.participants),
        lambda c: ("place", _LOCATION_KINDS, c.places),
    ),
    TreatyMention: (
        lambda c: ("treaty", frozenset({"Treaty"}), (c.treaty,)),
        lambda c: ("party", ACTOR_KINDS, c.parties),
    ),
}
