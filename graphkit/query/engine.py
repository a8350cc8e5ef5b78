"""SPARQL on pyoxigraph: load a graph file or an rdflib graph into a Store, query it, time it.

::

    load_store(path) -> OxGraph             .ttl .trig .nt .nq .jsonld .rdf straight into a pyoxigraph Store
    to_store(graph) -> OxGraph              an rdflib Graph/Dataset (or a Store) as a queryable OxGraph
    OxGraph.query(text, substitutions)      raw pyoxigraph results (QuerySolutions, QueryBoolean, QueryTriples)
    to_result(raw) -> rdflib Result         the same Python shapes rdflib's own engine gives
    check_query(text) -> QueryShape         a lexical look at a query: update? SERVICE? nesting depth
    time_queries(path, repeat) -> dict      p50/p95 of every ready query on both engines

The default graph is what rdflib's engine sees: for a file or dataset with named graphs, the
union of its graphs (each triple once, as in ``graph.ttl``); ``GRAPH``, ``FROM`` and the
``default_graph``/``named_graphs`` arguments pick the named graphs. pyoxigraph's own union
default graph repeats a triple once per graph holding it, so when graphs overlap (graphkit's
entities graph repeats types and labels of the report graphs) the union is materialised once
in the store's default graph.

pyoxigraph releases the GIL while it evaluates, but a running query cannot be interrupted
from Python: it stops between solutions at the earliest, and an aggregate only at its end.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph
from rdflib.namespace import RDF, XSD
from rdflib.query import Result
from rdflib.term import Node

from ..errors import GraphkitError, QueryError
from ..rdf.namespace import PREFIXES

__all__ = ["ENGINES", "MAX_DEPTH", "OxGraph", "QueryShape", "check_query", "first_line", "format_times", "load_file", "from_ox", "inner_store", "load_store",
           "time_queries", "to_ox", "to_result", "to_store"]

#: Query engines of the Python API; the first is the default.
ENGINES: tuple[str, ...] = ("oxigraph", "rdflib")
#: Deepest nesting of brackets a query may have: pyoxigraph's parser recurses and overflows
#: its stack (the process dies) at a few thousand levels.
MAX_DEPTH = 256

_RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES,
                ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
                ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML}
_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)
_UNION = ox.DefaultGraph()


@dataclass(frozen=True, slots=True)
class OxGraph:
    """A pyoxigraph Store and how to read it: ``union`` queries all graphs as the default graph
    (pyoxigraph's union, right when no triple is in two graphs); ``graph`` queries one graph."""

    store: ox.Store
    union: bool = False
    graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None

    def query(self, text: str, substitutions: Mapping[str, Node] | None = None, *,
              default_graph: list | None = None, named_graphs: list | None = None):
        """Run SPARQL; rdflib terms in ``substitutions`` are bound (never spliced into ``text``).

        Raises QueryError for SPARQL that does not parse, is nested too deeply or binds a
        variable a SELECT does not project (pyoxigraph's substitution needs it projected).
        """
        shape = check_query(text)
        if shape.depth > MAX_DEPTH:
            raise QueryError(f"invalid SPARQL: nested more than {MAX_DEPTH} levels deep")
        options: dict = {}
        if default_graph is not None or named_graphs is not None:
            options["default_graph"] = list(default_graph or [])
            options["named_graphs"] = list(named_graphs or [])
        elif self.graph is not None:
            options["default_graph"] = self.graph
        elif self.union:
            options["use_default_graph_as_union"] = True
        subs = {ox.Variable(name.lstrip("?$")): to_ox(value) for name, value in (substitutions or {}).items()}
        bound = _with_values(text, subs) if subs else None
        try:
            if bound is not None:
                return self.store.query(bound, **options)
            return self.store.query(text, substitutions=subs or None, **options)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {first_line(exc)}") from exc
        except RuntimeError as exc:
            message = first_line(exc)
            if "SELECT projection" in message:
                names = ", ".join(f"?{v.value}" for v in subs)
                raise QueryError(f"cannot bind {names}: on pyoxigraph a SELECT must project every bound "
                                 "variable (add it to the SELECT clause, or use engine='rdflib')") from exc
            raise QueryError(f"query failed: {message}") from exc

    def run(self, text: str, substitutions: Mapping[str, Node] | None = None):
        """Like ``query``, but a bound variable a SELECT does not project is projected for the
        engine and left out of the result: returns ``(raw results, names to leave out)``."""
        hidden: list[str] = []
        while True:
            try:
                return self.query(_project(text, hidden), substitutions), tuple(hidden)
            except QueryError as exc:
                cause = exc.__cause__
                m = _UNPROJECTED.search(str(cause)) if isinstance(cause, RuntimeError) else None
                if m is None or m.group(1) in hidden or _project(text, [m.group(1)]) is None:
                    raise
                hidden.append(m.group(1))

    def __len__(self) -> int:
        return len(self.store)


#: A comment, string or IRI (skipped), or the top-level ``WHERE {`` (found): where VALUES go.
_WHERE_SCAN = re.compile(r"""#[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|(\bWHERE\s*\{)""",
                         re.IGNORECASE)


def _values_term(term) -> str | None:
    """A bound value as SPARQL text for a VALUES block, or None when it needs substitution."""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"  # pyoxigraph has checked it is an IRI (no <, >, quotes or spaces)
    if isinstance(term, ox.Literal) and "\\" not in term.value:
        from ..rdf.serialize import nt_literal

        return nt_literal(term.value, term.datatype.value, term.language)
    return None


def _with_values(text: str, subs: dict) -> str | None:
    """``text`` with the bindings as a ``VALUES`` block opening its top-level WHERE group.

    Oxigraph plans a query around a VALUES block (an entity lookup on the national graph takes
    2 ms) but evaluates ``substitutions`` after the fact (200 ms). The values are RDF terms
    written by graphkit (IRIs checked by pyoxigraph, literals escaped), never the caller's text.
    None when there is no plain top-level ``WHERE {`` to put them in (then substitutions bind).
    """
    if '"""' in text or "'''" in text:
        return None
    terms = [_values_term(t) for t in subs.values()]
    if any(t is None for t in terms):
        return None
    for m in _WHERE_SCAN.finditer(text):
        if m.group(1):
            names = " ".join(f"?{v.value}" for v in subs)
            block = f" VALUES ({names}) {{ ({' '.join(terms)}) }} "
            return text[:m.end()] + block + text[m.end():]
    return None


_UNPROJECTED = re.compile(r"does not contains? variable \?(\w+) in its SELECT projection")
_SELECT_AT = re.compile(r"(?is)\A(?:\s+|#[^\n]*\n|BASE\s*<[^<>\s]*>|PREFIX\s*[^\s:]*:\s*<[^<>\s]*>)*"
                        r"SELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?")


def _project(text: str, names: list[str]) -> str | None:
    """``text`` with ``?name`` added to its top SELECT clause (None when it has none to find)."""
    if not names:
        return text
    m = _SELECT_AT.match(text)
    if m is None:
        return None
    return text[:m.end()] + "".join(f"?{n} " for n in names) + text[m.end():]


def first_line(exc: BaseException) -> str:
    """A parser error in one short line: an undeclared prefix said so, a long "expected one of" cut."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    where, _, rest = text.partition(": ")
    if "Prefix not found" in text:
        known = ", ".join(sorted(PREFIXES))
        return f"{where}: undeclared prefix (declare it with PREFIX; these are declared for you: {known})"
    if len(text) > 160:
        return text[:157].rstrip() + "..."
    return text


# -- terms ------------------------------------------------------------------------------------

def to_ox(term: Node):
    """An rdflib term as a pyoxigraph term (the default graph id as ``DefaultGraph``)."""
    if isinstance(term, URIRef):
        if term == DATASET_DEFAULT_GRAPH_ID:
            return ox.DefaultGraph()
        try:
            return ox.NamedNode(str(term))
        except ValueError as exc:
            raise QueryError(f"cannot use <{term}>: not a valid IRI ({first_line(exc)})") from exc
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise QueryError(f"cannot use {term!r} as an RDF term")


def from_ox(term) -> Node | None:
    """A pyoxigraph term as an rdflib term; an ``xsd:string`` literal becomes a plain literal, as
    rdflib parses ``"text"``."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"rdflib has no term for {term!r}")


# -- stores -----------------------------------------------------------------------------------

def _overlaps(store: ox.Store) -> bool:
    """True when some triple is in two graphs of ``store`` (pyoxigraph's union would repeat it)."""
    count = "SELECT (COUNT(*) AS ?n) { %s }"
    quads = next(iter(store.query(count % "?s ?p ?o", use_default_graph_as_union=True)))[0]
    triples = next(iter(store.query(count % "SELECT DISTINCT ?s ?p ?o { ?s ?p ?o }",
                                    use_default_graph_as_union=True)))[0]
    return quads.value != triples.value


def _settle_union(store: ox.Store, *, owned: bool) -> OxGraph:
    """An OxGraph whose default graph is the union of ``store``'s graphs, each triple once.

    When graphs overlap, the union is written into the default graph: of ``store`` itself when
    ``owned``, else of a copy (a store someone else holds is never changed).
    """
    if not any(True for _ in store.named_graphs()):
        return OxGraph(store)
    if not _overlaps(store):
        return OxGraph(store, union=True)
    if not owned:
        copy = ox.Store()
        copy.bulk_load(store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        store = copy
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return OxGraph(store)


def load_store(path: str | Path) -> OxGraph:
    """Parse a graph file straight into a pyoxigraph Store (TriG, N-Quads and JSON-LD keep their
    named graphs; the default graph is then their union).

    Raises GraphkitError naming the file when its suffix is unknown or it is not valid RDF.
    """
    store = ox.Store()
    load_file(store, path)
    return _settle_union(store, owned=True)


def load_file(store: ox.Store, path: str | Path) -> None:
    """Bulk-load an RDF file into ``store``, its format from its suffix; GraphkitError naming a bad file."""
    p = Path(path)
    fmt = _RDF_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise GraphkitError(f"{p}: unknown RDF format {p.suffix!r}; use one of {', '.join(sorted(_RDF_FORMATS))}")
    try:
        store.bulk_load(path=str(p), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphkitError(f"{p}: not valid {fmt.name}: {first_line(exc)}") from exc


def inner_store(graph: Graph) -> ox.Store | None:
    """oxrdflib's pyoxigraph Store behind ``graph``, if it has one."""
    try:
        from oxrdflib import OxigraphStore
    except ImportError:
        return None
    return graph.store._inner if isinstance(graph.store, OxigraphStore) else None


def to_store(graph) -> OxGraph:
    """A queryable OxGraph for an rdflib Graph or Dataset (queried as the union of its graphs),
    a pyoxigraph Store or an OxGraph.

    A graph already kept by oxrdflib's OxigraphStore is queried in place; any other rdflib
    graph is copied once into a new Store (pass the result on to query it many times).
    """
    if isinstance(graph, OxGraph):
        return graph
    if isinstance(graph, ox.Store):
        return _settle_union(graph, owned=False)
    if not isinstance(graph, Graph):
        raise QueryError(f"cannot query {type(graph).__name__}: give an rdflib Graph or Dataset or a pyoxigraph Store")
    dataset = isinstance(graph, ConjunctiveGraph)
    inner = inner_store(graph)
    if inner is not None:
        if not dataset:
            return OxGraph(inner, graph=to_ox(graph.identifier))
        return _settle_union(inner, owned=False)
    store = ox.Store()
    if dataset:
        store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(_graph_id(c)))
                     for s, p, o, c in graph.quads((None, None, None, None)))
        return _settle_union(store, owned=True)
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)
    return OxGraph(store)


