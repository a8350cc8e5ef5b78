"""Build the pyvis page: ``render_html(graph) -> str``, ``render_view(graph, path) -> Path``."""

from __future__ import annotations

import os
import re
import tempfile
from html import escape
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib
from pyvis.network import Network

from graphkit.analyse import Analysis, centrality_scores, to_networkx

from .layout import layout_positions
from .overview import OVERVIEW_NODES, Overview, overview
from .style import EDGE_COLOURS, GLYPHS, NODE_STYLES, edge_colour, node_style
from .tooltip import edge_tooltip, node_tooltip

__all__ = ["render_html", "render_network", "render_view", "EDGE_LABEL_LIMIT", "LARGE", "PHYSICS_LIMIT", "SEED"]

#: vis-network's layout seed: the same graph gives the same picture.
SEED = 7
#: Edges carry their predicate as a label up to this many edges (beyond, colours only).
EDGE_LABEL_LIMIT = 150
#: Above this many entities the page draws an overview (``overview.py``) at positions computed
#: in Python, with the browser's physics off: vis-network cannot lay out thousands of nodes quickly.
LARGE = 1500
#: Above this many entities (and up to ``LARGE``) the whole network is drawn at positions computed
#: in Python with physics off: vis-network's stabilisation takes over 4 s from about 200 nodes.
PHYSICS_LIMIT = 200

_STATIC = Path(__file__).resolve().parent / "static"
_OUTSIDE = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
_BOOTSTRAP = re.compile(r"""\s*<(link|script)\b[^>]*cdn\.jsdelivr\.net/npm/bootstrap[^>]*>(?:\s*</script>)?""", re.I)
_EMPTY_HEADING = re.compile(r"\s*<center>\s*<h1>\s*</h1>\s*</center>", re.I)
_DEAD = re.compile(r"\s*<!--\s*<link.*?-->|//# sourceMappingURL=[^\s<]+", re.S)


def _iterations(n_nodes: int) -> int:
    """Layout steps before the page settles: fewer on large graphs so it opens quickly."""
    return 600 if n_nodes <= 300 else 250 if n_nodes <= 2000 else 120


def _options(n_nodes: int, placed: bool = False) -> dict[str, Any]:
    """vis-network options: seeded layout, physics that settles, then stops.

    With `placed` (positions given as x/y): no physics, straight edges, edges hidden while dragging.
    """
    if placed:
        options = _options(n_nodes)
        options["layout"] = {"randomSeed": SEED, "improvedLayout": False}
        options["physics"] = {"enabled": False}
        options["interaction"]["hideEdgesOnDrag"] = True
        options["nodes"]["scaling"] = {"min": 8, "max": 26, "label": {"drawThreshold": 7}}
        options["edges"]["smooth"] = {"enabled": False}
        options["edges"]["color"] = {"opacity": 0.35}
        options["edges"]["scaling"] = {"min": 0.5, "max": 3, "label": {"enabled": False}}
        return options
    return {
        "layout": {"randomSeed": SEED, "improvedLayout": n_nodes <= 150},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -80,
                "springLength": 110,
                "avoidOverlap": 0.4,
            },
            "stabilization": {"enabled": True, "iterations": _iterations(n_nodes), "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "multiselect": True},
        "nodes": {
            "font": {"size": 16, "face": "DejaVu Sans, Arial, sans-serif"},
            "borderWidth": 1.5,
            "scaling": {"min": 10, "max": 42},
        },
        "edges": {
            "smooth": {"enabled": True, "type": "continuous"},
            "font": {"size": 12, "align": "middle", "face": "DejaVu Sans, Arial, sans-serif"},
            "scaling": {"min": 1, "max": 6, "label": {"enabled": False}},
        },
    }


