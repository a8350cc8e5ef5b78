"""Find the assessed council: from the title line, else from the text, using the
councils of the reference data (``ontology/reference/local_authorities.csv``) as a gazetteer."""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import cache

from ..resources import reference_dir

__all__ = ["find_council", "council_table"]


@cache
def council_table() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(official name, GSS code, name variants) for each English council with social care duties."""
    rows = []
    with open(reference_dir() / "local_authorities.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            variants = {row["name"], row["official_council_name"], row["ons_name"]}
            variants.update(v for v in row["alt_names"].split("|") if v)
            variants.update(v for v in row["other_council_names_seen"].split("|") if v)
            variants = {v.strip() for v in variants if v.strip() and not re.search(r"\bUA\b", v)}
            rows.append((row["official_council_name"], row["gss_code"], tuple(sorted(variants, key=len, reverse=True))))
    return tuple(rows)


@cache
def _pattern() -> tuple[re.Pattern, dict[str, int]]:
    lookup: dict[str, int] = {}
    for i, (_, _, variants) in enumerate(council_table()):
        for v in variants:
            lookup.setdefault(v.lower(), i)
    names = sorted(lookup, key=len, reverse=True)
    pat = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.I)
    return pat, lookup


def find_council(text: str, title: str | None) -> tuple[str | None, str | None, tuple[str, ...]]:
    """Return (official name, GSS code, surface forms seen) of the assessed council, or Nones."""
    pat, lookup = _pattern()
    table = council_table()
    if title:
        head = title.split(":")[0]
        m = pat.search(head)
        if m:
            i = lookup[m.group().lower()]
            return table[i][0], table[i][1], (m.group(),)
    counts: Counter[int] = Counter()
    forms: dict[int, set[str]] = {}
    for m in pat.finditer(text):
        i = lookup[m.group().lower()]
        counts[i] += 1
        forms.setdefault(i, set()).add(m.group())
    if not counts:
        return None, None, ()
    i, _ = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
    return table[i][0], table[i][1], tuple(sorted(forms[i]))
