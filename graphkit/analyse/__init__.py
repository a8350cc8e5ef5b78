"""Network analyses of the partnership graph: ``analyse(graph) -> Analysis``.

One module per measure (networkx style); each works on the ``networkx.MultiDiGraph`` that
``to_networkx`` makes from the merged RDF graph.
"""

from __future__ import annotations

from .brokers import broker_scores
from .centrality import centrality_scores, top_nodes
from .communities import partner_communities
from .convert import to_networkx
from .counts import count_predicates, count_types
from .coverage import assessments
from .layers import context_edges, edge_layer, stated_network
from .pagerank import pagerank_scores
from .records import Records, read_records
from .decorators import needs_types, simple_graph
from .partners import council_partners
from .shared import shared_mentions, shared_partners
from .summary import Analysis, analyse, analyse_networkx
from .tone import tone_summary

__all__ = sorted(
    [
        "Analysis",
        "Records",
        "assessments",
        "broker_scores",
        "context_edges",
        "edge_layer",
        "pagerank_scores",
        "read_records",
        "stated_network",
        "analyse",
        "analyse_networkx",
        "centrality_scores",
        "council_partners",
        "count_predicates",
        "count_types",
        "needs_types",
        "partner_communities",
        "shared_mentions",
        "shared_partners",
        "simple_graph",
        "to_networkx",
        "tone_summary",
        "top_nodes",
    ]
)
