"""Each assessment's extraction coverage, CQC scores and tone, grouped by council.

A council's assessment may come as one report or as several saved pages (one per quality
statement): all reports that assess a council count as one assessment. A text saved twice
(the same ``gk:textSha256``) counts once, and so do the facts its copies state.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import median
from typing import Any

from ..model import QUALITY_STATEMENTS
from .convert import combine_tones
from .records import STATED, Records
from .tone import TONES

__all__ = ["assessments", "fact_key", "one_tone", "STATEMENTS", "SPARSE_SHARE"]

#: CQC's nine quality statements, in report order.
STATEMENTS: tuple[str, ...] = tuple(s for s, _ in QUALITY_STATEMENTS)

#: A council is flagged sparse when its facts per 1,000 words are below this share of the median.
SPARSE_SHARE = 0.5


def fact_key(f) -> tuple[str, str, str, str]:
    """What makes two facts of one council the same: the relation and its sentence text."""
    return (f.subject, f.predicate, f.object, f.sentence)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 6) + 0.0 if whole else None


def assessments(records: Records) -> dict[str, dict[str, Any]]:
    """Per assessed council: its reports, words, facts, coverage, statements, scores and tone.

    Parameters
    ----------
    records : Records
        From ``read_records``.

    Returns
    -------
    dict
        Council id -> ``{"reports", "words", "facts", "facts_per_1000_words", "sparse",
        "statements_present", "statements_missing", "scores", "score_conflicts",
        "mean_score", "tone"}``, councils sorted. ``words`` is None when a report does not
        carry ``gk:wordCount`` (a graph built before it), and so is the rate. ``scores`` maps
        each statement present with a score to it; when two pages of one council score a
        statement differently the statement is in ``score_conflicts`` and left out of
        ``scores``. ``tone`` counts the council's distinct stated facts by tone, with
        ``negative_or_mixed`` (the count) and ``share`` (of all its facts).

    Examples
    --------
    >>> from graphkit.analyse.records import Records, ReportRecord
    >>> r = ReportRecord("r1", ("york",), "r1.txt", "", 2000, 12000, "ab")
    >>> assessments(Records((r,), (), ()))["york"]["facts_per_1000_words"]
    0.0
    """
    by_council: dict[str, list] = defaultdict(list)
    for report in records.reports:
        for council in report.councils:
            by_council[council].append(report)
    council_of = records.report_councils()
    facts: dict[str, set] = defaultdict(set)
    tones: dict[str, dict] = defaultdict(dict)
    for f in records.facts:
        if f.layer != STATED:
            continue
        for council in council_of.get(f.report, ()):
            key = fact_key(f)
            facts[council].add(key)
            tones[council].setdefault(key, set()).add(f.tone)
    sections: dict[str, list] = defaultdict(list)
    for s in records.sections:
        for council in council_of.get(s.report, ()):
            sections[council].append(s)
    out: dict[str, dict[str, Any]] = {}
    for council in sorted(by_council):
        reports = sorted(by_council[council], key=lambda r: r.id)
        texts = {}
        for r in reports:
            texts.setdefault(r.text_sha256 or r.id, r)
        words = None if any(r.words is None for r in texts.values()) else sum(r.words for r in texts.values())
        n_facts = len(facts[council])
        present = {s.statement for s in sections[council] if s.statement}
        scored: dict[str, set[int]] = defaultdict(set)
        for s in sections[council]:
            if s.statement and s.score is not None:
                scored[s.statement].add(s.score)
        order = [s for s in STATEMENTS if s in present] + sorted(present - set(STATEMENTS))
        scores = {s: min(scored[s]) for s in order if len(scored.get(s, ())) == 1}
        counts = Counter()
        for key, found in tones[council].items():
            counts[one_tone(found)] += 1
        tone = {t: counts.get(t, 0) for t in TONES}
        bad = tone["negative"] + tone["mixed"]
        out[council] = {
            "reports": [r.id for r in reports],
            "words": words,
            "facts": n_facts,
            "facts_per_1000_words": round(n_facts * 1000 / words, 3) + 0.0 if words else None,
            "sparse": False,
            "statements_present": order,
            "statements_missing": [s for s in STATEMENTS if s not in present],
            "scores": scores,
            "score_conflicts": [s for s in order if len(scored.get(s, ())) > 1],
            "mean_score": round(sum(scores.values()) / len(scores), 3) if scores else None,
            "tone": tone | {"negative_or_mixed": bad, "share": _share(bad, n_facts)},
        }
    rates = [c["facts_per_1000_words"] for c in out.values() if c["facts_per_1000_words"] is not None]
    if len(rates) >= 3:
        floor = SPARSE_SHARE * median(rates)
        for c in out.values():
            c["sparse"] = c["facts_per_1000_words"] is not None and c["facts_per_1000_words"] < floor
    return out


def one_tone(found: set[str]) -> str:
    """The tone of one fact stated by several copies of a text: theirs when they agree.

    >>> one_tone({"negative"}), one_tone({"positive", "negative"}), one_tone({"positive", "neutral"})
    ('negative', 'mixed', 'positive')
    """
    return combine_tones(found) if len(found) > 1 else next(iter(found))
