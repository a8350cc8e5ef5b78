"""The generated national corpus (graphkit.benchmark.corpus): deterministic, parseable, in the genre."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphkit.benchmark import generate_corpus
from graphkit.model import PREDICATES, QUALITY_STATEMENTS

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return generate_corpus(2, tmp_path_factory.mktemp("corpus"), seed=0)


@pytest.fixture(scope="module")
def extraction(corpus):
    from graphkit.extract import extract, load_rules
    from graphkit.ingest import report_from_text

    # the summary and first statement of a report (the whole takes seconds to extract)
    text = corpus[0].read_text(encoding="utf-8")
    cut = text.index("\n" + QUALITY_STATEMENTS[1][0] + "\n")
    return extract(report_from_text(text[:cut], report_id=corpus[0].stem), load_rules())


def test_corpus_same_seed_same_bytes(corpus, tmp_path):
    again = generate_corpus(2, tmp_path, seed=0)
    assert [p.name for p in again] == [p.name for p in corpus]
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in corpus]


def test_corpus_other_seed_differs(corpus, tmp_path):
    other = generate_corpus(2, tmp_path, seed=1)
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in corpus]


@pytest.mark.parametrize("index", [0, 1])
def test_corpus_report_parses_with_nine_scored_statements(corpus, index):
    from graphkit.ingest import read_report

    path = corpus[index]
    report = read_report(path)
    council = report.text.splitlines()[0].split(":")[0]
    assert report.council == council
    assert re.fullmatch(r"\d{3}_[a-z0-9-]+", path.stem)
    assert path.stem.split("_", 1)[1] == re.sub(r"[^a-z0-9]+", "-", council.lower()).strip("-")
    scored = {s.statement: s.score for s in report.sections if s.statement}
    assert list(scored) == [name for name, _ in QUALITY_STATEMENTS]
    assert all(score in (1, 2, 3, 4) for score in scored.values())
    assert 60_000 < len(report.text) < 140_000


def test_corpus_extracts_many_predicates(extraction):
    found = {r.predicate for r in extraction.relations}
    assert len(found) >= 6, sorted(found)
    assert found <= set(PREDICATES)
    assert len(extraction.relations) > 30


def test_corpus_shares_nhs_and_national_bodies(corpus):
    from graphkit.benchmark import genre

    national = genre.NATIONAL_BODIES + genre.NATIONAL_FUNDS
    for text in (p.read_text(encoding="utf-8") for p in corpus):
        assert "Integrated Care Board" in text and "Better Care Fund" in text
        assert sum(name in text for name in national) >= 5


def test_corpus_does_not_copy_the_seeds(corpus):
    """No 8-word run within a sentence of a generated report occurs in a seed report."""
    def runs(text: str):
        for line in text.lower().splitlines():
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                words = sentence.split()
                yield from (" ".join(words[i:i + 8]) for i in range(len(words) - 7))

    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip("no seeds/ folder in this checkout")
    seen = {run for p in seeds for run in runs(p.read_text(encoding="utf-8"))}
    copied = sorted({run for p in corpus for run in runs(p.read_text(encoding="utf-8"))} & seen)
    assert not copied, copied[:10]


def test_corpus_cycles_councils_with_a_suffix():
    from graphkit.benchmark.corpus import _councils, _plan

    names = [c.name for c in _councils()]
    plan = _plan(len(names) + 1, 3, len(names), names)
    assert sorted(index for index, _ in plan[:-1]) == list(range(len(names)))
    first, last = plan[0][1].split("_", 1)[1], plan[-1][1].split("_", 1)[1]
    assert last == first.replace(".txt", "-2.txt")


def test_corpus_rejects_negative_n(tmp_path):
    with pytest.raises(ValueError, match="n must be >= 0"):
        generate_corpus(-1, tmp_path)


def test_corpus_cli_writes_files(runner, tmp_path):
    from graphkit.cli import cli

    out = tmp_path / "corpus"
    result = runner.invoke(cli, ["bench", "--generate", "2", str(out), "--seed", "5"])
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.txt"))
    assert len(files) == 2
    assert re.fullmatch(r"graphkit: 2 files, \d+\.\d MB -> .*\n", result.output)
    assert [p.read_bytes() for p in files] == [p.read_bytes() for p in generate_corpus(2, tmp_path / "again", seed=5)]
