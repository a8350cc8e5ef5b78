"""The bad-input matrix: each kind of bad input beside one good report, through `graphkit build`.

Every case states its exact outcome: the one line printed (and kept in manifest.json's
failures) for each bad input, the exit status, and that the good report is still built.
docs/reliability.md ("Bad inputs") lists the same matrix.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from graphkit.cli import cli

from ..conftest import SEEDS, require_tool

GOOD = SEEDS / "002_9428cbc455036a53.txt"  # the good report every build also holds
OTHER = SEEDS / "000_e25c44a579d8a69c.txt"  # a second report, written in the bad ways below
TEXT = OTHER.read_text(encoding="utf-8")


def _pdf(draw: Callable) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    draw(pdf)
    return bytes(pdf.output())


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    def text(pdf):
        pdf.set_font("Helvetica", size=12)
        pdf.cell(text="Middlesbrough Borough Council: local authority assessment")

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf(text))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("report.txt", TEXT)
    return buf.getvalue()


def _html(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><main>{body}</main></body></html>"


_MALFORMED = "<html><body><main><h1>" + TEXT.split("\n", 1)[0] + "<div><p>" + "<p>".join(
    p.replace("\n", " ") for p in TEXT.split("\n\n")[1:]) + "</span></td></table><p unclosed=attr"
_CHARSET = _html(
    "<h1>" + TEXT.split("\n", 1)[0] + "</h1>" + "".join(f"<p>{p}</p>" for p in TEXT.split("\n\n")[1:]) +
    "<p>The council spent \u00a31.5 million \u2013 with partners.</p>",
    head='<meta charset="iso-8859-1">',
)


def _write(base: Path, files: dict[str, bytes | str]) -> None:
    for name, data in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)


# name: (files under in/ (bytes, or str written as UTF-8), extra args, {bad path: the exact line}, reports built)
# Paths in the lines are relative to the build's folder, written "{d}/..." and filled in per run.
CASES: dict[str, tuple[dict, list[str], dict[str, str], int]] = {
    "empty": ({"empty.txt": b""}, [], {"in/empty.txt": "{d}/in/empty.txt: empty file"}, 1),
    "white space only": ({"blank.txt": b"  \n\t\r\n  \n"}, [],
                         {"in/blank.txt": "{d}/in/blank.txt: empty file (white space only)"}, 1),
    "binary": ({"noise.txt": bytes(range(256)) * 8}, [],
               {"in/noise.txt": "{d}/in/noise.txt: binary file, not a text, HTML or PDF report"}, 1),
    "zip named explicitly": ({}, ["{d}/reports.zip"], {"reports.zip": (
        "{d}/reports.zip: a ZIP archive (or a .docx, .xlsx or .odt file), not a text, HTML or PDF report; "
        "extract it or save it as text")}, 1),
    "gzip": ({"report.txt.gz.txt": b"\x1f\x8b\x08\x00" + bytes(60)}, [],
             {"in/report.txt.gz.txt": "{d}/in/report.txt.gz.txt: a gzip archive, not a report; decompress it first"}, 1),
    "old Office file named explicitly": ({}, ["{d}/report.doc"], {"report.doc": (
        "{d}/report.doc: an old Microsoft Office file, not a report; save it as text or PDF")}, 1),
    "PDF with no text layer": ({"scan.pdf": lambda: _pdf(lambda p: p.rect(10, 10, 100, 100, style="F"))}, [],
                               {"in/scan.pdf": "{d}/in/scan.pdf: PDF has no text layer (scanned images?); run OCR first"}, 1),
    "encrypted PDF": ({"locked.pdf": _encrypted_pdf}, [],
                      {"in/locked.pdf": "{d}/in/locked.pdf: PDF is encrypted with a password; save an unprotected copy"}, 1),
    "undecodable bytes": ({"bytes.txt": TEXT.encode("utf-8")[:300] + b"\x81\x8d\x8f\x90\x9d"}, [],
                          {"in/bytes.txt": "{d}/in/bytes.txt: not UTF-8 or cp1252 text (byte 300)"}, 1),
    "UTF-16 LE with BOM": ({"utf16le.txt": codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")}, [], {}, 2),
    "UTF-16 BE with BOM": ({"utf16be.txt": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")}, [], {}, 2),
    "UTF-8 with BOM": ({"utf8bom.txt": codecs.BOM_UTF8 + TEXT.encode("utf-8")}, [], {}, 2),
    "UTF-16 BOM, odd bytes": ({"odd.txt": codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")[:201]}, [],
                              {"in/odd.txt": "{d}/in/odd.txt: has a UTF-16-LE byte order mark but is not UTF-16-LE "
                                             "(truncated data at byte 202)"}, 1),
    "past --max-size": ({"huge.txt": (TEXT + "\n") * 5}, ["--max-size", "50KB"],
                        {"in/huge.txt": "{d}/in/huge.txt: file is 64.7 KB, over the 50 KB limit; "
                                        "raise it with --max-size if this is a report"}, 1),
    "one word per line": ({"words.txt": "\n".join(TEXT.split()) + "\n"}, [], {}, 2),
    "HTML with no report": ({"recipe.html": _html("<h1>Recipes</h1><p>Mix the flour and the eggs.</p>")}, [],
                            {"in/recipe.html": "{d}/in/recipe.html: not a CQC local authority assessment report "
                                               "(no title, quality statement, score or council found)"}, 1),
    "malformed HTML": ({"broken.html": _MALFORMED}, [], {}, 2),
    "wrong declared charset": ({"charset.html": _CHARSET}, [], {}, 2),
    "symbolic link loop": ({}, [], {"in/loop": "{d}/in/loop: symbolic link loop (leads back to {d}/in); not followed"}, 1),
    "link to itself": ({}, [], {"in/self.txt": "{d}/in/self.txt: symbolic link loop; not followed"}, 1),
    "the same file named twice": ({}, ["{d}/in/" + GOOD.name, "{d}/in"], {}, 1),
    "broken symbolic link": ({}, [], {"in/gone.txt": "{d}/in/gone.txt: broken symbolic link (its target "
                                                     "'{d}/nowhere.txt' does not exist)"}, 1),
    "pipe": ({}, [], {"in/pipe.txt": "{d}/in/pipe.txt: not a regular file (a pipe, socket or device); not read"}, 1),
    "duplicate report ids": ({"a/same.txt": TEXT, "b/same.txt": TEXT}, [],
                             {"in/b/same.txt": "{d}/in/b/same.txt: report id 'same' is already taken by "
                                               "{d}/in/a/same.txt; rename one (this one is not built)"}, 2),
    "empty folder": ({}, ["{d}/empty"], {"empty": "{d}/empty: folder holds no .txt, .html or .pdf reports"}, 1),
    "missing path": ({}, ["{d}/nope.txt"], {"nope.txt": "{d}/nope.txt: no such file or folder"}, 1),
}


def _setup(case: str, d: Path) -> None:
    files, _, _, _ = CASES[case]
    (d / "in").mkdir()
    _write(d / "in", {name: data() if callable(data) else data for name, data in files.items()})
    shutil.copy(GOOD, d / "in" / GOOD.name)
    if case == "zip named explicitly":
        (d / "reports.zip").write_bytes(_zip())
    elif case == "symbolic link loop":
        (d / "in" / "loop").symlink_to(d / "in")
    elif case == "old Office file named explicitly":
        (d / "report.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    elif case == "link to itself":
        (d / "in" / "self.txt").symlink_to(d / "in" / "self.txt")
    elif case == "broken symbolic link":
        (d / "in" / "gone.txt").symlink_to(d / "nowhere.txt")
    elif case == "pipe":
        os.mkfifo(d / "in" / "pipe.txt")  # opening it would block: it must never be opened
    elif case == "empty folder":
        (d / "empty").mkdir()


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_named_once_and_the_good_report_still_built(case, tmp_path):
    files, extra, expected, reports = CASES[case]
    _setup(case, tmp_path)
    out = tmp_path / "out"
    args = ["build", str(tmp_path / "in"), *(a.format(d=tmp_path) for a in extra), "--out", str(out), "-q", "-j", "1"]
    result = CliRunner().invoke(cli, args)
    lines = {path: line.format(d=tmp_path) for path, line in expected.items()}
    errors = [l for l in result.stderr.splitlines() if l.startswith("graphkit: error: ")]
    assert errors == [f"graphkit: error: {line}" for _, line in sorted((str(tmp_path / p), l) for p, l in lines.items())]
    assert result.exit_code == (1 if expected else 0), result.stderr
    manifest = _manifest(out)
    assert manifest["failures"] == [{"path": str(tmp_path / p), "error": line} for p, line in sorted(lines.items())]
    built = {Path(r["path"]).name for r in manifest["inputs"]}
    assert GOOD.name in built and manifest["counts"]["reports"] == reports
    if reports == 2 and case != "duplicate report ids":
        (name,) = built - {GOOD.name}
        text = (out / "texts" / f"{Path(name).stem}.txt").read_text(encoding="utf-8")
        assert "Middlesbrough" in text
        if case == "wrong declared charset":  # decoded from the bytes, the declaration ignored
            assert "\u00a31.5 million \u2013 with partners" in text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_report_builds_the_same_graph_as_utf8(encoding, tmp_path):
    """A UTF-16 report is the same report: its extraction equals the UTF-8 file's."""
    from graphkit.pipeline import build

    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "r.txt").write_bytes(TEXT.encode("utf-8"))
    (tmp_path / "b" / "r.txt").write_bytes(bom + TEXT.encode(encoding))
    one, two = (build([tmp_path / d], jobs=1, validate=False) for d in "ab")
    assert not one.failures and not two.failures
    assert two.reports[0].encoding == encoding
    assert one.extractions[0].entities == two.extractions[0].entities
    assert one.extractions[0].relations == two.extractions[0].relations


