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


def test_rules_extra_dir_adds_gazetteer(tmp_path):
    (tmp_path / "gazetteer.jsonl").write_text(
        json.dumps({"id": "user.zebra", "label": "VoluntaryOrganisation", "name": "Zebra Crossing"}) + "\n", encoding="utf-8")
    text = "Zebra Crossing was mentioned by several people."
    plain = extract(report_from_text(text), load_rules())
    user = extract(report_from_text(text), load_rules([tmp_path]))
    assert "Zebra Crossing" not in {e.name for e in plain.entities if e.type == "VoluntaryOrganisation"}
    ent = [e for e in user.entities if e.name == "Zebra Crossing"]
    assert ent and ent[0].type == "VoluntaryOrganisation" and ent[0].mentions[0].rule == "user.zebra"


def test_rules_extra_dir_adds_frame(tmp_path):
    (tmp_path / "frames.jsonl").write_text(
        json.dumps({"id": "user.befriend", "predicate": "partnersWith", "verb": "befriend", "subject": "agent",
                    "object": "patient"}) + "\n", encoding="utf-8")
    x = extract(report_from_text("Kent County Council befriended Kent Police."), load_rules([tmp_path]))
    assert [r.rule for r in x.relations] == ["user.befriend"]


@pytest.mark.parametrize(
    ("name", "content", "line", "problem"),
    [
        ("gazetteer.jsonl", '{"id": "a", "label": "Fund", "name": "A Fund"}\n{not json\n', 2, "not a JSON object"),
        ("gazetteer.jsonl", '{"id": "a", "label": "Charity", "name": "A"}\n', 1, "unknown type"),
        ("frames.jsonl", '{"id": "t", "predicate": "likes", "verb": "like", "subject": "agent", "object": "patient"}\n', 1,
         "unknown predicate"),
        ("frames.jsonl", '{"id": "t", "predicate": "funds", "verb": "fund", "subject": "agent", "object": "sideways"}\n', 1,
         "unknown role"),
        ("lexicon.jsonl", '{"id": "c", "kind": "negation", "pattern": "(unclosed"}\n', 1, "bad regular expression"),
        ("type_heads.jsonl", '{"id": "h", "label": "Board"}\n', 1, "missing or empty string field 'head'"),
        ("abbreviations.tsv", "ABC\tA B C\n", 1, "expected 4 tab-separated fields"),
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
