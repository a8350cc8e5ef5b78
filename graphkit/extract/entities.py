"""Group candidate mentions into one entity per real body within a report."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Mention, Report
from .mentions import _COUNCIL_FORM_RE, Candidate, council_official, council_places
from .names import match_key, slugify
from .rules import Rules

__all__ = ["Group", "EntityTable", "group_mentions", "council_official"]

_BODY_WORDS = frozenset({"partnership", "board", "trust", "council", "alliance", "executive", "forum", "group",
                         "network", "collective", "association", "centre", "committee", "panel", "assembly"})
_RULE_RANK = {"ent.known": 0, "ent.head": 1, "ent.prefix": 2, "ent.lower": 3, "ent.appos": 4, "abbr": 5}


@lru_cache(maxsize=4096)
def _assessed_by_place(surface: str, council: str | None) -> str | None:
    """``council`` when ``surface`` names it by the first words of its place ("Kingston Council")."""
    m = _COUNCIL_FORM_RE.match(surface)
    if not council or not m or m.group(1) == surface:
        return None
    lookup, _ = council_places()
    place = m.group(1).split()
    for variant, official in lookup.items():
        if official == council and variant.split()[:len(place)] == place:
            return council
    return None


@dataclass
class Group:
    """Mutable accumulator for one entity while grouping."""

    key: str
    label: str
    names: list[str] = field(default_factory=list)
    labels: list[tuple[int, str]] = field(default_factory=list)
    mentions: list[tuple[Candidate, int]] = field(default_factory=list)
    is_council: bool = False
    merged_into: str | None = None


@dataclass
class EntityTable:
    """Groups of a report, and how a candidate resolves to a group key."""

    groups: dict[str, Group]
    council_key: str | None
    acronyms: dict[str, str]

    def find(self, key: str) -> str:
        """Follow merges to the surviving group key."""
        seen = set()
        while self.groups[key].merged_into and key not in seen:
            seen.add(key)
            key = self.groups[key].merged_into  # type: ignore[assignment]
        return key


def _rank(rule: str) -> int:
    for prefix, r in _RULE_RANK.items():
        if rule.startswith(prefix):
            return r
    return 6


def group_mentions(report: Report, cands: list[tuple[Candidate, int]], rules: Rules) -> EntityTable:
    """Build groups from (candidate, sentence index) pairs of one report."""
    groups: dict[str, Group] = {}
    abbr = {k.aliases[0]: k for k in rules.abbreviations}
    council_name = report.council
    if council_name is None:
        # no title: the council the text names most often
        counts = Counter(council_official(c.name) or c.name for c, _ in cands
                         if c.kind == "name" and c.label == "LocalAuthority")
        if counts:
            council_name = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    council_key = "council::" if (council_name or any(c.kind == "council" for c, _ in cands)) else None
    if council_key:
        groups[council_key] = Group(council_key, "LocalAuthority", is_council=True)

    def group(key: str, label: str) -> Group:
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(key, label)
        return g

    acronyms: dict[str, str] = {}
    inner = {c.acronym: c.name for c, _ in cands if c.kind == "inner" and c.acronym}
    # pass 1: full names and their acronyms
    for c, si in cands:
        if c.kind != "name":
            continue
        first = c.name.split()[0] if c.name.split() else ""
        if first in inner and c.canon is None:
            c = Candidate(c.start, c.end, c.text, c.label, c.rule, c.name, c.kind, c.acronym, c.keep_head,
                          inner[first] + c.name[len(first):])
        if c.label == "LocalAuthority":
            official = council_official(c.name) or _assessed_by_place(c.name, council_name)
            if council_name and (official or c.name) == council_name and council_key:
                g = groups[council_key]
                g.names.append(c.name)
                g.mentions.append((c, si))
                if c.acronym:
                    acronyms[c.acronym] = council_key
                continue
            key = "la::" + match_key(official or c.name)
        else:
            key = match_key(c.canon or c.name)
        if not key.strip(":"):
            continue
        g = group(key, c.label or "Scheme")
        g.names.append(c.name)
        g.labels.append((_rank(c.rule), c.label or "Scheme"))
        g.mentions.append((c, si))
        if c.acronym:
            acronyms.setdefault(c.acronym, key)
    # a name that is also a defined acronym ("NHS Sussex Integrated Care Board (NHS Sussex)")
    for acr, target in list(acronyms.items()):
        k = match_key(acr)
        if k != target and k in groups and groups[k].merged_into is None and target in groups:
            gk, gt = groups[k], groups[target]
            gt.names.extend(gk.names)
            gt.labels.extend(gk.labels)
            gt.mentions.extend(gk.mentions)
            gk.merged_into = target
    # pass 2: council aliases and the council's place name
    for c, si in cands:
        if council_key and (c.kind in ("council", "role") or (c.kind == "place" and c.name == council_name)):
            groups[council_key].mentions.append((c, si))
    # pass 3: acronyms
    initials = _Initials(cands)
    for c, si in cands:
        if c.kind != "acronym":
            continue
        a = c.text
        if a not in acronyms and a not in abbr and " " in a:
            a = a.split()[-1]  # "NEL ICB" when only "ICB" is known
        if a in acronyms:
            groups[acronyms[a]].mentions.append((c, si))
        elif a not in abbr and initials.find(a) is not None:
            u, usi = initials.find(a)
            key = match_key(u.name)
            g = group(key, u.label or "Scheme")
            if not g.mentions or (u.start, u.end) not in {(m.start, m.end) for m, _ in g.mentions}:
                g.names.append(u.name)
                g.labels.append((6, u.label or "Scheme"))
                g.mentions.append((Candidate(u.start, u.end, u.text, g.label, "ent.acronym.initials", u.name, "name"), usi))
            g.mentions.append((c, si))
            acronyms[a] = key
        elif a in abbr:
            k = abbr[a]
            key = match_key(k.name)
            g = group(key, k.label)
            g.labels.append((_rank(k.id), k.label))
            g.mentions.append((Candidate(c.start, c.end, c.text, k.label, k.id, c.text, "acronym"), si))
            g.names.append(k.name) if not g.names else None
            acronyms[a] = key
    _merge_short_forms(groups)
    # lowercase short forms ("public health"), when exactly one named body fits
    soft_fits: dict[tuple[str, str | None], list[str]] = {}  # labels and merges are fixed from here on
    for c, si in cands:
        if c.kind != "soft":
            continue
        target = match_key(c.name)
        fits = soft_fits.get((target, c.label))
        if fits is None:
            fits = soft_fits[(target, c.label)] = [
                k for k, g in groups.items() if (k == target or k.startswith(target + " ")) and g.label == c.label
                and g.merged_into is None]
        if len(fits) == 1:
            groups[fits[0]].mentions.append((c, si))
    for g in groups.values():
        if g.labels:
            best = min(g.labels)[0]
            g.label = Counter(lab for r, lab in g.labels if r == best).most_common(1)[0][0]
    return EntityTable(groups, council_key, acronyms)


_MINOR_WORDS = frozenset(("and", "of", "for", "the", "in", "on", "at", "to", "with", "&", "a"))


def _initials(name: str) -> str | None:
    """The initials of a name's significant words, upper case, when they are one letter a word."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _MINOR_WORDS]
    letters = "".join(w[0] for w in words).upper()
    return letters if len(words) == len(letters) else None


