"""graphkit: partnership knowledge graphs from CQC local authority assessment reports.

>>> import graphkit
>>> result = graphkit.build(["seeds"])          # doctest: +SKIP
>>> result.graph                                # the merged rdflib graph
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import GraphkitError, IngestError, QueryError, RuleError  # noqa: E402
from .pipeline import Build, build  # noqa: E402

__all__ = ["Build", "GraphkitError", "IngestError", "QueryError", "RuleError", "__version__", "build"]
