"""The build benchmark: a generated corpus through `geokg build` and, as the limit, the same texts
through bare `nlp.pipe` with the same model and process count, in one run. Prints figures;
asserts nothing.

    .venv/bin/python -m bench.run [--documents 1000 10000] [--jobs 2] [--stages 100] [--scaling 1000] [--repeat 3] [TEXTS_DIR ...]

For each corpus size: documents/s, words/s, triples/s, the peak memory of the build's processes
(sampled with psutil: the largest one every half second, all together every 5 s), the bare pipeline's time (run before and
after the build, the mean of the two, as the machine's speed drifts) and the ratio between the two;
then
the time of a rebuild after one document changed (the cache of parts), and whether changing it
back gives the first build's bytes; the time to make the build's HTML report (the builds skip it,
to time what the limit does: the graph); the time to make the build's query store, and each named
query's time on it. Then, on the first `--stages` documents in this process, the time per stage as
a worker spends it (read, parse with the KB's entity rulers, link, extract, map, write, validate).
With `--scaling N`, first N documents built with --jobs 1 and with --jobs JOBS: the speed-up.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pyoxigraph as ox
import spacy

from bench.generate import generate
from geokg.config import Settings
from geokg.report import write_report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("texts", nargs="*", type=Path, help="More directories of .txt files to take sentences from.")
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--stages", type=int, default=100, help="Documents the per-stage times are taken on.")
    parser.add_argument(
        "--scaling", type=int, default=0, help="Documents to build with --jobs 1 and --jobs JOBS, for the speed-up."
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="Builds of each corpus, alternating with bare runs; the median ratio is reported (one build varies by 15 %%).",
    )
    args = parser.parse_args()
    print(f"# geokg build vs bare nlp.pipe ({Settings().model}), {args.jobs} process(es)")
    for count in args.documents:
        with tempfile.TemporaryDirectory() as scratch:
            corpus = Path(scratch) / "corpus"
            paths = generate(corpus, count, directories=args.texts)
            texts = [p.read_text(encoding="utf-8") for p in paths]
            words = sum(len(t.split()) for t in texts)
            # The limit is taken before and after each build: the machine's speed drifts (by 40 % in
            # half an hour once), and their mean is what the build is compared with. With --repeat,
            # builds and bare runs alternate, and the median of the ratios is the figure.
            bares = [_bare_pipe(texts, args.jobs)]
            out, cache = Path(scratch) / "out", Path(scratch) / "cache"
            runs = []
            for _ in range(args.repeat):
                shutil.rmtree(cache, ignore_errors=True)  # each build makes every part
                runs.append(_build(corpus, out, args.jobs, cache))
                bares.append(_bare_pipe(texts, args.jobs))
            ratios = [(bares[n] + bares[n + 1]) / 2 / runs[n][0] for n in range(args.repeat)]
            middle = sorted(range(args.repeat), key=ratios.__getitem__)[args.repeat // 2]
            wall, triples, memory = runs[middle]
            bare = (bares[middle] + bares[middle + 1]) / 2
            print(f"\n## {count} documents, {words} words")
            print(
                f"geokg build      {wall:8.1f} s  {count / wall:7.2f} docs/s  {words / wall:7.0f} words/s  "
                f"{triples / wall:8.0f} triples/s  ({triples} triples)"
            )
            print(
                f"bare nlp.pipe    {bare:8.1f} s  {count / bare:7.2f} docs/s  {words / bare:7.0f} words/s  "
                f"(the mean of {bares[middle]:.1f} s before the build and {bares[middle + 1]:.1f} s after it)"
            )
            print(f"ratio            {bare / wall:8.2f}  (bare time / build time; 1.0 is the parser's limit)")
            if args.repeat > 1:
                shown = ", ".join(f"{r:.2f} ({runs[n][0]:.1f} s)" for n, r in enumerate(ratios))
                print(f"                 the median of {args.repeat} builds, each between two bare runs: {shown}")
            print(
                f"peak memory      {memory.largest:8.0f} MiB in the build's largest process, "
                f"{memory.total:.0f} MiB in all its processes together (PSS)"
            )
            before = (out / "geokg.ttl").read_bytes()
            paths[len(paths) // 2].write_text(texts[0] + "\n\nA sentence more.", encoding="utf-8")
            again, _, _ = _build(corpus, out, args.jobs, cache)
            print(
                f"rebuild          {again:8.1f} s  after one document changed: {100 * again / wall:.1f} % of the build"
            )
            paths[len(paths) // 2].write_text(texts[len(paths) // 2], encoding="utf-8")
            _build(corpus, out, args.jobs, cache)
            same = (out / "geokg.ttl").read_bytes() == before
            print(f"                            changed back: {'the same bytes' if same else 'DIFFERENT BYTES'}")
            _report(out, wall)
            _queries(out, triples)
        if args.stages:
            _stages(args.stages, args.texts)
            args.stages = 0  # once is enough
    if args.scaling:
        _scaling(args.scaling, args.jobs, args.texts)
    print(
        f"\npeak memory of the benchmark process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


def _bare_pipe(texts: list[str], jobs: int) -> float:
    nlp = spacy.load(Settings().model)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=jobs, batch_size=16):
        pass
    return time.perf_counter() - started


def _build(corpus: Path, out: Path, jobs: int, cache: Path | None) -> tuple[float, int, Memory]:
    """Wall time, triples and the memory of `geokg build`'s processes, sampled while it runs."""
    command = ["build", str(corpus), "-o", str(out), "-q", "--jobs", str(jobs), "--no-report"]
    command += ["--cache", str(cache)] if cache else ["--no-cache"]
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-m", "geokg", *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as build:
        memory = Memory()
        reader = threading.Thread(target=lambda: memory.sample_until(build))
        reader.start()
        stdout, stderr = build.communicate()
        reader.join()
    wall = time.perf_counter() - started
    if build.returncode not in (0, 3):
        sys.exit(f"geokg build failed ({build.returncode}):\n{stderr}")
    summary = next(line for line in stdout.splitlines() if " triples " in line)
    triples = int(summary.split(" triples ")[0].split()[-1])
    return wall, triples, memory


