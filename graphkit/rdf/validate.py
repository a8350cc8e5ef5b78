"""SHACL validation of graphkit's output against ontology/shapes.ttl.

SHACL Core runs in pyshacl. The shapes' SPARQL-based constraints (``sh:sparql`` with
``sh:select``, on ``sh:targetClass`` focus nodes) run on Oxigraph instead, with ``$this``
bound to each focus node: on rdflib's SPARQL engine they took nine tenths of validation time
(about 9 s of a generated 100 KB report's 10 s); on Oxigraph they take milliseconds. The
messages are the shapes' own, with ``{?var}`` filled in as pyshacl would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

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


@dataclass(frozen=True, slots=True)
class _SparqlConstraint:
    target: URIRef
    select: str
    message: str


@cache
def _split_shapes() -> tuple[Graph, tuple[_SparqlConstraint, ...]]:
    """SHACL Core shapes for pyshacl, and the SPARQL-based constraints for Oxigraph."""
    shapes = _shapes()
    core = Graph()
    constraints = []
    links = set(shapes.subject_objects(SH.sparql))
    for shape, node in sorted(links):
        header = "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
            for decl in shapes.objects(node, SH.prefixes) for d in shapes.objects(decl, SH.declare)
        )
        for target in sorted(shapes.objects(shape, SH.targetClass)):
            constraints.append(_SparqlConstraint(
                target, header + str(shapes.value(node, SH.select)),
                str(shapes.value(node, SH.message) or "does not conform"),
            ))
    for s, p, o in shapes:
        if p != SH.sparql:
            core.add((s, p, o))
    return core, tuple(constraints)


_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")


def _sparql_violations(graph: Graph) -> set[str]:
    """Run the SPARQL-based constraints on Oxigraph, ``$this`` bound to each focus node."""
    import pyoxigraph as ox

    from ..query.engine import from_ox, to_store

    _core, constraints = _split_shapes()
    if not constraints:
        return set()
    store = to_store(graph).store
    lines = set()
    for c in constraints:
        focus_nodes = [q.subject for q in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)),
                                                                   ox.NamedNode(str(c.target)), None)]
        for focus in focus_nodes:
            solutions = store.query(c.select, substitutions={ox.Variable("this"): focus})
            names = [v.value for v in solutions.variables]
            for row in solutions:
                values = {n: row[n] for n in names}
                message = _PLACEHOLDER.sub(
                    lambda m: _short(from_ox(values[m.group(1)])) if values.get(m.group(1)) is not None else m.group(0),
                    c.message)
                line = f"{_short(from_ox(focus))}: {message}"
                value = values.get("value")
                if value is not None:
                    line += f" (value {_short(from_ox(value))})"
                lines.add(line)
    return lines


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


def _ill_typed(graph: Graph) -> set[str]:
    """A line per literal whose text is not a value of its datatype (``"Age UK"^^xsd:integer``)."""
    return {f"{_short(s)}: {_short(p)}: {str(o)[:80]!r} is not a valid {_short(o.datatype)}"
            for s, p, o in graph if isinstance(o, Literal) and o.ill_typed}


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

    core, _constraints = _split_shapes()
    conforms, results, _text = shacl_validate(
        graph, shacl_graph=core, inference="none", advanced=False, allow_warnings=False
    )
    lines = _sparql_violations(graph) | _ill_typed(graph)
    if conforms:
        return sorted(lines)
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