def _graph_id(context) -> Node:
    if context is None:
        return DATASET_DEFAULT_GRAPH_ID
    return context.identifier if isinstance(context, Graph) else context


# -- results ----------------------------------------------------------------------------------

def to_result(raw, hidden: Iterable[str] = ()) -> Result:
    """pyoxigraph results as an rdflib ``Result`` (SELECT, ASK or CONSTRUCT), with rdflib terms;
    the variables named in ``hidden`` are left out."""
    if isinstance(raw, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(raw)
        return out
    if isinstance(raw, ox.QueryTriples):
        out = Result("CONSTRUCT")
        graph = Graph()
        for t in raw:
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        out.graph = graph
        return out
    out = Result("SELECT")
    hidden = set(hidden)
    variables = [Variable(v.value) for v in raw.variables]
    keep = [i for i, v in enumerate(variables) if str(v) not in hidden]
    out.vars = [variables[i] for i in keep]
    rows = []
    for solution in raw:
        rows.append({variables[i]: from_ox(solution[i]) for i in keep if solution[i] is not None})
    out.bindings = rows
    return out


# -- a lexical look at a query ----------------------------------------------------------------

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKENS = re.compile(
    r'\\.'                                        # an escaped character (PN_LOCAL_ESC)
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'              # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'                      # strings
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'                  # IRIs
    r'|#[^\n\r]*',                                 # comments
    re.S)
_PROLOGUE = re.compile(r"\s*(?:(?:BASE|PREFIX\s*[^\s:]*:)\s*<>\s*)*([A-Za-z]+)", re.I)
_SERVICE = re.compile(r"(?<![\w?$:.-])SERVICE(?![\w:.-])", re.I)
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


@dataclass(frozen=True, slots=True)
class QueryShape:
    """What the text of a query shows before any parser runs."""

    update: bool   # its first keyword after the prologue starts an update
    service: bool  # it says SERVICE outside strings, IRIs and comments
    depth: int     # deepest nesting of (), {} and []


def check_query(text: str) -> QueryShape:
    """Look at a query's tokens (after ``\\u`` escapes, which SPARQL undoes first).

    >>> check_query('PREFIX s: <http://x/service#> SELECT * { ?s ?p "SERVICE" }')
    QueryShape(update=False, service=False, depth=1)
    >>> check_query("INSERT DATA { <a:b> <a:b> <a:b> }").update
    True
    """
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if int(m.group(1) or m.group(2), 16) < 0x110000
                       else m.group(0), text)
    code = _TOKENS.sub(lambda m: " " if m.group(0)[0] == "#" else " <> " if m.group(0)[0] == "<" else ' "" ', text)
    first = _PROLOGUE.match(code)
    depth = deepest = 0
    for ch in code:
        if ch in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")}]":
            depth -= 1
    return QueryShape(update=bool(first) and first.group(1).upper() in _UPDATES,
                      service=bool(_SERVICE.search(code)), depth=deepest)


