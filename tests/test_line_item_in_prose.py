"""Two kinds of question a financial report's reader meets, over invented documents.

A line item asked of the sentence that states it: a report's table row ("Income from ferry operations") is read as a
subject, and the sentence that repeats it names the company as its subject and the item as its measure ("Income from
ferry operations for Harbourline rose to $41.2 million in 2022"), or splits the item at its first comma ("Selling" and
"general and administrative expense"). That figure is the item asked, not another place's; a sentence about another
item still is no answer.

A reason asked without "why": "What caused the increase?", "What led to the fall?" want the reason the sentence gives
("lower fuel costs"), not a figure it states nor the words before its reason."""

from __future__ import annotations

import pytest

from qa.compose.spans import answer_span
from qa.corpus.collection import Corpus
from qa.model.records import Document, Figure, Op, Passage, Plan, Unit
from qa.understand.link import CorpusTerms
from qa.understand.query import read_question
from qa.understand.reader import asks_in_words, figure_in_passage

TEXT = ("| | 2022 | 2021 |\n|---|---|---|\n| Income from ferry operations | 41,200 | 35,900 |\n"
        "| Selling, general and administrative expense | 12,400 | 11,100 |\n| Harbour dues | 3,100 | 2,800 |\n\n"
        "Income from ferry operations for Harbourline rose to $41.2 million in 2022. "
        "Selling, general and administrative expense increased $1.3 million to $12.4 million in 2022. "
        "Ticket revenue for Harbourline was $52.0 million in 2022.")


def _fig(fid: str, subject: str, measure: str, number: str, period: str = "2022", row: bool = False) -> Figure:
    start = TEXT.index(number) if not row else TEXT.index(subject)
    return Figure(id=fid, doc_id="h", subject=subject, measure=measure, period=period, value=float(number.replace(
        ",", "")), unit=Unit.money, quote=number, start=start, end=start + len(number))


FIGURES = [
    _fig("t1", "Income from ferry operations", "financial report", "41,200", row=True),
    _fig("t2", "Selling, general and administrative expense", "financial report", "12,400", row=True),
    _fig("t3", "Harbour dues", "financial report", "3,100", row=True),
    _fig("p1", "Harbourline", "income from ferry operations", "41.2"),
    _fig("p2", "Selling", "change in general and administrative expense", "1.3"),
    _fig("p3", "Harbourline", "ticket revenue", "52.0"),
]


@pytest.mark.parametrize("question, stating, looked_up", [
    # the item asked is the figure's measure: that sentence's figure
    ("What was the income from ferry operations in 2022?", "Income from ferry", "p1"),
    # the item's name split at its comma between the figure's subject and measure
    ("What was the Selling, general and administrative expense increase in 2022?", "Selling, general", "p2"),
    # a sentence about another item is still no answer for the item asked
    ("What were the harbour dues in 2022?", "Ticket revenue", None),
])
def test_a_line_item_stated_in_prose(question, stating, looked_up):
    known = CorpusTerms(Corpus([Document(id="h", title="Ferry report", published="2023-03-01", text=TEXT)], FIGURES))
    passage = next(p for p in known.corpus.passages if p.text.startswith(stating))
    r = read_question(known, question, 2023)
    assert r.subjects  # the table row is read as the subject asked
    plan = Plan(operation=Op.text, resolved_question=question, asked=question, passage=passage, subjects=r.subjects)
    out = figure_in_passage(known, plan, r, {})
    if looked_up is None:
        assert out is not None and out.operation is Op.abstain
    else:
        assert out is not None and out.operation is Op.lookup and out.figure_ids == [looked_up]


REASONS = ("Net interest expense increased $2.1 million in 2022, primarily as a result of higher borrowing on the "
           "revolving credit facility. Fuel costs fell in 2021, mainly due to lower diesel prices.")


@pytest.mark.parametrize("question, sentence, span", [
    ("What caused the interest expense to increase?", 0, "higher borrowing on the revolving credit facility"),
    ("What led to the decrease in fuel costs in 2021?", 1, "lower diesel prices"),
    ("What drove the increase in net interest expense?", 0, "higher borrowing on the revolving credit facility"),
])
def test_a_reason_asked_without_why(question, sentence, span):
    text = REASONS.split(". ")[sentence]
    got = answer_span(question, Passage(doc_id="r", start=0, end=len(text), text=text, paragraph=0))
    assert got is not None and text[got[0]:got[1]].rstrip(".") == span
    assert asks_in_words(question)  # a passage is quoted for it whatever the intent model reads


@pytest.mark.parametrize("question", ["What was the net interest expense in 2022?", "What was the cost of fuel in 2021?"])
def test_a_figure_asked_is_not_a_reason_asked(question):
    assert not asks_in_words(question)
