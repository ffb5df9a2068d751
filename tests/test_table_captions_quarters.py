"""A caption that lists a table's measures, and quarters of a financial year in headers. Invented labels."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.tables import caption_lists_columns, read_label
from qa.text.mentions import find_periods

PUBLISHED = date(2024, 2, 1)


@pytest.mark.parametrize("caption_measure, columns, lists", [
    ("punctuality and cancellations", ["On time", "Cancellations"], True),   # a column names one of the list
    ("arrivals, departures and transfers", ["Arrivals", "Departures"], True),
    ("homes built and sold", ["2022", "2023"], False),                      # the columns are years: the caption is theirs
    ("bed occupancy", ["Occupancy"], False),                                # one measure, no list
])
def test_a_caption_that_lists_the_columns_measures_is_not_every_columns_measure(caption_measure, columns, lists):
    assert caption_lists_columns(caption_measure, columns) is lists


@pytest.mark.parametrize("text, period", [
    ("Q3 2023-24", "2023-10/2023-12"),   # the third quarter of a financial year starting in April
    ("Q4 2022/23", "2023-01/2023-03"),
    ("Q1 2024-25", "2024-04/2024-06"),
    ("Q3 2023", "2023-07/2023-09"),      # a calendar quarter
])
def test_a_quarter_of_a_financial_year(text, period):
    assert [p.period for p in find_periods(text, PUBLISHED)] == [period]


@pytest.mark.parametrize("header, period", [
    ("Cancellations Q3 2023-24 (%)", "2023-10/2023-12"),
    ("Sales Q3 2023", "2023-07/2023-09"),
])
def test_a_column_header_reads_a_financial_quarter(header, period):
    assert read_label(header, PUBLISHED).period == period


NO_CAPTION = """# Prices climb

*By A Writer, 14 March 2023*

Shoppers paid more.

| Country | Basket Feb 2022 (€) | Basket Feb 2023 (€) | Change (%) |
|---|---|---|---|
| Northland | 48.10 | 52.40 | 8.9 |
"""


@pytest.mark.parametrize("text, measure", [
    (NO_CAPTION, "percent change in basket"),            # the value columns all measure one thing: the change is in it
    (NO_CAPTION.replace("Basket Feb 2023", "Bill Feb 2023"), "percent change in prices climb"),  # no one thing: the title
])
def test_a_change_column_without_a_caption_is_the_change_in_its_value_columns_measure(text, measure):
    from qa.corpus.extract import extract
    from qa.model.records import Document
    from qa.text.documents import read

    reading = read(text.encode(), "a.md", "markdown")
    doc = Document(id="d", title=reading.title, published=date(2023, 3, 14), text=reading.text)
    changes = [f for f in extract(doc, reading.tables).figures if f.value == 8.9]
    assert [f.measure for f in changes] == [measure]
