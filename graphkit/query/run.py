"""Run SPARQL with bound values (never spliced into the text) and format the results."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from ..errors import QueryError
from ..model import PREDICATES
from ..rdf.namespace import GK, GKD, PREFIXES
from ..rdf.build import union_graph
from .ready import READY

__all__ = ["run_query", "format_result", "parse_bindings", "prepare_query", "FORMATS"]

FORMATS: tuple[str, ...] = ("table", "csv", "json")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CURIE = re.compile(r"([A-Za-z][\w-]*):(\S*)")
_SLUG = re.compile(r"[a-z0-9]+(?:-+[a-z0-9]+)*")
_INT = re.compile(r"[+-]?[0-9]+")


def _as_iri(value: str) -> URIRef | None:
    """An IRI written as ``<...>``, ``http(s)://...`` or a CURIE with a graphkit prefix."""
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
    elif value.startswith(("http://", "https://", "urn:")):
        iri = value
    elif (m := _CURIE.fullmatch(value)) and m.group(1) in PREFIXES:
        iri = PREFIXES[m.group(1)] + m.group(2)
    else:
        return None
    return URIRef(iri) if _valid_iri(iri) else None


def _valid_iri(text: str) -> bool:
    """True for an absolute IRI (RFC 3987, as pyoxigraph checks it); anything else is bound as a literal."""
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(text)
    except ValueError:
        return False
    return True


def _guess(value: str) -> Node:
    """An IRI if ``value`` looks like one, an integer if it is one, else a plain literal."""
    iri = _as_iri(value)
    if iri is not None:
        return iri
    if _INT.fullmatch(value):
        return Literal(int(value))
    return Literal(value)


def _convert(value: object, kind: str | None) -> Node:
    if isinstance(value, Node):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise QueryError(f"cannot bind {value!r}: give a string, a number or an rdflib term")
    if not isinstance(value, str):
        return Literal(value)
    if kind == "entity":
        return _as_iri(value) or (GKD[value] if _SLUG.fullmatch(value) else Literal(value))
    if kind == "term":
        if value in PREDICATES:
            return GK[value]
        return _as_iri(value) or Literal(value)
    if kind == "integer":
        if not _INT.fullmatch(value.strip()):
            raise QueryError(f"cannot bind {value!r}: an integer is expected")
        return Literal(int(value))
    if kind == "literal":
        return Literal(value)
    return _guess(value)


def parse_bindings(items: Iterable[str]) -> dict[str, str]:
    """Parse ``NAME=VALUE`` strings (from ``--bind``) into a dict; values are converted later.

    >>> parse_bindings(["council=gkd:middlesbrough-council", "statement=Safeguarding"])
    {'council': 'gkd:middlesbrough-council', 'statement': 'Safeguarding'}
    """
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not _NAME.fullmatch(name):
            raise QueryError(f"bad binding {item!r}: write NAME=VALUE")
        out[name] = value
    return out


def _queryable(graph: Graph | Dataset) -> Graph:
    if isinstance(graph, Dataset) and not graph.default_union:
        return union_graph(graph)
    return graph


def prepare_query(query: str, bindings: Mapping[str, object] | None = None) -> tuple[str, dict[str, Node]]:
    """The SPARQL text of ``query`` (a ready-query name or SPARQL) and its bindings as rdflib terms.

    Raises QueryError for an unknown ready query or parameter, or a value that cannot be bound.
    """
    bindings = dict(bindings or {})
    ready = READY.get(query)
    if ready is None and _NAME.fullmatch(query.strip()):
        raise QueryError(f"no ready query {query!r}; choose from: {', '.join(sorted(READY))}")
    kinds: dict[str, str] = {}
    if ready is not None:
        kinds = {name: kind for name, kind, _ in ready.params}
        unknown = sorted(set(bindings) - set(kinds))
        if unknown:
            choices = ", ".join(sorted(kinds)) or "none"
            raise QueryError(f"query {query!r} has no parameter {unknown[0]!r}; parameters: {choices}")
    init = {name.lstrip("?$"): _convert(value, kinds.get(name)) for name, value in bindings.items()}
    return (ready.sparql if ready is not None else query), init


