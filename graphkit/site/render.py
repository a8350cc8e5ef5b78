"""Assemble the site: every page and asset as ``relative path -> text``, and writing it."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import rdflib

from graphkit.analyse import Analysis

from .data import SiteData, site_data
from .network import council_page, overview_page
from .pages import entity_page, index_page, report_page

__all__ = ["render_site", "write_site", "ASSETS"]

_STATIC = Path(__file__).resolve().parent / "static"
#: The site's own files, shared by its pages.
ASSETS = ("site.css", "search.js", "network.js", "vis-network.min.js")


@cache
def _vis_network() -> str:
    """vis-network as pyvis ships it (the file ``Network(cdn_resources="in_line")`` inlines)."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib"
    found = sorted(lib.glob("vis-9.1.*/vis-network.min.js")) or sorted(lib.glob("vis-*/vis-network.min.js"))
    if not found:
        raise FileNotFoundError(f"vis-network.min.js not found under {lib}")
    text = found[-1].read_text(encoding="utf-8")
    return text.replace("//# sourceMappingURL=vis-network.min.js.map", "")


def _asset(name: str) -> str:
    if name == "vis-network.min.js":
        return _vis_network()
    return (_STATIC / name).read_text(encoding="utf-8")


def render_site(graph: rdflib.Graph, analysis: Analysis | None = None,
                data: SiteData | None = None) -> dict[str, str]:
    """Every file of the site, relative path -> text; the same input gives the same text.

    Parameters
    ----------
    graph : rdflib.Graph
        The merged graphkit graph.
    analysis : Analysis, optional
        Its analysis (computed when missing).
    data : SiteData, optional
        What ``site_data(graph, analysis)`` returns, when already at hand.

    Returns
    -------
    dict
        ``index.html``, ``report.html``, ``network.html``, ``councils/<slug>.html``,
        ``entities/<slug>.html`` and ``assets/*``.
    """
    data = data if data is not None else site_data(graph, analysis)
    files: dict[str, str] = {f"assets/{name}": _asset(name) for name in ASSETS}
    files["index.html"] = index_page(data)
    files["report.html"] = report_page(data)
    files["network.html"] = overview_page(data)
    for c in data.councils:
        files[f"councils/{data.entities[c].page}.html"] = council_page(data, c)
    for node, ent in data.entities.items():
        files[f"entities/{ent.page}.html"] = entity_page(data, node)
    return dict(sorted(files.items()))


def write_site(graph: rdflib.Graph, out_dir: str | os.PathLike[str], analysis: Analysis | None = None) -> dict[str, str]:
    """Render the site and publish it into `out_dir` as one step (``graphkit.output.publish``).

    Returns relative path -> sha256 of each file written.
    """
    from graphkit.output import publish

    return publish(render_site(graph, analysis), out_dir)
