"""analysis.json follows docs/analysis.schema.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphkit.analyse import analyse
from graphkit.analyse.summary import VERSION

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "analysis.schema.json").read_text(encoding="utf-8"))


def validate(data: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_schema_holds_for_the_built_analysis(built_out):
    data = json.loads((built_out / "analysis.json").read_text(encoding="utf-8"))
    assert data["version"] == VERSION == SCHEMA["properties"]["version"]["const"]
    validate(data)


def test_schema_holds_for_small_and_empty_graphs(two_councils):
    from rdflib import Graph

    validate(json.loads(json.dumps(analyse(two_councils).to_dict())))
    validate(json.loads(json.dumps(analyse(Graph()).to_dict())))


def test_schema_rejects_a_missing_key(two_councils):
    data = json.loads(json.dumps(analyse(two_councils).to_dict()))
    del data["councils"]["northshire-council"]["facts_per_1000_words"]
    with pytest.raises(jsonschema.ValidationError, match="facts_per_1000_words"):
        validate(data)


def test_schema_documents_every_key(two_councils):
    """Every key analysis.json has is in the schema (additionalProperties is false at each level)."""
    assert set(SCHEMA["required"]) == set(analyse(two_councils).to_dict())
