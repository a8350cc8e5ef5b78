"""Rule data: known bodies, type heads, lexicon cues and relation triggers, loaded from files.

The built-in rules live in ``graphkit/data/``; a user folder given to ``graphkit build
--rules DIR`` holds files with the same names and formats, whose lines are added to the
built-in ones (user known bodies win over built-in ones for the same surface form). Loaded
rules are cached by the folders and the contents of their files, so an edited file is read
again by the next ``load_rules``.

Files (every rule has an ``id``, which goes into ``Mention.rule`` / ``Relation.rule``):

* ``type_heads.jsonl``   ``{"id", "label", "head", "icb_area_label"?}``: a capitalised name ending in
  *head* has type *label* (or *icb_area_label* when the words before the head are the area an ICB
  is named after: "Humber and North Yorkshire Health and Care Partnership" works across a system)
* ``lower_heads.jsonl`` ``{"id", "label", "head", "keep"}``: a capitalised name followed by a
  lowercase *head* ("the Settle at Home scheme"); *keep* says whether the head is part of the name
* ``appositives.jsonl`` ``{"id", "label", "head"}``: "X, a <...> *head*" types an unknown name X
* ``prefixes.jsonl``     ``{"id", "label", "prefix"}``: a capitalised name starting with *prefix*
* ``bodies.tsv``         the table of known bodies shared with the resolver (see
  ``graphkit.bodies``): each body's name, aliases and abbreviations are found in text (exact
  case; rule id ``ent.known.<slug>``), and each abbreviation read alone stands for the body's
  name (rule id ``abbr.<abbreviation>``)
* ``lexicon.jsonl``      ``{"id", "kind", "pattern", "label"?}``: regex cues (council aliases,
  anaphors, negation, hedges, tone, not-a-name words, role titles, places, collective phrases,
  and descriptions that type a name: ``describe_after``/``describe_before``, whose ``desc`` group
  is read for an ``appositives.jsonl`` head)
* ``frames.jsonl``  relation frames: a trigger (verb, noun or phrase) and the clause roles that
  fill a predicate's subject and object (see ``graphkit.extract.frames``)
* ``verb_forms.tsv`` irregular verbs of the frames: lemma, past, participle, -ing, third person
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..bodies import read_bodies
from ..datafiles import json_lines
from ..errors import RuleError
from ..model import ENTITY_TYPES
from ..resources import data_dir, file_stamps
from .frames import Frame, Trigger, group_triggers, load_verb_forms, parse_frame

__all__ = ["Rules", "load_rules", "FILES", "LEXICON_KINDS"]

FILES: tuple[str, ...] = (
    "type_heads.jsonl",
    "lower_heads.jsonl",
    "appositives.jsonl",
    "prefixes.jsonl",
    "bodies.tsv",
    "lexicon.jsonl",
    "frames.jsonl",
    "verb_forms.tsv",
)

#: lexicon kinds whose pattern finds a description of a name, in a group named ``desc``: after the
#: name ("X (a local charity)", "X was the council's contact centre") or before it ("a service called X")
DESCRIPTION_KINDS: tuple[str, ...] = ("describe_after", "describe_before")

LEXICON_KINDS: frozenset[str] = frozenset(
    {"council_alias", "anaphor", "anaphor_pair", "negation", "hedge", "positive", "negative",
     "not_name", "not_name_head", "not_name_word", "site_head", "lead_strip", "soft_alias", "start_noun", "contrast"}
    | set(DESCRIPTION_KINDS) | {"role", "place_head", "place_before", "place_name", "collective_head", "collective_phrase"}
)


@dataclass(frozen=True, slots=True)
class Head:
    """A capitalised name ending in ``words`` is of type ``label``."""

    id: str
    label: str
    words: tuple[str, ...]
    keep: bool = True
    icb_area_label: str | None = None  # the type when the words before the head name an ICB's area


@dataclass(frozen=True, slots=True)
class Known:
    """A known body (a line of bodies.tsv) or one of its standard abbreviations."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cue:
    """A regex cue from the lexicon."""

    id: str
    kind: str
    pattern: re.Pattern
    label: str | None = None
    target: str | None = None


@dataclass(frozen=True, eq=False)
class Rules:
    """All rule data, compiled. Picklable and immutable; build it with ``load_rules``.

    Compared and hashed by identity, so per-``Rules`` caches (matchers, tables) stay cheap.
    """

    heads: tuple[Head, ...]
    lower_heads: tuple[Head, ...]
    appositives: tuple[Head, ...]
    prefixes: tuple[Head, ...]
    known: tuple[Known, ...]
    abbreviations: tuple[Known, ...]
    cues: tuple[Cue, ...]
    frames: tuple[Frame, ...]
    triggers: tuple[Trigger, ...]  # the frames' compiled triggers
    sources: tuple[str, ...] = field(default=())

    def cues_of(self, kind: str) -> tuple[Cue, ...]:
        """The lexicon cues of one kind, in file order."""
        return _cues_of(self, kind)


@lru_cache(maxsize=256)
def _cues_of(rules: Rules, kind: str) -> tuple[Cue, ...]:
    return tuple(c for c in rules.cues if c.kind == kind)


_json_lines = json_lines


def _need(path: Path, n: int, obj: dict, *keys: str) -> None:
    for k in keys:
        if not isinstance(obj.get(k), str) or not obj[k].strip():
            raise RuleError(str(path), n, f"missing or empty string field {k!r}")


def _label(path: Path, n: int, label: str) -> str:
    if label not in ENTITY_TYPES:
        raise RuleError(str(path), n, f"unknown type {label!r}; choose from: {', '.join(ENTITY_TYPES)}")
    return label


