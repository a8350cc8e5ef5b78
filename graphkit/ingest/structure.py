"""Find the structure of a report's plain text: title, sections, scores, paragraphs, sentences.

The text is read one line at a time (each line a block: a heading, a score line or a
paragraph). Quality statement headings open sections; so do summary and theme headings,
which CQC pages carry. Other short lines without closing punctuation are sub-headings.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping

from ..errors import IngestError
from ..model import QUALITY_STATEMENTS, Page, Paragraph, Report, Section, Sentence, Span
from .council import find_council
from .dates import find_date
from .sentences import split_sentences

__all__ = ["build_report", "TITLE"]


def _key(line: str) -> str:
    """A heading's comparison key: lower case letters and digits, '&' read as 'and'."""
    line = line.lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", line).split())


_STATEMENTS = {_key(name): (name, theme) for name, theme in QUALITY_STATEMENTS}
_THEMES = {_key(theme): theme for _, theme in QUALITY_STATEMENTS}
_THEME_VERBS = {
    "works with people": "Working with people",
    "provides support": "Providing support",
    "ensures safety": "Ensuring safety",
    "leadership": "Leadership",
}
#: Top-level headings that are not quality statements (compared by ``_key``).
_OTHER_SECTIONS = frozenset(
    _key(h)
    for h in (
        "Summary", "Overall summary", "Our summary", "Summary of findings", "Overview",
        "Summary of people's experiences", "Summary of strengths, areas for development and next steps",
        "Quality statement scores", "About this assessment", "About the local authority", "Downloads",
    )
)
_SCORE_WORDS = {
    "significant shortfalls": 1,
    "some shortfalls": 2,
    "a good standard": 3,
    "an exceptional standard": 4,
}
_SCORE = re.compile(
    r"^(?:(?:quality statement\s+)?score\s*[:\-\u2013]?\s*(?P<n>[1-4])(?:\s*(?:/|out of)\s*4)?"
    r"|(?P<m>[1-4])\s*[-\u2013\u2014:]\s*evidence shows\s+(?P<w1>.+?)"
    r"|evidence shows\s+(?P<w2>.+?))\s*\.?$",
    re.I,
)
#: "<council>: local authority assessment" (also with a dash, "- Care Quality Commission" after
#: it, or the other way round: "Local authority assessment: <council>"); group "head" is the name.
TITLE = re.compile(
    r"^(?:(?P<head>.{2,120}?)\s*[:\u2013\u2014|-]\s*local authority assessment"
    r"(?:\s*(?:[-|\u2013\u2014]\s*)?(?:Care Quality Commission|CQC))?"
    r"|local authority assessment\s*[:\u2013\u2014|-]\s*(?P<tail>[^:|]{2,120}?))\s*$",
    re.I,
)
_LINE = re.compile(r"[^\n]*\n?")
_BULLET = re.compile(r"^(?:[\u2022\u25aa\u25cf\u2023\u2043*\u2013\u2014-]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_REPORT_CUES = (
    re.compile(r"\blocal authority\b", re.I),
    re.compile(r"\bsocial care\b", re.I),
    re.compile(r"\bcouncil\b", re.I),
    re.compile(r"\bCQC\b|\bCare Quality Commission\b"),
    re.compile(r"\bsafeguarding\b", re.I),
    re.compile(r"\bcarers?\b", re.I),
    re.compile(r"\bcare and support\b", re.I),
)