def test_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    """A file past the limit is refused from its size alone: it is never read."""
    import graphkit.ingest.reader as reader
    from graphkit.errors import IngestError

    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # a sparse 100 MB file: never read, so never in memory
        fh.truncate(100 * 10**6)
    with pytest.raises(IngestError, match=r"big\.txt: file is 100 MB, over the 20 MB limit"):
        reader.read_report(big)


@pytest.mark.parametrize(("text", "size"), [("50MB", 50_000_000), ("500 KB", 500_000), ("2MiB", 2 * 2**20),
                                            ("1048576", 1048576), ("1.5gb", 1_500_000_000)])
def test_max_size_units(text, size):
    from graphkit.ingest import parse_size

    assert parse_size(text) == size


@pytest.mark.parametrize("bad", ["", "MB", "-1MB", "5 parsecs", "0"])
def test_max_size_refuses_nonsense_with_a_usage_error(bad, tmp_path):
    result = CliRunner().invoke(cli, ["build", str(GOOD), "--out", str(tmp_path / "o"), "--max-size", bad])
    assert result.exit_code == 2 and "--max-size" in result.stderr and "50MB" in result.stderr


# --- unreadable inputs: permissions, which root ignores ---------------------------------------

def _unprivileged() -> list[str]:
    """A command prefix under which file permissions hold.

    Not root: nothing (permissions already apply). Root: ``setpriv`` to uid/gid 65534 when
    that user can run this interpreter; else (the interpreter under /root, as with pyenv)
    root without capabilities (``--bounding-set=-all``), for which mode 000 denies as well.
    """
    if os.geteuid() != 0:
        return []
    setpriv = require_tool("setpriv")
    nobody = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*nobody, sys.executable, "-c", "import graphkit"], capture_output=True, cwd="/")
    if probe.returncode == 0:
        return nobody
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all"]


