"""--rules DIR extends the resolution data too, and rule files edited on disk take effect at once."""

from __future__ import annotations

import pytest

import graphkit
from graphkit.cache import rules_fingerprint
from graphkit.errors import RuleError
from graphkit.extract import load_rules
from graphkit.resolve.data import load_resolve_data

REPORT = """Hartlepool Borough Council: local authority assessment

Partnerships and communities

The local authority worked closely with Zebra Crossing Trust to improve transport for carers.
The Zebra Forum brought together carers and the local authority every month.
"""


@pytest.fixture()
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "hartlepool.txt").write_text(REPORT, encoding="utf-8")
    return folder


@pytest.fixture()
def rules(tmp_path):
    folder = tmp_path / "rules"
    (folder / "resolve").mkdir(parents=True)
    return folder


def _node_of(result, name: str):
    return next(e for e in result.resolution.entities if name == e.name or name in e.aliases)


def test_rules_dir_adds_national_bodies_and_resolve_files(reports, rules):
    plain = graphkit.build([reports], jobs=1, cache=False)
    assert _node_of(plain, "Zebra Crossing Trust").id == "zebra-crossing-trust"
    (rules / "bodies.tsv").write_text(
        "zebra-national\tZebra Crossing Trust\tVoluntaryOrganisation\tnational\t\tZCT\n", encoding="utf-8")
    (rules / "resolve" / "local_bodies.tsv").write_text("zebra-forum\tZebra Forum\tBoard\tzebra forum\n", encoding="utf-8")
    user = graphkit.build([reports], jobs=1, cache=False, rules_dirs=[rules])
    zebra = _node_of(user, "Zebra Crossing Trust")
    assert zebra.id == "zebra-national" and zebra.type == "VoluntaryOrganisation"
    council = _node_of(user, "Hartlepool Borough Council").id
    assert any(e.id == f"{council}--zebra-forum" for e in user.resolution.entities)


def test_rules_dir_resolve_file_malformed_names_file_and_line(reports, rules):
    (rules / "resolve" / "local_bodies.tsv").write_text("# ok\nzebra\tZebra\n", encoding="utf-8")
    with pytest.raises(RuleError) as err:
        graphkit.build([reports], jobs=1, cache=False, rules_dirs=[rules])
    assert err.value.line == 2 and err.value.path.endswith("local_bodies.tsv")


def test_rules_edit_on_disk_takes_effect_in_the_same_process(rules):
    path = rules / "bodies.tsv"
    path.write_text("zebra-a\tZebra A\tFund\tnational\n", encoding="utf-8")
    first = load_rules([rules])
    assert "Zebra A" in {k.name for k in first.known}
    assert load_rules([rules]) is first  # unchanged files: the same (cached) rules
    path.write_text("zebra-a\tZebra A\tFund\tnational\nzebra-b\tZebra B\tBoard\tnational\n", encoding="utf-8")
    second = load_rules([rules])
    assert {"Zebra A", "Zebra B"} <= {k.name for k in second.known}
    assert "zebra-b" in {b.slug for b in load_resolve_data([rules]).national_bodies}
    path.write_text("zebra-a\tZebra A\tPlan\tnational\n", encoding="utf-8")  # same size, same instant
    with pytest.raises(RuleError, match="unknown type"):
        load_rules([rules])


def test_rules_edit_of_a_resolve_file_reaches_the_next_build(reports, rules):
    path = rules / "resolve" / "local_bodies.tsv"
    path.write_text("zebra-forum\tZebra Forum\tBoard\tzebra forum\n", encoding="utf-8")
    first = graphkit.build([reports], jobs=1, cache=False, rules_dirs=[rules])
    assert any(e.id.endswith("--zebra-forum") for e in first.resolution.entities)
    path.write_text("zebra-group\tZebra Group\tBoard\tzebra forum\n", encoding="utf-8")
    second = graphkit.build([reports], jobs=1, cache=False, rules_dirs=[rules])
    assert any(e.id.endswith("--zebra-group") for e in second.resolution.entities)
    assert not any(e.id.endswith("--zebra-forum") for e in second.resolution.entities)


def test_rules_fingerprint_covers_resolve_files_and_bodies(rules):
    before = rules_fingerprint([rules])
    (rules / "resolve" / "variants.tsv").write_text(" zebra \t zebras \n", encoding="utf-8")
    after_variants = rules_fingerprint([rules])
    (rules / "bodies.tsv").write_text("zebra-a\tZebra A\tFund\tnational\n", encoding="utf-8")
    assert len({before, after_variants, rules_fingerprint([rules])}) == 3
