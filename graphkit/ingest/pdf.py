"""PDF downloads to plain text with page ranges."""

from __future__ import annotations

import io

from ..errors import IngestError
from ..model import Page

__all__ = ["pdf_text"]


def pdf_text(data: bytes, path: str) -> tuple[str, tuple[Page, ...]]:
    """The text layer of a PDF, pages joined by blank lines, with each page's range."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        parts, pages, pos = [], [], 0
        for number, page in enumerate(reader.pages, start=1):
            chunk = (page.extract_text() or "").strip() + "\n\n"
            parts.append(chunk)
            pages.append(Page(number, pos, pos + len(chunk)))
            pos += len(chunk)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise IngestError(path, f"cannot read PDF: {exc}") from exc
    return "".join(parts), tuple(pages)
