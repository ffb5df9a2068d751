"""A when-question whose best passage states no date: the article doesn't say when. Quoting a dateless sentence back
("The council will publish its accounts later.") reads as an answer and is not one. A passage with a date still
answers with that date. Each document is invented."""

from __future__ import annotations

import pytest
from made_figures import engine_over

DEPOT = """# Depot

The council opened its new recycling depot in March 2023 at a cost of £4 million.

The council will publish the depot's final accounts once the audit is complete, officials said.

Residents will be asked about longer opening hours at the depot, the leader said.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from engine_over(tmp_path_factory, DEPOT, title="Depot", date="2024-05-01")


@pytest.mark.parametrize("question", [
    "When will the council publish the depot's final accounts?",
    "What date will residents be asked about longer opening hours?",
])
def test_a_dateless_passage_does_not_say_when(engine, question):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert a.abstained and a.value is None, a.answer
    assert "when" in a.answer, a.answer  # it says what it does not say


def test_a_dated_passage_answers_with_its_date(engine):
    from qa.pipeline import ask

    a = ask("When did the council open its new recycling depot?", engine=engine)
    assert not a.abstained and "March 2023" in a.answer, a.answer
