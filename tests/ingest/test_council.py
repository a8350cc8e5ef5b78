"""The assessed council: from the title line in any official form, else from the text."""

from __future__ import annotations

import csv
import json

import pytest

from graphkit.ingest import read_report, report_from_text
from graphkit.resources import reference_dir

from .conftest import DEV_SYNTH, ROOT, SEEDS

ROWS = list(csv.DictReader(open(reference_dir() / "local_authorities.csv", encoding="utf-8")))
BODY = "Safeguarding\n\nScore: 3\n\nThe local authority worked with partners.\n"


def _gss_of(name: str) -> set[str]:
    """GSS codes whose official or listed names equal ``name`` (case-insensitive)."""
    low = name.lower()
    return {r["gss_code"] for r in ROWS
            if low in {r["official_council_name"].lower(), r["name"].lower(), *(a.lower() for a in r["alt_names"].split("|"))}}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_council_of_seeds_matches_gold(seed):
    gold = json.loads((ROOT / "tests" / "gold" / f"{seed.stem}.json").read_text(encoding="utf-8"))["council"]
    report = read_report(seed)
    gold_gss = _gss_of(gold) or _gss_of(gold.replace(" Council", ""))
    assert report.council_gss in gold_gss, (gold, report.council)


DEV_TEXTS = sorted((DEV_SYNTH / "texts").glob("*.txt")) if DEV_SYNTH.is_dir() else []


@pytest.mark.skipif(not DEV_TEXTS, reason=f"dev-synth texts not found at {DEV_SYNTH}")
@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.stem)
def test_council_of_dev_synth_matches_gold(path):
    gold = json.loads((DEV_SYNTH / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))["council"]
    assert read_report(path).council == gold


def _title_forms(row: dict) -> list[str]:
    name, kind = row["name"], row["la_type"]
    forms = [row["official_council_name"], f"{name} Council"]
    if kind == "County":
        forms.append(f"{name} County Council")
    if kind == "Metropolitan district":
        forms.append(f"{name} Metropolitan Borough Council")
    if kind == "London borough" and not row["official_council_name"].startswith("Royal"):
        forms.append(f"London Borough of {name}")
    return forms


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["gss_code"])
def test_council_from_title_in_official_forms(row):
    for form in _title_forms(row):
        report = report_from_text(f"{form}: local authority assessment\n\n{BODY}")
        assert report.council_gss == row["gss_code"], form
        assert report.council == " ".join(row["official_council_name"].split())


@pytest.mark.parametrize(("title", "gss"), [
    ("City of York Council: local authority assessment", "E06000014"),
    ("Bristol City Council: local authority assessment", "E06000023"),
    ("City of London Corporation: local authority assessment", "E09000001"),
    ("Royal Borough of Kingston upon Thames: local authority assessment", "E09000021"),
    ("Kingston upon Hull City Council: local authority assessment", "E06000010"),
    ("Durham County Council: local authority assessment", "E06000047"),
    ("City of Bradford Metropolitan District Council: local authority assessment", "E08000032"),
    ("Royal Borough of Windsor and Maidenhead: local authority assessment", "E06000040"),
    ("Local authority assessment: City of York Council", "E06000014"),
])
def test_council_from_title_ambiguous_places(title, gss):
    # the text mentions other councils more often; the title decides
    text = f"{title}\n\n{BODY}\nNorth Yorkshire, London Borough of Camden and Camden, County Durham, Bristol.\n"
    assert report_from_text(text).council_gss == gss


@pytest.mark.parametrize(("text", "gss"), [
    ("Partners in North Tyneside said the local authority listened. North Tyneside led.", "E08000022"),
    ("County Durham Care Partnership met. Durham County Council chaired it. Darlington Borough Council did not.", "E06000047"),
    ("North Yorkshire Council worked with City of York Council. North Yorkshire led the work.", "E06000065"),
    ("The NHS Greater Manchester Integrated Care Board and Greater Manchester partners met Salford. Salford led.", "E08000006"),
    ("NHS Birmingham and Solihull Integrated Care Board worked with Solihull. Solihull Council agreed.", "E08000029"),
    ("Kingston upon Hull worked well. Hull City Council led. East Riding of Yorkshire was a partner.", "E06000010"),
    ("Reading the plan, we found reading groups. Wokingham Borough Council led the work.", "E06000041"),
    ("Hackney worked with the City of London Corporation. Hackney led.", "E09000012"),
    ("Camden and Islington worked together.", "E09000007"),  # tie: first mention
])
def test_council_from_text(text, gss):
    assert report_from_text(f"Safeguarding\n\n{text}\n").council_gss == gss


def test_council_aliases_are_surface_forms():
    report = report_from_text("Safeguarding\n\nDurham County Council and partners in County Durham met. Durham led.\n")
    assert set(report.council_aliases) == {"Durham County Council", "County Durham", "Durham"}
    for alias in report.council_aliases:
        assert alias in report.text


def test_council_aliases_skip_names_inside_nhs_bodies():
    report = report_from_text("Safeguarding\n\nHartlepool Borough Council worked with North Tees and Hartlepool NHS "
                              "Foundation Trust.\n")
    assert report.council_aliases == ("Hartlepool Borough Council",)


def test_council_never_from_file_name(tmp_path):
    path = tmp_path / "hartlepool_borough_council.txt"
    path.write_text("Safeguarding\n\nScore: 2\n\nThe local authority worked with partners on adult social care.\n",
                    encoding="utf-8")
    report = read_report(path)
    assert report.council is None and report.council_gss is None


def test_no_council_in_text():
    assert report_from_text("Safeguarding\n\nThe local authority worked well.\n").council is None
