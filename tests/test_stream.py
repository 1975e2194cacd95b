"""A streamed build: parts kept between builds, a rebuild that processes only what changed, and the
same bytes whatever runs the work (one process, several, a Dask cluster) and whatever is cached."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import geokg.executors
import geokg.ingest.readers
import geokg.stream
from geokg.cli import main
from geokg.config import Settings
from geokg.errors import ConfigError
from geokg.service import build_and_publish

# one document per region, each a threat and a pledge between states of the knowledge base
PAIRS = [
    ("Russia", "Ukraine"),
    ("China", "Taiwan"),
    ("Iran", "Israel"),
    ("Venezuela", "Guyana"),
    ("Ethiopia", "Eritrea"),
    ("Serbia", "Kosovo"),
    ("India", "Pakistan"),
    ("Armenia", "Azerbaijan"),
]


def _corpus(directory: Path, pairs=PAIRS) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for number, (state, other) in enumerate(pairs, start=1):
        (directory / f"{number:02d}.txt").write_text(
            f"{state} threatened to attack {other}, officials said on Monday. "
            f"The president of {other} pledged to defend the country. {state} is a member of the United Nations.",
            encoding="utf-8",
        )
    return directory


def _build(corpus: Path, out: Path, **settings) -> dict[str, bytes]:
    build_and_publish([corpus], settings=Settings(output_dir=out, **{"jobs": 1, **settings}))
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}


@pytest.fixture
def processed(monkeypatch) -> list[str]:
    """The identifiers of the documents a build processes (in this process), in order."""
    seen: list[str] = []
    make_batch = geokg.stream.make_batch

    def counting(documents, settings):
        seen.extend(document.identifier for document in documents)
        return make_batch(documents, settings)

    monkeypatch.setattr(geokg.stream, "make_batch", counting)
    return seen


def test_stream_rebuild_processes_only_the_changed_document_and_gives_a_clean_builds_bytes(tmp_path, processed):
    corpus, cache = _corpus(tmp_path / "corpus"), tmp_path / "cache"
    first = _build(corpus, tmp_path / "first", cache_dir=cache)
    assert processed == [f"{n:02d}.txt" for n in range(1, 9)]
    processed.clear()
    assert _build(corpus, tmp_path / "again", cache_dir=cache) == first
    assert processed == []
    (corpus / "05.txt").write_text("Ethiopia warned Sudan that it would respond to any attack.", encoding="utf-8")
    changed = _build(corpus, tmp_path / "changed", cache_dir=cache)
    assert processed == ["05.txt"]
    assert changed == _build(corpus, tmp_path / "clean", cache_dir=None)
    assert changed["geokg.ttl"] != first["geokg.ttl"]


def test_stream_rebuild_classifies_the_language_of_changed_documents_only(tmp_path, monkeypatch):
    # a kept part stands for its document's language check: the classifier is most of a rebuild
    classified: list[str] = []
    not_english = geokg.ingest.readers.not_english
    monkeypatch.setattr(geokg.ingest.readers, "not_english", lambda text: classified.append(text) or not_english(text))
    corpus, cache = _corpus(tmp_path / "corpus", PAIRS[:3]), tmp_path / "cache"
    for path in corpus.iterdir():  # long enough to be classified (language.MIN_LETTERS)
        path.write_text(path.read_text(encoding="utf-8") * 3, encoding="utf-8")
    _build(corpus, tmp_path / "first", cache_dir=cache)
    assert len(classified) == 3
    classified.clear()
    _build(corpus, tmp_path / "again", cache_dir=cache)
    assert classified == []
    (corpus / "02.txt").write_text("Nous irons à Paris demain pour voir nos amis. " * 8, encoding="utf-8")
    _build(corpus, tmp_path / "changed", cache_dir=cache)
    assert len(classified) == 1
    report = (tmp_path / "changed" / "build-report.json").read_text(encoding="utf-8")
    assert "another language than English" in report


def test_stream_each_document_key_is_worked_out_once_per_build(tmp_path, monkeypatch):
    """A part's key digests the whole document: worked out for the language check's shortcut, it
    is not worked out again to find the part, in a first build or a rebuild."""
    keyed: list[str] = []
    document_key = geokg.stream.document_key
    monkeypatch.setattr(geokg.stream, "document_key", lambda d, e: keyed.append(d.identifier) or document_key(d, e))
    corpus, cache = _corpus(tmp_path / "corpus", PAIRS[:4]), tmp_path / "cache"
    for run in ("first", "again"):
        keyed.clear()
        _build(corpus, tmp_path / run, cache_dir=cache)
        assert sorted(keyed) == ["01.txt", "02.txt", "03.txt", "04.txt"]


def test_stream_cache_is_not_used_when_what_shapes_a_part_changes(tmp_path, processed):
    corpus, cache = _corpus(tmp_path / "corpus", PAIRS[:2]), tmp_path / "cache"
    _build(corpus, tmp_path / "first", cache_dir=cache)
    processed.clear()
    _build(corpus, tmp_path / "other-base", cache_dir=cache, base_iri="https://example.org/id/")
    assert processed == ["01.txt", "02.txt"]


def test_stream_without_cache_keeps_nothing(tmp_path, processed):
    corpus = _corpus(tmp_path / "corpus", PAIRS[:2])
    first = _build(corpus, tmp_path / "first", cache_dir=None)
    assert _build(corpus, tmp_path / "second", cache_dir=None) == first
    assert processed == ["01.txt", "02.txt"] * 2
    assert sorted(name for name in first if not name.startswith("report/")) == [
        "build-report.json",
        "geokg.ttl",
        "validation-report.ttl",
        "validation-report.txt",
        "void.ttl",
    ]


def test_stream_processes_give_the_bytes_of_one_process_in_every_format(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    formats = ("turtle", "ntriples", "nquads", "trig", "jsonld")
    one = _build(corpus, tmp_path / "one", cache_dir=None, formats=formats)
    assert _build(corpus, tmp_path / "two", cache_dir=None, formats=formats, jobs=2) == one


@pytest.mark.parametrize("jobs", [1, 2])
def test_stream_a_model_that_cannot_be_loaded_is_reported_with_its_fix_by_any_number_of_processes(tmp_path, jobs):
    """Workers load the model as they start (geokg.executors.warm_up); a model that is not there
    still stops the build with what to install, not with a broken pool."""
    corpus = _corpus(tmp_path / "corpus")
    with pytest.raises(ConfigError, match="'en_no_such_model' is not installed"):
        _build(corpus, tmp_path / "out", cache_dir=None, model="en_no_such_model", jobs=jobs)


def test_stream_dask_cluster_gives_the_bytes_of_one_process(tmp_path):
    """Two worker processes of a local `distributed` cluster, reached by its address as a real
    cluster's scheduler would be."""
    from distributed import LocalCluster

    corpus = _corpus(tmp_path / "corpus")
    one = _build(corpus, tmp_path / "one", cache_dir=None, formats=("turtle", "nquads"))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        settings = {"executor": "dask", "scheduler": cluster.scheduler_address, "cache_dir": tmp_path / "cache"}
        assert _build(corpus, tmp_path / "dask", formats=("turtle", "nquads"), **settings) == one


