"""CPU time of read_report + extract per MB over a folder of reports (single process).

    graphkit bench --generate 20 /tmp/corpus
    python tools/extract_speed.py /tmp/corpus --repeat 2

CPU time (``time.process_time``), not wall time, so other load on the machine matters less;
the best of ``--repeat`` runs is reported.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from graphkit.extract import extract, load_rules
from graphkit.ingest import read_report

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder of .txt reports")
    parser.add_argument("--repeat", type=int, default=2, help="runs; the best is reported")
    args = parser.parse_args(argv)
    rules = load_rules()
    files = sorted(args.folder.glob("*.txt"))
    extract(read_report(sorted((ROOT / "seeds").glob("*.txt"))[0]), rules)  # warm the per-rules caches
    mb = sum(p.stat().st_size for p in files) / 1e6
    best = None
    for _ in range(args.repeat):
        t0, read = time.process_time(), 0.0
        for p in files:
            a = time.process_time()
            report = read_report(p)
            read += time.process_time() - a
            extract(report, rules)
        t = time.process_time() - t0
        print(f"run: {t:.2f} s CPU (read {read:.2f} s, extract {t - read:.2f} s), {mb / t:.3f} MB/s")
        best = t if best is None else min(best, t)
    print(f"{len(files)} files, {mb:.2f} MB: best {best:.2f} s CPU, {mb / best:.3f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
