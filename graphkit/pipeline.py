"""Run the stages in order: files -> reports -> extractions -> resolution -> RDF -> analysis.

The per-document work (read, extract; later build and validate the report's graph) is a pure
function of the file and the rule data, run in a process pool with ``jobs > 1``; results are
sorted by report id before anything global happens, so output does not depend on ``jobs``.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GraphkitError
from .ingest import DEFAULT_MAX_SIZE, SUFFIXES, find_reports, read_limited, read_report
from .model import Extraction, Resolution

__all__ = ["Failure", "Build", "collect_inputs", "process_document", "build"]

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be processed, with a one-line reason."""

    path: str
    message: str


@dataclass
class Build:
    """Everything one build produced (the Python API's result).

    The dataset is held once, in a pyoxigraph store; ``dataset`` and ``graph`` are rdflib
    views of that same store (queries run on Oxigraph, nothing is copied).

    Attributes
    ----------
    extractions : tuple of Extraction
        One per report read, sorted by report id.
    resolution : Resolution
        The merged entities across reports.
    union_store : pyoxigraph.Store
        The union of the report graphs and the entities graph (each triple once) as the
        default graph: what ``graph`` shows and queries run on. Large builds keep it on disk
        (a temporary folder removed with the Build), so memory does not grow with the corpus.
    assembly : graphkit.rdf.assemble.Assembly
        The report graphs as rendered by the workers; writes graph.ttl/.trig/.jsonld.
    analysis : graphkit.analyse.Analysis
        Network metrics of the graph.
    failures : tuple of Failure
        Files that could not be read; the build goes on without them.
    min_confidence : float
        The threshold the graph was built with: relations at or above it are asserted facts,
        those below it candidates (``gk:Candidate``, ``review.csv``).
    warnings : tuple of str
        What was read but not used (a score line no quality statement takes, a refused merge);
        the command line prints each.
    """

    extractions: tuple[Extraction, ...]
    resolution: Resolution
    union_store: Any
    assembly: Any
    analysis: Any
    failures: tuple[Failure, ...] = ()
    violations: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    cache_stats: dict[str, int] = field(default_factory=dict)
    min_confidence: float = 0.5  # graphkit.extract.confidence.DEFAULT_MIN_CONFIDENCE
    _views: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the build read but could not use, one line each: reports whose text repeats an
        earlier one's, each report's warnings ("path:line: ..." for a score line no quality
        statement takes), then the resolution's."""
        return (self.duplicate_texts + tuple(w for x in self.extractions for w in x.report.warnings)
                + tuple(self.resolution.warnings))

    @property
    def duplicate_texts(self) -> tuple[str, ...]:
        """One line per report whose text is the same as an earlier report's (its facts count twice)."""
        if "duplicate_texts" not in self._views:  # the texts are hashed once, however often this is asked
            first: dict[str, str] = {}
            out = []
            for x in self.extractions:
                digest = hashlib.sha256(x.report.text.encode("utf-8")).hexdigest()
                if digest in first:
                    out.append(f"{x.report.path} has the same text as {first[digest]}; its facts are counted twice")
                first.setdefault(digest, x.report.path)
            self._views["duplicate_texts"] = tuple(out)
        return self._views["duplicate_texts"]

    @property
    def reports(self):
        """The ingested reports, sorted by id."""
        return tuple(x.report for x in self.extractions)

    @property
    def store(self):
        """pyoxigraph.Store: one named graph per report plus the entities graph (loaded from
        ``graph.trig`` when first asked for)."""
        if "store" not in self._views:
            self._views["store"] = self.assembly.named_store()
        return self._views["store"]

    @property
    def dataset(self):
        """rdflib.Dataset: one named graph per report plus the entities graph."""
        if "dataset" not in self._views:
            from .rdf.store import dataset_view

            self._views["dataset"] = dataset_view(self.store)
        return self._views["dataset"]

    @property
    def graph(self):
        """rdflib graph: the union of the dataset's graphs (what ``graph.ttl`` holds)."""
        if "graph" not in self._views:
            from .rdf.store import union_view

            self._views["graph"] = union_view(self.union_store)
        return self._views["graph"]


