"""What the SPARQL endpoint answers with: content negotiation, the row cap, the prefixes.

::

    negotiate(accept, offers, fmt) -> Offer        the best offer for an Accept header (or ``format=``)
    write_results(raw, accept, fmt, max_rows)      pyoxigraph results as bytes, by pyoxigraph's own writers
    with_prefixes(text) -> str                     the graphkit prefixes a query uses but does not declare

Every format is written by pyoxigraph. Two things are done before it writes: at most
``max_rows`` solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) are kept, and for the XML
formats the characters XML 1.0 cannot hold at all (most C0 controls, U+FFFE, U+FFFF) are
written as U+FFFD, so the document is well-formed whatever a literal holds (JSON, CSV, TSV,
Turtle, N-Triples and JSON-LD keep every character).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from itertools import islice

import pyoxigraph as ox

from ..rdf.namespace import PREFIXES

__all__ = ["BOOLEAN", "GRAPHS", "HttpError", "Offer", "SOLUTIONS", "Written", "negotiate", "with_prefixes",
           "write_results"]


class HttpError(Exception):
    """An HTTP error status with a one-line message (sent as text/plain)."""

    def __init__(self, status: HTTPStatus | int, message: str) -> None:
        super().__init__(message)
        self.status = HTTPStatus(status)
        self.message = " ".join(message.split())

    def __reduce__(self):  # sent back from a worker process
        return type(self), (int(self.status), self.message)


@dataclass(frozen=True, slots=True)
class Offer:
    """A format the endpoint can write: pyoxigraph's format, the media type sent, short names."""

    format: ox.QueryResultsFormat | ox.RdfFormat
    media: str
    names: tuple[str, ...]


def _offer(fmt, *names: str) -> Offer:
    return Offer(fmt, fmt.media_type.split(";")[0], names)


_JSON = _offer(ox.QueryResultsFormat.JSON, "json")
_XML = _offer(ox.QueryResultsFormat.XML, "xml")
_CSV = _offer(ox.QueryResultsFormat.CSV, "csv")
_TSV = _offer(ox.QueryResultsFormat.TSV, "tsv")
_TURTLE = _offer(ox.RdfFormat.TURTLE, "ttl", "turtle", "n3")  # Turtle is N3 too (SPARQLWrapper's N3)
_NT = _offer(ox.RdfFormat.N_TRIPLES, "nt", "ntriples", "n-triples")
_RDFXML = _offer(ox.RdfFormat.RDF_XML, "rdfxml", "rdf+xml", "rdf", "xml")
_JSONLD = _offer(ox.RdfFormat.JSON_LD, "jsonld", "json-ld", "json")

#: Media type asked for -> what is written; the first entry is the default (no Accept, ``*/*``).
SOLUTIONS: dict[str, Offer] = {
    "application/sparql-results+json": _JSON, "application/json": _JSON,
    "application/sparql-results+xml": _XML, "application/xml": _XML,
    "text/csv": _CSV, "text/tab-separated-values": _TSV, "text/xml": _XML}
#: ASK: the same formats (CSV and TSV write the boolean alone, as pyoxigraph and Jena do).
BOOLEAN: dict[str, Offer] = dict(SOLUTIONS)
GRAPHS: dict[str, Offer] = {
    "text/turtle": _TURTLE, "application/x-turtle": _TURTLE, "application/turtle": _TURTLE,
    "application/n-triples": _NT, "text/plain": _NT,
    "application/rdf+xml": _RDFXML, "application/xml": _RDFXML, "text/xml": _RDFXML,
    "application/ld+json": _JSONLD, "application/json": _JSONLD}


def _accepted(header: str | None) -> list[str]:
    """Media ranges of an Accept header, best q-value first (ties keep the header's order)."""
    if not header or not header.strip():
        return ["*/*"]
    ranges = []
    for part in header.split(","):
        media, *params = (f.strip() for f in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((media.lower(), q))
    return [media for media, _ in sorted(ranges, key=lambda mq: -mq[1])]


def negotiate(accept: str | None, offers: Mapping[str, Offer], fmt: str | None = None) -> Offer:
    """The offer to answer with: the one ``format=`` names (a short name such as ``csv`` or
    SPARQLWrapper's ``json-ld``, or a media type), else the best one ``accept`` takes; the
    first offer for ``*/*``, no header, or a header none of whose types is offered (so a client
    asking for, say, Turtle from a SELECT gets JSON it can read by its Content-Type).

    ``format=`` naming a format of another query form (``csv`` for a CONSTRUCT) falls back to
    ``accept`` too; a name no form has gives HttpError 406 listing the choices.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", SOLUTIONS).names
    ('xml',)
    >>> negotiate(None, GRAPHS, "jsonld").media
    'application/ld+json'
    """
    if fmt and "/" in fmt:  # media types, as SPARQLWrapper also sends them: ahead of the Accept header
        accept, fmt = fmt + (f", {accept}" if accept else ""), None
    if fmt:
        wanted = fmt.strip().lower()
        for media, offer in offers.items():
            if wanted == media or wanted in offer.names:
                return offer
        if not any(wanted == media or wanted in o.names for table in (SOLUTIONS, GRAPHS) for media, o in table.items()):
            names = ", ".join(dict.fromkeys(o.names[0] for table in (SOLUTIONS, GRAPHS) for o in table.values()))
            raise HttpError(HTTPStatus.NOT_ACCEPTABLE, f"unknown format {fmt!r}; choose from: {names}")
    for media in _accepted(accept):
        if media == "*/*":
            break
        if media.endswith("/*"):
            found = next((o for m, o in offers.items() if m.startswith(media[:-1])), None)
            if found is not None:
                return found
        elif media in offers:
            return offers[media]
    return next(iter(offers.values()))


# -- prefixes ---------------------------------------------------------------------------------

_SKIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n\r]*', re.S)
_DECLARED = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:")
_USED = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:")
_LINE = re.compile(r"\berror at (\d+):")


