"""The text pages: ``index.html``, ``report.html`` and ``entities/<slug>.html``."""

from __future__ import annotations

from collections import Counter, defaultdict
from urllib.parse import quote

from .data import SIZE_MEASURE, Relation, SiteData, predicate_name, type_name
from .html import Markup, bar_chart, e, json_script, link, page, table

__all__ = ["index_page", "report_page", "entity_page", "TOP"]

#: Length of the top lists on the report page.
TOP = 15
_TONES = ("positive", "negative", "mixed", "neutral")


def _entity_link(data: SiteData, node: str, root: str) -> Markup:
    ent = data.entities[node]
    return link(f"{root}entities/{ent.page}.html", ent.name)


def _statements(data: SiteData) -> list[str]:
    """Quality statements scored in any report, sorted."""
    return sorted({s for c in data.councils.values() for s, _, _ in c.scores})


def _council_facts(data: SiteData) -> dict[str, Counter]:
    """Per council: evidence sentences stated in its reports, by tone."""
    out: dict[str, Counter] = defaultdict(Counter)
    for r in data.relations:
        for ev in r.evidence:
            for c in data.report_councils.get(ev.report, ()):
                out[c][ev.tone] += 1
    return out


def index_page(data: SiteData) -> str:
    """Search over every entity, the councils with their CQC scores, links to everything."""
    statements = _statements(data)
    index = [
        [ent.name, type_name(ent.type), f"entities/{ent.page}.html", " ".join(ent.aliases),
         ", ".join(data.entities[c].name for c in ent.councils if c in data.entities)]
        for ent in sorted(data.entities.values(), key=lambda x: (x.name.lower(), x.id))
    ]
    facts = _council_facts(data)
    rows = []
    for c in data.councils.values():
        by_statement = {s: score for s, _, score in c.scores}
        rows.append(
            [_entity_link(data, c.id, ""), link(f"councils/{data.entities[c.id].page}.html", "network"),
             len(c.reports)]
            + [by_statement.get(s, "\u2013") for s in statements]
            + [data.analysis.get("councils", {}).get(c.id, {}).get("partners", data.entities[c.id].degree),
               data.analysis.get("councils", {}).get(c.id, {}).get("facts", sum(facts[c.id].values()))]
        )
    councils = table(
        f"The {len(data.councils)} assessed councils: CQC scores (1 to 4) per quality statement, "
        "partners and evidence",
        ["Council", "View", "Reports"] + statements + ["Stated partners", "Stated facts"],
        rows, numeric=range(2, 5 + len(statements)),
    )
    by_type: dict[str, list] = defaultdict(list)
    for ent in sorted(data.entities.values(), key=lambda x: (x.name.lower(), x.id)):
        by_type[ent.type].append(ent)
    lists = "".join(
        f"<details><summary>{e(type_name(t))} ({len(items)})</summary><ul class=\"gk-columns\">"
        + "".join(f"<li>{link(f'entities/{x.page}.html', x.name)}</li>" for x in items)
        + "</ul></details>"
        for t, items in sorted(by_type.items(), key=lambda kv: type_name(kv[0]).lower())
    )
    s = data.analysis.get("summary", {})
    body = Markup(
        f"<p>{len(data.entities):,} entities and {len(data.relations):,} relations found in "
        f"{len(data.report_councils):,} CQC local authority assessment reports about {len(data.councils):,} councils. "
        f"Every relation links to the sentence that states it. {s.get('facts', 0):,} facts in all.</p>"
        '<ul class="gk-links">'
        f"<li>{link('report.html', 'Analysis report')}: who is central, who brokers between councils, shared bodies, "
        "communities, tone, each council compared.</li>"
        f"<li>{link('network.html', 'Network overview')}: the whole partnership network.</li>"
        "</ul>"
        '<section aria-labelledby="gk-search-h"><h2 id="gk-search-h">Find an entity</h2>'
        '<p><label for="gk-q">Name, alias, type or council</label> '
        '<input type="search" id="gk-q" autocomplete="off" aria-describedby="gk-count" aria-controls="gk-results" '
        'placeholder="e.g. Healthwatch"></p>'
        f'<p id="gk-count" aria-live="polite">Type to search {len(index):,} entities.</p>'
        '<ul id="gk-results" class="gk-results"></ul></section>'
        f'<section aria-labelledby="gk-councils-h"><h2 id="gk-councils-h">Councils</h2>{councils}</section>'
        f'<section aria-labelledby="gk-all-h"><h2 id="gk-all-h">All entities by type</h2>{lists}</section>'
        f"{json_script('gk-index', index)}"
    )
    return page("Partnerships in adult social care", body, scripts=("search.js",), current="index.html")


