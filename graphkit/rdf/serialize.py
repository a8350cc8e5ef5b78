"""Deterministic writers: sorted Turtle, TriG, N-Triples, N-Quads and JSON-LD.

rdflib's own serializers follow the store's iteration order, which depends on Python's
per-process string hashing, so graphkit writes every format itself from *rows*: each term in
its N-Triples form, subjects, predicates (``rdf:type`` first) and objects sorted by that form,
graphs by their IRI. Prefixes are fixed, and the bytes are identical across runs, processes
and engines (an rdflib graph, a pyoxigraph store or the pre-rendered parts of a build give the
same output). graphkit's graphs have no blank nodes; any that appear are written by label.

A build renders each report's graph in its worker (:func:`render_graph`) and joins the parts
(:mod:`graphkit.rdf.assemble`); :func:`serialize` renders any graph in one go. Both go through
the same block writers here, so they agree byte for byte.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from rdflib import URIRef

from ..errors import GraphkitError
from .namespace import PREFIXES

__all__ = [
    "serialize",
    "FORMATS",
    "Row",
    "rows_of",
    "nt_rows",
    "nt_term",
    "turtle_blocks",
    "turtle_document",
    "trig_document",
    "trig_open",
    "trig_section",
    "jsonld_document",
    "jsonld_item",
    "lines_document",
    "prefix_block",
]

FORMATS: tuple[str, ...] = ("ttl", "trig", "nt", "nq", "jsonld")

#: (subject, predicate, object), each in N-Triples syntax.
Row = tuple[str, str, str]

_LOCAL = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STR_ESCAPE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_STR_SPECIAL = re.compile(r'[\\"\n\r\t\x00-\x1f\x7f]')
_LITERAL = re.compile(r'("(?:[^"\\]|\\.)*")(?:\^\^<([^>]*)>|@(.+))?\Z', re.S)

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_INTEGER_SUFFIX = '"^^<http://www.w3.org/2001/XMLSchema#integer>'


def _escape_char(m: re.Match) -> str:
    ch = m.group()
    return _STR_ESCAPE.get(ch) or f"\\u{ord(ch):04X}"


def nt_iri(iri: str) -> str:
    """An IRI in N-Triples syntax."""
    return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"


def nt_string(lexical: str) -> str:
    """A quoted string in N-Triples (and Turtle) syntax."""
    return '"' + _STR_SPECIAL.sub(_escape_char, lexical) + '"'


def nt_literal(lexical: str, datatype: str | None = None, language: str | None = None) -> str:
    """A literal in N-Triples syntax; ``xsd:string`` is written as a plain string."""
    if language:
        return f"{nt_string(lexical)}@{language}"
    if datatype is None or datatype == XSD_STRING:
        return nt_string(lexical)
    return f"{nt_string(lexical)}^^{nt_iri(datatype)}"


def nt_term(term) -> str:
    """One rdflib or pyoxigraph term in N-Triples syntax (the same text for equal terms)."""
    if type(term) is URIRef:
        return nt_iri(term)
    kind = type(term).__name__
    if kind in ("URIRef", "NamedNode"):
        return nt_iri(str(term) if kind == "URIRef" else term.value)
    if kind == "BNode":
        return f"_:{term}"
    if kind == "BlankNode":
        return f"_:{term.value}"
    if kind == "Literal":
        if hasattr(term, "value") and not hasattr(term, "toPython"):  # pyoxigraph
            return nt_literal(term.value, term.datatype.value, term.language)
        return nt_literal(str(term), str(term.datatype) if term.datatype else None, term.language)
    raise GraphkitError(f"cannot serialize RDF term {term!r}")


def _memo_nt():
    """``nt_term`` with a memo: IRIs and many literals repeat across a graph's triples."""
    cache: dict = {}

    def term(t) -> str:
        text = cache.get(t)
        if text is None:
            text = cache[t] = nt_term(t)
        return text

    return term


def nt_rows(triples) -> set[Row]:
    """Triples of rdflib (or pyoxigraph) terms as rows of N-Triples text."""
    term = _memo_nt()
    return {(term(s), term(p), term(o)) for s, p, o in triples}


