"""Load the ready queries: one ``NAME.rq`` per query with a comment header.

The header's first line is ``# NAME: what it returns``; each parameter has a line
``# param NAME (KIND): description``, or ``# param NAME (KIND, optional): description`` for
one the query can do without. KIND is ``entity`` (a name, alias, id or IRI, matched any case),
``term`` (a relation name such as ``funds``), ``literal`` or ``integer``. A parameter is the
variable ``?param_NAME`` of the query text, bound by a ``VALUES`` block opening the innermost
``WHERE`` group that first uses it (``graphkit.query.run``);
a required one is always bound, so the query needs no ``BOUND`` test for it, an optional one is
unbound when not given, and the query must then still mean something (``!BOUND(?param_NAME) ||``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import OntologyError
from ..resources import queries_dir

__all__ = ["KINDS", "QUERIES", "READY", "ReadyQuery", "describe_queries", "param_variable"]

KINDS = ("entity", "term", "literal", "integer")
_PARAM = re.compile(r"#\s*param\s+(\w+)\s*\((\w+)(\s*,\s*optional)?\)\s*:\s*(.*)")
_PARAM_VAR = re.compile(r"[?$]param_(\w+)")


def param_variable(name: str) -> str:
    """The SPARQL variable (without ``?``) a ready query's parameter ``name`` is bound to.

    >>> param_variable("council")
    'param_council'
    """
    return f"param_{name}"


@dataclass(frozen=True, slots=True)
class ReadyQuery:
    """A stored query: its name, description, parameters ``(name, kind, description)``, text,
    and the names of the parameters it can do without (all others are required)."""

    name: str
    description: str
    params: tuple[tuple[str, str, str], ...]
    sparql: str
    optional: frozenset[str] = frozenset()

    @property
    def required(self) -> tuple[str, ...]:
        """The parameters that must be given, in header order."""
        return tuple(name for name, _, _ in self.params if name not in self.optional)

    def kind(self, name: str) -> str:
        """The kind of parameter ``name`` (KeyError if it has none)."""
        return {n: k for n, k, _ in self.params}[name]


def _parse(path) -> ReadyQuery:
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    if not header or not header[0].startswith(f"# {path.stem}:"):
        raise OntologyError(f"{path}: first line must be '# {path.stem}: description'")
    params, optional, described = [], set(), []
    for line in header[1:]:
        if (m := _PARAM.match(line)) is None:
            if line.lstrip("# ").strip().lower() != "no parameters.":
                described.append(line.lstrip("# ").strip())
            continue
        name, kind, opt, about = m.groups()
        if kind not in KINDS:
            raise OntologyError(f"{path}: parameter {name!r} has kind {kind!r}; choose from: {', '.join(KINDS)}")
        params.append((name, kind, about.strip()))
        if opt:
            optional.add(name)
    declared = {name for name, _, _ in params}
    used = set(_PARAM_VAR.findall("\n".join(line for line in text.splitlines() if not line.startswith("#"))))
    if used != declared:
        problem = sorted(used - declared) and f"uses ?param_{sorted(used - declared)[0]} with no '# param' line"
        problem = problem or f"declares parameter {sorted(declared - used)[0]!r} but never uses ?param_{sorted(declared - used)[0]}"
        raise OntologyError(f"{path}: {problem}")
    description = " ".join([header[0].split(":", 1)[1].strip()] + described)
    return ReadyQuery(path.stem, description, tuple(params), text, frozenset(optional))


def _load() -> dict[str, ReadyQuery]:
    return {path.stem: _parse(path) for path in sorted(queries_dir().glob("*.rq"))}


READY: dict[str, ReadyQuery] = _load()
#: Ready query name -> SPARQL text.
QUERIES: dict[str, str] = {name: q.sparql for name, q in READY.items()}


def describe_queries() -> str:
    """One paragraph per ready query: name, what it returns and its parameters."""
    out = []
    for q in READY.values():
        out.append(f"{q.name}: {q.description}")
        for name, kind, text in q.params:
            need = "optional" if name in q.optional else "required"
            out.append(f"    --bind {name}=VALUE  ({kind}, {need}) {text}")
    return "\n".join(out) + "\n"