def _figure(fid: str, title: str, how: str, content: Markup) -> Markup:
    """A figure of the report: heading, one sentence on what it shows and how, then tables and charts."""
    return Markup(f'<section class="gk-figure" aria-labelledby="{e(fid)}"><h2 id="{e(fid)}">{e(title)}</h2>'
                  f"<p>{e(how)}</p>{content}</section>")


def _num(value, fmt: str) -> str:
    """`value` formatted, or a dash when it is missing."""
    return "\u2013" if value is None else fmt.format(value)


def _node_link(data: SiteData, item: dict) -> Markup | str:
    """An analysis node (``{id, label}``; ``id@council`` for a national body's instance) as a link."""
    entity = data.entity_of(item["id"])
    label = item.get("label", item["id"])
    if "@" in item["id"] and entity is not None:
        council = data.entities.get(item["id"].split("@", 1)[1])
        label = f"{label} (for {council.name})" if council else label
    return link(f"entities/{data.entities[entity].page}.html", label) if entity else label


def report_page(data: SiteData) -> str:
    """The analysis' figures as tables and inline SVG charts."""
    stated = [r for r in data.relations if r.stated]
    context = [r for r in data.relations if not r.stated]
    evidence = [ev for r in stated for ev in r.evidence if ev.report]
    figures = []
    figures.append(_figure(
        "f-summary", "The graph in numbers",
        "Counts of the entities and relations read from the reports; a relation is stated when a report sentence "
        "says it, and context when only reference data (such as a council's ICB from ONS lookups) does.",
        table("Counts", ["What", "Number"], [
            ("Entities", len(data.entities)), ("Relations stated by reports", len(stated)),
            ("Context relations (reference data only)", len(context)),
            ("Evidence sentences behind stated relations", len(evidence)),
            ("Reports", len(data.report_councils)), ("Assessed councils", len(data.councils)),
            ("Communities (stated relations)", len(data.analysis.get("communities", []))),
        ], numeric=(1,)),
    ))
    types = Counter(ent.type for ent in data.entities.values())
    type_rows = sorted(((type_name(t), n) for t, n in types.items()), key=lambda x: (-x[1], x[0]))
    figures.append(_figure(
        "f-types", "Entities by type",
        "How many entities of each type the reports name, counted over all entities in the graph.",
        Markup(bar_chart("Entities by type", type_rows) + table("Entities by type", ["Type", "Entities"], type_rows, numeric=(1,))),
    ))
    preds = sorted({r.predicate for r in data.relations}, key=predicate_name)
    pred_rows = [(predicate_name(p), sum(1 for r in stated if r.predicate == p), sum(1 for r in context if r.predicate == p))
                 for p in preds]
    figures.append(_figure(
        "f-predicates", "Relations by kind",
        "How many distinct relations of each kind link two entities, stated by reports and from reference data "
        "(context) counted apart; the chart shows stated relations.",
        Markup(bar_chart("Stated relations by kind", [(p, s) for p, s, _ in sorted(pred_rows, key=lambda x: (-x[1], x[0]))])
               + table("Relations by kind", ["Relation", "Stated", "Context"], pred_rows, numeric=(1, 2))),
    ))
    statements = list(data.analysis.get("statements", ())) or _statements(data)
    rows = []
    for c, row in data.analysis.get("councils", {}).items():
        scores = row.get("scores", {})
        tone = row.get("tone", {})
        rows.append(
            [_node_link(data, row)] + [scores.get(s, "\u2013") for s in statements]
            + [row.get("partners", 0), row.get("facts", 0),
               _num(row.get("facts_per_1000_words"), "{:.1f}") + (" (sparse)" if row.get("sparse") else ""),
               _num(None if tone.get("share") is None else 100 * tone["share"], "{:.0f}%"),
               _num(row.get("betweenness"), "{:.3f}"), _num(row.get("broker"), "{:.3f}")]
        )
    figures.append(_figure(
        "f-councils", "Councils side by side",
        "Each assessed council (all pages about one council count as one assessment) with its CQC scores (1 to 4) per "
        "quality statement, its stated partners, the facts its reports state and that number per 1,000 words of its "
        "reports (extraction coverage: a low figure means a sparse report, not an isolated council), the share of its "
        "facts whose tone is negative or mixed, and its betweenness and broker score, all from analysis.json.",
        table("Councils compared", ["Council"] + statements
              + ["Stated partners", "Facts", "Facts per 1,000 words", "Negative or mixed", "Betweenness", "Broker"],
              rows, numeric=range(1, 8 + len(statements))),
    ))
    sampling = data.analysis.get("betweenness", {})
    sampled = (f"sampled from {sampling.get('k')} pivots with seed {sampling.get('seed')} (an estimate)"
               if sampling.get("sampled") else "exact")
    top = data.analysis.get("centrality", {})
    for fid, measure, title, how, fmt in (
        ("f-degree", "degree", "Most connected entities",
         "The entities with stated relations to the most other entities (networkx degree centrality on the stated "
         "layer: the share of all other nodes each is linked to; context relations left out, national bodies counted "
         "once per council).", "{:.3f}"),
        ("f-betweenness", "betweenness", "Betweenness",
         "The entities that lie on the most shortest paths between other entities (networkx betweenness centrality on "
         f"the stated layer, normalised, {sampled}): bodies that connect otherwise separate parts.", "{:.3f}"),
        ("f-pagerank", "pagerank", "PageRank",
         "The entities PageRank ranks highest on the stated layer (damping 0.85): linked to by many, or by "
         "well-linked, entities.", "{:.4f}"),
    ):
        items = top.get(measure, [])[:TOP]
        chart = bar_chart(title, [(i.get("label", i["id"]), i["score"]) for i in items], fmt=fmt)
        tab = table(title, ["Entity", "Type", "Score"],
                    [(_node_link(data, i), type_name(i.get("type", "")), fmt.format(i["score"])) for i in items],
                    numeric=(2,))
        figures.append(_figure(fid, title, how, Markup(chart + tab) if items else Markup("<p>None.</p>")))
    brokers = data.analysis.get("brokers", [])[:TOP]
    figures.append(_figure(
        "f-brokers", "Brokers between councils",
        "For every pair of assessed councils, the share of the pair's shortest paths on the stated layer that pass "
        "through the entity, averaged over the pairs (networkx betweenness_centrality_subset between councils; 0 to 1).",
        Markup(bar_chart("Brokers between councils", [(b.get("label", b["id"]), b["score"]) for b in brokers], fmt="{:.3f}")
               + table("Brokers between councils", ["Entity", "Type", "Score", "Councils linked"],
                       [(_node_link(data, b), type_name(b.get("type", "")), f"{b['score']:.3f}",
                         ", ".join(data.entities[c].name if c in data.entities else c for c in b.get("councils", ())))
                        for b in brokers], numeric=(2,))) if brokers else Markup("<p>None.</p>"),
    ))
    shared = data.analysis.get("shared_partners", [])
    figures.append(_figure(
        "f-shared", "Bodies shared by councils",
        "Entities that two or more assessed councils have a stated relation with (from the analysis' shared_partners; "
        "reference-data links do not count).",
        table("Shared bodies", ["Entity", "Type", "Councils", "How linked"], [
            (_entity_link(data, p["id"], "") if p["id"] in data.entities else p["label"], type_name(p["type"]),
             ", ".join(data.entities[c].name if c in data.entities else c for c in p["councils"]),
             ", ".join(predicate_name(x) for x in p["predicates"]))
            for p in shared
        ]) if shared else Markup("<p>No entity is linked to two or more councils.</p>"),
    ))
    comm_rows = []
    for c in data.analysis.get("communities", []):
        hub = c.get("hub") or {}
        comm_rows.append((c["id"] + 1, c["size"],
                          ", ".join(data.entities[x].name if x in data.entities else x for x in c.get("councils", ())) or "\u2013",
                          hub.get("label", "")))
    figures.append(_figure(
        "f-communities", "Communities",
        f"Groups of entities more linked among themselves than to the rest (Louvain on the stated layer, seed "
        f"{data.analysis.get('seed', 0)}, entities without relations left out), largest first, with their best-connected member.",
        Markup(bar_chart("Community sizes", [(f"Community {i}", n) for i, n, _, _ in comm_rows[:TOP]])
               + table("Communities", ["Community", "Entities", "Councils", "Best connected member"], comm_rows, numeric=(0, 1))),
    ))
    tones = data.analysis.get("tone", {}).get("overall") or Counter(ev.tone for ev in evidence)
    tone_rows = [(t, tones.get(t, 0)) for t in _TONES]
    figures.append(_figure(
        "f-tone", "How reports speak of relations",
        "The tone the extraction gave each stated fact (negative or mixed: the report describes a strained or poor "
        "relation), counted over all councils as analysis.json does; the councils table gives each council's share.",
        Markup(bar_chart("Evidence by tone", tone_rows) + table("Evidence by tone", ["Tone", "Sentences"], tone_rows, numeric=(1,))),
    ))
    body = Markup(
        "<p>The figures of analysis.json (computed with networkx; docs/analysis.md says how). Measures use relations "
        "stated by reports only, with national bodies counted once per council; context from reference data is counted "
        f"apart. Node sizes in the network views: {e(SIZE_MEASURE)}.</p>"
        '<nav aria-label="Figures"><ul class="gk-links">'
        + "".join(f'<li><a href="#{fid}">{e(t)}</a></li>' for fid, t in (
            ("f-summary", "The graph in numbers"), ("f-types", "Entities by type"), ("f-predicates", "Relations by kind"),
            ("f-councils", "Councils side by side"), ("f-degree", "Most connected entities"),
            ("f-betweenness", "Betweenness"), ("f-pagerank", "PageRank"), ("f-brokers", "Brokers between councils"),
            ("f-shared", "Bodies shared by councils"), ("f-communities", "Communities"),
            ("f-tone", "How reports speak of relations")))
        + "</ul></nav>" + "".join(figures)
    )
    return page("Analysis report", body, current="report.html")


