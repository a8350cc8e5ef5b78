"""Fixtures for the ingest tests: seed paths, and makers of CQC-like PDF and HTML pages."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from graphkit.ingest import report_from_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: the synthetic development set beside the project (``../shared/eval/dev-synth``), if present
DEV_SYNTH = next(
    (d / "shared" / "eval" / "dev-synth" for d in ROOT.parents if (d / "shared" / "eval" / "dev-synth").is_dir()),
    ROOT.parent / "shared" / "eval" / "dev-synth",
)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def _need_font() -> None:
    if not FONT.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"DejaVu font missing: {FONT} (apt install fonts-dejavu-core)")
        pytest.skip(f"DejaVu font missing: {FONT}")


def blocks_of(text: str) -> list[tuple[str, str]]:
    """(kind, line) for each non-blank line: kind is title, section, heading or para.

    The kinds come from the plain-text reading of the same text, as a report page would
    style them.
    """
    report = report_from_text(text)
    sections = {s.start for s in report.sections if s.heading != "Preamble"}
    subheads = {span.start for s in report.sections for span in s.subheadings}
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        line = raw.strip()
        if line:
            start = pos + len(raw) - len(raw.lstrip())
            kind = ("title" if line == report.title else "section" if start in sections
                    else "heading" if start in subheads else "para")
            out.append((kind, line))
        pos += len(raw)
    return out


def write_pdf(
    blocks: Sequence[tuple[str, str]],
    path: Path,
    *,
    page_format: str | tuple[float, float] = "A4",
    align: str = "J",
    body_size: float = 10,
    running_header: str = "Care Quality Commission local authority assessment",
    bold_every: int = 0,
) -> Path:
    """Write ``blocks`` as a CQC-like PDF (DejaVu, wrapped lines, running header, page footer)."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            self.set_font("dv", "", 8)
            self.cell(0, 6, running_header, new_x="LMARGIN", new_y="NEXT", align="R")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("dv", "", 8)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Doc(format=page_format)
    pdf.add_font("dv", "", str(FONT))
    pdf.add_font("dv", "B", str(FONT_BOLD if FONT_BOLD.is_file() else FONT))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for kind, line in blocks:
        if kind == "title":
            pdf.set_font("dv", "B", 18)
            pdf.multi_cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind in ("section", "heading"):
            pdf.set_font("dv", "B", 14 if kind == "section" else 12)
            pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        else:
            pdf.set_font("dv", "", body_size)
            if bold_every:  # some words in bold (as links and key terms are), so lines mix fonts
                words = line.split(" ")
                line = " ".join(f"**{w}**" if i % bold_every == 1 else w for i, w in enumerate(words))
            pdf.multi_cell(0, body_size * 0.5, line, new_x="LMARGIN", new_y="NEXT", align=align,
                           markdown=bool(bold_every))
            pdf.ln(3)
    pdf.output(str(path))
    return path


@pytest.fixture
def make_pdf() -> Callable[..., Path]:
    """``write_pdf``, skipping (or failing under CI) when the DejaVu font is missing."""
    _need_font()
    return write_pdf


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} - Care Quality Commission</title>
<style>.cookie-banner {{ position: fixed; }} body {{ font-family: sans-serif; }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<div class="cookie-banner" id="cookie-consent" role="region" aria-label="Cookies on the CQC website">
  <h2>Cookies on the CQC website</h2>
  <p>We use some essential cookies to make this website work. We would like to set additional cookies to understand how you use the site.</p>
  <button type="button">Accept additional cookies</button> <button type="button">Reject additional cookies</button>
</div>
<header class="site-header" role="banner">
  <a href="/" class="site-header__logo">Care Quality Commission</a>
  <nav class="main-nav" aria-label="Main menu">
    <ul><li><a href="/find-a-service">Find a service</a></li><li><a href="/guidance">Guidance and regulation</a></li>
    <li><a href="/contact">Contact us</a></li></ul>
  </nav>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb">
  <ol><li><a href="/">Home</a></li><li><a href="/care-services/local-authority-assessments">Local authority assessments</a></li></ol>
</nav>
<main id="main-content" role="main">
{body}
<div class="share-page"><p>Share this page</p><ul><li><a href="#">Email</a></li><li><a href="#">Print</a></li></ul></div>
</main>
<footer class="site-footer" role="contentinfo">
  <h2 class="visually-hidden">Support links</h2>
  <ul><li><a href="/accessibility">Accessibility</a></li><li><a href="/privacy">Privacy notice</a></li></ul>
  <p>&copy; Care Quality Commission. All content is available under the Open Government Licence v3.0, except where otherwise stated.</p>
</footer>
<script src="/static/app.js"></script>
</body>
</html>
"""


def html_page(blocks: Sequence[tuple[str, str]], title: str | None = None) -> str:
    """A CQC-like report page holding ``blocks`` (kinds as from ``blocks_of``)."""
    tags = {"title": "h1", "section": "h2", "heading": "h3", "para": "p"}
    body = []
    for kind, line in blocks:
        tag = tags[kind]
        cls = ' class="score"' if line.lower().startswith("score") else ""
        body.append(f"<{tag}{cls}>{html.escape(line, quote=False)}</{tag}>")
    page_title = title or next((line for kind, line in blocks if kind == "title"), "Local authority assessment")
    return PAGE.format(title=html.escape(page_title), body="\n".join(body))


PRINT_STYLES = {
    "a4-sans-justified": "body { font-family: 'DejaVu Sans', sans-serif; margin: 2cm; } p { text-align: justify; }",
    "a5-serif-sections-on-new-pages": "@page { size: A5; margin: 1cm } body { font: 13px serif; } "
                                      "h2 { page-break-before: always }",
}


def content_page(blocks: Sequence[tuple[str, str]], title: str, style: str = "a4-sans-justified") -> str:
    """A bare page holding ``blocks``, as a report's print view would be."""
    tags = {"title": "h1", "section": "h2", "heading": "h3", "para": "p"}
    body = "\n".join(f"<{tags[k]}>{html.escape(line, quote=False)}</{tags[k]}>" for k, line in blocks)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{PRINT_STYLES[style]}</style></head><body><main>{body}</main></body></html>")


@pytest.fixture
def print_pdf() -> Callable[[Path, Path], Path]:
    """Print an HTML file to PDF with headless Chromium (its header and footer included)."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing (apt install chromium)")
        pytest.skip("chromium is missing")

    def run(page: Path, pdf: Path) -> Path:
        profile = pdf.parent / f"{pdf.stem}-profile"
        subprocess.run(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
             f"--print-to-pdf={pdf}", page.as_uri()],
            check=True, capture_output=True, timeout=120,
        )
        return pdf

    return run
