"""Typed relations from trigger phrases, with voice, lists, relative clauses and anaphora."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..model import Relation, Report
from .entities import EntityTable, Group
from .mentions import Candidate
from .names import match_key
from .prefilter import sentence_patterns
from .rules import Rules, Trigger

__all__ = ["find_relations", "PendingRelation"]

ORG = frozenset({"LocalAuthority", "NHSBody", "Board", "VoluntaryOrganisation", "PublicAgency"})
ANY = frozenset({"LocalAuthority", "NHSBody", "Board", "VoluntaryOrganisation", "PublicAgency", "Fund",
                 "Scheme", "Strategy", "Agreement"})
# allowed (subject types, object types) per predicate
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "partnersWith": (ORG | {"Scheme"}, ORG | {"Scheme"}),
    "memberOf": (ORG | {"Scheme"}, frozenset({"Board", "NHSBody", "Scheme", "VoluntaryOrganisation"})),
    "chairs": (ORG, frozenset({"Board", "Scheme"})),
    "funds": (ORG | {"Fund"}, ANY - {"Fund", "Agreement"}),
    "commissions": (frozenset({"LocalAuthority", "NHSBody", "PublicAgency", "Board"}), ANY - {"Fund", "Agreement", "LocalAuthority"}),
    "delivers": (ORG | {"Scheme"}, frozenset({"Scheme", "NHSBody", "Strategy"})),
    "oversees": (frozenset({"Board", "NHSBody", "LocalAuthority", "PublicAgency"}),
                 frozenset({"Board", "Scheme", "Strategy", "Fund", "Agreement"})),
    "partyTo": (ORG, frozenset({"Agreement"})),
    "partOf": (ANY - {"Fund", "Strategy", "Agreement"},
               frozenset({"LocalAuthority", "NHSBody", "Board", "Scheme", "PublicAgency"})),
}
_COORD_RE = re.compile(r"^(?:\s*,?\s*(?:and|&|or|as\s+well\s+as)?\s*(?:with\s+)?(?:the\s+)?|\s*,\s*)$")
_REL_PRONOUN_RE = re.compile(r"(?:,\s*)?\b(?:which|that|whom)\s+$")


@dataclass
class Slot:
    """An argument position in a sentence: one or more group keys (or a promotable candidate)."""

    start: int  # sentence-relative
    end: int
    keys: tuple[str, ...]
    cand: Candidate | None = None  # untyped/place candidate, promoted when used
    pronoun: bool = False  # an "it" whose referent is a guess


@dataclass(frozen=True)
class PendingRelation:
    """A relation between group keys, turned into a ``Relation`` once keys are final."""

    subject: str
    predicate: str
    object: str
    sentence: int
    start: int
    end: int
    evidence: str
    rule: str
    tone: str

    def rekey(self, keymap: dict[str, str]) -> Relation | None:
        s, o = keymap.get(self.subject), keymap.get(self.object)
        if not s or not o or s == o:
            return None
        return Relation(s, self.predicate, o, self.sentence, self.start, self.end, self.evidence, self.rule, self.tone)


def _tone(text: str, rules: Rules, spans: list[tuple[int, int]] = (), sat: frozenset[int] | None | bool = False) -> str:
    """positive / negative / mixed / neutral from cue words outside entity names.

    ``sat``: the scan of ``text`` before the names were blanked out, when the caller has it.
    """
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    patterns = sentence_patterns(rules)
    if sat is False or "tone" in patterns.spaced:
        sat = patterns.scan(text)
    pos = neg = 0
    contrast = False
    for c in patterns.candidates("tone", sat):
        if c.kind == "positive":
            pos += len(c.pattern.findall(text))
        elif c.kind == "negative":
            neg += len(c.pattern.findall(text))
        elif not contrast:
            contrast = c.pattern.search(text) is not None
    if (pos and neg) or ((pos or neg) and contrast):
        return "mixed"  # praise or criticism qualified by "but", "although", "however" ...
    return "positive" if pos else "negative" if neg else "neutral"


def _blocked(text: str, lo: int, hi: int, rules: Rules, sat: frozenset[int] | None | bool = False) -> bool:
    """A negation or hedge cue in ``text[lo:hi]`` (``sat``: the scan of ``text``, when known)."""
    window = text[max(0, lo):hi]
    patterns = sentence_patterns(rules)
    if sat is False:
        sat = patterns.scan(window)
    return any(c.pattern.search(window) for c in patterns.candidates("blocking", sat))


_SCAN = 64  # history entries an anaphora look-up reads back before it asks the per-group index


class _Resolver:
    """Keeps the report-order history of entity mentions for anaphora.

    The history is appended in text order (sentence by sentence, slots by start), so its
    positions and sentence numbers never decrease: a look-up bisects to the entries before a
    position instead of scanning the whole report's history.
    """

    def __init__(self, table: EntityTable, rules: Rules):
        self.table = table
        self.rules = rules
        self.history: list[tuple[int, str, int]] = []  # (position, group key, sentence)
        self._positions: list[int] = []  # history positions, for bisect
        self._by_sentence: dict[int, list[str]] = {}  # sentence -> its group keys, in order
        self._by_group: dict[str, list[int]] = {}  # surviving group key -> its history indexes

    def add(self, pos: int, key: str, sentence: int) -> None:
        """Record a mention of group ``key`` at report position ``pos``."""
        self._by_group.setdefault(self.table.find(key), []).append(len(self.history))
        self.history.append((pos, key, sentence))
        self._positions.append(pos)
        self._by_sentence.setdefault(sentence, []).append(key)

    def label(self, key: str) -> str:
        return self.table.groups[self.table.find(key)].label

    def _latest(self, fits, stop: int) -> str | None:
        """The surviving key of the last history entry before index ``stop`` whose group ``fits``.

        ``fits`` looks only at the surviving group, so after a short backward scan the answer is
        the fitting group with the latest entry: a look-up costs at most one step per group, not
        one per mention in the report (no merges happen while relations are read).
        """
        history, groups, find = self.history, self.table.groups, self.table.find
        lo = max(0, stop - _SCAN)
        for k in range(stop - 1, lo - 1, -1):
            key = find(history[k][1])
            if fits(groups[key]):
                return key
        best, found = -1, None
        if lo > 0:
            for key, indexes in self._by_group.items():
                if indexes[0] < lo and fits(groups[key]):
                    last = indexes[bisect_left(indexes, lo) - 1]
                    if last > best:
                        best, found = last, key
        return found

    def last(self, label: str | None, before: int, exclude_council: bool = True, sentence: int | None = None,
             noun: str | None = None) -> str | None:
        history = self.history
        stop = bisect_left(self._positions, before)  # entries [0, stop) have pos < before
        if noun:
            found = self._latest(
                lambda g: g.label == label and g.names and max(g.names, key=len).lower().endswith(noun), stop)
            if found is not None:
                return found
        if sentence is None:
            return self._latest(lambda g: not (exclude_council and g.is_council) and (label is None or g.label == label),
                                stop)
        for k in range(stop - 1, -1, -1):
            _, key, si = history[k]
            if si < sentence:
                break
            g = self.table.groups[self.table.find(key)]
            if exclude_council and g.is_council:
                continue
            if label is None or g.label == label:
                return self.table.find(key)
        return None

    def topic(self, sentence: int) -> str | None:
        """The first body mentioned in a sentence (its usual subject)."""
        for key in self._by_sentence.get(sentence, ()):
            g = self.table.groups[self.table.find(key)]
            if g.label != "Fund":
                return self.table.find(key)
        return None

    def last_distinct(self, n: int, before: int, sentence: int) -> tuple[str, ...]:
        out: list[str] = []
        history = self.history
        for j in range(bisect_left(self._positions, before) - 1, -1, -1):
            _, key, si = history[j]
            if si < sentence - 1:
                break  # sentence numbers never increase going back
            k = self.table.find(key)
            if self.label(k) in ORG and k not in out:
                out.append(k)
            if len(out) == n:
                break
        return tuple(out) if len(out) == n else ()


def _spans(table: EntityTable) -> dict[tuple[int, int], str]:
    """(start, end) of every grouped mention -> its group key (the last group wins, as before)."""
    by_span: dict[tuple[int, int], str] = {}
    for k, g in table.groups.items():
        for c, _ in g.mentions:
            by_span[(c.start, c.end)] = k
    return by_span


def _slots(cands: list[Candidate], table: EntityTable, offset: int, resolver: _Resolver, si: int,
           text: str = "", by_span: dict[tuple[int, int], str] | None = None) -> list[Slot]:
    if by_span is None:
        by_span = _spans(table)
    slots: list[Slot] = []
    for c in cands:
        s, e = c.start - offset, c.end - offset
        key = by_span.get((c.start, c.end))
        if key is not None:
            slots.append(Slot(s, e, (table.find(key),)))
        elif c.kind == "anaphor":
            if c.label == "*":
                here = [sl.keys[0] for sl in slots if sl.keys and len(sl.keys) == 1 and sl.end <= s
                        and table.groups[table.find(sl.keys[0])].label not in ("Fund",)]
                if here and table.groups[table.find(here[0])].is_council and len(here) > 1 and not (
                        slots and slots[0].pronoun):
                    here = here[1:]  # "the council delivered it": not the council itself
                k = here[0] if here and not c.text.startswith("It") else resolver.topic(si - 1)
            else:
                noun = c.text.lower().split()[-1]
                here = [sl.keys[0] for sl in slots if sl.keys and len(sl.keys) == 1 and sl.end <= s
                        and table.groups[table.find(sl.keys[0])].label == c.label
                        and max(table.groups[table.find(sl.keys[0])].names or [""], key=len).lower().endswith(noun)]
                k = here[-1] if here else resolver.last(c.label, c.start, noun=noun)
                if k is None and c.label == "Board":
                    k = resolver.last("Scheme", c.start, sentence=si - 1) if "partnership" in c.text.lower() else None
            if k is not None:
                slots.append(Slot(s, e, (k,), pronoun=c.label == "*"))
        elif c.kind == "anaphor_pair":
            here = []
            for sl in slots:
                for k in sl.keys:
                    if sl.end <= s and table.groups[table.find(k)].label in ORG and table.find(k) not in here:
                        here.append(table.find(k))
            ks = tuple(here[-2:]) if len(here) >= 2 else resolver.last_distinct(2, c.start, si)
            if ks:
                slots.append(Slot(s, e, ks))
        elif c.kind in ("untyped", "place"):
            if c.kind == "untyped" and re.search(r"\b(?:in|across|throughout|around)\s+$", text[:s]):
                continue  # "councils in Sussex": a place, not a body
            slots.append(Slot(s, e, (), c))
    slots.sort(key=lambda sl: (sl.start, -sl.end))
    # drop nested slots, and "(ABC)" right after the name it abbreviates
    out: list[Slot] = []
    for sl in slots:
        if out and sl.start < out[-1].end:
            continue
        if out and sl.keys and out[-1].keys and sl.keys == out[-1].keys and sl.start - out[-1].end <= 2:
            out[-1] = Slot(out[-1].start, sl.end + 1, out[-1].keys, out[-1].cand, out[-1].pronoun)
            continue
        out.append(sl)
    return out


_PAREN_RE = re.compile(r"^\s*\([^()]{1,40}\)")


def _group_left(slots: list[Slot], idx: int, text: str, used: set[int] = frozenset()) -> list[int]:
    """Slot idx and the coordinated slots to its left ("A, B and C")."""
    out = [idx]
    k = idx
    while k > 0 and k - 1 not in used:
        gap = _PAREN_RE.sub("", text[slots[k - 1].end:slots[k].start])
        if _COORD_RE.match(gap) and gap.strip() != "":
            out.insert(0, k - 1)
            k -= 1
        else:
            break
    return out


_COORD2_RE = re.compile(
    r"(?:['’]s(?:\s+[A-Za-z-]+){0,8}?)?(?:,\s*|\s+)(?:and|&)\s+(?:(?:a|an|the)\s+)?"
    r"(?:(?:[a-z-]+\s+){1,3}(?:of|from)\s+(?:the\s+)?)?")
_CLAUSE_RE = re.compile(r"\s+(?:also\s+|jointly\s+|then\s+|together\s+|directly\s+)?(?:was|were|is|are|had|has|have|did|does|do|told|said|ran|runs|led|leads|sat|sits|met|meets|took|gave|made|"
    r"held|saw|became|began|brought|built|found|kept|paid|spent|won|[a-z]+ed)\b")


def _group_right(slots: list[Slot], idx: int, text: str) -> list[int]:
    out = [idx]
    k = idx
    while k + 1 < len(slots):
        gap = _PAREN_RE.sub("", text[slots[k].end:slots[k + 1].start])
        ok = (_COORD_RE.match(gap) and gap.strip() != "") or re.fullmatch(r"\s*(?:and|,|&)\s+(?:by|with|from)\s+(?:the\s+)?", gap)
        ok = ok or (_COORD2_RE.fullmatch(gap) and not re.search(r"\b(?:was|were|is|are|had|has|have)\b", gap))
        if ok and gap.lstrip().startswith(",") and _CLAUSE_RE.match(text[slots[k + 1].end:]):
            ok = False  # ", and the council delivered it": a new clause
        if ok and gap.strip() in (",", ", the") and re.match(r"['’]s\b", text[slots[k + 1].end:]):
            ok = False  # "X, the council's public health team": an appositive
        if ok:
            out.append(k + 1)
            k += 1
        else:
            break
    return out


class _Sentence:
    """Per-sentence state shared by the voice handlers: slots, used arguments, emitted relations."""

    def __init__(self, sent, slots: list[Slot], table: EntityTable, resolver: "_Resolver", rules: Rules,
                 rels: list[PendingRelation], promoted: list[Group], sat: frozenset[int] | None | bool = False):
        self.sent, self.text, self.slots = sent, sent.text, slots
        self.table, self.resolver, self.rules = table, resolver, rules
        self.council = table.council_key
        self.rels, self.promoted = rels, promoted
        self.tone = _tone(self.text, rules, [(sl.start, sl.end) for sl in slots], sat)
        self.used_obj: set[int] = set()  # slots already used as objects (or by-arguments)
        self.by_args: set[int] = set()  # slots used as the doer after "by"
        self.last_passive: list[str] = []  # object of the last passive, for "... and delivered by B"
        self.consumed: list[tuple[int, int]] = []  # text ranges a handler has read as part of its relation
        self.trigger_spans: list[tuple[int, int]] = []  # all trigger matches of the sentence

    def keys_of(self, ixs: list[int], as_label: str | None) -> list[str]:
        """Group keys of slots; an untyped slot gives a placeholder promoted (as ``as_label``) on use."""
        out = []
        for i in ixs:
            sl = self.slots[i]
            if sl.keys:
                out.extend(sl.keys)
            elif sl.cand is not None and as_label is not None:
                out.append(f"\x00{i}\x00{'LocalAuthority' if sl.cand.kind == 'place' else as_label}")
        return out

    def label_of(self, k: str) -> str:
        """Entity type of a group key or placeholder."""
        return k.split("\x00")[2] if k.startswith("\x00") else self.resolver.label(k)

    def real(self, k: str) -> str:
        """The group key of ``k``, promoting a placeholder's candidate to an entity."""
        if not k.startswith("\x00"):
            return k
        _, i, lab = k.split("\x00")
        sl = self.slots[int(i)]
        return sl.keys[0] if sl.keys else _promote(self.table, sl, lab, self.sent.index, self.promoted)

    def emit(self, subj: list[str], pred: str, obj: list[str], rule: str, loose: bool = False) -> None:
        """Record ``pred`` for every subject/object pair whose types fit the predicate's signature."""
        table = self.table
        for s in subj:
            for o in obj:
                if s == o:
                    continue
                ls, lo = self.label_of(s), self.label_of(o)
                p = _member_or_part(ls, lo, rule) if pred in ("memberOf", "partOf") else pred
                sig = SIGNATURES[p]
                if not loose and (ls not in sig[0] or lo not in sig[1]):
                    continue
                if p in ("chairs", "memberOf") and lo == "Scheme" and o.startswith("\x00"):
                    continue  # an unknown name is not a board
                s, o = self.real(s), self.real(o)
                if s == o:
                    continue
                if p == "delivers" and ls == "Scheme":
                    sg = table.groups[table.find(s)]
                    if sg.names and re.search(r"\bPartnership$", max(sg.names, key=len)):
                        sg.label = "Board"  # a partnership that runs things is a body
                if p in ("chairs", "memberOf") and lo == "Scheme":
                    og = table.groups[table.find(o)]
                    if not og.names or not re.search(r"\bPartnership\b", max(og.names, key=len)):
                        continue
                    og.label = "Board"
                sent = self.sent
                self.rels.append(PendingRelation(s, p, o, sent.index, sent.start, sent.end, self.text, rule, self.tone))


