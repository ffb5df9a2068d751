"""A when-answer quotes the whole date the sentence gives, with the part of the year or month it names: "the autumn
of 2026" (not "2026"), "the last week of October" (not "October"), "mid-July". A reader told only the year or the
month is told less than the article says. Every sentence here is invented."""

from __future__ import annotations

import pytest

from qa.compose.spans import answer_span
from qa.model.records import Passage
from qa.text.dates import MONTH_ONLY, when_spans


@pytest.mark.parametrize("text, spans", [
    ("The Fenby gallery will partly reopen in the autumn of 2026, the council said.", ["the autumn of 2026"]),
    ("Work on the Harlow bridge starts in the spring of 2025.", ["the spring of 2025"]),
    ("The pier closed in late summer 2023 after a storm.", ["late summer 2023"]),
    ("Storm Ilsa struck the Corvey coast in the last week of October, flooding farms.", ["the last week of October"]),
    ("Ferries stopped in the first week of March while the harbour was dredged.", ["the first week of March"]),
    ("Prices peaked in mid-July before easing.", ["mid-July"]),
    ("Prices peaked in early August before easing.", ["early August"]),
    ("The autumn budget cut spending in 2024.", ["2024"]),  # a season that is no date's is not quoted
])
def test_the_part_of_a_period_is_quoted_with_it(text, spans):
    assert [text[a:b] for a, b in when_spans(text)] == spans


@pytest.mark.parametrize("question, text, expected", [
    ("When is the Fenby gallery going to partly reopen?",
     "The council said the Fenby gallery would partly reopen in the autumn of 2026.", "the autumn of 2026"),
    ("When did Storm Ilsa hit?",
     "Vegetable prices rose 6 per cent after Storm Ilsa, which struck the Corvey coast in the last week of October.",
     "the last week of October"),
])
def test_when_answer_span(question, text, expected):
    span = answer_span(question, Passage(doc_id="d", start=0, end=len(text), text=text, paragraph=0))
    assert span is not None and text[span[0]:span[1]] == expected


@pytest.mark.parametrize("quote, month", [
    ("the last week of October", "October"), ("mid-July", "July"), ("the end of September", "September"),
])
def test_a_part_of_a_month_is_still_that_month(quote, month):
    m = MONTH_ONLY.fullmatch(quote)
    assert m is not None and m.group("month") == month
