"""Where the per-document work runs: in this process, in local processes, or on a Dask cluster.

Each is a context manager giving an object with `submit(function, *args)`, returning a future
(`.result()`), and `slots`, the number of tasks worth keeping in flight. The build hands them
batches of documents and merges what comes back in input order, so the output is the same
whichever runs it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from geokg.config import MIN_DOCUMENTS_PER_PROCESS, Settings
from geokg.errors import ConfigError

DASK_TIMEOUT = "30s"  # to reach a scheduler
# The workers are replaced, all at once, after this many batches each (about 1,600 documents):
# spaCy's string store keeps every new word it meets, so a worker that lived for the whole corpus
# would grow with it. Starting them (spaCy and the KB) costs a few seconds, about 1% of the work
# they did. (Not by the pool's own max_tasks_per_child: on Python 3.11 to 3.14 a pool whose worker
# exits at its limit can stop starting workers and leave the remaining tasks waiting forever,
# CPython gh-115634; a build of 10,000 documents hung so.)
TASKS_PER_WORKER = 25


@dataclass(frozen=True)
class Executor:
    submit: Callable[..., Future]
    slots: int  # tasks worth having in flight: enough to keep every worker busy
    warm: Callable[[], None] = lambda: None  # start the workers now: a task for them is coming


@contextlib.contextmanager
def executor(settings: Settings, *, documents: int) -> Iterator[Executor]:
    """The executor `settings` asks for; one process for a corpus too small to share out."""
    if settings.executor == "dask":
        with _dask(settings) as chosen:
            yield chosen
    elif settings.jobs > 1 and documents >= settings.jobs * MIN_DOCUMENTS_PER_PROCESS:
        pool = RenewedPool(settings.jobs, settings.model, tasks=settings.jobs * TASKS_PER_WORKER)
        try:
            yield Executor(pool.submit, 2 * settings.jobs, pool.warm)
        finally:
            pool.close()
    else:
        yield Executor(_now, 1)


class RenewedPool:
    """Worker processes for `submit`, all replaced by new ones after every `tasks` tasks: the old
    pool's tasks finish first (their futures stay good), then a new pool starts.

    No worker starts before a task is coming (loading spaCy costs a worker seconds): `warm`
    starts all of them when the build reads a document to process, and a task finding none idle
    starts one more, up to `jobs`. A rebuild that finds every part kept starts none."""

    def __init__(self, jobs: int, model: str, *, tasks: int):
        self.jobs, self.model, self.tasks = jobs, model, tasks
        self._pool: ProcessPoolExecutor | None = None
        self._left = 0

    def submit(self, function: Callable, *args) -> Future:
        if self._left == 0:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
            self._pool, self._left = self._start(), self.tasks
        self._left -= 1
        return self._pool.submit(function, *args)

    def warm(self) -> None:
        """Start every worker now, once, when a task is known to be coming: each takes seconds
        to load spaCy, and they load it while the build reads the documents of the first task
        instead of after. A process pool starts a worker for each task it is given while none
        is idle: one no-op each."""
        if self._pool is None:
            for _ in range(self.jobs):
                self.submit(os.getpid)

    def close(self) -> None:
        """Stop the workers without waiting for them: the build goes on merging on one core
        while they exit on the other (a worker still loading spaCy takes seconds to). A task
        still running (a build that failed) finishes first; Python waits for it before it exits."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def _start(self) -> ProcessPoolExecutor:
        # Workers start from a clean process (forkserver), not a fork of this one: a fork copies
        # the locks of threads it does not copy (the SHACL engine's, spaCy's), and can hang on them.
        # Each worker loads the KB and spaCy once.
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=multiprocessing.get_context("forkserver"),
            initializer=warm_up,
            initargs=(self.model,),
        )


def warm_up(model: str) -> None:
    """Load what a worker's tasks use (geokg.parts.make_batch): the KB, the spaCy pipeline and the
    shapes. A failure is left to the first task to report: it says what is wrong and how to fix it,
    where a failed start would only break the pool."""
    from geokg.kb import load_kb
    from geokg.nlp.pipeline import load_pipeline
    from geokg.validate import conforms_natively

    try:
        load_kb()
        load_pipeline(model)
        conforms_natively(b'<urn:geokg:warm-up> <urn:geokg:is> "ready" .\n')  # the shapes read once
    except Exception:  # reported by the first task, with its fix
        pass


def _now(function: Callable, *args) -> Future:
    """Run in this process, now; a future that is done."""
    future: Future = Future()
    future.set_result(function(*args))
    return future


@contextlib.contextmanager
def _dask(settings: Settings) -> Iterator[Executor]:
    """A client of the scheduler at `settings.scheduler`, or of a local cluster of `settings.jobs`
    worker processes (one thread each: spaCy holds the GIL) when no address is given."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise ConfigError("--executor dask needs Dask's `distributed` package: pip install 'geokg[dask]'") from err
    with contextlib.ExitStack() as stack:
        if settings.scheduler is None:
            cluster = LocalCluster(
                n_workers=settings.jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
            address = stack.enter_context(cluster)
        else:
            address = settings.scheduler
        client = stack.enter_context(_client(Client, address))
        threads = sum(client.nthreads().values()) or 1
        yield Executor(lambda function, *args: client.submit(function, *args, pure=False), 2 * threads)


def _client(client_class, address):
    try:
        return client_class(address, timeout=DASK_TIMEOUT)
    except (OSError, TimeoutError) as err:
        raise ConfigError(
            f"cannot reach the Dask scheduler at {address} ({err}). Start one (`dask scheduler`, with "
            "`dask worker ADDRESS` on each machine) or check the --scheduler address"
        ) from err
