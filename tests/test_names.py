"""graphkit.names: the one name normaliser (three forms) and the one slug function."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import graphkit.extract.names
import graphkit.labels
import graphkit.resolve.names
from graphkit.names import FORMS, norm, slugify
from graphkit.rdf import slugify as iri_slugify

PACKAGE = Path(graphkit.labels.__file__).resolve().parent
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def test_names_one_implementation_everywhere():
    """The extractor, resolver, scorer and IRI minting use graphkit.names, and no other module
    slugs or normalises names with a regex of its own."""
    assert graphkit.labels.norm is norm
    assert graphkit.extract.names.slugify is slugify and graphkit.resolve.names.slugify is slugify
    own = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
           if p.name != "names.py" or p.parent != PACKAGE
           if "[^a-z0-9]" in p.read_text(encoding="utf-8")]
    assert own == []


@pytest.mark.parametrize(("text", "form", "expected"), [
    ("The Health & Wellbeing Board", "plain", "health and wellbeing board"),
    ("A Carer's Voice", "plain", "carers voice"),
    ("North East Carers' Centres (2023-2025)", "loose", "northeast carer centre"),
    ("Health Care Partnerships", "loose", "healthcare partnership"),
    ("The Carers' Centre (NECC)", "resolve", "carers centre"),
    ("Equally Well strategy 2021-2025", "resolve", "equally well strategy"),
    ("Think+ Hub", "resolve", "think plus hub"),
])
def test_names_norm_forms(text, form, expected):
    assert norm(text, form) == expected


def test_names_norm_unknown_form():
    with pytest.raises(ValueError, match="choose from: plain, loose, resolve"):
        norm("x", "tight")


def test_names_resolve_form_applies_variants():
    variants = ((re.compile(" well being "), " wellbeing "),)
    assert norm("Well Being Hub", "resolve", variants) == "wellbeing hub"
    assert norm("Well Being Hub", "resolve") == "well being hub"


@given(st.text(max_size=60), st.sampled_from(FORMS))
def test_names_norm_gives_single_spaced_ascii_words(text, form):
    out = norm(text, form)
    assert out == " ".join(out.split()) and re.fullmatch(r"[a-z0-9 ]*", out)


@pytest.mark.parametrize(("text", "slug"), [
    ("Tees, Esk & Wear Valleys NHS Foundation Trust", "tees-esk-and-wear-valleys-nhs-foundation-trust"),
    ("North Tyneside\u2019s Commitment to Carers", "north-tynesides-commitment-to-carers"),
    ("Telford & Wrekin Council", "telford-and-wrekin-council"),
    ("Caf\u00e9 Connect", "cafe-connect"),
    ("!!!", "entity"),
])
def test_names_slugify(text, slug):
    assert slugify(text) == slug


@given(st.text(max_size=40), st.text(max_size=40))
def test_names_unique_slugs_never_collide(a, b):
    assert SLUG.fullmatch(iri_slugify(a)) and SLUG.fullmatch(slugify(a))
    if a != b:
        assert iri_slugify(a) != iri_slugify(b)


@given(st.from_regex(SLUG, fullmatch=True))
def test_names_unique_slug_keeps_a_slug(slug):
    assert slugify(slug, unique=True) == slug == slugify(slug)
