"""Run the stages in order: files -> reports -> extractions -> resolution -> RDF -> analysis.

The per-document work (read, extract; later build and validate the report's graph) is a pure
function of the file and the rule data, run in a process pool with ``jobs > 1``; results are
sorted by report id before anything global happens, so output does not depend on ``jobs``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GraphkitError
from .ingest import SUFFIXES, read_report
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

    Attributes
    ----------
    extractions : tuple of Extraction
        One per report read, sorted by report id.
    resolution : Resolution
        The merged entities across reports.
    dataset : rdflib.Dataset
        One named graph per report plus the entities graph.
    graph : rdflib.Graph
        The union of the dataset's graphs (what ``graph.ttl`` holds).
    analysis : graphkit.analyse.Analysis
        Network metrics of ``graph``.
    failures : tuple of Failure
        Files that could not be read; the build goes on without them.
    """

    extractions: tuple[Extraction, ...]
    resolution: Resolution
    dataset: Any
    graph: Any
    analysis: Any
    failures: tuple[Failure, ...] = ()
    violations: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def reports(self):
        """The ingested reports, sorted by id."""
        return tuple(x.report for x in self.extractions)


def collect_inputs(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[Failure]]:
    """Expand files and folders (recursively) into report files, sorted.

    A folder contributes its files with a known suffix; a file named explicitly is always
    taken (and fails later if it is not a report). A missing path is a failure.
    """
    files: list[Path] = []
    failures: list[Failure] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith(".")
            )
            if not found:
                failures.append(Failure(str(p), f"{p}: folder holds no .txt, .html or .pdf reports"))
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            failures.append(Failure(str(p), f"{p}: no such file or folder"))
    unique = sorted(set(files), key=lambda f: (f.stem, str(f)))
    seen: dict[str, Path] = {}
    for f in unique:
        if f.stem in seen:
            raise GraphkitError(
                f"two inputs have the report id {f.stem!r}: {seen[f.stem]} and {f}; rename one"
            )
        seen[f.stem] = f
    return unique, failures


_RULES: Any = None


def _init_worker(rules_dirs: tuple[str, ...]) -> None:
    global _RULES
    from .extract import load_rules

    _RULES = load_rules(rules_dirs)


def process_document(path: str | os.PathLike, rules: Any = None) -> Extraction:
    """Read and extract one report: a pure function of the file and the rule data.

    Raises ``IngestError`` when the file is not a readable report.
    """
    from .extract import extract

    return extract(read_report(path), rules)


def _process_one(path: str) -> tuple[str, Extraction | None, str | None]:
    try:
        return path, process_document(path, _RULES), None
    except GraphkitError as exc:
        return path, None, str(exc)


def _graph_one(args: tuple[Extraction, Resolution, bool]) -> tuple[str, Any, list[str]]:
    from .rdf import report_graph, validate

    extraction, resolution, check = args
    g = report_graph(extraction, resolution)
    return extraction.report.report_id, g, (validate(g) if check else [])


def _map(fn, items: Sequence, jobs: int, pool, progress: Progress | None, stage: str) -> list:
    out = []
    it = pool.map(fn, items) if pool is not None else map(fn, items)
    for i, r in enumerate(it, 1):
        out.append(r)
        if progress:
            progress(stage, i, len(items))
    return out


def _assemble(graphs: dict[str, Any], resolution: Resolution) -> Any:
    """One named graph per report (in id order) plus the entities graph."""
    from rdflib import Dataset, URIRef

    from .rdf import GRAPH_BASE, entities_graph

    ds = Dataset()
    for rid in sorted(graphs):
        named = ds.graph(URIRef(f"{GRAPH_BASE}{rid}"))
        for triple in graphs[rid]:
            named.add(triple)
    named = ds.graph(URIRef(f"{GRAPH_BASE}entities"))
    for triple in entities_graph(resolution):
        named.add(triple)
    return ds


def build(
    paths: Iterable[str | os.PathLike] = ("seeds",),
    *,
    jobs: int | None = None,
    rules_dirs: Sequence[str | os.PathLike] = (),
    corrections: str | os.PathLike | None = None,
    validate: bool = True,
    progress: Progress | None = None,
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

    Returns
    -------
    Build
    """
    from .analyse import analyse
    from .rdf import union_graph
    from .resolve import find_corrections, resolve

    timings: dict[str, float] = {}
    paths = list(paths)
    t0 = time.perf_counter()
    files, failures = collect_inputs(paths)
    jobs = max(1, jobs or os.cpu_count() or 1)
    jobs = min(jobs, max(1, len(files)))
    rules_key = tuple(str(d) for d in rules_dirs)
    from .extract import load_rules

    load_rules(rules_key)  # a malformed rule file fails here, once, before any worker starts
    pool = None
    try:
        if jobs > 1:
            pool = ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(rules_key,))
        else:
            _init_worker(rules_key)
        results = _map(_process_one, [str(f) for f in files], jobs, pool, progress, "extract")
        timings["read_extract"] = time.perf_counter() - t0
        extractions = []
        for path, extraction, error in results:
            if error is not None:
                failures.append(Failure(path, error))
            else:
                extractions.append(extraction)
        extractions.sort(key=lambda x: x.report.report_id)

        t1 = time.perf_counter()
        if corrections is None:
            corrections = find_corrections(paths)
        resolution = resolve(extractions, corrections)
        timings["resolve"] = time.perf_counter() - t1

        t2 = time.perf_counter()
        graphs = _map(
            _graph_one, [(x, resolution, validate) for x in extractions], jobs, pool, progress, "graph"
        )
        timings["graph_validate"] = time.perf_counter() - t2
    finally:
        if pool is not None:
            pool.shutdown()
    violations = tuple(f"{rid}: {v}" for rid, _, vs in graphs for v in vs)
    t3 = time.perf_counter()
    dataset = _assemble({rid: g for rid, g, _ in graphs}, resolution)
    graph = union_graph(dataset)
    timings["merge"] = time.perf_counter() - t3
    t4 = time.perf_counter()
    analysis = analyse(graph)
    timings["analyse"] = time.perf_counter() - t4
    timings["total"] = time.perf_counter() - t0
    failures.sort(key=lambda f: f.path)
    return Build(
        extractions=tuple(extractions),
        resolution=resolution,
        dataset=dataset,
        graph=graph,
        analysis=analysis,
        failures=tuple(failures),
        violations=violations,
        timings=timings,
    )
