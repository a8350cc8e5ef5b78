"""Report structure: title, sections, scores, sub-headings, paragraphs, sentences, dates."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.ingest import read_report, report_from_text
from graphkit.model import QUALITY_STATEMENTS

from .conftest import SEEDS

BODY = "The local authority worked with partners to improve care and support."


def _report(*lines: str):
    return report_from_text("\n\n".join(lines) + "\n")


@pytest.mark.parametrize(("line", "score"), [
    ("Score: 3", 3), ("Score 2", 2), ("score: 4", 4), ("Score: 1/4", 1), ("Quality statement score: 2", 2),
    ("3 - Evidence shows a good standard", 3), ("1 \u2013 Evidence shows significant shortfalls", 1),
    ("2 - Evidence shows some shortfalls", 2), ("4 - Evidence shows an exceptional standard", 4),
    ("Evidence shows an exceptional standard", 4), ("Evidence shows some shortfalls.", 2),
])
def test_score_lines(line, score):
    report = _report("Safeguarding", line, BODY)
    assert [(s.statement, s.score) for s in report.sections] == [("Safeguarding", score)]


def test_score_label_and_value_on_separate_lines():
    report = _report("Safeguarding", "Score", "3", BODY)
    assert report.sections[0].score == 3
    assert [s.text for s in report.sentences] == [BODY]


def test_first_score_line_wins():
    report = _report("Safeguarding", "Score: 2", "3 - Evidence shows a good standard", BODY)
    assert report.sections[0].score == 2


@pytest.mark.parametrize(("name", "theme"), QUALITY_STATEMENTS)
def test_all_quality_statements(name, theme):
    report = _report("Summary", BODY, name.upper(), "Score: 3", BODY, "Some unknown heading", BODY)
    assert [s.heading for s in report.sections] == ["Summary", name]
    assert (report.sections[1].statement, report.sections[1].theme, report.sections[1].score) == (name, theme, 3)


@pytest.mark.parametrize("heading", [
    "Care provision, integration, and continuity", "Care provision integration and continuity",
    "Quality statement: Care provision, integration and continuity", "Care provision, integration & continuity",
])
def test_statement_heading_variants(heading):
    assert _report(heading, BODY).sections[0].statement == "Care provision, integration and continuity"


@pytest.mark.parametrize(("heading", "theme"), [
    ("Theme 1: How the local authority works with people", "Working with people"),
    ("Providing support", "Providing support"),
    ("Theme 4: Leadership", "Leadership"),
])
def test_theme_headings_open_sections(heading, theme):
    report = _report(heading, BODY)
    assert (report.sections[0].heading, report.sections[0].theme, report.sections[0].statement) == (heading, theme, None)


def test_unknown_headings_are_kept_as_subheadings():
    report = _report("Partnerships and communities", "Score: 3", "A heading nobody has seen before", BODY,
                     "Another odd heading", BODY)
    section = report.sections[0]
    assert [report.text[s.start:s.end] for s in section.subheadings] == [
        "A heading nobody has seen before", "Another odd heading"]
    assert [p.subheading for p in report.paragraphs] == ["A heading nobody has seen before", "Another odd heading"]


def test_text_before_any_heading_gets_a_section():
    report = _report(BODY, "Safeguarding", BODY)
    assert [s.heading for s in report.sections] == ["Preamble", "Safeguarding"]
    assert [p.section for p in report.paragraphs] == [0, 1]


@pytest.mark.parametrize("title", [
    "Hartlepool Borough Council: local authority assessment",
    "London Borough of Hackney: local authority assessment",
    "Royal Borough of Kingston upon Thames \u2013 local authority assessment",
    "Local authority assessment: Wirral Council",
])
def test_title_line(title):
    report = _report(title, "Downloads", "Assessing needs", "Score: 2", BODY)
    assert report.title == title
    assert title not in [report.text[p.start:p.end] for p in report.paragraphs]
    assert [s.heading for s in report.sections] == ["Downloads", "Assessing needs"]


def test_sections_partition_the_report():
    report = _report("Summary", BODY, "Assessing needs", BODY, "Safeguarding", BODY)
    for a, b in zip(report.sections, report.sections[1:]):
        assert a.end == b.start
    assert report.sections[-1].end == len(report.text)
    for p in report.paragraphs:
        s = report.sections[p.section]
        assert s.start <= p.start and p.end <= s.end


@pytest.mark.parametrize(("line", "iso"), [
    ("Assessment date: 14 May 2024", "2024-05-14"),
    ("Date published: 2 August 2024", "2024-08-02"),
    ("Published on 1st March 2025", "2025-03-01"),
    ("Last updated 9 Sept 2024", "2024-09-09"),
    ("Date of assessment: 2024-06-30", "2024-06-30"),
    ("Published: 05/11/2024", "2024-11-05"),
    ("Assessment date: 2 to 6 September 2024", "2024-09-02"),
    ("Date of assessment: 12\u201314 March 2024", "2024-03-12"),
    ("The board met on 14 May 2024 to agree it.", None),
    ("Published: 31 February 2024", None),
])
def test_dates(line, iso):
    assert _report("Safeguarding", line, BODY).date == iso


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_structure(seed):
    report = read_report(seed)
    assert report.format == "txt" and report.encoding == "utf-8"
    statements = [s for s in report.sections if s.statement]
    assert statements and all(s.score in (1, 2, 3, 4) for s in statements)
    assert all(s.subheadings for s in statements)
    assert len(report.sentences) > 20
    for s in report.sentences:
        assert report.text[s.start:s.end] == s.text
        p = report.paragraphs[s.paragraph]
        assert p.start <= s.start and s.end <= p.end and s.section == p.section
    assert [s.index for s in report.sentences] == list(range(len(report.sentences)))
    assert [p.index for p in report.paragraphs] == list(range(len(report.paragraphs)))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_report_from_any_text_keeps_offsets(text):
    report = report_from_text(text)
    assert report.text == text
    for s in report.sentences:
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text and s.text
        p = report.paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end
        assert s.section == p.section < len(report.sections)
    for sec in report.sections:
        assert 0 <= sec.start <= sec.end <= len(text)
        assert sec.score in (None, 1, 2, 3, 4)


_LINES = st.sampled_from([
    "Safeguarding", "Score: 2", "3 - Evidence shows a good standard", "What people expect", BODY,
    "Dr. Smith, e.g. a GP, met St. Mary's staff. It cost £1.5 million.", "\u2022 a bullet fragment",
    "Hartlepool Borough Council: local authority assessment", "Summary", "", "  ", "\t", "Leadership",
    '"Quoted," she said. (Bracketed.) Done!', "North Tyneside and the ICB agreed. The local authority led.",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=30), st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
def test_report_from_report_like_text_keeps_offsets(lines, sep):
    text = sep.join(lines)
    report = report_from_text(text)
    for s in report.sentences:
        assert text[s.start:s.end] == s.text
        p = report.paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_hard_wrapped_text_gives_the_same_sentences(seed):
    import textwrap

    text = seed.read_text(encoding="utf-8")
    wrapped = "\n".join(textwrap.fill(line, 72, break_on_hyphens=False) if len(line) > 72 else line for line in text.split("\n"))
    flat = [s.text for s in report_from_text(text).sentences]
    rewrapped = report_from_text(wrapped)
    assert [" ".join(s.text.split()) for s in rewrapped.sentences] == flat
    assert all(wrapped[s.start:s.end] == s.text for s in rewrapped.sentences)


def test_one_line_per_paragraph_text_is_not_joined():
    lines = ["Safeguarding", "Key findings for this quality statement", BODY, BODY.replace(".", ""), BODY]
    text = "\n".join(lines)
    report = report_from_text(text)
    assert [text[p.start:p.end] for p in report.paragraphs] == [BODY, BODY]


@pytest.mark.parametrize(("heading", "statement"), [
    ("Supporting people to lead healthier lives", "Supporting people to live healthier lives"),
    ("Safe pathways, systems and transitions", "Safe systems, pathways and transitions"),
    ("Equity in experiences and outcomes", "Equity in experience and outcomes"),
    ("Care provision, integration, and continuity", "Care provision, integration and continuity"),
    ("Governance, management, and sustainability", "Governance, management and sustainability"),
])
def test_statement_names_as_cqc_summary_pages_write_them(heading, statement):
    report = _report(heading, "Score: 2", BODY)
    assert [(s.statement, s.score) for s in report.sections] == [(statement, 2)]
    assert not report.warnings


@pytest.mark.parametrize(("heading", "theme"), [
    ("How the local authority ensures safety within the system", "Ensuring safety"),
    ("How the local authority works with people", "Working with people"),
    ("Theme 2: How Wessex Council provides support", "Providing support"),
    ("Leadership", "Leadership"),
])
def test_theme_names_from_the_layout_data(heading, theme):
    report = _report(heading, BODY)
    assert [(s.statement, s.theme) for s in report.sections] == [(None, theme)]


def test_layout_data_names_every_quality_statement_as_the_model_does():
    from graphkit.ingest.structure import layout

    canonical = set(layout().statements.values())
    assert canonical == set(QUALITY_STATEMENTS)


@pytest.mark.parametrize(("line", "rating"), [
    ("Overall rating: Good", "Good"),
    ("Overall rating - Requires improvement", "Requires improvement"),
    ("Overall, we have rated Wessex Council as Requires improvement.", "Requires improvement"),
    ("Overall, we rated the local authority as outstanding.", "Outstanding"),
    ("We have rated Wessex Council as inadequate overall.", "Inadequate"),
])
def test_overall_rating_line(line, rating):
    report = _report(line, "Safeguarding", "Score: 3", BODY)
    assert report.rating == rating


def test_no_rating_when_the_text_states_none():
    report = _report("Safeguarding", "Score: 3", "Staff said the rating of providers was good.", BODY)
    assert report.rating is None


@pytest.mark.parametrize(("lines", "line_no", "problem"), [
    (("Summary", BODY, "Score: 3", "Safeguarding", BODY), 5, "not under a quality statement"),
    (("Score: 2", "Safeguarding", BODY), 1, "not under a quality statement"),
    (("Safeguarding", "Score: 2", BODY, "Score: 4", BODY), 7, "second score line"),
    (("Safeguarding", "Score", BODY), 3, "no score after it"),
])
def test_stray_score_line_is_a_warning_naming_file_and_line(lines, line_no, problem):
    report = _report(*lines)
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith(f"snippet.txt:{line_no}: ") and problem in report.warnings[0]


def test_score_restated_in_words_is_not_a_warning():
    report = _report("Safeguarding", "Score: 3", "3 - Evidence shows a good standard", BODY)
    assert report.sections[0].score == 3 and not report.warnings


def test_stray_score_warning_reaches_the_build_and_the_cli(tmp_path, runner):
    from graphkit import build
    from graphkit.cli import cli

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "wessex.txt").write_text(
        "Wessex Council: local authority assessment\n\nSummary\n\nScore: 3\n\nSafeguarding\n\nScore: 2\n\n"
        f"{BODY}\n", encoding="utf-8")
    result = build([folder], jobs=1, cache=False)
    assert [w for w in result.warnings if "wessex.txt:5:" in w]
    printed = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out"), "-q", "-j", "1", "--no-cache"])
    assert printed.exit_code == 0
    assert "graphkit: warning: " in printed.stderr and "wessex.txt:5: score line 'Score: 3'" in printed.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert any("wessex.txt:5:" in w for w in manifest["warnings"])
