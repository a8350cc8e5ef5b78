"""How many entities of each type, and relations of each predicate."""

from __future__ import annotations

from collections import Counter

import networkx as nx

__all__ = ["count_types", "count_predicates"]


def count_types(G: nx.Graph) -> dict[str, int]:
    """Number of nodes of each ``type``, sorted by type.

    Parameters
    ----------
    G : networkx.Graph
        Nodes carry a ``type`` attribute.

    Returns
    -------
    dict
        Type -> count.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("york", {"type": "LocalAuthority"}), ("icb", {"type": "NHSBody"})])
    >>> count_types(G)
    {'LocalAuthority': 1, 'NHSBody': 1}
    """
    return dict(sorted(Counter(t or "Unknown" for _, t in G.nodes(data="type")).items()))


def count_predicates(G: nx.Graph) -> dict[str, int]:
    """Number of edges of each ``predicate``, sorted by predicate.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", predicate="funds"); _ = G.add_edge("a", "c", predicate="funds")
    >>> count_predicates(G)
    {'funds': 2}
    """
    return dict(sorted(Counter(p or "" for _, _, p in G.edges(data="predicate")).items()))
