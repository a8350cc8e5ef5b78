"""Sentence templates and name parts for the generated corpus (``graphkit.benchmark.corpus``).

All wording here is written for graphkit, in the register of CQC local authority assessments;
the constructions follow the hand-written cases in ``tests/extract/cases/`` and the triggers in
``graphkit/data/frames.jsonl``. Nothing is taken from real reports.

Slots in ``{braces}`` are filled per sentence by ``corpus._Filler``:

* ``{C}`` the assessed council (full name or "the council" / "the local authority"),
  ``{CF}`` always its full name, ``{PL}`` its place name, ``{N}`` a neighbouring council;
* ``{I}`` the ICB, ``{ICP}`` the integrated care partnership, ``{T}`` an NHS trust;
* ``{B}`` a local board, ``{RB}`` a regional board, ``{S}`` a scheme, ``{V}`` a voluntary
  organisation, ``{PR}`` a care provider, ``{PA}`` a public agency (police, fire);
* ``{F}`` a local fund, ``{NF}`` a national fund, ``{NB}`` a national body, ``{ST}`` a strategy,
  ``{A}`` an agreement, ``{ROLE}`` a council post;
* ``{M}`` money in millions, ``{K}`` thousands of pounds, ``{n}`` a small count, ``{cnt}`` a
  count of people, ``{pc}`` a percentage, ``{Y}`` a year, ``{FY}`` a financial year,
  ``{MON}`` a month, ``{wk}`` a number of weeks.

A digit after a slot name (``{S2}``) asks for a different member of the same pool.
"""

from __future__ import annotations

__all__ = [
    "RELATIONS", "FILLER", "STATEMENT_TEXT", "SUBHEADINGS", "SUMMARY_SUBHEADINGS",
    "BOARDS", "SCHEMES", "VOLUNTARY", "PROVIDER_WORDS", "PROVIDER_HEADS", "FUNDS",
    "STRATEGIES", "AGREEMENTS", "ROLES", "NATIONAL_BODIES", "NATIONAL_FUNDS", "REGIONAL_BOARDS",
    "FILLER_PARTS", "SCORE_WORDS",
]

SCORE_WORDS = {
    1: "Evidence shows significant shortfalls",
    2: "Evidence shows some shortfalls",
    3: "Evidence shows a good standard",
    4: "Evidence shows an exceptional standard",
}

# ---------------------------------------------------------------- names (patterns over {PL})

