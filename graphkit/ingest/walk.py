"""Find the report files a user names: every file found, every path that cannot be searched said.

Folders are searched recursively (symbolic links followed), in name order. Hidden entries
(names starting with ".") and files without a report suffix inside folders are passed over by
design; everything else that cannot be taken is a problem naming the path:

* a path that does not exist, a broken symbolic link, a symbolic link loop (reported once,
  never followed),
* a folder or file that cannot be read (permissions), whose reports are then not built,
* a pipe, socket or device (never opened, so the build cannot hang on it),
* a folder named on the command line that holds no reports.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

__all__ = ["find_reports"]

_NOT_REGULAR = "not a regular file (a pipe, socket or device); not read"


def _stat_problem(path: Path, exc: OSError) -> str:
    """Why ``os.stat`` of a path failed, in words."""
    if exc.errno == errno.ELOOP:
        return f"{path}: symbolic link loop; not followed"
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return f"{path}: broken symbolic link (its target {os.readlink(path)!r} does not exist)"
        return f"{path}: no such file or folder"
    return f"{path}: cannot read: {exc.strerror or exc}"


def find_reports(paths: Iterable[str | os.PathLike], suffixes: Iterable[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The report files under ``paths`` and the problems met, each ``(path, one-line message)``.

    A file named explicitly is always taken (whatever its suffix); in folders only files with
    one of ``suffixes`` are. A file reached twice (named twice, or through a link) is taken once.

    Examples
    --------
    >>> find_reports(["/no/such/place"], [".txt"])
    ([], [('/no/such/place', '/no/such/place: no such file or folder')])
    """
    wanted = {s.lower() for s in suffixes}
    found: list[Path] = []
    problems: list[tuple[str, str]] = []
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()

    def take(path: Path, info: os.stat_result) -> None:
        key = (info.st_dev, info.st_ino)
        if key not in seen_files:
            seen_files.add(key)
            found.append(path)

    def walk(top: Path, info: os.stat_result) -> None:
        # depth-first with an explicit stack: (folder, its key, the keys of the folders above it)
        stack = [(top, (info.st_dev, info.st_ino), {(info.st_dev, info.st_ino): top})]
        seen_dirs.add((info.st_dev, info.st_ino))
        while stack:
            folder, _key, above = stack.pop()
            try:
                with os.scandir(folder) as it:
                    names = sorted(e.name for e in it)
            except OSError as exc:
                problems.append((str(folder), f"{folder}: cannot read folder: {exc.strerror or exc}; "
                                              "the reports in it are not built"))
                continue
            subfolders = []
            for name in names:
                if name.startswith("."):
                    continue
                child = folder / name
                try:
                    child_info = os.stat(child)
                except OSError as exc:
                    problems.append((str(child), _stat_problem(child, exc)))
                    continue
                key = (child_info.st_dev, child_info.st_ino)
                if stat.S_ISDIR(child_info.st_mode):
                    if key in above:
                        problems.append((str(child), f"{child}: symbolic link loop (leads back to {above[key]}); "
                                                     "not followed"))
                    elif key not in seen_dirs:  # else already searched by another path
                        seen_dirs.add(key)
                        subfolders.append((child, key, {**above, key: child}))
                elif child.suffix.lower() in wanted:
                    if stat.S_ISREG(child_info.st_mode):
                        take(child, child_info)
                    else:
                        problems.append((str(child), f"{child}: {_NOT_REGULAR}"))
            stack.extend(reversed(subfolders))

    for raw in paths:
        path = Path(raw)
        try:
            info = os.stat(path)
        except OSError as exc:
            problems.append((str(path), _stat_problem(path, exc)))
            continue
        if stat.S_ISDIR(info.st_mode):
            if (info.st_dev, info.st_ino) in seen_dirs:
                continue
            before = (len(found), len(problems))
            walk(path, info)
            if (len(found), len(problems)) == before:
                problems.append((str(path), f"{path}: folder holds no .txt, .html or .pdf reports"))
        elif stat.S_ISREG(info.st_mode):
            take(path, info)
        else:
            problems.append((str(path), f"{path}: {_NOT_REGULAR}"))
    return found, problems
