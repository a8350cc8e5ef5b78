"""Brokers between councils: bodies on the shortest paths from one council to another."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .decorators import simple_graph

__all__ = ["broker_scores"]


def broker_scores(G: nx.Graph, councils: Iterable[str]) -> dict[str, float]:
    """How much each node lies between pairs of `councils`, from 0 to 1, rounded to 6 places.

    For every unordered pair of councils, each node gets the share of the pair's shortest paths
    that pass through it (networkx's ``betweenness_centrality_subset`` with the councils as
    sources and targets); the sum is divided by the number of pairs. A body that every council
    reaches the others through scores 1; one no path between two councils passes scores 0.
    Always exact: it walks the graph once per council, not once per node.

    Parameters
    ----------
    G : networkx.Graph
        Any graph; multi-edges and directions are merged first (unweighted paths).
    councils : iterable of str
        Nodes of `G`; others are ignored.

    Returns
    -------
    dict
        Node -> score; empty with fewer than two councils.

    Examples
    --------
    >>> G = nx.Graph([("york", "icb"), ("leeds", "icb"), ("leeds", "charity")])
    >>> broker_scores(G, ["york", "leeds"])
    {'charity': 0.0, 'icb': 1.0, 'leeds': 0.0, 'york': 0.0}
    """
    H = simple_graph(G)
    found = sorted({c for c in councils if c in H})
    if len(found) < 2:
        return {}
    raw = nx.betweenness_centrality_subset(H, sources=found, targets=found, normalized=False)
    pairs = len(found) * (len(found) - 1) / 2
    return {n: round(float(raw[n]) / pairs, 6) + 0.0 for n in sorted(raw)}
