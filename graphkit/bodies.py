"""The table of known bodies (``graphkit/data/bodies.tsv``), read by the extractor and the resolver.

One line per body, fund or programme: its slug, name, type, scope (``national``, ``local`` or
``term``), other names, standard abbreviations and resolver-only variants. The file's comments
say what each column means and why each disputed type was chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafiles import data_lines
from .errors import RuleError
from .model import ENTITY_TYPES

__all__ = ["Body", "SCOPES", "FILE", "read_bodies"]

#: The file name, in ``graphkit/data/`` and in a ``--rules`` folder.
FILE = "bodies.tsv"

#: national: one shared node; local: one per council; term: only the abbreviation is standard.
SCOPES: tuple[str, ...] = ("national", "local", "term")


@dataclass(frozen=True, slots=True)
class Body:
    """One line of the bodies table."""

    slug: str
    label: str
    type: str
    scope: str
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    source: str = ""  # "path:line"

    @property
    def names(self) -> tuple[str, ...]:
        """The forms the extractor looks for in text: the label (unless a term), aliases and
        abbreviations."""
        return (() if self.scope == "term" else (self.label, *self.aliases)) + self.abbreviations

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form the resolver merges into the body."""
        return (self.label, *self.aliases, *self.abbreviations, *self.variants)


def _split(col: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in col.split("|") if x.strip())


def read_bodies(path: str | Path) -> tuple[Body, ...]:
    """The bodies of one table file, in file order.

    Raises
    ------
    RuleError
        The file cannot be read, or a line has too few columns, an empty slug or label, an
        unknown type or scope (names the file and line).

    Examples
    --------
    >>> from graphkit.resources import data_dir
    >>> cqc = next(b for b in read_bodies(data_dir() / "bodies.tsv") if "CQC" in b.abbreviations)
    >>> cqc.slug, cqc.type, cqc.scope
    ('care-quality-commission', 'PublicAgency', 'national')
    """
    path = Path(path)
    out = []
    for n, line in data_lines(path):
        cols = line.split("\t")
        if len(cols) < 4:
            raise RuleError(str(path), n, "expected tab-separated columns: slug, label, type, scope, "
                                          f"aliases, abbreviations, variants; got {len(cols)}")
        cols += [""] * (7 - len(cols))
        slug, label, type_, scope = (c.strip() for c in cols[:4])
        if not slug or not label:
            raise RuleError(str(path), n, "empty slug or label")
        if type_ not in ENTITY_TYPES:
            raise RuleError(str(path), n, f"unknown type {type_!r}; choose from: {', '.join(ENTITY_TYPES)}")
        if scope not in SCOPES:
            raise RuleError(str(path), n, f"unknown scope {scope!r}; choose from: {', '.join(SCOPES)}")
        body = Body(slug, label, type_, scope, _split(cols[4]), _split(cols[5]), _split(cols[6]), f"{path}:{n}")
        if scope == "term" and not body.abbreviations:
            raise RuleError(str(path), n, "a 'term' line needs an abbreviation")
        out.append(body)
    return tuple(out)
