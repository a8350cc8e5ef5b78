"""Find candidate mentions of named bodies in one sentence.

A *run* is a maximal sequence of capitalised words joined by small connector words
("Tees Esk and Wear Valleys NHS Foundation Trust"). Runs are split where one name ends
in a type head and another begins ("... Board and Health Scrutiny Board"), typed by their
head, prefix, a following lowercase head ("the 'Settle at Home' scheme"), an appositive
("Reconnect, a peer support scheme") or the gazetteer, and kept untyped otherwise (the
relation stage may still promote an untyped run that fills an argument slot).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .names import clean_name
from .rules import Head, Known, Rules

__all__ = ["Candidate", "find_candidates", "council_places"]

TOKEN_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'’\-/+]*[A-Za-z0-9+])?(?:['’]s?)?|&|\S")
CONNECTORS = frozenset({"and", "of", "for", "the", "in", "on", "at", "to", "with", "&", "upon", "under", "a"})
SPLIT_CONNECTORS = frozenset({"and", "&", "with", "to", "for", "in", "at", "on", "the"})
ACRONYM_RE = re.compile(r"\(\s*((?:[A-Za-z]{1,3}\s)?[A-Z][A-Za-z&]{0,8}(?:\s[A-Z]{2,6})?)\s*\)")
BARE_ACRONYM_RE = re.compile(r"\b(?:[A-Z]{2,3}\s)?[a-z]?[A-Z][A-Za-z]*[A-Z][A-Za-z]?\b")
YEARS_AFTER_RE = re.compile(r"\s+(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)?\d{2})?\b")
QUOTE_RE = re.compile(r"(?<![A-Za-z])['‘\"“]([A-Z0-9][^'’\"”]{1,60}?)['’\"”](?![a-z])")
WEAK_SPLIT_LABELS = frozenset({"VoluntaryOrganisation"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible mention: absolute offsets, type (None when untyped) and naming form."""

    start: int
    end: int
    text: str
    label: str | None
    rule: str
    name: str  # naming form (acronyms in brackets, quotes removed)
    kind: str = "name"  # name | acronym | council | anaphor | place | untyped
    acronym: str | None = None  # acronym defined right after this name, e.g. "TEWV"
    keep_head: bool = True


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str


def _is_cap(t: str) -> bool:
    return t[:1].isupper() or (t[:1].isdigit() and any(c.isupper() for c in t))


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=8)
def _tables(rules: Rules):
    heads = sorted(rules.heads, key=lambda h: -len(h.words))
    prefixes = sorted(rules.prefixes, key=lambda h: -len(h.words))
    lower = sorted(rules.lower_heads, key=lambda h: -len(h.words))
    appos = sorted(rules.appositives, key=lambda h: -len(h.words))
    known: dict[str, Known] = {}
    for k in rules.known:
        for form in (k.name, *k.aliases):
            known.setdefault(form, k)
    abbr: dict[str, Known] = {}
    for k in rules.abbreviations:
        abbr.setdefault(k.aliases[0], k)
    known_re = None
    if known:
        forms = sorted(known, key=len, reverse=True)
        known_re = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")

    def words(kind: str) -> frozenset[str]:
        out: set[str] = set()
        for c in rules.cues_of(kind):
            body = c.pattern.pattern
            body = body[3:-1] if body.startswith("(?:") else body
            out.update(w for w in body.split("|") if w)
        return frozenset(out)

    return {
        "heads": heads,
        "prefixes": prefixes,
        "lower": lower,
        "appos": appos,
        "known": known,
        "known_re": known_re,
        "abbr": abbr,
        "lead": words("lead_strip"),
        "generic": words("not_name_word"),
        "roles": words("not_name"),
        "bad_heads": words("not_name_head"),
        "head_words": frozenset(h.words[-1] for h in rules.heads if h.label not in WEAK_SPLIT_LABELS),
    }


