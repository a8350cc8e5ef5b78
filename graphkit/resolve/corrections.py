"""A person's corrections to the resolution, read from ``corrections.toml`` (docs/corrections.md).

Entries are applied on every build in a fixed order (merge, split, rename, retype, suppress,
suppress_relation; within a kind, in file order). Each changed node is marked ``corrected`` and
gets a reason starting with "correction:"; an entry that matches nothing becomes a warning.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorrectionError
from ..model import ENTITY_TYPES, PREDICATES, SYMMETRIC_PREDICATES, Extraction
from .names import norm, slugify
from .nodes import Node, finish

__all__ = ["Correction", "load_corrections", "apply_corrections", "find_corrections", "KINDS", "SUPPRESSED"]

#: Entry kinds with their required and optional fields, in the order they are applied.
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "merge": (("entities",), ("note",)),
    "split": (("entity",), ("form", "report", "member", "name", "id", "note")),
    "rename": (("entity", "name"), ("note",)),
    "retype": (("entity", "type"), ("note",)),
    "suppress": (("entity",), ("note",)),
    "suppress_relation": (("subject", "predicate", "object"), ("report", "note")),
}

#: Prefix of the warning that records a suppressed entity (explain reads it back).
SUPPRESSED = "correction suppress:"


@dataclass(frozen=True, slots=True)
class Correction:
    """One entry of a corrections file."""

    kind: str
    number: int  # 1-based position among entries of its kind
    fields: dict

    @property
    def label(self) -> str:
        """How messages refer to the entry, e.g. ``[[merge]] #2``."""
        return f"[[{self.kind}]] #{self.number}"


