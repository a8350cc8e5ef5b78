"""The gold entities of tests/gold/*.json, resolved together: one node per gold entity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphkit.ingest import read_report
from graphkit.model import Entity, Extraction
from graphkit.resolve import resolve

ROOT = Path(__file__).resolve().parents[2]
GOLD = sorted((ROOT / "tests" / "gold").glob("*.json"))


def _extraction(path: Path) -> tuple[Extraction, dict]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    report = read_report(ROOT / "seeds" / f"{gold['report']}.txt")
    ents = tuple(Entity(e["id"], e["name"], e["type"], tuple(e["aliases"]), (), is_council=e["name"] == gold["council"])
                 for e in gold["entities"])
    return Extraction(report, ents, ()), gold


@pytest.fixture(scope="module")
def gold_resolution():
    pairs = [_extraction(p) for p in GOLD]
    return resolve([e for e, _ in pairs]), [g for _, g in pairs]


def test_gold_each_entity_maps_to_exactly_one_node(gold_resolution):
    res, golds = gold_resolution
    for g in golds:
        for e in g["entities"]:
            ids = {n.id for n in res.entities if (g["report"], e["id"]) in n.members}
            assert len(ids) == 1, (g["report"], e["id"], ids)


def test_gold_no_two_entities_of_one_report_share_a_node(gold_resolution):
    res, golds = gold_resolution
    for g in golds:
        ids = [res.index[(g["report"], e["id"])] for e in g["entities"]]
        assert len(ids) == len(set(ids)), g["report"]


def test_gold_councils_carry_gss(gold_resolution):
    res, golds = gold_resolution
    for g in golds:
        for e in g["entities"]:
            if e["type"] == "LocalAuthority":
                node = next(n for n in res.entities if n.id == res.index[(g["report"], e["id"])])
                assert any(s == "gss" for s, _ in node.identifiers), e["name"]


def test_gold_fully_named_nhs_bodies_carry_ods(gold_resolution):
    res, golds = gold_resolution
    with_ods = {n.id for n in res.entities if any(s == "ods" for s, _ in n.identifiers)}
    for g in golds:
        for e in g["entities"]:
            trust = e["type"] == "NHSBody" and ("Trust" in e["name"] or ("Integrated Care Board" in e["name"] and "North" in e["name"]))
            if trust:
                assert res.index[(g["report"], e["id"])] in with_ods, e["name"]


def test_gold_shared_national_fund_links_reports(gold_resolution):
    res, golds = gold_resolution
    bcf = {res.index[(g["report"], e["id"])] for g in golds for e in g["entities"] if e["id"] == "better-care-fund"}
    assert bcf == {"better-care-fund"}


def test_gold_generic_local_bodies_stay_apart(gold_resolution):
    res, golds = gold_resolution
    for key in ("public-health", "health-and-wellbeing-board", "section-75-agreement"):
        ids = [res.index[(g["report"], key)] for g in golds if any(e["id"] == key for e in g["entities"])]
        assert len(ids) == len(set(ids)) >= 2, key


def test_gold_unnamed_icbs_of_councils_in_one_icb_are_that_icb(gold_resolution):
    res, golds = gold_resolution
    ids = {res.index[(g["report"], e["id"])] for g in golds for e in g["entities"]
           if e["type"] == "NHSBody" and ("ICB" in e.get("aliases", []) or e["name"].endswith("Integrated Care Board"))}
    assert len(ids) == 1, ids  # the three seed councils all lie in one ICB
