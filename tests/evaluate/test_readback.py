"""read_back: each report graph, read by SPARQL, gives the gold-format dict."""

from __future__ import annotations

from rdflib import Dataset

from graphkit.evaluate import read_back
from graphkit.rdf import serialize, to_dataset

import graphkit_test_records as records  # loaded by conftest.py


def _expected(extraction, index=None):
    index = index or {}
    ents = [{"id": index.get(e.key, e.key), "name": e.name, "type": e.type, "aliases": sorted(set(e.aliases))}
            for e in extraction.entities]
    rels = [{"s": index.get(r.subject, r.subject), "p": r.predicate, "o": index.get(r.object, r.object),
             "evidence": r.evidence[:200]} for r in extraction.relations]
    return {"report": extraction.report.report_id, "council": "Exampleton Council",
            "entities": sorted(ents, key=lambda e: e["id"]),
            "relations": sorted(rels, key=lambda r: (r["s"], r["p"], r["o"]))}


def test_readback_round_trip(dataset, extraction):
    assert read_back(dataset) == {"r001": _expected(extraction)}


def test_readback_from_trig_file(dataset):
    ds = Dataset(default_union=True)
    ds.parse(data=serialize(dataset, "trig"), format="trig")
    assert read_back(ds) == read_back(dataset)


def test_readback_ignores_reference_facts(extraction):
    res = records.make_resolution([extraction], reference_facts=(("age-uk-exampleton", "partOf", "exampleton-sab", "ODS"),))
    doc = read_back(to_dataset([extraction], res))["r001"]
    assert ("age-uk-exampleton", "partOf", "exampleton-sab") not in {(r["s"], r["p"], r["o"]) for r in doc["relations"]}


def test_readback_suppressed_relation_absent(extraction):
    res = records.make_resolution([extraction], suppressed=frozenset({("r001", 0)}))
    doc = read_back(to_dataset([extraction], res))["r001"]
    assert all(r["p"] != "partnersWith" for r in doc["relations"])


def test_readback_two_reports_keep_their_own_wording(extraction):
    text = records.TEXT.replace("Age UK Exampleton sits", "Age UK sits")
    other = records.make_extraction(text, "r002")
    ds = to_dataset([extraction, other], records.make_resolution([extraction, other]))
    docs = read_back(ds)
    assert set(docs) == {"r001", "r002"}
    assert docs["r002"] == _expected(other)


def test_readback_evidence_is_cut_to_200_chars():
    long_sentence = "Exampleton Council worked in partnership with Age UK Exampleton" + " and others" * 30 + "."
    ex = records.make_extraction(records.TEXT.replace(
        'Exampleton Council worked in partnership with Age UK Exampleton on the "Home Help" scheme.', long_sentence))
    doc = read_back(to_dataset([ex], records.make_resolution([ex])))["r001"]
    (rel,) = [r for r in doc["relations"] if r["p"] == "partnersWith"]
    assert rel["evidence"] == long_sentence[:200]
