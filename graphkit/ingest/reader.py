"""Read one file into a ``Report``: decode, find structure, split sentences."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from pathlib import Path

from ..errors import IngestError
from ..model import Report
from .structure import build_report

__all__ = ["read_report", "report_from_text", "read_limited", "parse_size", "format_size",
           "SUFFIXES", "DEFAULT_MAX_SIZE"]

SUFFIXES: tuple[str, ...] = (".txt", ".text", ".html", ".htm", ".pdf")

#: The largest input read by default: 20 MB. A full CQC report is about 100 KB as text and well
#: under 2 MB as a PDF download; all 153 national reports together are 15 MB.
DEFAULT_MAX_SIZE: int = 20_000_000

#: Bytes that never occur in a text file (C0 controls other than tab, newline, form feed, return).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_CONTROL_CHARS = re.compile("[" + re.escape(_CONTROL.decode("ascii")) + "]")
#: Characters XML 1.0 forbids even escaped (C0 controls but tab, newline and return; U+FFFE, U+FFFF):
#: each becomes a space, so GraphML, GEXF and every other output stay well-formed and offsets hold.
_XML_FORBIDDEN = dict.fromkeys([c for c in range(32) if c not in (9, 10, 13)] + [0xFFFE, 0xFFFF], " ")

#: Byte order marks and their codecs, longest first (UTF-32 LE begins with UTF-16 LE's mark).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Signatures of formats that are surely not reports, for a clearer message than "binary file".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .xlsx or .odt file), not a text, HTML or PDF report; "
                      "extract it or save it as text"),
    (b"PK\x05\x06", "an empty ZIP archive, not a report"),
    (b"\x1f\x8b", "a gzip archive, not a report; decompress it first"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file, not a report; save it as text or PDF"),
)

_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30,
          "k": 10**3, "m": 10**6, "g": 10**9}


def parse_size(text: str) -> int:
    """Bytes in a size such as ``"50MB"``, ``"500 KB"``, ``"2MiB"`` or ``"1048576"``.

    KB, MB and GB are powers of 1000; KiB, MiB and GiB of 1024.

    Examples
    --------
    >>> parse_size("50MB"), parse_size("1.5 kb"), parse_size("2MiB"), parse_size("300")
    (50000000, 1500, 2097152, 300)
    """
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text)
    unit = m.group(2).lower() if m else ""
    if m is None or unit not in _UNITS:
        raise ValueError(f"{text!r} is not a size; write it like 50MB, 500KB, 2MiB or 1048576 (bytes)")
    size = int(float(m.group(1)) * _UNITS[unit])
    if size < 1:
        raise ValueError(f"{text!r}: the size must be at least 1 byte, like 50MB")
    return size


def format_size(size: int) -> str:
    """A size for messages: ``format_size(20_000_000) == "20 MB"``, ``format_size(1500) == "1.5 KB"``."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _too_big(size_text: str, max_size: int) -> str:
    return f"{size_text}, over the {format_size(max_size)} limit; raise it with --max-size if this is a report"


def read_limited(path: str | os.PathLike, max_size: int | None = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of a regular file, refusing before reading it whole when it exceeds ``max_size``.

    The file is opened without blocking (a FIFO or device never hangs the build) and its size
    checked first; at most ``max_size + 1`` bytes are ever read, so memory stays bounded even
    when the file grows while it is read.

    Raises
    ------
    IngestError
        Naming the file: cannot be opened, not a regular file, or over the limit.
    """
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise IngestError(name, f"cannot read: {exc.strerror or exc}") from exc
    info = os.fstat(fd)
    problem = ("is a directory, not a report file" if stat.S_ISDIR(info.st_mode)
               else "not a regular file (a pipe, socket or device); not read" if not stat.S_ISREG(info.st_mode)
               else _too_big(f"file is {format_size(info.st_size)}", max_size)
               if max_size is not None and info.st_size > max_size else None)
    if problem:
        os.close(fd)
        raise IngestError(name, problem)
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read() if max_size is None else fh.read(max_size + 1)
        except OSError as exc:
            raise IngestError(name, f"cannot read: {exc.strerror or exc}") from exc
    if max_size is not None and len(data) > max_size:
        raise IngestError(name, _too_big("file grew while read", max_size))
    return data


def _decode(data: bytes, path: str) -> tuple[str, str]:
    """Decoded text and the encoding used: by byte order mark (UTF-8, UTF-16, UTF-32), else
    UTF-8, else cp1252."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                label = codec.removesuffix("-sig").upper()
                raise IngestError(path, f"has a {label} byte order mark but is not {label} "
                                        f"({exc.reason} at byte {exc.start + len(bom)})") from exc
            if _looks_binary_text(text):
                raise IngestError(path, "binary file, not a text, HTML or PDF report")
            return text, codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise IngestError(path, f"not UTF-8 or cp1252 text (byte {exc.start})") from exc


def _looks_binary_text(text: str) -> bool:
    """NUL or many control characters in the first 8192 characters."""
    head = text[:8192]
    return "\x00" in head or len(_CONTROL_CHARS.findall(head)) > max(2, len(head) // 100)


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


def read_report(path: str | Path, *, max_size: int | None = DEFAULT_MAX_SIZE) -> Report:
    """Read a report file (.txt, .html or .pdf) into a ``Report``.

    The format comes from the content (``%PDF`` header, HTML markup), else the suffix.

    Parameters
    ----------
    path : str or Path
        The file to read. Its name without extension becomes the report id.
    max_size : int or None
        Refuse files larger than this many bytes (checked before reading; default 20 MB);
        ``None`` for no limit.

    Returns
    -------
    Report
        Text, structure, sentences with offsets, and the assessed council when found.

    Raises
    ------
    IngestError
        One line naming the file and the problem: unreadable, a directory or not a regular
        file, over ``max_size``, empty, binary, a corrupt PDF or one without a text layer, or not a CQC local authority assessment.
    """
    p = Path(path)
    name = str(p)
    data = read_limited(p, max_size)
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
        text = text.translate(_XML_FORBIDDEN)
        return build_report(p.stem, name, sha, "pdf", "binary", text, pages=pages)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise IngestError(name, what)
    if not data.startswith(tuple(bom for bom, _ in _BOMS)) and _looks_binary(data):
        raise IngestError(name, "binary file, not a text, HTML or PDF report")
    decoded, encoding = _decode(data, name)
    decoded = decoded.translate(_XML_FORBIDDEN)
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
