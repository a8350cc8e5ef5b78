"""Read each report's named graph back, by SPARQL, into the gold annotation format."""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..rdf.namespace import ENTITIES_GRAPH, GK, GKD

__all__ = ["read_back", "EVIDENCE_CHARS"]

#: Gold evidence is a snippet of at most this many characters.
EVIDENCE_CHARS = 200

_PREFIXES = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX gk: <https://graphkit.example/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_REPORT = _PREFIXES + """
SELECT ?id ?council WHERE {
    ?report a gk:Report ; dcterms:identifier ?id .
    OPTIONAL { ?report gk:assesses ?c . ?c rdfs:label ?council }
} ORDER BY ?id ?council
"""

_ENTITIES = _PREFIXES + """
SELECT ?entity ?type ?label WHERE {
    ?entity rdfs:label ?label ; a ?type .
    VALUES ?type { gk:LocalAuthority gk:NHSBody gk:Board gk:VoluntaryOrganisation gk:PublicAgency
                   gk:Fund gk:Scheme gk:Strategy gk:Agreement }
} ORDER BY ?entity ?type ?label
"""

_ALIASES = _PREFIXES + """
SELECT ?entity ?alias WHERE { ?entity rdfs:label ?l ; skos:altLabel ?alias . } ORDER BY ?entity ?alias
"""

_RELATIONS = _PREFIXES + """
SELECT ?s ?p ?o ?start ?sentence WHERE {
    VALUES ?p { gk:partnersWith gk:memberOf gk:chairs gk:funds gk:commissions
                gk:delivers gk:oversees gk:partyTo gk:partOf }
    ?s ?p ?o .
    OPTIONAL {
        ?fact a gk:Fact ; gk:subject ?s ; gk:predicate ?p ; gk:object ?o ; gk:evidence ?e .
        ?e gk:start ?start ; gk:text ?sentence .
    }
} ORDER BY ?s ?p ?o ?start
"""


def _slug(iri) -> str:
    text = str(iri)
    return text[len(str(GKD)):] if text.startswith(str(GKD)) else text


def _fullest(names: list[str]) -> str:
    return sorted(names, key=lambda n: (-len(n), n))[0]


def _read_graph(g: Graph) -> dict | None:
    reports = list(g.query(_REPORT))
    if not reports:
        return None
    report_id = str(reports[0][0])
    councils = sorted({str(row[1]) for row in reports if row[1] is not None})
    council = _fullest(councils) if councils else ""

    types: dict[str, str] = {}
    labels: dict[str, list[str]] = {}
    for entity, type_, label in g.query(_ENTITIES):
        key = _slug(entity)
        types.setdefault(key, str(type_)[len(str(GK)):])
        labels.setdefault(key, []).append(str(label))
    aliases: dict[str, set[str]] = {}
    for entity, alias in g.query(_ALIASES):
        aliases.setdefault(_slug(entity), set()).add(str(alias))
    entities = []
    for key in sorted(types):
        name = _fullest(labels[key])
        others = (aliases.get(key, set()) | set(labels[key])) - {name}
        entities.append({"id": key, "name": name, "type": types[key], "aliases": sorted(others)})

    relations, seen = [], set()
    for s, p, o, _start, sentence in g.query(_RELATIONS):
        pred = str(p)[len(str(GK)):]
        s_id, o_id = _slug(s), _slug(o)
        key = (pred, *sorted((s_id, o_id))) if pred == "partnersWith" else (pred, s_id, o_id)
        if key in seen:
            continue
        seen.add(key)
        evidence = str(sentence)[:EVIDENCE_CHARS] if sentence is not None else ""
        relations.append({"s": s_id, "p": pred, "o": o_id, "evidence": evidence})
    relations.sort(key=lambda r: (r["s"], r["p"], r["o"]))
    return {"report": report_id, "council": council, "entities": entities, "relations": relations}


def read_back(dataset: Dataset) -> dict[str, dict]:
    """Each report's named graph as a gold-format dict, read by SPARQL.

    Parameters
    ----------
    dataset : rdflib.Dataset
        As built by ``graphkit.rdf.to_dataset`` or parsed from ``graph.trig``.

    Returns
    -------
    dict
        Report id -> ``{"report", "council", "entities": [{"id", "name", "type", "aliases"}],
        "relations": [{"s", "p", "o", "evidence"}]}``. ``name`` is the ``rdfs:label`` of that
        report's graph; ``evidence`` the fact's sentence cut to 200 characters. The entities
        graph (and so reference-data facts) is never read.
    """
    out = {}
    for g in dataset.graphs():
        if not isinstance(g.identifier, URIRef) or g.identifier in (ENTITIES_GRAPH, DATASET_DEFAULT_GRAPH_ID):
            continue
        doc = _read_graph(g)
        if doc is not None:
            out[doc["report"]] = doc
    return dict(sorted(out.items()))
