"""SHACL validation of graphkit's output against ontology/shapes.ttl."""

from __future__ import annotations

from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from ..errors import OntologyError
from ..resources import ontology_dir
from .namespace import PREFIXES

__all__ = ["validate", "shapes_graph"]


@cache
def _shapes() -> Graph:
    path = ontology_dir() / "shapes.ttl"
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise OntologyError(f"{path}: cannot read SHACL shapes ({exc})") from exc


def shapes_graph() -> Graph:
    """A copy of the SHACL shapes graph (ontology/shapes.ttl)."""
    g = Graph()
    for triple in _shapes():
        g.add(triple)
    return g


def _short(term) -> str:
    text = str(term)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>" if isinstance(term, URIRef) else f"\"{text}\""


def validate(graph: Graph) -> list[str]:
    """Check ``graph`` against the SHACL shapes; return one readable line per violation.

    Parameters
    ----------
    graph : rdflib.Graph
        A report graph, the entities graph or their union.

    Returns
    -------
    list of str
        Sorted lines ``focus node: path: message (value)``; empty when the graph conforms.

    Examples
    --------
    >>> from rdflib import Literal
    >>> from rdflib.namespace import RDF
    >>> from graphkit.rdf.namespace import GK, GKD
    >>> g = Graph().add((GKD["report/r/section/0"], RDF.type, GK.Section))
    >>> validate(g)
    ['gkd:report/r/section/0: gk:heading: section must have a gk:heading']
    """
    from pyshacl import validate as shacl_validate

    conforms, results, _text = shacl_validate(
        graph, shacl_graph=_shapes(), inference="none", advanced=False, allow_warnings=False
    )
    if conforms:
        return []
    lines = set()
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage) or "does not conform"
        line = f"{_short(focus)}: " + (f"{_short(path)}: " if path is not None else "") + str(message)
        if value is not None and value != focus:
            line += f" (value {_short(value)})"
        lines.add(line)
    return sorted(lines)
