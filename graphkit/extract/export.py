"""An Extraction in the gold JSON format of the shared evaluation (ANNOTATION.md)."""

from __future__ import annotations

from ..model import Extraction
from .confidence import DEFAULT_MIN_CONFIDENCE

__all__ = ["to_gold_json"]


def to_gold_json(x: Extraction, min_confidence: float | None = None) -> dict:
    """``{"report", "council", "entities": [...], "relations": [...]}`` for one extraction.

    Only asserted relations are exported: those whose confidence is at least
    ``min_confidence`` (default ``DEFAULT_MIN_CONFIDENCE``; 0 exports every relation).

    Examples
    --------
    >>> from graphkit.ingest import report_from_text
    >>> from graphkit.extract import extract
    >>> to_gold_json(extract(report_from_text("Age UK worked with the council.")))["report"]
    'snippet'
    """
    council = next((e.name for e in x.entities if e.is_council), x.report.council)
    threshold = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    seen: set[tuple[str, str, str]] = set()
    rels = []
    for r in x.relations:
        if r.confidence < threshold:
            continue
        k = (r.subject, r.predicate, r.object)
        if r.predicate == "partnersWith":
            k = (min(r.subject, r.object), r.predicate, max(r.subject, r.object))
        if k in seen:
            continue
        seen.add(k)
        rels.append({"s": r.subject, "p": r.predicate, "o": r.object, "evidence": r.evidence[:200],
                     "tone": r.tone, "rule": r.rule, "confidence": r.confidence})
    return {
        "report": x.report.report_id,
        "council": council,
        "entities": [{"id": e.key, "name": e.name, "type": e.type, "aliases": list(e.aliases)} for e in x.entities],
        "relations": rels,
    }
