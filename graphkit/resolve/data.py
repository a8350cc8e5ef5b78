"""Load the resolution data files of ``graphkit/data/resolve/`` (see its README.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import RuleError
from ..resources import data_dir

__all__ = ["NationalBody", "LocalBody", "variants", "descriptors", "generic_words", "anaphors", "place_edits", "national_bodies", "local_bodies"]


@dataclass(frozen=True, slots=True)
class NationalBody:
    """A body, fund or programme shared by all reports."""

    slug: str
    label: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LocalBody:
    """A kind of body every council has (its Health and Wellbeing Board, ...)."""

    slug: str
    label: str
    type: str
    pattern: re.Pattern


def _path(name: str) -> Path:
    return data_dir() / "resolve" / name


def _rows(name: str, min_cols: int) -> list[tuple[int, list[str]]]:
    path = _path(name)
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < min_cols:
            raise RuleError(str(path), n, f"expected {min_cols} tab-separated columns, got {len(cols)}")
        out.append((n, cols))
    return out


def _words(name: str) -> frozenset[str]:
    lines = _path(name).read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@cache
def variants() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, replacement) spelling variants, applied to the space-padded name."""
    out = []
    for n, (pat, rep, *_) in _rows("variants.tsv", 2):
        try:
            out.append((re.compile(re.escape(pat) if pat.startswith(" ") else pat), rep))
        except re.error as exc:
            raise RuleError(str(_path("variants.tsv")), n, f"bad pattern: {exc}") from exc
    return tuple(out)


@cache
def descriptors() -> frozenset[str]:
    """Trailing words that do not change what a name denotes."""
    return _words("descriptors.txt")


@cache
def generic_words() -> frozenset[str]:
    """Words that do not make a name distinctive."""
    return _words("generic_words.txt")


@cache
def anaphors() -> frozenset[str]:
    """Normalised short forms that name nothing by themselves."""
    return _words("anaphors.txt")


@cache
def place_edits() -> tuple[frozenset[str], frozenset[str]]:
    """(words to add, words to remove) of the place words, from places.txt."""
    words = _words("places.txt")
    return frozenset(w[1:] for w in words if w.startswith("+")), frozenset(w[1:] for w in words if w.startswith("-"))


@cache
def national_bodies() -> tuple[NationalBody, ...]:
    """National bodies, funds and programmes."""
    out = []
    for _, cols in _rows("national.tsv", 3):
        aliases = tuple(a for a in (cols[3].split("|") if len(cols) > 3 else []) if a.strip())
        out.append(NationalBody(cols[0], cols[1], cols[2], aliases))
    return tuple(out)


@cache
def local_bodies() -> tuple[LocalBody, ...]:
    """Generic local bodies with the regex of their generic part."""
    out = []
    for n, cols in _rows("local_bodies.tsv", 4):
        try:
            pat = re.compile(r"(?:^| )(?:" + cols[3] + r")(?: |$)")
        except re.error as exc:
            raise RuleError(str(_path("local_bodies.tsv")), n, f"bad pattern: {exc}") from exc
        out.append(LocalBody(cols[0], cols[1], cols[2], pat))
    return tuple(out)
