"""What push checks before it sends anything: the graph file, the store's URLs, the password (no store needed)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import graphkit.push
from graphkit.cli import cli
from graphkit.push import PRODUCTS, PushError, read_payload, resolve_endpoints, server_message

from .servers import free_port

REPORT = ("<https://graphkit.example/id/report/r> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
          "<https://graphkit.example/ns#Report>")


def _push(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, ["push", *args], env=env or {})


def _one_line_error(result, *parts: str) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("graphkit: error: "), result.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def nowhere() -> str:
    """A store URL nothing listens on: any request would fail as unreachable."""
    return f"http://127.0.0.1:{free_port()}"


def test_payload_holds_each_named_graph_as_ntriples(seeds_trig):
    payload = read_payload(seeds_trig)
    names = [p.name.value for p in payload.parts]
    assert names == sorted(names) and names[-1] == "https://graphkit.example/graph/entities" and len(names) == 4
    for part in payload.parts:
        assert part.triples == len(part.ntriples.splitlines()) > 0
    import pyoxigraph as ox

    whole = ox.Store()
    whole.load(path=str(seeds_trig), format=ox.RdfFormat.TRIG)
    assert payload.triples == len(whole)


@pytest.mark.parametrize(("name", "text", "problem"), [
    ("graph.ttl", f"{REPORT} .\n", "give a graph.trig or .nq file"),
    ("graph.trig", f"<https://graphkit.example/graph/r> {{ {REPORT} .\n", "not valid TriG"),
    ("graph.trig", f"{REPORT} .\n", "outside any named graph"),
    ("graph.trig", f"_:g {{ {REPORT} . }}\n", "blank node"),
    ("graph.trig", "<https://graphkit.example/graph/r> { <urn:a> <urn:b> <urn:c> . }\n", "holds no gk:Report"),
    ("graph.nq", f"{REPORT} <https://graphkit.example/graph/r> .\n<urn:a> <urn:b> .\n", "not valid N-Quads"),
])
def test_bad_graph_file_is_refused_before_any_request(tmp_path, nowhere, name, text, problem):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PushError, match=problem):
        read_payload(path)
    _one_line_error(_push(str(path), "--store", nowhere), str(path), problem, "nothing sent")


def test_password_comes_only_from_the_environment(seeds_trig, nowhere):
    line = _one_line_error(_push(str(seeds_trig), "--store", nowhere, "--user", "dba"),
                           "GRAPHKIT_STORE_PASSWORD", "never taken on the command line")
    assert "unreachable" not in line
    _one_line_error(_push(str(seeds_trig), "--store", nowhere, "--user", "dba", "--password-env", "MY_PW"), "MY_PW")
    options = {o for p in cli.commands["push"].params for o in p.opts}
    assert "--password-env" in options and not options & {"--password", "-p"}


@pytest.mark.parametrize(("url", "problem"), [
    ("http://dba:secret@127.0.0.1:8890", "holds a password"),
    ("ftp://127.0.0.1:8890", "needs an http:// or https:// URL"),
    ("127.0.0.1:8890", "needs an http:// or https:// URL"),
])
def test_bad_store_url_is_refused(seeds_trig, url, problem):
    line = _one_line_error(_push(str(seeds_trig), "--store", url), problem)
    assert "secret" not in line


def test_unreachable_store_is_one_line(seeds_trig, nowhere):
    _one_line_error(_push(str(seeds_trig), "--store", nowhere, "--product", "oxigraph"),
                    f"store {nowhere}: unreachable (connection refused)")
    _one_line_error(_push(str(seeds_trig), "--store", nowhere), f"store {nowhere}: unreachable")


@pytest.mark.parametrize("product", sorted(PRODUCTS))
def test_product_presets_name_three_endpoints(product):
    ends = resolve_endpoints("http://127.0.0.1:1/", product)
    assert ends.store == "http://127.0.0.1:1" and ends.product == product
    assert [ends.gsp, ends.update, ends.query] == [ends.store + path for path in PRODUCTS[product]]


def test_explicit_endpoints_need_no_store_and_win_over_presets():
    ends = resolve_endpoints(gsp="http://h/data", update="http://h/update")
    assert (ends.store, ends.gsp, ends.update, ends.query) == ("http://h/data", "http://h/data", "http://h/update",
                                                                "http://h/update")
    assert resolve_endpoints("http://h", "oxigraph", query="http://h/q").query == "http://h/q"
    with pytest.raises(PushError, match="both --gsp and --update"):
        resolve_endpoints(gsp="http://h/data")


@pytest.fixture
def stranger():
    """An HTTP server that is no store graphkit knows (Server: Strange/1.0)."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def version_string(self):
            return "Strange/1.0"

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_unknown_store_asks_for_product_or_endpoints(seeds_trig, stranger):
    _one_line_error(_push(str(seeds_trig), "--store", stranger), "Strange/1.0", "--product", "--gsp")


