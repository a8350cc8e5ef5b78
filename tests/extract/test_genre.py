"""Paragraphs in the genre of CQC assessments about other councils, with the triples they state.

The events and local schemes are invented; council, NHS and national body names are real.
"""

from __future__ import annotations

import pytest

from xhelpers import run, triples

PARAGRAPHS = [
    (
        "Essex County Council",
        "Essex County Council worked with Mid and South Essex NHS Foundation Trust (MSEFT) to reduce delays in "
        "hospital discharge. The Essex Discharge Hub was operated jointly by the council and MSEFT. "
        "It was funded through the Better Care Fund. Leaders described the relationship with MSEFT as strong, "
        "but staff said information sharing could be improved. The council did not fund the Essex Discharge Hub "
        "directly.",
        [
            ("Essex County Council", "partnersWith", "Mid and South Essex NHS Foundation Trust"),
            ("Essex County Council", "delivers", "Essex Discharge Hub"),
            ("Mid and South Essex NHS Foundation Trust", "delivers", "Essex Discharge Hub"),
            ("Better Care Fund", "funds", "Essex Discharge Hub"),
        ],
        [("Essex County Council", "funds", "Essex Discharge Hub")],
    ),
    (
        "Birmingham City Council",
        "The Birmingham Safeguarding Adults Board (BSAB) brought together the council, West Midlands Police and "
        "NHS Birmingham and Solihull Integrated Care Board. BSAB was chaired by an independent chair. "
        "The board had oversight of the Birmingham Self-Neglect Protocol. West Midlands Fire Service planned to "
        "join the board in 2025.",
        [
            ("Birmingham City Council", "memberOf", "Birmingham Safeguarding Adults Board"),
            ("West Midlands Police", "memberOf", "Birmingham Safeguarding Adults Board"),
            ("NHS Birmingham and Solihull Integrated Care Board", "memberOf", "Birmingham Safeguarding Adults Board"),
            ("Birmingham Safeguarding Adults Board", "oversees", "Birmingham Self-Neglect Protocol"),
        ],
        [("West Midlands Fire Service", "memberOf", "Birmingham Safeguarding Adults Board")],
    ),
    (
        "Surrey County Council",
        "Surrey County Council commissioned Surrey Independent Living Charity to run the 'Moving On' project. "
        "The project supported 420 people in 2023. Surrey Heartlands Health and Care Partnership funded "
        "the Surrey Carers Prescription, which the council delivered with Action for Carers Surrey. "
        "The council's Adult Social Care Transformation Team was created in 2022.",
        [
            ("Surrey County Council", "commissions", "Surrey Independent Living Charity"),
            ("Surrey Independent Living Charity", "delivers", "Moving On"),
            ("Surrey Heartlands Health and Care Partnership", "funds", "Surrey Carers Prescription"),
            ("Surrey County Council", "delivers", "Surrey Carers Prescription"),
            ("Adult Social Care Transformation Team", "partOf", "Surrey County Council"),
        ],
        [],
    ),
    (
        "Newcastle City Council",
        "Newcastle City Council and Newcastle upon Tyne Hospitals NHS Foundation Trust had a section 75 agreement "
        "for community equipment. The agreement was overseen by the Newcastle Health and Wellbeing Board. "
        "The council was one of 13 local authorities within NHS North East and North Cumbria Integrated Care Board. "
        "Healthwatch Newcastle sat on the Newcastle Health and Wellbeing Board.",
        [
            ("Newcastle City Council", "partyTo", "section 75 agreement"),
            ("Newcastle upon Tyne Hospitals NHS Foundation Trust", "partyTo", "section 75 agreement"),
            ("Newcastle Health and Wellbeing Board", "oversees", "section 75 agreement"),
            ("Newcastle City Council", "partOf", "NHS North East and North Cumbria Integrated Care Board"),
            ("Healthwatch Newcastle", "memberOf", "Newcastle Health and Wellbeing Board"),
        ],
        [],
    ),
    (
        "London Borough of Croydon",
        "Croydon Council's Living Independently for Everyone (LIFE) service helped people after hospital stays. "
        "LIFE was delivered in partnership with Croydon Health Services NHS Trust. "
        "Age UK Croydon was commissioned by the council to provide befriending. "
        "The council had not yet agreed to fund Croydon Vision.",
        [
            ("Croydon Council", "delivers", "Living Independently for Everyone"),
            ("Croydon Health Services NHS Trust", "delivers", "Living Independently for Everyone"),
            ("Croydon Council", "commissions", "Age UK Croydon"),
        ],
        [("Croydon Council", "funds", "Croydon Vision"),
         ("Living Independently for Everyone", "delivers", "Croydon Health Services NHS Trust")],
    ),
    (
        "Plymouth City Council",
        "Plymouth City Council worked closely with Livewell Southwest, a social enterprise that delivered "
        "community health services on behalf of the council. The Plymouth Alliance, a partnership of seven "
        "voluntary organisations, was commissioned by the council. It was chaired by the council's Director "
        "of Integrated Commissioning. Devon and Cornwall Police were not part of the Plymouth Alliance.",
        [
            ("Plymouth City Council", "partnersWith", "Livewell Southwest"),
            ("Plymouth City Council", "commissions", "Plymouth Alliance"),
            ("Plymouth City Council", "chairs", "Plymouth Alliance"),
        ],
        [("Devon and Cornwall Police", "memberOf", "Plymouth Alliance")],
    ),
]


