"""Ready SPARQL queries (ontology/queries/*.rq) and a safe way to run any query.

::

    QUERIES: name -> SPARQL text             loaded from ontology/queries/NAME.rq
    run_query(graph, query, bindings, engine="oxigraph")
                                             a ready-query name or SPARQL text; values bound, never spliced;
                                             on pyoxigraph (default) or rdflib's engine, same rdflib results
    load_store(path), to_store(graph)        a graph file or rdflib graph in a pyoxigraph Store (engine.py)
    ready_query_text(name, bindings)         a ready query's SPARQL 1.1 text with its values as a VALUES block,
                                             for any SPARQL store (run.py explains the binding)
    to_dataframe(result), query_dataframe(graph, query, bindings)
                                             rows as a pandas DataFrame (pip install 'graphkit[pandas]')
    matching_entities(graph, value)          the entities a name, alias, id or IRI stands for
    format_result(result, fmt)               table | csv | json
"""

from __future__ import annotations

from .ready import QUERIES, ReadyQuery, READY, describe_queries
from .engine import ENGINES, load_store, to_store
from .run import (format_result, matching_entities, parse_bindings, query_dataframe, ready_query_text, run_query,
                  to_dataframe)

__all__ = ["ENGINES", "QUERIES", "READY", "ReadyQuery", "describe_queries", "format_result", "load_store",
           "matching_entities", "parse_bindings", "query_dataframe", "ready_query_text", "run_query", "to_dataframe",
           "to_store"]
