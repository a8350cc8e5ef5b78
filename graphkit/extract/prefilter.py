"""A cheap, exact pre-test for rule regexes: the literal text every match must start with.

Many rule patterns open with ``\\b(?:worked|collaborated|...)``. Python's ``re`` cannot skip
ahead for such patterns (a leading ``\\b`` or ignored case hides the first character), so it
tries the whole pattern at every position of every sentence. ``literal_starts`` reads the
parsed pattern once and returns the literal strings a match must begin with; a sentence that
contains none of them cannot match, and the regex is not run. This only skips work: when a
sentence contains a start, or the pattern has no literal start, the regex runs as before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

__all__ = ["literal_starts", "may_match"]

_MAX_STARTS = 256  # give up on patterns whose literal starts multiply beyond this
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def _starts(items, i: int = 0) -> tuple[set[str], bool]:
    """(literal prefixes every match of ``items[i:]`` starts with, whether they span all of it)."""
    out = {""}
    while i < len(items):
        op, av = items[i]
        i += 1
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the next literal still starts the match
        if op is sre.LITERAL:
            out = {p + chr(av) for p in out}
            continue
        if op is sre.SUBPATTERN:
            if (av[1] | av[2]) & re.IGNORECASE:
                return out, False  # "(?i:...)": case rules change inside; stop here
            inner, whole = _starts(av[-1])
        elif op is sre.BRANCH:
            inner, whole = set(), True
            for alt in av[1]:
                s, w = _starts(alt)
                inner |= s
                whole = whole and w
        elif op is sre.IN and av and all(o is sre.LITERAL for o, _ in av):
            inner, whole = {chr(c) for _, c in av}, True
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            inner, _ = _starts(av[2])  # a repetition: what follows it is not a literal start
            if av[0] == 0:  # or none at all: then the rest of the sequence starts the match
                inner = inner | _starts(items, i)[0]
            whole = False
        else:
            return out, False
        joined = {p + q for p in out for q in inner}
        if len(joined) > _MAX_STARTS:
            return out, False
        out = joined
        if not whole:
            return out, False
    return out, True


@lru_cache(maxsize=4096)
def literal_starts(pattern: re.Pattern) -> tuple[bool, tuple[str, ...]] | None:
    """``(ignore case, starts)``: every match begins with one of ``starts``; None if unknown.

    With ignored case the starts are lower case ASCII, and only ASCII text may be tested
    against them (Unicode case folding maps a few non-ASCII letters onto ASCII ones).

    Examples
    --------
    >>> literal_starts(re.compile(r"\\b(?:work(?:ed|s)?|liaised)\\s+with\\b", re.I))
    (True, ('liaised', 'work'))
    >>> literal_starts(re.compile(r"\\w+ly")) is None
    True
    """
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a pattern re compiled always parses
        return None
    if not isinstance(pattern.pattern, str):
        return None
    starts, _ = _starts(parsed.data)
    if not starts or "" in starts:
        return None
    ignore = bool(parsed.state.flags & re.IGNORECASE)
    if ignore:
        if not all(s.isascii() for s in starts):
            return None
        starts = {s.lower() for s in starts}
    # a start that contains another start adds nothing to the test
    kept = sorted(s for s in starts if not any(o != s and o in s for o in starts))
    return ignore, tuple(kept)


def may_match(pattern: re.Pattern, text: str, lower: str | None = None) -> bool:
    """False only when ``pattern`` cannot match anywhere in ``text``.

    ``lower`` may pass ``text.lower()`` when the caller has it already.

    Examples
    --------
    >>> may_match(re.compile(r"\\bfunded\\s+by\\b", re.I), "The council commissioned it.")
    False
    >>> may_match(re.compile(r"\\bfunded\\s+by\\b", re.I), "It was FUNDED by the ICB.")
    True
    """
    found = literal_starts(pattern)
    if found is None:
        return True
    ignore, starts = found
    if ignore:
        if not text.isascii():
            return True
        hay = lower if lower is not None else text.lower()
    else:
        hay = text
    return any(s in hay for s in starts)
