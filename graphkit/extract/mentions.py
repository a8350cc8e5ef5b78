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
from dataclasses import dataclass, replace
from functools import lru_cache

from ..ingest.alternation import literal_alternation
from .knowledge import icb_areas, comma_places, reference_orgs, reference_places
from .names import clean_name
from .prefilter import sentence_patterns
from .rules import Head, Known, Rules

__all__ = ["Candidate", "find_candidates", "council_places", "council_official"]

TOKEN_RE = re.compile(r"[A-Z]{1,5}&[A-Z]{1,5}(?:['’]s)?|[A-Za-z0-9](?:[A-Za-z0-9'’\-/+]*[A-Za-z0-9+])?(?:['’]s?)?|&|\S")
CONNECTORS = frozenset({"and", "of", "for", "the", "in", "on", "at", "to", "with", "&", "upon", "under", "a", "all"})
MONTHS = frozenset("January February March April May June July August September October November December "
                   "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_ADJECTIVAL_RE = re.compile(r"\s+[a-z]")
_NOT_ADJECTIVAL_RE = re.compile(
    r"\s+(?:and|or|with|to|on|in|for|as|at|by|who|which|is|was|were|are|had|has|have|did|does|told|said|also|"
    r"from|of|through|into|over|under|about|described|provided|delivered|ran|runs|led|leads|worked|works|helped|"
    r"supported|offered|commissioned|funded|chaired|hosted|operated|would|could|will|can|may|might|should|must|"
    r"[a-z]+ly|[a-z]{3,}ed)\b")
SPLIT_CONNECTORS = frozenset({"and", "&", "with", "to", "for", "in", "at", "on", "the"})
ACRONYM_RE = re.compile(r"\(\s*((?:[A-Za-z]{1,3}\s)?[A-Z][A-Za-z&]{0,8}(?:\s[A-Z]{2,6})?)\s*\)")
BARE_ACRONYM_RE = re.compile(r"\b(?:[A-Z]{1,5}&[A-Z]{1,5}|(?:[A-Z]{2,5}\s)?[a-z]?[A-Z][A-Za-z]*[A-Z][A-Za-z]?)(?:\s(?:ICB|ICS|ICP))?\b")
YEARS_AFTER_RE = re.compile(r"\s+(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)?\d{2})?\b")
QUOTE_RE = re.compile(r"(?<![A-Za-z])['‘\"“]([A-Z0-9][^'’\"”]{1,60}?)['’\"”](?![a-z])")
WEAK_SPLIT_LABELS = frozenset({"VoluntaryOrganisation"})
#: heads an appositive may overrule ("X Partnership, a social enterprise")
WEAK_HEADS = frozenset({"Partnership", "Network", "Trust", "Centre", "Collective", "Action", "Voice", "Link", "Carers",
                        "Partners", "Providers", "Services", "Service", "Hub", "Group", "Alliance", "Forum"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible mention: absolute offsets, type (None when untyped) and naming form."""

    start: int
    end: int
    text: str
    label: str | None
    rule: str
    name: str  # naming form (acronyms in brackets, quotes removed)
    kind: str = "name"  # name | acronym | council | role | anaphor | place | untyped
    acronym: str | None = None  # acronym defined right after this name, e.g. "TEWV"
    keep_head: bool = True
    canon: str | None = None  # canonical name for grouping (gazetteer entries)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str


def _is_acronym(t: str) -> bool:
    return len(t) >= 2 and sum(c.isupper() for c in t) >= 2 and sum(c.islower() for c in t) <= 2 and t[:1].isalpha()


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
        known_re = re.compile(r"(?<![\w'’-])" + literal_alternation(forms) + r"(?![\w-])")

    def words(kind: str) -> frozenset[str]:
        out: set[str] = set()
        for c in rules.cues_of(kind):
            body = c.pattern.pattern
            body = body[3:-1] if body.startswith("(?:") else body
            out.update(w for w in body.split("|") if w)
        return frozenset(out)

    return {
        "heads": heads,
        "heads_low": [(h, len(h.words), [w.lower() for w in h.words]) for h in heads],
        # (head, number of words, its words as a list) for the loops that compare word lists
        "prefixes_l": [(h, len(h.words), list(h.words)) for h in prefixes],
        "appos_l": [(h, len(h.words), list(h.words)) for h in appos],
        "lower_l": [(h, len(h.words), list(h.words)) for h in lower],
        "prefixes": prefixes,
        "lower": lower,
        "appos": appos,
        "known": known,
        "known_re": known_re,
        "abbr": abbr,
        "lead": words("lead_strip"),
        "start": words("start_noun"),
        "generic": words("not_name_word"),
        "roles": words("not_name"),
        "bad_heads": words("not_name_head"),
        "site_heads": words("site_head"),
        "head_words": frozenset(h.words[-1] for h in rules.heads if h.label not in WEAK_SPLIT_LABELS),
        "head_words_all": frozenset(h.words[-1] for h in rules.heads),
        "places": words("place_name") | reference_places(),
        "collective_re": _collective_tail(words("collective_head")),
        "place_head": rules.cues_of("place_head"),
        "place_before": rules.cues_of("place_before"),
        "collective_phrase": rules.cues_of("collective_phrase"),
        "desc_after": rules.cues_of("describe_after"),
        "desc_before": rules.cues_of("describe_before"),
        "head_cache": {},  # tuple of words -> _head_label's answer
    }


@lru_cache(maxsize=1)
def council_places() -> tuple[dict[str, str], re.Pattern]:
    """Council surface forms from the reference data -> official name, and a regex over them."""
    from ..ingest.council import council_table

    lookup: dict[str, str] = {}
    short: dict[str, set[str]] = {}
    for official, _gss, variants in council_table():
        for v in variants:
            lookup.setdefault(v, official)
            head = re.split(r"\s+upon\s+", v)[0]
            if head != v:  # "Newcastle" for "Newcastle upon Tyne", unless two councils share it
                short.setdefault(head, set()).add(official)
    for head, officials in short.items():
        if len(officials) == 1 and head not in lookup:
            lookup[head] = officials.pop()
    forms = sorted(lookup, key=len, reverse=True)
    return lookup, re.compile(r"(?<![\w-])" + literal_alternation(forms) + r"(?![\w-])")


_COUNCIL_FORM_RE = re.compile(
    r"^(?:the\s+)?(?:(?:London|Royal)\s+Borough\s+of\s+|City\s+of\s+)?(.+?)"
    r"(?:\s+(?:Metropolitan\s+Borough|Metropolitan\s+District|Borough|County|City|District|Unitary)?\s*Council)?$"
)


_COUNCIL_OF_RE = re.compile(r"\b(?:[Tt]he\s+)?council\s+of\s+(?:the\s+)?(?=[A-Z])")


def council_official(surface: str) -> str | None:
    """Official name of the council a surface form names, from the reference data."""
    lookup, _ = council_places()
    if surface in lookup:
        return lookup[surface]
    m = _COUNCIL_FORM_RE.match(surface)
    if m and m.group(1) in lookup:
        return lookup[m.group(1)]
    return None


def _head_label(words: list[str], tabs) -> tuple[Head | None, int]:
    """The longest type head ending ``words`` and how many words it spans (memoised per rules)."""
    cache = tabs["head_cache"]
    key = tuple(words)
    found = cache.get(key)
    if found is None:
        if len(cache) >= 200_000:
            cache.clear()
        found = cache[key] = _find_head(words, tabs)
    return found


def _find_head(words: list[str], tabs) -> tuple[Head | None, int]:
    low = [w.lower().rstrip("'’") for w in words]
    for cand in (low, low[:-1] + [low[-1][:-1]] if low and low[-1].endswith("s") and len(low[-1]) > 4 else None):
        if not cand:
            continue
        for h, n, hlow in tabs["heads_low"]:
            if n <= len(words) and cand[-n:] == hlow:
                if h.icb_area_label is not None:
                    area = re.sub(r"\([^()]*\)", " ", " ".join(low[:-n]))  # "(llr)"
                    area = " ".join(area.replace("&", "and").replace(",", " ").split())
                    area = re.sub(r"^(?:the |nhs )+", "", area)
                    if area in icb_areas():
                        return replace(h, label=h.icb_area_label), n
                return h, n
    return None, 0


def _prefix_label(words: list[str], tabs) -> Head | None:
    for h, n, hwords in tabs["prefixes_l"]:
        if n < len(words) and words[:n] == hwords:
            return h
    return None


def _runs(toks: list[_Tok], text: str) -> list[tuple[int, int]]:
    """Index ranges [i, j) of capitalised runs (connectors allowed inside)."""
    runs = []
    i, n = 0, len(toks)
    caps = [(w := t.text)[:1].isupper() or (w[:1].isdigit() and any(c.isupper() for c in w)) for t in toks]  # _is_cap
    while i < n:
        lead_num = (toks[i].text.isdigit() and len(toks[i].text) <= 2 and i > 0 and toks[i - 1].text.lower() == "the"
                    and i + 1 < n and caps[i + 1] and not toks[i + 1].text.isdigit())
        if not caps[i] and not lead_num:
            i += 1
            continue
        j = i + 1
        while j < n:
            t = toks[j].text
            gap = text[toks[j - 1].end:toks[j].start]
            if gap not in ("", " "):
                break
            if caps[j]:
                j += 1
                continue
            if (t == "(" and j + 3 < n and toks[j + 2].text == ")" and re.fullmatch(r"[A-Z][A-Za-z]{1,7}", toks[j + 1].text)
                    and text[toks[j + 2].end:toks[j + 3].start] == " " and caps[j + 3]
                    and not _is_acronym(toks[j + 3].text)):
                j += 4
                continue
            if t in CONNECTORS and j + 1 < n and toks[j + 1].text not in MONTHS and text[toks[j].end:toks[j + 1].start] == " " and (
                caps[j + 1] or (toks[j + 1].text in ("the", "all") and j + 2 < n and caps[j + 2])
            ):
                j += 1
                continue
            break
        # drop trailing connectors
        while j - 1 > i and not caps[j - 1]:
            j -= 1
        runs.append((i, j))
        i = j
    return runs


def _place_list_name(prev_words: list[str], words: list[str], tabs) -> bool:
    """ "Age UK Hillingdon" + "Harrow and Brent": a prefixed name continued by a list of places."""
    pre = _prefix_label(prev_words, tabs)
    if pre is None:
        return False
    cp = council_places()[0]
    def place(p: str) -> bool:
        return bool(p) and (p in cp or p in tabs["places"])

    rest = " ".join(words)
    return place(" ".join(prev_words[len(pre.words):])) and (place(rest) or all(place(p) for p in rest.split(" and ")))


def _merge_comma_lists(runs: list[tuple[int, int]], toks: list[_Tok], text: str, tabs) -> list[tuple[int, int]]:
    """Join "Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust" style names."""
    out: list[tuple[int, int]] = []
    for r in runs:
        while out:
            pi, pj = out[-1]
            between = text[toks[pj - 1].end:toks[r[0]].start]
            words = [t.text for t in toks[r[0]:r[1]]]
            head, _ = _head_label(words, tabs)
            prev_words = [t.text for t in toks[pi:pj]]
            prev_head, _ = _head_label(prev_words, tabs)
            if between == ", " and "and" in words and _place_list_name(prev_words, words, tabs):
                out.pop()  # "Age UK Hillingdon, Harrow and Brent": one charity named for three places
                r = (pi, r[1])
                continue
            if (between in (", ", ", and ") and (pj - pi <= 3 or (prev_words[0] == "NHS" and pj - pi <= 8))
                    and prev_head is None
                    and (head is not None or (  # "Energize Shropshire, Telford and Wrekin, a charity"
                        "and" in words and re.match(r",\s+an?\s", text[toks[r[1] - 1].end:])
                        and (" ".join(words) in council_places()[0] or words[-1] in council_places()[0])))
                    and (_single_item(words, prev_words) if "and" in words[:4] else between == ", and ")
                    and words[0] not in tabs["lead"]
                    and prev_words[-1] not in tabs["lead"] and (head is None or head.label != "LocalAuthority")
                    and not any(_is_acronym(w) for w in prev_words[1:] if prev_words[0] == "NHS")
                    and not (prev_words[0] != "NHS" and any(_is_acronym(w) for w in prev_words))):
                out.pop()
                r = (pi, r[1])
                continue
            break
        out.append(r)
    return out


def _whole_is_board(words: list[str], tabs) -> bool:
    """ "Adult Social Care and Public Health Sub-Committee" is one board, not two names."""
    h, _ = _head_label(words, tabs)
    return h is not None and h.label == "Board"


def _inside_place(words: list[str], k: int) -> bool:
    """``words[k]`` ("and") is inside a council place name ("Redcar and Cleveland")."""
    places = council_places()[0]
    return any(" ".join(words[k - a:k + 1 + b]) in places for a in (1, 2, 3) for b in (1, 2, 3)
               if k - a >= 0 and k + 1 + b <= len(words))


def _single_item(words: list[str], prev_words: list[str]) -> bool:
    """In "A, B and C Head", B is one word or a place: a comma name, not a list of names."""
    stop = min(i for i, w in enumerate(words) if w in ("and", ","))
    item = words[:stop]
    return len(item) == 1 or " ".join(item) in council_places()[0] or prev_words[0] == "NHS"


def _split_run(i: int, j: int, toks: list[_Tok], tabs) -> list[tuple[int, int]]:
    """Split a run where a typed name ends and another begins, and at possessives."""
    words = [t.text for t in toks]
    for k in range(i + 1, j - 1):
        w = words[k]
        if w in SPLIT_CONNECTORS and _is_cap(words[k - 1]):
            left = words[i:k]
            h, _ = _head_label(left, tabs)
            strong = h is not None and h.label not in WEAK_SPLIT_LABELS and words[k - 1] in tabs["head_words"] | {"ICB", "ICS", "ICP", "CCG"}
            pl = _prefix_label(left, tabs)
            rh, _ = _head_label(words[k + 1:j], tabs)
            rest = [x for x in words[k + 1:j] if x not in CONNECTORS]
            right_named = rh is not None or _prefix_label(rest, tabs) is not None or " ".join(rest) in tabs["known"] or any(
                " ".join(rest[:n]) in tabs["known"] for n in range(1, len(rest) + 1))
            left_place = " ".join(left) in council_places()[0]
            complete = (" ".join(left) in tabs["known"]  # "NHS England for the ... Pilot"
                        or (pl is not None and " ".join(left[len(pl.words):]) in council_places()[0])  # "Healthwatch Rochdale"
                        or (len(left) == 1 and _is_acronym(left[0])))  # "TWIPP with the ICB"
            right_place = (" ".join(rest) in council_places()[0] or " ".join(rest) in tabs["places"]
                           or (rest and rest[0] in ("District", "Districts", "Borough", "County", "City")))
            if (complete and (right_named or w in ("and", "&", "with")) and w != "the" and not right_place) or (
                    w in ("on", "with", "at") and h is not None and right_named) or (  # "HCRG Care Group on the X Service"
                    w in ("and", "&") and words[k + 1] == "the" and h is not None and h.label != "LocalAuthority") or (
                    (strong and (right_named or w in ("and", "&"))) or (w in ("and", "&") and words[k + 1] == "the" and (
                    left_place or pl is not None and pl.label != "NHSBody")) or (w in ("and", "&") and (
                    (len(left) == 1 and _is_acronym(left[0]))
                    or (pl is not None and rh is not None and rh.label != pl.label)
                    or (len(left) >= 2 and len(rest) >= 2 and rh is not None and not _inside_place(words, k) and (
                        (words[i] == words[k + 1] and h is not None)  # "Darlington CVS and Darlington Carers Centre"
                        or (pl is not None and pl.label != "NHSBody")))  # "Age UK Leeds and Leeds Carers Centre"
                    or (len(left) >= 2 and len(rest) >= 2 and words[k - 1] == words[j - 1]
                        and any(x in tabs["head_words_all"] for x in left[1:])
                        and any(x in tabs["head_words_all"] for x in rest[1:]))  # "A Action Kent and B Action Kent"
                    or " ".join(left) in tabs["known"]
                    or (rest and (len(left) >= 2 or h is not None or rest[0] == "NHS")
                        and not _whole_is_board(words[i:j], tabs) and (
                        _prefix_label(rest, tabs) is not None or rest[0] in tabs["known"]
                        or " ".join(rest[:2]) in tabs["known"]))))):
                nxt = k + 1
                while nxt < j and words[nxt] in CONNECTORS:
                    nxt += 1
                if nxt < j:
                    return [(i, k)] + _split_run(nxt, j, toks, tabs)
    for k in range(i, j - 1):
        w = words[k]
        if re.search(r"['’]s$", w):
            left = [*words[i:k], re.sub(r"['’]s$", "", w)]
            h, _ = _head_label(left, tabs)
            if h is not None or " ".join(left) in tabs["known"] or (len(left) == 1 and _is_acronym(left[0])):
                return [(i, k + 1)] + _split_run(k + 1, j, toks, tabs)
    return [(i, j)]


_NUMBER_WORDS = frozenset("One Two Three Four Five Six Seven Eight Nine Ten".split())


_ROLE_PREPS = frozenset({"of", "for", "at"})


def _past_role(i: int, j: int, toks: list[_Tok], tabs) -> int:
    """Where the body a role title names begins ("Chief Executive of Healthwatch Kent" ->
    "Healthwatch Kent"); ``i`` when the run is no role, or the rest names no typed body."""
    words = [t.text for t in toks[i:j]]
    roles = tabs["roles"]
    if not any(w in roles or " ".join(words[k:k + 2]) in roles for k, w in enumerate(words)):
        return i
    for m, w in enumerate(words):
        if w not in _ROLE_PREPS or m == 0 or not any(x in roles for x in words[:m]):
            continue
        k = m + 1
        while k < len(words) and words[k] in ("the", "The"):
            k += 1
        if " ".join(words[:k]).strip() in roles or " ".join(words) in roles:
            return i  # a role title of its own: "Director of Public Health"
        rest = [re.sub(r"['’]s$", "", x) for x in words[k:]]
        if not rest or "at" in rest or any(x in roles for x in rest):
            continue
        h, hn = _head_label(rest, tabs)
        bad = rest[-1] in tabs["bad_heads"] or " ".join(rest[-2:]) in tabs["bad_heads"]
        # a department-like object ("Director of Adult and Health Services") names no body
        distinct = any(x not in tabs["generic"] and x not in CONNECTORS for x in rest[:len(rest) - hn])
        if ((h is not None and hn < len(rest) and not bad and (h.label != "Scheme" or distinct))
                or _prefix_label(rest, tabs) is not None
                or " ".join(rest) in tabs["known"] or council_official(" ".join(rest)) is not None):
            return i + k
    return i


def _protect(runs: list[tuple[int, int]], toks: list[_Tok], text: str) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """Runs with each organisation name of the reference data as one run, kept whole (commas and
    all: "Wrightington, Wigan and Leigh NHS Foundation Trust"), and the set of those runs."""
    _, org_re = reference_orgs()
    if org_re is None or not runs:
        return runs, set()
    at_start = {t.start: k for k, t in enumerate(toks)}
    at_end = {t.end: k for k, t in enumerate(toks)}
    whole: set[tuple[int, int]] = set()
    for m in org_re.finditer(text):
        a, b = at_start.get(m.start()), at_end.get(m.end())
        if a is not None and b is not None and b > a:
            whole.add((a, b + 1))
    place_re = comma_places()
    if place_re is not None and "," in text:
        run_of = {k: (i, j) for i, j in runs for k in range(i, j)}
        for m in place_re.finditer(text):
            a = at_start.get(m.start())
            b = at_end.get(m.end())
            if a is None or b is None or b + 1 not in run_of or any(a < x[1] and x[0] <= b for x in whole):
                continue
            whole.add((a, run_of[b + 1][1]))  # "Bristol, North Somerset and South Gloucestershire Integrated Care Partnership"
    if not whole:
        return runs, set()
    cover = {k for a, b in whole for k in range(a, b)}
    out = list(whole)
    for i, j in runs:
        k = i
        while k < j:
            if k in cover:
                k += 1
                continue
            lo = k
            while k < j and k not in cover:
                k += 1
            hi = k
            while hi > lo and not _is_cap(toks[hi - 1].text):
                hi -= 1  # "Kent County Council and" before a whole name
            while lo < hi and not _is_cap(toks[lo].text):
                lo += 1
            if lo < hi:
                out.append((lo, hi))
    out.sort()
    return out, whole


def _strip_lead(i: int, j: int, toks: list[_Tok], tabs) -> int:
    while i < j - 1 and (toks[i].text in tabs["lead"] or toks[i].text.lower() in {"the"}):
        if toks[i].text in _NUMBER_WORDS and toks[i + 1].text not in CONNECTORS:
            break  # "One You Cheshire East" is a name; "One of the ..." is not
        i += 1
    if i < j and toks[i].text in tabs["lead"] and j - i == 1:
        return j
    return i


_APPOS_STOP = frozenset({"of", "for", "with", "that", "which", "who", "run", "delivered", "commissioned", "funded",
                         "operated", "led", "provided", "hosted", "based", "in", "on", "at", "to", "from", "by",
                         "and", "was", "were", "is", "are", "had", "has"})


_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "our", "his", "her", "this", "that"})


def _appositive(text: str, end: int, tabs) -> Head | None:
    """Type from ", a volunteer befriending scheme run by ..." right after a name."""
    m = re.match(r",\s+(?:an?|the|one\s+of\s+the|[A-Za-z]+['’]s|its|their)\s+([^,.;()]{1,80})", text[end:])
    return _desc_head(m.group(1), tabs) if m else None


def _desc_head(desc: str, tabs) -> Head | None:
    """The appositive head (``appositives.jsonl``) of a describing phrase ("the council's contact centre")."""
    raw = desc.split()
    words: list[str] = []
    for k, w in enumerate(raw):
        low = w.lower()
        if low in _APPOS_STOP:
            if low == "and" and k + 1 < len(raw) and raw[k + 1][:1].islower() and raw[k + 1] not in _DETERMINERS | _APPOS_STOP:
                continue  # "information and advice hub": one modifier
            break
        words.append(re.sub(r"['’]s$", "", low))
    for cand in (words, [w[:-1] if w.endswith("s") and len(w) > 3 and not w.endswith("ss") else w for w in words]):
        for k in range(len(cand), 0, -1):  # then singular: "one of the council's prevention programmes"
            for h, n, hwords in tabs["appos_l"]:
                if k >= n and cand[k - n:k] == hwords:
                    return h
    return None


def _described(text: str, start: int, end: int, tabs) -> Head | None:
    """Type from a description of the name at ``text[start:end]``: a parenthetical ("X (a local
    charity)"), a copula ("X was the council's contact centre") or "called"/"known as" before it
    ("a service called X"); the constructions are ``describe_*`` lexicon cues, the heads appositives."""
    for c in tabs["desc_after"]:
        m = c.pattern.match(text, end)
        if m:
            h = _desc_head(m.group("desc"), tabs)
            if h is not None:
                return Head(f"{h.id}+{c.id.rsplit('.', 1)[-1]}", h.label, h.words, h.keep)
    before = text[max(0, start - 120):start]
    for c in tabs["desc_before"]:
        m = c.pattern.search(before)
        if m:
            h = _desc_head(m.group("desc"), tabs)
            if h is not None:
                return Head(f"{h.id}+{c.id.rsplit('.', 1)[-1]}", h.label, h.words, h.keep)
    return None


def _plural_parts(text: str, s: int, e: int, lh: Head, tabs, places: dict) -> list[tuple[int, int]]:
    """Spans of the names coordinated before a plural lowercase head ("the Home First and Rapid
    Response services"), when each is a name of its own (not only generic words, not a place)."""
    plural = lh.words[-1]
    if not plural.endswith("s") or not any(h.words[:-1] + (h.words[-1] + "s",) == lh.words for h in tabs["lower"]):
        return []
    out = []
    for m in re.finditer(r"[^,&]+?(?=\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+|$)", text[s:e]):
        part = m.group().strip()
        part = re.sub(r"^(?:and|&)\s+", "", part)
        if not part:
            continue
        ps = s + m.start() + m.group().index(part)
        out.append((ps, ps + len(part)))
    if len(out) < 2:
        return []
    for ps, pe in out:
        words = [w for w in text[ps:pe].split() if w not in CONNECTORS]
        if (not words or all(w in tabs["generic"] for w in words) or not all(_is_cap(w) for w in words)
                or text[ps:pe] in places or text[ps:pe] in tabs["places"]):
            return []
    return out


def _place_use(text: str, start: int, end: int, tabs) -> bool:
    """A name used as an area: "in North Yorkshire", "Berkshire West place", "the Wirral peninsula"."""
    if any(c.pattern.match(text, end) for c in tabs["place_head"]):
        return True
    before = text[max(0, start - 40):start]
    return any(c.pattern.search(before) for c in tabs["place_before"])


def _collective_tail(heads: frozenset[str]) -> re.Pattern | None:
    """After a name: more coordinated items, an optional "(ACRONYM)" and a collective head
    (", community and social enterprise (VCSE) sector")."""
    if not heads:
        return None
    item = r"[A-Za-z][a-z'’-]+(?:\s+[A-Za-z][a-z'’-]+){0,2}"
    sep = r"(?:\s*,\s*(?:(?:and|or|&)\s+)?|\s+(?:and|or|&)\s+)"
    alt = "|".join(sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?P<items>(?:{sep}{item})*?)(?P<acr>\s*\(\s*[A-Za-z&]{{2,8}}\s*\)|\))?\s+(?i:{alt})\b")


def _collective_spans(accepted: list[tuple], text: str, tabs, typed) -> list[tuple[int, int]]:
    """Coordinations that end in a collective head ("Voluntary, Community and Social Enterprise
    (VCSE) sector", "health, care and housing partners"): one collective phrase, not bodies.
    Each name in the phrase must be untyped (``typed(a)`` is false) and no known name is inside."""
    tail = tabs["collective_re"]
    if tail is None:
        return []
    out: list[tuple[int, int]] = []
    for a in accepted:
        s, e = a[0], a[1]
        if typed(a) or any(bs <= s < be for bs, be in out):
            continue
        m = tail.match(text, e)
        if not m:
            continue
        coordinated = bool(m.group("items")) or bool(m.group("acr")) or re.search(r"\s(?:and|&|or)\s", text[s:e])
        inside = [b for b in accepted if s <= b[0] and b[1] <= m.end()]
        if not coordinated or any(typed(b) for b in inside):
            continue
        if tabs["known_re"] is not None and tabs["known_re"].search(text, s, m.end()):
            continue
        out.append((s, m.end()))
    return out


def _lower_head(text: str, end: int, tabs, multi: bool = True) -> tuple[Head | None, int]:
    m = re.match(r"['’\"”]?\s+([a-z-]+(?:\s+[a-z-]+){0,2})", text[end:])
    if not m:
        return None, end
    words = m.group(1).split()
    for skip in (0, 1, 2):
        for h, n, hwords in tabs["lower_l"]:
            if words[skip:skip + n] == hwords and (skip == 0 or (not h.keep and multi)):
                stop = end + m.start(1) + len(" ".join(words[:skip + n]))
                return h, stop
    return None, end


def find_candidates(text: str, offset: int, rules: Rules, common: frozenset[str] = frozenset(),
                    proper: frozenset[str] = frozenset(), *, sat: frozenset[int] | None | bool = False) -> list[Candidate]:
    """Candidate mentions in one sentence ``text`` starting at ``offset`` of the report.

    ``common`` holds words the report also writes in lowercase: a capitalised word from it
    at the start of a sentence ("Relationships with ...") is not part of a name, unless it is
    in ``proper`` (words the report capitalises inside sentences, as in "Health and Wellbeing").
    ``sat`` is the sentence's ``sentence_patterns(rules).scan(text)`` when the caller has it.
    """
    tabs = _tables(rules)
    toks = _tokens(text)
    out: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    blocked: list[tuple[int, int]] = []
    lookup, place_re = council_places()

    def free(s: int, e: int) -> bool:
        return not any(ts < e and s < te for ts, te in taken + blocked)

    def add(s: int, e: int, label, rule, name, kind="name", acronym=None, keep=True, canon=None) -> None:
        out.append(Candidate(offset + s, offset + e, text[s:e], label, rule, name, kind, acronym, keep, canon))
        taken.append((s, e))

    runs, whole = _protect(_merge_comma_lists(_runs(toks, text), toks, text, tabs), toks, text)
    inner_acronyms: dict[str, str] = {}
    pieces: list[tuple[int, int]] = []
    for i, j in runs:
        if (i, j) in whole:
            pieces.append((i, j))  # a name of the reference data: never split
            continue
        # sentence-initial common words: "Relationships with X", "Oversight of the X"
        if i == 0 or (i == 1 and toks[0].text in "-•*–"):
            k = i
            while k < j - 1 and ((toks[k].text.lower() in common and toks[k].text not in proper)
                                 or toks[k].text in tabs["lead"] or toks[k].text in tabs["start"]) and toks[k].text not in tabs["known"]:
                if toks[k + 1].text in ("with", "of", "for", "to", "in", "on", "at", "from", "between", "by"):
                    k += 2
                    while k < j and toks[k].text in ("the", "The"):
                        k += 1
                    i = k
                    break
                k += 1
        if i < j:
            pieces.extend(_split_run(i, j, toks, tabs))
    accepted: list[tuple] = []
    for i, j in pieces:
        i = _strip_lead(i, j, toks, tabs)
        if (i, j) not in whole:
            i = _past_role(i, j, toks, tabs)  # "Chief Executive of X": X, not the role
        if i >= j:
            continue
        s, e = toks[i].start, toks[j - 1].end
        words = [re.sub(r"['’]s$", "", t.text) if k == j - 1 else t.text for k, t in enumerate(toks[i:j], i)]
        if text[s:e].endswith(("'s", "’s")):
            e -= 2
        surface = text[s:e]
        if not surface:
            continue
        h0, hn0 = _head_label(words, tabs)
        if words[-1] in tabs["site_heads"] and not any(w.lower() in ("from", "to", "at") for w in words):
            blocked.append((s, e))  # "Whiston Hospital": a site, not a body ("Home From Hospital" is a scheme)
            continue
        if ((words[-1] in tabs["bad_heads"] or " ".join(words[-2:]) in tabs["bad_heads"]) and not (h0 is not None and hn0 >= 2)) or (any(w in tabs["roles"] for w in (words[0], words[-1]))
                                               and _lower_head(text, e, tabs)[0] is None):
            blocked.append((s, e))
            continue
        h, hn = _head_label(words, tabs)
        if any(w in tabs["roles"] and (h is None or (k + 1 < len(words) and words[k + 1] == "of"))
               for k, w in enumerate(words)) and _lower_head(text, e, tabs)[0] is None:
            blocked.append((s, e))
            continue
        if all(_is_acronym(w) for w in words):
            continue  # acronyms are handled below
        if h is not None and hn == len(words) and (hn == 1 or not h.keep) and surface not in tabs["known"]:
            ap = _appositive(text, e, tabs) if hn == 1 else None
            if ap is None or ap.label not in ("VoluntaryOrganisation", "Scheme"):
                continue  # a bare head ("the Board", "Foundation Trust") is a short form, not a name
            h = Head(ap.id, ap.label, ())  # "Framework, a local housing charity"
        accepted.append((s, e, words, h))

    # gazetteer (exact case): inside an accepted longer name only if that name has no type of its own
    if tabs["known_re"] is not None:
        for m in tabs["known_re"].finditer(text):
            s, e = m.start(), m.end()
            if any(bs <= s and e <= be for bs, be in blocked):
                continue
            outer = [a for a in accepted if a[0] <= s and e <= a[1] and (a[0], a[1]) != (s, e)]
            if any(a[3] is not None or _prefix_label(a[2], tabs) is not None for a in outer):
                continue
            k = tabs["known"][m.group()]
            if any(
                    a[3] is None and _prefix_label(a[2], tabs) is None
                    and text[a[0]:s].strip() in council_places()[0] for a in outer):
                # "Stockport Discharge to Assess": a local instance of a known scheme
                accepted = [a if a not in outer else (a[0], a[1], a[2], Head(k.id, k.label, ())) for a in accepted]
                continue
            if any(a[0] == s and k.label in ("VoluntaryOrganisation", "PublicAgency") for a in outer):
                # "Carers Trust East Midlands": a local branch of a known body
                accepted = [a if not (a[0] == s and a in outer) else (a[0], a[1], a[2], Head(k.id, k.label, ())) for a in accepted]
                continue
            if any(_appositive(text, a[1], tabs) or _described(text, a[0], a[1], tabs) for a in outer):
                continue  # "Shared Lives Plus, which is a national charity": the described name, whole
            accepted = [a for a in accepted if a not in outer]
            k = tabs["known"][m.group()]
            name = k.name if m.group() != k.name and m.group() in k.aliases and len(m.group()) <= 6 else m.group()
            ym = YEARS_AFTER_RE.match(text, e) if k.label == "Strategy" else None
            if ym and free(e, ym.end()):
                e = ym.end()
                name = text[s:e]
            add(s, e, k.label, k.id, name, "name", canon=k.name)

    # quoted names: 'Settle at Home' scheme
    for m in QUOTE_RE.finditer(text):
        inner = m.group(1)
        qwords = inner.split()
        if not qwords or sum(_is_cap(w) for w in qwords) < max(1, (len(qwords) + 1) // 2) or len(qwords) > 8:
            continue
        if not free(m.start(), m.end()):
            continue
        h, hn = _head_label(qwords, tabs)
        label, rule, stop, keep = (h.label, h.id, m.end(), True) if h else (None, "ent.quoted", m.end(), True)
        lh, lstop = _lower_head(text, m.end(), tabs)
        if lh is not None and h is None:
            label, rule, keep = lh.label, lh.id, lh.keep
            stop = lstop
        if label is None:
            label = "Scheme"
        accepted = [a for a in accepted if not (a[0] < m.end() and m.start() < a[1])]
        add(m.start(), stop, label, rule, clean_name(text[m.start():stop] if keep else inner), "name", keep=keep)

    # "the council of Rutland": that place's council, not the assessed one's alias
    for m in _COUNCIL_OF_RE.finditer(text):
        pm = place_re.match(text, m.end())
        if pm and free(m.start(), pm.end()):
            add(m.start(), pm.end(), "LocalAuthority", "ent.council.of_place", lookup[pm.group()])

    def typed(a: tuple) -> bool:
        surface = text[a[0]:a[1]]
        return (a[3] is not None or _prefix_label(a[2], tabs) is not None or surface in tabs["known"]
                or clean_name(surface) in lookup)

    blocked.extend(_collective_spans(accepted, text, tabs, typed))
    for c in tabs["collective_phrase"]:  # "Voluntary, Community and Social Enterprise": the sector, no body
        for m in c.pattern.finditer(text):
            if not any(a[0] < m.end() and m.start() < a[1] and (a[0] < m.start() or a[1] > m.end()) for a in accepted):
                blocked.append(m.span())
    for s, e, words, h in accepted:
        if not free(s, e):
            continue
        surface = text[s:e]
        acr = None
        am = ACRONYM_RE.match(text, e + 1) if text[e:e + 2] == " (" else None
        if am:
            acr = am.group(1)
        inner = re.search(r"\s\(([A-Z][A-Za-z&]{1,7})\)\s", text[s:e])
        if inner:  # "Humber and North Yorkshire (HNY) Health and Care Partnership"
            inner_acronyms.setdefault(inner.group(1), text[s:s + inner.start()])
        after = am.end() if am else e
        ym = YEARS_AFTER_RE.match(text, e)
        if h is not None and h.label == "Strategy" and ym:
            e = ym.end()
            surface = text[s:e]
        p = _prefix_label(words, tabs) if h is None else None
        if h is None and p is None and surface not in tabs["known"] and len(words) == 1 and (
                s == 0 or words[0].endswith("ly")) and text[e:e + 2] != " (" and not re.match(r",\s+an?\s", text[e:]):
            continue  # "Locally, ...", "However ..."
        canon = None
        if h is not None and h.label == "LocalAuthority" and council_official(clean_name(surface)) is None and re.search(
                r"\b(?:Social|Voluntary|Community|Advisory|Youth|Race|Equality|Arts|Carers|Disability|Faith|Interfaith|"
                r"Citizens|Pensioners|Tenants|Residents|Parents?|Sports?|Service\s+Users)\s+Council$", surface):
            # "Kensington and Chelsea Social Council": a council that is not a local authority
            label, rule = "VoluntaryOrganisation", "ent.head.council_other"
        elif h is not None and h.label == "VoluntaryOrganisation" and words[-1] == "Trust" and "NHS" in words:
            label, rule = "NHSBody", "ent.head.nhs_named_trust"  # "... NHS and Social Care Partnership Trust"
        elif h is not None:
            label, rule = h.label, h.id
        elif p is not None:
            label, rule = p.label, p.id
        elif surface in tabs["known"]:
            k = tabs["known"][surface]
            label, rule, canon = k.label, k.id, k.name
        else:
            label, rule = None, "ent.untyped"
        name = clean_name(surface)
        keep = True
        pre = re.search(r"\b(?:a|an)\s+((?:[\w-]+\s+){0,3}[\w-]+),\s+$", text[:s])
        if pre and (label is None or label in ("Scheme", "VoluntaryOrganisation")) and p is None and canon is None:
            ap = _appositive(", a " + pre.group(1) + ",", 0, tabs)
            if ap is not None and ap.label == "VoluntaryOrganisation":
                label, rule = ap.label, ap.id  # "a private provider, Weald Equipment Services"
        if h is not None and label == "Fund":
            lh, _ = _lower_head(text, after, tabs, multi=False)
            if lh is not None and lh.label == "Scheme" and not lh.keep:
                label, rule = lh.label, lh.id  # "the Community Grants programme" is a programme
        if h is not None and ((h.words and h.words[-1] in WEAK_HEADS) or (label == "NHSBody" and words[0] != "NHS")):
            ap = _appositive(text, after, tabs)
            if ap is not None and ap.label != label and (label != "NHSBody" or ap.label == "Board"):
                label, rule = ap.label, ap.id  # "Nottingham CityCare Partnership, a social enterprise"
        if label is None or (label == "Scheme" and h is None) or (label == "VoluntaryOrganisation" and p is None and canon is None):
            lh, lstop = _lower_head(text, after, tabs, multi=len(words) > 1 and s > 0)
            if lh is not None and label is None and re.search(r"\b(?:a|an|any|no)\s+$", text[:s]):
                continue  # "a British Sign Language service": a kind of service, not a named one
            if lh is not None and label is None and all(
                    p in lookup or p in tabs["places"] for p in re.split(r"\s*(?:,|\band\b|&)\s*", name) if p):
                continue  # "the Kent and Medway services": services of places, no name
            parts = _plural_parts(text, s, e, lh, tabs, lookup) if lh is not None and not am and h is None else []
            if parts:  # "the Home First and Rapid Response services": two services
                for ps, pe in parts:
                    add(ps, pe, lh.label, lh.id, clean_name(text[ps:pe]), "name", None, lh.keep)
                continue
            if lh is not None:
                label, rule, keep = lh.label, lh.id, lh.keep
                if lh.keep and not am:
                    name = clean_name(text[s:lstop])
                    e = lstop
            else:
                ap = _appositive(text, after, tabs)
                if ap is None and label is None:
                    ap = _described(text, s, after, tabs)
                if ap is not None:
                    label, rule = ap.label, ap.id
        if label is None and re.match(r"\s+(?:staff|colleagues|leaders|managers|workers|clinicians|nurses|doctors)\b", text[e:]):
            continue  # "Salford Royal Hospital staff": people, not a named body
        if label is None and s == 0 and _ADJECTIVAL_RE.match(text[e:]) and not _NOT_ADJECTIVAL_RE.match(text[e:]) and not acr:
            continue  # "Occupational therapy ...", "Short-term reablement ..." at a sentence start
        if label is None:
            content = [w for w in words if w not in CONNECTORS]
            if all(w in tabs["generic"] for w in content):
                continue
            if len(content) == 1 and (content[0].lower() in common or s == 0):
                continue
            if len(content) <= 2 and _ADJECTIVAL_RE.match(text[e:]) and not _NOT_ADJECTIVAL_RE.match(text[e:]):
                continue
            # a run made of council places: "Middlesbrough and Redcar and Cleveland"
            places = list(place_re.finditer(surface))
            rest = place_re.sub("", surface)
            other = [p for p in re.split(r"\s*(?:,|\band\b|&)\s*", rest) if p.strip()]
            if other and all(p.strip() in tabs["places"] for p in other):
                rest = ""  # "Harrogate and Selby", "Leeds and the Dales": places only
            if (places or other) and not re.sub(r"\b(?:and|&|the)\b|[\s,]", "", rest):
                if _place_use(text, s, e, tabs):
                    continue  # "across Rutland and Leicestershire": an area, not councils
                for pm in places:
                    add(s + pm.start(), s + pm.end(), "LocalAuthority", "ent.council.place", lookup[pm.group()], "place")
                continue
            if name in tabs["places"] or any(c.pattern.match(text, e) for c in tabs["place_head"]):
                continue  # a town, region or area ("Berkshire West place"), not a body
            kind = "untyped"
        else:
            kind = "name"
        add(s, e, label, rule, name, kind, acr, keep, canon)

    # council aliases ("the local authority") and anaphors ("the board")
    patterns = sentence_patterns(rules)
    for c in patterns.candidates("mentions", patterns.scan(text) if sat is False else sat):
        for m in c.pattern.finditer(text):
            s, e = m.start(), m.end()
            if s == e or any(ts < e and s < te for ts, te in taken):
                continue
            kind = "council" if c.kind == "council_alias" else c.kind
            # a role title ("the Director of Adult Social Services") stands for the council in
            # relations, but is no name or alias of it (kind "role")
            add(s, e, "LocalAuthority" if kind in ("council", "role") else c.label, c.id, m.group(), kind)

    # acronyms (defined or standard), one token or "SNEE ICB"
    for m in BARE_ACRONYM_RE.finditer(text):
        s, e = m.start(), m.end()
        if not free(s, e):
            continue
        if not all(_is_acronym(w) for w in m.group().split()):
            continue
        add(s, e, None, "ent.acronym", m.group(), "acronym")

    # lowercase short forms of a named body ("public health" for "Public Health South Tees")
    for c in rules.cues_of("soft_alias"):
        for m in c.pattern.finditer(text):
            if free(m.start(), m.end()):
                add(m.start(), m.end(), c.label, c.id, c.target or m.group(), "soft")

    # council place names standing alone ("with Rutland and Leicestershire")
    for m in place_re.finditer(text):
        s, e = m.start(), m.end()
        exact = [c for c in out if c.start - offset == s and c.end - offset == e and c.kind == "untyped"]
        if exact and (_ADJECTIVAL_RE.match(text[e:]) and not _NOT_ADJECTIVAL_RE.match(text[e:]) or _place_use(text, s, e, tabs)):
            for c in exact:
                out.remove(c)
            continue
        for c in exact:
            out.remove(c)
            out.append(Candidate(c.start, c.end, c.text, "LocalAuthority", "ent.council.place", lookup[m.group()], "place"))
        if exact or not free(s, e):
            continue
        if _ADJECTIVAL_RE.match(text[e:]) and not _NOT_ADJECTIVAL_RE.match(text[e:]):
            continue  # adjectival use: "Tees Valley local authorities"
        if _place_use(text, s, e, tabs):
            continue  # an area: "partners across Kent", "the Wirral peninsula"
        add(s, e, "LocalAuthority", "ent.council.place", lookup[m.group()], "place")
    for a, expansion in inner_acronyms.items():
        out.append(Candidate(offset, offset, "", None, "ent.acronym.inner", expansion, "inner", a))
    out.sort(key=lambda c: (c.start, -c.end))
    return out
