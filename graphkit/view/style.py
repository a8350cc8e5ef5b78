"""How each entity type and predicate looks (colour-blind safe Okabe-Ito palette)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["NodeStyle", "NODE_STYLES", "EDGE_COLOURS", "node_style", "edge_colour", "GLYPHS"]


@dataclass(frozen=True)
class NodeStyle:
    """Colour and vis-network shape of one entity type."""

    colour: str
    shape: str


NODE_STYLES: dict[str, NodeStyle] = {
    "LocalAuthority": NodeStyle("#D55E00", "diamond"),
    "NHSBody": NodeStyle("#0072B2", "square"),
    "Board": NodeStyle("#CC79A7", "triangle"),
    "VoluntaryOrganisation": NodeStyle("#009E73", "dot"),
    "PublicAgency": NodeStyle("#56B4E9", "triangleDown"),
    "Fund": NodeStyle("#E69F00", "hexagon"),
    "Scheme": NodeStyle("#F0E442", "star"),
    "Strategy": NodeStyle("#7F5FBF", "dot"),
    "Agreement": NodeStyle("#8C6D31", "square"),
}
_UNKNOWN = NodeStyle("#999999", "dot")

#: A text glyph per shape, for the legend.
GLYPHS: dict[str, str] = {
    "diamond": "\u25c6",
    "square": "\u25a0",
    "triangle": "\u25b2",
    "dot": "\u25cf",
    "triangleDown": "\u25bc",
    "hexagon": "\u2b22",
    "star": "\u2605",
}

EDGE_COLOURS: dict[str, str] = {
    "partnersWith": "#009E73",
    "memberOf": "#CC79A7",
    "chairs": "#882255",
    "funds": "#E69F00",
    "commissions": "#D55E00",
    "delivers": "#0072B2",
    "oversees": "#332288",
    "partyTo": "#8C6D31",
    "partOf": "#777777",
}


def node_style(entity_type: str) -> NodeStyle:
    """The style of `entity_type` (grey dot when unknown).

    >>> node_style("Fund").shape, node_style("nonsense").colour
    ('hexagon', '#999999')
    """
    return NODE_STYLES.get(entity_type, _UNKNOWN)


def edge_colour(predicate: str) -> str:
    """The colour of `predicate` (grey when unknown).

    >>> edge_colour("funds")
    '#E69F00'
    """
    return EDGE_COLOURS.get(predicate, "#999999")
