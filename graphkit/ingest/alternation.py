"""One regex for a long list of literal names, factored as a trie.

``(?:Name A|Name B|...)`` over hundreds of names makes ``re`` try every name at every position.
The same names factored by shared prefixes (``(?:North\\ (?:Tyneside|Yorkshire)|...)``) are
tried one character at a time. With the names ordered longest first, as the callers do, the
plain alternation finds the longest name that lets the rest of the pattern match; the trie
tries longer continuations before stopping and so finds the same one: the matches are equal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["literal_alternation"]


def literal_alternation(names: Iterable[str], ignore_case: bool = False) -> str:
    """A non-capturing group matching the same text as ``(?:n1|n2|...)``, longest names first.

    With ``ignore_case`` the names must be ASCII and are matched in lower case (compile the
    result with ``re.I``); otherwise they are matched as written.

    Examples
    --------
    >>> literal_alternation(["North Tyneside", "North Yorkshire", "North"])
    '(?:North(?:\\\\ (?:Tyneside|Yorkshire))?)'
    >>> import re
    >>> re.findall(literal_alternation(["ab", "abc"]), "abcd ab")
    ['abc', 'ab']
    """
    forms = sorted({n.lower() if ignore_case else n for n in names})
    if ignore_case and not all(n.isascii() for n in forms):
        raise ValueError("ignore_case needs ASCII names")
    root: dict = {}
    for form in forms:
        node = root
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + (_body(root) or "(?!)") + ")"


def _body(node: dict) -> str:
    alts = [re.escape(ch) + _body(child) for ch, child in sorted(node.items()) if ch != ""]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:
        body = "(?:" + body + ")?"  # a name ends here: tried after every longer one
    return body
