"""Relation frames: data lines read by one clause analysis (graphkit.extract.frames, clauses)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.errors import RuleError
from graphkit.extract import extract, load_rules
from graphkit.extract.frames import ROLES, parse_frame, verb_forms
from graphkit.ingest import report_from_text

HEAD = "Kent County Council: local authority assessment\n\nPartnerships and communities\n\n"
K = "Kent County Council"
ICB = "NHS Kent and Medway Integrated Care Board"

# The worked example of docs/extraction.md, "Adding a frame": one data line.
THROUGH = {"id": "commissions.through", "predicate": "commissions", "verb": "commission",
           "subject": "agent", "object": "patient", "by": ["through"]}


def _triples(text: str, rules=None) -> set[tuple[str, str, str, str]]:
    x = extract(report_from_text(HEAD + text), rules or load_rules())
    names = {e.key: e.name for e in x.entities}
    return {(names[r.subject], r.predicate, names[r.object], r.rule) for r in x.relations}


def _plain(found: set[tuple[str, str, str, str]]) -> set[tuple[str, str, str]]:
    return {t[:3] for t in found}


@pytest.fixture
def through_rules(tmp_path: Path):
    (tmp_path / "frames.jsonl").write_text(json.dumps(THROUGH) + "\n", encoding="utf-8")
    return load_rules([tmp_path])


@pytest.mark.parametrize("text", [
    f"The Kent Advocacy Hub was commissioned through {ICB}.",
    f"The Kent Advocacy Hub, which was commissioned through {ICB}, supported 400 people.",
])
def test_frames_worked_example_passive_needs_the_new_line(text, through_rules):
    want = (ICB, "commissions", "Kent Advocacy Hub")
    assert want not in _plain(_triples(text))
    found = _triples(text, through_rules)
    assert (*want, "commissions.through") in found


def test_frames_worked_example_active_voice_from_the_same_line(through_rules):
    found = _triples(f"{ICB} commissioned the Kent Advocacy Hub in 2023.", through_rules)
    assert (ICB, "commissions", "Kent Advocacy Hub") in _plain(found)


def test_frames_worked_example_does_not_apply_to_other_prepositions(through_rules):
    # "through" brings in the agent only in the passive; "from" stays what the built-in frames say
    found = _plain(_triples("The council commissioned the Kent Advocacy Hub from Age UK Kent.", through_rules))
    assert (K, "commissions", "Kent Advocacy Hub") in found
    assert ("Age UK Kent", "commissions", "Kent Advocacy Hub") not in found


@pytest.mark.parametrize(("line", "problem"), [
    ({**THROUGH, "noun": "contract"}, "exactly one trigger"),
    ({k: v for k, v in THROUGH.items() if k != "verb"} | {"noun": "contract"}, "only a 'verb' frame has a passive"),
    ({**THROUGH, "object": "beneficiary"}, "unknown role 'beneficiary'"),
    ({**THROUGH, "predicate": "likes"}, "unknown predicate"),
    ({**THROUGH, "subject": "patient", "object": "patient"}, "only a symmetric predicate"),
    ({**THROUGH, "by": ["thru"]}, "'by' must be a list of prepositions"),
    ({**THROUGH, "verb": "commission  through"}, "words separated by single spaces"),
    ({**THROUGH, "implicit": "council", "subject": "through"}, "does not read the agent"),
    ({**THROUGH, "voice": "middle"}, "'voice' is 'active' or 'passive'"),
    ({**THROUGH, "types": {"subject": ["Charity"]}}, "unknown type 'Charity'"),
    ({**THROUGH, "colour": "red"}, "unknown key 'colour'"),
])
def test_frames_bad_line_is_a_clear_error(tmp_path, line, problem):
    line = {k: v for k, v in line.items() if v is not None}
    (tmp_path / "frames.jsonl").write_text("# my frames\n" + json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path])
    assert err.value.line == 2 and problem in err.value.problem and err.value.path.endswith("frames.jsonl")


def test_frames_duplicate_id_is_an_error(tmp_path):
    (tmp_path / "frames.jsonl").write_text(json.dumps({**THROUGH, "id": "funds.fund"}) + "\n", encoding="utf-8")
    with pytest.raises(RuleError, match="used twice"):
        load_rules([tmp_path])


def test_frames_builtin_lines_are_valid_and_unique():
    rules = load_rules()
    ids = [f.id for f in rules.frames]
    assert len(ids) == len(set(ids)) and len(ids) > 100
    assert all(set(f.subject + f.object) <= ROLES for f in rules.frames)


@pytest.mark.parametrize(("text", "triple"), [
    # voice: one frame, both voices
    ("The council funded Age UK Kent.", (K, "funds", "Age UK Kent")),
    ("Age UK Kent was funded by the council.", (K, "funds", "Age UK Kent")),
    ("Kent Home Support, run by Age UK Kent, helped 300 people.", ("Age UK Kent", "delivers", "Kent Home Support")),
    # relative clauses: subject and object
    ("The Kent Carers Forum, which the council chaired, met monthly.", (K, "chairs", "Kent Carers Forum")),
    ("Age UK Kent, which ran Kent Home Support, was praised.", ("Age UK Kent", "delivers", "Kent Home Support")),
    # lists and "such as" enumerations
    ("The council worked with partners such as Kent Police and Age UK Kent.", (K, "partnersWith", "Age UK Kent")),
    ("The council funded Age UK Kent, Kent Carers Support and Healthwatch Kent.", (K, "funds", "Healthwatch Kent")),
    # prepositional attachment and comitative
    ("The council worked with Kent Police through the Kent Safeguarding Adults Board.",
     ("Kent Police", "memberOf", "Kent Safeguarding Adults Board")),
    ("Kent Home Support was delivered by Age UK Kent in partnership with Kent Carers Support.",
     ("Kent Carers Support", "delivers", "Kent Home Support")),
    # infinitive: the object of the clause before does it
    ("The council funded Age UK Kent to run Kent Home Support.", ("Age UK Kent", "delivers", "Kent Home Support")),
    ("Age UK Kent was commissioned by the council to run Kent Home Support.",
     ("Age UK Kent", "delivers", "Kent Home Support")),
    # nouns said of a body
    ("Age UK Kent had a strong partnership with the council.", ("Age UK Kent", "partnersWith", K)),
    ("Kent Police was a member of the Kent Safeguarding Adults Board.",
     ("Kent Police", "memberOf", "Kent Safeguarding Adults Board")),
    ("There was a partnership between Kent Police and Age UK Kent.", ("Kent Police", "partnersWith", "Age UK Kent")),
    # a person stands for their body
    ("The Kent Carers Forum was chaired by the chief executive of Age UK Kent.", ("Age UK Kent", "chairs", "Kent Carers Forum")),
    # reference across sentences
    ("The Kent Carers Forum met monthly. It was chaired by Age UK Kent.", ("Age UK Kent", "chairs", "Kent Carers Forum")),
    # a list introduced by a lead-in sentence ending in ":"
    ("The Kent Safeguarding Adults Board met quarterly. Its members included:\n\n- Kent Police\n- Age UK Kent\n",
     ("Age UK Kent", "memberOf", "Kent Safeguarding Adults Board")),
    # an adjunct phrase about what the clause before acted on
    ("Age UK Kent ran the Kent Carers Hub under a contract with the council.", (K, "commissions", "Kent Carers Hub")),
    # a prepositional relative names the board
    ("Kent Police and Age UK Kent sat on the Kent Safeguarding Adults Board, on which the council was represented.",
     (K, "memberOf", "Kent Safeguarding Adults Board")),
    # an in-house team belongs to the assessed council
    ("The Kent Enablement Service, an in-house team within adult social care, supported 900 people.",
     ("Kent Enablement Service", "partOf", K)),
    # a lowercase head between the name and "which"
    ("People used the Kent Home Support service, which the council funded.", (K, "funds", "Kent Home Support")),
    # "run by A with B": both run it
    ("The Kent Carers Hub was run by Age UK Kent with Kent Carers Support.", ("Kent Carers Support", "delivers", "Kent Carers Hub")),
    # "the two councils": two councils, from the sentence before
    ("Kent County Council worked with Medway Council. The two councils funded Kent Home Support.",
     ("Medway Council", "funds", "Kent Home Support")),
    # a relative clause on an unnamed head: the agent still acts with its comitative partner
    ("Age UK Kent ran the befriending service, which the council commissioned jointly with Kent Police.",
     (K, "partnersWith", "Kent Police")),
])
def test_frames_constructions(text, triple):
    assert triple in _plain(_triples(text))


@pytest.mark.parametrize("text", [
    "The council did not fund Age UK Kent.",
    "The council planned to fund Age UK Kent next year.",
    "The council would like to work with Kent Police.",
    "Age UK Kent had not yet been commissioned by the council.",
    "The council was responsible for commissioning and for safeguarding.",
    "The council's offer to Age UK Kent was discussed.",
])
def test_frames_negated_or_hedged_assert_nothing(text):
    assert not _triples(text)


@pytest.mark.parametrize("text", [
    "People were discharged from Maidstone Hospital by a team funded through the Better Care Fund.",
    "Age UK Kent ran a service at the Kent and Canterbury Hospital.",
])
def test_frames_hospital_sites_are_not_bodies(text):
    x = extract(report_from_text(HEAD + text))
    assert not [e for e in x.entities if e.name.endswith("Hospital")]


def test_frames_relation_keeps_frame_id():
    found = _triples("Age UK Kent was funded by the council.")
    assert {t[3] for t in found} == {"funds.fund"}


def test_frames_verb_forms():
    forms, participles = verb_forms("co-produce", {})
    assert {"co-produce", "co-produces", "co-produced", "co-producing"} == set(forms)
    assert participles == {"co-produced"}


_words = st.sampled_from(["fund", "run by", "with", "the council", "Age UK Kent", "which", ",", "and", "not",
                          "was", "through", "Kent Police", "to", "partnership", "between", "its", "it", "("])


@settings(max_examples=150, deadline=None)
@given(st.lists(_words, min_size=1, max_size=25))
def test_frames_any_word_soup_reads_without_error(words):
    x = extract(report_from_text(HEAD + " ".join(words) + "."))
    keys = {e.key for e in x.entities}
    assert all(r.subject in keys and r.object in keys and r.subject != r.object for r in x.relations)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "predicate", "verb", "noun", "phrase", "subject", "object", "by", "voice",
                                        "types", "implicit", "not_before"]),
                       st.one_of(st.text(max_size=12), st.lists(st.text(max_size=6), max_size=3), st.none())))
def test_frames_parse_any_line_gives_frame_or_rule_error(line):
    try:
        parse_frame(Path("frames.jsonl"), 1, line)
    except RuleError as err:
        assert err.line == 1 and err.problem
