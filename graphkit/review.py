"""Candidates for review: the relations a build did not assert, as ``out/review.csv``.

A relation whose confidence is below the build's threshold (``--min-confidence``) is kept in
the graph as a ``gk:Candidate``, not asserted; this table lists the same relations for a
person to read, one row each, least confident first within each report.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from .extract.confidence import load_table, relation_evidence
from .model import Extraction, Resolution
from .rdf.slug import slugify

__all__ = ["REVIEW_COLUMNS", "review_rows", "review_csv"]

#: Columns of review.csv.
REVIEW_COLUMNS: tuple[str, ...] = (
    "report", "sentence", "subject", "subject_label", "predicate", "object", "object_label",
    "confidence", "rule", "why", "evidence",
)


def _why(ev, shifts: dict[str, float]) -> str:
    parts = [f"rule precision {ev.base:.3f}"]
    weak = [f for f in ev.features if shifts.get(f, 0.0) < 0]  # features that lowered it
    if weak:
        parts.append("weak evidence: " + ", ".join(weak))
    if ev.cues:
        parts.append("sentence cues: " + ", ".join(ev.cues))
    return "; ".join(parts)


def review_rows(extractions: Iterable[Extraction], resolution: Resolution, min_confidence: float) -> list[tuple[str, ...]]:
    """One row (``REVIEW_COLUMNS``) per relation below ``min_confidence``, sorted.

    Relations a correction suppressed are left out, as in the graph. ``subject`` and
    ``object`` are the entity ids of the graph (``gkd:`` slugs), the labels the fullest names
    the report uses; ``why`` gives the rule's precision, the weak-evidence features and the
    sentence cues behind the confidence.

    Examples
    --------
    >>> from graphkit.ingest import report_from_text
    >>> from graphkit.extract import extract
    >>> x = extract(report_from_text("The council intended to commission Carers Trust Wessex to run the Carers Hub."))
    >>> [(row[3], row[4], row[6], row[7]) for row in review_rows([x], Resolution(()), 0.5)]
    [('Carers Trust Wessex', 'delivers', 'Carers Hub', '0.100')]
    """
    rows = []
    shifts = load_table().features
    for x in extractions:
        rid = x.report.report_id
        names = {e.key: e.name for e in x.entities}
        evidence = relation_evidence(x.report, x.entities, x.relations)
        best: dict[tuple, float] = {}  # as in the graph: a fact two rules state takes the higher
        for rel in x.relations:
            key = (rel.subject, rel.predicate, rel.object, rel.start, rel.end)
            best[key] = max(best.get(key, 0.0), rel.confidence)
        for i, (rel, ev) in enumerate(zip(x.relations, evidence)):
            if best[(rel.subject, rel.predicate, rel.object, rel.start, rel.end)] >= min_confidence:
                continue
            if (rid, i) in resolution.suppressed_relations:
                continue
            if {(rid, rel.subject), (rid, rel.object)} & resolution.suppressed_entities:
                continue
            subj = resolution.index.get((rid, rel.subject)) or slugify(rel.subject)
            obj = resolution.index.get((rid, rel.object)) or slugify(rel.object)
            rows.append((rid, str(rel.sentence), subj, names.get(rel.subject, rel.subject), rel.predicate, obj,
                         names.get(rel.object, rel.object), f"{rel.confidence:.3f}", rel.rule, _why(ev, shifts),
                         rel.evidence))
    rows.sort(key=lambda r: (r[0], float(r[7]), int(r[1]), r[4], r[2], r[5], r[8]))
    return rows


def review_csv(extractions: Iterable[Extraction], resolution: Resolution, min_confidence: float) -> str:
    """``review_rows`` as CSV text (RFC 4180 quoting: commas, quotes and newlines are safe)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(REVIEW_COLUMNS)
    w.writerows(review_rows(extractions, resolution, min_confidence))
    return buf.getvalue()
