"""An Extraction in the gold JSON format of the shared evaluation (ANNOTATION.md)."""

from __future__ import annotations

from ..model import Extraction

__all__ = ["to_gold_json"]


def to_gold_json(x: Extraction) -> dict:
    """``{"report", "council", "entities": [...], "relations": [...]}`` for one extraction.

    Examples
    --------
    >>> from graphkit.ingest import report_from_text
    >>> from graphkit.extract import extract
    >>> to_gold_json(extract(report_from_text("Age UK worked with the council.")))["report"]
    'snippet'
    """
    council = next((e.name for e in x.entities if e.is_council), x.report.council)
    seen: set[tuple[str, str, str]] = set()
    rels = []
    for r in x.relations:
        k = (r.subject, r.predicate, r.object)
        if r.predicate == "partnersWith":
            k = (min(r.subject, r.object), r.predicate, max(r.subject, r.object))
        if k in seen:
            continue
        seen.add(k)
        rels.append({"s": r.subject, "p": r.predicate, "o": r.object, "evidence": r.evidence[:200],
                     "tone": r.tone, "rule": r.rule})
    return {
        "report": x.report.report_id,
        "council": council,
        "entities": [{"id": e.key, "name": e.name, "type": e.type, "aliases": list(e.aliases)} for e in x.entities],
        "relations": rels,
    }
