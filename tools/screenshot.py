"""Take a PNG of a graphkit network view with headless Chromium (for the README).

Usage::

    python tools/screenshot.py out/network.html docs/network.png [--width 1400 --height 950]
        [--hide-isolated] [--council SLUG] [--search TEXT]

Works on the site's pages too (``out/index.html``: ``--search`` types into its search box;
``out/councils/<slug>.html``).

Loads the page from the file (no network), waits until the layout has settled
(``<body data-gk-ready="true">``) and writes the PNG.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]


def screenshot(html: str | Path, png: str | Path, width: int = 1400, height: int = 950,
               executable: str = CHROMIUM, hide_isolated: bool = False, council: str = "",
               search: str = "") -> Path:
    """Render `html` in Chromium and save a `width` x `height` PNG at `png`.

    `hide_isolated` hides entities without relations; `council` (a council's id) shows only
    what that council's reports name. The view is refitted after either. `search` types into
    the index page's search box.
    """
    from playwright.sync_api import sync_playwright

    html, png = Path(html).resolve(), Path(png)
    if not html.is_file():
        raise FileNotFoundError(f"{html}: no such page")
    png.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.goto(html.as_uri())
            page.wait_for_selector("body[data-gk-ready=true]", state="attached", timeout=120_000)
            if hide_isolated:
                page.uncheck("#gk-isolated")
            if council:
                page.select_option("#gk-council", council)
            if hide_isolated or council:
                page.evaluate("network.fit({animation: false})")
            if search:
                page.fill("#gk-q", search)
            page.wait_for_timeout(300)  # let the last frame paint
            page.screenshot(path=str(png), full_page=False)
        finally:
            browser.close()
    return png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", help="the network view, e.g. out/network.html")
    parser.add_argument("png", help="where to write the PNG")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=950)
    parser.add_argument("--chromium", default=CHROMIUM, help="Chromium executable")
    parser.add_argument("--hide-isolated", action="store_true", help="hide entities without relations")
    parser.add_argument("--council", default="", help="show only this council's part (its id)")
    parser.add_argument("--search", default="", help="type this into the index page's search box")
    args = parser.parse_args(argv)
    try:
        out = screenshot(args.html, args.png, args.width, args.height, args.chromium,
                         hide_isolated=args.hide_isolated, council=args.council, search=args.search)
    except Exception as exc:  # one line for the user
        print(f"screenshot: {exc}".splitlines()[0], file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
