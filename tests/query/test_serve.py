"""`graphkit serve` started as a real subprocess: real clients, a fresh server's first requests,
runaway queries stopped at the limit, and no worker process left behind."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import sys
import threading
import time
import warnings
import xml.dom.minidom
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import ProxyHandler, Request, build_opener

import pytest
from rdflib import Graph, Literal, URIRef

from graphkit.rdf import serialize, to_dataset

pytestmark = pytest.mark.slow  # each server start spawns worker processes: seconds

ROOT = Path(__file__).parents[2]
LIMIT = 2  # seconds: the --timeout the runaway tests use
WORKERS = 3
_OPENER = build_opener(ProxyHandler({}))  # loopback only: never through a proxy
LONG = "http://example.org/long"
ODD = "bell\x07, start of heading\x01, vertical tab\x0b, FFFE \ufffe and tab\t"

SIMPLE = "SELECT ?s ?o WHERE { ?s gk:partnersWith ?o } ORDER BY ?s ?o"
FORMS = {
    "SELECT": SIMPLE,
    "ASK": "ASK { ?s gk:partnersWith ?o }",
    "CONSTRUCT": "CONSTRUCT { ?s gk:partnersWith ?o } WHERE { ?s gk:partnersWith ?o }",
    "DESCRIBE": "DESCRIBE gkd:exampleton-council",
}
RUNAWAYS = {
    "cross join": 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), "!")) }',
    "backtracking regex": f'SELECT ?s WHERE {{ ?s <{LONG}> ?o . ?t <{LONG}> ?u FILTER REGEX(CONCAT(?o, ?u), "(a+)+b") }}',
    "huge aggregate": "SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } GROUP BY ?a",
}


def children(pid: int) -> set[int]:
    """Running processes (not zombies) whose parent is ``pid`` (from /proc)."""
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, parent = stat.rsplit(")", 1)[1].split()[:2]
            if int(parent) == pid and state != "Z":
                out.add(int(entry.name))
    return out


def running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(condition, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def request(url: str, query: str, accept: str | None = None, timeout: float = 120) -> tuple[int, bytes]:
    req = Request(url + "?" + urlencode({"query": query}), headers={"Accept": accept} if accept else {})
    try:
        with _OPENER.open(req, timeout=timeout) as resp:
            return resp.status, resp.read()
    except HTTPError as err:
        with err:
            return err.code, err.read()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    """The hand-built test dataset, a graph of 300 long literals, and a literal with control characters."""
    records = sys.modules["graphkit_test_records"]
    extraction = records.make_extraction()
    dataset = to_dataset([extraction], records.make_resolution([extraction]))
    dataset.graph(URIRef("https://graphkit.example/graph/odd")).add(
        (URIRef("http://example.org/odd"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(ODD)))
    path = tmp_path_factory.mktemp("serve") / "graph.trig"
    long = "".join(f'  <http://example.org/x{i}> <{LONG}> "{"a" * 5000}" .\n' for i in range(300))
    path.write_bytes(serialize(dataset, "trig") + f"\n<https://graphkit.example/graph/long> {{\n{long}}}\n".encode())
    return path


@contextmanager
def serve(path: Path, *options: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """``graphkit serve PATH --port 0 OPTIONS`` in a subprocess, and its /sparql URL once it listens."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(name, None)
    proc = subprocess.Popen([sys.executable, "-m", "graphkit", "serve", str(path), "--port", "0", *options],
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    try:
        line = proc.stderr.readline()
        assert "SPARQL endpoint at http://127.0.0.1:" in line, line + proc.stderr.read()
        yield proc, line.split(" at ", 1)[1].split()[0]
    finally:
        if proc.poll() is None:
            proc.terminate()  # SIGTERM: the server ends its workers and removes its store
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=60)
        proc.stderr.close()


@pytest.fixture(scope="module")
def served(graph_file):
    """One `graphkit serve` for the module; stopped with SIGINT at the end, which must leave no worker."""
    with serve(graph_file, "--timeout", str(LIMIT), "--workers", str(WORKERS)) as (proc, url):
        assert wait_for(lambda: len(children(proc.pid)) == WORKERS)
        yield proc, url
        workers = children(proc.pid)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
        assert "stopped" in proc.stderr.read()
        assert wait_for(lambda: not any(running(pid) for pid in workers))


