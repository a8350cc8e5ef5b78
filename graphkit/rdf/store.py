"""rdflib views over one pyoxigraph store: the users' Python API on the fast engine.

A build holds its dataset once, in a ``pyoxigraph.Store`` (Rust, compact). ``dataset_view``
and ``union_view`` wrap that same store as rdflib objects (through oxrdflib), so users keep
rdflib's API (``triples``, ``value``, ``query`` ...) while queries run on Oxigraph and nothing
is copied. Literals come back as rdflib writes them: a plain string is ``Literal("x")``, not
``Literal("x", datatype=XSD.string)`` (the same term in RDF 1.1, but unequal in rdflib).
"""

from __future__ import annotations

from rdflib import Dataset, Literal
from rdflib.namespace import XSD

from oxrdflib import OxigraphStore

__all__ = ["GraphkitStore", "UnionGraph", "dataset_view", "union_view"]


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


class UnionGraph(Dataset):
    """A Dataset read as one graph: iterating it gives triples (each once), like a Graph."""

    def __iter__(self):
        return self.triples((None, None, None))

    def triples(self, triple_or_quad, context=None):
        """Matching triples of the union, each once (a triple may sit in several graphs)."""
        if context is not None:
            yield from super().triples(triple_or_quad, context)
            return
        seen = set()
        for triple in super().triples(triple_or_quad, context):
            if triple not in seen:
                seen.add(triple)
                yield triple


def dataset_view(store) -> Dataset:
    """``store`` as an rdflib Dataset (named graphs kept apart), without copying it."""
    from .namespace import bind_prefixes

    return bind_prefixes(Dataset(store=GraphkitStore(store=store)))


def union_view(store) -> Dataset:
    """``store`` as one rdflib graph: the union of its graphs (what ``graph.ttl`` holds)."""
    from .namespace import bind_prefixes

    return bind_prefixes(UnionGraph(store=GraphkitStore(store=store), default_union=True))