def _regex(path: Path, n: int, pattern: str, flags: int = 0) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise RuleError(str(path), n, f"bad regular expression: {exc}") from exc


def _check_description(path: Path, n: int, kind: str, pattern: re.Pattern) -> None:
    """A description cue must capture the describing words as ``(?P<desc>...)``."""
    if kind in DESCRIPTION_KINDS and "desc" not in pattern.groupindex:
        raise RuleError(str(path), n, f"a {kind} pattern needs a group named 'desc' (?P<desc>...) around the description")


def _load_dir(folder: Path, acc: dict[str, list]) -> None:
    for name in FILES:
        path = folder / name
        if not path.is_file():
            continue
        if name == "verb_forms.tsv":
            acc["verb_forms"].update(load_verb_forms(path))
            continue
        if name == "bodies.tsv":
            for body in read_bodies(path):
                if body.scope != "term":
                    acc["known"].append(Known(f"ent.known.{body.slug}", body.type, body.label,
                                              body.aliases + body.abbreviations))
                for abbr in body.abbreviations:
                    acc["abbreviations"].append(Known(f"abbr.{abbr.lower()}", body.type, body.label, (abbr,)))
            continue
        for n, obj in _json_lines(path):
            _need(path, n, obj, "id")
            if name in ("type_heads.jsonl", "prefixes.jsonl", "lower_heads.jsonl", "appositives.jsonl"):
                key = "prefix" if name == "prefixes.jsonl" else "head"
                _need(path, n, obj, "label", key)
                keep = obj.get("keep", True)
                if not isinstance(keep, bool):
                    raise RuleError(str(path), n, "'keep' must be true or false")
                wide = obj.get("icb_area_label")
                item = Head(obj["id"], _label(path, n, obj["label"]), tuple(obj[key].split()), keep,
                            _label(path, n, wide) if wide is not None else None)
                acc[name.split(".")[0].replace("type_", "")].append(item)
            elif name == "lexicon.jsonl":
                _need(path, n, obj, "kind", "pattern")
                if obj["kind"] not in LEXICON_KINDS:
                    raise RuleError(str(path), n, f"unknown kind {obj['kind']!r}; choose from: {', '.join(sorted(LEXICON_KINDS))}")
                label = obj.get("label")
                if label is not None and label != "*":
                    _label(path, n, label)
                pattern = _regex(path, n, obj["pattern"])
                _check_description(path, n, obj["kind"], pattern)
                acc["cues"].append(Cue(obj["id"], obj["kind"], pattern, label, obj.get("target")))
            else:
                acc["frames"].append(parse_frame(path, n, obj))


#: Files of the old format, now rows of bodies.tsv.
_REPLACED = {"gazetteer.jsonl": "bodies.tsv", "abbreviations.tsv": "bodies.tsv", "relation_triggers.jsonl": "frames.jsonl"}


def _stamps(dirs: tuple[str, ...]) -> tuple:
    """Content digests of every rule file the folders may hold (the cache key of ``_load``)."""
    return file_stamps(Path(d) / name for d in dirs for name in (*FILES, *_REPLACED))


@lru_cache(maxsize=16)
def _load(dirs: tuple[str, ...], stamps: tuple = ()) -> Rules:
    acc: dict = {k: [] for k in ("heads", "lower_heads", "appositives", "prefixes", "known", "abbreviations", "cues", "frames")}
    acc["verb_forms"] = {}
    user: dict = {k: [] for k in acc}
    user["verb_forms"] = {}
    _load_dir(data_dir(), acc)
    for d in dirs[1:]:
        folder = Path(d)
        if not folder.is_dir():
            raise RuleError(d, 0, "rules folder not found")
        for old, new in _REPLACED.items():
            if (folder / old).is_file():
                how = ("frames: a trigger and the roles of its clause, see docs/extraction.md" if new == "frames.jsonl"
                       else "slug, label, type, scope, aliases, abbreviations, variants")
                raise RuleError(str(folder / old), 0, f"{old} is no longer read: write its lines into {new} ({how})")
        _load_dir(folder, user)
    # user entries come first so they win where the extractor takes the first match
    verbs = {**acc.pop("verb_forms"), **user.pop("verb_forms")}
    merged = {k: tuple(user[k]) + tuple(acc[k]) for k in acc}
    _check_ids(merged["frames"])
    return Rules(**merged, triggers=group_triggers(merged["frames"], verbs), sources=dirs)


def _check_ids(frames: tuple[Frame, ...]) -> None:
    seen: set[str] = set()
    for f in frames:
        if f.id in seen:
            raise RuleError("frames.jsonl", 0, f"frame id {f.id!r} is used twice; each frame needs its own id")
        seen.add(f.id)


def load_rules(extra_dirs: Sequence[str | Path] = ()) -> Rules:
    """Load the built-in rule data plus user folders in the same format.

    Parameters
    ----------
    extra_dirs : sequence of str or Path
        Folders holding any of the files in ``FILES``; their lines are added to the built-in
        rules.

    Returns
    -------
    Rules
        Compiled, picklable rule data (cached per set of folders and the contents of their
        files: a file edited on disk is read again by the next call).

    Raises
    ------
    RuleError
        A folder is missing or a file is malformed (names the file and line).

    Examples
    --------
    >>> rules = load_rules()
    >>> any(f.predicate == "funds" for f in rules.frames)
    True
    """
    dirs = (str(data_dir()),) + tuple(str(Path(d)) for d in extra_dirs)
    return _load(dirs, _stamps(dirs))
