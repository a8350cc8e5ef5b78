"""A partnership statement qualified by "but", "although" or "however" is mixed."""

import pytest

from graphkit.extract import extract
from graphkit.ingest import report_from_text

HEAD = "Royal Borough of Kingston upon Thames: local authority assessment\n\nPartnerships and communities\n\n"


@pytest.mark.parametrize(
    "sentence, tone",
    [
        ("Leaders said relationships with the ICB had improved, but joint planning was still at an early stage.", "mixed"),
        ("Age UK worked in partnership with the council, but communication was sometimes poor.", "mixed"),
        ("Although relationships with the ICB were strong, communication could be improved.", "mixed"),
        ("The council had good relationships with Kingston Hospital NHS Foundation Trust.", "positive"),
        ("The council told us its relationship with the ICB was poor and communication was weak.", "negative"),
    ],
)
def test_extract_tone_of_partnership(sentence, tone):
    x = extract(report_from_text(HEAD + sentence))
    tones = {r.tone for r in x.relations if r.predicate == "partnersWith"}
    assert tones == {tone}
