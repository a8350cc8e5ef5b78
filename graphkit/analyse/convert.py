"""Turn the merged RDF graph into a networkx multigraph of entities."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import rdflib
from rdflib import URIRef

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


def to_networkx(graph) -> nx.MultiDiGraph:
    """The entities of `graph` and the relations between them.

    Parameters
    ----------
    graph : rdflib.Graph or graphkit.query.engine.OxGraph
        A merged graphkit graph (``docs/design.md``): typed entity IRIs, direct relations
        between them, ``gk:Fact`` nodes and ``gk:Report`` nodes. A ``gk:Candidate`` (a relation
        below the build's confidence threshold) is no fact and is not read.

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
    rows = _Rows(graph)
    types = rows.entity_types()
    report_nodes = rows.reports()
    report_councils: dict[str, set[str]] = defaultdict(set)
    for r, c in rows.pairs(f"?s <{GK.assesses}>|<{GK.council}> ?o FILTER(isIRI(?o))"):
        report_councils[report_id(r)].add(entity_id(c))
    reports: dict[str, set[str]] = defaultdict(set)
    for rep, councils in report_councils.items():
        for council in councils:
            reports[council].add(rep)
    for iri, source in rows.pairs(f"?s <{PROV.wasDerivedFrom}> ?o FILTER(isIRI(?o))"):
        if iri in types and _is_report(report_nodes, source):  # an entity derives from the reports naming it
            reports[entity_id(iri)].add(report_id(source))

    edges: dict[tuple[str, str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for s, p, o in rows.direct_relations():
        edges.setdefault(_edge_key(s, _PREDICATE_IRIS[p], o), [])
    labels = rows.labels()
    for s, p, o, sentence, tone, sources in rows.facts():
        if p not in _PREDICATE_IRIS:
            continue
        key = _edge_key(s, _PREDICATE_IRIS[p], o)
        for source in sources or [None]:
            if source is not None and _is_report(report_nodes, source):
                rep = report_id(source)
                edges[key].append((rep, sentence, tone))
                reports[entity_id(key[0])].add(rep)
                reports[entity_id(key[2])].add(rep)
            else:  # reference data (or no source): name it, it is no report
                name = _best(labels.get(source, {})) if source is not None else ""
                edges[key].append((f"{REFERENCE}: {name}" if name else REFERENCE, sentence, tone))

    iris = set(types) | {k[0] for k in edges} | {k[2] for k in edges}
    alt_labels = rows.values(SKOS.altLabel)
    same_as = rows.values(OWL.sameAs)
    identifiers = rows.identifiers(_NOT_IDENTIFIERS | _FACT_TERMS)
    G = nx.MultiDiGraph(
        report_councils={r: tuple(sorted(cs)) for r, cs in sorted(report_councils.items())}
    )
    for iri in sorted(iris, key=entity_id):
        node = entity_id(iri)
        reps = tuple(sorted(reports[node]))
        G.add_node(
            node,
            iri=iri,
            label=_best(labels.get(iri, {})) or node,
            type=types.get(iri, "Unknown"),
            reports=reps,
            councils=tuple(sorted({c for r in reps for c in report_councils.get(r, ())})),
            alt_labels=tuple(sorted(alt_labels.get(iri, ()))),
            identifiers=tuple(sorted(i for i in identifiers.get(iri, ()) if i[1] != node)),
            same_as=tuple(sorted(same_as.get(iri, ()))),
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


def _is_report(report_nodes: set[str], node: str) -> bool:
    """A ``gk:Report`` node, or an IRI of the ``gkd:report/`` form."""
    return node in report_nodes or report_id(node) != node


def _best(labels: dict[URIRef, set[str]]) -> str:
    """prefLabel, else the fullest rdfs:label (longest, then alphabetical)."""
    for prop in (SKOS.prefLabel, RDFS.label):
        values = sorted(labels.get(prop, ()), key=lambda v: (-len(v), v))
        if values:
            return values[0]
    return ""


def _default_graph_store(graph: rdflib.Graph):
    """The pyoxigraph store whose default graph ``graph`` is (a build's ``result.graph``), else None."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph

    from ..query.engine import inner_store

    if isinstance(graph, ConjunctiveGraph) or graph.identifier != DATASET_DEFAULT_GRAPH_ID:
        return None
    return inner_store(graph)


def _light(term):
    """A pyoxigraph term as _Rows needs it: an IRI as URIRef, a literal as its text."""
    if term is None:
        return None
    value = term.value
    kind = type(term).__name__
    if kind == "NamedNode":
        return URIRef(value)
    if kind == "BlankNode":
        return rdflib.BNode(value)
    return value


class _Rows:
    """What the network needs from the graph, read with a few SPARQL queries.

    Queries run on whatever engine holds the graph (Oxigraph for a build), instead of one
    rdflib call per node and property.
    """

    def __init__(self, graph) -> None:
        from ..query.engine import OxGraph

        self.graph = graph
        # an OxGraph (``load_store`` of a graph file) is queried as the union of its graphs
        self.ox = graph if isinstance(graph, OxGraph) else None
        self.store = None if self.ox is not None else _default_graph_store(graph)

    def select(self, where: str, variables: str):
        text = f"SELECT {variables} WHERE {{ {where} }}"
        n = len(variables.replace("DISTINCT", "").split())
        if self.ox is not None:
            return [tuple(_light(row[i]) for i in range(n)) for row in self.ox.query(text)]
        if self.store is None:
            return self.graph.query(text)
        # straight from pyoxigraph: IRIs as URIRef, literals as their plain text (all _Rows reads)
        return [tuple(_light(row[i]) for i in range(n)) for row in self.store.query(text)]

    def pairs(self, where: str) -> list[tuple[str, str]]:
        return [(str(s), str(o)) for s, o in self.select(where, "DISTINCT ?s ?o") if isinstance(s, URIRef)]

    def entity_types(self) -> dict[str, str]:
        """Each typed entity IRI and its first type in ENTITY_TYPES order."""
        values = " ".join(f"<{t}>" for t in _TYPE_IRIS)
        found: dict[str, set[str]] = defaultdict(set)
        for s, t in self.select(f"VALUES ?t {{ {values} }} ?s a ?t FILTER(isIRI(?s))", "DISTINCT ?s ?t"):
            found[str(s)].add(_TYPE_IRIS[t])
        return {s: next(t for t in ENTITY_TYPES if t in ts) for s, ts in found.items()}

    def reports(self) -> set[str]:
        return {str(r) for (r,) in self.select(f"?r a <{GK.Report}>", "DISTINCT ?r")}

    def direct_relations(self) -> list[tuple[str, URIRef, str]]:
        values = " ".join(f"<{p}>" for p in _PREDICATE_IRIS)
        rows = self.select(f"VALUES ?p {{ {values} }} ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o))", "DISTINCT ?s ?p ?o")
        return [(str(s), p, str(o)) for s, p, o in rows]

    def facts(self) -> list[tuple[str, URIRef, str, str, str, list[str]]]:
        """Each asserted fact (not a gk:Candidate): subject, predicate, object, sentence, tone and its sources."""
        where = (f"?f <{GK.predicate}> ?p ; <{GK.subject}> ?s ; <{GK.object}> ?o . "
                 f"FILTER(isIRI(?s) && isIRI(?o)) FILTER NOT EXISTS {{ ?f a <{GK.Candidate}> }} "
                 f"OPTIONAL {{ ?f <{GK.evidence}>/<{GK.text}> ?sentence }} OPTIONAL {{ ?f <{GK.tone}> ?tone }} "
                 f"OPTIONAL {{ ?f <{PROV.wasDerivedFrom}>|<{GK.evidence}>/<{GK.inReport}> ?src }}")
        by_fact: dict[str, list] = {}
        for f, s, p, o, sentence, tone, src in self.select(where, "DISTINCT ?f ?s ?p ?o ?sentence ?tone ?src"):
            item = by_fact.get(str(f))
            if item is None:
                item = by_fact[str(f)] = [str(s), p, str(o), str(sentence or ""), str(tone or "neutral"), set()]
            if isinstance(src, URIRef):
                item[5].add(str(src))
        return [(s, p, o, sentence, tone, sorted(srcs)) for s, p, o, sentence, tone, srcs in by_fact.values()]

    def labels(self) -> dict[str, dict[URIRef, set[str]]]:
        out: dict[str, dict[URIRef, set[str]]] = defaultdict(lambda: defaultdict(set))
        where = f"VALUES ?p {{ <{SKOS.prefLabel}> <{RDFS.label}> }} ?s ?p ?o"
        for s, p, o in self.select(where, "DISTINCT ?s ?p ?o"):
            out[str(s)][p].add(str(o))
        return out

    def values(self, prop: URIRef) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for s, o in self.select(f"?s <{prop}> ?o", "DISTINCT ?s ?o"):
            out[str(s)].add(str(o))
        return out

    def identifiers(self, skip: set[URIRef]) -> dict[str, set[tuple[str, str]]]:
        """Literal-valued properties of typed entities other than ``skip``, e.g. GSS or ODS codes."""
        values = " ".join(f"<{t}>" for t in _TYPE_IRIS)
        out: dict[str, set[tuple[str, str]]] = defaultdict(set)
        where = f"VALUES ?t {{ {values} }} ?s a ?t ; ?p ?o FILTER(isLiteral(?o))"
        for s, p, o in self.select(where, "DISTINCT ?s ?p ?o"):
            if p not in skip:
                out[str(s)].add((local_name(str(p)), str(o)))
        return out
