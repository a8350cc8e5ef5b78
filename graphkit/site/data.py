"""What the site shows, read from the graph and the analysis in one place (the site's adapter).

Every page reads a ``SiteData``; nothing else in ``graphkit.site`` touches RDF or
``Analysis``. The network is ``Analysis.network`` (both layers); the evidence sentences with
their section and offsets come from three SPARQL queries over the graph; the CQC scores from
the report sections. The report's figures (centrality, brokers, communities, the councils
compared with their coverage and tone) are ``Analysis.to_dict()``'s, computed on the stated
layer (national bodies counted once per council, ``id@council``). Computed here: each entity's
number of distinct stated partners (the node size of the views) and the stated/context split
of each drawn relation.

Two layers are kept apart: an edge is *stated* when at least one report sentence states it,
*context* when only reference data does (e.g. a council's ICB from ONS lookups). Measures use
stated edges only; context edges are drawn, labelled as context.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import networkx as nx
import rdflib

from graphkit.analyse import Analysis, to_networkx
from graphkit.analyse.convert import REFERENCE
from graphkit.analyse.terms import entity_id, report_id
from graphkit.model import SYMMETRIC_PREDICATES

__all__ = [
    "Evidence",
    "Entity",
    "Relation",
    "Council",
    "SiteData",
    "site_data",
    "type_name",
    "predicate_name",
    "council_subgraph",
    "COUNCIL",
    "SIZE_MEASURE",
]

COUNCIL = "LocalAuthority"
#: What node size means on every network page (said in the legend).
SIZE_MEASURE = "number of entities it has a stated relation with (degree, stated facts only)"

_GK = "https://graphkit.example/ns#"
#: Facts, their sentences and the sentences' sections: three star patterns joined in Python
#: (one query with nested OPTIONALs and a path took minutes on pyoxigraph at 9,000 relations).
_FACTS = f"""
PREFIX gk: <{_GK}>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?f ?s ?p ?o ?tone ?sentence ?source
WHERE {{
  ?f a gk:Fact ; gk:subject ?s ; gk:predicate ?p ; gk:object ?o .
  FILTER(isIRI(?s) && isIRI(?o))
  OPTIONAL {{ ?f gk:tone ?tone }}
  OPTIONAL {{ ?f gk:evidence ?sentence }}
  OPTIONAL {{ ?f prov:wasDerivedFrom ?source }}
}}
"""
_SENTENCES = f"""
PREFIX gk: <{_GK}>
SELECT ?sentence ?text ?report ?start ?end ?section
WHERE {{
  ?sentence a gk:Sentence .
  OPTIONAL {{ ?sentence gk:text ?text }}
  OPTIONAL {{ ?sentence gk:inReport ?report }}
  OPTIONAL {{ ?sentence gk:start ?start }}
  OPTIONAL {{ ?sentence gk:end ?end }}
  OPTIONAL {{ ?sentence gk:section ?section }}
}}
"""
_SECTION_NAMES = f"""
PREFIX gk: <{_GK}>
SELECT ?section ?statement ?heading
WHERE {{
  ?section a gk:Section .
  OPTIONAL {{ ?section gk:qualityStatement ?statement }}
  OPTIONAL {{ ?section gk:heading ?heading }}
}}
"""
_SECTIONS = f"""
PREFIX gk: <{_GK}>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?report ?statement ?theme ?score
WHERE {{
  ?section a gk:Section ; dcterms:isPartOf ?report ; gk:score ?score .
  OPTIONAL {{ ?section gk:qualityStatement ?statement }}
  OPTIONAL {{ ?section gk:theme ?theme }}
}}
"""
_REPORTS = f"""
PREFIX gk: <{_GK}>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?report ?title ?length
WHERE {{
  ?report a gk:Report .
  OPTIONAL {{ ?report dcterms:title ?title }}
  OPTIONAL {{ ?report gk:textLength ?length }}
}}
"""
_SUFFIXES = re.compile(
    r"\s+(?:metropolitan\s+borough|borough|city|county|district|metropolitan\s+district)?\s*council$", re.I)
_PREFIXES = re.compile(r"^(?:london\s+borough\s+of|royal\s+borough\s+of|city\s+of|the\s+)\s*", re.I)
_SAFE_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,150}")
_SCHEMES = {"gss": "ONS GSS code", "ods": "NHS ODS code", "org-id": "org-id.guide identifier"}


@dataclass(frozen=True)
class Evidence:
    """One sentence stating a relation, or the reference dataset it comes from."""

    report: str  # report id, "" for reference data
    sentence: str
    tone: str
    section: str = ""
    start: int | None = None
    end: int | None = None
    source: str = ""  # the reference dataset, when not a report


@dataclass(frozen=True)
class Relation:
    """An edge of the network: source -predicate-> target, with its evidence."""

    index: int
    source: str
    predicate: str
    target: str
    tone: str
    stated: bool  # some report states it; False: reference data (context) only
    evidence: tuple[Evidence, ...]

    @property
    def symmetric(self) -> bool:
        return self.predicate in SYMMETRIC_PREDICATES


@dataclass(frozen=True)
class Entity:
    """A node: its names, type, identifiers and where it appears."""

    id: str
    page: str  # file name stem under entities/ (the slug, or a safe stand-in)
    label: str
    name: str  # the label that says whose it is, e.g. "Health and Wellbeing Board (Leeds)"
    type: str
    aliases: tuple[str, ...]
    identifiers: tuple[tuple[str, str], ...]  # (plain-English scheme, value)
    same_as: tuple[str, ...]
    councils: tuple[str, ...]  # councils whose reports mention it
    reports: tuple[str, ...]
    degree: int  # distinct entities with a stated relation


@dataclass(frozen=True)
class Council:
    """An assessed (or mentioned) council with its reports and CQC scores."""

    id: str
    name: str
    reports: tuple[str, ...]
    scores: tuple[tuple[str, str, int], ...]  # (quality statement, theme, score)
    text_length: int  # characters of its reports' text


@dataclass(frozen=True)
class SiteData:
    """Everything the site's pages show."""

    network: nx.MultiDiGraph = field(repr=False)
    entities: dict[str, Entity]
    relations: tuple[Relation, ...]
    councils: dict[str, Council]  # councils that a report assesses, by id
    report_councils: dict[str, tuple[str, ...]]
    report_titles: dict[str, str]
    analysis: dict[str, Any] = field(repr=False)  # Analysis.to_dict() (analysis.json)
    seed: int = 0

    def entity_of(self, node: str) -> str | None:
        """The entity behind an analysis node id (``id@council`` for a national body's instance)."""
        base = node.split("@", 1)[0]
        return base if base in self.entities else None

    def relations_of(self, node: str) -> list[Relation]:
        """Relations with `node` at either end, in network order."""
        return list(self._by_node().get(node, ()))

    def _by_node(self) -> dict[str, list[Relation]]:
        """Node -> its relations, made once."""
        index = self.__dict__.get("_index")
        if index is None:
            index = defaultdict(list)
            for r in self.relations:
                index[r.source].append(r)
                if r.target != r.source:
                    index[r.target].append(r)
            object.__setattr__(self, "_index", index)
        return index

    def report_name(self, report: str) -> str:
        """The council(s) a report assesses, by name (the report id when it assesses none)."""
        names = [self.entities[c].name for c in self.report_councils.get(report, ()) if c in self.entities]
        return ", ".join(names) if names else report


