"""Match keys: what a surface form denotes, independent of the report it is in.

A key is a tuple whose first item is its kind, strongest first:

* ``("gss", code)``: a council of the reference data;
* ``("ods", code)``: an ICB or NHS trust of the reference data, named fully;
* ``("national", slug)``: a national body, fund or programme (a "national" line of data/bodies.tsv);
* ``("local", scope, slug)``: a generic local body (data/resolve/local_bodies.tsv) of one council;
* ``("name", core)``: a name shared across reports: it names a place, or it is the name of a
  voluntary organisation, public agency or NHS body with a word that is not generic;
* ``("lname", scope, core)``: any other name (most schemes, strategies, boards), local to one council;
* ``("acro", scope, acronym)``: an acronym not defined by reference data, local to one council.

``scope`` is the id of the council node the report is about (or of the report when its council
is unknown), so local keys of two councils never meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..model import Report
from .data import ResolveData, active, anaphors, generic_words, local_bodies
from .names import core, is_acronym, norm, slugify
from .reference import council_by_gss, match_council, match_nhs, place_words

__all__ = ["Context", "context", "form_key", "STRONG", "KIND_RANK", "scope_of_gss"]

Key = tuple[str, ...]
STRONG = frozenset({"gss", "ods", "national"})
KIND_RANK = {"gss": 0, "ods": 1, "national": 2, "local": 3, "name": 4, "lname": 5, "acro": 6}
_IGNORABLE = frozenset({"of", "for", "the", "local", "in", "its", "our", "their", "joint", "statutory",
                        "council", "authority", "la", "area", "borough", "county", "city"})


@dataclass(frozen=True, slots=True)
class Context:
    """What a report says about where it is: its council's node id and GSS code."""

    report_id: str
    scope: str
    gss: str | None
    date: str | None = None


def scope_of_gss(gss: str) -> str:
    """Node id of the council with this GSS code."""
    return council_by_gss()[gss].slug


def context(report: Report) -> Context:
    """The council scope of a report."""
    gss = report.council_gss if report.council_gss in council_by_gss() else None
    if gss is None and report.council:
        gss = match_council(report.council)
    if gss:
        return Context(report.report_id, scope_of_gss(gss), gss, report.date)
    if report.council:
        return Context(report.report_id, slugify(report.council), None)
    return Context(report.report_id, "report-" + slugify(report.report_id), None)


def _national_index() -> dict[str, str]:
    return _national_index_of(active())


@lru_cache(maxsize=4)
def _national_index_of(data: ResolveData) -> dict[str, str]:
    out: dict[str, str] = {}
    for body in data.national_bodies:
        for form in body.forms:
            out.setdefault(norm(form), body.slug)
            out.setdefault(core(form), body.slug)
    return out


#: Types whose names are shared across councils when they have any distinctive word; other types
#: (schemes, strategies, boards, funds, agreements) are shared only when they name a place.
SHARED_TYPES = frozenset({"VoluntaryOrganisation", "PublicAgency", "NHSBody", "LocalAuthority"})


def _has_place(c: str) -> bool:
    places = place_words()
    return any(w in places or any(w.startswith(p) for p in places if len(p) >= 4 and len(w) > len(p) and w[len(p):] in ("wide", "side", "shire")) for w in c.split())


def _shared(c: str, type_: str) -> bool:
    """Whether a name with no reference key names one body in every report."""
    if _has_place(c):
        return True
    generic = generic_words()
    return type_ in SHARED_TYPES and any(w not in generic and not w.isdigit() for w in c.split())


def _local_body(c: str, ctx: Context) -> Key | None:
    for body in local_bodies():
        m = body.pattern.search(c)
        if not m:
            continue
        rest = [w for w in (c[: m.start()] + " " + c[m.end():]).split() if w not in _IGNORABLE]
        if not rest:
            return ("local", ctx.scope, body.slug)
        gss = match_council(" ".join(rest))
        if gss:
            return ("local", scope_of_gss(gss), body.slug)
        return None
    return None


#: A council counts as lying in one ICB when at least this share of its LSOAs does.
WHOLLY_IN_ONE_ICB = 0.95


def _councils_icb(key: Key, ctx: Context) -> str | None:
    """ODS code of the ICB an unnamed "ICB" of the report's own council denotes, if certain.

    Only for a council that lies (almost) wholly in one ICB of the reference data, taking the
    2026 successor for reports dated from 1 April 2026.
    """
    if key[2] != "integrated-care-board" or not ctx.gss or key[1] != ctx.scope:
        return None
    from .reference import nhs_by_ods

    council = council_by_gss()[ctx.gss]
    try:
        share = float(council.icb_share or 0)
    except ValueError:
        return None
    code = council.icb_code
    if (ctx.date or "") >= "2026-04-01" and council.icb_code_2026:
        code = council.icb_code_2026
    if share < WHOLLY_IN_ONE_ICB or code not in nhs_by_ods():
        return None
    return code


def form_key(form: str, type_: str, ctx: Context) -> tuple[Key, str] | None:
    """The key of one surface form and the rule that gave it, or None for a bare short form.

    >>> ctx = Context("r1", "leeds-city-council", "E08000035")
    >>> form_key("Healthwatch Leeds", "VoluntaryOrganisation", ctx)[0]
    ('local', 'leeds-city-council', 'healthwatch')
    >>> form_key("the Board", "Board", ctx) is None
    True
    """
    n = norm(form)
    c = core(form)
    if not n:
        return None
    if type_ == "LocalAuthority":
        gss = match_council(form)
        if gss:
            return ("gss", gss), "reference data: council name"
    ods = match_nhs(form, acronym=type_ == "NHSBody" and is_acronym(form))
    if ods:
        return ("ods", ods), "reference data: NHS body name"
    nat = _national_index().get(n) or _national_index().get(c)
    if nat:
        return ("national", nat), "national body list"
    local = _local_body(c, ctx)
    if local:
        icb = _councils_icb(local, ctx)
        if icb:
            return ("ods", icb), "reference data: the ICB of the report's council (the text does not name it)"
        return local, "generic local body"
    if n in anaphors() or c in anaphors():
        return None
    if is_acronym(form) or (" " not in c and is_acronym(form.split()[0])):
        return ("acro", ctx.scope, c), "acronym within the council's reports"
    if _shared(c, type_):
        return ("name", c), "same normalised name"
    return ("lname", ctx.scope, c), "same name within the council's reports (not shared with other councils)"
