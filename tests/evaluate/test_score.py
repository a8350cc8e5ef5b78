"""score and format_scores compute what shared/eval/score.py computes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.evaluate import format_scores, norm, score

GOLD = {"report": "r1", "council": "A Council", "entities": [
    {"id": "a", "name": "A Council", "type": "LocalAuthority", "aliases": ["the local authority"]},
    {"id": "b", "name": "Carers' Centre", "type": "VoluntaryOrganisation", "aliases": []},
    {"id": "c", "name": "Better Care Fund", "type": "Fund", "aliases": ["BCF"]}],
    "relations": [{"s": "a", "p": "partnersWith", "o": "b", "evidence": ""},
                  {"s": "c", "p": "funds", "o": "b", "evidence": ""}]}
PRED = {"report": "r1", "council": "A Council", "entities": [
    {"id": "x", "name": "The Local Authority", "type": "LocalAuthority", "aliases": []},
    {"id": "y", "name": "Carers Centre", "type": "VoluntaryOrganisation", "aliases": []},
    {"id": "z", "name": "BCF", "type": "Scheme", "aliases": []}],
    "relations": [{"s": "y", "p": "partnersWith", "o": "x", "evidence": ""},
                  {"s": "z", "p": "funds", "o": "y", "evidence": ""}]}


@pytest.fixture
def dirs(tmp_path):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir(), pred.mkdir()
    (gold / "r1.json").write_text(json.dumps(GOLD))
    (pred / "r1.json").write_text(json.dumps(PRED))
    (gold / "r2.json").write_text(json.dumps({**GOLD, "report": "r2"}))
    return gold, pred


@pytest.mark.parametrize("a, b", [("The Carer's Centre", "carers centre"), ("A & E", "a and e"), ("Café", "cafe")])
def test_score_norm(a, b):
    assert norm(a) == norm(b)


def test_score_counts(dirs):
    result = score(*dirs)
    assert result["reports"]["r1"]["entities"] == (2, 3, 3)
    assert result["reports"]["r1"]["relations"] == (1, 2, 2)
    assert result["reports"]["r2"]["entities"] == (0, 0, 3)
    assert result["entities"] == [2, 3, 6]
    assert result["per_type"]["Scheme"] == [0, 1, 0]
    assert result["reports"]["r1"]["missed"] == ["Better Care Fund"]
    assert result["reports"]["r1"]["spurious"] == ["BCF"]


def test_score_only(dirs):
    assert list(score(*dirs, only=["r1"])["reports"]) == ["r1"]


SHARED = Path("/work/shared/eval/score.py")


def test_score_matches_shared_scorer(dirs):
    if not SHARED.exists():
        pytest.skip("shared/eval/score.py is not here (only in the development workspace)")
    run = subprocess.run([sys.executable, str(SHARED), *map(str, dirs), "--per-type"],
                         capture_output=True, text=True, check=False)
    assert run.stdout.rstrip("\n") == format_scores(score(*dirs))


def test_score_matches_shared_scorer_on_dev_synth(tmp_path):
    synth = Path("/work/shared/eval/dev-synth/gold")
    if not SHARED.exists() or not synth.is_dir():
        pytest.skip("shared dev-synth gold is not here (only in the development workspace)")
    pred = tmp_path / "pred"
    pred.mkdir()
    for i, gf in enumerate(sorted(synth.glob("*.json"))):
        doc = json.loads(gf.read_text())
        doc["entities"] = doc["entities"][i % 3:]  # drop some entities to make misses
        doc["relations"] = doc["relations"][::2]
        (pred / gf.name).write_text(json.dumps(doc))
    run = subprocess.run([sys.executable, str(SHARED), str(synth), str(pred), "--per-type"],
                         capture_output=True, text=True, check=False)
    assert run.stdout.rstrip("\n") == format_scores(score(synth, pred))
    run = subprocess.run([sys.executable, str(SHARED), str(synth), str(pred)],
                         capture_output=True, text=True, check=False)
    assert run.stdout.rstrip("\n") == format_scores(score(synth, pred), per_type=False)
