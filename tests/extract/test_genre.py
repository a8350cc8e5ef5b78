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
