"""Find the assessed council: from the title line, else from the text, using the councils of
the reference data (``ontology/reference/local_authorities.csv``) as a gazetteer.

Names are matched longest first, so "County Durham" is not read as "Durham" plus noise, and
"Kingston upon Hull" never as "Kingston upon Thames". A match counts only when its words are
capitalised ("Reading", not "reading"). In the text, the council mentioned most often wins,
ties going to the first mentioned; mentions inside NHS body names ("NHS Birmingham and
Solihull Integrated Care Board") or inside a wider area ("Greater Manchester") count for less.
"""

from __future__ import annotations

import csv
import re
from functools import cache

from ..resources import reference_dir
from .alternation import literal_alternation

__all__ = ["find_council", "council_table"]

_PREFIXES = re.compile(r"^(?:the\s+)?(?:london borough of|royal borough of|city and county of|city of|county of|borough of)\s+", re.I)
_SUFFIXES = re.compile(
    r"\s+(?:metropolitan borough council|metropolitan district council|borough council|city council"
    r"|county council|district council|council|corporation|london boro|mdc)$",
    re.I,
)
_LOWER_WORDS = frozenset("of and upon on the in le under with by".split())
_COUNCIL_AFTER = re.compile(
    r"\s+(?:(?:Metropolitan\s+)?(?:Borough|City|County|District)\s+)?Council\b"
)
_COUNCIL_BEFORE = re.compile(r"(?:London Borough of|Royal Borough of|City of)\s+$")
_NHS_AFTER = re.compile(
    r"^(?:,?\s+(?:[A-Z][\w'\u2019-]*|and|&|of|upon|the)){0,6}?,?\s+(?:Integrated Care|ICB|ICS|NHS|Foundation Trust"
    r"|Hospitals?\b|Healthcare|Teaching|Clinical Commissioning|CCG|Mental Health|Community Health)"
)
_AREA_BEFORE = re.compile(r"(?:\bGreater|\bNHS|\bNorth|\bSouth|\bEast|\bWest)\s+$")


def _clean(name: str) -> str:
    return " ".join(name.split())


def _core(name: str) -> str:
    """A council name without "London Borough of", "City Council" and the like."""
    name = _clean(name)
    name = _SUFFIXES.sub("", _PREFIXES.sub("", name))
    return name.strip()


@cache
def council_table() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(official name, GSS code, name variants) for each English council with social care duties."""
    rows = []
    with open(reference_dir() / "local_authorities.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            variants = {row["name"], row["official_council_name"], row["ons_name"]}
            variants.update(row["alt_names"].split("|"))
            variants.update(row["other_council_names_seen"].split("|"))
            variants = {_clean(v) for v in variants if v.strip() and not re.search(r"\bUA\b|,\s*(?:City|County) of\b", v, re.I)}
            rows.append((_clean(row["official_council_name"]), row["gss_code"], variants))
    # add each variant's core ("Hull" from "Hull City Council") unless another council uses it
    all_variants = [(i, v.lower()) for i, (_, _, vs) in enumerate(rows) for v in vs]
    for i, (_, _, variants) in enumerate(rows):
        for v in list(variants):
            core = _core(v)
            if len(core) < 3 or core.lower() in {x.lower() for x in variants}:
                continue
            pat = re.compile(r"\b" + re.escape(core.lower()) + r"\b")
            if not any(j != i and pat.search(other) for j, other in all_variants):
                variants.add(core)
    return tuple((n, g, tuple(sorted(vs, key=lambda v: (-len(v), v)))) for n, g, vs in rows)


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    lookup: dict[str, int] = {}
    for i, (_, _, variants) in enumerate(council_table()):
        for v in variants:
            lookup.setdefault(v.lower(), i)
    names = sorted(lookup, key=lambda n: (-len(n), n))
    if all(n.isascii() for n in names):  # the same matches, factored as a trie (much faster)
        pat = re.compile(r"(?<![\w-])" + literal_alternation(names, ignore_case=True) + r"(?![\w-])", re.I)
    else:
        pat = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.I)
    return pat, lookup


def _capitalised(form: str) -> bool:
    """Every significant word of a matched name starts with a capital."""
    return all(w[0].isupper() or w.lower() in _LOWER_WORDS or not w[0].isalpha() for w in re.split(r"[\s-]+", form) if w)


class _Words:
    """Whether a text holds a word, answered from its set of words (built once, on first use)."""

    def __init__(self, text: str):
        self.text = text
        self.words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if _WORD.fullmatch(word) is None:  # not one \w+ run: search as before
            return re.search(r"\b" + re.escape(word) + r"\b", self.text) is not None
        if self.words is None:
            self.words = set(_WORD.findall(self.text))
        return word in self.words  # r"\bword\b" matches exactly where a whole \w+ run equals it


_WORD = re.compile(r"\w+")


def _common_word(text: str, m: re.Match[str], words: _Words) -> bool:
    """A one-word name opening a sentence that the text also uses as a common word ("Reading")."""
    form = m.group()
    if " " in form or "-" in form:
        return False
    before = text[max(0, m.start() - 40):m.start()]
    kept = before.rstrip()
    initial = not kept or "\n" in before[len(kept):] or kept[-1] in ".!?:\"\u201c(\u2022"
    return initial and form.lower() in words


def _mentions(text: str) -> list[tuple[int, int, int, float]]:
    """(council index, start, end, weight) of each capitalised gazetteer match in ``text``."""
    pat, lookup = _pattern()
    words = _Words(text)
    found = []
    for m in pat.finditer(text):
        if not _capitalised(m.group()) or _common_word(text, m, words):
            continue
        i = lookup[m.group().lower()]
        start, end = m.start(), m.end()
        before = _COUNCIL_BEFORE.search(text, max(0, start - 20), start)
        if before:
            start = before.start()
        after = _COUNCIL_AFTER.match(text, end)
        weight = 1.0
        if after:
            end = after.end()
        elif _NHS_AFTER.match(text[end:end + 120]) or _AREA_BEFORE.search(text, max(0, start - 8), start):
            weight = 0.25
        found.append((i, start, end, weight))
    return found


def find_council(text: str, title: str | None) -> tuple[str | None, str | None, tuple[str, ...]]:
    """The assessed council: ``(official name, GSS code, surface forms in the text)``.

    The title line decides when it names a council; else the council the text mentions most.

    Examples
    --------
    >>> find_council("", "London Borough of Hackney: local authority assessment")[:2]
    ('London Borough of Hackney', 'E09000012')
    >>> find_council("Partners in North Tyneside told us the local authority listened.", None)[0]
    'North Tyneside Council'
    """
    table = council_table()
    chosen: int | None = None
    if title:
        head = re.split(r"\s*[:\u2013\u2014|]\s*|\s+-\s+", title)[0]
        found = _mentions(head) or _mentions(title)
        if found:
            chosen = max(found, key=lambda f: (f[2] - f[1], -f[1]))[0]
    mentions = _mentions(text) if text else []
    if chosen is None:
        scores: dict[int, float] = {}
        first: dict[int, int] = {}
        for i, start, _, weight in mentions:
            scores[i] = scores.get(i, 0.0) + weight
            first.setdefault(i, start)
        if not scores:
            return None, None, ()
        chosen = min(scores, key=lambda i: (-scores[i], first[i]))
    # forms inside other names ("Hartlepool" in "... and Hartlepool NHS Foundation Trust") are not the council's
    forms = sorted({text[s:e] for i, s, e, w in mentions if i == chosen and w >= 1}, key=lambda f: (-len(f), f))
    name, gss, _ = table[chosen]
    return name, gss, tuple(forms)
