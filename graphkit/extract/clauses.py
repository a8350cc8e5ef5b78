"""A small clause analysis around a trigger: voice, arguments, lists, relatives, attachments.

The sentence is seen as text with *slots*: the spans of entity mentions (or of capitalised
names that could become entities). For a trigger match, ``analyse`` finds

* the **voice** of a verb trigger: passive after a form of "be" ("was funded by"), or a
  participle followed by its agent preposition ("X, run by Y");
* the name before the trigger in its clause (skipping appositives, "which"/"who" relatives,
  adverbs), with the names coordinated to its left ("A, B and C worked with ...");
* the first name after the trigger with its coordinated list, through "such as"/"including";
* a relative clause whose object is the head ("P, which S chaired");
* prepositional attachments later in the clause ("... with B through the Z Partnership");
* a comitative ("... together with B", "... in partnership with B", "... alongside B");
* an infinitive ("funded X to run Y": X runs Y) and joint agents ("A and B jointly ran X").

It returns the logical roles (``agent``, ``patient``, prepositions) as lists of slot indexes.
Negation and hedges are checked by the caller with the lexicon's cue words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .frames import PREPOSITIONS
from .mentions import Candidate

__all__ = ["Slot", "Clause", "Previous", "analyse", "group_left", "group_right", "nearest_before", "first_after", "at"]


@dataclass
class Slot:
    """An argument position in a sentence: one or more group keys (or a promotable candidate)."""

    start: int  # sentence-relative
    end: int
    keys: tuple[str, ...]
    cand: Candidate | None = None  # untyped/place candidate, promoted when used
    pronoun: bool = False  # an "it" whose referent is a guess


@dataclass
class Clause:
    """The roles a trigger's clause fills, as slot indexes."""

    voice: str  # "active" or "passive" ("active" for noun and phrase triggers)
    agent: list[int] = field(default_factory=list)
    patient: list[int] = field(default_factory=list)
    preps: dict[str, list[int]] = field(default_factory=dict)
    agent_prep: str | None = None  # the preposition that brought in a passive's agent
    comitative: list[int] = field(default_factory=list)  # "together with B": B does it too
    alongside: bool = False  # the comitative is "alongside B" (side by side, not a partnership)
    joint: bool = False  # "jointly", "together", "co-": the agents act together
    infinitive: bool = False  # "to run": the agent is the object of the clause before
    implicit_ok: bool = False  # nothing before the trigger could be its agent but the council
    spans: list[tuple[int, int]] = field(default_factory=list)  # text read as part of the clause

    def role(self, name: str) -> list[int]:
        if name == "agent":
            return self.agent
        if name == "patient":
            return self.patient
        return self.preps.get(name, [])


_COORD_RE = re.compile(r"^(?:\s*,?\s*(?:and|&|or|as\s+well\s+as)?\s*(?:with\s+)?(?:[Tt]he\s+)?|\s*,\s*)$")
_COORD2_RE = re.compile(
    r"(?:['’]s(?:\s+[A-Za-z-]+){0,8}?)?(?:,\s*|\s+)(?:and|&)\s+(?:(?:a|an|the)\s+)?"
    r"(?:(?:[a-z-]+\s+){1,3}(?:of|from)\s+(?:the\s+)?)?")
_CLAUSE_RE = re.compile(
    r"\s+(?:also\s+|jointly\s+|then\s+|together\s+|directly\s+)?(?:was|were|is|are|had|has|have|did|does|do|told|said|"
    r"ran|runs|led|leads|sat|sits|met|meets|took|gave|made|held|saw|became|began|brought|built|found|kept|paid|spent|"
    r"won|[a-z]+ed)\b")
_PAREN_RE = re.compile(r"^\s*\([^()]{1,40}\)")
# "P, which S ...", also with an unknown name coordinated before S ("P, which MPFT and the council ran")
_REL_PRONOUN_RE = re.compile(r"(?:,\s*)?\b(?:which|that|whom)\s+(?:[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3}\s+(?:and|&)\s+)?$")
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:[a-z]+ly|also|now|then|jointly|both|all|not|"
                        r"still|already|currently|directly|partly|mainly|largely|fully|wholly)\s+){0,3}$", re.I)
