"""Tooltips as HTML fragments in which every piece of report text is escaped."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

__all__ = ["node_tooltip", "edge_tooltip", "MAX_SENTENCES", "MAX_REPORTS"]

#: Evidence sentences shown per edge, reports listed per node.
MAX_SENTENCES = 6
MAX_REPORTS = 12


def _e(value: object) -> str:
    """Escape for HTML text and attribute values."""
    return escape(str(value), quote=True)


def _listing(items: list[str], limit: int) -> str:
    """Escaped, comma-separated, with "and N more" past `limit`."""
    shown = ", ".join(_e(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def node_tooltip(node: str, data: Mapping[str, Any], extra: Mapping[str, str] | None = None) -> str:
    """HTML for a node's tooltip: label, type, id, identifiers, reports.

    Parameters
    ----------
    node : str
        The node id.
    data : mapping
        Node attributes made by ``graphkit.analyse.to_networkx``.
    extra : mapping, optional
        More ``name -> value`` rows (e.g. centrality), escaped too.

    Returns
    -------
    str
        An HTML fragment; all text from the graph is escaped.

    Examples
    --------
    >>> node_tooltip("x", {"label": "<b>X</b>", "type": "Fund"})
    '<div class="gk-tip-title">&lt;b&gt;X&lt;/b&gt;</div><div>Fund</div><div class="gk-tip-id">x</div>'
    """
    parts = [
        f'<div class="gk-tip-title">{_e(data.get("label", node))}</div>',
        f'<div>{_e(data.get("type", "Unknown"))}</div>',
        f'<div class="gk-tip-id">{_e(node)}</div>',
    ]
    alt = [a for a in data.get("alt_labels", ()) if a != data.get("label")]
    if alt:
        parts.append(f"<div><i>also:</i> {_listing(alt, MAX_REPORTS)}</div>")
    for name, value in data.get("identifiers", ()):
        parts.append(f"<div><i>{_e(name)}:</i> {_e(value)}</div>")
    for iri in data.get("same_as", ()):
        parts.append(f"<div><i>sameAs:</i> {_e(iri)}</div>")
    reports = list(data.get("reports", ()))
    if reports:
        parts.append(f"<div><i>reports:</i> {_listing(reports, MAX_REPORTS)}</div>")
    for name, value in (extra or {}).items():
        parts.append(f"<div><i>{_e(name)}:</i> {_e(value)}</div>")
    return "".join(parts)


def edge_tooltip(source_label: str, target_label: str, data: Mapping[str, Any]) -> str:
    """HTML for an edge's tooltip: the relation, its tone and evidence sentences.

    Examples
    --------
    >>> edge_tooltip("A", "B", {"predicate": "funds", "sentences": (("r1", "A funds <B>.", "neutral"),)})
    '<div class="gk-tip-title">A \u2192 funds \u2192 B</div><div><i>tone:</i> neutral</div><div class="gk-tip-ev">\u201cA funds &lt;B&gt;.\u201d <span class="gk-tip-id">r1</span></div>'
    """
    predicate = data.get("predicate", "related")
    arrow = "\u2194" if data.get("directed") is False else "\u2192"
    parts = [
        f'<div class="gk-tip-title">{_e(source_label)} {arrow} {_e(predicate)} {arrow} {_e(target_label)}</div>',
        f'<div><i>tone:</i> {_e(data.get("tone", "neutral"))}</div>',
    ]
    sentences = list(data.get("sentences", ()))
    for report, sentence, tone in sentences[:MAX_SENTENCES]:
        mark = f" ({_e(tone)})" if tone not in ("", "neutral") else ""
        parts.append(
            f'<div class="gk-tip-ev">\u201c{_e(sentence)}\u201d{mark} <span class="gk-tip-id">{_e(report)}</span></div>'
        )
    if len(sentences) > MAX_SENTENCES:
        parts.append(f"<div>and {len(sentences) - MAX_SENTENCES} more sentences</div>")
    return "".join(parts)