@pytest.mark.parametrize(("council", "text", "want", "never"), PARAGRAPHS, ids=[p[0] for p in PARAGRAPHS])
def test_genre_paragraphs(council, text, want, never):
    found = triples(run(text, council=council))
    missing = [t for t in want if t not in found]
    assert not missing, f"missing {missing}; found {sorted(found)}"
    wrong = [t for t in never if t in found]
    assert not wrong, f"negated or hedged triples extracted: {wrong}"


MORE = [
    (
        "City of Wolverhampton Council",
        "City of Wolverhampton Council (the LA) ran a carers support service called Carers Connect. "
        "The LA also funded a peer support network known as Wolverhampton Voices. "
        "Carers Connect was hosted by Wolverhampton Carers Support Centre on behalf of the LA. "
        "Forums such as the Wolverhampton Learning Disability Partnership Board and the Wolverhampton Autism "
        "Partnership Board reported to the Wolverhampton Health and Wellbeing Board.",
        [
            ("City of Wolverhampton Council", "delivers", "Carers Connect"),
            ("City of Wolverhampton Council", "funds", "Wolverhampton Voices"),
            ("Wolverhampton Carers Support Centre", "delivers", "Carers Connect"),
            ("Wolverhampton Carers Support Centre", "partnersWith", "City of Wolverhampton Council"),
            ("Wolverhampton Health and Wellbeing Board", "oversees", "Wolverhampton Learning Disability Partnership Board"),
            ("Wolverhampton Health and Wellbeing Board", "oversees", "Wolverhampton Autism Partnership Board"),
        ],
        [],
    ),
    (
        "Sunderland City Council",
        "Sunderland City Council was a member of the Sunderland Health and Care Alliance. "
        "South Tyneside and Sunderland NHS Foundation Trust was also a member of the alliance, and its vice-chair "
        "was from the trust. The alliance oversaw the Sunderland Integrated Discharge Team. "
        "Partners described joint working between the council and the trust as effective.",
        [
            ("Sunderland City Council", "memberOf", "Sunderland Health and Care Alliance"),
            ("South Tyneside and Sunderland NHS Foundation Trust", "memberOf", "Sunderland Health and Care Alliance"),
            ("Sunderland Health and Care Alliance", "oversees", "Sunderland Integrated Discharge Team"),
            ("Sunderland City Council", "partnersWith", "South Tyneside and Sunderland NHS Foundation Trust"),
        ],
        [],
    ),
    (
        "Royal Borough of Kingston upon Thames",
        "Kingston Council commissioned Your Healthcare CIC to deliver community health services. "
        "The council and Kingston and Richmond NHS Foundation Trust were parties to a section 75 agreement. "
        "Funding from the Better Care Fund was used to pay for the Kingston Rapid Response Service. "
        "The council may commission a new advocacy service in 2025.",
        [
            ("Kingston Council", "commissions", "Your Healthcare CIC"),
            ("Kingston Council", "partyTo", "section 75 agreement"),
            ("Kingston and Richmond NHS Foundation Trust", "partyTo", "section 75 agreement"),
        ],
        [],
    ),
    (
        "Calderdale Metropolitan Borough Council",
        "Calderdale Council had a positive relationship with Calderdale and Huddersfield NHS Foundation Trust. "
        "The Calderdale Cares Partnership was led by the council and NHS West Yorkshire Integrated Care Board. "
        "Healthwatch Calderdale was represented on the Calderdale Cares Partnership. "
        "Voluntary Action Calderdale received funding from the council to support 300 groups.",
        [
            ("Calderdale Council", "partnersWith", "Calderdale and Huddersfield NHS Foundation Trust"),
            ("Calderdale Council", "delivers", "Calderdale Cares Partnership"),
            ("NHS West Yorkshire Integrated Care Board", "delivers", "Calderdale Cares Partnership"),
            ("Healthwatch Calderdale", "memberOf", "Calderdale Cares Partnership"),
            ("Calderdale Council", "funds", "Voluntary Action Calderdale"),
        ],
        [],
    ),
]


