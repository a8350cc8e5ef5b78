"""The graphkit vocabulary (``GK``), data namespace (``GKD``), prefixes and IRI minting.

``GK`` is generated from ``ontology/graphkit.ttl``; regenerate it with
``python -m graphkit.rdf.namespace`` instead of editing it by hand.
"""

from __future__ import annotations

import hashlib

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "GK",
    "GKD",
    "GRAPH",
    "GRAPH_BASE",
    "SCHEMA",
    "PREFIXES",
    "ENTITIES_GRAPH",
    "bind_prefixes",
    "entity_iri",
    "report_iri",
    "section_iri",
    "sentence_iri",
    "mention_iri",
    "quantity_iri",
    "fact_iri",
    "candidate_iri",
    "report_graph_iri",
    "reference_iri",
    "fact_hash",
]

GKD = Namespace("https://graphkit.example/id/")
GRAPH = Namespace("https://graphkit.example/graph/")
SCHEMA = Namespace("https://schema.org/")
ENTITIES_GRAPH = GRAPH["entities"]


class GK(DefinedNamespace):
    """Terms of ontology/graphkit.ttl; regenerate, do not edit by hand."""

    _fail = True
    _NS = Namespace("https://graphkit.example/ns#")

    Agreement: URIRef  # A formal agreement between parties, such as a section 75 agreement.
    Board: URIRef  # A governance body: a health and wellbeing board, safeguarding adults board, partnership board, executive, alliance, panel or forum with a decision or oversight role.
    Candidate: URIRef  # A relation extracted with a confidence below the build's threshold (or from a definitional or hedged sentence): recorded with its evidence and confidence for review, but its direct triple is not asserted.
    Entity: URIRef  # A named body, fund, scheme, strategy or agreement that reports mention; the superclass of the nine entity types.
    Fact: URIRef  # A qualified relation (in the manner of org:Membership): subject, predicate and object of one stated relation, with its evidence and provenance. Its direct triple is asserted in the graph.
    Fund: URIRef  # A named funding stream or pooled budget.
    LocalAuthority: URIRef  # A council with adult social care duties, or a neighbouring council named as a partner.
    Mention: URIRef  # A span of a report's plain text that names an entity.
    NHSBody: URIRef  # An integrated care board, clinical commissioning group, NHS trust or foundation trust, primary care network, integrated care system or partnership, or NHS England.
    PublicAgency: URIRef  # Another public body: police, fire service, prison, a national non-NHS body, or a public health team named as its own body.
    QualifiedRelation: URIRef  # A relation with its subject, predicate, object and provenance (in the manner of org:Membership): an asserted gk:Fact or an unasserted gk:Candidate.
    Quantity: URIRef  # A money amount, count, percentage, date or period stated in a report, and what it describes. Money amounts are also schema:MonetaryAmount.
    ReferenceDataset: URIRef  # Public reference data (such as ONS GSS or NHS ODS code lists) that a fact was taken from instead of a report.
    Report: URIRef  # One ingested CQC local authority assessment document; its plain text is what every offset indexes.
    Scheme: URIRef  # A named service, team, project, programme, hub, pathway, tool or initiative that delivers something.
    Section: URIRef  # A top-level part of a report: the summary, one of CQC's nine quality statements (with its theme and score), or an unrecognised heading.
    Sentence: URIRef  # A sentence of a report that states one or more facts: its text, offsets, number and section, stored once however many facts it states.
    Strategy: URIRef  # A named strategy, plan, statement, framework or national approach document.
    VoluntaryOrganisation: URIRef  # A charity, voluntary or community sector body, umbrella body, Healthwatch, social enterprise, or a provider named as an organisation.
    assesses: URIRef  # The council a report assesses.
    chairs: URIRef  # The subject (the organisation of the person in the role) chairs or vice-chairs the object board.
    commissions: URIRef  # The subject commissions the object (a service, provider or strategy).
    confidence: URIRef  # How far to trust an extracted relation, 0 to 1: the precision its rule reached on the development data, lowered by weak evidence (an anaphor, distant arguments) and capped for definitional or hedged sentences (docs/extraction.md).
    delivers: URIRef  # The subject runs, operates, leads or delivers the object scheme.
    describes: URIRef  # The entity or fact a quantity is about.
    end: URIRef  # End (exclusive) of a half-open span [start, end) of the report's plain text, in Unicode code points.
    evidence: URIRef  # The sentence that states a fact (its source: the sentence's gk:inReport is the report); its text and offsets are on the sentence.
    funds: URIRef  # The subject (a funder or fund) provides money to the object.
    heading: URIRef  # A section's heading as the report writes it.
    inReport: URIRef  # The report whose plain text a sentence, mention or quantity's offsets index.
    kind: URIRef  # The kind of a quantity: money, count, percent, date or period.
    memberOf: URIRef  # The subject sits on, is represented on, or is part of the object board or partnership.
    object: URIRef  # The entity at the other end of a fact.
    oversees: URIRef  # The subject has oversight, scrutiny or governance of the object.
    partOf: URIRef  # The subject is a structural part of the object (a team in a council, an ICB in an ICS, a council in a group of councils).
    partnersWith: URIRef  # The text states the two work in partnership, collaborate, or have a (good or poor) working relationship. Symmetric.
    partyTo: URIRef  # The subject is a party to the object agreement.
    predicate: URIRef  # The relation property (gk:partnersWith, gk:memberOf, ...) a fact states.
    qualityStatement: URIRef  # The canonical name of the CQC quality statement a section assesses.
    refersTo: URIRef  # The entity a mention names.
    rule: URIRef  # Id of the extraction rule that found a fact or mention (e.g. the frame funds.fund).
    score: URIRef  # CQC's score for a quality statement, 1-4: significant shortfalls, some shortfalls, a good standard, an exceptional standard.
    section: URIRef  # The report section a sentence belongs to.
    sectionIndex: URIRef  # The 0-based position of a section within its report.
    sentenceIndex: URIRef  # The 0-based number of a sentence within its report.
    sha256: URIRef  # Hex SHA-256 digest of the input file's bytes.
    start: URIRef  # Start of a half-open span [start, end) of the report's plain text, in Unicode code points from 0.
    subject: URIRef  # The entity a fact is about.
    text: URIRef  # The text of a sentence, mention or quantity, exactly the report's plain text between gk:start and gk:end.
    textLength: URIRef  # Length of the report's plain text in Unicode code points; every offset is at most this.
    textSha256: URIRef  # Hex SHA-256 digest of the report's plain text (UTF-8), as written to texts/<report-id>.txt.
    theme: URIRef  # The CQC theme of a quality statement: Working with people, Providing support, Ensuring safety, or Leadership.
    tone: URIRef  # How the evidence sentence judges the relation: positive, negative, mixed or neutral.
    unit: URIRef  # The unit of a quantity's value (GBP, people, organisations, %, ...).
    wordCount: URIRef  # Number of words in the report's plain text (runs of letters or digits, joined by inner apostrophes or hyphens); the analysis measures extraction coverage per 1,000 words with it.


