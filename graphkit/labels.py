"""The one label normaliser shared by extraction and evaluation (the gold scorer's rules)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["norm"]


@lru_cache(maxsize=1 << 16)
def norm(label: str) -> str:
    """Lowercase ASCII words, '&' as 'and', possessive 's folded, leading article dropped.

    >>> norm("The Health & Wellbeing Board")
    'health and wellbeing board'
    """
    s = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    s = s.lower().replace("&", " and ")
    s = re.sub(r"[\u2019'`]s\b", "s", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    s = re.sub(r"^(the|a|an) ", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()
