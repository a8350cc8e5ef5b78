"""Stable, safe slugs for minting IRIs: ``graphkit.names.slugify`` with ``unique=True``."""

from __future__ import annotations

from ..names import slugify as _slugify

__all__ = ["slugify"]


def slugify(name: str) -> str:
    """A lowercase ASCII slug ``[a-z0-9-]`` for ``name``; different names never share one.

    Names that are already slugs are kept; any other name gets a short hash of the exact name
    appended (``graphkit.names.slugify(name, unique=True)``).

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
    return _slugify(name, unique=True)
