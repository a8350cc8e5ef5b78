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
