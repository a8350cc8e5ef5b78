"""The RDF terms the analyse and view stages read (one place, easy to switch).

The vocabulary IRI is fixed in ``docs/design.md``. When ``graphkit.rdf`` exports its own
namespace, only this module changes.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

__all__ = [
    "GK",
    "GKD",
    "ENTITY_TYPES",
    "PREDICATES",
    "SYMMETRIC",
    "LABELS",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "local_name",
    "entity_id",
    "report_id",
    "national_ids",
]

try:  # the rdf stage's namespace, when it exists
    from graphkit.rdf import GK as _GK  # type: ignore[attr-defined]

    GK = Namespace(str(_GK._NS) if hasattr(_GK, "_NS") else str(_GK))
except ImportError:
    GK = Namespace("https://graphkit.example/ns#")

GKD = Namespace("https://graphkit.example/id/")

from ..model import ENTITY_TYPES, PREDICATES  # noqa: E402  (the order breaks ties between types)

#: Predicates without a direction.
SYMMETRIC: frozenset[str] = frozenset({"partnersWith"})

#: Properties that name a node (never shown as identifiers).
LABELS: frozenset[URIRef] = frozenset({RDFS.label, SKOS.prefLabel, SKOS.altLabel})


def local_name(iri: str) -> str:
    """The part of `iri` after its last ``#`` or ``/``."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def entity_id(iri: str) -> str:
    """An entity's slug (its IRI relative to ``gkd:``), else the whole IRI."""
    base = str(GKD)
    return iri[len(base):] if iri.startswith(base) else iri


def report_id(iri: str) -> str:
    """A report's id (``gkd:report/{id}``), else the whole IRI."""
    base = str(GKD) + "report/"
    return iri[len(base):] if iri.startswith(base) else iri


def national_ids() -> frozenset[str]:
    """Ids of the national bodies, funds and programmes (``graphkit/data/bodies.tsv``, scope national).

    Resolution gives each one a single node for every report that names it; the analysis
    counts them per council (see ``graphkit.analyse.layers``).
    """
    from ..resolve.data import national_bodies

    return frozenset(b.slug for b in national_bodies())
