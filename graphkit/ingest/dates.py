"""Find the assessment or publication date a report states."""

from __future__ import annotations

import re
from datetime import date

__all__ = ["find_date"]

_MONTHS = {
    m: i
    for i, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
         "aug august", "sep sept september", "oct october", "nov november", "dec december"),
        start=1,
    )
    for m in names.split()
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_LABEL = (
    r"(?:date of (?:assessment|publication|report)|assessment date|publication date|date published"
    r"|report published|assessment published|published|last updated|updated|date assessed|assessed"
    r"|assessment (?:carried out|completed|took place)|site visit(?:s)?(?: took place)?)"
)
_DATE = (
    r"(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|\u2013|to|and)\s*\d{1,2}(?:st|nd|rd|th)?)?\s+(?P<mon>"
    + _MONTH + r"),?\s+(?P<y>(?:19|20)\d\d)"
    r"|(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)"
    r"|(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>(?:19|20)\d\d))"
)
_LABELLED = re.compile(r"\b" + _LABEL + r"\s*(?::|on|-|\u2013)?\s*" + _DATE, re.I)


def find_date(text: str) -> str | None:
    """ISO date (YYYY-MM-DD) of the first labelled assessment or publication date, else None.

    Examples
    --------
    >>> find_date("Assessment date: 12 March 2024")
    '2024-03-12'
    >>> find_date("We met 12 March 2024.") is None
    True
    """
    for m in _LABELLED.finditer(text):
        try:
            if m.group("d"):
                day, month, year = int(m.group("d")), _MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("y"))
            elif m.group("iy"):
                day, month, year = int(m.group("id")), int(m.group("im")), int(m.group("iy"))
            else:
                day, month, year = int(m.group("nd")), int(m.group("nm")), int(m.group("ny"))
            return date(year, month, day).isoformat()
        except (ValueError, KeyError):
            continue
    return None
