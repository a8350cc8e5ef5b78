"""CQC report pages (HTML) to plain text, one block element per line.

The page's main content (``<main>``, ``role="main"`` or ``#main-content``, else ``<body>``)
is walked in document order. Navigation, scripts, styles, forms, cookie banners, headers,
footers, skip links, breadcrumbs and hidden elements are dropped. Each block element
(heading, paragraph, list item, table cell, ...) becomes one line of white-space-normalised
text; lines are separated by blank lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import IngestError
from .structure import TITLE

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = ["HtmlText", "html_text"]

#: elements that never hold report text
_CODE_TAGS = frozenset(
    "script style noscript template svg iframe object embed canvas button select input textarea form dialog".split()
)
#: page furniture by tag: dropped outside the main content (``header``/``footer`` inside it are kept)
_CHROME_TAGS = frozenset({"header", "footer"})
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu", "menubar"})
#: class/id values of page furniture (matched against each class token and the id)
_FURNITURE = re.compile(
    r"(?:^|[-_])(?:cookies?|consent|gdpr|breadcrumbs?|skip(?:-?link|-to-content|-?nav)?|visually-?hidden|sr-only"
    r"|screen-?reader|navbar|nav|navigation|menu|site-header|site-footer|global-header|global-footer"
    r"|page-footer|masthead|phase-banner|cookie-banner|share|print|feedback|back-to-top|related"
    r"|pagination|toolbar|modal|popup|newsletter|survey|search|toggle|show-all|chevron)(?:$|[-_])",
    re.I,
)
#: soft hyphens and zero-width characters, which a browser does not show
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_CONTENT_BLOCKS = "p|li|h1|h2|h3|h4|h5|h6|td|dd"
_BLOCK_TAGS = frozenset(
    "address article aside blockquote caption dd details div dl dt fieldset figcaption figure h1 h2 h3 h4 h5 h6 "
    "hr li main ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())


@dataclass(frozen=True, slots=True)
class HtmlText:
    """The text of a page: blocks one per line, the h1 title, and each block's kind by offset."""

    text: str
    title: str | None
    kinds: dict[int, str]


def _is_furniture(el: _Element) -> bool:
    """Whether an element is navigation, a banner, a hidden helper or other page furniture."""
    if el.tag.lower() == "nav" or el.get("role", "").lower() in _DROP_ROLES:
        return True
    hidden = el.get("hidden") is not None or el.get("aria-hidden", "").lower() == "true"
    style = el.get("style", "").replace(" ", "").lower()
    if hidden or "display:none" in style or "visibility:hidden" in style:
        # collapsed panels (accordions) hold report text: drop only what holds no blocks
        return not el.xpath(f".//*[self::{' or self::'.join(_CONTENT_BLOCKS.split('|'))}]")
    tokens = el.get("class", "").split()
    if el.get("id"):
        tokens.append(el.get("id"))
    return any(_FURNITURE.search(t) for t in tokens)


def _main(root: _Element) -> _Element:
    """The element holding the report's own content."""
    for query in ("//main", "//*[@role='main']", "//*[@id='main-content']", "//*[@id='content']", "//article", "//body"):
        found = root.xpath(query)
        if found:
            return found[0]
    return root


def html_text(markup: str, path: str) -> HtmlText:
    """Plain text of the page's main content: headings, paragraphs, list items, in order.

    Parameters
    ----------
    markup : str
        The decoded page.
    path : str
        The file, for error messages.

    Returns
    -------
    HtmlText
        Blocks one per line, separated by blank lines; the first ``<h1>`` as title.

    Raises
    ------
    IngestError
        When lxml cannot parse the page.

    Examples
    --------
    >>> page = "<body><nav>Home</nav><main><h1>T</h1><p>One.</p><ul><li>Two</li></ul></main></body>"
    >>> html_text(page, "p.html").text
    'T\\n\\nOne.\\n\\nTwo\\n'
    """
    from lxml import etree
    from lxml import html as lhtml

    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    try:
        root = lhtml.document_fromstring(markup)
    except Exception as exc:  # lxml raises several types on junk
        raise IngestError(path, f"cannot parse HTML: {exc}") from exc
    h1 = root.xpath("//h1")
    title = " ".join(h1[0].text_content().split()) if h1 else None
    main = _main(root)
    protected = {main, *main.iterancestors()}
    main_size = len(main.text_content()) or 1
    for el in list(root.iter(etree.Element)):
        if el in protected or el.getparent() is None:
            continue
        tag = el.tag.lower()
        inside = main.tag != "body" and main in el.iterancestors()
        if tag == "button" and any(a.tag in _HEADINGS for a in el.iterancestors()):
            continue  # an accordion's heading is a button inside the heading element
        if tag in _CODE_TAGS or (tag in _CHROME_TAGS and not inside):
            el.drop_tree()
        elif _is_furniture(el) and (not inside or len(el.text_content()) < main_size / 3):
            el.drop_tree()
    # skip links that survived as bare anchors ("Skip to main content")
    for a in root.xpath("//a[starts-with(@href, '#')]"):
        if re.match(r"\s*skip\b", a.text_content() or "", re.I):
            a.drop_tree()
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        if el.getparent() is not None:
            el.drop_tree()

    blocks: list[tuple[str, str]] = []  # (kind, text)
    buffer: list[str] = []
    kind_stack: list[str] = []

    def flush() -> None:
        words = " ".join("".join(buffer).translate(_INVISIBLE).split())
        buffer.clear()
        if words:
            kind = kind_stack[-1] if kind_stack else "para"
            blocks.append((kind, words))

    def walk(el: _Element) -> None:
        tag = el.tag.lower()
        if tag == "br":
            buffer.append(" ")
        block = tag in _BLOCK_TAGS
        if block:
            flush()
            inherited = "item" if kind_stack and kind_stack[-1] == "item" else "para"
            kind_stack.append("heading" if tag in _HEADINGS else "item" if tag in ("li", "td", "th") else inherited)
        if el.text:
            buffer.append(el.text)
        for child in el.iterchildren(etree.Element):
            walk(child)
        if block:
            flush()
            kind_stack.pop()
        if el.tail:
            buffer.append(el.tail)

    if title and not any(el.tag == "h1" for el in main.iter(etree.Element)):
        blocks.append(("heading", title))
    buffer.append(main.text or "")
    for child in main.iterchildren(etree.Element):
        walk(child)
    flush()
    if not title:
        for head_title in root.xpath("//title")[:1]:
            t = " ".join(head_title.text_content().split())
            t = re.split(r"\s+[|\u2013\u2014-]\s+(?:Care Quality Commission|CQC)\b", t)[0]
            m = TITLE.match(t)
            name = m and (m.group("head") or m.group("tail"))
            title = t if name and name.lower() != "local authority assessment" else None
    parts: list[str] = []
    kinds: dict[int, str] = {}
    pos = 0
    for kind, words in blocks:
        kinds[pos] = kind
        parts.append(words)
        pos += len(words) + 2
    text = "\n\n".join(parts) + ("\n" if parts else "")
    return HtmlText(text, title, kinds)
