"""Name normalisation for matching, and slugs for ids (the resolver's forms of ``graphkit.names``).

Two surface forms denote the same name when their ``norm`` is equal: case, accents,
punctuation, "&"/"and", apostrophes and possessive "s", a leading "the", parenthetical
acronyms, year ranges and a few spelling variants (data/resolve/variants.tsv) are ignored.
"""

from __future__ import annotations

from .. import names as _names
from ..names import PAREN_RE, YEARS_RE, slugify
from .data import descriptors, variants

__all__ = ["norm", "core", "slugify", "id_slug", "is_acronym", "tokens"]


def norm(text: str) -> str:
    """Matching form of a name: ``graphkit.names.norm(text, "resolve")`` with the spelling
    variants of the active resolution data.

    >>> norm("The Health & Wellbeing Board (HWB)")
    'health and wellbeing board'
    >>> norm("Tees, Esk and Wear Valleys NHS Foundation Trust")
    'tees esk and wear valley nhs foundation trust'
    """
    return _names.norm(text, "resolve", variants())


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
    return slugify(YEARS_RE.sub(" ", PAREN_RE.sub(" ", text)))
