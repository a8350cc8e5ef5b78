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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

__all__ = ["literal_starts", "may_match", "required_literals", "PatternSet", "SentencePatterns", "sentence_patterns"]

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


# Non-ASCII characters that ``re`` with IGNORECASE matches to an ASCII letter (computed over all
# of Unicode; tests/extract/test_prefilter.py checks it). Text holding one is never pre-tested.
FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def _lead(items) -> str:
    """The literal text (lower case) every match of ``items`` starts with ("" if none)."""
    out = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL and av < 128:
            out.append(chr(av).lower())
            continue
        break
    return "".join(out)


def _required(items) -> list[frozenset[str]]:
    """Clauses: every match of ``items`` contains, for each clause, one of its strings (lower case)."""
    clauses: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            clauses.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is sre.ASSERT:  # a lookahead or lookbehind: what it needs is in the text too
            clauses.extend(_required(av[1]))
            continue
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the literals on both sides stay adjacent in the text
        if op is sre.LITERAL and av < 128:
            run.append(chr(av).lower())  # the text is tested in lower case, whatever the flags
            continue
        if op is sre.IN and len(av) == 1 and av[0][0] is sre.LITERAL and av[0][1] < 128:
            run.append(chr(av[0][1]).lower())
            continue
        if op is sre.BRANCH and run:  # "s(?:at|it|its)" ("sat|sit|sits" as re parses it)
            clauses.append(frozenset("".join(run) + _lead(alt) for alt in av[1]))
        flush()
        if op is sre.SUBPATTERN:
            clauses.extend(_required(av[-1]))
        elif op is sre.BRANCH:
            # every clause of an alternative holds when it matches; so, taking the k-th best
            # clause of each alternative, their union is a clause of the branch
            ranked = []
            for alt in av[1]:
                sub = _required(alt)
                if not sub:
                    ranked = []
                    break
                ranked.append(sorted(sub, key=lambda c: (-min(map(len, c)), len(c), sorted(c))))
            for k in range(min(3, max(map(len, ranked), default=0))):
                clauses.append(frozenset().union(*(r[min(k, len(r) - 1)] for r in ranked)))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            clauses.extend(_required(av[2]))
    flush()
    return clauses


def required_literals(pattern: re.Pattern) -> tuple[frozenset[str], ...]:
    """Clauses of lower-case ASCII strings: ``pattern`` matches only text whose lower case form
    holds one string of every clause (when no character of ``FOLDS_TO_ASCII`` is in the text).

    Examples
    --------
    >>> [sorted(c) for c in required_literals(re.compile(r"\\b(?:funded|paid)\\s+by\\b", re.I))]
    [['funded', 'paid'], ['by']]
    """
    if not isinstance(pattern.pattern, str):
        return ()
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    return tuple(dict.fromkeys(_required(parsed.data)))


class PatternSet:
    """Patterns pre-tested together: one pass over a text says which of them can match it.

    The required strings of all patterns (``required_literals``) are found in one regex pass
    over the lower-cased text (``scan``); a pattern is a candidate when each of its clauses has
    a string in it (``candidates``). This only skips work: every pattern that can match the
    text is a candidate. One scan serves any slice of the patterns, and any text whose
    occurrences of the required strings are all in the scanned text (a part of it; the text
    with stretches blanked, when ``spaced`` is False).
    """

    def __init__(self, patterns: Sequence[re.Pattern]):
        self.patterns = tuple(patterns)
        atoms: set[str] = set()
        needs = []
        clause_ids: dict[frozenset[str], int] = {}
        for p in self.patterns:
            clauses = required_literals(p)
            needs.append(frozenset(clause_ids.setdefault(c, len(clause_ids)) for c in clauses))
            for c in clauses:
                atoms |= c
        self._needs = tuple(needs)
        self._clauses = tuple(sorted(clause_ids, key=clause_ids.__getitem__))
        self.spaced = any(any(ch.isspace() for ch in a) for a in atoms)  # blanking can make such a string
        # an atom found at a position means every atom that is a prefix of it is there too
        by_atom: dict[str, frozenset[int]] = {}
        for a in atoms:
            by_atom[a] = frozenset(i for c, i in clause_ids.items() for b in c if a.startswith(b))
        self._by_atom = by_atom
        from ..ingest.alternation import literal_alternation

        self._finder = re.compile("(?=(" + literal_alternation(atoms) + "))") if atoms else None

    def scan(self, text: str, low: str | None = None) -> frozenset[int] | None:
        """The clauses met by ``text`` (``low``: its lower case); None when anything may match."""
        if self._finder is None or (not text.isascii() and not FOLDS_TO_ASCII.isdisjoint(text)):
            return None
        found = set(self._finder.findall(low if low is not None else text.lower()))
        return frozenset().union(*map(self._by_atom.__getitem__, found))

    def candidates(self, text: str | None = None, low: str | None = None, *, sat: frozenset[int] | None = None,
                   lo: int = 0, hi: int | None = None) -> list[int]:
        """Indexes (in order) of the patterns in ``lo:hi`` that may match ``text``, or text that met ``sat``."""
        hi = len(self.patterns) if hi is None else hi
        if text is not None:
            sat = self.scan(text, low)
        if sat is None:
            return list(range(lo, hi))
        needs = self._needs
        return [i for i in range(lo, hi) if needs[i] <= sat]

    def clause(self, c: int) -> frozenset[str]:
        """The strings of clause ``c`` (one of them must be in a text that meets it)."""
        return self._clauses[c]

    def needs(self, i: int) -> frozenset[int]:
        """The clauses pattern ``i`` needs met (ids as in ``scan``)."""
        return self._needs[i]


