"""PDF downloads to plain text with page ranges.

The text layer is read with pypdf, line by line with each line's position and font. Then:

* running headers and footers (lines at a page's edge, set apart from the body, repeated at
  the same height on half the pages or more, digits ignored) and page numbers ("3",
  "Page 3 of 12") are dropped;
* lines are joined into paragraphs: a new paragraph starts where the font size changes, where
  a line wholly in one font follows a line wholly in another (a bold heading), where the gap
  to the previous line is clearly wider than the line pitch, after a line that stopped before
  the text width (the next word would have fitted), or at a bullet;
* a paragraph cut by a page break is joined across it, so a page may begin mid-paragraph
  (its ``Page.start`` is then inside that paragraph; ``Paragraph.page`` is where it begins);
* ligatures ("fi" set as one glyph) are spelt out and zero-width characters removed;
* a word broken at a line end is re-joined: a soft hyphen is removed; a hard hyphen is kept
  (``co-`` + ``ordinated``) unless the document writes the joined word elsewhere and never
  the hyphenated one.

Paragraphs become lines separated by blank lines; ``Report.pages`` gives each page's range.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..errors import IngestError
from ..model import Page
from .structure import TITLE, _score, _section_heading, layout

__all__ = ["pdf_text"]

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]$", re.I
)
_BULLET = re.compile(r"^(?:[\u2022\u25aa\u25cf\u2023\u2043\u25e6*\u2013\u2014-]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_TERMINAL = (".", "!", "?", ":", "\u201d", '"', ")")
#: a print header's leading date and time ("25/11/2026, 09:14", "11/25/26, 5:08 AM")
_STAMP = re.compile(r"\s*(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?\s*)?(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*)?")
_TITLE_IN = re.compile(r"[A-Z][^:|]{1,119}?:\s*local authority assessment", re.I)
#: line pitch / font size assumed when a document shows too few wrapped lines to measure it
_LEADING = 1.5
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass
class _Line:
    text: str
    x: float
    y: float
    font: str  # the font of most of its characters
    size: float
    uniform: bool = True  # one font throughout (a heading, or plain body text)

    @property
    def style(self) -> float:
        """Lines of a paragraph share a size; bold or linked words may change the font."""
        return round(self.size, 1)


_LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


def _plain(text: str) -> str:
    """Undo typesetting: ligatures spelt out, zero-width characters removed."""
    if any(c in _LIGATURES for c in text):
        text = "".join(_LIGATURES.get(c, c) for c in text)
    return " ".join(text.translate(_INVISIBLE).split())


def _page_lines(page) -> list[_Line]:
    """The text lines of one page in content-stream order, with position and font."""
    chunks: list[tuple[str, tuple | None]] = []

    def visit(text, cm, tm, font_dict, font_size):
        meta = None
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
            font = str(font_dict.get("/BaseFont", "")) if font_dict else ""
            meta = (x, y, font.split("+")[-1], float(font_size or 0) * scale)
        chunks.append((text, meta))

    page.extract_text(visitor_text=visit)
    lines: list[_Line] = []
    text, meta = "", None
    styles: Counter[tuple[str, float]] = Counter()  # characters per (font, size) on the line

    def close() -> None:
        if text.strip() and meta:
            font, size = max(styles, key=lambda st: (styles[st], st)) if styles else meta[2:]
            lines.append(_Line(" ".join(text.split()), meta[0], meta[1], font, size, len(styles) <= 1))

    for chunk, chunk_meta in chunks:
        for k, part in enumerate(chunk.split("\n")):
            if k > 0:
                close()
                text, meta, styles = "", None, Counter()
            text += part
            if part.strip() and chunk_meta:
                meta = meta or chunk_meta
                styles[(chunk_meta[2], round(chunk_meta[3], 1))] += len(part.strip())
    close()
    for ln in lines:
        ln.text = _plain(ln.text)
    return [ln for ln in lines if ln.text]


def _furniture(pages: list[list[_Line]]) -> set[tuple[int, int]]:
    """(page, line) indices of running headers, footers and page numbers.

    A running line is one of the first or last two lines of a page, repeats (digits ignored)
    at the same height on at least half the pages, and is set apart from the body by a gap
    wider than a line. Section headings and score lines are never dropped.
    """
    def key(ln: _Line) -> tuple[str, int]:
        return re.sub(r"\d+", "#", ln.text.lower()), round(ln.y / 4)

    keys: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        keys.update({key(ln) for ln in lines})
    repeat = max(2, (len(pages) + 1) // 2)
    lay = layout()

    def running(ln: _Line) -> bool:
        if _PAGE_NUMBER.match(ln.text):
            return True
        return (len(pages) > 1 and keys[key(ln)] >= repeat and len(ln.text) < 200
                and _section_heading(ln.text, lay) is None and _score(ln.text, lay) is None)

    def apart(a: _Line, b: _Line) -> bool:
        return abs(a.y - b.y) > 1.6 * max(a.size, b.size, 1.0)

    drop: set[tuple[int, int]] = set()
    for p, lines in enumerate(pages):
        for edge in (list(range(min(2, len(lines)))), list(range(len(lines) - 1, max(len(lines) - 3, -1), -1))):
            block = []
            for i in edge:
                if not running(lines[i]):
                    break
                block.append(i)
            if not block:
                continue
            inner = block[-1] + (1 if edge[0] == 0 else -1)
            if not 0 <= inner < len(lines) or apart(lines[block[-1]], lines[inner]):
                drop.update((p, i) for i in block)
            else:  # not set apart: keep all but bare page numbers
                drop.update((p, i) for i in block if _PAGE_NUMBER.match(lines[i].text))
    return drop


def _join(left: str, right: str, words: set[str], slashed: set[str] = frozenset()) -> str:
    """Join two wrapped lines of one paragraph, mending a word broken at the line end.

    Renderers break lines after a hyphen, a dash or a slash inside a word ("co-" /
    "ordinated", "2022-" / "2023"): those are joined without a space, and a hyphen is
    removed only where the document writes the joined word elsewhere and never the
    hyphenated one. A suspended hyphen ("pre-" / "and post-") keeps its space; a slash
    ("and/" / "or") is closed up only where the document writes the pair so elsewhere.
    """
    if left.endswith("\u00ad"):
        return left[:-1] + right
    m = re.search(r"(\w+)([-\u2010\u2011\u2013\u2014/])$", left)
    if not m or not right[:1].isalnum():
        return f"{left} {right}"
    head, mark = m.groups()
    if mark == "-" and re.match(r"(?:and|or|to|nor)\b", right):
        return f"{left} {right}"
    if mark == "/":  # "and/" + "or", but "discharge/ admission": only as the document writes it
        tail = re.match(r"\w+", right)
        return left + right if tail and f"{head}/{tail.group()}".lower() in slashed else f"{left} {right}"
    tail = re.match(r"[^\W\d_]+", right)
    if mark in "-\u2010" and tail and head.isalpha() and right[:1].islower():
        whole, hyphenated = (head + tail.group()).lower(), f"{head}-{tail.group()}".lower()
        if whole in words and hyphenated not in words:
            return left[:-1] + right
    return left + right


def pdf_text(data: bytes, path: str) -> tuple[str, tuple[Page, ...]]:
    """The text layer of a PDF with paragraphs rebuilt, and each page's range of it.

    Parameters
    ----------
    data : bytes
        The PDF file.
    path : str
        The file, for error messages.

    Returns
    -------
    (str, tuple of Page)
        One paragraph (or heading) per line, blank lines between; pages numbered from 1.

    Raises
    ------
    IngestError
        When the PDF is corrupt, encrypted, or has no text layer.
    """
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # PasswordType.NOT_DECRYPTED (0) when it needs a password
            except Exception as exc:
                raise IngestError(path, "PDF is encrypted and cannot be opened; save an unprotected copy") from exc
            if not opened:
                raise IngestError(path, "PDF is encrypted with a password; save an unprotected copy")
        pages = [_page_lines(page) for page in reader.pages]
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise IngestError(path, f"cannot read PDF: {' '.join(str(exc).split()) or type(exc).__name__}") from exc
    if not pages:
        raise IngestError(path, "PDF has no pages")
    if not any(pages):
        raise IngestError(path, "PDF has no text layer (scanned images?); run OCR first")
    drop = _furniture(pages)
    # a title repeated in the running header is still the title: keep its first occurrence
    # (a browser's print header adds the date and site name around it: keep the title part)
    titles = [(p, i, m) for p, lines in enumerate(pages) for i, ln in enumerate(lines)
              if (m := _TITLE_IN.search(ln.text, _STAMP.match(ln.text).end())) and TITLE.match(m.group())]
    if titles and all((p, i) in drop for p, i, _ in titles):
        p, i, m = titles[0]
        body = " ".join(ln.text for q, lines in enumerate(pages) for j, ln in enumerate(lines) if (q, j) not in drop)
        if m.group() not in body:  # the page does not also show it (perhaps wrapped) as its heading
            drop.discard((p, i))
            pages[p][i].text = m.group()
    kept = [[ln for i, ln in enumerate(lines) if (p, i) not in drop] for p, lines in enumerate(pages)]
    return _rebuild(kept)


def _rebuild(pages: list[list[_Line]]) -> tuple[str, tuple[Page, ...]]:
    """Paragraphs from lines; a paragraph cut by a page break continues across it."""
    all_lines = [ln for lines in pages for ln in lines]
    words = {w.lower() for ln in all_lines for w in _WORD.findall(ln.text)}
    slashed = {w.lower() for ln in all_lines for w in re.findall(r"\w+/\w+", ln.text)}
    width: dict[float, int] = {}
    for ln in all_lines:
        width[ln.style] = max(width.get(ln.style, 0), len(ln.text))
    gaps: dict[float, list[float]] = {}
    for lines in pages:
        for a, b in zip(lines, lines[1:]):
            if a.style == b.style and 0 < a.y - b.y:
                gaps.setdefault(a.style, []).append(a.y - b.y)
    observed = {style: sorted(g)[len(g) // 5] for style, g in gaps.items() if len(g) >= 2}
    # leading (line pitch / font size) of the commonest style that wraps, for styles seen once
    body = max(observed, key=lambda st: len(gaps[st]), default=None)
    leading = observed[body] / body if body else _LEADING
    pitch = {st: min(observed.get(st, float("inf")), leading * st) for st in width}

    def full(a: _Line, b: _Line) -> bool:
        """Whether ``a`` was wrapped: the first word of ``b`` would not have fitted after it."""
        first = len(b.text.split(" ", 1)[0])
        return len(a.text) + 1 + first > 0.85 * width[a.style] and width[a.style] >= 20

    def continues(a: _Line, b: _Line, same_page: bool) -> bool:
        if a.style != b.style or (a.uniform and b.uniform and a.font != b.font):
            return False
        if _BULLET.match(b.text) or not full(a, b):
            return False
        if same_page:
            gap = a.y - b.y
            if gap <= 0 or gap > 1.25 * pitch[a.style]:
                return False
        elif a.text.endswith(_TERMINAL) and b.text[:1].isupper():
            return False
        return True

    # each paragraph: its text so far, and (page, offset within paragraph) of each page's first line
    paragraphs: list[tuple[str, list[tuple[int, int]]]] = []
    prev: _Line | None = None
    for p, lines in enumerate(pages):
        for k, ln in enumerate(lines):
            if paragraphs and prev is not None and continues(prev, ln, k > 0):
                text, marks = paragraphs[-1]
                joined = _join(text, ln.text, words, slashed)
                if k == 0:
                    marks.append((p, len(joined) - len(ln.text)))
                paragraphs[-1] = (joined, marks)
            else:
                paragraphs.append((ln.text, [(p, 0)] if k == 0 else []))
            prev = ln
    page_start: dict[int, int] = {}
    pos = 0
    for text, marks in paragraphs:
        for p, offset in marks:
            page_start[p] = pos + offset
        pos += len(text) + 2
    out = "\n\n".join(text for text, _ in paragraphs) + "\n"
    bounds = [0] * (len(pages) + 1)
    bounds[len(pages)] = len(out)
    for p in range(len(pages) - 1, -1, -1):
        bounds[p] = page_start.get(p, bounds[p + 1])
    bounds[0] = 0
    return out, tuple(Page(n + 1, bounds[n], bounds[n + 1]) for n in range(len(pages)))