BOARDS = (
    "{PL} Health and Wellbeing Board", "{PL} Safeguarding Adults Board", "{PL} Carers Partnership Board",
    "{PL} Learning Disability Partnership Board", "{PL} Adult Social Care Scrutiny Committee",
    "{PL} Place Partnership Board", "{PL} Autism Partnership Board", "{PL} Mental Health Partnership Board",
    "{PL} Community Safety Partnership", "{PL} Ageing Well Board", "{PL} Provider Forum",
    "{PL} Quality Assurance Panel", "{PL} Workforce Steering Group", "{PL} Co-production Forum",
    "{PL} Integrated Commissioning Executive", "{PL} Housing and Care Panel",
)
SAB = "{PL} Safeguarding Adults Board"
HWB = "{PL} Health and Wellbeing Board"
SCRUTINY = "{PL} Adult Social Care Scrutiny Committee"
SUBGROUPS = (
    "{PL} Safeguarding Adults Review Subgroup", "{PL} Performance and Quality Subgroup",
    "{PL} Learning and Development Subgroup", "{PL} Better Care Fund Delivery Group",
)
REGIONAL_BOARDS = (
    "{RG} Adult Social Care Improvement Alliance", "{RG} Principal Social Workers Network Forum",
    "{RG} Commissioning Collaborative", "{RG} Safeguarding Adults Network",
)
SCHEMES = (
    "{PL} Home First Service", "{PL} Reablement Service", "{PL} Carers Hub", "{PL} Front Door Team",
    "{PL} Integrated Discharge Team", "{PL} Community Equipment Service", "{PL} Shared Lives Scheme",
    "{PL} Social Prescribing Service", "{PL} Technology Enabled Care Service", "{PL} Dementia Navigator Service",
    "{PL} Falls Prevention Programme", "{PL} Hospital to Home Service", "{PL} Preparing for Adulthood Team",
    "{PL} Mental Health Crisis Line", "{PL} Community Connectors", "{PL} Autism Hub",
    "{PL} Extra Care Housing Programme", "{PL} Wellbeing Hub", "{PL} Safe and Well Programme",
    "{PL} Occupational Therapy Team", "{PL} Sensory Support Service", "{PL} Direct Payments Support Service",
    "{PL} Rapid Response Service", "{PL} Hoarding Support Project", "{PL} Transitions Pathway",
    "{PL} Homelessness Health Team", "{PL} Digital Inclusion Project", "{PL} Care Academy",
    "{PL} Reviewing Team", "{PL} Approved Mental Health Professional Service",
)
VOLUNTARY = (
    "Age UK {PL}", "{PL} Carers Centre", "{PL} CVS", "Healthwatch {PL}", "Mind in {PL}",
    "{PL} Community Action", "{PL} Disability Network", "{PL} Carers Association", "{PL} Advocacy Network",
    "{PL} Deaf Society", "{PL} Older People's Voice", "Citizens Advice {PL}", "{PL} Befriending Network",
    "{PL} Independent Living Centre", "{PL} Refugee Action", "{PL} Mental Health Collective",
)
PROVIDER_WORDS = (
    "Brightwell", "Meadowbank", "Harbourside", "Oakridge", "Willowmere", "Kestrel", "Ashgrove",
    "Larkfield", "Riverside Lane", "Fernhill", "Bluebell", "Greystone", "Heatherfield", "Millbrook",
    "Northgate", "Southwood", "Lanterns", "Silverbirch", "Thornbury Vale", "Copperleaf",
)
PROVIDER_HEADS = ("Homecare", "Care Ltd", "Home Care", "Care Group", "Healthcare Group")
FUNDS = (
    "{PL} Prevention Fund", "{PL} Community Grants Fund", "{PL} Carers Innovation Fund",
    "{PL} Winter Pressures Fund", "{PL} Household Support Fund", "{PL} Transformation Fund",
)
NATIONAL_FUNDS = (
    "Better Care Fund", "Disabled Facilities Grant", "Improved Better Care Fund",
    "Market Sustainability and Improvement Fund",
)
STRATEGIES = (
    "{PL} Joint Health and Wellbeing Strategy {SPAN}", "{PL} Carers Strategy {SPAN}",
    "{PL} Adult Social Care Strategy {SPAN}", "{PL} Market Position Statement",
    "{PL} Prevention Strategy {SPAN}", "{PL} Workforce Plan", "{PL} Dementia Strategy {SPAN}",
    "{PL} Learning Disability and Autism Strategy", "{PL} Housing with Care Plan",
    "{PL} Safeguarding Adults Strategic Plan {SPAN}", "{PL} Commissioning Strategy {SPAN}",
    "{PL} Co-production Charter",
)
AGREEMENTS = (
    "{PL} Integrated Care Agreement", "{PL} Discharge Memorandum of Understanding",
    "{PL} Information Sharing Agreement", "{PL} Pooled Budget Agreement",
    "{PL} Carers Partnership Agreement", "{PL} Mental Health Partnership Agreement",
)
ROLES = (
    "the council's Cabinet Member for Adult Social Care", "the council's Director of Adult Social Services",
    "the council's chief executive", "the council's Executive Member for Health and Care",
    "the council's Lead Member for Adults", "the council's Principal Social Worker",
)
NATIONAL_BODIES = (
    "NHS England", "Healthwatch England", "Skills for Care", "Local Government Association",
    "Association of Directors of Adult Social Services", "Department of Health and Social Care",
    "Social Care Institute for Excellence", "Think Local Act Personal",
)

# ------------------------------------------------------------- relation sentences, by predicate

