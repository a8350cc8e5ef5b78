"""Publish output files as a whole: every file is staged first, then moved into place.

Until a build has produced every file, the previous ``out/`` is left untouched; a failed
build leaves no half-written file behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["atomic_write", "file_digest", "publish"]


def atomic_write(path: str | os.PathLike, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # as open() would create it, not mkstemp's 0600
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


def publish(files: Mapping[str, bytes | str | Path], out_dir: str | os.PathLike) -> dict[str, str]:
    """Write ``files`` (relative path -> content) into ``out_dir`` as one step.

    A content is bytes, text, or a ``Path`` to a file already written (copied, so large
    documents never sit in memory). All files are written into a staging folder inside
    ``out_dir`` first; only when every one is written are they renamed into place. Returns
    relative path -> sha256 of what was written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    digests: dict[str, str] = {}
    try:
        for rel, content in sorted(files.items()):
            dest = stage / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                shutil.copyfile(content, dest)
                digests[rel] = file_digest(dest)
                continue
            payload = content.encode("utf-8") if isinstance(content, str) else content
            dest.write_bytes(payload)
            digests[rel] = hashlib.sha256(payload).hexdigest()
        for rel in sorted(files):
            final = out / rel
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(stage / rel, final)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return digests
