"""Public reference data: councils (ONS GSS codes) and NHS bodies (ODS codes).

Read from ``ontology/reference/`` (see the ``.SOURCE.md`` notes there). Names are matched on
normalised variants, never on one exact string: a council by any of its register names with or
without "Council", "Borough", "City of", ...; an NHS body with or without "NHS", with
"Integrated Care Board"/"ICB" and "Foundation Trust"/"FT" treated alike.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..resources import reference_dir
from .data import ResolveData, active
from .names import norm, slugify

__all__ = ["Council", "NHSOrg", "councils", "nhs_orgs", "match_council", "match_nhs", "council_by_gss", "nhs_by_ods", "place_words", "GEOGRAPHY_IRI"]

GEOGRAPHY_IRI = "http://statistics.data.gov.uk/id/statistical-geography/{}"

#: Words of a council's name that say what kind of council it is, not which.
_COUNCIL_WORDS = re.compile(
    r"\b(?:london borough of|royal borough of|city and county of|city of|county of|metropolitan borough council|"
    r"metropolitan district council|borough council|district council|county council|city council|council of the|"
    r"council|metropolitan|borough|district|mbc|ua|corporation)\b"
)
_NHS_DROP = re.compile(r"\bnhs\b")
_STOP = {"and", "of", "the", "upon", "on", "in"}


@dataclass(frozen=True, slots=True)
class Council:
    """One English council with adult social care duties."""

    gss: str
    name: str  # official name from the register
    short: str  # place name
    code: str  # register code (mySociety local-authority-code), used by org-id GB-LAE
    icb_code: str
    icb_share: str
    icb_code_2026: str

    @property
    def slug(self) -> str:
        """Id of the council's node: the slug of its official name."""
        return slugify(self.name)


@dataclass(frozen=True, slots=True)
class NHSOrg:
    """An ICB or NHS trust with its ODS code."""

    ods: str
    name: str  # mixed-case display name where known
    kind: str  # "ICB", "NHS foundation trust", "NHS trust"
    gss: str
    valid_to: str
    successors: str

    @property
    def slug(self) -> str:
        """Id of the body's node: the slug of its name without a leading "NHS"."""
        return slugify(re.sub(r"^NHS\s+", "", self.name))


def place_words() -> frozenset[str]:
    """Words of place names: councils, ICBs and NHS regions of the reference data, edited by
    data/resolve/places.txt, without generic words."""
    return _place_words(active())