RELATIONS: dict[str, tuple[str, ...]] = {
    "partnersWith": (
        "{C} worked closely with {T} to cut delays in hospital discharge, and leaders on both sides called the relationship constructive.",
        "{C} had a strong working relationship with {V}, built up over several years of joint projects.",
        "Leaders told us {C} collaborated with {I} and {T} on a shared winter plan, with {n} extra community beds agreed for {FY}.",
        "{C} worked in partnership with {N} and {I} to line up commissioning intentions across the wider area.",
        "Relationships between {C} and {T} were described as open, and operational staff said most problems were sorted out the same day.",
        "The {ST} was co-produced by {C} with {V} and a group of people with lived experience.",
        "{C} engaged with {V} and {V2} to understand the needs of communities it heard from less often.",
        "{C} and {I} had developed a mature partnership over the last {n} years, according to senior leaders.",
        "{C} and {T} jointly developed the {ST}, which was published in {Y}.",
        "{C} pooled resources with {I} to set up integrated neighbourhood teams in each locality.",
        "{C} liaised regularly with {PA} about people at risk of self-neglect or exploitation.",
        "{C} shared a director of public health with {N}, and leaders from both councils valued the arrangement.",
        "Staff from {C} worked alongside {T} in the discharge hub every day of the week.",
        "{V} told us it had a good relationship with {C} and felt able to raise concerns early.",
        "{C} worked with {NB} on a peer review of its front door in {Y}.",
        "{C} worked jointly with {I} on a dashboard that tracked delayed discharges in real time.",
        "{C} had built links with {V} to reach carers who were not known to services.",
        "Partners said joint working between {C} and {PA} had improved since the last review.",
    ),
    "partnersWith_neg": (
        "Relations between {C} and {T} had become strained during {FY}, and some partners said communication was slow.",
        "{V} told us its relationship with {C} was weaker than with other partners, and referrals were sometimes lost.",
        "Leaders from {I} said joint working with {C} had stalled over the cost of continuing care, although both wanted to resolve it.",
        "Providers described their relationship with {C} as strained after a late fee uplift in {FY}.",
        "{C} had not yet agreed to work with {T} on a shared discharge record, and staff found the duplication frustrating.",
        "Partnership working with {T} was strong at a senior level, but frontline staff said information was still shared late.",
    ),
    "memberOf": (
        "{T}, {V} and {I} were all represented on the {B}.",
        "{V} sat on the {B} alongside {C}.",
        "{C} was a member of the {RB}, which shared learning across the region.",
        "{T} and {PA} were members of the {B}, and attendance was consistently high.",
        "The {B} brought together {C}, {I}, {T} and {V}.",
        "Membership of the {B} included {I}, {PA} and {V}.",
        "{C} joined the {RB} in {Y} to compare performance with similar councils.",
        "{V} took part in the {B} and brought people's views to every meeting.",
        "{T} participated in the {B}, although attendance had been patchy during {FY}.",
        "{PA} was part of the {B} and contributed to its multi-agency audits.",
        "{N} and {C} were both members of the {RB}.",
        "Representatives of {V} and {V2} sat on the {B} and said their views were acted on.",
        "{I} attended the {B} and contributed to its annual report.",
    ),
    "memberOf_neg": (
        "{PA} had not yet joined the {B}, and leaders said this limited joint work on exploitation.",
        "{T} was not represented on the {B}, and carers felt its voice was missing.",
        "{V} planned to join the {B} in {Y}, but it was not yet a member.",
    ),
    "chairs": (
        "The {B} was chaired by {ROLE}.",
        "{C} chaired the {B} during {FY}.",
        "The {B} was co-chaired by {C} and {I}.",
        "{V} chaired the {B}, which met every {wk} weeks.",
        "The chief executive of {T} was Vice Chair of the {B}.",
        "The {SAB} was chaired by an independent chair, and {ROLE} was its vice-chair.",
        "{ROLE} chaired the {B} and reported its findings to cabinet.",
        "The {B} was vice-chaired by a manager from {V}.",
    ),
    "funds": (
        "The {S} was funded by the {NF} and cost £{M} million in {FY}.",
        "{C} funded {V} with £{K},000 a year to run the {S}.",
        "{I} funded the {S}, which supported {cnt} people in {FY}.",
        "The {NF} paid for the {S} and its {n} staff.",
        "{V} received a grant of £{K},000 from the {F}.",
        "The {S} was jointly funded by {C} and {I}.",
        "{C} used the Disabled Facilities Grant to fund {cnt} home adaptations in {FY}.",
        "{C} allocated £{K},000 from the {F} to {V}.",
        "Schemes funded through the {F} included the {S}, the {S2} and the {S3}.",
        "The {S} was funded from the {NF} and by {I}.",
        "{C} invested in the {S}, adding £{K},000 to its budget for {FY}.",
        "The {F} supported {V} and {V2} with small grants for befriending.",
        "{I} provided funding to {V} for a hospital link worker post.",
        "{C} awarded a grant to {V} to extend its opening hours.",
        "The {S} was financed through the {F}, worth £{M} million over three years.",
        "{NB} funded {C} to test a new approach to workforce retention in {Y}.",
        "The council's {NF} pooled budget was worth £{M} million in {FY}, and the {S} was funded by it.",
    ),
    "funds_neg": (
        "{I} had not agreed to fund the {S} beyond March {Y}, and staff said this created uncertainty.",
        "{C} did not fund {V}, and carers told us this left a gap in support.",
        "The {F} had not yet been used to fund the {S}, although it was in the plan.",
    ),
    "commissions": (
        "{C} commissioned {V} to deliver the {S}.",
        "The {S} was commissioned by {C} and delivered by {V}.",
        "{C} and {I} jointly commissioned the {S}, which was operated by {T}.",
        "{C} had a contract with {PR} for home care in the north of the area.",
        "{C} recommissioned the {S} in {Y} after asking people who used it what should change.",
        "The {S} was commissioned by {I} to support people with complex mental health needs.",
        "{C} commissioned {PR} to provide night-time support, covering {cnt} hours of care a week.",
        "Advocacy was commissioned by {C} from {V}, and people said advocates were easy to reach.",
        "{C} commissioned {NB} to review its approach to commissioning for outcomes.",
        "{PR} delivered reablement under a contract with {C}, with {pc}% of people needing no further support.",
    ),
    "delivers": (
        "{T} delivered the {S} across the area, taking {cnt} referrals in {FY}.",
        "The {S} was run by {V}, a local charity.",
        "The {S} was hosted by {T} and staffed by social workers and nurses.",
        "{V} provides the {S} from three community bases.",
        "{PA} ran the {S} jointly with {C}.",
        "The {S} was operated by {PR}, and people rated it highly.",
        "{C} ran the {S} directly, with {n} staff in {FY}.",
        "The {S} was delivered by {V} and {V2} working together.",
        "{V} managed the {S} and answered {cnt} calls in {FY}.",
        "The {S} was led by {T}, with social care staff seconded from {C}.",
        "{PR} operated the {S} on behalf of {C}.",
        "{C} hosted the {S} in its customer contact centre.",
    ),
    "oversees": (
        "The {B} oversaw the {ST}, and progress was reported every quarter.",
        "The {S} was overseen by the {B}.",
        "The {HWB} provided oversight of the {NF} plan and approved spending for {FY}.",
        "The {B} reported to the {HWB} twice a year.",
        "The {SCRUTINY} scrutinised the {ST} in {Y}.",
        "The {B} was responsible for the {ST} and its action plan.",
        "Delivery of the {ST} was scrutinised by the {SCRUTINY}.",
        "The {SAB} held partners to account for the {S} through regular audits.",
        "The {SAB} oversaw the {S}, and its annual report showed {cnt} concerns received in {FY}.",
        "The {B} provided strategic oversight of the {S} and the {S2}.",
        "The {S} reported to the {B}, which reviewed its performance monthly.",
    ),
    "partyTo": (
        "{C} had a section 75 agreement with {I} covering community equipment, with a pooled budget of £{M} million.",
        "The {A} was signed by {C}, {I} and {T} in {Y}.",
        "{T} signed the {A} in {MON} {Y}.",
        "Under the {A} between {C} and {I}, the two organisations shared one commissioning team.",
        "{C} entered into the {A} with {N} in {Y}.",
        "The {A} was agreed by {C} and {V} after a year of discussion.",
        "{C} and {I} were parties to the {A}, which set out how the pooled budget would be managed.",
        "The {A} between {C} and {T} was renewed in {Y} for a further three years.",
    ),
    "partyTo_neg": (
        "{T} had not yet signed the {A}, and leaders said this slowed data sharing.",
        "{V} was not a party to the {A}, although it delivered much of the work it covered.",
    ),
    "national": (
        "{C} worked with Skills for Care on a programme to recruit and keep care workers.",
        "{C} took part in an NHS England programme on hospital discharge alongside {T}.",
        "Healthwatch England shared national findings with {V}, which used them in its local work.",
        "{C} worked with the Local Government Association on a peer challenge of its safeguarding practice in {Y}.",
        "{NB} worked with {C} and {N} on a regional approach to the care market.",
        "The Better Care Fund was worth £{M} million in {PL} in {FY}, and the {HWB} oversaw it.",
        "{C} received £{M} million from the Disabled Facilities Grant in {FY}.",
        "NHS England funded the {S} as a pilot, and {C} planned to keep it going.",
    ),
    "partOf": (
        "{C} was one of {n} local authorities within {I}.",
        "The {S} sat within the adult social care directorate of {C}.",
        "The {B2} was a subgroup of the {B}.",
        "The {S} formed part of the {S2}.",
        "The {S} was brought back in-house into {C} in {Y}.",
        "{PR}, a company wholly owned by {C}, provided day services and respite.",
        "The {SUB} was one of {n} subgroups of the {SAB}.",
        "The {S} was part of the {ICP}'s programme for older people.",
        "The {S} was based within {T}'s community division.",
    ),
}

