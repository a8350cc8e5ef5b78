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
    assert len(CASES) >= 8, f"want at least 8 case files in tests/extract/cases, got {len(CASES)}"


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_case_entities(path):
    _, score = _score(path)
    if score.entity_recall < ENTITY_RECALL:
        pytest.fail(format_score(score, "entities"), pytrace=False)


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_case_relations(path):
    _, score = _score(path)
    if score.relation_recall < RELATION_RECALL:
        pytest.fail(format_score(score, "relations"), pytrace=False)


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_case_negations_yield_nothing(path):
    _, score = _score(path)
    if score.violations:
        pytest.fail(format_score(score, "none"), pytrace=False)


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_case_council_is_named_officially(path):
    case, score = _score(path)
    council = next(e for e in case["entities"] if e["name"] == case["council"])
    if council["name"] not in score.entities_found:
        message = f"the council {council['name']!r} was not found\n"
        pytest.fail(message + format_score(score, "entities"), pytrace=False)


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_case_quantities(path):
    case, score = _score(path)
    if not case["quantities"]:
        pytest.skip("case lists no quantities")
    found = 1 - len(score.quantities_missed) / len(case["quantities"])
    if found < QUANTITY_RECALL:
        pytest.fail(format_score(score, "quantities"), pytrace=False)


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_case_tone(path):
    case, score = _score(path)
    toned = [r for r in score.relations_found if r.get("tone")]
    if not toned:
        pytest.skip("no toned relation was found")
    agree = 1 - len(score.tone_mismatches) / len(toned)
    if agree < TONE_AGREEMENT:
        pytest.fail(format_score(score, "tone"), pytrace=False)


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
    if ents / ents_all < ENTITY_RECALL or rels / rels_all < RELATION_RECALL:
        pytest.fail(
            f"corpus entity recall {ents / ents_all:.2f}, "
            f"relation recall {rels / rels_all:.2f}\n{table}",
            pytrace=False,
        )


def _relation_params() -> list:
    params = []
    for path in CASES:
        case = load_case(path)
        for i, rel in enumerate(case["relations"]):
            test_id = f"{path.stem}-{i:02d}-{rel['p']}-{rel['voice']}"
            params.append(pytest.param(path, i, id=test_id))
        for i, neg in enumerate(case["none"]):
            params.append(pytest.param(path, -1 - i, id=f"{path.stem}-none{i}-{neg['p']}"))
    return params


# Per-relation diagnostics, only on demand: GRAPHKIT_CASES_GRANULAR=1 pytest tests/extract
if os.environ.get("GRAPHKIT_CASES_GRANULAR") == "1":

    @pytest.mark.parametrize("path, index", _relation_params())
    def test_case_relation_granular(path, index):
        """One test per annotated relation (found) and per negated triple (absent)."""
        case, score = _score(path)
        if index >= 0:
            rel = case["relations"][index]
            if not any(r is rel for r in score.relations_found):
                pytest.fail(
                    f"missed {rel['s']!r} {rel['p']} {rel['o']!r} ({rel['voice']})\n"
                    f"  evidence: {rel['evidence']!r}\n" + format_score(score, "entities"),
                    pytrace=False,
                )
        else:
            neg = case["none"][-1 - index]
            if neg in score.violations:
                pytest.fail(
                    f"extracted {neg['s']!r} {neg['p']} {neg['o']!r} from {neg.get('evidence', '')!r}",
                    pytrace=False,
                )