@cache
def _ontology_labels() -> dict[str, str]:
    """rdfs:label of each gk term, from ontology/graphkit.ttl."""
    from graphkit.resources import ontology_dir

    g = rdflib.Graph().parse(ontology_dir() / "graphkit.ttl", format="turtle")
    out: dict[str, str] = {}
    for s, o in g.subject_objects(rdflib.RDFS.label):
        if str(s).startswith(_GK):
            out[str(s)[len(_GK):]] = str(o)
    return out


def type_name(entity_type: str) -> str:
    """The plain-English name of an entity type (its label in the ontology).

    >>> type_name("NHSBody"), type_name("Whatever")
    ('NHS body', 'Whatever')
    """
    return _ontology_labels().get(entity_type, entity_type)


def predicate_name(predicate: str) -> str:
    """The plain-English name of a relation (its label in the ontology).

    >>> predicate_name("partnersWith")
    'partners with'
    """
    return _ontology_labels().get(predicate, predicate)


def short_council_name(label: str) -> str:
    """A council's place name, for labels of its local bodies.

    >>> short_council_name("Hartlepool Borough Council"), short_council_name("London Borough of Camden")
    ('Hartlepool', 'Camden')
    """
    short = _PREFIXES.sub("", _SUFFIXES.sub("", label.strip())).strip()
    return short or label


