"""Relation frames: which trigger words map which clause arguments to a predicate's ends.

A frame is one line of ``frames.jsonl``::

    {"id": "commissions.through", "predicate": "commissions", "verb": "commission",
     "subject": "agent", "object": "patient", "by": ["by", "through"]}

The trigger is one of

* ``verb``: a verb phrase whose first word is a lemma ("commission", "work with", "sit on",
  "bring together"); its inflections come from ``verb_forms.tsv`` or the regular rules, so
  "commissioned", "commissions" and "commissioning" all match, in either voice;
* ``noun``: a noun phrase ("partnership between", "chair of"), singular or plural;
* ``phrase``: fixed words ("on behalf of", "in partnership with").

Adverbs ("worked closely with") and an article ("was a member of") may stand between the words.
``subject`` and ``object`` name clause roles (see ``graphkit.extract.clauses``):

* ``agent``: who does it (the subject of an active verb, the ``by`` phrase of a passive one, the
  body a noun is said of: "X had a partnership with Y", "X, chair of Y");
* ``patient``: the first name after the trigger (the object of an active verb, the subject of a
  passive one, the object of a trigger ending in a preposition);
* a preposition ("with", "through", "from", "on", ...): the name after it, later in the clause;
* ``name``: the name right before a noun trigger ("the Home First arrangement with X");
* ``theme``: for a phrase trigger, what the clause before acted on, else its doer ("Y delivered
  the Hub under a contract with Z": the Hub);
* ``doer``: for a phrase trigger, who acted in the clause before ("Y ran it on the council's behalf": Y);
* ``speaker``: the body whose words the clause reports ("X told us the council was a good partner": X);
* ``council``: the assessed council, which a construction implies ("X, a joint programme with Y");
* several joined by ``+`` ("agent+patient"); the same role on both sides makes every pair
  of its list (symmetric predicates only).

Optional keys: ``by`` (prepositions that bring in a passive verb's agent, default ``["by"]``),
``voice`` ("active" or "passive": the frame applies in that voice only), ``types``
(``{"subject": [...], "object": [...]}``, narrowing the predicate's signature), ``if_object``
(``{"Board": "memberOf"}``: another predicate when the object has that type), ``implicit``
("council": the assessed council is the agent when the clause names none), ``implicit_object``
(a type: the last body of that type mentioned fills an empty object, "A and B were all
represented" on the board just named), ``promote``
(``{"subject": type, "object": type}``: the type an unknown capitalised name gets in that
role), ``not_before`` (words that must not follow the trigger).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import RuleError
from ..model import ENTITY_TYPES, PREDICATES

__all__ = ["Frame", "Trigger", "parse_frame", "group_triggers", "PREPOSITIONS", "ROLES", "SYMMETRIC"]

#: Prepositions a role may name.
PREPOSITIONS: frozenset[str] = frozenset(
    {"with", "by", "through", "from", "on", "of", "in", "for", "to", "between", "alongside", "within", "into", "via",
     "under", "across", "among", "amongst", "using"})
#: Every role name.
ROLES: frozenset[str] = frozenset({"agent", "patient", "name", "theme", "doer", "speaker", "council"}) | PREPOSITIONS
SYMMETRIC: frozenset[str] = frozenset({"partnersWith"})
_KINDS = ("verb", "noun", "phrase")
_KEYS = frozenset({"id", "predicate", "subject", "object", "by", "voice", "types", "if_object", "implicit",
                   "implicit_object", "promote",
                   "not_before", "note", *_KINDS})
_PARTICLES = frozenset({"together", "back", "away", "forward", "part", "into", "onto", "upon", "over", "down", "account"})
_ADVERB = r"(?:\s+(?:[a-z]+ly|together|jointly|also|directly|well|closely|now|still|then|both|all|regularly))"
_ARTICLE = r"(?:\s+(?:a|an|the|its|their|one))"


@dataclass(frozen=True, slots=True)
class Frame:
    """One frame: a trigger and how its clause's roles fill a predicate's subject and object."""

    id: str
    predicate: str
    kind: str  # "verb", "noun" or "phrase"
    words: tuple[str, ...]
    subject: tuple[str, ...]
    object: tuple[str, ...]
    by: tuple[str, ...] = ("by",)
    voice: str | None = None
    subject_types: frozenset[str] | None = None
    object_types: frozenset[str] | None = None
    if_object: tuple[tuple[str, str], ...] = ()
    implicit: str | None = None
    implicit_object: str | None = None
    promote_subject: str | None = None
    promote_object: str | None = None
    not_before: tuple[str, ...] = ()

    @property
    def trigger_key(self) -> tuple:
        """Frames with equal keys share one trigger (and one clause analysis)."""
        return (self.kind, self.words, self.not_before)

    @property
    def pairs(self) -> bool:
        """Subject and object are the same role: every pair of its list."""
        return self.subject == self.object

    def predicate_for(self, object_type: str) -> str:
        return dict(self.if_object).get(object_type, self.predicate)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A compiled trigger pattern and the frames it starts (in file order)."""

    id: str
    kind: str
    pattern: re.Pattern
    participles: frozenset[str]
    frames: tuple[Frame, ...]
    bases: frozenset[str]  # a verb's bare form, which may also be a noun ("offer", "lead")
    preps: frozenset[str]  # prepositions the frames read as roles
    agent_re: re.Pattern  # a passive's agent phrase after the verb ("by", or a frame's own "through")

    @property
    def last_word(self) -> str:
        return self.frames[0].words[-1]

    @property
    def predicate(self) -> str:
        return self.frames[0].predicate

