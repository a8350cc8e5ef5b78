"""slugify: safe characters, stable, no collisions."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphkit.rdf import slugify

SAFE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@pytest.mark.parametrize("name", ["north-tyneside-council", "age-uk", "nhs-england"])
def test_slug_keeps_slugs(name):
    assert slugify(name) == name


@pytest.mark.parametrize("a, b", [("Age UK", "age uk"), ("Carers' Centre", "Carers Centre"), ("A&E", "A E")])
def test_slug_lossy_names_do_not_collide(a, b):
    assert slugify(a) != slugify(b)


@given(st.text())
def test_slug_is_safe_and_stable(name):
    slug = slugify(name)
    assert SAFE.fullmatch(slug)
    assert slugify(name) == slug


@given(st.text(), st.text())
def test_slug_different_names_differ(a, b):
    if a != b:
        assert slugify(a) != slugify(b)
