"""Sentence splitting: abbreviations, initials, numbers, quotes, brackets, bullet fragments."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.ingest import report_from_text
from graphkit.ingest.sentences import split_sentences


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, 0, len(text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("It works. So does this.", ["It works.", "So does this."]),
    ("Partners, e.g. Age UK, took part. They said so.", ["Partners, e.g. Age UK, took part.", "They said so."]),
    ("Some bodies, i.e. The ICB, attended. Others did not.", ["Some bodies, i.e. The ICB, attended.", "Others did not."]),
    ("It covered housing, leisure etc. The board agreed.", ["It covered housing, leisure etc.", "The board agreed."]),
    ("Dr. Smith met St. Mary's staff. They agreed.", ["Dr. Smith met St. Mary's staff.", "They agreed."]),
    ("Mrs. Jones and Cllr. Patel chaired it. It met monthly.", ["Mrs. Jones and Cllr. Patel chaired it.", "It met monthly."]),
    ("J. R. Smith led the review. It ended.", ["J. R. Smith led the review.", "It ended."]),
    ("The fund was £1.5 million. It grew by 2.5% in 2023.", ["The fund was £1.5 million.", "It grew by 2.5% in 2023."]),
    ("Spend rose to £12.75m. 300 people benefited.", ["Spend rose to £12.75m.", "300 people benefited."]),
    ("See item No. 5 on the list. Done.", ["See item No. 5 on the list.", "Done."]),
    ("Care under s.117 of the Act continued. Next.", ["Care under s.117 of the Act continued.", "Next."]),
    ('A carer said "it works." Then it did.', ['A carer said "it works."', "Then it did."]),
    ("A carer said \u201cthey listen to us.\u201d Leaders agreed.", ["A carer said \u201cthey listen to us.\u201d", "Leaders agreed."]),
    ('"Why?" she asked. Nobody knew.', ['"Why?" she asked.', "Nobody knew."]),
    ("Waits fell (from 12 weeks to 4.) Staff were pleased.", ["Waits fell (from 12 weeks to 4.)", "Staff were pleased."]),
    ("Demand grew (see below). Then it fell.", ["Demand grew (see below).", "Then it fell."]),
    ("It was planned... Then it stopped!", ["It was planned...", "Then it stopped!"]),
    ("Was it fair? Yes! It was.", ["Was it fair?", "Yes!", "It was."]),
    ("Services for people aged 18-25 were poor", ["Services for people aged 18-25 were poor"]),
    ("a single front door run by the council", ["a single front door run by the council"]),
    ("Age UK Ltd. ran it. Then Carers Co. took over.", ["Age UK Ltd. ran it.", "Then Carers Co. took over."]),
    ("   Leading and trailing space.   ", ["Leading and trailing space."]),
    ("1. The council led. It worked.", ["1. The council led.", "It worked."]),
    ("(b) Partners agreed. Then they met.", ["(b) Partners agreed.", "Then they met."]),
    ("iv. Carers were heard.", ["iv. Carers were heard."]),
])
def test_split_sentences(text, expected):
    assert _split(text) == expected


def test_split_sentences_within_range():
    text = "Heading\n\nFirst one. Second one.\n\nOther."
    start = text.index("First")
    end = text.index("\n\nOther")
    assert split_sentences(text, start, end) == [(start, start + 10), (start + 11, end)]


@pytest.mark.parametrize("text", [
    "\u2022 People were supported to stay at home\n\u2022 Carers had breaks",
    "- first fragment\n- second fragment without stop",
])
def test_bullet_fragments_are_sentences(text):
    report = report_from_text("Safeguarding\n\nThe council worked with partners.\n\n" + text)
    texts = [s.text for s in report.sentences]
    for line in text.splitlines():
        assert line in texts


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_split_sentences_spans_are_ordered_trimmed_and_inside(text):
    spans = split_sentences(text, 0, len(text))
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        last = b
