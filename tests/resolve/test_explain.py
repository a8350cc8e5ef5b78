"""explain() and merges_csv(): why forms were merged, and what a person should review."""

from __future__ import annotations

import csv
import io

import pytest

from graphkit.errors import GraphkitError
from graphkit.resolve import explain, merges_csv, resolve
from resolve_cases import build


@pytest.fixture(scope="module")
def exts(all_extractions):
    return all_extractions


@pytest.fixture(scope="module")
def res(exts):
    return resolve(exts)


@pytest.mark.parametrize("query", ["west-yorkshire-integrated-care-board", "West Yorkshire ICB",
                                   "NHS West Yorkshire Integrated Care Board", "QWO", "the ICB"])
def test_explain_finds_by_id_label_alias_or_code(res, exts, query):
    text = explain(res, exts, query)
    assert text.splitlines()[1] == "  id: west-yorkshire-integrated-care-board"


def test_explain_lists_forms_reasons_reports_sentences_identifiers(res, exts):
    text = explain(res, exts, "West Yorkshire ICB")
    assert "ods QWO" in text and "org-id GB-NHS-QWO" in text
    assert "'the ICB': alias of 'West Yorkshire ICB' in report leeds-2024" in text
    assert "kirklees-2024 (entity icb" in text and "leeds-2024 (entity wy-icb" in text
    assert "The local authority had section 75 agreements with the ICB." in text
    assert "leeds-city-council partOf west-yorkshire-integrated-care-board" in text


def test_explain_council_shows_gss_and_reference_fact(res, exts):
    text = explain(res, exts, "Kirklees")
    assert "gss E08000034" in text and "org-id GB-LAE-KIR" in text
    assert "statistical-geography/E08000034" in text


def test_explain_unknown_lists_close_matches(res, exts):
    with pytest.raises(GraphkitError, match="no entity 'Healthwatch Kirklee'; close matches: .*Healthwatch Kirklees"):
        explain(res, exts, "Healthwatch Kirklee")


def test_explain_ambiguous_label_asks_for_id(res, exts):
    with pytest.raises(GraphkitError, match="kirklees-council--neighbourhood-networks, leeds-city-council--neighbourhood-networks"):
        explain(res, exts, "Neighbourhood Networks")


def test_merges_csv_lists_merged_forms_with_reasons(res):
    rows = list(csv.DictReader(io.StringIO(merges_csv(res))))
    merged = {(r["id"], r["form"]): r["reason"] for r in rows if r["kind"] == "merged"}
    assert "national body list" in merged[("better-care-fund", "BCF funding")]
    assert "ODS RX3" in merged[("tees-esk-and-wear-valleys-nhs-foundation-trust", "Tees Esk and Wear Valleys NHS FT")]


def test_merges_csv_lists_unmerged_near_duplicates_with_scores():
    a = build("wirral-1", "Wirral Council", "The Wirral Carers Hub helped.", [("h", "Wirral Carers Hub", "Scheme", [])])
    b = build("wirral-2", "Wirral Council", "The Wirral Young Carers Hub helped.", [("h", "Wirral Young Carers Hub", "Scheme", [])])
    rows = list(csv.DictReader(io.StringIO(merges_csv(resolve([a, b])))))
    near = [r for r in rows if r["kind"] == "near-duplicate"]
    assert len(near) == 1 and 85 <= float(near[0]["score"]) < 100


def test_merges_csv_shows_fuzzy_merges_with_score():
    a = build("wirral-1", "Wirral Council", "The Wirral Carers Support Hub helped.", [("h", "Wirral Carers Support Hub", "Scheme", [])])
    b = build("wirral-2", "Wirral Council", "The Wirral Carer Support Hubs helped.", [("h", "Wirral Carer Support Hubs", "Scheme", [])])
    res = resolve([a, b])
    assert res.index[("wirral-1", "h")] == res.index[("wirral-2", "h")]
    rows = list(csv.DictReader(io.StringIO(merges_csv(res))))
    assert any(r["form"] == "Wirral Carer Support Hubs" and r["reason"].startswith("fuzzy match 96.0") for r in rows)


def test_merges_csv_leaves_out_by_design_splits(res):
    rows = list(csv.DictReader(io.StringIO(merges_csv(res))))
    near = {(r["id"], r["other_id"]) for r in rows if r["kind"] == "near-duplicate"}
    assert ("kirklees-council--health-and-wellbeing-board", "leeds-city-council--health-and-wellbeing-board") not in near
    assert not any("community-equipment" in a and "community-equipment" in b for a, b in near)


def test_explain_reference_only_node():
    ext = build("york-1", "City of York Council", "The council worked with partners.",
                [("york", "City of York Council", "LocalAuthority", ["the council"], True)])
    text = explain(resolve([ext]), [ext], "QOQ")  # the report never names its ICB
    assert "none: this node comes from reference data only" in text
    assert "city-of-york-council partOf humber-and-north-yorkshire-integrated-care-board" in text


def test_explain_marks_corrected_nodes(exts, tmp_path):
    path = tmp_path / "corrections.toml"
    path.write_text('[[rename]]\nentity = "Carers Leeds"\nname = "Carers Leeds (charity)"\nnote = "checked"\n', encoding="utf-8")
    text = explain(resolve(exts, path), exts, "Carers Leeds (charity)")
    assert "(corrected by a person)" in text and "(checked)" in text
