"""Run the numpydoc examples of graphkit.analyse (the project's pytest does not collect modules)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import graphkit.analyse

MODULES = sorted(
    f"graphkit.analyse.{m.name}" for m in pkgutil.iter_modules(graphkit.analyse.__path__)
)


@pytest.mark.parametrize("name", MODULES)
def test_analyse_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