def _lines(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (line number, start, end) of each non-blank line, white space trimmed."""
    pos = 0
    for number, m in enumerate(_LINE.finditer(text)):
        if not m.group():
            break
        raw = m.group().rstrip("\n").rstrip("\r")
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield number, pos + lead, pos + lead + len(stripped)
        pos = m.end()


def _closes(line: str) -> bool:
    """Whether a line ends a sentence or clause (closing quotes and brackets aside)."""
    return line.rstrip("\"'\u2019\u201d)]").endswith((".", "!", "?", ":", ";", "\u2026"))


def _blocks(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, text) of each block: a line, or lines of a hard-wrapped paragraph.

    Lines are joined only in a hard-wrapped text (many long lines end without closing
    punctuation): a long line without closing punctuation continues on the next line unless
    that line opens a section, gives a score or is a bullet.
    """
    lines = list(_lines(text))
    long = [(n, s, e) for n, s, e in lines if e - s >= 50]
    open_ended = [1 for _, s, e in long if not _closes(text[s:e])]
    if len(open_ended) < max(3, 0.3 * len(long)):
        for _, s, e in lines:
            yield s, e, text[s:e]
        return
    width = sorted(e - s for _, s, e in long)[int(0.9 * (len(long) - 1))]
    block: list[int] | None = None
    previous = -2
    for number, s, e in lines:
        line = text[s:e]
        joins = (
            block is not None
            and number == previous + 1
            and block[1] - block[2] >= 0.6 * width
            and not _closes(text[block[2]:block[1]])
            and not _BULLET.match(line)
            and _score(line) is None
            and _section_heading(line) is None
        )
        if joins:
            block[1], block[2] = e, s
        else:
            if block is not None:
                yield block[0], block[1], text[block[0]:block[1]]
            block = [s, e, s]  # start, end, start of its last line
        previous = number
    if block is not None:
        yield block[0], block[1], text[block[0]:block[1]]


def _is_heading(line: str) -> bool:
    """A short line with no closing punctuation reads as a (sub)heading."""
    return (
        len(line) <= 120
        and len(line.split()) <= 14
        and not line.endswith((".", ":", ";", ",", "?", "!", '"', "\u201d", "'", "\u2019", ")"))
        and not _BULLET.match(line)
        and any(c.isalpha() for c in line)
    )


def _score(line: str) -> int | None:
    """The 1-4 score a score line gives, else None."""
    if len(line) > 80:
        return None
    m = _SCORE.match(line.strip())
    if not m:
        return None
    if m.group("n") or m.group("m"):
        return int(m.group("n") or m.group("m"))
    words = _key(m.group("w1") or m.group("w2") or "")
    return next((v for k, v in _SCORE_WORDS.items() if words == k), None)


def _section_heading(line: str) -> tuple[str | None, str | None] | None:
    """(statement, theme) when ``line`` opens a top-level section, else None."""
    key = _key(line)
    key = re.sub(r"^(?:quality statement \d? ?|qs\d? )", "", key)
    key = re.sub(r" quality statement$", "", key)
    if key in _STATEMENTS:
        return _STATEMENTS[key]
    theme_key = re.sub(r"^theme \d+ ", "", key)
    if theme_key in _THEMES:
        return None, _THEMES[theme_key]
    if key.startswith("theme "):
        for verb, theme in _THEME_VERBS.items():
            if verb in key:
                return None, theme
        return None, None
    if key in _OTHER_SECTIONS and len(line) <= 80:
        return None, None
    return None


def _is_report(text: str, sections: list[dict], title: str | None, council: str | None) -> bool:
    """Whether the text reads as a CQC local authority assessment (or a part of one)."""
    if (title and TITLE.match(title)) or any(s["statement"] or s["score"] for s in sections):
        return True
    cues = sum(1 for cue in _REPORT_CUES if cue.search(text))
    return cues >= 3 or (cues >= 2 and council is not None)


def build_report(
    report_id: str,
    path: str,
    sha256: str,
    fmt: str,
    encoding: str,
    text: str,
    *,
    pages: tuple[Page, ...] = (),
    title: str | None = None,
    kinds: Mapping[int, str] | None = None,
    strict: bool = True,
) -> Report:
    """Build a ``Report`` from plain text holding one block (heading or paragraph) per line.

    ``kinds`` may map a line's start offset to "heading" or "item" (a list item) when the
    source format says so (HTML); other lines are classified from their wording.
    """
    kinds = kinds or {}
    sections: list[dict] = []
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    subheading: str | None = None
    page_starts = [pg.start for pg in pages]

    def open_section(heading: str, start: int, statement=None, theme=None) -> None:
        if sections:
            sections[-1]["end"] = start
        sections.append(
            {"heading": heading, "start": start, "end": len(text), "statement": statement,
             "theme": theme, "score": None, "subheadings": []}
        )

    seen_body = False
    label_before = False  # the previous line was a bare "Score" label
    for start, end, line in _blocks(text):
        if not seen_body and not sections:
            if title is not None and line == title:
                continue
            if title is None and TITLE.match(line):
                title = line
                continue
        kind = kinds.get(start)
        opened = _section_heading(line) if kind != "item" else None
        if opened is not None:
            statement, theme = opened
            open_section(statement or line, start, statement, theme)
            subheading = None
            continue
        score = _score(line) if kind != "item" else None
        if score is None and label_before and re.fullmatch(r"[1-4](?:\s*/\s*4)?", line):
            score = int(line[0])  # "Score" on one line (a table or label) and "3" on the next
        label_before = _key(line) in ("score", "quality statement score", "our score")
        if label_before:
            continue
        if score is not None:
            if not sections:
                open_section("Preamble", start)
            if sections[-1]["score"] is None:
                sections[-1]["score"] = score
            continue
        if not sections:
            open_section("Preamble", start)
        if kind == "heading" or (kind != "item" and _is_heading(line)):
            sections[-1]["subheadings"].append(Span(start, end))
            subheading = line
            continue
        seen_body = True
        page = pages[bisect.bisect_right(page_starts, start) - 1].number if pages else None
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
    if strict and not _is_report(text, sections, title, council):
        raise IngestError(path, "not a CQC local authority assessment report (no title, quality statement, score or council found)")
    return Report(
        report_id=report_id, path=path, sha256=sha256, format=fmt, encoding=encoding, text=text,
        title=title, council=council, council_gss=gss, sections=built, paragraphs=tuple(paragraphs),
        sentences=tuple(sentences), pages=pages, date=find_date(text), council_aliases=aliases,
    )
