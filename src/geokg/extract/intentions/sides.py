"""Whom each person of a document speaks for, by the titles the document gives them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from geokg.model import Entity, RoleAssignment


@dataclass(frozen=True)
class Sides:
    """`of`: person key → the state or organisation their title names ("Russian foreign minister
    Sergey Lavrov"); `voiced`: the persons whose office is to speak for it (a spokesperson), whose
    speech acts are that side's own: "Kremlin spokesman Dmitry Peskov threatened to ..." is Russia's threat."""

    of: Mapping[str, Entity] = field(default_factory=dict)
    voiced: frozenset[str] = frozenset()

    @classmethod
    def of_roles(cls, roles: Iterable[RoleAssignment], lex: dict) -> Sides:
        found: dict[str, Entity] = {}
        voiced: set[str] = set()
        for role in roles:
            if role.role_in is None:
                continue
            found.setdefault(role.person.key, role.role_in)
            if set(role.title.lower().split()) & set(lex["spokesperson_titles"]):
                voiced.add(role.person.key)
        return cls(found, frozenset(voiced))

    def speaks_as(self, holder: Entity) -> Entity | None:
        """The side a spokesperson's own speech act belongs to, else None."""
        return self.of.get(holder.key) if holder.key in self.voiced else None
