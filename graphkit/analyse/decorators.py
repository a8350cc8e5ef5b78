"""Preconditions of the measures, as decorators (in the manner of networkx)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import networkx as nx

__all__ = ["needs_types", "simple_graph"]

F = TypeVar("F", bound=Callable[..., Any])


def needs_types(*types: str, empty: Callable[[], Any] = dict) -> Callable[[F], F]:
    """Return ``empty()`` when the graph (first argument) has no node of `types`.

    A measure about councils has nothing to say about a graph without councils; it answers
    with an empty result rather than an error, so ``analyse`` works on any graph.

    Examples
    --------
    >>> @needs_types("LocalAuthority", empty=list)
    ... def councils(G):
    ...     return sorted(n for n, t in G.nodes(data="type") if t == "LocalAuthority")
    >>> councils(nx.Graph([("a", "b")]))
    []
    >>> G = nx.Graph(); G.add_node("york", type="LocalAuthority")
    >>> councils(G)
    ['york']
    """
    wanted = frozenset(types)

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(G: nx.Graph, *args: Any, **kwargs: Any) -> Any:
            if not any(t in wanted for _, t in G.nodes(data="type")):
                return empty()
            return func(G, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def simple_graph(G: nx.Graph) -> nx.Graph:
    """An undirected simple graph of `G`; ``weight`` = evidence of the merged edges (>= 1).

    An edge without ``evidence`` counts its ``weight`` (so a simple graph maps to itself), else 1.

    >>> M = nx.MultiDiGraph(); _ = M.add_edge("a", "b", evidence=2); _ = M.add_edge("b", "a")
    >>> simple_graph(M).edges(data="weight")
    EdgeDataView([('a', 'b', 3)])
    """
    if G.graph.get("simple_graph") is True and type(G) is nx.Graph:
        return G  # made here already: sorted, weighted
    H = nx.Graph(simple_graph=True)
    H.add_nodes_from(sorted(G.nodes(data=True)))
    for u, v, data in sorted(G.edges(data=True), key=lambda e: (e[0], e[1])):
        if u == v:
            continue
        w = max(int(data["evidence"] if "evidence" in data else data.get("weight", 1) or 0), 1)
        if H.has_edge(u, v):
            H[u][v]["weight"] += w
        else:
            H.add_edge(u, v, weight=w)
    return H