@dataclass
class Memory:
    """The peak resident memory (MiB) of a process tree, sampled: of its largest process (RSS, read
    every half second), and of all of them at once (proportional set size, so that pages the
    processes share count once). PSS is read every `PSS_EVERY` samples only: the kernel walks a
    process's page tables to count it, about 15 ms for a worker of 600 MiB, and read every half
    second from four processes it took some 5 % of the build's two cores."""

    largest: float = 0.0
    total: float = 0.0
    PSS_EVERY = 10

    def sample_until(self, process: subprocess.Popen, every: float = 0.5) -> None:
        root = psutil.Process(process.pid)
        samples = 0
        while process.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
                self.largest = max(self.largest, max(p.memory_info().rss for p in tree) / 2**20)
                if samples % self.PSS_EVERY == 0:
                    self.total = max(self.total, sum(p.memory_full_info().pss for p in tree) / 2**20)
            except psutil.Error:  # a process ended while it was read: the next sample counts
                pass
            samples += 1
            time.sleep(every)


def _scaling(count: int, jobs: int, directories: list[Path]) -> None:
    """The same corpus built (no cache) in one process and in `jobs`: the speed-up."""
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        generate(corpus, count, seed=7, directories=directories)
        one, _, _ = _build(corpus, Path(scratch) / "one", 1, None)
        many, _, _ = _build(corpus, Path(scratch) / "many", jobs, None)
        same = (Path(scratch) / "one" / "geokg.ttl").read_bytes() == (Path(scratch) / "many" / "geokg.ttl").read_bytes()
    print(f"\n## scaling, {count} documents, no cache")
    print(f"--jobs 1         {one:8.1f} s")
    print(
        f"--jobs {jobs}         {many:8.1f} s  {one / many:.2f} times faster, {'the same bytes' if same else 'DIFFERENT'}"
    )


def _report(out: Path, build: float) -> None:
    """The HTML report of the build (geokg.report), made apart: the builds above skip it
    (--no-report), so that they time the same work as the limit's, the graph."""
    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(out / "geokg.ttl"), format=ox.RdfFormat.TURTLE)
    with tempfile.TemporaryDirectory() as scratch:
        pages = write_report(store, Path(scratch), title="bench")
        size = sum(page.stat().st_size for page in pages)
    spent = time.perf_counter() - started
    print(
        f"report           {spent:8.1f} s  {len(pages)} pages, {size / 2**20:.1f} MiB: {100 * spent / build:.1f} % "
        "of the build, which geokg build adds unless --no-report"
    )


