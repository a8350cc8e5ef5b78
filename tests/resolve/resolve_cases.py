"""Hand-built extractions for the resolve tests (paragraphs of our own about real councils).

Imported by the tests as ``resolve_cases``."""

from __future__ import annotations

import re

from graphkit.ingest import report_from_text
from graphkit.model import Entity, Extraction, Mention, Relation


def build(report_id: str, council: str, body: str, entities, relations=()) -> Extraction:
    """An Extraction of ``body`` under a title naming ``council``.

    ``entities`` are ``(key, name, type, aliases)`` or ``(key, name, type, aliases, True)`` for the
    assessed council; mentions are every occurrence of a surface form in the text.
    ``relations`` are ``(subject key, predicate, object key)``, evidenced by the first sentence
    mentioning both.
    """
    text = f"{council}: local authority assessment\n\nPartnerships and communities\n\n{body}"
    report = report_from_text(text, report_id)

    def sentence_at(pos: int) -> int:
        return next((s.index for s in report.sentences if s.start <= pos < s.end), 0)

    ents = []
    for spec in entities:
        key, name, type_, aliases = spec[:4]
        mentions = []
        for form in sorted({name, *aliases}, key=len, reverse=True):
            for m in re.finditer(re.escape(form), text):
                if not any(x.start <= m.start() < x.end for x in mentions):
                    mentions.append(Mention(m.start(), m.end(), form, sentence_at(m.start()), "test"))
        ents.append(Entity(key, name, type_, tuple(aliases), tuple(sorted(mentions, key=lambda x: x.start)),
                           is_council=len(spec) > 4 and spec[4]))
    rels = []
    for s, p, o in relations:
        forms = {e.key: [m.sentence for m in e.mentions] for e in ents}
        both = sorted(set(forms[s]) & set(forms[o])) or [0]
        sent = next(x for x in report.sentences if x.index == both[0])
        rels.append(Relation(s, p, o, sent.index, sent.start, sent.end, sent.text, "test"))
    return Extraction(report, tuple(ents), tuple(rels))


LEEDS = build(
    "leeds-2024", "Leeds City Council",
    "Leeds City Council worked closely with the Leeds Health & Wellbeing Board and the West Yorkshire ICB. "
    "The local authority had section 75 agreements with the ICB. "
    "Healthwatch gathered the views of carers, and Age UK Leeds ran the Neighbourhood Networks. "
    "The Better Care Fund (BCF) funded Leeds Community Equipment Service. "
    "Leeds Teaching Hospitals NHS Trust and Carers Leeds were members of the Board. "
    "Kirklees Council and Bradford were neighbouring partners.",
    [
        ("leeds", "Leeds City Council", "LocalAuthority", ["the local authority", "Leeds"], True),
        ("hwb", "Leeds Health & Wellbeing Board", "Board", ["the Board"]),
        ("wy-icb", "West Yorkshire ICB", "NHSBody", ["the ICB"]),
        ("s75", "section 75 agreements", "Agreement", []),
        ("healthwatch", "Healthwatch", "VoluntaryOrganisation", []),
        ("age-uk-leeds", "Age UK Leeds", "VoluntaryOrganisation", []),
        ("networks", "Neighbourhood Networks", "Scheme", []),
        ("bcf", "Better Care Fund", "Fund", ["BCF"]),
        ("equipment", "Leeds Community Equipment Service", "Scheme", []),
        ("ltht", "Leeds Teaching Hospitals NHS Trust", "NHSBody", []),
        ("carers-leeds", "Carers Leeds", "VoluntaryOrganisation", []),
        ("kirklees", "Kirklees Council", "LocalAuthority", []),
        ("bradford", "Bradford", "LocalAuthority", []),
    ],
    [("leeds", "partnersWith", "hwb"), ("leeds", "partyTo", "s75"), ("bcf", "funds", "equipment"),
     ("ltht", "memberOf", "hwb")],
)