@pytest.fixture
def sparqlwrapper(monkeypatch):
    import SPARQLWrapper

    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    return SPARQLWrapper


def _rows(result) -> int:
    """How many solutions or triples a client's converted result holds, whatever its shape."""
    if isinstance(result, dict):
        return len(result["results"]["bindings"]) if "results" in result else int(result["boolean"])
    if isinstance(result, xml.dom.minidom.Document):
        if result.getElementsByTagName("boolean"):
            return int(result.getElementsByTagName("boolean")[0].firstChild.data == "true")
        return len(result.getElementsByTagName("result"))
    if isinstance(result, Graph):
        return len(result)
    raise AssertionError(f"unexpected result {type(result)}")


def _expected(form: str, url: str) -> int:
    status, body = request(url, FORMS[form], "application/n-triples" if form in ("CONSTRUCT", "DESCRIBE")
                           else "application/sparql-results+json")
    assert status == 200
    if form in ("CONSTRUCT", "DESCRIBE"):
        return len(Graph().parse(data=body.decode(), format="nt"))
    doc = json.loads(body)
    return int(doc["boolean"]) if form == "ASK" else len(doc["results"]["bindings"])


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("form", list(FORMS))
def test_serve_sparqlwrapper_default_format(served, sparqlwrapper, form, method):
    _, url = served
    client = sparqlwrapper.SPARQLWrapper(url)
    client.setMethod(method)
    client.setQuery(FORMS[form])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's ConjunctiveGraph, inside SPARQLWrapper
        result = client.query().convert()
    want = _expected(form, url)
    assert want > 0 and _rows(result) == want


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv", "turtle", "n3", "json-ld", "rdf+xml"])
@pytest.mark.parametrize("form", list(FORMS))
def test_serve_sparqlwrapper_explicit_formats(served, sparqlwrapper, form, fmt):
    """Every return format SPARQLWrapper has, for every form: an answer it converts, never an error."""
    _, url = served
    client = sparqlwrapper.SPARQLWrapper(url)
    client.setQuery(FORMS[form])
    client.setReturnFormat(fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SPARQLWrapper warns when a format does not fit the query form
        result = client.query().convert()
    if isinstance(result, bytes):  # CSV, TSV, Turtle: SPARQLWrapper hands back the text
        text = result.decode()
        assert text.strip()
        if form in ("CONSTRUCT", "DESCRIBE"):
            assert len(Graph().parse(data=text, format="turtle")) == _expected(form, url)
    else:
        assert _rows(result) == _expected(form, url)


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_serve_rdflib_sparqlstore_every_form(served, method, monkeypatch):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    _, url = served
    graph = Graph(SPARQLStore(url, method=method))
    for form, query in FORMS.items():
        result = graph.query(query)
        got = int(result.askAnswer) if form == "ASK" else len(result)
        assert got == _expected(form, url) > 0, form
    triples = list(graph.triples((URIRef("https://graphkit.example/id/exampleton-council"), None, None)))
    assert triples


def test_serve_xml_stays_well_formed_with_control_characters(served, sparqlwrapper):
    _, url = served
    client = sparqlwrapper.SPARQLWrapper(url)  # default: SPARQL XML, parsed by minidom
    client.setQuery("SELECT ?label WHERE { <http://example.org/odd> rdfs:label ?label }")
    doc = client.query().convert()
    text = doc.getElementsByTagName("literal")[0].firstChild.data
    assert text == re.sub("[\x01\x07\x0b\ufffe]", "\ufffd", ODD)
    client.setQuery("CONSTRUCT { <http://example.org/odd> rdfs:label ?label } WHERE { <http://example.org/odd> rdfs:label ?label }")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        assert len(client.query().convert()) == 1
    status, body = request(url, "SELECT ?label WHERE { <http://example.org/odd> rdfs:label ?label }")
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["label"]["value"] == ODD  # JSON keeps them


@pytest.mark.parametrize("kind", list(RUNAWAYS))
def test_serve_runaway_query_is_stopped_and_its_worker_ended(served, kind):
    proc, url = served
    assert wait_for(lambda: len(children(proc.pid)) == WORKERS)  # the pool is whole again
    before = children(proc.pid)
    answer: dict[str, tuple[int, bytes, float]] = {}

    def runaway() -> None:
        started = time.monotonic()
        status, body = request(url, RUNAWAYS[kind])
        answer["runaway"] = (status, body, time.monotonic() - started)

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)  # the runaway is running in its worker
    started = time.monotonic()
    status, body = request(url, SIMPLE)
    simple_seconds = time.monotonic() - started
    thread.join(120)
    assert status == 200 and body
    assert simple_seconds < 1.0, f"a simple query took {simple_seconds:.2f} s beside a runaway"  # the bound
    status, body, seconds = answer["runaway"]
    assert status == 503 and b"time limit" in body
    assert LIMIT <= seconds < LIMIT + 5
    def ended() -> set[int]:
        return {pid for pid in before if not running(pid)}

    assert wait_for(lambda: len(ended()) >= 1, 10), "the runaway's worker still runs"
    assert len(ended()) == 1, f"only the runaway's worker should have ended, not {sorted(ended())}"
    assert wait_for(lambda: len(children(proc.pid)) == WORKERS)


