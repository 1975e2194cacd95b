"""Named SPARQL queries (the competency questions) and the embedded store that answers them.

A named query is a `.rq` file in `geokg/queries/`: its first comment line says what it answers,
and each `# param NAME: help` line declares a parameter, bound to the variable `?NAME_name` as
an RDF literal by SPARQL substitution (never pasted into the query text). Substitution needs the
variable in the SELECT clause; answers leave such parameter columns out. A query tests an optional
parameter as `COALESCE(<test using ?NAME_name>, true)`: an unbound parameter makes the test an
error, and COALESCE turns that into "no restriction".
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from geokg import __version__
from geokg.errors import InputError
from geokg.publish import COMPRESSED, opened, rdf_format_of
from geokg.stores.build import DESCRIPTION_FILE, description_graph

RESULT_FORMATS = ("table", "csv", "tsv", "json")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_PARAM = re.compile(r"^# param (?P<name>[a-z_]+): (?P<help>.+)$", re.MULTILINE)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: dict[str, str]
    text: str


@dataclass(frozen=True)
class Answer:
    """A SELECT answer: variable names and rows of RDF terms (None where unbound)."""

    variables: tuple[str, ...]
    terms: tuple[tuple[ox.NamedNode | ox.Literal | ox.BlankNode | None, ...], ...]

    @property
    def rows(self) -> tuple[tuple[str | None, ...], ...]:
        """The rows as plain values."""
        return tuple(tuple(None if t is None else t.value for t in row) for row in self.terms)


@functools.cache
def named_queries() -> dict[str, NamedQuery]:
    queries = {}
    for entry in sorted(resources.files("geokg.queries").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            name = entry.name[: -len(".rq")]
            description = text.splitlines()[0].lstrip("# ").strip()
            params = {m["name"]: m["help"] for m in _PARAM.finditer(text)}
            queries[name] = NamedQuery(name, description, params, text)
    return queries


STORE_DIRECTORY = ".geokg-store"  # inside a build directory: its data loaded once, on disk
ANSWERS_SUFFIX = ".answers"  # beside the store in it: the answers given so far


def open_store(path: Path) -> ox.Store:
    """A store holding a build: one RDF file (loaded in memory), or a build directory (its data in
    one format, quads preferred, and its dataset description). For a directory the store is kept
    on disk beside the build and reused while the build's files are unchanged, so a query on a
    large build does not load it again; where the directory cannot be written, in memory."""
    return _opened(path)[0]


def answer_build(
    path: Path,
    text: str,
    params: dict[str, str] | None = None,
    *,
    declared: dict[str, str] | None = None,
    fmt: str = "table",
) -> str:
    """The answer over a build (see `open_store` and `answer`). A build directory's answers are
    kept beside its store: the store is the build's and never changes, so the same query with the
    same parameters and format is answered again from its file (a query over all of a million
    triples takes seconds in the store), until the build changes."""
    store, answers = _opened(path)
    if answers is None:
        return answer(store, text, params, declared=declared, fmt=fmt)
    key = json.dumps([__version__, fmt, text, sorted((params or {}).items())], ensure_ascii=False)
    kept = answers / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.{fmt}"
    try:
        result = kept.read_bytes().decode("utf-8")  # bytes: the CSV's line ends stay as they are
        os.utime(kept)  # recently used: kept longest
        return result
    except OSError:
        pass
    result = answer(store, text, params, declared=declared, fmt=fmt)
    try:
        answers.mkdir(exist_ok=True)
        _write_atomically(kept, result.encode("utf-8"))
        _forget_oldest(answers, ANSWERS_KEPT_BYTES)
    except OSError:  # a build that cannot be written to: answered, not kept
        pass
    return result


ANSWERS_KEPT_BYTES = 64 * 2**20  # answers kept beside a build's store; the least recently used go first


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a file that readers see whole or not at all."""
    handle, staging = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(staging, path)
    finally:
        Path(staging).unlink(missing_ok=True)


def _forget_oldest(directory: Path, budget: int) -> None:
    """Remove the least recently used answers until the rest fit in `budget` bytes."""
    files = sorted(directory.iterdir(), key=lambda f: f.stat().st_mtime_ns, reverse=True)
    total = 0
    for file in files:
        total += file.stat().st_size
        if total > budget:
            file.unlink(missing_ok=True)


