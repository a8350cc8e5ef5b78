"""Run SPARQL with bound values (never spliced into the text) and format the results.

::

    run_query(graph, query, bindings, engine="oxigraph") -> rdflib Result
    to_dataframe(result) / query_dataframe(...)     the rows as a pandas DataFrame (graphkit[pandas])
    ready_query_text(name, bindings) -> str         a ready query's text with its values as a VALUES block
    prepare_query(query, bindings) -> (text, init)  what run_query and the endpoint run
    matching_entities(graph, value) -> [IRI]        the entities a name, alias, id or IRI stands for
    format_result(result, fmt)                      table | csv | json

How a ready query's parameters are bound
----------------------------------------
A ready query (``ontology/queries/NAME.rq``) declares its parameters in its header; parameter
``NAME`` is the variable ``?param_NAME`` of the text. ``ready_query_text`` checks the values
(an unknown parameter, a missing required one or an empty one is a ``QueryError``), turns each into
an RDF term by its kind and writes them as ``VALUES (?param_a ?param_b) { (... ...) }`` blocks, each
opening the innermost ``WHERE`` group in which its variable is first used: the top-level group,
or the subquery that matches an entity parameter to the entities it names (Oxigraph evaluates
that small subquery first and looks up only those entities' facts, as fast as binding an IRI). The terms are written by pyoxigraph's N-Triples
serialisation (IRIs checked by pyoxigraph, strings escaped), never by pasting the caller's text,
and a backslash before ``u``/``U`` is written so that engines that undo ``\\u`` escapes before
parsing (rdflib does, as SPARQL 1.1 section 19.2 says) read the same string as those that do not.
The result is plain SPARQL 1.1, so the same text runs on pyoxigraph, on rdflib's engine and on
any SPARQL 1.1 store (Oxigraph server, Virtuoso, Fuseki)::

    from graphkit.query.run import ready_query_text
    text = ready_query_text("partners_of", {"council": "North Tyneside Council"})
    # POST text to a remote /sparql endpoint

Kinds: an ``entity`` is bound as the string the caller gave (``gkd:slug`` and ``<IRI>``
expanded to the IRI; an rdflib IRI as its text) and the query matches it, any case, against
each entity's IRI, ``dcterms:identifier`` (its slug, GSS/ODS codes), ``skos:prefLabel``,
``skos:altLabel`` and ``rdfs:label``; a ``term`` is a relation name (``funds``, ``gk:funds``, any
case) bound as the property IRI (anything else as a string, which matches nothing); a
``literal`` as a string, an ``integer`` as an integer. An optional parameter that is not given
(or given as ``None``) is left out of the VALUES block, so its variable is unbound.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from ..errors import QueryError
from ..model import PREDICATES
from ..rdf.namespace import GK, GKD, PREFIXES
from ..rdf.build import union_graph
from .formats import with_prefixes
from .ready import READY, ReadyQuery, param_variable

if TYPE_CHECKING:
    import pandas

__all__ = ["run_query", "format_result", "parse_bindings", "prepare_query", "ready_query_text", "values_block",
           "matching_entities", "to_dataframe", "query_dataframe", "FORMATS"]

FORMATS: tuple[str, ...] = ("table", "csv", "json")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CURIE = re.compile(r"([A-Za-z][\w-]*):(\S*)")
_INT = re.compile(r"[+-]?[0-9]+")
#: An ONS GSS code (E06000001): a letter for the nation, then eight digits; no name looks like one.
_GSS = re.compile(r"[EeWwSsNn][0-9]{8}")
_RELATIONS = {p.lower(): p for p in PREDICATES}


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


def _convert(name: str, value: object, kind: str) -> Node:
    """A ready query's parameter value as the RDF term its kind binds (see the module docstring)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal, Node)):
        raise QueryError(f"cannot bind {name}={value!r}: give a string, a number or an rdflib term")
    if kind == "integer":
        text = str(value).strip()
        if not _INT.fullmatch(text):
            raise QueryError(f"cannot bind {name}={value!r}: an integer is expected")
        return Literal(int(text))
    if kind == "literal":
        return Literal(str(value))
    text = str(value).strip()
    if not text:
        raise QueryError(f"parameter {name!r} is empty; give a value or leave it out")
    if kind == "term":
        if isinstance(value, URIRef):
            return value
        local = text[3:] if text.startswith("gk:") else text
        if local.lower() in _RELATIONS:
            return GK[_RELATIONS[local.lower()]]
        return _as_iri(text) or Literal(text)
    # entity: the string to match against ids, names and IRIs; gkd: CURIEs and <IRI> written out
    if text.startswith("gkd:"):
        return Literal(str(GKD) + text[4:])
    if text.startswith("<") and text.endswith(">"):
        return Literal(text[1:-1])
    if _GSS.fullmatch(text):  # a bare ONS code, as analysts copy it: identifiers hold it as gss:CODE
        return Literal("gss:" + text.upper())
    return Literal(text)


