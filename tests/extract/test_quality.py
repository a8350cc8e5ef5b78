"""The extraction reaches the quality bar on the seeds (and on dev-synth where it is present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphkit.extract import extract, load_rules, to_gold_json
from graphkit.ingest import read_report

try:
    from .goldscore import f1, score
except ImportError:  # tests/extract is not a package
    from goldscore import f1, score

ROOT = Path(__file__).resolve().parents[2]
DEV_SYNTH = next((p / "shared" / "eval" / "dev-synth" for p in (ROOT.parent, ROOT.parent.parent)
                  if (p / "shared" / "eval" / "dev-synth").is_dir()), ROOT / "missing")


def _micro(texts: Path, gold_dir: Path) -> tuple[float, float]:
    rules = load_rules()
    ent, rel = [0, 0, 0], [0, 0, 0]
    for gold_file in sorted(gold_dir.glob("*.json")):
        src = next(texts.glob(gold_file.stem + ".*"))
        pred = to_gold_json(extract(read_report(src), rules))
        e, r = score(json.loads(gold_file.read_text(encoding="utf-8")), pred)
        ent = [a + b for a, b in zip(ent, e)]
        rel = [a + b for a, b in zip(rel, r)]
    return f1(*ent), f1(*rel)


def test_quality_seeds_reach_the_bar():
    ent, rel = _micro(ROOT / "seeds", ROOT / "tests" / "gold")
    assert ent >= 0.93 and rel >= 0.80, f"seeds: entity F1 {ent:.3f}, relation F1 {rel:.3f}"


def test_quality_dev_synth_reaches_the_bar():
    if not (DEV_SYNTH / "gold").is_dir():
        pytest.skip("shared dev-synth set not present")
    ent, rel = _micro(DEV_SYNTH / "texts", DEV_SYNTH / "gold")
    assert ent >= 0.88 and rel >= 0.70, f"dev-synth: entity F1 {ent:.3f}, relation F1 {rel:.3f}"


def test_quality_gold_json_shape():
    x = extract(read_report(next((ROOT / "seeds").glob("*.txt"))), load_rules())
    doc = to_gold_json(x)
    assert set(doc) == {"report", "council", "entities", "relations"}
    ids = [e["id"] for e in doc["entities"]]
    assert len(ids) == len(set(ids))
    assert all(len(r["evidence"]) <= 200 for r in doc["relations"])


OWN_REPORTS = ["gateshead", "kensington", "nottingham", "wiltshire", "cheshire_east", "bury", "lincolnshire", "torbay",
               "leeds", "medway", "sefton", "oldham", "shropshire", "salford", "brighton"]


def test_quality_own_reports_in_the_genre():
    """Fifteen short reports about other councils, written and annotated before they were first run.

    Micro-averaged, with the bars of issue 10 for unseen text: a per-text bar would only measure
    how closely the rules were fitted to each text.
    """
    data = Path(__file__).parent / "data"
    totals = [0] * 6
    for name in OWN_REPORTS:
        gold = json.loads((data / f"{name}.json").read_text(encoding="utf-8"))
        pred = to_gold_json(extract(read_report(data / f"{name}.txt"), load_rules()))
        e, r = score(gold, pred)
        totals = [a + b for a, b in zip(totals, (*e, *r))]
    ent, rel = f1(*totals[:3]), f1(*totals[3:])
    precision = totals[3] / totals[4]
    assert ent >= 0.92 and rel >= 0.80 and precision >= 0.90, f"entities {totals[:3]}, relations {totals[3:]}"


def _counts(texts: Path, gold_dir: Path) -> tuple[list[int], list[int]]:
    rules = load_rules()
    ent, rel = [0, 0, 0], [0, 0, 0]
    for gold_file in sorted(gold_dir.glob("*.json")):
        pred = to_gold_json(extract(read_report(texts / f"{gold_file.stem}.txt"), rules))
        e, r = score(json.loads(gold_file.read_text(encoding="utf-8")), pred)
        ent = [a + b for a, b in zip(ent, e)]
        rel = [a + b for a, b in zip(rel, r)]
    return ent, rel


def test_quality_first_run_sets_do_not_regress():
    """The 100 texts of tests/extract/firstrun*, development texts since their first run.

    Their first-run scores are in docs/extraction.md; this bar sits a little below where they
    stand now, so that a change which helps one construction and breaks others is seen.
    """
    ent, rel = [0, 0, 0], [0, 0, 0]
    for folder in sorted((Path(__file__).parent).glob("firstrun*")):
        e, r = _counts(folder / "texts", folder / "gold")
        ent = [a + b for a, b in zip(ent, e)]
        rel = [a + b for a, b in zip(rel, r)]
    precision = rel[0] / rel[1]
    assert f1(*ent) >= 0.86 and f1(*rel) >= 0.64 and precision >= 0.80, f"entities {ent}, relations {rel}"
