"""A read-only SPARQL 1.1 Protocol endpoint over a loaded graph, on the standard library only.

::

    GET  /                      a small HTML page: the ready queries and an example
    GET  /sparql?query=...      run a query (no query: a service description in Turtle)
    POST /sparql                form-encoded ``query=...`` or an ``application/sparql-query`` body
    GET  /queries/NAME?p=v      run a ready query; values are bound (substitutions), never spliced

``default-graph-uri`` and ``named-graph-uri`` (and ``FROM`` / ``FROM NAMED`` in the query)
pick graphs of the loaded dataset; nothing is ever fetched, and ``SERVICE`` is refused.
Updates are refused with 403. Results are negotiated by ``Accept`` (or ``format=``):
SELECT and ASK as SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT and DESCRIBE as
Turtle (default) or N-Triples.

Queries run on pyoxigraph (``graphkit.query.engine``), which also writes the results. The
default graph is the union of the loaded graphs, each triple once.

Limits: a query text of at most ``max_query_bytes`` (default 64 KiB, else 413) and nested at
most ``engine.MAX_DEPTH`` deep (else 400: pyoxigraph's parser would overflow its stack); each
query and its serialisation get ``timeout`` seconds (default 30, else 503). pyoxigraph cannot
stop a running query: the client gets 503 at the budget, and the worker thread is sent an
exception (CPython's ``PyThreadState_SetAsyncExc``) that lands when pyoxigraph hands control
back, between solutions while results are written, or at the end of an aggregate. Until then
it keeps one of ``max_running`` slots (default 4); a request waits up to ``timeout`` seconds
for a free slot, then gets 503. Results are not paged: use LIMIT for big answers.
"""

from __future__ import annotations

import ctypes
import html
import ipaddress
import socket
import threading
from collections.abc import Callable, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

import pyoxigraph as ox

from ..errors import GraphkitError, QueryError
from .engine import MAX_DEPTH, OxGraph, check_query, to_store
from .ready import READY
from .run import prepare_query

__all__ = ["EndpointServer", "HttpError", "MAX_QUERY_BYTES", "MAX_RUNNING", "TIMEOUT", "is_loopback",
           "make_server", "negotiate", "prepare"]

MAX_QUERY_BYTES = 64 * 1024
TIMEOUT = 30.0
MAX_RUNNING = 4

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"

#: Media type -> (short format name, media type sent back).
_SOLUTIONS = {JSON: ("json", JSON), "application/json": ("json", JSON), XML: ("xml", XML),
              "application/xml": ("xml", XML), CSV: ("csv", CSV), TSV: ("tsv", TSV)}
_BOOLEAN = {JSON: ("json", JSON), "application/json": ("json", JSON), XML: ("xml", XML),
            "application/xml": ("xml", XML)}
_GRAPHS = {TURTLE: ("ttl", TURTLE), "application/x-turtle": ("ttl", TURTLE),
           NTRIPLES: ("nt", NTRIPLES), "text/plain": ("nt", NTRIPLES)}
#: Short format name -> pyoxigraph's writer.
_WRITERS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML, "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV, "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
_SHORT = {"json": JSON, "xml": XML, "csv": CSV, "tsv": TSV, "ttl": TURTLE, "turtle": TURTLE,
          "nt": NTRIPLES, "ntriples": NTRIPLES}
_RESERVED = {"format"}


class HttpError(Exception):
    """An HTTP error status with a one-line message (sent as text/plain)."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = " ".join(message.split())


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _accepted(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an Accept header with their q-values, best first (stable)."""
    if not header:
        return [("*/*", 1.0)]
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            key, _, value = f.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            out.append((media, q))
    return sorted(out, key=lambda mq: -mq[1])


def negotiate(accept: str | None, offers: Mapping[str, tuple[str, str]], fmt: str | None = None) -> tuple[str, str]:
    """Choose ``(format, media type)`` from ``offers`` for an Accept header or a ``format=`` value.

    The first offer is the default (for ``*/*`` or no header). Raises HttpError 406 when
    nothing offered is acceptable.
    """
    if fmt:
        media = _SHORT.get(fmt.lower(), fmt.lower())
        if media in offers:
            return offers[media]
        raise HttpError(HTTPStatus.NOT_ACCEPTABLE,
                        f"format {fmt!r} not available here; choose from: {', '.join(sorted(offers))}")
    default = next(iter(offers))
    for media, _ in _accepted(accept):
        if media == "*/*":
            return offers[default]
        if media.endswith("/*"):
            kind = media[:-1]
            for offered in offers:
                if offered.startswith(kind):
                    return offers[offered]
        elif media in offers:
            return offers[media]
    raise HttpError(HTTPStatus.NOT_ACCEPTABLE,
                    f"cannot answer with {accept}; choose from: {', '.join(sorted(offers))}")


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


def _iri_list(values: list[str], param: str) -> list[ox.NamedNode]:
    out = []
    for v in values:
        v = v.strip()
        try:
            if not v or any(ch in v for ch in '<> "{}|\\^`') or ":" not in v:
                raise ValueError(v)
            out.append(ox.NamedNode(v))
        except ValueError as exc:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"{param} {v!r} is not an absolute IRI") from exc
    return out


