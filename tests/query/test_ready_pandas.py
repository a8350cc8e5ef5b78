"""Ready-query results as pandas DataFrames (the optional extra graphkit[pandas]; in the test extra too)."""

from __future__ import annotations

import sys

import pytest

from graphkit.errors import QueryError
from graphkit.query import query_dataframe, run_query, to_dataframe
from graphkit.rdf import GKD


def test_ready_pandas_frame_has_the_rows_as_python_values(dataset, engine):
    frame = query_dataframe(dataset, "partners_of", {"council": "Exampleton Council"}, engine=engine)
    assert list(frame.columns) == [str(v) for v in run_query(dataset, "partners_of", {"council": "x"}).vars]
    assert frame.to_dict("records") == [{
        "council": str(GKD["exampleton-council"]), "councilLabel": "Exampleton Council",
        "partner": str(GKD["age-uk-exampleton"]), "partnerLabel": "Age UK Exampleton",
        "type": "VoluntaryOrganisation", "facts": 1, "positive": 1, "negative": 0, "mixed": 0, "neutral": 0}]


def test_ready_pandas_unbound_is_none_and_decimals_are_floats(dataset):
    frame = to_dataframe(run_query(dataset, "evidence_for", {"predicate": "funds"}))
    assert frame.loc[0, "subjectLabel"] == "Exampleton Council"
    assert frame["section"].tolist() == ["Partnerships and communities"]
    money = query_dataframe(dataset, "money_and_counts")
    assert money["value"].tolist() == [1_200_000.0] * len(money) and money["unit"].tolist()[0] == "GBP"


def test_ready_pandas_ask_is_not_a_frame(dataset):
    with pytest.raises(QueryError, match="SELECT"):
        to_dataframe(run_query(dataset, "ASK { ?s ?p ?o }"))


def test_ready_pandas_missing_says_how_to_install(dataset, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(ImportError, match=r"pip install 'graphkit\[pandas\]'"):
        query_dataframe(dataset, "councils")
