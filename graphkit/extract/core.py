"""extract(report, rules) -> Extraction: the extraction stage."""

from __future__ import annotations

import re

from ..model import Extraction, Report
from .entities import build_entities, group_mentions
from .mentions import find_candidates
from .prefilter import sentence_patterns
from .rules import Rules, load_rules

__all__ = ["extract"]


def extract(report: Report, rules: Rules | None = None) -> Extraction:
    """Entities, relations and quantities stated in one report.

    Parameters
    ----------
    report : Report
        An ingested report.
    rules : Rules, optional
        Rule data from ``load_rules``; the built-in rules when omitted.

    Returns
    -------
    Extraction
        Entities (one per real body), relations with evidence sentences and a confidence
        (``graphkit.extract.confidence``), quantities.

    Examples
    --------
    >>> from graphkit.ingest import report_from_text
    >>> x = extract(report_from_text("The Better Care Fund funded Care Point."))
    >>> sorted(e.name for e in x.entities)
    ['Better Care Fund', 'Care Point']
    """
    rules = rules or load_rules()
    cands = []
    per_sentence = []
    common = frozenset(re.findall(r"\b[a-z][a-z'’-]+\b", report.text))
    proper = frozenset(w for s in report.sentences for w in re.findall(r"(?<=[a-z,] )[A-Z][a-z]+\b", s.text))
    # which rule patterns can match each sentence: one pass each, shared by mentions and relations
    patterns = sentence_patterns(rules)
    sats = [patterns.scan(s.text) for s in report.sentences]
    for s, sat in zip(report.sentences, sats):
        found = find_candidates(s.text, s.start, rules, common, proper, sat=sat)
        per_sentence.append(found)
        cands.extend((c, s.index) for c in found)
    table = group_mentions(report, cands, rules)
    from .relations import find_relations

    relations, promoted = find_relations(report, per_sentence, table, rules, sats)
    entities, keymap = build_entities(report, table)
    relations = tuple(r for r in (r.rekey(keymap) for r in relations) if r is not None)
    from .confidence import score_relations

    relations = score_relations(report, entities, relations)
    from .quantities import find_quantities

    quantities = find_quantities(report, entities, relations)
    return Extraction(report, tuple(entities), relations, quantities)
