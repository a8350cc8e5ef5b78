"""The ``graphkit`` command: thin wrappers over the pipeline and the stages."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from . import __version__
from .errors import GraphkitError

__all__ = ["main", "cli"]

_FORMATS = ("ttl", "trig", "nq", "nt", "jsonld")


def _fail(message: str) -> None:
    click.echo(f"graphkit: error: {message}", err=True)
    sys.exit(1)


class _Group(click.Group):
    """Turn any GraphkitError into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GraphkitError as exc:
            _fail(str(exc))


def _progress_printer(quiet: bool):
    """A rich progress bar on stderr, or nothing."""
    if quiet:
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(),
        console=Console(stderr=True), transient=True,
    )
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done)

    return bar, update


def _run_build(paths, jobs, rules, corrections, quiet, validate=True, cache=None, min_confidence=None,
               max_size=None):
    from .ingest import DEFAULT_MAX_SIZE
    from .pipeline import build

    bar, update = _progress_printer(quiet)
    with bar if bar is not None else contextlib.nullcontext():
        result = build(paths or ("seeds",), jobs=jobs, rules_dirs=rules,
                       corrections=corrections, validate=validate, progress=update, cache=cache,
                       min_confidence=min_confidence, max_size=max_size or DEFAULT_MAX_SIZE)
    for failure in result.failures:
        click.echo(f"graphkit: error: {failure.message}", err=True)
    for warning in result.duplicate_texts:
        click.echo(f"graphkit: warning: {warning}", err=True)
    for x in result.extractions:
        for warning in x.report.warnings:
            click.echo(f"graphkit: warning: {warning}", err=True)
    for warning in result.resolution.warnings:
        kind = "note" if warning.startswith("correction suppress") else "warning"
        click.echo(f"graphkit: {kind}: {warning}", err=True)
    return result


# not readable=True: an unreadable input is the build's failure to report, not a usage error
_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))


class _Size(click.ParamType):
    """A size such as 50MB, 500KB, 2MiB or a number of bytes."""

    name = "size"

    def convert(self, value, param, ctx):
        from .ingest import parse_size

        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


_max_size = click.option(
    "--max-size", type=_Size(), default="20MB", show_default=True, metavar="SIZE",
    help="Refuse input files larger than SIZE (e.g. 50MB, 500KB), checked before reading them.")
_jobs = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Worker processes for per-report work (default: all cores).")
_rules = click.option("--rules", "rules", multiple=True, type=click.Path(exists=True, file_okay=False),
                      help="Extra rule folder in the format of graphkit/data/ (repeatable).")
_corrections = click.option("--corrections", type=click.Path(exists=True, dir_okay=False),
                            help="Corrections file (default: corrections.toml beside the inputs).")
_quiet = click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
_min_confidence = click.option(
    "--min-confidence", type=click.FloatRange(0.0, 1.0), default=None, metavar="X",
    help="Assert relations with confidence >= X; keep the others as candidates for review "
         "(default 0.5; 0 asserts every relation).")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
def cli() -> None:
    """Build partnership knowledge graphs from CQC local authority assessment reports.

    Reports are plain text, CQC HTML pages or PDF downloads. Every fact in the graph points
    back to the sentence that states it.
    """


@cli.command()
@_paths
@click.option("--out", "-o", "out_dir", type=click.Path(path_type=Path),
              default=Path("out"), show_default=True, help="Output folder.")
@_jobs
@_rules
@_corrections
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of the report graphs.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Build cache folder (default: $GRAPHKIT_CACHE_DIR or ~/.cache/graphkit).")
@click.option("--no-cache", is_flag=True, help="Build everything afresh; read and write no cache.")
@_min_confidence
@click.option("--wait", is_flag=True,
              help="If another graphkit is writing --out, wait for it to end (default: stop at once).")
