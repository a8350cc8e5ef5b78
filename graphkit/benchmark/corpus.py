"""A generated national corpus: full local authority assessments in the CQC genre, as plain text.

Council, ICB and NHS trust names are real (``ontology/reference/*.csv``); ICBs follow the
reference data, trusts are drawn from the council's ICB, so several councils share an ICB and
a trust serves a few councils. National bodies and funds (NHS England, Skills for Care, the
Better Care Fund, the Disabled Facilities Grant, ...) are shared by all. Everything else
(charities, schemes, boards, figures, events) is fiction built from name parts in
``graphkit.benchmark.genre``. The output depends only on ``n`` and ``seed``.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path

from ..model import QUALITY_STATEMENTS
from ..names import slugify
from ..resources import reference_dir
from . import genre

__all__ = ["generate_corpus", "generate_report", "council_slug"]

#: Characters per section, roughly: summary, then each quality statement.
_SUMMARY_CHARS = (5500, 7500)
_STATEMENT_CHARS = (7800, 9600)
#: Share of sentences that state a relation.
_RELATION_SHARE = 0.3


@dataclass(frozen=True)
class _Council:
    name: str  # official council name
    place: str
    region: str
    icb: str
    icb_code: str


def council_slug(name: str) -> str:
    """A file-name slug of a council name (``graphkit.names.slugify``).

    Examples
    --------
    >>> council_slug("Royal Borough of Windsor and Maidenhead")
    'royal-borough-of-windsor-and-maidenhead'
    """
    return slugify(name)


def _title_case(upper: str) -> str:
    small = {"and", "of", "the", "upon", "on", "in"}
    words = []
    for i, w in enumerate(upper.lower().split()):
        if w == "nhs":
            words.append("NHS")
        elif i and w in small:
            words.append(w)
        else:
            words.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
    return " ".join(words)


def _councils() -> list[_Council]:
    with open(reference_dir() / "local_authorities.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        place = r["name"].split(",")[0].strip() if ", City of" in r["name"] else r["name"]
        out.append(_Council(" ".join(r["official_council_name"].split()), place, r["region"], r["icb_name"], r["icb_code"]))
    return out


def _trusts_by_icb() -> dict[str, list[str]]:
    with open(reference_dir() / "nhs_organisations.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out: dict[str, list[str]] = {}
    for r in rows:
        if r["kind"] in ("NHS trust", "NHS foundation trust") and not r["valid_to"]:
            out.setdefault(r["icb_code"], []).append(r["display_name"] or _title_case(r["name"]))
    return {k: sorted(v) for k, v in sorted(out.items())}


def _icb_core(icb: str) -> str:
    return re.sub(r"^NHS\s+|\s+Integrated Care Board$", "", icb)


class _World:
    """One council's cast: its own boards, schemes, charities, funds, strategies and agreements,
    and the NHS and national bodies it shares with others."""

    def __init__(self, council: _Council, neighbours: list[str], trusts: list[str], rng: random.Random):
        pl, rg = council.place, council.region
        fill = lambda pats: [p.format(PL=pl, RG=rg, SPAN=_span(rng)) for p in pats]  # noqa: E731
        self.council = council
        self.pools: dict[str, list[str]] = {
            "N": neighbours,
            "T": trusts,
            "B": fill(rng.sample(genre.BOARDS, rng.randint(7, 10))),
            "RB": fill(rng.sample(genre.REGIONAL_BOARDS, 2)),
            "SUB": fill(genre.SUBGROUPS),
            "S": fill(rng.sample(genre.SCHEMES, rng.randint(12, 18))),
            "V": fill(rng.sample(genre.VOLUNTARY, rng.randint(8, 12))),
            "PR": [f"{w} {h}" for w, h in zip(rng.sample(genre.PROVIDER_WORDS, 4),
                                               (rng.choice(genre.PROVIDER_HEADS) for _ in range(4)))],
            "PA": [f"{pl} Police", f"{pl} Fire and Rescue Service"],
            "F": fill(rng.sample(genre.FUNDS, 3)),
            "NF": list(genre.NATIONAL_FUNDS),
            "NB": list(genre.NATIONAL_BODIES),
            "ST": fill(rng.sample(genre.STRATEGIES, rng.randint(5, 8))),
            "A": fill(rng.sample(genre.AGREEMENTS, 3)),
            "ROLE": list(genre.ROLES),
        }
        for pattern in (genre.SAB, genre.HWB, genre.SCRUTINY):  # every council has these three
            if pattern.format(PL=pl) not in self.pools["B"]:
                self.pools["B"].append(pattern.format(PL=pl))
        self.fixed = {
            "CF": council.name, "PL": pl, "I": council.icb,
            "ICP": f"{_icb_core(council.icb)} Integrated Care Partnership",
            "SAB": genre.SAB.format(PL=pl), "HWB": genre.HWB.format(PL=pl),
            "SCRUTINY": genre.SCRUTINY.format(PL=pl),
        }


def _span(rng: random.Random) -> str:
    start = rng.randint(2020, 2025)
    return f"{start}-{start + rng.choice((3, 4, 5))}"


_SLOT = re.compile(r"\{([A-Za-z]+)(\d?)\}")


def _sentence(template: str, world: _World, rng: random.Random) -> str:
    """Fill a template's slots; the same slot (and digit) means the same entity in a sentence."""
    chosen: dict[str, str] = {}
    used: dict[str, set[str]] = {}

    def pick(m: re.Match[str]) -> str:
        key = m.group(1) + m.group(2)
        if key in chosen:
            return chosen[key]
        name = m.group(1)
        value: str
        if name == "C":
            value = rng.choice((world.council.name, world.council.name, "the council", "the local authority"))
        elif name == "I":
            value = world.council.icb if rng.random() < 0.6 else "the ICB"
        elif name in world.fixed:
            value = world.fixed[name]
        elif name in world.pools:
            pool = [x for x in world.pools[name] if x not in used.get(name, set())] or world.pools[name]
            value = rng.choice(pool)
            used.setdefault(name, set()).add(value)
        elif name == "M":
            value = f"{rng.randint(1, 60)}.{rng.randint(1, 9)}"
        elif name == "K":
            value = str(rng.randint(20, 950))
        elif name == "n":
            value = str(rng.randint(3, 12))
        elif name == "cnt":
            value = f"{rng.randint(120, 9800):,}"
        elif name == "pc":
            value = str(rng.randint(8, 94))
        elif name == "Y":
            value = str(rng.randint(2021, 2025))
        elif name == "FY":
            y = rng.randint(2021, 2024)
            value = f"{y}/{(y + 1) % 100:02d}"
        elif name == "MON":
            value = rng.choice(("January", "March", "April", "June", "September", "October", "November"))
        elif name == "wk":
            value = str(rng.randint(2, 14))
        else:
            raise KeyError(f"unknown slot {{{name}}} in template {template!r}")
        chosen[key] = value
        return value

    text = _SLOT.sub(pick, template)
    text = text.replace("the the ", "the ").replace("The the ", "The ")
    return text[0].upper() + text[1:]


