"""rdflib views over one pyoxigraph store: the users' Python API on the fast engine.

A build holds its dataset once, in a ``pyoxigraph.Store`` (Rust, compact). ``dataset_view``
and ``union_view`` wrap that same store as rdflib objects (through oxrdflib), so users keep
rdflib's API (``triples``, ``value``, ``query`` ...) while queries run on Oxigraph and nothing
is copied. Literals come back as rdflib writes them: a plain string is ``Literal("x")``, not
``Literal("x", datatype=XSD.string)`` (the same term in RDF 1.1, but unequal in rdflib).
"""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD

from oxrdflib import OxigraphStore

__all__ = ["GraphkitStore", "dataset_view", "union_view"]


def _plain(term):
    if type(term) is Literal and term.datatype == XSD.string and term.language is None:
        return Literal(str(term))
    return term


class GraphkitStore(OxigraphStore):
    """oxrdflib's store, giving literals as rdflib writes them."""

    def triples(self, triple_pattern, context=None):
        for (s, p, o), contexts in super().triples(triple_pattern, context):
            yield (s, p, _plain(o)), contexts

    def query(self, query, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803
        result = super().query(query, initNs, initBindings, queryGraph, **kwargs)
        if result.type == "SELECT":
            result.bindings = [{k: _plain(v) for k, v in row.items()} for row in result.bindings]
        elif result.type == "CONSTRUCT" and result.graph is not None:
            from rdflib import Graph

            g = Graph()
            for s, p, o in result.graph:
                g.add((s, p, _plain(o)))
            result.graph = g
        return result


def dataset_view(store) -> Dataset:
    """``store`` as an rdflib Dataset (named graphs kept apart), without copying it."""
    from .namespace import bind_prefixes

    return bind_prefixes(Dataset(store=GraphkitStore(store=store)))


def union_view(store) -> Graph:
    """The default graph of ``store`` as an rdflib Graph, without copying it.

    A build keeps the union of its graphs (each triple once, what ``graph.ttl`` holds) as the
    default graph of a store of its own, so this is the whole graph.
    """
    from .namespace import bind_prefixes

    return bind_prefixes(Graph(store=GraphkitStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID))