def _opened(path: Path) -> tuple[ox.Store, Path | None]:
    """The store of a build, and the directory its answers are kept in (None: nowhere)."""
    files = [path] if path.is_file() else build_files(path)
    if not path.exists() or not files:
        raise InputError(
            str(path),
            "holds no build (.ttl, .nt, .nq or .trig, or one of them .gz)",
            "Run `geokg build` first or pass --build",
        )
    if path.is_file():
        return with_union_default_graph(_loaded(ox.Store(), files)), None
    try:
        current = _persistent(path, files)
        store = ox.Store.read_only(str(current))
    except OSError:
        return with_union_default_graph(_loaded(ox.Store(), files)), None
    return store, current.with_name(current.name + ANSWERS_SUFFIX)


def build_store(directory: Path) -> Path:
    """The on-disk store of a build directory, the one `geokg query` uses: made once, reused while
    the build's files are unchanged (OSError where the directory cannot be written)."""
    files = build_files(directory)
    if not files:
        raise InputError(
            str(directory), "holds no build (.ttl, .nt, .nq or .trig, or one of them .gz)", "Run `geokg build` first"
        )
    return _persistent(directory, files)


def memory_store(files: list[Path]) -> ox.Store:
    """The files loaded into a store in memory, the default graph the union of the named graphs."""
    return with_union_default_graph(_loaded(ox.Store(), files))


def _loaded(store: ox.Store, files: list[Path]) -> ox.Store:
    """The files loaded; a dataset description (void.ttl) into the default graph and, as `geokg
    load` and `geokg serve` publish it, into a graph named after the dataset it describes."""
    for file in files:
        try:
            with opened(file) as data:
                store.bulk_load(input=data, format=rdf_format_of(file))
            if file.name == DESCRIPTION_FILE:
                for graph in description_graph(file):
                    store.extend(
                        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph.name)) for t in graph.triples
                    )
        except (SyntaxError, ValueError, OSError, EOFError) as err:  # EOFError: a .gz cut short
            raise InputError(str(file), f"cannot be loaded: {err}", "Rebuild it with `geokg build`") from err
    return store


def _persistent(directory: Path, files: list[Path]) -> Path:
    """Where the on-disk store of the build's current files is, made once (in a staging directory
    renamed into place, so a query never sees half a store); stores of earlier builds are removed."""
    stores = directory / STORE_DIRECTORY
    current = stores / _fingerprint(files)
    if not current.is_dir():
        stores.mkdir(exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=stores))
        try:
            store = _with_union(_loaded(ox.Store(str(staging)), files), files, staging)
            store.flush()
            del store
            if not current.exists():  # another query may have made it meanwhile
                os.replace(staging, current)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        for stale in stores.iterdir():  # with their answers
            if stale not in (current, current.with_name(current.name + ANSWERS_SUFFIX)):
                shutil.rmtree(stale, ignore_errors=True)
    return current


def _fingerprint(files: list[Path]) -> str:
    """What the store was made from: the files' names, sizes and modification times (a build
    replaces its files, so they change; reading a large build to hash it would cost every query
    what the store saves)."""
    digest = hashlib.sha256()
    for file in files:
        status = file.stat()
        digest.update(f"{file.name}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:20]


def build_files(directory: Path) -> list[Path]:
    """The build's data file (N-Quads, TriG, N-Triples or Turtle, in that preference; compressed
    when only that is there) and void.ttl."""
    data = next(
        (
            directory / f"geokg{suffix}{compressed}"
            for suffix in (".nq", ".trig", ".nt", ".ttl")
            for compressed in ("", COMPRESSED)
            if (directory / f"geokg{suffix}{compressed}").is_file()
        ),
        None,
    )
    if data is None:  # not a geokg build directory: every RDF file in it
        return sorted(p for p in directory.glob("*") if rdf_format_of(p) is not None)
    description = directory / "void.ttl"
    return [data, description] if description.is_file() else [data]


def with_union_default_graph(store: ox.Store) -> ox.Store:
    """Make the default graph the RDF merge of all named graphs, each triple once.

    (pyoxigraph's `use_default_graph_as_union` gives a triple once per graph holding it, so a
    fact in two documents' graphs would answer twice.)"""
    store.extend(
        {
            ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
            for q in store
            if not isinstance(q.graph_name, ox.DefaultGraph)
        }
    )
    return store


def _with_union(store: ox.Store, files: list[Path], scratch: Path) -> ox.Store:
    """`with_union_default_graph` for a store on disk, by its bulk loader when the build's graphs
    come as N-Quads: their triples, graph names dropped, loaded into the default graph, which
    keeps each once (10 s for a million triples, where inserting them one by one took 75 s)."""
    quads = [f for f in files if rdf_format_of(f) in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)]
    if any(rdf_format_of(f) != ox.RdfFormat.N_QUADS for f in quads):
        return with_union_default_graph(store)
    for file in quads:
        triples = scratch.with_name(scratch.name + ".union.nt")
        try:
            with opened(file) as data:
                ox.serialize(
                    (q.triple for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)),
                    output=str(triples),
                    format=ox.RdfFormat.N_TRIPLES,
                )
            store.bulk_load(path=str(triples), format=ox.RdfFormat.N_TRIPLES)
        finally:
            triples.unlink(missing_ok=True)
    return store