def load_corrections(path: str | Path) -> tuple[Correction, ...]:
    """Read and check a corrections file.

    Raises
    ------
    CorrectionError
        The file cannot be read, is not TOML, or an entry is malformed (message names the file).
    """
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CorrectionError(f"{p}: cannot read: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorrectionError(f"{p}: not valid TOML: {exc}") from exc
    out = []
    for kind, entries in data.items():
        if kind not in KINDS:
            raise CorrectionError(f"{p}: unknown section {kind!r}; choose from: {', '.join(KINDS)}")
        if not isinstance(entries, list):
            raise CorrectionError(f"{p}: {kind!r} must be an array of tables, written [[{kind}]]")
        required, optional = KINDS[kind]
        for n, entry in enumerate(entries, 1):
            where = f"{p}: [[{kind}]] #{n}"
            missing = [f for f in required if f not in entry]
            if missing:
                raise CorrectionError(f"{where}: missing {', '.join(missing)}")
            unknown = sorted(set(entry) - set(required) - set(optional))
            if unknown:
                raise CorrectionError(f"{where}: unknown field {', '.join(unknown)}; allowed: {', '.join(required + optional)}")
            for f, v in entry.items():
                ok = (isinstance(v, list) and len(v) >= 2 and all(isinstance(x, str) and x for x in v)) if f == "entities" else (isinstance(v, str) and v.strip())
                if not ok:
                    want = "a list of at least two names or ids" if f == "entities" else "a non-empty string"
                    raise CorrectionError(f"{where}: {f} must be {want}")
            if kind == "retype" and entry["type"] not in ENTITY_TYPES:
                raise CorrectionError(f"{where}: unknown type {entry['type']!r}; choose from: {', '.join(ENTITY_TYPES)}")
            if kind == "suppress_relation" and entry["predicate"] not in PREDICATES:
                raise CorrectionError(f"{where}: unknown predicate {entry['predicate']!r}; choose from: {', '.join(PREDICATES)}")
            if kind == "split" and sum(f in entry for f in ("form", "report", "member")) != 1:
                raise CorrectionError(f"{where}: give exactly one of form, report, member")
            out.append(Correction(kind, n, dict(entry)))
    order = list(KINDS)
    return tuple(sorted(out, key=lambda c: (order.index(c.kind), c.number)))


def find_corrections(paths: Iterable[str | Path]) -> Path | None:
    """The ``corrections.toml`` beside the inputs: in an input folder, or the folder of an input file.

    Folders are tried in the order of ``paths``; the first file found wins.
    """
    for path in paths:
        p = Path(path)
        folder = p if p.is_dir() else p.parent
        candidate = folder / "corrections.toml"
        if candidate.is_file():
            return candidate
    return None


def _find(nodes: list[Node], ref: str) -> list[Node]:
    """Nodes whose id equals ``ref``, else whose name, else whose alias matches it."""
    exact = [n for n in nodes if n.id == ref]
    if exact:
        return exact
    target = norm(ref)
    frozen = [(n, finish(n)) for n in nodes]
    by_name = [n for n, e in frozen if norm(e.name) == target]
    if by_name:
        return by_name
    return [n for n, e in frozen if any(norm(a) == target for a in e.aliases)]


def _one(nodes: list[Node], ref: str, c: Correction, notes: list[str]) -> Node | None:
    found = _find(nodes, ref)
    if len(found) == 1:
        return found[0]
    if not found:
        notes.append(f"{c.label} matches nothing: no entity {ref!r}")
    else:
        notes.append(f"{c.label} is ambiguous: {ref!r} names {', '.join(sorted(n.id for n in found))}; use an id")
    return None


def _mark(node: Node, form: str, what: str, c: Correction, source: Path) -> None:
    note = f" ({c.fields['note']})" if "note" in c.fields else ""
    node.corrected = True
    node.extra_reasons.append((form, f"correction: {what}{note} — a person's decision, {source.name} {c.label}"))


def _merge(nodes, c, notes, source) -> None:
    targets: list[Node] = []
    before = len(notes)
    for ref in c.fields["entities"]:
        node = _one(nodes, ref, c, notes)
        if node is not None and node not in targets:
            targets.append(node)
    if len(targets) < 2:
        if len(notes) == before:
            notes.append(f"{c.label} changes nothing: {', '.join(c.fields['entities'])} are already one entity")
        return
    keep = targets[0]
    for other in targets[1:]:
        if keep.strong() and other.strong() and keep.strong() != other.strong():
            notes.append(f"{c.label}: {other.id} has its own reference identifiers; {keep.id} keeps its own")
        for u in other.units:
            for form in u.forms:
                _mark(keep, form, f"merged {other.id} into {keep.id}", c, source)
        keep.units += other.units
        keep.keys |= {k for k in other.keys if k[0] not in ("gss", "ods", "national") or not keep.strong()}
        keep.extra_reasons += other.extra_reasons
        keep.corrected = True
        nodes.remove(other)
    _mark(keep, finish(keep).name, f"merged {', '.join(t.id for t in targets[1:])} into {keep.id}", c, source)


def _split(nodes, c, notes, source) -> None:
    node = _one(nodes, c.fields["entity"], c, notes)
    if node is None:
        return
    f = c.fields
    if "form" in f:
        moved = [u for u in node.units if any(norm(x) == norm(f["form"]) for x in u.forms)]
        what = f"form {f['form']!r}"
    elif "report" in f:
        moved = [u for u in node.units if u.report_id == f["report"]]
        what = f"report {f['report']}"
    else:
        rid, _, key = f["member"].partition(":")
        moved = [u for u in node.units if u.report_id == rid and (not key or u.entity.key == key)]
        what = f"member {f['member']}"
    if not moved:
        notes.append(f"{c.label} matches nothing: {node.id} has no {what}")
        return
    if len(moved) == len(node.units):
        notes.append(f"{c.label} changes nothing: every member of {node.id} has {what}")
        return
    node.units = [u for u in node.units if u not in moved]
    name = f.get("name") or f.get("form") or moved[0].entity.name
    prefix = node.id.split("--")[0] + "--" if "--" in node.id else ""
    new_id = f.get("id") or prefix + slugify(name)
    taken = {n.id for n in nodes}
    base, i = new_id, 1
    while new_id in taken:
        i += 1
        new_id = f"{base}-{i}"
    new = Node(units=moved, keys=set(), id=new_id, name=f.get("name"))
    for u in moved:
        new.unit_reason[u.ref] = f"split from {node.id}"
    nodes.append(new)
    _mark(new, name, f"split {what} out of {node.id}", c, source)
    _mark(node, finish(node).name, f"split {what} out into {new_id}", c, source)


def _relations(nodes, exts: Sequence[Extraction], c, notes, source) -> set[tuple[str, int]]:
    f = c.fields
    subj, obj = _one(nodes, f["subject"], c, notes), _one(nodes, f["object"], c, notes)
    if subj is None or obj is None:
        return set()
    where = {u.ref: n.id for n in nodes for u in n.units}
    hits = set()
    for ext in exts:
        rid = ext.report.report_id
        if "report" in f and f["report"] != rid:
            continue
        for i, r in enumerate(ext.relations):
            if r.predicate != f["predicate"]:
                continue
            pair = (where.get((rid, r.subject)), where.get((rid, r.object)))
            if pair == (subj.id, obj.id) or (r.predicate in SYMMETRIC_PREDICATES and pair == (obj.id, subj.id)):
                hits.add((rid, i))
    if not hits:
        notes.append(f"{c.label} matches nothing: no relation {subj.id} {f['predicate']} {obj.id}")
    for node in (subj, obj):
        if hits:
            _mark(node, finish(node).name, f"suppressed relation {subj.id} {f['predicate']} {obj.id} ({len(hits)} statements)", c, source)
    return hits


def apply_corrections(path: Path, nodes: list[Node], exts: Sequence[Extraction]) -> tuple[list[Node], frozenset[tuple[str, int]], frozenset[tuple[str, str]], list[str]]:
    """Apply the corrections file: (nodes, suppressed relations, suppressed entities, warnings)."""
    notes: list[str] = []
    suppressed: set[tuple[str, int]] = set()
    gone: set[tuple[str, str]] = set()
    nodes = list(nodes)
    for c in load_corrections(path):
        f = c.fields
        if c.kind == "merge":
            _merge(nodes, c, notes, path)
        elif c.kind == "split":
            _split(nodes, c, notes, path)
        elif c.kind in ("rename", "retype"):
            node = _one(nodes, f["entity"], c, notes)
            if node is not None:
                old = finish(node)
                if c.kind == "rename":
                    node.name = f["name"]
                    _mark(node, f["name"], f"renamed from {old.name!r} to {f['name']!r}", c, path)
                else:
                    node.type = f["type"]
                    _mark(node, old.name, f"retyped from {old.type} to {f['type']}", c, path)
        elif c.kind == "suppress":
            node = _one(nodes, f["entity"], c, notes)
            if node is not None:
                refs = {u.ref for u in node.units}
                gone |= refs
                for ext in exts:
                    rid = ext.report.report_id
                    suppressed |= {(rid, i) for i, r in enumerate(ext.relations) if (rid, r.subject) in refs or (rid, r.object) in refs}
                note = f" ({f['note']})" if "note" in f else ""
                notes.append(f"{SUPPRESSED} {node.id} {finish(node).name!r} removed with its relations{note} — a person's decision, {path.name} {c.label}")
                nodes.remove(node)
        else:
            suppressed |= _relations(nodes, exts, c, notes, path)
    return nodes, frozenset(suppressed), frozenset(gone), notes
