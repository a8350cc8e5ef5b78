"""The national benchmark: the whole build at 1/16, 1/4 and 1x of a generated corpus.

``run_national(corpus)`` builds each scale in a fresh process (so peak memory is that scale's
own), without and with SHACL validation, and records per stage wall time, MB/s and peak memory;
then times every ready query 20 times on graphkit's engine (p50/p95) and, as references in the
same run, the floor (read the corpus and one compiled-regex pass over it) and the ready queries
on rdflib's own SPARQL engine (with a time budget: it does not finish on the national graph).
"""

from __future__ import annotations

import json
import math
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

__all__ = ["run_national", "SCALES", "floor_pass", "sample_bindings", "time_ready_queries", "markdown_table", "update_docs"]

SCALES: tuple[Fraction, ...] = (Fraction(1, 16), Fraction(1, 4), Fraction(1))
#: The floor: one compiled regular expression over the text (capitalised runs, like names).
_FLOOR = re.compile(r"\b[A-Z][\w'&-]*(?:\s+(?:of|and|for|the|[A-Z][\w'&-]*))*")
#: Lookups answer about one entity; the rest aggregate over the graph.
LOOKUPS = frozenset({"partners_of", "evidence_for", "entity_mentions", "entity_sources"})


def _mib(kib: int) -> float:
    return round(kib / 1024, 1)


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def floor_pass(files: Sequence[Path]) -> dict[str, float]:
    """Read every file and run one compiled regex over its text: the least any extractor does."""
    t0 = time.perf_counter()
    size = matches = 0
    for f in files:
        text = f.read_bytes().decode("utf-8", errors="replace")
        size += len(text.encode("utf-8"))
        matches += sum(1 for _ in _FLOOR.finditer(text))
    seconds = time.perf_counter() - t0
    return {"seconds": round(seconds, 4), "mb": round(size / 1e6, 3), "matches": matches,
            "mb_per_s": round(size / 1e6 / seconds, 2) if seconds else None}


# --- queries -----------------------------------------------------------------------------


def sample_bindings(store) -> dict[str, dict[str, str]]:
    """Parameter values that match something in the graph (``graphkit.query.engine``'s choice),
    as text ``run_query`` takes (IRIs as ``<...>``), so they go to JSON and the rdflib run."""
    from rdflib import URIRef

    from ..query.engine import _sample_bindings

    return {name: {k: f"<{v}>" if isinstance(v, URIRef) else str(v) for k, v in values.items()}
            for name, values in _sample_bindings(store).items()}


def time_ready_queries(source, bindings: dict[str, dict[str, str]], *, repeat: int = 20,
                       engine: str = "oxigraph", budget: float | None = None) -> dict[str, dict[str, Any]]:
    """Run each ready query ``repeat`` times; p50/p95 milliseconds and the row count."""
    from ..query import run_query
    from ..query.ready import READY

    out: dict[str, dict[str, Any]] = {}
    for name in READY:
        times: list[float] = []
        rows = 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            result = run_query(source, name, bindings.get(name, {}), engine=engine)
            rows = len(list(result))
            times.append((time.perf_counter() - t0) * 1000)
            if budget is not None and sum(times) / 1000 > budget:
                break
        out[name] = {"p50_ms": round(_percentile(times, 0.5), 2), "p95_ms": round(_percentile(times, 0.95), 2),
                     "runs": len(times), "rows": rows, "kind": "lookup" if name in LOOKUPS else "aggregate"}
    return out


# --- one build, in its own process ------------------------------------------------------