# -- benchmark --------------------------------------------------------------------------------

def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(q) - 1]


def time_queries(graph_path: str | Path, repeat: int = 20, *, engines: Iterable[str] = ENGINES,
                 bindings: Mapping[str, Mapping[str, object]] | None = None) -> dict:
    """Run every ready query ``repeat`` times on each engine; p50/p95 milliseconds per query.

    Parameters
    ----------
    graph_path : path
        A built graph (``graph.ttl`` or ``graph.trig``), loaded once per engine.
    repeat : int
        Runs of each query (the first is not counted apart; loading is timed separately).
    engines : iterable of str
        Some of ``ENGINES``.
    bindings : mapping, optional
        Ready query name -> its bindings; by default the first council, the ``partnersWith``
        relation, the first council's statement and so on, found with the ``councils`` query.

    Returns
    -------
    dict
        ``{"graph": path, "repeat": n, "load_s": {engine: s}, "queries": {name: {engine:
        {"p50_ms", "p95_ms", "rows"}}}}``.
    """
    from ..loading import load_dataset
    from .ready import READY
    from .run import run_query

    loaded: dict[str, object] = {}
    load_s: dict[str, float] = {}
    for engine in engines:
        t = time.perf_counter()
        loaded[engine] = load_store(graph_path) if engine == "oxigraph" else load_dataset(graph_path)
        load_s[engine] = time.perf_counter() - t
    first = next(iter(loaded.values()))
    bound = dict(bindings) if bindings is not None else _sample_bindings(first)
    out: dict = {"graph": str(graph_path), "repeat": repeat, "load_s": load_s, "queries": {}}
    for name in READY:
        out["queries"][name] = {}
        for engine, data in loaded.items():
            times, rows = [], 0
            for _ in range(repeat):
                t = time.perf_counter()
                rows = len(run_query(data, name, bound.get(name), engine=engine))
                times.append(time.perf_counter() - t)
            out["queries"][name][engine] = {"p50_ms": 1000 * statistics.median(times),
                                            "p95_ms": 1000 * _percentile(times, 95), "rows": rows}
    return out


