"""bodies.tsv: one table of known bodies, read alike by the extractor and the resolver."""

from __future__ import annotations

import pytest

from graphkit.bodies import read_bodies
from graphkit.extract import extract, load_rules
from graphkit.ingest import report_from_text
from graphkit.labels import norm
from graphkit.resolve import resolve
from graphkit.resolve.data import load_resolve_data
from graphkit.resources import data_dir

BODIES = read_bodies(data_dir() / "bodies.tsv")
NAMED = [b for b in BODIES if b.scope != "term"]


def test_bodies_no_form_twice():
    """No name, alias, abbreviation or variant appears twice (so none can get two types)."""
    seen: dict[str, str] = {}
    for b in BODIES:
        for form in b.forms:
            key = norm(form)
            assert key not in seen or seen[key] == b.slug, f"{form!r} in {seen.get(key)} and {b.slug}"
            seen[key] = b.slug
    assert len({b.slug for b in BODIES}) == len(BODIES)


def test_bodies_local_body_patterns_agree_on_type():
    """A body the resolver treats as a generic local body has the same type in both files."""
    local = load_resolve_data().local_bodies
    pairs = [(b, lb) for b in BODIES for lb in local if lb.pattern.fullmatch(norm(b.label, "resolve"))]
    assert len(pairs) >= 5  # Healthwatch, Public Health, the JSNA, ...
    for b, lb in pairs:
        assert lb.type == b.type, (b.slug, lb.slug)


def test_bodies_extractor_reads_every_line():
    rules = load_rules()
    known = {k.name: k for k in rules.known}
    abbr = {k.aliases[0]: k for k in rules.abbreviations}
    for b in BODIES:
        if b.scope != "term":
            assert known[b.label].label == b.type
            assert set(b.aliases) <= set(known[b.label].aliases)
        for a in b.abbreviations:
            assert abbr[a].label == b.type and abbr[a].name == b.label


def test_bodies_resolver_reads_national_lines():
    national = {b.slug: b for b in load_resolve_data().national_bodies}
    assert set(national) == {b.slug for b in BODIES if b.scope == "national"}


#: Sentences to find a body in (the first that yields it is used: a few names are not picked out
#: of every construction).
TEMPLATES = ("The council worked with {} on this.", "The council used data from the {} ({}).",
             "{} praised the council.", "Staff used the {} model with the council.")


@pytest.fixture(scope="module")
def extracted():
    """One snippet per named body, extracted and resolved together."""
    rules = load_rules()
    xs = {}
    for b in NAMED:
        for t in TEMPLATES:
            x = extract(report_from_text(t.format(b.label, b.abbreviations[0] if b.abbreviations else "X"),
                                         f"r-{b.slug}"), rules)
            xs[b.slug] = x
            if any(norm(e.name) == norm(b.label) for e in x.entities):
                break
    return xs, resolve(list(xs.values()))


@pytest.mark.parametrize("body", NAMED, ids=lambda b: b.slug)
def test_bodies_same_type_from_extractor_and_resolver(extracted, body):
    xs, resolution = extracted
    x = xs[body.slug]
    ent = [e for e in x.entities if norm(e.name) == norm(body.label)]
    assert ent, [(e.name, e.type) for e in x.entities]
    assert ent[0].type == body.type
    node_id = resolution.index[(x.report.report_id, ent[0].key)]
    node = next(e for e in resolution.entities if e.id == node_id)
    assert node.type == body.type
    if body.scope == "national":
        assert node.id == body.slug