def _response(body: bytes, content_type: str) -> requests.Response:
    r = requests.Response()
    r._content = body
    r.headers["Content-Type"] = content_type
    r.encoding = "utf-8"
    return r


def test_server_message_takes_virtuosos_error_block():
    page = (b"<html><head><title>SPARQL Graph Protocol request failed</title></head><body>"
            b"<h1>HTTP/1.1 500</h1><xmp>The PUT request for graph <x> is rejected:\nbad\tinput</xmp></body></html>")
    assert server_message(_response(page, "text/html; charset=UTF-8")) == \
        "The PUT request for graph <x> is rejected: bad input"


@given(st.text(), st.sampled_from(["text/plain", "text/html", "application/json", ""]))
def test_server_message_is_one_short_line(text, content_type):
    message = server_message(_response(text.encode("utf-8", "surrogatepass"), content_type))
    assert message and "\n" not in message and "\r" not in message and len(message) <= 300
    assert all(ord(c) >= 0x20 and not 0x7F <= ord(c) <= 0x9F for c in message)


@pytest.mark.parametrize("name", sorted(f"graphkit.push.{m.name}" for m in pkgutil.iter_modules(graphkit.push.__path__)))
def test_push_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"


@pytest.mark.parametrize(("challenge", "scheme", "said"), [
    ('Digest realm="SPARQL", nonce="1"', "basic", "asks for Digest authentication, not Basic"),
    ("", "basic", "refused with Basic authentication"),
    ('Basic realm="x"', "auto", "wrong user or password?"),
])
def test_refused_login_says_why(challenge, scheme, said):
    from graphkit.push.store import _send

    class Refusing(requests.Session):
        def request(self, *args, **kwargs):
            r = _response(b"no", "text/plain")
            r.status_code, r.reason = 401, "Unauthorized"
            if challenge:
                r.headers["WWW-Authenticate"] = challenge
            return r

    with pytest.raises(PushError, match=re.escape(said)) as caught:
        _send(Refusing(), "POST", "http://s/update", "http://s", "the login check", timeout=1,
              user="dba", scheme=scheme)
    assert str(caught.value).startswith("store http://s: 401 Unauthorized to the login check: ")


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), _TEXT, st.one_of(st.none(), st.sampled_from(["en", "en-GB"]))),
                max_size=12))
def test_payload_sends_each_graph_exactly(tmp_path_factory, literals):
    """Whatever the literals, the N-Triples sent for each graph parse back to that graph's triples."""
    import pyoxigraph as ox

    source = ox.Store()
    report = ox.Quad(ox.NamedNode("https://graphkit.example/id/report/r"),
                     ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                     ox.NamedNode("https://graphkit.example/ns#Report"), ox.NamedNode("https://graphkit.example/graph/r"))
    source.add(report)
    for i, (g, text, lang) in enumerate(literals):
        source.add(ox.Quad(ox.NamedNode(f"urn:s:{i}"), ox.NamedNode("urn:p"), ox.Literal(text, language=lang),
                           ox.NamedNode(f"https://graphkit.example/graph/g{g}")))
    path = tmp_path_factory.mktemp("payload") / "graph.trig"
    source.dump(str(path), ox.RdfFormat.TRIG)
    payload = read_payload(path)
    assert [p.name for p in payload.parts] == sorted(source.named_graphs(), key=str)
    for part in payload.parts:
        sent = ox.Store()
        sent.load(part.ntriples, format=ox.RdfFormat.N_TRIPLES)
        assert {q.triple for q in sent} == {q.triple for q in source.quads_for_pattern(None, None, None, part.name)}
        assert part.triples == len(sent)
