"""The one place that mints IRIs, always from stable keys, never from counters or run order."""

from __future__ import annotations

import re
from urllib.parse import quote

from geokg.keys import digest, slug
from geokg.keys import local_key as local_key  # re-exported: entity_iri takes these keys

DEFAULT_BASE = "https://w3id.org/geokg/id/"
_WEB_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+\Z")
WIKIDATA = "http://www.wikidata.org/entity/"
_QID = re.compile(r"Q[1-9][0-9]*")


def entity_iri(key: str, base: str = DEFAULT_BASE) -> str:
    """ "Q159" -> <base>entity/Q159; "person:konstantin-eggert" -> <base>person/konstantin-eggert."""
    if _QID.fullmatch(key):
        return f"{base}entity/{key}"
    kind, _, rest = key.partition(":")
    return f"{base}{quote(kind, safe='')}/{quote(rest, safe='-._~')}"


def geometry_iri(key: str, base: str = DEFAULT_BASE) -> str:
    """An entity's GeoSPARQL point: "Q159" -> <base>geometry/Q159 (the entity IRI's path under geometry/)."""
    return base + "geometry/" + entity_iri(key, base).removeprefix(base).removeprefix("entity/")


def wikidata_iri(qid: str) -> str:
    return WIKIDATA + qid


def document_iri(identifier: str, base: str = DEFAULT_BASE) -> str:
    """A document's IRI from its identifier (file name), percent-encoded so any name is safe
    ("." and ".." too, which IRI resolution would otherwise remove as path steps)."""
    encoded = quote(identifier, safe="-._~")
    if set(encoded) <= {"."}:
        encoded = encoded.replace(".", "%2E")
    return f"{base}document/{encoded}"


def fact_iri(document: str, kind: str, start: int, end: int, *key: object) -> str:
    """A fact's IRI: its document, type and span, plus a digest of what tells it apart there."""
    return f"{document}/{kind}/{start}-{end}-{digest(*key, length=8)}"


def claim_iri(key: tuple[str, ...], base: str = DEFAULT_BASE) -> str:
    """A claim (geokg.claims) from its key, kind first: <base>claim/<kind>/<digest of the key>."""
    return f"{base}claim/{key[0]}/{digest(*key, length=16)}"


def span_iri(document: str, start: int, end: int) -> str:
    """The evidence resource for a span of a document; facts with the same span share it."""
    return f"{document}/span/{start}-{end}"


def dataset_iri(name: str, base: str = DEFAULT_BASE) -> str:
    """Named parts of a build: "reference" (the KB), "build" (the whole dataset)."""
    return f"{base}dataset/{slug(name)}"


def reference_membership_iri(org_key: str, member_key: str, base: str = DEFAULT_BASE) -> str:
    """A membership the reference data records: <base>membership/<org key>/<member key>."""
    return f"{base}membership/{quote(org_key, safe='-._~')}/{quote(member_key, safe='-._~')}"


def skolem_iri(label: str) -> str:
    """The IRI standing for a blank node (RDF 1.1 skolemisation) with a canonical label."""
    return f"https://w3id.org/geokg/.well-known/genid/{label}"


def is_web_iri(url: str | None) -> bool:
    """Whether a web page's address, as an input gives it, can be published as an IRI."""
    return bool(url) and _WEB_IRI.match(url) is not None
