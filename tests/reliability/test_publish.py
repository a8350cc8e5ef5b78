"""Publishing: out/ replaced whole in one step, a lock against a second build, file-system errors
as one line with the previous output intact."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from graphkit.cli import cli
from graphkit.errors import OutputError
from graphkit.output import output_lock, publish

from ..conftest import ROOT, SEEDS
from .publishkit import (complete_build, require_root, require_tool, run_build, runnable_by_others,
                         start_build, tree)

NOBODY = 65534


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


@pytest.fixture
def old_out(tmp_path) -> Path:
    """An output folder as an older graphkit left it: files, a folder, a stale staging folder."""
    out = tmp_path / "out"
    (out / "texts").mkdir(parents=True)
    (out / "texts" / "gone.txt").write_text("old text\n")
    (out / "graph.ttl").write_text("old graph\n")
    (out / "notes.txt").write_text("not ours\n")
    (out / "eval").mkdir()
    (out / "eval" / "r.json").write_text("{}\n")
    (out / ".staging-abc123").mkdir()
    (out / ".staging-abc123" / "graph.ttl").write_text("half\n")
    return out


NEW = {"graph.ttl": "new graph\n", "texts/r.txt": "new text\n", "index.html": b"<p>new</p>\n"}


@pytest.mark.parametrize("keep_other_files, kept", [(False, {"eval/r.json"}), (True, {"eval/r.json", "notes.txt"})])
def test_publish_replaces_the_folder_whole(old_out, keep_other_files, kept):
    inode = old_out.stat().st_ino
    digests = publish(NEW, old_out, keep_other_files=keep_other_files, owned=("texts",))
    files = tree(old_out)
    assert set(files) == set(NEW) | kept  # the stale staging folder and texts/gone.txt are gone
    assert {rel: files[rel] for rel in NEW} == digests
    assert old_out.stat().st_ino != inode and old_out.is_dir() and not old_out.is_symlink()
    assert sorted(p.name for p in old_out.parent.iterdir()) == [".out.lock", "out"]


def test_publish_keeps_a_checkouts_gitkeep(tmp_path):
    """out/.gitkeep (tracked in a checkout) survives publishing, so a build leaves git clean."""
    out = tmp_path / "out"
    out.mkdir()
    (out / ".gitkeep").write_bytes(b"")
    (out / ".hidden").write_bytes(b"x")
    publish({"a.txt": "new"}, out)
    assert sorted(p.name for p in out.iterdir()) == [".gitkeep", "a.txt"]


def test_publish_removes_what_a_killed_publish_left(tmp_path):
    out = tmp_path / "out"
    publish(NEW, out)
    for leftover in (".out.staging-x1y2", ".out.old-z3"):
        (tmp_path / leftover / "deep").mkdir(parents=True)
    publish(NEW, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]


def test_publish_without_rename_exchange_still_swaps_whole_folders(old_out, monkeypatch):
    import graphkit.output

    monkeypatch.setattr(graphkit.output, "_exchange", lambda a, b: False)  # not Linux, or NFS
    publish(NEW, old_out, keep_other_files=False, owned=("texts",))
    assert set(tree(old_out)) == set(NEW) | {"eval/r.json"}
    assert sorted(p.name for p in old_out.parent.iterdir()) == [".out.lock", "out"]


def test_publish_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "disk" / "site"
    publish({"a.txt": "1"}, real)
    link = tmp_path / "out"
    link.symlink_to(real)
    publish({"a.txt": "2"}, link)
    assert link.is_symlink() and (link / "a.txt").read_text() == "2" and (real / "a.txt").read_text() == "2"


def test_a_file_held_open_keeps_its_content(tmp_path):
    out = tmp_path / "out"
    publish({"index.html": "old " * 10_000}, out)
    with open(out / "index.html", encoding="utf-8") as held:
        publish({"index.html": "new"}, out)
        assert held.read() == "old " * 10_000
    assert (out / "index.html").read_text() == "new"


def test_publish_into_a_file_is_an_error(tmp_path):
    out = tmp_path / "out"
    out.write_text("mine\n")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        publish(NEW, out)
    assert out.read_text() == "mine\n" and sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_build_into_a_file_is_one_line_and_touches_nothing(runner, tmp_path):
    out = tmp_path / "out"
    out.write_text("mine\n")
    result = runner.invoke(cli, ["build", str(SEEDS), "--out", str(out), "-q", "--jobs", "1"])
    assert result.exit_code == 1
    assert _errors(result.stderr) == [f"graphkit: error: {out}: is a file, not a folder; "
                                      "move it away or choose another output folder"]
    assert out.read_text() == "mine\n"


def test_build_over_an_old_out_with_texts_as_a_file_is_whole(runner, built_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built_out, out)
    shutil.rmtree(out / "texts")
    (out / "texts").write_text("a file where the texts folder goes\n")
    result = runner.invoke(cli, ["build", str(SEEDS), "--out", str(out), "-q", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    manifest = complete_build(out)
    assert sorted(p.name for p in (out / "texts").iterdir()) == [f"{i['report_id']}.txt" for i in manifest["inputs"]]


# --- the lock --------------------------------------------------------------------------------

_HOLDER = """
import sys
from graphkit.output import output_lock
with output_lock(sys.argv[1]):
    print("locked", flush=True)
    sys.stdin.readline()
