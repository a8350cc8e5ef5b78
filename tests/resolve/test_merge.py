"""Resolution across reports: shared national and reference bodies, local generic bodies kept apart."""

from __future__ import annotations

import random

import pytest

from graphkit.errors import GraphkitError
from graphkit.resolve import resolve

from resolve_cases import CORNWALL_A, CORNWALL_B, DURHAM, GATESHEAD, KIRKLEES, LEEDS, build


def node(res, report_id, key):
    rid = res.index[(report_id, key)]
    return next(e for e in res.entities if e.id == rid)


@pytest.fixture(scope="module")
def res():
    return resolve([LEEDS, KIRKLEES, CORNWALL_A, CORNWALL_B, GATESHEAD, DURHAM])


def test_resolve_indexes_every_entity(res):
    for ext in (LEEDS, KIRKLEES, CORNWALL_A, CORNWALL_B, GATESHEAD, DURHAM):
        for ent in ext.entities:
            assert (ext.report.report_id, ent.key) in res.index


@pytest.mark.parametrize("a, b", [
    (("leeds-2024", "leeds"), ("kirklees-2024", "leeds")),          # a neighbour named in another report
    (("leeds-2024", "bcf"), ("kirklees-2024", "bcf")),              # national fund, "BCF funding"
    (("leeds-2024", "wy-icb"), ("kirklees-2024", "icb")),           # "West Yorkshire ICB" / "NHS West Yorkshire Integrated Care Board"
    (("leeds-2024", "kirklees"), ("kirklees-2024", "kirklees")),    # assessed council and neighbour
    (("gateshead-2025", "icb"), ("durham-2025", "icb")),            # "Northeast" / "North East"
    (("gateshead-2025", "tewv"), ("durham-2025", "tewv")),          # "Valleys"/"Valley", "&", "FT"
    (("cornwall-a", "vc"), ("cornwall-b", "vc")),                   # a named local charity, two pages
])
def test_resolve_merges_across_reports(res, a, b):
    assert res.index[a] == res.index[b]


def test_resolve_age_uk_national_but_local_branch_distinct(res):
    assert node(res, "kirklees-2024", "age-uk").id == "age-uk"
    assert res.index[("leeds-2024", "age-uk-leeds")] != "age-uk"


@pytest.mark.parametrize("key", ["hwb", "s75", "healthwatch", "equipment", "networks"])
def test_resolve_keeps_two_councils_local_bodies_apart(res, key):
    assert res.index[("leeds-2024", key)] != res.index[("kirklees-2024", key)]


def test_resolve_local_generic_ids_are_prefixed_by_council(res):
    assert res.index[("leeds-2024", "hwb")] == "leeds-city-council--health-and-wellbeing-board"
    assert res.index[("kirklees-2024", "hwb")] == "kirklees-council--health-and-wellbeing-board"
    assert res.index[("leeds-2024", "s75")] == "leeds-city-council--section-75-agreement"


def test_resolve_bare_healthwatch_is_the_councils_healthwatch(res):
    assert node(res, "leeds-2024", "healthwatch").id == "leeds-city-council--healthwatch"
    assert node(res, "kirklees-2024", "healthwatch").id == "kirklees-council--healthwatch"
    assert node(res, "kirklees-2024", "healthwatch").name == "Healthwatch Kirklees"


def test_resolve_same_council_pages_share_nodes(res):
    for key in ("sab", "ph", "hiap", "icb"):
        assert res.index[("cornwall-a", key)] == res.index[("cornwall-b", key)], key
    assert res.index[("cornwall-a", "cornwall")] == res.index[("cornwall-b", "council")] == "cornwall-council"


def test_resolve_two_councils_sabs_apart(res):
    ids = {res.index[(r, "sab")] for r in ("cornwall-a", "gateshead-2025", "durham-2025")}
    assert len(ids) == 3


def test_resolve_councils_get_gss_org_id_and_same_as(res):
    leeds = node(res, "leeds-2024", "leeds")
    assert ("gss", "E08000035") in leeds.identifiers
    assert ("org-id", "GB-LAE-LDS") in leeds.identifiers
    assert "http://statistics.data.gov.uk/id/statistical-geography/E08000035" in leeds.same_as
    assert node(res, "leeds-2024", "bradford").identifiers[0] == ("gss", "E08000032")


@pytest.mark.parametrize("ref, code", [
    (("leeds-2024", "wy-icb"), "QWO"),
    (("leeds-2024", "ltht"), "RR8"),
    (("kirklees-2024", "cht"), "RWY"),
    (("gateshead-2025", "cntw"), "RX4"),      # acronym of a trust's place words
    (("durham-2025", "tewv"), "RX3"),
    (("cornwall-b", "icb"), "QT6"),
])
def test_resolve_nhs_bodies_named_fully_get_ods(res, ref, code):
    e = node(res, *ref)
    assert ("ods", code) in e.identifiers and ("org-id", f"GB-NHS-{code}") in e.identifiers


