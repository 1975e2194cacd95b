"""Read a build into pyoxigraph and answer the scorer's questions about it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from geokg.eval import queries as q
from geokg.eval.errors import EvalInputError
from geokg.eval.similarity import Actor, wikidata_id
from geokg.publish import COMPRESSED, opened

RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
}

_BUILD_HINT = "Give a build file (.ttl, .nt, .nq, .trig) or the output directory of `geokg build`"

Row = dict[str, str | None]


def load_build(path: Path) -> ox.Store:
    """A store with a build file, or every .ttl/.nt/.nq/.trig file under a directory."""
    path = Path(path)
    if not path.exists():
        raise EvalInputError(str(path), "the build does not exist", _BUILD_HINT)
    files = [path] if path.is_file() else _build_files(path)
    if not files:
        raise EvalInputError(str(path), "the directory holds no .ttl, .nt, .nq or .trig file", _BUILD_HINT)
    store = ox.Store()
    for file in files:
        _load_file(store, file)
    return store


def _build_files(directory: Path) -> list[Path]:
    """Every .ttl, .nt, .nq and .trig file under the directory, or its .gz where only that is there."""
    found = sorted(p for p in directory.rglob("*") if _suffix(p) in RDF_FORMATS)
    return [
        p for p in found if not (p.name.endswith(COMPRESSED) and p.with_name(p.name.removesuffix(COMPRESSED)) in found)
    ]


def _suffix(path: Path) -> str:
    return Path(path.name.removesuffix(COMPRESSED)).suffix


def _load_file(store: ox.Store, file: Path) -> None:
    if _suffix(file) not in RDF_FORMATS:
        raise EvalInputError(
            str(file), f"unknown RDF file type {file.suffix!r}", f"Use one of {', '.join(RDF_FORMATS)} (or .gz)"
        )
    try:
        with opened(file) as data:
            store.bulk_load(input=data, format=RDF_FORMATS[_suffix(file)])
    except (SyntaxError, ValueError, OSError, EOFError) as err:  # EOFError: a .gz cut short
        raise EvalInputError(str(file), f"cannot be read as RDF ({err})", "Rebuild it or fix the syntax") from err


def rows(store: ox.Store, query: str) -> list[Row]:
    """The solutions of a query over the union of all graphs, as variable-to-value dicts."""
    solutions = store.query(q.PREFIXES + query, use_default_graph_as_union=True)
    variables = [v.value for v in solutions.variables]
    return [{v: (sol[v].value if sol[v] is not None else None) for v in variables} for sol in solutions]


@dataclass(frozen=True)
class Build:
    """A loaded build with its actors' labels and Wikidata ids, and its documents by identifier."""

    store: ox.Store
    names: dict[str, Actor]
    docs: dict[str, str]

    @classmethod
    def read(cls, store: ox.Store) -> Build:
        labels: dict[str, set[str]] = {}
        qids: dict[str, str | None] = {}
        for row in rows(store, q.NAMES):
            labels.setdefault(row["e"], set()).add(row["l"])
            qids[row["e"]] = qids.get(row["e"]) or wikidata_id(row["same"])
        names = {e: Actor(frozenset(labels[e]), qids[e]) for e in labels}
        docs = {r["id"]: r["doc"] for r in rows(store, q.DOCS)}
        return cls(store, names, docs)

    def label(self, iri: str | None) -> str:
        if iri is None:
            return "(none)"
        actor = self.names.get(iri)
        return min(actor.labels) if actor else iri.rsplit("/", 1)[-1].replace("_", " ")

    def query(self, template: str, doc: str) -> list[Row]:
        """A fact query (`template` with one %s) restricted to facts with evidence in `doc`."""
        return rows(self.store, template % (q.EVIDENCE % doc))

    def mentioned(self, doc: str) -> list[str]:
        return [r["e"] for r in rows(self.store, q.MENTIONED % doc)]

    def typed(self, doc: str) -> list[str]:
        """The states and alliances `doc` mentions."""
        return [r["e"] for r in rows(self.store, q.TYPED % doc)]

    def exacts(self, doc: str) -> dict[str, list[str]]:
        """Each fact with evidence in `doc`, to its quoted texts, sorted."""
        out: dict[str, list[str]] = {}
        for row in self.query(q.EXACTS, doc):
            out.setdefault(row["f"], []).append(row["exact"])
        return {f: sorted(texts) for f, texts in out.items()}

    def participants(self) -> dict[str, str]:
        """Each event to its least participant IRI, for the false-positive list."""
        out: dict[str, str] = {}
        for row in rows(self.store, q.PARTICIPANTS):
            out[row["f"]] = min(out.get(row["f"], row["a"]), row["a"])
        return out