def _council_filter_sets(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Councils under which each node is shown: reports that mention it, direct links, itself."""
    councils = {n for n, t in G.nodes(data="type") if t == "LocalAuthority"}
    sets = {n: set(d.get("councils", ())) for n, d in G.nodes(data=True)}
    for u, v in G.edges():
        if u in councils:
            sets[v].add(u)
        if v in councils:
            sets[u].add(v)
    for c in councils:
        sets[c].add(c)
    return {n: sorted(s) for n, s in sets.items()}


def _network(G: nx.MultiDiGraph, analysis: Analysis | None, size: dict[str, float],
             positions: dict[str, tuple[int, int]] | None = None,
             hidden: dict[str, int] | None = None) -> Network:
    """A pyvis network of `G`: sorted nodes and edges, escaped tooltips; at `positions` if given."""
    community = analysis.community_of if analysis else {}
    in_filter = _council_filter_sets(G)
    net = Network(height="780px", width="100%", directed=True, cdn_resources="in_line", heading="")
    net.options = _options(G.number_of_nodes(), placed=positions is not None)
    for node, data in G.nodes(data=True):
        style = node_style(data.get("type", "Unknown"))
        extra = {"degree centrality": f"{size.get(node, 0.0):.3f}"}
        if node in community:
            extra["community"] = str(community[node])
        if hidden and node in hidden:
            extra["linked bodies not shown"] = str(hidden[node])
        place = {"x": positions[node][0], "y": positions[node][1]} if positions else {}
        net.add_node(
            node,
            label=str(data.get("label", node)),
            shape=style.shape,
            color=style.colour,
            value=round(1 + 20 * size.get(node, 0.0), 4),
            gk_type=data.get("type", "Unknown"),
            gk_councils=in_filter[node],
            gk_degree=G.degree(node),
            gk_tip=node_tooltip(node, data, extra),
            **place,
        )
    labels = G.number_of_edges() <= EDGE_LABEL_LIMIT
    for i, (u, v, data) in enumerate(G.edges(data=True)):
        predicate = data.get("predicate", "related")
        edge: dict[str, Any] = {
            "id": f"e{i}",
            "color": edge_colour(predicate),
            "arrows": {"to": {"enabled": bool(data.get("directed", True)), "scaleFactor": 0.6}},
            "value": max(int(data.get("evidence", 0)), 1),
            "dashes": data.get("tone") in ("negative", "mixed"),
            "gk_predicate": predicate,
            "gk_tip": edge_tooltip(G.nodes[u].get("label", u), G.nodes[v].get("label", v), data),
        }
        if labels:
            edge["label"] = predicate
        net.add_edge(u, v, **edge)
    return net


def _overview_note(shown: Overview) -> str:
    """What an overview page shows and what it leaves out, in words."""
    H = shown.graph
    if shown.councils:
        what = (f"the {shown.councils:,} councils and the {shown.shared:,} bodies linked to two or more "
                f"of them (the most shared first, {OVERVIEW_NODES:,} nodes at most)")
    else:
        what = f"the {H.number_of_nodes():,} best-connected entities"
    return (
        '<div class="gk-note" id="gk-overview">'
        f"<b>Overview.</b> This network has {shown.total_nodes:,} entities, too many to draw at once: "
        f"shown are {what}, with the {H.number_of_edges():,} relations among them. "
        f"Left out: {shown.left_nodes:,} entities ({_left_out_why(shown)}) and "
        f"{shown.left_edges:,} relations. Positions are computed in advance (no physics). "
        "Everything is in graph.ttl and analysis.json; a council's own partners: "
        "<code>graphkit query out/graph.ttl partners_of --bind council=gkd:ID</code>."
        "</div>"
    )


def _left_out_why(shown: Overview) -> str:
    """Why the entities an overview leaves out were left out."""
    if not shown.councils:
        return "the less connected ones"
    why = "linked to one council only, or to none"
    if shown.cut:
        why += f"; and {shown.cut:,} bodies shared by fewer councils than those shown, past the limit"
    return why


def _panel(G: nx.MultiDiGraph, analysis: Analysis | None, shown: Overview | None = None) -> str:
    """Heading, summary, legend with type and predicate filters, council filter, search.

    `G` is the whole network; with `shown`, the legend and filters count what the page draws
    and a note says what was left out.
    """
    summary = _summary(G, analysis)
    note = ""
    if shown is not None:
        G = shown.graph
        note = _overview_note(shown)
    types = sorted({t for _, t in G.nodes(data="type")}, key=lambda t: (t not in NODE_STYLES, t))
    predicates = sorted({p for _, _, p in G.edges(data="predicate")}, key=lambda p: (p not in EDGE_COLOURS, p))
    type_boxes = "".join(
        f'<label><input type="checkbox" class="gk-type" value="{escape(t)}" checked> '
        f'<span class="gk-glyph" style="color:{node_style(t).colour}">{GLYPHS.get(node_style(t).shape, "")}</span> '
        f"{escape(t)} ({sum(1 for _, x in G.nodes(data='type') if x == t)})</label>"
        for t in types
    )
    pred_boxes = "".join(
        f'<label><input type="checkbox" class="gk-pred" value="{escape(p)}" checked> '
        f'<span class="gk-line" style="border-color:{edge_colour(p)}"></span> {escape(p)}</label>'
        for p in predicates
    )
    councils = sorted(
        ((d.get("label", n), n) for n, d in G.nodes(data=True) if d.get("type") == "LocalAuthority"),
    )
    isolated = sum(1 for n in G if G.degree(n) == 0)
    options = "".join(f'<option value="{escape(n)}">{escape(label)}</option>' for label, n in councils)
    return (
        '<div id="gk-panel">'
        "<h1>graphkit: partnership network</h1>"
        f'<div class="gk-summary">{escape(summary)}</div>'
        f"{note}"
        f'<div class="gk-row"><b>Entity types</b>{type_boxes}</div>'
        f'<div class="gk-row"><b>Relations</b>{pred_boxes}'
        '<label><span class="gk-line gk-dashed" style="border-color:#555"></span> negative or mixed tone</label>'
        "<span>(partnersWith has no arrow)</span></div>"
        '<div class="gk-row"><b>Council</b><select id="gk-council"><option value="">all councils</option>'
        f"{options}</select>"
        f'<label><input type="checkbox" id="gk-isolated" checked> entities without relations ({isolated})</label>'
        '<label>Find <input type="search" id="gk-search" placeholder="name, then Enter"></label>'
        "<span>Hover a node or edge for its evidence; scroll to zoom.</span></div>"
        "</div>"
    )


def _summary(G: nx.MultiDiGraph, analysis: Analysis | None) -> str:
    """One line of counts for the whole network."""
    reports = len(G.graph.get("report_councils", {}))
    summary = f"{G.number_of_nodes()} entities \u00b7 {G.number_of_edges()} relations \u00b7 {reports} reports"
    if analysis is not None:
        summary += f" \u00b7 {len(analysis.communities)} communities \u00b7 {len(analysis.shared_partners)} partners shared by councils"
    return summary


def render_html(graph: rdflib.Graph, analysis: Analysis | None = None) -> str:
    """A self-contained HTML page of the partnership network.

    Parameters
    ----------
    graph : rdflib.Graph
        The merged graphkit graph.
    analysis : Analysis, optional
        When given, nodes are sized by its degree centrality and tooltips name their
        community, and its network is drawn (it was made from ``graph``); otherwise the
        network and degree centrality are computed here.

    Returns
    -------
    str
        The page: vis-network inlined, no request outside the page, report text escaped,
        the same bytes for the same graph.

    Examples
    --------
    >>> page = render_html(rdflib.Graph())
    >>> page.startswith("<html>"), "<script src=" in page, "cdn.jsdelivr" in page
    (True, False, False)
    """
    network = analysis.network if analysis is not None and analysis.network is not None else to_networkx(graph)
    return render_network(network, analysis)


def render_network(G: nx.MultiDiGraph, analysis: Analysis | None = None) -> str:
    """``render_html`` on a graph already made by ``graphkit.analyse.to_networkx``.

    Up to ``PHYSICS_LIMIT`` entities the browser lays the network out (seeded physics, then
    stopped); up to ``LARGE`` the whole network is drawn at positions computed here by
    ``layout_positions`` with physics off. Above, the page draws ``overview(G)`` (councils and
    the bodies they share) at computed positions, and says what it left out.
    """
    size = analysis.centrality.get("degree", {}) if analysis else centrality_scores(G, "degree")
    if G.number_of_nodes() > LARGE:
        shown: Overview | None = overview(G)
        H = shown.graph
        net = _network(H, analysis, size, layout_positions(H, seed=SEED, spacing=90.0), shown.hidden_partners)
    else:
        shown, H = None, G
        placed = layout_positions(G, seed=SEED, spacing=90.0) if G.number_of_nodes() > PHYSICS_LIMIT else None
        net = _network(G, analysis, size, placed)
    page = net.generate_html(name="network.html", local=True, notebook=False)
    page = _BOOTSTRAP.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    page = _DEAD.sub("", page)
    css = (_STATIC / "view.css").read_text(encoding="utf-8")
    js = (_STATIC / "view.js").read_text(encoding="utf-8")
    page = page.replace("</head>", f'<title>graphkit network</title>\n<link rel="icon" href="data:,">\n<style>{css}</style>\n</head>', 1)
    page = page.replace("<body>", "<body>\n" + _panel(G, analysis, shown), 1)
    page = page.replace("</body>", f"<script>{js}</script>\n</body>", 1)
    match = _OUTSIDE.search(page)
    if match:  # pyvis changed its template: refuse to write a page that calls out
        raise RuntimeError(f"network view would load an outside resource: {match.group(0)[:80]}")
    return page


def render_view(graph: rdflib.Graph, path: str | os.PathLike[str], analysis: Analysis | None = None) -> Path:
    """Write ``render_html(graph, analysis)`` to `path` atomically (temp file + ``os.replace``).

    Returns
    -------
    pathlib.Path
        `path`.
    """
    target = Path(path)
    page = render_html(graph, analysis)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(page)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target

