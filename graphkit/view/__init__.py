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
screenshots: ``tools/screenshot.py``).
"""

from __future__ import annotations

from .page import render_html, render_view

__all__ = ["render_html", "render_view"]
