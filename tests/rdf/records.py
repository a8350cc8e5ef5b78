"""Hand-built Extraction and Resolution records for the rdf, query and evaluate tests.

Loaded by the conftest.py of tests/rdf, tests/query and tests/evaluate.
"""

from __future__ import annotations

from graphkit.ingest import report_from_text
from graphkit.model import Entity, Extraction, Mention, Quantity, Relation, Resolution, ResolvedEntity

TEXT = (
    "Exampleton Council: local authority assessment\n\n"
    "Partnerships and communities\n\n"
    "Score: 3\n\n"
    "3 - Evidence shows a good standard\n\n"
    "Exampleton Council worked in partnership with Age UK Exampleton on the \"Home Help\" scheme. "
    "The local authority funds Home Help with £1.2 million a year.\n\n"
    "Safeguarding\n\n"
    "Score: 2\n\n"
    "The Exampleton Safeguarding Adults Board oversees Home Help, and Age UK Exampleton sits on it.\n"
)


def _mentions(report, surface: str, rule: str = "test.rule") -> tuple[Mention, ...]:
    """Every occurrence of ``surface`` in the report, with its sentence."""
    out, pos = [], 0
    while (start := report.text.find(surface, pos)) >= 0:
        end = start + len(surface)
        sentence = next((s.index for s in report.sentences if s.start <= start < s.end), None)
        if sentence is not None:
            out.append(Mention(start, end, surface, sentence, rule))
        pos = end
    return tuple(out)


def _relation(report, subject: str, predicate: str, obj: str, marker: str, tone: str = "neutral") -> Relation:
    sentence = next(s for s in report.sentences if marker in s.text)
    return Relation(subject, predicate, obj, sentence.index, sentence.start, sentence.end,
                    sentence.text, f"rel.{predicate}.test", tone)


def make_extraction(text: str = TEXT, report_id: str = "r001") -> Extraction:
    """A small extraction of ``TEXT``: a council, a charity, a scheme and a board."""
    report = report_from_text(text, report_id)
    entities = (
        Entity("exampleton-council", "Exampleton Council", "LocalAuthority", ("the local authority",),
               _mentions(report, "Exampleton Council") + _mentions(report, "The local authority"),
               is_council=True),
        Entity("age-uk-exampleton", "Age UK Exampleton", "VoluntaryOrganisation", (),
               _mentions(report, "Age UK Exampleton")),
        Entity("home-help", "Home Help", "Scheme", ('"Home Help"',), _mentions(report, "Home Help")),
        Entity("exampleton-sab", "Exampleton Safeguarding Adults Board", "Board", (),
               _mentions(report, "Exampleton Safeguarding Adults Board")),
    )
    relations = (
        _relation(report, "exampleton-council", "partnersWith", "age-uk-exampleton", "worked in partnership", "positive"),
        _relation(report, "exampleton-council", "funds", "home-help", "funds Home Help"),
        _relation(report, "exampleton-sab", "oversees", "home-help", "oversees"),
        _relation(report, "age-uk-exampleton", "memberOf", "exampleton-sab", "sits on"),
    )
    money = report.text.index("£1.2 million")
    sentence = next(s.index for s in report.sentences if s.start <= money < s.end)
    quantities = (
        Quantity("money", "£1.2 million", money, money + len("£1.2 million"), sentence, 1_200_000.0,
                 "GBP", about="home-help", relation=1),
    )
    return Extraction(report, entities, relations, quantities)


def make_resolution(extractions: list[Extraction], suppressed: frozenset = frozenset(),
                    reference_facts: tuple = ()) -> Resolution:
    """A trivial resolution: each entity key becomes its own node."""
    nodes: dict[str, ResolvedEntity] = {}
    index = {}
    for ex in extractions:
        for e in ex.entities:
            index[(ex.report.report_id, e.key)] = e.key
            old = nodes.get(e.key)
            members = ((old.members if old else ()) + ((ex.report.report_id, e.key),))
            identifiers = (("gss", "E99999999"),) if e.is_council else ()
            nodes[e.key] = ResolvedEntity(e.key, e.name, e.type, e.aliases, members, identifiers)
    return Resolution(tuple(sorted(nodes.values(), key=lambda n: n.id)), index, reference_facts, suppressed)
