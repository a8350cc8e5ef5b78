"""Load the ready queries: one ``NAME.rq`` per query with a comment header.

The header's first line is ``# NAME: what it returns``; each parameter has a line
``# param NAME (KIND): description`` where KIND is ``entity`` (a slug, CURIE or IRI),
``term`` (a relation name such as ``funds``), ``literal`` or ``integer``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import OntologyError
from ..resources import queries_dir

__all__ = ["QUERIES", "READY", "ReadyQuery", "describe_queries"]

_PARAM = re.compile(r"#\s*param\s+(\w+)\s*\((entity|term|literal|integer)\)\s*:\s*(.*)")
KINDS = ("entity", "term", "literal", "integer")


@dataclass(frozen=True, slots=True)
class ReadyQuery:
    """A stored query: its name, description, parameters ``(name, kind, description)`` and text."""

    name: str
    description: str
    params: tuple[tuple[str, str, str], ...]
    sparql: str


def _load() -> dict[str, ReadyQuery]:
    ready = {}
    for path in sorted(queries_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = [line for line in text.splitlines() if line.startswith("#")]
        if not header or not header[0].startswith(f"# {path.stem}:"):
            raise OntologyError(f"{path}: first line must be '# {path.stem}: description'")
        description = " ".join(
            [header[0].split(":", 1)[1].strip()]
            + [h.lstrip("# ").strip() for h in header[1:] if not _PARAM.match(h) and "parameters" not in h.lower()]
        )
        params = tuple(m.groups() for h in header if (m := _PARAM.match(h)))
        ready[path.stem] = ReadyQuery(path.stem, description, params, text)
    return ready


READY: dict[str, ReadyQuery] = _load()
#: Ready query name -> SPARQL text.
QUERIES: dict[str, str] = {name: q.sparql for name, q in READY.items()}


def describe_queries() -> str:
    """One paragraph per ready query: name, what it returns and its parameters."""
    out = []
    for q in READY.values():
        out.append(f"{q.name}: {q.description}")
        for name, kind, text in q.params:
            out.append(f"    --bind {name}=VALUE  ({kind}) {text}")
    return "\n".join(out) + "\n"
