"""Evaluation: read report graphs back into the gold format and score them.

::

    read_back(dataset) -> {report id: gold-format dict}     by SPARQL over each named graph
    score(gold_dir, pred_dir) -> dict                       what shared/eval/score.py computes
    format_scores(result) -> str                            score.py's printed lines
"""

from __future__ import annotations

from .readback import read_back
from .score import format_scores, norm, relation_hits, score, score_report

__all__ = ["read_back", "score", "score_report", "relation_hits", "format_scores", "norm"]
