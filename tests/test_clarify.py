"""Clarifying questions: when two readings (or two documents) fit a question about equally and give different
answers, the answer asks which is meant, offering both worked and cited; a reply picking one is answered."""

from __future__ import annotations

from datetime import date

import pytest

import qa.engine
from qa.compose.answer import clarifying
from qa.compose.grounding import strict_ungrounded
from qa.corpus.collection import Corpus
from qa.corpus.store import ingest_text
from qa.model.records import CLARIFY_OPENING, Document, Figure, Op, Plan, Unit
from qa.model.settings import get_settings
from qa.pipeline import ask
from qa.understand.candidates import Candidate, tossup
from qa.understand.followup import picked_option

LABELS = ["burglaries, Northshire as a share of all crime, Northshire", "burglaries, Northshire"]


@pytest.mark.parametrize("reply, picked", [
    ("1", 0), ("2", 1), ("the first", 0), ("Second", 1), ("the latter", 1), ("option 2", 1),
    ("burglaries, Northshire", 1), ("  Burglaries, Northshire.  ", 1), (LABELS[0], 0),
    ("3", None), ("burglaries", None), ("what about 2020?", None), ("", None),
])
def test_a_reply_picks_an_option_by_number_or_words(reply, picked):
    assert picked_option(reply, LABELS) == picked


def _cand(op: Op, score: float) -> Candidate:
    return Candidate(plan=Plan(operation=op), asked=op.value, score=score)


@pytest.mark.parametrize("scores, rule, asked", [
    ([(Op.lookup, 2.0), (Op.share, 1.8)], (0.5, 1.0), True),     # close, both likely enough
    ([(Op.lookup, 2.0), (Op.share, 1.0)], (0.5, 0.5), False),    # the best leads clearly
    ([(Op.lookup, 2.0), (Op.share, 1.8)], (0.5, 1.9), False),    # the runner-up is too unlikely
    ([(Op.abstain, 2.0), (Op.share, 1.9)], (0.5, 1.0), False),   # "none of these" leads: no choice to offer
    ([(Op.lookup, 2.0), (Op.abstain, 1.9), (Op.share, 1.7)], (0.5, 1.0), True),  # the abstention is skipped
    ([(Op.lookup, 2.0), (Op.share, 1.99)], None, False),         # no fitted rule: never ask back
    ([(Op.lookup, 2.0)], (0.5, 1.0), False),
])
def test_tossup_needs_two_close_readings(scores, rule, asked):
    ranked = [_cand(op, s) for op, s in scores]
    got = tossup(ranked, rule)
    assert bool(got) is asked
    if asked:
        assert got[0] is ranked[0] and got[1].plan.operation is not Op.abstain


TEXT = "Northshire Police recorded 120 burglaries in 2021, out of 1,500 crimes in all."


def _corpus() -> Corpus:
    doc = Document(id="d", title="Burglary", published=date(2022, 1, 5), text=TEXT)

    def fig(i: str, quote: str, value: float, measure: str) -> Figure:
        start = TEXT.index(quote)
        return Figure(id=i, doc_id="d", subject="Northshire Police", measure=measure, period="2021", value=value,
                      unit=Unit.count, quote=quote, start=start, end=start + len(quote))

    return Corpus(documents=[doc], figures=[fig("b", "120 burglaries", 120, "burglaries"),
                                            fig("c", "1,500 crimes", 1500, "crimes")], passages=[])


def test_a_clarifying_answer_offers_both_readings_worked_and_cited():
    corpus = _corpus()
    share = Plan(operation=Op.percentage_of, groups=[["b"], ["c"]], figure_ids=["b", "c"], label="burglaries as a share")
    count = Plan(operation=Op.lookup, groups=[["b"]], figure_ids=["b"], label="burglaries")
    a = clarifying(corpus, Plan(operation=Op.lookup, alternatives=[share, count]))
    assert a is not None
    assert a.answer.startswith(CLARIFY_OPENING) and a.value is None and not a.abstained
    assert [c.label for c in a.clarify] == ["burglaries as a share", "burglaries"]
    assert a.clarify[0].value == pytest.approx(120 / 1500 * 100)  # the worked share, 8%
    assert a.clarify[1].value == 120
    assert {c.quote for c in a.citations} == {"120 burglaries", "1,500 crimes"}
    assert strict_ungrounded(a, "What share were burglaries?") == []  # the shown working grounds the 8%


def test_readings_that_agree_are_not_asked_back():
    corpus = _corpus()
    one = Plan(operation=Op.lookup, groups=[["b"]], figure_ids=["b"], label="burglaries")
    same = Plan(operation=Op.sum, groups=[["b"]], figure_ids=["b"], label="total burglaries")
    assert clarifying(corpus, Plan(operation=Op.lookup, alternatives=[one, same])) is None


NORTH = """Northshire burglaries

Published 6 October 2023

Police in Northshire recorded 640 burglaries in 2022, the force said.
"""
SOUTH = """Southshire burglaries

Published 6 October 2023

Police in Southshire recorded 410 burglaries in 2022, the force said.
"""


@pytest.fixture
def two_docs(tmp_path, monkeypatch):
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))  # the real embedding model: no fake here
    monkeypatch.setenv("QA_BUILTIN_CORPUS", "false")
    get_settings.cache_clear()
    qa.engine.reset_engine()
    north = ingest_text(NORTH, title="Northshire burglaries", date="2023-10-06")
    south = ingest_text(SOUTH, title="Southshire burglaries", date="2023-10-06")
    yield qa.engine.get_engine(), north, south
    qa.engine.reset_engine()


def test_two_documents_that_fit_equally_are_asked_about(two_docs):
    engine, north, south = two_docs
    a = ask("How many burglaries did police record in 2022?", engine=engine)
    assert a.clarify, a.answer
    assert {c.value for c in a.clarify} == {640, 410}
    assert all("article" in c.label for c in a.clarify)
    assert strict_ungrounded(a, "How many burglaries did police record in 2022?") == []
    # the reply picks one, by number, with the conversation so far
    history = [{"question": "How many burglaries did police record in 2022?", "answer": a.answer}]
    for i, choice in enumerate(a.clarify):
        picked = ask(str(i + 1), history=history, engine=engine)
        assert not picked.clarify and picked.value == choice.value
        by_words = ask(choice.label, history=history, engine=engine)
        assert by_words.value == choice.value


def test_a_question_naming_one_document_is_not_asked_about(two_docs):
    engine, north, south = two_docs
    a = ask("How many burglaries did Northshire police record in 2022?", engine=engine)
    assert not a.clarify and a.value == 640


def test_the_cli_numbers_the_options(capsys):
    from qa.cli.main import _print_answer

    a = clarifying(_corpus(), Plan(operation=Op.lookup, alternatives=[
        Plan(operation=Op.percentage_of, groups=[["b"], ["c"]], figure_ids=["b", "c"], label="burglaries as a share"),
        Plan(operation=Op.lookup, groups=[["b"]], figure_ids=["b"], label="burglaries")]))
    _print_answer(a)
    out = capsys.readouterr().out
    assert "1. burglaries as a share" in out and "2. burglaries" in out
