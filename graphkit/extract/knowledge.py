"""What the reference data knows about names: organisations to keep whole, and places.

Read from ``ontology/reference/`` (the same files the resolver links entities to):

* organisations: the ICBs and NHS trusts of ``nhs_organisations.csv`` (their display names,
  with and without a leading "The") and the official names of the councils of
  ``local_authorities.csv``. A sentence span spelling one of them exactly is one name, commas
  and "and" included ("Wrightington, Wigan and Leigh NHS Foundation Trust").
* places that are not councils: the English regions and NHS regions, and the places an ICB is
  named after ("Berkshire West" from "NHS Buckinghamshire, Oxfordshire and Berkshire West
  Integrated Care Board"). The lexicon adds more (``place_name`` cues: towns, former districts).
"""

from __future__ import annotations

import csv
import re
from functools import cache

from ..ingest.alternation import literal_alternation
from ..resources import reference_dir

__all__ = ["reference_orgs", "reference_places", "comma_places", "icb_areas"]

_ORG_KINDS = ("ICB", "NHS foundation trust", "NHS trust")
_NOT_PLACES = frozenset({"Mid", "North", "South", "East", "West", "Central", "Black"})  # halves of "Mid and South Essex"
_SMALL = frozenset({"and", "of", "the", "for", "in", "upon", "on", "at"})


def _title(upper: str) -> str:
    """Mixed case for an upper-case ODS name ("LEEDS AND YORK" -> "Leeds and York")."""
    words = [w if w == "NHS" else w.lower() if w.lower() in _SMALL else w.capitalize() for w in upper.split()]
    return " ".join(words).replace("'S ", "'s ")


@cache
def reference_orgs() -> tuple[dict[str, str], re.Pattern | None]:
    """Organisation names of the reference data -> entity type, and a regex finding them (exact case)."""
    names: dict[str, str] = {}
    with open(reference_dir() / "nhs_organisations.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["kind"] not in _ORG_KINDS:
                continue
            name = " ".join((r["display_name"] or _title(r["name"])).split())
            for form in (name, re.sub(r"^The\s+", "", name)):
                names.setdefault(form, "NHSBody")
    with open(reference_dir() / "local_authorities.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            name = " ".join(r["official_council_name"].split())
            if name:
                names.setdefault(name, "LocalAuthority")
    if not names:
        return names, None
    return names, re.compile(r"(?<![\w'’-])" + literal_alternation(sorted(names, key=len, reverse=True)) + r"(?![\w'’-])")


@cache
def reference_places() -> frozenset[str]:
    """Place names of the reference data that are not council names: regions and ICB places."""
    places: set[str] = set()
    with open(reference_dir() / "local_authorities.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            places.update(x.strip() for x in (r["region"], r["nhs_region"]) if x.strip())
    with open(reference_dir() / "nhs_organisations.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["kind"] != "ICB":
                continue
            name = r["display_name"] or _title(r["name"])
            area = re.sub(r"^NHS\s+|\s+Integrated\s+Care\s+Board$", "", " ".join(name.split()))
            places.add(area)
            for part in re.split(r",\s+", area):
                places.add(part)
                places.update(re.split(r"\s+and\s+", part))
    return frozenset(p for p in places if p and p[0].isupper() and p not in _NOT_PLACES)


@cache
def icb_areas() -> frozenset[str]:
    """The areas ICBs are named after, lower case ("humber and north yorkshire"): a body named
    for one of them works across an integrated care system, not one council's place."""
    areas: set[str] = set()
    with open(reference_dir() / "nhs_organisations.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["kind"] == "ICB":
                name = r["display_name"] or _title(r["name"])
                area = re.sub(r"^NHS\s+|\s+Integrated\s+Care\s+Board$", "", " ".join(name.split()))
                areas.add(" ".join(area.lower().replace("&", "and").replace(",", "").split()))
    return frozenset(areas)


@cache
def comma_places() -> re.Pattern | None:
    """A regex finding the places of the reference data written with a comma ("Bristol, North
    Somerset and South Gloucestershire"), which open a name when a capitalised word follows."""
    forms = sorted((p for p in reference_places() if "," in p), key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<![\w'’-])" + literal_alternation(forms) + r"(?=\s+[A-Z])")
