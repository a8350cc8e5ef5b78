"""Freeze what the extractor produces, to check that a speed change changes nothing.

Runs ``read_report`` + ``extract`` on the seeds, the dev-synth texts, ``tests/extract/data/*.txt``
and the texts of ``tests/extract/cases/*.json`` (plus any extra paths given), and writes every ``Extraction``
(report structure, entities, relations, quantities) as JSON with sorted keys::

    python tools/extract_snapshot.py /tmp/snap-before.json
    python tools/extract_snapshot.py /tmp/snap-after.json && cmp /tmp/snap-before.json /tmp/snap-after.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from graphkit.extract import extract, load_rules
from graphkit.ingest import read_report, report_from_text

ROOT = Path(__file__).resolve().parents[1]
DEV_SYNTH = ROOT.parent / "shared" / "eval" / "dev-synth" / "texts"


def inputs(extra: list[Path]):
    """Yield (name, Report) for every input of the snapshot."""
    texts = sorted((ROOT / "seeds").glob("*.txt")) + sorted(DEV_SYNTH.glob("*.txt"))
    texts += sorted((ROOT / "tests" / "extract" / "data").glob("*.txt"))
    for path in texts + extra:
        yield str(path.name), read_report(path)
    for case in sorted((ROOT / "tests" / "extract" / "cases").glob("*.json")):
        data = json.loads(case.read_text(encoding="utf-8"))
        yield f"case:{case.stem}", report_from_text(data["text"], case.stem)


def dump(extraction) -> dict:
    """An Extraction as plain data (the report's text left out; its structure kept)."""
    data = dataclasses.asdict(extraction)
    data["report"].pop("text")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="JSON file to write")
    parser.add_argument("extra", nargs="*", type=Path, help="more report files to include")
    args = parser.parse_args(argv)
    rules = load_rules()
    snapshot = {name: dump(extract(report, rules)) for name, report in inputs(args.extra)}
    args.out.write_text(json.dumps(snapshot, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(snapshot)} reports -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
