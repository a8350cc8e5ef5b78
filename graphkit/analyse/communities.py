"""Groups of entities that work closely together (Louvain, seeded)."""

from __future__ import annotations

import networkx as nx

from .decorators import simple_graph

__all__ = ["partner_communities"]


def partner_communities(G: nx.Graph, seed: int = 0) -> list[list[str]]:
    """Louvain communities of the undirected simple graph, weighted by evidence.

    Parameters
    ----------
    G : networkx.Graph
        Any graph; isolated nodes are left out.
    seed : int
        Louvain's random seed: the same graph and seed give the same communities.

    Returns
    -------
    list of list of str
        Each community's sorted members; largest community first, ties by first member.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> partner_communities(G)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    H = simple_graph(G)
    H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0])
    if H.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(H, weight="weight", seed=seed)
    groups = [sorted(map(str, c)) for c in found]
    return sorted(groups, key=lambda c: (-len(c), c[0]))
