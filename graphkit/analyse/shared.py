"""Partners that two or more councils work with."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .decorators import needs_types

__all__ = ["council_links", "shared_partners", "shared_mentions"]

COUNCIL = "LocalAuthority"


def council_links(G: nx.Graph) -> dict[str, dict[str, set[str]]]:
    """For each council, its directly linked nodes and the predicates linking them.

    Edges count in either direction; an edge without ``predicate`` counts as ``related``.
    An edge that only reference data states (no report) is not a partnership and is left out.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("york", type="LocalAuthority")
    >>> _ = G.add_edge("york", "bcf", predicate="funds")
    >>> council_links(G)
    {'york': {'bcf': {'funds'}}}
    """
    councils = {n for n, t in G.nodes(data="type") if t == COUNCIL}
    links: dict[str, dict[str, set[str]]] = {c: defaultdict(set) for c in sorted(councils)}
    for u, v, d in G.edges(data=True):
        if d.get("sentences") and not d.get("reports"):
            continue  # reference data only: no report says so
        p = d.get("predicate")
        for council, other in ((u, v), (v, u)):
            if council in councils and other != council:
                links[council][other].add(p or "related")
    return {c: dict(sorted(d.items())) for c, d in links.items()}


@needs_types(COUNCIL)
def shared_partners(G: nx.Graph, min_councils: int = 2) -> dict[str, dict[str, tuple[str, ...]]]:
    """Nodes linked to `min_councils` or more councils, with those councils.

    Parameters
    ----------
    G : networkx.Graph
        Nodes carry ``type``; councils are ``LocalAuthority``. Without councils the
        answer is empty.
    min_councils : int
        How many councils a partner must be linked to.

    Returns
    -------
    dict
        Partner id -> ``{"councils": (...), "predicates": (...)}``, sorted.

    Examples
    --------
    >>> G = nx.Graph([("hartlepool", "age-uk"), ("middlesbrough", "age-uk"), ("hartlepool", "icb")])
    >>> nx.set_node_attributes(G, {"hartlepool": "LocalAuthority", "middlesbrough": "LocalAuthority"}, "type")
    >>> shared_partners(G)
    {'age-uk': {'councils': ('hartlepool', 'middlesbrough'), 'predicates': ('related',)}}
    >>> shared_partners(nx.Graph([("a", "b")]))
    {}
    """
    by_partner: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for council, partners in council_links(G).items():
        for partner, predicates in partners.items():
            by_partner[partner][council] |= predicates
    return {
        partner: {
            "councils": tuple(sorted(councils)),
            "predicates": tuple(sorted(set().union(*councils.values()))),
        }
        for partner, councils in sorted(by_partner.items())
        if len(councils) >= min_councils
    }


def shared_mentions(G: nx.Graph, min_councils: int = 2) -> dict[str, tuple[str, ...]]:
    """Nodes that the reports of `min_councils` or more councils mention.

    Unlike ``shared_partners`` this needs no direct link to the council: a body named in
    two councils' reports (``councils`` node attribute) counts.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("age-uk", councils=("hartlepool", "york"))
    >>> G.add_node("icb", councils=("york",))
    >>> shared_mentions(G)
    {'age-uk': ('hartlepool', 'york')}
    """
    return {
        n: tuple(sorted(cs))
        for n, cs in sorted(G.nodes(data="councils"))
        if cs and len(set(cs) - {n}) >= min_councils
    }
