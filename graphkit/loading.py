"""Load a graph file written by graphkit (or any RDF file) for query, export and validate."""

from __future__ import annotations

from pathlib import Path

from .errors import GraphkitError

__all__ = ["load_dataset", "FORMAT_BY_SUFFIX"]

FORMAT_BY_SUFFIX = {
    ".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt",
    ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".owl": "xml",
}


def load_dataset(path: str | Path):
    """Parse ``path`` into an rdflib Dataset (triples of plain formats go to the default graph).

    Raises GraphkitError naming the file when the suffix is unknown or the file is not valid RDF.
    """
    from rdflib import Dataset

    p = Path(path)
    fmt = FORMAT_BY_SUFFIX.get(p.suffix.lower())
    if fmt is None:
        raise GraphkitError(
            f"{p}: unknown RDF format {p.suffix!r}; use one of {', '.join(sorted(FORMAT_BY_SUFFIX))}"
        )
    ds = Dataset(default_union=True)
    try:
        ds.parse(p, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GraphkitError(f"{p}: not valid {fmt}: {first}") from exc
    return ds
