"""Numbers shown in a listing are written as the article writes them.

A ranking answer ("The lowest: Italy (Denmark 31.90; France 30.99 ...)") shows every row's number; rounded to one
decimal, 30.99 became "31", a whole number no quote states, so the grounding guard held back a right answer. The
same for "1.6 million" shown as 1,600,000.
"""

from __future__ import annotations

import pytest

from qa.compose.listing import as_written
from qa.model.records import Figure, Unit


def _fig(value: float, quote: str, scale: float = 1.0) -> Figure:
    return Figure(id="f", doc_id="d", subject="S", measure="m", value=value, unit=Unit.count, quote=quote,
                  start=0, end=len(quote), scale=scale)


@pytest.mark.parametrize("value, quote, scale, shown", [
    (30.99, "30.99", 1.0, "30.99"),  # a cell's two decimals kept (not "31")
    (31.9, "31.90", 1.0, "31.90"),
    (1_600_000, "around 1.6 million appointments", 1.0, "1.6 million"),
    (3_500_000_000, "$3.5bn in 2024", 1.0, "3.5bn"),
    (5_062_000, "5,062", 1000.0, "5,062"),  # a thousands column: the cell, its scale shown as working elsewhere
    (-2.5, "\u22122.5", 1.0, "\u22122.5"),
    (47.25, "forty-seven", 1.0, "47.3"),  # not written in digits: one decimal, as before
])
def test_as_written(value, quote, scale, shown):
    assert as_written(_fig(value, quote, scale)) == shown