@_max_size
@_quiet
def build(paths, out_dir, jobs, rules, corrections, no_validate, cache_dir, no_cache, min_confidence, wait, max_size,
          quiet) -> None:
    """Build the graph of PATHS (files or folders; default: seeds/) into --out.

    Writes graph.ttl (merged), graph.trig (one named graph per report), graph.jsonld,
    analysis.json, entities.csv, relations.csv, councils.csv, graph.graphml, graph.gexf,
    graph.sqlite, merges.csv, review.csv (relations below --min-confidence),
    texts/<report-id>.txt, manifest.json and the site (index.html, report.html, network.html,
    councils/, entities/, assets/).
    --out is replaced in one step, so it always holds one whole build; while a build runs,
    .OUT.lock beside --out keeps a second build out (it stops at once, or waits with --wait).
    Exits 1 when any file failed (the others are still built), the graph does not conform
    to the shapes, or --out cannot be written (the previous --out is then unchanged).
    """
    from .output import output_lock

    try:
        with output_lock(out_dir, wait=wait):
            manifest, result = _build_and_publish(paths, out_dir, jobs, rules, corrections, no_validate,
                                                  cache_dir, no_cache, min_confidence, max_size, quiet)
    except OSError as exc:  # a temporary file, the cache folder, ...: one line, not a traceback
        where = exc.filename or out_dir
        problem = exc.strerror or str(exc)
        _fail(f"{where}: {problem[:1].lower()}{problem[1:]}; {out_dir} left unchanged")
    if not quiet:
        c = manifest["counts"]
        click.echo(
            f"graphkit: {c['reports']} reports, {c['entities']} entities, {c['relations']} relations "
            f"({c['candidates']} {'candidate' if c['candidates'] == 1 else 'candidates'} for review), {c['triples']} triples -> {out_dir}/", err=True,
        )
    if result.failures:
        sys.exit(1)


def _build_and_publish(paths, out_dir, jobs, rules, corrections, no_validate, cache_dir, no_cache,
                       min_confidence, max_size, quiet):
    """Build PATHS and publish the outputs into ``out_dir``; return the manifest and the Build."""
    from .publishing import build_outputs

    cache = False if no_cache else (cache_dir or True)
    result = _run_build(paths, jobs, rules, corrections, quiet, validate=not no_validate, cache=cache,
                        min_confidence=min_confidence, max_size=max_size)
    if result.violations:
        for v in result.violations[:50]:
            click.echo(f"graphkit: shape violation: {v}", err=True)
        _fail(f"the graph does not conform to ontology/shapes.ttl ({len(result.violations)} violations); "
              f"{out_dir} left unchanged")
    if not result.extractions:
        _fail(f"no report could be read; {out_dir} left unchanged")
    return build_outputs(result, out_dir), result


