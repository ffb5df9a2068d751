"""Two table shapes of financial reports whose periods were lost, over invented documents read by hand.

A heading row that is only a date ("December 31, 2023" with blank cells) over a block of rows, then another date over
the same rows again: each block's rows are that date's. A labelled header row of words ("Indicators | For the year
ended 31 December") over a row of bare years with no label: both are header, and each column is its year."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document
from qa.text.documents import read

DATED_BLOCKS = """# Receivables

|  | Gross | Allowance | Net |
|---|---|---|---|
| December 31, 2023 |  |  |  |
| Freight related | $4,210 | $(95) | $4,115 |
| Storage related | 1,305 | — | 1,305 |
| Total | $5,515 | $(95) | $5,420 |
| December 31, 2022 |  |  |  |
| Freight related | $3,870 | $(60) | $3,810 |
| Storage related | 990 | — | 990 |
| Total | $4,860 | $(60) | $4,800 |
"""

WORDED_HEADER = """# Energy

| 3.1 Depots |  |  |
|---|---|---|
| Indicators | For the year ended 31 December |  |
|  | 2023 | 2022 |
| Diesel used (MWh) | 1,204.5 | 1,310.2 |
| Electricity bought (MWh) | 880.1 | 845.7 |
"""


def _figures(text: str) -> list:
    reading = read(text.encode(), "a.md", "markdown")
    doc = Document(id="d", title=reading.title, published=date(2024, 3, 1), text=reading.text)
    return extract(doc, reading.tables).figures


@pytest.mark.parametrize("subject, value, year", [
    ("Freight related", 4210, "2023"),
    ("Freight related", 3870, "2022"),  # the second block: the second date's
    ("Storage related", 990, "2022"),
    ("Total", 4860, "2022"),            # a total row stays in its block
])
def test_a_date_heading_row_dates_the_rows_under_it(subject, value, year):
    found = [f for f in _figures(DATED_BLOCKS) if f.subject.endswith(subject) and f.value == value]
    assert found and {f.period[:4] for f in found} == {year}


@pytest.mark.parametrize("subject, value, year", [
    ("Diesel used", 1204.5, "2023"),
    ("Diesel used", 1310.2, "2022"),
    ("Electricity bought", 845.7, "2022"),
])
def test_a_worded_header_row_over_a_row_of_years(subject, value, year):
    figs = _figures(WORDED_HEADER)
    found = [f for f in figs if f.subject.startswith(subject) and f.value == pytest.approx(value)]
    assert len(found) == 1 and found[0].period == year
    assert not [f for f in figs if f.value in (2023, 2022)]  # the years are a header, not figures

