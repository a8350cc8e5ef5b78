"""Interactive HTML views of the partnership network (pyvis, fully offline)."""

from __future__ import annotations

from .page import render_html, render_view

__all__ = ["render_html", "render_view"]
