"""Quantities (money, counts, percentages, dates, periods) and what they describe."""

from __future__ import annotations

import re

from ..model import Entity, Quantity, Relation, Report

__all__ = ["find_quantities"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("money", re.compile(r"£\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|m|billion|bn|k|thousand)\b)?(?:\s+(?:a\s+year|annually|per\s+(?:year|annum|week|month)|each\s+year))?")),
    ("percent", re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|per\s?cent\b)")),
    ("period", re.compile(r"\(?\b(?:19|20)\d{2}\s*(?:[-–/]|to)\s*(?:19|20)?\d{2}\b\)?")),
    ("date", re.compile(rf"\b(?:\d{{1,2}}\s+)?(?:{_MONTHS})\s+(?:19|20)\d{{2}}\b")),
    ("date", re.compile(r"\b(?:in|since|from|by|until|during|of)\s+((?:19|20)\d{2})\b(?!\s*[-–/])")),
    ("count", re.compile(r"\b(?:(?!(?:19|20)\d\d\b)\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundreds|thousands)\s+(?:(?:more|new|local|commissioned|paid|unpaid|voluntary|community|care|independent|older|young|registered|different|separate|standing|[a-z]+-[a-z]+)\s+){0,2}(people|persons|carers|organisations|groups|providers|volunteers|staff|workers|homes|beds|places|areas|schemes|services|projects|members|partners|referrals|assessments|reviews|councils|authorities|local\s+authority\s+areas|teams|hubs|practices|networks|households|residents|adults|families|visits|contacts|calls|localities)\b", re.I)),
    ("count", re.compile(r"\b(?!(?:19|20)\d\d\b)\d{1,3}(?:,\d{3})+(?:\s+(?:[a-z-]+\s+){0,2}[a-z]+s\b)?|\b(?!(?:19|20)\d\d\b)\d+(?=\s+(?:[a-z-]+\s+){0,2}[a-z]{3,}s\b)(?:\s+(?:[a-z-]+\s+){0,2}[a-z]{3,}s\b)")),
)
# which patterns cannot match without a digit ("\d" in each of their alternatives): skipped in
# sentences that have none
_NEEDS_DIGIT = (True, True, True, True, True, False, True)
_DIGIT_RE = re.compile(r"\d")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12}


def _value(kind: str, text: str) -> tuple[float | None, str | None]:
    if kind == "money":
        m = re.search(r"\d[\d,]*(?:\.\d+)?", text)
        v = float(m.group().replace(",", "")) if m else None
        low = text.lower()
        if v is not None:
            if re.search(r"\d\s?(?:million|m)\b", low):
                v *= 1e6
            elif re.search(r"\d\s?(?:billion|bn)\b", low):
                v *= 1e9
            elif re.search(r"\d\s?(?:k|thousand)\b", low):
                v *= 1e3
        return v, "GBP"
    if kind == "percent":
        m = re.search(r"\d+(?:\.\d+)?", text)
        return (float(m.group()) if m else None), "%"
    if kind == "count":
        first = text.split()[0].lower().replace(",", "")
        v = float(first) if first.isdigit() else _WORDS.get(first)
        return (float(v) if v is not None else None), (text.split()[-1].lower() if len(text.split()) > 1 else None)
    if kind in ("date", "period"):
        m = re.search(r"(?:19|20)\d{2}", text)
        return (float(m.group()) if m else None), "year"
    return None, None


def find_quantities(report: Report, entities: list[Entity] | tuple[Entity, ...],
                    relations: tuple[Relation, ...]) -> tuple[Quantity, ...]:
    """Quantities of each sentence, attached to the entity or relation they describe.

    A quantity inside or right after an entity mention ("Equally Well strategy (2021-2025)")
    describes that entity; otherwise it belongs to the sentence's first relation, else to the
    nearest entity mention before it in the sentence.
    """
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    for e in entities:
        for m in e.mentions:
            by_sentence.setdefault(m.sentence, []).append((m.start, m.end, e.key))
    rel_of: dict[int, int] = {}
    for i, r in enumerate(relations):
        rel_of.setdefault(r.sentence, i)
    out: list[Quantity] = []
    for s in report.sentences:
        taken: list[tuple[int, int]] = []
        digits = _DIGIT_RE.search(s.text) is not None
        for (kind, pat), needs_digit in zip(_PATTERNS, _NEEDS_DIGIT):
            if needs_digit and not digits:
                continue
            for m in pat.finditer(s.text):
                a, b = (m.start(1), m.end(1)) if kind == "date" and m.re.groups else (m.start(), m.end())
                if any(a < y and x < b for x, y in taken):
                    continue
                taken.append((a, b))
                start, end = s.start + a, s.start + b
                value, unit = _value(kind, s.text[a:b])
                about, rel = None, None
                ments = by_sentence.get(s.index, [])
                inside = [k for ms, me, k in ments if ms <= start and end <= me + 3 and start >= ms]
                adjacent = [k for ms, me, k in ments if 0 <= start - me <= 2]
                if inside or adjacent:
                    about = (inside or adjacent)[0]
                elif s.index in rel_of:
                    rel = rel_of[s.index]
                else:
                    prior = [(me, k) for ms, me, k in ments if me <= start]
                    about = max(prior)[1] if prior else None
                out.append(Quantity(kind, report.text[start:end], start, end, s.index, value, unit, about, rel))
    return tuple(sorted(out, key=lambda q: (q.start, q.end)))