def resolve_query(name_or_text: str) -> tuple[str, dict[str, str] | None]:
    """The SPARQL text of a named query, a .rq file, or query text, and the parameters it declares
    (None for queries that are not named: they may bind any `?<param>_name`)."""
    queries = named_queries()
    if name_or_text in queries:
        return queries[name_or_text].text, queries[name_or_text].params
    path = Path(name_or_text)
    if name_or_text.endswith(".rq") or (len(name_or_text) < 256 and path.is_file()):
        if not path.is_file():
            raise InputError(
                name_or_text, "no such query file", f"Use a file, query text, or one of: {', '.join(queries)}"
            )
        return path.read_text(encoding="utf-8"), None
    if not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", name_or_text, re.IGNORECASE):
        raise InputError(name_or_text, "is neither a named query nor SPARQL", f"Named queries: {', '.join(queries)}")
    return name_or_text, None


def select(
    store: ox.Store, text: str, params: dict[str, str] | None = None, *, declared: dict[str, str] | None = None
) -> Answer:
    """Run a SELECT query, binding each parameter as a literal to `?<param>_name`."""
    solutions = _solutions(store, text, params or {}, declared)
    hidden = {f"{name}_name" for name in (declared or {})} | {f"{name}_name" for name in (params or {})}
    variables = tuple(v.value for v in solutions.variables if v.value not in hidden)
    lists = _concatenated(text)
    rows = (tuple(_sorted_list(s[v], lists[v]) if v in lists else s[v] for v in variables) for s in solutions)
    return Answer(variables, tuple(rows))


_CONCAT = re.compile(r"GROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*?separator\s*=\s*\"([^\"]*)\"\s*\)\s+AS\s+\?(\w+)", re.I)


def _concatenated(text: str) -> dict[str, str]:
    """The variables a GROUP_CONCAT makes, and their separators: their items come in whatever
    order the store grouped them, so they are sorted (the same answer from every store)."""
    return {match[2]: match[1] for match in _CONCAT.finditer(text)}


def _sorted_list(term, separator: str):
    if not isinstance(term, ox.Literal) or not separator or separator not in term.value:
        return term
    return ox.Literal(separator.join(sorted(term.value.split(separator))), datatype=term.datatype)


def answer(
    store: ox.Store,
    text: str,
    params: dict[str, str] | None = None,
    *,
    declared: dict[str, str] | None = None,
    fmt: str = "table",
) -> str:
    """The answer as a table, or as a SPARQL results document (csv, tsv, json)."""
    result = select(store, text, params, declared=declared)
    return {"table": table, "csv": to_csv, "tsv": to_tsv, "json": to_json}[fmt](result)


def to_json(result: Answer) -> str:
    """SPARQL 1.1 Query Results JSON."""
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None} for row in result.terms
    ]
    return (
        json.dumps(
            {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1
        )
        + "\n"
    )


def _json_term(term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def to_csv(result: Answer) -> str:
    """SPARQL 1.1 Query Results CSV: plain values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows(result.rows)
    return buffer.getvalue()


def to_tsv(result: Answer) -> str:
    """SPARQL 1.1 Query Results TSV: terms in Turtle/N-Triples syntax."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.terms]
    return "\n".join(lines) + "\n"


def _solutions(store: ox.Store, text: str, params: dict[str, str], declared: dict[str, str] | None):
    if declared is not None:
        unknown = sorted(set(params) - set(declared))
        if unknown:
            allowed = ", ".join(declared) or "none"
            raise InputError("--param", f"unknown parameter {unknown[0]!r}", f"This query takes: {allowed}")
    substitutions = {ox.Variable(f"{k}_name"): ox.Literal(v) for k, v in params.items()}
    try:
        solutions = store.query(text, substitutions=substitutions)
    except SyntaxError as err:
        raise InputError("query", f"is not valid SPARQL: {err}", "Fix the query") from err
    if not isinstance(solutions, ox.QuerySolutions):
        raise InputError("query", "is not a SELECT query", "`geokg query` answers SELECT queries")
    return solutions


def table(answer: Answer) -> str:
    """A plain-text table of the answer, columns as wide as their widest value."""
    rows = [tuple("" if v is None else v for v in row) for row in answer.rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(answer.variables)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
    out = [line(answer.variables), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
