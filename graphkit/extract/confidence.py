"""How far to trust each extracted relation: its rule's measured precision, adjusted by its evidence.

A relation's confidence starts from the precision its rule (``Relation.rule``, a trigger or
frame id) reached on the development data, read from ``graphkit/data/confidence.tsv``; a rule
the table does not know takes its predicate's precision, and a predicate it does not know the
global one. Evidence features that made relations less often right on the same data lower it,
in log-odds (``feature:NAME`` rows of the table):

* ``anaphor``: an argument is not named in the sentence (it came from "it", "the board", a
  carried-over topic);
* ``promoted``: an argument is a name that had no type of its own and was promoted to an
  entity because it filled the relation's slot;
* ``far``: the two arguments are more than ``FAR_CHARS`` characters apart;
* ``quoted``: the sentence reports someone's words ("partners told us ...", a long quotation);
* ``long``: the sentence is longer than ``LONG_CHARS`` characters.

Sentence cues (``graphkit/data/confidence_cues.jsonl``) then cap it: a *definitional* sentence
("A section 75 agreement is a legal arrangement that allows ...") or a *hedged* clause ("plans
to", "would", "was exploring", "had not yet", "if ...") states no fact, so its relations get at
most the cue's ``cap`` (0 or 0.1), below any useful threshold. A hedge counts when it lies
before the relation's later argument, in the same clause (clauses split at "; ", ", which",
", and", "so that" ...): "X delivered Y, which the council intended to expand" stays a fact.
Relations read from a noun phrase (rule ids matching an ``np_rule`` cue: possessives,
appositives) are not hedged by a verb ("had not yet agreed to fund the council's X service"
still says X is the council's).

The table is data: ``tools/calibrate.py`` measures it again after rule changes.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..errors import RuleError
from ..model import Entity, Relation, Report
from ..resources import data_dir

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "FEATURES",
    "CUE_KINDS",
    "FAR_CHARS",
    "LONG_CHARS",
    "Cue",
    "Cues",
    "ConfidenceTable",
    "Evidence",
    "load_cues",
    "load_table",
    "relation_evidence",
    "score_relations",
]

#: Facts at or above this confidence are asserted; below it they are candidates for review.
#: Chosen from the measurements in docs/extraction.md ("Confidence and review").
DEFAULT_MIN_CONFIDENCE = 0.5
#: Evidence features, in the order they are reported.
FEATURES: tuple[str, ...] = ("anaphor", "promoted", "far", "quoted", "long")
CUE_KINDS: frozenset[str] = frozenset({"definition", "hedge", "quote", "clause_break", "promoted_rule", "np_rule"})
FAR_CHARS = 100
LONG_CHARS = 300
TABLE_FILE = "confidence.tsv"
CUES_FILE = "confidence_cues.jsonl"
TABLE_COLUMNS = ("id", "predicate", "n", "correct", "precision")
_EPS = 0.001


@dataclass(frozen=True, slots=True)
class Cue:
    """A regex cue of ``confidence_cues.jsonl`` (matched ignoring case)."""

    id: str
    kind: str
    pattern: re.Pattern
    cap: float | None = None


@dataclass(frozen=True, slots=True)
class Cues:
    """The cues by kind."""

    definition: tuple[Cue, ...] = ()
    hedge: tuple[Cue, ...] = ()
    quote: tuple[Cue, ...] = ()
    clause_break: tuple[Cue, ...] = ()
    promoted_rule: tuple[Cue, ...] = ()
    np_rule: tuple[Cue, ...] = ()


@dataclass(frozen=True)
class ConfidenceTable:
    """Smoothed precisions per rule id, per predicate and overall, and log-odds shifts per feature."""

    rules: dict[str, float] = field(default_factory=dict)
    predicates: dict[str, float] = field(default_factory=dict)
    features: dict[str, float] = field(default_factory=dict)
    default: float = 1.0

    def base(self, rule: str, predicate: str) -> float:
        """The precision of ``rule``, else of ``predicate``, else the global one."""
        if rule in self.rules:
            return self.rules[rule]
        return self.predicates.get(predicate, self.default)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a relation has its confidence: its base precision, features and capping cues."""

    base: float
    features: tuple[str, ...]
    cues: tuple[str, ...]  # ids of the definition/hedge cues that apply
    cap: float | None
    confidence: float


def _logit(p: float) -> float:
    p = min(1 - _EPS, max(_EPS, p))
    return math.log(p / (1 - p))


def _file_key(path: Path) -> tuple[str, int, int]:
    try:
        st = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), st.st_mtime_ns, st.st_size)


