"""The error geokg eval raises for a build or gold input it cannot use."""

from __future__ import annotations

from geokg.errors import InputError


class EvalInputError(InputError, ValueError):
    """A build or gold input that `score` cannot use: says which file, what is wrong and what to do."""
