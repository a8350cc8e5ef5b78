"""Rule data: gazetteers, type heads, lexicon cues and relation triggers, loaded from files.

The built-in rules live in ``graphkit/data/``; a user folder given to ``graphkit build
--rules DIR`` holds files with the same names and formats, whose lines are added to the
built-in ones (user gazetteer entries win over built-in ones for the same surface form).

Files (every line has an ``id``, which goes into ``Mention.rule`` / ``Relation.rule``):

* ``type_heads.jsonl``   ``{"id", "label", "head"}``: a capitalised name ending in *head* has type *label*
* ``lower_heads.jsonl`` ``{"id", "label", "head", "keep"}``: a capitalised name followed by a
  lowercase *head* ("the Settle at Home scheme"); *keep* says whether the head is part of the name
* ``appositives.jsonl`` ``{"id", "label", "head"}``: "X, a <...> *head*" types an unknown name X
* ``prefixes.jsonl``     ``{"id", "label", "prefix"}``: a capitalised name starting with *prefix*
* ``gazetteer.jsonl``    ``{"id", "label", "name", "aliases"?}``: known bodies (exact case)
* ``abbreviations.tsv``  ``ABBR<TAB>expansion<TAB>type<TAB>id``: standard acronyms
* ``lexicon.jsonl``      ``{"id", "kind", "pattern", "label"?}``: regex cues (council aliases,
  anaphors, negation, hedges, tone, not-a-name words, role titles, places, collective phrases,
  and descriptions that type a name: ``describe_after``/``describe_before``, whose ``desc`` group
  is read for an ``appositives.jsonl`` head)
* ``relation_triggers.jsonl`` ``{"id", "predicate", "voice", "pattern"}``: regex trigger phrases
  (matched ignoring case)
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import RuleError
from ..model import ENTITY_TYPES, PREDICATES
from ..resources import data_dir

__all__ = ["Rules", "load_rules", "FILES", "VOICES", "LEXICON_KINDS"]

FILES: tuple[str, ...] = (
    "type_heads.jsonl",
    "lower_heads.jsonl",
    "appositives.jsonl",
    "prefixes.jsonl",
    "gazetteer.jsonl",
    "abbreviations.tsv",
    "lexicon.jsonl",
    "relation_triggers.jsonl",
)

VOICES: frozenset[str] = frozenset(
    {"active", "passive", "members", "passive_list", "reverse", "fund_list", "between",
     "agreement", "post", "its_chair", "joint_members", "to_council", "subject_pair", "by_with", "was_its_chair", "members_front", "fund_subject"}
)

#: lexicon kinds whose pattern finds a description of a name, in a group named ``desc``: after the
#: name ("X (a local charity)", "X was the council's contact centre") or before it ("a service called X")
DESCRIPTION_KINDS: tuple[str, ...] = ("describe_after", "describe_before")

LEXICON_KINDS: frozenset[str] = frozenset(
    {"council_alias", "anaphor", "anaphor_pair", "negation", "hedge", "positive", "negative",
     "not_name", "not_name_head", "not_name_word", "lead_strip", "soft_alias", "start_noun", "contrast"}
    | set(DESCRIPTION_KINDS) | {"role", "place_head", "place_before", "place_name", "collective_head", "collective_phrase"}
)


@dataclass(frozen=True, slots=True)
class Head:
    """A capitalised name ending in ``words`` is of type ``label``."""

    id: str
    label: str
    words: tuple[str, ...]
    keep: bool = True


@dataclass(frozen=True, slots=True)
class Known:
    """A known body (gazetteer line or standard abbreviation)."""

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


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger phrase for a predicate."""

    id: str
    predicate: str
    voice: str
    pattern: re.Pattern


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
    triggers: tuple[Trigger, ...]
    sources: tuple[str, ...] = field(default=())

    def cues_of(self, kind: str) -> tuple[Cue, ...]:
        """The lexicon cues of one kind, in file order."""
        return _cues_of(self, kind)


@lru_cache(maxsize=256)
def _cues_of(rules: Rules, kind: str) -> tuple[Cue, ...]:
    return tuple(c for c in rules.cues if c.kind == kind)


def _json_lines(path: Path) -> list[tuple[int, dict]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), 0, f"cannot read rule file: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise RuleError(str(path), n, f"not a JSON object: {exc.msg}") from exc
        if not isinstance(obj, dict):
            raise RuleError(str(path), n, "not a JSON object")
        rows.append((n, obj))
    return rows


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
        if name == "abbreviations.tsv":
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise RuleError(str(path), 0, f"cannot read rule file: {exc}") from exc
            for n, line in enumerate(lines, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) != 4 or not all(p.strip() for p in parts):
                    raise RuleError(str(path), n, "expected 4 tab-separated fields: abbreviation, expansion, type, id")
                abbr, exp, label, rid = (p.strip() for p in parts)
                acc["abbreviations"].append(Known(rid, _label(path, n, label), exp, (abbr,)))
            continue
        for n, obj in _json_lines(path):
            _need(path, n, obj, "id")
            if name in ("type_heads.jsonl", "prefixes.jsonl", "lower_heads.jsonl", "appositives.jsonl"):
                key = "prefix" if name == "prefixes.jsonl" else "head"
                _need(path, n, obj, "label", key)
                keep = obj.get("keep", True)
                if not isinstance(keep, bool):
                    raise RuleError(str(path), n, "'keep' must be true or false")
                item = Head(obj["id"], _label(path, n, obj["label"]), tuple(obj[key].split()), keep)
                acc[name.split(".")[0].replace("type_", "")].append(item)
            elif name == "gazetteer.jsonl":
                _need(path, n, obj, "label", "name")
                aliases = obj.get("aliases", [])
                if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
                    raise RuleError(str(path), n, "'aliases' must be a list of strings")
                acc["known"].append(Known(obj["id"], _label(path, n, obj["label"]), obj["name"], tuple(aliases)))
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
                _need(path, n, obj, "predicate", "voice", "pattern")
                if obj["predicate"] not in PREDICATES:
                    raise RuleError(str(path), n, f"unknown predicate {obj['predicate']!r}; choose from: {', '.join(PREDICATES)}")
                if obj["voice"] not in VOICES:
                    raise RuleError(str(path), n, f"unknown voice {obj['voice']!r}; choose from: {', '.join(sorted(VOICES))}")
                acc["triggers"].append(Trigger(obj["id"], obj["predicate"], obj["voice"], _regex(path, n, obj["pattern"], re.I)))


@lru_cache(maxsize=16)
def _load(dirs: tuple[str, ...]) -> Rules:
    acc: dict[str, list] = {k: [] for k in ("heads", "lower_heads", "appositives", "prefixes", "known", "abbreviations", "cues", "triggers")}
    user: dict[str, list] = {k: [] for k in acc}
    _load_dir(data_dir(), acc)
    for d in dirs[1:]:
        folder = Path(d)
        if not folder.is_dir():
            raise RuleError(d, 0, "rules folder not found")
        _load_dir(folder, user)
    # user entries come first so they win where the extractor takes the first match
    merged = {k: tuple(user[k]) + tuple(acc[k]) for k in acc}
    return Rules(**merged, sources=dirs)


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
        Compiled, picklable rule data (cached per set of folders).

    Raises
    ------
    RuleError
        A folder is missing or a file is malformed (names the file and line).

    Examples
    --------
    >>> rules = load_rules()
    >>> any(t.predicate == "funds" for t in rules.triggers)
    True
    """
    dirs = (str(data_dir()),) + tuple(str(Path(d)) for d in extra_dirs)
    return _load(dirs)