# ------------------------------------------------------------------ filler, with no relation

FILLER: tuple[str, ...] = (
    "Skills for Care data showed a vacancy rate of {pc}% among care workers in the area in {FY}.",
    "NHS England figures showed the area was in the best quarter nationally for discharge delays.",
    "National data published by NHS England showed {pc}% of people were satisfied with their care and support.",
    "Healthwatch England's national work on carers' experiences was reflected in local surveys.",
    "The Disabled Facilities Grant had been fully spent in each of the last three years.",
    "People told us staff listened to them and respected their choices.",
    "Waiting times for an assessment had fallen to an average of {wk} weeks by {MON} {Y}.",
    "In {MON} {Y}, {cnt} people were waiting for a care act assessment, down from the year before.",
    "Some people said they had to repeat their story to different workers before they got help.",
    "Staff told us caseloads were manageable and supervision was regular.",
    "Unpaid carers described the support they received as a lifeline, although some found it hard to get a break.",
    "Data showed {pc}% of people who received reablement were still at home 91 days after leaving hospital.",
    "Leaders recognised that recruitment of occupational therapists remained difficult.",
    "The local authority had reduced the number of people waiting for a review by {pc}% over twelve months.",
    "People with a learning disability told us they wanted more choice of daytime activities.",
    "Feedback from the survey of adult social care users was slightly below the national average.",
    "Staff described a supportive culture in which they could raise concerns without fear.",
    "There were {cnt} people receiving long-term support at the time of the assessment.",
    "Direct payments were used by {pc}% of people receiving community-based support.",
    "Some carers said information about respite was hard to find online.",
    "Frontline staff had access to interpreters and used them routinely.",
    "Most people told us they felt safe in their homes and communities.",
    "Annual reviews were up to date for {pc}% of people, which leaders acknowledged needed to improve.",
    "Practitioners used a strengths-based approach and focused on what mattered to people.",
    "Staff said training opportunities were good, including apprenticeships and funded qualifications.",
    "People from some ethnic minority communities were less likely to ask for support.",
    "Leaders had a clear picture of local needs, drawn from performance data and feedback.",
    "The number of complaints had risen slightly, and themes were shared with teams each month.",
    "Younger adults moving from children's services told us the change had been confusing.",
    "Waiting lists for occupational therapy had been cut from {cnt} to under {n}0 people.",
    "Vacancy rates in the care workforce were around {pc}%, close to the regional average.",
    "Staff felt proud of their work and said managers were visible and approachable.",
    "Some people waited longer than they should for equipment to be delivered.",
    "People who used direct payments said the paperwork was simpler than it used to be.",
    "Performance data was discussed at monthly meetings and used to plan improvements.",
    "Rural parts of the area had fewer home care providers, which made it harder to arrange care quickly.",
    "The proportion of people who said they had as much social contact as they wanted was {pc}%.",
    "Carers told us they were not always offered an assessment of their own needs.",
    "Safeguarding concerns were triaged on the day they arrived, and urgent risks were acted on quickly.",
    "Leaders were candid about the financial pressures facing adult social care.",
    "There was a clear line of sight from frontline practice to senior leadership.",
    "Staff used an electronic case record, although some said it was slow.",
    "People told us their care plans reflected their wishes and cultural needs.",
    "Hospital discharge delays had reduced, with {pc}% of people going home on the day they were ready.",
    "The local authority spent £{M} million on adult social care in {FY}, around {pc}% of its net budget.",
    "Some staff said the pace of change had been demanding but worthwhile.",
    "Case file audits found good recording of people's views, with some gaps in risk assessment.",
    "The care home market was stable, with occupancy of around {pc}%.",
    "Homecare capacity had grown, and there was no waiting list for care at home in {MON} {Y}.",
    "People told us they were given information in formats they could understand.",
    "Leaders planned to extend the approach to all localities by the end of {Y}.",
    "Some people found it hard to get through on the phone at busy times.",
    "Staff turnover in the directorate had fallen to {pc}% in {FY}.",
    "The workforce broadly reflected the diversity of the local population.",
    "The approach had been evaluated, and early findings showed fewer hospital admissions.",
)

