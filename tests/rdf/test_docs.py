"""The design notes document every ready query and every output format."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.query import QUERIES
from graphkit.rdf import FORMATS

DESIGN = (Path(__file__).parents[2] / "docs" / "design.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_docs_name_every_ready_query(name):
    assert f"`{name}`" in DESIGN


@pytest.mark.parametrize("fmt", FORMATS)
def test_docs_name_every_format(fmt):
    assert f"`{fmt}`" in DESIGN
