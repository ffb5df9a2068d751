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


@pytest.mark.parametrize("caption_measure, columns, parts", [
    # each column takes the part it shares a word with; the others the one part no column names
    ("median download speed and average monthly price", {1: "2023 ", 2: "2024 ", 3: "Monthly price, 2024 "},
     {1: "median download speed", 2: "median download speed", 3: "average monthly price"}),
    ("fires and area burned", {1: "Fires 2024", 2: "Area burned 2024"}, {1: "fires", 2: "area burned"}),
    ("homes built and sold", {1: "2022", 2: "2023"}, {}),       # no column names a part: the caption is theirs
    ("bed occupancy", {1: "Occupancy 2023"}, {}),                # one measure
])
def test_a_caption_naming_two_measures_gives_each_column_its_own(caption_measure, columns, parts):
    from qa.corpus.tables import caption_parts

    assert caption_parts(caption_measure, columns) == parts


@pytest.mark.parametrize("context, columns, scaled", [
    ("Wildfires and area burned (acres in thousands)", {1: "Fires (2024)", 2: "Acres burned 2024"}, {2}),
    ("Passengers (in thousands)", {1: "2023", 2: "2024"}, None),           # not tied to a measure: every column's
    ("Figures in thousands", {1: "Flights", 2: "Passengers"}, None),       # a word no column names: every column's
    ("Acres in thousands", {1: "Acres 2023", 2: "Acres 2024"}, None),      # every column names it
])
def test_a_scale_tied_to_a_measure_is_that_measures_columns(context, columns, scaled):
    from qa.corpus.tables import tied_scale

    assert tied_scale(context, columns) == scaled


SPEEDS = """# Speeds climb

*By A Writer, 14 March 2025*

**Table 1: Median download speed and average monthly price of the cheapest fast plan**

| Country | 2023 (Mbps) | 2024 (Mbps) | Change (%) | Monthly price, 2024 (€) |
|---|---:|---:|---:|---:|
| Northland | 204.3 | 231.6 | 13.4 | 31.90 |

Source: a monitor. The Westland price was converted from £33.20.
"""


@pytest.mark.parametrize("value, unit, currency, measure", [
    (231.6, "count", "", "median download speed"),      # a pound in the note is not the speed column's currency
    (31.9, "money", "EUR", "monthly price (average monthly price of the cheapest fast plan)"),
    (13.4, "percent", "", "percent change in median download speed"),   # the change of the speed columns it spans
])
def test_a_currency_the_note_mentions_is_not_every_columns(value, unit, currency, measure):
    from qa.corpus.extract import extract
    from qa.model.records import Document
    from qa.text.documents import read

    reading = read(SPEEDS.encode(), "a.md", "markdown")
    doc = Document(id="d", title=reading.title, published=date(2025, 3, 14), text=reading.text)
    got = [(f.unit.value, f.currency, f.measure) for f in extract(doc, reading.tables).figures if f.value == value]
    assert got[:1] == [(unit, currency, measure)]