def _queries(out: Path, triples: int) -> None:
    """Seconds to make the build's query store (once), then to answer each named query on it, with
    no parameter and with its help's example: evaluated, then asked again (the kept answer)."""
    from geokg.query import answer_build, named_queries, open_store

    started = time.perf_counter()
    open_store(out)
    print(f"query store      {time.perf_counter() - started:8.1f} s  made once for {triples} triples")
    for name, query in named_queries().items():
        examples = [{}] + [{param: m[1]} for param, help in query.params.items() if (m := _EXAMPLE.search(help))]
        for params in examples:
            times = []
            for _ in range(2):
                started = time.perf_counter()
                text = answer_build(out, query.text, params, declared=query.params, fmt="csv")
                rows = len(list(csv.reader(io.StringIO(text)))) - 1
                times.append(time.perf_counter() - started)
            asked = f"{name} {' '.join(f'{k}={v}' for k, v in params.items())}"
            print(f"  {asked:48} {times[0]:6.2f} s, again {times[1]:5.2f} s  {rows} rows")


_EXAMPLE = re.compile(r"e\.g\. (.+?) \(")  # a parameter's example in its help


def _stages(count: int, directories: list[Path]) -> None:
    """Seconds per stage over `count` documents, in this process, as a build's worker spends them:
    a batch parsed with one `nlp.pipe`, each document linked, extracted, mapped and written as its
    part, the batch's parts validated together."""
    from geokg.extract.events import extract_events
    from geokg.extract.intentions import extract_intentions
    from geokg.extract.memberships import extract_memberships
    from geokg.extract.roles import extract_roles
    from geokg.extract.treaties import extract_treaties
    from geokg.ingest import read_inputs
    from geokg.kb import load_kb
    from geokg.link import Resolver, link_mentions
    from geokg.model import DocumentResult, Mention
    from geokg.nlp.parsed import parse_all
    from geokg.nlp.pipeline import load_pipeline
    from geokg.parts import Made, Summary, as_published, canonical_nquads
    from geokg.rdf.mapping import DocumentMapper
    from geokg.stream import MAX_BATCH
    from geokg.validate import validate_lines

    kb, settings = load_kb(), Settings()
    nlp = load_pipeline(settings.model)
    times = dict.fromkeys(("read", "parse", "link", "extract", "map", "write", "validate"), 0.0)

    def timed(stage, work):
        started = time.perf_counter()
        result = work()
        times[stage] += time.perf_counter() - started
        return result

    with tempfile.TemporaryDirectory() as scratch:
        paths = generate(Path(scratch), count, seed=11, directories=directories)
        documents, _ = timed("read", lambda: read_inputs(paths))
    for at in range(0, len(documents), MAX_BATCH):
        batch = documents[at : at + MAX_BATCH]
        made = []
        for document, parsed in zip(batch, timed("parse", lambda b=batch: parse_all(b, nlp)), strict=True):
            linked = timed("link", lambda p=parsed: link_mentions(p, kb))
            resolver = Resolver(parsed, linked)

            def extract(p=parsed, r=resolver):
                roles = extract_roles(p, r)
                return [
                    *extract_memberships(p, r),
                    *roles,
                    *extract_events(p, r),
                    *extract_treaties(p, r, kb),
                    *extract_intentions(
                        p, r, roles=roles, seats=kb.governed_from, lookup=kb.lookup, forces=kb.state_of_force
                    ),
                ]

            claims = timed("extract", extract)
            mentions = tuple(Mention(m.entity, parsed.evidence(m.start, m.end)) for m in linked)
            result = DocumentResult(document, mentions, tuple(claims))
            mapper = DocumentMapper(kb, base=settings.base_iri)
            triples = timed("map", lambda r=result, m=mapper: list(m.triples(r)))
            nquads = timed("write", lambda t=triples: canonical_nquads(t, "urn:x-bench"))
            made.append(Made(Summary("urn:x-bench", 0), nquads))
        timed("validate", lambda m=made: validate_lines(as_published(m)))
    total = sum(times.values())
    print(f"\n## time per stage, {count} documents in one process ({total:.1f} s), batches of {MAX_BATCH}")
    for stage, seconds in times.items():
        print(f"{stage:10} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")


if __name__ == "__main__":
    main()
