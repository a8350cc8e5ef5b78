"""Per-rule (frame) counts of correct and wrong relations over all development data.

usage: python tools/rule_stats.py [--rules DIR] [--only seeds,synth,data,cases] [--min N]

Runs read_report + extract on every development text with gold (seeds, dev-synth,
tests/extract/data, tests/extract/cases, tests/extract/firstrun after its first run), matches relations to gold as the scorer does, and
prints per rule id: relations made, correct, and which sets they fired in. A rule that fires in
one text only, or whose output is mostly wrong, is a candidate for deletion or generalisation.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "extract"))
sys.path.insert(0, str(ROOT / "tools"))

from graphkit.evaluate.score import _match_entities, _rel_key  # noqa: E402
from graphkit.extract import extract, load_rules, to_gold_json  # noqa: E402
from graphkit.ingest import read_report, report_from_text  # noqa: E402
from calibrate import FIRST_RUN_SETS  # noqa: E402

SHARED = ROOT.parent / "shared"


def dev_sets() -> list[tuple[str, str, object, dict]]:
    """(set, name, report, gold) for every development text."""
    out = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        g = ROOT / "tests" / "gold" / f"{p.stem}.json"
        if g.exists():
            out.append(("seeds", p.stem, read_report(p), json.loads(g.read_text())))
    for p in sorted((SHARED / "eval" / "dev-synth" / "texts").glob("*.txt")):
        g = SHARED / "eval" / "dev-synth" / "gold" / f"{p.stem}.json"
        out.append(("synth", p.stem, read_report(p), json.loads(g.read_text())))
    for kind in FIRST_RUN_SETS:
        for p in sorted((ROOT / "tests" / "extract" / kind / "texts").glob("*.txt")):
            g = ROOT / "tests" / "extract" / kind / "gold" / f"{p.stem}.json"
            out.append((kind, p.stem, read_report(p), json.loads(g.read_text())))
    for p in sorted((ROOT / "tests" / "extract" / "data").glob("*.txt")):
        out.append(("data", p.stem, read_report(p), json.loads(p.with_suffix(".json").read_text())))
    import casekit

    for p in casekit.case_files():
        case = casekit.load_case(p)
        rep = report_from_text(casekit.report_text(case), report_id=p.stem)
        ents = [{"id": e["name"], "name": e["name"], "type": e["type"], "aliases": e["aliases"]} for e in case["entities"]]
        rels = [{"s": r["s"], "p": r["p"], "o": r["o"]} for r in case["relations"]]
        out.append(("cases", p.stem, rep, {"entities": ents, "relations": rels}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rules", action="append", default=[])
    ap.add_argument("--only", default="")
    ap.add_argument("--show", default=None, help="print the wrong relations of rule ids starting with this")
    ap.add_argument("--missed", action="store_true", help="print the gold relations not found")
    args = ap.parse_args()
    rules = load_rules(args.rules)
    made, right = Counter(), Counter()
    where = defaultdict(set)
    tot = Counter()
    for kind, name, rep, gold in dev_sets():
        if args.only and kind not in args.only.split(","):
            continue
        pred = to_gold_json(extract(rep, rules))
        mp = _match_entities(gold["entities"], pred["entities"])
        types = {e["id"]: e["type"] for e in pred["entities"]}
        gkeys = {_rel_key(r["s"], r["p"], r["o"]) for r in gold["relations"]}
        seen = set()
        for r in pred["relations"]:
            a, b = mp.get(r["s"]), mp.get(r["o"])
            k = _rel_key(a, r["p"], b) if a and b else None
            ok = k is not None and k in gkeys and k not in seen
            seen.add(k)
            made[r["rule"]] += 1
            right[r["rule"]] += ok
            where[r["rule"]].add(f"{kind}:{name}")
            tot[kind, "tp"] += ok
            tot[kind, "pred"] += 1
            if args.show is not None and r["rule"].startswith(args.show) and not ok:
                why = "" if a and b else " (end not in gold: " + ", ".join(
                    f"{x}:{types.get(x)}" for x, y in ((r['s'], a), (r['o'], b)) if not y) + ")"
                print(f"  WRONG {kind}:{name} {r['s']} {r['p']} {r['o']} [{r['rule']}]{why} | {r['evidence'][:160]}")
        tot[kind, "gold"] += len(gkeys)
        if args.missed:
            found = seen
            for r in gold["relations"]:
                if _rel_key(r["s"], r["p"], r["o"]) not in found:
                    print(f"  MISSED {kind}:{name} {r['s']} {r['p']} {r['o']} | {r.get('evidence', '')[:150]}")
    for rule in sorted(made, key=lambda r: -made[r]):
        print(f"{made[rule]:4d} {right[rule]:4d} {len(where[rule]):3d} texts  {rule}")
    for kind in ("seeds", "synth", "data", "cases", *FIRST_RUN_SETS):
        if tot[kind, "gold"]:
            tp, n, g = tot[kind, "tp"], tot[kind, "pred"], tot[kind, "gold"]
            p, r = tp / max(n, 1), tp / g
            print(f"{kind}: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f} (tp {tp}, pred {n}, gold {g})")


if __name__ == "__main__":
    main()
