"""Reading the data files of ``graphkit/data/`` and ``--rules`` folders: numbered lines without
comments, or JSON objects one a line; a problem is a ``RuleError`` naming the file and line."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import RuleError

__all__ = ["data_lines", "json_lines"]


def data_lines(path: str | Path) -> list[tuple[int, str]]:
    """(line number, line) of each line that is neither blank nor a ``#`` comment."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), 0, f"cannot read rule file: {exc}") from exc
    return [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#")]


def json_lines(path: str | Path) -> list[tuple[int, dict]]:
    """(line number, object) of each JSON object line (blank and ``#`` lines skipped)."""
    rows = []
    for n, line in data_lines(path):
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise RuleError(str(path), n, f"not a JSON object: {exc.msg}") from exc
        if not isinstance(obj, dict):
            raise RuleError(str(path), n, "not a JSON object")
        rows.append((n, obj))
    return rows
