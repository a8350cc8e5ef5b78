"""The build cache: per-report results kept between builds, so a rebuild redoes only what changed.

Two kinds of entry, each a pickle named by a sha256 key:

* ``extract``: a report's Extraction, keyed by the file's bytes and name, the rule data
  (every data file of the built-in and ``--rules`` folders, ``resolve/`` and ``bodies.tsv``
  included, by content) and the code version (graphkit's sources and ontology).
* ``graph``: a report's rendered graph and its SHACL violations, keyed by the extraction's
  key, the slice of the resolution that report uses, and whether it was validated.

Entries are written atomically; an unreadable entry is a miss, never an error. The cache
lives in ``$GRAPHKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/graphkit``, else ``~/.cache/graphkit``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__
from .resources import data_dir, ontology_dir

__all__ = ["BuildCache", "default_cache_dir", "code_version", "rules_fingerprint", "digest"]

_PACKAGE = Path(__file__).resolve().parent


def default_cache_dir() -> Path:
    """Where the cache lives unless a build names another folder."""
    if os.environ.get("GRAPHKIT_CACHE_DIR"):
        return Path(os.environ["GRAPHKIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "graphkit"


def digest(*parts: bytes | str) -> str:
    """sha256 over ``parts``, each length-prefixed so no two sequences collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _tree_digest(folders: Iterable[Path], suffixes: tuple[str, ...]) -> str:
    parts: list[bytes | str] = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in suffixes):
            if "__pycache__" in path.parts:
                continue
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


@cache
def code_version() -> str:
    """graphkit's version plus a digest of its sources, data and ontology."""
    return digest(__version__, _tree_digest([_PACKAGE], (".py", ".jsonl", ".tsv", ".txt", ".csv", ".json")),
                  _tree_digest([ontology_dir()], (".ttl", ".rq", ".csv")))


def rules_fingerprint(rules_dirs: Iterable[str | os.PathLike]) -> str:
    """A digest of the rule data: the contents of every data file (extraction rules, the bodies
    table, the resolution data of ``resolve/``) of the built-in folder and every ``--rules``
    folder, in order."""
    folders = [data_dir(), *(Path(d) for d in rules_dirs)]
    return digest(*(_tree_digest([f], (".jsonl", ".tsv", ".txt", ".json")) for f in folders))


class BuildCache:
    """Pickled per-report results under ``root/<kind>/<key[:2]>/<key>.pickle``.

    ``BuildCache(None)`` is a cache that never holds anything (``--no-cache``).
    """

    def __init__(self, root: str | os.PathLike | None) -> None:
        self.root = Path(root) if root is not None else None

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / f"{key}.pickle"

    def get(self, kind: str, key: str) -> Any | None:
        """The entry, or None when absent or unreadable."""
        if self.root is None:
            return None
        try:
            with open(self._path(kind, key), "rb") as fh:
                value = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store ``value``; a cache that cannot be written is skipped silently (it is a cache)."""
        if self.root is None:
            return
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
