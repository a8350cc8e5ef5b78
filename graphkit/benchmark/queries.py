"""Ready queries on both engines: ``python -m graphkit.benchmark.queries GRAPH [REPEAT]``.

Prints p50/p95 milliseconds of every ready query, run REPEAT times (default 20) on pyoxigraph
and on rdflib's own engine (see ``graphkit.query.engine.time_queries``).
"""

from __future__ import annotations

from ..query.engine import format_times, time_queries

__all__ = ["format_times", "time_queries"]


if __name__ == "__main__":
    import sys

    print(format_times(time_queries(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20)), end="")
