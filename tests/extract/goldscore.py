"""Scoring against gold JSON for the quality tests: graphkit.evaluate's copy of score.py's logic."""

from __future__ import annotations

from graphkit.evaluate.score import prf, score_report


def score(gold: dict, pred: dict) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """((tp, pred, gold) for entities, (tp, pred, gold) for relations) of one report."""
    result = score_report(gold, pred)
    return tuple(result["entities"]), tuple(result["relations"])


def f1(tp: int, n_pred: int, n_gold: int) -> float:
    return prf(tp, n_pred, n_gold)[2]
