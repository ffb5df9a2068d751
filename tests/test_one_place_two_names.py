"""A place an article names two ways ("UK" in its text, "United Kingdom" in its table) is found twice in a question
that names it once: it is one place, not two to compare. A change of that place over time is read along its own series
("how much capacity did the UK add in 2023"), and a comparison with another place has the two names on one side.
The figures are invented; the expected pairs are read off them by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Op, Unit
from qa.understand.plans import Context, pair, split
from qa.understand.query import read_question

TEXT = ("The UK had 14.7 GW of turbines at sea in 2023. Installed wind capacity: United Kingdom 28.5 (2022), "
        "30.2 (2023); Germany 66.3 (2022), 69.5 (2023).")


def _known():
    def f(i, subject, measure, period, v, quote):
        return figure_in(TEXT, "d", i, subject, measure, period, v, Unit.count, quote)

    return known_of(TEXT, "d", [
        f("uk_sea", "UK", "GW of turbines at sea", "2023", 14.7, "14.7"),
        f("uk_22", "United Kingdom", "installed wind capacity", "2022", 28.5, "28.5"),
        f("uk_23", "United Kingdom", "installed wind capacity", "2023", 30.2, "30.2"),
        f("de_22", "Germany", "installed wind capacity", "2022", 66.3, "66.3"),
        f("de_23", "Germany", "installed wind capacity", "2023", 69.5, "69.5"),
    ], published="2024-06-01")


@pytest.mark.parametrize("names, places", [
    (["UK", "United Kingdom"], ["UK"]),
    (["UK", "United Kingdom", "Germany"], ["UK", "Germany"]),
    (["Germany", "United Kingdom"], ["Germany", "United Kingdom"]),
])
def test_two_names_of_one_place_are_one_place(names, places):
    assert _known().subjects.places(names) == places


def test_a_change_of_one_place_named_twice_is_along_its_series():
    known = _known()
    r = read_question(known, "How much installed capacity did the UK add between 2022 and 2023?", 2024)
    assert {"UK", "United Kingdom"} <= set(r.subjects)
    groups = pair(Context(known=known, sims={}, doc_year=2024), replace(r, operation=Op.difference), None)
    assert groups is not None
    assert sorted(f.id for g in groups for f in g) == ["uk_22", "uk_23"]


def test_a_comparison_with_another_place_has_both_names_on_one_side():
    known = _known()
    r = read_question(known, "How many times bigger was Germany's installed capacity than the UK's in 2023?", 2024)
    halves = split(Context(known=known, sims={}, doc_year=2024), replace(r, operation=Op.ratio))
    assert halves is not None
    sides = sorted(sorted(h.subjects) for h in halves)
    assert sides == [["Germany"], ["UK", "United Kingdom"]]
