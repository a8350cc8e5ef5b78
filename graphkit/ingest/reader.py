"""Read one file into a ``Report``: decode, find structure, split sentences."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import IngestError
from ..model import Report
from .structure import build_report

__all__ = ["read_report", "report_from_text", "SUFFIXES"]

SUFFIXES: tuple[str, ...] = (".txt", ".text", ".html", ".htm", ".pdf")

#: Bytes that never occur in a text file (C0 controls other than tab, newline, form feed, return).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _decode(data: bytes, path: str) -> tuple[str, str]:
    """Decoded text and the encoding used: UTF-8 (with or without BOM), else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise IngestError(path, f"has a UTF-8 byte order mark but is not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise IngestError(path, f"not UTF-8 or cp1252 text (byte {exc.start})") from exc


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([b])) for b in _CONTROL)
    return controls > max(2, len(head) // 100)


def _looks_html(text: str, suffix: str) -> bool:
    """HTML by suffix, or by a doctype or ``<html>`` tag at the start."""
    head = text[:4096].lstrip().lower()
    if suffix in (".html", ".htm"):
        return True
    return head.startswith(("<!doctype html", "<html")) or (head.startswith("<?xml") and "<html" in head)


def read_report(path: str | Path) -> Report:
    """Read a report file (.txt, .html or .pdf) into a ``Report``.

    The format comes from the content (``%PDF`` header, HTML markup), else the suffix.

    Parameters
    ----------
    path : str or Path
        The file to read. Its name without extension becomes the report id.

    Returns
    -------
    Report
        Text, structure, sentences with offsets, and the assessed council when found.

    Raises
    ------
    IngestError
        One line naming the file and the problem: unreadable, a directory, empty, binary,
        a corrupt PDF or one without a text layer, or not a CQC local authority assessment.
    """
    p = Path(path)
    name = str(p)
    if p.is_dir():
        raise IngestError(name, "is a directory, not a report file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise IngestError(name, f"cannot read: {exc.strerror or exc}") from exc
    if not data:
        raise IngestError(name, "empty file")
    sha = hashlib.sha256(data).hexdigest()
    try:
        return _read(p, data, sha)
    except IngestError:
        raise
    except RecursionError as exc:
        raise IngestError(name, "cannot read: the document nests too deeply") from exc
    except Exception as exc:  # a library failed on malformed input: report it, do not crash
        raise IngestError(name, f"cannot read: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'malformed input'}") from exc


def _read(p: Path, data: bytes, sha: str) -> Report:
    name, suffix = str(p), p.suffix.lower()
    if data.lstrip()[:5] == b"%PDF-" or suffix == ".pdf":
        from .pdf import pdf_text

        text, pages = pdf_text(data, name)
        return build_report(p.stem, name, sha, "pdf", "binary", text, pages=pages)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(name, "UTF-16 text is not supported; save it as UTF-8")
    if _looks_binary(data):
        raise IngestError(name, "binary file, not a text, HTML or PDF report")
    decoded, encoding = _decode(data, name)
    if not decoded.strip():
        raise IngestError(name, "empty file (white space only)")
    if _looks_html(decoded, suffix):
        from .html import html_text

        page = html_text(decoded, name)
        if not page.text.strip():
            raise IngestError(name, "HTML page has no text content")
        return build_report(p.stem, name, sha, "html", encoding, page.text, title=page.title, kinds=page.kinds)
    return build_report(p.stem, name, sha, "txt", encoding, decoded)


def report_from_text(text: str, report_id: str = "snippet") -> Report:
    """Build a ``Report`` from a string, as if read from ``<report_id>.txt``.

    Unlike ``read_report`` it accepts any text, report or not.

    Examples
    --------
    >>> r = report_from_text("Partnerships and communities\\n\\nThe council funds Care Point.")
    >>> r.sentences[-1].text
    'The council funds Care Point.'
    """
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return build_report(report_id, f"{report_id}.txt", sha, "txt", "utf-8", text, strict=False)
