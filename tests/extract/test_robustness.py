"""Odd input never crashes the extractor, and every offset hits its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.extract import extract, load_rules
from graphkit.ingest import report_from_text

WORDS = st.sampled_from([
    "the", "council", "Council", "worked", "with", "NHS", "Trust", "Foundation", "Board", "(", ")", "'", "\u2018",
    "\u2019", '"', "and", "&", ",", ".", "Kent", "ICB", "(ICB)", "funded", "by", "Better", "Care", "Fund", "not",
    "\u2022", "-", "£1m", "2021-2025", "It", "it", "chaired", "Health", "Wellbeing", "LOCAL", "AUTHORITY", "s",
    "'s", "\n", "\n\n", "Section", "75", "agreement", "Age", "UK", "which", "of", "Ltd", "é", "—",
])


def _check(text: str) -> None:
    x = extract(report_from_text(text), load_rules())
    for e in x.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for r in x.relations:
        assert text[r.start:r.end] == r.evidence
    for q in x.quantities:
        assert text[q.start:q.end] == q.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_robustness_arbitrary_text(text):
    _check(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=120).map(" ".join))
def test_robustness_genre_soup(text):
    _check(text)


def test_robustness_long_all_caps_bullets():
    text = "\n".join(
        ["THE COUNCIL WORKED WITH KENT POLICE AND THE ICB (ICB " * 40,
         "\u2022 Healthwatch Kent, 'Home Safe (unclosed", "- the council's 'team", "(((", "))) the Board's Board",
         "A" * 5000])
    _check(text)
