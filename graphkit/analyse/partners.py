"""Each council's partners."""

from __future__ import annotations

import networkx as nx

from .decorators import needs_types
from .shared import COUNCIL, council_links

__all__ = ["council_partners"]


@needs_types(COUNCIL)
def council_partners(G: nx.Graph) -> dict[str, dict[str, tuple[str, ...]]]:
    """For every council, the nodes it is directly linked to and by which predicates.

    Parameters
    ----------
    G : networkx.Graph
        Nodes carry ``type``; edges may carry ``predicate``.

    Returns
    -------
    dict
        Council id -> partner id -> sorted predicates. Councils without partners map to
        an empty dict.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("york", type="LocalAuthority")
    >>> _ = G.add_edge("york", "age-uk", predicate="partnersWith")
    >>> _ = G.add_edge("york", "age-uk", predicate="commissions")
    >>> council_partners(G)
    {'york': {'age-uk': ('commissions', 'partnersWith')}}
    """
    return {
        council: {p: tuple(sorted(preds)) for p, preds in partners.items()}
        for council, partners in council_links(G).items()
    }
