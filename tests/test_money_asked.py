"""Words that ask for an amount of money ("how much did it cost?", "what do they pay?", "which got more money?") are
answered by a money figure whatever its label calls it (a price, a fare, a budget): the figure's label need not repeat
them. Before, such a word counted as a word of the question no figure covered, and the figure asked for was cut as
too doubtful. Every name here is invented."""

from __future__ import annotations

import pytest
from made_figures import engine_over

FARES = """# Ferry fares

| Route | Adult single 2024 | Adult single 2025 |
|---|---|---|
| Northport to Easton | £14.20 | £15.10 |
| Westbay to Southholm | £9.80 | £10.40 |

The Easton harbour trust received £3.2 million in grants in 2024, against £2.1 million for the Westbay trust.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from engine_over(tmp_path_factory, FARES, title="Ferry fares", date="2025-03-01")


@pytest.mark.parametrize("question, value", [
    ("How much did an adult single from Northport to Easton cost in 2025?", 15.1),
    ("how much more do you pay for Northport to Easton than Westbay to Southholm in 2025?", 4.7),
])
def test_a_money_word_is_answered_by_a_money_figure(engine, question, value):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained and a.value == pytest.approx(value) and a.unit == "money", a.answer


def test_a_money_word_does_not_cover_a_count(engine):
    from qa.understand.candidates import money_canon
    from qa.understand.link import figure_terms

    counts = [f for f in engine.figures if f.unit.value != "money"]
    assert all(not (figure_terms(f) & money_canon()) for f in counts)  # the credit is the unit's, not the label's
