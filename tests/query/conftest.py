"""Fixtures: a small hand-built Extraction and a trivial Resolution (see tests/rdf/records.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from graphkit.rdf import to_dataset


def _records():
    name = "graphkit_test_records"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).parents[1] / "rdf" / "records.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


records = _records()


@pytest.fixture
def extraction():
    return records.make_extraction()


@pytest.fixture
def resolution(extraction):
    return records.make_resolution([extraction])


@pytest.fixture
def dataset(extraction, resolution):
    return to_dataset([extraction], resolution)


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