def test_resolve_unnamed_icb_of_a_council_wholly_in_one_icb_is_that_icb():
    ext = build("york-1", "City of York Council", "The council and the ICB ran the Integrated Care Board's discharge hub.",
                [("york", "City of York Council", "LocalAuthority", ["the council"], True),
                 ("icb", "Integrated Care Board", "NHSBody", ["the ICB", "ICB"])])
    res = resolve([ext])
    icb = node(res, "york-1", "icb")
    assert icb.id == "humber-and-north-yorkshire-integrated-care-board" and ("ods", "QOQ") in icb.identifiers
    assert "the ICB of the report's council" in dict(icb.reasons)["Integrated Care Board"]
    assert ("city-of-york-council", "partOf", "humber-and-north-yorkshire-integrated-care-board") == res.reference_facts[0][:3]


@pytest.mark.parametrize("council", ["Hampshire County Council", "North Yorkshire Council"])
def test_resolve_unnamed_icb_of_a_council_split_across_icbs_stays_local(council):
    ext = build("split-1", council, "The council worked with the ICB.",
                [("la", council, "LocalAuthority", ["the council"], True),
                 ("icb", "Integrated Care Board", "NHSBody", ["the ICB", "ICB"])])
    icb = node(resolve([ext]), "split-1", "icb")
    assert icb.id.endswith("--integrated-care-board") and not icb.identifiers


def test_resolve_keeps_every_surface_form(res):
    tewv = node(res, "durham-2025", "tewv")
    assert {"Tees Esk and Wear Valleys NHS FT", "Tees, Esk & Wear Valley NHS Foundation Trust", "TEWV"} <= {tewv.name, *tewv.aliases}
    assert dict(tewv.reasons)["TEWV"].startswith("alias of")
    assert "ODS RX3" in dict(tewv.reasons)["Tees Esk and Wear Valleys NHS FT"]


def test_resolve_is_order_independent():
    exts = [LEEDS, KIRKLEES, CORNWALL_A, CORNWALL_B, GATESHEAD, DURHAM]
    first = resolve(exts)
    shuffled = exts[:]
    random.Random(3).shuffle(shuffled)
    assert resolve(shuffled) == first


def test_resolve_adding_a_report_keeps_ids():
    before = resolve([LEEDS, CORNWALL_A])
    after = resolve([LEEDS, CORNWALL_A, KIRKLEES])
    for ref, rid in before.index.items():
        assert after.index[ref] == rid


def test_resolve_duplicate_report_ids_fail():
    with pytest.raises(GraphkitError, match="leeds-2024"):
        resolve([LEEDS, LEEDS])


@pytest.mark.parametrize("forms, same", [
    (("Tees Valley Carers Hub", "Tees Valley Carers' Hub"), True),
    (("Wigan Health & Wellbeing Alliance", "Wigan Health and Well-being Alliance"), True),
    (("North Cumbria Recovery Partnership", "North Cumbria Recovery Partnerships"), True),
    (("Bolton Dementia Support", "Bolton Dementia Support Service"), True),
    (("Section 75 agreement", "Section 76 agreement"), False),
])
def test_resolve_spelling_variants_across_reports(forms, same):
    a = build("wigan-1", "Wigan Council", f"{forms[0]} worked with the council.", [("x", forms[0], "Scheme", [])])
    b = build("wigan-2", "Wigan Council", f"{forms[1]} worked with the council.", [("x", forms[1], "Scheme", [])])
    res = resolve([a, b])
    assert (res.index[("wigan-1", "x")] == res.index[("wigan-2", "x")]) is same


def test_resolve_named_shared_board_is_shared_across_councils():
    body = "The {} was a joint board with its neighbour."
    a = build("stockton-1", "Stockton-on-Tees Borough Council", body.format("Tees Valley Health and Wellbeing Board"),
              [("b", "Tees Valley Health and Wellbeing Board", "Board", [])])
    b = build("darlington-1", "Darlington Borough Council", body.format("Tees Valley Health & Wellbeing Board"),
              [("b", "Tees Valley Health & Wellbeing Board", "Board", [])])
    res = resolve([a, b])
    assert res.index[("stockton-1", "b")] == res.index[("darlington-1", "b")] == "tees-valley-health-and-wellbeing-board"


def test_resolve_board_qualified_by_another_council_belongs_to_it():
    a = build("bradford-1", "City of Bradford Metropolitan District Council",
              "Leeds Safeguarding Adults Board shared training with the local authority.",
              [("sab", "Leeds Safeguarding Adults Board", "Board", [])])
    b = build("leeds-9", "Leeds City Council", "The Safeguarding Adults Board met monthly.",
              [("sab", "Safeguarding Adults Board", "Board", [])])
    res = resolve([a, b])
    assert res.index[("bradford-1", "sab")] == res.index[("leeds-9", "sab")] == "leeds-city-council--safeguarding-adults-board"


