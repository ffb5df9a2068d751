"""A share written as "one in N" is a percentage for any N a writer spells out (issue 14, text figures keep their
labels): "one in eleven posts" is 9.1%, not a count of 11. Expected values worked by hand (1/11 = 9.09%)."""

from __future__ import annotations

import pytest

from qa.text.mentions import find_numbers


@pytest.mark.parametrize("text, value, unit", [
    ("One in eleven midwife posts was empty.", 9.1, "percent"),
    ("one in fifty adults", 2.0, "percent"),
    ("one in twenty drivers", 5.0, "percent"),
    ("three in ten households", 30.0, "percent"),
    ("two in 100 people", 2.0, "percent"),
    ("one in eighty-five", 85.0, "count"),  # a compound number word: not one in eighty
])
def test_one_in_n(text, value, unit):
    found = find_numbers(text)
    assert [(m.value, m.unit.value) for m in found][:1] == [(value, unit)]
