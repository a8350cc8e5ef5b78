"""Publish an output folder as one step, under a lock.

``publish(files, "out")`` writes the complete new folder beside the old one
(``.out.staging-XXXX``), then swaps the two with one ``renameat2(RENAME_EXCHANGE)``: at every
instant ``out`` is a real folder holding either the whole previous output or the whole new
one. The previous tree is then removed (no old version is kept). Where the system cannot
exchange two paths (not Linux, or a file system without ``RENAME_EXCHANGE``), the switch is two
renames, with a moment in between where ``out`` is absent (never mixed).

Only one process publishes into a folder at a time: ``output_lock`` takes ``fcntl.flock`` on
``.out.lock`` beside it (the file stays; it is the lock, not a flag). A second process stops at
once with a one-line error naming the holder, or waits (``wait=True``). Leftovers of a killed
publish (``.out.staging-*``, ``.out.old-*``) are removed by the next publish into that folder.

Every file-system failure (no space, permission, read-only, a file where a folder must be)
becomes an ``OutputError`` naming the path and the problem, after which the previous folder
is as it was and no staging folder is left.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from .errors import OutputError

__all__ = ["atomic_write", "file_digest", "forget_inherited_locks", "output_lock", "publish"]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
#: Tests only: seconds to sleep after each publishing step (each file staged, the switch), so
#: a kill test can aim at every moment of a publish. Never set in normal use.
_DELAY_ENV = "GRAPHKIT_TEST_PUBLISH_DELAY"
#: Folders held locked by this process: output folder -> lock file descriptor.
_HELD: dict[Path, int] = {}


def atomic_write(path: str | os.PathLike, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # as open() would create it, not mkstemp's 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def file_digest(path: str | os.PathLike) -> str:
    """sha256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _target(out_dir: str | os.PathLike) -> Path:
    """The folder a publish replaces: ``out_dir`` made absolute, or where it links to."""
    out = Path(os.path.abspath(out_dir))
    if out.is_symlink():
        try:
            return out.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            raise OutputError(out, "is a symbolic link to nothing (or a loop); remove it or choose another folder") from exc
    return out


def _problem(exc: OSError) -> str:
    text = exc.strerror or str(exc)
    return text[:1].lower() + text[1:]


def _check_folder(target: Path) -> None:
    """Refuse a target that is a file, or a folder this process may not write."""
    if target.exists() and not target.is_dir():
        raise OutputError(target, "is a file, not a folder; move it away or choose another output folder")
    if target.is_dir() and not os.access(target, os.W_OK):
        read_only = bool(os.statvfs(target).f_flag & os.ST_RDONLY)
        problem = "read-only file system" if read_only else "permission denied: the folder is not writable"
        raise OutputError(target, f"{problem}; it is left as it is")


def _lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