KIRKLEES = build(
    "kirklees-2024", "Kirklees Council",
    "Kirklees Council chaired the Health and Wellbeing Board (HWB). "
    "The council and NHS West Yorkshire Integrated Care Board held Section 75 agreements for mental health. "
    "Healthwatch Kirklees and Age UK were partners, and Leeds City Council shared a hospital discharge team with it. "
    "BCF funding supported Kirklees Community Equipment Service and Calderdale and Huddersfield NHS Foundation Trust. "
    "The Neighbourhood Networks were run locally.",
    [
        ("kirklees", "Kirklees Council", "LocalAuthority", ["the council"], True),
        ("hwb", "Health and Wellbeing Board", "Board", ["HWB"]),
        ("icb", "NHS West Yorkshire Integrated Care Board", "NHSBody", []),
        ("s75", "Section 75 agreements", "Agreement", []),
        ("healthwatch", "Healthwatch Kirklees", "VoluntaryOrganisation", []),
        ("age-uk", "Age UK", "VoluntaryOrganisation", []),
        ("leeds", "Leeds City Council", "LocalAuthority", []),
        ("bcf", "BCF funding", "Fund", []),
        ("equipment", "Kirklees Community Equipment Service", "Scheme", []),
        ("cht", "Calderdale and Huddersfield NHS Foundation Trust", "NHSBody", []),
        ("networks", "Neighbourhood Networks", "Scheme", []),
    ],
    [("kirklees", "chairs", "hwb"), ("kirklees", "partyTo", "s75"), ("icb", "partyTo", "s75"),
     ("kirklees", "partnersWith", "leeds"), ("age-uk", "partnersWith", "healthwatch")],
)

# Cornwall: two pages of one assessment (one page per quality statement), worded differently.
CORNWALL_A = build(
    "cornwall-a", "Cornwall Council",
    "Cornwall Council worked with Cornwall and the Isles of Scilly ICB and the Safeguarding Adults Board. "
    "Its public health team led the Health in All Policies approach with Volunteer Cornwall.",
    [
        ("cornwall", "Cornwall Council", "LocalAuthority", ["Cornwall"], True),
        ("icb", "Cornwall and the Isles of Scilly ICB", "NHSBody", []),
        ("sab", "Safeguarding Adults Board", "Board", []),
        ("ph", "public health team", "PublicAgency", []),
        ("hiap", "Health in All Policies", "Strategy", []),
        ("vc", "Volunteer Cornwall", "VoluntaryOrganisation", []),
    ],
)
CORNWALL_B = build(
    "cornwall-b", "Cornwall Council",
    "The council's Safeguarding Adults Board (SAB) met quarterly. "
    "The NHS Cornwall and Isles of Scilly Integrated Care Board and Volunteer Cornwall attended the SAB. "
    "Public Health produced the Health in all Policies (HiAP) plan.",
    [
        ("council", "Cornwall Council", "LocalAuthority", ["the council"], True),
        ("sab", "Safeguarding Adults Board", "Board", ["SAB"]),
        ("icb", "NHS Cornwall and Isles of Scilly Integrated Care Board", "NHSBody", []),
        ("vc", "Volunteer Cornwall", "VoluntaryOrganisation", []),
        ("ph", "Public Health", "PublicAgency", []),
        ("hiap", "Health in all Policies", "Strategy", ["HiAP"]),
    ],
)

# Gateshead: generic local bodies, a trust named by acronym only, spelling variants.
GATESHEAD = build(
    "gateshead-2025", "Gateshead Metropolitan Borough Council",
    "Gateshead Council worked with the North East and North Cumbria Integrated Care Board and CNTW. "
    "The Safeguarding Adults Board and Healthwatch Gateshead reviewed the Carers' Centre offer. "
    "Tees Esk and Wear Valleys NHS FT was not involved.",
    [
        ("gateshead", "Gateshead Council", "LocalAuthority", ["Gateshead"], True),
        ("icb", "North East and North Cumbria Integrated Care Board", "NHSBody", []),
        ("cntw", "CNTW", "NHSBody", []),
        ("sab", "Safeguarding Adults Board", "Board", []),
        ("hw", "Healthwatch Gateshead", "VoluntaryOrganisation", []),
        ("carers", "Carers' Centre", "VoluntaryOrganisation", []),
        ("tewv", "Tees Esk and Wear Valleys NHS FT", "NHSBody", []),
    ],
)
DURHAM = build(
    "durham-2025", "Durham County Council",
    "Durham County Council and the Northeast and North Cumbria ICB commissioned the Carers Centre. "
    "Tees, Esk & Wear Valley NHS Foundation Trust (TEWV) and the Safeguarding Adults Board met monthly.",
    [
        ("durham", "Durham County Council", "LocalAuthority", [], True),
        ("icb", "Northeast and North Cumbria ICB", "NHSBody", []),
        ("carers", "Carers Centre", "VoluntaryOrganisation", []),
        ("tewv", "Tees, Esk & Wear Valley NHS Foundation Trust", "NHSBody", ["TEWV"]),
        ("sab", "Safeguarding Adults Board", "Board", []),
    ],
)


