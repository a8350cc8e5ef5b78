"""Resolve: merge all reports' entities into graph nodes with public identifiers.

::

    resolve(extractions, corrections=None) -> Resolution
    explain(resolution, extractions, query) -> str
    merges_csv(resolution) -> str
    find_corrections(paths) -> Path | None

Rules (names, national bodies, generic local bodies) are data in ``graphkit/data/resolve/``;
identifiers come from ``ontology/reference/``; corrections are described in docs/corrections.md.
"""

from __future__ import annotations

from .corrections import find_corrections, load_corrections
from .explain import explain, merges_csv
from .merge import resolve

__all__ = ["explain", "find_corrections", "load_corrections", "merges_csv", "resolve"]