def test_stream_dask_scheduler_out_of_reach_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(geokg.executors, "DASK_TIMEOUT", "1s")
    settings = Settings(output_dir=tmp_path / "out", executor="dask", scheduler="tcp://127.0.0.1:9")
    with pytest.raises(ConfigError) as caught:
        build_and_publish([_corpus(tmp_path / "corpus", PAIRS[:1])], settings=settings)
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in str(caught.value)
    assert not (tmp_path / "out" / "geokg.ttl").exists()


def test_stream_cli_scheduler_needs_the_dask_executor(tmp_path):
    result = CliRunner().invoke(main, ["build", "--scheduler", "tcp://127.0.0.1:8786", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "use it with --executor dask" in result.output


def test_stream_cli_cache_option_keeps_parts_there(tmp_path):
    corpus = _corpus(tmp_path / "corpus", PAIRS[:1])
    cache = tmp_path / "my-cache"
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--cache", str(cache), "-q"])
    assert result.exit_code == 0, result.output
    assert len(list(cache.rglob("*.nq"))) == 4  # the document, the reference KB, the ontology, the claims validated


def test_stream_settings_default_cache_is_the_environments(monkeypatch, tmp_path):
    from geokg.config import CACHE_VARIABLE

    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path))
    assert Settings().cache_dir == tmp_path
    assert dataclasses.replace(Settings(), cache_dir=None).cache_dir is None