def _sample_bindings(data) -> dict[str, dict[str, object]]:
    """Bindings that match something in a graphkit graph: the first council, its first partner fact."""
    from .run import run_query

    councils = list(run_query(data, "councils"))
    council = councils[0].council if councils else URIRef("https://graphkit.example/id/none")
    facts = list(run_query(data, "facts_by_predicate", {"predicate": "partnersWith"}))
    fact = facts[0] if facts else None
    scores = list(run_query(data, "SELECT ?s WHERE { ?x <https://graphkit.example/ns#qualityStatement> ?s } "
                                  "ORDER BY ?s LIMIT 1"))
    return {
        "partners_of": {"council": council},
        "entity_mentions": {"entity": council},
        "entity_sources": {"entity": council},
        "facts_by_predicate": {"predicate": "partnersWith"},
        "evidence_for": ({"subject": fact.subject, "predicate": "partnersWith", "object": fact.object}
                         if fact is not None else {"predicate": "partnersWith"}),
        "scores_by_statement": {"statement": scores[0].s if scores else "Safeguarding"},
    }


def format_times(times: dict) -> str:
    """The result of ``time_queries`` as a table (one line per query, p50/p95 per engine)."""
    engines = list(times["load_s"])
    head = ["query"] + [f"{e} {k}" for e in engines for k in ("p50 ms", "p95 ms")] + ["rows"]
    lines = [head]
    for name, per in times["queries"].items():
        lines.append([name] + [f"{per[e][k]:.2f}" for e in engines for k in ("p50_ms", "p95_ms")]
                     + [str(per[engines[0]]["rows"])])
    lines.append(["load (s)"] + [v for e in engines for v in (f"{times['load_s'][e]:.3f}", "")] + [""])
    widths = [max(len(r[i]) for r in lines) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in lines) + "\n"

