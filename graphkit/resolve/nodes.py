"""Working records of resolution: units (one report's entity) and nodes (their merge)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import ENTITY_TYPES, Entity, ResolvedEntity
from .data import national_bodies
from .keys import KIND_RANK, STRONG, Context, Key
from .names import id_slug, slugify
from .reference import GEOGRAPHY_IRI, council_by_gss, nhs_by_ods

__all__ = ["Unit", "Node", "key_id", "finish", "ID_RANK"]

#: Which key names a node without reference key: a specific name before a generic local body.
ID_RANK = {"gss": 0, "ods": 1, "national": 2, "name": 3, "local": 4, "lname": 5, "acro": 6, "unit": 7}


@dataclass(frozen=True, slots=True)
class Unit:
    """One entity of one report, with the keys of its surface forms."""

    report_id: str
    entity: Entity
    ctx: Context
    keys: tuple[tuple[Key, str, str], ...]  # (key, rule, surface form), primary first

    @property
    def ref(self) -> tuple[str, str]:
        """(report_id, entity key)."""
        return (self.report_id, self.entity.key)

    @property
    def forms(self) -> tuple[str, ...]:
        """The entity's name, then its aliases."""
        return (self.entity.name, *self.entity.aliases)


@dataclass
class Node:
    """A node under construction; corrections edit these before they are frozen."""

    units: list[Unit]
    keys: set[Key]
    unit_reason: dict[tuple[str, str], str] = field(default_factory=dict)
    extra_reasons: list[tuple[str, str]] = field(default_factory=list)
    id: str = ""
    name: str | None = None  # set by a rename correction or reference data
    type: str | None = None  # set by a retype correction
    corrected: bool = False

    def strong(self) -> Key | None:
        """The node's reference or national key, if any."""
        ks = sorted((k for k in self.keys if k[0] in STRONG), key=lambda k: (KIND_RANK[k[0]], k))
        return ks[0] if ks else None

    def best_key(self) -> Key | None:
        """The key the id is minted from: a reference key, else the strongest, shortest key
        that some member's own name gives (aliases only when no name gives one)."""
        strong = self.strong()
        if strong:
            return strong
        primary = {u.keys[0][0] for u in self.units if u.keys} & self.keys
        ks = sorted(primary or self.keys, key=lambda k: (ID_RANK.get(k[0], 9), len(k[-1]), k))
        return ks[0] if ks else None

    def id_form(self) -> str | None:
        """The member name the id is minted from for name keys: the shortest giving the best key."""
        best = self.best_key()
        forms = [u.keys[0][2] for u in self.units if u.keys and u.keys[0][0] == best]
        return min(forms, key=lambda f: (len(f), f)) if forms else None


def key_id(key: Key, form: str | None = None) -> str:
    """The node id a key gives: from the key alone, or for a name key from ``form``
    (the member name that gave the key) when one is given."""
    kind = key[0]
    if form and kind in ("name", "lname", "acro"):
        return f"{key[1]}--{id_slug(form)}" if kind != "name" else id_slug(form)
    if kind == "gss":
        return council_by_gss()[key[1]].slug
    if kind == "ods":
        return nhs_by_ods()[key[1]].slug
    if kind == "national":
        return key[1]
    if kind in ("local", "lname", "acro", "unit"):
        return f"{key[1]}--{slugify(key[2])}"
    return slugify(key[1])


def _national(slug: str):
    return next(b for b in national_bodies() if b.slug == slug)  # the first line wins (user lines come first)


def _name_and_type(node: Node) -> tuple[str, str]:
    strong = node.strong()
    names = Counter(u.entity.name for u in node.units)
    types = Counter(u.entity.type for u in node.units)
    name = min(names, key=lambda n: (-names[n], -len(n), n)) if names else ""
    type_ = min(types, key=lambda t: (-types[t], ENTITY_TYPES.index(t) if t in ENTITY_TYPES else 99)) if types else ""
    if strong and strong[0] == "gss":
        name, type_ = name or council_by_gss()[strong[1]].name, "LocalAuthority"
    elif strong and strong[0] == "ods":
        name, type_ = nhs_by_ods()[strong[1]].name, "NHSBody"
    elif strong and strong[0] == "national":
        body = _national(strong[1])
        name, type_ = body.label, body.type
    return node.name or name, node.type or type_


def _identifiers(node: Node) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    strong = node.strong()
    if not strong or strong[0] == "national":
        return (), ()
    if strong[0] == "gss":
        c = council_by_gss()[strong[1]]
        ids = [("gss", c.gss)] + ([("org-id", f"GB-LAE-{c.code}")] if c.code else [])
        return tuple(ids), (GEOGRAPHY_IRI.format(c.gss),)
    o = nhs_by_ods()[strong[1]]
    ids = [("ods", o.ods), ("org-id", f"GB-NHS-{o.ods}")] + ([("gss", o.gss)] if o.gss else [])
    return tuple(ids), ((GEOGRAPHY_IRI.format(o.gss),) if o.gss else ())


def finish(node: Node) -> ResolvedEntity:
    """Freeze a node into a ``ResolvedEntity``."""
    name, type_ = _name_and_type(node)
    units = sorted(node.units, key=lambda u: u.ref)
    forms: list[str] = []
    reasons: list[tuple[str, str]] = []
    for u in units:
        why = node.unit_reason.get(u.ref, "")
        for i, form in enumerate(u.forms):
            if form not in forms:
                forms.append(form)
            r = (form, why if i == 0 else f"alias of '{u.entity.name}' in report {u.report_id} (within-report resolution)")
            if form == u.entity.name and i > 0:
                continue
            if r not in reasons:
                reasons.append(r)
    for r in node.extra_reasons:
        if r not in reasons:
            reasons.append(r)
    identifiers, same_as = _identifiers(node)
    return ResolvedEntity(
        id=node.id,
        name=name,
        type=type_,
        aliases=tuple(sorted(f for f in forms if f != name)),
        members=tuple(u.ref for u in units),
        identifiers=identifiers,
        same_as=same_as,
        reasons=tuple(reasons),
        corrected=node.corrected,
    )
