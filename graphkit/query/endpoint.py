"""A read-only SPARQL 1.1 Protocol endpoint over a built graph: HTTP on the standard library,
queries on pyoxigraph in worker processes (``workers.py``), formats by pyoxigraph (``formats.py``).

::

    GET  /                      an HTML page: a query box, the prefixes, the ready queries
    GET  /sparql?query=...      run a query (no query: a service description, Turtle by default)
    POST /sparql                form-encoded ``query=...`` or an ``application/sparql-query`` body
    GET  /queries/NAME?p=v      run a ready query; values are bound, never spliced into the text

The graphkit prefixes (``gk:``, ``gkd:``, ``rdfs:`` ...) are predeclared: a query may use them
without PREFIX lines (a PREFIX it declares itself wins). ``default-graph-uri`` and
``named-graph-uri`` (and ``FROM`` / ``FROM NAMED``) pick graphs of the loaded dataset; nothing is
ever fetched, and ``SERVICE`` is refused. Updates are refused with 403.

Results are negotiated by ``Accept`` (or ``format=``): SELECT and ASK as SPARQL JSON (default),
XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle (default), N-Triples, RDF/XML or JSON-LD.

Limits: a query text of at most ``max_query_bytes`` (default 64 KiB, else 413), nested at most
``engine.MAX_DEPTH`` deep (else 400); each query gets ``timeout`` seconds (default 30) in a
worker process, which is killed at the limit (the client gets 503) and replaced; a request
waits up to ``timeout`` seconds for an idle worker (else 503). At most ``max_rows`` solutions
or triples (default 10,000) are sent; when more were found the response says so in its
``X-SPARQL-MaxRows`` header (the cap), as Virtuoso does.
"""

from __future__ import annotations

import html
import ipaddress
import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pyoxigraph as ox

from .. import __version__
from ..errors import GraphkitError, QueryError
from ..rdf.namespace import PREFIXES
from .engine import MAX_DEPTH, check_query
from .formats import HttpError, Written, with_prefixes, write_graph
from .ready import READY
from .run import prepare_query
from .workers import Job, WorkerPool, open_dataset

__all__ = ["EndpointServer", "HttpError", "MAX_QUERY_BYTES", "MAX_ROWS", "TIMEOUT", "WORKERS", "is_loopback",
           "make_server", "prepare"]

MAX_QUERY_BYTES = 64 * 1024
TIMEOUT = 30.0
MAX_ROWS = 10_000
WORKERS = 4

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
_RESERVED = {"format"}
_TEMP_PREFIX = "graphkit-serve-"


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def prepare(text: str) -> str:
    """Check a read-only query before it runs: updates give 403; ``SERVICE`` and nesting
    deeper than ``MAX_DEPTH`` give 400 (SPARQL that does not parse is a 400 when it runs)."""
    if not text.strip():
        raise HttpError(HTTPStatus.BAD_REQUEST, "empty query")
    shape = check_query(text)
    if shape.update:
        raise HttpError(HTTPStatus.FORBIDDEN, "read-only endpoint: updates are refused")
    if shape.depth > MAX_DEPTH:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"invalid SPARQL: nested more than {MAX_DEPTH} levels deep")
    if shape.service:
        raise HttpError(HTTPStatus.BAD_REQUEST, "SERVICE is not allowed: this endpoint never fetches data")
    return text


def _iri_list(values: list[str], param: str) -> tuple[str, ...]:
    out = []
    for v in values:
        v = v.strip()
        try:
            if not v or any(ch in v for ch in '<> "{}|\\^`') or ":" not in v:
                raise ValueError(v)
            out.append(ox.NamedNode(v).value)
        except ValueError as exc:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"{param} {v!r} is not an absolute IRI") from exc
    return tuple(out)


class EndpointServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer with the worker pool and the limits; ``url`` is its base URL.

    ``server_close`` also ends the workers and removes the on-disk store.
    """

    daemon_threads = True

    def __init__(self, pool: WorkerPool, store_dir: str, address: tuple[str, int], *, timeout: float,
                 max_query_bytes: int, max_rows: int, log: Callable[[str], None] | None) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.pool = pool
        self.store_dir = store_dir
        super().__init__(address, _Handler)  # closes the pool when the address cannot be bound
        self.query_timeout = timeout
        self.max_query_bytes = max_query_bytes
        self.max_rows = max_rows
        self.log = log

    @property
    def url(self) -> str:
        """``http://HOST:PORT/`` as bound (with the real port when 0 was asked)."""
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/"

    def run(self, job: Job) -> Written:
        """Run ``job`` in a worker within the time limit (HttpError otherwise)."""
        return self.pool.run(job, self.query_timeout)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()
        shutil.rmtree(self.store_dir, ignore_errors=True)