@lru_cache(maxsize=4)
def _place_words(data: ResolveData) -> frozenset[str]:
    names: set[str] = set()
    with open(reference_dir() / "local_authorities.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            names.update((r["name"], r["ons_name"], r["region"], r["nhs_region"]))
            names.update(r["alt_names"].split("|"))
    names.update(re.sub(r"(?i)^NHS | Integrated Care Board$", "", o.name) for o in nhs_orgs() if o.kind == "ICB")
    add, remove = data.place_edits
    words = {w for n in names for w in norm(n).split() if len(w) >= 3 and not w.isdigit()}
    return frozenset((words | add) - remove - data.generic_words)


def _title(upper: str) -> str:
    """Mixed case for an upper-case ODS name: "HAMPSHIRE AND ISLE OF WIGHT" -> "Hampshire and Isle of Wight"."""
    small = {"and", "of", "the", "for", "in", "upon", "on", "at"}
    words = [w.lower() if w.lower() in small else ("NHS" if w == "NHS" else w.capitalize()) for w in upper.split()]
    return " ".join(words[:1] + words[1:]).replace("'S ", "'s ")


def _strip_council(n: str) -> str:
    return " ".join(_COUNCIL_WORDS.sub(" ", n).split())


@cache
def councils() -> tuple[Council, ...]:
    """All councils of local_authorities.csv."""
    with open(reference_dir() / "local_authorities.csv", newline="", encoding="utf-8") as fh:
        return tuple(
            Council(r["gss_code"], r["official_council_name"], r["name"], r["mysociety_code"], r["icb_code"],
                    r["icb_lsoa_share"], r["icb_code_from_2026_04_01"])
            for r in csv.DictReader(fh)
        )


def _council_index() -> tuple[dict[str, str], dict[str, str]]:
    return _council_index_of(active())


@lru_cache(maxsize=4)
def _council_index_of(data: ResolveData) -> tuple[dict[str, str], dict[str, str]]:
    """Normalised council names -> GSS code (names are normalised with ``data``'s variants)."""
    exact: dict[str, set[str]] = {}
    stripped: dict[str, set[str]] = {}
    with open(reference_dir() / "local_authorities.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            names = {r["name"], r["official_council_name"], r["ons_name"]}
            names.update(r["alt_names"].split("|"))
            names.update(r["other_council_names_seen"].split("|"))
            for name in filter(None, (x.strip() for x in names)):
                n = norm(name)
                exact.setdefault(n, set()).add(r["gss_code"])
                s = _strip_council(n)
                if s:
                    stripped.setdefault(s, set()).add(r["gss_code"])
    unique = lambda d: {k: next(iter(v)) for k, v in d.items() if len(v) == 1}  # noqa: E731
    return unique(exact), unique(stripped)


@cache
def council_by_gss() -> dict[str, Council]:
    """GSS code -> council."""
    return {c.gss: c for c in councils()}


def match_council(form: str) -> str | None:
    """GSS code of the council a name denotes, or None.

    >>> match_council("Middlesbrough Council"), match_council("London Borough of Barnet")
    ('E06000002', 'E09000003')
    """
    exact, stripped = _council_index()
    n = norm(form)
    if n in exact:
        return exact[n]
    s = _strip_council(n)
    return stripped.get(s) if s else None


@cache
def nhs_orgs() -> tuple[NHSOrg, ...]:
    """ICBs and trusts of nhs_organisations.csv (regions left out)."""
    out = []
    with open(reference_dir() / "nhs_organisations.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["kind"] not in ("ICB", "NHS foundation trust", "NHS trust"):
                continue
            out.append(NHSOrg(r["ods_code"], r["display_name"] or _title(r["name"]), r["kind"],
                              r["gss_code"], r["valid_to"], r["successor_ods_codes"]))
    return tuple(out)


@cache
def nhs_by_ods() -> dict[str, NHSOrg]:
    """ODS code -> body."""
    return {o.ods: o for o in nhs_orgs()}


def _nhs_sig(n: str) -> tuple[str, str] | None:
    """(place words, kind) of a normalised NHS name, or None when it names no ICB or trust."""
    n = _NHS_DROP.sub(" ", n)
    n = " ".join(w for w in n.split() if w != "the")
    for pattern, kind in ((r" (?:integrated care board|icb)$", "icb"), (r" (?:foundation trust|trust)$", "trust")):
        m = re.search(pattern, " " + n)
        if m:
            place = (" " + n)[: m.start()].strip()
            return (place, kind) if place else None
    return None


def _initials(place: str) -> str:
    return "".join(w[0] for w in place.split() if w not in _STOP)


def _nhs_index() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    return _nhs_index_of(active())


@lru_cache(maxsize=4)
def _nhs_index_of(data: ResolveData) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """NHS place words and initials -> ODS code (normalised with ``data``'s variants)."""
    by_sig: dict[tuple[str, str], set[str]] = {}
    by_acro: dict[tuple[str, str], set[str]] = {}
    for o in nhs_orgs():
        sig = _nhs_sig(norm(o.name))
        if sig is None:
            continue
        by_sig.setdefault(sig, set()).add(o.ods)
        acro = _initials(sig[0])
        if len(acro) >= 2:
            for a in (acro, acro + "t", acro + "ft") if sig[1] == "trust" else (acro,):
                if len(a) >= 3:
                    by_acro.setdefault((a, sig[1]), set()).add(o.ods)
    unique = lambda d: {k: sorted(v)[0] for k, v in d.items() if len(v) == 1}  # noqa: E731
    return unique(by_sig), unique(by_acro)


def match_nhs(form: str, acronym: bool = False) -> str | None:
    """ODS code of the ICB or trust a name denotes, or None.

    With ``acronym`` a short form such as "TEWV" or "NENC ICB" may match the initials of a
    body's place words when only one body has them.

    >>> match_nhs("Northeast and North Cumbria Integrated Care Board")
    'QHM'
    """
    by_sig, by_acro = _nhs_index()
    n = norm(form)
    sig = _nhs_sig(n)
    if sig and sig in by_sig:
        return by_sig[sig]
    if acronym:
        words = n.split()
        if words and words[-1] == "icb" and len(words) == 2:
            return by_acro.get((words[0], "icb"))
        if len(words) == 1:
            hit = by_acro.get((words[0], "trust"))
            return hit
    return None
