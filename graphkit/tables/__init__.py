"""Tables of a built graph for spreadsheets, Gephi and Datasette: ``table_files(analysis)``.

``entities.csv``, ``relations.csv`` (one row per fact, with its evidence) and ``councils.csv``
(the side-by-side comparison), the same tables in ``graph.sqlite``, and the network as
``graph.graphml`` and ``graph.gexf``. ``docs/analysis.md`` lists every column.
"""

from __future__ import annotations

from .files import analysis_files, analysis_json, csv_bytes, export_network, gexf_bytes, graphml_bytes, sqlite_bytes, table_files
from .rows import Column, Table, council_table, entity_table, relation_table

__all__ = sorted([
    "Column",
    "analysis_files",
    "analysis_json",
    "Table",
    "council_table",
    "csv_bytes",
    "entity_table",
    "export_network",
    "gexf_bytes",
    "graphml_bytes",
    "relation_table",
    "sqlite_bytes",
    "table_files",
])
