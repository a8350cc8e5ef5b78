"""Extraction on hand-written paragraphs about other real councils (tests/extract/cases/).

Each case file is built into a small report (title line, a quality statement heading, the
text) and run through ``graphkit.extract.extract``. Per case we require entity recall >= 0.8,
relation recall >= 0.6 and none of the negated or hedged triples in ``none``. Failures list
exactly what was missed and what was extracted instead.

The extractor is imported lazily: while ``graphkit.extract.extract`` does not exist these
tests skip locally (and fail under CI=true).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import pytest

try:
    from .casekit import (
        case_files, corpus_table, format_score, load_case, report_text, score_case,
    )
except ImportError:  # tests/extract is not a package
    from casekit import (
        case_files, corpus_table, format_score, load_case, report_text, score_case,
    )

ENTITY_RECALL = 0.8
RELATION_RECALL = 0.6
QUANTITY_RECALL = 0.5
TONE_AGREEMENT = 0.6

CASES = case_files()
IDS = [p.stem for p in CASES]


def _extract_fn() -> Any:
    try:
        from graphkit.extract import extract
    except ImportError as exc:
        message = f"graphkit.extract.extract is not available yet ({exc})"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return extract


@functools.cache
def _score(path: Path):
    from graphkit.ingest import report_from_text

    case = load_case(path)
    report = report_from_text(report_text(case), report_id=path.stem)
    extraction = _extract_fn()(report)
    return case, score_case(path.stem, case, extraction)


def test_cases_exist():
    assert len(CASES) >= 8, f"expected at least 8 case files in tests/extract/cases, got {len(CASES)}"


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_case_entities(path):
    _, score = _score(path)
    assert score.entity_recall >= ENTITY_RECALL, format_score(score, "entities")


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_case_relations(path):
    _, score = _score(path)
    assert score.relation_recall >= RELATION_RECALL, format_score(score, "relations")


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_case_negations_yield_nothing(path):
    _, score = _score(path)
    assert not score.violations, format_score(score, "none")


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_case_council_is_named_officially(path):
    case, score = _score(path)
    council = next(e for e in case["entities"] if e["name"] == case["council"])
    assert council["name"] in score.entities_found, format_score(score, "entities")


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_case_quantities(path):
    case, score = _score(path)
    if not case["quantities"]:
        pytest.skip("case lists no quantities")
    found = 1 - len(score.quantities_missed) / len(case["quantities"])
    assert found >= QUANTITY_RECALL, format_score(score, "quantities")


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_case_tone(path):
    case, score = _score(path)
    toned = [r for r in score.relations_found if r.get("tone")]
    if not toned:
        pytest.skip("no toned relation was found")
    agree = 1 - len(score.tone_mismatches) / len(toned)
    assert agree >= TONE_AGREEMENT, format_score(score, "tone")


def test_cases_corpus_recall():
    """Micro-averaged recall over all cases, with a per-type and per-predicate/voice table."""
    pairs = [_score(p) for p in CASES]
    cases = {p.stem: c for p, (c, _) in zip(CASES, pairs)}
    scores = {p.stem: s for p, (_, s) in zip(CASES, pairs)}
    ents = sum(len(s.entities_found) for s in scores.values())
    ents_all = ents + sum(len(s.entities_missed) for s in scores.values())
    rels = sum(len(s.relations_found) for s in scores.values())
    rels_all = rels + sum(len(s.relations_missed) for s in scores.values())
    table = corpus_table(cases, scores)
    assert ents / ents_all >= ENTITY_RECALL and rels / rels_all >= RELATION_RECALL, (
        f"corpus entity recall {ents / ents_all:.2f}, relation recall {rels / rels_all:.2f}\n{table}"
    )
