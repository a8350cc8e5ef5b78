"""Errors raised by graphkit.

::

    GraphkitError
    ├── IngestError      a file cannot be read as a report (names the file and the problem)
    ├── RuleError        a rule file is malformed (names the file and line)
    ├── OntologyError    the ontology or shapes are missing or inconsistent
    ├── ValidationError  a graph does not conform to ontology/shapes.ttl
    ├── CorrectionError  a corrections file is malformed
    ├── QueryError       a SPARQL query is unknown or invalid
    └── OutputError      an output folder cannot be written (names the path and the problem)

Every message is one line; the CLI prints it and exits 1.
"""

from __future__ import annotations

__all__ = [
    "GraphkitError",
    "IngestError",
    "RuleError",
    "OntologyError",
    "ValidationError",
    "CorrectionError",
    "QueryError",
    "OutputError",
]


class GraphkitError(Exception):
    """Base of all graphkit errors."""


class IngestError(GraphkitError):
    """A file cannot be read as a report."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class RuleError(GraphkitError):
    """A rule file is malformed."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        self.path, self.line, self.problem = str(path), line, problem
        super().__init__(f"{self.path}:{line}: {problem}")


class OntologyError(GraphkitError):
    """The ontology, shapes or reference data are missing or inconsistent."""


class ValidationError(GraphkitError):
    """A graph does not conform to the SHACL shapes."""


class CorrectionError(GraphkitError):
    """A corrections file is malformed."""


class QueryError(GraphkitError):
    """A SPARQL query is unknown or invalid."""


class OutputError(GraphkitError):
    """An output folder cannot be written, locked or replaced."""

    def __init__(self, path: str | object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