# "..., which the council and the trust paid for from ...": a relative clause with its own subject
_OWN_SUBJECT = re.compile(r"\b(?:which|that|whom)\s+(?!(?:was|were|is|are|had|has|have|been)\b)(?:the\s+)?[A-Za-z][^,;]*\s$",
                          re.I)
_SAYS = re.compile(r"\b(?:told\s+us|said|described|reported|felt|considered|commented|explained|noted)\b", re.I)
# an embedded relative clause or appositive that closes before the verb ("X, which covers Y and Z, ran")
_INSIDE = re.compile(r"^[^,;]*,\s*(?:which|who|that|whose|one\s+of|part\s+of|a|an|the)\b[^,;]*$", re.I)
_PERFECT_BEFORE = re.compile(r"\b(?:had|has|have)\s+(?:[a-z]+ly\s+|also\s+|jointly\s+)?$", re.I)
_INFINITIVE_BEFORE = re.compile(r"\bto\s+(?:[a-z]+ly\s+|jointly\s+|help\s+)?$", re.I)
_JOINT = re.compile(r"\b(?:jointly|together|co-?)\b", re.I)
_COMITATIVE_ANY = re.compile(r"\b(?:(?:working\s+)?(?:together|jointly|in\s+(?:close\s+)?partnership|in\s+collaboration|"
                             r"in\s+conjunction)\s+with|alongside)\s+", re.I)
_DET = r"(?:(?:the|a|an|its|their|our|his|her|joint|shared|new|local|wider|two|three|four|both)\s+){0,3}"
# words that show some other actor is the subject before the trigger ("Staff worked with ...")
_OTHER_ACTOR = re.compile(r"\b(?:we|they|staff|people|partners|providers|carers|residents|families|who|he|she|"
                          r"inspectors|organisations|groups)\b", re.I)


def group_left(slots: list[Slot], idx: int, text: str, used: set[int] = frozenset()) -> list[int]:
    """Slot ``idx`` and the slots coordinated to its left ("A, B and C")."""
    out = [idx]
    k = idx
    if slots[idx].pronoun:
        return out  # "..., and it funded X": "it" starts a clause
    while k > 0 and k - 1 not in used and not slots[k - 1].pronoun:
        gap = _PAREN_RE.sub("", text[slots[k - 1].end:slots[k].start])
        if _COORD_RE.match(gap) and gap.strip() != "":
            out.insert(0, k - 1)
            k -= 1
        else:
            break
    return out


def group_right(slots: list[Slot], idx: int, text: str) -> list[int]:
    """Slot ``idx`` and the slots coordinated to its right, stopping at a new clause or appositive."""
    out = [idx]
    k = idx
    while k + 1 < len(slots):
        gap = _PAREN_RE.sub("", text[slots[k].end:slots[k + 1].start])
        ok = (_COORD_RE.match(gap) and gap.strip() != "") or re.fullmatch(r"\s*(?:and|,|&)\s+(?:by|with|from)\s+(?:the\s+)?", gap)
        ok = ok or (_COORD2_RE.fullmatch(gap) and not re.search(r"\b(?:was|were|is|are|had|has|have)\b", gap)
                    and not (re.match(r"['’]s\b", gap) and "," in gap))  # "the council's Director of X, and Y were"
        # "the CQC and neighbouring councils such as A and B"
        ok = ok or re.fullmatch(r",?\s+and\s+(?:other\s+|neighbouring\s+|local\s+)?(?:[a-z-]+\s+){0,2}(?:such\s+as|including|like)\s+(?:the\s+)?",
                                gap) is not None
        if ok and gap.lstrip().startswith(",") and _CLAUSE_RE.match(
                re.sub(r"^,\s*(?:a|an|the)\s[^,;]{1,60},", "", text[slots[k + 1].end:])):
            ok = False  # ", and the council delivered it", ", and X, a charity, received": a new clause
        if ok and gap.strip() in (",", ", the") and re.match(r"['’]s\b", text[slots[k + 1].end:]):
            ok = False  # "X, the council's public health team": an appositive
        if ok:
            out.append(k + 1)
            k += 1
        else:
            break
    return out


