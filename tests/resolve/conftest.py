"""Fixtures of the resolve tests."""

from __future__ import annotations

import pytest

from resolve_cases import CORNWALL_A, CORNWALL_B, DURHAM, GATESHEAD, KIRKLEES, LEEDS


@pytest.fixture(scope="module")
def all_extractions():
    return [LEEDS, KIRKLEES, CORNWALL_A, CORNWALL_B, GATESHEAD, DURHAM]
