"""Numbers the question itself gives (hypotheticals): operands from the question, never cited as the article's."""

from __future__ import annotations

import pytest

from qa.compose.grounding import strict_ungrounded
from qa.engine import get_engine
from qa.model.records import Unit
from qa.pipeline import ask
from qa.understand.given import given_figures
from qa.understand.query import read_question


@pytest.mark.parametrize("question, values, unit", [
    ("If 100 of Northshire's cases had been dropped, what share would that be?", [100], Unit.count),
    ("Suppose the rate were 12% instead, what then?", [12], Unit.percent),
    ("If spending had been £250 a head, how much more is that?", [250], Unit.money),
    ("How many cases were there, if any?", [], None),            # no number: nothing given
    ("What share of 900 cases is 300?", [], None),                # not a hypothetical: numbers are quoted, not given
    ("If the article's 710 offences had been 800, what rise?", [800], Unit.count),  # 710 is the article's own
])
def test_given_numbers_are_a_hypotheticals_numbers_no_figure_states(question, values, unit):
    engine = get_engine()
    r = read_question(engine.terms, question, engine.corpus.doc_year)
    got = given_figures(engine.corpus.figures, r)
    assert [f.value for f in got] == values
    assert all(f.unit is unit and not f.doc_id for f in got)


# Gold computed here from the article's own numbers (854 Staffordshire cases reported is 855; offences 154 in 2020,
# 183 in 2021; 7,357 nationally in 2021), not by the engine's calculator.
@pytest.mark.parametrize("question, expected, unit", [
    ("If 100 of Staffordshire's cases had been dropped, what percentage of its cases would that be?",
     100 / 855 * 100, Unit.percent),
    ("Suppose Staffordshire had recorded 200 offences in 2021 rather than 183: what would the percentage rise on "
     "2020 have been?", (200 - 154) / 154 * 100, Unit.percent),
    ("If national offences dropped to 7,000 in 2022, what would the percentage change from last year's total be?",
     (7000 - 7357) / 7357 * 100, Unit.percent),
    # the whole the question quotes ("of its 855 cases") is the whole, whatever else fits the question's words
    ("If Staffordshire had closed 250 of its 855 cases, what percentage would that be?", 250 / 855 * 100, Unit.percent),
])
def test_a_hypothetical_is_worked_with_the_questions_number(question, expected, unit):
    a = ask(question)
    assert not a.abstained and not a.clarify, a.answer
    assert a.value == pytest.approx(expected, abs=0.05) and a.unit is unit
    assert "the number in the question" in a.answer
    assert all(c.doc_id for c in a.citations)  # the question's number is not cited as the article's
    assert strict_ungrounded(a, question) == []
