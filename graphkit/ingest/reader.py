"""Read one file into a ``Report``: decode, find structure, split sentences."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import IngestError
from ..model import Report
from .structure import build_report

__all__ = ["read_report", "report_from_text", "SUFFIXES"]

SUFFIXES: tuple[str, ...] = (".txt", ".text", ".html", ".htm", ".pdf")


def _decode(data: bytes, path: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise IngestError(path, f"not UTF-8 or cp1252 text ({exc.reason})") from exc


def read_report(path: str | Path) -> Report:
    """Read a report file (.txt, .html or .pdf) into a ``Report``.

    Raises ``IngestError`` naming the file when it is unreadable, empty, binary or not a report.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise IngestError(str(p), f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise IngestError(str(p), "empty file")
    sha = hashlib.sha256(data).hexdigest()
    suffix = p.suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        from .pdf import pdf_text

        text, pages = pdf_text(data, str(p))
        return build_report(p.stem, str(p), sha, "pdf", "binary", text, pages=pages)
    if b"\x00" in data[:8192]:
        raise IngestError(str(p), "binary file, not a text, HTML or PDF report")
    decoded, encoding = _decode(data, str(p))
    head = decoded[:2048].lstrip().lower()
    if suffix in (".html", ".htm") or head.startswith(("<!doctype html", "<html")):
        from .html import html_text

        text = html_text(decoded, str(p))
        return build_report(p.stem, str(p), sha, "html", encoding, text)
    return build_report(p.stem, str(p), sha, "txt", encoding, decoded)


def report_from_text(text: str, report_id: str = "snippet") -> Report:
    """Build a ``Report`` from a string, as if read from ``<report_id>.txt``.

    >>> r = report_from_text("Partnerships and communities\\n\\nThe council funds Care Point.")
    >>> r.sentences[-1].text
    'The council funds Care Point.'
    """
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return build_report(report_id, f"{report_id}.txt", sha, "txt", "utf-8", text, strict=False)
