"""``graphkit bench``: time each stage and measure memory on a set of reports."""

from __future__ import annotations

import resource
import statistics
import time
import tracemalloc
from collections.abc import Iterable
from typing import Any

__all__ = ["run_bench"]


def run_bench(paths: Iterable[str], *, repeat: int = 3, jobs: int | None = 1) -> dict[str, Any]:
    """Build ``paths`` ``repeat`` times; report median seconds per stage and peak memory.

    The first run also warms caches (rule compilation); it is reported apart as ``cold``.
    Peak Python memory comes from one more run under tracemalloc (which slows it, so that run
    is not timed).
    """
    from ..pipeline import build
    from ..publishing import render_outputs

    paths = list(paths)
    runs: list[dict[str, float]] = []
    cold: dict[str, float] = {}
    for i in range(repeat + 1):
        t = time.perf_counter()
        result = build(paths, jobs=jobs)
        t_render = time.perf_counter()
        render_outputs(result)
        timings = dict(result.timings)
        timings["render_outputs"] = time.perf_counter() - t_render
        timings["wall"] = time.perf_counter() - t
        if i == 0:
            cold = timings
        else:
            runs.append(timings)
    tracemalloc.start()
    build(paths, jobs=jobs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    reports = len(result.extractions)
    median = {k: round(statistics.median(r[k] for r in runs), 4) for k in sorted(runs[0])}
    sentences = sum(len(x.report.sentences) for x in result.extractions)
    return {
        "reports": reports,
        "sentences": sentences,
        "triples": len(result.graph),
        "jobs": jobs,
        "repeat": repeat,
        "cold_seconds": {k: round(v, 4) for k, v in sorted(cold.items())},
        "median_seconds": median,
        "reports_per_second": round(reports / median["wall"], 2) if median["wall"] else None,
        "python_peak_traced_mib": round(peak / 2**20, 1),
        "process_max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
