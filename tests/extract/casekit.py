"""Helpers for the hand-written extraction cases in ``tests/extract/cases/*.json``.

A case file holds a short paragraph set about one real council, in the register of CQC
local authority assessment reports (the events are fiction), with the entities and relations
an analyst would annotate (as in ``ANNOTATION.md``) and the triples that must *not* be
extracted (negations and hedges)::

    {"council": "Kent County Council",
     "title": "Kent County Council: local authority assessment",      # optional
     "section": "Partnerships and communities",                        # optional
     "text": "...",
     "entities": [{"name": ..., "type": ..., "aliases": [...]}],
     "relations": [{"s": name, "p": predicate, "o": name, "evidence": "...",
                    "voice": "active" | "passive",
                    "tone": "positive" | "negative" | "mixed" | "neutral"}],  # tone optional
     "none": [{"s": name, "p": predicate, "o": name, "why": "..."}],
     "quantities": [{"text": "£1.2 million", "kind": "money"}]}              # optional

Matching follows ``shared/eval/score.py``: an entity is found when an extracted entity has the
same type and its name or one of its aliases equals the gold name or an alias after ``norm``;
a relation is found when both ends are found and the predicate is equal (``partnersWith`` in
either direction).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphkit.labels import norm

__all__ = [
    "CASES_DIR",
    "DEFAULT_SECTION",
    "SYMMETRIC",
    "CaseScore",
    "case_files",
    "load_case",
    "report_text",
    "norm",
    "labels",
    "split_sentences",
    "score_case",
    "format_score",
    "corpus_table",
    "run_cases",
]

CASES_DIR = Path(__file__).resolve().parent / "cases"
DEFAULT_SECTION = "Partnerships and communities"
SYMMETRIC = frozenset({"partnersWith"})


def case_files() -> list[Path]:
    """The case files, sorted by name."""
    return sorted(CASES_DIR.glob("*.json"))


def load_case(path: Path) -> dict[str, Any]:
    """Read one case file (UTF-8 JSON), filling optional keys with empty values."""
    case = json.loads(path.read_text(encoding="utf-8"))
    case.setdefault("entities", [])
    case.setdefault("relations", [])
    case.setdefault("none", [])
    case.setdefault("quantities", [])
    for ent in case["entities"]:
        ent.setdefault("aliases", [])
    return case


def report_text(case: dict[str, Any]) -> str:
    """The case as a small report: optional title line, a quality statement heading, the text."""
    parts = []
    if case.get("title"):
        parts += [case["title"], "Downloads"]
    parts += [case.get("section") or DEFAULT_SECTION, case["text"].strip()]
    return "\n\n".join(parts) + "\n"




def labels(name: str, aliases: Iterable[str]) -> frozenset[str]:
    """Normalised name and aliases, without empties."""
    return frozenset(n for n in (norm(x) for x in (name, *aliases)) if n)


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u2019\u201d]?\s+(?=[\"'\u2018\u201c(]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences (paragraph breaks and '. X' boundaries)."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text.strip()):
        out += [s.strip() for s in _SENTENCE_END.split(para.strip()) if s.strip()]
    return out


@dataclass(frozen=True)
class CaseScore:
    """What one extraction found of one case."""

    case_id: str
    entities_found: tuple[str, ...]
    entities_missed: tuple[dict[str, Any], ...]
    relations_found: tuple[dict[str, Any], ...]
    relations_missed: tuple[dict[str, Any], ...]
    violations: tuple[dict[str, Any], ...]
    quantities_missed: tuple[dict[str, Any], ...]
    tone_mismatches: tuple[tuple[dict[str, Any], str], ...]
    predicted_entities: tuple[tuple[str, str, tuple[str, ...]], ...]  # (type, name, aliases)
    predicted_relations: tuple[tuple[str, str, str], ...]  # (subject name, predicate, object name)

    @property
    def entity_recall(self) -> float:
        n = len(self.entities_found) + len(self.entities_missed)
        return len(self.entities_found) / n if n else 1.0

    @property
    def relation_recall(self) -> float:
        n = len(self.relations_found) + len(self.relations_missed)
        return len(self.relations_found) / n if n else 1.0


def _pred_keys(case: dict[str, Any], extraction: Any) -> dict[str, set[str]]:
    """Gold entity name -> keys of the extracted entities that match it."""
    index: dict[tuple[str, str], set[str]] = {}
    for ent in extraction.entities:
        for lab in labels(ent.name, ent.aliases):
            index.setdefault((ent.type, lab), set()).add(ent.key)
    out: dict[str, set[str]] = {}
    for gold in case["entities"]:
        keys: set[str] = set()
        for lab in labels(gold["name"], gold["aliases"]):
            keys |= index.get((gold["type"], lab), set())
        out[gold["name"]] = keys
    return out


def _find(
    triple: dict[str, Any], keys: dict[str, set[str]], rels: dict[tuple[str, str, str], Any]
) -> Any | None:
    """The first extracted relation that matches a gold (s, p, o), or None."""
    subjects, objects = keys.get(triple["s"], set()), keys.get(triple["o"], set())
    for s in sorted(subjects):
        for o in sorted(objects):
            for key in ((s, triple["p"], o), (o, triple["p"], s)):
                if key in rels:
                    return rels[key]
                if triple["p"] not in SYMMETRIC:
                    break
    return None


def score_case(case_id: str, case: dict[str, Any], extraction: Any) -> CaseScore:
    """Compare an ``Extraction`` of the case's report with the case's annotation."""
    keys = _pred_keys(case, extraction)
    rels: dict[tuple[str, str, str], Any] = {}
    for rel in extraction.relations:
        rels.setdefault((rel.subject, rel.predicate, rel.object), rel)
    found_e = tuple(e["name"] for e in case["entities"] if keys[e["name"]])
    missed_e = tuple(e for e in case["entities"] if not keys[e["name"]])
    found_r, missed_r, tones = [], [], []
    for triple in case["relations"]:
        hit = _find(triple, keys, rels)
        if hit is None:
            missed_r.append(triple)
            continue
        found_r.append(triple)
        want = triple.get("tone")
        if want and getattr(hit, "tone", None) != want:
            tones.append((triple, str(getattr(hit, "tone", None))))
    violations = tuple(t for t in case["none"] if _find(t, keys, rels) is not None)
    got_q = {(q.kind, norm(q.text)) for q in getattr(extraction, "quantities", ())}
    missed_q = tuple(
        q for q in case["quantities"]
        if (q["kind"], norm(q["text"])) not in got_q
        and not any(k == q["kind"] and norm(q["text"]) in t for k, t in got_q)
    )
    names = {e.key: e.name for e in extraction.entities}
    return CaseScore(
        case_id=case_id,
        entities_found=found_e,
        entities_missed=missed_e,
        relations_found=tuple(found_r),
        relations_missed=tuple(missed_r),
        violations=violations,
        quantities_missed=missed_q,
        tone_mismatches=tuple(tones),
        predicted_entities=tuple(
            sorted((e.type, e.name, tuple(e.aliases)) for e in extraction.entities)
        ),
        predicted_relations=tuple(
            sorted(
                (names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object))
                for r in extraction.relations
            )
        ),
    )


def format_score(score: CaseScore, what: str = "all") -> str:
    """A readable account of the misses, for assertion messages.

    ``what`` is "entities", "relations", "none", "quantities", "tone" or "all".
    """
    lines = [
        f"case {score.case_id}: entity recall {score.entity_recall:.2f}, "
        f"relation recall {score.relation_recall:.2f}"
    ]
    if what in ("entities", "all") and score.entities_missed:
        lines.append("missed entities:")
        for e in score.entities_missed:
            alias = f" (aliases: {', '.join(e['aliases'])})" if e["aliases"] else ""
            lines.append(f"  - {e['type']} {e['name']!r}{alias}")
        lines.append("extracted entities:")
        lines += [f"  . {t} {n!r} {list(a) if a else ''}" for t, n, a in score.predicted_entities]
    if what in ("relations", "all") and score.relations_missed:
        lines.append("missed relations:")
        for r in score.relations_missed:
            lines.append(f"  - {r['s']!r} {r['p']} {r['o']!r}   <- {r['evidence']!r}")
        lines.append("extracted relations:")
        lines += [f"  . {s!r} {p} {o!r}" for s, p, o in score.predicted_relations]
    if what in ("none", "all") and score.violations:
        lines.append("relations that must NOT be extracted, but were:")
        for r in score.violations:
            lines.append(f"  - {r['s']!r} {r['p']} {r['o']!r}   ({r.get('why', 'negated')})")
    if what in ("quantities", "all") and score.quantities_missed:
        lines.append("missed quantities:")
        lines += [f"  - {q['kind']} {q['text']!r}" for q in score.quantities_missed]
    if what in ("tone", "all") and score.tone_mismatches:
        lines.append("tone mismatches:")
        for r, got in score.tone_mismatches:
            lines.append(f"  - {r['s']!r} {r['p']} {r['o']!r}: want {r['tone']}, got {got}")
    return "\n".join(lines)


def corpus_table(cases: dict[str, dict[str, Any]], scores: dict[str, CaseScore]) -> str:
    """Found/annotated counts per entity type and per predicate and voice, over all cases."""
    rows: dict[str, list[int]] = {}
    for cid, case in cases.items():
        found = set(scores[cid].entities_found)
        for ent in case["entities"]:
            row = rows.setdefault(f"entity {ent['type']}", [0, 0])
            row[0] += ent["name"] in found
            row[1] += 1
        hits = {id(r) for r in scores[cid].relations_found}
        for rel in case["relations"]:
            row = rows.setdefault(f"relation {rel['p']} ({rel.get('voice', '?')})", [0, 0])
            row[0] += id(rel) in hits
            row[1] += 1
        row = rows.setdefault("none violated", [0, 0])
        row[0] += len(scores[cid].violations)
        row[1] += len(case["none"])
    width = max(len(k) for k in rows)
    return "\n".join(f"{k:<{width}}  {a:>4} / {b:<4}" for k, (a, b) in sorted(rows.items()))


def run_cases(extract: Any, report_from_text: Any) -> tuple[dict, dict[str, CaseScore]]:
    """Load every case, extract it, and score it: (cases, scores) keyed by case id."""
    cases, scores = {}, {}
    for path in case_files():
        case = load_case(path)
        report = report_from_text(report_text(case), report_id=path.stem)
        cases[path.stem] = case
        scores[path.stem] = score_case(path.stem, case, extract(report))
    return cases, scores


if __name__ == "__main__":  # python tests/extract/casekit.py [-v]: a table for rule work
    import sys

    from graphkit.extract import extract as _extract
    from graphkit.ingest import report_from_text as _from_text

    _cases, _scores = run_cases(_extract, _from_text)
    for _score in _scores.values():
        print(format_score(_score) if "-v" in sys.argv else format_score(_score, "none"))
    print()
    print(corpus_table(_cases, _scores))
