"""Find the structure of a report's plain text: sections, headings, paragraphs, sentences."""

from __future__ import annotations

import re

from ..errors import IngestError
from ..model import QUALITY_STATEMENTS, Page, Paragraph, Report, Section, Sentence, Span
from .council import find_council
from .sentences import split_sentences

__all__ = ["build_report"]

_STATEMENTS = {name.lower(): (name, theme) for name, theme in QUALITY_STATEMENTS}
_OTHER_SECTIONS = {"summary", "overview", "about this assessment", "theme", "downloads"}
_SCORE = re.compile(r"^\s*(?:score\s*:\s*([1-4])\b|([1-4])\s*[-\u2013\u2014]\s*evidence shows\b)", re.I)
_LINE = re.compile(r"[^\n]*\n?")


def _lines(text: str):
    """Yield (start, end, stripped_text) for each non-blank line."""
    pos = 0
    for m in _LINE.finditer(text):
        if not m.group():
            break
        raw = m.group().rstrip("\n")
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield pos + lead, pos + lead + len(stripped), stripped
        pos = m.end()


def _is_heading(line: str) -> bool:
    """A short line with no closing full stop reads as a (sub)heading."""
    return len(line) <= 120 and not line.endswith((".", ":", ";", ",", "?", "!", '"', "\u201d")) and len(line.split()) <= 14


def build_report(
    report_id: str,
    path: str,
    sha256: str,
    fmt: str,
    encoding: str,
    text: str,
    *,
    pages: tuple[Page, ...] = (),
    strict: bool = True,
) -> Report:
    """Build a ``Report`` from plain text whose paragraphs are separated by line breaks."""
    sections: list[dict] = []
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    title = None
    subheading = None

    def open_section(heading: str, start: int, statement=None, theme=None) -> None:
        if sections:
            sections[-1]["end"] = start
        sections.append(
            {"heading": heading, "start": start, "end": len(text), "statement": statement,
             "theme": theme, "score": None, "subheadings": []}
        )

    for start, end, line in _lines(text):
        low = line.lower().rstrip(" :")
        if title is None and not sections and re.search(r":\s*local authority assessment\s*$", line, re.I):
            title = line
            continue
        if low in _STATEMENTS:
            name, theme = _STATEMENTS[low]
            open_section(name, start, name, theme)
            subheading = None
            continue
        if low in _OTHER_SECTIONS and len(line) < 40:
            open_section(line, start)
            subheading = None
            continue
        score = _SCORE.match(line)
        if score and len(line) < 80:
            if not sections:
                open_section("Summary", start)
            if sections[-1]["score"] is None:
                sections[-1]["score"] = int(score.group(1) or score.group(2))
            continue
        if not sections:
            open_section("Summary", start)
        if _is_heading(line):
            sections[-1]["subheadings"].append(Span(start, end))
            subheading = line
            continue
        page = next((pg.number for pg in pages if pg.start <= start < pg.end), None)
        para = Paragraph(len(paragraphs), start, end, len(sections) - 1, subheading, page)
        paragraphs.append(para)
        for s_start, s_end in split_sentences(text, start, end):
            sentences.append(
                Sentence(len(sentences), s_start, s_end, text[s_start:s_end], para.index, para.section)
            )

    built = tuple(
        Section(i, s["heading"], s["start"], s["end"], s["statement"], s["theme"], s["score"],
                tuple(s["subheadings"]))
        for i, s in enumerate(sections)
    )
    council, gss, aliases = find_council(text, title)
    if strict and not sentences:
        raise IngestError(path, "not a report: no sentences of running text")
    if strict and council is None and not any(s.statement for s in built) and not re.search(
        r"\blocal authority\b|\bcouncil\b", text, re.I
    ):
        raise IngestError(path, "not a CQC local authority assessment report (no quality statement or council found)")
    return Report(
        report_id=report_id, path=path, sha256=sha256, format=fmt, encoding=encoding, text=text,
        title=title, council=council, council_gss=gss, sections=built, paragraphs=tuple(paragraphs),
        sentences=tuple(sentences), pages=pages, council_aliases=aliases,
    )
