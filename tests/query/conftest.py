"""Fixtures: both query engines, a SPARQL endpoint over the shared hand-built dataset (tests/conftest.py)."""

from __future__ import annotations

import sys

import pytest


@pytest.fixture(params=["oxigraph", "rdflib"])
def engine(request):
    """Each query engine of the Python API in turn."""
    return request.param


@pytest.fixture(scope="module")
def start_endpoint():
    """A factory: start a SPARQL endpoint on 127.0.0.1 (a free port) in a thread, with one worker
    process unless asked; all are stopped (workers included) when the module's tests are done."""
    import threading

    from graphkit.query.endpoint import make_server

    started = []

    def start(data, **limits):
        limits.setdefault("workers", 1)
        server = make_server(data, "127.0.0.1", 0, **limits)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        started.append((server, thread))
        return server

    yield start
    for server, thread in started:
        server.shutdown()
        server.server_close()
        thread.join(10)


@pytest.fixture(scope="module")
def endpoint(start_endpoint):
    """A running endpoint (two workers) over the small test dataset, shared by a module's tests."""
    from graphkit.rdf import to_dataset

    records = sys.modules["graphkit_test_records"]
    extraction = records.make_extraction()
    return start_endpoint(to_dataset([extraction], records.make_resolution([extraction])), workers=2)
