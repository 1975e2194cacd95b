"""The error a triple store raises, and how a store's own message is quoted in it."""

from __future__ import annotations

from geokg.errors import GeokgError

MESSAGE_LIMIT = 500


class StoreError(GeokgError):
    """A triple store refused a request, could not be reached, or could not be started."""

    def __init__(self, where: str, problem: str, fix: str):
        super().__init__(f"{where}: {problem}. {fix}")
        self.where = where


def excerpt(body: bytes) -> str:
    """A store's message (a response body or a log) on one line, cut to MESSAGE_LIMIT characters."""
    text = " ".join(body.decode("utf-8", errors="replace").split())
    return text if len(text) <= MESSAGE_LIMIT else text[:MESSAGE_LIMIT] + "..."
