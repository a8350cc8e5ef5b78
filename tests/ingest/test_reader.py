"""Reading files: encodings, formats by content, and one-line errors for bad inputs."""

from __future__ import annotations

import hashlib
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.errors import IngestError
from graphkit.ingest import SUFFIXES, read_report, report_from_text

from .conftest import SEEDS

TEXT = (
    "Hartlepool Borough Council: local authority assessment\n\n"
    "Partnerships and communities\n\nScore: 3\n\n"
    "The local authority worked with the ICB \u2013 a \u201cstrong\u201d partner \u2013 and spent \u00a31.5 million.\n"
)


def test_suffixes():
    assert {".txt", ".html", ".htm", ".pdf"} <= set(SUFFIXES)


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("cp1252"), "cp1252"),
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
    (b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"), "utf-32-le"),
])
def test_encodings(data, encoding, tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    report = read_report(path)
    assert report.encoding == encoding
    assert report.text == TEXT  # BOM removed, cp1252 decoded
    assert report.council == "Hartlepool Borough Council"
    assert "\u00a31.5 million." in [s.text for s in report.sentences][-1]


def test_crlf_offsets(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8"))
    report = read_report(path)
    assert report.sentences and all(report.text[s.start:s.end] == s.text for s in report.sentences)
    assert not any("\r" in s.text for s in report.sentences)


def test_report_id_and_sha(tmp_path):
    path = tmp_path / "000_abc.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    report = read_report(path)
    assert report.report_id == "000_abc" and report.path == str(path)
    assert report.sha256 == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()


def test_format_from_content_not_suffix(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html><html><body><main><h1>Hartlepool Borough Council: local authority assessment</h1>"
                    "<p>The local authority worked with partners.</p></main></body></html>", encoding="utf-8")
    report = read_report(path)
    assert report.format == "html" and report.council_gss == "E06000001"


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\r\n  ", "empty file"),
    ("bom_only.txt", b"\xef\xbb\xbf\n", "empty file"),
    ("binary.txt", bytes(range(256)) * 4, "binary file"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "binary file"),
    ("utf16.txt", b"\xff\xfe" + "Safeguarding".encode("utf-16-le")[:-1], "UTF-16-LE byte order mark but is not UTF-16-LE"),
    ("utf16_binary.txt", b"\xff\xfe" + ("\x01\x02\x03" * 100).encode("utf-16-le"), "binary file"),
    ("archive.txt", b"PK\x03\x04" + b"\x00" * 40, "ZIP archive"),
    ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf\n", "cannot read PDF|no pages|no text layer"),
    ("notes.txt", b"Shopping list\n\nEggs, milk and bread. Call the plumber about the sink.\n", "not a CQC local authority assessment"),
    ("headings.txt", b"Shopping list\n\nGroceries\n", "no sentences"),
    ("page.html", b"<html><body><main><h1>Recipes</h1><p>Mix the flour and the eggs.</p></main></body></html>",
     "not a CQC local authority assessment"),
])
def test_bad_inputs(name, data, reason, tmp_path):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError, match=reason) as info:
        read_report(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ") and "\n" not in message


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match=r"missing\.txt: cannot read"):
        read_report(tmp_path / "missing.txt")


def test_path_through_a_file(tmp_path):
    (tmp_path / "file.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(IngestError, match=r"cannot read"):
        read_report(tmp_path / "file.txt" / "inner.txt")


def test_directory(tmp_path):
    with pytest.raises(IngestError, match="is a directory"):
        read_report(tmp_path)


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(TEXT, encoding="utf-8")
    real = os.open

    def refuse(file, *args, **kwargs):  # root may read a mode-0 file, so refuse as the OS would for a user
        if str(file).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(IngestError, match="locked.txt: cannot read: Permission denied"):
        read_report(path)
    # tests/reliability/test_bad_inputs.py checks the real thing, as a user the permissions bind


def test_read_report_is_deterministic():
    first = [read_report(p) for p in SEEDS]
    assert first == [read_report(p) for p in SEEDS]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".html", ".pdf", ".bin"]),
       prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"<!DOCTYPE html><html><body>", b"\xef\xbb\xbf", TEXT.encode()]))
def test_read_report_raises_only_ingest_error(data, suffix, prefix, tmp_path):
    path = tmp_path / f"any{suffix}"
    path.write_bytes(prefix + data)
    try:
        report = read_report(path)
    except IngestError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(path))
    else:
        assert all(report.text[s.start:s.end] == s.text for s in report.sentences)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=500))
def test_report_from_text_never_crashes(text):
    report = report_from_text(text)
    assert report.text == text
    assert all(text[s.start:s.end] == s.text for s in report.sentences)