def collect_inputs(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[Failure]]:
    """Expand files and folders (recursively) into report files, sorted by report id.

    A folder contributes its files with a known suffix; a file named explicitly is always
    taken (and fails later if it is not a report). Nothing is passed over silently: a missing
    path, an unreadable folder, a broken link, a symbolic link loop (reported once, not
    followed), a pipe or device, and a second file with a report id already taken (the first
    by path is kept) are failures naming the path (see ``graphkit.ingest.find_reports``).
    """
    found, problems = find_reports(paths, SUFFIXES)
    failures = [Failure(path, message) for path, message in problems]
    files: list[Path] = []
    taken: dict[str, Path] = {}
    for f in sorted(found, key=lambda f: (f.stem, str(f))):
        if f.stem in taken:
            failures.append(Failure(str(f), f"{f}: report id {f.stem!r} is already taken by {taken[f.stem]}; "
                                            "rename one (this one is not built)"))
        else:
            taken[f.stem] = f
            files.append(f)
    return files, failures


_RULES: Any = None
_CACHE: Any = None
_RULES_KEY = ""
_MAX_SIZE: int | None = DEFAULT_MAX_SIZE


def _start_pool(jobs: int, initargs: tuple) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes, all started now, from the calling thread.

    Each worker asks the kernel to kill it when the build process ends, whatever ends it
    (``graphkit.processes.die_with_parent``). The kernel ties that request to the thread that
    forked the worker, so no worker may be forked later from another thread (a short-lived
    one would take its workers with it): workers are forked (``fork``, so they are this
    process's children, not a fork server's), all of them up front, and the pool never
    replaces one.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork" if os.name == "posix" else None)
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_pool_worker,
                               initargs=(os.getpid(), *initargs))
    pool.submit(os.getpid).result()  # with fork, the first submit forks every worker, here
    started = getattr(pool, "_processes", None)  # CPython's record of the workers
    if started is not None and len(started) != jobs:
        pool.shutdown(cancel_futures=True)
        raise GraphkitError(f"the worker pool started {len(started)} of {jobs} processes up front")
    return pool


def _init_pool_worker(parent_pid: int, *initargs: Any) -> None:
    """A pool worker's initializer: end with the build process, then load what the work needs."""
    from .output import forget_inherited_locks
    from .processes import die_with_parent

    die_with_parent(parent_pid)
    forget_inherited_locks()  # the build's lock on out/ is the build's, not its workers'
    _init_worker(*initargs)


def _init_worker(rules_dirs: tuple[str, ...], cache_dir: str | None, rules_key: str,
                 max_size: int | None = DEFAULT_MAX_SIZE) -> None:
    global _RULES, _CACHE, _RULES_KEY, _MAX_SIZE
    from .cache import BuildCache
    from .extract import load_rules

    _RULES = load_rules(rules_dirs)
    _CACHE = BuildCache(cache_dir)
    _RULES_KEY = rules_key
    _MAX_SIZE = max_size


def process_document(path: str | os.PathLike, rules: Any = None, *,
                     max_size: int | None = DEFAULT_MAX_SIZE) -> Extraction:
    """Read and extract one report: a pure function of the file and the rule data.

    Raises ``IngestError`` when the file is not a readable report or is larger than
    ``max_size`` bytes (checked before it is read; ``None``: no limit).
    """
    from .extract import extract

    return extract(read_report(path, max_size=max_size), rules)


def _extraction_key(path: str) -> str:
    from .cache import code_version, digest

    data = read_limited(path, _MAX_SIZE)  # never more than the limit in memory
    return digest("extract", path, data, _RULES_KEY, code_version())


def _process_one(path: str) -> tuple[str, Extraction | None, str | None, str, bool, dict]:
    """Read and extract one file (or take it from the cache); with the seconds each step took."""
    from .extract import extract

    key = ""
    if _CACHE is not None and _CACHE.root is not None:
        try:
            key = _extraction_key(path)
        except (OSError, GraphkitError):
            pass  # read_report names the problem below
    if key:
        cached = _CACHE.get("extract", key)
        if cached is not None:
            return path, cached, None, key, True, {}
    t0 = time.perf_counter()
    try:
        report = read_report(path, max_size=_MAX_SIZE)
        t1 = time.perf_counter()
        extraction = extract(report, _RULES)
    except GraphkitError as exc:
        return path, None, str(exc), key, False, {}
    seconds = {"read": t1 - t0, "extract": time.perf_counter() - t1}
    if key:
        _CACHE.put("extract", key, extraction)
    return path, extraction, None, key, False, seconds


