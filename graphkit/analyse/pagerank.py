"""PageRank of the partnership network (weighted by evidence), with numpy."""

from __future__ import annotations

import networkx as nx
import numpy as np

from .decorators import simple_graph

__all__ = ["pagerank_scores", "ALPHA"]

#: Damping factor, as networkx's default.
ALPHA = 0.85


def pagerank_scores(G: nx.Graph, alpha: float = ALPHA, max_iter: int = 1000, tol: float = 1e-10) -> dict:
    """PageRank of each node of the undirected simple graph of `G`, rounded to 6 places.

    The power iteration of networkx's reference ``_pagerank_python(H, alpha, weight="weight")``
    (``networkx.pagerank`` itself needs scipy), over numpy arrays: each edge is walked both
    ways in proportion to its evidence, a node without edges spreads its rank over all nodes.

    Parameters
    ----------
    G : networkx.Graph
        Any graph; multi-edges and directions are merged first (``simple_graph``).
    alpha : float
        Damping factor.
    max_iter, tol : int, float
        Stop when the summed change is below ``len(G) * tol``; all scores 0 if it never is.

    Returns
    -------
    dict
        Node -> score; the scores sum to 1.

    Examples
    --------
    >>> scores = pagerank_scores(nx.star_graph(3))
    >>> scores[0] > scores[1] == scores[2] == scores[3]
    True
    """
    H = simple_graph(G)
    nodes = list(H)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    ends = [(index[u], index[v], float(w)) for u, v, w in H.edges(data="weight", default=1)]
    src = np.array([a for a, b, _ in ends] + [b for a, b, _ in ends], dtype=np.int64)
    dst = np.array([b for a, b, _ in ends] + [a for a, b, _ in ends], dtype=np.int64)
    weight = np.array([w for _, _, w in ends] * 2, dtype=np.float64)
    out = np.bincount(src, weights=weight, minlength=n)
    share = weight / out[src] if len(src) else weight
    dangling = out == 0
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * np.bincount(dst, weights=last[src] * share, minlength=n)
        x += alpha * float(last[dangling].sum()) / n + (1.0 - alpha) / n
        if float(np.abs(x - last).sum()) < n * tol:
            return {node: round(float(s), 6) + 0.0 for node, s in zip(nodes, x.tolist())}
    return dict.fromkeys(nodes, 0.0)