def test_serve_sixteen_clients_at_once_on_a_fresh_server(graph_file):
    """Half send SPARQL, half a ready query (its values bound in the server) at the same moment."""
    with serve(graph_file, "--workers", "2") as (_, url):
        ready = url.replace("/sparql", "/queries/partners_of?council=exampleton-council")
        answers: dict[int, tuple[int, bytes]] = {}
        gate = threading.Barrier(16)

        def client(i: int) -> None:
            gate.wait()
            if i % 2:
                answers[i] = request(url, SIMPLE, "text/csv")
            else:
                with _OPENER.open(Request(ready, headers={"Accept": "text/csv"}), timeout=120) as resp:
                    answers[i] = resp.status, resp.read()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert sorted(answers) == list(range(16)) and {status for status, _ in answers.values()} == {200}
        assert len({body for i, (_, body) in answers.items() if i % 2}) == 1
        assert len({body for i, (_, body) in answers.items() if not i % 2}) == 1
        assert answers[0][1].count(b"\n") > 1


def test_serve_sigkill_leaves_no_worker(graph_file):
    with serve(graph_file, "--workers", "2") as (proc, _):
        assert wait_for(lambda: len(children(proc.pid)) == 2)
        workers = children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        assert wait_for(lambda: not any(running(pid) for pid in workers), 10), "workers outlived the server"
    left = list(Path(tempfile.gettempdir()).glob(f"graphkit-serve-{proc.pid}-*"))
    assert left  # a killed server cannot clean up: the next one does
    with serve(graph_file, "--workers", "1"):
        assert not any(path.exists() for path in left)


def test_serve_readme_curl_example_works(served):
    _, url = served
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### SPARQL endpoint", 1)[1].split("\n## ", 1)[0]
    command = re.search(r"^(curl .*http://127\.0\.0\.1:8000/sparql)$", section, re.M).group(1)
    argv = [arg.replace("http://127.0.0.1:8000/sparql", url) for arg in shlex.split(command)]
    if shutil.which("curl"):
        done = subprocess.run([*argv, "--silent", "--show-error", "--fail", "--noproxy", "*"],
                              capture_output=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        text = done.stdout.decode()
    else:  # the same request: POST of the url-encoded query, with the same Accept header
        query = next(a for a in argv if a.startswith("query=")).split("=", 1)[1]
        accept = next(a for a in argv if a.startswith("Accept:")).split(":", 1)[1].strip()
        req = Request(url, data=urlencode({"query": query}).encode(), headers={"Accept": accept})
        with _OPENER.open(req, timeout=60) as resp:
            text = resp.read().decode()
    lines = text.splitlines()
    assert lines[0] == "council,partner" and len(lines) > 1


def test_serve_bad_graph_file_is_one_line_error(tmp_path):
    from click.testing import CliRunner

    from graphkit.cli import cli

    bad = tmp_path / "graph.ttl"
    bad.write_text("<http://a.example/s> <http://a.example/p> .\n", encoding="utf-8")
    before = set(Path(tempfile.gettempdir()).glob(f"graphkit-serve-{os.getpid()}-*"))
    result = CliRunner().invoke(cli, ["serve", str(bad), "--port", "0"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and str(bad) in result.output and "not valid" in result.output
    assert set(Path(tempfile.gettempdir()).glob(f"graphkit-serve-{os.getpid()}-*")) == before  # nothing left
