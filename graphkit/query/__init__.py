"""Ready SPARQL queries (ontology/queries/*.rq) and a safe way to run any query.

::

    QUERIES: name -> SPARQL text             loaded from ontology/queries/NAME.rq
    run_query(graph, query, bindings, engine="oxigraph")
                                             a ready-query name or SPARQL text; values bound, never spliced;
                                             on pyoxigraph (default) or rdflib's engine, same rdflib results
    load_store(path), to_store(graph)        a graph file or rdflib graph in a pyoxigraph Store (engine.py)
    format_result(result, fmt)               table | csv | json
"""

from __future__ import annotations

from .ready import QUERIES, ReadyQuery, READY, describe_queries
from .engine import ENGINES, load_store, to_store
from .run import format_result, parse_bindings, run_query

__all__ = ["ENGINES", "QUERIES", "READY", "ReadyQuery", "describe_queries", "format_result", "load_store",
           "parse_bindings", "run_query", "to_store"]
