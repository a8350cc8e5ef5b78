"""Confidence of extracted relations: measured per rule, lowered by weak evidence, capped by hedges."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.errors import RuleError
from graphkit.extract import extract, to_gold_json
from graphkit.extract.confidence import DEFAULT_MIN_CONFIDENCE, load_cues, load_table
from graphkit.ingest import report_from_text

TABLE = Path(__file__).resolve().parents[2] / "graphkit" / "data" / "confidence.tsv"


def _asserted(text: str) -> list[tuple[str, str, str]]:
    doc = to_gold_json(extract(report_from_text(text)))
    return [(r["s"], r["p"], r["o"]) for r in doc["relations"]]


def _all(text: str):
    return extract(report_from_text(text)).relations


@pytest.mark.parametrize("text", [
    "Healthwatch Dorset worked closely with Dorset Council on the carers strategy.",
    "The Staying Well service was delivered by Age UK Norfolk.",
    "NHS Norfolk and Waveney Integrated Care Board funded the Norfolk Carers Hub.",
])
def test_confidence_plain_statement_is_asserted(text):
    rels = _all(text)
    assert rels, "the sentence should give a relation"
    for r in rels:
        assert 0.0 <= r.confidence <= 1.0
        assert r.confidence >= DEFAULT_MIN_CONFIDENCE
    assert _asserted(text)


@pytest.mark.parametrize("text", [
    # definitional sentences: they say what a kind of thing is, not who works with whom
    "A section 75 agreement is a legal arrangement that allows Dorset Council and NHS Dorset "
    "Integrated Care Board to pool budgets.",
    "The Better Care Fund is a national programme that funds Care Point and joint schemes.",
    "Shared Lives is a scheme in which Dorset Council funds carers such as Age UK Dorset to support adults at home.",
    "Section 75 agreements allow councils and NHS bodies such as NHS Kent and Medway Integrated Care "
    "Board to pool budgets.",
    # hedged, planned or conditional
    "Hartlepool Borough Council plans to commission Age UK Teesside to deliver the Home First service.",
    "The council intended to commission Carers Trust Wessex to run the Carers Hub.",
    "Cornwall Council had not yet agreed a section 75 agreement with NHS Cornwall and Isles of Scilly "
    "Integrated Care Board.",
])
def test_confidence_definitional_or_hedged_sentence_asserts_nothing(text):
    assert _all(text), "the rules read a relation here; the confidence must keep it from the graph"
    assert _asserted(text) == []
    assert all(r.confidence < DEFAULT_MIN_CONFIDENCE for r in _all(text))


@pytest.mark.parametrize("text", [
    "If funding allows, Age UK Teesside would deliver the Home First service for the council.",
    "Leeds City Council was exploring whether Forum Central could deliver the Connect Well scheme.",
    "The Safer Steps scheme would be funded by the Better Care Fund from April.",
    "Healthwatch Salford was expected to join the Salford Partnership Board in 2025.",
])
def test_confidence_hedged_sentence_never_asserted(text):
    assert _asserted(text) == []


@pytest.mark.parametrize("text", [
    "Age UK Teesside delivered the Home First service, which the council intended to expand.",
    "Safe Haven Wirral was run by Wirral Mind, and the council planned to extend its hours.",
])
def test_confidence_hedge_in_another_clause_does_not_block(text):
    assert _asserted(text)


def test_confidence_zero_threshold_exports_every_relation():
    text = "Hartlepool Borough Council plans to commission Age UK Teesside to deliver the Home First service."
    x = extract(report_from_text(text))
    assert len(to_gold_json(x, min_confidence=0.0)["relations"]) == len(x.relations) > 0


def test_confidence_table_smooths_small_counts():
    rows = [line.split("\t") for line in TABLE.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#") and not line.startswith("id\t")]
    assert rows
    for rid, _pred, n, correct, p in rows:
        assert 0.0 <= float(p) <= 1.0
        if int(n) <= 3:
            assert float(p) < 1.0, f"{rid}: {n} relations cannot make a precision of 1.0"


def test_confidence_unknown_rule_falls_back_to_predicate_then_global(tmp_path):
    path = tmp_path / "confidence.tsv"
    path.write_text("id\tpredicate\tn\tcorrect\tprecision\n*\t*\t10\t9\t0.8\n*\tfunds\t4\t2\t0.5\n"
                    "rel.funds.x\tfunds\t3\t3\t0.9\n", encoding="utf-8")
    table = load_table(path)
    assert table.base("rel.funds.x", "funds") == 0.9
    assert table.base("frame.funds.new", "funds") == 0.5
    assert table.base("frame.chairs.new", "chairs") == 0.8


def test_confidence_table_edit_takes_effect(tmp_path):
    path = tmp_path / "confidence.tsv"
    path.write_text("*\t*\t1\t1\t0.7\n", encoding="utf-8")
    assert load_table(path).default == 0.7
    path.write_text("*\t*\t1\t1\t0.25\n", encoding="utf-8")
    assert load_table(path).default == 0.25


@pytest.mark.parametrize("line", ["*\t*\t1\t1\n", "*\t*\t1\t1\tmany\n", "*\t*\t1\t1\t1.5\n"])
def test_confidence_bad_table_names_file_and_line(tmp_path, line):
    path = tmp_path / "confidence.tsv"
    path.write_text("id\tpredicate\tn\tcorrect\tprecision\n" + line, encoding="utf-8")
    with pytest.raises(RuleError, match=r"confidence\.tsv:2:"):
        load_table(path)


def test_confidence_bad_cue_names_kinds(tmp_path):
    path = tmp_path / "cues.jsonl"
    path.write_text('{"id": "x", "kind": "maybe", "pattern": "x"}\n', encoding="utf-8")
    with pytest.raises(RuleError, match="choose from"):
        load_cues(path)


WORDS = ["Age UK Leeds", "Leeds City Council", "the council", "funded", "delivered", "by", "with",
         "worked", "would", "plans to", "is a", "programme that", "if", ",", ".", "which", "it",
         "Healthwatch Leeds", "the Better Care Fund", "chaired", "the Leeds Health and Wellbeing Board",
         '"', "said", "\n", "not yet", "the Connect Well service", "and"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join))
def test_confidence_always_in_unit_interval_for_genre_words(text):
    for r in extract(report_from_text(text)).relations:
        assert 0.0 <= r.confidence <= 1.0
        assert r.confidence == round(r.confidence, 3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_confidence_always_in_unit_interval_for_any_text(text):
    for r in extract(report_from_text(text)).relations:
        assert 0.0 <= r.confidence <= 1.0


@pytest.mark.parametrize("name", ["graphkit.extract.confidence", "graphkit.review"])
def test_confidence_doctests(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0, name
