"""PDF input: paragraphs rebuilt from the text layer give the same sentences as the .txt."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.errors import IngestError
from graphkit.ingest import read_report

from .conftest import PRINT_STYLES, SEEDS, blocks_of, content_page


@pytest.mark.parametrize("layout", [
    {"page_format": "A4", "align": "J", "body_size": 10},
    {"page_format": (148, 210), "align": "L", "body_size": 11},
    {"page_format": "A4", "align": "L", "body_size": 10, "bold_every": 4},
], ids=["a4-justified", "a5-left", "a4-mixed-fonts"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_pdf_sentences_equal_txt(seed, layout, make_pdf, tmp_path):
    text = seed.read_text(encoding="utf-8")
    pdf = read_report(make_pdf(blocks_of(text), tmp_path / f"{seed.stem}.pdf", **layout))
    txt = read_report(seed)
    assert len(pdf.pages) >= 3
    assert [s.text for s in pdf.sentences] == [s.text for s in txt.sentences]
    assert [s.heading for s in pdf.sections] == [s.heading for s in txt.sections]
    assert [s.score for s in pdf.sections] == [s.score for s in txt.sections]
    assert (pdf.council_gss, pdf.title, pdf.format, pdf.encoding) == (txt.council_gss, txt.title, "pdf", "binary")


@pytest.mark.browser
@pytest.mark.parametrize("style", sorted(PRINT_STYLES))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_pdf_printed_by_chromium_equals_txt(seed, style, print_pdf, tmp_path):
    """A browser's PDF: many text runs per line, kerning, its own header and footer, breaks after hyphens."""
    txt = read_report(seed)
    page = tmp_path / f"{seed.stem}.html"
    blocks = blocks_of(seed.read_text(encoding="utf-8"))
    page.write_text(content_page(blocks, txt.title or "Local authority assessment", style), encoding="utf-8")
    pdf = read_report(print_pdf(page, tmp_path / f"{seed.stem}.pdf"))
    assert len(pdf.pages) >= 2
    assert [s.text for s in pdf.sentences] == [s.text for s in txt.sentences]
    assert (pdf.title, pdf.council_gss) == (txt.title, txt.council_gss)
    assert [(s.statement, s.score) for s in pdf.sections] == [(s.statement, s.score) for s in txt.sections]


@pytest.mark.parametrize("seed", SEEDS[:1], ids=lambda p: p.stem)
def test_pdf_pages_cover_text_and_number_paragraphs(seed, make_pdf, tmp_path):
    report = read_report(make_pdf(blocks_of(seed.read_text(encoding="utf-8")), tmp_path / "r.pdf", page_format=(148, 210)))
    assert [p.number for p in report.pages] == list(range(1, len(report.pages) + 1))
    assert report.pages[0].start == 0 and report.pages[-1].end == len(report.text)
    assert all(a.end == b.start for a, b in zip(report.pages, report.pages[1:]))
    numbers = [p.page for p in report.paragraphs]
    assert numbers == sorted(numbers) and numbers[0] == 1 and numbers[-1] == len(report.pages)
    for para in report.paragraphs:
        page = report.pages[para.page - 1]
        assert page.start <= para.start < page.end


@pytest.mark.parametrize("seed", SEEDS[:1], ids=lambda p: p.stem)
def test_pdf_drops_running_header_and_page_numbers(seed, make_pdf, tmp_path):
    path = make_pdf(blocks_of(seed.read_text(encoding="utf-8")), tmp_path / "r.pdf", running_header="CQC assessment report")
    report = read_report(path)
    assert "CQC assessment report" not in report.text
    assert "Page 1 of" not in report.text and "Page 2 of" not in report.text


@pytest.mark.parametrize("header", ["{}", "25/11/2026, 09:14 {} - Care Quality Commission", "11/25/26, 5:08 AM {}"])
def test_pdf_title_in_running_header_is_kept_once(header, make_pdf, tmp_path):
    seed = SEEDS[0]
    title = "Middlesbrough Council: local authority assessment"
    report = read_report(make_pdf(blocks_of(seed.read_text(encoding="utf-8")), tmp_path / "r.pdf",
                                  running_header=header.format(title)))
    assert report.title == title and report.text.count(title) == 1
    assert report.council_gss == "E06000002"
    assert [s.text for s in report.sentences] == [s.text for s in read_report(seed).sentences]


