"""CQC report pages (HTML) to plain text, one block element per line."""

from __future__ import annotations

from ..errors import IngestError

__all__ = ["html_text"]


def html_text(markup: str, path: str) -> str:
    """Plain text of the page's main content: headings, paragraphs, list items, in order."""
    from lxml import html as lhtml

    try:
        root = lhtml.document_fromstring(markup)
    except Exception as exc:  # lxml raises several types
        raise IngestError(path, f"cannot parse HTML: {exc}") from exc
    for bad in root.xpath("//script|//style|//nav|//header|//footer|//noscript|//form"):
        bad.drop_tree()
    main = root.xpath("//main") or root.xpath("//body") or [root]
    lines = []
    for el in main[0].iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li"):
        words = " ".join(el.text_content().split())
        if words:
            lines.append(words)
    return "\n\n".join(lines) + "\n"
