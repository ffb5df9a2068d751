"""What a sum measures when the verb's subject is the thing priced (issue 14, "text figures keep their labels"): "an
annual pass costs £120" is the cost of an annual pass, not a bare "cost"; a name before the verb is whose price it is
("Northshire costs ..." names no item).

Every document here is invented for the test; each row says what a careful reader takes the figure to be.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document


def _one(text: str, quote_part: str):
    doc = Document(id="t", title=text.split("\n")[0], published=date(2024, 4, 2), text=text)
    figures = extract(doc).figures
    hits = [f for f in figures if quote_part in f.quote]
    assert len(hits) == 1, [(f.quote, f.measure) for f in figures]
    return hits[0]


@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        ("Bike hire\n\nAn annual pass costs £120, the operator said.", "120", "cost of annual pass"),
        ("Streaming\n\nIn Kelmouth the basic plan costs €7.99.", "7.99", "cost of basic plan"),
        ("Storms\n\nThe flooding cost the county $41m, officials estimated.", "41", "cost of flooding"),
    ],
)
def test_a_sum_priced_by_its_verb(text, quote_part, measure):
    assert _one(text, quote_part).measure.lower() == measure
