"""The accessibility tests skip locally without axe-core and fail under CI (CI=true)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("ci", "outcome"), [("", "1 skipped"), ("true", "1 error")])
def test_site_axe_tests_without_axe(ci, outcome):
    env = {**os.environ, "GRAPHKIT_AXE": "/nonexistent/axe.min.js", "CI": ci, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         str(Path(__file__).with_name("test_site_browser.py")), "-k", "axe_violation and index"],
        env=env, capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert outcome in done.stdout, done.stdout[-2000:]
    assert (done.returncode == 0) == (ci != "true")
