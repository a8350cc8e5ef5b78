"""What a large network's page shows: the councils and the bodies they share."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graphkit.analyse.shared import council_links

__all__ = ["Overview", "overview", "OVERVIEW_NODES"]

#: At most this many nodes in an overview (councils first, then the most shared bodies).
OVERVIEW_NODES = 1000


@dataclass(frozen=True)
class Overview:
    """The part of a network a large page draws, and what it leaves out."""

    graph: nx.MultiDiGraph
    councils: int
    shared: int
    cut: int
    total_nodes: int
    total_edges: int
    hidden_partners: dict[str, int]

    @property
    def left_nodes(self) -> int:
        return self.total_nodes - self.graph.number_of_nodes()

    @property
    def left_edges(self) -> int:
        return self.total_edges - self.graph.number_of_edges()


def overview(G: nx.MultiDiGraph, limit: int = OVERVIEW_NODES) -> Overview:
    """The councils, the bodies linked to two or more of them, and the relations among these.

    Bodies are ranked by how many councils they are linked to (then degree, then id) and cut
    at `limit` nodes in all. Without councils, the `limit` best-connected nodes are kept.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph made by ``graphkit.analyse.to_networkx``.
    limit : int
        Most nodes kept.

    Returns
    -------
    Overview
        The induced subgraph (nodes and edges in `G`'s order) and counts of what was left out;
        ``hidden_partners`` gives each council's number of linked nodes not shown.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "x"), ("b", "x"), ("a", "y")])
    >>> nx.set_node_attributes(G, {"a": "LocalAuthority", "b": "LocalAuthority"}, "type")
    >>> o = overview(G)
    >>> sorted(o.graph), o.left_nodes, o.hidden_partners
    (['a', 'b', 'x'], 1, {'a': 1, 'b': 0})
    """
    links = council_links(G)
    councils = sorted(links)[:limit]
    linked: dict[str, int] = {}
    for partners in links.values():
        for p in partners:
            linked[p] = linked.get(p, 0) + 1
    if councils:
        candidates = [n for n, c in linked.items() if c >= 2 and n not in links]
    else:
        candidates = list(G)
    candidates.sort(key=lambda n: (-linked.get(n, 0), -G.degree(n), str(n)))
    keep = set(councils) | set(candidates[: max(0, limit - len(councils))])
    H = nx.MultiDiGraph()  # in G's (sorted) order, not the set's
    H.graph.update(G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in keep and v in keep)
    hidden = {c: sum(1 for p in links[c] if p not in keep) for c in councils}
    return Overview(
        graph=H,
        councils=len(councils),
        shared=H.number_of_nodes() - len(councils),
        cut=max(0, len(candidates) - (H.number_of_nodes() - len(councils))) if councils else 0,
        total_nodes=G.number_of_nodes(),
        total_edges=G.number_of_edges(),
        hidden_partners=hidden,
    )
