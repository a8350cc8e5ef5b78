"""The facts, reports and sections of a built graph as plain records (for tables and coverage).

``to_networkx`` merges facts into edges; the tables and the per-council coverage need each
fact on its own, with its sentence, section, offsets, tone, rule and confidence. Both read the
same RDF graph, so they never disagree about what it holds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib.namespace import DCTERMS

from .convert import _Rows
from .terms import GK, PROV, RDFS, entity_id, report_id

__all__ = ["FactRecord", "ReportRecord", "SectionRecord", "Records", "read_records", "STATED", "CONTEXT"]

#: Layer of a fact a report states (its evidence is a sentence of a report).
STATED = "stated"
#: Layer of a fact taken from reference data (ONS, ODS lookups): shown, never measured.
CONTEXT = "context"


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """One input document: its id, the councils it assesses, its size."""

    id: str
    councils: tuple[str, ...]
    source: str
    title: str
    words: int | None
    text_length: int | None
    text_sha256: str


@dataclass(frozen=True, slots=True)
class SectionRecord:
    """A section of a report: a quality statement with its theme and score, or another heading."""

    report: str
    index: int
    heading: str
    statement: str
    theme: str
    score: int | None


@dataclass(frozen=True, slots=True)
class FactRecord:
    """One fact (``gk:Fact``, or any node with a subject, predicate and object that is no
    ``gk:Candidate``, as ``to_networkx`` reads them): a relation with its source.

    ``layer`` is ``STATED`` when a report's sentence states it (``report``, ``sentence``,
    ``start``, ``end`` and, when the sentence lies in one, ``section`` are set) and ``CONTEXT``
    when it comes from reference data (``source`` names the dataset). ``confidence`` is the
    fact's ``gk:confidence`` as written, or ``""``.
    """

    fact: str
    subject: str
    predicate: str
    object: str
    layer: str
    report: str
    source: str
    sentence: str
    section: str
    section_index: int | None
    start: int | None
    end: int | None
    tone: str
    confidence: str
    rule: str


@dataclass(frozen=True)
class Records:
    """All reports, sections and facts of a graph, each sorted."""

    reports: tuple[ReportRecord, ...]
    sections: tuple[SectionRecord, ...]
    facts: tuple[FactRecord, ...]

    def report_councils(self) -> dict[str, tuple[str, ...]]:
        """Report id -> the councils it assesses."""
        return {r.id: r.councils for r in self.reports}


def _int(value) -> int | None:
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def _text(value) -> str:
    return "" if value is None else str(value)


def read_records(graph) -> Records:
    """Read the reports, sections and facts of a graphkit graph.

    Parameters
    ----------
    graph : rdflib.Graph or graphkit.query.engine.OxGraph
        A merged graphkit graph (``docs/design.md``).

    Returns
    -------
    Records

    Examples
    --------
    >>> from rdflib import Graph
    >>> read_records(Graph()).facts
    ()
    """
    rows = _Rows(graph)
    reports = _reports(rows)
    ids = {iri: r.id for iri, r in reports.items()}
    sections = _sections(rows, ids)
    facts = _facts(rows, ids)
    return Records(
        reports=tuple(sorted(reports.values(), key=lambda r: r.id)),
        sections=tuple(sorted(sections, key=lambda s: (s.report, s.index, s.heading))),
        facts=tuple(sorted(facts, key=_fact_order)),
    )


def _fact_order(f: FactRecord):
    return (f.layer != STATED, f.report, f.start if f.start is not None else -1, f.subject, f.predicate,
            f.object, f.fact)


def _reports(rows: _Rows) -> dict[str, ReportRecord]:
    where = (f"?r a <{GK.Report}> . "
             f"OPTIONAL {{ ?r <{DCTERMS.identifier}> ?id }} OPTIONAL {{ ?r <{DCTERMS.source}> ?src }} "
             f"OPTIONAL {{ ?r <{DCTERMS.title}> ?title }} OPTIONAL {{ ?r <{GK.wordCount}> ?words }} "
             f"OPTIONAL {{ ?r <{GK.textLength}> ?len }} OPTIONAL {{ ?r <{GK.textSha256}> ?sha }} "
             f"OPTIONAL {{ ?r <{GK.assesses}>|<{GK.council}> ?c FILTER(isIRI(?c)) }}")
    found: dict[str, dict] = {}
    for r, rid, src, title, words, length, sha, c in rows.select(where, "DISTINCT ?r ?id ?src ?title ?words ?len ?sha ?c"):
        item = found.setdefault(str(r), {"ids": set(), "src": set(), "title": set(), "words": set(),
                                         "len": set(), "sha": set(), "councils": set()})
        for key, value in (("ids", rid), ("src", src), ("title", title), ("sha", sha)):
            if value is not None:
                item[key].add(str(value))
        for key, value in (("words", words), ("len", length)):
            if _int(value) is not None:
                item[key].add(_int(value))
        if c is not None:
            item["councils"].add(entity_id(str(c)))
    out = {}
    for iri, item in found.items():
        out[iri] = ReportRecord(
            id=min(item["ids"]) if item["ids"] else report_id(iri),
            councils=tuple(sorted(item["councils"])),
            source=min(item["src"], default=""),
            title=min(item["title"], default=""),
            words=max(item["words"]) if item["words"] else None,
            text_length=max(item["len"]) if item["len"] else None,
            text_sha256=min(item["sha"], default=""),
        )
    return out


def _sections(rows: _Rows, ids: dict[str, str]) -> list[SectionRecord]:
    where = (f"?s a <{GK.Section}> ; <{DCTERMS.isPartOf}> ?r . "
             f"OPTIONAL {{ ?s <{GK.sectionIndex}> ?i }} OPTIONAL {{ ?s <{GK.heading}> ?h }} "
             f"OPTIONAL {{ ?s <{GK.qualityStatement}> ?q }} OPTIONAL {{ ?s <{GK.theme}> ?t }} "
             f"OPTIONAL {{ ?s <{GK.score}> ?score }}")
    out = []
    for _, r, i, h, q, t, score in rows.select(where, "DISTINCT ?s ?r ?i ?h ?q ?t ?score"):
        out.append(SectionRecord(
            report=ids.get(str(r), report_id(str(r))), index=_int(i) if _int(i) is not None else -1,
            heading=_text(h), statement=_text(q), theme=_text(t), score=_int(score),
        ))
    return sorted(set(out), key=lambda s: (s.report, s.index, s.heading, s.statement, s.score or 0))


def _facts(rows: _Rows, ids: dict[str, str]) -> list[FactRecord]:
    where = (f"?f <{GK.predicate}> ?p ; <{GK.subject}> ?s ; <{GK.object}> ?o . "
             f"FILTER(isIRI(?s) && isIRI(?o)) FILTER NOT EXISTS {{ ?f a <{GK.Candidate}> }} "
             f"OPTIONAL {{ ?f <{GK.evidence}> ?e . OPTIONAL {{ ?e <{GK.text}> ?text }} "
             f"  OPTIONAL {{ ?e <{GK.start}> ?start }} OPTIONAL {{ ?e <{GK.end}> ?end }} "
             f"  OPTIONAL {{ ?e <{GK.inReport}> ?er }} "
             f"  OPTIONAL {{ ?e <{GK.section}> ?sec . OPTIONAL {{ ?sec <{GK.qualityStatement}> ?q }} "
             f"    OPTIONAL {{ ?sec <{GK.heading}> ?h }} OPTIONAL {{ ?sec <{GK.sectionIndex}> ?si }} }} }} "
             f"OPTIONAL {{ ?f <{PROV.wasDerivedFrom}> ?src . OPTIONAL {{ ?src <{RDFS.label}> ?srclabel }} }} "
             f"OPTIONAL {{ ?f <{GK.tone}> ?tone }} OPTIONAL {{ ?f <{GK.rule}> ?rule }} "
             f"OPTIONAL {{ ?f <{GK.confidence}> ?conf }}")
    variables = "DISTINCT ?f ?s ?p ?o ?text ?start ?end ?er ?q ?h ?si ?src ?srclabel ?tone ?rule ?conf"
    by_fact: dict[str, list] = defaultdict(list)
    for row in rows.select(where, variables):
        by_fact[str(row[0])].append(row)
    out = []
    for fact, found in by_fact.items():
        # one fact has one source (SHACL); several rows only when optional values repeat: take the least
        _, s, p, o, text, start, end, er, q, h, si, src, srclabel, tone, rule, conf = min(
            found, key=lambda row: tuple("" if v is None else str(v) for v in row))
        report = ""
        if er is not None:
            report = ids.get(str(er), report_id(str(er)))
        elif src is not None and (str(src) in ids or report_id(str(src)) != str(src)):
            report = ids.get(str(src), report_id(str(src)))
        layer = STATED if report else CONTEXT
        source = report if report else (_text(srclabel) or (_text(src) if src is not None else ""))
        out.append(FactRecord(
            fact=fact, subject=entity_id(str(s)), predicate=str(p).rsplit("#", 1)[-1], object=entity_id(str(o)),
            layer=layer, report=report, source=source, sentence=_text(text),
            section=_text(q) or _text(h), section_index=_int(si), start=_int(start), end=_int(end),
            tone=_text(tone) or "neutral", confidence=_text(conf), rule=_text(rule),
        ))
    return out