def _evidence_rows(data: SiteData, node: str, relations: list[Relation]) -> list[tuple]:
    """One row per piece of evidence of each relation of `node`."""
    rows = []
    for r in relations:
        other = r.target if r.source == node else r.source
        if r.symmetric:
            what = Markup(f"{e(predicate_name(r.predicate))} {_entity_link(data, other, '../')}")
        elif r.source == node:
            what = Markup(f"{e(predicate_name(r.predicate))} {_entity_link(data, other, '../')}")
        else:
            what = Markup(f"{_entity_link(data, other, '../')} {e(predicate_name(r.predicate))} this")
        for ev in r.evidence or ():
            if ev.report:
                where = data.report_name(ev.report)
                offsets = (link(f"../texts/{quote(ev.report)}.txt", f"text of report {ev.report}, characters {ev.start}\u2013{ev.end}")
                           if ev.start is not None else ev.report)
                rows.append((what, ev.tone, ev.sentence, where, ev.section or "\u2013", offsets))
            else:
                rows.append((what, "context", "", "reference data", "\u2013", ev.source or "reference data"))
        if not r.evidence:
            rows.append((what, r.tone, "", "", "\u2013", ""))
    return rows


def entity_page(data: SiteData, node: str) -> str:
    """Everything about one entity: type, identifiers, aliases, councils, relations with evidence."""
    ent = data.entities[node]
    facts = [("Type", type_name(ent.type))]
    for scheme, value in ent.identifiers:
        facts.append((scheme, value))
    for iri in ent.same_as:
        facts.append(("Same as", iri))
    if ent.label != ent.name:
        facts.append(("Name in the graph", ent.label))
    if ent.aliases:
        facts.append(("Also called", "; ".join(ent.aliases)))
    if ent.councils:
        facts.append(("Named in the reports of", Markup(", ".join(_entity_link(data, c, "../") for c in ent.councils if c in data.entities))))
    if ent.reports:
        facts.append(("Reports", "; ".join(f"{r} ({data.report_name(r)})" for r in ent.reports)))
    facts.append(("Stated relations with", f"{ent.degree} entities"))
    facts.append(("Identifier in the graph", ent.id))
    if node in data.councils:
        c = data.councils[node]
        facts.append(("CQC scores", "; ".join(f"{s or 'overall'}: {score} of 4" for s, _, score in c.scores) or "none found"))
        facts.append(("Network", link(f"../councils/{ent.page}.html", f"{ent.name}: partnership network")))
    dl = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts)
    relations = data.relations_of(node)
    stated = [r for r in relations if r.stated]
    context = [r for r in relations if not r.stated]
    headers = ["Relation", "Tone", "Evidence sentence", "Council", "Section", "Source"]
    body = Markup(
        f'<dl class="gk-facts">{dl}</dl>'
        f'<section aria-labelledby="gk-stated-h"><h2 id="gk-stated-h">Relations stated by reports ({len(stated)})</h2>'
        + (table(f"Relations of {ent.name} stated by reports, one row per evidence sentence", headers,
                 _evidence_rows(data, node, stated)) if stated else Markup("<p>None.</p>"))
        + "</section>"
        + (f'<section aria-labelledby="gk-context-h"><h2 id="gk-context-h">Context from reference data ({len(context)})</h2>'
           "<p>Not stated by any report: derived from public reference data.</p>"
           + table(f"Context relations of {ent.name}", headers, _evidence_rows(data, node, context)) + "</section>"
           if context else "")
    )
    return page(f"{ent.name}", body, root="../")