@lru_cache(maxsize=1)
def council_places() -> tuple[dict[str, str], re.Pattern]:
    """Council surface forms from the reference data -> official name, and a regex over them."""
    from ..ingest.council import council_table

    lookup: dict[str, str] = {}
    for official, _gss, variants in council_table():
        for v in variants:
            lookup.setdefault(v, official)
    forms = sorted(lookup, key=len, reverse=True)
    return lookup, re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")


def _head_label(words: list[str], tabs) -> tuple[Head | None, int]:
    """The longest type head ending ``words`` and how many words it spans."""
    low = [w.lower().rstrip("'’") for w in words]
    for h in tabs["heads"]:
        n = len(h.words)
        if n <= len(words) and low[-n:] == [w.lower() for w in h.words]:
            return h, n
    return None, 0


def _prefix_label(words: list[str], tabs) -> Head | None:
    for h in tabs["prefixes"]:
        n = len(h.words)
        if n < len(words) and words[:n] == list(h.words):
            return h
    return None


def _runs(toks: list[_Tok], text: str) -> list[tuple[int, int]]:
    """Index ranges [i, j) of capitalised runs (connectors allowed inside)."""
    runs = []
    i, n = 0, len(toks)
    while i < n:
        if not _is_cap(toks[i].text):
            i += 1
            continue
        j = i + 1
        while j < n:
            t = toks[j].text
            gap = text[toks[j - 1].end:toks[j].start]
            if gap not in ("", " "):
                break
            if _is_cap(t):
                j += 1
                continue
            if t in CONNECTORS and j + 1 < n and text[toks[j].end:toks[j + 1].start] == " " and (
                _is_cap(toks[j + 1].text) or (toks[j + 1].text == "the" and j + 2 < n and _is_cap(toks[j + 2].text))
            ):
                j += 1
                continue
            break
        # drop trailing connectors
        while j - 1 > i and not _is_cap(toks[j - 1].text):
            j -= 1
        runs.append((i, j))
        i = j
    return runs


def _merge_comma_lists(runs: list[tuple[int, int]], toks: list[_Tok], text: str, tabs) -> list[tuple[int, int]]:
    """Join "Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust" style names."""
    out: list[tuple[int, int]] = []
    for r in runs:
        if out:
            pi, pj = out[-1]
            between = text[toks[pj - 1].end:toks[r[0]].start]
            words = [t.text for t in toks[r[0]:r[1]]]
            head, _ = _head_label(words, tabs)
            prev_words = [t.text for t in toks[pi:pj]]
            prev_head, _ = _head_label(prev_words, tabs)
            if (between in (", ", ", and ") and pj - pi <= 2 and prev_head is None and head is not None
                    and ("and" in words[:3] or between == ", and ") and words[0] not in tabs["lead"]
                    and prev_words[0] not in tabs["lead"] and head.label != "LocalAuthority"):
                out[-1] = (pi, r[1])
                continue
        out.append(r)
    return out


def _split_run(i: int, j: int, toks: list[_Tok], tabs) -> list[tuple[int, int]]:
    """Split a run where a typed name ends and another begins, and at possessives."""
    words = [t.text for t in toks]
    for k in range(i + 1, j - 1):
        w = words[k]
        if w in SPLIT_CONNECTORS and _is_cap(words[k - 1]):
            left = words[i:k]
            h, _ = _head_label(left, tabs)
            if h is not None and h.label not in WEAK_SPLIT_LABELS and words[k - 1] in tabs["head_words"] | {"ICB", "ICS", "ICP", "CCG"}:
                nxt = k + 1
                while nxt < j and words[nxt] in CONNECTORS:
                    nxt += 1
                if nxt < j:
                    return [(i, k)] + _split_run(nxt, j, toks, tabs)
        if re.search(r"['’]s$", w) and k < j - 1:
            left = [*words[i:k], re.sub(r"['’]s$", "", w)]
            h, _ = _head_label(left, tabs)
            if h is not None or " ".join(left) in tabs["known"]:
                return [(i, k + 1)] + _split_run(k + 1, j, toks, tabs)
    return [(i, j)]


