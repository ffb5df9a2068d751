"""What a report says its table shows, and the unit it is in, from the words that introduce it. Sentences invented;
each expected span chosen by reading the sentence."""

from __future__ import annotations

import pytest

from qa.text.leads import TABLE_ASKED, UNITS_ASKED, scale_note, table_lead


@pytest.mark.parametrize("text, shown", [
    ("The following table presents the carrying value of goodwill by segment (in millions):",
     "the carrying value of goodwill by segment"),
    ("The table below summarizes deferred revenue by region.", "deferred revenue by region"),
    ("The carrying value of goodwill by segment was as follows:", "The carrying value of goodwill by segment"),
    ("Accrued liabilities consisted of the following (in thousands):", "Accrued liabilities"),
    ("At year end, lease costs were as follows:", "lease costs"),
    # a sentence that introduces no table
    ("Revenue rose 4% as prices increased.", None),
])
def test_what_the_table_shows(text, shown):
    got = table_lead(text)
    assert (None if got is None else text[got[0]:got[1]]) == shown


@pytest.mark.parametrize("question, about_table", [
    ("What does the table show?", True),
    ("What financial information does the table present?", True),
    ("What is shown in the table?", True),
    ("What does the table show us?", True),
    ("What was the total shown in the table for 2019?", False),  # a figure of the table, not what it shows
    ("Why is the amount not included in the table?", False),
])
def test_a_question_about_the_table_itself(question, about_table):
    assert bool(TABLE_ASKED.search(question)) is about_table


@pytest.mark.parametrize("question, text, note", [
    ("What is the unit used for the data in the table?", "Income taxes were as follows (in thousands)", "in thousands"),
    ("Which units are the table's figures in?", "(Dollars in millions, except per share data)", "in millions"),
    ("What is the unit used in the table?", "Revenue by region", None),
])
def test_the_unit_a_table_is_in(question, text, note):
    assert UNITS_ASKED.search(question)
    got = scale_note(text)
    assert (None if got is None else text[got[0]:got[1]]) == note
