"""Replace a store's named graphs safely: load temporaries, check them, then copy them over in one update."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from .errors import PushError, store_error
from .payload import Payload
from .store import StoreClient

__all__ = ["PushReport", "TEMPORARY_PREFIX", "push", "temporary_graph"]

#: Temporary graphs are ``urn:graphkit:push:<token>:<n>``; a token is new for every push.
TEMPORARY_PREFIX = "urn:graphkit:push:"
#: Times the copy is tried when a graph does not hold what was sent (another push at the same time).
COPY_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class PushReport:
    """What a push replaced: the store, the graphs' IRIs, the triples sent, and any warning."""

    store: str
    graphs: tuple[str, ...]
    triples: int
    warnings: tuple[str, ...] = ()


def temporary_graph(token: str, index: int) -> ox.NamedNode:
    """The temporary graph that holds the ``index``-th graph of push ``token`` until it is copied.

    >>> temporary_graph("5f0c", 2)
    <NamedNode value=urn:graphkit:push:5f0c:2>
    """
    return ox.NamedNode(f"{TEMPORARY_PREFIX}{token}:{index}")


def push(payload: Payload, client: StoreClient, *, token: str | None = None,
         progress: Callable[[int, int], None] | None = None) -> PushReport:
    """Replace each named graph of ``payload`` in the store, never leaving one half loaded.

    1. An update that drops a graph that cannot exist: checks that the store is reachable,
       the login and the right to write, before any data is sent.
    2. Each graph PUT into a temporary graph of its own (``temporary_graph(token, n)``, with a
       fresh random token per push, so concurrent pushes never share one).
    3. A query checks every temporary holds the triples sent.
    4. One update ``COPY <temporary> TO <graph>`` for all graphs; a query checks each graph
       holds what was sent. A store may run two updates at once and merge them (Oxigraph
       does), so when another push replaced the same graph at the same moment the copy is
       tried again, up to ``COPY_ATTEMPTS`` times.
    5. The temporaries are dropped, on success and on failure.

    A failure before step 4 leaves every graph of the store as it was.

    Raises
    ------
    PushError
        One line: the store, the step and the store's message; it says when temporaries could
        not be dropped.
    """
    token = token or uuid.uuid4().hex
    temps = [temporary_graph(token, i) for i in range(len(payload.parts))]
    client.update(f"DROP SILENT GRAPH {temporary_graph(token, len(temps))}",
                  "the login check (an update that changes nothing)")
    created: list[ox.NamedNode] = []
    try:
        for done, (part, temp) in enumerate(zip(payload.parts, temps)):
            created.append(temp)  # a failed PUT may still leave part of it in the store
            client.put_graph(temp.value, part.ntriples, f"the PUT of {part.name} into {temp}")
            if progress is not None:
                progress(done + 1, len(temps))
        wrong = _miscounted(client, {temp: part.triples for temp, part in zip(temps, payload.parts)}, "loaded")
        if wrong:
            raise store_error(client.endpoints.store, wrong[0])
        copies = " ;\n".join(f"COPY {temp} TO {part.name}" for temp, part in zip(temps, payload.parts))
        expected = {part.name: part.triples for part in payload.parts}
        for attempt in range(1, COPY_ATTEMPTS + 1):
            client.update(copies, f"the update copying {len(temps)} loaded graphs over the old ones")
            wrong = _miscounted(client, expected, "copied")
            if not wrong:
                break
            if attempt == COPY_ATTEMPTS:
                raise store_error(client.endpoints.store, f"{wrong[0]} (another push to the same graph at "
                                  "the same time? push again)")
            time.sleep(random.uniform(0.05, 0.5) * attempt)
    except BaseException as exc:
        left = _drop(client, created, token)
        if isinstance(exc, PushError) and left:
            raise PushError(exc.where, f"{exc.problem}; {left}") from exc
        raise
    left = _drop(client, created, token)
    return PushReport(client.endpoints.store, tuple(p.name.value for p in payload.parts), payload.triples,
                      (left,) if left else ())


def _miscounted(client: StoreClient, expected: Mapping[ox.NamedNode, int], stage: str) -> list[str]:
    """One line for each graph that does not hold the expected number of triples."""
    values = " ".join(str(g) for g in expected)
    rows = client.select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
                         "GROUP BY ?g", f"the query counting the {stage} graphs' triples")
    found = {row.get("g"): row.get("n") for row in rows}
    wrong = []
    for graph, want in expected.items():
        try:
            got = int(found.get(graph.value, 0))
        except ValueError:
            got = -1
        if got != want:
            wrong.append(f"{graph} holds {got} triples once {stage}, not the {want} sent")
    return wrong


def _drop(client: StoreClient, graphs: Iterable[ox.NamedNode], token: str) -> str:
    """Drop temporary graphs; '' when done (or nothing to do), else what was left and why."""
    graphs = list(graphs)
    if not graphs:
        return ""
    try:
        client.update(" ;\n".join(f"DROP SILENT GRAPH {g}" for g in graphs), "dropping the temporary graphs")
    except PushError as exc:
        return f"the temporary graphs {TEMPORARY_PREFIX}{token}:* could not be dropped ({exc.problem})"
    return ""
