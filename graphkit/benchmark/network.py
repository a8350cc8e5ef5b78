"""A synthetic national partnership network, in the shape ``graphkit.analyse.to_networkx`` makes.

``national_network(councils=153, seed=0) -> networkx.MultiDiGraph`` gives about 13k entities
and 52k relations for 153 councils: each council with its own boards, charities, schemes,
strategies, agreements and funds; councils of a region sharing ICBs and NHS trusts; national
bodies and charities shared by many. It is fiction, for timing the view and the analyses
without building a corpus (the names are made up; nothing is read from disk).
"""

from __future__ import annotations

import random

import networkx as nx

__all__ = ["national_network", "LOCAL_BODIES"]

#: Local bodies per council, by type (about 84 a council).
LOCAL_BODIES = {
    "Board": 4,
    "VoluntaryOrganisation": 34,
    "Scheme": 18,
    "Strategy": 12,
    "Agreement": 6,
    "Fund": 4,
    "NHSBody": 4,
    "PublicAgency": 2,
}
_NATIONAL = [
    ("better-care-fund", "Fund", "Better Care Fund"),
    ("disabled-facilities-grant", "Fund", "Disabled Facilities Grant"),
    ("market-sustainability-fund", "Fund", "Market Sustainability and Improvement Fund"),
    ("nhs-england", "NHSBody", "NHS England"),
    ("care-quality-commission", "PublicAgency", "Care Quality Commission"),
    ("department-of-health-and-social-care", "PublicAgency", "Department of Health and Social Care"),
    ("healthwatch-england", "PublicAgency", "Healthwatch England"),
    ("local-government-association", "PublicAgency", "Local Government Association"),
    ("adass", "VoluntaryOrganisation", "Association of Directors of Adult Social Services"),
    ("age-uk", "VoluntaryOrganisation", "Age UK"),
    ("carers-uk", "VoluntaryOrganisation", "Carers UK"),
    ("mind", "VoluntaryOrganisation", "Mind"),
    ("alzheimers-society", "VoluntaryOrganisation", "Alzheimer's Society"),
    ("british-red-cross", "VoluntaryOrganisation", "British Red Cross"),
    ("mencap", "VoluntaryOrganisation", "Mencap"),
    ("shared-lives-plus", "VoluntaryOrganisation", "Shared Lives Plus"),
    ("skills-for-care", "VoluntaryOrganisation", "Skills for Care"),
    ("think-local-act-personal", "VoluntaryOrganisation", "Think Local Act Personal"),
    ("dwp", "PublicAgency", "Department for Work and Pensions"),
    ("police", "PublicAgency", "Police"),
]
_PREDICATES = {  # (subject type, object type) -> predicates that fit
    "Board": ("memberOf", "chairs", "partnersWith"),
    "VoluntaryOrganisation": ("partnersWith", "delivers", "commissions"),
    "Scheme": ("delivers", "funds", "commissions"),
    "Strategy": ("partyTo", "oversees"),
    "Agreement": ("partyTo",),
    "Fund": ("funds",),
    "NHSBody": ("partnersWith", "memberOf", "commissions"),
    "PublicAgency": ("partnersWith", "memberOf", "oversees"),
}
_WORDS = ("Care", "Home", "Carers", "Wellbeing", "Community", "Living", "Support", "Link", "Bridge",
          "Hope", "Together", "Connect", "Pathway", "Horizon", "Harbour", "Circle", "Haven", "Step")
_TONES = ("neutral", "neutral", "neutral", "positive", "positive", "negative")