@contextmanager
def output_lock(out_dir: str | os.PathLike, *, wait: bool = False) -> Iterator[Path]:
    """Hold the lock of the output folder ``out_dir`` (``.NAME.lock`` beside it).

    Re-entrant within a process: a publish inside ``output_lock`` of the same folder uses the
    lock already held. When another process holds it, raise ``OutputError`` at once, or with
    ``wait=True`` wait until it is released. Yields the lock file's path.
    """
    target = _target(out_dir)
    lock = _lock_path(target)
    if target in _HELD:
        yield lock
        return
    _check_folder(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        problem = ("a file is where a folder must be" if isinstance(exc, (FileExistsError, NotADirectoryError))
                   else _problem(exc))
        raise OutputError(exc.filename or lock, f"cannot create the lock file {lock.name}: {problem}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise OutputError(target, f"another graphkit (pid {holder}) is writing this folder now "
                                      f"(lock {lock.name}); try again when it ends (build --wait waits)") from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError:
            pass  # the pid is only a courtesy for the message above; the flock is the lock
        _HELD[target] = fd
        try:
            yield lock
        finally:
            del _HELD[target]
    finally:
        os.close(fd)


def forget_inherited_locks() -> None:
    """In a forked child: close the copies of the parent's lock files, so a child that outlived
    its parent could never keep the parent's output folder locked (the parent's lock stays)."""
    for fd in _HELD.values():
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


def publish(
    files: Mapping[str, bytes | str | Path],
    out_dir: str | os.PathLike,
    *,
    keep_other_files: bool = True,
    owned: Collection[str] = (),
) -> dict[str, str]:
    """Replace the folder ``out_dir`` by one holding ``files``, in one atomic step.

    ``files`` maps relative paths to contents: bytes, text, or a ``Path`` to a file already
    written (copied, so large documents never sit in memory). Top-level entries of the old
    folder that ``files`` does not name are carried over (hard links, else copies): every such
    folder (e.g. ``out/eval``), and files too unless ``keep_other_files`` is false. Names in
    ``owned`` and hidden entries (except ``*.lock``, ``.gitkeep`` and ``.gitignore``) are never
    carried over. Returns relative
    path -> sha256 of what was written.

    Raises ``OutputError`` (one line: the path and the problem) on any file-system failure,
    leaving the old folder as it was.
    """
    target = _target(out_dir)
    with output_lock(target):
        current = [""]  # the relative path being written, for the message
        try:
            return _publish(files, target, keep_other_files, frozenset(owned), current)
        except OSError as exc:
            what = f"cannot write {current[0]}" if current[0] else f"cannot publish into {target.name}"
            where = target if current[0] else (exc.filename or target)
            raise OutputError(where, f"{what}: {_problem(exc)}; the previous {target.name} is unchanged") from exc


def _publish(files: Mapping[str, bytes | str | Path], target: Path, keep_other_files: bool,
             owned: frozenset[str], current: list[str]) -> dict[str, str]:
    _check_folder(target)
    _remove_leftovers(target)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    old: Path | None = None
    try:
        digests = _write_files(files, stage, current)
        current[0] = ""
        top = {rel.split("/", 1)[0] for rel in files}
        if target.is_dir():
            _carry_over(target, stage, top | owned, keep_other_files)
        os.chmod(stage, (target.stat().st_mode & 0o7777) if target.is_dir() else 0o777 & ~_umask())
        _pause()
        if not target.is_dir():
            os.rename(stage, target)
        elif _exchange(stage, target):
            old = stage
        else:
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            os.rename(target, old / "tree")
            os.rename(stage, target)
        _pause()
    except BaseException:
        if old is None:
            shutil.rmtree(stage, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return digests


def _write_files(files: Mapping[str, bytes | str | Path], stage: Path, current: list[str]) -> dict[str, str]:
    digests: dict[str, str] = {}
    for rel, content in sorted(files.items()):
        current[0] = rel
        dest = stage / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, dest)
            digests[rel] = file_digest(dest)
        else:
            payload = content.encode("utf-8") if isinstance(content, str) else content
            with open(dest, "wb") as fh:
                fh.write(payload)
            digests[rel] = hashlib.sha256(payload).hexdigest()
        _pause()
    return digests


def _remove_leftovers(target: Path) -> None:
    """Remove what killed publishes into ``target`` left beside it (we hold the lock)."""
    for prefix in (f".{target.name}.staging-", f".{target.name}.old-"):
        for entry in target.parent.glob(f"{_glob_escape(prefix)}*"):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


#: Hidden files a publish keeps (a checkout's ``out/.gitkeep``, so ``make demo`` leaves git clean).
_KEPT_HIDDEN = frozenset({".gitkeep", ".gitignore"})


def _carry_over(old: Path, stage: Path, replaced: Collection[str], keep_other_files: bool) -> None:
    """Link into ``stage`` the top-level entries of ``old`` that this publish does not replace."""
    for entry in sorted(os.scandir(old), key=lambda e: e.name):
        name = entry.name
        kept_hidden = name.endswith(".lock") or name in _KEPT_HIDDEN
        if name in replaced or (name.startswith(".") and not kept_hidden):
            continue
        dest = stage / name
        if entry.is_symlink():
            if keep_other_files:
                os.symlink(os.readlink(entry.path), dest)
        elif entry.is_dir():
            shutil.copytree(entry.path, dest, symlinks=True, copy_function=_link_or_copy)
        elif keep_other_files or kept_hidden:
            _link_or_copy(entry.path, dest)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


@cache
def _renameat2():
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is not None:
        fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        fn.restype = ctypes.c_int
    return fn


def _exchange(a: Path, b: Path) -> bool:
    """Swap the two paths in one step; False when this system or file system cannot."""
    fn = _renameat2()
    if fn is None:
        return False
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _pause() -> None:
    """Tests only: sleep ``$GRAPHKIT_TEST_PUBLISH_DELAY`` seconds after a publishing step."""
    delay = os.environ.get(_DELAY_ENV)
    if delay:
        time.sleep(float(delay))
