"""Typed relations from trigger phrases, with voice, lists, relative clauses and anaphora."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..model import Relation, Report
from .entities import EntityTable, Group
from .mentions import WEAK_HEADS, Candidate
from .names import match_key
from .prefilter import sentence_patterns
from .clauses import Clause, Previous, Slot, analyse, group_left, group_right
from .frames import PREPOSITIONS, Frame, Trigger
from .rules import Rules

__all__ = ["find_relations", "PendingRelation"]

ORG = frozenset({"LocalAuthority", "NHSBody", "Board", "VoluntaryOrganisation", "PublicAgency"})
ANY = frozenset({"LocalAuthority", "NHSBody", "Board", "VoluntaryOrganisation", "PublicAgency", "Fund",
                 "Scheme", "Strategy", "Agreement"})
# allowed (subject types, object types) per predicate
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "partnersWith": (ORG | {"Scheme"}, ORG | {"Scheme"}),
    "memberOf": (ORG | {"Scheme"}, frozenset({"Board", "NHSBody", "Scheme", "VoluntaryOrganisation", "PublicAgency"})),
    "chairs": (ORG, frozenset({"Board", "Scheme"})),
    "funds": (ORG | {"Fund"}, ANY - {"Fund", "Agreement"}),
    "commissions": (frozenset({"LocalAuthority", "NHSBody", "PublicAgency", "Board"}), ANY - {"Fund", "Agreement", "LocalAuthority"}),
    "delivers": (ORG | {"Scheme"}, frozenset({"Scheme", "NHSBody", "Strategy", "Fund"})),
    "oversees": (frozenset({"Board", "NHSBody", "LocalAuthority", "PublicAgency"}),
                 frozenset({"Board", "Scheme", "Strategy", "Fund", "Agreement"})),
    "partyTo": (ORG, frozenset({"Agreement"})),
    "partOf": (ANY - {"Fund", "Strategy", "Agreement"},
               frozenset({"LocalAuthority", "NHSBody", "Board", "Scheme", "PublicAgency"})),
}
_PAREN_RE = re.compile(r"^\s*\([^()]{1,40}\)")


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

    def last_distinct(self, n: int, before: int, sentence: int, kinds: frozenset[str] = ORG) -> tuple[str, ...]:
        out: list[str] = []
        history = self.history
        for j in range(bisect_left(self._positions, before) - 1, -1, -1):
            _, key, si = history[j]
            if si < sentence - 1:
                break  # sentence numbers never increase going back
            k = self.table.find(key)
            if self.label(k) in kinds and k not in out:
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
                if slots and slots[0].start <= 4 and slots[0].keys and len(slots[0].keys) == 1 and \
                        table.groups[table.find(slots[0].keys[0])].label == "Fund" and re.search(r",\s+and\s+$", text[:s]):
                    here = [slots[0].keys[0]]  # "The Better Care Fund was ..., and it funded X": the subject
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
            # "both councils", "the two authorities": two councils; "both organisations": any two bodies
            kinds = ({"LocalAuthority"} if re.search(r"council|authorit", c.text, re.I)
                     else {"NHSBody"} if re.search(r"trusts", c.text, re.I) else ORG)
            count = {"three": 3, "four": 4, "five": 5}.get(c.text.lower().split()[1], 2)
            here = []
            for sl in slots:
                for k in sl.keys:
                    if sl.end <= s and table.groups[table.find(k)].label in kinds and table.find(k) not in here:
                        here.append(table.find(k))
            ks = tuple(here[-count:]) if len(here) >= count else resolver.last_distinct(count, c.start, si, frozenset(kinds))
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


class _Sentence:
    """Per-sentence state shared by the frames: slots, used arguments, emitted relations."""

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
        self.prev: Previous | None = None  # the clause read before

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

    def emit(self, subj: list[str], pred: str, obj: list[str], rule: str, loose: bool = False,
             frame: Frame | None = None) -> None:
        """Record ``pred`` for every subject/object pair whose types fit the predicate's signature.

        With a ``frame``, its type limits apply and its ``if_object`` may change the predicate.
        """
        table = self.table
        for s in subj:
            for o in obj:
                if s == o:
                    continue
                ls, lo = self.label_of(s), self.label_of(o)
                p = frame.predicate_for(lo) if frame is not None else pred
                sig = SIGNATURES[p]
                if not loose and (ls not in sig[0] or lo not in sig[1]):
                    continue
                if frame is not None and ((frame.subject_types and ls not in frame.subject_types)
                                          or (frame.object_types and lo not in frame.object_types)):
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
    listing: tuple[Trigger, dict[str, list[str]], str] | None = None  # a lead-in ending in ":"
    next_list = None
    for sent, cands, sat in zip(report.sentences, per_sentence, sats):
        slots = _slots(cands, table, sent.start, resolver, sent.index, sent.text, by_span)
        st = _Sentence(sent, slots, table, resolver, rules, rels, promoted, sat)
        text = sent.text
        matches = _trigger_matches(text, rules, [(sl.start, sl.end) for sl in slots], sat)
        # the triggers an object is never read across (a bare verb form may be a noun: "a support service")
        st.trigger_spans = [(m.start(), m.end()) for t, m in matches
                            if not (t.kind == "verb" and m.group(0).split()[0].lower() in t.bases)
                            and m.group(0).lower() != "including"]
        for trig, m in matches:
            ts, te = m.start(), m.end()
            if any(a <= ts < b for a, b in st.consumed):
                continue
            before = [i for i, sl in enumerate(slots) if sl.end <= ts]
            prev_end = slots[before[-1]].end if before else 0
            if _blocked(text, max(prev_end, ts - 45), te, rules, sat):
                continue
            if trig.kind == "verb" and m.group(0).split()[0].lower() in trig.bases and _NOUN_BEFORE.search(text[:ts]):
                continue  # "the offer", "the launch of": a noun, not the verb
            clause = analyse(slots, text, ts, te, trig.kind, trig.participles, trig.agent_re, trig.preps,
                             st.used_obj, st.trigger_spans, st.prev, trig.last_word)
            st.prev = Previous(te, trig.kind, clause)
            before_count = len(rels)
            _apply(st, trig, clause, ts, te)
            if len(rels) == before_count:
                st.consumed = [span for span in st.consumed if span not in clause.spans]  # read nothing
            if text.rstrip().endswith(":") and not any(sl.start >= te for sl in slots) and (
                    not clause.patient or clause.voice == "passive"):
                # "Its members included:" / "X is made up of:" and a bullet list: the items fill the gap
                lead = {r: st.keys_of(clause.role(r), "VoluntaryOrganisation")
                        for r in ("agent", "name", "theme", *clause.preps)}
                if clause.voice == "passive":
                    lead["patient"] = st.keys_of(clause.patient, "Board")
                next_list = (trig, lead, clause.voice)
        if listing is not None and slots and _BULLET.match(text) and slots[0].start <= _BULLET.match(text).end() + 4:
            items = group_right(slots, 0, text)
            item_clause = Clause(listing[2], patient=[] if listing[2] == "passive" else items)
            if listing[0].last_word in PREPOSITIONS:
                item_clause.preps[listing[0].last_word] = items  # "is made up of:" + items
            _apply(st, listing[0], item_clause, 0, 0, fixed={r: k for r, k in listing[1].items()
                                                                 if r != listing[0].last_word})
        elif not _BULLET.match(text):
            listing = None
        if next_list is not None:
            listing, next_list = next_list, None
        _agreements(slots, text, resolver, council, st.emit, st.keys_of)
        _possessives(slots, text, resolver, council, st.emit, st.keys_of, st.label_of)
        for sl in slots:
            for k in sl.keys:
                resolver.add(sent.start + sl.start, k, sent.index)
    return tuple(rels), promoted


#: The type an unknown capitalised name takes when it fills a predicate's object.
_OBJECT_PROMOTE = {"partnersWith": "VoluntaryOrganisation", "memberOf": "Board", "chairs": "Board",
                   "funds": "VoluntaryOrganisation",
                   "commissions": "VoluntaryOrganisation", "delivers": "Scheme", "oversees": "Scheme", "partyTo": None,
                   "partOf": "Board"}
_ORGS_LIST = re.compile(r"\b(?:providers?|organisations?|charities|charity|groups|partners|agencies|companies)\s+"
                        r"(?:such\s+as|including|like)\b", re.I)
_TO_DO = re.compile(r"\s+(?:\([^()]{1,40}\)\s+)?to\s+(?:[a-z]+ly\s+)?(?:provide|deliver|run|operate|support|"
                    r"offer|manage|host|lead|coordinate|co-ordinate|carry\s+out|help|work|develop|expand)\b", re.I)
_BULLET = re.compile(r"\s*(?:[-•*–▪]|\d{1,2}[.)])\s+")
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|its|their|this|our|his|her)\s+(?:[a-z-]+\s+)?$", re.I)
_AND_BEFORE = re.compile(r"\band\s+(?:was\s+|were\s+|is\s+|are\s+|then\s+|also\s+)?$")


def _unique(ixs: list[int]) -> list[int]:
    out: list[int] = []
    for i in ixs:
        if i not in out:
            out.append(i)
    return out


def _apply(st: _Sentence, trig: Trigger, clause: Clause, ts: int, te: int,
           fixed: dict[str, list[str]] | None = None) -> None:
    """Emit what each frame of ``trig`` reads from the clause's roles.

    ``fixed`` gives roles already read, as keys (a list item's lead-in sentence).
    """
    text = st.text
    st.consumed.extend(clause.spans)
    if clause.voice == "passive":
        st.used_obj.update(clause.agent)
    elif trig.kind != "noun" and clause.patient and all(st.slots[i].start >= te for i in clause.patient):
        st.used_obj.update(clause.patient)
    orgs = bool(clause.patient and _ORGS_LIST.search(text[te:st.slots[clause.patient[0]].start]))
    # "funded X to run Y": X is an organisation, whatever its name looks like
    to_do = bool(clause.patient and _TO_DO.match(text, st.slots[clause.patient[-1]].end))
    orgs = orgs or to_do
    if to_do and trig.predicate in ("funds", "commissions", "partnersWith"):
        for i in clause.patient:  # "commissioned Trafford Domestic Abuse Services to provide ...": a provider
            for k in st.slots[i].keys:
                g = st.table.groups[st.table.find(k)]
                if g.label == "Scheme" and g.names and max(g.names, key=len).split()[-1] in WEAK_HEADS:
                    g.label = "VoluntaryOrganisation"
    the_name = bool(clause.patient and re.search(r"\bthe\s+$", text[:st.slots[clause.patient[0]].start], re.I))
    patient_keys: list[str] | None = None
    if clause.voice == "passive" and not clause.patient:
        if st.last_passive and _AND_BEFORE.search(text[:ts]):
            patient_keys = st.last_passive  # "commissioned by A and delivered by B"
    for f in trig.frames:
        if f.voice and f.voice != clause.voice:
            continue
        subj_label = f.promote_subject or "VoluntaryOrganisation"
        obj_label = f.promote_object or ("VoluntaryOrganisation" if orgs else _OBJECT_PROMOTE[f.predicate])
        if obj_label == "VoluntaryOrganisation" and f.predicate in ("funds", "commissions") and not orgs and the_name:
            obj_label = "Scheme"  # "funded the Carers Prescription": a thing; "funded Help and Care": a body

        def keys(roles: tuple[str, ...], label: str | None) -> list[str]:
            out: list[str] = []
            for r in roles:
                if r == "patient" and patient_keys is not None:
                    out += patient_keys
                    continue
                if fixed is not None and r not in clause.preps and not (r == "patient" and clause.patient):
                    out += fixed.get(r, [])
                    continue
                if r == "council":
                    out += [st.council] if st.council else []
                    continue
                ixs = clause.role(r)
                if r == "agent" and clause.voice == "passive" and clause.agent_prep not in f.by:
                    ixs = []  # "funded from X" is not an agent for a frame whose passive takes "by" only
                if r == "agent" and f.predicate != "partnersWith":
                    ixs = ixs + clause.comitative
                if r == "agent" and not ixs and f.implicit == "council" and clause.implicit_ok and st.council:
                    out.append(st.council)  # "Relationships with the ICB were strong": the council's
                    continue
                if f.predicate in ("memberOf", "chairs") and r != "agent" and len(ixs) == 1 and st.slots[ixs[0]].pronoun:
                    board = st.resolver.last("Board", st.sent.start + ts)
                    out += [board] if board else []
                    continue
                out += st.keys_of(_unique(ixs), label)
            return list(dict.fromkeys(out))

        subj = keys(f.subject, subj_label)
        if f.pairs:
            group = subj
            if len(group) == 1 and f.implicit == "council" and st.council and group[0] != st.council:
                group = [st.council] + group
            # keys of one slot ("the three councils") are one side: paired with the others, not each other
            slots_read = {i for r in f.subject for i in clause.role(r)}
            together = {k: i for i in slots_read if len(st.slots[i].keys) > 1 and len(slots_read) > 1
                        for k in st.slots[i].keys}
            for a in range(len(group)):
                rest = [k for k in group[a + 1:] if k not in together or together.get(group[a]) != together[k]]
                st.emit(group[a:a + 1], f.predicate, rest, f.id, frame=f)
            continue
        obj = keys(f.object, obj_label)
        if not obj and f.implicit_object == "council":
            obj = [st.council] if st.council else []
        elif not obj and f.implicit_object:
            last = st.resolver.last(f.implicit_object, st.sent.start + ts)
            obj = [last] if last else []
        if clause.voice == "passive" and "patient" in f.object and obj:
            st.last_passive = obj
        st.emit(subj, f.predicate, obj, f.id, frame=f)
        agents = st.keys_of(clause.agent, subj_label)
        if not agents and clause.voice == "passive" and clause.comitative and clause.joint and st.council \
                and "agent" in f.subject and f.predicate == "delivers":
            agents = [st.council]  # "It was run jointly with Age UK": the council and Age UK
            st.emit(agents, f.predicate, obj, f.id, frame=f)
        if "agent" in f.subject and f.predicate in ("delivers", "commissions"):
            if clause.comitative and not clause.alongside and (f.predicate == "delivers" or clause.agent):
                # "A delivered X together with B": A and B work together
                st.emit(agents, "partnersWith", st.keys_of(clause.comitative, subj_label), f.id + "+with")
            if clause.joint and len(agents) > 1 and f.predicate == "delivers":  # "A and B jointly ran X"
                for a in range(len(agents)):
                    st.emit(agents[a:a + 1], "partnersWith", agents[a + 1:], f.id + "+jointly")


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
            parties = keys_of(group_right(slots, i + 1, text), "LocalAuthority")
            if m.group(1) == "with" and council:
                parties.append(council)
            emit(parties, "partyTo", agreement, "rel.partyto.between")
            continue
        hm = re.search(r"(?:had|have|has|signed|held|agreed|entered\s+into|operated)\s+(?:a|an|the|their|joint)?\s*$", text[:sl.start])
        prev = [k for k in range(i) if slots[k].end <= sl.start]
        if hm and prev and slots[prev[-1]].end >= hm.start() - 2:
            parties = keys_of(group_left(slots, prev[-1], text), "LocalAuthority")
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
                        r"company|provider|subsidiary|door|hub|gateway|point)\b", text[sl.end:])
        if re.fullmatch(r",\s+(?:the\s+)?", gap) and tail:
            # "X, the council's online directory" -> delivers; "X, the council's reablement team" -> partOf
            target = keys_of([i - 1], "Scheme")
            if tail.group(2) in ("team", "subsidiary") or "owned" in tail.group(1):
                emit(target, "partOf", [sl.keys[0]], "rel.partof.appositive", loose=True)
            else:
                emit([sl.keys[0]], "delivers", target, "rel.delivers.appositive")
