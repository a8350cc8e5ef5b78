"""HTML building blocks: escaping, the page shell, tables, inline JSON, inline SVG bar charts.

Text is escaped unless it is ``Markup`` (HTML this module or the page modules made); report
text is never ``Markup``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

__all__ = ["Markup", "e", "page", "table", "json_script", "bar_chart", "link", "SITE_NAME"]

SITE_NAME = "graphkit: partnerships in adult social care"
#: Pages may fetch nothing: no fetch/XHR, forms, frames, plug-ins or base URL.
_CSP = "connect-src 'none'; form-action 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'"


class Markup(str):
    """A string of HTML that is already safe."""


def e(value: object) -> Markup:
    """Escape `value` for HTML text or a quoted attribute, unless it is ``Markup``.

    >>> e("<b>&"), e(Markup("<b>"))
    ('&lt;b&gt;&amp;', '<b>')
    """
    if isinstance(value, Markup):
        return value
    return Markup(escape(str(value), quote=True))


def join(parts: Iterable[object], sep: str = "") -> Markup:
    """Escape each part and join them."""
    return Markup(sep.join(e(p) for p in parts))


def link(href: str, text: object, **attrs: str) -> Markup:
    """``<a href=...>text</a>`` with everything escaped."""
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{e(v)}"' for k, v in attrs.items())
    return Markup(f'<a href="{e(href)}"{extra}>{e(text)}</a>')


def json_script(element_id: str, data: Any) -> Markup:
    """Data for the page's scripts: JSON that cannot close its ``<script>`` element.

    >>> json_script("d", {"x": "</script>"})
    '<script type="application/json" id="d">{"x":"\\\\u003c/script\\\\u003e"}</script>'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for bad, safe in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(bad, safe)
    return Markup(f'<script type="application/json" id="{e(element_id)}">{text}</script>')


def page(title: str, body: Markup, root: str = "", scripts: Sequence[str] = (), current: str = "") -> str:
    """A whole page: the shell, navigation, `body` in ``<main>``, then the `scripts` (site files).

    `root` leads from the page to the site's top folder (``""`` or ``"../"``).
    """
    nav = [("index.html", "Home and search"), ("report.html", "Analysis report"), ("network.html", "Network overview")]
    items = "".join(
        f'<li>{link(root + href, text, aria_current="page") if href == current else link(root + href, text)}</li>'
        for href, text in nav
    )
    tags = "".join(f'<script src="{e(root + "assets/" + s)}"></script>\n' for s in scripts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)} \u2013 graphkit</title>\n"
        '<link rel="icon" href="data:,">\n'
        f'<link rel="stylesheet" href="{e(root)}assets/site.css">\n'
        "</head>\n<body>\n"
        '<a class="gk-skip" href="#main">Skip to content</a>\n'
        f'<header><p class="gk-site">{e(SITE_NAME)}</p><nav aria-label="Site"><ul>{items}</ul></nav></header>\n'
        f'<main id="main">\n<h1>{e(title)}</h1>\n{body}\n</main>\n'
        "<footer><p>Made by graphkit from CQC local authority assessment reports. "
        "Every relation links to the sentence that states it; relations from reference data are marked as context.</p></footer>\n"
        f"{tags}</body>\n</html>\n"
    )


def table(caption: object, headers: Sequence[object], rows: Iterable[Sequence[object]],
          numeric: Sequence[int] = (), cls: str = "") -> Markup:
    """A table with a caption and column headers; the first cell of each row is a row header."""
    num_cls = ' class="num"'
    head = "".join(f'<th scope="col"{num_cls if i in numeric else ""}>{e(h)}</th>' for i, h in enumerate(headers))
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            num = ' class="num"' if i in numeric else ""
            cells.append(f'<th scope="row"{num}>{e(cell)}</th>' if i == 0 else f"<td{num}>{e(cell)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    klass = f' class="{e(cls)}"' if cls else ""
    return Markup(
        f'<div class="gk-table-wrap"><table{klass}><caption>{e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def bar_chart(title: str, bars: Sequence[tuple[str, float]], colour: str = "#0b5394",
              fmt: str = "{:,}", width: int = 640) -> Markup:
    """A horizontal bar chart as inline SVG (its table is the text alternative)."""
    if not bars:
        return Markup("")
    label_w, row_h, value_w = 260, 22, 70
    top = max((v for _, v in bars), default=0) or 1
    span = width - label_w - value_w
    rows = []
    for i, (label, value) in enumerate(bars):
        y = i * row_h
        w = max(1.0, span * value / top) if value else 0.0
        shown = label if len(label) <= 38 else label[:37] + "\u2026"
        rows.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{e(shown)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{e(colour)}"><title>{e(label)}: {e(fmt.format(value))}</title></rect>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{e(fmt.format(value))}</text>'
        )
    height = row_h * len(bars) + 4
    return Markup(
        f'<svg class="gk-chart" role="img" aria-label="{e(title)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">{"".join(rows)}</svg>'
    )
