"""Tables whose rows and columns each say part of when: months down the side, years across the top ("March" under
"2023" is March 2023, also when the caption reads each year as some months of it), with a total row under the months;
a change column beside the years is the change between the columns in that row's month. Each document is invented and its expected figures are read off it by hand."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document, Unit
from qa.text.documents import read

FERRY = """# Ferry crossings climb in spring

*PORTHAVEN, 4 May 2023*

Crossings on the Porthaven ferry rose in the first quarter.

**Table 1: Ferry crossings by month, January to March, 2022 and 2023**

| Month | 2022 | 2023 | Change (%) |
|---|---:|---:|---:|
| January | 1,200 | 1,500 | 25.0 |
| February | 1,000 | 1,100 | 10.0 |
| March | 2,000 | 1,800 | -10.0 |
| Total, Jan–Mar | 4,200 | 4,400 | 4.8 |
"""


def _table_figures(data: str, name: str, fmt: str, published: date) -> list:
    reading = read(data.encode(), name, fmt)
    doc = Document(id="d", title=reading.title, published=published, text=reading.text)
    starts = min(c.start for t in reading.tables for r in t.rows for c in r)
    return [f for f in extract(doc, reading.tables).figures if f.start >= starts]


@pytest.mark.parametrize("quote, period, unit", [
    ("1,200", "2022-01", Unit.count),  # January, in the 2022 column
    ("1,500", "2023-01", Unit.count),
    ("1,800", "2023-03", Unit.count),
    ("25.0", "2022-01/2023-01", Unit.percent),  # the change from January 2022 to January 2023
    ("-10.0", "2022-03/2023-03", Unit.percent),
    ("4,200", "2022-01/2022-03", Unit.count),  # the total row: January to March of its column's year
    ("4,400", "2023-01/2023-03", Unit.count),
    ("4.8", "2022-01/2023-03", Unit.percent),
])
def test_month_rows_under_year_columns(quote, period, unit):
    figs = [f for f in _table_figures(FERRY, "a.md", "markdown", date(2023, 5, 4)) if f.quote == quote]
    assert len(figs) == 1
    assert (figs[0].period, figs[0].unit) == (period, unit)


ORCHARDS = """<html><body><article><h1>Orchard jobs</h1><p>4 June 2024</p>
<table><caption>Orchard workers by age and crop, Northvale, 2022 and 2023</caption>
<thead><tr><th></th><th>2022</th><th>2023</th></tr></thead>
<tbody><tr><th colspan="3" scope="rowgroup">Age</th></tr>
<tr><th scope="row">Under 25</th><td>310</td><td>340</td></tr>
<tr><th scope="row">25 and over</th><td>920</td><td>905</td></tr></tbody>
<tbody><tr><th colspan="3" scope="rowgroup">Crop</th></tr>
<tr><th scope="row">Apples</th><td>700</td><td>760</td></tr>
<tr><th scope="row">Pears</th><td>530</td><td>485</td></tr></tbody>
</table></article></body></html>"""

QUARRIES = """# Quarry output

**Quarry output by site, 2023 (tonnes)**

| Site | Sand | Gravel |
|---|---:|---:|
| **By county** | | |
| Westshire | 410 | 220 |
| Eastshire | 380 | 190 |
| Fees: | | |
| Licence | 12 | 9 |
"""


@pytest.mark.parametrize("data, name, fmt, quote, subject, measure_not", [
    # a row spanning the table below the column headers heads a group of rows: it is no column's label
    (ORCHARDS, "a.html", "html", "340", "Under 25", "age"),
    (ORCHARDS, "a.html", "html", "485", "Pears", "crop"),
    # a heading naming what the rows are told apart by ("By county") is no part of the rows' names...
    (QUARRIES, "a.md", "markdown", "380", "Eastshire", "county"),
    # ...while a heading that is not one still is ("Fees: Licence")
    (QUARRIES, "a.md", "markdown", "12", "Fees: Licence", "fees"),
])
def test_section_rows_name_no_column(data, name, fmt, quote, subject, measure_not):
    figs = [f for f in _table_figures(data, name, fmt, date(2024, 6, 4)) if f.quote == quote]
    assert len(figs) == 1
    assert figs[0].subject == subject
    assert measure_not not in figs[0].measure.lower()


def test_section_row_spanning_an_html_table_is_a_body_row():
    reading = read(ORCHARDS.encode(), "a.html", "html")
    assert reading.tables[0].header_rows == 1


WARDS = """# Beds

*14 May 2024*

**Beds occupied by ward, end of March**

