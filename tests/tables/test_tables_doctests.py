"""Run the numpydoc examples of graphkit.tables."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import graphkit.tables

MODULES = sorted(f"graphkit.tables.{m.name}" for m in pkgutil.iter_modules(graphkit.tables.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_tables_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
