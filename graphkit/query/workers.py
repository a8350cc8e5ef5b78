"""Worker processes that run the endpoint's queries, each ended when it runs over its time limit.

::

    open_dataset(data, location) -> bool      write a graph into an on-disk pyoxigraph store; True: query the union
    WorkerPool(location, union, size).start() ``size`` workers, each opening the store read-only
    pool.run(job, timeout) -> Written         run a Job in an idle worker; kill and replace it at the limit

pyoxigraph cannot stop a running query (an aggregate or a regex runs in Rust until it is
done), so each query runs in a worker process, and a worker over its limit is killed
(SIGKILL) and replaced; the server and the other workers never wait for it. A worker also
dies with the server (``die_with_parent``), whatever ended the server.

Memory: the graph is loaded once into a pyoxigraph store on disk (RocksDB) and each worker
opens it read-only, so the workers share the operating system's page cache instead of holding
a copy each (in memory a copy takes about 4.5 times the graph's TriG size: ~0.7 GB for the
national graph, ~150 MB of Turtle; on disk the store is about twice the TriG size, once).
A worker's own memory is Python with rdflib imported (~50 MB) plus what its query builds.
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Node

from ..errors import GraphkitError, QueryError
from .engine import OxGraph, _settle_union, first_line, load_file, to_store
from .formats import HttpError, Written, shift_lines, write_results

__all__ = ["Job", "WorkerPool", "open_dataset", "run_job"]

#: Seconds a new worker may take to start and open the store.
START_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class Job:
    """One query for a worker: SPARQL text (with its added prefix lines), bound values, dataset
    IRIs, and what the client accepts."""

    text: str
    bindings: Mapping[str, Node] = field(default_factory=dict)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: str | None = None
    fmt: str | None = None
    max_rows: int = 10_000
    added_lines: int = 0


def open_dataset(data, location: str | Path) -> bool:
    """Write ``data`` (a graph file's path, an rdflib Graph/Dataset, a pyoxigraph Store or an
    OxGraph) into a new on-disk store at ``location`` and close it.

    Returns True when the default graph is to be queried as pyoxigraph's union of the named
    graphs (no triple is in two of them); otherwise that union, each triple once, has been
    written into the default graph. Raises GraphkitError naming a file that is not valid RDF.
    """
    store = ox.Store(str(location))
    try:
        if isinstance(data, (str, Path)):
            load_file(store, data)
        else:
            source = to_store(data)
            if source.graph is not None:
                store.extend(ox.Quad(q.subject, q.predicate, q.object)
                             for q in source.store.quads_for_pattern(None, None, None, source.graph))
            else:
                store.bulk_load(source.store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        union = _settle_union(store, owned=True).union
        store.flush()
        return union
    finally:
        del store  # closes the store: workers may only open it read-only once no writer has it


# -- in the worker ----------------------------------------------------------------------------

def _restrict(source: OxGraph, default: list[ox.NamedNode], named: list[ox.NamedNode]) -> OxGraph:
    """A new in-memory store: the union of the ``default`` graphs (each triple once) as its default
    graph, and the ``named`` graphs, all taken from ``source`` (an unknown IRI is an empty graph)."""
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for g in default
                 for q in source.store.quads_for_pattern(None, None, None, g))
    store.extend(q for g in named for q in source.store.quads_for_pattern(None, None, None, g))
    return OxGraph(store)


def run_job(data: OxGraph, job: Job) -> Written:
    """Run ``job`` over ``data`` and write its results (what a worker does with each job).

    Raises QueryError for SPARQL that does not parse or cannot be bound, HttpError 406 when no
    accepted format fits the query's form.
    """
    default = [ox.NamedNode(iri) for iri in job.default_graphs]
    named = [ox.NamedNode(iri) for iri in job.named_graphs]
    try:
        hidden: tuple[str, ...] = ()
        if len(default) > 1:  # pyoxigraph's union of several graphs would repeat shared triples
            raw = _restrict(data, default, named).query(job.text)
        elif default or named:
            raw = data.query(job.text, default_graph=default, named_graphs=named)
        else:  # FROM and FROM NAMED pick graphs of the store; nothing is fetched
            raw, hidden = data.run(job.text, job.bindings)
    except QueryError as exc:
        raise QueryError(shift_lines(str(exc), job.added_lines)) from None
    return write_results(raw, job.accept, job.fmt, job.max_rows, hidden)


def _answer(data: OxGraph, job: Job) -> Written | HttpError:
    try:
        return run_job(data, job)
    except HttpError as err:
        return err
    except QueryError as exc:
        return HttpError(HTTPStatus.BAD_REQUEST, str(exc))
    except Exception as exc:  # noqa: BLE001 - one line to the client, never a traceback
        return HttpError(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {first_line(exc)}")


def _worker_main(fd: int, location: str, union: bool, parent: int) -> None:
    """A worker: open the store read-only, say "ready", then answer jobs until the pipe closes."""
    from ..processes import die_with_parent

    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the server ends us
    conn = Connection(fd)
    try:
        data = OxGraph(ox.Store.read_only(location), union=union)
    except OSError as exc:
        conn.send(f"cannot open the store {location}: {first_line(exc)}")
        return
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_answer(data, job))


# -- in the server ----------------------------------------------------------------------------

@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen
    conn: Connection

    @property
    def pid(self) -> int:
        return self.process.pid


class WorkerPool:
    """``size`` worker processes over the store at ``location``; ``run`` hands a job to an idle one.

    All workers are started by one thread that lives as long as the pool (the kernel ties a
    worker's ``die_with_parent`` to the thread that started it).
    """

    def __init__(self, location: str | Path, union: bool, size: int, *,
                 log: Callable[[str], None] | None = None) -> None:
        if size < 1:
            raise GraphkitError("the endpoint needs at least one worker")
        self.location, self.union, self.size = str(location), union, size
        self.log = log or (lambda line: print(f"graphkit: {line}", file=sys.stderr))
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._orders: queue.Queue[_Worker | None] = queue.Queue()
        self._started: queue.Queue[_Worker | str] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closing = False
        self._thread: threading.Thread | None = None

    # the pool's own thread: starts every worker, reaps the ones killed
    def _launch(self) -> _Worker | str:
        ours, theirs = socket.socketpair()
        try:
            code = (f"from graphkit.query.workers import _worker_main; "
                    f"_worker_main({theirs.fileno()}, {self.location!r}, {self.union!r}, {os.getpid()})")
            process = subprocess.Popen([sys.executable, "-c", code], pass_fds=(theirs.fileno(),),
                                       stdin=subprocess.DEVNULL, close_fds=True)
        except OSError as exc:
            ours.close()
            return f"cannot start a worker: {exc}"
        finally:
            theirs.close()
        worker = _Worker(process, Connection(ours.detach()))
        with self._lock:
            self._all.add(worker)
        return worker

    def _ready(self, worker: _Worker | str) -> _Worker | str:
        """``worker`` once it has opened the store, or what went wrong (it is then ended)."""
        if isinstance(worker, str):
            return worker
        try:
            if worker.conn.poll(START_TIMEOUT):
                hello = worker.conn.recv()
                if hello == "ready":
                    return worker
                problem = str(hello)
            else:
                problem = f"a worker did not start within {START_TIMEOUT:g} s"
        except (EOFError, OSError):
            problem = "a worker ended while starting (see above)"
        self._end(worker)
        return problem

    def _supervise(self) -> None:
        for worker in [self._launch() for _ in range(self.size)]:  # started together, awaited in turn
            self._started.put(self._ready(worker))
        while True:
            dead = self._orders.get()
            if dead is None:
                return
            self._end(dead)
            if self._closing:
                continue
            fresh = self._ready(self._launch())
            if isinstance(fresh, str):
                self.log(f"error: {fresh}; {len(self._all)} workers left")
            elif self._closing:
                self._end(fresh)
            else:
                self._idle.put(fresh)

    def _end(self, worker: _Worker) -> None:
        """Kill ``worker`` (if it still runs) and reap it."""
        if worker.process.poll() is None:
            worker.process.kill()
        worker.process.wait()
        worker.conn.close()
        with self._lock:
            self._all.discard(worker)

    # the server's side
    def start(self) -> WorkerPool:
        """Start the workers; return once all of them have opened the store.

        Raises GraphkitError when a worker cannot start (with what it said).
        """
        self._thread = threading.Thread(target=self._supervise, name="sparql-workers", daemon=True)
        self._thread.start()
        problems = []
        for _ in range(self.size):
            worker = self._started.get()
            if isinstance(worker, str):
                problems.append(worker)
            else:
                self._idle.put(worker)
        if problems:
            self.close()
            raise GraphkitError(problems[0])
        return self

    @property
    def pids(self) -> list[int]:
        """Process ids of the running workers."""
        with self._lock:
            return sorted(w.pid for w in self._all)

    def run(self, job: Job, timeout: float) -> Written:
        """Run ``job`` in an idle worker and return its answer.

        Waits up to ``timeout`` seconds for an idle worker, then gives the query ``timeout``
        seconds. Raises HttpError: 503 when no worker is free in time or the query runs over
        (its worker is then killed and replaced), 500 when the worker died, and the worker's
        own 400/406/500 for a query it could not answer.
        """
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE,
                            f"all {self.size} query workers stayed busy for {timeout:g} s; try again later") from None
        try:
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                self._replace(worker)
                raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE,
                                f"query stopped at the time limit of {timeout:g} s; add LIMIT or narrow it down")
            answer = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise HttpError(HTTPStatus.INTERNAL_SERVER_ERROR, "the query's worker process died; it was replaced") from None
        self._idle.put(worker)
        if isinstance(answer, HttpError):
            raise answer
        return answer

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now; the pool's thread reaps it and starts another."""
        if worker.process.poll() is None:
            worker.process.kill()
        self._orders.put(worker)

    def close(self) -> None:
        """Kill every worker and stop the pool's thread."""
        self._closing = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._orders.put(worker)
        self._orders.put(None)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(START_TIMEOUT)
        for worker in workers:
            self._end(worker)
        deadline = time.monotonic() + 5
        while self.pids and time.monotonic() < deadline:
            time.sleep(0.01)
