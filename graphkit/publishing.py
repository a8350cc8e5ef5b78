"""Turn a ``Build`` into the files of ``out/`` and publish them as one step."""

from __future__ import annotations

import hashlib
import json
import platform
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__
from .output import file_digest, publish
from .pipeline import Build

__all__ = ["BUILD_FOLDERS", "build_outputs", "render_outputs"]

#: The folders of ``out/`` a build writes; a build replaces them whole.
BUILD_FOLDERS = ("assets", "councils", "entities", "texts")

_LIBRARIES = ("rdflib", "pyoxigraph", "oxrdflib", "networkx", "pyvis", "lxml", "pypdf", "rapidfuzz", "pyshacl")


def _versions() -> dict[str, str]:
    out = {"graphkit": __version__, "python": platform.python_version()}
    for name in _LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def render_outputs(result: Build, timings: dict[str, float] | None = None) -> dict[str, bytes | str | Path]:
    """Every output file of a build, relative path -> content (manifest excluded).

    ``timings``, when given, receives the seconds spent on the RDF documents (``serialise``),
    the site's pages (``views``) and the rest (``tables``).
    """
    from .resolve import merges_csv
    from .review import review_csv
    from .site import render_site

    clock = timings if timings is not None else {}
    t0 = time.perf_counter()
    files: dict[str, bytes | str | Path] = {  # written by the build; copied, never read into memory
        "graph.ttl": result.assembly.path("ttl"),
        "graph.trig": result.assembly.path("trig"),
        "graph.jsonld": result.assembly.path("jsonld"),
    }
    t1 = time.perf_counter()
    files.update(render_site(result.graph, result.analysis))  # index, report, network, councils/, entities/, assets/
    t2 = time.perf_counter()
    from .tables import analysis_files

    files.update(analysis_files(result.analysis))  # analysis.json, the CSV tables, GraphML, GEXF, SQLite
    files["merges.csv"] = merges_csv(result.resolution)
    files["review.csv"] = review_csv(result.extractions, result.resolution, result.min_confidence)
    for x in result.extractions:
        files[f"texts/{x.report.report_id}.txt"] = x.report.text
    clock.update(serialise=t1 - t0, views=t2 - t1, tables=time.perf_counter() - t2)
    return files


def _count_facts(store, kind: str = "Fact") -> int:
    """Relations (gk:Fact nodes, or gk:Candidate) in the built graph, after corrections."""
    from .rdf import GK

    query = f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ ?f a <{GK[kind]}> }}"
    return int(next(iter(store.query(query)))[0].value)


def _manifest(result: Build, digests: dict[str, str]) -> dict[str, Any]:
    reports = []
    for x in result.extractions:
        r = x.report
        reports.append({
            "report_id": r.report_id, "path": r.path, "sha256": r.sha256, "format": r.format,
            "encoding": r.encoding, "council": r.council, "council_gss": r.council_gss,
            "sections": len(r.sections), "sentences": len(r.sentences), "rating": r.rating,
            "entities": len(x.entities), "relations": len(x.relations),
            "text_sha256": hashlib.sha256(r.text.encode("utf-8")).hexdigest(),
        })
    return {
        "graphkit": __version__,
        "inputs": reports,
        "failures": [{"path": f.path, "error": f.message} for f in result.failures],
        "warnings": list(result.warnings),
        "counts": {
            "reports": len(result.extractions),
            "entities": len(result.resolution.entities),
            "relations": _count_facts(result.union_store),
            "candidates": _count_facts(result.union_store, "Candidate"),
            "triples": result.assembly.triples,
        },
        "min_confidence": result.min_confidence,
        "outputs": digests,
        "libraries": _versions(),
        "timings_seconds": {k: round(v, 4) for k, v in sorted(result.timings.items())},
    }


def build_outputs(result: Build, out_dir: str | Path, timings: dict[str, float] | None = None) -> dict[str, Any]:
    """Render and publish all output files plus ``manifest.json``; return the manifest.

    ``out_dir`` is replaced in one step (``graphkit.output.publish``): afterwards it holds
    exactly the files the manifest lists, plus the folders other commands wrote into it
    (``out/eval``, ``out/analysis``), carried over; other files of the old folder are dropped.

    ``timings``, when given, receives the seconds of each output step (see ``render_outputs``)
    and of ``write`` (publishing the files).
    """
    files = render_outputs(result, timings)
    digests = {
        rel: file_digest(c) if isinstance(c, Path)
        else hashlib.sha256(c.encode("utf-8") if isinstance(c, str) else c).hexdigest()
        for rel, c in sorted(files.items())
    }
    manifest = _manifest(result, digests)
    files["manifest.json"] = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    t0 = time.perf_counter()
    publish(files, out_dir, keep_other_files=False, owned=BUILD_FOLDERS)
    if timings is not None:
        timings["write"] = time.perf_counter() - t0
    return manifest