@dataclass(frozen=True)
class SentencePatterns:
    """The rule patterns tried on every sentence, in one ``PatternSet`` (one scan per sentence).

    ``items`` holds the triggers (agreements left out), then the council alias and anaphor cues,
    the negation and hedge cues and the tone cues; ``spans`` gives each part's ``(lo, hi)``.
    A sentence's scan also serves a part of it, and, for a part not ``spaced`` (no required
    string holds white space), the sentence with names blanked out.
    """

    pset: PatternSet
    items: tuple
    spans: dict[str, tuple[int, int]]
    spaced: frozenset[str]

    def scan(self, text: str) -> frozenset[int] | None:
        """``PatternSet.scan`` of a sentence: pass it to ``candidates``."""
        return self.pset.scan(text)

    def candidates(self, part: str, sat: frozenset[int] | None) -> list:
        """The items of ``part`` that may match a sentence whose scan gave ``sat``."""
        every, free, keys, by_key = self._parts[part]
        if sat is None:
            return list(every)
        hits = free + [(i, x) for c in keys & sat for i, x, need in by_key[c] if need <= sat]
        hits.sort(key=lambda ix: ix[0])
        return [x for _, x in hits]

    @cached_property
    def _parts(self) -> dict[str, tuple]:
        """Per part: all items, items needing nothing, and the rest listed under one clause they need."""
        out = {}
        for name, (lo, hi) in self.spans.items():
            free, by_key = [], {}
            for i in range(lo, hi):
                need = self.pset.needs(i)
                if not need:
                    free.append((i, self.items[i]))
                    continue
                # list it under its most selective clause: the one whose shortest string is longest
                key = max(sorted(need), key=lambda c: min(map(len, self.pset.clause(c))))
                by_key.setdefault(key, []).append((i, self.items[i], need))
            out[name] = (self.items[lo:hi], free, frozenset(by_key), by_key)
        return out


@lru_cache(maxsize=16)
def sentence_patterns(rules) -> SentencePatterns:
    """The ``SentencePatterns`` of a ``Rules`` (cached per rules)."""
    parts = {
        "triggers": rules.triggers,
        "mentions": tuple(c for c in rules.cues if c.kind in ("council_alias", "role", "anaphor", "anaphor_pair")),
        "blocking": rules.cues_of("negation") + rules.cues_of("hedge"),
        "tone": rules.cues_of("positive") + rules.cues_of("negative") + rules.cues_of("contrast"),
    }
    items: list = []
    spans: dict[str, tuple[int, int]] = {}
    spaced = set()
    for name, part in parts.items():
        spans[name] = (len(items), len(items) + len(part))
        items.extend(part)
        if any(ch.isspace() for x in part for c in required_literals(x.pattern) for a in c for ch in a):
            spaced.add(name)
    return SentencePatterns(PatternSet([x.pattern for x in items]), tuple(items), spans, frozenset(spaced))