def _filler(world: _World, rng: random.Random) -> str:
    if rng.random() < 0.45:
        return _sentence(rng.choice(genre.FILLER), world, rng)
    parts = genre.FILLER_PARTS
    who = rng.choice(("people", "staff"))
    text = (f"{rng.choice(parts[who])} {rng.choice(parts['said'])} "
            f"{rng.choice(parts[who + '_what'])}{rng.choice(parts['tail'])}.")
    return _sentence(text, world, rng)


def _relation(world: _World, rng: random.Random, bias: tuple[str, ...]) -> str:
    if rng.random() < 0.55:
        predicate = rng.choice(bias)
    else:
        predicate = rng.choice([p for p in genre.RELATIONS if not p.endswith("_neg")])
    pool = genre.RELATIONS[predicate]
    if rng.random() < 0.12 and f"{predicate}_neg" in genre.RELATIONS:
        pool = genre.RELATIONS[f"{predicate}_neg"]
    return _sentence(rng.choice(pool), world, rng)


def _paragraph(world: _World, rng: random.Random, bias: tuple[str, ...]) -> str:
    share = min(0.9, max(0.1, rng.gauss(_RELATION_SHARE, 0.15)))
    sentences = [
        _relation(world, rng, bias) if rng.random() < share else _filler(world, rng)
        for _ in range(rng.randint(2, 6))
    ]
    return " ".join(sentences)


def _body(world: _World, rng: random.Random, headings: tuple[str, ...], bias: tuple[str, ...],
          size: tuple[int, int]) -> list[str]:
    target = rng.randint(*size)
    chosen = rng.sample(headings, min(len(headings), rng.randint(3, 5)))
    blocks: list[str] = []
    length = 0
    per_heading = target // len(chosen)
    for heading in chosen:
        blocks.append(heading)
        part = 0
        while part < per_heading:
            para = _paragraph(world, rng, bias)
            blocks.append(para)
            part += len(para) + 2
        length += part
    return blocks


