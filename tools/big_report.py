"""Write one long report made of the genre texts repeated, for timing and profiling extraction.

The texts are the seeds, the dev-synth texts, ``tests/extract/data/*.txt`` and the texts of
``tests/extract/cases/*.json``, one after another (blank lines between paragraphs) until the
file reaches the size asked for::

    python tools/big_report.py 1000000 /tmp/big-1mb.txt
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_SYNTH = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev-synth" / "texts"


def genre_texts() -> list[str]:
    """The genre texts, each with paragraphs separated by one blank line."""
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(DEV_SYNTH.glob("*.txt"))
    paths += sorted((ROOT / "tests" / "extract" / "data").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    for case in sorted((ROOT / "tests" / "extract" / "cases").glob("*.json")):
        texts.append(json.loads(case.read_text(encoding="utf-8"))["text"])
    return ["\n\n".join(line.strip() for line in t.splitlines() if line.strip()) for t in texts]


def big_text(size: int) -> str:
    """The genre texts repeated, about ``size`` characters (whole texts only, at least one)."""
    texts = genre_texts()
    parts: list[str] = []
    total = 0
    i = 0
    while not parts or total < size:
        part = texts[i % len(texts)]
        parts.append(part)
        total += len(part) + 2
        i += 1
    return "\n\n".join(parts) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="characters (about)")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.write_text(big_text(args.size), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
