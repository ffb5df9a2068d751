"""Kinds of table header the table reader must label right (invented tables about invented places).

- a period heading a column as a spreadsheet writes it: "Dec-23", "Jan–Mar 2024", "H1 2024";
- a scale said in one column's header ("Passengers (m)") belongs to that column, not to a column beside it that names
  another measure ("Flights");
- a space-aligned table whose last column label is wider than its right-aligned numbers ("Annual change (%)");
- a bare "$" in an article about an area whose dollar is not the US one (the vocabulary's `dollar_currencies`).
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document, Unit
from qa.text.documents import read

MONTHS_MD = """# Northshire prices ease

Published: 2024-07-02

Prices in Northshire eased, figures show.

**Average price by district (£)**

| District | Dec-23 | Jan–Mar 2024 | H1 2024 |
| --- | --- | --- | --- |
| Eastwick | 410 | 402 | 398 |
| Fellside | 388 | 380 | 377 |
"""

TWO_ROWS_HTML = """<html><head><title>Harbour airports busier</title></head><body>
<h1>Harbour airports busier</h1><p>Published 2024-02-10</p>
<p>Passenger numbers at Northshire's airports rose in 2023.</p>
<table><caption>Passengers by airport, 2022 and 2023</caption>
<thead><tr><th rowspan="2">Airport</th><th colspan="2">2022</th><th colspan="2">2023</th></tr>
<tr><th>Passengers (m)</th><th>Flights</th><th>Passengers (m)</th><th>Flights</th></tr></thead>
<tbody><tr><th scope="row">Northport</th><td>12.4</td><td>98,000</td><td>14.1</td><td>102,500</td></tr>
<tr><th scope="row">Southfield</th><td>8.2</td><td>61,200</td><td>9.0</td><td>64,800</td></tr></tbody></table>
</body></html>"""

ALIGNED_TXT = """Home values climb

4 March 2024 - Home values rose across {area} in the year to January, and a typical flat costs $650,000.

Home values by city

City           Median value ($)    Annual change (%)
Eastwick       1,120,000           8.1
Fellside         690,000          15.2
"""


def _figures(data: str, name: str, fmt: str, published: date) -> list:
    reading = read(data.encode(), name, fmt)
    doc = Document(id="d", title=reading.title, published=published, text=reading.text)
    return extract(doc, reading.tables).figures


@pytest.mark.parametrize("subject, value, period", [
    ("Eastwick", 410, "2023-12"),  # "Dec-23": a month with a two-digit year
    ("Eastwick", 402, "2024-01/2024-03"),  # "Jan–Mar 2024": a span of months written with a dash
    ("Fellside", 377, "2024-01/2024-06"),  # "H1 2024": the first half of the year
])
def test_spreadsheet_period_headers(subject, value, period):
    figs = _figures(MONTHS_MD, "a.md", "markdown", date(2024, 7, 2))
    found = [(f.subject, f.period) for f in figs if f.value == value and f.unit is Unit.money]
    assert found == [(subject, period)]


@pytest.mark.parametrize("subject, period, quote, value", [
    ("Northport", "2022", "12.4", 12_400_000),  # "Passengers (m)": millions
    ("Northport", "2022", "98,000", 98_000),  # "Flights" beside it: as written, not 98,000 million
    ("Southfield", "2023", "9.0", 9_000_000),
    ("Southfield", "2023", "64,800", 64_800),
])
def test_a_columns_scale_is_its_own(subject, period, quote, value):
    figs = _figures(TWO_ROWS_HTML, "a.html", "html", date(2024, 2, 10))
    found = [f.value for f in figs if f.subject == subject and f.period == period and f.quote == quote]
    assert found == [value]


@pytest.mark.parametrize("area, currency", [("Australia", "AUD"), ("Canada", "CAD"), ("Northshire", "USD")])
def test_a_bare_dollar_is_the_areas_dollar(area, currency):
    figs = _figures(ALIGNED_TXT.format(area=area), "a.txt", "text", date(2024, 3, 4))
    money = {f.quote: f.currency for f in figs if f.unit is Unit.money}
    assert money == {"$650,000": currency, "1,120,000": currency, "690,000": currency}


@pytest.mark.parametrize("subject, quote, unit, measure_word", [
    ("Eastwick", "1,120,000", Unit.money, "median value"),
    ("Eastwick", "8.1", Unit.percent, "change"),  # the wide "Annual change (%)" heads the last column
    ("Fellside", "15.2", Unit.percent, "change"),
])
def test_aligned_table_with_a_label_wider_than_its_numbers(subject, quote, unit, measure_word):
    figs = _figures(ALIGNED_TXT.format(area="Northshire"), "a.txt", "text", date(2024, 3, 4))
    found = [f for f in figs if f.quote == quote]
    assert [(f.subject, f.unit) for f in found] == [(subject, unit)]
    assert measure_word in found[0].measure


def test_us_dollars_stay_us_dollars_in_a_dollar_area():
    text = ALIGNED_TXT.format(area="Australia").replace("Median value ($)", "Median value (US$)")
    figs = _figures(text, "a.txt", "text", date(2024, 3, 4))
    assert {f.currency for f in figs if f.quote in ("1,120,000", "690,000")} == {"USD"}


YEAR_TO_MD = """# Northshire figures

Published: 2024-05-02

Figures for Northshire were published today.

**{caption}**

| District | {column} | Annual change (%) |
| --- | --- | --- |
| Eastwick | 1,250 | 4.2 |
| Fellside | 980 | -1.5 |
"""


@pytest.mark.parametrize("caption, column, level_period", [
    # a price or an average in a table of the year to a month is that month's level, as in a sentence
    ("Average monthly rent, year to March 2024 (£)", "Rent", "2024-03"),
    ("House prices, 12 months to March 2024", "Median price", "2024-03"),
    # a count over the year to a month is the year's total
    ("Offences recorded, year to March 2024", "Offences", "2023-04/2024-03"),
])
def test_a_table_of_the_year_to_a_month(caption, column, level_period):
    figs = _figures(YEAR_TO_MD.format(caption=caption, column=column), "a.md", "markdown", date(2024, 5, 2))
    by_quote = {f.quote: f.period for f in figs}
    assert by_quote["1,250"] == level_period
    assert by_quote["4.2"] == "2023-03/2024-03"  # the change over the year: March to March
    assert by_quote["-1.5"] == "2023-03/2024-03"


FINANCIAL_MD = """# Giving falls

Published: 2024-06-02

Donations across {area} fell in 2022-23, tax figures show.

**Donations claimed by state**

| State | 2021-22 | 2022-23 |
| --- | --- | --- |
| Eastwick | 1,250 | 1,180 |
| Fellside | 980 | 1,010 |
"""


@pytest.mark.parametrize("area, first, second", [
    ("Australia", "2021-07/2022-06", "2022-07/2023-06"),  # Australia's financial year runs July to June
    ("UK", "2021-04/2022-03", "2022-04/2023-03"),  # Britain's April to March
    ("Northshire", "2021-04/2022-03", "2022-04/2023-03"),  # no area named: April to March, as before
])
def test_a_short_second_year_is_the_areas_financial_year(area, first, second):
    figs = _figures(FINANCIAL_MD.format(area=area), "a.md", "markdown", date(2024, 6, 2))
    by_quote = {f.quote: f.period for f in figs}
    assert (by_quote["1,250"], by_quote["1,180"]) == (first, second)
