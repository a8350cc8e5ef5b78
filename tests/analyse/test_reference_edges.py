"""Facts that only reference data states are not partnerships."""

import networkx as nx

from graphkit.analyse.shared import shared_partners


def test_shared_partners_ignore_reference_only_edges():
    G = nx.MultiDiGraph()
    for council in ("york", "leeds"):
        G.add_node(council, type="LocalAuthority")
    G.add_node("icb", type="NHSBody")
    G.add_edge("york", "icb", key="partOf", predicate="partOf",
               sentences=(("reference data: ONS", "", "neutral"),), reports=())
    G.add_edge("leeds", "icb", key="partnersWith", predicate="partnersWith",
               sentences=(("leeds-2025", "Leeds worked with the ICB.", "positive"),), reports=("leeds-2025",))
    assert shared_partners(G) == {}
    G.add_edge("york", "icb", key="partnersWith", predicate="partnersWith",
               sentences=(("york-2025", "York worked with the ICB.", "positive"),), reports=("york-2025",))
    assert shared_partners(G)["icb"]["councils"] == ("leeds", "york")
