"""The calculator: table-driven cases worked by hand, and properties that must always hold."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.compute.calculator import (
    Quantity,
    calculate,
    complement,
    difference,
    pct_change,
    percentage_of,
    ratio,
    share,
    total,
)
from qa.model.errors import CalculationError
from qa.model.records import Unit
from qa.text.numbers import fmt_value, matches, round1

C, P = Unit.count, Unit.percent

CASES = [
    # operation, operands, result, unit, expression
    ("pct_change", [(318, C), (710, C)], 123.3, P, "(710 − 318) / 318 × 100 = 123.3%"),
    ("pct_change", [(154, C), (183, C)], 18.8, P, "(183 − 154) / 154 × 100 = 18.8%"),
    ("pct_change", [(5291, C), (7357, C)], 39.0, P, "(7,357 − 5,291) / 5,291 × 100 = 39%"),
    ("pct_change", [(710, C), (318, C)], -55.2, P, "(318 − 710) / 710 × 100 = -55.2%"),
    ("percentage_of", [(855, C), (2575, C)], 33.2, P, "855 / 2,575 × 100 = 33.2%"),
    ("difference", [(710, C), (183, C)], 527, C, "710 − 183 = 527"),
    ("difference", [(47.3, P), (38.8, P)], 8.5, Unit.percentage_points, "47.3% − 38.8% = 8.5 percentage points"),
    ("pp_difference", [(38.8, P), (35, P)], 3.8, Unit.percentage_points, "38.8% − 35% = 3.8 percentage points"),
    ("sum", [(630, C), (37, C)], 667, C, "630 + 37 = 667"),
    ("sum", [(630, C), (37, C), (370, C), (34, C)], 1071, C, "630 + 37 + 370 + 34 = 1,071"),
    ("ratio", [(710, C), (318, C)], 2.2, Unit.ratio, "710 / 318 = 2.2 times"),
    ("complement", [(47.3, P)], 52.7, P, "100% − 47.3% = 52.7%"),
    ("average", [(318, C), (710, C)], 514, C, "(318 + 710) / 2 = 514"),
]


@pytest.mark.parametrize("op,operands,result,unit,expression", CASES)
def test_operations(op, operands, result, unit, expression):
    c = calculate(op, *[Quantity(v, u, f"f{i}") for i, (v, u) in enumerate(operands)])
    assert c.result == result
    assert c.unit is unit
    assert c.expression == expression
    assert c.operands == [f"f{i}" for i in range(len(operands))]


def test_share_of_summed_parts():
    c = share([Quantity(370, C), Quantity(34, C)], Quantity(855, C))
    assert c.result == 47.3
    assert c.expression == "(370 + 34) / 855 × 100 = 47.3%"


REFUSED = [
    ("sum", [(47.3, P), (38.8, P)], "add"),  # percents are never added
    ("sum", [(710, C), (47.3, P)], "units differ"),
    ("pct_change", [(0, C), (10, C)], "zero"),
    ("percentage_of", [(10, C), (0, C)], "zero"),
    ("ratio", [(5, C), (0, C)], "zero"),
    ("pp_difference", [(710, C), (318, C)], "percentage-point"),
    ("complement", [(710, C)], "complement"),
    ("complement", [(120, P)], "between 0% and 100%"),
    ("difference", [(3, Unit.percentage_points), (47.3, P)], "units differ"),
    ("sum", [(1, C)], "more than one value"),
    ("nonsense", [(1, C)], "Unknown operation"),
    ("ratio", [(1, C)], "Wrong number"),
]


@pytest.mark.parametrize("op,operands,message", REFUSED)
def test_refusals_are_clear(op, operands, message):
    with pytest.raises(CalculationError, match=message):
        calculate(op, *[Quantity(v, u) for v, u in operands])


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, 1e20, "12", None, True])
def test_bad_operands(bad):
    with pytest.raises(CalculationError):
        Quantity(bad, C)  # type: ignore[arg-type]


def test_rounding_rule_is_half_away_from_zero():
    assert round1(47.25) == 47.3
    assert round1(-47.25) == -47.3
    assert round1(0.05) == 0.1
    assert matches(47.3, 47.25) and matches(39, 39.05) and not matches(47.3, 47.2)


@pytest.mark.parametrize("value,unit,text", [
    (2575, C, "2,575"), (47.3, P, "47.3%"), (8.5, Unit.percentage_points, "8.5 percentage points"),
    (1, Unit.percentage_points, "1 percentage point"), (2.2, Unit.ratio, "2.2 times"), (2, Unit.years, "2 years"),
    (28201, C, "28,201"), (39.0, P, "39%"),
])
def test_numbers_formatted_for_people(value, unit, text):
    assert fmt_value(value, unit) == text


counts = st.integers(min_value=1, max_value=10**9)


@given(counts, counts)
def test_pct_change_inverts(a, b):
    c = pct_change(Quantity(a, C), Quantity(b, C))
    assert math.isclose(c.result, round1((b - a) / a * 100), abs_tol=1e-9)
    assert c.unit is P


@given(counts, counts)
def test_difference_is_antisymmetric_and_sum_commutes(a, b):
    assert difference(Quantity(a, C), Quantity(b, C)).result == -difference(Quantity(b, C), Quantity(a, C)).result
    assert total(Quantity(a, C), Quantity(b, C)).result == total(Quantity(b, C), Quantity(a, C)).result == a + b


@given(counts, counts)
def test_share_of_part_within_whole_is_a_percentage(a, b):
    part, whole = min(a, b), max(a, b)
    c = percentage_of(Quantity(part, C), Quantity(whole, C))
    assert 0 <= c.result <= 100
    assert complement(Quantity(c.result, P)).result == round1(100 - c.result)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_ratio_never_crashes_unexpectedly(a, b):
    try:
        c = ratio(Quantity(a, C), Quantity(b, C))
    except CalculationError as exc:
        assert b == 0 or abs(a / b) > 1e15, exc
    else:
        assert c.unit is Unit.ratio


@pytest.mark.parametrize("currencies, shown", [
    (("USD", "USD"), "$50"),      # dollars stay dollars in the working
    (("EUR", "EUR"), "€50"),
    (("USD", "GBP"), "£50"),      # mixed: no one currency, the documented default
])
def test_a_working_shows_its_operands_currency(currencies, shown):
    from qa.compute.calculator import Quantity, calculate
    from qa.model.records import Unit

    a, b = (Quantity(v, Unit.money, r, currency=c) for v, r, c in zip((100.0, 50.0), "ab", currencies, strict=True))
    assert calculate("difference", a, b).expression.endswith("= " + shown)


@pytest.mark.parametrize("whole, taken, value, shown", [
    (7357, [710, 183], 6464, "7,357 − 710 − 183 = 6,464"),   # the rest once two places are taken away
    (5291, [318], 4973, "5,291 − 318 = 4,973"),
])
def test_the_rest_of_a_whole(whole, taken, value, shown):
    from qa.compute.calculator import rest

    q = Quantity.remainder(Quantity(whole, C, "w"), [Quantity(t, C, f"t{i}") for i, t in enumerate(taken)])
    c = rest(q)
    assert c.result == value and c.expression == shown
    assert c.operands == ["w"] + [f"t{i}" for i in range(len(taken))]


def test_a_change_of_what_is_left_shows_each_subtraction():
    old = Quantity.remainder(Quantity(5291, C, "a20"), [Quantity(318, C, "b20")])   # 4,973
    new = Quantity.remainder(Quantity(7357, C, "a21"), [Quantity(710, C, "b21")])   # 6,647
    c = pct_change(old, new)
    assert c.expression == "((7,357 − 710) − (5,291 − 318)) / (5,291 − 318) × 100 = 33.7%" and c.result == 33.7


@pytest.mark.parametrize("whole, taken", [(100, [60, 50]), (10, [11])])
def test_taking_away_more_than_the_whole_is_refused(whole, taken):
    with pytest.raises(CalculationError, match="larger than the whole"):
        Quantity.remainder(Quantity(whole, C), [Quantity(t, C) for t in taken])


def test_a_rate_worked_out_from_counts_shows_its_division():
    rate = Quantity.percentage(Quantity(370, C, "part"), Quantity(855, C, "whole"))   # 43.27...%
    c = calculate("pp_difference", rate, Quantity(35, P, "other"))
    assert c.expression == "(370 / 855 × 100) − 35% = 8.3 percentage points" and c.result == 8.3
    assert c.operands == ["part", "whole", "other"]


def test_a_rate_whose_part_exceeds_its_whole_is_refused():
    with pytest.raises(CalculationError, match="larger than the whole"):
        Quantity.percentage(Quantity(900, C), Quantity(855, C))


def test_a_growth_rate_worked_out_from_counts_shows_its_change():
    growth = Quantity.change(Quantity(318, C, "old"), Quantity(710, C, "new"))   # 123.27...%
    c = calculate("pp_difference", growth, Quantity(39, P, "stated"))
    assert c.expression == "((710 − 318) / 318 × 100) − 39% = 84.3 percentage points" and c.result == 84.3
    assert c.operands == ["old", "new", "stated"]
