"""How long a network page takes to settle in headless Chromium: ``time_page(path) -> seconds``.

Needs Playwright (the ``test`` extras) and a Chromium binary (Debian ``chromium``; never
``playwright install``). A measurement, not a test: ``graphkit bench`` reports it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

__all__ = ["time_page", "CHROMIUM"]

CHROMIUM = os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium")
_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]


def time_page(path: str | os.PathLike[str], *, executable: str = CHROMIUM, timeout: float = 120.0,
              width: int = 1400, height: int = 950, browser: Any = None) -> float:
    """Seconds from navigation start until the page's network is laid out and drawn.

    The page (``graphkit.view``) marks ``<body data-gk-drawn="true">`` at the first draw after
    vis-network settled: after stabilisation when the browser lays the network out, or at once
    when positions are given and physics is off. The time is the page's own
    ``performance.now()`` at that draw (navigation start is 0), so browser start-up is not
    counted; parsing the page and running its scripts are.

    Parameters
    ----------
    path : path-like
        A page written by ``graphkit.view.render_view`` (opened as a ``file://`` URL).
    executable : str
        The Chromium binary.
    timeout : float
        Seconds to wait for the page before giving up.
    browser : playwright.sync_api.Browser, optional
        A browser already running (Playwright allows one sync session per thread); else
        Chromium is started for this page and closed after.

    Returns
    -------
    float
        Seconds, to the millisecond.

    Raises
    ------
    FileNotFoundError
        When `path` or `executable` does not exist.
    RuntimeError
        When the page does not settle within `timeout` or raises a script error.
    """
    from playwright.sync_api import sync_playwright

    page_path = Path(path).resolve()
    if not page_path.is_file():
        raise FileNotFoundError(f"{page_path}: no such page")
    if browser is not None:
        return _time_in(browser, page_path, timeout, width, height)
    if not Path(executable).exists():
        raise FileNotFoundError(f"{executable}: no such browser (apt-get install chromium)")
    with sync_playwright() as p:
        started = p.chromium.launch(executable_path=executable, args=_ARGS)
        try:
            return _time_in(started, page_path, timeout, width, height)
        finally:
            started.close()


def _time_in(browser: Any, page_path: Path, timeout: float, width: int, height: int) -> float:
    """Open `page_path` in a new page of `browser`; seconds until its first settled draw."""
    from playwright.sync_api import Error as PlaywrightError

    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri(), wait_until="commit")
        try:
            page.wait_for_selector("body[data-gk-drawn=true]", state="attached", timeout=timeout * 1000)
        except PlaywrightError as exc:
            raise RuntimeError(f"{page_path}: not settled within {timeout:g} s; errors: {errors}") from exc
        if errors:
            raise RuntimeError(f"{page_path}: script errors: {errors}")
        drawn = page.evaluate("window.gkTimes.drawn")
    finally:
        page.close()
    return round(float(drawn) / 1000, 3)