@pytest.mark.parametrize("name, type_, shared", [
    ("Rekindle", "Scheme", False),                       # a council's own project
    ("Care Point", "Scheme", False),
    ("Carers Partnership Board", "Board", False),
    ("Making Space", "VoluntaryOrganisation", True),      # a charity with a proper name
    ("Merseyside Fire and Rescue Service", "PublicAgency", True),
    ("Teeswide Carers Forum", "Board", True),             # named after a place
])
def test_resolve_same_name_in_two_councils(name, type_, shared):
    a = build("sefton-1", "Sefton Council", f"{name} worked with the council.", [("x", name, type_, [])])
    b = build("wirral-1", "Wirral Council", f"{name} worked with the council.", [("x", name, type_, [])])
    res = resolve([a, b])
    assert (res.index[("sefton-1", "x")] == res.index[("wirral-1", "x")]) is shared


@pytest.mark.parametrize("date, icb", [(None, "bedfordshire-luton-and-milton-keynes-integrated-care-board"),
                                       ("2026-06-01", "central-east-integrated-care-board")])
def test_resolve_council_icb_follows_the_report_date(date, icb):
    from dataclasses import replace

    ext = build("bedford-1", "Bedford Borough Council", "The council worked with partners.",
                [("c", "Bedford Borough Council", "LocalAuthority", ["the council"], True)])
    ext = replace(ext, report=replace(ext.report, date=date))
    res = resolve([ext])
    assert [f[:3] for f in res.reference_facts] == [("bedford-borough-council", "partOf", icb)]
    assert "not stated by any report" in res.reference_facts[0][3]


def test_resolve_entity_with_only_a_short_form_keeps_its_own_node():
    a = build("york-1", "City of York Council", "The Board met.", [("b", "the Board", "Board", [])])
    b = build("york-2", "City of York Council", "The Board met.", [("b", "the Board", "Board", [])])
    res = resolve([a, b])
    assert res.index[("york-1", "b")] != res.index[("york-2", "b")]


@pytest.mark.parametrize("form", ["the council's Safeguarding Adults Board", "Safeguarding Adult Board", "SAB",
                                  "Cornwall Safeguarding Adults Board", "Cornwall Council's Safeguarding Adults Board"])
def test_resolve_possessive_and_qualified_forms_of_a_local_body(form):
    a = build("cornwall-x", "Cornwall Council", f"{form} met.", [("s", form, "Board", [])])
    res = resolve([a, CORNWALL_A])
    assert res.index[("cornwall-x", "s")] == res.index[("cornwall-a", "sab")] == "cornwall-council--safeguarding-adults-board"


def test_resolve_refuses_to_join_two_reference_bodies():
    a = build("leeds-5", "Leeds City Council", "Leeds Teaching Hospitals NHS Trust (the Mid Yorkshire Teaching NHS Trust) helped.",
              [("t", "Leeds Teaching Hospitals NHS Trust", "NHSBody", ["Mid Yorkshire Teaching NHS Trust"])])
    res = resolve([a])
    assert res.index[("leeds-5", "t")] == "leeds-teaching-hospitals-nhs-trust"
    assert any("not merged" in w and "leeds-5" in w for w in res.warnings)


def test_resolve_named_body_with_generic_alias_keeps_its_name_and_absorbs_the_bare_form():
    a = build("suffolk-1", "Suffolk County Council",
              "The Suffolk and North East Essex Integrated Care System (ICS) set priorities.",
              [("ics", "Suffolk and North East Essex Integrated Care System", "NHSBody", ["ICS"])])
    b = build("suffolk-2", "Suffolk County Council", "The ICS set priorities.", [("ics", "ICS", "NHSBody", [])])
    res = resolve([a, b])
    assert res.index[("suffolk-1", "ics")] == res.index[("suffolk-2", "ics")]
    assert res.index[("suffolk-1", "ics")] == "suffolk-and-north-east-essex-integrated-care-system"
    assert resolve([a]).index[("suffolk-1", "ics")] == "suffolk-and-north-east-essex-integrated-care-system"


@pytest.mark.parametrize("name", ["the police", "Fire and Rescue Service", "Primary Care Network", "Community Mental Health Team"])
def test_resolve_unnamed_public_bodies_stay_local(name):
    a = build("kent-1", "Kent County Council", f"{name} helped.", [("x", name, "PublicAgency", [])])
    b = build("essex-1", "Essex County Council", f"{name} helped.", [("x", name, "PublicAgency", [])])
    res = resolve([a, b])
    assert res.index[("kent-1", "x")] != res.index[("essex-1", "x")]
