"""Split a paragraph into sentences, keeping offsets."""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|St|No|approx|inc|Ltd|Co)|\b[A-Z])\.$")
_BOUNDARY = re.compile(r"[.!?][\"'\u2019\u201d)]*\s+(?=[\"'\u2018\u201c(]?[A-Z0-9])")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` within ``text[start:end]``, whitespace trimmed.

    >>> split_sentences("It works. So does this.", 0, 23)
    [(0, 9), (10, 23)]
    """
    spans: list[tuple[int, int]] = []
    cursor = start
    chunk = text[start:end]
    for m in _BOUNDARY.finditer(chunk):
        cut = start + m.start() + 1
        while cut < start + m.end() and text[cut] in "\"'\u2019\u201d)":
            cut += 1
        if _ABBREV.search(text[cursor:cut]):
            continue
        spans.append((cursor, cut))
        cursor = start + m.end()
    spans.append((cursor, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