class _Initials:
    """Untyped or named candidates by the initials of their words, the first one per spelling.

    Built once per report: looking an acronym up no longer scans every candidate.
    """

    def __init__(self, cands: list[tuple[Candidate, int]]):
        self.first: dict[str, tuple[Candidate, int]] = {}
        for c, si in cands:
            if c.kind not in ("untyped", "name") or c.acronym:
                continue
            letters = _initials(c.name)
            if letters is not None:
                self.first.setdefault(letters, (c, si))

    def find(self, acronym: str) -> tuple[Candidate, int] | None:
        """An untyped name whose initials spell ``acronym`` ("Integrated Single Point of Access" / ISPA)."""
        letters = acronym.replace(" ", "").upper()
        if len(letters) < 3:
            return None
        return self.first.get(letters)


def _merge_short_forms(groups: dict[str, Group]) -> None:
    """Merge "Integrated Care Board" into the one "North East ... Integrated Care Board" etc."""
    keys = sorted((k for k in groups if not k.startswith(("council::", "la::"))), key=len)
    # keys are single-spaced words (match_key), so "b ends with ' ' + a" means a is b's last
    # words: index each key under its word suffixes and prefixes instead of comparing all pairs
    ends: dict[str, list[str]] = {}
    starts: dict[str, list[str]] = {}
    for b in keys:
        bw = b.split()
        if " ".join(bw) != b:
            ends = starts = None  # type: ignore[assignment]  # not normalised: compare all pairs
            break
        for i in range(1, len(bw)):
            ends.setdefault(" ".join(bw[i:]), []).append(b)
            starts.setdefault(" ".join(bw[:i]), []).append(b)
    for a in keys:
        ga = groups[a]
        words = a.split()
        if ends is None:
            near_ends = [b for b in keys if b.endswith(" " + a)]
            near_starts = [b for b in keys if b.startswith(a + " ")]
        else:
            near_ends, near_starts = ends.get(a, []), starts.get(a, [])

        def fits(b: str) -> bool:
            return b != a and len(b) > len(a) and groups[b].merged_into is None and groups[b].label == ga.label

        suffix = [b for b in near_ends if fits(b)]
        prefix = [b for b in near_starts if fits(b) and len(b.split()) <= len(words) + 2 and len(words) >= 2
                  and b.split()[-1] not in _BODY_WORDS]
        target = None
        if len(words) >= 2 and len(suffix) == 1:
            target = suffix[0]
        elif len(suffix) == 0 and len(prefix) == 1:
            target = prefix[0]
        if target:
            gt = groups[target]
            gt.names.extend(ga.names)
            gt.labels.extend(ga.labels)
            gt.mentions.extend(ga.mentions)
            ga.merged_into = target