def _strip_lead(i: int, j: int, toks: list[_Tok], tabs) -> int:
    while i < j - 1 and (toks[i].text in tabs["lead"] or toks[i].text.lower() in {"the"}):
        i += 1
    if i < j and toks[i].text in tabs["lead"] and j - i == 1:
        return j
    return i


def _appositive(text: str, end: int, tabs) -> Head | None:
    """Type from ", a volunteer befriending scheme" right after a name."""
    m = re.match(r",\s+(?:an?|the|one\s+of\s+the|[A-Za-z]+['’]s)\s+((?:[\w-]+\s+){0,5}?)([\w-]+)(?=[\s,.;]|$)", text[end:])
    if not m:
        return None
    last = m.group(2).lower()
    phrase = (m.group(1) + m.group(2)).lower().split()
    for h in tabs["appos"]:
        n = len(h.words)
        if phrase[-n:] == list(h.words) or (n == 1 and last == h.words[0]):
            return h
    return None


def _lower_head(text: str, end: int, tabs) -> tuple[Head | None, int]:
    m = re.match(r"['’\"”]?\s+([a-z]+(?:\s+[a-z]+)?)", text[end:])
    if not m:
        return None, end
    words = m.group(1).split()
    for h in tabs["lower"]:
        n = len(h.words)
        if words[:n] == list(h.words):
            stop = end + m.start(1) + len(" ".join(words[:n]))
            return h, stop
    return None, end