#: Prefixes bound on every graph graphkit writes, sorted by prefix.
PREFIXES: dict[str, str] = {
    "dcterms": str(DCTERMS),
    "gk": str(GK),
    "gkd": str(GKD),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind graphkit's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
    return graph


def entity_iri(slug: str) -> URIRef:
    """IRI of a resolved entity: ``gkd:{slug}``."""
    return GKD[slug]


def report_iri(report_id: str) -> URIRef:
    """IRI of a report: ``gkd:report/{report-id}``."""
    return GKD[f"report/{report_id}"]


def section_iri(report_id: str, index: int) -> URIRef:
    """IRI of a report section: ``gkd:report/{report-id}/section/{n}``."""
    return GKD[f"report/{report_id}/section/{index}"]


def sentence_iri(report_id: str, index: int) -> URIRef:
    """IRI of a sentence that states a fact: ``gkd:report/{report-id}/sentence/{index}``."""
    return GKD[f"report/{report_id}/sentence/{index}"]


def mention_iri(report_id: str, start: int, end: int) -> URIRef:
    """IRI of a mention: ``gkd:report/{report-id}/mention/{start}-{end}``."""
    return GKD[f"report/{report_id}/mention/{start}-{end}"]


def quantity_iri(report_id: str, start: int, end: int) -> URIRef:
    """IRI of a quantity: ``gkd:report/{report-id}/quantity/{start}-{end}``."""
    return GKD[f"report/{report_id}/quantity/{start}-{end}"]


def fact_hash(subject: str, predicate: str, obj: str, start: int, end: int) -> str:
    """First 16 hex digits of sha1 over ``subject|predicate|object|start|end``."""
    key = f"{subject}|{predicate}|{obj}|{start}|{end}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def fact_iri(report_id: str, subject: str, predicate: str, obj: str, start: int, end: int) -> URIRef:
    """IRI of a fact: ``gkd:report/{report-id}/fact/{hash}`` over the local keys and offsets."""
    return GKD[f"report/{report_id}/fact/{fact_hash(subject, predicate, obj, start, end)}"]


def candidate_iri(report_id: str, subject: str, predicate: str, obj: str, start: int, end: int) -> URIRef:
    """IRI of a candidate (an unasserted fact): ``gkd:report/{report-id}/candidate/{hash}``, hashed as a fact."""
    return GKD[f"report/{report_id}/candidate/{fact_hash(subject, predicate, obj, start, end)}"]


def report_graph_iri(report_id: str) -> URIRef:
    """IRI of a report's named graph: ``https://graphkit.example/graph/{report-id}``."""
    return GRAPH[report_id]


def reference_iri(name: str) -> URIRef:
    """IRI of a reference-data node: ``gkd:reference/{name}``."""
    return GKD[f"reference/{name}"]


def _generate() -> str:
    """Python source of the ``GK`` class body, from ontology/graphkit.ttl."""
    from ..resources import ontology_dir

    g = Graph().parse(ontology_dir() / "graphkit.ttl")
    ns = "https://graphkit.example/ns#"
    lines = []
    for term in sorted({s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}):
        name = str(term)[len(ns):]
        if not name:
            continue
        comment = g.value(term, RDFS.comment)
        lines.append(f"    {name}: URIRef  # {comment}")
    return "\n".join(sorted(lines, key=lambda line: (not line.strip()[0].isupper(), line)))


if __name__ == "__main__":  # pragma: no cover
    print(_generate())

#: Base IRI of the named graphs (``GRAPH_BASE + report_id``).
GRAPH_BASE: str = str(GRAPH)
