"""The browser tests skip locally without Chromium and fail under CI (CI=true)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("ci", "outcome"), [("", "1 skipped"), ("true", "1 error")])
def test_browser_tests_without_chromium(ci, outcome):
    if os.environ.get("GRAPHKIT_CHROMIUM"):
        pytest.skip("already running with a substitute Chromium path")
    env = {**os.environ, "GRAPHKIT_CHROMIUM": "/nonexistent/chromium", "CI": ci, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         str(Path(__file__).with_name("test_browser.py")), "-k", "filters"],
        env=env, capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert outcome in done.stdout, done.stdout[-2000:]
    assert (done.returncode == 0) == (ci != "true")