def _restrict(source: OxGraph, default: list[ox.NamedNode], named: list[ox.NamedNode]) -> OxGraph:
    """A new store: the union of the ``default`` graphs (each triple once) as its default graph,
    and the ``named`` graphs, all taken from ``source`` (an unknown IRI is an empty graph)."""
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for g in default
                 for q in source.store.quads_for_pattern(None, None, None, g))
    store.extend(q for g in named for q in source.store.quads_for_pattern(None, None, None, g))
    return OxGraph(store)


class EndpointServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer holding the dataset and the limits; ``url`` is its base URL."""

    daemon_threads = True

    def __init__(self, dataset, address: tuple[str, int], *, timeout: float = TIMEOUT,
                 max_query_bytes: int = MAX_QUERY_BYTES, max_running: int = MAX_RUNNING,
                 log: Callable[[str], None] | None = None) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, _Handler)
        self.dataset = to_store(dataset)
        self.query_timeout = timeout
        self.max_query_bytes = max_query_bytes
        self.slots = threading.BoundedSemaphore(max_running)
        self.log = log

    @property
    def url(self) -> str:
        """``http://HOST:PORT/`` as bound (with the real port when 0 was asked)."""
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/"

    def run(self, work: Callable[[], tuple[bytes, str]]) -> tuple[bytes, str]:
        """Run ``work`` in a thread within the time budget, holding one of the query slots.

        A worker over its budget is sent ``QueryCancelled`` (see ``_interrupt``) and its slot
        comes back when it stops. Raises HttpError 503 when no slot frees up within the budget
        or ``work`` overruns it.
        """
        if not self.slots.acquire(timeout=self.query_timeout):
            raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries running; try again later")
        box: dict[str, object] = {"phase": "running"}  # running -> finished | cancelled
        lock = threading.Lock()

        def target() -> None:
            try:
                try:
                    outcome: tuple[str, object] | None = ("value", work())
                except QueryCancelled:
                    outcome = None
                except BaseException as exc:  # handed back to the request thread
                    outcome = ("error", exc)
                with lock:
                    if box["phase"] == "running" and outcome is not None:
                        box["phase"] = "finished"
                        box[outcome[0]] = outcome[1]
            except QueryCancelled:
                pass
            finally:
                try:  # at most one QueryCancelled is ever sent; whenever it lands, release the slot
                    _settle()
                except QueryCancelled:
                    _settle()
                finally:
                    self.slots.release()

        worker = threading.Thread(target=target, name="sparql-query", daemon=True)
        worker.start()
        worker.join(self.query_timeout)
        with lock:
            if box["phase"] == "running":
                box["phase"] = "cancelled"
                _interrupt(worker)
                raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE,
                                f"query ran over its time budget of {self.query_timeout:g} s")
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        return box["value"]  # type: ignore[return-value]


class QueryCancelled(BaseException):
    """Raised inside a query worker over its time budget (a BaseException: nothing may catch it)."""


_SET_ASYNC_EXC = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)


def _interrupt(worker: threading.Thread) -> None:
    """Ask ``worker`` to raise QueryCancelled at its next Python instruction (CPython only).

    pyoxigraph has no way to stop a query; this lands when it next hands control back to
    Python (between solutions while results are written, or when an aggregate is done).
    """
    if _SET_ASYNC_EXC is not None and worker.ident is not None:
        _SET_ASYNC_EXC(ctypes.c_ulong(worker.ident), ctypes.py_object(QueryCancelled))


def _settle() -> None:
    """Drop a QueryCancelled still pending for this thread (sent but not yet raised)."""
    if _SET_ASYNC_EXC is not None:
        _SET_ASYNC_EXC(ctypes.c_ulong(threading.get_ident()), None)