def test_unreadable_file_and_folder_are_named_and_the_rest_built():
    prefix = _unprivileged()
    d = Path(tempfile.mkdtemp(prefix="graphkit-perm-"))
    try:
        d.chmod(0o755)
        (d / "in" / "locked").mkdir(parents=True)
        shutil.copy(GOOD, d / "in" / GOOD.name)
        shutil.copy(OTHER, d / "in" / "locked" / OTHER.name)
        shutil.copy(OTHER, d / "secret.txt")
        (d / "out").mkdir()
        for p in (d / "in", d / "in" / GOOD.name, d / "out"):
            p.chmod(0o777 if p.name == "out" else 0o755 if p.is_dir() else 0o644)
        (d / "in" / "locked").chmod(0)
        (d / "secret.txt").chmod(0)
        env = {**os.environ, "HOME": str(d / "out"), "CI": os.environ.get("CI", "")}
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "graphkit", "build", str(d / "in"), str(d / "secret.txt"),
             "--out", str(d / "out" / "o"), "-q", "-j", "1", "--no-cache"],
            capture_output=True, text=True, cwd=str(d), env=env, timeout=300,
        )
        expected = [
            f"{d}/in/locked: cannot read folder: Permission denied; the reports in it are not built",
            f"{d}/secret.txt: cannot read: Permission denied",
        ]
        assert result.stderr.splitlines() == [f"graphkit: error: {line}" for line in expected], result.stderr
        assert result.returncode == 1
        manifest = _manifest(d / "out" / "o")
        assert [f["error"] for f in manifest["failures"]] == expected
        assert [Path(r["path"]).name for r in manifest["inputs"]] == [GOOD.name]
    finally:
        for p in (d / "in" / "locked", d / "secret.txt"):
            p.chmod(0o700)
        shutil.rmtree(d)


# --- hostile text in every output ---------------------------------------------------------------

