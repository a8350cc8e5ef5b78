"""HTML input: CQC report pages without their page furniture."""

from __future__ import annotations

import pytest

from graphkit.errors import IngestError
from graphkit.ingest import read_report

from .conftest import FIXTURES, SEEDS, blocks_of, html_page


@pytest.fixture(scope="module")
def page():
    return read_report(FIXTURES / "cqc_page.html")


def test_html_title_council_date(page):
    assert page.format == "html"
    assert page.title == "Royal Borough of Greenwich: local authority assessment"
    assert (page.council, page.council_gss) == ("Royal Borough of Greenwich", "E09000011")
    assert page.date == "2024-05-14"


@pytest.mark.parametrize("furniture", [
    "Skip to main content", "Cookies on the CQC website", "analytics cookies", "Find a care service",
    "Main navigation", "Local authority assessments", "On this page", "Print this page", "Related content",
    "Open Government Licence", "Footer links", "dataLayer", "visually-hidden", "Search",
])
def test_html_drops_page_furniture(page, furniture):
    assert furniture not in page.text


def test_html_keeps_blocks_in_order(page):
    text = page.text
    order = ["Overall summary", "Assessing needs", "Score: 2", "What people expect",
             "a single front door", "drop-in sessions", "outreach by", "Oxleas", "Safeguarding", "Next steps:"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    assert all(block and block == " ".join(block.split()) for block in text.strip().split("\n\n"))


def test_html_sections_scores_subheadings(page):
    statements = [(s.statement, s.theme, s.score) for s in page.sections if s.statement]
    assert statements == [("Assessing needs", "Working with people", 2), ("Safeguarding", "Ensuring safety", 3)]
    assessing = next(s for s in page.sections if s.statement == "Assessing needs")
    subheads = [page.text[sp.start:sp.end] for sp in assessing.subheadings]
    assert subheads == ["What people expect", "Key findings for this quality statement",
                        "Assessment, care planning and review arrangements"]
    assert "Overall summary" in [s.heading for s in page.sections]


def test_html_list_items_are_paragraphs(page):
    texts = [page.text[p.start:p.end] for p in page.paragraphs]
    assert "a single front door run by the council's contact centre" in texts
    assert "drop-in sessions at Greenwich Carers Centre" in texts


@pytest.mark.parametrize("sentence", [
    "Leaders, e.g. the Director of Adult Social Services, knew where the pressures were.",
    "Dr. Patel, a GP partner, told us that delays affected people leaving St. Thomas' Hospital.",
    "Greenwich had a diverse population of about 290,000 people, and the council spent £1.5 million on "
    "prevention services through its partnership with the NHS.",
    '"We always hear back," one partner said.',
])
def test_html_sentences(page, sentence):
    assert sentence in [s.text for s in page.sentences]


def test_html_offsets_slice(page):
    for s in page.sentences:
        assert page.text[s.start:s.end] == s.text


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_html_from_seed_equals_txt(seed, tmp_path):
    text = seed.read_text(encoding="utf-8")
    path = tmp_path / f"{seed.stem}.html"
    path.write_text(html_page(blocks_of(text)), encoding="utf-8")
    html, txt = read_report(path), read_report(seed)
    assert [s.text for s in html.sentences] == [s.text for s in txt.sentences]
    assert [(s.heading, s.statement, s.score) for s in html.sections] == [
        (s.heading, s.statement, s.score) for s in txt.sections]
    assert (html.council_gss, html.title) == (txt.council_gss, txt.title)
    assert "Cookies" not in html.text and "Accessibility" not in html.text


def test_html_title_from_h1_even_without_title_line(tmp_path):
    text = SEEDS[0].read_text(encoding="utf-8")
    path = tmp_path / "page.html"
    path.write_text(html_page([("title", "Middlesbrough Council: local authority assessment"), *blocks_of(text)]),
                    encoding="utf-8")
    report = read_report(path)
    assert report.title == "Middlesbrough Council: local authority assessment"
    assert report.council_gss == "E06000002"


def test_html_not_a_report(tmp_path):
    with pytest.raises(IngestError, match=r"not_a_report\.html: not a CQC local authority assessment"):
        read_report(FIXTURES / "not_a_report.html")


@pytest.mark.parametrize("markup", [
    "<html><body><nav>Home</nav></body></html>",
    "<!DOCTYPE html><html><head><title>x</title></head><body><script>var a = 1;</script></body></html>",
])
def test_html_without_content(markup, tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(markup, encoding="utf-8")
    with pytest.raises(IngestError, match=r"empty\.html: "):
        read_report(path)


def _read_markup(markup, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    return read_report(path)


def test_html_keeps_collapsed_accordion_panels(tmp_path):
    markup = (
        '<html><body><div class="layout-with-sidebar sidebar-right"><main>'
        "<h1>Hartlepool Borough Council: local authority assessment</h1>"
        '<div class="accordion"><h2>Safeguarding</h2><div class="accordion__panel" hidden>'
        "<p>Score: 3</p><p>The local authority worked with the safeguarding board.</p></div>"
        '<span class="icon" aria-hidden="true">+</span></div></main>'
        '<aside class="sidebar"><nav><a href="#">On this page</a></nav></aside></div></body></html>'
    )
    report = _read_markup(markup, tmp_path)
    assert [s.text for s in report.sentences] == ["The local authority worked with the safeguarding board."]
    assert report.sections[0].score == 3
    assert "+" not in report.text and "On this page" not in report.text


def test_html_article_header_inside_main_is_kept(tmp_path):
    markup = (
        "<html><body><header class='site-header'><a href='/'>CQC</a></header><main><article>"
        "<header><h1>Hartlepool Borough Council: local authority assessment</h1>"
        "<p>Date of publication: 3 June 2024</p></header>"
        "<h2>Safeguarding</h2><p>The local authority worked with partners.</p></article></main>"
        "<footer>Privacy</footer></body></html>"
    )
    report = _read_markup(markup, tmp_path)
    assert report.date == "2024-06-03" and report.title.startswith("Hartlepool")
    assert "CQC" not in report.text and "Privacy" not in report.text


def test_html_nested_blocks_are_not_duplicated(tmp_path):
    markup = (
        "<html><body><main><h1>Hartlepool Borough Council: local authority assessment</h1><h2>Safeguarding</h2>"
        "<div>The local authority <em>worked</em> with partners.<ul><li><p>First item with a "
        "<a href='#'>link</a>.</p></li><li>Second item<br>continued</li></ul></div>"
        "<table><tr><td>Cell text is kept.</td></tr></table></main></body></html>"
    )
    report = _read_markup(markup, tmp_path)
    assert [s.text for s in report.sentences] == [
        "The local authority worked with partners.", "First item with a link.", "Second item continued",
        "Cell text is kept."]


def test_html_drops_soft_hyphens_and_zero_width_spaces(tmp_path):
    markup = ("<html><body><main><h1>Hartlepool Borough Council: local authority assessment</h1><h2>Safeguarding</h2>"
              "<p>The local autho&shy;rity worked with\u200b partners.</p></main></body></html>")
    assert [s.text for s in _read_markup(markup, tmp_path).sentences] == ["The local authority worked with partners."]


ACCORDION_SECTION = """
<div class="govuk-accordion__section">
  <div class="govuk-accordion__section-header">
    <h2 class="govuk-accordion__section-heading">
      <button type="button" aria-controls="c{n}" class="govuk-accordion__section-button" aria-expanded="false">
        <span class="govuk-accordion__section-heading-text"><span class="govuk-accordion__section-heading-text-focus">{heading}</span></span>
        <span class="govuk-visually-hidden govuk-accordion__section-heading-divider">, </span>
        <span class="govuk-accordion__section-toggle" data-nosnippet=""><span class="govuk-accordion__section-toggle-focus">
          <span class="govuk-accordion-nav__chevron govuk-accordion-nav__chevron--down"></span>
          <span class="govuk-accordion__section-toggle-text">Show<span class="govuk-visually-hidden"> this section</span></span></span></span>
      </button>
    </h2>
  </div>
  <div id="c{n}" class="govuk-accordion__section-content" hidden="until-found">
    <p>Score: {score}</p><h3>Key findings for this quality statement</h3><p>{body}</p>
  </div>
</div>"""


def test_html_saved_page_with_accordion_buttons(tmp_path):
    sections = [("Assessing needs", 2, "The local authority assessed people promptly."),
                ("Safeguarding", 3, "Partners worked well with the safeguarding board.")]
    markup = (
        "<html><body><main><h1>Hartlepool Borough Council: local authority assessment</h1>"
        '<div class="govuk-accordion" data-module="govuk-accordion"><div class="govuk-accordion__controls">'
        '<button type="button" class="govuk-accordion__show-all"><span class="govuk-accordion__show-all-text">'
        "Show all sections</span></button></div>"
        + "".join(ACCORDION_SECTION.format(n=n, heading=h, score=sc, body=b) for n, (h, sc, b) in enumerate(sections))
        + "</div></main></body></html>"
    )
    report = _read_markup(markup, tmp_path)
    assert [(s.heading, s.score) for s in report.sections] == [("Assessing needs", 2), ("Safeguarding", 3)]
    assert [s.text for s in report.sentences] == [b for _, _, b in sections]
    assert "Show" not in report.text
