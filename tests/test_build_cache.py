"""The build: parts rendered in workers equal whole-graph serialisation; the cache changes nothing."""

from __future__ import annotations

import shutil

import pytest

import graphkit
from graphkit.rdf import serialize

from .conftest import SEEDS


def _outputs(result) -> dict[str, bytes]:
    a = result.assembly
    return {"ttl": a.turtle(), "trig": a.trig(), "jsonld": a.jsonld()}


@pytest.fixture(scope="module")
def seeds_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(scope="module")
def clean(seeds_copy):
    return graphkit.build([seeds_copy], jobs=1, cache=False)


@pytest.mark.parametrize("fmt", ["ttl", "trig", "jsonld"])
def test_build_parts_equal_serialising_the_whole_dataset(clean, fmt):
    fast = _outputs(clean)[fmt]
    view = clean.graph if fmt == "ttl" else clean.dataset
    assert serialize(view, fmt) == fast  # through the rdflib views
    assert serialize(clean.store, fmt) == fast  # straight from the pyoxigraph store


def test_build_union_counts_each_triple_once(clean):
    assert len(clean.graph) == clean.assembly.triples == len(set(clean.graph))
    assert len(list(clean.graph)) == clean.assembly.triples


def test_build_with_two_jobs_gives_the_same_bytes(seeds_copy, clean):
    assert _outputs(graphkit.build([seeds_copy], jobs=2, cache=False)) == _outputs(clean)


def test_build_warm_cache_gives_the_same_bytes_and_skips_the_work(seeds_copy, clean, tmp_path):
    cold = graphkit.build([seeds_copy], jobs=1, cache=tmp_path / "cache")
    warm = graphkit.build([seeds_copy], jobs=2, cache=tmp_path / "cache")
    assert _outputs(cold) == _outputs(warm) == _outputs(clean)
    assert cold.cache_stats == {"extract_hits": 0, "extract_misses": 3, "graph_hits": 0, "graph_misses": 3}
    assert warm.cache_stats == {"extract_hits": 3, "extract_misses": 0, "graph_hits": 3, "graph_misses": 0}


def test_build_after_one_report_changed_redoes_that_report(seeds_copy, tmp_path):
    folder = tmp_path / "reports"
    shutil.copytree(seeds_copy, folder)
    graphkit.build([folder], jobs=1, cache=tmp_path / "cache")
    changed = sorted(folder.glob("*.txt"))[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nPeople said they waited too long.\n",
                       encoding="utf-8")
    again = graphkit.build([folder], jobs=1, cache=tmp_path / "cache")
    assert again.cache_stats["extract_misses"] == 1 and again.cache_stats["extract_hits"] == 2
    assert again.cache_stats["graph_misses"] == 1 and again.cache_stats["graph_hits"] == 2
    assert _outputs(again) == _outputs(graphkit.build([folder], jobs=1, cache=False))


def test_build_other_rules_miss_the_cache(seeds_copy, tmp_path):
    graphkit.build([seeds_copy], jobs=1, cache=tmp_path / "cache")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bodies.tsv").write_text("zebra-crossing-service\tZebra Crossing Service\tScheme\tlocal\n", encoding="utf-8")
    again = graphkit.build([seeds_copy], jobs=1, cache=tmp_path / "cache", rules_dirs=[rules])
    assert again.cache_stats["extract_hits"] == 0


def test_build_corrupt_cache_entry_is_a_miss(seeds_copy, tmp_path):
    cache = tmp_path / "cache"
    first = graphkit.build([seeds_copy], jobs=1, cache=cache)
    for entry in cache.rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    again = graphkit.build([seeds_copy], jobs=1, cache=cache)
    assert again.cache_stats["extract_hits"] == 0
    assert _outputs(again) == _outputs(first)