def _child_build(files: list[str], out: str, jobs: int, validate: bool, queries: int, page: bool) -> dict[str, Any]:
    from ..pipeline import build
    from ..publishing import build_outputs

    size = sum(os.path.getsize(f) for f in files)
    t0 = time.perf_counter()
    result = build(files, jobs=jobs, validate=validate, cache=False)
    stages: dict[str, float] = dict(result.timings)
    build_outputs(result, out, stages)
    wall = time.perf_counter() - t0
    record: dict[str, Any] = {
        "reports": len(result.extractions),
        "failures": len(result.failures),
        "violations": len(result.violations),
        "mb": round(size / 1e6, 3),
        "entities": len(result.resolution.entities),
        "relations": sum(len(x.relations) for x in result.extractions),
        "triples": result.assembly.triples,
        "wall_seconds": round(wall, 3),
        "stage_seconds": {k: round(v, 3) for k, v in sorted(stages.items())},
        "peak_rss_mib": {
            "main": _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
            "largest_worker": _mib(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
        },
    }
    if queries:
        from ..query.engine import load_store

        t1 = time.perf_counter()
        store = load_store(Path(out) / "graph.trig")
        record["load_graph_seconds"] = round(time.perf_counter() - t1, 3)
        bindings = sample_bindings(store)
        record["bindings"] = bindings
        record["queries"] = time_ready_queries(store, bindings, repeat=queries)
    if page:
        try:
            from .browser import time_page

            record["page_settle_seconds"] = round(time_page(Path(out) / "network.html"), 3)
        except Exception as exc:  # no browser here: say so rather than fail the benchmark
            record["page_settle_seconds"] = f"not measured: {exc}"
    return record


def _child_rdflib(graph: str, bindings_file: str, repeat: int) -> None:
    """Print one JSON line per ready query timed on rdflib's engine (the parent holds the budget)."""
    from rdflib import Dataset

    from ..query import run_query
    from ..query.ready import READY

    t0 = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(graph, format="trig")
    print(json.dumps({"load_seconds": round(time.perf_counter() - t0, 3)}), flush=True)
    bindings = json.loads(Path(bindings_file).read_text(encoding="utf-8"))
    for name in READY:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            list(run_query(ds, name, bindings.get(name, {}), engine="rdflib"))
            times.append((time.perf_counter() - t) * 1000)
        print(json.dumps({"query": name, "p50_ms": round(_percentile(times, 0.5), 2),
                          "p95_ms": round(_percentile(times, 0.95), 2), "runs": len(times)}), flush=True)


def _rdflib_reference(graph: Path, bindings: dict, *, repeat: int, budget: float) -> dict[str, Any]:
    """Ready queries on rdflib's engine in a child process, stopped after ``budget`` seconds."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(bindings, fh)
    cmd = [sys.executable, "-m", "graphkit.benchmark.scale", "rdflib", str(graph), fh.name, str(repeat)]
    out: dict[str, Any] = {"budget_seconds": budget, "queries": {}}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        stdout, _ = proc.communicate(timeout=budget)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, _ = proc.communicate()
        out["stopped_at_budget"] = True
    finally:
        os.unlink(fh.name)
    for line in stdout.splitlines():
        item = json.loads(line)
        if "query" in item:
            out["queries"][item.pop("query")] = item
        else:
            out.update(item)
    return out


def _run_child(args: list[str]) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "graphkit.benchmark.scale", "build", *args]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"benchmark build failed: {run.stderr.strip().splitlines()[-1:] or run.returncode}")
    return json.loads(run.stdout)


# --- the whole benchmark -------------------------------------------------------------------


def _scale_files(files: list[Path], scale: Fraction) -> list[Path]:
    n = max(1, round(len(files) * scale))
    return files[:n]


def _machine() -> dict[str, Any]:
    from importlib import metadata

    versions = {}
    for name in ("graphkit", "pyoxigraph", "rdflib", "pyshacl", "networkx", "pyvis"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"python": platform.python_version(), "machine": platform.machine(), "cores": os.cpu_count(),
            "libraries": versions}


def run_national(corpus: str | os.PathLike, *, jobs: int = 2, scales: Sequence[Fraction] = SCALES,
                 repeat: int = 20, rdflib_budget: float = 120.0, work: str | os.PathLike | None = None,
                 log=print) -> dict[str, Any]:
    """Benchmark the build and the queries at each scale of ``corpus`` (a folder of reports)."""
    files = sorted(p for p in Path(corpus).rglob("*") if p.suffix.lower() in (".txt", ".html", ".pdf"))
    if not files:
        raise FileNotFoundError(f"{corpus}: no reports to benchmark")
    work_dir = Path(work or tempfile.mkdtemp(prefix="graphkit-bench-"))
    results: dict[str, Any] = {"corpus": str(corpus), "reports": len(files), "jobs": jobs,
                               "machine": _machine(), "scales": []}
    for scale in scales:
        subset = _scale_files(files, scale)
        listing = work_dir / f"files-{scale.numerator}-{scale.denominator}.txt"
        listing.write_text("\n".join(str(f) for f in subset) + "\n", encoding="utf-8")
        label = "1x" if scale == 1 else f"1/{scale.denominator}"
        entry: dict[str, Any] = {"scale": label, "reports": len(subset), "floor": floor_pass(subset)}
        log(f"bench {label}: {len(subset)} reports, {entry['floor']['mb']} MB")
        out = work_dir / f"out-{scale.numerator}-{scale.denominator}"
        entry["build"] = _run_child([str(listing), str(out / "plain"), str(jobs), "novalidate", "0", "0"])
        log(f"  build without validation: {entry['build']['wall_seconds']} s")
        entry["build_validated"] = _run_child([str(listing), str(out / "valid"), str(jobs), "validate",
                                               str(repeat), "1"])
        log(f"  build with validation: {entry['build_validated']['wall_seconds']} s")
        entry["rdflib_reference"] = _rdflib_reference(out / "valid" / "graph.trig",
                                                      entry["build_validated"]["bindings"],
                                                      repeat=3 if scale == 1 else 5, budget=rdflib_budget)
        results["scales"].append(entry)
    return results


def markdown_table(results: dict[str, Any]) -> str:
    """The results as Markdown tables: builds per stage, then ready queries against rdflib."""
    lines = ["| scale | reports | MB | validate | wall s | read+extract s | resolve s | graph s | merge s "
             "| analyse s | serialise s | views s | write s | MB/s | peak main MiB | peak worker MiB "
             "| extract / floor |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for e in results["scales"]:
        for key, flag in (("build", "no"), ("build_validated", "yes")):
            b = e[key]
            st = b["stage_seconds"]
            worker_extract = st.get("worker_read", 0) + st.get("worker_extract", 0)
            floor = e["floor"]["seconds"] or float("nan")
            lines.append(
                f"| {e['scale']} | {b['reports']} | {b['mb']} | {flag} | {b['wall_seconds']} "
                f"| {st.get('read_extract', 0)} | {st.get('resolve', 0)} | {st.get('graph_validate', 0)} "
                f"| {st.get('merge', 0)} | {st.get('analyse', 0)} | {st.get('serialise', 0)} "
                f"| {st.get('views', 0)} | {st.get('write', 0)} | {round(b['mb'] / b['wall_seconds'], 2)} "
                f"| {b['peak_rss_mib']['main']} | {b['peak_rss_mib']['largest_worker']} "
                f"| {round(worker_extract / floor, 1)}x |")
    lines += ["", "| scale | query | kind | rows | graphkit p50 ms | graphkit p95 ms | rdflib p50 ms "
              "| graphkit / rdflib |", "|---|---|---|---|---|---|---|---|"]
    for e in results["scales"]:
        ref = e["rdflib_reference"]["queries"]
        for name, q in e["build_validated"].get("queries", {}).items():
            r = ref.get(name)
            rdflib_ms = r["p50_ms"] if r else f"> {e['rdflib_reference']['budget_seconds']} s budget"
            ratio = f"{q['p50_ms'] / r['p50_ms']:.4f}" if r and r["p50_ms"] else "n/a"
            lines.append(f"| {e['scale']} | {name} | {q['kind']} | {q['rows']} | {q['p50_ms']} | {q['p95_ms']} "
                         f"| {rdflib_ms} | {ratio} |")
    lines += ["", "| scale | entities | relations | triples | triples per relation | network.html settles (s) |",
              "|---|---|---|---|---|---|"]
    for e in results["scales"]:
        b = e["build_validated"]
        per = round(b["triples"] / b["relations"], 1) if b["relations"] else "n/a"
        lines.append(f"| {e['scale']} | {b['entities']} | {b['relations']} | {b['triples']} | {per} "
                     f"| {b.get('page_settle_seconds', 'not measured')} |")
    return "\n".join(lines) + "\n"


BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def update_docs(text: str, table: str) -> str:
    """``text`` with the part between the bench markers replaced by ``table``."""
    if BEGIN not in text or END not in text:
        return text.rstrip("\n") + f"\n\n{BEGIN}\n{table}{END}\n"
    head, rest = text.split(BEGIN, 1)
    return f"{head}{BEGIN}\n{table}{END}{rest.split(END, 1)[1]}"


def _main(argv: list[str]) -> None:
    if argv[0] == "build":
        listing, out, jobs, validate, queries, page = argv[1:7]
        files = [line for line in Path(listing).read_text(encoding="utf-8").splitlines() if line]
        record = _child_build(files, out, int(jobs), validate == "validate", int(queries), page == "1")
        print(json.dumps(record))
    elif argv[0] == "rdflib":
        _child_rdflib(argv[1], argv[2], int(argv[3]))
    else:
        raise SystemExit(f"unknown benchmark step {argv[0]!r}")


if __name__ == "__main__":
    _main(sys.argv[1:])