def generate_report(council: _Council, world: _World, rng: random.Random) -> str:
    """The plain text of one report for ``council``."""
    blocks = [f"{council.name}: local authority assessment"]
    day, month, year = rng.randint(1, 28), rng.choice(("January", "February", "March", "May", "July", "October")), rng.randint(2024, 2025)
    blocks.append(f"Assessment published: {day} {month} {year}")
    blocks.append("Summary")
    blocks.append(
        f"This is our assessment of how {council.name} meets its duties under Part 1 of the Care Act 2014. "
        f"{council.place} is served by {council.icb}, and the council works with a wide range of partners."
    )
    blocks += _body(world, rng, genre.SUMMARY_SUBHEADINGS + ("Overview of the area",), genre.SECTION_BIAS["Summary"], _SUMMARY_CHARS)
    theme = None
    themes = {"Working with people": 1, "Providing support": 2, "Ensuring safety": 3, "Leadership": 4}
    theme_titles = {
        "Working with people": "How the local authority works with people",
        "Providing support": "How the local authority provides support",
        "Ensuring safety": "How the local authority ensures safety within the system",
        "Leadership": "Leadership",
    }
    for statement, statement_theme in QUALITY_STATEMENTS:
        if statement_theme != theme:
            theme = statement_theme
            blocks.append(f"Theme {themes[theme]}: {theme_titles[theme]}")
        score = rng.choices((1, 2, 3, 4), weights=(1, 6, 10, 2))[0]
        expect, commitment = genre.STATEMENT_TEXT[statement]
        blocks += [
            statement, f"Score: {score}", f"{score} - {genre.SCORE_WORDS[score]}",
            "What people expect", expect, "The local authority commitment", commitment,
            "Key findings for this quality statement",
        ]
        blocks += _body(world, rng, genre.SUBHEADINGS[statement], genre.SECTION_BIAS[statement], _STATEMENT_CHARS)
    return "\n\n".join(blocks) + "\n"


def _plan(n: int, seed: int, count: int, names: list[str]) -> list[tuple[int, str]]:
    """(council index, file name) of each of ``n`` reports: councils in a seeded order, each
    once per cycle; later cycles add ``-2``, ``-3``, ... to the slug."""
    order = list(range(count))
    random.Random(f"graphkit-corpus:{seed}:order").shuffle(order)
    width = max(3, len(str(n - 1)))
    plan = []
    for i in range(n):
        index, cycle = order[i % count], i // count
        slug = council_slug(names[index]) + (f"-{cycle + 1}" if cycle else "")
        plan.append((index, f"{i:0{width}d}_{slug}.txt"))
    return plan


def generate_corpus(n: int, out_dir: str | Path, *, seed: int = 0) -> list[Path]:
    """Write ``n`` generated assessment reports to ``out_dir``; return their paths.

    Each report is a full assessment in the CQC genre (title line, summary, the nine quality
    statements with headings and scores), about 98 KB of plain text, named
    ``<nnn>_<council-slug>.txt``. The 153 councils of the reference data are taken in a seeded
    order, each once; beyond 153 they repeat as re-assessments (slug suffix ``-2``, ``-3``, ...)
    with the same cast and new text. The same ``n`` and ``seed`` give byte-identical files.

    Parameters
    ----------
    n : int
        Number of reports (>= 0).
    out_dir : str or Path
        Folder to write to (created if missing).
    seed : int
        Seed of the random choices.

    Returns
    -------
    list of Path
        The files written, in order.

    Examples
    --------
    >>> import tempfile
    >>> paths = generate_corpus(1, tempfile.mkdtemp(), seed=1)
    >>> paths[0].read_text(encoding="utf-8").splitlines()[0].endswith(": local authority assessment")
    True
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    councils = _councils()
    trusts = _trusts_by_icb()
    by_icb: dict[str, list[str]] = {}
    for c in councils:
        by_icb.setdefault(c.icb_code, []).append(c.name)
    worlds: dict[int, _World] = {}
    paths = []
    for i, (index, name) in enumerate(_plan(n, seed, len(councils), [c.name for c in councils])):
        council = councils[index]
        if index not in worlds:
            wrng = random.Random(f"graphkit-corpus:{seed}:world:{council.name}")
            neighbours = [x for x in by_icb[council.icb_code] if x != council.name]
            if len(neighbours) < 2:
                neighbours += wrng.sample([c.name for c in councils if c.region == council.region and c.name != council.name], 2)
            neighbours = wrng.sample(neighbours, min(3, len(neighbours)))
            pool = trusts.get(council.icb_code, [])
            own = wrng.sample(pool, min(len(pool), wrng.randint(2, 4)))
            worlds[index] = _World(council, neighbours, own, wrng)
        rng = random.Random(f"graphkit-corpus:{seed}:report:{i}")
        path = out / name
        path.write_bytes(generate_report(council, worlds[index], rng).encode("utf-8"))
        paths.append(path)
    return paths
