"""The tables as files: CSV, GraphML, GEXF and SQLite, the same bytes for the same graph."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

from ..analyse.layers import edge_layer
from ..analyse.summary import Analysis
from .rows import Table, council_table, entity_table, relation_table

__all__ = ["analysis_files", "analysis_json", "csv_bytes", "export_network", "graphml_bytes", "gexf_bytes",
           "sqlite_bytes", "table_files"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """The table as CSV (RFC 4180): a header of column names, CRLF line ends, UTF-8.

    A value with a comma, quote or line break (``\\n`` or ``\\r``) is quoted, quotes doubled,
    so a sentence with any of them reads back whole; None is written as an empty cell.

    Examples
    --------
    >>> from graphkit.tables.rows import Column
    >>> t = Table("t", (Column("a", "TEXT", ""), Column("b", "INTEGER", "")), [('say "hi", then\\ngo', 1)])
    >>> csv_bytes(t).decode()
    'a,b\\r\\n"say ""hi"", then\\ngo",1\\r\\n'
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue().encode("utf-8")


def export_network(analysis: Analysis) -> nx.MultiDiGraph:
    """The whole network (both layers) with scalar attributes only, for GraphML and GEXF.

    Nodes carry ``label``, ``type``, ``national``, ``layer``, ``councils`` (ids joined by
    ``"; "``), ``reports`` (a count) and, when measured, ``degree_centrality``,
    ``betweenness``, ``pagerank`` and ``community``; edges (keyed by predicate) carry
    ``predicate``, ``layer`` (stated or context), ``directed``, ``facts``, ``tone``,
    ``reports`` (ids joined) and ``evidence`` (the first sentence).
    """
    entities = entity_table(analysis)
    names = [c.name for c in entities.columns]
    X = nx.MultiDiGraph()
    for row in entities.rows:
        data = dict(zip(names, row))
        attrs = {k: data[k] for k in ("label", "type", "layer", "councils", "reports")}
        attrs["national"] = bool(data["national"])
        for k in ("degree_centrality", "betweenness", "pagerank", "broker", "community"):
            if data[k] is not None:
                attrs[k] = data[k]
        X.add_node(data["id"], **attrs)
    for u, v, key, data in analysis.network.edges(keys=True, data=True):
        sentences = data.get("sentences", ())
        X.add_edge(u, v, key=key, predicate=str(data.get("predicate", key)), layer=edge_layer(data),
                   directed=bool(data.get("directed", True)), facts=int(data.get("evidence", 0)),
                   tone=str(data.get("tone", "neutral")), reports="; ".join(data.get("reports", ())),
                   evidence=sentences[0][1] if sentences else "")
    return X


def graphml_bytes(analysis: Analysis) -> bytes:
    """``export_network`` as GraphML (``networkx.read_graphml`` and Gephi open it)."""
    return ("\n".join(nx.generate_graphml(export_network(analysis))) + "\n").encode("utf-8")


_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def gexf_bytes(analysis: Analysis) -> bytes:
    """``export_network`` as GEXF 1.2 for Gephi (without the writing date, so bytes are stable)."""
    text = "\n".join(nx.generate_gexf(export_network(analysis))) + "\n"
    return _GEXF_DATE.sub("", text, count=1).encode("utf-8")


def sqlite_bytes(tables: list[Table]) -> bytes:
    """A SQLite database of `tables` (typed columns, relations indexed by subject and object),
    made with the standard library; Datasette serves it as it is."""
    fd, name = tempfile.mkstemp(suffix=".sqlite")
    os.close(fd)
    path = Path(name)
    path.unlink()
    try:
        db = sqlite3.connect(path)
        try:
            for table in tables:
                cols = ", ".join(f'"{c.name}" {c.type}' for c in table.columns)
                db.execute(f'CREATE TABLE "{table.name}" ({cols})')
                marks = ", ".join("?" for _ in table.columns)
                db.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', table.rows)
                if table.name == "relations":
                    for col in ("subject", "object", "report"):
                        db.execute(f'CREATE INDEX "relations_{col}" ON "relations" ("{col}")')
            db.commit()
        finally:
            db.close()
        return path.read_bytes()
    finally:
        path.unlink(missing_ok=True)


def table_files(analysis: Analysis) -> dict[str, bytes]:
    """Every table file of an analysis: relative name -> bytes.

    ``entities.csv``, ``relations.csv``, ``councils.csv``, ``graph.graphml``, ``graph.gexf``
    and ``graph.sqlite`` (tables entities, relations, councils).
    """
    tables = [entity_table(analysis), relation_table(analysis), council_table(analysis)]
    files = {f"{t.name}.csv": csv_bytes(t) for t in tables}
    files["graph.graphml"] = graphml_bytes(analysis)
    files["graph.gexf"] = gexf_bytes(analysis)
    files["graph.sqlite"] = sqlite_bytes(tables)
    return files


def analysis_json(analysis: Analysis) -> str:
    """``analysis.json``: ``analysis.to_dict()`` as indented JSON (UTF-8 text, keys in a fixed order)."""
    return json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False) + "\n"


def analysis_files(analysis: Analysis) -> dict[str, bytes]:
    """What ``graphkit build`` and ``graphkit analyse`` write from an analysis: ``analysis.json``
    and ``table_files``."""
    return {"analysis.json": analysis_json(analysis).encode("utf-8")} | table_files(analysis)