def _fail(path: Path, n: int, problem: str) -> RuleError:
    return RuleError(str(path), n, problem)


def _roles(path: Path, n: int, obj: dict, key: str) -> tuple[str, ...]:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, n, f"missing or empty string field {key!r} (a role: agent, patient or a preposition)")
    roles = tuple(r.strip() for r in value.split("+"))
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise _fail(path, n, f"unknown role {bad[0]!r} in {key!r}; choose from: agent, patient, "
                             f"or a preposition ({', '.join(sorted(PREPOSITIONS))})")
    return roles


def _types(path: Path, n: int, values, what: str) -> frozenset[str]:
    if not isinstance(values, list) or not values:
        raise _fail(path, n, f"{what} must be a non-empty list of types")
    for t in values:
        if t not in ENTITY_TYPES:
            raise _fail(path, n, f"unknown type {t!r} in {what}; choose from: {', '.join(ENTITY_TYPES)}")
    return frozenset(values)


def parse_frame(path: Path, n: int, obj: dict) -> Frame:
    """Check one ``frames.jsonl`` line and build its ``Frame``; a ``RuleError`` says what is wrong."""
    unknown = sorted(set(obj) - _KEYS)
    if unknown:
        raise _fail(path, n, f"unknown key {unknown[0]!r}; frame keys are: {', '.join(sorted(_KEYS))}")
    for key in ("id", "predicate"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise _fail(path, n, f"missing or empty string field {key!r}")
    if obj["predicate"] not in PREDICATES:
        raise _fail(path, n, f"unknown predicate {obj['predicate']!r}; choose from: {', '.join(PREDICATES)}")
    kinds = [k for k in _KINDS if k in obj]
    if len(kinds) != 1:
        raise _fail(path, n, "a frame needs exactly one trigger: 'verb', 'noun' or 'phrase'")
    kind = kinds[0]
    trigger = obj[kind]
    if not isinstance(trigger, str) or not re.fullmatch(r"[A-Za-z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*)*", trigger.strip()):
        raise _fail(path, n, f"{kind!r} must be words separated by single spaces, got {trigger!r}")
    words = tuple(trigger.strip().lower().split())
    subject, obj_roles = _roles(path, n, obj, "subject"), _roles(path, n, obj, "object")
    if subject == obj_roles and obj["predicate"] not in SYMMETRIC:
        raise _fail(path, n, f"subject and object are the same role {'+'.join(subject)!r}, which pairs up a list; "
                             f"only a symmetric predicate ({', '.join(sorted(SYMMETRIC))}) can do that")
    by = obj.get("by", ["by"])
    if "by" in obj and kind != "verb":
        raise _fail(path, n, f"'by' names the prepositions of a passive verb's agent, but this is a {kind} frame: "
                             "only a 'verb' frame has a passive")
    if not isinstance(by, list) or not by or any(p not in PREPOSITIONS for p in by):
        raise _fail(path, n, f"'by' must be a list of prepositions from: {', '.join(sorted(PREPOSITIONS))}")
    voice = obj.get("voice")
    if voice is not None and (kind != "verb" or voice not in ("active", "passive")):
        raise _fail(path, n, "'voice' is 'active' or 'passive', and only for a 'verb' frame")
    types = obj.get("types", {})
    if not isinstance(types, dict) or set(types) - {"subject", "object"}:
        raise _fail(path, n, "'types' must be an object with keys 'subject' and/or 'object'")
    if_object = obj.get("if_object", {})
    if not isinstance(if_object, dict) or any(t not in ENTITY_TYPES or p not in PREDICATES for t, p in if_object.items()):
        raise _fail(path, n, "'if_object' maps an entity type to a predicate")
    implicit = obj.get("implicit")
    if implicit not in (None, "council"):
        raise _fail(path, n, "'implicit' can only be 'council'")
    if implicit and "agent" not in subject:
        raise _fail(path, n, "'implicit' fills the agent, but the subject does not read the agent")
    implicit_object = obj.get("implicit_object")
    if implicit_object is not None and implicit_object not in ENTITY_TYPES and implicit_object != "council":
        raise _fail(path, n, f"'implicit_object' is 'council' (the assessed council) or an entity type (the last "
                             f"one mentioned fills an empty object); choose from: council, {', '.join(ENTITY_TYPES)}")
    promote = obj.get("promote", {})
    if not isinstance(promote, dict) or set(promote) - {"subject", "object"} or any(
            t not in ENTITY_TYPES for t in promote.values()):
        raise _fail(path, n, "'promote' maps 'subject'/'object' to an entity type")
    not_before = obj.get("not_before", [])
    if not isinstance(not_before, list) or not all(isinstance(w, str) and w.strip() for w in not_before):
        raise _fail(path, n, "'not_before' must be a list of words")
    return Frame(
        id=obj["id"], predicate=obj["predicate"], kind=kind, words=words, subject=subject, object=obj_roles,
        by=tuple(by), voice=voice,
        subject_types=_types(path, n, types["subject"], "types.subject") if "subject" in types else None,
        object_types=_types(path, n, types["object"], "types.object") if "object" in types else None,
        if_object=tuple(sorted(if_object.items())), implicit=implicit, implicit_object=implicit_object,
        promote_subject=promote.get("subject"), promote_object=promote.get("object"),
        not_before=tuple(w.strip().lower() for w in not_before))


# ----------------------------------------------------------------------------- inflection

def _regular(lemma: str) -> tuple[str, str, str, str]:
    """(third person, past, participle, -ing) by the regular rules."""
    if lemma.endswith("e"):
        return lemma + "s", lemma + "d", lemma + "d", lemma[:-1] + "ing"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies", lemma[:-1] + "ied", lemma[:-1] + "ied", lemma + "ing"
    if re.search(r"(?:s|sh|ch|x|z)$", lemma):
        return lemma + "es", lemma + "ed", lemma + "ed", lemma + "ing"
    return lemma + "s", lemma + "ed", lemma + "ed", lemma + "ing"


def verb_forms(lemma: str, irregular: dict[str, tuple[str, ...]]) -> tuple[frozenset[str], frozenset[str]]:
    """All forms of a verb, and those that can be a past participle.

    >>> forms, pp = verb_forms("commission", {})
    >>> sorted(forms)
    ['commission', 'commissioned', 'commissioning', 'commissions']
    >>> sorted(verb_forms("run", {"run": ("ran", "run", "running", "runs")})[1])
    ['run']
    """
    prefix, _, head = lemma.rpartition("-")
    prefix = prefix + "-" if prefix else ""
    if head == "be":
        return frozenset(prefix + f for f in ("be", "is", "are", "am", "was", "were", "been", "being")), frozenset()
    if head in irregular:
        past, pp, ing, third = irregular[head]
    else:
        third, past, pp, ing = _regular(head)
    forms = {head, third, past, pp, ing}
    return frozenset(prefix + f for f in forms), frozenset({prefix + pp})


def _word_re(word: str) -> str:
    return re.escape(word).replace(r"\-", "-?").replace("'", "['’]")


def _plural_re(word: str) -> str:
    """A noun, singular or plural ("locality" -> "localit(?:y|ies)")."""
    if word in PREPOSITIONS:
        return _word_re(word)
    if re.search(r"[^aeiou]y$", word):
        return _word_re(word[:-1]) + "(?:y|ies)"
    return _word_re(word) + "(?:s|es)?"


def _trigger_re(frame: Frame, irregular: dict[str, tuple[str, ...]]) -> tuple[str, frozenset[str]]:
    words = list(frame.words)
    participles: frozenset[str] = frozenset()
    if frame.kind == "verb":
        forms, participles = verb_forms(words[0], irregular)
        first = "(?:" + "|".join(_word_re(f) for f in sorted(forms, key=lambda f: (-len(f), f))) + ")"
    elif frame.kind == "noun":
        first = _plural_re(words[0])
    else:
        first = _word_re(words[0])
    parts = [first]
    for w in words[1:]:
        sep = f"{_ADVERB}{{0,2}}{_ARTICLE}?\\s+" if frame.kind != "phrase" else r"\s+"
        # nouns inside a verb phrase may be plural too ("held seats on")
        wr = _plural_re(w) if frame.kind != "phrase" and len(w) > 3 and w not in _PARTICLES else _word_re(w)
        parts.append(sep + wr)
    pattern = r"\b" + "".join(parts) + r"\b"
    if frame.not_before:
        pattern += r"(?!" + _ADVERB + r"?\s+(?:" + "|".join(_word_re(w) for w in frame.not_before) + r")\b)"
    return pattern, participles


@lru_cache(maxsize=8)
def _irregular_table(text: str) -> dict[str, tuple[str, ...]]:
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, past, pp, ing, third = line.split("\t")
            out[lemma] = (past, pp, ing, third)
    return out


def load_verb_forms(path: Path) -> dict[str, tuple[str, ...]]:
    """Irregular verbs: lemma -> (past, participle, -ing, third person), from ``verb_forms.tsv``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(str(path), 0, f"cannot read rule file: {exc}") from exc
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#") and len(line.split("\t")) != 5:
            raise RuleError(str(path), n, "expected 5 tab-separated fields: lemma, past, participle, -ing, third person")
    return _irregular_table(text)


def group_triggers(frames: tuple[Frame, ...], irregular: dict[str, tuple[str, ...]]) -> tuple[Trigger, ...]:
    """One compiled ``Trigger`` per distinct trigger, holding its frames in order."""
    groups: dict[tuple, list[Frame]] = {}
    for f in frames:
        groups.setdefault(f.trigger_key, []).append(f)
    out = []
    for key, fs in groups.items():
        pattern, participles = _trigger_re(fs[0], irregular)
        bases = frozenset({fs[0].words[0]}) if fs[0].kind == "verb" else frozenset()
        preps = frozenset(r for f in fs for r in f.subject + f.object if r in PREPOSITIONS)
        agent_preps = list(dict.fromkeys(p for f in fs for p in f.by))
        agent_re = re.compile(r"\s+(?:[a-z]+ly\s+|jointly\s+|together\s+|directly\s+)?(" + "|".join(agent_preps) + r")\s+",
                              re.I)
        out.append(Trigger(fs[0].id, fs[0].kind, re.compile(pattern, re.I), participles, tuple(fs), bases, preps,
                           agent_re))
    return tuple(out)
