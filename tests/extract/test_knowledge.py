"""Entities checked against knowledge: reference names kept whole, places, role titles,
coordinations, and types from descriptions (parentheticals, copulas, "called"/"known as")."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xhelpers import run, triples, types

ROLE_WORDS = re.compile(r"\b(?:Director|Principal|Cabinet|Member|Chief|Executive Director|Chair|Head|Portfolio|Councillor)\b")


# --- names of the reference data stay whole --------------------------------------------------

@pytest.mark.parametrize(
    ("council", "text", "name", "not_names"),
    [
        ("Wigan Council", "The council worked with Wrightington, Wigan and Leigh NHS Foundation Trust to reduce delays.",
         "Wrightington, Wigan and Leigh NHS Foundation Trust", {"Wrightington", "Wigan", "Leigh"}),
        ("Havering Council", "Barking, Havering and Redbridge University Hospitals NHS Trust and the council ran a discharge ward.",
         "Barking, Havering and Redbridge University Hospitals NHS Trust", {"Barking", "Havering", "Redbridge"}),
        ("Norfolk County Council", "Discharge planning with The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust improved.",
         "Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust", {"King's Lynn", "Queen Elizabeth Hospital"}),
        ("Luton Borough Council", "NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board funded the hospital at home team.",
         "NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board", {"Luton", "Milton Keynes", "Bedfordshire"}),
        ("Leeds City Council", "Leeds and York Partnership NHS Foundation Trust and the council ran a crisis house together.",
         "Leeds and York Partnership NHS Foundation Trust", {"Leeds", "York"}),
        ("Reading Borough Council", "The council sat with NHS Buckinghamshire, Oxfordshire and Berkshire West Integrated Care Board on the board.",
         "NHS Buckinghamshire, Oxfordshire and Berkshire West Integrated Care Board", {"Buckinghamshire", "Oxfordshire", "Berkshire West"}),
    ],
)
def test_knowledge_reference_names_stay_whole(council, text, name, not_names):
    found = types(run(text, council))
    assert found.get(name) == "NHSBody"
    assert not set(found) & not_names


# --- bare places are places ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("council", "text"),
    [
        ("Reading Borough Council", "The council worked closely with partners across Berkshire West place."),
        ("Wirral Council", "Carers living on the Wirral peninsula could use the new service."),
        ("North Yorkshire Council", "Leaders worked with partners in North Yorkshire to deliver reablement."),
        ("North Yorkshire Council", "The council worked with Harrogate and Selby on rural transport."),
        ("Oxfordshire County Council", "The council commissioned extra care housing across the Thames Valley."),
        ("Sandwell Council", "Partners throughout the Black Country shared one workforce plan."),
        ("Nottinghamshire County Council", "The council shared data with providers in the East Midlands region."),
        ("Cumberland Council", "Home care was hard to find in the Eden district and around Penrith."),
        ("Somerset Council", "The council worked with the Foxmoor area partnership of villages."),
    ],
)
def test_knowledge_bare_places_are_not_bodies(council, text):
    x = run(text, council)
    others = [e for e in x.entities if not e.is_council and e.type in ("LocalAuthority", "Scheme", "VoluntaryOrganisation")]
    assert others == []


@pytest.mark.parametrize(
    ("council", "text"),
    [
        ("North Yorkshire Council", "Leaders worked with partners in North Yorkshire to deliver reablement."),
        ("Leeds City Council", "Forum Central, the umbrella body for the third sector in Leeds, told us the council listened."),
        ("Kent County Council", "Providers across Kent and Medway said the council paid fairly."),
    ],
)
def test_knowledge_area_is_no_alias_of_the_council(council, text):
    x = run(text, council)
    council_entity = next(e for e in x.entities if e.is_council)
    place = council.replace(" County Council", "").replace(" City Council", "").replace(" Council", "")
    assert place not in council_entity.aliases
    assert all(r.subject != council_entity.key or r.predicate != "delivers" for r in x.relations)


@pytest.mark.parametrize(
    ("council", "text", "other"),
    [
        ("Kent County Council", "Kent worked with Medway on hospital discharge.", "Medway"),
        ("Plymouth City Council", "The council worked with Cornwall on a shared market position.", "Cornwall"),
        ("Dorset Council", "The council and Bournemouth, Christchurch and Poole Council ran a joint panel.",
         "Bournemouth, Christchurch and Poole Council"),
    ],
)
def test_knowledge_a_council_place_in_an_organisational_role_stays_a_council(council, text, other):
    assert types(run(text, council)).get(other) == "LocalAuthority"


@pytest.mark.parametrize(
    ("council", "text", "other"),
    [
        ("Leicestershire County Council", "The council worked with the council of Rutland on transport.", "Rutland County Council"),
        ("Cheshire East Council", "Leaders met the council of Cheshire West and Chester every month.", "Cheshire West and Chester Council"),
    ],
)
def test_knowledge_the_council_of_a_place_is_that_council(council, text, other):
    x = run(text, council)
    assert types(x).get(other) == "LocalAuthority"
    assesed = next(e for e in x.entities if e.is_council)
    assert not any(" of " in a for a in assesed.aliases)


@pytest.mark.parametrize(
    ("council", "text"),
    [
        ("Leicestershire County Council", "Harrogate worked with the council on transport."),
        ("Leicestershire County Council", "The East Midlands worked with the council on transport."),
        ("Oxfordshire County Council", "The Thames Valley worked closely with the council."),
    ],
)
def test_knowledge_a_place_that_is_no_council_is_no_subject(council, text):
    x = run(text, council)
    assert [e.name for e in x.entities if not e.is_council] == []


# --- role titles ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("council", "text", "board"),
    [
        ("Dorset Council", "The Director of Adult Social Services chaired the Dorset Safeguarding Adults Board.",
         "Dorset Safeguarding Adults Board"),
        ("Wiltshire Council", "The Principal Social Worker sat on the Wiltshire Practice Forum.", "Wiltshire Practice Forum"),
        ("Rutland County Council", "The Cabinet Member for Adult Social Care attended the Rutland Health and Wellbeing Board.",
         "Rutland Health and Wellbeing Board"),
        ("Halton Borough Council", "The Lead Member for Health and Wellbeing chaired the Halton Health and Wellbeing Board.",
         "Halton Health and Wellbeing Board"),
        ("Sutton Council", "The council's Executive Director of People sat on the Sutton Safeguarding Adults Board.",
         "Sutton Safeguarding Adults Board"),
        ("Halton Borough Council", "The Lead Member sat on the Halton Health and Wellbeing Board.", "Halton Health and Wellbeing Board"),
        ("Halton Borough Council", "The Cabinet Member for Adults and Health chaired the Halton Carers Partnership Board.",
         "Halton Carers Partnership Board"),
    ],
)
def test_knowledge_role_titles_are_no_entity_nor_alias(council, text, board):
    x = run(text, council)
    assert types(x).get(board) == "Board"
    for e in x.entities:
        assert not ROLE_WORDS.search(e.name)
        assert not any(ROLE_WORDS.search(a) for a in e.aliases), e.aliases
    # the role still stands for its council in the relation
    assert any(s == council and o == board for s, _, o in triples(x))


@pytest.mark.parametrize(
    ("council", "text", "name", "type_"),
    [
        ("Dorset Council", "The Chief Executive of Healthwatch Dorset sat on the board.", "Healthwatch Dorset", "VoluntaryOrganisation"),
        ("Somerset Council", "The Chair of the Somerset Safeguarding Adults Board met the council.", "Somerset Safeguarding Adults Board", "Board"),
        ("Dorset Council", "The Chief Executive of Dorset HealthCare University NHS Foundation Trust co-chaired the group.",
         "Dorset HealthCare University NHS Foundation Trust", "NHSBody"),
        ("Bolton Council", "We spoke to the Chief Executive of Bolton CVS about grants.", "Bolton CVS", "VoluntaryOrganisation"),
        ("Leicestershire County Council", "The Chief Executive of Rutland County Council sat on the board.", "Rutland County Council",
         "LocalAuthority"),
    ],
)
def test_knowledge_role_of_a_body_keeps_the_body(council, text, name, type_):
    x = run(text, council)
    assert types(x).get(name) == type_
    assert not any(ROLE_WORDS.search(e.name) for e in x.entities)


@pytest.mark.parametrize(
    "text",
    [
        "The Director of Public Health spoke to us about smoking.",
        "The council's Corporate Director of Adult and Health Services led the change.",
        "The Head of Commissioning described the market.",
        "The Director of Adult Social Care told us about waiting lists.",
    ],
)
def test_knowledge_role_of_a_department_names_nothing(text):
    x = run(text, "Walsall Council")
    assert [e.name for e in x.entities if not e.is_council] == []


# --- coordinations --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "The council worked with the Voluntary, Community and Social Enterprise (VCSE) sector.",
        "The council funded the Voluntary, Community and Social Enterprise sector to deliver support.",
        "Voluntary, community and social enterprise sector partners told us they felt valued.",
        "The council worked with health, care and housing partners.",
        "The council met Voluntary, Community, Faith and Social Enterprise (VCFSE) organisations every month.",
        "The council commissioned Community and Voluntary Sector groups to run lunch clubs.",
        "Leaders worked with the Voluntary, Community and Faith Sector on cost of living support.",
        "The council funded VCSE (Voluntary, Community and Social Enterprise) organisations to run hubs.",
        "The council worked with Voluntary, Community and Social Enterprise.",
        "Voluntary, Community and Social Enterprise partners worked with the council.",
    ],
)
def test_knowledge_coordination_fragments_are_no_bodies(text):
    x = run(text, "Stockport Council")
    assert [e.name for e in x.entities if not e.is_council] == []
    assert x.relations == ()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The council worked with the Voluntary, Community, Faith and Social Enterprise Assembly.",
         "Voluntary, Community, Faith and Social Enterprise Assembly"),
        ("The council funded Voluntary and Community Action Wiltshire to run hubs.", "Voluntary and Community Action Wiltshire"),
    ],
)
def test_knowledge_a_body_named_after_the_sector_stays(text, name):
    assert name in types(run(text, "Stockport Council"))


def test_knowledge_coordination_keeps_named_members():
    x = run("The council worked with Age UK Bolton, Bolton CVS and other voluntary sector partners.", "Bolton Council")
    assert types(x).get("Age UK Bolton") == "VoluntaryOrganisation"
    assert "Voluntary" not in types(x)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The council funded Voluntary Action Kent and Community Action Kent to support groups.",
         {"Voluntary Action Kent", "Community Action Kent"}),
        ("The council worked with Disability Action Dorset and Carers Action Dorset.", {"Disability Action Dorset", "Carers Action Dorset"}),
        ("The council worked with Hexham CVS and Hexham Carers Centre on respite.", {"Hexham CVS", "Hexham Carers Centre"}),
        ("Age UK Lancaster and Lancaster Deaf Society ran the drop-in.", {"Age UK Lancaster", "Lancaster Deaf Society"}),
        ("The council funded Healthwatch Redcar and Cleveland and Redcar and Cleveland Advocacy Network.",
         {"Healthwatch Redcar and Cleveland", "Redcar and Cleveland Advocacy Network"}),
    ],
)
def test_knowledge_coordinated_names_are_two_bodies(text, names):
    assert names <= set(types(run(text, "Dorset Council")))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The council funded the Reablement and Home First services.", {"Reablement", "Home First"}),
        ("The council ran the Bridging Care, Rapid Response and Night Sitting services.",
         {"Bridging Care", "Rapid Response", "Night Sitting"}),
        ("Staff from the Lifeline and Safe Haven teams visited people at home.", {"Lifeline", "Safe Haven"}),
    ],
)
def test_knowledge_names_before_a_plural_head_are_several(text, names):
    found = types(run(text, "Wakefield Council"))
    assert {n: found.get(n) for n in names} == {n: "Scheme" for n in names}


@pytest.mark.parametrize(
    "text",
    [
        "The council ran the Kent and Medway services.",
        "The council commissioned the Wakefield service for carers.",
        "People valued the Leeds and Wakefield teams.",
    ],
)
def test_knowledge_places_before_a_lowercase_head_name_nothing(text):
    x = run(text, "Wakefield Council")
    assert [e.name for e in x.entities if not e.is_council] == []


# --- types from descriptions ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("council", "text", "name", "type_"),
    [
        ("Camden Council", "Contact Camden was the council's contact centre.", "Contact Camden", "Scheme"),
        ("Staffordshire County Council", "Staffordshire Cares, the local authority's information and advice hub, answered calls.",
         "Staffordshire Cares", "Scheme"),
        ("Calderdale Council", "Ageing Well Together (a local charity) ran lunch clubs.", "Ageing Well Together", "VoluntaryOrganisation"),
        ("Calderdale Council", "The council commissioned a service called Home First.", "Home First", "Scheme"),
        ("Calderdale Council", "The council commissioned the provider, known as Caring Hands, to deliver home care.",
         "Caring Hands", "VoluntaryOrganisation"),
        ("Dorset Council", "Bridging Steps is a peer support project for carers.", "Bridging Steps", "Scheme"),
        ("Somerset Council", "Open Door Somerset (a user-led organisation) ran the carers forum.", "Open Door Somerset",
         "VoluntaryOrganisation"),
        ("Dorset Council", "Residents used an online directory known as Dorset Connect.", "Dorset Connect", "Scheme"),
        ("Thurrock Council", "Brightwater Living acted as the lead provider for reablement.", "Brightwater Living",
         "VoluntaryOrganisation"),
        ("Thurrock Council", "Moving Forward Together was one of the council's prevention programmes.",
         "Moving Forward Together", "Scheme"),
        ("Thurrock Council", "People were referred to a local charity called Second Chance Kitchens.", "Second Chance Kitchens",
         "VoluntaryOrganisation"),
        ("Thurrock Council", "The council set up a discharge pathway, also known as Safe Steps Home.", "Safe Steps Home", "Scheme"),
        ("Thurrock Council", "Shared Lives Plus, which is a national charity, trained the carers.", "Shared Lives Plus",
         "VoluntaryOrganisation"),
        ("Thurrock Council", "Carers were supported by Shared Lives Plus (a national charity).", "Shared Lives Plus",
         "VoluntaryOrganisation"),
        ("Thurrock Council", "Thurrock Enablement at Home (the council's in-house reablement service) took most referrals.",
         "Thurrock Enablement at Home", "Scheme"),
        ("Thurrock Council", "Involve Thurrock was the main provider of carers support.", "Involve Thurrock", "VoluntaryOrganisation"),
    ],
)
def test_knowledge_type_from_description(council, text, name, type_):
    assert types(run(text, council)).get(name) == type_


# --- property: the new constructions never break extraction -----------------------------------

FRAGMENTS = [
    "Wrightington, Wigan and Leigh NHS Foundation Trust", "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust",
    "Voluntary, Community and Social Enterprise (VCSE) sector", "health, care and housing partners", "across Berkshire West place",
    "the Wirral peninsula", "in North Yorkshire", "The Director of Adult Social Services", "the Chief Executive of",
    "Healthwatch Dorset", "(a local charity)", "was the council's contact centre", "a service called", "known as",
    "Contact Camden", ",", " and ", "(", ")", "'s", "The council", "worked with", "chaired", ".",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=14))
def test_knowledge_constructions_keep_offsets_and_roles_out(parts):
    x = run(" ".join(parts), "Dorset Council")
    text = x.report.text
    for e in x.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
        assert not any(a.startswith(("Director of Adult", "The Director of Adult")) for a in e.aliases)


# --- descriptions are data ----------------------------------------------------------------------

def test_knowledge_user_rules_add_a_description_and_a_head(tmp_path):
    import json

    from graphkit.extract import extract, load_rules
    from graphkit.ingest import report_from_text

    (tmp_path / "lexicon.jsonl").write_text(json.dumps(
        {"id": "user.desc.set_up_as", "kind": "describe_after",
         "pattern": r",\s+(?:set\s+up|registered|founded)\s+as\s+an?\s+(?P<desc>[^,.;()]{1,60})"}) + "\n", encoding="utf-8")
    (tmp_path / "appositives.jsonl").write_text(json.dumps(
        {"id": "user.appos.cafe", "label": "Scheme", "head": "cafe"}) + "\n", encoding="utf-8")
    rules = load_rules([tmp_path])
    x = extract(report_from_text("Kindred Spirits Hull, set up as a charity in 2019, ran the lunch club."), rules)
    assert types(x).get("Kindred Spirits Hull") == "VoluntaryOrganisation"
    assert any(m.rule == "ent.appos.charity+set_up_as" for e in x.entities for m in e.mentions)
    y = extract(report_from_text("Carers met at Memory Lane Hull (a dementia cafe) every week."), rules)
    assert types(y).get("Memory Lane Hull") == "Scheme"


def test_knowledge_description_cue_needs_a_desc_group(tmp_path):
    from graphkit.errors import RuleError
    from graphkit.extract import load_rules

    (tmp_path / "lexicon.jsonl").write_text('{"id": "d", "kind": "describe_after", "pattern": "\\\\s+is\\\\s+a"}\n', encoding="utf-8")
    with pytest.raises(RuleError, match="desc") as err:
        load_rules([tmp_path])
    assert err.value.line == 1
