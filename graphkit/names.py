"""The one name normaliser and the one slug function of graphkit.

``norm(text, form)`` gives the comparison form of a name. Its forms are the three ways names
are compared, each a superset of the work of the one before:

* ``"plain"``: the gold scorer's rules (``shared/eval/score.py``; evaluation and heading
  keys): ASCII, lower case, "&" as "and", possessive "'s" folded, punctuation as spaces, one
  leading article dropped.
* ``"loose"``: the extractor's key for grouping the surface forms of one body in a report:
  ``plain`` without trailing years, with compass and spelling variants joined ("North East" =
  "Northeast", "well being" = "wellbeing") and plurals folded.
* ``"resolve"``: the resolver's key for matching names across reports: without parenthesised
  text, year ranges and possessives, "+" as "plus", leading "the" dropped, and the spelling
  ``variants`` of ``graphkit/data/resolve/variants.tsv`` applied (``graphkit.resolve.names.norm``
  passes them).

``slugify(text)`` gives the ``[a-z0-9-]`` id of a name (entity keys, node ids, file names);
``unique=True`` keeps a text that is already a slug and otherwise appends a digest of the exact
text, so two different texts never share the slug (IRIs minted from free text).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

__all__ = ["norm", "slugify", "FORMS", "LOOSE_VARIANTS", "YEARS_RE", "TRAILING_YEARS_RE", "PAREN_RE"]

#: The forms of ``norm``.
FORMS: tuple[str, ...] = ("plain", "loose", "resolve")

#: A year or year range anywhere ("2021-2025", "2023/24").
YEARS_RE = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–—/]\s*(?:19|20)?\d\d)?\b")
#: A year or year range at the end of a name, perhaps in brackets ("Strategy (2021-2025)").
TRAILING_YEARS_RE = re.compile(r"\s*\(?\b(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)?\d{2})?\)?\s*$")
#: Parenthesised text ("(HWB)").
PAREN_RE = re.compile(r"\([^)]*\)")
#: Variants the loose key joins (word-bounded, over the plain form).
LOOSE_VARIANTS: tuple[tuple[str, str], ...] = (
    ("north east", "northeast"), ("north west", "northwest"), ("south east", "southeast"),
    ("south west", "southwest"), ("co operation", "cooperation"), ("well being", "wellbeing"),
    ("health care", "healthcare"), ("co production", "coproduction"),
)
_LOOSE_VARIANTS = tuple((re.compile(rf"\b{a}\b"), b) for a, b in LOOSE_VARIANTS)
_APOS = re.compile(r"['’‘`]s\b|['’‘`]")
_SAFE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _fold(text: str) -> str:
    """Accents off (NFKD without combining marks); other characters kept."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def norm(text: str, form: str = "plain", variants: Sequence[tuple[re.Pattern, str]] = ()) -> str:
    """The comparison form of a name (see the module docstring for the forms).

    Parameters
    ----------
    text : str
        A name as written.
    form : {"plain", "loose", "resolve"}
        How loosely to compare.
    variants : sequence of (pattern, replacement)
        Spelling variants for the ``"resolve"`` form, applied in order to the space-padded
        result; ignored by the other forms.

    Returns
    -------
    str
        Lower-case ASCII words separated by single spaces.

    Raises
    ------
    ValueError
        An unknown form.

    Examples
    --------
    >>> norm("The Health & Wellbeing Board")
    'health and wellbeing board'
    >>> norm("North East Carers' Centres (2023-2025)", "loose")
    'northeast carer centre'
    >>> norm("The Carers' Centre (NECC)", "resolve")
    'carers centre'
    """
    if form == "plain":
        return _plain(text)
    if form == "loose":
        return _loose(text)
    if form == "resolve":
        return _resolve(text, tuple(variants))
    raise ValueError(f"unknown form {form!r}; choose from: {', '.join(FORMS)}")


@lru_cache(maxsize=1 << 16)
def _plain(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = s.lower().replace("&", " and ")
    s = re.sub(r"[\u2019'`]s\b", "s", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    s = re.sub(r"^(the|a|an) ", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


@lru_cache(maxsize=1 << 16)
def _loose(text: str) -> str:
    s = _plain(TRAILING_YEARS_RE.sub("", text) or text)
    for pattern, replacement in _LOOSE_VARIANTS:
        s = pattern.sub(replacement, s)
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in s.split())


@lru_cache(maxsize=1 << 16)
def _resolve(text: str, variants: tuple[tuple[re.Pattern, str], ...]) -> str:
    t = _fold(text).lower()
    t = PAREN_RE.sub(" ", t)
    t = YEARS_RE.sub(" ", t)
    t = _APOS.sub("", t)
    t = t.replace("&", " and ").replace("+", " plus ")
    words = re.sub(r"[^a-z0-9]+", " ", t).split()
    while words and words[0] == "the":
        words = words[1:]
    padded = " " + " ".join(words) + " "
    for pattern, replacement in variants:
        padded = pattern.sub(replacement, padded)
    return " ".join(padded.split())


def slugify(text: str, *, unique: bool = False) -> str:
    """A lowercase ASCII slug ``[a-z0-9-]`` of ``text``.

    Accents are dropped, apostrophes removed ("Carers' Centre" -> "carers-centre"), "&" read
    as "and", and every other run of characters becomes ``-``.

    Parameters
    ----------
    text : str
        Any text: a name, a report id, a note.
    unique : bool
        Keep a text that is already a slug; otherwise append a short digest of the exact text
        (and cut the slug to 80 characters), so different texts never share a slug.

    Returns
    -------
    str
        A slug matching ``[a-z0-9]+(-[a-z0-9]+)*`` ("entity" for a text without letters or
        digits, ``x-<digest>`` with ``unique``).

    Examples
    --------
    >>> slugify("Tees, Esk & Wear Valleys NHS Foundation Trust")
    'tees-esk-and-wear-valleys-nhs-foundation-trust'
    >>> slugify("North Tyneside's Commitment to Carers")
    'north-tynesides-commitment-to-carers'
    >>> slugify("middlesbrough-council", unique=True), slugify("Age UK", unique=True)
    ('middlesbrough-council', 'age-uk-3d92f0')
    """
    if unique and _SAFE.fullmatch(text):
        return text
    s = re.sub(r"['’‘`]", "", _fold(text).lower()).replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if not unique:
        return s or "entity"
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    s = s[:80].strip("-")
    return f"{s}-{digest}" if s else f"x-{digest}"