def find_relations(report: Report, per_sentence: list[list[Candidate]], table: EntityTable,
                   rules: Rules, sats: list[frozenset[int] | None] | None = None) -> tuple[tuple[PendingRelation, ...], list[Group]]:
    """Relations of a report from its per-sentence candidates and entity groups.

    ``sats`` holds each sentence's ``sentence_patterns(rules).scan``, when the caller has them.
    Returns the pending relations (between group keys) and the groups promoted from untyped names.
    """
    resolver = _Resolver(table, rules)
    rels: list[PendingRelation] = []
    promoted: list[Group] = []
    council = table.council_key
    # built once: groups only gain mentions below by promotion, of slots in sentences already
    # read, so the spans of the sentences still to come map as they would if rebuilt each time
    by_span = _spans(table)
    patterns = sentence_patterns(rules)
    if sats is None:
        sats = [patterns.scan(s.text) for s in report.sentences]
    for sent, cands, sat in zip(report.sentences, per_sentence, sats):
        slots = _slots(cands, table, sent.start, resolver, sent.index, sent.text, by_span)
        st = _Sentence(sent, slots, table, resolver, rules, rels, promoted, sat)
        text = sent.text
        matches = _trigger_matches(text, rules, [(sl.start, sl.end) for sl in slots], sat)
        st.trigger_spans = [(m.start(), m.end()) for _, m in matches]
        for trig, m in matches:
            ts, te = m.start(), m.end()
            if any(a <= ts < b for a, b in st.consumed):
                continue
            before = [i for i, sl in enumerate(slots) if sl.end <= ts]
            after = [i for i, sl in enumerate(slots) if sl.start >= te]
            prev_end = slots[before[-1]].end if before else 0
            if _blocked(text, max(prev_end, ts - 45), te, rules, sat):
                continue
            if trig.voice == "active" and trig.predicate not in ("partnersWith", "memberOf", "partOf", "oversees") and re.search(
                    r"\b(?:was|were|been|is|are|be|being)\s+(?:\w+ly\s+)?$", text[:ts]):
                _voice_passive_no_by(st, trig, m, before, after)
            else:
                VOICE_HANDLERS[trig.voice](st, trig, m, before, after)
        _agreements(slots, text, resolver, council, st.emit, st.keys_of)
        _possessives(slots, text, resolver, council, st.emit, st.keys_of, st.label_of)
        for sl in slots:
            for k in sl.keys:
                resolver.add(sent.start + sl.start, k, sent.index)
    return tuple(rels), promoted