def run_query(graph, query: str, bindings: Mapping[str, object] | None = None, *,
              engine: str = "oxigraph") -> Result:
    """Run a ready query (by name) or SPARQL text over a graph or dataset.

    Parameters
    ----------
    graph : rdflib.Graph, rdflib.Dataset, pyoxigraph.Store or OxGraph
        A Dataset (or a Store with named graphs) is queried as the union of its graphs, each
        triple once. On pyoxigraph an rdflib graph is copied into a Store for each call, unless
        oxrdflib keeps it; to run many queries on a big graph, convert it once with
        ``graphkit.query.engine.to_store`` (or load the file with ``load_store``) and pass that.
    query : str
        The name of a ready query (see ``QUERIES``) or SPARQL text.
    bindings : mapping, optional
        Variable name -> value, bound by the engine (pyoxigraph's ``substitutions``, rdflib's
        ``initBindings``), never spliced into the text. rdflib terms are used as they are. For a
        ready query, strings follow the parameter's kind: an ``entity`` takes a slug, CURIE or
        IRI; a ``term`` a relation name such as ``funds``. Otherwise a string that looks like an
        IRI or CURIE becomes an IRI, an integer string an integer, anything else a plain literal.
        (pyoxigraph binds only variables a SELECT projects; others are projected for it and left
        out of the result.)
    engine : {"oxigraph", "rdflib"}
        pyoxigraph (fast; the default) or rdflib's own SPARQL engine. Both give the same answers
        as rdflib terms; rows come in the same order where the query orders them fully.

    Returns
    -------
    rdflib.query.Result

    Raises
    ------
    QueryError
        An unknown ready-query name, parameter or engine, or SPARQL that does not parse.

    Examples
    --------
    >>> from rdflib import Graph
    >>> run_query(Graph(), "councils").vars
    [rdflib.term.Variable('council'), rdflib.term.Variable('label'), rdflib.term.Variable('reports')]
    """
    from .engine import ENGINES, to_result, to_store

    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}; choose from: {', '.join(ENGINES)}")
    text, init = prepare_query(query, bindings)
    if engine == "oxigraph":
        return to_result(*to_store(graph).run(text, init))
    if not isinstance(graph, Graph):
        raise QueryError(f"engine 'rdflib' queries rdflib graphs, not {type(graph).__name__}")
    try:
        return _queryable(graph).query(text, initBindings=init)
    except QueryError:
        raise
    except Exception as exc:  # rdflib's parser raises pyparsing and other errors
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise QueryError(f"invalid SPARQL: {first}") from exc


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(ns):
                return f"{prefix}:{text[len(ns):]}"
        return text
    return str(term)


def _plain(term: Node | None):
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if isinstance(value, (int, float, str, bool)) and not isinstance(value, Literal) else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def format_result(result: Result, fmt: str = "table") -> str:
    """Format a query result as an aligned ``table``, ``csv`` or ``json``.

    SELECT results give one row per solution (the table shortens IRIs with graphkit's
    prefixes; csv and json keep full IRIs). ASK gives ``true``/``false``; CONSTRUCT and
    DESCRIBE give sorted N-Triples.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; choose from: {', '.join(FORMATS)}")
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        return json.dumps({"boolean": answer}) + "\n" if fmt == "json" else f"{str(answer).lower()}\n"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        from ..rdf.serialize import serialize

        return serialize(result.graph, "nt").decode("utf-8")
    names = [str(v) for v in result.vars]
    rows = [[row[i] if i < len(row) else None for i in range(len(names))] for row in result]
    if fmt == "json":
        docs = [{n: _plain(v) for n, v in zip(names, row)} for row in rows]
        return json.dumps({"columns": names, "rows": docs}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow(["" if v is None else str(v) for v in row])
        return buf.getvalue()
    cells = [[_short(v).replace("\n", " ") for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