def _graph_one(args: tuple[Extraction, Resolution, bool, str, float]) -> tuple[str, Any, list[str], bool, dict]:
    """Build, validate and render one report's graph (or take it from the cache)."""
    from rdflib import Graph

    from .cache import digest
    from .rdf import validate
    from .rdf.assemble import render_rows
    from .rdf.build import report_triples
    from .rdf.namespace import report_graph_iri
    from .rdf.serialize import nt_rows, nt_term

    extraction, resolution, check, key, min_confidence = args
    rid = extraction.report.report_id
    graph_key = digest("graph", key, _slice_digest(resolution), str(check), repr(float(min_confidence))) if key else ""
    if graph_key:
        cached = _CACHE.get("graph", graph_key)
        if cached is not None:
            return rid, cached[0], cached[1], True, {}
    t0 = time.perf_counter()
    triples = report_triples(extraction, resolution, min_confidence)
    t1 = time.perf_counter()
    violations: list[str] = []
    if check:
        g = Graph(identifier=report_graph_iri(rid))
        for triple in triples:
            g.add(triple)
        violations = validate(g)
        del g
    t2 = time.perf_counter()
    part = render_rows(rid, nt_term(report_graph_iri(rid)), nt_rows(triples))
    seconds = {"rdf": t1 - t0, "validate": t2 - t1, "render": time.perf_counter() - t2}
    if graph_key:
        _CACHE.put("graph", graph_key, (part, violations))
    return rid, part, violations, False, seconds


def _slice_digest(resolution: Resolution) -> str:
    """A digest of a report's slice of the resolution (stable across processes)."""
    from .cache import digest

    return digest(repr((
        sorted(resolution.entities, key=lambda e: e.id),
        sorted(resolution.index.items()),
        sorted(resolution.suppressed_relations),
        sorted(resolution.suppressed_entities),
    )))


def _slices(resolution: Resolution, extractions: Sequence[Extraction]) -> list[Resolution]:
    """Per report, the part of the resolution its graph needs (not the whole corpus)."""
    by_id = {e.id: e for e in resolution.entities}
    index: dict[str, dict] = {}
    for (rid, key), node in resolution.index.items():
        index.setdefault(rid, {})[(rid, key)] = node
    sup_rel: dict[str, set] = {}
    for rid, i in resolution.suppressed_relations:
        sup_rel.setdefault(rid, set()).add((rid, i))
    sup_ent: dict[str, set] = {}
    for rid, key in resolution.suppressed_entities:
        sup_ent.setdefault(rid, set()).add((rid, key))
    out = []
    for x in extractions:
        rid = x.report.report_id
        own = index.get(rid, {})
        out.append(Resolution(
            entities=tuple(by_id[n] for n in sorted(set(own.values())) if n in by_id),
            index=own,
            suppressed_relations=frozenset(sup_rel.get(rid, ())),
            suppressed_entities=frozenset(sup_ent.get(rid, ())),
        ))
    return out


def _add_seconds(acc: dict[str, float], items: Iterable[dict]) -> dict[str, float]:
    for seconds in items:
        for k, v in seconds.items():
            acc[k] = acc.get(k, 0.0) + v
    return acc


def _map(fn, items: Sequence, jobs: int, pool, progress: Progress | None, stage: str) -> list:
    out = []
    it = pool.map(fn, items, chunksize=1) if pool is not None else map(fn, items)
    for i, r in enumerate(it, 1):
        out.append(r)
        if progress:
            progress(stage, i, len(items))
    return out


