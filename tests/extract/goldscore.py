"""Scoring against gold JSON (the logic of shared/eval/score.py, kept for the quality tests)."""

from __future__ import annotations

import re
import unicodedata

SYMMETRIC = {"partnersWith"}


def norm(label: str) -> str:
    s = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    s = s.lower().replace("&", " and ")
    s = re.sub(r"[\u2019'`]s\b", "s", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    s = re.sub(r"^(the|a|an) ", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


def match_entities(gold: list, pred: list) -> dict:
    keys: dict = {}
    for g in gold:
        for label in [g["name"], *g.get("aliases", [])]:
            keys.setdefault((g["type"], norm(label)), []).append(g["id"])
    taken, mapping = set(), {}
    for p in pred:
        for gid in keys.get((p.get("type"), norm(p.get("name", ""))), []):
            if gid not in taken:
                taken.add(gid)
                mapping[p["id"]] = gid
                break
    return mapping


def rel_key(s, p, o):
    return (p, *sorted((s, o))) if p in SYMMETRIC else (p, s, o)


def score(gold: dict, pred: dict) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """((tp, pred, gold) for entities, (tp, pred, gold) for relations) of one report."""
    mapping = match_entities(gold["entities"], pred["entities"])
    gold_rels = {rel_key(r["s"], r["p"], r["o"]) for r in gold["relations"]}
    pred_rels = set()
    for r in pred["relations"]:
        s, o = mapping.get(r["s"]), mapping.get(r["o"])
        pred_rels.add(rel_key(s or f"?{r['s']}", r["p"], o or f"?{r['o']}"))
    return ((len(mapping), len(pred["entities"]), len(gold["entities"])),
            (len(gold_rels & pred_rels), len(pred_rels), len(gold_rels)))


def f1(tp: int, n_pred: int, n_gold: int) -> float:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0
