"""Helpers shared by the extraction tests (not fixtures: plain functions)."""

from __future__ import annotations

from graphkit.extract import extract, load_rules
from graphkit.ingest import report_from_text
from graphkit.model import Extraction


def run(text: str, council: str | None = "Kent County Council") -> Extraction:
    """Extract from ``text`` as one quality statement of ``council``'s report."""
    head = f"{council}: local authority assessment\n\nPartnerships and communities\n\n" if council else ""
    return extract(report_from_text(head + text), load_rules())


def triples(x: Extraction) -> set[tuple[str, str, str]]:
    """(subject name, predicate, object name) of every relation."""
    names = {e.key: e.name for e in x.entities}
    return {(names[r.subject], r.predicate, names[r.object]) for r in x.relations}


def types(x: Extraction) -> dict[str, str]:
    """Entity name -> type."""
    return {e.name: e.type for e in x.entities}
