"""Time the network view on synthetic networks: ``bench_view(councils=(10, 38, 153)) -> list``.

Run ``python -m graphkit.benchmark.view [COUNCILS ...] [--no-browser]``; prints one JSON
object per size. A measurement, never a timed test.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["bench_view"]


def bench_view(councils: Iterable[int] = (10, 38, 153), *, seed: int = 0, browser: bool = True) -> list[dict[str, Any]]:
    """Seconds to make, lay out, render and (optionally) open the page of national-like networks.

    For each size: ``national_network(n)``, then ``overview`` and ``layout_positions`` timed
    alone, then the whole ``render_network`` (which does both again, plus node sizes and
    HTML), and with `browser` ``time_page`` on the written page.
    """
    from graphkit.view.layout import layout_positions
    from graphkit.view.overview import overview
    from graphkit.view.page import LARGE, SEED, render_network

    from .network import national_network

    rows = []
    for n in councils:
        row: dict[str, Any] = {"councils": n}
        t = time.perf_counter()
        G = national_network(councils=n, seed=seed)
        row["generate_s"] = round(time.perf_counter() - t, 3)
        row["entities"], row["relations"] = G.number_of_nodes(), G.number_of_edges()
        if G.number_of_nodes() > LARGE:
            t = time.perf_counter()
            shown = overview(G)
            row["overview_s"] = round(time.perf_counter() - t, 3)
            row["shown_entities"] = shown.graph.number_of_nodes()
            row["shown_relations"] = shown.graph.number_of_edges()
            t = time.perf_counter()
            layout_positions(shown.graph, seed=SEED, spacing=90.0)
            row["layout_s"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        page = render_network(G)
        row["render_s"] = round(time.perf_counter() - t, 3)
        row["page_mb"] = round(len(page.encode("utf-8")) / 1e6, 2)
        if browser:
            from .browser import time_page

            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "network.html"
                path.write_text(page, encoding="utf-8")
                row["page_settle_s"] = [time_page(path) for _ in range(3)]
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    browser = "--no-browser" not in args
    sizes = [int(a) for a in args if a != "--no-browser"] or [10, 38, 153]
    for row in bench_view(sizes, browser=browser):
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