def _graph_nt(name) -> str | None:
    """The N-Triples form of a graph name, None for the default graph."""
    if name is None:
        return None
    kind = type(name).__name__
    if kind in ("DefaultGraph",):
        return None
    text = str(name) if kind in ("URIRef", "BNode") else getattr(name, "value", str(name))
    if text == "urn:x-rdflib:default":
        return None
    return nt_term(name)


def rows_of(data) -> dict[str | None, set[Row]]:
    """The rows of an rdflib Graph or Dataset, or a pyoxigraph Store, by graph (None: default).

    A Graph named by an IRI is that one named graph; other Graphs are the default graph.
    """
    from rdflib import Graph, URIRef
    from rdflib.graph import ConjunctiveGraph

    graphs: dict[str | None, set[Row]] = {}
    term = _memo_nt()

    kind = type(data).__name__
    if kind == "Store":  # pyoxigraph
        for q in data:
            g = _graph_nt(q.graph_name)
            graphs.setdefault(g, set()).add((term(q.subject), term(q.predicate), term(q.object)))
        return graphs
    if isinstance(data, ConjunctiveGraph):
        for s, p, o, g in data.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            graphs.setdefault(_graph_nt(name), set()).add((term(s), term(p), term(o)))
        return graphs
    if isinstance(data, Graph):
        name = _graph_nt(data.identifier) if isinstance(data.identifier, URIRef) else None
        graphs[name] = {(term(s), term(p), term(o)) for s, p, o in data}
        return graphs
    raise GraphkitError(f"cannot serialize {type(data).__name__}; give an rdflib Graph or Dataset")


# --- Turtle and TriG ---------------------------------------------------------------------


def prefix_block() -> str:
    """The ``@prefix`` lines every Turtle and TriG document starts with."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())


class _Pretty:
    """Turtle forms of N-Triples terms: prefixed names and bare integers, memoised."""

    def __init__(self) -> None:
        self._iris: dict[str, str] = {}

    def iri(self, nt: str) -> str:
        out = self._iris.get(nt)
        if out is None:
            out = nt
            iri = nt[1:-1]
            for prefix, ns in _BY_LENGTH:
                if iri.startswith(ns) and _LOCAL.fullmatch(iri, len(ns)):
                    out = f"{prefix}:{iri[len(ns):]}"
                    break
            self._iris[nt] = out
        return out

    def term(self, nt: str) -> str:
        if nt[0] == "<":
            return self.iri(nt)
        if nt[0] == '"' and nt[-1] == ">":
            if nt.endswith(_INTEGER_SUFFIX):
                lexical = nt[1: -len(_INTEGER_SUFFIX)]
                if _INTEGER.fullmatch(lexical):
                    return lexical
            cut = nt.rindex("^^<")
            return nt[:cut + 2] + self.iri(nt[cut + 2:])
        return nt


_PRETTY = _Pretty()


def _by_subject(rows: Iterable[Row]) -> dict[str, dict[str, list[str]]]:
    subjects: dict[str, dict[str, list[str]]] = {}
    for s, p, o in rows:
        subjects.setdefault(s, {}).setdefault(p, []).append(o)
    return subjects


def _predicate_key(p: str) -> tuple[bool, str]:
    return (p != RDF_TYPE, p)


def _block(s: str, preds: dict[str, list[str]], indent: str) -> str:
    pretty = _PRETTY
    lines = []
    sep = f",\n{indent}        "
    for p in sorted(preds, key=_predicate_key):
        name = "a" if p == RDF_TYPE else pretty.iri(p)
        objects = sorted(set(preds[p]))
        lines.append(f"{indent}    {name} {sep.join(pretty.term(o) for o in objects)}")
    return f"{indent}{pretty.term(s)}\n" + " ;\n".join(lines) + " .\n"


def turtle_blocks(rows: Iterable[Row], indent: str = "") -> list[tuple[str, str]]:
    """``(subject, block)`` pairs, sorted by subject: one Turtle statement per subject."""
    subjects = _by_subject(rows)
    return [(s, _block(s, subjects[s], indent)) for s in sorted(subjects)]


def _join_blocks(blocks: Iterable[str]) -> str:
    return "\n".join(blocks)


def write_turtle(fh, blocks: Iterable[str]) -> None:
    """Write :func:`turtle_document`'s bytes to a binary file, block by block."""
    fh.write(prefix_block().encode("utf-8"))
    for block in blocks:
        fh.write(b"\n")
        fh.write(block.encode("utf-8"))


