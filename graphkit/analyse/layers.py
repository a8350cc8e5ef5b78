"""Two layers, kept apart: what reports state, and context (reference data, national bodies).

Every measure of the analysis runs on ``stated_network(G)``: the relations that a report's
sentence states, between the entities that reports name. Reference-data facts (a council's ICB
from the ONS lookups) are context: ``context_edges(G)`` lists them, and no measure sees them.

A national body, fund or programme (the Better Care Fund, NHS England, the CQC: the list in
``graphkit/data/bodies.tsv``, scope national) is one node for every report that names it, so in the
merged graph it links every council that mentions it and tops betweenness as a fake broker. In
the stated network it is split into one *local instance* per council, ``{id}@{council}``
(``better-care-fund@hartlepool-borough-council``: Hartlepool's Better Care Fund arrangements),
which keeps each council's stated relations with it and links no two councils.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from .convert import REFERENCE, combine_tones
from .terms import SYMMETRIC

__all__ = ["STATED", "CONTEXT", "edge_layer", "stated_network", "context_edges", "instance_id", "INSTANCE"]

STATED = "stated"
CONTEXT = "context"

#: Joins a national body's id and its council's id in a local instance's id.
INSTANCE = "@"


def instance_id(entity: str, council: str) -> str:
    """The id of a national body's local instance for one council.

    >>> instance_id("better-care-fund", "york-council")
    'better-care-fund@york-council'
    """
    return f"{entity}{INSTANCE}{council}"


def edge_layer(data: dict) -> str:
    """``CONTEXT`` for an edge only reference data states, else ``STATED``.

    An edge with report evidence is stated, whatever else supports it; a direct triple with no
    ``gk:Fact`` at all (hand-made graphs) counts as stated, since nothing says otherwise.

    >>> edge_layer({"sentences": (("reference data: ONS", "", "neutral"),), "reports": ()})
    'context'
    >>> edge_layer({"sentences": (("r1", "A works with B.", "positive"),), "reports": ("r1",)})
    'stated'
    """
    return CONTEXT if data.get("sentences") and not data.get("reports") else STATED


def _is_report_source(source: str) -> bool:
    return not source.startswith(REFERENCE)


def stated_network(G: nx.MultiDiGraph, national: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The stated layer of `G`, with national bodies split into per-council instances.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph made by ``to_networkx``.
    national : iterable of str
        Ids of national bodies (``graphkit.analyse.terms.national_ids()``).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes: the entities that reports name (``reports`` not empty) or that a stated edge
        touches, with their attributes plus ``entity`` (the entity id) and ``national``; a
        national entity is replaced by one node per council whose reports name it,
        ``instance_id(entity, council)``, with ``council`` set and the label
        ``"Label (Council label)"``. Edges: those with report evidence, keeping only that
        evidence (``sentences``, ``evidence``, ``tone``, ``reports`` recomputed); an edge at a
        national body goes to the instance of the council of each report that states it.
        Sorted, so the result is deterministic.

    Examples
    --------
    >>> G = nx.MultiDiGraph(report_councils={"r1": ("york",), "r2": ("leeds",)})
    >>> G.add_node("york", type="LocalAuthority", label="York", reports=("r1",), councils=("york",))
    >>> G.add_node("leeds", type="LocalAuthority", label="Leeds", reports=("r2",), councils=("leeds",))
    >>> G.add_node("bcf", type="Fund", label="BCF", reports=("r1", "r2"), councils=("leeds", "york"))
    >>> for c, r in (("york", "r1"), ("leeds", "r2")):
    ...     _ = G.add_edge(c, "bcf", key="funds", predicate="funds", directed=True,
    ...                    sentences=((r, f"{c} funds the BCF.", "neutral"),), reports=(r,))
    >>> sorted(stated_network(G, national={"bcf"}).edges())
    [('leeds', 'bcf@leeds'), ('york', 'bcf@york')]
    """
    national = frozenset(national)
    report_councils = G.graph.get("report_councils", {})
    H = nx.MultiDiGraph(report_councils=dict(report_councils))

    def ends(node: str, report: str | None) -> list[str]:
        if node not in national or report is None:
            return [node]
        councils = report_councils.get(report, ())
        return [instance_id(node, c) for c in councils] or [node]

    nodes: dict[str, dict] = {}

    def add(node: str) -> None:
        if node in nodes:
            return
        entity, _, council = node.partition(INSTANCE)
        data = dict(G.nodes[entity]) if entity in G else {"label": entity, "type": "Unknown"}
        data.pop("iri", None)
        data["entity"] = entity
        data["national"] = entity in national
        if council:
            data["council"] = council
            label = G.nodes[council].get("label", council) if council in G else council
            data["label"] = f"{data.get('label', entity)} ({label})"
            data["reports"] = tuple(r for r in data.get("reports", ()) if council in report_councils.get(r, ()))
            data["councils"] = (council,)
        nodes[node] = data

    for node, data in G.nodes(data=True):
        if not data.get("reports"):
            continue
        if node in national:
            for council in data.get("councils", ()) or ():
                add(instance_id(node, council))
            if not data.get("councils"):
                add(node)
        else:
            add(node)

    edges: dict[tuple[str, str, str], dict] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        if edge_layer(data) == CONTEXT:
            continue
        evidence = [e for e in data.get("sentences", ()) if _is_report_source(e[0])]
        groups: dict[tuple[str, str], list] = defaultdict(list)
        if not evidence:  # a direct triple without a fact
            for a in ends(u, None):
                for b in ends(v, None):
                    groups[(a, b)]
        for item in evidence:
            for a in ends(u, item[0]):
                for b in ends(v, item[0]):
                    groups[(a, b)].append(item)
        for (a, b), items in groups.items():
            if key in SYMMETRIC and b < a:
                a, b = b, a
            edge = edges.setdefault((a, b, key), {**data, "sentences": set()})
            edge["sentences"].update(items)
    for node in sorted({n for a, b, _ in edges for n in (a, b)}):
        add(node)
    for node in sorted(nodes):
        H.add_node(node, **nodes[node])
    for (a, b, key), data in sorted(edges.items()):
        sentences = tuple(sorted(data.pop("sentences")))
        data.update(
            sentences=sentences,
            evidence=len(sentences),
            tone=combine_tones(t for _, _, t in sentences),
            reports=tuple(sorted({r for r, _, _ in sentences})),
        )
        H.add_edge(a, b, key=key, **data)
    return H


def context_edges(G: nx.MultiDiGraph) -> list[dict]:
    """The relations only reference data states, with their dataset.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("york", "icb", key="partOf", predicate="partOf",
    ...                sentences=(("reference data: ONS lookup", "", "neutral"),), reports=())
    >>> context_edges(G)
    [{'source': 'york', 'target': 'icb', 'predicate': 'partOf', 'datasets': ['ONS lookup']}]
    """
    out = []
    for u, v, key, data in G.edges(keys=True, data=True):
        if edge_layer(data) != CONTEXT:
            continue
        datasets = sorted({s.partition(": ")[2] or s for s, _, _ in data.get("sentences", ())})
        out.append({"source": u, "target": v, "predicate": data.get("predicate", key), "datasets": datasets})
    return sorted(out, key=lambda e: (e["source"], e["target"], e["predicate"]))
