"""Read and check a built graph file before anything is sent: one N-Triples document per named graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import RDF

from ..rdf.namespace import GK
from .errors import PushError

__all__ = ["GraphPart", "Payload", "read_payload"]

_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_REPORT = ox.NamedNode(str(GK.Report))


@dataclass(frozen=True, slots=True)
class GraphPart:
    """One named graph to send: its IRI, its triples as N-Triples and how many there are."""

    name: ox.NamedNode
    ntriples: bytes
    triples: int


@dataclass(frozen=True, slots=True)
class Payload:
    """Every named graph of a graph file, sorted by IRI, checked and ready to send."""

    source: str
    parts: tuple[GraphPart, ...]

    @property
    def triples(self) -> int:
        """Triples over all graphs (a triple in two graphs counts twice, as the store holds it)."""
        return sum(p.triples for p in self.parts)


def read_payload(path: str | Path, *, shacl: bool = False) -> Payload:
    """Parse a built ``graph.trig`` (or ``.nq``) and check it; raise PushError naming the file if it fails.

    Checks: the file parses; every triple is in a named graph whose name is an IRI; some graph
    holds a ``gk:Report`` (the file is a graph graphkit built); with ``shacl``, the union of the
    graphs conforms to ``ontology/shapes.ttl`` (as ``graphkit validate`` checks it).
    """
    p = Path(path)
    fmt = _FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise _refused(p, f"push needs named graphs: give a graph.trig or .nq file, not {p.suffix or 'no suffix'!r}")
    store = ox.Store()
    try:
        store.load(path=str(p), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise _refused(p, f"not valid {fmt.name}: {first}") from exc
    default = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if default:
        raise _refused(p, f"{default} triples are outside any named graph; push sends named graphs only")
    names = sorted(store.named_graphs(), key=str)
    blank = [g for g in names if not isinstance(g, ox.NamedNode)]
    if blank:
        raise _refused(p, f"graph {blank[0]} is named by a blank node; a store needs an IRI for each graph")
    if not any(True for _ in store.quads_for_pattern(None, _RDF_TYPE, _REPORT, None)):
        raise _refused(p, "holds no gk:Report, so it is not a graph graphkit built")
    if shacl:
        _check_shapes(p)
    parts = []
    for name in names:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        if data:
            parts.append(GraphPart(name, data, data.count(b"\n")))
    return Payload(str(p), tuple(parts))


def _refused(path: Path, problem: str) -> PushError:
    return PushError(str(path), f"{problem}; nothing sent")


def _check_shapes(path: Path) -> None:
    """Raise PushError when the union of the file's graphs does not conform to the shapes."""
    from ..loading import load_dataset
    from ..rdf import union_graph, validate

    violations = validate(union_graph(load_dataset(path)))
    if violations:
        raise _refused(path, f"{len(violations)} shape violations (first: {violations[0]})")
