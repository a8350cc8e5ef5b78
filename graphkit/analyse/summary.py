"""All the measures at once: ``analyse(graph) -> Analysis``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import rdflib

from .centrality import MEASURES, betweenness_pivots, centrality_scores, top_nodes
from .communities import partner_communities
from .convert import to_networkx
from .counts import count_predicates, count_types
from .partners import council_partners
from .shared import shared_mentions, shared_partners
from .tone import tone_summary

__all__ = ["Analysis", "analyse", "analyse_networkx", "TOP"]

#: Length of the centrality top lists.
TOP = 15


@dataclass(frozen=True)
class Analysis:
    """The network measures of one graph; ``to_dict()`` is what ``analysis.json`` holds.

    ``shared_partners`` are linked directly to two or more councils; ``shared_mentions``
    are named in the reports of two or more councils. ``centrality`` holds every node's
    score per measure (the view sizes nodes by it); ``community_of`` maps node id ->
    community number.
    """

    seed: int
    summary: dict[str, int]
    types: dict[str, int]
    predicates: dict[str, int]
    top: dict[str, list[dict[str, Any]]]
    communities: list[dict[str, Any]]
    shared_partners: list[dict[str, Any]]
    shared_mentions: list[dict[str, Any]]
    council_partners: dict[str, dict[str, Any]]
    tone: dict[str, Any]
    centrality: dict[str, dict[str, float]] = field(repr=False)
    community_of: dict[str, int] = field(repr=False)
    betweenness: dict[str, Any] = field(default_factory=lambda: {"sampled": False})
    #: The network the figures were computed on (not written to analysis.json; views reuse it).
    network: nx.MultiDiGraph | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, sorted, the same for the same graph and seed.

        Keys: ``seed``; ``summary`` (entities, relations, facts, reports, councils,
        communities); ``counts`` (``types``, ``predicates``); ``centrality`` (``degree``,
        ``betweenness``, ``eigenvector``: top lists of ``{id, label, type, score}``);
        ``communities`` (``{id, size, councils, hub, members}``, largest first);
        ``shared_partners`` (``{id, label, type, councils, predicates}``: linked to 2+
        councils); ``betweenness``: how betweenness was computed, ``{"sampled": false}`` or, on
        large graphs, ``{"sampled": true, "k": pivots, "seed": seed, "nodes": n}`` (networkx's
        ``betweenness_centrality(k=..., seed=...)``: estimates); ``shared_mentions`` (``{id, label, type, councils}``: named in 2+
        councils' reports); ``council_partners`` (council id -> ``{id, label, type,
        partners: [{id, label, type, predicates}]}``); ``tone`` (partnersWith evidence:
        ``overall``, ``by_council``, ``negative`` edges).
        """
        return {
            "seed": self.seed,
            "summary": self.summary,
            "counts": {"types": self.types, "predicates": self.predicates},
            "centrality": self.top,
            "betweenness": self.betweenness,
            "communities": self.communities,
            "shared_partners": self.shared_partners,
            "shared_mentions": self.shared_mentions,
            "council_partners": self.council_partners,
            "tone": self.tone,
        }


def analyse(graph: rdflib.Graph, seed: int = 0) -> Analysis:
    """Centrality, communities, shared partners and tone of a graphkit graph.

    Parameters
    ----------
    graph : rdflib.Graph
        The merged graph (see ``docs/design.md``).
    seed : int
        Seed of every random step (Louvain, sampled betweenness).

    Returns
    -------
    Analysis

    Examples
    --------
    >>> from rdflib import Graph, Literal, Namespace, RDF
    >>> GK, GKD = Namespace("https://graphkit.example/ns#"), Namespace("https://graphkit.example/id/")
    >>> g = Graph()
    >>> for slug, kind in [("hartlepool", "LocalAuthority"), ("york", "LocalAuthority"),
    ...                    ("age-uk", "VoluntaryOrganisation")]:
    ...     _ = g.add((GKD[slug], RDF.type, GK[kind]))
    >>> _ = g.add((GKD.hartlepool, GK.partnersWith, GKD["age-uk"]))
    >>> _ = g.add((GKD.york, GK.partnersWith, GKD["age-uk"]))
    >>> a = analyse(g)
    >>> a.types
    {'LocalAuthority': 2, 'VoluntaryOrganisation': 1}
    >>> [(p["id"], p["councils"]) for p in a.shared_partners]
    [('age-uk', ['hartlepool', 'york'])]
    """
    return analyse_networkx(to_networkx(graph), seed=seed)


def analyse_networkx(G: nx.MultiDiGraph, seed: int = 0) -> Analysis:
    """``analyse`` on a graph already made by ``to_networkx``."""
    centrality = {m: centrality_scores(G, m, seed=seed) for m in MEASURES}
    pairs = len({(u, v) if u < v else (v, u) for u, v in G.edges() if u != v})  # simple_graph's edges
    pivots = betweenness_pivots(G.number_of_nodes(), pairs)
    sampling: dict[str, Any] = {"sampled": False}
    if pivots is not None:
        sampling = {"sampled": True, "k": pivots, "seed": seed, "nodes": G.number_of_nodes()}
    groups = partner_communities(G, seed=seed)
    community_of = {n: i for i, members in enumerate(groups) for n in members}
    facts = sum(int(d.get("evidence", 0)) for _, _, d in G.edges(data=True))
    reports = set(G.graph.get("report_councils", {}))
    for _, reps in G.nodes(data="reports"):
        reports.update(reps or ())
    return Analysis(
        seed=seed,
        summary={
            "entities": G.number_of_nodes(),
            "relations": G.number_of_edges(),
            "facts": facts,
            "reports": len(reports),
            "councils": sum(1 for _, t in G.nodes(data="type") if t == "LocalAuthority"),
            "communities": len(groups),
        },
        types=count_types(G),
        predicates=count_predicates(G),
        top={m: [_brief(G, n) | {"score": s} for n, s in top_nodes(centrality[m], TOP)] for m in MEASURES},
        communities=[
            {
                "id": i,
                "size": len(members),
                "councils": [n for n in members if G.nodes[n].get("type") == "LocalAuthority"],
                "hub": _brief(G, min(members, key=lambda n: (-centrality["degree"].get(n, 0), n))),
                "members": members,
            }
            for i, members in enumerate(groups)
        ],
        shared_partners=[
            _brief(G, p) | {"councils": list(d["councils"]), "predicates": list(d["predicates"])}
            for p, d in shared_partners(G).items()
        ],
        shared_mentions=[_brief(G, n) | {"councils": list(cs)} for n, cs in shared_mentions(G).items()],
        council_partners={
            c: _brief(G, c)
            | {"partners": [_brief(G, p) | {"predicates": list(ps)} for p, ps in partners.items()]}
            for c, partners in council_partners(G).items()
        },
        tone=tone_summary(G, "partnersWith"),
        centrality=centrality,
        community_of=community_of,
        betweenness=sampling,
        network=G,
    )


def _brief(G: nx.Graph, node: str) -> dict[str, Any]:
    """Id, label and type of a node."""
    data = G.nodes[node]
    return {"id": node, "label": data.get("label", node), "type": data.get("type", "Unknown")}

