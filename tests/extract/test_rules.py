"""Rule loading: built-in data, user folders (--rules DIR), malformed files, pickling."""

from __future__ import annotations

import json
import pickle

import pytest

from graphkit.errors import RuleError
from graphkit.extract import extract, load_rules
from graphkit.ingest import report_from_text


def test_rules_builtin_load_and_pickle():
    rules = load_rules()
    assert rules.triggers and rules.heads and rules.known
    again = pickle.loads(pickle.dumps(rules))
    assert [t.id for t in again.triggers] == [t.id for t in rules.triggers]


def test_rules_ids_unique():
    rules = load_rules()
    ids = [x.id for group in (rules.heads, rules.lower_heads, rules.appositives, rules.prefixes, rules.known,
                              rules.abbreviations, rules.cues, rules.triggers) for x in group]
    assert len(ids) == len(set(ids))


def test_rules_extra_dir_adds_bodies(tmp_path):
    (tmp_path / "bodies.tsv").write_text(
        "zebra-crossing\tZebra Crossing\tVoluntaryOrganisation\tnational\t\tZC\n", encoding="utf-8")
    text = "Zebra Crossing was mentioned by several people."
    plain = extract(report_from_text(text), load_rules())
    user = extract(report_from_text(text), load_rules([tmp_path]))
    assert "Zebra Crossing" not in {e.name for e in plain.entities if e.type == "VoluntaryOrganisation"}
    ent = [e for e in user.entities if e.name == "Zebra Crossing"]
    assert ent and ent[0].type == "VoluntaryOrganisation" and ent[0].mentions[0].rule == "ent.known.zebra-crossing"
    assert any(k.aliases == ("ZC",) and k.name == "Zebra Crossing" for k in load_rules([tmp_path]).abbreviations)


@pytest.mark.parametrize("old", ["gazetteer.jsonl", "abbreviations.tsv"])
def test_rules_old_name_files_are_refused(tmp_path, old):
    (tmp_path / old).write_text("", encoding="utf-8")
    with pytest.raises(RuleError, match="bodies.tsv"):
        load_rules([tmp_path])


def test_rules_extra_dir_adds_frame(tmp_path):
    (tmp_path / "frames.jsonl").write_text(
        json.dumps({"id": "user.befriend", "predicate": "partnersWith", "verb": "befriend", "subject": "agent",
                    "object": "patient"}) + "\n", encoding="utf-8")
    x = extract(report_from_text("Kent County Council befriended Kent Police."), load_rules([tmp_path]))
    assert [r.rule for r in x.relations] == ["user.befriend"]


@pytest.mark.parametrize(
    ("name", "content", "line", "problem"),
    [
        ("lexicon.jsonl", '{"id": "c", "kind": "hedge", "pattern": "may"}\n{not json\n', 2, "not a JSON object"),
        ("bodies.tsv", "# a comment\na\tA\tCharity\tnational\n", 2, "unknown type"),
        ("bodies.tsv", "a\tA\tFund\teverywhere\n", 1, "unknown scope"),
        ("bodies.tsv", "a\tA\tFund\n", 1, "expected tab-separated columns"),
        ("frames.jsonl", '{"id": "t", "predicate": "likes", "verb": "like", "subject": "agent", "object": "patient"}\n', 1,
         "unknown predicate"),
        ("frames.jsonl", '{"id": "t", "predicate": "funds", "verb": "fund", "subject": "agent", "object": "sideways"}\n', 1,
         "unknown role"),
        ("lexicon.jsonl", '{"id": "c", "kind": "negation", "pattern": "(unclosed"}\n', 1, "bad regular expression"),
        ("type_heads.jsonl", '{"id": "h", "label": "Board"}\n', 1, "missing or empty string field 'head'"),
    ],
)
def test_rules_malformed_file_names_file_and_line(tmp_path, name, content, line, problem):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path])
    assert err.value.line == line and problem in err.value.problem and name in err.value.path


def test_rules_missing_folder(tmp_path):
    with pytest.raises(RuleError, match="not found"):
        load_rules([tmp_path / "nope"])


def test_rules_deterministic_output():
    text = "The council worked with Kent Police and Healthwatch Kent. The Better Care Fund funded Kent Home Support."
    a = extract(report_from_text(text), load_rules())
    b = extract(report_from_text(text), load_rules())
    assert a == b