def _ready_bindings(ready: ReadyQuery, bindings: Mapping[str, object]) -> dict[str, Node]:
    """Check ``bindings`` against the query's parameters; the given values as terms, by parameter."""
    kinds = {name: kind for name, kind, _ in ready.params}
    names = {key: key.strip().lstrip("?$") for key in bindings}
    unknown = sorted(n for n in names.values() if n not in kinds)
    if unknown:
        choices = ", ".join(n for n, _, _ in ready.params) or "none"
        raise QueryError(f"ready query {ready.name!r} has no parameter {unknown[0]!r}; parameters: {choices}")
    given = {names[key]: value for key, value in bindings.items() if value is not None}
    for name in ready.required:
        if name not in given:
            about = next(text for n, _, text in ready.params if n == name)
            raise QueryError(f"ready query {ready.name!r} needs parameter {name!r} ({kinds[name]}): {about}")
    return {name: _convert(name, value, kinds[name]) for name, value in given.items()}


_ESCAPES = re.compile(r"\\\\([uU])|\\u([0-9A-Fa-f]{4})|\\.", re.S)


def _sparql_term(term: Node) -> str:
    """An RDF term as SPARQL text, written by pyoxigraph (IRIs checked, strings escaped).

    A backslash of the value before ``u``/``U`` is followed by the letter as ``\\U00000075`` /
    ``\\U00000055``, and pyoxigraph's ``\\uXXXX`` escapes are written with eight digits (rdflib
    reads ``\\u`` with four or eight), so an engine that undoes ``\\u`` escapes before parsing reads
    the same string as one that does not.
    """
    from .engine import to_ox

    text = str(to_ox(term))
    return _ESCAPES.sub(_unambiguous, text) if isinstance(term, Literal) else text


def _unambiguous(m: re.Match) -> str:
    """An escape of a serialised literal written so that every SPARQL engine reads it alike."""
    if m.group(1):  # the value's backslash, then u or U: the letter as an eight-digit escape
        return "\\\\" + ("\\U00000075" if m.group(1) == "u" else "\\U00000055")
    if m.group(2):  # pyoxigraph's \uXXXX (a control character) as \U0000XXXX, so no digit after it is read
        return f"\\U0000{m.group(2)}"
    return m.group(0)