def with_prefixes(text: str) -> tuple[str, int]:
    """``text`` with a first line declaring the graphkit prefixes (``PREFIXES``) it uses but does
    not declare itself, and how many lines were added (0 or 1).

    >>> with_prefixes("SELECT * { ?s a gk:Board }")[0].split(chr(10))[0]
    'PREFIX gk: <https://graphkit.example/ns#>'
    >>> with_prefixes("PREFIX gk: <urn:mine#> SELECT * { ?s a gk:Board }")
    ('PREFIX gk: <urn:mine#> SELECT * { ?s a gk:Board }', 0)
    """
    code = _SKIP.sub(" ", text)
    declared = set(_DECLARED.findall(code))
    used = {m for m in _USED.findall(code) if m in PREFIXES} - declared
    if not used:
        return text, 0
    return " ".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in sorted(used)) + "\n" + text, 1


def shift_lines(message: str, added: int) -> str:
    """A parser message's ``error at LINE:COL`` counted in the text the client sent."""
    if not added:
        return message
    return _LINE.sub(lambda m: f"error at {max(1, int(m.group(1)) - added)}:", message)


# -- writing ----------------------------------------------------------------------------------

#: Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: An RDF/XML property element needs an IRI ending in an XML name to split off.
_XML_LOCAL = re.compile(r"[A-Za-z_][\w.-]*\Z")


@dataclass(frozen=True, slots=True)
class Written:
    """Serialised results: the body, its media type, and whether ``max_rows`` cut them short."""

    body: bytes
    media: str
    truncated: bool


def _xml_safe(term):
    if isinstance(term, ox.Literal) and _NOT_XML.search(term.value):
        value = _NOT_XML.sub("\ufffd", term.value)
        if term.language:
            return ox.Literal(value, language=term.language)
        return ox.Literal(value, datatype=term.datatype)
    return term


def _is_xml(offer: Offer) -> bool:
    return offer.format in (ox.QueryResultsFormat.XML, ox.RdfFormat.RDF_XML)


def _triples(raw: Iterable[ox.Triple], offer: Offer, max_rows: int | None) -> Written:
    triples = list(raw if max_rows is None else islice(raw, max_rows + 1))
    truncated = max_rows is not None and len(triples) > max_rows
    triples = triples[:max_rows]
    if offer.format == ox.RdfFormat.RDF_XML:
        for t in triples:
            if not _XML_LOCAL.search(t.predicate.value):
                raise HttpError(HTTPStatus.NOT_ACCEPTABLE,
                                f"RDF/XML cannot write the property <{t.predicate.value}>; ask for text/turtle")
        triples = [ox.Triple(t.subject, t.predicate, _xml_safe(t.object)) for t in triples]
    prefixes = PREFIXES if offer.format == ox.RdfFormat.TURTLE else None
    return Written(ox.serialize(triples, format=offer.format, prefixes=prefixes), offer.media, truncated)


def _solutions(raw: ox.QuerySolutions, offer: Offer, max_rows: int, hidden: Iterable[str]) -> Written:
    """At most ``max_rows`` solutions, written by pyoxigraph: the kept rows go through its TSV
    reader (terms as pyoxigraph writes them) to become QuerySolutions it can serialise."""
    hidden = set(hidden)
    keep = [i for i, v in enumerate(raw.variables) if v.value not in hidden]
    safe = _xml_safe if _is_xml(offer) else (lambda term: term)
    lines = ["\t".join(str(raw.variables[i]) for i in keep)]
    count = 0
    for solution in raw:
        if count == max_rows:
            break
        count += 1
        lines.append("\t".join("" if solution[i] is None else str(safe(solution[i])) for i in keep))
    else:
        count = -1  # not cut short
    table = ox.parse_query_results(("\n".join(lines) + "\n").encode("utf-8"), ox.QueryResultsFormat.TSV)
    out = io.BytesIO()
    table.serialize(out, offer.format)
    return Written(out.getvalue(), offer.media, count == max_rows)


def write_results(raw, accept: str | None, fmt: str | None, max_rows: int, hidden: Iterable[str] = ()) -> Written:
    """Negotiate and write pyoxigraph results (SELECT solutions, an ASK boolean or triples).

    ``hidden`` names SELECT variables to leave out. Raises HttpError 406 for an unknown ``fmt``
    or a graph RDF/XML cannot write.
    """
    if isinstance(raw, ox.QueryBoolean):
        offer = negotiate(accept, BOOLEAN, fmt)
        out = io.BytesIO()
        raw.serialize(out, offer.format)
        return Written(out.getvalue(), offer.media, False)
    if isinstance(raw, ox.QueryTriples):
        return _triples(raw, negotiate(accept, GRAPHS, fmt), max_rows)
    return _solutions(raw, negotiate(accept, SOLUTIONS, fmt), max_rows, hidden)


def write_graph(triples: Iterable[ox.Triple], accept: str | None, fmt: str | None) -> Written:
    """Triples (such as the service description) in the negotiated RDF format, uncapped."""
    return _triples(triples, negotiate(accept, GRAPHS, fmt), None)
