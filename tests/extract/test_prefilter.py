"""The pre-test of rule patterns only skips work: every pattern that matches is a candidate."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.extract import load_rules
from graphkit.extract.prefilter import FOLDS_TO_ASCII, PatternSet, required_literals, sentence_patterns
from graphkit.ingest import read_report

ROOT = Path(__file__).resolve().parents[2]
RULES = load_rules()
PATTERNS = sentence_patterns(RULES)
SENTENCES = [s.text for p in sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "extract" / "data").glob("*.txt"))
             for s in read_report(p).sentences]


def _missed(text: str, sat=False) -> list[str]:
    """Patterns that match ``text`` but are not candidates."""
    sat = PATTERNS.scan(text) if sat is False else sat
    out = []
    for part in PATTERNS.spans:
        cands = {id(x) for x in PATTERNS.candidates(part, sat)}
        out += [x.id for x in PATTERNS.candidates(part, None) if x.pattern.search(text) and id(x) not in cands]
    return out


def test_prefilter_candidates_cover_every_match_in_the_seeds_and_reports():
    assert SENTENCES
    assert [(t, _missed(t)) for t in SENTENCES if _missed(t)] == []


def test_prefilter_skips_most_triggers():
    runs = sum(len(PATTERNS.candidates("triggers", PATTERNS.scan(t))) for t in SENTENCES)
    assert runs < 0.3 * len(SENTENCES) * len(PATTERNS.candidates("triggers", None))


_WORDS = sorted({a for x in PATTERNS.items for c in required_literals(x.pattern) for a in c}
                | {"the", "council", "Board", "ICB", "'s", "’s", ",", ".", "not", "by", "with", "İ", "ſ", "K", "ı"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), max_size=14))
def test_prefilter_candidates_cover_every_match_in_any_text(words):
    text = " ".join(words)
    assert _missed(text) == []
    assert _missed(text.upper()) == []


@pytest.mark.parametrize("pattern, text", [
    (r"\b(?:funded|paid)\s+by\b", "It was FUNDED by the ICB."),
    (r"\bon\b(?=\s+\w+\s+behalf)", "on their behalf"),
    (r"\b(?:sat|sit|sits)\s+on\b", "She sits on it."),
    (r"(?i:the\s+board)\b", "THE  Board"),
    (r"\bkey\b", "the \u212aey partner"),  # the Kelvin sign matches "k" when case is ignored
])
def test_prefilter_pattern_set_keeps_a_matching_pattern(pattern, text):
    pat = re.compile(pattern, re.I)
    assert pat.search(text)
    assert PatternSet([pat]).candidates(text) == [0]


def test_prefilter_skips_a_pattern_whose_words_are_missing():
    assert PatternSet([re.compile(r"\bfunded\s+by\b", re.I)]).candidates("The council commissioned it.") == []


def test_prefilter_folds_to_ascii_is_every_such_character():
    """The non-ASCII characters that ignore-case matching maps to ASCII (checked on the BMP)."""
    ascii_re = re.compile("[\x00-\x7f]", re.I)
    found = {chr(c) for c in range(128, 0x10000) if ascii_re.match(chr(c))}
    assert found == FOLDS_TO_ASCII


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["£", "per cent", "%", "one", "people", "in", "since", "March", "million", ","])
                | st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=8), max_size=12))
def test_prefilter_quantity_patterns_needing_a_digit_never_match_without_one(words):
    from graphkit.extract.quantities import _NEEDS_DIGIT, _PATTERNS

    assert len(_NEEDS_DIGIT) == len(_PATTERNS)
    text = " ".join(words)
    assert not re.search(r"\d", text)
    for (_, pat), needs in zip(_PATTERNS, _NEEDS_DIGIT):
        assert not (needs and pat.search(text))
