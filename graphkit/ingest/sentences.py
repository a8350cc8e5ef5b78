"""Split a paragraph into sentences, keeping offsets.

A boundary is a full stop, question or exclamation mark (or an ellipsis), optionally followed
by closing quotes or brackets, then white space, then a word that can open a sentence (a
capital, a digit, an opening quote or bracket, a bullet). Boundaries after abbreviations that
never end a sentence in running text (``e.g.``, ``i.e.``, ``Dr``, ``St``, ``No. 5``), after
initials (``J. R. Smith``) and inside numbers (``£1.5 million``) are skipped.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

_CLOSERS = "\"'\u2019\u201d)]}\u00bb"
_OPENERS = "\"'\u2018\u201c([{\u00ab"
_BULLETS = "\u2022\u25aa\u25cf\u2023\u2043\u2013\u2014*-"

#: Abbreviations after which a full stop never ends a sentence.
_NEVER_FINAL = frozenset(
    """e.g eg i.e ie cf viz vs v approx appx dept est incl inc para paras fig figs
    dr mr mrs ms mx prof cllr rev sr jr st mt ft hon rt gen col capt lt sgt supt insp
    no nos vol vols pp p ch sec art reg ref tel ext jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
#: Abbreviations that may end a sentence (split when a capital follows).
_MAYBE_FINAL = frozenset("etc ltd co plc corp bros".split())
#: Only these of ``_NEVER_FINAL`` need a following digit to bind (``No. 5`` but "... said no. The").
_NEED_DIGIT = frozenset("no nos vol vols pp p ch sec art reg ref para paras fig figs".split())

_BOUNDARY = re.compile(
    r"(?:[.!?\u2026]+)[" + re.escape(_CLOSERS) + r"]*(?=\s+[" + re.escape(_OPENERS) + r"]*[A-Z0-9\u00a3$\u20ac"
    + re.escape(_BULLETS) + r"])"
)
_MARKER = re.compile(r"^(?:\(?(?:\d{1,3}|[ivxIVX]{1,4}|[a-zA-Z])[.)]|[\u2022*-])$")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def _abbreviation_blocks(text: str, stop: int, next_char: str) -> bool:
    """True when the full stop at ``text[stop]`` belongs to an abbreviation or initial."""
    m = _WORD_BEFORE.search(text, max(0, stop - 12), stop + 1)
    if not m:
        return False
    word = m.group(1)
    low = word.lower().rstrip(".")
    if low in _NEED_DIGIT:
        return next_char.isdigit()
    if low in _NEVER_FINAL:
        return True
    if low in _MAYBE_FINAL:
        return False
    # initials: "J." or "J.R." preceded by a space or start, followed by a capital
    before = text[m.start() - 1] if m.start() > 0 else " "
    if re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word) and not before.isalnum():
        return next_char.isupper() and len(word) <= 5 and word.upper() == word
    return False


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` within ``text[start:end]``, white space trimmed.

    Parameters
    ----------
    text : str
        The whole report text.
    start, end : int
        The paragraph's range in ``text``.

    Returns
    -------
    list of (int, int)
        Half-open ranges, in order, that never leave ``[start, end)``.

    Examples
    --------
    >>> split_sentences("It works, e.g. here. So does this.", 0, 34)
    [(0, 20), (21, 34)]
    """
    # ``endpos`` and slices ending at ``end`` keep every look at the paragraph, without copying
    # the report up to it (a copy per paragraph made splitting quadratic in the report's length)
    cuts: list[int] = []
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.start()
        cut = m.end()
        if _MARKER.match(text[cuts[-1] if cuts else start:cut].strip()):
            continue  # "1. The council ..." : a list number, not a sentence
        rest = text[cut:end].lstrip()
        nxt = rest.lstrip(_OPENERS)[:1]
        if text[stop] == "." and m.group().startswith(".") and not m.group().startswith(".."):
            if _abbreviation_blocks(text, stop, nxt):
                continue
        cuts.append(cut)
    spans: list[tuple[int, int]] = []
    cursor = start
    for cut in [*cuts, end]:
        s, e = cursor, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        cursor = cut
    return spans
