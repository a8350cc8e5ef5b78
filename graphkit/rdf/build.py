"""Build RDF from Extraction and Resolution records: one named graph per report, plus entities."""

from __future__ import annotations

import hashlib
from functools import lru_cache
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import PurePath

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..errors import OntologyError
from ..extract.confidence import DEFAULT_MIN_CONFIDENCE
from ..model import ENTITY_TYPES, PREDICATES, Entity, Extraction, Report, Resolution, ResolvedEntity
from .namespace import (
    ENTITIES_GRAPH,
    GK,
    GKD,
    SCHEMA,
    bind_prefixes,
    candidate_iri,
    entity_iri,
    fact_iri,
    mention_iri,
    quantity_iri,
    reference_iri,
    report_graph_iri,
    report_iri,
    section_iri,
    sentence_iri,
)
from .slug import slugify

__all__ = ["report_graph", "report_triples", "entities_graph", "to_dataset", "union_graph", "word_count", "CURATOR"]

_MEDIA_TYPES = {"txt": "text/plain", "html": "text/html", "pdf": "application/pdf"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: The agent behind corrections: a person's decision, not a rule.
CURATOR = GKD["agent/curator"]


_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def word_count(text: str) -> int:
    """Words in `text`: runs of letters or digits, joined by inner apostrophes or hyphens.

    >>> word_count("The council's co-produced plan: 3 partners, £2.5m.")
    8
    """
    return sum(1 for _ in _WORD.finditer(text))


@lru_cache(maxsize=65536)
def _int(value: int) -> Literal:
    return Literal(int(value), datatype=XSD.integer)


def _decimal(value: float) -> str:
    """The canonical xsd:decimal form (as Oxigraph writes it): "800", "2.5", "-0.25"."""
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _type_iri(name: str) -> URIRef:
    if name not in ENTITY_TYPES:
        raise OntologyError(f"unknown entity type {name!r}; choose from: {', '.join(ENTITY_TYPES)}")
    return GK[name]


def _predicate_iri(name: str) -> URIRef:
    if name not in PREDICATES:
        raise OntologyError(f"unknown predicate {name!r}; choose from: {', '.join(PREDICATES)}")
    return GK[name]


def _resolved_id(resolution: Resolution, report_id: str, key: str) -> str:
    return resolution.index.get((report_id, key)) or slugify(key)


def _fullest(names: list[str]) -> str:
    """The longest wording; ties broken alphabetically, so the choice is stable."""
    return sorted(names, key=lambda n: (-len(n), n))[0]


def _add_entities(g: Graph, extraction: Extraction, resolution: Resolution) -> dict[str, URIRef]:
    """Type, label and altLabels of each entity the report mentions; returns key -> IRI."""
    rid = extraction.report.report_id
    resolved = {e.id: e for e in resolution.entities}
    by_id: dict[str, list[Entity]] = defaultdict(list)
    iris: dict[str, URIRef] = {}
    for entity in extraction.entities:
        if (rid, entity.key) in resolution.suppressed_entities:
            continue  # a person's correction removed it
        node_id = _resolved_id(resolution, rid, entity.key)
        by_id[node_id].append(entity)
        iris[entity.key] = entity_iri(node_id)
    for node_id, members in by_id.items():
        node = entity_iri(node_id)
        node_type = resolved[node_id].type if node_id in resolved else members[0].type
        g.add((node, RDF.type, _type_iri(node_type)))
        label = _fullest([m.name for m in members])
        g.add((node, RDFS.label, Literal(label)))
        for alias in {a for m in members for a in (m.name, *m.aliases)} - {label}:
            g.add((node, SKOS.altLabel, Literal(alias)))
        for member in members:
            for mention in member.mentions:
                m = mention_iri(rid, mention.start, mention.end)
                g.add((m, RDF.type, GK.Mention))
                g.add((m, GK.refersTo, node))
                g.add((m, GK.inReport, report_iri(rid)))
                g.add((m, GK.text, Literal(mention.text)))
                g.add((m, GK.start, _int(mention.start)))
                g.add((m, GK.end, _int(mention.end)))
                g.add((m, GK.rule, Literal(mention.rule)))
    return iris


def _add_report(g: Graph, extraction: Extraction, iris: dict[str, URIRef]) -> None:
    report = extraction.report
    node = report_iri(report.report_id)
    g.add((node, RDF.type, GK.Report))
    g.add((node, DCTERMS.identifier, Literal(report.report_id)))
    g.add((node, DCTERMS.source, Literal(PurePath(report.path).name)))
    g.add((node, DCTERMS["format"], Literal(_MEDIA_TYPES.get(report.format, report.format))))
    g.add((node, GK.sha256, Literal(report.sha256)))
    g.add((node, GK.textSha256, Literal(hashlib.sha256(report.text.encode("utf-8")).hexdigest())))
    g.add((node, GK.textLength, _int(len(report.text))))
    g.add((node, GK.wordCount, _int(word_count(report.text))))
    if report.title:
        g.add((node, DCTERMS.title, Literal(report.title)))
    if report.date:
        date_type = XSD.date if _ISO_DATE.fullmatch(report.date) else None
        g.add((node, DCTERMS.date, Literal(report.date, datatype=date_type)))
    for entity in extraction.entities:
        if entity.is_council:
            g.add((node, GK.assesses, iris[entity.key]))
    for section in report.sections:
        s = section_iri(report.report_id, section.index)
        g.add((s, RDF.type, GK.Section))
        g.add((s, DCTERMS.isPartOf, node))
        g.add((s, GK.sectionIndex, _int(section.index)))
        g.add((s, GK.heading, Literal(section.heading)))
        g.add((s, GK.start, _int(section.start)))
        g.add((s, GK.end, _int(section.end)))
        if section.statement:
            g.add((s, GK.qualityStatement, Literal(section.statement)))
        if section.theme:
            g.add((s, GK.theme, Literal(section.theme)))
        if section.score is not None:
            g.add((s, GK.score, _int(section.score)))


def _add_sentence(g: Graph, report: Report, index: int, start: int, end: int, section: int | None) -> URIRef:
    """The sentence node a fact cites: its text (once), offsets, number, section and report."""
    rid = report.report_id
    node = sentence_iri(rid, index)
    g.add((node, RDF.type, GK.Sentence))
    g.add((node, GK.inReport, report_iri(rid)))
    g.add((node, GK.sentenceIndex, _int(index)))
    g.add((node, GK.start, _int(start)))
    g.add((node, GK.end, _int(end)))
    g.add((node, GK.text, Literal(report.text[start:end])))
    if section is not None:
        g.add((node, GK.section, section_iri(rid, section)))
    return node


def _add_facts(g: Graph, extraction: Extraction, resolution: Resolution, iris: dict[str, URIRef],
               min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> dict[int, URIRef]:
    """Direct triples, one gk:Fact (or gk:Candidate) per relation and one gk:Sentence per sentence.

    A relation whose confidence is at least ``min_confidence`` is asserted: its direct triple
    and a ``gk:Fact``. One below it is a ``gk:Candidate`` with the same description and no
    direct triple. Returns relation index -> fact or candidate IRI.
    """
    report = extraction.report
    rid = report.report_id
    sections = {s.index for s in report.sections}
    sentence_section = {s.index: s.section for s in report.sentences if s.section in sections}
    sentences: dict[int, tuple[URIRef, int, int]] = {}
    facts: dict[int, URIRef] = {}
    # two rules may state the same fact in one sentence: it takes the higher confidence
    best: dict[tuple, float] = {}
    for rel in extraction.relations:
        key = (rel.subject, rel.predicate, rel.object, rel.start, rel.end)
        best[key] = max(best.get(key, 0.0), rel.confidence)
    for i, rel in enumerate(extraction.relations):
        if (rid, i) in resolution.suppressed_relations:
            continue
        if {(rid, rel.subject), (rid, rel.object)} & resolution.suppressed_entities:
            continue
        confidence = best[(rel.subject, rel.predicate, rel.object, rel.start, rel.end)]
        # an end the extraction did not list still gets its IRI; SHACL then reports its missing label
        subj = iris.get(rel.subject) or entity_iri(_resolved_id(resolution, rid, rel.subject))
        obj = iris.get(rel.object) or entity_iri(_resolved_id(resolution, rid, rel.object))
        pred = _predicate_iri(rel.predicate)
        if confidence >= min_confidence:
            g.add((subj, pred, obj))
            f = fact_iri(rid, rel.subject, rel.predicate, rel.object, rel.start, rel.end)
            g.add((f, RDF.type, GK.Fact))
        else:
            f = candidate_iri(rid, rel.subject, rel.predicate, rel.object, rel.start, rel.end)
            g.add((f, RDF.type, GK.Candidate))
        facts[i] = f
        g.add((f, GK.subject, subj))
        g.add((f, GK.predicate, pred))
        g.add((f, GK.object, obj))
        if rel.sentence not in sentences:
            node = _add_sentence(g, report, rel.sentence, rel.start, rel.end, sentence_section.get(rel.sentence))
            sentences[rel.sentence] = (node, rel.start, rel.end)
        node, start, end = sentences[rel.sentence]
        if (start, end) != (rel.start, rel.end):  # a relation's span is its sentence's span
            raise OntologyError(
                f"{rid}: relation {i} spans [{rel.start}, {rel.end}) but sentence {rel.sentence} "
                f"spans [{start}, {end}); a relation's offsets must be its sentence's"
            )
        g.add((f, GK.evidence, node))
        g.add((f, GK.tone, Literal(rel.tone)))
        g.add((f, GK.rule, Literal(rel.rule)))
        g.add((f, GK.confidence, Literal(_decimal(confidence), datatype=XSD.decimal)))
    return facts


def _add_quantities(g: Graph, extraction: Extraction, iris: dict[str, URIRef], facts: dict[int, URIRef]) -> None:
    rid = extraction.report.report_id
    for q in extraction.quantities:
        node = quantity_iri(rid, q.start, q.end)
        g.add((node, RDF.type, GK.Quantity))
        if q.kind == "money":
            g.add((node, RDF.type, SCHEMA.MonetaryAmount))
            if q.unit:
                g.add((node, SCHEMA.currency, Literal(q.unit)))
        g.add((node, GK.kind, Literal(q.kind)))
        g.add((node, GK.text, Literal(q.text)))
        g.add((node, GK.start, _int(q.start)))
        g.add((node, GK.end, _int(q.end)))
        g.add((node, GK.inReport, report_iri(rid)))
        if q.value is not None:
            g.add((node, RDF.value, Literal(_decimal(q.value), datatype=XSD.decimal)))
        if q.unit:
            g.add((node, GK.unit, Literal(q.unit)))
        if q.about in iris:
            g.add((node, GK.describes, iris[q.about]))
        if q.relation in facts:
            g.add((node, GK.describes, facts[q.relation]))


def report_graph(extraction: Extraction, resolution: Resolution,
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Graph:
    """The triples of one report's named graph.

    Parameters
    ----------
    extraction : Extraction
        What the report says.
    resolution : Resolution
        Maps each ``(report_id, entity key)`` to a resolved entity id; its suppressed
        relations are left out.
    min_confidence : float
        Relations at or above this confidence are asserted (direct triple and ``gk:Fact``);
        those below are ``gk:Candidate`` nodes only (default ``DEFAULT_MIN_CONFIDENCE``).

    Returns
    -------
    rdflib.Graph
        Report and section nodes, every entity the report mentions (type, ``rdfs:label`` as
        the report words it, ``skos:altLabel``), mentions, direct relations, one ``gk:Fact``
        (or ``gk:Candidate``) per relation with its ``gk:confidence`` and ``gk:evidence`` its
        ``gk:Sentence`` (text, offsets, number and section, once per sentence), and quantities.

    Examples
    --------
    >>> from graphkit.ingest import report_from_text
    >>> from graphkit.model import Extraction, Resolution
    >>> g = report_graph(Extraction(report_from_text("Care Point works well."), (), ()), Resolution(()))
    >>> len(list(g.subjects(RDF.type, GK.Report)))
    1
    """
    g = bind_prefixes(Graph(identifier=report_graph_iri(extraction.report.report_id)))
    for triple in report_triples(extraction, resolution, min_confidence):
        g.add(triple)
    return g


def report_triples(extraction: Extraction, resolution: Resolution,
                   min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> set[tuple]:
    """The triples of :func:`report_graph` as a set (no rdflib store: the fast path)."""
    g: set[tuple] = set()
    iris = _add_entities(g, extraction, resolution)
    _add_report(g, extraction, iris)
    facts = _add_facts(g, extraction, resolution, iris, min_confidence)
    _add_quantities(g, extraction, iris, facts)
    return g


def _add_resolved(g: Graph, entity: ResolvedEntity) -> None:
    node = entity_iri(entity.id)
    g.add((node, RDF.type, _type_iri(entity.type)))
    g.add((node, SKOS.prefLabel, Literal(entity.name)))
    g.add((node, DCTERMS.identifier, Literal(entity.id)))
    for alias in set(entity.aliases) - {entity.name}:
        g.add((node, SKOS.altLabel, Literal(alias)))
    for scheme, code in entity.identifiers:
        g.add((node, DCTERMS.identifier, Literal(f"{scheme}:{code}")))
    for iri in entity.same_as:
        g.add((node, OWL.sameAs, URIRef(iri)))
    for report_id, _key in entity.members:
        g.add((node, PROV.wasDerivedFrom, report_iri(report_id)))
    if entity.corrected:
        g.add((node, PROV.wasAttributedTo, CURATOR))


def entities_graph(resolution: Resolution) -> Graph:
    """The entities graph: one node per resolved entity, plus reference-data facts.

    Parameters
    ----------
    resolution : Resolution
        The merge of all reports' entities.

    Returns
    -------
    rdflib.Graph
        Each entity's type, ``skos:prefLabel``, ``skos:altLabel``, ``dcterms:identifier``
        (its slug, and ``scheme:code`` for GSS/ODS codes), ``owl:sameAs`` and the reports it
        was found in; corrected nodes are ``prov:wasAttributedTo`` ``gkd:agent/curator`` (a
        person). Each reference fact is a direct triple plus a ``gk:Fact``
        ``prov:wasDerivedFrom`` a ``gk:ReferenceDataset``, never a report.
    """
    g = bind_prefixes(Graph(identifier=ENTITIES_GRAPH))
    for entity in resolution.entities:
        _add_resolved(g, entity)
    if any(e.corrected for e in resolution.entities):
        g.add((CURATOR, RDF.type, PROV.Person))
        g.add((CURATOR, RDFS.label, Literal("a person's correction")))
    for subj, pred, obj, note in resolution.reference_facts:
        s, p, o = entity_iri(subj), _predicate_iri(pred), entity_iri(obj)
        source = reference_iri(slugify(note))
        g.add((source, RDF.type, GK.ReferenceDataset))
        g.add((source, RDFS.label, Literal(note)))
        g.add((s, p, o))
        digest = hashlib.sha1(f"{subj}|{pred}|{obj}|{note}".encode("utf-8")).hexdigest()[:16]
        f = reference_iri(f"fact/{digest}")
        g.add((f, RDF.type, GK.Fact))
        g.add((f, GK.subject, s))
        g.add((f, GK.predicate, p))
        g.add((f, GK.object, o))
        g.add((f, PROV.wasDerivedFrom, source))
    return g


def to_dataset(extractions: list[Extraction] | tuple[Extraction, ...], resolution: Resolution,
               min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Dataset:
    """A Dataset with one named graph per report and the entities graph.

    Parameters
    ----------
    extractions : sequence of Extraction
        One per report (any order; graphs are keyed by report id).
    resolution : Resolution
        The merge of their entities.
    min_confidence : float
        The threshold of :func:`report_graph`.

    Returns
    -------
    rdflib.Dataset
        Named graphs ``graph:{report-id}`` and ``graph:entities``; the default graph is empty.
    """
    ds = Dataset()
    bind_prefixes(ds)
    for extraction in sorted(extractions, key=lambda e: e.report.report_id):
        named = ds.graph(report_graph_iri(extraction.report.report_id))
        for triple in report_graph(extraction, resolution, min_confidence):
            named.add(triple)
    named = ds.graph(ENTITIES_GRAPH)
    for triple in entities_graph(resolution):
        named.add(triple)
    return ds


def union_graph(dataset: Dataset) -> Graph:
    """All triples of all graphs of ``dataset`` in one Graph (what ``graph.ttl`` holds)."""
    g = bind_prefixes(Graph())
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