#: Parts of composed filler sentences: who, said, what (combined freely, so filler varies).
FILLER_PARTS = {
    "people": (
        "People", "Several people", "Unpaid carers", "Some carers", "Younger adults", "Older people",
        "People with sensory impairments", "Family members", "People with mental health needs",
        "Disabled people", "People who draw on care",
    ),
    "staff": (
        "Staff", "Frontline staff", "Social workers", "Managers", "Leaders", "Providers", "Partners",
        "Advocates", "Occupational therapists", "Team managers", "Practitioners",
    ),
    "said": ("told us", "said", "explained", "reported", "felt", "described how", "commented that"),
    "people_what": (
        "waiting times had improved over the last year",
        "they were treated with dignity and kindness",
        "it could take several weeks to hear back after a first contact",
        "information and advice was easy to find",
        "workers took time to understand what mattered to them",
        "the process for getting equipment was slow",
        "they knew who to contact if things went wrong",
        "transport to day opportunities was unreliable",
        "the online self-assessment was hard to use",
        "culturally appropriate support had become easier to find",
        "support to stay independent had made a real difference",
        "they were not always told about the outcome of a referral",
        "respite was difficult to book at short notice",
        "they felt listened to when plans were changed",
        "changes to charging had not been explained clearly",
        "out-of-hours support was inconsistent",
        "there were long waits for mental health assessments",
        "housing options for younger disabled adults were limited",
    ),
    "staff_what": (
        "reviews sometimes happened later than planned",
        "caseloads had grown during the winter",
        "learning from complaints was shared openly",
        "the quality of home care varied between areas",
        "training on the Mental Capacity Act was thorough",
        "staff were skilled at managing risk positively",
        "recruitment to specialist roles was still hard",
        "the new case recording system had saved time",
        "referrals from hospital wards were often incomplete",
        "demand for support with hoarding and self-neglect was rising",
        "fee levels made it hard to keep experienced care workers",
        "peer support between teams had improved practice",
    ),
    "tail": (
        "", "", "", "", " in {FY}", " during the assessment period", " since {Y}",
        ", although this varied across the area", ", and leaders were aware of this",
        ", which matched what the data showed",
    ),
}