@pytest.mark.parametrize(("council", "text", "want", "never"), MORE, ids=[p[0] for p in MORE])
def test_genre_more_paragraphs(council, text, want, never):
    test_genre_paragraphs(council, text, want, never)


REAL_REGISTER = [
    (
        "Stockport Metropolitan Borough Council",
        "The local authority worked with partners including Stockport NHS Foundation Trust, Pennine Care NHS "
        "Foundation Trust and Age UK Stockport to support people leaving hospital. There was a joint "
        "Stockport Discharge to Assess pathway, which was funded by the Better Care Fund and led by the trust. "
        "Partners told us the local authority was a strong and visible partner. Stockport Together, the "
        "place-based partnership, was chaired by the leader of the council.",
        [
            ("Stockport Metropolitan Borough Council", "partnersWith", "Stockport NHS Foundation Trust"),
            ("Stockport Metropolitan Borough Council", "partnersWith", "Pennine Care NHS Foundation Trust"),
            ("Stockport Metropolitan Borough Council", "partnersWith", "Age UK Stockport"),
            ("Better Care Fund", "funds", "Stockport Discharge to Assess"),
            ("Stockport Metropolitan Borough Council", "chairs", "Stockport Together"),
        ],
        [],
    ),
    (
        "Derby City Council",
        "Derby City Council had a section 75 agreement with Derbyshire Healthcare NHS Foundation Trust for "
        "mental health social work. Staff from both organisations worked in integrated teams. The local "
        "authority was not a member of the Derby Homes Board. The Derby Carers Hub was run by Carers "
        "Association Derby and funded by the council through a grant of £250,000.",
        [
            ("Derby City Council", "partyTo", "section 75 agreement"),
            ("Derbyshire Healthcare NHS Foundation Trust", "partyTo", "section 75 agreement"),
            ("Carers Association Derby", "delivers", "Derby Carers Hub"),
            ("Derby City Council", "funds", "Derby Carers Hub"),
        ],
        [("Derby City Council", "memberOf", "Derby Homes Board")],
    ),
    (
        "Hertfordshire County Council",
        "Hertfordshire County Council commissioned Carers in Hertfordshire to provide carers' assessments on its "
        "behalf. The council was represented on the Hertfordshire and West Essex Integrated Care Partnership. "
        "Herts Help, a community navigation service, was delivered by the council with Hertfordshire "
        "Community NHS Trust.",
        [
            ("Hertfordshire County Council", "commissions", "Carers in Hertfordshire"),
            ("Hertfordshire County Council", "memberOf", "Hertfordshire and West Essex Integrated Care Partnership"),
            ("Hertfordshire County Council", "delivers", "Herts Help"),
        ],
        [],
    ),
]


@pytest.mark.parametrize(("council", "text", "want", "never"), REAL_REGISTER, ids=[p[0] for p in REAL_REGISTER])
def test_genre_register_paragraphs(council, text, want, never):
    test_genre_paragraphs(council, text, want, never)