def values_block(bindings: Mapping[str, Node]) -> str:
    """A SPARQL ``VALUES`` block binding each variable (name without ``?``) to one RDF term.

    >>> from rdflib import Literal
    >>> values_block({"param_council": Literal('Say "hi" } ; DROP ALL')})
    'VALUES (?param_council) { ("Say \\\\"hi\\\\" } ; DROP ALL") }'
    """
    for name in bindings:
        if not _NAME.fullmatch(name):
            raise QueryError(f"cannot bind {name!r}: not a SPARQL variable name")
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(_sparql_term(term) for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


#: A comment, string or IRI (skipped); a ``WHERE {``, another brace, or a parameter variable (found).
_SCAN = re.compile(r"""#[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>"""
                   r"""|(?P<where>\bWHERE\s*\{)|(?P<open>\{)|(?P<close>\})|[?$](?P<param>param_\w+)""", re.IGNORECASE)


def _binding_groups(text: str) -> dict[str, int]:
    """Where each ``?param_NAME`` is bound: the offset just inside the innermost ``WHERE {`` group
    open at the variable's first use (a subquery's, when the parameter is used there)."""
    stack: list[int | None] = []  # per open brace: the offset after it if it opens a WHERE group
    places: dict[str, int] = {}
    for m in _SCAN.finditer(text):
        if m.group("where"):
            stack.append(m.end())
        elif m.group("open"):
            stack.append(None)
        elif m.group("close") and stack:
            stack.pop()
        elif m.group("param") and m.group("param") not in places:
            inner = [at for at in stack if at is not None]
            if inner:
                places[m.group("param")] = inner[-1]
    return places


def ready_query_text(name: str, bindings: Mapping[str, object] | None = None) -> str:
    """The SPARQL 1.1 text of ready query ``name`` with ``bindings`` as a VALUES block.

    Runs as it is on any SPARQL 1.1 engine or store (see the module docstring).

    Parameters
    ----------
    name : str
        A ready query's name (``graphkit queries`` lists them).
    bindings : mapping, optional
        Parameter name -> value (a string, number or rdflib term; ``None`` leaves an optional
        parameter out).

    Raises
    ------
    QueryError
        An unknown query or parameter, a required parameter missing or empty, or a value that
        cannot be an RDF term.

    Examples
    --------
    >>> text = ready_query_text("partners_of", {"council": "North Tyneside"})
    >>> 'VALUES (?param_council) { ("North Tyneside") }' in text
    True
    """
    ready = READY.get(name)
    if ready is None:
        raise QueryError(f"no ready query {name!r}; choose from: {', '.join(sorted(READY))}")
    terms = _ready_bindings(ready, dict(bindings or {}))
    if not terms:
        return ready.sparql
    places = _binding_groups(ready.sparql)
    by_place: dict[int, dict[str, Node]] = {}
    for param, term in terms.items():
        variable = param_variable(param)
        if variable not in places:
            raise QueryError(f"ready query {name!r} uses ?{variable} outside a WHERE group")
        by_place.setdefault(places[variable], {})[variable] = term
    text = ready.sparql
    for at in sorted(by_place, reverse=True):
        text = f"{text[:at]}\n    {values_block(by_place[at])}{text[at:]}"
    return text


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
    """The SPARQL text of ``query`` (a ready-query name or SPARQL) and the bindings left to the engine.

    A ready query comes back with its values in a VALUES block (``ready_query_text``) and no
    bindings; SPARQL text comes back as it is, with ``bindings`` as rdflib terms for the engine
    to bind (a string that looks like an IRI or CURIE becomes an IRI, an integer string an
    integer, anything else a plain literal).

    Raises QueryError (one line) for an unknown ready query or parameter, a missing or empty
    required parameter, or a value that cannot be bound.
    """
    bindings = dict(bindings or {})
    if query.strip() in READY:
        return ready_query_text(query.strip(), bindings), {}
    if _NAME.fullmatch(query.strip()):
        raise QueryError(f"no ready query {query!r}; choose from: {', '.join(sorted(READY))}")
    init: dict[str, Node] = {}
    for name, value in bindings.items():
        if isinstance(value, Node):
            init[name.lstrip("?$")] = value
        elif isinstance(value, str):
            init[name.lstrip("?$")] = _guess(value)
        elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            init[name.lstrip("?$")] = Literal(value)
        else:
            raise QueryError(f"cannot bind {value!r}: give a string, a number or an rdflib term")
    return with_prefixes(query)[0], init


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
        For a ready query: parameter name -> value, bound by a VALUES block following the
        parameter's kind (``ready_query_text``): an ``entity`` is a name, alias, id or IRI, any
        case; a ``term`` a relation name such as ``funds``. A required parameter must be given.
        For SPARQL text: variable name -> value, bound by the engine (pyoxigraph's
        ``substitutions``, rdflib's ``initBindings``); rdflib terms are used as they are, a
        string that looks like an IRI or CURIE becomes an IRI, an integer string an integer,
        anything else a plain literal. Never spliced into the text.
    engine : {"oxigraph", "rdflib"}
        pyoxigraph (fast; the default) or rdflib's own SPARQL engine. Both give the same answers
        as rdflib terms; rows come in the same order where the query orders them fully.

    Returns
    -------
    rdflib.query.Result

    Raises
    ------
    QueryError
        An unknown ready-query name, parameter or engine, a required parameter missing, or
        SPARQL that does not parse.

    Examples
    --------
    >>> from rdflib import Graph
    >>> run_query(Graph(), "councils").vars
    [rdflib.term.Variable('council'), rdflib.term.Variable('label'), rdflib.term.Variable('reports')]
    >>> run_query(Graph(), "partners_of")
    Traceback (most recent call last):
    ...
    graphkit.errors.QueryError: ready query 'partners_of' needs parameter 'council' (entity): the council: ...
    """
    from .engine import ENGINES, first_line, to_result, to_store

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
        raise QueryError(f"invalid SPARQL: {first_line(exc)}") from exc


_MATCH_ENTITY = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?entity WHERE {
    %s
    ?entity skos:prefLabel ?entityLabel .
    FILTER (LCASE(STR(?entity)) = LCASE(STR(?param_entity)) || EXISTS {
        ?entity skos:prefLabel|skos:altLabel|rdfs:label|dcterms:identifier ?entityName .
        FILTER (LCASE(STR(?entityName)) = LCASE(STR(?param_entity))) })
}
ORDER BY ?entity"""


def matching_entities(graph, value: object, *, engine: str = "oxigraph") -> list[URIRef]:
    """The entities an ``entity`` parameter's ``value`` stands for, as ready queries match it
    (IRI, id, preferred name, alias or label, any case), sorted.

    >>> from rdflib import Graph
    >>> matching_entities(Graph(), "North Tyneside")
    []
    """
    block = values_block({"param_entity": _convert("entity", value, "entity")})
    return [row.entity for row in run_query(graph, _MATCH_ENTITY % block, engine=engine)]


def _python(term: Node | None) -> Any:
    """A result term as a plain Python value: numbers as int or float, IRIs and strings as str."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        return value if isinstance(value, (int, float, str, bool)) and not isinstance(value, Literal) else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_dataframe(result: Result) -> "pandas.DataFrame":
    """A SELECT result as a pandas DataFrame: one column per variable, in order; IRIs and
    strings as ``str``, integers as ``int``, decimals as ``float``, unbound as ``None``.

    Needs pandas (``pip install 'graphkit[pandas]'``); without it raises ImportError saying so.
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("query results as DataFrames need pandas: pip install 'graphkit[pandas]'") from exc
    if result.type != "SELECT":
        raise QueryError(f"only SELECT results make a DataFrame, not {result.type}")
    names = [str(v) for v in result.vars]
    rows = [[_python(row[i]) if i < len(row) else None for i in range(len(names))] for row in result]
    return pd.DataFrame.from_records(rows, columns=names)


def query_dataframe(graph, query: str, bindings: Mapping[str, object] | None = None, *,
                    engine: str = "oxigraph") -> "pandas.DataFrame":
    """``run_query`` (same arguments) with the rows as a pandas DataFrame (``to_dataframe``)."""
    return to_dataframe(run_query(graph, query, bindings, engine=engine))


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
