"""Helpers of the publishing and process tests: generated inputs, output trees, processes."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import ROOT, SEEDS, UNDER_CI

GRAPHKIT = [sys.executable, "-m", "graphkit"]


def make_reports(folder: Path, count: int, start: int = 0) -> Path:
    """``count`` small reports: the seeds in turn, each naming a charity of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(start, start + count):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (folder / f"r{i:02d}.txt").write_text(
            text + f"\n\nThe council worked with Riverside Carers Trust {i} on support for carers.\n",
            encoding="utf-8")
    return folder


def tree(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder`` (hidden ones included)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def complete_build(out: Path) -> dict:
    """Assert ``out`` is one whole build: exactly the files its manifest lists, each with its
    sha256; return the manifest."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = tree(out)
    files.pop("manifest.json")
    listed = manifest["outputs"]
    odd = sorted(rel for rel in set(files) | set(listed) if files.get(rel) != listed.get(rel))
    assert not odd, f"not as the manifest says (missing, extra or another sha256): {odd[:8]}"
    return manifest


def children(pid: int) -> set[int]:
    """Live processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat and stat[1] == pid and stat[0] != "Z":
                found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    """The process exists and is not a zombie."""
    stat = _stat(pid)
    return stat is not None and stat[0] not in "ZX"


def _stat(pid: int) -> tuple[str, int] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw.rsplit(")", 1)[1].split()
    return fields[0], int(fields[1])


def wait_gone(pids: set[int], seconds: float = 10.0) -> set[int]:
    """Wait until none of ``pids`` is alive; return those still alive after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = {p for p in pids if alive(p)}
        if not left:
            return left
        time.sleep(0.05)
    return {p for p in pids if alive(p)}


def survivors(pids: set[int], seconds: float = 10.0) -> set[int]:
    """Those of ``pids`` still alive after ``seconds``; they are then killed, so a failing test
    leaves no process behind."""
    left = wait_gone(pids, seconds)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return left


def start_build(inputs: Path | list[Path], out: Path, *extra: str, env: dict | None = None,
                user: int | None = None) -> subprocess.Popen:
    """``graphkit build INPUTS --out OUT -q ...`` as a child process (as ``user`` via setpriv)."""
    paths = [str(p) for p in (inputs if isinstance(inputs, list) else [inputs])]
    cmd = [*GRAPHKIT, "build", *paths, "--out", str(out), "-q", *extra]
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    return subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def run_build(inputs: Path | list[Path], out: Path, *extra: str, env: dict | None = None, user: int | None = None
              ) -> subprocess.CompletedProcess:
    proc = start_build(inputs, out, *extra, env=env, user=user)
    stdout, stderr = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def require_root() -> None:
    """Skip when not root (mounts and setpriv need it), except under CI, where it fails."""
    if os.geteuid() != 0:
        if UNDER_CI:
            pytest.fail("CI=true but not root: the file-system tests need root")
        pytest.skip("needs root (tmpfs mounts, setpriv)")


def require_tool(name: str) -> None:
    if shutil.which(name) is None:
        if UNDER_CI:
            pytest.fail(f"{name} is not installed")
        pytest.skip(f"{name} is not installed")


@contextlib.contextmanager
def runnable_by_others() -> Iterator[None]:
    """Let other users reach this checkout and its interpreter while the block runs.

    A checkout in a folder only root may enter (``mktemp -d``, as CI's clean clone) stops an
    unprivileged ``python -m graphkit`` at "No module named graphkit": every folder above the
    checkout, the virtual environment and the interpreter gets ``o+x`` (enter, not list) for the
    block, and its mode back afterwards.
    """
    targets = {ROOT, Path(sys.prefix), Path(sys.base_prefix), Path(os.path.realpath(sys.executable)).parent}
    folders = sorted({a for t in targets for a in (t.resolve(), *t.resolve().parents)})
    changed = []
    for folder in folders:
        mode = folder.stat().st_mode
        if not mode & stat.S_IXOTH:
            folder.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)
            changed.append((folder, stat.S_IMODE(mode)))
    try:
        yield
    finally:
        for folder, mode in reversed(changed):
            folder.chmod(mode)


def pdeathsig(_: object = None) -> tuple[int, int]:
    """In a worker: (its parent's pid, the signal the kernel sends it when its parent ends)."""
    import ctypes
    import ctypes.util

    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    sig = ctypes.c_int(0)
    libc.prctl(2, ctypes.byref(sig), 0, 0, 0)  # PR_GET_PDEATHSIG
    return os.getppid(), sig.value


def open_files(_: object = None) -> list[str]:
    """In a worker: the paths of the files it has open."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            found.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            pass
    return found
