"""Locate the files graphkit ships: ``ontology/`` and ``graphkit/data/``.

From a checkout (or an editable install) ``ontology/`` sits beside the package; in a wheel it
is installed inside the package as ``graphkit/_ontology``.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from .errors import OntologyError

__all__ = ["ontology_dir", "data_dir", "reference_dir", "queries_dir", "file_stamps"]

_PACKAGE = Path(__file__).resolve().parent


@cache
def ontology_dir() -> Path:
    """The folder holding graphkit.ttl, shapes.ttl, queries/ and reference/."""
    for candidate in (_PACKAGE / "_ontology", _PACKAGE.parent / "ontology"):
        if (candidate / "graphkit.ttl").is_file():
            return candidate
    raise OntologyError(f"ontology/graphkit.ttl not found beside {_PACKAGE}")


def data_dir() -> Path:
    """The folder of built-in rule data (gazetteers, patterns, triggers)."""
    return _PACKAGE / "data"


def reference_dir() -> Path:
    """Public reference data (ONS GSS and NHS ODS codes)."""
    return ontology_dir() / "reference"


def queries_dir() -> Path:
    """Ready SPARQL queries, one ``NAME.rq`` each."""
    return ontology_dir() / "queries"


def file_stamps(paths) -> tuple[tuple[str, str], ...]:
    """``(path, sha256 of its bytes)`` of each of ``paths`` (``""`` for a missing file): a cache
    key that changes when a rule file is edited, added or removed, however quickly (file times
    are too coarse to see two edits within a few milliseconds)."""
    out = []
    for p in paths:
        try:
            data = Path(p).read_bytes()
        except OSError:
            out.append((str(p), ""))
            continue
        out.append((str(p), hashlib.sha256(data).hexdigest()))
    return tuple(out)
