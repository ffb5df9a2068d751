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
        # "doubled" is met at twice (11% to 22% is +100%); "more than doubled" is not
        (Check("multiple", threshold=2, strict=False), answer(100.0, "percent", "pct_change"), True),
        (Check("multiple", threshold=2), answer(100.0, "percent", "pct_change"), None),
        (Check("multiple", threshold=2), answer(94.0, "percent", "pct_change"), False),
        # "more than halve": 23 to 11 is -52.2%, 0.478 times
        (Check("multiple", above=False, threshold=0.5), answer(-52.2, "percent", "pct_change"), True),
        # a change of 0 is neither a rise nor a fall
        (Check("direction"), answer(0.0, "money", "pct_change"), False),
        # a gap in points: 32% to 19% is 13 points down, beyond -10
        (Check("gap_above", above=False, threshold=-10, unit="points"), answer(-13.0, "percentage_points",
                                                                                  "pp_difference"), True),
        (Check("gap_above", above=False, threshold=-10, unit="points"), answer(-13.0, "money", "difference"), None),
        # a percent change is no share
        (Check("share_above", threshold=50, unit="percent"), answer(13.3, "percent", "lookup", "percent change: 13.3%"),
         None),
        # one thing is a witness that some did, not that none did; a counter-example to each, not a proof of each
        (Check("direction", over="some"), answer(16.0, "percent", "pct_change"), True),
        (Check("direction", over="some"), answer(-15.2, "percent", "pct_change"), None),
        (Check("direction", above=False, over="each"), answer(-0.2, "percentage_points", "pp_difference"), None),
        (Check("direction", above=False, over="each"), answer(0.0, "percentage_points", "pp_difference"), False),
        # adjusted for inflation: a change worked out from the unadjusted figures does not decide it; a stated one does
        (Check("change_above", threshold=5, adjusted=True), answer(5.7, "percent", "pct_change"), None),
        (Check("change_above", threshold=5, adjusted=True), answer(1.2, "percent", "lookup", "percent change: 1.2%"),
         False),
    ],
)
def test_decide(check, got, verdict):
    assert decide(check, Plan(operation=Op.lookup), got, "q") is verdict


@pytest.mark.parametrize("text, verdict", [
    # the larger is divided by the smaller; the question asks the first named over the other: 10.6 / 31.3 = 0.339,
    # but the worked 3 (rounded) could be 2.95 to 3.05, either side of a third
    ("31.3 (Lakeshire) is 3 times 10.6 (Hillshire)", None),
    ("35 (Lakeshire) is 3.5 times 10 (Hillshire)", True),  # 1 / 3.5 = 0.29: less than a third
    ("10 (Hillshire) is 2.5 times 4 (Lakeshire)", False),  # 2.5 is not less than a third
])
def test_a_fraction_of_another_thing_is_the_first_named_over_the_other(text, verdict):
    value = float(text.split(" is ")[1].split(" times")[0])
    check = Check("ratio_above", above=False, threshold=1 / 3)
    plan = Plan(operation=Op.ratio, subjects=["Hillshire", "Lakeshire"])
    got = answer(value, "ratio", "ratio", text)
    assert decide(check, plan, got, "is hillshire's rate less than a third of the lakeshire rate?") is verdict


def test_a_fall_asked_is_worked_as_its_size():
    # "has it dropped by more than 10 points?": the answer states the fall, 13 points, earlier less later
    check = Check("gap_above", above=False, threshold=-10, unit="points")
    got = answer(13.0, "percentage_points", "pp_difference")
    assert decide(check, Plan(operation=Op.pp_difference), got, "has the share dropped by more than 10 points?") is True
