"""Shared fixtures: the seeds, a built output folder, tool detection."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"
UNDER_CI = os.environ.get("CI") == "true"
# builds in tests (and the commands they start) use a cache of their own, never the user's
os.environ["GRAPHKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="graphkit-test-cache-")


def require_tool(name: str) -> str:
    """Path of a system tool; skip locally when it is missing, fail under CI."""
    found = shutil.which(name)
    if found is None:
        message = f"system tool {name!r} is not installed (run `make system-deps`)"
        if UNDER_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


CHROMIUM = os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium():
    """Headless Debian Chromium driven by Playwright, with no network use of its own (one per session)."""
    def missing(reason: str) -> None:
        if UNDER_CI:
            pytest.fail(f"{reason} (CI=true: every test must run)")
        pytest.skip(reason)

    if not (os.path.exists(CHROMIUM) and shutil.which(CHROMIUM)):
        missing(f"{CHROMIUM} not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def built_out(tmp_path_factory) -> Path:
    """`graphkit build seeds --out DIR --jobs 1`, run once per session."""
    from graphkit.cli import cli

    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(out), "--jobs", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def _records():
    """tests/rdf/records.py (hand-built Extraction and Resolution), importable as graphkit_test_records."""
    import importlib.util
    import sys

    name = "graphkit_test_records"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).parent / "rdf" / "records.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


records = _records()


@pytest.fixture
def extraction():
    return records.make_extraction()


@pytest.fixture
def resolution(extraction):
    return records.make_resolution([extraction])


@pytest.fixture
def dataset(extraction, resolution):
    from graphkit.rdf import to_dataset

    return to_dataset([extraction], resolution)
