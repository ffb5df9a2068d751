""""Since when?" asks for the date a passage puts after "since": the year a record is measured from ("the lowest since
2015") or the start of a state that lasts ("unchanged since July 2009"). A series of yearly figures cannot tell it,
so it is not read as "which year was lowest?". Each text is invented."""

from __future__ import annotations

import pytest
from made_figures import engine_over

from qa.compose.spans import answer_span
from qa.model.records import Passage


def _span(question: str, text: str) -> str | None:
    p = Passage(doc_id="d", start=0, end=len(text), text=text, paragraph=0)
    s = answer_span(question, p)
    return text[s[0]:s[1]] if s else None


@pytest.mark.parametrize("question, text, expected", [
    ("This is the biggest rise since when?",
     "Fares will rise by 9% in April, the biggest increase since deregulation in 1986, after a 6% rise in 2019.", "1986"),
    ("the lowest since what year?",
     "Completions fell to 41,200 in 2024, the lowest since 2013, against 47,900 in 2023.", "2013"),
    ("Since when has the toll been frozen at £3?",
     "The toll, frozen at £3 since March 2011, will go up in 2025.", "March 2011"),
    ("When will the toll go up?",  # no "since": the date nearest the question's words, as before
     "The toll, frozen at £3 since March 2011, will go up in 2025.", "2025"),
])
def test_since_when_is_the_date_after_since(question, text, expected):
    span = _span(question, text)
    assert span in (expected, f"since {expected}"), span


SERIES = """# Completions

| Region | 2021 | 2022 | 2023 | 2024 |
|---|---|---|---|---|
| Northshire | 52,300 | 49,800 | 47,900 | 41,200 |

Homes completed in Northshire fell to 41,200 in 2024, the lowest since 2013, the ministry said.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from engine_over(tmp_path_factory, SERIES, title="Completions", date="2025-02-01")


def test_a_record_since_what_year_is_not_the_series_low(engine):
    from qa.pipeline import ask

    a = ask("Northshire completions were the lowest since what year?", engine=engine)
    assert "2013" in a.answer and "2024:" not in a.answer, a.answer


def test_which_year_was_lowest_still_reads_the_series(engine):
    from qa.pipeline import ask

    a = ask("In which year were Northshire homes completed lowest?", engine=engine)
    assert "2024" in a.answer and "2013" not in a.answer, a.answer
