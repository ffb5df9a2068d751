"""A sentence quoted for a question that asks for a figure is no answer (issue 13, "abstain by coverage"): "whats the
operating margin at the academy?" answered by a sentence about what the academy does reads as an answer with a
citation. When the intent model gives the question little chance of asking for words (under the cut fitted by
`python -m eval.fit_passage`), the passage found is not quoted: the article does not say. Who, what-is and why
questions keep their passage, and a when-question its date. The documents are invented."""

from __future__ import annotations

import pytest

from eval.fit_passage import Row, best_cut, worth_of_abstaining
from qa.model.records import Op, Passage, Plan
from qa.understand.query import Reading
from qa.understand.reader import asks_in_words, unasked_passage

STORY = """# Dance academy expands

The Northvale dance academy, which trains performers for the national ballet, said its waiting times had grown.

Its director, Maria Lopez, said the academy would open a second studio in 2026.

Enrolments at the academy rose to 1,240 in 2025, from 1,100 in 2024.
"""


def passage_plan() -> Plan:
    p = Passage(doc_id="d", start=0, end=40, text="The academy trains performers for the ballet.")
    return Plan(operation=Op.text, resolved_question="q", passage=p)


@pytest.mark.parametrize("p_text, is_when, cut, quoted", [
    (0.05, False, 0.45, False),  # a figure asked: not quoted
    (0.44, False, 0.45, False),
    (0.46, False, 0.45, True),  # words asked
    (0.90, False, 0.45, True),
    (0.05, True, 0.45, True),  # "when did ...?": the sentence says when
])
def test_a_passage_is_quoted_only_for_a_question_asking_for_words(p_text, is_when, cut, quoted):
    r = Reading(text="q", lowered="q", intents=(("text", p_text), ("lookup", 1 - p_text)), is_when=is_when)
    out = unasked_passage(passage_plan(), r, cut)
    assert (out.operation is Op.text) is quoted
    if not quoted:
        assert out.passage is None and out.abstain_reason


def test_a_figure_plan_is_left_alone():
    plan = Plan(operation=Op.lookup, resolved_question="q", figure_ids=["x"], groups=[["x"]])
    r = Reading(text="q", lowered="q", intents=(("text", 0.01),))
    assert unasked_passage(plan, r, 0.45).operation is Op.lookup


@pytest.mark.parametrize("rows, expected", [
    # two wrong passages under a right one: abstain under the right one, halfway to it
    ([Row(0.1, False, False), Row(0.2, False, True), Row(0.6, True, False)], 0.4),
    # a right one first costs 1, two wrong ones after it give 3: worth it
    ([Row(0.1, True, False), Row(0.2, False, False), Row(0.3, False, False), Row(0.8, True, False)], 0.55),
    # only right passages: never abstain
    ([Row(0.1, True, False), Row(0.5, True, False)], None),
    ([], None),
])
def test_the_cut_maximises_right_minus_cost_times_wrong(rows, expected):
    assert best_cut(rows, 1.5) == expected


@pytest.mark.parametrize("row, worth", [
    (Row(0.1, True, False), -1.0),  # a right answer lost
    (Row(0.1, False, False), 1.5),  # a wrong answer no longer given
    (Row(0.1, False, True), 2.5),  # ... and the abstention is the right answer
])
def test_what_abstaining_is_worth(row, worth):
    assert worth_of_abstaining(row, 1.5) == worth


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.engine import Engine
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("academy")))
    get_settings.cache_clear()
    ingest_text(STORY, fmt="markdown", title="Dance academy expands", date="2025-02-10")
    yield Engine(get_settings())
    mp.undo()
    get_settings.cache_clear()
    qa.engine.reset_engine()


@pytest.mark.parametrize("question", [
    "whats the operating margin at the dance academy",
    "What was the waiting time performance of the dance academy?",
])
def test_a_figure_asked_is_not_answered_with_a_sentence(engine, question):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert a.abstained, a.answer
    assert a.citations == []


@pytest.mark.parametrize("question, said", [
    ("What does the Northvale dance academy train performers for?", "national ballet"),
])
def test_words_asked_are_still_quoted(engine, question, said):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert said in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "What is Northvale Academy?",  # what a named thing is
    "Why had the academy's waiting times grown?",
    "Who is Maria Lopez?",
])
def test_a_question_whose_form_asks_for_words_keeps_its_passage(question):
    r = Reading(text=question, lowered=question.lower(), intents=(("text", 0.01), ("lookup", 0.99)))
    assert unasked_passage(passage_plan(), r, 0.45).operation is Op.text


@pytest.mark.parametrize("question, in_words", [
    ("Where can the discussion of operating income be found?", True),  # a place in the report, in words
    ("where is the new depot going to be built", True),
    ("Why did margins fall?", True),
    ("What was the operating margin in 2024?", False),
    ("how many depots are there", False),
])
def test_a_question_whose_form_asks_for_words(question, in_words):
    assert asks_in_words(question) is in_words
