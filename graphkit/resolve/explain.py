"""Explain a node, and list merges and near-duplicates for review."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from ..errors import GraphkitError
from ..model import Extraction, Resolution, ResolvedEntity
from .corrections import SUPPRESSED
from .names import core, norm
from .reference import match_council

__all__ = ["explain", "merges_csv", "find_entity", "NEAR_DUPLICATE"]

#: token_sort_ratio at or above which two unmerged nodes are listed for review
NEAR_DUPLICATE = 85.0


def find_entity(resolution: Resolution, query: str) -> ResolvedEntity | None:
    """The node a query names: by id, identifier code, label, then alias (normalised)."""
    for e in resolution.entities:
        if e.id == query or query in (code for _, code in e.identifiers):
            return e
    q = norm(query)
    for field in ("name", "aliases"):
        hits = [e for e in resolution.entities if (norm(e.name) == q if field == "name" else any(norm(a) == q for a in e.aliases))]
        if len(hits) > 1:
            raise GraphkitError(f"{query!r} names {len(hits)} entities; use an id: {', '.join(sorted(e.id for e in hits))}")
        if hits:
            return hits[0]
    gss = match_council(query)
    return next((e for e in resolution.entities if ("gss", gss) in e.identifiers), None) if gss else None


def _close(resolution: Resolution, query: str) -> list[str]:
    choices: dict[str, str] = {}
    for e in resolution.entities:
        for label in (e.id, e.name, *e.aliases):
            choices.setdefault(label, e.id)
    found = process.extract(query, list(choices), scorer=fuzz.WRatio, limit=5, score_cutoff=60)
    out: list[str] = []
    for label, _, _ in found:
        text = label if choices[label] == label else f"{label} ({choices[label]})"
        if text not in out:
            out.append(text)
    return out


def _sentences(ext: Extraction, key: str) -> list[str]:
    by_index = {s.index: s for s in ext.report.sentences}
    out: list[str] = []
    for ent in ext.entities:
        if ent.key != key:
            continue
        for m in sorted(ent.mentions, key=lambda m: m.start):
            s = by_index.get(m.sentence)
            line = f"sentence {m.sentence}: {s.text.strip()}" if s else f"[{m.start}:{m.end}] {m.text}"
            if line not in out:
                out.append(line)
    return out


def explain(resolution: Resolution, extractions: Sequence[Extraction], query: str) -> str:
    """Say what one node is and why its surface forms were merged.

    Parameters
    ----------
    resolution : Resolution
    extractions : sequence of Extraction
        The extractions the resolution was built from (for the sentences).
    query : str
        An entity id, label, alias or identifier code.

    Returns
    -------
    str
        Plain text: id, type, identifiers, surface forms with their reasons, reports and
        sentences, reference-data facts and corrections (a person's decisions).

    Raises
    ------
    GraphkitError
        Nothing matches the query; the message lists close matches.
    """
    ent = find_entity(resolution, query)
    if ent is None:
        gone = [w for w in resolution.warnings if w.startswith(SUPPRESSED) and (f" {query} " in w or norm(query) in norm(w))]
        if gone:
            return "\n".join(["Suppressed by a correction (a person's decision):", *(f"  {w}" for w in gone)])
        close = _close(resolution, query)
        hint = f"; close matches: {', '.join(close)}" if close else ""
        raise GraphkitError(f"no entity {query!r}{hint}")
    exts = {e.report.report_id: e for e in extractions}
    lines = [f"{ent.name}", f"  id: {ent.id}", f"  type: {ent.type}" + ("  (corrected by a person)" if ent.corrected else "")]
    if ent.identifiers:
        lines.append("  identifiers: " + ", ".join(f"{s} {c}" for s, c in ent.identifiers))
    if ent.same_as:
        lines.append("  same as: " + ", ".join(ent.same_as))
    lines.append("Surface forms and why they were merged:")
    for form, why in ent.reasons:
        if not why.startswith("correction:"):
            lines.append(f"  - {form!r}: {why}")
    lines.append(f"Reports ({len({r for r, _ in ent.members})}):")
    if not ent.members:
        lines.append("  none: this node comes from reference data only")
    for rid, key in ent.members:
        ext = exts.get(rid)
        named = next((e.name for e in ext.entities if e.key == key), key) if ext else key
        lines.append(f"  {rid} (entity {key}, named {named!r})")
        for s in _sentences(ext, key) if ext else []:
            lines.append(f"    {s}")
    facts = [f for f in resolution.reference_facts if ent.id in (f[0], f[2])]
    if facts:
        lines.append("Reference data (not stated by the reports):")
        lines.extend(f"  {s} {p} {o}: {note}" for s, p, o, note in facts)
    fixes = [(form, why) for form, why in ent.reasons if why.startswith("correction:")]
    if fixes:
        lines.append("Corrections (a person's decision):")
        lines.extend(f"  - {form!r}: {why}" for form, why in fixes)
    return "\n".join(lines)


def _scope(e: ResolvedEntity) -> str:
    return e.id.split("--")[0] if "--" in e.id else "*"


def _by_design(a: ResolvedEntity, b: ResolvedEntity, la: str, lb: str) -> bool:
    """Bodies of two different councils: never merged by design, not worth review."""
    sa, sb = _scope(a), _scope(b)
    if sa != sb and "*" not in (sa, sb):
        return True
    ta, tb = set(la.split()), set(lb.split())
    da, db = " ".join(w for w in la.split() if w not in tb), " ".join(w for w in lb.split() if w not in ta)
    if da and db:
        ca, cb = match_council(da), match_council(db)
        return bool(ca and cb and ca != cb)
    return False


def near_duplicates(resolution: Resolution) -> list[tuple[ResolvedEntity, ResolvedEntity, float]]:
    """Pairs of unmerged nodes with similar names, worth a person's look."""
    ents = list(resolution.entities)
    labels = [core(e.name) for e in ents]
    if len(ents) < 2:
        return []
    scores = process.cdist(labels, labels, scorer=fuzz.token_sort_ratio, score_cutoff=NEAR_DUPLICATE, dtype="uint8",
                           workers=-1)
    out = []
    for i, j in zip(*scores.nonzero()):
        i, j = int(i), int(j)
        if i >= j:
            continue
        a, b = ents[i], ents[j]
        if a.identifiers and b.identifiers:
            continue  # reference data says they are two bodies
        if _by_design(a, b, labels[i], labels[j]):
            continue
        score = fuzz.token_sort_ratio(labels[i], labels[j])
        if score < NEAR_DUPLICATE:
            continue
        a, b = sorted((a, b), key=lambda e: e.id)
        out.append((a, b, round(score, 1)))
    return sorted(out, key=lambda t: (-t[2], t[0].id, t[1].id))


def merges_csv(resolution: Resolution) -> str:
    """CSV for review: every merged surface form with its reason, then unmerged near-duplicates.

    Columns: ``kind, id, form, reason, other_id, other_form, score``; ``kind`` is "merged" or
    "near-duplicate".
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["kind", "id", "form", "reason", "other_id", "other_form", "score"])
    for e in resolution.entities:
        for form, why in e.reasons:
            w.writerow(["merged", e.id, form, why, "", "", ""])
    for a, b, score in near_duplicates(resolution):
        w.writerow(["near-duplicate", a.id, a.name, "not merged: check and add a [[merge]] correction if one body",
                    b.id, b.name, f"{score:.1f}"])
    return buf.getvalue()