def write_trig(fh, sections: Iterable[tuple[str | None, str]]) -> None:
    """Write :func:`trig_document`'s bytes to a binary file, section by section."""
    fh.write(prefix_block().encode("utf-8"))
    for _, section in sorted(sections, key=lambda gs: _graph_order(gs[0])):
        fh.write(section.encode("utf-8"))


def write_jsonld(fh, items: Iterable[tuple[str, str]]) -> None:
    """Write :func:`jsonld_document`'s bytes (no default-graph nodes) to a binary file."""
    ordered = sorted(items, key=lambda gi: _unescape_iri(gi[0]))
    fh.write(f'{{"@context":{_compact_json(dict(PREFIXES))},\n"@graph":['.encode("utf-8"))
    for i, (_, item) in enumerate(ordered):
        fh.write(b"\n  " if i == 0 else b",\n  ")
        fh.write(item.encode("utf-8"))
    fh.write(b"\n]}\n" if ordered else b"]}\n")


def turtle_document(blocks: Iterable[str]) -> bytes:
    """A Turtle document (UTF-8) from sorted subject blocks (rendered with no indent).

    Built from encoded pieces, never one document-sized str (which would take two or four
    bytes a character as soon as one character needs it)."""
    body = b"\n".join(block.encode("utf-8") for block in blocks)
    return prefix_block().encode("utf-8") + (b"\n" + body if body else b"")


def trig_open(graph: str | None) -> str:
    """The opening of a graph's section in a TriG document."""
    return "\n{\n" if graph is None else f"\n{_PRETTY.iri(graph)} {{\n"


def trig_section(graph: str | None, rows: Iterable[Row]) -> str:
    """One graph of a TriG document: ``\\n<g> {\\n ... }\\n``."""
    body = _join_blocks(b for _, b in turtle_blocks(rows, "    "))
    return f"{trig_open(graph)}{body}}}\n"


def _graph_order(graph: str | None) -> tuple[bool, str]:
    return (graph is not None, graph or "")


def trig_document(sections: Iterable[tuple[str | None, str]]) -> bytes:
    """A TriG document (UTF-8) from ``(graph, section)`` pairs (any order; sorted here)."""
    ordered = sorted(sections, key=lambda gs: _graph_order(gs[0]))
    return prefix_block().encode("utf-8") + b"".join(section.encode("utf-8") for _, section in ordered)


# --- N-Triples and N-Quads ------------------------------------------------------------------


def lines_document(graphs: dict[str | None, set[Row]], with_graph: bool) -> str:
    """Sorted, unique N-Triples (``with_graph=False``: the union) or N-Quads lines."""
    lines = set()
    for g, rows in graphs.items():
        suffix = f" {g} .\n" if with_graph and g is not None else " .\n"
        lines.update(f"{s} {p} {o}{suffix}" for s, p, o in rows)
    return "".join(sorted(lines))


# --- JSON-LD ---------------------------------------------------------------------------------


def _compact(iri: str) -> str:
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and not iri[len(ns):].startswith("//"):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _unescape_iri(nt: str) -> str:
    inner = nt[1:-1]
    return json.loads(f'"{inner}"') if "\\" in inner else inner


def _json_value(nt: str) -> dict:
    if nt[0] == "<":
        return {"@id": _compact(_unescape_iri(nt))}
    if nt.startswith("_:"):
        return {"@id": nt}
    m = _LITERAL.match(nt)
    if m is None:
        raise GraphkitError(f"cannot write {nt!r} as JSON-LD")
    value: dict = {"@value": json.loads(m.group(1))}
    if m.group(3):
        value["@language"] = m.group(3)
    elif m.group(2):
        value["@type"] = _compact(json.loads(f'"{m.group(2)}"') if "\\" in m.group(2) else m.group(2))
    return value