# -------------------------------------------------------------- section wording (our own)

#: statement -> (what people expect, the local authority commitment), written for graphkit.
STATEMENT_TEXT: dict[str, tuple[str, str]] = {
    "Assessing needs": (
        "I am listened to, and my needs, strengths and goals are understood when my care is planned.",
        "We assess people's needs in a timely and fair way, working with them to find what will help them live well.",
    ),
    "Supporting people to live healthier lives": (
        "I get help early so that I can stay well and independent for as long as possible.",
        "We help people to prevent, reduce or delay their need for care, working with communities and partners.",
    ),
    "Equity in experience and outcomes": (
        "I am treated fairly, and the support I get takes account of who I am and where I come from.",
        "We understand the differences in people's outcomes and act to reduce inequality and remove barriers to care.",
    ),
    "Care provision, integration and continuity": (
        "I can get care and support that suits me, close to home, from people who know my needs.",
        "We make sure there is a diverse, sustainable range of care, planned with partners so that care is joined up.",
    ),
    "Partnerships and communities": (
        "The people and organisations supporting me talk to each other, so my care feels joined up.",
        "We work with partners and communities to plan and deliver care, and we learn from each other.",
    ),
    "Safe systems, pathways and transitions": (
        "When I move between services, or from one stage of life to another, I feel safe and well supported.",
        "We work with partners to make sure moves between services are planned, safe and centred on the person.",
    ),
    "Safeguarding": (
        "I feel safe, and I am supported to understand and manage any risks in my life.",
        "We work with partners to prevent abuse and neglect, and we act quickly and in proportion when concerns arise.",
    ),
    "Governance, management and sustainability": (
        "I can trust that the people running my care are accountable and manage resources well.",
        "We have clear responsibilities, good information and sound finances, and we manage risks to people's care.",
    ),
    "Learning, improvement and innovation": (
        "I can see that the service learns from what people say and keeps getting better.",
        "We focus on learning and improvement, try new ways of working and share what works with others.",
    ),
}

