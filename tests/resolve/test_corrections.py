"""Each kind of correction changes the resolution, survives a rebuild and shows in explain()."""

from __future__ import annotations

import pytest

from graphkit.errors import CorrectionError
from graphkit.resolve import explain, find_corrections, resolve
from resolve_cases import CORNWALL_A, CORNWALL_B, KIRKLEES, LEEDS

EXTS = [LEEDS, KIRKLEES, CORNWALL_A, CORNWALL_B]


def build(tmp_path, toml: str):
    path = tmp_path / "corrections.toml"
    path.write_text(toml, encoding="utf-8")
    return resolve(EXTS, path), path


def by_id(res, id_):
    return next(e for e in res.entities if e.id == id_)


def test_corrections_merge(tmp_path):
    res, path = build(tmp_path, '[[merge]]\nentities = ["Carers Leeds", "Leeds Community Equipment Service"]\nnote = "test"\n')
    assert res.index[("leeds-2024", "carers-leeds")] == res.index[("leeds-2024", "equipment")]
    node = by_id(res, res.index[("leeds-2024", "carers-leeds")])
    assert node.corrected and any(r.startswith("correction: merged") for _, r in node.reasons)
    text = explain(res, EXTS, "Carers Leeds")
    assert "a person's decision" in text and "merged" in text
    assert resolve(EXTS, path) == res  # applied on every build, same result


def test_corrections_split_by_form(tmp_path):
    res, _ = build(tmp_path, '[[split]]\nentity = "better-care-fund"\nform = "BCF funding"\n')
    assert res.index[("leeds-2024", "bcf")] == "better-care-fund"
    split = by_id(res, res.index[("kirklees-2024", "bcf")])
    assert split.id == "bcf-funding" and split.corrected and not split.identifiers
    assert "split" in explain(res, EXTS, "bcf-funding")
    assert "split" in explain(res, EXTS, "better-care-fund")


def test_corrections_split_by_report_keeps_council_prefix(tmp_path):
    res, _ = build(tmp_path, '[[split]]\nentity = "cornwall-council--safeguarding-adults-board"\nreport = "cornwall-b"\nname = "Cornwall and Isles of Scilly SAB"\n')
    a, b = res.index[("cornwall-a", "sab")], res.index[("cornwall-b", "sab")]
    assert a != b and b == "cornwall-council--cornwall-and-isles-of-scilly-sab"
    assert by_id(res, b).name == "Cornwall and Isles of Scilly SAB"


def test_corrections_retype(tmp_path):
    res, _ = build(tmp_path, '[[retype]]\nentity = "leeds-city-council--neighbourhood-networks"\ntype = "VoluntaryOrganisation"\n')
    node = by_id(res, res.index[("leeds-2024", "networks")])
    assert node.type == "VoluntaryOrganisation" and node.corrected
    assert "retyped from Scheme to VoluntaryOrganisation" in explain(res, EXTS, node.id)


def test_corrections_rename_keeps_id(tmp_path):
    res, _ = build(tmp_path, '[[rename]]\nentity = "leeds-city-council--healthwatch"\nname = "Healthwatch Leeds"\n')
    node = by_id(res, "leeds-city-council--healthwatch")
    assert node.name == "Healthwatch Leeds" and node.corrected
    assert "renamed from 'Healthwatch' to 'Healthwatch Leeds'" in explain(res, EXTS, "Healthwatch Leeds")


def test_corrections_suppress_entity_and_its_relations(tmp_path):
    res, _ = build(tmp_path, '[[suppress]]\nentity = "Leeds Community Equipment Service"\nnote = "not a partner"\n')
    assert ("leeds-2024", "equipment") not in res.index
    assert res.suppressed_entities == frozenset({("leeds-2024", "equipment")})
    assert ("leeds-2024", 2) in res.suppressed_relations  # bcf funds equipment
    assert "Suppressed by a correction" in explain(res, EXTS, "Leeds Community Equipment Service")


def test_corrections_suppress_relation(tmp_path):
    res, _ = build(tmp_path, '[[suppress_relation]]\nsubject = "Kirklees Council"\npredicate = "partnersWith"\nobject = "Leeds City Council"\n')
    assert res.suppressed_relations == frozenset({("kirklees-2024", 3)})
    assert "suppressed relation kirklees-council partnersWith leeds-city-council" in explain(res, EXTS, "Kirklees Council")


def test_corrections_suppress_relation_symmetric_either_way(tmp_path):
    res, _ = build(tmp_path, '[[suppress_relation]]\nsubject = "leeds-city-council"\npredicate = "partnersWith"\nobject = "kirklees-council"\nreport = "kirklees-2024"\n')
    assert res.suppressed_relations == frozenset({("kirklees-2024", 3)})


@pytest.mark.parametrize("toml, warning", [
    ('[[merge]]\nentities = ["No Such Body", "Age UK"]\n', "matches nothing"),
    ('[[rename]]\nentity = "nobody"\nname = "X"\n', "matches nothing"),
    ('[[split]]\nentity = "age-uk"\nform = "Age Concern"\n', "matches nothing"),
    ('[[suppress_relation]]\nsubject = "age-uk"\npredicate = "funds"\nobject = "leeds-city-council"\n', "matches nothing"),
    ('[[merge]]\nentities = ["Age UK", "age-uk"]\n', "changes nothing"),
    ('[[retype]]\nentity = "Neighbourhood Networks"\ntype = "Board"\n', "ambiguous"),  # one per council
])
def test_corrections_stale_entries_become_warnings(tmp_path, toml, warning):
    res, _ = build(tmp_path, toml)
    assert any(warning in w for w in res.warnings)


@pytest.mark.parametrize("toml, problem", [
    ("[[merge]\n", "not valid TOML"),
    ('[[merge]]\nentities = "Age UK"\n', "entities must be"),
    ('[[retype]]\nentity = "Age UK"\ntype = "Charity"\n', "unknown type 'Charity'"),
    ('[[suppress_relation]]\nsubject = "a"\npredicate = "likes"\nobject = "b"\n', "unknown predicate 'likes'"),
    ('[[rename]]\nentity = "Age UK"\n', "missing name"),
    ('[[split]]\nentity = "Age UK"\n', "exactly one of form, report, member"),
    ('[[delete]]\nentity = "Age UK"\n', "unknown section 'delete'"),
    ('[[rename]]\nentity = "Age UK"\nname = "A"\ncolour = "red"\n', "unknown field colour"),
])
def test_corrections_malformed_file_names_file_and_problem(tmp_path, toml, problem):
    with pytest.raises(CorrectionError, match=problem) as info:
        build(tmp_path, toml)
    assert "corrections.toml" in str(info.value) and "\n" not in str(info.value)


def test_find_corrections_beside_inputs(tmp_path):
    (tmp_path / "reports").mkdir()
    report = tmp_path / "reports" / "a.txt"
    report.write_text("x", encoding="utf-8")
    assert find_corrections([report]) is None
    (tmp_path / "reports" / "corrections.toml").write_text("", encoding="utf-8")
    assert find_corrections([report]) == tmp_path / "reports" / "corrections.toml"
    assert find_corrections([tmp_path / "reports"]) == tmp_path / "reports" / "corrections.toml"
