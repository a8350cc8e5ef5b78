"""The site's files: every kind of page, escaped report text, no outside reference, same bytes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.site import render_site, site_data, write_site
from graphkit.site.html import json_script

ROOT = Path(__file__).resolve().parents[2]

#: A src or href that leaves the site: a scheme other than data:, or a protocol-relative URL.
OUTSIDE = re.compile(r"""\b(?:src|href|action|srcset|poster)\s*=\s*["']?\s*(?!data:|#)(?:[a-z][a-z0-9+.-]*:|//)""", re.I)
#: CSS that loads something.
CSS_OUTSIDE = re.compile(r"""@import|url\(\s*["']?(?!data:)""", re.I)


def test_site_has_every_kind_of_page(graph):
    files = render_site(graph)
    data = site_data(graph)
    expected = {"index.html", "report.html", "network.html",
                "assets/site.css", "assets/search.js", "assets/network.js", "assets/vis-network.min.js"}
    expected |= {f"councils/{c}.html" for c in ("east-council", "west-council")}
    expected |= {f"entities/{e.page}.html" for e in data.entities.values()}
    assert set(files) == expected


def test_site_has_no_outside_reference(graph):
    for rel, text in render_site(graph).items():
        if rel.endswith(".html"):
            assert not OUTSIDE.search(text), (rel, OUTSIDE.search(text).group(0))
            assert "cdn." not in text and "<iframe" not in text, rel
        if rel.endswith(".css"):
            assert not CSS_OUTSIDE.search(text), rel


@pytest.mark.parametrize("which", ["label", "sentence"])
def test_site_escapes_report_text_on_every_page(hostile_graph, hostile, which):
    payload = hostile[which]
    files = render_site(hostile_graph)
    shown = 0
    for rel, text in files.items():
        if not rel.endswith(".html"):
            continue
        assert payload not in text, rel
        assert "<img" not in text and "<script>alert" not in text and "<b onmouseover" not in text, rel
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", text, re.S)
        for attrs, body in scripts:  # inline scripts are JSON data only; code comes from assets/
            assert 'type="application/json"' in attrs or not body.strip(), rel
            if body.strip():
                json.loads(body)
        shown += "&lt;" in text
    assert shown >= 3  # the escaped text is there (entity page, index list, network relations table)


def test_site_entity_page_lists_relations_with_evidence(graph):
    data = site_data(graph)
    page = render_site(graph)[f"entities/{data.entities['charity'].page}.html"]
    assert "East works with the charity." in page and "West and the charity co-produce." in page
    assert "Partnerships and communities" in page and "East Council" in page
    assert 'href="../entities/east-council.html"' in page
    icb = render_site(graph)["entities/icb.html"]
    assert "NHS ODS code" not in icb or "Q01" in icb
    assert "Context from reference data (1)" in icb and "ONS lookup" in icb


def test_site_index_holds_search_index_and_scores(graph):
    index = render_site(graph)["index.html"]
    data = json.loads(re.search(r'<script type="application/json" id="gk-index">(.*?)</script>', index, re.S).group(1))
    assert len(data) == len(site_data(graph).entities)
    assert 'href="councils/east-council.html"' in index and 'href="report.html"' in index
    assert re.search(r"East Council.*?<td class=\"num\">3</td>", index, re.S)


def test_site_report_explains_each_figure(graph):
    report = render_site(graph)["report.html"]
    sections = re.findall(r'<section class="gk-figure" aria-labelledby="([^"]+)"><h2[^>]*>[^<]+</h2><p>([^<]+)</p>', report)
    assert len(sections) == 11 and all(len(how) > 40 for _, how in sections)
    assert report.count("<svg") >= 6


def test_json_script_cannot_close_its_element():
    text = json_script("x", ["</script><script>alert(1)</script>", "\u2028"])
    assert "</script>" not in text[: -len("</script>")] and "\u2028" not in text


def test_site_same_bytes_in_another_process(graph, tmp_path):
    ttl = tmp_path / "g.ttl"
    graph.serialize(ttl, format="turtle")
    digests = []
    for seed in ("1", "2"):
        out = tmp_path / f"site{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "graphkit", "site", str(ttl), "--out", str(out)],
                              env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        digests.append({p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in sorted(out.rglob("*")) if p.is_file()})
    assert digests[0] == digests[1] and "index.html" in digests[0]


def test_write_site_is_published_atomically(graph, tmp_path):
    written = write_site(graph, tmp_path / "out")
    assert sorted(written) == sorted(render_site(graph))
    assert not list((tmp_path / "out").glob(".staging-*"))


def test_build_writes_the_site(built_out):
    manifest = json.loads((built_out / "manifest.json").read_text())
    for rel in ("index.html", "report.html", "network.html", "assets/vis-network.min.js"):
        assert rel in manifest["outputs"], rel
    councils = sorted(p.name for p in (built_out / "councils").glob("*.html"))
    assert councils == ["hartlepool-borough-council.html", "middlesbrough-borough-council.html", "north-tyneside-council.html"]
    analysis = json.loads((built_out / "analysis.json").read_text())
    assert len(list((built_out / "entities").glob("*.html"))) == analysis["summary"]["entities"]
