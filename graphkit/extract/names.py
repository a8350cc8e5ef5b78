"""Name keys and slugs for the extraction modules: ``graphkit.names`` in the extractor's forms."""

from __future__ import annotations

import re
from functools import lru_cache

from ..names import TRAILING_YEARS_RE as YEARS_RE
from ..names import norm, slugify

__all__ = ["norm", "match_key", "slugify", "clean_name", "YEARS_RE"]


def match_key(label: str) -> str:
    """The loose key for merging surface forms of one body: spelling variants, plurals, years
    (``graphkit.names.norm(label, "loose")``)."""
    return norm(label, "loose")


@lru_cache(maxsize=1 << 16)
def clean_name(text: str) -> str:
    """Drop parenthetical acronyms, quote marks, a possessive end and a leading article."""
    s = re.sub(r"\s*\((?:[A-Za-z]{1,3}\s)?[A-Z][A-Za-z&]{0,8}(?:\s[A-Z]{2,6})?\)", "", text)
    s = re.sub(r"[\"“”‘’]|(?<![A-Za-z])'|'(?![a-z])", "", s)
    s = re.sub(r"['’]s$", "", s.strip())
    s = re.sub(r"^(?:the|The|a|an|An|A)\s+", "", s)
    return re.sub(r"\s+", " ", s).strip(" ,;:")
