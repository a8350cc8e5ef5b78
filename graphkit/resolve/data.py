"""Load the resolution data: ``graphkit/data/resolve/`` (see its README.md) and the national
bodies of ``graphkit/data/bodies.tsv``, plus the same files of ``--rules`` folders.

A ``--rules`` folder mirrors ``graphkit/data/``: its ``bodies.tsv`` and its ``resolve/*`` files
add lines to the built-in ones (user bodies first, so a user line can retype a built-in slug;
user spelling variants after the built-in ones). ``load_resolve_data(dirs)`` reads them, cached
by the files' contents, so an edit on disk is seen by the next call; ``resolve()`` loads the data
once per run and makes it the *active* data (``using``) that the accessors below return.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..bodies import FILE as BODIES_FILE
from ..bodies import Body, read_bodies
from ..datafiles import data_lines
from ..errors import RuleError
from ..resources import data_dir, file_stamps

__all__ = [
    "NationalBody", "LocalBody", "ResolveData", "RESOLVE_FILES", "load_resolve_data", "active", "using",
    "variants", "descriptors", "generic_words", "anaphors", "place_edits", "national_bodies", "local_bodies",
]

#: A national body is a line of bodies.tsv whose scope is "national".
NationalBody = Body

#: The files of ``graphkit/data/resolve/`` (and of a ``--rules`` folder's ``resolve/``).
RESOLVE_FILES: tuple[str, ...] = (
    "variants.tsv", "descriptors.txt", "generic_words.txt", "anaphors.txt", "places.txt", "local_bodies.tsv",
)


@dataclass(frozen=True, slots=True)
class LocalBody:
    """A kind of body every council has (its Health and Wellbeing Board, ...)."""

    slug: str
    label: str
    type: str
    pattern: re.Pattern


@dataclass(frozen=True, eq=False)
class ResolveData:
    """All resolution data, parsed. Compared and hashed by identity, so caches derived from it
    (name indexes) are rebuilt exactly when the data is reloaded."""

    variants: tuple[tuple[re.Pattern, str], ...]
    descriptors: frozenset[str]
    generic_words: frozenset[str]
    anaphors: frozenset[str]
    place_edits: tuple[frozenset[str], frozenset[str]]
    national_bodies: tuple[Body, ...]
    local_bodies: tuple[LocalBody, ...]
    sources: tuple[str, ...] = ()


def _rows(path: Path, min_cols: int) -> list[tuple[int, list[str]]]:
    out = []
    for n, line in data_lines(path):
        cols = line.split("\t")
        if len(cols) < min_cols:
            raise RuleError(str(path), n, f"expected {min_cols} tab-separated columns, got {len(cols)}")
        out.append((n, cols))
    return out


def _words(path: Path) -> set[str]:
    return {x.strip() for _, x in data_lines(path)}


def _variants(path: Path) -> list[tuple[re.Pattern, str]]:
    out = []
    for n, (pat, rep, *_) in _rows(path, 2):
        try:
            out.append((re.compile(re.escape(pat) if pat.startswith(" ") else pat), rep))
        except re.error as exc:
            raise RuleError(str(path), n, f"bad pattern: {exc}") from exc
    return out


def _local_bodies(path: Path) -> list[LocalBody]:
    out = []
    for n, cols in _rows(path, 4):
        try:
            pat = re.compile(r"(?:^| )(?:" + cols[3] + r")(?: |$)")
        except re.error as exc:
            raise RuleError(str(path), n, f"bad pattern: {exc}") from exc
        out.append(LocalBody(cols[0], cols[1], cols[2], pat))
    return out


def _files(dirs: tuple[str, ...]) -> list[Path]:
    return [Path(d) / BODIES_FILE for d in dirs] + [Path(d) / "resolve" / f for d in dirs for f in RESOLVE_FILES]


@lru_cache(maxsize=16)
def _load(dirs: tuple[str, ...], stamps: tuple = ()) -> ResolveData:
    variants: list = []
    words: dict[str, set[str]] = {f: set() for f in ("descriptors.txt", "generic_words.txt", "anaphors.txt", "places.txt")}
    national: list[Body] = []
    local: list[LocalBody] = []
    for i, d in enumerate(dirs):
        folder = Path(d)
        if i and not folder.is_dir():
            raise RuleError(d, 0, "rules folder not found")
        user = i > 0
        bodies = folder / BODIES_FILE
        if bodies.is_file():
            found = [b for b in read_bodies(bodies) if b.scope == "national"]
            national = found + national if user else national + found
        sub = folder / "resolve"
        for name in RESOLVE_FILES:
            path = sub / name
            if not path.is_file():
                continue
            if name == "variants.tsv":
                variants += _variants(path)  # user variants apply after the built-in ones
            elif name == "local_bodies.tsv":
                found_local = _local_bodies(path)
                local = found_local + local if user else local + found_local
            else:
                words[name] |= _words(path)
    places = words["places.txt"]
    return ResolveData(
        variants=tuple(variants),
        descriptors=frozenset(words["descriptors.txt"]),
        generic_words=frozenset(words["generic_words.txt"]),
        anaphors=frozenset(words["anaphors.txt"]),
        place_edits=(frozenset(w[1:] for w in places if w.startswith("+")),
                     frozenset(w[1:] for w in places if w.startswith("-"))),
        national_bodies=tuple(national),
        local_bodies=tuple(local),
        sources=dirs,
    )


def load_resolve_data(extra_dirs: Sequence[str | Path] = ()) -> ResolveData:
    """The built-in resolution data plus that of ``--rules`` folders.

    Cached by the folders and the contents of their files, so a file edited on disk is read
    again by the next call.

    Raises
    ------
    RuleError
        A folder is missing or a file is malformed (names the file and line).

    Examples
    --------
    >>> any(b.slug == "better-care-fund" for b in load_resolve_data().national_bodies)
    True
    """
    global _BUILTIN
    dirs = (str(data_dir()),) + tuple(str(Path(d)) for d in extra_dirs)
    data = _load(dirs, file_stamps(_files(dirs)))
    if len(dirs) == 1:
        _BUILTIN = data
    return data


_ACTIVE: contextvars.ContextVar[ResolveData | None] = contextvars.ContextVar("graphkit_resolve_data", default=None)
_BUILTIN: ResolveData | None = None


def active() -> ResolveData:
    """The data in use: that of the running ``resolve()`` (see ``using``), else the built-in data
    as last loaded (``load_resolve_data()`` reads the files again; ``resolve()`` always does)."""
    data = _ACTIVE.get()
    if data is None:
        data = _BUILTIN if _BUILTIN is not None else load_resolve_data()
    return data


@contextlib.contextmanager
def using(data: ResolveData) -> Iterator[ResolveData]:
    """Make ``data`` the active resolution data within the ``with`` block."""
    token = _ACTIVE.set(data)
    try:
        yield data
    finally:
        _ACTIVE.reset(token)


def variants() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, replacement) spelling variants, applied to the space-padded name."""
    return active().variants


def descriptors() -> frozenset[str]:
    """Trailing words that do not change what a name denotes."""
    return active().descriptors


def generic_words() -> frozenset[str]:
    """Words that do not make a name distinctive."""
    return active().generic_words


def anaphors() -> frozenset[str]:
    """Normalised short forms that name nothing by themselves."""
    return active().anaphors


def place_edits() -> tuple[frozenset[str], frozenset[str]]:
    """(words to add, words to remove) of the place words, from places.txt."""
    return active().place_edits


def national_bodies() -> tuple[Body, ...]:
    """National bodies, funds and programmes (the lines of bodies.tsv with scope "national")."""
    return active().national_bodies


def local_bodies() -> tuple[LocalBody, ...]:
    """Generic local bodies with the regex of their generic part."""
    return active().local_bodies
