"""Entities: types from heads, prefixes, gazetteers, quotes, appositives; one entity per body."""

from __future__ import annotations

import pytest

from xhelpers import run, types


@pytest.mark.parametrize(
    ("text", "name", "type_"),
    [
        ("The council worked with Kent Community Health NHS Foundation Trust.", "Kent Community Health NHS Foundation Trust", "NHSBody"),
        ("The council worked with NHS Kent and Medway Integrated Care Board.", "NHS Kent and Medway Integrated Care Board", "NHSBody"),
        ("The Kent and Medway Safeguarding Adults Board met monthly.", "Kent and Medway Safeguarding Adults Board", "Board"),
        ("The Better Care Fund paid for the service.", "Better Care Fund", "Fund"),
        ("Kent Fire and Rescue Service carried out home visits.", "Kent Fire and Rescue Service", "PublicAgency"),
        ("The council shared data with Kent Police.", "Kent Police", "PublicAgency"),
        ("Healthwatch Kent gathered feedback from carers.", "Healthwatch Kent", "VoluntaryOrganisation"),
        ("The council funded Age UK to run lunch clubs.", "Age UK", "VoluntaryOrganisation"),
        ("The Kent Adult Social Care Strategy 2022-2027 set priorities.", "Kent Adult Social Care Strategy 2022-2027", "Strategy"),
        ("The council published its Market Position Statement in May.", "Market Position Statement", "Strategy"),
        ("A section 75 agreement covered mental health services.", "section 75 agreement", "Agreement"),
        ("People praised the 'Home Safe' scheme.", "Home Safe", "Scheme"),
        ("Swale Connect, a social prescribing service, was popular.", "Swale Connect", "Scheme"),
        ("Medway Carers Link, a local charity, ran drop-in sessions.", "Medway Carers Link", "VoluntaryOrganisation"),
        ("The council joined the Kent Dementia Action Alliance.", "Kent Dementia Action Alliance", "Board"),
        ("The council worked with Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust.",
         "Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust", "NHSBody"),
    ],
)
def test_entities_type_from_name(text, name, type_):
    assert types(run(text)).get(name) == type_


@pytest.mark.parametrize(
    "text",
    [
        "The council worked with East Kent Hospitals University NHS Foundation Trust (EKHUFT). EKHUFT shared its data.",
        "East Kent Hospitals University NHS Foundation Trust (EKHUFT) ran the ward. The council worked with EKHUFT.",
    ],
)
def test_entities_acronym_defined_then_reused(text):
    x = run(text)
    trusts = [e for e in x.entities if e.type == "NHSBody"]
    assert len(trusts) == 1
    assert trusts[0].name == "East Kent Hospitals University NHS Foundation Trust"
    assert "EKHUFT" in trusts[0].aliases


def test_entities_short_form_merges_into_full_name():
    x = run("The Kent Health and Wellbeing Board met in June. The Health and Wellbeing Board agreed the plan.")
    boards = [e for e in x.entities if e.type == "Board"]
    assert [b.name for b in boards] == ["Kent Health and Wellbeing Board"]


def test_entities_ampersand_variant_is_one_body():
    x = run("The Health & Wellbeing Executive met. The Health and Wellbeing Executive reviewed the plan.")
    assert len([e for e in x.entities if e.type == "Board"]) == 1


def test_entities_standard_abbreviation_expands():
    x = run("The ICB funded the service.")
    assert types(x).get("Integrated Care Board") == "NHSBody"


@pytest.mark.parametrize("alias", ["the local authority", "the council", "the LA"])
def test_entities_council_aliases_resolve_to_assessed_council(alias):
    x = run(f"Leaders said {alias} worked with Healthwatch Kent.")
    council = [e for e in x.entities if e.is_council]
    assert len(council) == 1 and council[0].name == "Kent County Council"
    assert any(m.text == alias for m in council[0].mentions)


@pytest.mark.parametrize(
    ("title", "text", "name"),
    [
        ("London Borough of Camden", "Camden Council worked with the ICB.", "Camden Council"),
        ("Royal Borough of Greenwich", "The Royal Borough of Greenwich worked with the ICB.", "Royal Borough of Greenwich"),
        ("City of York Council", "City of York Council worked with the ICB.", "City of York Council"),
        ("Wigan Metropolitan Borough Council", "Wigan Council worked with the ICB.", "Wigan Council"),
        ("North Tyneside Council", "North Tyneside worked with the ICB.", "North Tyneside Council"),
    ],
)
def test_entities_council_named_as_the_text_does(title, text, name):
    x = run(text, council=title)
    council = [e for e in x.entities if e.is_council]
    assert [c.name for c in council] == [name]


def test_entities_neighbouring_councils_by_place():
    x = run("Leicestershire County Council worked with Rutland and Leicester on hospital discharge.",
            council="Leicestershire County Council")
    names = {e.name for e in x.entities if e.type == "LocalAuthority" and not e.is_council}
    assert names == {"Rutland", "Leicester"}  # the fullest form the text gives


@pytest.mark.parametrize(
    "text",
    [
        "The Director of Public Health spoke to us.",
        "Staff used the Care Act to guide assessments.",
        "The council's Principal Social Worker led training.",
    ],
)
def test_entities_role_titles_and_laws_are_not_entities(text):
    assert {e.type for e in run(text).entities} <= {"LocalAuthority"}


def test_entities_mentions_point_at_text():
    x = run("Healthwatch Kent and the council worked with Kent Police (KP). KP said so.")
    for e in x.entities:
        for m in e.mentions:
            assert x.report.text[m.start:m.end] == m.text


def test_entities_council_without_title_is_the_most_named():
    from graphkit.extract import extract
    from graphkit.ingest import report_from_text

    x = extract(report_from_text("Partnerships\n\nFoo Vale Council worked with Age UK. The council chaired the Foo Vale Carers Board."))
    council = [e for e in x.entities if e.is_council]
    assert [c.name for c in council] == ["Foo Vale Council"]
    assert "The council" in council[0].aliases


def test_entities_council_named_by_the_title_when_the_text_uses_only_aliases():
    from graphkit.extract import extract
    from graphkit.ingest import report_from_text

    x = extract(report_from_text("Bury Council: local authority assessment\n\nPartnerships and communities\n\n"
                                 "The local authority worked with Bury Carers Centre."))
    assert [e.name for e in x.entities if e.is_council] == ["Bury Council"]


@pytest.mark.parametrize("role", ["The Director of Adult Social Services", "The Principal Social Worker"])
def test_entities_council_roles_stand_for_the_council(role):
    x = run(f"{role} sat on the Kent Dementia Action Alliance.")
    council = [e for e in x.entities if e.is_council][0]
    assert any(r.subject == council.key and r.predicate == "memberOf" for r in x.relations)
