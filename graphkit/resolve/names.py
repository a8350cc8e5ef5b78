"""Name normalisation for matching, and slugs for ids.

Two surface forms denote the same name when their ``norm`` is equal: case, accents,
punctuation, "&"/"and", apostrophes and possessive "s", a leading "the", parenthetical
acronyms, year ranges and a few spelling variants (data/resolve/variants.tsv) are ignored.
"""

from __future__ import annotations

import re
import unicodedata

from .data import descriptors, variants

__all__ = ["norm", "core", "slugify", "id_slug", "is_acronym", "tokens"]

_PAREN = re.compile(r"\([^)]*\)")
_YEARS = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–—/]\s*(?:19|20)?\d\d)?\b")
_APOS = re.compile(r"['’‘`]s\b|['’‘`]")


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def norm(text: str) -> str:
    """Matching form of a name.

    >>> norm("The Health & Wellbeing Board (HWB)")
    'health and wellbeing board'
    >>> norm("Tees, Esk and Wear Valleys NHS Foundation Trust")
    'tees esk and wear valley nhs foundation trust'
    """
    t = _ascii(text).lower()
    t = _PAREN.sub(" ", t)
    t = _YEARS.sub(" ", t)
    t = _APOS.sub("", t)
    t = t.replace("&", " and ").replace("+", " plus ")
    t = re.sub(r"[^a-z0-9]+", " ", t).strip()
    words = t.split()
    while words and words[0] == "the":
        words = words[1:]
    text = " " + " ".join(words) + " "
    for pattern, replacement in variants():
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def core(text: str) -> str:
    """``norm`` without trailing descriptor words ("service", "scheme", "model", ...).

    >>> core("the 'Staying Included' service")
    'staying included'
    """
    words = norm(text).split()
    tails = descriptors()
    while len(words) > 1 and words[-1] in tails:
        words = words[:-1]
    return " ".join(words)


def tokens(text: str) -> tuple[str, ...]:
    """Words of the normalised name."""
    return tuple(norm(text).split())


def is_acronym(text: str) -> bool:
    """True for an all-capitals short form such as "TEWV" or "NENC ICB"."""
    words = text.replace(".", "").split()
    return 0 < len(words) <= 3 and all(w.isalnum() and w.upper() == w and any(c.isalpha() for c in w) for w in words) and any(len(w) >= 2 for w in words)


def id_slug(text: str) -> str:
    """Slug of a name for an id: without parentheses and year ranges.

    >>> id_slug("Equally Well strategy (2021-2025)")
    'equally-well-strategy'
    """
    return slugify(_YEARS.sub(" ", _PAREN.sub(" ", text)))


def slugify(text: str) -> str:
    """Lowercase ASCII slug ``[a-z0-9-]``.

    >>> slugify("North Tyneside's Commitment to Carers")
    'north-tynesides-commitment-to-carers'
    """
    t = _ascii(text).lower()
    t = re.sub(r"['’‘`]", "", t).replace("&", " and ")
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t or "entity"