HOSTILE = (
    "The local authority funds the <script>alert('x')</script> \"Quoted\" Carers' Centre, "
    "SELECT * WHERE { ?s ?p ?o } DROP GRAPH <urn:x> ; INSERT DATA { } \u202eevil\u202c \u200fmark "
    "with \x07bell\x1b[31m and \x0bvt, and the council works with Healthwatch. "
)
LONG = ("The council works with " + " and ".join(f"Partner{i} Trust" for i in range(800)))[:10_000] + "."


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("hostile")
    i = TEXT.index("\n\n", 500)
    _write(d / "in", {"hostile.txt": TEXT[:i] + "\n\n" + HOSTILE + LONG + "\n\n" + TEXT[i:]})
    shutil.copy(GOOD, d / "in" / GOOD.name)
    result = CliRunner().invoke(cli, ["build", str(d / "in"), "--out", str(d / "out"), "-q", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    return d / "out"


def test_hostile_text_reaches_the_graph_and_every_graph_file_parses(hostile_out):
    from rdflib import Dataset, Graph

    ttl = Graph().parse(hostile_out / "graph.ttl", format="turtle")
    Dataset().parse(hostile_out / "graph.trig", format="trig")
    Graph().parse(hostile_out / "graph.jsonld", format="json-ld")
    literals = " ".join(str(o) for o in ttl.objects())
    assert "<script>alert('x')</script>" in literals and "SELECT * WHERE" in literals
    assert "\u202eevil" in literals and "\x07" not in literals  # control characters became spaces
    assert any(len(str(o)) >= 10_000 for o in ttl.objects())  # the 10,000-character sentence
    rapper = require_tool("rapper")
    for name, syntax in (("graph.ttl", "turtle"), ("graph.trig", "trig")):
        run = subprocess.run([rapper, "-q", "-i", syntax, "-c", str(hostile_out / name)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr


def test_hostile_text_is_escaped_in_every_page(hostile_out):
    pages = sorted(hostile_out.rglob("*.html"))
    assert len(pages) > 5
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "alert('x')</script>" not in html and "<script>alert" not in html, page
        shown += "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert shown  # the sentence is shown, escaped


def test_hostile_text_keeps_tables_json_xml_and_the_search_index_well_formed(hostile_out):
    import sqlite3
    import xml.etree.ElementTree as ET

    for name in ("relations.csv", "entities.csv", "councils.csv", "merges.csv", "review.csv"):
        with open(hostile_out / name, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        assert rows and len({len(r) for r in rows}) == 1, name
    relations = (hostile_out / "relations.csv").read_text(encoding="utf-8")
    assert "<script>alert('x')</script>" in relations
    json.loads((hostile_out / "analysis.json").read_text(encoding="utf-8"))
    json.loads((hostile_out / "manifest.json").read_text(encoding="utf-8"))
    for name in ("graph.graphml", "graph.gexf"):
        ET.parse(hostile_out / name)
    with sqlite3.connect(hostile_out / "graph.sqlite") as db:
        assert db.execute("select count(*) from relations").fetchone()[0] > 0
    index = (hostile_out / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="gk-index">(.*?)</script>', index, re.S)
    assert m and "<" not in m.group(1)  # nothing in the data can close the script element
    json.loads(m.group(1))


def test_progress_advances_once_per_file_bad_ones_included(tmp_path):
    """The extract stage reports each file as it is done, so a long build shows it is moving."""
    from graphkit.pipeline import build

    shutil.copy(GOOD, tmp_path / GOOD.name)
    shutil.copy(OTHER, tmp_path / OTHER.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    calls: list[tuple[str, int, int]] = []
    result = build([tmp_path], jobs=1, validate=False, progress=lambda *a: calls.append(a))
    assert [c for c in calls if c[0] == "extract"] == [("extract", 1, 3), ("extract", 2, 3), ("extract", 3, 3)]
    assert len(result.reports) == 2 and [f.path for f in result.failures] == [str(tmp_path / "empty.txt")]


@settings(max_examples=150, deadline=None)
@given(n=st.integers(min_value=1, max_value=10**6),
       unit=st.sampled_from(["", "B", "KB", "kb", "MB", "GB", "KiB", "MiB", "GiB"]), space=st.sampled_from(["", " "]))
def test_max_size_parses_any_whole_size(n, unit, space):
    from graphkit.ingest import format_size, parse_size

    factor = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}
    size = parse_size(f"{n}{space}{unit}")
    assert size == n * factor[unit.lower()]
    assert format_size(size)  # every size can be said in a message


_TEXT_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=_TEXT_CHARS, min_size=1, max_size=300),
       encoding=st.sampled_from(["utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]))
def test_any_text_with_a_byte_order_mark_is_decoded_or_refused_in_one_line(text, encoding, tmp_path):
    from graphkit.errors import IngestError
    from graphkit.ingest import read_report

    bom = {"utf-8-sig": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[encoding]
    path = tmp_path / "any.txt"
    path.write_bytes(bom + (TEXT + text).encode(encoding))
    try:
        report = read_report(path)
    except IngestError as exc:  # the added text may make it binary or not a report: said in one line
        assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
    else:
        assert report.encoding == encoding
        assert report.text.startswith(TEXT.replace("\r\n", "\n")[:200])
        assert all(report.text[s.start:s.end] == s.text for s in report.sentences)