def find_candidates(text: str, offset: int, rules: Rules) -> list[Candidate]:
    """Candidate mentions in one sentence ``text`` starting at ``offset`` of the report."""
    tabs = _tables(rules)
    toks = _tokens(text)
    out: list[Candidate] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, label, rule, name, kind="name", acronym=None, keep=True) -> None:
        out.append(Candidate(offset + s, offset + e, text[s:e], label, rule, name, kind, acronym, keep))
        taken.append((s, e))

    # gazetteer (exact case), before runs so known names win
    if tabs["known_re"] is not None:
        for m in tabs["known_re"].finditer(text):
            k = tabs["known"][m.group()]
            add(m.start(), m.end(), k.label, k.id, k.name if m.group() != k.name and m.group() in k.aliases and len(m.group()) <= 6 else m.group(), "name")

    # quoted names: 'Settle at Home' scheme
    for m in QUOTE_RE.finditer(text):
        inner = m.group(1)
        words = inner.split()
        if not words or sum(_is_cap(w) for w in words) < max(1, len(words) // 2) or len(words) > 8:
            continue
        h, hn = _head_label(words, tabs)
        label, rule, stop, keep = (h.label, h.id, m.end(), True) if h else (None, "ent.quoted", m.end(), True)
        lh, lstop = _lower_head(text, m.end(), tabs)
        if lh is not None and h is None:
            label, rule, keep = lh.label, lh.id, lh.keep
            stop = lstop
        if label is None:
            label = "Scheme"
        if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
            continue
        add(m.start(), stop, label, rule, clean_name(text[m.start():stop] if keep else inner), "name", keep=keep)

    runs = _merge_comma_lists(_runs(toks, text), toks, text, tabs)
    pieces: list[tuple[int, int]] = []
    for i, j in runs:
        pieces.extend(_split_run(i, j, toks, tabs))
    for i, j in pieces:
        i = _strip_lead(i, j, toks, tabs)
        if i >= j:
            continue
        s, e = toks[i].start, toks[j - 1].end
        surface = text[s:e]
        if any(ts <= s < te or ts < e <= te or (s <= ts and te <= e) for ts, te in taken):
            # a gazetteer hit inside a longer run: keep the longer run when it has its own head
            inner = [(ts, te) for ts, te in taken if s <= ts and te <= e and (ts, te) != (s, e)]
            if not inner or any(not (s <= ts and te <= e) for ts, te in taken if ts < e and s < te):
                continue
            words = [t.text for t in toks[i:j]]
            h, _ = _head_label(words, tabs)
            if h is None:
                continue
            for ts, te in inner:
                out[:] = [c for c in out if not (c.start - offset == ts and c.end - offset == te)]
                taken.remove((ts, te))
        words = [re.sub(r"['’]s$", "", t.text) if k == j - 1 else t.text for k, t in enumerate(toks[i:j], i)]
        if surface.endswith(("'s", "’s")):
            e -= 2
            surface = text[s:e]
        if not surface:
            continue
        # acronym defined right after: "Name (ABC)"
        acr = None
        am = ACRONYM_RE.match(text, e + 1) if text[e:e + 2] == " (" else None
        if am:
            acr = am.group(1)
        # year range right after a document name
        ym = YEARS_AFTER_RE.match(text, e)
        h, hn = _head_label(words, tabs)
        if h is not None and h.label == "Strategy" and ym:
            e = ym.end()
            surface = text[s:e]
        if words[-1] in tabs["bad_heads"] or any(w in tabs["roles"] for w in (words[0], words[-1])):
            continue
        if h is None and any(w in tabs["roles"] for w in words):
            continue
        p = _prefix_label(words, tabs) if h is None else None
        if h is not None:
            label, rule = h.label, h.id
        elif p is not None:
            label, rule = p.label, p.id
        elif surface in tabs["known"]:
            k = tabs["known"][surface]
            label, rule = k.label, k.id
        else:
            label, rule = None, "ent.untyped"
        name = clean_name(surface)
        keep = True
        if label is None or label == "Scheme" and h is None:
            lh, lstop = _lower_head(text, e, tabs)
            if lh is not None:
                label, rule, keep = lh.label, lh.id, lh.keep
                if lh.keep:
                    name = clean_name(text[s:lstop])
                    e = lstop
            else:
                ap = _appositive(text, e if not am else am.end(), tabs)
                if ap is not None:
                    label, rule = ap.label, ap.id
        if label is None:
            if all(w in tabs["generic"] for w in words if w not in CONNECTORS):
                continue
            kind = "untyped"
        else:
            kind = "name"
        # acronym-only tokens are handled below
        if BARE_ACRONYM_RE.fullmatch(surface) and kind == "untyped":
            continue
        add(s, e, label, rule, name, kind, acr, keep)

    # acronyms (defined or standard)
    for m in BARE_ACRONYM_RE.finditer(text):
        s, e = m.start(), m.end()
        if any(ts <= s < te for ts, te in taken) and not (s > 0 and text[s - 1] == "("):
            continue
        if any(ts <= s < te for ts, te in taken):
            # the "(ABC)" right after a name: recorded as the name's acronym already
            continue
        add(s, e, None, "ent.acronym", m.group(), "acronym")

    # council aliases ("the local authority") and anaphors ("the board")
    for c in rules.cues:
        if c.kind not in ("council_alias", "anaphor", "anaphor_pair"):
            continue
        for m in c.pattern.finditer(text):
            s, e = m.start(), m.end()
            if s == e or any(ts < e and s < te for ts, te in taken):
                continue
            kind = "council" if c.kind == "council_alias" else c.kind
            add(s, e, "LocalAuthority" if kind == "council" else c.label, c.id, m.group(), kind)

    # council place names standing alone ("with Rutland and Leicestershire")
    lookup, pat = council_places()
    for m in pat.finditer(text):
        s, e = m.start(), m.end()
        if any(ts < e and s < te for ts, te in taken):
            # a run that is exactly a place name is re-labelled as a place
            exact = [c for c in out if c.start - offset == s and c.end - offset == e and c.kind == "untyped"]
            for c in exact:
                out.remove(c)
                out.append(Candidate(c.start, c.end, c.text, "LocalAuthority", "ent.council.place", lookup[m.group()], "place"))
            continue
        add(s, e, "LocalAuthority", "ent.council.place", lookup[m.group()], "place")
    out.sort(key=lambda c: (c.start, -c.end))
    return out
