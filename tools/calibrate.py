"""Measure how often each rule's relations are right on the development data; write the table.

usage: python tools/calibrate.py [--out graphkit/data/confidence.tsv] [--check] [--thresholds 0,0.5,...]

Runs extraction on every development text that has gold annotations (the seeds with
tests/gold, ../shared/eval/dev-synth, tests/extract/data, the cases in tests/extract/cases and
tests/extract/firstrun after its first run),
matches each extracted relation to the gold as ../shared/eval/score.py does
(graphkit.evaluate.relation_hits), and writes graphkit/data/confidence.tsv:

    id  predicate  n  correct  precision

one row per rule id, one per predicate (id ``*``), one overall (``*  *``) and one per evidence
feature (``feature:NAME``). Precisions are smoothed toward the level above (a rule toward its
predicate, a predicate and a feature toward the overall rate) with a prior worth K=2
relations, so a rule seen once or twice is not 1.0. Relations of definitional or hedged
clauses (capped by the cues) are not counted: the cue decides those.

It then prints, per set and in total, relation P/R/F1 at each threshold with every document's
confidences computed from a table measured *without* that document (leave-one-document-out),
which is the honest estimate, and the same with the full table (what `graphkit eval` shows on
these sets), and how many correct relations each cue caps (its recall cost).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Folders of tests/extract/ that are development texts: a set joins only after its first run is
#: recorded in docs/extraction.md (listed, not globbed, so a new set stays unseen until then).
FIRST_RUN_SETS: tuple[str, ...] = ("firstrun", "firstrun2", "firstrun3", "firstrun4", "firstrun5")
sys.path.insert(0, str(ROOT / "tests" / "extract"))

from graphkit.evaluate import relation_hits, score_report  # noqa: E402
from graphkit.evaluate.score import prf  # noqa: E402
from graphkit.extract import extract, load_rules, to_gold_json  # noqa: E402
from graphkit.extract.confidence import (  # noqa: E402
    FEATURES, ConfidenceTable, _logit, relation_evidence, write_table,
)
from graphkit.ingest import read_report, report_from_text  # noqa: E402
from graphkit.resources import data_dir  # noqa: E402

K = 2.0  # prior weight, in relations
THRESHOLDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass
class Doc:
    set: str
    id: str
    gold: dict
    pred: dict  # gold-format entities, and every relation (not deduplicated) with rule/features
    records: list  # (rule, predicate, features, cap, cue ids, hit)


def _shared() -> Path | None:
    for p in (ROOT.parent, ROOT.parent.parent):
        if (p / "shared" / "eval").is_dir():
            return p / "shared" / "eval"
    return None


def _doc(set_name: str, doc_id: str, report, gold: dict, rules) -> Doc:
    x = extract(report, rules)
    pred = to_gold_json(x, min_confidence=0.0)
    pred["relations"] = [{"s": r.subject, "p": r.predicate, "o": r.object} for r in x.relations]
    hits = relation_hits(gold, pred)
    evidence = relation_evidence(x.report, x.entities, x.relations, ConfidenceTable())
    records = [(r.rule, r.predicate, ev.features, ev.cap, ev.cues, hit)
               for r, ev, hit in zip(x.relations, evidence, hits)]
    return Doc(set_name, doc_id, gold, pred, records)


def _case_gold(case: dict) -> dict:
    ents = [{"id": e["name"], "name": e["name"], "type": e["type"], "aliases": e.get("aliases", [])}
            for e in case["entities"]]
    rels = [{"s": r["s"], "p": r["p"], "o": r["o"]} for r in case["relations"]]
    return {"entities": ents, "relations": rels}


def load_docs() -> list[Doc]:
    """Every development document with gold, extracted with the current rules."""
    import casekit

    rules = load_rules()
    docs = []
    for gf in sorted((ROOT / "tests" / "gold").glob("*.json")):
        src = next((ROOT / "seeds").glob(gf.stem + ".*"))
        docs.append(_doc("seeds", gf.stem, read_report(src), json.loads(gf.read_text("utf-8")), rules))
    shared = _shared()
    if shared is not None and (shared / "dev-synth" / "gold").is_dir():
        for gf in sorted((shared / "dev-synth" / "gold").glob("*.json")):
            src = next((shared / "dev-synth" / "texts").glob(gf.stem + ".*"))
            docs.append(_doc("dev-synth", gf.stem, read_report(src), json.loads(gf.read_text("utf-8")), rules))
    data = ROOT / "tests" / "extract" / "data"
    for gf in sorted(data.glob("*.json")):
        docs.append(_doc("data", gf.stem, read_report(data / f"{gf.stem}.txt"),
                         json.loads(gf.read_text("utf-8")), rules))
    for kind in FIRST_RUN_SETS:
        first = ROOT / "tests" / "extract" / kind
        for gf in sorted((first / "gold").glob("*.json")):
            docs.append(_doc(kind, gf.stem, read_report(first / "texts" / f"{gf.stem}.txt"),
                             json.loads(gf.read_text("utf-8")), rules))
    for path in casekit.case_files():
        case = casekit.load_case(path)
        report = report_from_text(casekit.report_text(case), report_id=path.stem)
        docs.append(_doc("cases", path.stem, report, _case_gold(case), rules))
    return docs


def measure(docs: list[Doc]) -> list[tuple]:
    """The table rows (id, predicate, n, correct, precision) from the documents' records."""
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rule_pred: dict[str, Counter] = defaultdict(Counter)
    by_pred: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_feat: dict[str, list[int]] = {f: [0, 0] for f in FEATURES}
    total = [0, 0]
    for d in docs:
        for rule, pred, feats, cap, _cues, hit in d.records:
            if cap is not None:
                continue
            for row in (by_rule[rule], by_pred[pred], total, *(by_feat[f] for f in feats)):
                row[0] += 1
                row[1] += hit
            rule_pred[rule][pred] += 1
    g = (total[1] + 1) / (total[0] + 2)
    rows = [("*", "*", total[0], total[1], g)]
    preds = {}
    for p, (n, c) in sorted(by_pred.items()):
        preds[p] = (c + 1) / (n + 2)
        rows.append(("*", p, n, c, preds[p]))
    for r, (n, c) in sorted(by_rule.items()):
        p = rule_pred[r].most_common(1)[0][0]  # memberOf/partOf rules may yield either
        prior = sum(preds[q] * k for q, k in rule_pred[r].items()) / sum(rule_pred[r].values())
        rows.append((r, p, n, c, (c + K * prior) / (n + K)))
    for f in FEATURES:
        n, c = by_feat[f]
        rows.append((f"feature:{f}", "*", n, c, (c + K * g) / (n + K)))
    return [(a, b, n, c, f"{p:.3f}") for a, b, n, c, p in rows]