SUMMARY_SUBHEADINGS = (
    "Summary of people's experiences", "Summary of strengths, areas for development and next steps",
)

SUBHEADINGS: dict[str, tuple[str, ...]] = {
    "Assessing needs": (
        "Assessment, care planning and review arrangements", "Timeliness of assessments and reviews",
        "Support for unpaid carers", "Help for people to meet their non-eligible needs",
        "Eligibility decisions and financial assessments", "Direct payments",
    ),
    "Supporting people to live healthier lives": (
        "Arrangements to prevent, delay or reduce needs", "Provision of information and advice",
        "Reablement and intermediate care", "Access to equipment and home adaptations",
        "Social prescribing and community support",
    ),
    "Equity in experience and outcomes": (
        "Understanding local demographics and needs", "Inclusion and accessibility arrangements",
        "Reaching people who are seldom heard", "Support for people from ethnic minority communities",
    ),
    "Care provision, integration and continuity": (
        "Understanding local needs for care", "Market shaping and commissioning",
        "Ensuring sufficient capacity", "Quality of local provision", "Fair cost of care and workforce",
        "Integrated care and support",
    ),
    "Partnerships and communities": (
        "Working together on shared objectives", "Governance of partnership arrangements",
        "What partnership working achieved", "Work with the voluntary and community sector",
    ),
    "Safe systems, pathways and transitions": (
        "Safety management", "Hospital discharge", "Moving from children's to adult services",
        "Contingency planning", "Sharing information safely",
    ),
    "Safeguarding": (
        "Safeguarding systems, processes and practice", "Responding to concerns and enquiries",
        "Making safeguarding personal", "Safeguarding Adults Reviews", "Deprivation of Liberty Safeguards",
    ),
    "Governance, management and sustainability": (
        "Governance and accountability", "Strategic planning", "Financial management and sustainability",
        "Information security and data", "Management of risk",
    ),
    "Learning, improvement and innovation": (
        "Learning from feedback", "Continuous improvement", "Innovation and new approaches",
        "Workforce development", "Co-production and people's voice",
    ),
}

#: Which relation pools each section leans on (others still appear, less often).
SECTION_BIAS: dict[str, tuple[str, ...]] = {
    "Summary": ("partnersWith", "funds", "delivers", "memberOf"),
    "Assessing needs": ("commissions", "delivers", "funds"),
    "Supporting people to live healthier lives": ("funds", "delivers", "commissions"),
    "Equity in experience and outcomes": ("partnersWith", "memberOf", "funds"),
    "Care provision, integration and continuity": ("commissions", "partyTo", "funds", "delivers"),
    "Partnerships and communities": ("partnersWith", "memberOf", "partyTo", "partOf"),
    "Safe systems, pathways and transitions": ("delivers", "partnersWith", "partOf"),
    "Safeguarding": ("memberOf", "chairs", "oversees"),
    "Governance, management and sustainability": ("oversees", "chairs", "partOf", "partyTo"),
    "Learning, improvement and innovation": ("partnersWith", "memberOf", "commissions"),
}
