"""Ready SPARQL queries (ontology/queries/*.rq) and a safe way to run any query.

::

    QUERIES: name -> SPARQL text             loaded from ontology/queries/NAME.rq
    run_query(graph, query, bindings)        a ready-query name or SPARQL text; values bound, never spliced
    format_result(result, fmt)               table | csv | json
"""

from __future__ import annotations

from .ready import QUERIES, ReadyQuery, READY, describe_queries
from .run import format_result, parse_bindings, run_query

__all__ = ["QUERIES", "READY", "ReadyQuery", "describe_queries", "format_result", "parse_bindings", "run_query"]
