"""The records that flow between pipeline stages.

Every stage is a function over these frozen dataclasses::

    read_report(path) -> Report                      (graphkit.ingest)
    extract(report, rules) -> Extraction             (graphkit.extract)
    resolve(extractions, ...) -> Resolution          (graphkit.resolve)
    to_dataset(extractions, resolution) -> Dataset   (graphkit.rdf)

All offsets are Python string indices (Unicode code points) into ``Report.text``,
half-open ``[start, end)``, so ``report.text[s.start:s.end] == s.text`` always holds.
Records are picklable, so per-document work can run in a process pool.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ENTITY_TYPES",
    "PREDICATES",
    "SYMMETRIC_PREDICATES",
    "QUALITY_STATEMENTS",
    "Span",
    "Section",
    "Paragraph",
    "Sentence",
    "Page",
    "Report",
    "Mention",
    "Entity",
    "Quantity",
    "Relation",
    "Extraction",
    "ResolvedEntity",
    "Resolution",
]

ENTITY_TYPES: tuple[str, ...] = (
    "LocalAuthority",
    "NHSBody",
    "Board",
    "VoluntaryOrganisation",
    "PublicAgency",
    "Fund",
    "Scheme",
    "Strategy",
    "Agreement",
)

PREDICATES: tuple[str, ...] = (
    "partnersWith",
    "memberOf",
    "chairs",
    "funds",
    "commissions",
    "delivers",
    "oversees",
    "partyTo",
    "partOf",
)

SYMMETRIC_PREDICATES: frozenset[str] = frozenset({"partnersWith"})

#: CQC's nine quality statements, in report order, with their theme.
QUALITY_STATEMENTS: tuple[tuple[str, str], ...] = (
    ("Assessing needs", "Working with people"),
    ("Supporting people to live healthier lives", "Working with people"),
    ("Equity in experience and outcomes", "Working with people"),
    ("Care provision, integration and continuity", "Providing support"),
    ("Partnerships and communities", "Providing support"),
    ("Safe systems, pathways and transitions", "Ensuring safety"),
    ("Safeguarding", "Ensuring safety"),
    ("Governance, management and sustainability", "Leadership"),
    ("Learning, improvement and innovation", "Leadership"),
)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of ``Report.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Section:
    """A top-level part of a report: the summary, a quality statement, or an unknown heading.

    ``statement`` is the canonical CQC quality statement name when the heading is one
    (else None); ``score`` is 1-4 when the report gives one.
    """

    index: int
    heading: str
    start: int
    end: int
    statement: str | None = None
    theme: str | None = None
    score: int | None = None
    subheadings: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of running text (or a list item) inside a section."""

    index: int
    start: int
    end: int
    section: int
    subheading: str | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence; ``text == report.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    section: int


@dataclass(frozen=True, slots=True)
class Page:
    """A page of a PDF input: the character range of ``Report.text`` it produced."""

    number: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Report:
    """One ingested document: its plain text and structure.

    ``report_id`` is the file name without its extension. ``council`` is the assessed
    council's official name when it was found (from the title line or the text, never the
    file name), with ``council_gss`` its ONS GSS code from the reference data.
    """

    report_id: str
    path: str
    sha256: str
    format: str  # "txt" | "html" | "pdf"
    encoding: str  # "utf-8", "utf-8-sig", "cp1252", or "binary" for PDF
    text: str
    title: str | None
    council: str | None
    council_gss: str | None
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    pages: tuple[Page, ...] = ()
    date: str | None = None  # ISO date of the assessment/publication where the text gives one
    council_aliases: tuple[str, ...] = ()  # surface forms of the council seen in the text
    rating: str | None = None  # CQC's overall rating where the text states it ("Requires improvement")
    warnings: tuple[str, ...] = ()  # "path:line: problem" for what was read but not used (a stray score line)


@dataclass(frozen=True, slots=True)
class Mention:
    """A surface form of an entity in the text."""

    start: int
    end: int
    text: str
    sentence: int
    rule: str  # id of the rule that found it, e.g. "ent.nhs.foundation_trust"


@dataclass(frozen=True, slots=True)
class Entity:
    """One real body (or fund, scheme, ...) within one report.

    ``key`` is a slug unique within the report. ``name`` is the fullest wording the report
    uses (parenthetical acronyms and quote marks removed); ``aliases`` are the other surface
    forms in the report.
    """

    key: str
    name: str
    type: str  # one of ENTITY_TYPES
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    is_council: bool = False  # the assessed council of the report


@dataclass(frozen=True, slots=True)
class Quantity:
    """A money amount, count, percentage, date or period and what it describes."""

    kind: str  # "money" | "count" | "percent" | "date" | "period"
    text: str
    start: int
    end: int
    sentence: int
    value: float | None = None
    unit: str | None = None  # "GBP", "people", "organisations", "%", ...
    about: str | None = None  # entity key it describes, if any
    relation: int | None = None  # index into Extraction.relations it belongs to, if any


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed relation stated by one sentence.

    ``subject`` and ``object`` are entity keys of the same Extraction. ``evidence`` is the
    sentence text (``report.text[start:end]``). ``tone`` is "positive", "negative", "mixed"
    or "neutral". ``confidence`` (0-1, three decimals) is the measured precision of ``rule``
    adjusted by the evidence (``graphkit.extract.confidence``); below the build's threshold
    the relation is a candidate, not an asserted fact.
    """

    subject: str
    predicate: str  # one of PREDICATES
    object: str
    sentence: int
    start: int
    end: int
    evidence: str
    rule: str
    tone: str = "neutral"
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one report says: its entities, relations and quantities."""

    report: Report
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    quantities: tuple[Quantity, ...] = ()


@dataclass(frozen=True, slots=True)
class ResolvedEntity:
    """One node of the merged graph: a real-world entity across all reports.

    ``id`` is the stable slug that the IRI is minted from. ``identifiers`` maps a scheme
    ("gss", "ods", "org-id") to a code; ``same_as`` holds public IRIs. ``members`` are the
    ``(report_id, entity key)`` pairs merged into it, and ``reasons`` says why each surface
    form was merged (rule name or match score).
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    members: tuple[tuple[str, str], ...]
    identifiers: tuple[tuple[str, str], ...] = ()
    same_as: tuple[str, ...] = ()
    reasons: tuple[tuple[str, str], ...] = ()  # (surface form, reason)
    corrected: bool = False  # a person's correction changed this node


@dataclass(frozen=True, slots=True)
class Resolution:
    """The merge of all reports' entities into graph nodes."""

    entities: tuple[ResolvedEntity, ...]
    #: (report_id, entity key) -> ResolvedEntity.id
    index: dict[tuple[str, str], str] = field(default_factory=dict)
    #: extra facts from reference data: (subject id, predicate, object id, source note)
    reference_facts: tuple[tuple[str, str, str, str], ...] = ()
    #: relations suppressed by corrections: (report_id, relation index)
    suppressed_relations: frozenset[tuple[str, int]] = frozenset()
    #: entities suppressed by corrections: (report_id, entity key); absent from ``index``
    suppressed_entities: frozenset[tuple[str, str]] = frozenset()
    #: human-readable notes, e.g. corrections that matched nothing
    warnings: tuple[str, ...] = ()
