"""Run read_report + extract over a folder of reports and write gold-format JSON.

usage: python tools/score_extract.py TEXT_DIR OUT_DIR [--rules DIR]
then:  python /work/shared/eval/score.py GOLD_DIR OUT_DIR --per-type
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from graphkit.extract import extract, load_rules, to_gold_json
from graphkit.ingest import read_report


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("texts", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--rules", action="append", default=[])
    args = ap.parse_args()
    rules = load_rules(args.rules)
    args.out.mkdir(parents=True, exist_ok=True)
    for p in sorted(args.texts.iterdir()):
        if p.suffix.lower() not in (".txt", ".html", ".htm", ".pdf"):
            continue
        x = extract(read_report(p), rules)
        (args.out / f"{p.stem}.json").write_text(json.dumps(to_gold_json(x), indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