def test_pdf_sections_starting_on_each_page_are_kept(make_pdf, tmp_path):
    from fpdf import FPDF

    from .conftest import FONT

    body = "The local authority worked with partners on {} to improve care and support for people."
    doc = FPDF()
    doc.add_font("dv", "", str(FONT))
    doc.set_font("dv", "", 11)
    for name in ("Assessing needs", "Safeguarding", "Partnerships and communities"):
        doc.add_page()
        for line in (name, "Score: 3", "What people expect", body.format(name.lower())):
            doc.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            doc.ln(3)
    path = tmp_path / "sections.pdf"
    doc.output(str(path))
    report = read_report(path)
    assert [(s.statement, s.score) for s in report.sections] == [
        ("Assessing needs", 3), ("Safeguarding", 3), ("Partnerships and communities", 3)]
    assert [s.text for s in report.sentences] == [
        body.format(n) for n in ("assessing needs", "safeguarding", "partnerships and communities")]


def _lines_pdf(path, lines):
    """A one-page PDF with the given lines at a fixed pitch (one paragraph)."""
    from fpdf import FPDF

    from .conftest import FONT

    pdf = FPDF()
    pdf.add_font("dv", "", str(FONT))
    pdf.set_font("dv", "", 10)
    pdf.add_page()
    pdf.cell(0, 5, "Hartlepool Borough Council: local authority assessment", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    for line in lines:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.mark.parametrize(("lines", "expected"), [
    (["The local authority worked with partners on a well-established and co-",
      "ordinated approach to commissioning services with its partnership boards."],
     "co-ordinated approach"),
    (["The local authority worked with partners and the voluntary sector partner-",
      "ship to commission services, and the partnership met each month with staff."],
     "sector partnership to"),
    (["The local authority reduced hospital stays by 9.2% in the two years (2022-",
      "2023) and worked with partners across the whole area to plan better pre-",
      "and post-discharge support for carers and families, with training and/",
      "or advice for carers across the whole area with the ICB and the trusts, and/or",
      "with the hospital discharge/ admission avoidance teams in the whole area."],
     "(2022-2023) and worked with partners across the whole area to plan better pre- and post-discharge support "
     "for carers and families, with training and/or advice"),
    (["The local authority worked with the ICB on all hospital discharge/",
      "admission avoidance teams and on the reablement services across the area."],
     "discharge/ admission avoidance"),
    (["The local authority worked with partners and the voluntary sector in a strong partner\u00ad",
      "ship which met every month with staff from the trusts and other agencies."],
     "strong partnership which"),
])
def test_pdf_mends_words_broken_at_line_end(lines, expected, make_pdf, tmp_path):
    report = read_report(_lines_pdf(tmp_path / "h.pdf", lines))
    assert expected in report.text
    assert len(report.paragraphs) == 1


def test_pdf_corrupt_is_ingest_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    with pytest.raises(IngestError, match="broken.pdf"):
        read_report(path)


def test_pdf_truncated_is_ingest_error(seed_pdf_bytes, tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(seed_pdf_bytes[: len(seed_pdf_bytes) // 3])
    with pytest.raises(IngestError, match="cut.pdf"):
        read_report(path)


def test_pdf_without_text_layer_is_ingest_error(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(IngestError, match=r"scan\.pdf: .*no text layer"):
        read_report(path)


@pytest.fixture
def seed_pdf_bytes(make_pdf, tmp_path):
    return make_pdf(blocks_of(SEEDS[0].read_text(encoding="utf-8")), tmp_path / "whole.pdf").read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=12),
       cut=st.one_of(st.none(), st.floats(0, 1)))
def test_pdf_damaged_bytes_give_ingest_error_or_report(edits, cut, seed_pdf_cache, tmp_path):
    data = bytearray(seed_pdf_cache)
    for where, value in edits:
        data[int(where * len(data))] = value
    if cut is not None:
        data = data[: int(cut * len(data))]
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data))
    try:
        report = read_report(path)
    except IngestError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
    else:
        assert all(report.text[s.start:s.end] == s.text for s in report.sentences)


@pytest.fixture(scope="module")
def seed_pdf_cache(tmp_path_factory):
    from .conftest import _need_font, write_pdf

    _need_font()
    path = tmp_path_factory.mktemp("pdf") / "seed.pdf"
    return write_pdf(blocks_of(SEEDS[-1].read_text(encoding="utf-8")), path).read_bytes()


def test_pdf_ligatures_are_spelt_out(tmp_path):
    path = _lines_pdf(tmp_path / "lig.pdf", ["The \ufb01nancial plan was \ufb01xed and the of\ufb01ce was con\ufb01dent.", ""])
    report = read_report(path)
    assert [s.text for s in report.sentences] == ["The financial plan was fixed and the office was confident."]
