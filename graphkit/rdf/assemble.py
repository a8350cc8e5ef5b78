"""Join report graphs rendered in the workers into the build's documents and its store.

Each worker renders its report's named graph once (:func:`render_part`): the Turtle blocks of
the subjects only that report has (its report, section, fact, mention, sentence and quantity
nodes), the rows of subjects other graphs share (entities), its TriG section and its JSON-LD
item. The main process merges them (:class:`Assembly`), sorting only the shared rows, and
writes the same bytes :func:`graphkit.rdf.serialize` would write for the whole dataset.
"""

from __future__ import annotations

import heapq
import shutil
import tempfile
import weakref
from pathlib import Path
from dataclasses import dataclass

from .namespace import GKD
from .serialize import (
    Row,
    jsonld_document,
    jsonld_item,
    trig_open,
    rows_of,
    trig_document,
    trig_section,
    turtle_blocks,
    turtle_document,
)

__all__ = ["GraphPart", "render_part", "render_rows", "Assembly", "ON_DISK"]

#: Above this many triples the build's store lives on disk (in memory it costs ~400 bytes a triple).
ON_DISK = 200_000


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
    return render_rows(report_id, name, rows)


def render_rows(report_id: str, graph: str, rows: set[Row]) -> GraphPart:
    """Render one report's named graph from its rows; each subject's block is written once
    and serves both the Turtle (unindented) and the TriG section (indented)."""
    prefix = _local_prefix(report_id)
    blocks = turtle_blocks(rows)
    local, shared_subjects = [], set()
    for s, block in blocks:
        if s.startswith(prefix) and s[len(prefix)] in "/>":
            local.append((s, block))
        else:
            shared_subjects.add(s)
    shared = sorted(row for row in rows if row[0] in shared_subjects)
    body = "\n".join("    " + block[:-1].replace("\n", "\n    ") + "\n" for _, block in blocks)
    return GraphPart(
        report_id=report_id,
        graph=graph,
        local=tuple(local),
        shared=tuple(shared),
        trig=trig_open(graph) + body + "}\n",
        jsonld=jsonld_item(graph, rows),
        triples=len(rows),
        local_triples=len(rows) - len(shared),
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
        self._paths: dict[str, Path] = {}
        self._triples = len(shared) + sum(p.local_triples for p in self.parts)

    @property
    def triples(self) -> int:
        """Distinct triples of the union (what ``graph.ttl`` holds)."""
        return self._triples

    def render(self, owner: object) -> None:
        """Write the three documents to files of a temporary folder (removed when ``owner``
        is garbage-collected, or at exit) and let the parts go: the documents never sit in
        memory whole, and ``graph.ttl`` is what the store is loaded from."""
        from .serialize import write_jsonld, write_trig, write_turtle

        folder = Path(tempfile.mkdtemp(prefix="graphkit-rdf-"))
        weakref.finalize(owner, shutil.rmtree, str(folder), True)
        paths = {fmt: folder / f"graph.{fmt}" for fmt in ("ttl", "trig", "jsonld")}
        with open(paths["ttl"], "wb") as fh:
            write_turtle(fh, (block for _, block in self._merged_blocks()))
        self._shared = set()
        with open(paths["trig"], "wb") as fh:
            write_trig(fh, self._trig_sections())
        with open(paths["jsonld"], "wb") as fh:
            write_jsonld(fh, self._jsonld_items())
        self.parts = ()
        self._paths = paths

    def path(self, fmt: str) -> Path:
        """The file of a document (``ttl``, ``trig`` or ``jsonld``) written by ``render``."""
        if not self._paths:
            raise ValueError("the documents are not rendered yet; call render() first")
        return self._paths[fmt]

    def _document(self, fmt: str, make) -> bytes:
        if self._paths:
            return self._paths[fmt].read_bytes()
        return make()

    def turtle(self) -> bytes:
        """``graph.ttl``: the union of all graphs."""
        return self._document("ttl", self._turtle)

    def trig(self) -> bytes:
        """``graph.trig``: one named graph per report plus the entities graph."""
        return self._document("trig", self._trig)

    def _merged_blocks(self):
        streams = [turtle_blocks(self._shared)] + [p.local for p in self.parts]
        return heapq.merge(*streams, key=lambda sb: sb[0])

    def _trig_sections(self) -> list[tuple[str, str]]:
        sections = [(p.graph, p.trig) for p in self.parts]
        sections.append((self._entities_name, trig_section(self._entities_name, self._entities_rows)))
        return sections

    def _jsonld_items(self) -> list[tuple[str, str]]:
        items = [(p.graph, p.jsonld) for p in self.parts]
        items.append((self._entities_name, jsonld_item(self._entities_name, self._entities_rows)))
        return items

    def _turtle(self) -> bytes:
        return turtle_document(block for _, block in self._merged_blocks())

    def _trig(self) -> bytes:
        return trig_document(self._trig_sections())

    def jsonld(self) -> bytes:
        """``graph.jsonld``: the same dataset as JSON-LD."""
        return self._document("jsonld", lambda: jsonld_document((), self._jsonld_items()))

    def named_store(self):
        """A pyoxigraph Store of the named graphs, in memory (loaded from the TriG document)."""
        import pyoxigraph as ox

        store = ox.Store()
        if self._paths:
            store.bulk_load(path=str(self._paths["trig"]), format=ox.RdfFormat.TRIG)
        else:
            store.bulk_load(self.trig(), format=ox.RdfFormat.TRIG)
        return store

    def union_store(self, owner: object) -> object:
        """A pyoxigraph Store whose default graph is the union of all graphs (from the Turtle
        document, so each triple is there once). Above ``ON_DISK`` triples it lives in a
        temporary folder (RocksDB), removed when ``owner`` is garbage-collected or at exit."""
        import pyoxigraph as ox

        if self.triples <= ON_DISK:
            store = ox.Store()
        else:
            folder = tempfile.mkdtemp(prefix="graphkit-store-")
            store = ox.Store(folder)
            weakref.finalize(owner, shutil.rmtree, folder, True)
        if self._paths:
            store.bulk_load(path=str(self._paths["ttl"]), format=ox.RdfFormat.TURTLE)
        else:
            store.bulk_load(self.turtle(), format=ox.RdfFormat.TURTLE)
        return store
