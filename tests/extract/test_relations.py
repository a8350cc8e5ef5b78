"""Relations: every predicate, active and passive, lists, carry-over, negations, tone."""

from __future__ import annotations

import pytest

from graphkit.extract import load_rules
from xhelpers import run, triples

K = "Kent County Council"
ICB = "NHS Kent and Medway Integrated Care Board"


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        # partnersWith
        ("The council worked closely with Kent Police on safeguarding.", (K, "partnersWith", "Kent Police")),
        ("Kent Police worked with the council on safeguarding.", ("Kent Police", "partnersWith", K)),
        ("The council had strong relationships with Healthwatch Kent.", (K, "partnersWith", "Healthwatch Kent")),
        ("Relationships with Maidstone and Tunbridge Wells NHS Trust were difficult.",
         (K, "partnersWith", "Maidstone and Tunbridge Wells NHS Trust")),
        ("Plans were developed collaboratively between the council and Kent Police.", (K, "partnersWith", "Kent Police")),
        ("The council co-produced the plan with Kent Carers Collective.", (K, "partnersWith", "Kent Carers Collective")),
        # memberOf
        ("The council sat on the Kent Dementia Action Alliance.", (K, "memberOf", "Kent Dementia Action Alliance")),
        ("Kent Police was a member of the Kent Community Safety Partnership Board.",
         ("Kent Police", "memberOf", "Kent Community Safety Partnership Board")),
        ("The Kent Carers Forum brought together the council and Healthwatch Kent.",
         ("Healthwatch Kent", "memberOf", "Kent Carers Forum")),
        ("The Kent Carers Forum met monthly. Healthwatch Kent and Kent Police were all represented on it.",
         ("Kent Police", "memberOf", "Kent Carers Forum")),
        ("The council was represented on forums such as the Kent Autism Forum and the Kent Carers Panel.",
         (K, "memberOf", "Kent Carers Panel")),
        # chairs
        ("The Kent Carers Forum was chaired by Healthwatch Kent.", ("Healthwatch Kent", "chairs", "Kent Carers Forum")),
        ("The council chaired the Kent Carers Forum.", (K, "chairs", "Kent Carers Forum")),
        ("The Kent Carers Forum, which the council co-chaired with Kent Police, met monthly.",
         ("Kent Police", "chairs", "Kent Carers Forum")),
        ("The Kent Carers Forum was set up in 2022. The council chaired it.", (K, "chairs", "Kent Carers Forum")),
        # funds
        ("The Better Care Fund funded Kent Home Support.", ("Better Care Fund", "funds", "Kent Home Support")),
        ("Kent Home Support, a reablement service, was funded by the Better Care Fund.",
         ("Better Care Fund", "funds", "Kent Home Support")),
        ("The council secured the Disabled Facilities Grant.", ("Disabled Facilities Grant", "funds", K)),
        ("The scheme Kent Home Support was paid for from the Better Care Fund.", ("Better Care Fund", "funds", "Kent Home Support")),
        ("The council funded Kent Carers Collective, a charity, with £100,000 a year.", (K, "funds", "Kent Carers Collective")),
        # commissions
        ("The council commissioned Kent Carers Collective to run breaks.", (K, "commissions", "Kent Carers Collective")),
        ("Kent Home Support was commissioned by the council.", (K, "commissions", "Kent Home Support")),
        ("The Kent Carers Hub was delivered by Kent Carers Collective under a contract with the council.",
         (K, "commissions", "Kent Carers Hub")),
        # delivers
        ("The council ran the Kent Carers Hub.", (K, "delivers", "Kent Carers Hub")),
        ("The Kent Carers Hub was run by Kent Carers Collective.", ("Kent Carers Collective", "delivers", "Kent Carers Hub")),
        ("The council's 'Home Safe' service supported people after discharge.", (K, "delivers", "Home Safe")),
        ("Kent Link, the council's online directory, listed local groups.", (K, "delivers", "Kent Link")),
        ("The council worked with Mind to run the Evening Light cafes.", ("Mind", "delivers", "Evening Light cafes")),
        # oversees
        ("The Kent Health and Wellbeing Board had oversight of the Better Care Fund.",
         ("Kent Health and Wellbeing Board", "oversees", "Better Care Fund")),
        ("The Kent Carers Strategy was scrutinised by the Kent Health Overview and Scrutiny Committee.",
         ("Kent Health Overview and Scrutiny Committee", "oversees", "Kent Carers Strategy")),
        # partyTo
        ("A section 75 agreement between the council and " + ICB + " covered mental health.", (ICB, "partyTo", "section 75 agreement")),
        ("The council and " + ICB + " had a section 75 agreement.", (ICB, "partyTo", "section 75 agreement")),
        ("The Kent Discharge Memorandum of Understanding was signed by the council and Kent Police.",
         ("Kent Police", "partyTo", "Kent Discharge Memorandum of Understanding")),
        # partOf
        ("The council's Kent Reablement Team supported people at home.", ("Kent Reablement Team", "partOf", K)),
        ("Public Health Kent, which sits within the council, ran campaigns.", ("Public Health Kent", "partOf", K)),
        ("The council was one of 14 local authorities within the ICB.", (K, "partOf", "Integrated Care Board")),
        ("The Kent Brokerage Team was brought into the council in 2023.", ("Kent Brokerage Team", "partOf", K)),
        ("Kent Enablement Ltd, a company owned by the council, provided home care.", ("Kent Enablement Ltd", "partOf", K)),
        # more membership phrasing
        ("The council is a partner in the Kent Vision Alliance.", (K, "memberOf", "Kent Vision Alliance")),
        ("Members of the Kent Carers Forum include the council, Kent Police and Healthwatch Kent.",
         ("Kent Police", "memberOf", "Kent Carers Forum")),
        ("The Kent Carers Forum, whose members included Kent Carers Support and Age UK Maidstone, met monthly.",
         ("Age UK Maidstone", "memberOf", "Kent Carers Forum")),
        ("Kent Police and the council co-chaired the Kent Community Safety Board.",
         ("Kent Police", "chairs", "Kent Community Safety Board")),
        ("Kent Home Support was jointly funded by the council and Kent Police.", ("Kent Police", "funds", "Kent Home Support")),
    ],
)
def test_relations_found(text, triple):
    found = triples(run(text))
    assert triple in found, f"{triple} not in {sorted(found)}"