def test_stream_a_graph_that_breaks_the_shapes_is_not_published_nor_kept(tmp_path, monkeypatch, processed):
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from geokg.errors import NotConformingError
    from geokg.rdf.mapping import DocumentMapper

    mapped = DocumentMapper.triples
    broken = URIRef("https://w3id.org/geokg/id/document/02.txt/intention/broken")

    def with_a_bad_fact(self, result):
        yield from mapped(self, result)
        if result.document.identifier == "02.txt":  # an intention with no holder, action or evidence
            yield broken, RDF.type, URIRef("https://w3id.org/geokg/ontology#StatedIntention")

    monkeypatch.setattr(DocumentMapper, "triples", with_a_bad_fact)
    corpus, cache, out = _corpus(tmp_path / "corpus", PAIRS[:3]), tmp_path / "cache", tmp_path / "out"
    with pytest.raises(NotConformingError) as caught:
        _build(corpus, out, cache_dir=cache)
    assert str(broken) in str(caught.value) and "gk:holder" in str(caught.value)  # pySHACL's report
    assert not out.exists() or not any(out.iterdir())
    monkeypatch.setattr(DocumentMapper, "triples", mapped)
    processed.clear()
    _build(corpus, out, cache_dir=cache)
    assert processed == ["01.txt", "02.txt", "03.txt"]  # one batch, which failed: none of it was kept


