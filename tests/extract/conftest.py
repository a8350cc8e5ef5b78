"""Fixtures for the extraction tests."""

from __future__ import annotations

import pytest

from graphkit.extract import load_rules


@pytest.fixture(scope="session")
def rules():
    return load_rules()
