"""Fixtures: both query engines, a SPARQL endpoint over the shared hand-built dataset (tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["oxigraph", "rdflib"])
def engine(request):
    """Each query engine of the Python API in turn."""
    return request.param


@pytest.fixture
def start_endpoint():
    """A factory: start a SPARQL endpoint on 127.0.0.1 (a free port) in a thread; stopped after the test."""
    import threading

    from graphkit.query.endpoint import make_server

    started = []

    def start(data, **limits):
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


@pytest.fixture
def endpoint(start_endpoint, dataset):
    """A running endpoint over the small test dataset."""
    return start_endpoint(dataset)
