"""A SPARQL store over HTTP: where it takes each request (product presets or explicit URLs), and a client.

A store has three endpoints: the Graph Store HTTP Protocol endpoint (``PUT ?graph=IRI`` loads
a graph), the SPARQL update endpoint (``MOVE``, ``DROP``) and the SPARQL query endpoint (to
check what arrived). Each error becomes one PushError line naming the store and the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from .errors import PushError, store_error

__all__ = ["PRODUCTS", "Endpoints", "StoreClient", "discover_product", "resolve_endpoints", "server_message"]

#: Product -> (Graph Store endpoint, update endpoint, query endpoint), as paths under the store's URL.
PRODUCTS: dict[str, tuple[str, str, str]] = {
    # Virtuoso: writes need a login (Digest); the anonymous /sparql-graph-crud and /sparql refuse them
    "virtuoso": ("/sparql-graph-crud-auth", "/sparql-auth", "/sparql-auth"),
    # Oxigraph server (`oxigraph serve`)
    "oxigraph": ("/store", "/update", "/query"),
}
_ERRNO = re.compile(r"\[Errno -?\d+\] ([^'\")]+)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_MAX_MESSAGE = 300


@dataclass(frozen=True, slots=True)
class Endpoints:
    """The URLs of one store: ``store`` names it in messages; ``product`` is a PRODUCTS key or ``custom``."""

    store: str
    gsp: str
    update: str
    query: str
    product: str = "custom"


def _check_url(url: str, option: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(url, f"{option} needs an http:// or https:// URL")
    if parts.password is not None:
        raise PushError(f"{parts.scheme}://{parts.hostname}", f"{option} holds a password; give it in an "
                        "environment variable instead (--password-env), never in the URL")
    return url.rstrip("/") if option == "--store" else url


def resolve_endpoints(store: str | None = None, product: str = "auto", *, gsp: str | None = None,
                      update: str | None = None, query: str | None = None,
                      session: requests.Session | None = None, timeout: float = 30.0) -> Endpoints:
    """The endpoints of a store: a product's preset paths under ``store``, overridden by explicit URLs.

    Parameters
    ----------
    store : str, optional
        The store's base URL, e.g. ``http://127.0.0.1:8890`` (Virtuoso) or ``http://127.0.0.1:7878``
        (Oxigraph). Needed unless both ``gsp`` and ``update`` are given.
    product : {"auto", "virtuoso", "oxigraph"}
        Which preset to use; ``auto`` asks the store (its ``Server`` header) unless ``gsp`` and
        ``update`` are both given.
    gsp, update, query : str, optional
        The Graph Store endpoint, update endpoint and query endpoint (``query`` defaults to the
        preset's, else to ``update``: many stores answer both at one URL).

    Raises
    ------
    PushError
        A URL that is not http(s) or holds a password, an unknown product, or a store that
        cannot be reached or recognised.

    Examples
    --------
    >>> resolve_endpoints("http://127.0.0.1:7878/", "oxigraph").gsp
    'http://127.0.0.1:7878/store'
    >>> resolve_endpoints(gsp="http://h/ds/data", update="http://h/ds/update").query
    'http://h/ds/update'
    """
    if product != "auto" and product not in PRODUCTS:
        raise PushError(store or "push", f"unknown product {product!r}; choose from: auto, {', '.join(PRODUCTS)}")
    for url, option in ((gsp, "--gsp"), (update, "--update"), (query, "--query")):
        if url is not None:
            _check_url(url, option)
    if store is None:
        if gsp is None or update is None:
            raise PushError("push", "give the store's URL (--store), or both --gsp and --update")
        return Endpoints(gsp, gsp, update, query or update, "custom" if product == "auto" else product)
    base = _check_url(store, "--store")
    if product == "auto":
        if gsp is not None and update is not None:
            return Endpoints(base, gsp, update, query or update)
        product = discover_product(base, session=session, timeout=timeout)
    paths = PRODUCTS[product]
    return Endpoints(base, gsp or base + paths[0], update or base + paths[1],
                     query or base + paths[2], product)


def discover_product(store: str, *, session: requests.Session | None = None, timeout: float = 30.0) -> str:
    """Which PRODUCTS key ``store`` runs, from the ``Server`` header of ``GET store/``."""
    response = _send(session or requests.Session(), "GET", store + "/", store, "the request for its home page",
                     timeout=timeout, ok_status=range(100, 600))
    server = response.headers.get("Server", "")
    for product in PRODUCTS:  # the products name themselves in their Server header
        if product in server.lower():
            return product
    said = f"its Server header says {server!r}" if server else "it sends no Server header"
    raise store_error(store, f"cannot tell which store this is ({said}); give --product "
                    f"({', '.join(PRODUCTS)}) or the endpoints (--gsp and --update)")


def server_message(response: requests.Response) -> str:
    """The store's own words about an error, as one line of at most 300 characters."""
    text = response.text or ""
    if "html" in response.headers.get("Content-Type", "").lower() or text.lstrip().startswith("<"):
        text = _html_text(text)
    text = _CONTROL.sub(" ", text)
    text = " ".join(text.split())
    if len(text) > _MAX_MESSAGE:
        text = text[: _MAX_MESSAGE - 1] + "…"
    return text or "(no message)"


def _html_text(text: str) -> str:
    """The text of an HTML (or XML) error page: its <pre>/<xmp> blocks if any, else everything."""
    import lxml.html

    try:
        doc = lxml.html.fromstring(text)
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]*>", " ", text)
    blocks = doc.xpath("//pre|//xmp")
    return " ".join(b.text_content() for b in blocks) if blocks else doc.text_content()


