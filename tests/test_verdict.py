"""Yes or no from the answer that decides a check (qa/compose/verdict.py): units must fit, changes are signed."""

from __future__ import annotations

import pytest

from qa.compose.verdict import decide
from qa.model.records import Answer, Op, Plan
from qa.understand.verdict import Check


def answer(value: float, unit: str, operation: str, text: str = "x") -> Answer:
    return Answer(answer=text, value=value, unit=unit, operation=operation)


@pytest.mark.parametrize(
    "check, got, verdict",
    [
        # a count threshold is not met or missed by a percentage: undecided
        (Check("value_above", threshold=400, unit="count"), answer(47.3, "percent", "lookup"), None),
        (Check("value_above", threshold=400, unit="count"), answer(407, "count", "sum"), True),
        (Check("value_above", threshold=1, unit="years"), answer(2, "years", "lookup"), True),
        (Check("value_above", above=False, threshold=40, unit="percent"), answer(47.3, "percent", "lookup"), False),
        # a fall of 26.2% is a fall of more than a quarter (below -25); a fall of 20% is not
        (Check("change_above", above=False, threshold=-25), answer(-26.2, "percent", "pct_change"), True),
        (Check("change_above", above=False, threshold=-25), answer(-20.0, "percent", "pct_change"), False),
        (Check("change_above", threshold=100 / 3), answer(1.39, "ratio", "ratio"), True),
        (Check("change_above", threshold=100 / 3), answer(39.0, "percent", "lookup", "percent change: 39%"), True),
        (Check("change_above", threshold=100 / 3), answer(39.0, "percent", "lookup", "share: 39%"), None),
        # new less old: 2,223 - 2,046 = 177 is more than 150
        (Check("gap_above", threshold=150, unit="money"), answer(177, "money", "difference"), True),
        (Check("gap_above", threshold=150, unit="money"), answer(2223, "money", "lookup"), None),
        # 9.8% against 4.1% is 2.39 times
        (Check("ratio_above", threshold=2), answer(2.39, "ratio", "ratio"), True),
        (Check("ratio_above", threshold=2), answer(5.7, "percentage_points", "pp_difference"), None),
    ],
)
def test_decide(check, got, verdict):
    assert decide(check, Plan(operation=Op.lookup), got, "q") is verdict