@pytest.mark.parametrize(
    "text",
    [
        "The council did not fund Kent Carers Collective.",
        "The council plans to join the Kent Dementia Action Alliance.",
        "The council had not yet agreed to fund Kent Home Support.",
        "Kent Police was not part of the Kent Carers Forum.",
        "Healthwatch Kent had not been involved in the Kent Carers Forum.",
        "The ICB had expressed interest in funding Kent Home Support but had not committed money.",
        "The council would commission Kent Carers Collective if money allowed.",
    ],
)
def test_relations_negations_and_hedges_yield_nothing(text):
    x = run(text)
    assert not [r for r in x.relations if r.predicate in ("funds", "memberOf", "commissions")], x.relations


@pytest.mark.parametrize(
    ("text", "tone"),
    [
        ("The council had good relationships with Kent Police.", "positive"),
        ("Relationships with Kent Police were poor and communication could be improved.", "negative"),
        ("The council had strong links with Kent Police, but information sharing required development.", "mixed"),
        ("The council worked with Kent Police.", "neutral"),
    ],
)
def test_relations_tone(text, tone):
    rels = [r for r in run(text).relations if r.predicate == "partnersWith"]
    assert rels and {r.tone for r in rels} == {tone}


def test_relations_evidence_is_the_sentence():
    x = run("The council worked with Kent Police.")
    for r in x.relations:
        assert x.report.text[r.start:r.end] == r.evidence
        assert r.rule in {f.id for f in load_rules().frames}


def test_relations_joint_delivery_partners_both():
    found = triples(run("The Kent Discharge Hub was operated jointly by the council and Kent Community Health NHS Foundation Trust."))
    assert (K, "delivers", "Kent Discharge Hub") in found
    assert ("Kent Community Health NHS Foundation Trust", "delivers", "Kent Discharge Hub") in found
    assert (K, "partnersWith", "Kent Community Health NHS Foundation Trust") in found