class _Sink:
    """A binary file for pyoxigraph's writers; each ``write`` (about every 8 KiB) runs Python,
    so a query cancelled while its results are written stops there."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _answer(raw, accept: str | None, fmt: str | None) -> tuple[bytes, str]:
    """Write pyoxigraph results as negotiated (called inside the time budget, in the thread
    that ran the query: pyoxigraph's results must be dropped there too)."""
    try:
        if isinstance(raw, ox.QueryTriples):
            offers = _GRAPHS
        elif isinstance(raw, ox.QueryBoolean):
            offers = _BOOLEAN
        else:
            offers = _SOLUTIONS
        kind, media = negotiate(accept, offers, fmt)
        sink = _Sink()
        raw.serialize(sink, format=_WRITERS[kind])
        return b"".join(sink.parts), f"{media}; charset=utf-8"
    finally:
        del raw  # an error's traceback must not carry the results to another thread


class _Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    server_version = "graphkit-sparql"
    sys_version = ""
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
                self._send(HTTPStatus.OK, _service_description(self.server, self._base()),
                           f"{TURTLE}; charset=utf-8")
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

    def _base(self) -> str:
        return self.server.url

    def _sparql(self, params: dict[str, list[str]]) -> None:
        texts = params.get("query") or []
        if len(texts) != 1:
            raise HttpError(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
        text = texts[0]
        if len(text.encode("utf-8")) > self.server.max_query_bytes:
            raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                            f"query longer than {self.server.max_query_bytes} bytes")
        default = _iri_list(params.get("default-graph-uri", []), "default-graph-uri")
        named = _iri_list(params.get("named-graph-uri", []), "named-graph-uri")
        accept, fmt = self.headers.get("Accept"), _one(params, "format")
        source = self.server.dataset

        def work() -> tuple[bytes, str]:
            query = prepare(text)
            if len(default) > 1:  # pyoxigraph's union of several graphs would repeat shared triples
                raw = _restrict(source, default, named).query(query)
            elif default or named:
                raw = source.query(query, default_graph=default, named_graphs=named)
            else:  # FROM and FROM NAMED pick graphs of the store; nothing is fetched
                raw = source.query(query)
            try:
                return _answer(raw, accept, fmt)
            finally:
                del raw

        body, media = self.server.run(work)
        self._send(HTTPStatus.OK, body, media, {"Vary": "Accept"})

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
        accept, fmt = self.headers.get("Accept"), _one(params, "format")
        source = self.server.dataset

        def work() -> tuple[bytes, str]:
            text, init = prepare_query(name, bindings)
            raw = source.query(text, init)
            try:
                return _answer(raw, accept, fmt)
            finally:
                del raw

        body, media = self.server.run(work)
        self._send(HTTPStatus.OK, body, media, {"Vary": "Accept"})


def _one(params: Mapping[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    return values[-1] if values else None


def _index_page(server: EndpointServer) -> str:
    """The HTML home page; every piece of text in it is escaped."""
    e = html.escape
    example = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
    items = []
    for q in READY.values():
        params = "".join(f"<li><code>{e(p)}</code> ({e(k)}): {e(d)}</li>" for p, k, d in q.params)
        items.append(f'<li><a href="/queries/{quote(q.name)}"><code>{e(q.name)}</code></a>: {e(q.description)}'
                     + (f"<ul>{params}</ul>" if params else "") + "</li>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>graphkit SPARQL endpoint</title></head><body>\n"
        "<h1>graphkit SPARQL endpoint</h1>\n"
        f"<p>Read-only SPARQL 1.1 at <code>{e(server.url)}sparql</code> (GET or POST). "
        f"Queries up to {server.max_query_bytes} bytes, {server.query_timeout:g} s each.</p>\n"
        f"<p>Example: <a href=\"/sparql?query={quote(example)}\"><code>{e(example)}</code></a></p>\n"
        "<h2>Ready queries</h2>\n<p>Run one at <code>/queries/NAME?param=value</code>; "
        "values are bound, never spliced into the query.</p>\n"
        f"<ul>{''.join(items)}</ul>\n</body></html>\n"
    )


def _service_description(server: EndpointServer, base: str) -> bytes:
    """A SPARQL 1.1 service description of this endpoint, in Turtle."""
    endpoint = f"{base}sparql"
    return (
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
        f"<{endpoint}> a sd:Service ;\n"
        f"    sd:endpoint <{endpoint}> ;\n"
        "    sd:supportedLanguage sd:SPARQL11Query ;\n"
        "    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>,\n"
        "        <http://www.w3.org/ns/formats/SPARQL_Results_XML>,\n"
        "        <http://www.w3.org/ns/formats/SPARQL_Results_CSV>,\n"
        "        <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,\n"
        "        <http://www.w3.org/ns/formats/Turtle>,\n"
        "        <http://www.w3.org/ns/formats/N-Triples> ;\n"
        "    sd:feature sd:UnionDefaultGraph .\n"
    ).encode("utf-8")


def make_server(dataset, host: str = "127.0.0.1", port: int = 8000, *, timeout: float = TIMEOUT,
                max_query_bytes: int = MAX_QUERY_BYTES, max_running: int = MAX_RUNNING,
                log: Callable[[str], None] | None = None) -> EndpointServer:
    """Bind a read-only SPARQL endpoint over ``dataset`` (call ``serve_forever`` to run it).

    Parameters
    ----------
    dataset : rdflib.Graph, rdflib.Dataset, pyoxigraph.Store or OxGraph
        The data (an rdflib graph is copied once into a pyoxigraph Store); the default graph is
        the union of its graphs.
    host, port : str, int
        Where to listen; loopback by default. Port 0 picks a free port (see ``server.url``).
    timeout : float
        Seconds each query (with its serialisation) may take before the client gets 503.
    max_query_bytes : int
        Longest query text accepted (413 beyond).
    max_running : int
        Queries that may run at once, counting ones over their budget still running.
    log : callable, optional
        Receives one line per request; default is silence.

    Returns
    -------
    EndpointServer

    Raises
    ------
    GraphkitError
        The address cannot be bound.
    """
    if timeout <= 0 or max_query_bytes <= 0 or max_running <= 0:
        raise GraphkitError("endpoint limits must be positive")
    try:
        return EndpointServer(dataset, (host, port), timeout=timeout, max_query_bytes=max_query_bytes,
                              max_running=max_running, log=log)
    except OSError as exc:
        raise GraphkitError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (for a warning when serving wider)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

