"""A question that compares levels ("which had the higher share?", "was Fenby busier than Corvey?") is not answered by
comparing the changes the article states for each: that one grew more says nothing of which is higher. Such a
comparison abstains; a question that asks which grew, rose or fell more is still answered from the changes. The
document is invented."""

from __future__ import annotations

import pytest
from made_figures import engine_over

STORY = """# Ferry passengers up at Fenby, down at Corvey

Passenger numbers changed unevenly across the islands' harbours in 2024.

| Harbour | Change in ferry passengers 2023-2024 (%) | Change in electric share of fleet 2023-2024 (%) |
|---|---|---|
| Fenby | 14.2 | 6.5 |
| Corvey | -3.1 | 9.8 |
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from engine_over(tmp_path_factory, STORY, "Ferry passengers up at Fenby, down at Corvey", "2025-01-20")


@pytest.mark.parametrize("question", [
    "Which had more ferry passengers in 2024, Fenby or Corvey?",
    "Was Fenby busier than Corvey for ferry passengers?",
    "Which fleet had the higher electric share, Fenby or Corvey?",
])
def test_levels_asked_of_changes_abstain(engine, question):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert a.abstained, a.answer


@pytest.mark.parametrize("question, first", [
    ("Where did ferry passenger numbers grow faster in 2024, Fenby or Corvey?", "Fenby"),
    ("Which fleet's electric share grew more, Fenby or Corvey?", "Corvey"),
])
def test_changes_asked_are_compared(engine, question, first):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert a.answer.startswith(first), a.answer
