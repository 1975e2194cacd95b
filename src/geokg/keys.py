"""Stable keys of entities, the identity every stage shares: the Wikidata id when the reference KB
knows the entity, else a local key minted here from its kind and name. Depends on nothing in geokg,
so the stages (kb, link, extract) and the RDF mapping (rdf.iri) can all import it."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def slug(name: str) -> str:
    """A lowercase ASCII slug of a name; a short hash when nothing readable is left."""
    separated = re.sub(r"[^\w]+", "-", name)  # dashes of every kind, spaces and punctuation
    ascii_name = unicodedata.normalize("NFKD", separated).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80].strip("-")
    return text or "x" + digest(name, 10)


def digest(*parts: object, length: int = 12) -> str:
    """A short, stable hex digest of the parts."""
    joined = "\u241f".join(str(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def local_key(kind: str, name: str) -> str:
    """The stable key of an entity the reference KB does not know: "person:konstantin-eggert"."""
    return f"{kind.lower()}:{slug(name)}"