def load_table(path: str | os.PathLike | None = None) -> ConfidenceTable:
    """Read a confidence table (default ``graphkit/data/confidence.tsv``).

    A missing file gives the neutral table (every relation 1.0 before its cues). Re-read when
    the file changes on disk.

    Examples
    --------
    >>> load_table("/nonexistent.tsv").base("rel.x", "funds")
    1.0
    """
    return _load_table(_file_key(Path(path) if path else data_dir() / TABLE_FILE))


@lru_cache(maxsize=8)
def _load_table(key: tuple[str, int, int]) -> ConfidenceTable:
    path = Path(key[0])
    if key[1] < 0:
        return ConfidenceTable()
    rules: dict[str, float] = {}
    predicates: dict[str, float] = {}
    feats: dict[str, float] = {}
    default = None
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(i, line) for i, line in enumerate(fh, 1) if line.strip() and not line.startswith("#")]
    for i, line in rows:
        cells = line.rstrip("\n").split("\t")
        if cells == list(TABLE_COLUMNS):
            continue
        if len(cells) != len(TABLE_COLUMNS):
            raise RuleError(path, i, f"expected {len(TABLE_COLUMNS)} tab-separated columns "
                                     f"({', '.join(TABLE_COLUMNS)}), got {len(cells)}")
        rid, pred = cells[0], cells[1]
        try:
            p = float(cells[4])
        except ValueError:
            raise RuleError(path, i, f"precision {cells[4]!r} is not a number") from None
        if not 0.0 <= p <= 1.0:
            raise RuleError(path, i, f"precision {p} is outside [0, 1]")
        if rid == "*" and pred == "*":
            default = p
        elif rid == "*":
            predicates[pred] = p
        elif rid.startswith("feature:"):
            feats[rid[len("feature:"):]] = p
        else:
            rules[rid] = p
    default = 1.0 if default is None else default
    # a feature lowers the odds by as much as it did on the development data, never raises them
    shifts = {f: min(0.0, _logit(p) - _logit(default)) for f, p in feats.items()}
    return ConfidenceTable(rules, predicates, shifts, default)


def load_cues(path: str | os.PathLike | None = None) -> Cues:
    """Read the sentence cues (default ``graphkit/data/confidence_cues.jsonl``).

    Each line is ``{"id", "kind", "pattern", "cap"?}``; kinds: definition, hedge (with a cap),
    quote, clause_break, promoted_rule (a regex over mention rule ids), np_rule (a regex over
    relation rule ids).
    """
    return _load_cues(_file_key(Path(path) if path else data_dir() / CUES_FILE))


@lru_cache(maxsize=8)
def _load_cues(key: tuple[str, int, int]) -> Cues:
    path = Path(key[0])
    if key[1] < 0:
        return Cues()
    by_kind: dict[str, list[Cue]] = {k: [] for k in CUE_KINDS}
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                kind = d["kind"]
                if kind not in CUE_KINDS:
                    raise RuleError(path, i, f"unknown kind {kind!r}; choose from: {', '.join(sorted(CUE_KINDS))}")
                cap = d.get("cap")
                if kind in ("definition", "hedge") and not isinstance(cap, (int, float)):
                    raise RuleError(path, i, f"a {kind} cue needs a numeric \"cap\"")
                cue = Cue(str(d["id"]), kind, re.compile(d["pattern"], re.IGNORECASE),
                          None if cap is None else float(cap))
            except RuleError:
                raise
            except (ValueError, KeyError, TypeError, re.error) as exc:
                raise RuleError(path, i, f"bad cue line ({exc})") from exc
            by_kind[kind].append(cue)
    return Cues(**{k: tuple(v) for k, v in by_kind.items()})


def _clauses(text: str, cues: Cues) -> list[int]:
    """Start offsets of the clauses of a sentence (always starts with 0)."""
    cuts = {0}
    for cue in cues.clause_break:
        cuts.update(m.end() for m in cue.pattern.finditer(text))
    return sorted(cuts)


def _clause_of(starts: list[int], pos: int) -> int:
    i = 0
    for j, s in enumerate(starts):
        if s <= pos:
            i = j
    return i


def _sentence_facts(text: str, cues: Cues) -> tuple[list[tuple[str, float]], list[tuple[int, str, float]], bool]:
    """Definition cues (id, cap), hedge matches (position, id, cap) and whether it is quoted."""
    definitions = [(c.id, c.cap) for c in cues.definition if c.pattern.search(text)]
    hedges = [(m.start(), c.id, c.cap) for c in cues.hedge for m in c.pattern.finditer(text)]
    quoted = any(c.pattern.search(text) for c in cues.quote)
    return definitions, hedges, quoted


