"""Turn the merged RDF graph into a networkx multigraph of entities."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import rdflib
from rdflib import Literal, URIRef

from .terms import (
    ENTITY_TYPES,
    GK,
    LABELS,
    OWL,
    PREDICATES,
    PROV,
    RDF,
    RDFS,
    SKOS,
    SYMMETRIC,
    entity_id,
    local_name,
    report_id,
)

__all__ = ["to_networkx", "combine_tones", "REFERENCE"]

#: Source name of evidence that comes from reference data rather than a report.
REFERENCE = "reference data"

_TYPE_IRIS = {GK[name]: name for name in ENTITY_TYPES}
_PREDICATE_IRIS = {GK[name]: name for name in PREDICATES}
_FACT_TERMS = {GK.subject, GK.predicate, GK.object, GK.evidence, GK.text, GK.tone, PROV.wasDerivedFrom}
_NOT_IDENTIFIERS = LABELS | {RDF.type} | set(_PREDICATE_IRIS)


def to_networkx(graph: rdflib.Graph) -> nx.MultiDiGraph:
    """The entities of `graph` and the relations between them.

    Parameters
    ----------
    graph : rdflib.Graph
        A merged graphkit graph (``docs/design.md``): typed entity IRIs, direct relations
        between them, ``gk:Fact`` nodes and ``gk:Report`` nodes.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are entity ids (slugs) with ``label``, ``type``, ``reports`` and ``councils``
        (ids of the councils whose reports mention it), ``alt_labels``, ``identifiers``
        (``(property, value)`` pairs) and ``same_as``. Edges are keyed by predicate and carry
        ``predicate``, ``directed``, ``evidence`` (number of facts), ``sentences``
        (``(report, sentence, tone)`` triples), ``tone`` and ``reports``.
        Evidence from reference data (not a report) has source ``"reference data: NAME"``.
        ``G.graph["report_councils"]`` maps each report id to the ids of the councils it
        assesses (``gk:assesses``, or ``gk:council``). A symmetric
        relation (``partnersWith``) is one edge from the smaller id to the larger.
        Nodes and edges are added in sorted order, so the result is deterministic.

    Examples
    --------
    >>> from rdflib import Graph, Literal, Namespace, RDF
    >>> from rdflib.namespace import SKOS
    >>> GK, GKD = Namespace("https://graphkit.example/ns#"), Namespace("https://graphkit.example/id/")
    >>> g = Graph()
    >>> for slug, kind in [("york-council", "LocalAuthority"), ("age-uk", "VoluntaryOrganisation")]:
    ...     _ = g.add((GKD[slug], RDF.type, GK[kind])).add((GKD[slug], SKOS.prefLabel, Literal(slug)))
    >>> _ = g.add((GKD["york-council"], GK.partnersWith, GKD["age-uk"]))
    >>> G = to_networkx(g)
    >>> sorted(G.nodes(data="type"))
    [('age-uk', 'VoluntaryOrganisation'), ('york-council', 'LocalAuthority')]
    >>> list(G.edges(keys=True))
    [('age-uk', 'york-council', 'partnersWith')]
    """
    types = _entity_types(graph)
    report_councils: dict[str, set[str]] = defaultdict(set)
    for prop in (GK.assesses, GK.council):
        for r, c in graph.subject_objects(prop):
            if isinstance(c, URIRef):
                report_councils[report_id(str(r))].add(entity_id(str(c)))
    reports: dict[str, set[str]] = defaultdict(set)
    for rep, councils in report_councils.items():
        for council in councils:
            reports[council].add(rep)
    for iri in types:  # the entities graph: an entity derives from the reports naming it
        for source in graph.objects(URIRef(iri), PROV.wasDerivedFrom):
            if _is_report(graph, source):
                reports[entity_id(iri)].add(report_id(str(source)))

    edges: dict[tuple[str, str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for s, p, o in graph:
        if p in _PREDICATE_IRIS and isinstance(s, URIRef) and isinstance(o, URIRef):
            edges.setdefault(_edge_key(str(s), _PREDICATE_IRIS[p], str(o)), [])
    for fact in set(graph.subjects(RDF.type, GK.Fact)) | set(graph.subjects(GK.predicate, None)):
        s, p, o = (graph.value(fact, t) for t in (GK.subject, GK.predicate, GK.object))
        if s is None or o is None or p not in _PREDICATE_IRIS:
            continue
        key = _edge_key(str(s), _PREDICATE_IRIS[p], str(o))
        evidence = graph.value(fact, GK.evidence)
        sentence = str(graph.value(evidence, GK.text) or "") if evidence is not None else ""
        tone = str(graph.value(fact, GK.tone) or "neutral")
        for source in sorted(graph.objects(fact, PROV.wasDerivedFrom)) or [None]:
            if source is not None and _is_report(graph, source):
                rep = report_id(str(source))
                edges[key].append((rep, sentence, tone))
                reports[entity_id(key[0])].add(rep)
                reports[entity_id(key[2])].add(rep)
            else:  # reference data (or no source): name it, it is no report
                name = _label(graph, source) if isinstance(source, URIRef) else ""
                edges[key].append((f"{REFERENCE}: {name}" if name else REFERENCE, sentence, tone))

    iris = set(types) | {k[0] for k in edges} | {k[2] for k in edges}
    G = nx.MultiDiGraph(
        report_councils={r: tuple(sorted(cs)) for r, cs in sorted(report_councils.items())}
    )
    for iri in sorted(iris, key=entity_id):
        node = entity_id(iri)
        reps = tuple(sorted(reports[node]))
        G.add_node(
            node,
            iri=iri,
            label=_label(graph, URIRef(iri)) or node,
            type=types.get(iri, "Unknown"),
            reports=reps,
            councils=tuple(sorted({c for r in reps for c in report_councils.get(r, ())})),
            alt_labels=tuple(sorted({str(x) for x in graph.objects(URIRef(iri), SKOS.altLabel)})),
            identifiers=tuple(i for i in _identifiers(graph, URIRef(iri)) if i[1] != node),
            same_as=tuple(sorted(str(x) for x in graph.objects(URIRef(iri), OWL.sameAs))),
        )
    for (s, predicate, o), evidence in sorted(edges.items(), key=lambda kv: _sort_key(kv[0])):
        sentences = tuple(sorted(set(evidence)))
        G.add_edge(
            entity_id(s),
            entity_id(o),
            key=predicate,
            predicate=predicate,
            directed=predicate not in SYMMETRIC,
            evidence=len(sentences),
            sentences=sentences,
            tone=combine_tones(t for _, _, t in sentences),
            reports=tuple(sorted({r for r, _, _ in sentences if not r.startswith(REFERENCE)})),
        )
    return G


def combine_tones(tones) -> str:
    """One tone for several facts: ``mixed`` when positive and negative meet.

    >>> combine_tones(["positive", "neutral"]), combine_tones(["positive", "negative"])
    ('positive', 'mixed')
    >>> combine_tones([])
    'neutral'
    """
    found = set(tones) - {"neutral", ""}
    if not found:
        return "neutral"
    if len(found) == 1:
        return found.pop()
    return "mixed"


def _edge_key(s: str, predicate: str, o: str) -> tuple[str, str, str]:
    """Order the ends of a symmetric relation."""
    if predicate in SYMMETRIC and entity_id(o) < entity_id(s):
        s, o = o, s
    return (s, predicate, o)


def _sort_key(key: tuple[str, str, str]) -> tuple[str, str, str]:
    """Sort edges by their ids, then predicate."""
    return (entity_id(key[0]), entity_id(key[2]), key[1])


def _is_report(graph: rdflib.Graph, node: object) -> bool:
    """A ``gk:Report`` node, or an IRI of the ``gkd:report/`` form."""
    if not isinstance(node, URIRef):
        return False
    return (node, RDF.type, GK.Report) in graph or report_id(str(node)) != str(node)


def _entity_types(graph: rdflib.Graph) -> dict[str, str]:
    """Each typed entity IRI and its first type in ENTITY_TYPES order."""
    found: dict[str, set[str]] = defaultdict(set)
    for s, t in graph.subject_objects(RDF.type):
        if t in _TYPE_IRIS and isinstance(s, URIRef):
            found[str(s)].add(_TYPE_IRIS[t])
    return {s: next(t for t in ENTITY_TYPES if t in ts) for s, ts in found.items()}


def _label(graph: rdflib.Graph, node: URIRef) -> str:
    """prefLabel, else the fullest rdfs:label (longest, then alphabetical)."""
    for prop in (SKOS.prefLabel, RDFS.label):
        values = sorted({str(v) for v in graph.objects(node, prop)}, key=lambda v: (-len(v), v))
        if values:
            return values[0]
    return ""


def _identifiers(graph: rdflib.Graph, node: URIRef) -> tuple[tuple[str, str], ...]:
    """Literal-valued properties other than labels, e.g. GSS or ODS codes."""
    return tuple(
        sorted(
            {
                (local_name(str(p)), str(o))
                for p, o in graph.predicate_objects(node)
                if isinstance(o, Literal) and p not in _NOT_IDENTIFIERS and p not in _FACT_TERMS
            }
        )
    )
