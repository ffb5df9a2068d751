"""A looked-up figure answers a question only when it is of every place the question names. "How many cats were
rehomed in Dunmore?", when the article gives Dunmore only its intake and the rehoming figure is the whole county's,
is refused with the county's figure: the article gives no figure for Dunmore on that. Every name and number here
is invented."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Op, Plan, Unit
from qa.understand.candidates import refused_lookup
from qa.understand.query import read_question

TEXT = ("Cat shelters across Vardenshire rehomed 48,200 cats in 2024, the Vardenshire Cat Trust said. Intake in Dunmore "
        "rose to 12,300 cats. In Eastby, 9,400 cats were rehomed. Cat shelters had 410 volunteers.")
D = "d"
COUNTY = figure_in(TEXT, D, "county", "Vardenshire", "cats rehomed", "2024", 48200, Unit.count, "48,200")
DUNMORE = figure_in(TEXT, D, "dun", "Dunmore", "cats taken in", "2024", 12300, Unit.count, "12,300")
EASTBY = figure_in(TEXT, D, "east", "Eastby", "cats rehomed", "2024", 9400, Unit.count, "9,400")
VOLUNTEERS = figure_in(TEXT, D, "vol", "Cat shelters", "volunteers", "2024", 410, Unit.count, "410")
KNOWN = known_of(TEXT, D, [COUNTY, DUNMORE, EASTBY, VOLUNTEERS], published="2025-03-10")


@pytest.mark.parametrize("question, figure, refused", [
    ("How many cats were rehomed in Dunmore in 2024?", "county", "Dunmore"),     # the county's figure is not Dunmore's
    ("how many cats did eastby rehome last yr", "county", "Eastby"),
    ("How many cats were rehomed in Eastby in 2024?", "east", ""),               # its own figure
    ("How many cats were rehomed across Vardenshire in 2024?", "county", ""),
    ("How many volunteers did cat shelters have?", "vol", ""),
])
def test_a_lookup_is_of_every_place_named(question, figure, refused):
    r = read_question(KNOWN, question, 2025)
    why = refused_lookup(Plan(operation=Op.lookup, resolved_question=question, figure_ids=[figure]), r, KNOWN)
    assert (refused in why) if refused else why == "", why


@pytest.mark.parametrize("question, figure", [
    ("Did Eastby rehome more cats than Dunmore took in?", "east"),             # a check names its rival
    ("Did Eastby rehome more than a fifth of Vardenshire's cats?", "east"),    # or the whole it is part of
])
def test_a_check_may_name_another_place(question, figure):
    r = read_question(KNOWN, question, 2025)
    why = refused_lookup(Plan(operation=Op.lookup, resolved_question=question, figure_ids=[figure]), r, KNOWN)
    assert "no figure for" not in why, why