def table_of(rows: list[tuple]) -> ConfidenceTable:
    rules, preds, feats, default = {}, {}, {}, 1.0
    for rid, pred, _n, _c, p in rows:
        p = float(p)
        if rid == "*" and pred == "*":
            default = p
        elif rid == "*":
            preds[pred] = p
        elif rid.startswith("feature:"):
            feats[rid[8:]] = p
        else:
            rules[rid] = p
    shifts = {f: min(0.0, _logit(p) - _logit(default)) for f, p in feats.items()}
    return ConfidenceTable(rules, preds, shifts, default)


def confidences(doc: Doc, table: ConfidenceTable) -> list[float]:
    import math

    out = []
    for rule, pred, feats, cap, _cues, _hit in doc.records:
        base = table.base(rule, pred)
        z = _logit(base) + sum(table.features.get(f, 0.0) for f in feats)
        c = 1 / (1 + math.exp(-z)) if feats and table.features else base
        if cap is not None:
            c = min(c, cap)
        out.append(round(c, 3))
    return out


def scores(docs: list[Doc], confs: dict[str, list[float]], t: float) -> tuple[int, int, int]:
    tp = n_pred = n_gold = 0
    for d in docs:
        keep = [r for r, c in zip(d.pred["relations"], confs[d.set + "/" + d.id]) if c >= t]
        res = score_report(d.gold, {"entities": d.pred["entities"], "relations": keep})
        tp, n_pred, n_gold = tp + res["relations"][0], n_pred + res["relations"][1], n_gold + res["relations"][2]
    return tp, n_pred, n_gold


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=data_dir() / "confidence.tsv")
    ap.add_argument("--check", action="store_true", help="Print only; do not write the table.")
    ap.add_argument("--thresholds", default=",".join(str(t) for t in THRESHOLDS))
    args = ap.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]
    docs = load_docs()
    rows = measure(docs)
    if not args.check:
        sets = Counter(d.set for d in docs)
        header = ("Measured precision of each relation rule on the development data, written by\n"
                  "tools/calibrate.py (do not edit by hand; run it again after rule changes).\n"
                  "Documents: " + ", ".join(f"{k} {v}" for k, v in sorted(sets.items())) + ".\n"
                  "precision: add-one ((correct + 1) / (n + 2)) for the overall (* *) and predicate (* P)\n"
                  f"rows; a rule's is (correct + {K:g} * its predicate's) / (n + {K:g}), a feature's\n"
                  f"(correct + {K:g} * overall) / (n + {K:g}).\n"
                  "feature:NAME rows: relations with that evidence feature (see graphkit.extract.confidence).")
        write_table(rows, args.out, header)
        print(f"wrote {args.out} ({len(rows)} rows)")
    full = table_of(rows)
    loo: dict[str, list[float]] = {}
    ins: dict[str, list[float]] = {}
    for d in docs:
        others = [o for o in docs if o is not d]
        loo[d.set + "/" + d.id] = confidences(d, table_of(measure(others)))
        ins[d.set + "/" + d.id] = confidences(d, full)
    sets = ["seeds", "dev-synth", "data", "cases", *FIRST_RUN_SETS, "all"]
    for name, confs in (("leave-one-document-out", loo), ("full table (in-sample)", ins)):
        print(f"\nrelations P / R / F1 by threshold, {name}")
        print("| threshold | " + " | ".join(sets) + " |")
        print("|---|" + "---|" * len(sets))
        for t in thresholds:
            cells = []
            for s in sets:
                chosen = docs if s == "all" else [d for d in docs if d.set == s]
                if not chosen:
                    cells.append("-")
                    continue
                p, r, f = prf(*scores(chosen, confs, t))
                cells.append(f"{p:.3f} / {r:.3f} / {f:.3f}")
            print(f"| {t:g} | " + " | ".join(cells) + " |")
    capped: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for d in docs:
        for rule, pred, feats, cap, cues, hit in d.records:
            for c in cues:
                capped[c][0] += 1
                capped[c][1] += hit
    print("\ncues: relations capped (of which right by the gold)")
    for c, (n, h) in sorted(capped.items()):
        print(f"  {c}: {n} ({h})")
    print("\nfeatures: n, right, smoothed precision")
    for rid, _p, n, c, p in rows:
        if rid.startswith("feature:") or rid == "*":
            print(f"  {rid}: {n} {c} {p}")


if __name__ == "__main__":
    main()