def at(slots: list[Slot], after: list[int], pos: int) -> list[int]:
    """The slot starting at ``pos`` (allowing a leading article)."""
    return [i for i in after if pos <= slots[i].start <= pos + 4][:1]


def nearest_before(slots: list[Slot], before: list[int], used: set[int], text: str, ts: int,
                   passive: bool = False, appos: bool = False) -> int | None:
    """The name before position ``ts`` that heads its clause (skipping appositives and relatives)."""
    for n, i in enumerate(reversed(before)):
        gap = text[slots[i].end:ts]
        if gap.count(")") > gap.count("(") and not text[:slots[i].start].rstrip().endswith("("):
            continue  # a name inside a parenthesis is not the clause's subject
        if passive and re.match(r"\s+(?:staff|officers|colleagues|employees|representatives|workers|practitioners|teams?)\b",
                                gap):
            continue  # "a team of council and ICB staff hosted by": the bodies qualify the people
        k = len(before) - 1 - n
        if k > 0 and re.match(r"\s*,", gap) and _INSIDE.search(text[slots[before[k - 1]].end:slots[i].start]):
            continue  # "X, which is a committee of Y, brought ...", "X, one of four groups in Y, ...": Y is inside
        if re.search(r",\s+(?:and|but)\s+(?:the|a|an|its|their|this|these|each)\s+[a-z]", gap):
            return None  # "..., and the role sat within ...": the clause has a subject of its own, not a name
        if passive and i in used and re.fullmatch(r"\s*,\s*", gap):
            return i  # "a service, Home Safe, commissioned by the council": the name right before
        if i in used and not (re.fullmatch(r"(?:\s+[a-z-]+){0,3}\s*,?\s*(?:which|who|that)\s+(?:(?:in\s+turn|also)\s+)?(?:(?:was|were|is|are|had\s+been|has\s+been)\s+)?(?:also\s+|then\s+)?", gap)
                              or re.fullmatch(r"\s*,\s*(?:which|who|that)\s+(?:in|by|from|during|since|until)\s+[^,;]{1,20}?,?\s+", gap)
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


def first_after(slots: list[Slot], after: list[int], te: int, text: str, reach: int = 60) -> int | None:
    """The first name after ``te`` in the same clause (its object), or None."""
    if not after:
        return None
    i = after[0]
    gap = text[te:slots[i].start]
    if len(gap) > reach or re.search(r"[;:.]|,\s+and\b|\b(?:which|who|that|but|while|whilst|although)\b|\band\s+[a-z]+ed\b", gap):
        return None
    # "with the local authority's X team" -> X team
    if i + 1 < len(slots) and re.fullmatch(r"['’]s\s+", text[slots[i].end:slots[i + 1].start]):
        return i + 1
    return i


_DET_RE = re.compile(_DET, re.I)


_ROLE_OF = re.compile(r"(?:(?:the|a|an|its|their)\s+)?(?:[a-z-]+\s+){1,4}?(?:of|from|at)\s+", re.I)


def _name_at(slots: list[Slot], after: list[int], text: str, pos: int, role: bool = False) -> list[int]:
    """The slot at ``pos``, or after the articles and modifiers there ("the", "their joint").

    A possessor gives way to what it owns: "through the council's Migration Fund" -> the fund.
    With ``role``, a person stands for their body: "by the leader of the council" -> the council.
    """
    hit = at(slots, after, pos)
    if not hit:
        m = _DET_RE.match(text, pos)
        hit = at(slots, after, m.end()) if m and m.end() > pos else []
    if not hit and role:
        m = _ROLE_OF.match(text, pos)
        hit = _name_at(slots, after, text, m.end()) if m else []
    if hit and hit[0] + 1 < len(slots) and re.fullmatch(r"['’]s\s+", text[slots[hit[0]].end:slots[hit[0] + 1].start]):
        return [hit[0] + 1]
    return hit


def _attached(slots: list[Slot], after: list[int], text: str, start: int, prep: str, limit: int) -> tuple[int, int] | None:
    """The slot a "<prep> (the) NAME" phrase brings in, between ``start`` and ``limit``: (slot, phrase start)."""
    pattern = re.compile(r"\b" + prep + r"\s+", re.I)
    for m in pattern.finditer(text, start, limit):
        if re.search(r"[;:]|\b(?:which|who|but|while|whilst|although)\b", text[start:m.start()]):
            return None
        hit = _name_at(slots, after, text, m.end())
        if hit:
            return hit[0], m.start()
    return None


# what links a noun trigger to the body it is said of: "X had a partnership with", "X, chair of",
# "X's relationship with", "X was a member of", "X as vice-chair"
_NOUN_OWNER = re.compile(r"^(?:['’]s\s|\s*,\s(?!\s*(?:and|but|while|which|who|although)\b)|\s*\(|\s+(?:[a-z]+\s+){0,3}?\(?(?:(?:who|which)\s+)?(?:had|has|have|having|was|"
                         r"were|is|are|been|being|became|becomes|built|developed|maintained|enjoyed|established|formed|"
                         r"held|holds|continued|provided|provides|exercised|gave|retained|took|kept|received|receives|secured|obtained|got|won|awarded|made|makes|acted\s+as|"
                         r"served\s+as|as)\b)[^;:]{0,80}$", re.I)
# an object is not read across a preposition ("responsibility for commissioning and for the Plan")
_OBJECT_GAP_BLOCK = re.compile(r"\b(?:for|to|in|on|at|from|by|through|with|into|within|across|under|via|after|before|alongside|"
                               r"during|about|against|between|of)\b", re.I)
_OBJECT_GAP_OK = re.compile(r"\b(?:range|number|variety|mix|network|group|set|series|package|suite|delivery|"
                            r"implementation|progress|development|review|spending|use)\s+(?:of|on|against)\b|"
                            r"\b(?:such\s+as|including|like|for\s+example)\b|"
                            r"\b(?:directorate|department|division|service|team|unit)s?\s+(?:in|of|at|within)\b", re.I)
_AFTER_PREP = re.compile(r"\b(?:in|of|with|by|to|for|from|on|at|within|across|through)\s+(?:the\s+)?$", re.I)
_AND_VERB = re.compile(r"^\s*,?\s+and\s+(?:[a-z]+ly\s+|also\s+|then\s+)?(?:had|has|have|was|were|is|are|[a-z]+ed|[a-z]+s)\b",
                       re.I)


@dataclass
class Previous:
    """What the clause before (in the same sentence) left for the next one."""

    te: int
    kind: str
    clause: Clause

    @property
    def subject(self) -> list[int]:
        """The grammatical subject: the patient of a passive, the agent otherwise."""
        return self.clause.patient if self.clause.voice == "passive" else self.clause.agent


def analyse(slots: list[Slot], text: str, ts: int, te: int, kind: str, participles: frozenset[str],
            agent_re: re.Pattern, preps: frozenset[str], used: set[int],
            others: list[tuple[int, int]] = (), prev: Previous | None = None,
            last_word: str = "") -> Clause:
    """The roles of the clause around the trigger at ``text[ts:te]``.

    ``used`` holds slots already taken as objects by earlier triggers of the sentence;
    ``others`` the spans of the sentence's other triggers (an object is never read across one);
    ``prev`` the sentence's previous clause; ``last_word`` the trigger's last word (when it is a
    preposition, the name after the trigger is that preposition's role too).
    """
    before = [i for i, sl in enumerate(slots) if sl.end <= ts]
    after = [i for i, sl in enumerate(slots) if sl.start >= te]
    head = text[ts:te].split()[0].lower() if text[ts:te].split() else ""
    passive = False
    if kind == "verb" and head in participles:
        if _BE_BEFORE.search(text[:ts]):
            passive = True
        elif not _PERFECT_BEFORE.search(text[:ts]) and not _OWN_SUBJECT.search(text[:ts]) and agent_re.match(text, te):
            passive = True  # "X, run by Y"
    clause = Clause("passive" if passive else "active")
    clause.infinitive = bool(_INFINITIVE_BEFORE.search(text[:ts]))
    clause.joint = bool(_JOINT.search(text[max(0, ts - 12):te])) or bool(
        re.match(r"\s+(?:jointly|together)\b", text[te:], re.I))
    # the name before the trigger
    skip = set() if clause.infinitive else used
    left = nearest_before(slots, before, skip, text, ts, passive=passive, appos=kind != "verb")
    relative_object: list[int] = []
    left_group: list[int] = []
    unnamed_head = False
    relative_prep: tuple[str, list[int]] | None = None
    if left is not None:
        lone = re.search(r"\bwho\b|\(", re.sub(r"\([^()]*\)", "", text[slots[left].end:ts]))
        left_group = [left] if lone else group_left(slots, left, text, skip)
        pre = text[:slots[left_group[0]].start]
        rel = _REL_PRONOUN_RE.search(pre)
        prel = re.search(r"\b(in|through|by|with|under|for|of|from|to|on|at|via|within)\s+(?:which|whom)\s+$", pre, re.I)
        if rel and prel:
            rel = None  # "an arrangement in which X delivered ...": X is the subject
            heads = [j for j in before if slots[j].end <= prel.start() and
                     re.fullmatch(r"\s*,?\s*", text[slots[j].end:prel.start()])]
            if not heads:  # "the Locality Board, a committee of the ICB for the borough, on which ..."
                heads = [j for j in before if slots[j].end <= prel.start() and re.fullmatch(
                    r"\s*,\s*(?:a|an|the|one\s+of)\b[^;:()]*,\s*", text[slots[j].end:prel.start()])][:1]
            if heads:  # "the board, on which X sat": the board is what "on" names
                relative_prep = (prel.group(1).lower(), group_left(slots, heads[-1], text))
        if not passive and left_group[0] > 0 and rel and re.fullmatch(
                r"(?:\s+[a-z-]+){0,2}\s*", text[slots[left_group[0] - 1].end:rel.start()]):  # "X service, which"
            relative_object = group_left(slots, left_group[0] - 1, text)  # "P, which S chaired"
        elif not passive and rel:
            unnamed_head = True  # "the service ..., which S ran": S acts, on a head that is not a name
        elif re.fullmatch(r"\s*,?\s+and\s+(?:[a-z]+ly\s+|also\s+|then\s+)?", text[slots[left].end:ts]) \
                and _AFTER_PREP.search(pre):
            # "X was one of seven councils in Y and worked with Z": Y is not the subject
            if prev is not None and prev.subject:
                left_group = list(prev.subject)
            else:
                left_group = group_left(slots, 0, text) if slots[0].end <= slots[left_group[0]].start else []
    if kind == "verb" and head.endswith("ing") and prev is not None and not _BE_BEFORE.search(text[:ts]) \
            and not clause.infinitive and re.search(r",?\s+$", text[:ts]) and prev.subject \
            and (left is None or left in prev.clause.agent + prev.clause.patient
                 + [i for v in prev.clause.preps.values() for i in v]):
        left_group = list(prev.subject)  # "X was funded by Y using Z": X uses Z
    if kind == "phrase" and prev is not None and prev.clause.agent and left is not None \
            and left in prev.clause.agent + prev.clause.patient:
        left_group = list(prev.clause.agent)  # "X was hosted by Y on behalf of Z": Y acts for Z
    if kind == "phrase" and prev is not None:
        # what an adjunct phrase is about: the thing the clause before acted on, else its doer
        # ("Y delivered the Hub under a contract with Z": the Hub; "Y ran a service under ...": Y)
        clause.preps["theme"] = list(prev.clause.patient or prev.clause.agent)
        clause.preps["doer"] = list(prev.clause.agent)  # never what was done: it acts for no one
    # who says so: "X told us the council was a reliable partner"
    said = None
    for sm in _SAYS.finditer(text, 0, ts):
        said = sm
    if said is not None:
        speaker = [i for i in before if slots[i].end <= said.start() and not re.search(r"[;:]", text[slots[i].end:said.start()])]
        if speaker and (said.start() - slots[speaker[-1]].end) <= 60:
            clause.preps["speaker"] = [speaker[-1]]
    if clause.infinitive and prev is not None:
        # object control: "funded X to run Y", "X was commissioned by Y to run Z", "X received a grant to run Y"
        if prev.kind == "verb" and prev.clause.voice == "active" and prev.clause.patient:
            left_group = list(prev.clause.patient)
        elif prev.subject:
            left_group = list(prev.subject)
    if (prev is not None and left is not None and not clause.infinitive and left in prev.clause.patient
            and prev.subject and re.match(r"\s*,?\s+and\s+", text[slots[left].end:ts])):
        left_group = list(prev.subject)  # "A ran B and received funding from C": A receives it
    elif clause.infinitive and left is not None and before and before[-1] != left and before[-1] in used \
            and re.fullmatch(r"\s+to\s+", text[slots[before[-1]].end:ts]):
        left_group = [before[-1]]
    if kind == "noun" and left_group and not relative_object and not clause.infinitive \
            and not _NOUN_OWNER.match(text[slots[left_group[-1]].end:ts]) \
            and not re.search(r"\b(?:its|their)\s+(?:[a-z-]+\s+){0,2}$", text[slots[left_group[-1]].end:ts]):
        if not text[slots[left_group[-1]].end:ts].strip():
            clause.preps["name"] = [left_group[-1]]  # "the Home First arrangement with X": the noun's name
        left_group = []  # a noun is said of a body only through "had", "was", an appositive or "'s"
        left = None
    clause.implicit_ok = left is None and not _OTHER_ACTOR.search(text[:ts]) and (
        len(text[:ts].split()) <= 6 or "name" in clause.preps)
    # the name after the trigger
    right = first_after(slots, after, te, text)
    if right is not None and any(te <= a < slots[right].start and text[te:a].strip() for a, _ in others):
        right = None  # another trigger stands between: "delivered services under a contract with X"
    if right is not None:
        gap = text[te:slots[right].start]
        if _OBJECT_GAP_BLOCK.search(_OBJECT_GAP_OK.sub(" ", gap)):
            right = None  # "responsible for commissioning and for the Plan": not an object
    right_group = group_right(slots, right, text) if right is not None else []
    tail = slots[right_group[-1]].end if right_group else te
    # passive agent: "by Y" right after the verb
    if passive:
        by = agent_re.match(text, te)
        doer = _name_at(slots, after, text, by.end(), role=True) if by else []
        if doer:
            clause.agent = group_right(slots, doer[0], text)
            clause.agent_prep = by.group(1).lower()
            clause.spans.append((te, by.end()))
            tail = slots[clause.agent[-1]].end
            wm = re.match(r"\s+with\s+", text[tail:])
            more = _name_at(slots, after, text, tail + wm.end()) if wm else []
            if more:  # "run by the council with A, B and C": they run it together
                clause.comitative = group_right(slots, more[0], text)
                clause.spans.append((tail, tail + wm.end()))
        clause.patient = relative_object or left_group
    else:
        clause.agent = left_group
        clause.patient = relative_object or ([] if unnamed_head else right_group)
        if relative_object:
            tail = te
    if last_word in PREPOSITIONS and right_group:
        clause.preps[last_word] = right_group
    if relative_prep is not None:
        clause.preps[relative_prep[0]] = relative_prep[1]
    # comitative: "... together with B", "... alongside B", later in the clause
    for cm in ([] if clause.comitative else _COMITATIVE_ANY.finditer(text, tail)):
        if re.search(r"[;:]|,\s+and\b|\b(?:which|who|but|while|whilst|although)\b", text[tail:cm.start()]) or any(
                tail <= a < cm.start() for a, _ in others):
            break  # a new clause or another trigger's clause
        hit = _name_at(slots, after, text, cm.end())
        if hit:
            clause.comitative = group_right(slots, hit[0], text)
            clause.alongside = cm.group(0).lower().startswith("alongside")
            clause.spans.append((cm.start(), cm.end()))
            break
    # prepositional attachments later in the clause
    for prep in sorted(preps):
        if prep in clause.preps:
            continue  # read already (the trigger's own preposition, a prepositional relative)
        found = _attached(slots, after, text, te, prep, len(text))
        if found is not None:
            clause.preps[prep] = group_right(slots, found[0], text)
    return clause
