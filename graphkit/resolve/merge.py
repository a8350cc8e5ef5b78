"""Merge the entities of all reports into graph nodes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz, process

from ..errors import GraphkitError
from ..model import Extraction, Resolution
from .data import load_resolve_data, using
from .keys import KIND_RANK, STRONG, Key, context, form_key
from .names import core
from .nodes import Node, Unit, finish, key_id
from .reference import council_by_gss, nhs_by_ods

__all__ = ["resolve", "FUZZY_MERGE"]

#: fuzz.ratio over normalised names at or above which two nodes of one scope and type merge
FUZZY_MERGE = 95.0
_DIGITS = re.compile(r"\d+")


class _Sets:
    """Union-find that never joins two different reference or national keys."""

    def __init__(self) -> None:
        self.parent: dict = {}
        self.strong: dict = {}
        self.conflicts: list[tuple] = []

    def find(self, x):
        self.parent.setdefault(x, x)
        if isinstance(x, tuple) and x and x[0] in STRONG:
            self.strong.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        sa, sb = self.strong.get(ra), self.strong.get(rb)
        if sa and sb and sa != sb:
            self.conflicts.append((a, b))
            return False
        lo, hi = sorted((ra, rb), key=repr)
        self.parent[hi] = lo
        if sa or sb:
            self.strong[lo] = sa or sb
        return True


def _units(extractions: Sequence[Extraction]) -> list[Unit]:
    units = []
    for ext in extractions:
        ctx = context(ext.report)
        for ent in ext.entities:
            keys: list[tuple[Key, str, str]] = []
            if ent.is_council and ctx.gss:
                keys.append((("gss", ctx.gss), "assessed council of the report", ent.name))
            for form in (ent.name, *ent.aliases):
                hit = form_key(form, "LocalAuthority" if ent.is_council else ent.type, ctx)
                if hit and all(hit[0] != k for k, _, _ in keys):
                    keys.append((hit[0], hit[1], form))
            if not keys:
                keys.append((("unit", ctx.scope, f"{ext.report.report_id}-{ent.key}"), "no key: own node", ent.name))
            # reference and national keys first, then the key of the entity's own name
            keys.sort(key=lambda k: (k[0][0] not in STRONG, k[2] != ent.name, KIND_RANK.get(k[0][0], 9), k[0]))
            units.append(Unit(ext.report.report_id, ent, ctx, tuple(keys)))
    return units


def _describe(key: Key, rule: str, form: str) -> str:
    kind = key[0]
    if kind == "gss":
        return f"{rule}: GSS {key[1]} ({council_by_gss()[key[1]].name})"
    if kind == "ods":
        return f"{rule}: ODS {key[1]} ({nhs_by_ods()[key[1]].name})"
    if kind == "national":
        return f"{rule}: {key[1]}"
    if kind == "local":
        return f"{rule}: the {key[2]} of {key[1]}"
    if kind == "name":
        return f"{rule} '{key[1]}'"
    if kind in ("lname", "acro"):
        return f"{rule} '{key[2]}' in {key[1]}"
    return rule


def _scope(node: Node) -> str:
    for k in sorted(node.keys):
        if k[0] in ("local", "lname", "acro", "unit"):
            return k[1]
    return "*"


def _fuzzy(nodes: list[Node]) -> list[Node]:
    """Merge nodes of one scope and type whose names are near-identical (no reference keys)."""
    groups: dict[tuple[str, str], list[Node]] = {}
    for node in nodes:
        if node.strong() is None:
            groups.setdefault((_scope(node), finish(node).type), []).append(node)
    owner: dict[int, Node] = {}

    def top(n: Node) -> Node:
        while id(n) in owner:
            n = owner[id(n)]
        return n

    for _, group in sorted(groups.items()):
        if len(group) < 2:
            continue
        labels = [core(finish(n).name) for n in group]
        scores = process.cdist(labels, labels, scorer=fuzz.ratio, score_cutoff=FUZZY_MERGE, dtype="uint8", workers=-1)
        for i, j in zip(*scores.nonzero()):
            i, j = int(i), int(j)
            if i >= j:
                continue
            a, b = labels[i], labels[j]
            if min(len(a), len(b)) < 8 or _DIGITS.findall(a) != _DIGITS.findall(b):
                continue
            ni, nj = top(group[i]), top(group[j])
            if ni is nj:
                continue
            keep, drop = sorted((ni, nj), key=lambda n: min(u.ref for u in n.units))
            score = fuzz.ratio(a, b)
            if score < FUZZY_MERGE:
                continue
            keep.units += drop.units
            keep.keys |= drop.keys
            keep.unit_reason.update({u.ref: f"fuzzy match {score:.1f} with '{finish(keep).name}'" for u in drop.units})
            owner[id(drop)] = keep
    return [n for n in nodes if id(n) not in owner]


def _assign_ids(nodes: list[Node]) -> None:
    seen: dict[str, int] = {}
    for node in sorted(nodes, key=lambda n: (KIND_RANK.get((n.best_key() or ("unit",))[0], 9), n.best_key() or (), min((u.ref for u in n.units), default=("", "")))):
        if node.id:
            base = node.id
        else:
            base = key_id(node.best_key(), node.id_form()) if node.best_key() else "entity"
        n = seen.get(base, 0)
        seen[base] = n + 1
        node.id = base if n == 0 else f"{base}-{n + 1}"


def _reference(nodes: list[Node], dates: dict[str, str | None]) -> list[tuple[str, str, str, str]]:
    """Council -> ICB facts from the reference data, adding ICB nodes no report names."""
    by_ods = {n.strong()[1]: n for n in nodes if n.strong() and n.strong()[0] == "ods"}
    facts = []
    for node in sorted(nodes, key=lambda n: n.id):
        strong = node.strong()
        if not strong or strong[0] != "gss":
            continue
        council = council_by_gss()[strong[1]]
        late = any((dates.get(u.report_id) or "") >= "2026-04-01" for u in node.units)
        code = council.icb_code_2026 if late and council.icb_code_2026 else council.icb_code
        if not code or code not in nhs_by_ods():
            continue
        icb = by_ods.get(code)
        if icb is None:
            icb = Node(units=[], keys={("ods", code)}, id=key_id(("ods", code)))
            icb.extra_reasons.append((nhs_by_ods()[code].name, "reference data: the ICB of a council in the graph"))
            by_ods[code] = icb
            nodes.append(icb)
        when = "from 2026-04-01" if code == council.icb_code_2026 and late and code != council.icb_code else "April 2024 boundaries"
        facts.append((node.id, "partOf", icb.id,
                      f"reference data local_authorities.csv: ICB derived from the ONS LSOA lookup, {when}, "
                      f"share of the council's LSOAs {council.icb_share}; not stated by any report"))
    return facts


def resolve(
    extractions: Sequence[Extraction],
    corrections: str | Path | None = None,
    rules_dirs: Sequence[str | Path] = (),
) -> Resolution:
    """Merge the entities of all reports into one node per real-world entity.

    Parameters
    ----------
    extractions : sequence of Extraction
        One per report, in any order (they are sorted by report id).
    corrections : str or Path, optional
        A ``corrections.toml`` file (docs/corrections.md) applied after the automatic merge.
    rules_dirs : sequence of str or Path
        ``--rules`` folders: their ``bodies.tsv`` and ``resolve/*`` files add to the built-in
        resolution data (read afresh, so an edited file takes effect).

    Returns
    -------
    Resolution
        Nodes with aliases, members, identifiers and reasons; the index from
        ``(report_id, entity key)`` to node id; council-to-ICB reference facts; warnings.

    Raises
    ------
    GraphkitError
        Two extractions with the same report id.
    CorrectionError
        The corrections file is malformed.
    RuleError
        A resolution data file is malformed.
    """
    with using(load_resolve_data(rules_dirs)):
        return _resolve(extractions, corrections)


def _resolve(extractions: Sequence[Extraction], corrections: str | Path | None) -> Resolution:
    exts = sorted(extractions, key=lambda e: e.report.report_id)
    ids = [e.report.report_id for e in exts]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise GraphkitError(f"two extractions with the same report id: {', '.join(dupes)}")
    units = _units(exts)
    sets = _Sets()
    for u in units:
        sets.find(("unit", u.ref))
        for key, _, _ in u.keys:
            sets.union(("unit", u.ref), key)
    comps: dict = {}
    for u in units:
        comps.setdefault(sets.find(("unit", u.ref)), []).append(u)
    nodes: list[Node] = []
    for root in sorted(comps, key=repr):
        members = comps[root]
        keys = {k for u in members for k, _, _ in u.keys if sets.find(k) == root}
        reasons = {u.ref: _describe(*u.keys[0]) for u in members}
        nodes.append(Node(units=members, keys=keys, unit_reason=reasons))
    nodes = _fuzzy(nodes)
    _assign_ids(nodes)
    warnings = [f"not merged: entity {a[1][1]!r} of report {a[1][0]} has a form naming {b[0]} {b[1]}, "
                f"but it is already {sets.strong.get(sets.find(a), ('?', '?'))[1]}" for a, b in sets.conflicts]
    facts = _reference(nodes, {e.report.report_id: e.report.date for e in exts})
    suppressed: frozenset[tuple[str, int]] = frozenset()
    gone: frozenset[tuple[str, str]] = frozenset()
    if corrections is not None:
        from .corrections import apply_corrections

        nodes, suppressed, gone, notes = apply_corrections(Path(corrections), nodes, exts)
        warnings.extend(notes)
        facts = [f for f in facts if f[0] in {n.id for n in nodes} and f[2] in {n.id for n in nodes}]
    entities = tuple(sorted((finish(n) for n in nodes), key=lambda e: e.id))
    index = {ref: e.id for e in entities for ref in e.members}
    return Resolution(entities=entities, index=index, reference_facts=tuple(sorted(set(facts))),
                      suppressed_relations=suppressed, suppressed_entities=gone, warnings=tuple(warnings))