def relation_evidence(report: Report, entities: Sequence[Entity], relations: Sequence[Relation],
                      table: ConfidenceTable | None = None, cues: Cues | None = None) -> list[Evidence]:
    """The evidence behind each relation's confidence, in the order of ``relations``.

    Parameters
    ----------
    report : Report
        The report the relations come from.
    entities : sequence of Entity
        Its entities (their mentions locate the arguments in the sentence).
    relations : sequence of Relation
        Its relations.
    table, cues : optional
        Default: ``load_table()`` and ``load_cues()``.

    Returns
    -------
    list of Evidence
    """
    table = table if table is not None else load_table()
    cues = cues if cues is not None else load_cues()
    sentences = {s.index: s for s in report.sentences}
    spots: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
    for e in entities:
        for m in e.mentions:
            spots.setdefault((m.sentence, e.key), []).append((m.start, m.end, m.rule))
    per_sentence: dict[int, tuple] = {}
    out = []
    for rel in relations:
        sent = sentences.get(rel.sentence)
        text = sent.text if sent is not None else rel.evidence
        offset = sent.start if sent is not None else rel.start
        if rel.sentence not in per_sentence:
            per_sentence[rel.sentence] = (*_sentence_facts(text, cues), _clauses(text, cues))
        definitions, hedges, quoted, clauses = per_sentence[rel.sentence]
        subj = spots.get((rel.sentence, rel.subject), [])
        obj = spots.get((rel.sentence, rel.object), [])
        feats = []
        if not subj or not obj:
            feats.append("anaphor")
        args = subj + obj
        if any(any(c.pattern.search(rule) for c in cues.promoted_rule) for _, _, rule in args):
            feats.append("promoted")
        if subj and obj:
            gap = min(max(0, max(a, c) - min(b, d)) for a, b, _ in subj for c, d, _ in obj)
            if gap > FAR_CHARS:
                feats.append("far")
        if quoted:
            feats.append("quoted")
        if len(text) > LONG_CHARS:
            feats.append("long")
        applied = list(definitions)
        if hedges and not any(c.pattern.search(rel.rule) for c in cues.np_rule):
            if args:  # the hedge governs the verb before the later argument, in its clause
                last = max(a for a, _, _ in args) - offset
                clause = _clause_of(clauses, last)
                applied += [(cid, cap) for pos, cid, cap in hedges
                            if pos < last and _clause_of(clauses, pos) == clause]
            else:
                applied += [(cid, cap) for _, cid, cap in hedges]
        base = table.base(rel.rule, rel.predicate)
        z = _logit(base) + sum(table.features.get(f, 0.0) for f in feats)
        conf = 1 / (1 + math.exp(-z)) if (feats and table.features) else base
        cap = min((c for _, c in applied), default=None)
        if cap is not None:
            conf = min(conf, cap)
        conf = round(min(1.0, max(0.0, conf)), 3)
        ids = tuple(sorted({cid for cid, _ in applied}))
        out.append(Evidence(round(base, 3), tuple(feats), ids, cap, conf))
    return out


def score_relations(report: Report, entities: Sequence[Entity], relations: Iterable[Relation],
                    table: ConfidenceTable | None = None, cues: Cues | None = None) -> tuple[Relation, ...]:
    """``relations`` with their ``confidence`` set.

    Examples
    --------
    >>> from graphkit.ingest import report_from_text
    >>> from graphkit.extract import extract
    >>> x = extract(report_from_text("The council intended to commission Carers Trust Wessex to run the Carers Hub."))
    >>> [(r.predicate, r.confidence) for r in x.relations]
    [('delivers', 0.1)]
    """
    relations = tuple(relations)
    evidence = relation_evidence(report, entities, relations, table, cues)
    return tuple(replace(r, confidence=ev.confidence) for r, ev in zip(relations, evidence))


def write_table(rows: Iterable[Sequence], path: str | os.PathLike, header: str = "") -> str:
    """The TSV text of a confidence table (``TABLE_COLUMNS`` rows), written to ``path``."""
    import io

    from ..output import atomic_write

    buf = io.StringIO()
    for line in header.splitlines():
        buf.write(f"# {line}\n" if line else "#\n")
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    w.writerow(TABLE_COLUMNS)
    for row in rows:
        w.writerow(row)
    atomic_write(path, buf.getvalue())
    return buf.getvalue()
