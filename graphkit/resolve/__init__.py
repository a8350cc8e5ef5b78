"""Resolve: merge all reports' entities into graph nodes with public identifiers.

::

    resolve(extractions, corrections=None, rules_dirs=()) -> Resolution
    explain(resolution, extractions, query) -> str
    merges_csv(resolution) -> str
    find_corrections(paths) -> Path | None

Rules (names, generic local bodies) are data in ``graphkit/data/resolve/``, national bodies the
"national" lines of ``graphkit/data/bodies.tsv`` (``rules_dirs`` adds the same files of ``--rules``
folders); identifiers come from ``ontology/reference/``; corrections are described in
docs/corrections.md.
"""

from __future__ import annotations

from .corrections import find_corrections, load_corrections
from .explain import explain, merges_csv
from .merge import resolve

__all__ = ["explain", "find_corrections", "load_corrections", "merges_csv", "resolve"]