def _voice_passive_no_by(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"X was delivered in partnership with Y": Y does it."""
    ts, te = m.start(), m.end()
    # a passive without "by": "X was delivered in partnership with Y"
    wm = re.match(r"\s+(?:\w+ly\s+)?(?:in\s+partnership\s+with|jointly\s+with|together\s+with|with)\s+", st.text[te:])
    left = _nearest_before(st.slots, before, st.used_obj, st.text, ts, passive=True)
    doers = _at(st.slots, after, te + wm.end()) if wm else []
    if left is not None and doers:
        robj = _group_right(st.slots, doers[0], st.text)
        doer_keys = st.keys_of(robj, "VoluntaryOrganisation")
        if "jointly" in wm.group(0) and st.council and st.council not in doer_keys:
            doer_keys.append(st.council)  # "commissioned jointly with X": the council and X
        st.emit(doer_keys, trig.predicate, st.keys_of(_group_left(st.slots, left, st.text), "Scheme"), trig.id)
        st.consumed.append((te, te + wm.end()))
        st.used_obj.update(robj)
    return

def _voice_active(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """Subject before the trigger, objects after ("A funded B and C"); relative clauses too."""
    ts, te = m.start(), m.end()
    right = _first_after(st.slots, after, te, st.text)
    if right is not None and any(te <= a < st.slots[right].start and st.text[te:a].strip() for a, _ in st.trigger_spans):
        right = None  # another trigger stands between: "delivered services under a contract with X"
    if right is not None and trig.predicate in ("partnersWith", "memberOf") and re.search(
            r"\b(?:through|via|at|on|for|in|from|about|over|during)\b", st.text[te:st.slots[right].start]):
        right = None  # "shared priorities with health partners through the Board"
    skip = st.used_obj - st.by_args if trig.id == "rel.partners.on_behalf_of" else st.used_obj
    infinitive = re.search(r"\bto\s+(?:\w+ly\s+)?$", st.text[:ts]) is not None
    if infinitive:
        skip = set()  # "funded X to run Y": X runs Y
    left = _nearest_before(st.slots, before, skip, st.text, ts, appos=trig.predicate in ("partOf", "memberOf"))
    # relative clause: "P, which S chaired (with Z)"
    if left is not None:
        lg = _group_left(st.slots, left, st.text)
        pre = st.text[:st.slots[lg[0]].start]
        if _REL_PRONOUN_RE.search(pre) and lg[0] > 0 and trig.predicate != "partnersWith":
            topic = _group_left(st.slots, lg[0] - 1, st.text)
            subj = st.keys_of(lg, "VoluntaryOrganisation")
            if right is not None and re.match(r"\s*(?:jointly\s+|together\s+)?(?:with|alongside)\s+(?:the\s+)?$", st.text[te:st.slots[right].start]):
                subj += st.keys_of(_group_right(st.slots, right, st.text), "LocalAuthority")
                st.consumed.append((te, st.slots[right].start))
                if trig.predicate == "delivers" and len(subj) > 1:
                    st.emit(subj[:1], "partnersWith", subj[1:], trig.id)
            st.emit(subj, trig.predicate, st.keys_of(topic, "Scheme"), trig.id)
            return
    if right is None:
        return
    robj = _group_right(st.slots, right, st.text)
    orgs = re.search(r"\b(?:providers?|organisations?|charities|charity|groups|partners|agencies|companies)\s+"
                     r"(?:such\s+as|including|like)\b", st.text[te:st.slots[right].start])
    provider = re.match(r"\s+to\s+(?:provide|deliver|run|operate|support)\b", st.text[st.slots[robj[-1]].end:])
    obj = st.keys_of(robj, "VoluntaryOrganisation" if orgs or provider or trig.predicate == "memberOf"
                     else "Board" if trig.predicate == "chairs" else "Scheme")
    if trig.predicate in ("memberOf", "chairs") and st.slots[right].pronoun:
        board = st.resolver.last("Board", st.sent.start + ts)
        obj = [board] if board else obj
    if left is None:
        if (trig.predicate == "partnersWith" and st.council and not re.search(r"\b(?:we|staff|people|partners)\b", st.text[:ts], re.I)
                and (trig.id in ("rel.partners.relationship_with", "rel.partners.in_partnership_with") or len(st.text[:ts].split()) <= 4)
                and not re.search(r"\bwho\b", st.text[:ts])):
            subj = [st.council]
        else:
            return
    else:
        lone = re.search(r"\bwho\b|\(", st.text[st.slots[left].end:ts])
        subj = st.keys_of([left] if lone else _group_left(st.slots, left, st.text, st.used_obj), "VoluntaryOrganisation")
        if before and before[-1] in st.used_obj and before[-1] != left and re.fullmatch(r"\s+to\s+", st.text[st.slots[before[-1]].end:ts]):
            subj += st.keys_of([before[-1]], "VoluntaryOrganisation")
        if infinitive and left in st.used_obj and re.search(r"\bwith\s+(?:the\s+)?$", st.text[:st.slots[left].start]):
            partner = _nearest_before(st.slots, [b for b in before if b < left], st.used_obj, st.text, st.slots[left].start)
            if partner is not None:
                subj += st.keys_of([partner], "VoluntaryOrganisation")
    st.used_obj.update(robj)
    if (trig.predicate == "partnersWith" and st.council and m.group(0).lower().startswith("arrangement")
            and subj and all(st.label_of(k) == "Scheme" for k in subj)):
        st.emit([st.council], "partnersWith", obj, trig.id)
        st.emit(obj + [st.council], "delivers", subj, trig.id)
        return
    st.emit(subj, trig.predicate, obj, trig.id)
    if trig.predicate == "delivers" and len(subj) > 1 and (
            re.search(r"\b(?:jointly|together)\s+$", st.text[:ts]) or m.group(0).lower().startswith(("jointly", "co"))):
        for a in range(len(subj)):  # "A and B jointly ran X"
            st.emit(subj[a:a + 1], "partnersWith", subj[a + 1:], trig.id)
    _tails(st.slots, robj, after, st.text, subj, obj, trig, st.emit, st.keys_of, st.consumed, st.used_obj)
    # "A delivered X together with B" -> B delivers X too, and partners A
    tail = st.slots[robj[-1]].end
    tm = re.match(r"\s+(?:together|jointly|in\s+partnership)\s+with\s+(?:the\s+)?", st.text[tail:])
    if tm and trig.predicate in ("delivers", "commissions", "funds"):
        st.consumed.append((tail, tail + tm.end()))
        extra = [i for i in after if st.slots[i].start >= tail + tm.end() - 1][:1]
        if extra:
            ek = st.keys_of(_group_right(st.slots, extra[0], st.text), "Scheme")
            st.emit(ek, trig.predicate, obj, trig.id)
            st.emit(subj, "partnersWith", ek, trig.id)

def _voice_passive(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """Object before, subjects after "by" ("B was funded by A"); "post" is "B, with A as vice-chair"."""
    ts, te = m.start(), m.end()
    if trig.voice == "post":
        left = _nearest_before(st.slots, before, set(), st.text, ts)
        if left is None or not st.slots:
            return
        st.emit(st.keys_of([left], "Scheme"), trig.predicate, st.keys_of([0], "Scheme"), trig.id)
        return
    right = _first_after(st.slots, after, te, st.text)
    if right is None:
        return
    robj = _group_right(st.slots, right, st.text)
    subj = st.keys_of(robj, "VoluntaryOrganisation")
    left = _nearest_before(st.slots, before, st.used_obj, st.text, ts, passive=True)
    st.used_obj.update(robj)
    st.by_args.update(robj)
    if st.last_passive and re.search(r"\band\s+(?:was\s+|were\s+|then\s+|also\s+)?$", st.text[:ts]):
        obj = st.last_passive  # "commissioned by A and delivered by B"
    elif left is None and before and before[0] == 0 and re.search(r"\band\s+(?:is|was|are|were)\s+(?:\w+ly\s+)?$", st.text[:ts]):
        obj = st.keys_of([0], "Scheme")  # "X, a charity, supports people ... and is funded by the council"
    elif left is None:
        return
    else:
        obj = st.keys_of(_group_left(st.slots, left, st.text), "Scheme")
    st.last_passive = obj
    st.emit(subj, trig.predicate, obj, trig.id)
    _tails(st.slots, robj, after, st.text, obj, obj, trig, st.emit, st.keys_of, st.consumed, st.used_obj)
    if len(subj) > 1 and trig.predicate == "delivers" and re.search(r"jointly|together|co-", st.text[max(0, ts - 12):st.slots[robj[0]].start]):
        st.emit(subj[:1], "partnersWith", subj[1:], trig.id)
    # "funded by the st.council ... through the Better Care Fund"
    fm = re.match(r"\s+(?:through|from|using|via)\s+(?:the\s+)?", st.text[st.slots[robj[-1]].end:])
    if trig.predicate == "funds" and fm:
        nxt = [i for i in after if st.slots[i].start == st.slots[robj[-1]].end + fm.end()]
        if nxt:
            fund = [k for k in st.keys_of(nxt, None) if st.label_of(k) == "Fund"]
            st.emit(fund, "funds", obj, trig.id)
    # "delivered by A in partnership with B"
    tail = st.slots[robj[-1]].end
    tm = re.match(r"(?:(?:\s+[a-z-]+){0,3}?\s+(?:in\s+partnership|together|jointly|working)\s+with|\s+with)\s+(?:the\s+)?",
                  st.text[tail:])
    if tm and trig.predicate == "delivers":
        st.consumed.append((tail, tail + tm.end()))
        extra = [i for i in after if st.slots[i].start >= tail + tm.end() - 1][:1]
        if extra:
            ek = st.keys_of(_group_right(st.slots, extra[0], st.text), "Scheme")
            st.emit(ek, "delivers", obj, trig.id)
            st.emit(subj, "partnersWith", ek, trig.id)

def _voice_members(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"X brought together A, B and C": the listed bodies are members of X."""
    ts, te = m.start(), m.end()
    boards = [i for i in before if st.slots[i].keys and st.resolver.label(st.slots[i].keys[0]) == "Board"]
    left = boards[-1] if boards else (before[0] if before else None)
    right = _first_after(st.slots, after, te, st.text, reach=200)
    if right is not None and re.search(r",\s+(?:and\s+)?(?:was|were|had|has|is)\b", st.text[te:st.slots[right].start]):
        right = None
    if left is None or right is None:
        return
    grp = st.keys_of([left], "Board")
    members: list[str] = []
    members += st.keys_of(_group_right(st.slots, right, st.text), "Scheme")
    if re.search(r"\bboth\s+(?:local\s+authorities|councils)\b", st.text[te:]) and st.council:
        members += [st.council] + [k for sl in st.slots for k in sl.keys if st.resolver.label(k) == "LocalAuthority" and k != st.council]
    if grp and st.label_of(grp[0]) == "Fund":
        st.emit(grp, "funds", [m if not m.startswith("\x00") else m.rsplit("\x00", 1)[0] + "\x00Scheme" for m in members], trig.id)
    else:
        st.emit(members, "memberOf", grp, trig.id)

def _voice_members_front(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"Members of X include A, B and C"."""
    ts, te = m.start(), m.end()
    # "Members of the X Board include(d) A, B and C"
    grp_i = _first_after(st.slots, after, te, st.text, reach=8)
    im = re.search(r"\b(?:include[sd]?|including|were|are|comprise[sd]?)\s+", st.text[te:])
    if grp_i is None or not im:
        return
    mem = _at(st.slots, after, te + im.end())
    if mem:
        st.emit(st.keys_of(_group_right(st.slots, mem[0], st.text), "VoluntaryOrganisation"), "memberOf",
             st.keys_of([grp_i], "Board"), trig.id)

def _voice_passive_list(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"A, B and C were all represented on it"."""
    ts, te = m.start(), m.end()
    right = _first_after(st.slots, after, te, st.text, reach=40)
    if right is not None and not st.slots[right].pronoun:
        grp = st.keys_of([right], "Board")
    else:
        last = st.resolver.last("Board", st.sent.start)
        grp = [last] if last else []
    depth, members = 0, []
    for i in before:
        depth = st.text[:st.slots[i].start].count("(") - st.text[:st.slots[i].start].count(")")
        if depth <= 0:
            members += st.keys_of([i], "VoluntaryOrganisation")
    st.emit(members, "memberOf", grp, trig.id)

def _voice_joint_members(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"A had links with B through their joint X": both are members of X."""
    ts, te = m.start(), m.end()
    right = _first_after(st.slots, after, te, st.text, reach=40)
    if right is None:
        return
    members = [k for i in before for k in st.keys_of([i], None) if st.label_of(k) in ORG]
    st.emit(members, "memberOf", st.keys_of(_group_right(st.slots, right, st.text), "Board"), trig.id)

def _voice_reverse(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"A secured/used F": the fund F funds A (or what A invests it in)."""
    ts, te = m.start(), m.end()
    right = _first_after(st.slots, after, te, st.text, reach=20)
    if right is None:
        return
    fund = [k for k in st.keys_of([right], None) if st.label_of(k) == "Fund"]
    if not fund:
        return
    st.used_obj.add(right)
    left = _nearest_before(st.slots, before, st.used_obj, st.text, ts)
    subj = st.keys_of(_group_left(st.slots, left, st.text), "Scheme") if left is not None else ([st.council] if st.council else [])
    im = re.match(r"[^.;]{0,60}?\bto\s+(?:invest\s+in|fund|pay\s+for|support|provide)\b[^.;]{0,80}?(?:for\s+example|such\s+as|including)\s+(?:the\s+)?", st.text[st.slots[right].end:])
    nxt = [i for i in after if im and st.slots[i].start >= st.slots[right].end + im.end() - 1][:1]
    if im and nxt and st.slots[nxt[0]].start <= st.slots[right].end + im.end() + 2:
        tgt = st.keys_of(_group_right(st.slots, nxt[0], st.text), "Scheme")
        st.emit(fund, "funds", tgt, trig.id)
        st.emit(subj, "funds", tgt, trig.id)
        return
    st.emit(fund, "funds", subj, trig.id)

def _voice_fund_list(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"F schemes included A": the fund F funds A."""
    ts, te = m.start(), m.end()
    left = _nearest_before(st.slots, before, set(), st.text, ts)
    right = _first_after(st.slots, after, te, st.text, reach=60)
    if left is None or right is None:
        return
    st.emit(st.keys_of([left], None), "funds", st.keys_of(_group_right(st.slots, right, st.text), "Scheme"), trig.id)

def _voice_between(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"... between A, B and C": each pair."""
    ts, te = m.start(), m.end()
    right = _first_after(st.slots, after, te, st.text, reach=12)
    if right is None:
        return
    parties = st.keys_of(_group_right(st.slots, right, st.text), "LocalAuthority")
    for a in range(len(parties)):
        st.emit(parties[a:a + 1], trig.predicate, parties[a + 1:], trig.id)

def _voice_by_with(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"co-produced by A with B": A and B partner."""
    ts, te = m.start(), m.end()
    right = _first_after(st.slots, after, te, st.text)
    if right is None:
        return
    robj = _group_right(st.slots, right, st.text)
    subj = st.keys_of(robj, "VoluntaryOrganisation")
    wm = re.match(r"\s+(?:jointly\s+|together\s+)?(?:with|alongside|and)\s+(?:the\s+)?", st.text[st.slots[robj[-1]].end:])
    nxt = [i for i in after if wm and st.slots[i].start == st.slots[robj[-1]].end + wm.end()]
    others = st.keys_of(_group_right(st.slots, nxt[0], st.text), "VoluntaryOrganisation") if nxt else []
    group = subj + others
    for a in range(len(group)):
        st.emit(group[a:a + 1], "partnersWith", group[a + 1:], trig.id)

def _voice_subject_pair(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"A and B had a good relationship": A and B partner (A alone: with the council)."""
    ts, te = m.start(), m.end()
    left = _nearest_before(st.slots, before, st.used_obj, st.text, ts)
    if left is None:
        return
    pair = st.keys_of(_group_left(st.slots, left, st.text), "VoluntaryOrganisation")
    if len(pair) == 1 and st.council and pair[0] != st.council:
        pair = [st.council] + pair
    elif pair == [st.council] and left > 0 and re.search(r"\b(?:told\s+us|said|described|reported)\b",
                                                         st.text[st.slots[0].end:st.slots[left].start]):
        pair = st.keys_of([0], "VoluntaryOrganisation") + pair  # "X told us the council was a good partner"
    for a in range(len(pair)):
        st.emit(pair[a:a + 1], "partnersWith", pair[a + 1:], trig.id)

def _voice_to_council(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"P allocated money to adult social care": P funds the council."""
    ts, te = m.start(), m.end()
    left = _nearest_before(st.slots, before, st.used_obj, st.text, ts)
    if left is None or not st.council:
        return
    st.emit(st.keys_of(_group_left(st.slots, left, st.text), "VoluntaryOrganisation"), "funds", [st.council], trig.id)

def _voice_was_its_chair(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"A was its vice-chair": A chairs the board last mentioned."""
    ts, te = m.start(), m.end()
    left = _nearest_before(st.slots, before, st.used_obj, st.text, ts)
    board = st.resolver.last("Board", st.sent.start + ts)
    if left is not None and board:
        st.emit(st.keys_of([left], "VoluntaryOrganisation"), "chairs", [board], trig.id)

def _voice_its_chair(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"its vice-chair was A": A chairs the sentence's first body."""
    ts, te = m.start(), m.end()
    right = _first_after(st.slots, after, te, st.text)
    if right is None or not st.slots:
        return
    st.emit(st.keys_of([right], "Scheme"), "chairs", st.keys_of([0], None), trig.id)



def _voice_fund_subject(st: "_Sentence", trig: Trigger, m: re.Match, before: list[int], after: list[int]) -> None:
    """"The Better Care Fund supported X": only a fund as subject makes this funding."""
    ts, te = m.start(), m.end()
    left = _nearest_before(st.slots, before, st.used_obj, st.text, ts)
    right = _first_after(st.slots, after, te, st.text, reach=20)
    if left is None or right is None:
        return
    fund = [k for k in st.keys_of([left], None) if st.label_of(k) == "Fund"]
    if fund:
        st.emit(fund, "funds", st.keys_of(_group_right(st.slots, right, st.text), "Scheme"), trig.id)
    elif trig.id == "rel.funds.fund_supported" and m.group(0).lower().startswith("support"):
        # "Partners in Care and Health supported the council": working together
        st.emit(st.keys_of(_group_left(st.slots, left, st.text, st.used_obj), "VoluntaryOrganisation"), "partnersWith",
                st.keys_of([right], "VoluntaryOrganisation"), "rel.partners.supported")


VOICE_HANDLERS = {
    "fund_subject": _voice_fund_subject,
    "active": _voice_active,
    "passive": _voice_passive,
    "post": _voice_passive,
    "members": _voice_members,
    "members_front": _voice_members_front,
    "passive_list": _voice_passive_list,
    "joint_members": _voice_joint_members,
    "reverse": _voice_reverse,
    "fund_list": _voice_fund_list,
    "between": _voice_between,
    "by_with": _voice_by_with,
    "subject_pair": _voice_subject_pair,
    "to_council": _voice_to_council,
    "was_its_chair": _voice_was_its_chair,
    "its_chair": _voice_its_chair,
    "agreement": lambda *args: None,  # handled per sentence by _agreements
}


def _at(slots: list[Slot], after: list[int], pos: int) -> list[int]:
    """The slot starting at ``pos`` (allowing a leading article)."""
    return [i for i in after if pos <= slots[i].start <= pos + 4][:1]


def _tails(slots, robj, after, text, subj, obj, trig, emit, keys_of, consumed, used=None) -> None:
    """ "... alongside the council" adds a member; "... X to provide Y" makes X deliver Y."""
    tail = slots[robj[-1]].end
    am = re.match(r"(?:,\s+(?:the|a|an)\s+[^,.;]{0,60},)?\s+alongside\s+", text[tail:])
    nxt = _at(slots, after, tail + am.end()) if am else []
    if am and nxt and trig.predicate == "memberOf":
        emit(keys_of(nxt, "VoluntaryOrganisation"), "memberOf", obj, trig.id)
        consumed.append((tail, tail + am.end()))
    thm = re.match(r"\s+through\s+(?:their\s+|its\s+)?(?:joint\s+|shared\s+)?", text[tail:])
    nxt = _at(slots, after, tail + thm.end()) if thm else []
    if thm and nxt and trig.predicate == "partnersWith" and subj is not obj:
        emit(subj + obj, "memberOf", keys_of(nxt, "Board"), "rel.member.through")
    om = re.match(r"\s+(?:on|in\s+delivering|to\s+deliver|to\s+run)\s+(?:the\s+|a\s+|an\s+)?", text[tail:])
    nxt = _at(slots, after, tail + om.end()) if om else []
    if om and nxt and trig.predicate == "partnersWith" and subj is not obj:
        work = keys_of(nxt, "Scheme")
        emit(subj + obj, "delivers", work, trig.id)
    fm = re.match(r"\s+from\s+", text[tail:])
    nxt = _at(slots, after, tail + fm.end()) if fm else []
    if fm and nxt and trig.predicate == "commissions" and subj is not obj:
        emit(keys_of(nxt, "VoluntaryOrganisation"), "delivers", obj, trig.id)  # "commissioned X from Y"
    pm = re.match(r"\s+to\s+(?:provide|run|deliver|operate|host|lead|manage)\s+(?:the\s+|a\s+|an\s+)?"
                  r"(?:(?:[\w-]+\s+){0,5}?(?:called|known\s+as|named)\s+)?", text[tail:])
    nxt = _at(slots, after, tail + pm.end()) if pm else []
    if pm and nxt and used is not None:
        used.update(nxt)
    if pm and nxt and trig.predicate in ("funds", "commissions", "partnersWith"):
        doer = [k for i in robj for k in keys_of([i], "VoluntaryOrganisation")] if subj is not obj else subj
        emit(doer, "delivers", keys_of(nxt, "Scheme"), trig.id)
        consumed.append((tail, tail + pm.end()))


def _member_or_part(ls: str, lo: str, rule: str) -> str:
    if rule in ("rel.member.chairing_groups", "rel.member.through", "rel.member.brought_together") or (
            rule == "rel.member.part_of" and lo != "LocalAuthority"):
        return "memberOf"
    if lo == "Board" and ls != "Board":
        return "memberOf"
    if lo in ("Scheme",) and "member" in rule:
        return "memberOf"
    return "partOf"


def _trigger_matches(text: str, rules: Rules, names: list[tuple[int, int]] = (),
                     sat: frozenset[int] | None | bool = False) -> list[tuple[Trigger, re.Match]]:
    """Non-overlapping trigger matches (longest first), none starting or ending inside a name."""
    found: list[tuple[Trigger, re.Match]] = []
    patterns = sentence_patterns(rules)
    for t in patterns.candidates("triggers", patterns.scan(text) if sat is False else sat):
        for m in t.pattern.finditer(text):
            if m.end() > m.start() and not any(a <= m.start() < b or a < m.end() <= b for a, b in names):
                found.append((t, m))
    found.sort(key=lambda tm: (tm[1].start(), -(tm[1].end() - tm[1].start())))
    out: list[tuple[Trigger, re.Match]] = []
    for t, m in found:
        if any(m.start() < o.end() and o.start() < m.end() for _, o in out):
            continue
        out.append((t, m))
    out.sort(key=lambda tm: tm[1].start())
    return out


def _nearest_before(slots: list[Slot], before: list[int], used: set[int], text: str, ts: int,
                    passive: bool = False, appos: bool = False) -> int | None:
    for i in reversed(before):
        gap = text[slots[i].end:ts]
        if i in used and not (re.fullmatch(r"(?:\s+[a-z-]+){0,3}\s*,?\s*(?:which|who|that)\s+(?:(?:in\s+turn|also)\s+)?(?:(?:was|were|is|are|had\s+been|has\s+been)\s+)?(?:also\s+|then\s+)?", gap)
                              or (appos and re.fullmatch(r"\s*,\s*(?:(?:a|an|the)\s+[\w\s'’-]{0,40}?)?", gap))
                              or (passive and re.fullmatch(r"[^,.;]{0,20},\s*(?:a|an|the|its|their)\s+[\w\s'’-]{0,60}", gap))):
            continue
        if len(gap) > (90 if passive else 160) or re.search(r"[;:]", gap):
            return None
        m = re.search(r"\bwho\b", gap)
        if m and len(re.findall(r"[A-Za-z]+", gap[:m.start()])) > 2:
            return None
        if passive and (re.search(r"\b(?:had|has|have)\b", gap) or re.match(r"\s*,\s*(?:with|and|but|while|although)\b", gap)):
            return None
        if passive and re.match(r"['’]s\b", gap):
            continue  # "the council's team, was funded by": the council is a modifier
        if passive and re.fullmatch(r"\s+and\s+", gap) and re.search(r"\b(?:at|in|within|across)\s+(?:the\s+)?$", text[:slots[i].start]):
            continue  # "a team based at X Hospital and run by Y": X is a place
        if passive and re.match(r"\s*,\s*(?:was|were|is|are|had\s+been|has\s+been)\b", gap):
            # "X, one of four groups of the Y, was chaired by": the topic is X
            comma = text.rfind(",", 0, slots[i].start)
            prior = [k for k in before if slots[k].end <= comma and comma - slots[k].end <= 3]
            if prior:
                return prior[-1]
        return i
    return None


def _first_after(slots: list[Slot], after: list[int], te: int, text: str, reach: int = 60) -> int | None:
    if not after:
        return None
    i = after[0]
    gap = text[te:slots[i].start]
    if len(gap) > reach or re.search(r"[;:.]|\b(?:which|who|that|but|while|whilst|although)\b|\band\s+[a-z]+ed\b", gap):
        return None
    # "with the local authority's X team" -> X team
    if i + 1 < len(slots) and re.fullmatch(r"['’]s\s+", text[slots[i].end:slots[i + 1].start]):
        return i + 1
    return i


def _promote(table: EntityTable, sl: Slot, label: str, si: int, promoted: list[Group]) -> str:
    c = sl.cand
    assert c is not None
    if c.kind == "place":
        key = "la::" + match_key(c.name)
        label = "LocalAuthority"
    else:
        key = match_key(c.name)
        longer = [k for k, g in table.groups.items() if k.startswith(key + " ") and g.merged_into is None
                  and g.label in ("NHSBody", "VoluntaryOrganisation", "PublicAgency")]
        if len(longer) == 1 and len(key.split()) >= 2:
            key = longer[0]  # "Mersey Care" for "Mersey Care NHS Foundation Trust"
    g = table.groups.get(key)
    if g is None:
        g = table.groups[key] = Group(key, label)
        promoted.append(g)
    g.names.append(c.text if c.kind == "place" else c.name)
    g.mentions.append((Candidate(c.start, c.end, c.text, label, c.rule, c.name, "name"), si))
    sl.keys = (table.find(key),)
    return table.find(key)


def _agreements(slots, text, resolver, council, emit, keys_of) -> None:
    """Parties to an agreement: "a section 75 agreement between the council and the ICB"."""
    for i, sl in enumerate(slots):
        if not sl.keys or resolver.label(sl.keys[0]) != "Agreement":
            continue
        agreement = list(sl.keys)
        um = re.search(r"\b(?:under|through|via)\s+(?:a|an|the|their|its)\s+$", text[:sl.start])
        pre = [k for k in range(i) if slots[k].end <= (um.start() if um else 0)]
        if um and pre and um.start() - slots[pre[-1]].end <= 2:
            emit(keys_of([pre[-1]], "VoluntaryOrganisation"), "partyTo", agreement, "rel.partyto.under")
        m = re.match(r"\s+(?:\w+\s+){0,3}?(between|with)\s+(?:the\s+)?", text[sl.end:])
        if m and i + 1 < len(slots) and slots[i + 1].start <= sl.end + m.end() + 4:
            parties = keys_of(_group_right(slots, i + 1, text), "LocalAuthority")
            if m.group(1) == "with" and council:
                parties.append(council)
            emit(parties, "partyTo", agreement, "rel.partyto.between")
            continue
        hm = re.search(r"(?:had|have|has|signed|held|agreed|entered\s+into|operated)\s+(?:a|an|the|their|joint)?\s*$", text[:sl.start])
        prev = [k for k in range(i) if slots[k].end <= sl.start]
        if hm and prev and slots[prev[-1]].end >= hm.start() - 2:
            parties = keys_of(_group_left(slots, prev[-1], text), "LocalAuthority")
            emit(parties, "partyTo", agreement, "rel.partyto.had")
            if council in parties:
                continue
        named = " ".join(resolver.table.groups[resolver.table.find(agreement[0])].names).lower()
        mentions_council = any(council in s.keys for s in slots)
        if council and (mentions_council or "section 75" in named) and not _blocked(text, 0, len(text), resolver.rules):
            emit([council], "partyTo", agreement, "rel.partyto.council")


def _possessives(slots, text, resolver, council, emit, keys_of, label_of) -> None:
    """ "the council's X Team" -> partOf; "the council's X service" / "X, the council's ..." -> delivers."""
    for i, sl in enumerate(slots):
        if not sl.keys or i + 1 >= len(slots):
            continue
        owner = sl.keys[0]
        if resolver.label(owner) == "Board" and re.fullmatch(r"['’]s\s+", text[sl.end:slots[i + 1].start]):
            emit(keys_of([i + 1], "Board"), "partOf", [owner], "rel.partof.possessive")  # "the partnership's Care Board"
            continue
        if resolver.label(owner) != "LocalAuthority":
            continue
        gap = text[sl.end:slots[i + 1].start]
        if re.fullmatch(r"['’]s\s+(?:own\s+|in-house\s+|new\s+)?['‘]?", gap):
            target = keys_of([i + 1], "Scheme")
            for t in target:
                if t.startswith("\x00"):
                    name = (slots[i + 1].cand.name if slots[i + 1].cand else "").lower()
                else:
                    name = " ".join(resolver.table.groups[resolver.table.find(t)].names[:1]).lower()
                lab = label_of(t)
                if lab in ("Board",) or re.search(r"\b(?:team|teams|committee|directorate|department|unit)\b", name):
                    emit([t], "partOf", [owner], "rel.partof.possessive", loose=True)
                elif lab == "Scheme":
                    emit([owner], "delivers", [t], "rel.delivers.possessive")
    for i, sl in enumerate(slots):
        im = re.match(r",\s+(?:its|their)\s+(?:[\w-]+\s+){0,4}?(?:service|programme|scheme|project|directory|team|initiative|helpline|platform|pilot)\b", text[sl.end:])
        if im and i > 0 and slots[0].keys and label_of(slots[0].keys[0]) == "LocalAuthority" and (sl.keys or sl.cand):
            emit(slots[0].keys[:1], "delivers", keys_of([i], "Scheme"), "rel.delivers.its")
    for i, sl in enumerate(slots[1:], 1):
        prev = slots[i - 1]
        if not sl.keys or resolver.label(sl.keys[0]) != "LocalAuthority":
            continue
        gap = _PAREN_RE.sub("", text[prev.end:sl.start])
        tail = re.match(r"['’]s\s+((?:[\w-]+\s+){0,5}?)(service|directory|centre|programme|scheme|team|platform|line|website|"
                        r"company|provider|subsidiary)\b", text[sl.end:])
        if re.fullmatch(r",\s+(?:the\s+)?", gap) and tail:
            # "X, the council's online directory" -> delivers; "X, the council's reablement team" -> partOf
            target = keys_of([i - 1], "Scheme")
            if tail.group(2) in ("team", "subsidiary") or "owned" in tail.group(1):
                emit(target, "partOf", [sl.keys[0]], "rel.partof.appositive", loose=True)
            else:
                emit([sl.keys[0]], "delivers", target, "rel.delivers.appositive")