def _send(session: requests.Session, method: str, url: str, store: str, what: str, *, timeout: float,
          ok_status: range = range(200, 300), user: str | None = None, scheme: str | None = None,
          **kwargs) -> requests.Response:
    """One HTTP request; any failure becomes a PushError ``store: problem`` naming ``what`` was sent."""
    try:
        response = session.request(method, url, timeout=timeout, **kwargs)
    except requests.Timeout as exc:
        raise store_error(store, f"no answer within {timeout:g} s to {what}") from exc
    except requests.ConnectionError as exc:
        found = _ERRNO.search(str(exc))
        reason = found.group(1).strip().lower() if found else type(exc).__name__
        raise store_error(store, f"unreachable ({reason}) during {what}") from exc
    except requests.RequestException as exc:
        raise store_error(store, f"{what} failed: {_CONTROL.sub(' ', str(exc))[:_MAX_MESSAGE]}") from exc
    if response.status_code in ok_status:
        return response
    status = f"{response.status_code} {response.reason or ''}".strip()
    if response.status_code == 401:
        asked = response.headers.get("WWW-Authenticate", "").split(" ", 1)[0].lower()
        if user and scheme in ("basic", "digest") and asked and asked != scheme:
            who = f"the store asks for {asked.capitalize()} authentication, not {scheme.capitalize()} (--auth)"
        elif user and scheme in ("basic", "digest"):
            who = (f"user {user!r} was refused with {scheme.capitalize()} authentication "
                   "(wrong user or password, or another --auth?)")
        elif user:
            who = f"user {user!r} was refused (wrong user or password?)"
        else:
            who = "the store needs a login (--user, and the password in the environment)"
        raise store_error(store, f"{status} to {what}: {who}")
    raise store_error(store, f"{status} to {what}: {server_message(response)}")


class StoreClient:
    """Send graphs, updates and queries to one store; every failure is a one-line PushError.

    Parameters
    ----------
    endpoints : Endpoints
    auth : requests.auth.AuthBase, optional
        E.g. ``ChallengeAuth(user, password)``; None sends no credentials.
    timeout : float
        Seconds to wait for each answer.
    session : requests.Session, optional
    """

    def __init__(self, endpoints: Endpoints, auth: requests.auth.AuthBase | None = None, *,
                 timeout: float = 120.0, session: requests.Session | None = None) -> None:
        self.endpoints = endpoints
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.auth = auth
        self._user = getattr(auth, "user", None) or getattr(auth, "username", None)

    def _send(self, method: str, url: str, what: str, **kwargs) -> requests.Response:
        return _send(self.session, method, url, self.endpoints.store, what, timeout=self.timeout,
                     user=self._user, scheme=getattr(self.session.auth, "scheme", None), **kwargs)

    def close(self) -> None:
        """Close the HTTP connections."""
        self.session.close()

    def put_graph(self, graph: str, ntriples: bytes, what: str) -> None:
        """Replace graph ``graph`` (an IRI) with ``ntriples`` by a Graph Store Protocol PUT."""
        self._send("PUT", self.endpoints.gsp, what, params={"graph": graph}, data=ntriples,
                   headers={"Content-Type": "application/n-triples"})

    def update(self, sparql: str, what: str) -> None:
        """Run a SPARQL update (form-encoded POST, as SPARQL 1.1 Protocol says)."""
        self._send("POST", self.endpoints.update, what, data={"update": sparql})

    def select(self, sparql: str, what: str) -> list[dict[str, str]]:
        """Run a SELECT; each row maps a variable to its value's lexical form."""
        response = self._send("POST", self.endpoints.query, what, data={"query": sparql},
                              headers={"Accept": "application/sparql-results+json"})
        try:
            bindings = response.json()["results"]["bindings"]
            return [{name: cell["value"] for name, cell in row.items()} for row in bindings]
        except (ValueError, KeyError, TypeError) as exc:
            raise store_error(self.endpoints.store, f"{what}: the answer is not SPARQL JSON results "
                            f"({server_message(response)})") from exc