def build_entities(report: Report, table: EntityTable) -> tuple[list, dict[str, str]]:
    """Entity records (unsorted) and group key -> entity key."""
    from ..model import Entity

    out = []
    keymap: dict[str, str] = {}
    used: set[str] = set()
    live = [g for g in table.groups.values() if g.merged_into is None and (g.mentions or (g.is_council and report.council))]
    live.sort(key=lambda g: min((c.start for c, _ in g.mentions), default=-1))
    for g in live:
        if g.is_council:
            proper = [n for n in g.names if re.search(r"\b(?:Council|Borough|Corporation)\b", n)]
            head = (report.title or "").split(":")[0].strip()
            if not proper and head and report.council and (
                    council_official(head) or _assessed_by_place(head, report.council)) == report.council:
                proper.append(head)  # only the title line gives the council's name
            name = max(proper, key=len) if proper else (report.council or next(
                (c.name for c, _ in g.mentions if c.kind == "name"), "the local authority"))
        else:
            name = max(g.names, key=len) if g.names else g.mentions[0][0].text
            if name.endswith("s") and name[:-1] in g.names:
                name = name[:-1]  # "section 75 agreements" and "section 75 agreement": the singular
        slug = slugify(name)
        key, n = slug, 2
        while key in used:
            key, n = f"{slug}-{n}", n + 1
        used.add(key)
        keymap[g.key] = key
        seen: dict[tuple[int, int], Mention] = {}
        for c, si in g.mentions:
            if c.kind == "role":
                continue  # "the Principal Social Worker" stands for the council in relations, is no name of it
            seen.setdefault((c.start, c.end), Mention(c.start, c.end, c.text, si, c.rule))
        mentions = tuple(sorted(seen.values(), key=lambda m: (m.start, m.end)))
        aliases = sorted({m.text for m in mentions} | set(g.names) - {name})
        aliases = tuple(a for a in aliases if a != name)
        out.append(Entity(key, name, g.label, aliases, mentions, g.is_council))
    for k, g in table.groups.items():
        if g.merged_into:
            keymap[k] = keymap.get(table.find(k), "")
    return out, keymap
