"""How reports speak of partnerships: tone counts of the evidence."""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

__all__ = ["TONES", "tone_summary"]

TONES = ("positive", "negative", "mixed", "neutral")


def tone_summary(G: nx.Graph, predicate: str | None = "partnersWith") -> dict[str, object]:
    """Count the tones of the facts behind `predicate` edges, overall and per council.

    Parameters
    ----------
    G : networkx.Graph
        Edges carry ``predicate`` and ``sentences`` (``(report, sentence, tone)`` triples);
        ``G.graph["report_councils"]`` maps a report id to the ids of its councils.
    predicate : str or None
        The relation to summarise; None for every relation (each ``negative`` entry then
        names its ``predicate``).

    Returns
    -------
    dict
        ``{"overall": {tone: n}, "by_council": {council: {tone: n}}, "negative": [...]}``
        where ``negative`` lists the edges with negative or mixed evidence, with the
        sentences that say so.

    Examples
    --------
    >>> G = nx.MultiDiGraph(report_councils={"r1": ("york",)})
    >>> _ = G.add_edge("age-uk", "york", predicate="partnersWith", tone="negative",
    ...                sentences=(("r1", "Relations were strained.", "negative"),))
    >>> tone_summary(G)["overall"]
    {'positive': 0, 'negative': 1, 'mixed': 0, 'neutral': 0}
    >>> tone_summary(G)["negative"][0]["evidence"]
    [{'report': 'r1', 'sentence': 'Relations were strained.', 'tone': 'negative'}]
    """
    councils_of = G.graph.get("report_councils", {})
    overall: Counter[str] = Counter()
    by_council: dict[str, Counter[str]] = defaultdict(Counter)
    negative = []
    for u, v, data in G.edges(data=True):
        if predicate is not None and data.get("predicate") != predicate:
            continue
        for report, _, tone in data.get("sentences", ()):
            overall[tone] += 1
            for council in councils_of.get(report, ()):
                by_council[council][tone] += 1
        if data.get("tone") in ("negative", "mixed"):
            evidence = [
                {"report": r, "sentence": text, "tone": t}
                for r, text, t in data.get("sentences", ())
                if t in ("negative", "mixed")
            ]
            entry = {"source": u, "target": v, "tone": data["tone"], "evidence": evidence}
            if predicate is None:
                entry = {"source": u, "target": v, "predicate": data.get("predicate", ""), **entry}
            negative.append(entry)
    return {
        "overall": _ordered(overall),
        "by_council": {c: _ordered(by_council[c]) for c in sorted(by_council)},
        "negative": sorted(negative, key=lambda e: (e["source"], e["target"], e.get("predicate", ""))),
    }


def _ordered(counts: Counter[str]) -> dict[str, int]:
    """Known tones first in TONES order, then any other tone alphabetically."""
    extra = sorted(set(counts) - set(TONES))
    return {t: counts.get(t, 0) for t in (*TONES, *extra)}
