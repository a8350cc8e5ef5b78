"""Network pages: the overview (``network.html``) and one per council (``councils/<slug>.html``).

The page holds its nodes and edges as inline JSON; ``assets/network.js`` draws them with
vis-network (``assets/vis-network.min.js``, the copy pyvis ships: one file for all pages, so
no page loads anything from outside the site) at positions computed here (seeded, physics
off), builds every tooltip from text nodes (report text is never parsed as HTML), and wires
the legend's filters, the council filter, the entity list and the relations table.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from graphkit.view.layout import layout_positions
from graphkit.view.overview import OVERVIEW_NODES, overview
from graphkit.view.style import node_style

from .data import COUNCIL, SIZE_MEASURE, Relation, SiteData, council_subgraph, predicate_name, type_name
from .html import Markup, e, json_script, link, page, table

__all__ = ["network_page", "overview_page", "council_page", "TONE_COLOURS", "PREDICATE_STYLES", "LARGE"]

#: Above this many entities ``network.html`` draws the overview of ``graphkit.view.overview``.
LARGE = 1500
#: Evidence sentences in one tooltip.
TIP_SENTENCES = 4
#: Up to this many entities the browser settles the layout (seeded physics, then stopped); above,
#: the positions computed here stay as they are (vis-network takes seconds from about 200 nodes).
PHYSICS_LIMIT = 200
#: Below this many linked entities positions come from ``networkx.spring_layout`` (dense), above
#: from ``graphkit.view.layout.layout_positions``.
SPRING_LIMIT = 400
#: Edges carry their relation's name as a label up to this many edges.
EDGE_LABELS = 120

#: Edge colour by tone (Okabe-Ito); context (reference data only) edges are light grey.
TONE_COLOURS = {"positive": "#009E73", "negative": "#D55E00", "mixed": "#CC79A7", "neutral": "#4D4D4D",
                "context": "#A6A6A6"}
#: Edge style by relation: dash pattern (None: solid) and arrow head (None: no direction).
PREDICATE_STYLES: dict[str, tuple[list[int] | None, str | None]] = {
    "partnersWith": (None, None),
    "memberOf": ([8, 4], "arrow"),
    "chairs": ([2, 4], "diamond"),
    "funds": (None, "triangle"),
    "commissions": ([12, 4, 2, 4], "arrow"),
    "delivers": (None, "vee"),
    "oversees": ([4, 4], "bar"),
    "partyTo": ([1, 4], "circle"),
    "partOf": ([10, 3], "box"),
}
_SHAPE_SVG = {
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "triangle": '<polygon points="8,1 15,15 1,15"/>',
    "triangleDown": '<polygon points="1,1 15,1 8,15"/>',
    "dot": '<circle cx="8" cy="8" r="6.5"/>',
    "hexagon": '<polygon points="4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"/>',
    "star": '<polygon points="8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.7 3.2,15 5,9.5 0.5,6 6,6"/>',
}


def _glyph(entity_type: str) -> Markup:
    """The type's node shape and colour, as a small decorative SVG."""
    style = node_style(entity_type)
    shape = _SHAPE_SVG.get(style.shape, _SHAPE_SVG["dot"])
    return Markup(f'<svg class="gk-glyph" aria-hidden="true" focusable="false" width="16" height="16" '
                  f'viewBox="0 0 16 16" fill="{e(style.colour)}" stroke="#333" stroke-width="0.8">{shape}</svg>')


def _line(colour: str, dashes: list[int] | None) -> Markup:
    """A legend sample of an edge."""
    dash = f' stroke-dasharray="{" ".join(map(str, dashes))}"' if dashes else ""
    return Markup(f'<svg class="gk-glyph" aria-hidden="true" focusable="false" width="36" height="10" viewBox="0 0 36 10">'
                  f'<line x1="1" y1="5" x2="35" y2="5" stroke="{e(colour)}" stroke-width="2.5"{dash}/></svg>')


def _where(data: SiteData, report: str, section: str) -> str:
    """Council name and section of a piece of evidence."""
    return ", ".join(x for x in (data.report_name(report) if report else "", section) if x)


def _sentence(data: SiteData, r: Relation) -> str:
    """``A partners with B`` in plain English with display names."""
    return f"{data.entities[r.source].name} {predicate_name(r.predicate)} {data.entities[r.target].name}"


