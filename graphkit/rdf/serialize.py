"""Deterministic writers: sorted Turtle, TriG, N-Triples, N-Quads and JSON-LD.

rdflib's own serializers follow the store's iteration order, which depends on Python's
per-process string hashing, so graphkit writes every format itself: subjects, predicates
and objects are sorted, prefixes are fixed, and the bytes are identical across runs and
processes. graphkit's graphs have no blank nodes; any that appear are written by label.
"""

from __future__ import annotations

import json
import re

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD

from ..errors import GraphkitError
from .namespace import PREFIXES

__all__ = ["serialize", "FORMATS"]

FORMATS: tuple[str, ...] = ("ttl", "trig", "nt", "nq", "jsonld")

_LOCAL = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STR_ESCAPE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_STR_SPECIAL = re.compile(r'[\\"\n\r\t\x00-\x1f\x7f]')

Quad = tuple  # (s, p, o, graph IRI or None)


def _escape_char(m: re.Match) -> str:
    ch = m.group()
    return _STR_ESCAPE.get(ch) or f"\\u{ord(ch):04X}"


def _iri(term: str) -> str:
    return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", term) + ">"


def _curie(term: str) -> str | None:
    for prefix, ns in _BY_LENGTH:
        if term.startswith(ns) and _LOCAL.fullmatch(term[len(ns):]):
            return f"{prefix}:{term[len(ns):]}"
    return None


def _string(lexical: str) -> str:
    return '"' + _STR_SPECIAL.sub(_escape_char, lexical) + '"'


def _term(term, pretty: bool) -> str:
    """One term as Turtle (``pretty``: prefixed names, bare integers) or N-Triples."""
    if isinstance(term, URIRef):
        return (pretty and _curie(str(term))) or _iri(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        lexical = str(term)
        if term.language:
            return f"{_string(lexical)}@{term.language}"
        if term.datatype is None or term.datatype == XSD.string:
            return _string(lexical)
        if pretty and term.datatype == XSD.integer and _INTEGER.fullmatch(lexical):
            return lexical
        return f"{_string(lexical)}^^{_term(term.datatype, pretty)}"
    raise GraphkitError(f"cannot serialize RDF term {term!r}")


def _order(term) -> tuple:
    """Sort key: IRIs, then blank nodes, then literals; by value, datatype and language."""
    if isinstance(term, URIRef):
        return (0, str(term), "", "")
    if isinstance(term, BNode):
        return (1, str(term), "", "")
    return (2, str(term), str(term.datatype or ""), term.language or "")


def _quads(data: Graph | Dataset) -> list[Quad]:
    """All quads, graph None for the default graph (or a Graph without an IRI name)."""
    if isinstance(data, Dataset):
        out = []
        for s, p, o, g in data.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            out.append((s, p, o, None if name in (None, DATASET_DEFAULT_GRAPH_ID) else name))
        return out
    name = data.identifier if isinstance(data.identifier, URIRef) else None
    return [(s, p, o, name) for s, p, o in data]


def _prefix_block() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())


def _turtle_block(triples: list[tuple], indent: str) -> str:
    by_subject: dict = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, set()).add(o)
    chunks = []
    for s in sorted(by_subject, key=_order):
        preds = sorted(by_subject[s], key=lambda p: (p != RDF.type, _order(p)))
        lines = []
        for p in preds:
            name = "a" if p == RDF.type else _term(p, True)
            objects = sorted(by_subject[s][p], key=_order)
            joined = f",\n{indent}        ".join(_term(o, True) for o in objects)
            lines.append(f"{indent}    {name} {joined}")
        chunks.append(f"{indent}{_term(s, True)}\n" + " ;\n".join(lines) + " .\n")
    return "\n".join(chunks)


def _turtle(quads: list[Quad]) -> str:
    triples = {(s, p, o) for s, p, o, _ in quads}
    body = _turtle_block(list(triples), "")
    return _prefix_block() + ("\n" + body if body else "")


