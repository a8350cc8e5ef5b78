"""The rows of the three tables: entities, relations (one per fact) and councils.

Each table is a tuple of ``Column`` (name, SQLite type, meaning) and a list of rows (tuples of
str, int, float or None), sorted. The CSV files, the SQLite tables and ``docs/analysis.md``
all take their columns from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..analyse.coverage import STATEMENTS
from ..analyse.layers import CONTEXT, STATED, edge_layer
from ..analyse.summary import Analysis
from ..analyse.tone import TONES
from ..model import ENTITY_TYPES
from ..names import slugify

__all__ = ["Column", "Table", "entity_table", "relation_table", "council_table", "statement_column"]


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its name, SQLite type (TEXT, INTEGER or REAL) and what it holds."""

    name: str
    type: str
    doc: str


@dataclass(frozen=True)
class Table:
    """A named table: its columns and rows."""

    name: str
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]


def _join(values) -> str:
    return "; ".join(str(v) for v in values)


ENTITY_COLUMNS = (
    Column("id", "TEXT", "entity id (slug; IRI https://graphkit.example/id/ID)"),
    Column("label", "TEXT", "preferred label"),
    Column("type", "TEXT", "entity type (LocalAuthority, NHSBody, Board, ...)"),
    Column("national", "INTEGER", "1 for a national body, fund or programme (measured once per council), else 0"),
    Column("layer", "TEXT", "stated when reports name it or state a relation with it, else context"),
    Column("councils", "TEXT", "ids of the councils whose reports name it, '; '-separated"),
    Column("reports", "INTEGER", "number of reports that name it"),
    Column("alt_labels", "TEXT", "other names, '; '-separated"),
    Column("identifiers", "TEXT", "identifiers such as GSS or ODS codes, 'property=value; ...'"),
    Column("same_as", "TEXT", "owl:sameAs IRIs, '; '-separated"),
    Column("stated_relations", "INTEGER", "relations with it that reports state"),
    Column("context_relations", "INTEGER", "relations with it that only reference data states"),
    Column("degree", "INTEGER", "distinct neighbours in the stated network (empty for a national body: see its instances)"),
    Column("degree_centrality", "REAL", "degree / (nodes - 1) in the stated network"),
    Column("betweenness", "REAL", "betweenness centrality in the stated network (normalised; sampled on large graphs, see analysis.json)"),
    Column("pagerank", "REAL", "PageRank in the stated network, weighted by evidence"),
    Column("eigenvector", "REAL", "eigenvector centrality in the stated network, weighted by evidence"),
    Column("broker", "REAL", "share of the shortest paths between pairs of assessed councils through it"),
    Column("community", "INTEGER", "Louvain community number (analysis.json communities), empty when unlinked"),
    Column("instances", "INTEGER", "for a national body: number of per-council instances it is measured as"),
)

RELATION_COLUMNS = (
    Column("fact", "TEXT", "IRI of the gk:Fact"),
    Column("layer", "TEXT", "stated (a report's sentence states it) or context (reference data)"),
    Column("subject", "TEXT", "subject entity id"),
    Column("subject_label", "TEXT", "subject's label"),
    Column("subject_type", "TEXT", "subject's type"),
    Column("predicate", "TEXT", "relation (partnersWith, memberOf, chairs, funds, ...)"),
    Column("object", "TEXT", "object entity id"),
    Column("object_label", "TEXT", "object's label"),
    Column("object_type", "TEXT", "object's type"),
    Column("tone", "TEXT", "how the sentence judges the relation: positive, negative, mixed or neutral"),
    Column("confidence", "REAL", "gk:confidence of the fact (0-1) when the graph has it, else empty"),
    Column("evidence", "TEXT", "the sentence that states it (empty for context)"),
    Column("report", "TEXT", "report id (texts/REPORT.txt holds the text the offsets index)"),
    Column("council", "TEXT", "id of the council the report assesses"),
    Column("council_label", "TEXT", "that council's label"),
    Column("section", "TEXT", "quality statement (or heading) of the section the sentence is in"),
    Column("section_index", "INTEGER", "0-based number of that section in its report"),
    Column("start", "INTEGER", "start offset of the sentence in the report's text (code points)"),
    Column("end", "INTEGER", "end offset (exclusive)"),
    Column("rule", "TEXT", "extraction rule id"),
    Column("source", "TEXT", "report id, or the reference dataset a context fact comes from"),
)


def statement_column(statement: str) -> str:
    """The councils column of a quality statement's score.

    >>> statement_column("Safe systems, pathways and transitions")
    'score_safe_systems_pathways_and_transitions'
    """
    return "score_" + slugify(statement).replace("-", "_")


