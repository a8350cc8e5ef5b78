"""Name normalisation and slugs shared by the extraction modules."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..labels import norm

__all__ = ["norm", "match_key", "slugify", "clean_name", "YEARS_RE"]

YEARS_RE = re.compile(r"\s*\(?\b(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)?\d{2})?\)?\s*$")

_VARIANTS = (("north east", "northeast"), ("north west", "northwest"), ("south east", "southeast"),
             ("south west", "southwest"), ("co operation", "cooperation"), ("wellbeing", "wellbeing"),
             ("well being", "wellbeing"), ("health care", "healthcare"), ("co production", "coproduction"))




@lru_cache(maxsize=1 << 16)
def match_key(label: str) -> str:
    """A looser key for merging surface forms of one body: spelling variants, plurals, years."""
    s = norm(YEARS_RE.sub("", label) or label)
    for a, b in _VARIANTS:
        s = re.sub(rf"\b{a}\b", b, s)
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in s.split()]
    return " ".join(words)


@lru_cache(maxsize=1 << 16)
def clean_name(text: str) -> str:
    """Drop parenthetical acronyms, quote marks, a possessive end and a leading article."""
    s = re.sub(r"\s*\((?:[A-Za-z]{1,3}\s)?[A-Z][A-Za-z&]{0,8}(?:\s[A-Z]{2,6})?\)", "", text)
    s = re.sub(r"[\"“”‘’]|(?<![A-Za-z])'|'(?![a-z])", "", s)
    s = re.sub(r"['’]s$", "", s.strip())
    s = re.sub(r"^(?:the|The|a|an|An|A)\s+", "", s)
    return re.sub(r"\s+", " ", s).strip(" ,;:")


def slugify(label: str) -> str:
    """Lowercase ASCII slug ``[a-z0-9-]``.

    >>> slugify("Tees, Esk & Wear Valleys NHS Foundation Trust")
    'tees-esk-and-wear-valleys-nhs-foundation-trust'
    """
    s = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    s = s.replace("&", " and ")
    s = re.sub(r"['`]", "", s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "entity"