def build(
    paths: Iterable[str | os.PathLike] = ("seeds",),
    *,
    jobs: int | None = None,
    rules_dirs: Sequence[str | os.PathLike] = (),
    corrections: str | os.PathLike | None = None,
    validate: bool = True,
    progress: Progress | None = None,
    cache: str | os.PathLike | None | bool = None,
    min_confidence: float | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
) -> Build:
    """Build the partnership graph of the reports in ``paths``.

    Parameters
    ----------
    paths : iterable of path
        Report files (.txt, .html, .pdf) or folders searched recursively.
    jobs : int, optional
        Worker processes for the per-document work; default all cores. Output is the same
        for any value.
    rules_dirs : sequence of path
        Extra rule folders in the format of ``graphkit/data/``.
    corrections : path, optional
        A corrections file; by default a ``corrections.toml`` beside the inputs is used.
    validate : bool
        Check every report graph against ``ontology/shapes.ttl``.
    cache : path, True, False or None
        The build cache folder (``True``: the default folder, see ``graphkit.cache``);
        ``None`` or ``False`` builds without a cache. Output is the same either way.
    min_confidence : float, optional
        Relations with at least this confidence are asserted; the others are kept as
        candidates (default ``graphkit.extract.confidence.DEFAULT_MIN_CONFIDENCE``; 0 asserts
        every relation).
    max_size : int or None
        Files larger than this many bytes are failures, refused before they are read
        (default ``graphkit.ingest.DEFAULT_MAX_SIZE``, 20 MB; ``None``: no limit).

    Returns
    -------
    Build
    """
    from .analyse import analyse
    from .cache import default_cache_dir, rules_fingerprint
    from .rdf import entities_graph
    from .rdf.assemble import Assembly
    from .resolve import find_corrections, resolve

    from .extract.confidence import DEFAULT_MIN_CONFIDENCE

    if min_confidence is None:
        min_confidence = DEFAULT_MIN_CONFIDENCE
    if not 0.0 <= min_confidence <= 1.0:
        raise GraphkitError(f"min_confidence must be from 0 to 1, not {min_confidence}")
    timings: dict[str, float] = {}
    paths = list(paths)
    t0 = time.perf_counter()
    files, failures = collect_inputs(paths)
    jobs = max(1, jobs or os.cpu_count() or 1)
    jobs = min(jobs, max(1, len(files)))
    rules_dirs_key = tuple(str(d) for d in rules_dirs)
    from .extract import load_rules
    from .resolve.data import load_resolve_data

    load_rules(rules_dirs_key)  # a malformed rule file fails here, once, before any worker starts
    load_resolve_data(rules_dirs_key)  # and so does a malformed resolution data file
    cache_dir = None if cache in (None, False) else str(default_cache_dir() if cache is True else cache)
    rules_key = rules_fingerprint(rules_dirs_key) if cache_dir else ""
    initargs = (rules_dirs_key, cache_dir, rules_key, max_size)
    pool = None
    finished = False
    try:
        if jobs > 1:
            pool = _start_pool(jobs, initargs)
        else:
            _init_worker(*initargs)
        results = _map(_process_one, [str(f) for f in files], jobs, pool, progress, "extract")
        timings["read_extract"] = time.perf_counter() - t0
        extractions = []
        keys: dict[str, str] = {}
        stats = {"extract_hits": sum(r[4] for r in results)}
        stats["extract_misses"] = len(results) - stats["extract_hits"]
        cpu = _add_seconds({}, (r[5] for r in results))
        for path, extraction, error, key, _hit, _s in results:
            if error is not None:
                failures.append(Failure(path, error))
            else:
                extractions.append(extraction)
                keys[extraction.report.report_id] = key
        del results
        extractions.sort(key=lambda x: x.report.report_id)

        t1 = time.perf_counter()
        if corrections is None:
            corrections = find_corrections(paths)
        resolution = resolve(extractions, corrections, rules_dirs_key)
        timings["resolve"] = time.perf_counter() - t1

        t2 = time.perf_counter()
        tasks = [(x, sl, validate, keys[x.report.report_id], min_confidence)
                 for x, sl in zip(extractions, _slices(resolution, extractions))]
        graphs = _map(_graph_one, tasks, jobs, pool, progress, "graph")
        del tasks
        _add_seconds(cpu, (r[4] for r in graphs))
        stats["graph_hits"] = sum(r[3] for r in graphs)
        stats["graph_misses"] = len(graphs) - stats["graph_hits"]
        timings["graph_validate"] = time.perf_counter() - t2
        finished = True
    finally:
        if pool is not None:  # on an error (Ctrl-C included) queued reports are dropped, not run
            pool.shutdown(cancel_futures=not finished)
    violations = tuple(f"{rid}: {v}" for rid, _, vs, _, _ in graphs for v in vs)
    t3 = time.perf_counter()
    assembly = Assembly([part for _, part, _, _, _ in graphs], entities_graph(resolution))
    del graphs
    if not cache_dir:
        stats = {}
    result = Build(
        extractions=tuple(extractions),
        resolution=resolution,
        union_store=None,
        assembly=assembly,
        analysis=None,
        failures=(),
        violations=violations,
        timings=timings,
        cache_stats=stats,
        min_confidence=min_confidence,
    )
    assembly.render(owner=result)  # the documents, once, to files; the parts go
    result.union_store = assembly.union_store(owner=result)
    timings["merge"] = time.perf_counter() - t3
    t4 = time.perf_counter()
    result.analysis = analyse(result.graph)
    timings["analyse"] = time.perf_counter() - t4
    timings["total"] = time.perf_counter() - t0
    timings.update({f"worker_{k}": v for k, v in sorted(cpu.items())})
    failures.sort(key=lambda f: f.path)
    result.failures = tuple(failures)
    return result
