"""Quantities: money, counts, percentages, dates and periods, attached to what they describe."""

from __future__ import annotations

import pytest

from xhelpers import run


@pytest.mark.parametrize(
    ("text", "kind", "surface", "value"),
    [
        ("Public Health allocated over £1 million annually to adult social care.", "money", "£1 million annually", 1e6),
        ("The council funded Kent Carers Collective with £180,000 a year.", "money", "£180,000 a year", 180000),
        ("Healthwatch Kent surveyed 800 organisations.", "count", "800 organisations", 800),
        ("Kent Home Support reached 322 people.", "count", "322 people", 322),
        ("Readmissions fell by 12% over two years.", "percent", "12%", 12),
        ("The Kent Carers Strategy (2021-2025) set priorities.", "period", "(2021-2025)", 2021),
        ("The strategy was commissioned by the ICB in December 2023.", "date", "December 2023", 2023),
    ],
)
def test_quantities_found(text, kind, surface, value):
    qs = [q for q in run(text).quantities if q.kind == kind]
    assert any(q.text == surface and q.value == value for q in qs), qs


def test_quantities_period_attached_to_strategy():
    x = run("The Kent Carers Strategy 2021-2025 set priorities.")
    names = {e.key: e.name for e in x.entities}
    period = [q for q in x.quantities if q.kind == "period"]
    assert period and names.get(period[0].about) == "Kent Carers Strategy 2021-2025"


def test_quantities_money_attached_to_relation():
    x = run("The council funded Kent Carers Collective, a charity, with £180,000 a year.")
    money = [q for q in x.quantities if q.kind == "money"]
    assert money and money[0].relation is not None
    assert x.relations[money[0].relation].predicate == "funds"


def test_quantities_offsets_hit_text():
    x = run("In 2023 the council gave £2.5m to 40 groups, 15% more than in 2022.")
    for q in x.quantities:
        assert x.report.text[q.start:q.end] == q.text
