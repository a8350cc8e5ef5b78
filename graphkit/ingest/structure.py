"""Find the structure of a report's plain text: title, sections, scores, paragraphs, sentences.

The text is read one line at a time (each line a block: a heading, a score line or a
paragraph). Quality statement headings open sections; so do summary and theme headings,
which CQC pages carry. Other short lines without closing punctuation are sub-headings.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..datafiles import json_lines
from ..errors import IngestError, RuleError
from ..model import Page, Paragraph, Report, Section, Sentence, Span
from ..names import norm
from ..resources import data_dir, file_stamps
from .council import find_council
from .dates import find_date
from .sentences import split_sentences

__all__ = ["build_report", "TITLE", "Layout", "layout", "LAYOUT_FILE"]


def _key(line: str) -> str:
    """A heading's comparison key (``graphkit.names.norm``: case, punctuation, "&"/"and")."""
    return norm(line)


LAYOUT_FILE = "cqc_report.jsonl"
_KINDS = ("statement", "theme", "section", "score", "score_label", "rating", "rating_line")


@dataclass(frozen=True, eq=False)
class Layout:
    """How CQC writes the parts of a report: ``graphkit/data/cqc_report.jsonl``, parsed."""

    statements: dict[str, tuple[str, str]]  # heading key -> (statement, theme)
    themes: dict[str, str]  # heading key -> theme
    theme_cues: tuple[tuple[str, str], ...]  # (words in a "Theme N: How ..." heading, theme)
    other_sections: frozenset[str]  # heading keys of top-level sections that are not statements
    score_words: dict[str, int]  # key of the "evidence shows ..." words -> score
    score_labels: frozenset[str]  # keys of a bare "Score" label line
    ratings: dict[str, str]  # key of a rating's wording -> the rating
    rating_lines: tuple[re.Pattern, ...]  # each with a group "rating"


def _rows(path: Path) -> list[tuple[int, dict]]:
    rows = json_lines(path)
    for n, obj in rows:
        if obj.get("kind") not in _KINDS:
            raise RuleError(str(path), n, f"unknown kind {obj.get('kind')!r}; choose from: {', '.join(_KINDS)}")
    return rows


@lru_cache(maxsize=4)
def _parse_layout(path: str, stamp: tuple = ()) -> Layout:
    rows = _rows(Path(path))
    statements: dict[str, tuple[str, str]] = {}
    themes: dict[str, str] = {}
    cues: list[tuple[str, str]] = []
    other: set[str] = set()
    words: dict[str, int] = {}
    labels: set[str] = set()
    ratings: dict[str, str] = {}
    for _, r in rows:
        kind = r["kind"]
        forms = ([r["name"]] if "name" in r else []) + list(r.get("variants", []))
        if kind == "statement":
            statements.update({_key(f): (r["name"], r["theme"]) for f in forms})
        elif kind == "theme":
            themes.update({_key(f): r["name"] for f in forms})
            cues += [(_key(c), r["name"]) for c in r.get("cues", [])]
        elif kind == "section":
            other.update(_key(f) for f in forms)
        elif kind == "score":
            words[_key(r["words"])] = int(r["value"])
        elif kind == "score_label":
            labels.update(_key(f) for f in forms)
        elif kind == "rating":
            ratings[_key(r["name"])] = r["name"]
    names = sorted(ratings.values(), key=len, reverse=True)
    alternation = "(?P<rating>" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in names) + ")"
    lines = []
    for n, r in rows:
        if r["kind"] != "rating_line":
            continue
        try:
            lines.append(re.compile(r["pattern"].replace("{rating}", alternation), re.I))
        except (re.error, KeyError) as exc:
            raise RuleError(path, n, f"bad rating_line pattern: {exc}") from exc
    return Layout(statements, themes, tuple(cues), frozenset(other), words, frozenset(labels), ratings, tuple(lines))


def layout() -> Layout:
    """The report layout data (read again when the file changed on disk)."""
    path = data_dir() / LAYOUT_FILE
    return _parse_layout(str(path), file_stamps([path]))


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


def _blocks(text: str, lay: Layout) -> Iterator[tuple[int, int, str]]:
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
            and _score(line, lay) is None
            and _section_heading(line, lay) is None
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


def _score(line: str, lay: Layout) -> int | None:
    """The 1-4 score a score line gives, else None."""
    if len(line) > 80:
        return None
    m = _SCORE.match(line.strip())
    if not m:
        return None
    if m.group("n") or m.group("m"):
        return int(m.group("n") or m.group("m"))
    words = _key(m.group("w1") or m.group("w2") or "")
    return lay.score_words.get(words)


def _section_heading(line: str, lay: Layout) -> tuple[str | None, str | None] | None:
    """(statement, theme) when ``line`` opens a top-level section, else None."""
    key = _key(line)
    key = re.sub(r"^(?:quality statement \d? ?|qs\d? )", "", key)
    key = re.sub(r" quality statement$", "", key)
    if key in lay.statements:
        return lay.statements[key]
    theme_key = re.sub(r"^theme \d+ ", "", key)
    if theme_key in lay.themes:
        return None, lay.themes[theme_key]
    if key.startswith("theme "):
        for verb, theme in lay.theme_cues:
            if verb in key:
                return None, theme
        return None, None
    if key in lay.other_sections and len(line) <= 80:
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
    source format says so (HTML); other lines are classified from their wording. Headings,
    score lines and the overall rating line are recognised as ``graphkit/data/cqc_report.jsonl``
    says; a score line that no quality statement takes gets a warning in ``Report.warnings``
    (naming the file and line), never a silent drop.
    """
    kinds = kinds or {}
    lay = layout()
    warnings: list[str] = []
    rating: str | None = None

    def warn(start: int, problem: str) -> None:
        warnings.append(f"{path}:{text.count(chr(10), 0, start) + 1}: {problem}")
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
    label_before: int | None = None  # start of the previous line when it was a bare "Score" label
    for start, end, line in _blocks(text, lay):
        if not seen_body and not sections:
            if title is not None and line == title:
                continue
            if title is None and TITLE.match(line):
                title = line
                continue
        kind = kinds.get(start)
        if rating is None and "rat" in line.lower():
            found = next((m for p in lay.rating_lines if (m := p.search(line))), None)
            rating = lay.ratings.get(_key(found.group("rating"))) if found else None
        opened = _section_heading(line, lay) if kind != "item" else None
        if opened is not None:
            statement, theme = opened
            open_section(statement or line, start, statement, theme)
            subheading = None
            continue
        score = _score(line, lay) if kind != "item" else None
        if score is None and label_before is not None and re.fullmatch(r"[1-4](?:\s*/\s*4)?", line):
            score = int(line[0])  # "Score" on one line (a table or label) and "3" on the next
        elif label_before is not None:
            warn(label_before, "a 'Score' label with no score after it; no score was read")
        label_before = start if _key(line) in lay.score_labels else None
        if label_before is not None:
            continue
        if score is not None:
            if not sections:
                open_section("Preamble", start)
            here = sections[-1]
            if here["statement"] is None:
                warn(start, f"score line {line!r} is not under a quality statement heading "
                            f"(it follows {here['heading']!r}); no statement gets this score")
            elif here["score"] not in (None, score):  # "Score: 3" then "3 - Evidence shows ..." is one score
                warn(start, f"a second score line {line!r} under {here['statement']!r}, which already "
                            f"has score {here['score']}; this one is ignored")
            if here["score"] is None:
                here["score"] = score
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

    if label_before is not None:
        warn(label_before, "a 'Score' label with no score after it; no score was read")
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
        rating=rating, warnings=tuple(warnings),
    )