def test_stream_a_build_loads_spacy_only_where_documents_are_processed():
    # importing spaCy takes seconds: a rebuild that finds every part kept does without it
    code = "import sys, geokg.cli, geokg.service, geokg.stream; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_stream_a_worker_validates_without_importing_pyshacl():
    # a worker's verdicts are rudof's: pySHACL (the reference, for reports) takes 0.2 s to import
    code = (
        "import sys; from geokg.executors import warm_up; from geokg.parts import make_batch; "
        "from geokg.validate import validate_lines; warm_up('no-such-model'); "
        "validate_lines(b'<urn:a> <urn:b> <urn:c> .\\n'); print('pyshacl' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_stream_batches_shrink_towards_the_end_of_a_build_and_keep_every_document_in_order():
    total, slots = 1000, 4
    chunks = list(geokg.stream._chunks(range(total), lambda taken: geokg.stream._batch_size(total - taken, slots)))
    sizes = [len(chunk) for chunk in chunks]
    assert [item for chunk in chunks for item in chunk] == list(range(total))
    assert sizes[0] == geokg.stream.MAX_BATCH and sizes == sorted(sizes, reverse=True)
    assert sizes[-3:-1] == [geokg.stream.MIN_BATCH] * 2  # the last are small: no worker waits long on another
    assert sizes[-1] <= geokg.stream.MIN_BATCH  # what is left


def test_stream_a_rebuild_validates_again_only_the_claims_that_changed(tmp_path, monkeypatch):
    """The claims graph is validated in pieces; a piece the cache has seen validated is not
    validated again, and a claim stays in its piece when others change."""
    monkeypatch.setattr(geokg.stream, "CLAIMS_PER_CHECK", 2)  # several pieces for a small corpus
    checked: list[bytes] = []
    validate = geokg.stream.validate_lines

    def counting(ntriples):
        checked.append(ntriples)
        return validate(ntriples)

    monkeypatch.setattr(geokg.stream, "validate_lines", counting)
    corpus, cache = _corpus(tmp_path / "corpus", PAIRS), tmp_path / "cache"
    first = _build(corpus, tmp_path / "first", cache_dir=cache)
    pieces = len(checked)
    assert pieces >= 4
    checked.clear()
    assert _build(corpus, tmp_path / "again", cache_dir=cache) == first
    assert checked == [], "nothing changed: no piece is validated again"
    (corpus / "03.txt").write_text("Iran threatened to attack Iraq, officials said on Monday.", encoding="utf-8")
    _build(corpus, tmp_path / "changed", cache_dir=cache)
    assert 0 < len(checked) < pieces


def test_stream_workers_renewed_by_new_pools_finish_every_task():
    """geokg.executors renews workers by starting new pools, not by the pool's max_tasks_per_child,
    under which a pool can stop starting workers and leave tasks waiting forever (CPython
    gh-115634: one worker, two tasks each, ten tasks hang)."""
    import os

    pool = geokg.executors.RenewedPool(1, "no-such-model", tasks=2)
    try:
        futures = [pool.submit(os.getpid) for _ in range(6)]
        pids = [future.result(timeout=120) for future in futures]
    finally:
        pool.close()
    assert len(set(pids)) == 3, "a new worker every two tasks"


def test_stream_closing_the_workers_does_not_wait_for_them(tmp_path):
    """A build closes its pool without waiting for the workers to exit (one may still be loading
    spaCy when the last claims are checked): a task still running is not waited for by close,
    and still finishes."""
    started = tmp_path / "started"
    pool = geokg.executors.RenewedPool(1, "no-such-model", tasks=2)
    running = pool.submit(subprocess.run, ["sh", "-c", f"touch {started} && sleep 3"])
    for _ in range(600):
        if started.exists():
            break
        time.sleep(0.1)
    assert started.exists(), "the task started"
    pool.close()
    assert not running.done(), "close waited for the running task"
    assert running.result(timeout=60).returncode == 0


def test_stream_a_rebuild_with_every_part_kept_starts_no_worker(tmp_path, monkeypatch):
    """Workers start when a batch needs them (each loads spaCy: seconds), not with the build: a
    rebuild that finds every document's part kept starts none, one with a document changed does."""
    started = []
    start = geokg.executors.RenewedPool._start

    def counting(pool):
        started.append(pool.jobs)
        return start(pool)

    monkeypatch.setattr(geokg.executors.RenewedPool, "_start", counting)
    corpus, cache = _corpus(tmp_path / "corpus"), tmp_path / "cache"
    first = _build(corpus, tmp_path / "first", cache_dir=cache, jobs=2)
    assert started == [2]
    started.clear()
    assert _build(corpus, tmp_path / "again", cache_dir=cache, jobs=2) == first
    assert started == []
    (corpus / "03.txt").write_text("Iran threatened to attack Iraq, officials said on Monday.", encoding="utf-8")
    _build(corpus, tmp_path / "changed", cache_dir=cache, jobs=2)
    assert started == [2]


def test_stream_reading_goes_on_past_a_changed_document_while_its_task_runs(tmp_path):
    """Chunks whose parts are all kept need no task: while the one task of a rebuild runs (a
    worker starting for the changed document), the build reads on. Here the task finishes only
    once the 40th document has been read."""
    from concurrent.futures import Future

    from geokg.executors import Executor
    from geokg.model import Document
    from geokg.parts import Batch, Made, PartStore, Summary, document_key

    store, environment = PartStore(tmp_path / "cache", reuse=True), "environment"
    documents = [Document(f"{number:02d}.txt", f"Text {number}.") for number in range(64)]
    for document in documents[1:]:  # every part kept but the first document's
        store.put(document_key(document, environment), Made(Summary(f"urn:{document.identifier}", 0), b""))

    class Task(Future):
        def result(self, timeout=None):
            assert self.done(), "the build waited for the task before reading on"
            return super().result(timeout)

    task = Task()

    def reading():
        for number, document in enumerate(documents):
            if number == 40:
                task.set_result(Batch((Made(Summary("urn:00.txt", 0), b""),)))
            yield document

    runner = Executor(lambda function, *args: task, slots=2)
    outcomes = geokg.stream._outcomes(
        reading(), store=store, environment=environment, settings=Settings(), runner=runner, total=64
    )
    assert [item.identifier for item, _, _ in outcomes] == [document.identifier for document in documents]


def test_stream_claims_pieces_are_checked_by_the_runner_and_a_violation_keeps_none(tmp_path, monkeypatch):
    """The claims graph's pieces are validated as tasks of the build's runner (its workers, while
    this process makes the next pieces), with the same bytes as checked here; a piece that breaks
    the shapes stops the build and is not kept."""
    import contextlib
    from concurrent.futures import Future

    from rdflib import URIRef
    from rdflib.namespace import SH

    from geokg.errors import NotConformingError
    from geokg.executors import Executor
    from geokg.rdf.iri import dataset_iri
    from geokg.validate import Violation

    monkeypatch.setattr(geokg.stream, "CLAIMS_PER_CHECK", 2)  # several pieces for a small corpus
    submitted: list[str] = []
    broken = False

    def submit(function, *args):
        submitted.append(function.__name__)
        future: Future = Future()
        if broken and function is geokg.stream.validate_lines:
            claim, shape = URIRef("urn:claim"), URIRef("urn:shape")
            future.set_result((Violation(claim, None, None, "a claim with no holder", shape, SH.Violation, shape),))
        else:
            future.set_result(function(*args))
        return future

    @contextlib.contextmanager
    def runner(settings, *, documents):
        yield Executor(submit, 2)

    corpus = _corpus(tmp_path / "corpus")
    expected = _build(corpus, tmp_path / "here")
    monkeypatch.setattr(geokg.stream, "executor", runner)
    assert _build(corpus, tmp_path / "runner", cache_dir=tmp_path / "fresh") == expected
    assert submitted.count("validate_lines") >= 4 and "make_batch" in submitted
    broken, cache = True, tmp_path / "cache"
    with pytest.raises(NotConformingError, match="a claim with no holder"):
        _build(corpus, tmp_path / "broken", cache_dir=cache)
    kept = [json.loads(path.read_bytes())["graph"] for path in cache.rglob("*.json")]
    assert len(kept) > len(PAIRS) and dataset_iri("claims", Settings().base_iri) not in kept


def test_stream_workers_are_warmed_once_before_the_first_task_and_only_when_a_document_needs_them(
    tmp_path, monkeypatch
):
    """The workers start (spaCy loaded) as soon as a document whose part is not kept is read,
    while the first task's documents are still read; a rebuild with every part kept warms none."""
    import contextlib
    from concurrent.futures import Future

    from geokg.executors import Executor

    calls: list[str] = []

    def submit(function, *args):
        calls.append(function.__name__)
        future: Future = Future()
        future.set_result(function(*args))
        return future

    @contextlib.contextmanager
    def runner(settings, *, documents):
        yield Executor(submit, 2, lambda: calls.append("warm"))

    monkeypatch.setattr(geokg.stream, "executor", runner)
    corpus, cache = _corpus(tmp_path / "corpus"), tmp_path / "cache"
    _build(corpus, tmp_path / "first", cache_dir=cache)
    assert calls[0] == "warm" and calls.index("make_batch") > 0
    calls.clear()
    _build(corpus, tmp_path / "again", cache_dir=cache)
    assert "warm" not in calls and "make_batch" not in calls


def test_stream_a_warmed_pool_starts_every_worker_once():
    import os

    pool = geokg.executors.RenewedPool(2, "no-such-model", tasks=50)
    try:
        pool.warm()
        pool.warm()
        pids = {pool.submit(os.getpid).result(timeout=120) for _ in range(8)}
    finally:
        pool.close()
    assert len(pids) <= 2 and pool._left == 50 - 2 - 8
