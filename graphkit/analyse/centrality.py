"""Who sits at the centre: degree, betweenness and eigenvector centrality, top lists."""

from __future__ import annotations

import networkx as nx
import numpy as np

from .decorators import simple_graph

__all__ = [
    "centrality_scores",
    "top_nodes",
    "betweenness_pivots",
    "MEASURES",
    "EXACT_BETWEENNESS_LIMIT",
    "PIVOT_BUDGET",
    "MIN_PIVOTS",
]

#: Betweenness is exact up to this many nodes, then sampled from at most this many pivots (seeded).
EXACT_BETWEENNESS_LIMIT = 2_000
#: Sampled betweenness walks the graph once per pivot: pivots x (nodes + edges) stays under this...
PIVOT_BUDGET = 3_000_000
#: ...but never fewer pivots than this.
MIN_PIVOTS = 50

MEASURES = ("degree", "betweenness", "eigenvector")


def centrality_scores(G: nx.Graph, measure: str, seed: int = 0) -> dict[str, float]:
    """Centrality of each node of the undirected simple graph of `G`, rounded to 6 places.

    Parameters
    ----------
    G : networkx.Graph
        Any graph; multi-edges and directions are merged first.
    measure : {"degree", "betweenness", "eigenvector"}
        ``eigenvector`` is networkx's power iteration (on A + I, weighted by evidence),
        done with numpy; when it does not converge every score is 0.
    seed : int
        Seed of the pivot sample of betweenness on large graphs.

    Returns
    -------
    dict
        Node -> score.

    Raises
    ------
    ValueError
        When `measure` is unknown.

    Examples
    --------
    >>> G = nx.star_graph(3)
    >>> centrality_scores(G, "degree")
    {0: 1.0, 1: 0.333333, 2: 0.333333, 3: 0.333333}
    >>> centrality_scores(G, "betweenness")[0]
    1.0
    """
    H = simple_graph(G)
    if measure == "degree":
        scores = nx.degree_centrality(H) if len(H) > 1 else dict.fromkeys(H, 0.0)
    elif measure == "betweenness":
        k = betweenness_pivots(H.number_of_nodes(), H.number_of_edges())
        scores = nx.betweenness_centrality(H, k=k, seed=seed)
    elif measure == "eigenvector":
        try:
            scores = _eigenvector(H, max_iter=1000, tol=1e-9)
        except (nx.PowerIterationFailedConvergence, nx.NetworkXPointlessConcept):
            scores = dict.fromkeys(H, 0.0)
    else:
        raise ValueError(f"unknown centrality {measure!r}; choose from: {', '.join(MEASURES)}")
    return {n: round(float(s), 6) + 0.0 for n, s in scores.items()}


def _eigenvector(H: nx.Graph, max_iter: int, tol: float) -> dict:
    """``nx.eigenvector_centrality(H, weight="weight")``'s iteration over numpy arrays."""
    nodes = list(H)
    n = len(nodes)
    if n == 0:
        raise nx.NetworkXPointlessConcept("cannot compute centrality for the null graph")
    index = {v: i for i, v in enumerate(nodes)}
    ends = [(index[u], index[v], float(w)) for u, v, w in H.edges(data="weight", default=1)]
    src = np.array([a for a, b, _ in ends] + [b for a, b, _ in ends], dtype=np.int64)
    dst = np.array([b for a, b, _ in ends] + [a for a, b, _ in ends], dtype=np.int64)
    weight = np.array([w for _, _, w in ends] * 2, dtype=np.float64)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + np.bincount(dst, weights=last[src] * weight, minlength=n)
        x = x / (float(np.sqrt((x * x).sum())) or 1.0)
        if float(np.abs(x - last).sum()) < n * tol:
            return dict(zip(nodes, x.tolist()))
    raise nx.PowerIterationFailedConvergence(max_iter)


def betweenness_pivots(n_nodes: int, n_edges: int) -> int | None:
    """How many pivots ``centrality_scores`` samples betweenness from; None when it is exact.

    Exact up to ``EXACT_BETWEENNESS_LIMIT`` nodes. Above, each pivot costs one traversal of
    the graph, so the number of pivots shrinks as the graph grows: ``PIVOT_BUDGET // (nodes +
    edges)``, between ``MIN_PIVOTS`` and ``EXACT_BETWEENNESS_LIMIT``. Sampled scores are
    estimates (the top of the list is reliable, the tail less so); the seed makes them repeatable.

    Examples
    --------
    >>> betweenness_pivots(2_000, 6_000) is None, betweenness_pivots(3_000, 6_000), betweenness_pivots(13_000, 40_000)
    (True, 333, 56)
    """
    if n_nodes <= EXACT_BETWEENNESS_LIMIT:
        return None
    return max(MIN_PIVOTS, min(EXACT_BETWEENNESS_LIMIT, PIVOT_BUDGET // max(1, n_nodes + n_edges)))


def top_nodes(scores: dict[str, float], n: int = 10) -> list[tuple[str, float]]:
    """The `n` best nodes by score, ties by node id; zero scores left out.

    Examples
    --------
    >>> top_nodes({"b": 0.5, "a": 0.5, "c": 0.9, "d": 0.0}, n=3)
    [('c', 0.9), ('a', 0.5), ('b', 0.5)]
    """
    ranked = sorted(((k, v) for k, v in scores.items() if v > 0), key=lambda kv: (-kv[1], str(kv[0])))
    return ranked[:n]
