"""Typed relations from trigger phrases, with voice, lists, relative clauses and anaphora."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Relation, Report
from .entities import EntityTable, Group
from .mentions import Candidate
from .names import match_key
from .rules import Rules, Trigger

__all__ = ["find_relations", "PendingRelation"]

ORG = frozenset({"LocalAuthority", "NHSBody", "Board", "VoluntaryOrganisation", "PublicAgency"})
ANY = frozenset({"LocalAuthority", "NHSBody", "Board", "VoluntaryOrganisation", "PublicAgency", "Fund",
                 "Scheme", "Strategy", "Agreement"})
# allowed (subject types, object types) per predicate
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "partnersWith": (ORG | {"Scheme"}, ORG | {"Scheme"}),
    "memberOf": (ORG | {"Scheme"}, frozenset({"Board", "NHSBody", "Scheme"})),
    "chairs": (ORG, frozenset({"Board", "Scheme"})),
    "funds": (ORG | {"Fund"}, ANY - {"Fund", "Agreement"}),
    "commissions": (frozenset({"LocalAuthority", "NHSBody", "PublicAgency", "Board"}), ANY - {"Fund", "Agreement", "LocalAuthority"}),
    "delivers": (ORG | {"Scheme"}, frozenset({"Scheme", "NHSBody", "Strategy"})),
    "oversees": (frozenset({"Board", "NHSBody", "LocalAuthority", "PublicAgency"}),
                 frozenset({"Board", "Scheme", "Strategy", "Fund", "Agreement"})),
    "partyTo": (ORG, frozenset({"Agreement"})),
    "partOf": (ANY - {"Fund", "Strategy", "Agreement"}, frozenset({"LocalAuthority", "NHSBody", "Board", "Scheme"})),
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


def _tone(text: str, rules: Rules, spans: list[tuple[int, int]] = ()) -> str:
    """positive / negative / mixed / neutral from cue words outside entity names."""
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    pos = sum(len(c.pattern.findall(text)) for c in rules.cues_of("positive"))
    neg = sum(len(c.pattern.findall(text)) for c in rules.cues_of("negative"))
    if pos and (neg or (any(c.pattern.search(text) for c in rules.cues_of("contrast"))
                        and any(c.pattern.search(text) for c in rules.cues_of("negation")))):
        return "mixed"
    return "positive" if pos else "negative" if neg else "neutral"


def _blocked(text: str, lo: int, hi: int, rules: Rules) -> bool:
    window = text[max(0, lo):hi]
    return any(c.pattern.search(window) for c in rules.cues_of("negation") + rules.cues_of("hedge"))


class _Resolver:
    """Keeps the report-order history of entity mentions for anaphora."""

    def __init__(self, table: EntityTable, rules: Rules):
        self.table = table
        self.rules = rules
        self.history: list[tuple[int, str, int]] = []  # (position, group key, sentence)

    def label(self, key: str) -> str:
        return self.table.groups[self.table.find(key)].label

    def last(self, label: str | None, before: int, exclude_council: bool = True, sentence: int | None = None,
             noun: str | None = None) -> str | None:
        if noun:
            for pos, key, si in reversed(self.history):
                g = self.table.groups[self.table.find(key)]
                if pos < before and g.label == label and g.names and max(g.names, key=len).lower().endswith(noun):
                    return self.table.find(key)
        for pos, key, si in reversed(self.history):
            if pos >= before:
                continue
            if sentence is not None and si < sentence:
                break
            g = self.table.groups[self.table.find(key)]
            if exclude_council and g.is_council:
                continue
            if label is None or g.label == label:
                return self.table.find(key)
        return None

    def topic(self, sentence: int) -> str | None:
        """The first non-council body mentioned in a sentence."""
        for pos, key, si in self.history:
            if si == sentence:
                g = self.table.groups[self.table.find(key)]
                if not g.is_council and g.label != "Fund":
                    return self.table.find(key)
        return None

    def last_distinct(self, n: int, before: int, sentence: int) -> tuple[str, ...]:
        out: list[str] = []
        for pos, key, si in reversed(self.history):
            if pos >= before or si < sentence - 1:
                continue
            k = self.table.find(key)
            if self.label(k) in ORG and k not in out:
                out.append(k)
            if len(out) == n:
                break
        return tuple(out) if len(out) == n else ()


def _slots(cands: list[Candidate], table: EntityTable, offset: int, resolver: _Resolver, si: int) -> list[Slot]:
    by_span: dict[tuple[int, int], str] = {}
    for k, g in table.groups.items():
        for c, _ in g.mentions:
            by_span[(c.start, c.end)] = k
    slots: list[Slot] = []
    for c in cands:
        s, e = c.start - offset, c.end - offset
        key = by_span.get((c.start, c.end))
        if key is not None:
            slots.append(Slot(s, e, (table.find(key),)))
        elif c.kind == "anaphor":
            if c.label == "*":
                here = [sl.keys[0] for sl in slots if sl.keys and len(sl.keys) == 1 and sl.end <= s
                        and not table.groups[table.find(sl.keys[0])].is_council
                        and table.groups[table.find(sl.keys[0])].label not in ("Fund",)]
                k = here[0] if here and not c.text.startswith("It") else resolver.topic(si - 1)
            else:
                k = resolver.last(c.label, c.start, noun=c.text.lower().split()[-1])
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


def find_relations(report: Report, per_sentence: list[list[Candidate]], table: EntityTable,
                   rules: Rules) -> tuple[tuple[PendingRelation, ...], list[Group]]:
    """Relations of a report from its per-sentence candidates and entity groups."""
    resolver = _Resolver(table, rules)
    rels: list[PendingRelation] = []
    promoted: list[Group] = []
    council = table.council_key
    for sent, cands in zip(report.sentences, per_sentence):
        text = sent.text
        slots = _slots(cands, table, sent.start, resolver, sent.index)
        tone = _tone(text, rules, [(sl.start, sl.end) for sl in slots])

        def keys_of(ixs: list[int], as_label: str | None) -> list[str]:
            out = []
            for i in ixs:
                sl = slots[i]
                if sl.keys:
                    out.extend(sl.keys)
                elif sl.cand is not None and as_label is not None:
                    out.append(f"\x00{i}\x00{'LocalAuthority' if sl.cand.kind == 'place' else as_label}")
            return out

        def label_of(k: str) -> str:
            return k.split("\x00")[2] if k.startswith("\x00") else resolver.label(k)

        def real(k: str) -> str:
            if not k.startswith("\x00"):
                return k
            _, i, lab = k.split("\x00")
            sl = slots[int(i)]
            return sl.keys[0] if sl.keys else _promote(table, sl, lab, sent.index, promoted)

        def emit(subj: list[str], pred: str, obj: list[str], rule: str, loose: bool = False) -> None:
            for s in subj:
                for o in obj:
                    if s == o:
                        continue
                    ls, lo = label_of(s), label_of(o)
                    p = pred
                    if pred in ("memberOf", "partOf"):
                        p = _member_or_part(ls, lo, rule)
                    sig = SIGNATURES[p]
                    if not loose and (ls not in sig[0] or lo not in sig[1]):
                        continue
                    s, o = real(s), real(o)
                    if s == o:
                        continue
                    if p == "delivers" and ls == "Scheme":
                        sg = table.groups[table.find(s)]
                        if sg.names and re.search(r"\bPartnership$", max(sg.names, key=len)):
                            sg.label = "Board"
                    if p in ("chairs", "memberOf") and lo == "Scheme":
                        og = table.groups[table.find(o)]
                        if not og.names or not re.search(r"\bPartnership\b", max(og.names, key=len)):
                            continue
                        og.label = "Board"
                    rels.append(PendingRelation(s, p, o, sent.index, sent.start, sent.end, text, rule, tone))

        used_obj: set[int] = set()
        last_passive: list[str] = []
        by_args: set[int] = set()
        consumed: list[tuple[int, int]] = []
        matches = [(t, m) for t, m in _trigger_matches(text, rules)
                   if not any(sl.start <= m.start() < sl.end or sl.start < m.end() <= sl.end for sl in slots)]
        for trig, m in matches:
            ts, te = m.start(), m.end()
            if any(a <= ts < b for a, b in consumed):
                continue
            before = [i for i, sl in enumerate(slots) if sl.end <= ts]
            after = [i for i, sl in enumerate(slots) if sl.start >= te]
            prev_end = slots[before[-1]].end if before else 0
            if _blocked(text, max(prev_end, ts - 45), te, rules):
                continue
            v = trig.voice
            obj_label = "Scheme"
            if v == "active" and trig.predicate not in ("partnersWith", "memberOf", "partOf", "oversees") and re.search(
                    r"\b(?:was|were|been|is|are|be|being)\s+(?:\w+ly\s+)?$", text[:ts]):
                # a passive without "by": "X was delivered in partnership with Y"
                wm = re.match(r"\s+(?:\w+ly\s+)?(?:in\s+partnership\s+with|jointly\s+with|together\s+with|with)\s+", text[te:])
                left = _nearest_before(slots, before, used_obj, text, ts, passive=True)
                doers = _at(slots, after, te + wm.end()) if wm else []
                if left is not None and doers:
                    robj = _group_right(slots, doers[0], text)
                    emit(keys_of(robj, "VoluntaryOrganisation"), trig.predicate, keys_of(_group_left(slots, left, text), "Scheme"), trig.id)
                    consumed.append((te, te + wm.end()))
                    used_obj.update(robj)
                continue
            if v == "active":
                right = _first_after(slots, after, te, text)
                skip = used_obj - by_args if trig.id == "rel.partners.on_behalf_of" else used_obj
                infinitive = re.search(r"\bto\s+(?:\w+ly\s+)?$", text[:ts]) is not None
                if infinitive:
                    skip = set()  # "funded X to run Y": X runs Y
                left = _nearest_before(slots, before, skip, text, ts, appos=trig.predicate in ("partOf", "memberOf"))
                # relative clause: "P, which S chaired (with Z)"
                if left is not None:
                    lg = _group_left(slots, left, text)
                    pre = text[:slots[lg[0]].start]
                    if _REL_PRONOUN_RE.search(pre) and lg[0] > 0 and trig.predicate != "partnersWith":
                        topic = _group_left(slots, lg[0] - 1, text)
                        subj = keys_of(lg, "VoluntaryOrganisation")
                        if right is not None and re.match(r"\s*(?:jointly\s+|together\s+)?(?:with|alongside)\s+(?:the\s+)?$", text[te:slots[right].start]):
                            subj += keys_of(_group_right(slots, right, text), "LocalAuthority")
                            consumed.append((te, slots[right].start))
                            if trig.predicate == "delivers" and len(subj) > 1:
                                emit(subj[:1], "partnersWith", subj[1:], trig.id)
                        emit(subj, trig.predicate, keys_of(topic, obj_label), trig.id)
                        continue
                if right is None:
                    continue
                robj = _group_right(slots, right, text)
                obj = keys_of(robj, obj_label)
                if trig.predicate in ("memberOf", "chairs") and slots[right].pronoun:
                    board = resolver.last("Board", sent.start + ts)
                    obj = [board] if board else obj
                if left is None:
                    if (trig.predicate == "partnersWith" and council and not re.search(r"\b(?:we|staff|people|partners)\b", text[:ts], re.I)
                            and (trig.id in ("rel.partners.relationship_with", "rel.partners.in_partnership_with") or len(text[:ts].split()) <= 4)
                            and not re.search(r"\bwho\b", text[:ts])):
                        subj = [council]
                    else:
                        continue
                else:
                    lone = re.search(r"\bwho\b|\(", text[slots[left].end:ts])
                    subj = keys_of([left] if lone else _group_left(slots, left, text, used_obj), "VoluntaryOrganisation")
                    if before and before[-1] in used_obj and before[-1] != left and re.fullmatch(r"\s+to\s+", text[slots[before[-1]].end:ts]):
                        subj += keys_of([before[-1]], "VoluntaryOrganisation")
                    if infinitive and left in used_obj and re.search(r"\bwith\s+(?:the\s+)?$", text[:slots[left].start]):
                        partner = _nearest_before(slots, [b for b in before if b < left], used_obj, text, slots[left].start)
                        if partner is not None:
                            subj += keys_of([partner], "VoluntaryOrganisation")
                used_obj.update(robj)
                if (trig.predicate == "partnersWith" and council and m.group(0).lower().startswith("arrangement")
                        and subj and all(label_of(k) == "Scheme" for k in subj)):
                    emit([council], "partnersWith", obj, trig.id)
                    emit(obj + [council], "delivers", subj, trig.id)
                    continue
                emit(subj, trig.predicate, obj, trig.id)
                _tails(slots, robj, after, text, subj, obj, trig, emit, keys_of, consumed)
                # "A delivered X together with B" -> B delivers X too, and partners A
                tail = slots[robj[-1]].end
                tm = re.match(r"\s+(?:together|jointly|in\s+partnership)\s+with\s+(?:the\s+)?", text[tail:])
                if tm and trig.predicate in ("delivers", "commissions", "funds"):
                    consumed.append((tail, tail + tm.end()))
                    extra = [i for i in after if slots[i].start >= tail + tm.end() - 1][:1]
                    if extra:
                        ek = keys_of(_group_right(slots, extra[0], text), "Scheme")
                        emit(ek, trig.predicate, obj, trig.id)
                        emit(subj, "partnersWith", ek, trig.id)
            elif v in ("passive", "post"):
                if v == "post":
                    left = _nearest_before(slots, before, set(), text, ts)
                    if left is None or not slots:
                        continue
                    emit(keys_of([left], "Scheme"), trig.predicate, keys_of([0], "Scheme"), trig.id)
                    continue
                right = _first_after(slots, after, te, text)
                if right is None:
                    continue
                robj = _group_right(slots, right, text)
                subj = keys_of(robj, "VoluntaryOrganisation")
                left = _nearest_before(slots, before, used_obj, text, ts, passive=True)
                used_obj.update(robj)
                by_args.update(robj)
                if last_passive and re.search(r"\band\s+(?:was\s+|were\s+|then\s+|also\s+)?$", text[:ts]):
                    obj = last_passive  # "commissioned by A and delivered by B"
                elif left is None:
                    continue
                else:
                    obj = keys_of(_group_left(slots, left, text), obj_label)
                last_passive = obj
                emit(subj, trig.predicate, obj, trig.id)
                _tails(slots, robj, after, text, obj, obj, trig, emit, keys_of, consumed)
                if len(subj) > 1 and trig.predicate == "delivers" and re.search(r"jointly|together|co-", text[max(0, ts - 12):slots[robj[0]].start]):
                    emit(subj[:1], "partnersWith", subj[1:], trig.id)
                # "funded by the council ... through the Better Care Fund"
                fm = re.match(r"\s+(?:through|from|using|via)\s+(?:the\s+)?", text[slots[robj[-1]].end:])
                if trig.predicate == "funds" and fm:
                    nxt = [i for i in after if slots[i].start == slots[robj[-1]].end + fm.end()]
                    if nxt:
                        fund = [k for k in keys_of(nxt, None) if label_of(k) == "Fund"]
                        emit(fund, "funds", obj, trig.id)
                # "delivered by A in partnership with B"
                tail = slots[robj[-1]].end
                tm = re.match(r"(?:\s+[a-z-]+){0,3}?\s+(?:in\s+partnership|together|jointly|working)\s+with\s+(?:the\s+)?", text[tail:])
                if tm and trig.predicate == "delivers":
                    consumed.append((tail, tail + tm.end()))
                    extra = [i for i in after if slots[i].start >= tail + tm.end() - 1][:1]
                    if extra:
                        ek = keys_of(_group_right(slots, extra[0], text), "Scheme")
                        emit(ek, "delivers", obj, trig.id)
                        emit(subj, "partnersWith", ek, trig.id)
            elif v == "members":
                boards = [i for i in before if slots[i].keys and resolver.label(slots[i].keys[0]) == "Board"]
                left = boards[-1] if boards else (before[0] if before else None)
                right = _first_after(slots, after, te, text, reach=200)
                if right is not None and re.search(r",\s+(?:and\s+)?(?:was|were|had|has|is)\b", text[te:slots[right].start]):
                    right = None
                if left is None or right is None:
                    continue
                grp = keys_of([left], "Board")
                members: list[str] = []
                members += keys_of(_group_right(slots, right, text), "Scheme")
                if re.search(r"\bboth\s+(?:local\s+authorities|councils)\b", text[te:]) and council:
                    members += [council] + [k for sl in slots for k in sl.keys if resolver.label(k) == "LocalAuthority" and k != council]
                if grp and label_of(grp[0]) == "Fund":
                    emit(grp, "funds", [m if not m.startswith("\x00") else m.rsplit("\x00", 1)[0] + "\x00Scheme" for m in members], trig.id)
                else:
                    emit(members, "memberOf", grp, trig.id)
            elif v == "members_front":
                # "Members of the X Board include(d) A, B and C"
                grp_i = _first_after(slots, after, te, text, reach=8)
                im = re.search(r"\b(?:include[sd]?|including|were|are|comprise[sd]?)\s+", text[te:])
                if grp_i is None or not im:
                    continue
                mem = _at(slots, after, te + im.end())
                if mem:
                    emit(keys_of(_group_right(slots, mem[0], text), "VoluntaryOrganisation"), "memberOf",
                         keys_of([grp_i], "Board"), trig.id)
            elif v == "passive_list":
                right = _first_after(slots, after, te, text, reach=40)
                if right is not None and not slots[right].pronoun:
                    grp = keys_of([right], "Board")
                else:
                    last = resolver.last("Board", sent.start)
                    grp = [last] if last else []
                depth, members = 0, []
                for i in before:
                    depth = text[:slots[i].start].count("(") - text[:slots[i].start].count(")")
                    if depth <= 0:
                        members += keys_of([i], "VoluntaryOrganisation")
                emit(members, "memberOf", grp, trig.id)
            elif v == "joint_members":
                right = _first_after(slots, after, te, text, reach=40)
                if right is None:
                    continue
                members = [k for i in before for k in keys_of([i], None) if label_of(k) in ORG]
                emit(members, "memberOf", keys_of(_group_right(slots, right, text), "Board"), trig.id)
            elif v == "reverse":
                right = _first_after(slots, after, te, text, reach=20)
                if right is None:
                    continue
                fund = [k for k in keys_of([right], None) if label_of(k) == "Fund"]
                if not fund:
                    continue
                used_obj.add(right)
                left = _nearest_before(slots, before, used_obj, text, ts)
                subj = keys_of(_group_left(slots, left, text), "Scheme") if left is not None else ([council] if council else [])
                im = re.match(r"[^.;]{0,60}?\bto\s+(?:invest\s+in|fund|pay\s+for|support|provide)\b[^.;]{0,80}?(?:for\s+example|such\s+as|including)\s+(?:the\s+)?", text[slots[right].end:])
                nxt = [i for i in after if im and slots[i].start >= slots[right].end + im.end() - 1][:1]
                if im and nxt and slots[nxt[0]].start <= slots[right].end + im.end() + 2:
                    tgt = keys_of(_group_right(slots, nxt[0], text), "Scheme")
                    emit(fund, "funds", tgt, trig.id)
                    emit(subj, "funds", tgt, trig.id)
                    continue
                emit(fund, "funds", subj, trig.id)
            elif v == "fund_list":
                left = _nearest_before(slots, before, set(), text, ts)
                right = _first_after(slots, after, te, text, reach=60)
                if left is None or right is None:
                    continue
                emit(keys_of([left], None), "funds", keys_of(_group_right(slots, right, text), "Scheme"), trig.id)
            elif v == "between":
                right = _first_after(slots, after, te, text, reach=12)
                if right is None:
                    continue
                parties = keys_of(_group_right(slots, right, text), "LocalAuthority")
                for a in range(len(parties)):
                    emit(parties[a:a + 1], trig.predicate, parties[a + 1:], trig.id)
            elif v == "by_with":
                right = _first_after(slots, after, te, text)
                if right is None:
                    continue
                robj = _group_right(slots, right, text)
                subj = keys_of(robj, "VoluntaryOrganisation")
                wm = re.match(r"\s+(?:jointly\s+|together\s+)?(?:with|alongside|and)\s+(?:the\s+)?", text[slots[robj[-1]].end:])
                nxt = [i for i in after if wm and slots[i].start == slots[robj[-1]].end + wm.end()]
                others = keys_of(_group_right(slots, nxt[0], text), "VoluntaryOrganisation") if nxt else []
                group = subj + others
                for a in range(len(group)):
                    emit(group[a:a + 1], "partnersWith", group[a + 1:], trig.id)
            elif v == "subject_pair":
                left = _nearest_before(slots, before, used_obj, text, ts)
                if left is None:
                    continue
                pair = keys_of(_group_left(slots, left, text), "VoluntaryOrganisation")
                if len(pair) == 1 and council and pair[0] != council:
                    pair = [council] + pair
                for a in range(len(pair)):
                    emit(pair[a:a + 1], "partnersWith", pair[a + 1:], trig.id)
            elif v == "to_council":
                left = _nearest_before(slots, before, used_obj, text, ts)
                if left is None or not council:
                    continue
                emit(keys_of(_group_left(slots, left, text), "VoluntaryOrganisation"), "funds", [council], trig.id)
            elif v == "was_its_chair":
                left = _nearest_before(slots, before, used_obj, text, ts)
                board = resolver.last("Board", sent.start + ts)
                if left is not None and board:
                    emit(keys_of([left], "VoluntaryOrganisation"), "chairs", [board], trig.id)
            elif v == "its_chair":
                right = _first_after(slots, after, te, text)
                if right is None or not slots:
                    continue
                emit(keys_of([right], "Scheme"), "chairs", keys_of([0], None), trig.id)
        _agreements(slots, text, resolver, council, emit, keys_of)
        _possessives(slots, text, resolver, council, emit, keys_of, label_of)
        for sl in slots:
            for k in sl.keys:
                resolver.history.append((sent.start + sl.start, k, sent.index))
    return tuple(rels), promoted


def _at(slots: list[Slot], after: list[int], pos: int) -> list[int]:
    """The slot starting at ``pos`` (allowing a leading article)."""
    return [i for i in after if pos <= slots[i].start <= pos + 4][:1]


def _tails(slots, robj, after, text, subj, obj, trig, emit, keys_of, consumed) -> None:
    """ "... alongside the council" adds a member; "... X to provide Y" makes X deliver Y."""
    tail = slots[robj[-1]].end
    am = re.match(r"\s+alongside\s+", text[tail:])
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
    pm = re.match(r"\s+to\s+(?:provide|run|deliver|operate|host|lead|manage)\s+(?:the\s+|a\s+|an\s+)?", text[tail:])
    nxt = _at(slots, after, tail + pm.end()) if pm else []
    if pm and nxt and trig.predicate in ("funds", "commissions", "partnersWith"):
        doer = [k for i in robj for k in keys_of([i], "VoluntaryOrganisation")] if subj is not obj else subj
        emit(doer, "delivers", keys_of(nxt, "Scheme"), trig.id)
        consumed.append((tail, tail + pm.end()))


def _member_or_part(ls: str, lo: str, rule: str) -> str:
    if rule in ("rel.member.chairing_groups", "rel.member.through") or (rule == "rel.member.part_of" and lo != "LocalAuthority"):
        return "memberOf"
    if lo == "Board" and ls != "Board":
        return "memberOf"
    if lo in ("Scheme",) and "member" in rule:
        return "memberOf"
    return "partOf"


def _trigger_matches(text: str, rules: Rules) -> list[tuple[Trigger, re.Match]]:
    found: list[tuple[Trigger, re.Match]] = []
    for t in rules.triggers:
        if t.voice == "agreement":
            continue
        for m in t.pattern.finditer(text):
            if m.end() > m.start():
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
        if i in used and not (re.fullmatch(r"\s*,?\s*(?:which|who|that)\s+(?:(?:in\s+turn|also)\s+)?(?:(?:was|were|is|are|had\s+been|has\s+been)\s+)?(?:also\s+|then\s+)?", gap)
                              or (appos and re.fullmatch(r"\s*,\s*", gap))
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
        if len(longer) == 1:
            key = longer[0]
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
        if re.fullmatch(r",\s+(?:the\s+)?", gap) and re.match(r"['’]s\s+(?:[\w-]+\s+){0,5}?(?:service|directory|centre|programme|scheme|team|platform|line|website)\b", text[sl.end:]):
            target = keys_of([i - 1], "Scheme")
            tail = re.match(r"['’]s\s+(?:[\w-]+\s+){0,5}?(service|directory|centre|programme|scheme|team|platform|line|website)\b", text[sl.end:])
            if tail and tail.group(1) == "team":
                emit(target, "partOf", [sl.keys[0]], "rel.partof.appositive", loose=True)
            else:
                emit([sl.keys[0]], "delivers", target, "rel.delivers.appositive")
