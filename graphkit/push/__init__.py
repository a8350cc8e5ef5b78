"""Push a built graph into a SPARQL 1.1 store, one named graph per report, each replaced safely.

::

    read_payload(path, shacl=False) -> Payload     parse and check graph.trig; N-Triples per named graph
    resolve_endpoints(store, product, ...)         a product's endpoints (virtuoso, oxigraph) or explicit URLs
    StoreClient(endpoints, auth)                   Graph Store PUT, SPARQL update and query over HTTP
    ChallengeAuth(user, password, scheme)          Basic or Digest, or whichever the store asks for
    push(payload, client) -> PushReport            load temporaries, check, MOVE over the old graphs

Every failure is a PushError (a GraphkitError): one line naming the store or file and the problem.
"""

from __future__ import annotations

from .auth import AUTH_SCHEMES, ChallengeAuth
from .errors import PushError
from .payload import GraphPart, Payload, read_payload
from .replace import TEMPORARY_PREFIX, PushReport, push, temporary_graph
from .store import PRODUCTS, Endpoints, StoreClient, discover_product, resolve_endpoints, server_message

__all__ = [
    "AUTH_SCHEMES",
    "PRODUCTS",
    "TEMPORARY_PREFIX",
    "ChallengeAuth",
    "Endpoints",
    "GraphPart",
    "Payload",
    "PushError",
    "PushReport",
    "StoreClient",
    "discover_product",
    "push",
    "push_graph",
    "read_payload",
    "resolve_endpoints",
    "server_message",
    "temporary_graph",
]


def push_graph(path, store: str | None = None, *, product: str = "auto", gsp: str | None = None,
               update: str | None = None, query: str | None = None, user: str | None = None,
               password: str | None = None, auth: str = "auto", shacl: bool = False,
               timeout: float = 120.0) -> PushReport:
    """Check the graph file at ``path``, then replace its named graphs in the store.

    Nothing is sent when the file fails its checks (see ``read_payload``). ``store``,
    ``product``, ``gsp``, ``update`` and ``query`` choose the endpoints (``resolve_endpoints``);
    ``user`` and ``password`` log in with ``auth`` (``auto``, ``basic`` or ``digest``).

    Raises
    ------
    PushError
        One line naming the file or the store and what went wrong.
    """
    payload = read_payload(path, shacl=shacl)
    endpoints = resolve_endpoints(store, product, gsp=gsp, update=update, query=query, timeout=timeout)
    login = ChallengeAuth(user, password or "", auth) if user is not None else None
    client = StoreClient(endpoints, login, timeout=timeout)
    try:
        return push(payload, client)
    finally:
        client.close()