def page_name(node: str) -> str:
    """A safe file name stem for an entity's page: its slug, else a digest.

    >>> page_name("leeds-city-council"), page_name("https://x.org/a b")[:2]
    ('leeds-city-council', 'x-')
    """
    if _SAFE_SLUG.fullmatch(node):
        return node
    return "x-" + hashlib.sha1(node.encode("utf-8")).hexdigest()[:16]


def _value(term) -> str | None:
    """A pyoxigraph term's lexical value (None when unbound)."""
    return None if term is None else str(term.value)


def _rows(graph: rdflib.Graph, query: str, names: tuple[str, ...]) -> list[tuple[str | None, ...]]:
    """Rows of a SELECT over `graph` on pyoxigraph, as plain strings."""
    from graphkit.query.engine import to_store

    store = to_store(graph)
    return [tuple(_value(row[n]) for n in names) for row in store.query(query)]


def _evidence_by_edge(graph: rdflib.Graph, reports: set[str]) -> dict[tuple[str, str, str], set[Evidence]]:
    """(source id, predicate, target id) -> the evidence of its facts."""
    sections = {sec: statement or heading or ""
                for sec, statement, heading in _rows(graph, _SECTION_NAMES, ("section", "statement", "heading"))}
    sentences = {
        sen: (text or "", rep, start, end, sections.get(sec, "") if sec else "")
        for sen, text, rep, start, end, sec in _rows(graph, _SENTENCES, ("sentence", "text", "report", "start", "end", "section"))
    }
    out: dict[tuple[str, str, str], set[Evidence]] = defaultdict(set)
    for _, s, p, o, tone, sen, source in _rows(graph, _FACTS, ("f", "s", "p", "o", "tone", "sentence", "source")):
        predicate = p[len(_GK):] if p and p.startswith(_GK) else (p or "")
        u, v = entity_id(s), entity_id(o)
        if predicate in SYMMETRIC_PREDICATES and v < u:
            u, v = v, u
        text, rep, start, end, section = sentences.get(sen, ("", None, None, None, "")) if sen else ("", None, None, None, "")
        rep = rep or source
        rid = report_id(rep) if rep else ""
        is_report = bool(rep) and (rid != rep or rid in reports)
        out[(u, predicate, v)].add(Evidence(
            report=rid if is_report else "",
            sentence=text,
            tone=tone or "neutral",
            section=section if is_report else "",
            start=int(start) if start is not None and is_report else None,
            end=int(end) if end is not None and is_report else None,
            source="" if is_report else (rep or "reference data"),
        ))
    return out


def _names(G: nx.MultiDiGraph) -> dict[str, str]:
    """Labels that say whose a local body is, and tell apart entities sharing a label."""
    councils = {n: d.get("label", n) for n, d in G.nodes(data=True) if d.get("type") == COUNCIL}
    names: dict[str, str] = {}
    for n, d in G.nodes(data=True):
        label = str(d.get("label", n))
        owner = n.split("--", 1)[0] if "--" in n else ""
        if owner in councils and d.get("type") != COUNCIL:
            label = f"{label} ({short_council_name(councils[owner])})"
        names[n] = label
    counts = Counter(names.values())
    for n, d in G.nodes(data=True):
        if counts[names[n]] > 1:  # still ambiguous: say where it is mentioned, else its id
            where = [short_council_name(councils[c]) for c in d.get("councils", ()) if c in councils]
            names[n] = f"{names[n]} ({', '.join(where) if where else n})"
    return names


def _identifiers(pairs) -> tuple[tuple[str, str], ...]:
    """``("identifier", "gss:E06000001")`` -> ``("ONS GSS code", "E06000001")``."""
    out = []
    for prop, value in pairs:
        scheme, _, code = str(value).partition(":")
        if code and scheme in _SCHEMES:
            out.append((_SCHEMES[scheme], code))
        else:
            out.append((str(prop), str(value)))
    return tuple(sorted(set(out)))