def _json_nodes(rows: Iterable[Row]) -> list[dict]:
    """Node objects sorted by subject; properties' values in the rows' (N-Triples) order."""
    nodes: dict[str, dict] = {}
    values: dict[str, dict] = {}
    keys: dict[str, str] = {}
    for s, p, o in sorted(rows):
        node = nodes.get(s)
        if node is None:
            node = nodes[s] = {"@id": _json_value(s)["@id"]}
        if p == RDF_TYPE and o[0] == "<":
            node.setdefault("@type", []).append(_compact(_unescape_iri(o)))
            continue
        key = keys.get(p)
        if key is None:
            key = keys[p] = _compact(_unescape_iri(p))
        value = values.get(o)
        if value is None:
            value = values[o] = _json_value(o)
        node.setdefault(key, []).append(value)
    return list(nodes.values())


def _compact_json(obj) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _nodes_text(nodes: list[dict], indent: str) -> str:
    """Nodes one per line (compact JSON: the C encoder, fast on big graphs)."""
    return f",\n{indent}".join(_compact_json(node) for node in nodes)


def jsonld_item(graph: str, rows: Iterable[Row]) -> str:
    """One named graph as an item of the top-level ``@graph`` list of the JSON-LD document."""
    nodes = _json_nodes(rows)
    head = '{"@id":' + _compact_json(_compact(_unescape_iri(graph))) + ',"@graph":['
    return head + ("\n    " + _nodes_text(nodes, "    ") + "\n  " if nodes else "") + "]}"


def jsonld_document(default_rows: Iterable[Row], items: Iterable[tuple[str, str]]) -> bytes:
    """The JSON-LD document (UTF-8): default-graph nodes, then named graphs (``(graph, item)``
    pairs). One node per line, keys sorted; each named graph opens on its own line.
    """
    parts = [_compact_json(node) for node in _json_nodes(default_rows)]
    parts += [item for _, item in sorted(items, key=lambda gi: _unescape_iri(gi[0]))]
    context = _compact_json(dict(PREFIXES))
    body = b"\n  " + b",\n  ".join(p.encode("utf-8") for p in parts) + b"\n" if parts else b""
    return f'{{"@context":{context},\n"@graph":['.encode("utf-8") + body + b"]}\n"


# --- one call ---------------------------------------------------------------------------------


def _union(graphs: dict[str | None, set[Row]]) -> set[Row]:
    out: set[Row] = set()
    for rows in graphs.values():
        out |= rows
    return out


def _chunks(graphs: dict[str | None, set[Row]], fmt: str) -> Iterator[bytes]:
    if fmt == "ttl":
        yield turtle_document(b for _, b in turtle_blocks(_union(graphs)))
    elif fmt == "trig":
        yield trig_document((g, trig_section(g, rows)) for g, rows in graphs.items())
    elif fmt == "nt":
        yield lines_document(graphs, with_graph=False).encode("utf-8")
    elif fmt == "nq":
        yield lines_document(graphs, with_graph=True).encode("utf-8")
    elif fmt == "jsonld":
        named = [(g, jsonld_item(g, rows)) for g, rows in graphs.items() if g is not None]
        yield jsonld_document(graphs.get(None, set()), named)
    else:
        raise GraphkitError(f"unknown RDF format {fmt!r}; choose from: {', '.join(FORMATS)}")


def serialize(data, fmt: str) -> bytes:
    """Write a graph or dataset deterministically, as UTF-8 bytes.

    Parameters
    ----------
    data : rdflib.Graph, rdflib.Dataset or pyoxigraph.Store
        A Dataset or Store keeps its named graphs in ``trig``, ``nq`` and ``jsonld``; ``ttl``
        and ``nt`` write the union. A Graph named by an IRI is that one named graph there.
    fmt : {"ttl", "trig", "nt", "nq", "jsonld"}
        Output format.

    Returns
    -------
    bytes
        Sorted output, byte-identical for equal input in any process and on either engine.

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
    if fmt not in FORMATS:
        raise GraphkitError(f"unknown RDF format {fmt!r}; choose from: {', '.join(FORMATS)}")
    return b"".join(_chunks(rows_of(data), fmt))