@cli.command(name="eval")
@_paths
@click.option("--gold", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Gold folder (default: tests/gold/ when present).")
@click.option("--out", "-o", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out/eval"), show_default=True, help="Where the per-report JSON goes.")
@_jobs
@_rules
@_corrections
@_min_confidence
@_max_size
@_quiet
def eval_(paths, gold, out_dir, jobs, rules, corrections, min_confidence, max_size, quiet) -> None:
    """Write each report's graph as gold-format JSON and score it against --gold.

    The JSON is read back from the RDF graph by SPARQL, so it shows what the graph holds:
    asserted facts only, never candidates below --min-confidence.
    Exits 0 whatever the score; 1 only on an error.
    """
    from .evaluate import format_scores, read_back, score
    from .output import publish

    result = _run_build(paths, jobs, rules, corrections, quiet, validate=False, min_confidence=min_confidence,
                        max_size=max_size)
    docs = read_back(result.dataset)
    publish({f"{rid}.json": json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
             for rid, doc in docs.items()}, out_dir)
    if gold is None and Path("tests/gold").is_dir():
        gold = Path("tests/gold")
    if gold is not None:
        if not Path(gold).is_dir():
            _fail(f"{gold}: no such gold folder")
        scored = {p.stem for p in Path(gold).glob("*.json")} & set(docs)
        if scored:
            click.echo(format_scores(score(gold, out_dir, only=sorted(scored)), per_predicate=True))
        else:
            click.echo(f"no gold in {gold} for these reports; JSON written to {out_dir}/")
    if result.failures:
        sys.exit(1)


def _load(graph_path: Path):
    from .loading import load_dataset

    return load_dataset(graph_path)


@cli.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("query", required=False)
@click.option("--file", "-f", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the SPARQL query from a file.")
@click.option("--bind", "-b", multiple=True, metavar="NAME=VALUE",
              help="A ready query's parameter (an entity by name, alias, id or IRI, any case), or a variable "
                   "of SPARQL text (an IRI if VALUE looks like one, else a literal).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
def query(graph, query, query_file, bind, fmt) -> None:
    """Run SPARQL over GRAPH (.ttl, .trig, .nq, .jsonld).

    QUERY is SPARQL text or the name of a ready query (see `graphkit queries`); a ready query's
    required parameters must be bound.
    """
    from .query import READY, format_result, parse_bindings, run_query
    from .query.run import prepare_query

    if (query is None) == (query_file is None):
        raise click.UsageError("give a QUERY or --file, not both or neither")
    text = query if query is not None else query_file.read_text(encoding="utf-8")
    bindings = parse_bindings(bind)
    prepare_query(text, bindings)  # a missing or unknown parameter fails before the graph loads
    from .query.engine import load_store

    data = load_store(graph)
    if text.strip() in READY:
        _warn_unmatched_parameters(data, READY[text.strip()], bindings)
    else:
        _warn_unknown_entities(data, bindings)
    click.echo(format_result(run_query(data, text, bindings), fmt), nl=False)


def _warn_unmatched_parameters(data, ready, bindings: dict) -> None:
    """Say so when a ready query's entity or relation parameter names nothing in the graph."""
    from .model import PREDICATES
    from .query import matching_entities

    for name, kind, _ in ready.params:
        value = bindings.get(name)
        if value is None:
            continue
        if kind == "entity" and not matching_entities(data, value):
            click.echo(f"graphkit: warning: {name}={value} names no entity of this graph (ids, names and aliases "
                       "are matched, any case; `graphkit query GRAPH councils` lists the councils)", err=True)
        elif kind == "term" and value.strip().split(":")[-1].split("#")[-1].lower() not in {p.lower() for p in PREDICATES}:
            click.echo(f"graphkit: warning: {name}={value} is not a graphkit relation; "
                       f"choose from: {', '.join(PREDICATES)}", err=True)


def _warn_unknown_entities(data, bindings: dict) -> None:
    """Say so when a bound entity id is not in the graph (the query would silently match nothing)."""
    import pyoxigraph as ox

    from .rdf import GKD

    from .model import PREDICATES

    for name, value in sorted(bindings.items()):
        text = str(value)
        if name == "predicate" and text.split(":")[-1].split("#")[-1] not in PREDICATES:
            click.echo(f"graphkit: warning: predicate={text} is not a graphkit relation; "
                       f"choose from: {', '.join(PREDICATES)}", err=True)
            continue
        try:
            if text.startswith("gkd:"):
                iri = ox.NamedNode(str(GKD) + text[4:])
            elif text.startswith(str(GKD)):
                iri = ox.NamedNode(text)
            else:
                continue
        except ValueError:
            iri = None
        if iri is None or not (any(True for _ in data.store.quads_for_pattern(iri, None, None))
                               or any(True for _ in data.store.quads_for_pattern(None, None, iri))):
            click.echo(f"graphkit: warning: {name}={text} is not an entity of this graph "
                       "(see `graphkit explain` or the councils query for ids)", err=True)


@cli.command()
def queries() -> None:
    """List the ready queries and their parameters."""
    from .query import describe_queries

    click.echo(describe_queries(), nl=False)


@cli.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; 0 picks a free one.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              help="Seconds each query may run; then its worker process is killed and the client gets 503.")
@click.option("--workers", type=click.IntRange(min=1), default=4, show_default=True,
              help="Worker processes running queries (queries that may run at once).")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Most solutions or triples sent; more are cut, with the header X-SPARQL-MaxRows.")
@click.option("--log", "log_requests", is_flag=True, help="Print one line per request to stderr.")
def serve(graph, host, port, timeout, workers, max_rows, log_requests) -> None:
    """Serve GRAPH as a read-only SPARQL endpoint (SPARQL 1.1 Protocol) until Ctrl-C.

    Queries go to /sparql (GET or POST); / has a query box and lists the ready queries, run at
    /queries/NAME. Each query runs in a worker process, ended at --timeout.
    """
    import signal

    from .query.endpoint import is_loopback, make_server

    def stop(signum, frame):  # also when started in the background, where SIGINT is ignored
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    log = (lambda line: click.echo(line, err=True)) if log_requests else None
    try:
        server = make_server(graph, host, port, timeout=timeout, max_rows=max_rows, workers=workers, log=log)
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    try:
        if not is_loopback(host):
            click.echo(f"graphkit: warning: listening on {host}, reachable beyond this machine", err=True)
        click.echo(f"graphkit: SPARQL endpoint at {server.url}sparql (Ctrl-C to stop)", err=True)
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("graphkit: stopped", err=True)
    finally:
        server.server_close()


@cli.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--store", metavar="URL", help="The store's base URL, e.g. http://127.0.0.1:8890 (Virtuoso).")
@click.option("--product", type=click.Choice(["auto", "virtuoso", "oxigraph"]), default="auto", show_default=True,
              help="The store's endpoint layout; auto asks the store (its Server header).")
@click.option("--gsp", metavar="URL", help="Graph Store Protocol endpoint (instead of the product's).")
@click.option("--update", metavar="URL", help="SPARQL update endpoint (instead of the product's).")
@click.option("--query", metavar="URL", help="SPARQL query endpoint (default: the product's, else --update).")
@click.option("--user", "-u", help="Log in as this user.")
@click.option("--password-env", "password_env", metavar="VAR", default="GRAPHKIT_STORE_PASSWORD", show_default=True,
              help="Environment variable holding --user's password (never on the command line).")
@click.option("--auth", "auth_scheme", type=click.Choice(["auto", "basic", "digest"]), default="auto",
              show_default=True, help="HTTP authentication; auto answers the store's challenge.")
@click.option("--shacl", is_flag=True, help="Also check the graph against ontology/shapes.ttl before sending.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              help="Seconds to wait for each answer from the store.")
def push(graph, store, product, gsp, update, query, user, password_env, auth_scheme, shacl, timeout) -> None:
    """Load GRAPH (a built graph.trig) into a SPARQL store, one named graph per report.

    Each named graph is replaced safely: the file is checked first (a file that fails sends
    nothing), every graph goes into a temporary graph of its own, and only when all have
    arrived whole are they copied over the old ones in one update. On failure the temporaries
    are dropped and the store's graphs are left as they were. Graphs the file does not hold
    are left alone.
    """
    from .push import push_graph

    password = None
    if user is not None:
        password = os.environ.get(password_env)
        if not password:
            _fail(f"--user {user}: put the password in the environment variable {password_env} "
                  "(--password-env names another); it is never taken on the command line")
    report = push_graph(graph, store, product=product, gsp=gsp, update=update, query=query, user=user,
                        password=password, auth=auth_scheme, shacl=shacl, timeout=timeout)
    for warning in report.warnings:
        click.echo(f"graphkit: warning: {warning}", err=True)
    click.echo(f"graphkit: {len(report.graphs)} graphs ({report.triples} triples) replaced in {report.store}", err=True)


@cli.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="ttl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here (atomically) instead of stdout.")
def export(graph, fmt, output) -> None:
    """Convert GRAPH to another RDF format (named graphs kept for trig and nq)."""
    from .output import atomic_write
    from .rdf import serialize

    data = serialize(_load(graph), fmt)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        atomic_write(output, data)


@cli.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "-o", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder to write the site into.")
def site(graph, out_dir) -> None:
    """Write the browsable site of GRAPH (index.html, report.html, network.html, councils/, entities/)."""
    from .analyse import analyse
    from .rdf import union_graph
    from .site import write_site

    merged = union_graph(_load(graph))
    written = write_site(merged, out_dir, analyse(merged))
    click.echo(f"{out_dir}: {len(written)} files")


@cli.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate(graph) -> None:
    """Check GRAPH against ontology/shapes.ttl; print each violation, exit 1 if any."""
    from .rdf import union_graph, validate as run_validate

    merged = union_graph(_load(graph))
    from rdflib import RDF

    from .rdf import GK

    if not any(merged.triples((None, RDF.type, GK.Report))):
        _fail(f"{graph}: holds no gk:Report, so it is not a graph graphkit built; nothing to validate")
    violations = run_validate(merged)
    for v in violations:
        click.echo(v)
    if violations:
        _fail(f"{graph}: {len(violations)} shape violations")
    click.echo(f"{graph}: conforms")


@cli.command(name="analyse")
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "-o", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out/analysis"), show_default=True, help="Folder the analysis files go to.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of Louvain communities and sampled betweenness (a build uses 0).")
def analyse_(graph, out_dir, seed) -> None:
    """Recompute the analysis of GRAPH (a built graph.trig, .ttl, .nq or .jsonld) into --out.

    Writes analysis.json, entities.csv, relations.csv, councils.csv, graph.graphml, graph.gexf
    and graph.sqlite, as `graphkit build` does (the same bytes for the same graph and seed),
    all at once or none.
    """
    from .analyse import analyse as run_analysis
    from .output import publish
    from .query.engine import load_store
    from .tables import analysis_files

    analysis = run_analysis(load_store(graph), seed=seed)
    if not analysis.summary["reports"]:
        click.echo(f"graphkit: warning: {graph} holds no gk:Report; the figures are about its relations only", err=True)
    publish(analysis_files(analysis), out_dir)
    s = analysis.summary
    click.echo(f"graphkit: {s['assessments']} assessed councils ({s['reports']} reports), {s['entities']} entities, "
               f"{s['relations']} stated relations, {analysis.context['summary']['relations']} context relations "
               f"-> {out_dir}/", err=True)


@cli.command()
@click.argument("entity")
@_paths
@_rules
@_corrections
@_jobs
@_max_size
def explain(entity, paths, rules, corrections, jobs, max_size) -> None:
    """Explain how ENTITY (label, alias or id) was built from PATHS (default: seeds/).

    Lists its surface forms, the reports and sentences, identifiers, and why each form was
    merged (rule or match score, or a person's correction).
    """
    from .resolve import explain as run_explain

    result = _run_build(paths, jobs, rules, corrections, True, validate=False, max_size=max_size)
    click.echo(run_explain(result.resolution, result.extractions, entity))


@cli.command()
@_paths
@click.option("--repeat", "-r", type=click.IntRange(min=1), default=None,
              help="Runs per measurement (PATHS: builds, default 3; national: each ready query, default 20).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (PATHS: default 1; national: default all cores).")
@click.option("--generate", nargs=2, type=(click.IntRange(min=0), click.Path(file_okay=False, path_type=Path)),
              default=None, metavar="N DIR",
              help="Write a generated corpus of N full reports to DIR and exit (no timing).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the generated corpus.")
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=Path("benchmarks/corpus"),
              show_default=True, help="National benchmark: the corpus (generated with 153 reports if missing).")
@click.option("--scales", default="1/16,1/4,1", show_default=True, help="National benchmark: fractions of the corpus.")
@click.option("--results", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("benchmarks/results.json"), show_default=True,
              help="National benchmark: where the results go (and the table into docs/benchmarks.md beside it).")
@click.option("--rdflib-budget", type=click.FloatRange(min=1), default=120.0, show_default=True,
              help="National benchmark: seconds rdflib's engine gets per scale for the reference queries.")
def bench(paths, repeat, jobs, generate, seed, corpus, scales, results, rdflib_budget) -> None:
    """Benchmark graphkit: the national corpus at three scales, or the stages on PATHS.

    With no PATHS, build the national corpus (--corpus, generated if missing) at 1/16, 1/4 and
    1x in fresh processes, without and with validation: wall time per stage, MB/s and peak
    memory; every ready query --repeat times (p50/p95); the floor (read + one regex pass) and
    the ready queries on rdflib's engine as references. Writes --results as JSON, the tables to
    docs/benchmarks.md (between its bench markers) and prints them.

    With PATHS, time each stage of --repeat builds of PATHS in this process (JSON).

    With --generate N DIR, write N generated reports in the genre (real council, ICB and trust
    names, everything else fiction; the same N and --seed give the same bytes) and exit.
    """
    if generate is not None:
        from .benchmark import generate_corpus

        n, out_dir = generate
        written = generate_corpus(n, out_dir, seed=seed)
        size = sum(p.stat().st_size for p in written)
        click.echo(f"graphkit: {len(written)} files, {size / 1e6:.1f} MB -> {out_dir}/")
        return
    if paths:
        from .benchmark import run_bench

        click.echo(json.dumps(run_bench(paths, repeat=repeat or 3, jobs=jobs or 1), indent=2))
        return
    from fractions import Fraction

    from .benchmark import generate_corpus
    from .benchmark.scale import markdown_table, run_national, update_docs
    from .output import atomic_write

    try:
        fractions = tuple(Fraction(x.strip()) for x in scales.split(","))
    except (ValueError, ZeroDivisionError):
        _fail(f"--scales {scales!r}: give fractions such as 1/16,1/4,1")
    if not corpus.is_dir():
        written = generate_corpus(153, corpus, seed=seed)
        click.echo(f"graphkit: generated {len(written)} reports -> {corpus}/", err=True)
    report = run_national(corpus, jobs=jobs or os.cpu_count() or 1, scales=fractions, repeat=repeat or 20,
                          rdflib_budget=rdflib_budget, log=lambda m: click.echo(m, err=True))
    atomic_write(results, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    table = markdown_table(report)
    docs = Path("docs/benchmarks.md")
    if docs.is_file():
        atomic_write(docs, update_docs(docs.read_text(encoding="utf-8"), table))
    click.echo(table)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the console script."""
    import logging

    # rdflib logs a traceback for each ill-typed literal it reads; validation reports them in one line
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    cli.main(args=argv, prog_name="graphkit")
