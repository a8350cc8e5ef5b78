"""Stable, safe slugs for minting IRIs."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["slugify"]

_SAFE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slugify(name: str) -> str:
    """A lowercase ASCII slug ``[a-z0-9-]`` for ``name``; different names never share one.

    Names that are already slugs are kept. Any other name is lowered, transliterated to
    ASCII and its runs of other characters become ``-``; because that loses information,
    a short hash of the exact name is appended, so two different names cannot collide.

    Parameters
    ----------
    name : str
        Any text (an entity name, a report id, a data set note).

    Returns
    -------
    str
        A slug matching ``[a-z0-9]+(-[a-z0-9]+)*``.

    Examples
    --------
    >>> slugify("middlesbrough-council")
    'middlesbrough-council'
    >>> slugify("Age UK")
    'age-uk-3d92f0'
    """
    if _SAFE.fullmatch(name):
        return name
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80].strip("-")
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]
    return f"{base}-{digest}" if base else f"x-{digest}"
