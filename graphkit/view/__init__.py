"""Interactive HTML views of the partnership network (pyvis, fully offline).

``render_html(graph, analysis=None) -> str`` and ``render_view(graph, path, analysis=None)``
(atomic write). The page inlines vis-network (no CDN, no request outside the file), draws
each entity type with its own colour and shape and each predicate with its own colour
(``partnersWith`` without arrow; dashed when the evidence is negative or mixed), sizes
nodes by degree centrality, and shows escaped tooltips (node: label, type, id,
identifiers, reports; edge: the evidence sentences and their reports). A panel above the
network has a legend that filters by entity type and predicate, a council filter, a toggle
for entities without relations and a search box. The layout is seeded, so the same graph
gives the same bytes; ``<body data-gk-ready="true">`` marks a settled layout (for
screenshots: ``tools/screenshot.py``) and ``data-gk-drawn="true"`` the first draw after it
(``window.gkTimes`` holds both times, for ``graphkit.benchmark.browser.time_page``).

Above ``PHYSICS_LIMIT`` (200) entities the browser's layout takes seconds, so nodes are placed
at positions computed in Python and physics is off. Above ``LARGE`` (1,500) the page draws an
overview instead: the councils and the bodies linked to two or more of them (at most
1,000 nodes, the most shared first), at positions computed in Python (``layout_positions``:
seeded, whole pixels) with physics off, and a note says what is shown and what was left out.
"""

from __future__ import annotations

from .page import render_html, render_network, render_view

__all__ = ["render_html", "render_network", "render_view"]
