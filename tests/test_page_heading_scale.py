"""How a report says its amounts are written, over invented documents (values read by hand): a page heading of a
company's notes ("Acme, Inc. NOTES TO CONSOLIDATED FINANCIAL STATEMENTS — (Continued) (United States Dollars in
thousands, except per share data)") scales the cells of the tables under it, as a lead-in "(in thousands)" does; a row
of units under the years ("Note | £m | £m") says the columns' scale and currency even beside a note column."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document
from qa.text.documents import read


def _figures(text: str) -> list:
    reading = read(text.encode(), "a.md", "markdown")
    doc = Document(id="d", title=reading.title, published=date(2024, 3, 1), text=reading.text)
    return extract(doc, reading.tables).figures


PAGE_NOTE = """# Notes

Harbourline, Inc. NOTES TO CONSOLIDATED FINANCIAL STATEMENTS — (Continued) (United States Dollars in thousands, except per share data, unless otherwise stated)

Receivables sold in the year were as follows:

| | 2023 | 2022 |
|---|---|---|
| Loans sold | 91,946 | 72,071 |
"""

NO_NOTE = PAGE_NOTE.replace(" (United States Dollars in thousands, except per share data, unless otherwise stated)", "")


@pytest.mark.parametrize("doc, value", [
    (PAGE_NOTE, 91_946_000),  # the page heading's "in thousands"
    (NO_NOTE, 91_946),        # no note: as written
])
def test_a_page_heading_says_how_amounts_are_written(doc, value):
    found = [f for f in _figures(doc) if f.subject.startswith("Loans sold") and f.period == "2023"]
    assert len(found) == 1 and found[0].value == value


UNITS_ROW = """# Credit risk

The maximum exposure to credit risk for trade receivables at the reporting date by region was:

|  |  | 2023 | 2022 |
|---|---|---|---|
|  | Note | £m | £m |
| North |  | 31.5 | 29.8 |
| South |  | 0.7 | 0.9 |
"""


@pytest.mark.parametrize("subject, year, value", [("North", "2023", 31_500_000), ("South", "2022", 900_000)])
def test_a_row_of_units_under_the_years_beside_a_note_column(subject, year, value):
    # "Note | £m | £m": the note column's header is no row label of a body row; the row says the amounts are £m
    found = [f for f in _figures(UNITS_ROW) if f.subject == subject and f.period == year]
    assert len(found) == 1 and found[0].value == pytest.approx(value) and found[0].currency == "GBP"