def _evidence_lines(data: SiteData, r: Relation, limit: int) -> list[list[str]]:
    """[sentence, where] for up to `limit` pieces of evidence of `r`."""
    out = []
    for ev in r.evidence[:limit]:
        if ev.report:
            out.append([ev.sentence, _where(data, ev.report, ev.section) + (f" ({ev.tone})" if ev.tone not in ("", "neutral") else "")])
        else:
            out.append(["", "Context, not stated by a report: " + (ev.source or "reference data")])
    return out


def _positions(H: nx.Graph) -> dict[str, tuple[int, int]]:
    """Seeded force-directed positions of the linked nodes; entities without relations on a grid below."""
    linked = [n for n in H if H.degree(n) > 0]
    if len(linked) < SPRING_LIMIT:  # networkx's own (dense numpy) spring layout spreads hubs better
        F = nx.Graph()
        F.add_nodes_from(sorted(linked))
        F.add_edges_from(sorted(tuple(sorted(e)) for e in H.subgraph(linked).edges()))
        raw = nx.spring_layout(F, seed=7, iterations=100) if len(F) > 1 else {n: (0.0, 0.0) for n in F}
        scale = 75.0 * max(len(F), 4) ** 0.5
        positions = {n: (int(round(float(x) * scale)), int(round(float(y) * scale))) for n, (x, y) in raw.items()}
    else:
        positions = layout_positions(H.subgraph(linked), seed=7, spacing=170.0)
    lonely = [n for n in H if H.degree(n) == 0]
    if lonely:
        xs = [x for x, _ in positions.values()] or [0]
        ys = [y for _, y in positions.values()] or [0]
        columns = max(4, int(len(lonely) ** 0.5))
        for i, n in enumerate(lonely):
            positions[n] = (min(xs) + 230 * (i % columns), max(ys) + 160 + 70 * (i // columns))
    return positions


def _graph_json(data: SiteData, nodes: Sequence[str], relations: Sequence[Relation], root: str) -> dict:
    """Nodes and edges for ``assets/network.js``."""
    degree = {n: 0 for n in nodes}
    for r in relations:
        degree[r.source] += 1
        degree[r.target] += 1
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from((r.source, r.target) for r in relations)
    positions = _positions(H)
    by_node: dict[str, list[Relation]] = {n: [] for n in nodes}
    for r in relations:
        by_node[r.source].append(r)
        if r.target != r.source:
            by_node[r.target].append(r)
    out_nodes = []
    for n in nodes:
        ent = data.entities[n]
        style = node_style(ent.type)
        evidence = []
        for r in sorted(by_node[n], key=lambda r: not r.stated):  # stated evidence first, context last
            for sentence, where in _evidence_lines(data, r, 1):
                evidence.append([_sentence(data, r), sentence, where])
        lines = [type_name(ent.type)] + [f"{scheme}: {value}" for scheme, value in ent.identifiers]
        if ent.councils:
            lines.append("Named in the reports of: " + ", ".join(
                data.entities[c].name for c in ent.councils if c in data.entities))
        lines.append(f"Stated relations with {ent.degree} entities")
        out_nodes.append({
            "id": n, "label": ent.name, "type": ent.type, "typeName": type_name(ent.type),
            "shape": style.shape, "color": style.colour,
            "value": ent.degree + 1, "x": positions[n][0], "y": positions[n][1],
            "degree": degree[n], "councils": sorted(set(ent.councils) | ({n} if ent.type == COUNCIL else set())),
            "page": f"{root}entities/{ent.page}.html",
            "tip": {"title": ent.name, "lines": lines, "evidence": evidence[:TIP_SENTENCES],
                    "more": max(0, len(evidence) - TIP_SENTENCES)},
        })
    labels = len(relations) <= EDGE_LABELS
    out_edges = []
    for r in relations:
        dashes, arrow = PREDICATE_STYLES.get(r.predicate, ([3, 3], "arrow"))
        tone = r.tone if r.stated else "context"
        edge = {
            "id": f"r{r.index}", "from": r.source, "to": r.target, "predicate": r.predicate,
            "predicateName": predicate_name(r.predicate), "tone": tone, "stated": r.stated,
            "color": TONE_COLOURS.get(tone, TONE_COLOURS["neutral"]),
            "dashes": dashes if dashes else False,
            "arrow": arrow or "",
            "width": 1 + min(len(r.evidence), 5) * 0.6,
            "tip": {"title": _sentence(data, r), "lines": [("Tone: " + r.tone) if r.stated else "Context (reference data)"],
                    "evidence": [["", s, w] for s, w in _evidence_lines(data, r, TIP_SENTENCES)],
                    "more": max(0, len(r.evidence) - TIP_SENTENCES)},
        }
        if labels:
            edge["label"] = predicate_name(r.predicate)
        out_edges.append(edge)
    return {"nodes": out_nodes, "edges": out_edges, "physics": len(nodes) <= PHYSICS_LIMIT}


def _legend(data: SiteData, nodes: Sequence[str], relations: Sequence[Relation], councils: Sequence[str]) -> Markup:
    """Legend and filters: types, relations, tones, council, context, isolated entities."""
    types: dict[str, int] = {}
    for n in nodes:
        types[data.entities[n].type] = types.get(data.entities[n].type, 0) + 1
    type_boxes = "".join(
        f'<li><label><input type="checkbox" class="gk-type" value="{e(t)}" checked> {_glyph(t)} '
        f"{e(type_name(t))} ({types[t]})</label></li>"
        for t in sorted(types, key=lambda t: (type_name(t).lower(), t))
    )
    preds: dict[str, int] = {}
    for r in relations:
        preds[r.predicate] = preds.get(r.predicate, 0) + 1
    pred_boxes = "".join(
        f'<li><label><input type="checkbox" class="gk-pred" value="{e(p)}" checked> '
        f'{_line("#333333", PREDICATE_STYLES.get(p, ([3, 3], None))[0])} {e(predicate_name(p))} ({preds[p]})'
        f'{"" if PREDICATE_STYLES.get(p, (None, "x"))[1] else " (no direction)"}</label></li>'
        for p in sorted(preds, key=lambda p: predicate_name(p))
    )
    tones = "".join(f"<li>{_line(c, None)} {e(t)}</li>" for t, c in TONE_COLOURS.items()
                    if t != "context")
    context = sum(1 for r in relations if not r.stated)
    linked = {r.source for r in relations} | {r.target for r in relations}
    isolated = sum(1 for n in nodes if n not in linked)
    council_select = ""
    if len(councils) > 1:
        options = "".join(f'<option value="{e(c)}">{e(data.entities[c].name)}</option>' for c in councils)
        council_select = (
            '<p><label for="gk-council">Council</label> '
            f'<select id="gk-council"><option value="">all councils</option>{options}</select></p>'
        )
    return Markup(
        '<section class="gk-legend" aria-labelledby="gk-legend-h"><h2 id="gk-legend-h">Legend and filters</h2>'
        f"<p>Node size: {e(SIZE_MEASURE)}. Changing a filter re-fits the view.</p>"
        f'<fieldset><legend>Entity types (colour and shape)</legend><ul class="gk-boxes">{type_boxes}</ul></fieldset>'
        f'<fieldset><legend>Relations (line style; arrows point from subject to object)</legend><ul class="gk-boxes">{pred_boxes}</ul></fieldset>'
        f'<fieldset><legend>Tone of the evidence (line colour)</legend><ul class="gk-boxes">{tones}'
        f'<li><label><input type="checkbox" id="gk-context" checked> {_line(TONE_COLOURS["context"], None)} '
        f"context: from reference data, not stated by a report ({context})</label></li></ul></fieldset>"
        f"{council_select}"
        f'<p><label><input type="checkbox" id="gk-isolated"> show entities without relations ({isolated})</label></p>'
        "</section>"
    )


def _relations_table(data: SiteData, relations: Sequence[Relation], root: str) -> Markup:
    """Every relation of the page with its evidence: the text alternative of the drawing."""
    rows = []
    for r in relations:
        a, b = data.entities[r.source], data.entities[r.target]
        ev = r.evidence[0] if r.evidence else None
        if ev is None:
            sentence, where = "", ""
        elif ev.report:
            sentence, where = ev.sentence, _where(data, ev.report, ev.section)
        else:
            sentence, where = "", "context: " + (ev.source or "reference data")
        more = f" (and {len(r.evidence) - 1} more)" if len(r.evidence) > 1 else ""
        rows.append((
            link(f"{root}entities/{a.page}.html", a.name), predicate_name(r.predicate),
            link(f"{root}entities/{b.page}.html", b.name), r.tone if r.stated else "context",
            Markup(f"{e(sentence)}{e(more)}"), where,
        ))
    return table(f"All {len(relations)} relations drawn above, with their first evidence sentence",
                 ["From", "Relation", "To", "Tone", "Evidence", "Where"], rows, cls="gk-relations")


def _entity_list(data: SiteData, nodes: Sequence[str], root: str) -> Markup:
    """Every entity of the page, with a button that shows it in the drawing and its evidence."""
    rows = []
    for n in sorted(nodes, key=lambda n: (data.entities[n].name.lower(), n)):
        ent = data.entities[n]
        rows.append(
            f'<li><button type="button" class="gk-focus" data-node="{e(n)}">Show</button> '
            f'{link(f"{root}entities/{ent.page}.html", ent.name)} <span class="gk-muted">({e(type_name(ent.type))}, '
            f"{ent.degree} stated partners)</span></li>"
        )
    return Markup(
        '<section aria-labelledby="gk-list-h"><h2 id="gk-list-h">Entities in this view</h2>'
        "<p>Press a Show button (Tab, then Enter) to select that entity in the drawing and read its evidence "
        "in the panel beside it; the name opens its page.</p>"
        f'<ul class="gk-entity-list">{"".join(rows)}</ul></section>'
    )


def network_page(data: SiteData, title: str, intro: Markup, nodes: Sequence[str], relations: Sequence[Relation],
                 root: str, councils: Sequence[str] = (), current: str = "") -> str:
    """A network page: intro, legend and filters, the drawing with its details panel, entity list, relations table."""
    body = Markup(
        f"{intro}"
        '<div class="gk-net-wrap">'
        f'<div id="gk-network" role="img" aria-label="Network drawing of {len(nodes)} entities and {len(relations)} '
        'relations; the list and table below give the same content as text"></div>'
        '<div class="gk-side">'
        '<section id="gk-details" aria-live="polite" aria-labelledby="gk-details-h"><h2 id="gk-details-h">Details</h2>'
        "<p>Hover over or select an entity or relation to read its evidence here. Double-click an entity to open its page.</p></section>"
        f"{_legend(data, nodes, relations, councils)}"
        "</div></div>"
        f"{_entity_list(data, nodes, root)}"
        f'<section aria-labelledby="gk-rel-h"><h2 id="gk-rel-h">Relations</h2>{_relations_table(data, relations, root)}</section>'
        f"{json_script('gk-graph', _graph_json(data, nodes, relations, root))}"
    )
    return page(title, body, root=root, scripts=("vis-network.min.js", "network.js"), current=current)


def overview_page(data: SiteData) -> str:
    """``network.html``: the whole network, or above ``LARGE`` entities the councils and the bodies they share."""
    G = data.network
    councils = list(data.councils)
    if G.number_of_nodes() > LARGE:
        shown = overview(G, OVERVIEW_NODES)
        keep = set(shown.graph)
        nodes = [n for n in G if n in keep]
        relations = [r for r in data.relations if r.source in keep and r.target in keep]
        intro = Markup(
            f'<p class="gk-note">This network has {G.number_of_nodes():,} entities, too many to draw at once. Shown are '
            f"the {shown.councils:,} councils and the {shown.shared:,} bodies linked to two or more of them "
            f"(the most shared first, {OVERVIEW_NODES:,} entities at most), with the {len(relations):,} relations among them. "
            f"Left out: {shown.left_nodes:,} entities and {G.number_of_edges() - len(relations):,} relations; "
            "each council's own page shows all of its partners.</p>"
        )
    else:
        nodes = list(G)
        relations = list(data.relations)
        intro = Markup(f"<p>All {len(nodes):,} entities and {len(relations):,} relations found in "
                       f"{len(data.report_councils):,} reports. Each council's page shows its own part.</p>")
    links = ", ".join(link(f"councils/{data.entities[c].page}.html", data.entities[c].name) for c in councils)
    intro = Markup(f"{intro}<p>Council views: {links or 'none'}.</p>")
    return network_page(data, "Partnership network", intro, nodes, relations, root="", councils=councils,
                        current="network.html")


def council_page(data: SiteData, council: str) -> str:
    """``councils/<slug>.html``: the council, its partners and what its reports name, and their relations."""
    nodes, relations = council_subgraph(data, council)
    c = data.councils[council]
    ent = data.entities[council]
    scores = "; ".join(f"{statement or 'overall'}: {score} of 4" for statement, _, score in c.scores) or "none found"
    reports = ", ".join(c.reports)
    stated = sum(1 for r in relations if r.stated)
    intro = Markup(
        f"<p>{e(ent.name)}, its partners and everything its reports name ({len(nodes)} entities), and the "
        f"{len(relations)} relations among them ({stated} stated by reports, {len(relations) - stated} context). "
        f"{link('../entities/' + ent.page + '.html', 'All about ' + ent.name)}.</p>"
        f"<p>CQC scores: {e(scores)}. Reports: {e(reports)}.</p>"
    )
    return network_page(data, f"{ent.name}: partnership network", intro, nodes, relations, root="../")