| Ward | 2023 | 2024 |
|---|---:|---:|
| Elm | 41 | 47 |
| Oak | 33 | 29 |
"""

LEAD_MONTH = """# Beds

*14 May 2024*

Figures released in March showed the wards filling up, as the table shows.

| Ward | 2023 | 2024 |
|---|---:|---:|
| Elm | 41 | 47 |
| Oak | 33 | 29 |
"""


@pytest.mark.parametrize("data, quote, period", [
    (WARDS, "41", "2023-03"),  # "end of March" over columns of years: March of each
    (WARDS, "29", "2024-03"),
    (LEAD_MONTH, "41", "2023"),  # a month a lead-in sentence names in passing is no column's
])
def test_caption_month_with_year_columns(data, quote, period):
    figs = [f for f in _table_figures(data, "a.md", "markdown", date(2024, 5, 14)) if f.quote == quote]
    assert len(figs) == 1
    assert figs[0].period == period


PUMPS = """# Pump prices

*2 April 2025*

A full tank now costs €5 more than in winter.

**Table 1: Pump prices by fuel, cents per litre**

| Fuel | Q4 2024 | Q1 2025 |
|---|---:|---:|
| Petrol | 180.0 | 175.5 |
| Diesel | 171.2 | 168.0 |

**Table 2: Electricity unit rates (p/kWh)**

| Tariff | 2024 | 2025 |
|---|---:|---:|
| Standard | 24.5 | 27.0 |
"""


@pytest.mark.parametrize("quote, value, currency", [
    ("175.5", 1.755, "EUR"),  # euro cents: the article writes its sums in euros
    ("171.2", 1.712, "EUR"),
    ("27.0", 0.27, "GBP"),  # pence per kWh
])
def test_hundredths_per_unit_are_money(quote, value, currency):
    figs = [f for f in _table_figures(PUMPS, "a.md", "markdown", date(2025, 4, 2)) if f.quote == quote]
    assert len(figs) == 1
    assert (figs[0].unit, figs[0].currency) == (Unit.money, currency)
    assert figs[0].value == pytest.approx(value)


DOCKS = """<html><body><article><h1>Docks</h1><p>12 February 2025</p>
<table><caption>Cargo handled by dock, 2023 and 2024 (thousand tonnes)</caption>
<thead><tr><th>Dock</th><th>2023</th><th>2024</th></tr></thead>
<tbody><tr><th>North</th><td>1,210</td><td>1,180</td></tr></tbody></table>
<table><caption>Passengers by terminal (million passengers)</caption>
<thead><tr><th>Terminal</th><th>2023</th><th>2024</th></tr></thead>
<tbody><tr><th>T1</th><td>4.5</td><td>4.9</td></tr></tbody></table>
<table><caption>Spending by department, 2022-23 and 2023-24 (£m)</caption>
<thead><tr><th>Department</th><th>2022-23</th><th>2023-24</th><th>Change (£m)</th></tr></thead>
<tbody><tr><th>Roads</th><td>412.0</td><td>430.5</td><td>18.5</td></tr></tbody></table>
<table><caption>Rail freight by quarter</caption>
<thead><tr><th>Quarter</th><th>Tonnes</th><th>Change on year (%)</th></tr></thead>
<tbody><tr><td>Apr–Jun 2024</td><td>4,100</td><td>2.5</td></tr>
<tr><td>Jul–Sep 2024</td><td>4,300</td><td>-1.1</td></tr></tbody></table>
</article></body></html>"""


@pytest.mark.parametrize("quote, value, unit, currency, period", [
    ("1,180", 1_180_000, Unit.count, "", "2024"),  # "(thousand tonnes)": thousands of a unit
    ("4.9", 4_900_000, Unit.count, "", "2024"),  # "(million passengers)"
    # "(£m)" in the caption is every column's currency, also beside a column that names its own ("Change (£m)")
    ("412.0", 412_000_000, Unit.money, "GBP", "2022-04/2023-03"),
    ("18.5", 18_500_000, Unit.money, "GBP", "2022-04/2024-03"),
    # a change on the year in a quarter's row: from that quarter a year before to it
    ("2.5", 2.5, Unit.percent, "", "2023-04/2024-06"),
    ("-1.1", -1.1, Unit.percent, "", "2023-07/2024-09"),
])
def test_units_scales_and_spans_said_once(quote, value, unit, currency, period):
    figs = [f for f in _table_figures(DOCKS, "a.html", "html", date(2025, 2, 12)) if f.quote == quote]
    assert len(figs) == 1
    f = figs[0]
    assert (f.unit, f.currency, f.period) == (unit, currency, period)
    assert f.value == pytest.approx(value)