def stated_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """The simple undirected graph of the stated edges (every node kept), weighted by evidence."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G))
    for u, v, d in G.edges(data=True):
        if u == v or not _is_stated(d):
            continue
        w = int(d.get("evidence", 1) or 1)
        if H.has_edge(u, v):
            H[u][v]["weight"] += w
        else:
            H.add_edge(u, v, weight=w)
    return H


def _is_stated(d: dict) -> bool:
    """A report states the edge (an edge without any evidence recorded counts as stated)."""
    return bool(d.get("reports")) or not d.get("sentences")


def site_data(graph: rdflib.Graph, analysis: Analysis | None = None) -> SiteData:
    """Read what the site shows from `graph` and its `analysis`.

    Parameters
    ----------
    graph : rdflib.Graph
        The merged graphkit graph.
    analysis : Analysis, optional
        Its analysis (``graphkit.analyse.analyse(graph)``); computed here when missing.

    Returns
    -------
    SiteData
    """
    if analysis is None:
        from graphkit.analyse import analyse

        analysis = analyse(graph)
    G = analysis.network if analysis.network is not None else to_networkx(graph)
    report_councils = {r: tuple(cs) for r, cs in sorted(G.graph.get("report_councils", {}).items())}
    report_rows = _rows(graph, _REPORTS, ("report", "title", "length"))
    titles = {report_id(r): t or "" for r, t, _ in report_rows}
    lengths = {report_id(r): int(n or 0) for r, _, n in report_rows}
    known_reports = set(report_councils) | set(titles)
    evidence = _evidence_by_edge(graph, known_reports)

    relations = []
    for i, (u, v, d) in enumerate(G.edges(data=True)):
        predicate = str(d.get("predicate", "related"))
        found = evidence.get((u, predicate, v), set())
        refs = [r.split(": ", 1)[-1] for r, _, _ in d.get("sentences", ()) if r.startswith(REFERENCE)]
        if refs:  # name reference datasets as the network does
            found = {replace(e, source=refs[0]) if e.source else e for e in found}
        if not found:  # no fact node: the network's own evidence
            found = {Evidence(report="" if r.startswith(REFERENCE) else r, sentence=s, tone=t,
                              source=r.split(": ", 1)[-1] if r.startswith(REFERENCE) else "")
                     for r, s, t in d.get("sentences", ())}
        relations.append(Relation(
            index=i, source=u, predicate=predicate, target=v, tone=str(d.get("tone", "neutral")),
            stated=_is_stated(d),
            evidence=tuple(sorted(found, key=lambda e: (e.report == "", e.report, e.start or 0, e.sentence, e.source))),
        ))

    H = stated_graph(G)
    names = _names(G)
    entities = {
        n: Entity(
            id=n, page=page_name(n), label=str(d.get("label", n)), name=names[n], type=str(d.get("type", "Unknown")),
            aliases=tuple(a for a in d.get("alt_labels", ()) if a != d.get("label")),
            identifiers=_identifiers(d.get("identifiers", ())), same_as=tuple(d.get("same_as", ())),
            councils=tuple(d.get("councils", ())), reports=tuple(d.get("reports", ())),
            degree=H.degree(n),
        )
        for n, d in G.nodes(data=True)
    }
    scores: dict[str, set[tuple[str, str, int]]] = defaultdict(set)
    for rep, statement, theme, score in _rows(graph, _SECTIONS, ("report", "statement", "theme", "score")):
        for c in report_councils.get(report_id(rep), ()):
            scores[c].add((statement or "", theme or "", int(score)))
    assessed = sorted({c for cs in report_councils.values() for c in cs if c in entities},
                      key=lambda c: (entities[c].name.lower(), c))
    councils = {
        c: Council(
            id=c, name=entities[c].name,
            reports=tuple(r for r, cs in report_councils.items() if c in cs),
            scores=tuple(sorted(scores.get(c, ()))),
            text_length=sum(lengths.get(r, 0) for r, cs in report_councils.items() if c in cs),
        )
        for c in assessed
    }
    return SiteData(
        network=G, entities=entities, relations=tuple(relations), councils=councils,
        report_councils=report_councils, report_titles=titles, analysis=analysis.to_dict(), seed=analysis.seed,
    )


def council_subgraph(data: SiteData, council: str) -> tuple[list[str], list[Relation]]:
    """One council's view: it, its partners, what its reports name, and the relations among them.

    Nodes are the council, every entity with a relation to it, every end of a relation its
    reports state, and every entity its reports mention; relations are all those among these
    nodes. Both in network order.
    """
    G = data.network
    own = set(data.councils[council].reports) if council in data.councils else set()
    keep = {council} | set(G.predecessors(council)) | set(G.successors(council))
    for r in data.relations:
        if own & {e.report for e in r.evidence}:
            keep.update((r.source, r.target))
    keep.update(n for n, e in data.entities.items() if council in e.councils)
    nodes = [n for n in G if n in keep]
    return nodes, [r for r in data.relations if r.source in keep and r.target in keep]
