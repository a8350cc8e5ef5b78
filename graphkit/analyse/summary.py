"""All the measures at once: ``analyse(graph) -> Analysis``.

Every figure is computed on the stated layer (``layers.stated_network``: relations that
reports state, national bodies split per council); reference data is reported beside it as
context. ``docs/analysis.md`` says what each figure means; ``docs/analysis.schema.json`` is
the schema of ``Analysis.to_dict()`` (``analysis.json``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .brokers import broker_scores
from .centrality import MEASURES, betweenness_pivots, centrality_scores, top_nodes
from .communities import partner_communities
from .convert import to_networkx
from .counts import count_predicates, count_types
from .coverage import STATEMENTS, assessments, fact_key, one_tone
from .decorators import simple_graph
from .layers import CONTEXT, STATED, context_edges, stated_network
from .pagerank import pagerank_scores
from .partners import council_partners
from .records import Records, read_records
from .shared import COUNCIL, shared_mentions, shared_partners
from .terms import national_ids
from .tone import TONES, tone_summary

__all__ = ["Analysis", "analyse", "analyse_networkx", "TOP", "VERSION", "LAYERS"]

#: Version of the ``analysis.json`` format (``docs/analysis.schema.json``); 1 was unversioned.
VERSION = 2

#: Length of the centrality and broker top lists.
TOP = 15

#: What the two layers are, written into analysis.json.
LAYERS = {
    STATED: "relations a sentence of a report states, between the entities reports name; national "
            "bodies counted once per council (id@council). Every figure is computed on this layer.",
    CONTEXT: "relations taken from reference data (such as a council's ICB from the ONS lookups), never "
             "stated by a report; listed under 'context', never part of a figure.",
}


@dataclass(frozen=True)
class Analysis:
    """The network measures of one graph; ``to_dict()`` is what ``analysis.json`` holds.

    ``centrality`` holds every stated-layer node's score per measure (``degree``,
    ``betweenness``, ``eigenvector``, ``pagerank``; national bodies as ``id@council``
    instances); ``community_of`` maps node id -> community number. ``network`` is the whole
    graph (both layers, as ``to_networkx`` makes it), ``stated`` the stated layer the figures
    were computed on, ``records`` the facts, reports and sections (for the tables); none of the
    three is written to analysis.json.
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
    brokers: list[dict[str, Any]] = field(default_factory=list)
    councils: dict[str, dict[str, Any]] = field(default_factory=dict)
    national: list[dict[str, Any]] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)
    broker: dict[str, float] = field(default_factory=dict, repr=False)
    #: The whole network (both layers; views draw it).
    network: nx.MultiDiGraph | None = field(default=None, repr=False, compare=False)
    #: The stated layer every figure was computed on.
    stated: nx.MultiDiGraph | None = field(default=None, repr=False, compare=False)
    #: The facts, reports and sections of the graph (the tables are made from them).
    records: Records | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, sorted, the same for the same graph and seed.

        See ``docs/analysis.md`` for each key and ``docs/analysis.schema.json`` for the schema.
        """
        return {
            "version": VERSION,
            "seed": self.seed,
            "layers": dict(LAYERS),
            "summary": self.summary,
            "counts": {"types": self.types, "predicates": self.predicates},
            "betweenness": self.betweenness,
            "centrality": self.top,
            "brokers": self.brokers,
            "communities": self.communities,
            "shared_partners": self.shared_partners,
            "shared_mentions": self.shared_mentions,
            "statements": list(STATEMENTS),
            "councils": self.councils,
            "council_partners": self.council_partners,
            "tone": self.tone,
            "national": self.national,
            "context": self.context,
        }


def analyse(graph, seed: int = 0, national: Iterable[str] | None = None) -> Analysis:
    """Centrality, brokers, communities, shared partners, coverage and tone of a graphkit graph.

    Parameters
    ----------
    graph : rdflib.Graph or graphkit.query.engine.OxGraph
        The merged graph (see ``docs/design.md``), e.g. ``load_store("out/graph.trig")``.
    seed : int
        Seed of every random step (Louvain, sampled betweenness).
    national : iterable of str, optional
        Ids of national bodies, counted once per council; default the shipped list
        (``graphkit/data/bodies.tsv``, scope national).

    Returns
    -------
    Analysis

    Examples
    --------
    >>> from rdflib import Graph, Literal, Namespace, RDF
    >>> GK, GKD = Namespace("https://graphkit.example/ns#"), Namespace("https://graphkit.example/id/")
    >>> g = Graph()
    >>> for slug, kind in [("hartlepool", "LocalAuthority"), ("york", "LocalAuthority"),
    ...                    ("age-uk-york", "VoluntaryOrganisation")]:
    ...     _ = g.add((GKD[slug], RDF.type, GK[kind]))
    >>> _ = g.add((GKD.hartlepool, GK.partnersWith, GKD["age-uk-york"]))
    >>> _ = g.add((GKD.york, GK.partnersWith, GKD["age-uk-york"]))
    >>> a = analyse(g)
    >>> a.types
    {'LocalAuthority': 2, 'VoluntaryOrganisation': 1}
    >>> [(p["id"], p["councils"]) for p in a.shared_partners]
    [('age-uk-york', ['hartlepool', 'york'])]
    """
    return analyse_networkx(to_networkx(graph), seed=seed, records=read_records(graph), national=national)


def analyse_networkx(G: nx.MultiDiGraph, seed: int = 0, records: Records | None = None,
                     national: Iterable[str] | None = None) -> Analysis:
    """``analyse`` on a graph already made by ``to_networkx`` (and its ``read_records``)."""
    records = records if records is not None else Records((), (), ())
    nationals = frozenset(national_ids() if national is None else national)
    S = stated_network(G, nationals)
    H = simple_graph(S)
    centrality = {m: centrality_scores(H, m, seed=seed) for m in MEASURES}
    centrality["pagerank"] = pagerank_scores(H)
    pivots = betweenness_pivots(H.number_of_nodes(), H.number_of_edges())
    sampling: dict[str, Any] = {"sampled": False, "nodes": H.number_of_nodes()}
    if pivots is not None:
        sampling = {"sampled": True, "k": pivots, "seed": seed, "nodes": H.number_of_nodes()}
    groups = partner_communities(H, seed=seed)
    community_of = {n: i for i, members in enumerate(groups) for n in members}
    assessed = assessments(records)
    report_councils = dict(G.graph.get("report_councils", {}))
    for r in records.reports:
        report_councils.setdefault(r.id, r.councils)
    assessed_ids = sorted({c for cs in report_councils.values() for c in cs} | set(assessed))
    brokers = broker_scores(H, assessed_ids)
    stated_facts = [f for f in records.facts if f.layer == STATED]
    partners = council_partners(S)
    shared = shared_partners(S)

    def brief(node: str) -> dict[str, Any]:
        return _brief(S if node in S else G, node)

    councils: dict[str, dict[str, Any]] = {}
    for c in assessed_ids:
        # a council without report records (analyse_networkx on a bare network) has empty coverage
        cov = assessed.get(c) or _empty_coverage() | {"reports": sorted(r for r, cs in report_councils.items() if c in cs)}
        neighbours = sorted(H[c]) if c in H else []
        councils[c] = brief(c) | cov | {
            "partners": len(neighbours),
            "partners_by_type": dict(sorted(Counter(H.nodes[n].get("type", "Unknown") for n in neighbours).items())),
            "degree": len(neighbours),
            "degree_centrality": centrality["degree"].get(c, 0.0),
            "betweenness": centrality["betweenness"].get(c, 0.0),
            "pagerank": centrality["pagerank"].get(c, 0.0),
            "broker": brokers.get(c, 0.0),
            "community": community_of.get(c),
            "shared_partners": sorted(p for p, d in shared.items() if c in d["councils"]),
            "context": [],
        }
    ctx = context_edges(G)
    for e in ctx:
        for c, other in ((e["source"], e["target"]), (e["target"], e["source"])):
            if c in councils:
                councils[c]["context"].append(
                    _brief(G, other) | {"predicate": e["predicate"], "datasets": e["datasets"]})
    ctx_councils: dict[str, set[str]] = defaultdict(set)
    for e in ctx:
        for c, other in ((e["source"], e["target"]), (e["target"], e["source"])):
            if G.nodes[c].get("type") == COUNCIL:
                ctx_councils[other].add(c)
    context_facts = sum(1 for f in records.facts if f.layer == CONTEXT)
    instances: dict[str, list[str]] = defaultdict(list)
    for node, data in S.nodes(data=True):
        if data.get("national") and node != data.get("entity"):
            instances[data["entity"]].append(node)
    context_only = sorted(n for n in G if n not in S and n not in instances)
    national_facts = Counter()
    for f in stated_facts:
        for end in {f.subject, f.object}:
            if end in nationals:
                national_facts[end] += 1
    overall: Counter[str] = Counter()
    by_predicate: dict[str, Counter[str]] = defaultdict(Counter)
    seen: dict[tuple, set[str]] = defaultdict(set)
    for f in stated_facts:
        seen[fact_key(f)].add(f.tone)
    for key, found in seen.items():
        tone = one_tone(found)
        overall[tone] += 1
        by_predicate[key[1]][tone] += 1
    negative_edges = tone_summary(S, None)["negative"]

    facts_total = len({f.fact for f in stated_facts})
    return Analysis(
        seed=seed,
        summary={
            "reports": len(report_councils),
            "assessments": len(assessed_ids),
            "councils": sum(1 for _, t in S.nodes(data="type") if t == COUNCIL),
            "entities": len({d.get("entity", n) for n, d in S.nodes(data=True)}),
            "nodes": S.number_of_nodes(),
            "relations": S.number_of_edges(),
            "facts": facts_total if records.facts else int(sum(d.get("evidence", 0) for *_, d in S.edges(data=True))),
            "communities": len(groups),
            "national_bodies": len(instances),
        },
        types=count_types(S),
        predicates=count_predicates(S),
        top={m: [brief(n) | {"score": s} for n, s in top_nodes(centrality[m], TOP)] for m in (*MEASURES, "pagerank")},
        communities=[
            {
                "id": i,
                "size": len(members),
                "councils": [n for n in members if S.nodes[n].get("type") == COUNCIL],
                "hub": brief(min(members, key=lambda n: (-centrality["degree"].get(n, 0), n))),
                "members": members,
            }
            for i, members in enumerate(groups)
        ],
        shared_partners=[
            brief(p) | {"councils": list(d["councils"]), "predicates": list(d["predicates"])}
            for p, d in shared.items()
        ],
        shared_mentions=[brief(n) | {"councils": list(cs)} for n, cs in shared_mentions(S).items()],
        council_partners={
            c: brief(c) | {"partners": [brief(p) | {"predicates": list(ps)} for p, ps in ps_.items()]}
            for c, ps_ in partners.items()
        },
        tone={
            "overall": _tones(overall),
            "by_predicate": {p: _tones(by_predicate[p]) for p in sorted(by_predicate)},
            "by_council": {c: councils[c]["tone"] for c in councils},
            "negative": negative_edges,
        },
        centrality=centrality,
        community_of=community_of,
        betweenness=sampling,
        brokers=[
            brief(n) | {"score": s, "councils": sorted(x for x in H[n] if x in councils)}
            for n, s in top_nodes(brokers, TOP)
        ],
        councils=councils,
        national=[
            _brief(G, n) | {
                "councils": sorted(S.nodes[i]["council"] for i in instances[n]),
                "instances": sorted(instances[n]),
                "facts": national_facts.get(n, 0),
            }
            for n in sorted(instances)
        ],
        context={
            "summary": {
                "relations": len(ctx),
                "facts": context_facts,
                "entities": len(context_only),
            },
            "relations": [
                e | {"source_label": G.nodes[e["source"]].get("label", e["source"]),
                     "target_label": G.nodes[e["target"]].get("label", e["target"])}
                for e in ctx
            ],
            "shared": [_brief(G, n) | {"councils": sorted(cs)} for n, cs in sorted(ctx_councils.items()) if len(cs) >= 2],
        },
        broker=brokers,
        network=G,
        stated=S,
        records=records,
    )


def _tones(counts: Counter[str]) -> dict[str, Any]:
    """Counts of each tone, the negative-or-mixed count and its share of all."""
    out: dict[str, Any] = {t: counts.get(t, 0) for t in TONES}
    total = sum(counts.values())
    bad = out["negative"] + out["mixed"]
    return out | {"negative_or_mixed": bad, "share": round(bad / total, 6) + 0.0 if total else None}


def _empty_coverage() -> dict[str, Any]:
    return {
        "reports": [], "words": None, "facts": 0, "facts_per_1000_words": None, "sparse": False,
        "statements_present": [], "statements_missing": list(STATEMENTS), "scores": {},
        "score_conflicts": [], "mean_score": None,
        "tone": {t: 0 for t in TONES} | {"negative_or_mixed": 0, "share": None},
    }


def _brief(G: nx.Graph, node: str) -> dict[str, Any]:
    """Id, label and type of a node (and, for a national body's local instance, its entity and council)."""
    data = G.nodes[node] if node in G else {}
    out = {"id": node, "label": data.get("label", node), "type": data.get("type", "Unknown")}
    if data.get("council") and data.get("national"):
        out |= {"entity": data.get("entity", node), "council": data["council"]}
    return out
