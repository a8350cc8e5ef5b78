"""RDF: the graphkit vocabulary, one named graph per report, deterministic output, SHACL.

::

    report_graph(extraction, resolution) -> Graph     one report's named graph
    entities_graph(resolution) -> Graph               resolved entities, reference facts
    to_dataset(extractions, resolution) -> Dataset    all named graphs
    union_graph(dataset) -> Graph                     what graph.ttl holds
    serialize(data, fmt) -> bytes                     ttl | trig | nt | nq | jsonld, sorted
    validate(graph) -> list[str]                      SHACL violations, empty when it conforms
"""

from __future__ import annotations

from .build import CURATOR, entities_graph, report_graph, to_dataset, union_graph
from .namespace import (
    ENTITIES_GRAPH,
    GK,
    GKD,
    GRAPH,
    GRAPH_BASE,
    PREFIXES,
    SCHEMA,
    bind_prefixes,
    entity_iri,
    fact_iri,
    mention_iri,
    report_graph_iri,
    report_iri,
    section_iri,
    sentence_iri,
)
from .serialize import FORMATS, serialize
from .slug import slugify
from .validate import validate

__all__ = [
    "CURATOR",
    "ENTITIES_GRAPH",
    "FORMATS",
    "GK",
    "GKD",
    "GRAPH",
    "GRAPH_BASE",
    "PREFIXES",
    "SCHEMA",
    "bind_prefixes",
    "entities_graph",
    "entity_iri",
    "fact_iri",
    "mention_iri",
    "report_graph",
    "report_graph_iri",
    "report_iri",
    "section_iri",
    "sentence_iri",
    "serialize",
    "slugify",
    "to_dataset",
    "union_graph",
    "validate",
]