def national_network(councils: int = 153, seed: int = 0, relations_per_council: int = 340) -> nx.MultiDiGraph:
    """A deterministic synthetic partnership network of `councils` councils.

    Parameters
    ----------
    councils : int
        Number of councils (153 is England's count with adult social care duties).
    seed : int
        The same seed gives the same graph.
    relations_per_council : int
        Roughly how many relations each council's report gives.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes and edges with the attributes ``to_networkx`` sets (``label``, ``type``,
        ``reports``, ``councils``; ``predicate``, ``directed``, ``evidence``, ``sentences``,
        ``tone``, ``reports``), and ``G.graph["report_councils"]``.

    Examples
    --------
    >>> G = national_network(councils=3, seed=1)
    >>> sorted(G.graph["report_councils"])
    ['report-000', 'report-001', 'report-002']
    >>> G.nodes["council-000"]["type"]
    'LocalAuthority'
    """
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    regions = max(1, round(councils / 17))
    council_ids = [f"council-{i:03d}" for i in range(councils)]
    region_of = {c: i * regions // councils for i, c in enumerate(council_ids)}
    icbs = [f"icb-{i:02d}" for i in range(max(1, round(councils / 3.6)))]
    icb_of = {c: icbs[i * len(icbs) // councils] for i, c in enumerate(council_ids)}
    trusts = {r: [f"region-{r}-trust-{j:02d}" for j in range(17)] for r in range(regions)}
    report_of = {c: f"report-{i:03d}" for i, c in enumerate(council_ids)}
    G.graph["report_councils"] = {report_of[c]: (c,) for c in council_ids}
    mentions: dict[str, set[str]] = {}

    def node(slug: str, kind: str, label: str) -> None:
        if slug not in G:
            G.add_node(slug, iri=f"https://graphkit.example/id/{slug}", label=label, type=kind,
                       alt_labels=(), identifiers=(), same_as=())
            mentions[slug] = set()

    def edge(council: str, s: str, predicate: str, o: str) -> None:
        if s == o:
            return
        if predicate == "partnersWith" and o < s:
            s, o = o, s
        rep = report_of[council]
        sentence = f"{G.nodes[s]['label']} {predicate} {G.nodes[o]['label']} ({rng.choice(_WORDS).lower()})."
        tone = rng.choice(_TONES)
        if G.has_edge(s, o, key=predicate):
            d = G.edges[s, o, predicate]
            d["sentences"] = tuple(sorted(set(d["sentences"]) | {(rep, sentence, tone)}))
        else:
            G.add_edge(s, o, key=predicate, predicate=predicate, directed=predicate != "partnersWith",
                       sentences=((rep, sentence, tone),))
        mentions[s].add(council)
        mentions[o].add(council)

    for slug, kind, label in _NATIONAL:
        node(slug, kind, label)
    for i, icb in enumerate(icbs):
        node(icb, "NHSBody", f"NHS {_WORDS[i % len(_WORDS)]} Integrated Care Board {i}")
    for r, ts in trusts.items():
        for j, t in enumerate(ts):
            node(t, "NHSBody", f"{_WORDS[(r + j) % len(_WORDS)]} NHS Foundation Trust {r}-{j}")

    for c in council_ids:
        node(c, "LocalAuthority", f"{_WORDS[int(c[-3:]) % len(_WORDS)]}shire Council {c[-3:]}")
        local = []
        for kind, count in LOCAL_BODIES.items():
            for j in range(count):
                slug = f"{c}--{kind.lower()}-{j:02d}"
                node(slug, kind, f"{rng.choice(_WORDS)} {rng.choice(_WORDS)} {kind} {c[-3:]}-{j}")
                local.append(slug)
        shared = [icb_of[c]] + rng.sample(trusts[region_of[c]], 4)
        shared += [s for s, _, _ in rng.sample(_NATIONAL, 9)]
        for s in shared:
            edge(c, c, "partnersWith", s)
        for body in local:
            kind = G.nodes[body]["type"]
            edge(c, body, rng.choice(_PREDICATES[kind]), c)
        budget = relations_per_council - len(shared) - len(local)
        pool = local + shared
        for _ in range(max(0, budget)):
            s = rng.choice(local)
            o = rng.choice(pool if rng.random() < 0.3 else local)
            edge(c, s, rng.choice(_PREDICATES[G.nodes[s]["type"]]), o)
        if rng.random() < 0.3:  # a neighbouring council
            other = council_ids[(int(c[-3:]) + 1) % councils]
            if other in G:
                edge(c, c, "partnersWith", other)

    for u, v, k, d in G.edges(keys=True, data=True):
        tones = {t for _, _, t in d["sentences"]} - {"neutral"}
        d["evidence"] = len(d["sentences"])
        d["tone"] = "neutral" if not tones else tones.pop() if len(tones) == 1 else "mixed"
        d["reports"] = tuple(sorted({r for r, _, _ in d["sentences"]}))
    for n in G:
        cs = tuple(sorted(mentions[n]))
        G.nodes[n]["councils"] = cs
        G.nodes[n]["reports"] = tuple(report_of[c] for c in cs)
    H = nx.MultiDiGraph()  # sorted, as to_networkx adds them
    H.graph.update(G.graph)
    H.add_nodes_from(sorted(G.nodes(data=True)))
    H.add_edges_from(sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])))
    return H
