"""The offline reference knowledge base: states, organisations, groups, places, persons, treaties,
the names real text uses for them, and memberships with dates.

`load_kb()` reads the data files in `geokg/kb/data` (see SOURCES.md there) once per process;
nothing is read at import time.
"""

from __future__ import annotations

import functools

from geokg.kb.base import (
    SURFACE_FORM_KINDS,
    KnowledgeBase,
    Point,
    ReferenceMembership,
    StateFacts,
    SurfaceForm,
    TreatyInfo,
)

__all__ = [
    "SURFACE_FORM_KINDS",
    "KnowledgeBase",
    "Point",
    "ReferenceMembership",
    "StateFacts",
    "SurfaceForm",
    "TreatyInfo",
    "load_kb",
]


@functools.cache
def load_kb() -> KnowledgeBase:
    """The reference knowledge base, built from the package data on first use and then shared."""
    from geokg.kb.loader import build

    return build()
