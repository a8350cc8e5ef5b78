"""Join report graphs rendered in the workers into the build's documents and its store.

Each worker renders its report's named graph once (:func:`render_part`): the Turtle blocks of
the subjects only that report has (its report, section, fact, mention, sentence and quantity
nodes), the rows of subjects other graphs share (entities), its TriG section and its JSON-LD
item. The main process merges them (:class:`Assembly`), sorting only the shared rows, and
writes the same bytes :func:`graphkit.rdf.serialize` would write for the whole dataset.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from .namespace import GKD
from .serialize import (
    Row,
    jsonld_document,
    jsonld_item,
    rows_of,
    trig_document,
    trig_section,
    turtle_blocks,
    turtle_document,
)

__all__ = ["GraphPart", "render_part", "Assembly"]


@dataclass(frozen=True, slots=True)
class GraphPart:
    """One report's named graph, rendered (picklable, plain text)."""

    report_id: str
    graph: str  # the graph IRI in N-Triples syntax
    local: tuple[tuple[str, str], ...]  # (subject, Turtle block), sorted by subject
    shared: tuple[Row, ...]  # rows whose subjects other graphs may hold too
    trig: str  # the graph's section of the TriG document
    jsonld: str  # the graph's item of the JSON-LD document
    triples: int  # triples in the graph
    local_triples: int  # triples whose subject is local


def _local_prefix(report_id: str) -> str:
    return f"<{GKD}report/{report_id}"


def render_part(report_id: str, graph) -> GraphPart:
    """Render one report's named graph (an rdflib Graph named by its graph IRI)."""
    [(name, rows)] = rows_of(graph).items()
    prefix = _local_prefix(report_id)
    local_rows, shared = [], []
    for row in rows:
        s = row[0]
        if s.startswith(prefix) and s[len(prefix)] in "/>":
            local_rows.append(row)
        else:
            shared.append(row)
    return GraphPart(
        report_id=report_id,
        graph=name,
        local=tuple(turtle_blocks(local_rows)),
        shared=tuple(sorted(shared)),
        trig=trig_section(name, rows),
        jsonld=jsonld_item(name, rows),
        triples=len(rows),
        local_triples=len(local_rows),
    )


class Assembly:
    """All report parts plus the entities graph: the build's RDF documents.

    Parameters
    ----------
    parts : sequence of GraphPart
        One per report.
    entities : rdflib.Graph
        The entities graph (named by its IRI).
    """

    def __init__(self, parts, entities) -> None:
        self.parts = tuple(sorted(parts, key=lambda p: p.report_id))
        [(self._entities_name, self._entities_rows)] = rows_of(entities).items()
        shared: set[Row] = set(self._entities_rows)
        for part in self.parts:
            shared.update(part.shared)
        self._shared = shared
        self._memo: dict[str, bytes] = {}

    @property
    def triples(self) -> int:
        """Distinct triples of the union (what ``graph.ttl`` holds)."""
        return len(self._shared) + sum(p.local_triples for p in self.parts)

    def turtle(self) -> bytes:
        """``graph.ttl``: the union of all graphs."""
        if "ttl" not in self._memo:
            self._memo["ttl"] = self._turtle()
        return self._memo["ttl"]

    def trig(self) -> bytes:
        """``graph.trig``: one named graph per report plus the entities graph."""
        if "trig" not in self._memo:
            self._memo["trig"] = self._trig()
        return self._memo["trig"]

    def _turtle(self) -> bytes:
        streams = [turtle_blocks(self._shared)] + [p.local for p in self.parts]
        merged = heapq.merge(*streams, key=lambda sb: sb[0])
        return turtle_document(block for _, block in merged).encode("utf-8")

    def _trig(self) -> bytes:
        sections = [(p.graph, p.trig) for p in self.parts]
        sections.append((self._entities_name, trig_section(self._entities_name, self._entities_rows)))
        return trig_document(sections).encode("utf-8")

    def jsonld(self) -> bytes:
        """``graph.jsonld``: the same dataset as JSON-LD."""
        items = [(p.graph, p.jsonld) for p in self.parts]
        items.append((self._entities_name, jsonld_item(self._entities_name, self._entities_rows)))
        return jsonld_document((), items).encode("utf-8")

    def stores(self):
        """Two pyoxigraph stores: the named graphs (from the TriG document), and their union
        as a default graph (from the Turtle document), so each triple is in the union once."""
        import pyoxigraph as ox

        named, union = ox.Store(), ox.Store()
        named.bulk_load(self.trig(), format=ox.RdfFormat.TRIG)
        union.bulk_load(self.turtle(), format=ox.RdfFormat.TURTLE)
        return named, union

