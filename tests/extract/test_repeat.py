"""A report made of one text repeated k times states each of its relations k times.

A behavioural check that indexes built once per report (spans, mention history, anaphora)
let no sentence read another copy's state: every copy yields the same relations.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from graphkit.extract import extract, load_rules
from graphkit.ingest import report_from_text

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted((ROOT / "seeds").glob("*.txt")) + sorted((Path(__file__).parent / "cases").glob("*.json"))[:4]


def _text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    return json.loads(raw)["text"] if path.suffix == ".json" else raw


def _relations(text: str) -> Counter:
    x = extract(report_from_text(text), load_rules())
    return Counter((r.subject, r.predicate, r.object, r.rule, r.tone, r.evidence) for r in x.relations)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_extract_repeated_text_gives_k_times_the_relations(path):
    text = _text(path).rstrip("\n")
    once = _relations(text + "\n")
    k = 3
    repeated = _relations("\n\n".join([text] * k) + "\n")
    assert once
    assert repeated == Counter({rel: k * n for rel, n in once.items()})