def _trig(quads: list[Quad]) -> str:
    graphs: dict = {}
    for s, p, o, g in quads:
        graphs.setdefault(g, set()).add((s, p, o))
    parts = [_prefix_block()]
    for g in sorted(graphs, key=lambda g: (g is not None, str(g))):
        head = "{" if g is None else f"{_term(g, True)} {{"
        parts.append(f"\n{head}\n{_turtle_block(list(graphs[g]), '    ')}}}\n")
    return "".join(parts)


def _lines(quads: list[Quad], with_graph: bool) -> str:
    rows = set()
    for s, p, o, g in quads:
        cells = [_term(s, False), _term(p, False), _term(o, False)]
        if with_graph and g is not None:
            cells.append(_term(g, False))
        rows.add(" ".join(cells) + " .\n")
    return "".join(sorted(rows))


def _compact(term: str) -> str:
    for prefix, ns in _BY_LENGTH:
        if term.startswith(ns) and not term[len(ns):].startswith("//"):
            return f"{prefix}:{term[len(ns):]}"
    return term


def _json_value(term) -> dict:
    if isinstance(term, URIRef):
        return {"@id": _compact(str(term))}
    if isinstance(term, BNode):
        return {"@id": f"_:{term}"}
    value: dict = {"@value": str(term)}
    if term.language:
        value["@language"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        value["@type"] = _compact(str(term.datatype))
    return value


def _json_nodes(triples: set) -> list[dict]:
    nodes: dict = {}
    for s, p, o in triples:
        node = nodes.setdefault(s, {"@id": _json_value(s)["@id"]})
        if p == RDF.type and isinstance(o, URIRef):
            node.setdefault("@type", []).append(_compact(str(o)))
        else:
            node.setdefault(_compact(str(p)), []).append(_json_value(o))
    for node in nodes.values():
        for key, values in node.items():
            if isinstance(values, list):
                values.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return [nodes[s] for s in sorted(nodes, key=_order)]


def _jsonld(quads: list[Quad]) -> str:
    graphs: dict = {}
    for s, p, o, g in quads:
        graphs.setdefault(g, set()).add((s, p, o))
    top: list[dict] = _json_nodes(graphs.pop(None, set()))
    for g in sorted(graphs, key=str):
        top.append({"@id": _compact(str(g)), "@graph": _json_nodes(graphs[g])})
    doc = {"@context": dict(PREFIXES), "@graph": top}
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def serialize(data: Graph | Dataset, fmt: str) -> bytes:
    """Write a graph or dataset deterministically, as UTF-8 bytes.

    Parameters
    ----------
    data : rdflib.Graph or rdflib.Dataset
        A Dataset keeps its named graphs in ``trig``, ``nq`` and ``jsonld``; ``ttl`` and
        ``nt`` write the union. A Graph named by an IRI is that one named graph there.
    fmt : {"ttl", "trig", "nt", "nq", "jsonld"}
        Output format.

    Returns
    -------
    bytes
        Sorted output, byte-identical for equal input in any process.

    Raises
    ------
    GraphkitError
        When ``fmt`` is not one of ``FORMATS``.

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> from graphkit.rdf.namespace import GK, GKD
    >>> g = Graph().add((GKD["age-uk"], GK.text, Literal("Age UK")))
    >>> print(serialize(g, "nt").decode(), end="")
    <https://graphkit.example/id/age-uk> <https://graphkit.example/ns#text> "Age UK" .
    """
    quads = _quads(data)
    if fmt == "ttl":
        text = _turtle(quads)
    elif fmt == "trig":
        text = _trig(quads)
    elif fmt == "nt":
        text = _lines(quads, with_graph=False)
    elif fmt == "nq":
        text = _lines(quads, with_graph=True)
    elif fmt == "jsonld":
        text = _jsonld(quads)
    else:
        raise GraphkitError(f"unknown RDF format {fmt!r}; choose from: {', '.join(FORMATS)}")
    return text.encode("utf-8")