"""


@pytest.fixture
def held_lock(tmp_path):
    """Another process holding the lock of tmp_path/out; send it a line to release it."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(tmp_path / "out")], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    yield holder
    if holder.poll() is None:
        holder.communicate("\n", timeout=30)


def test_publish_stops_while_another_process_holds_the_lock(tmp_path, held_lock):
    with pytest.raises(OutputError, match=rf"another graphkit \(pid {held_lock.pid}\) is writing this folder"):
        publish({"a.txt": "x"}, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_build_stops_at_once_or_waits_with_wait(tmp_path, held_lock):
    out = tmp_path / "out"
    done = run_build(SEEDS, out, "--jobs", "1")
    assert done.returncode == 1
    assert _errors(done.stderr) == [
        f"graphkit: error: {out}: another graphkit (pid {held_lock.pid}) is writing this folder now "
        "(lock .out.lock); try again when it ends (build --wait waits)"]
    assert not out.exists()
    waiting = start_build(SEEDS, out, "--jobs", "1", "--wait")
    time.sleep(1.0)
    assert waiting.poll() is None and not out.exists()  # still waiting, nothing written
    held_lock.communicate("\n", timeout=30)
    _, stderr = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, stderr
    complete_build(out)


def test_the_lock_is_reentrant_in_one_process(tmp_path):
    with output_lock(tmp_path / "out"):
        publish({"a.txt": "1"}, tmp_path / "out")
    assert (tmp_path / "out" / "a.txt").read_text() == "1"


# --- file-system errors ----------------------------------------------------------------------

@pytest.fixture
def mounted(tmp_path):
    """Mount a tmpfs at a folder; unmounted afterwards."""
    require_root()
    require_tool("mount")
    mounts = []

    def mount(size: str, name: str = "disk") -> Path:
        point = tmp_path / name
        point.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], check=True)
        mounts.append(point)
        return point

    yield mount
    for point in reversed(mounts):
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_full_disk_is_one_line_and_keeps_the_previous_out(runner, built_out, mounted):
    disk = mounted("16m")
    out = disk / "out"
    shutil.copytree(built_out, out)
    before = tree(out)
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "filler").write_bytes(b"\0" * (free - 256 * 1024))  # room for the lock, not for a build
    result = runner.invoke(cli, ["build", str(SEEDS), "--out", str(out), "-q", "--jobs", "1"])
    assert result.exit_code == 1
    [line] = _errors(result.stderr)
    assert line.startswith(f"graphkit: error: {out}: cannot write ") and "no space left on device" in line
    assert line.endswith("the previous out is unchanged")
    assert tree(out) == before
    assert sorted(p.name for p in disk.iterdir()) == [".out.lock", "filler", "out"]


def test_read_only_file_system_is_one_line(runner, built_out, mounted):
    disk = mounted("16m")
    out = disk / "out"
    shutil.copytree(built_out, out)
    before = tree(out)
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    result = runner.invoke(cli, ["build", str(SEEDS), "--out", str(out), "-q", "--jobs", "1"])
    assert result.exit_code == 1
    assert _errors(result.stderr) == [f"graphkit: error: {out}: read-only file system; it is left as it is"]
    assert tree(out) == before


@pytest.fixture
def shared(built_out):
    """A folder every user may enter (pytest's tmp_path is root's alone), with a built out/ in it."""
    require_root()
    require_tool("setpriv")
    base = Path(tempfile.mkdtemp(prefix="graphkit-perm-"))
    base.chmod(0o755)
    shutil.copytree(built_out, base / "out")
    with runnable_by_others():
        yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("parent_mode, out_mode, problem", [
    (0o755, 0o777, "{base}/.out.lock: cannot create the lock file .out.lock: permission denied"),
    (0o777, 0o755, "{base}/out: permission denied: the folder is not writable; it is left as it is"),
    (0o1777, 0o777, "{base}/out: cannot publish into out: operation not permitted; the previous out is unchanged"),
], ids=["parent-not-writable", "out-not-writable", "sticky-parent"])
def test_permission_errors_are_one_line_and_keep_the_previous_out(shared, parent_mode, out_mode, problem):
    out = shared / "out"
    out.chmod(out_mode)
    before = tree(out)
    for name in ("a", "b"):  # the build's own inputs and cache, readable and writable by nobody
        (shared / name).mkdir(mode=0o777)
        (shared / name).chmod(0o777)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, shared / "a")
    shared.chmod(parent_mode)
    done = run_build(shared / "a", out, "--jobs", "1", "--no-validate", user=NOBODY,
                     env={"GRAPHKIT_CACHE_DIR": str(shared / "b"), "HOME": str(shared / "b")})
    assert done.returncode == 1
    assert _errors(done.stderr) == [f"graphkit: error: {problem.format(base=shared)}"]
    assert tree(out) == before
    assert not [p for p in shared.iterdir() if ".staging-" in p.name]