COUNCIL_COLUMNS = (
    Column("council", "TEXT", "council id"),
    Column("label", "TEXT", "council's label"),
    Column("reports", "INTEGER", "reports (files or saved pages) of its assessment; together one assessment"),
    Column("report_ids", "TEXT", "their ids, '; '-separated"),
    Column("words", "INTEGER", "words in its reports (a text saved twice counted once)"),
    Column("facts", "INTEGER", "distinct relations its reports state"),
    Column("facts_per_1000_words", "REAL", "extraction coverage: facts per 1,000 words"),
    Column("sparse", "INTEGER", "1 when facts per 1,000 words are below half the median of the councils (3+ councils)"),
    Column("statements_present", "INTEGER", "quality statements its reports have a section for (of 9)"),
    Column("statements_missing", "TEXT", "the others, '; '-separated"),
    Column("mean_score", "REAL", "mean CQC score (1-4) of the statements scored"),
    *(Column(statement_column(s), "INTEGER", f"CQC score (1-4) of '{s}'") for s in STATEMENTS),
    Column("partners", "INTEGER", "distinct neighbours in the stated network"),
    *(Column(f"partners_{t}", "INTEGER", f"of them, {t}") for t in ENTITY_TYPES),
    Column("degree_centrality", "REAL", "degree / (nodes - 1) in the stated network"),
    Column("betweenness", "REAL", "betweenness centrality in the stated network"),
    Column("pagerank", "REAL", "PageRank in the stated network"),
    Column("broker", "REAL", "share of shortest paths between other pairs of councils through it"),
    Column("community", "INTEGER", "Louvain community number"),
    Column("shared_partners", "INTEGER", "its partners that are also partners of another council"),
    *(Column(f"facts_{t}", "INTEGER", f"its facts of {t} tone") for t in TONES),
    Column("negative_or_mixed_share", "REAL", "share of its facts of negative or mixed tone"),
    Column("context_links", "INTEGER", "relations of it that only reference data states (not measured)"),
)


def _score(value: float | None) -> float | None:
    return None if value is None else float(value)


def entity_table(analysis: Analysis) -> Table:
    """One row per entity of the whole graph, sorted by id."""
    G, S = analysis.network, analysis.stated
    c = analysis.centrality
    stated_edges: dict[str, int] = {}
    context_edges: dict[str, int] = {}
    for u, v, data in G.edges(data=True):
        count = context_edges if edge_layer(data) == CONTEXT else stated_edges
        for n in {u, v}:
            count[n] = count.get(n, 0) + 1
    instances: dict[str, int] = {}
    for n, data in S.nodes(data=True):
        if data.get("national") and n != data.get("entity"):
            instances[data["entity"]] = instances.get(data["entity"], 0) + 1
    rows = []
    for n, data in sorted(G.nodes(data=True)):
        measured = n in S
        rows.append((
            n, data.get("label", n), data.get("type", "Unknown"),
            1 if n in instances or (measured and S.nodes[n].get("national")) else 0,
            STATED if measured or n in instances else CONTEXT,
            _join(data.get("councils", ())), len(data.get("reports", ())),
            _join(data.get("alt_labels", ())),
            _join(f"{p}={v}" for p, v in data.get("identifiers", ())),
            _join(data.get("same_as", ())),
            stated_edges.get(n, 0), context_edges.get(n, 0),
            len(set(S.successors(n)) | set(S.predecessors(n)) - {n}) if measured else None,
            _score(c["degree"].get(n)) if measured else None,
            _score(c["betweenness"].get(n)) if measured else None,
            _score(c["pagerank"].get(n)) if measured else None,
            _score(c["eigenvector"].get(n)) if measured else None,
            _score(analysis.broker.get(n, 0.0)) if measured else None,
            analysis.community_of.get(n),
            instances.get(n),
        ))
    return Table("entities", ENTITY_COLUMNS, rows)


def relation_table(analysis: Analysis) -> Table:
    """One row per fact (stated first, by report and offset; then context)."""
    G = analysis.network
    records = analysis.records
    councils_of = records.report_councils() if records else {}

    def node(n: str) -> tuple[str, str]:
        data = G.nodes[n] if n in G else {}
        return data.get("label", n), data.get("type", "Unknown")

    rows = []
    for f in records.facts if records else ():
        council = next(iter(councils_of.get(f.report, ())), "")
        try:
            confidence = float(f.confidence) if f.confidence else None
        except ValueError:
            confidence = None
        rows.append((
            f.fact, f.layer, f.subject, *node(f.subject), f.predicate, f.object, *node(f.object),
            f.tone if f.layer == STATED else "", confidence, f.sentence, f.report, council,
            node(council)[0] if council else "", f.section, f.section_index, f.start, f.end, f.rule, f.source,
        ))
    return Table("relations", RELATION_COLUMNS, rows)


def council_table(analysis: Analysis) -> Table:
    """One row per assessed council, sorted by id: coverage, scores, partners, measures, tone."""
    rows = []
    for cid, c in sorted(analysis.councils.items()):
        tone = c["tone"]
        rows.append((
            cid, c["label"], len(c["reports"]), _join(c["reports"]), c["words"], c["facts"],
            c["facts_per_1000_words"], int(bool(c["sparse"])), len(c["statements_present"]),
            _join(c["statements_missing"]), c["mean_score"],
            *(c["scores"].get(s) for s in STATEMENTS),
            c["partners"], *(c["partners_by_type"].get(t, 0) for t in ENTITY_TYPES),
            c["degree_centrality"], c["betweenness"], c["pagerank"], c["broker"], c["community"],
            len(c["shared_partners"]), *(tone[t] for t in TONES), tone["share"], len(c["context"]),
        ))
    return Table("councils", COUNCIL_COLUMNS, rows)
