"""Score gold-format predictions against gold annotations, exactly as shared/eval/score.py does.

Entity match: same type and the predicted name equals the gold name or an alias after
normalisation; one-to-one, in prediction order. Relation match: both ends matched and the same
predicate (partnersWith in either direction). Precision, recall and F1 per report, micro-averaged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..errors import GraphkitError
from ..names import norm

__all__ = ["norm", "score", "score_report", "format_scores", "prf", "relation_hits"]

SYMMETRIC = {"partnersWith"}




def _load(path: Path) -> dict:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise GraphkitError(f"{path}: cannot read gold-format JSON ({err})") from err
    doc.setdefault("entities", [])
    doc.setdefault("relations", [])
    return doc


def _match_entities(gold: list, pred: list) -> dict:
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


def _rel_key(s, p, o):
    return (p, *sorted((s, o))) if p in SYMMETRIC else (p, s, o)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def relation_hits(gold: dict, pred: dict) -> list[bool]:
    """For each relation of ``pred``, in order, whether :func:`score_report` counts it as right.

    Entities are matched as in ``score_report``; a relation is right when both its ends match
    gold entities and the gold holds the triple (partnersWith in either direction).
    """
    mapping = _match_entities(gold["entities"], pred["entities"])
    gold_rels = {_rel_key(r["s"], r["p"], r["o"]) for r in gold["relations"]}
    out = []
    for r in pred["relations"]:
        s, o = mapping.get(r.get("s")), mapping.get(r.get("o"))
        out.append(bool(s and o) and _rel_key(s, r.get("p"), o) in gold_rels)
    return out


def score_report(gold: dict, pred: dict) -> dict:
    """Counts for one report: ``entities`` and ``relations`` as (tp, pred, gold), per type, misses."""
    mapping = _match_entities(gold["entities"], pred["entities"])
    gold_types = {g["id"]: g["type"] for g in gold["entities"]}
    gold_rels = {_rel_key(r["s"], r["p"], r["o"]) for r in gold["relations"]}
    pred_rels = set()
    for r in pred["relations"]:
        s, o = mapping.get(r.get("s")), mapping.get(r.get("o"))
        pred_rels.add(_rel_key(s or f"?{r.get('s')}", r.get("p"), o or f"?{r.get('o')}"))
    tp_rel = len(gold_rels & pred_rels)
    per_predicate: dict = {}
    for key in gold_rels:
        per_predicate.setdefault(key[0], [0, 0, 0])[2] += 1
    for key in pred_rels:
        row = per_predicate.setdefault(key[0], [0, 0, 0])
        row[1] += 1
        row[0] += key in gold_rels
    per_type: dict = {}
    for _gid, t in gold_types.items():
        per_type.setdefault(t, [0, 0, 0])[2] += 1
    for p in pred["entities"]:
        row = per_type.setdefault(p.get("type", "?"), [0, 0, 0])
        row[1] += 1
        if p["id"] in mapping:
            row[0] += 1
    matched = set(mapping.values())
    return {
        "entities": (len(mapping), len(pred["entities"]), len(gold["entities"])),
        "relations": (tp_rel, len(pred_rels), len(gold_rels)),
        "per_type": per_type,
        "per_predicate": per_predicate,
        "missed": sorted(g["name"] for g in gold["entities"] if g["id"] not in matched),
        "spurious": sorted(p.get("name", "") for p in pred["entities"] if p["id"] not in mapping),
    }


def score(gold_dir: str | Path, pred_dir: str | Path, only: Iterable[str] | None = None) -> dict:
    """Score every report of ``gold_dir`` (or just the ids in ``only``) against ``pred_dir``.

    Parameters
    ----------
    gold_dir, pred_dir : path
        Folders of ``<report-id>.json`` in the gold format. A report missing from
        ``pred_dir`` scores as empty.
    only : iterable of str, optional
        Report ids to score; default all gold files.

    Returns
    -------
    dict
        ``{"reports": {id: score_report(...)}, "entities": [tp, pred, gold],
        "relations": [tp, pred, gold], "per_type": {type: [tp, pred, gold]},
        "per_predicate": {predicate: [tp, pred, gold]},
        "entity": {"p", "r", "f"}, "relation": {"p", "r", "f"}}``.

    Raises
    ------
    GraphkitError
        When ``gold_dir`` holds no gold files or a file is not valid JSON.
    """
    gold_dir, pred_dir = Path(gold_dir), Path(pred_dir)
    gold_files = sorted(gold_dir.glob("*.json"))
    if only is not None:
        wanted = set(only)
        gold_files = [f for f in gold_files if f.stem in wanted]
    if not gold_files:
        raise GraphkitError(f"{gold_dir}: no gold files")
    totals = {"entities": [0, 0, 0], "relations": [0, 0, 0]}
    per_type_all: dict = {}
    per_predicate_all: dict = {}
    reports = {}
    for gf in gold_files:
        pf = pred_dir / gf.name
        pred = _load(pf) if pf.exists() else {"entities": [], "relations": []}
        res = score_report(_load(gf), pred)
        reports[gf.stem] = res
        for kind in totals:
            totals[kind] = [a + b for a, b in zip(totals[kind], res[kind])]
        for t, row in res["per_type"].items():
            per_type_all[t] = [a + b for a, b in zip(per_type_all.get(t, [0, 0, 0]), row)]
        for t, row in res["per_predicate"].items():
            per_predicate_all[t] = [a + b for a, b in zip(per_predicate_all.get(t, [0, 0, 0]), row)]
    return {
        "reports": reports,
        **totals,
        "per_type": dict(sorted(per_type_all.items())),
        "per_predicate": dict(sorted((str(k), v) for k, v in per_predicate_all.items())),
        "entity": dict(zip("prf", prf(*totals["entities"]))),
        "relation": dict(zip("prf", prf(*totals["relations"]))),
    }


def format_scores(result: dict, per_type: bool = True, per_predicate: bool = False) -> str:
    """The lines ``score.py`` prints (with ``--per-type`` when ``per_type``) for ``score()``'s result.

    ``per_predicate`` adds relation scores per predicate (not a line of ``score.py``).
    """
    lines = []
    for rid, res in result["reports"].items():
        e, r = prf(*res["entities"]), prf(*res["relations"])
        lines.append(f"{rid}: entities P={e[0]:.3f} R={e[1]:.3f} F1={e[2]:.3f}  "
                     f"relations P={r[0]:.3f} R={r[1]:.3f} F1={r[2]:.3f}")
        if per_type:
            lines.append("  missed:   " + "; ".join(res["missed"]))
            lines.append("  spurious: " + "; ".join(res["spurious"]))
    if per_type:
        for t, row in sorted(result["per_type"].items()):
            p, r, f = prf(*row)
            lines.append(f"  {t:22s} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={row[0]} pred={row[1]} gold={row[2]})")
    if per_predicate:
        for t, row in result["per_predicate"].items():
            p, r, f = prf(*row)
            lines.append(f"  relation {t:13s} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={row[0]} pred={row[1]} gold={row[2]})")
    e, r = prf(*result["entities"]), prf(*result["relations"])
    lines.append(f"micro: entities P={e[0]:.3f} R={e[1]:.3f} F1={e[2]:.3f}  "
                 f"relations P={r[0]:.3f} R={r[1]:.3f} F1={r[2]:.3f}")
    return "\n".join(lines)