class _Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    server_version = f"graphkit-sparql/{__version__}"
    sys_version = ""

    def version_string(self) -> str:
        return self.server_version  # not BaseHTTPRequestHandler's "NAME PYTHON" (a stray space)
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a slow client may take to send its request

    # -- plumbing -------------------------------------------------------------------------
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")

    def _send(self, status: HTTPStatus, body: bytes, media: str, extra: Mapping[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, err: HttpError) -> None:
        extra = {}
        if self.command == "POST":  # the body may be unread: do not parse it as a request
            self.close_connection = True
            extra["Connection"] = "close"
        self._send(err.status, (err.message + "\n").encode("utf-8"), "text/plain; charset=utf-8", extra)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own errors (bad request line, unsupported method) as one line of plain text."""
        self.close_connection = True
        status = HTTPStatus(code)
        line = " ".join((message or status.phrase).split())
        try:
            self._send(status, (line + "\n").encode("utf-8"), "text/plain; charset=utf-8", {"Connection": "close"})
        except OSError:
            pass

    def _handle(self, route: Callable[[], None]) -> None:
        try:
            route()
        except HttpError as err:
            self._error(err)
        except QueryError as exc:
            self._error(HttpError(HTTPStatus.BAD_REQUEST, str(exc)))
        except Exception as exc:  # noqa: BLE001 - one line to the client, never a traceback
            self._error(HttpError(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {_first_line(exc)}"))

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._handle(self._route_get)

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle(self._route_get)

    def do_POST(self) -> None:  # noqa: N802
        self._handle(self._route_post)

    def _params(self) -> dict[str, list[str]]:
        query = urlsplit(self.path).query
        if len(query.encode("utf-8")) > 3 * self.server.max_query_bytes:
            raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                            f"query longer than {self.server.max_query_bytes} bytes")
        try:
            return parse_qs(query, keep_blank_values=True, strict_parsing=False, errors="strict")
        except UnicodeDecodeError as exc:
            raise HttpError(HTTPStatus.BAD_REQUEST, "query string is not UTF-8") from exc

    def _body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            raise HttpError(HTTPStatus.LENGTH_REQUIRED, "POST needs a Content-Length")
        try:
            size = int(length)
        except ValueError as exc:
            raise HttpError(HTTPStatus.BAD_REQUEST, "bad Content-Length") from exc
        if size < 0 or size > 3 * self.server.max_query_bytes:
            self.close_connection = True
            raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                            f"request body longer than {3 * self.server.max_query_bytes} bytes")
        return self.rfile.read(size)

    # -- routes ---------------------------------------------------------------------------
    def _route_get(self) -> None:
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, _index_page(self.server).encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/sparql":
            params = self._params()
            if "update" in params:
                raise HttpError(HTTPStatus.FORBIDDEN, "read-only endpoint: updates are refused")
            if "query" not in params:
                written = write_graph(_service_description(self.server), self.headers.get("Accept"),
                                      _one(params, "format"))
                self._reply(written)
                return
            self._sparql(params)
        elif path.startswith("/queries/"):
            self._ready(path[len("/queries/"):], self._params())
        else:
            raise HttpError(HTTPStatus.NOT_FOUND, f"no such page: {path}; try / or /sparql")

    def _route_post(self) -> None:
        path = urlsplit(self.path).path
        if path != "/sparql":
            raise HttpError(HTTPStatus.NOT_FOUND, f"no such page: {path}; POST queries to /sparql")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._body()
        params = self._params()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise HttpError(HTTPStatus.BAD_REQUEST, "request body is not UTF-8") from exc
        if media == FORM:
            form = parse_qs(text, keep_blank_values=True)
            if "update" in form:
                raise HttpError(HTTPStatus.FORBIDDEN, "read-only endpoint: updates are refused")
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif media == SPARQL_QUERY:
            params["query"] = [text]
        elif media == "application/sparql-update":
            raise HttpError(HTTPStatus.FORBIDDEN, "read-only endpoint: updates are refused")
        else:
            raise HttpError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                            f"POST a {FORM} form or an {SPARQL_QUERY} body, not {media or 'nothing'}")
        self._sparql(params)

    def _reply(self, written: Written) -> None:
        extra = {"Vary": "Accept"}
        if written.truncated:
            extra["X-SPARQL-MaxRows"] = str(self.server.max_rows)
        self._send(HTTPStatus.OK, written.body, f"{written.media}; charset=utf-8", extra)

    def _sparql(self, params: dict[str, list[str]]) -> None:
        texts = params.get("query") or []
        if len(texts) != 1:
            raise HttpError(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
        text = texts[0]
        if len(text.encode("utf-8")) > self.server.max_query_bytes:
            raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                            f"query longer than {self.server.max_query_bytes} bytes")
        text, added = with_prefixes(prepare(text))
        job = Job(text, default_graphs=_iri_list(params.get("default-graph-uri", []), "default-graph-uri"),
                  named_graphs=_iri_list(params.get("named-graph-uri", []), "named-graph-uri"),
                  accept=self.headers.get("Accept"), fmt=_one(params, "format"),
                  max_rows=self.server.max_rows, added_lines=added)
        self._reply(self.server.run(job))

    def _ready(self, name: str, params: dict[str, list[str]]) -> None:
        if name not in READY:
            raise HttpError(HTTPStatus.NOT_FOUND,
                            f"no ready query {name!r}; choose from: {', '.join(sorted(READY))}")
        bindings = {}
        for key, values in params.items():
            if key in _RESERVED:
                continue
            if len(values) != 1:
                raise HttpError(HTTPStatus.BAD_REQUEST, f"give parameter {key!r} once")
            bindings[key] = values[0]
        text, init = prepare_query(name, bindings)  # QueryError (400) for a missing or unknown parameter
        job = Job(text, init, accept=self.headers.get("Accept"), fmt=_one(params, "format"),
                  max_rows=self.server.max_rows)
        self._reply(self.server.run(job))


def _one(params: Mapping[str, list[str]], key: str) -> str | None:
    """The first value of ``key`` (SPARQLWrapper sends ``format=json-ld&format=application/ld+json,...``)."""
    values = params.get(key)
    return values[0] if values else None


_EXAMPLE = "SELECT ?council ?partner WHERE { ?council gk:partnersWith ?partner } LIMIT 10"
_FORMATS = (("", "negotiated (JSON or Turtle)"), ("json", "JSON"), ("xml", "XML"), ("csv", "CSV"),
            ("tsv", "TSV"), ("ttl", "Turtle"), ("nt", "N-Triples"), ("rdfxml", "RDF/XML"), ("jsonld", "JSON-LD"))


def _index_page(server: EndpointServer) -> str:
    """The HTML home page, with no script at all; every piece of text in it is escaped."""
    e = html.escape
    prefixes = "".join(f"<tr><td><code>{e(p)}:</code></td><td><code>{e(ns)}</code></td></tr>"
                       for p, ns in sorted(PREFIXES.items()))
    items = []
    for q in READY.values():
        params = "".join(f"<li><code>{e(p)}</code> ({e(k)}): {e(d)}</li>" for p, k, d in q.params)
        items.append(f'<li><a href="/queries/{quote(q.name)}"><code>{e(q.name)}</code></a>: {e(q.description)}'
                     + (f"<ul>{params}</ul>" if params else "")
                     + f"<details><summary>SPARQL</summary><pre>{e(q.sparql)}</pre></details></li>")
    options = "".join(f'<option value="{e(v)}">{e(label)}</option>' for v, label in _FORMATS)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>graphkit SPARQL endpoint</title></head><body>\n"
        "<h1>graphkit SPARQL endpoint</h1>\n"
        f"<p>Read-only SPARQL 1.1 at <code>{e(server.url)}sparql</code> (GET or POST).</p>\n"
        '<form action="/sparql" method="get">\n<p><label for="query">Query</label><br>'
        f'<textarea id="query" name="query" rows="10" cols="90">{e(_EXAMPLE)}</textarea></p>\n'
        f'<p><label for="format">Format</label> <select id="format" name="format">{options}</select> '
        '<button type="submit">Run</button></p>\n</form>\n'
        f"<h2>Limits</h2>\n<p>Queries up to {server.max_query_bytes} bytes; each runs at most "
        f"{server.query_timeout:g} s (then it is stopped and you get 503). At most {server.max_rows} "
        "rows (SELECT solutions, or CONSTRUCT and DESCRIBE triples) are sent: when a query found more, "
        f"the rest are left out and the response has the header <code>X-SPARQL-MaxRows: {server.max_rows}</code>. "
        "Use LIMIT and OFFSET to page.</p>\n"
        "<h2>Prefixes</h2>\n<p>Declared for every query (a PREFIX in the query wins):</p>\n"
        f"<table><tbody>{prefixes}</tbody></table>\n"
        "<h2>Ready queries</h2>\n<p>Run one at <code>/queries/NAME?param=value</code>; "
        "values are bound, never spliced into the query.</p>\n"
        f"<ul>{''.join(items)}</ul>\n</body></html>\n"
    )


_SD = "http://www.w3.org/ns/sparql-service-description#"
_SH = "http://www.w3.org/ns/shacl#"
_FORMATS_NS = "http://www.w3.org/ns/formats/"
_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                   "Turtle", "N-Triples", "RDF_XML", "JSON-LD")


def _service_description(server: EndpointServer) -> list[ox.Triple]:
    """A SPARQL 1.1 service description of this endpoint; its prefixes as SHACL ``sh:declare``."""
    iri = ox.NamedNode(f"{server.url}sparql")
    sd, sh = (lambda t: ox.NamedNode(_SD + t)), (lambda t: ox.NamedNode(_SH + t))
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    comment = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
    triples = [ox.Triple(iri, rdf_type, sd("Service")), ox.Triple(iri, sd("endpoint"), iri),
               ox.Triple(iri, sd("supportedLanguage"), sd("SPARQL11Query")),
               ox.Triple(iri, sd("feature"), sd("UnionDefaultGraph")),
               ox.Triple(iri, comment, ox.Literal(
                   f"Read-only. Each query runs at most {server.query_timeout:g} s; at most {server.max_rows} "
                   "solutions or triples are sent (X-SPARQL-MaxRows says when more were found). "
                   "The prefixes declared with sh:declare may be used without PREFIX."))]
    triples += [ox.Triple(iri, sd("resultFormat"), ox.NamedNode(_FORMATS_NS + f)) for f in _RESULT_FORMATS]
    for prefix, namespace in sorted(PREFIXES.items()):
        node = ox.BlankNode(f"prefix-{prefix}")
        triples += [ox.Triple(iri, sh("declare"), node), ox.Triple(node, sh("prefix"), ox.Literal(prefix)),
                    ox.Triple(node, sh("namespace"), ox.Literal(
                        namespace, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI")))]
    return triples


def _sweep_stale_stores() -> None:
    """Remove on-disk stores left by endpoints that were killed (their process is gone)."""
    if not Path("/proc/self").exists():  # no way to tell a live server's store from a stale one
        return
    for path in Path(tempfile.gettempdir()).glob(f"{_TEMP_PREFIX}*-*"):
        pid = path.name[len(_TEMP_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not Path(f"/proc/{pid}").exists() and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def make_server(dataset, host: str = "127.0.0.1", port: int = 8000, *, timeout: float = TIMEOUT,
                max_query_bytes: int = MAX_QUERY_BYTES, max_rows: int = MAX_ROWS, workers: int = WORKERS,
                log: Callable[[str], None] | None = None) -> EndpointServer:
    """Load ``dataset``, start the query workers and bind a read-only SPARQL endpoint (call
    ``serve_forever`` to run it, ``server_close`` to end it and its workers).

    Parameters
    ----------
    dataset : path, rdflib.Graph, rdflib.Dataset, pyoxigraph.Store or OxGraph
        A built graph file (``graph.trig``, ``.ttl``, ``.nq`` ...) or the data itself. It is
        written once into a pyoxigraph store in a temporary folder, which every worker opens
        read-only; the default graph is the union of its graphs, each triple once.
    host, port : str, int
        Where to listen; loopback by default. Port 0 picks a free port (see ``server.url``).
    timeout : float
        Seconds each query may run before its worker is killed and the client gets 503.
    max_query_bytes : int
        Longest query text accepted (413 beyond).
    max_rows : int
        Most solutions (or triples) sent; beyond it results are cut and ``X-SPARQL-MaxRows`` set.
    workers : int
        Worker processes, so queries that may run at once.
    log : callable, optional
        Receives one line per request; default is silence.

    Returns
    -------
    EndpointServer

    Raises
    ------
    GraphkitError
        The graph file is not valid RDF, the workers cannot start or the address cannot be bound.
    """
    if timeout <= 0 or max_query_bytes <= 0 or max_rows <= 0 or workers <= 0:
        raise GraphkitError("endpoint limits must be positive")
    _sweep_stale_stores()
    store_dir = tempfile.mkdtemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-")
    pool = None
    try:
        union = open_dataset(dataset, Path(store_dir) / "store")
        pool = WorkerPool(Path(store_dir) / "store", union, workers).start()
        try:
            return EndpointServer(pool, store_dir, (host, port), timeout=timeout, max_query_bytes=max_query_bytes,
                                  max_rows=max_rows, log=log)
        except OSError as exc:
            raise GraphkitError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    except BaseException:
        if pool is not None:
            pool.close()
        shutil.rmtree(store_dir, ignore_errors=True)
        raise


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (for a warning when serving wider)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
