"""Node positions computed in Python, for pages too large to lay out in the browser."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

__all__ = ["layout_positions", "LAYOUT_ITERATIONS"]

#: Force-directed steps; the layout is O(n^2) a step (dense numpy), fine for a few thousand nodes.
LAYOUT_ITERATIONS = 80


def layout_positions(G: nx.Graph, seed: int = 7, iterations: int = LAYOUT_ITERATIONS,
                     spacing: float = 45.0) -> dict[str, tuple[int, int]]:
    """Fruchterman-Reingold positions with a weak pull to the centre, in whole pixels.

    Nodes are taken in sorted order and start from a seeded random draw, so the same graph
    and seed give the same positions. Edge direction and multiplicity are ignored.

    Parameters
    ----------
    G : networkx.Graph
        Any graph with sortable node ids.
    seed : int
        Seed of the starting positions.
    iterations : int
        Layout steps.
    spacing : float
        About how many pixels apart neighbours end up; the drawing spans about
        ``spacing * sqrt(n)`` pixels each way.

    Returns
    -------
    dict
        Node -> ``(x, y)`` in pixels, centred on 0.

    Examples
    --------
    >>> pos = layout_positions(nx.path_graph(["a", "b", "c"]))
    >>> sorted(pos) == ["a", "b", "c"] and pos == layout_positions(nx.path_graph(["c", "b", "a"]))
    True
    """
    nodes = sorted(G, key=str)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0, 0)}
    index = {v: i for i, v in enumerate(nodes)}
    A = np.zeros((n, n), dtype=np.float32)
    for u, v in G.edges():
        if u != v:
            A[index[u], index[v]] = A[index[v], index[u]] = 1.0
    pos = np.random.default_rng(seed).random((n, 2), dtype=np.float32)
    k = np.float32(math.sqrt(1.0 / n))
    gravity = np.float32(0.05)
    t = np.float32(0.1)
    dt = t / (iterations + 1)
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        distance = np.hypot(dx, dy)
        np.maximum(distance, 0.01, out=distance)
        force = k * k / (distance * distance) - A * (distance / k)
        fx = (dx * force).sum(axis=1) - gravity * n * k * (x - x.mean())
        fy = (dy * force).sum(axis=1) - gravity * n * k * (y - y.mean())
        length = np.maximum(np.hypot(fx, fy), 0.01)
        x += fx * (t / length)
        y += fy * (t / length)
        t -= dt
    pos = np.stack([x, y], axis=1)
    pos -= pos.mean(axis=0)
    extent = float(np.abs(pos).max()) or 1.0
    pos *= spacing * math.sqrt(n) / (2 * extent)
    return {v: (int(round(float(x))), int(round(float(y)))) for v, (x, y) in zip(nodes, pos)}
