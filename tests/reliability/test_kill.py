"""Builds killed at any moment: out/ is always one whole build, and no worker outlives its build."""

from __future__ import annotations

import os
import random
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from .publishkit import (children, complete_build, make_reports, open_files, pdeathsig, run_build, start_build,
                         survivors, tree)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; PDEATHSIG is Linux's")


def _poll(until, seconds: float = 120.0, step: float = 0.001):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = until()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("gave up waiting")


def test_pool_workers_are_started_up_front_and_die_with_the_build(tmp_path):
    """All workers are forked when the pool starts, from this thread: a submit from a thread that
    then ends does not take them with it, and each has PDEATHSIG set to SIGKILL. The workers do
    not keep the build's lock on out/ open."""
    from graphkit.output import output_lock
    from graphkit.pipeline import _start_pool

    with output_lock(tmp_path / "out") as lock:
        pool = _start_pool(2, ((), None, ""))
    try:
        answers: list = []
        submitter = threading.Thread(target=lambda: answers.extend(pool.map(pdeathsig, range(4))))
        submitter.start()
        submitter.join()
        time.sleep(0.3)  # a worker forked by the ended thread would now be killed
        later = list(pool.map(pdeathsig, range(4)))
        held = [path for paths in pool.map(open_files, range(4)) for path in paths]
    finally:
        pool.shutdown()
    assert set(answers + later) == {(os.getpid(), signal.SIGKILL)}
    assert str(lock) not in held


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
def test_workers_end_when_the_build_is_killed(tmp_path, sig):
    inputs = make_reports(tmp_path / "in", 12)
    proc = start_build(inputs, tmp_path / "out", "--jobs", "2", "--no-cache")
    try:
        workers = _poll(lambda: (c := children(proc.pid)) and len(c) >= 2 and c)
    finally:
        os.kill(proc.pid, sig)
    proc.wait(timeout=30)
    assert not survivors(workers), f"workers still alive 10 s after {sig.name} of the build"


@pytest.mark.slow
def test_kill_at_random_moments_leaves_a_whole_build(tmp_path):
    """SIGKILL builds of 20-24 reports at seeded random moments; after each, out/ is the old or
    the new build whole (its manifest's files, each with its sha256, nothing else) and no
    worker survives; the next build clears what the killed one left beside out/."""
    rng = random.Random(20261204)
    env = {"GRAPHKIT_CACHE_DIR": str(tmp_path / "cache"), "GRAPHKIT_TEST_PUBLISH_DELAY": "0.002"}
    inputs = {"A": [make_reports(tmp_path / "a", 20)]}
    inputs["B"] = [*inputs["A"], make_reports(tmp_path / "b", 4, start=20)]  # the same paths: cache hits
    out = tmp_path / "out"
    references = {}
    for name, folder in (("B", tmp_path / "ref_b"), ("A", out)):  # out ends as A; warms the cache
        t0 = time.monotonic()
        done = run_build(inputs[name], folder, "--jobs", "2", "--no-validate", env=env)
        assert done.returncode == 0, done.stderr
        seconds = time.monotonic() - t0
        complete_build(folder)
        references[name] = _identity(folder)
    warm = seconds  # a build of A with the cache warm (B's build read the same 20 files)

    plans = ["anytime"] * 2 + ["workers"] + ["staging"] * 2 + ["switch"]
    rng.shuffle(plans)
    seen = []
    current = "A"
    for plan in plans:
        target = "B" if current == "A" else "A"
        before = {e.name: e.inode() for e in os.scandir(out)}
        left = set(tmp_path.glob(".out.staging-*"))  # by the previous kill; this build removes them
        proc = start_build(inputs[target], out, "--jobs", "2", "--no-validate", env=env)
        workers: set[int] = set()
        try:
            if plan == "anytime":
                time.sleep(rng.uniform(0, 0.8 * warm))
            elif plan == "workers":
                workers = _poll(lambda: (c := children(proc.pid)) and len(c) >= 2 and c)
            elif plan == "staging":
                _poll(lambda: set(tmp_path.glob(".out.staging-*")) - left or proc.poll() is not None)
                time.sleep(rng.uniform(0, 0.2))
            else:  # the first moment anything in out/ differs
                _poll(lambda: not out.exists() or {e.name: e.inode() for e in os.scandir(out)} != before
                      or proc.poll() is not None, step=0.0002)
            workers |= children(proc.pid)
        finally:
            proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
        assert not survivors(workers), f"{plan}: workers outlived the killed build"
        complete_build(out)
        now = _identity(out)
        assert now in (references["A"], references["B"]), f"{plan}: out/ is neither build"
        current = "A" if now == references["A"] else "B"
        seen.append((plan, current == target))
        print(f"kill {len(seen)} ({plan}): out/ is the {'new' if current == target else 'old'} build, whole")
    done = run_build(inputs["A"], out, "--jobs", "2", "--no-validate", env=env)
    assert done.returncode == 0, done.stderr
    assert _identity(out) == references["A"]
    assert not list(tmp_path.glob(".out.*-*")), "leftovers of killed builds were not removed"
    assert any(switched for _, switched in seen) and not all(switched for _, switched in seen), seen


def _identity(out: Path) -> tuple:
    """What makes a build the same build: every file's digest but the manifest's timings."""
    import json

    files = tree(out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files.pop("manifest.json")
    return tuple(sorted(files.items())), json.dumps(manifest["inputs"]), json.dumps(manifest["counts"])
