"""Where a table says what and when it measures, beyond the line above it (invented tables about invented places).

- a caption written UNDER its table ("Table: Trains arriving on time (%), by operator"), in plain text, Markdown and
  HTML: it names the measure, and its "%" makes the cells percentages;
- a line under a table that heads the NEXT table is that table's caption, not this one's;
- a heading that only says when ("March 2024") gives the period and no measure words ("march");
- a change column between two columns that are each a year to a month ("12 months to June 2023", "... June 2024")
  runs from the first's end to the last's (2023-06/2024-06), as a change over the year to June 2024 reads in prose.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document, Unit
from qa.text.documents import read

UNDER_TXT = """Trains run late in Northvale

Published: 3 February 2024

Punctuality fell across the network in the last quarter.

Operator          Q3 2023    Q4 2023    Change (pp)
Eastline            71.2       68.4          -2.8
Westline            80.1       81.0           0.9

Table: Trains arriving on time (%), by operator

Source: Northvale Rail Office.
"""

UNDER_MD = """# Cinema admissions recover in Northland

Published: 2024-05-01

Cinema admissions recovered across Northland in 2023.

| Region | 2022 | 2023 |
|---|---:|---:|
| Eastwick | 4,120 | 4,630 |
| Fellside | 2,210 | 2,380 |

*Table 1: Cinema admissions by region (thousands)*

Admissions rose in both regions.
"""

UNDER_HTML = """<html><head><title>Libraries busier</title></head><body>
<h1>Libraries busier</h1><p>Published 2024-06-01</p>
<p>Library loans rose in Freedonia.</p>
<table><tr><th>Town</th><th>2022</th><th>2023</th></tr>
<tr><td>Eastwick</td><td>61.5</td><td>63.0</td></tr>
<tr><td>Fellside</td><td>48.2</td><td>50.4</td></tr></table>
<p>Chart 3: Library members as a share of residents (%)</p>
<p>More people joined in both towns.</p>
</body></html>"""

NEXT_TABLES_MD = """# Two tables

Published: 2024-05-01

Figures for Northland.

| Region | 2022 | 2023 |
|---|---:|---:|
| Eastwick | 4,120 | 4,630 |
| Fellside | 2,210 | 2,380 |

Table 2: Bus journeys by region (millions)

| Region | 2022 | 2023 |
|---|---:|---:|
| Eastwick | 7.5 | 8.1 |
| Fellside | 3.2 | 3.4 |
"""

WHEN_ONLY_MD = """# Waits grow in Northvale

Published: 2024-04-20

Waits for tests grew in March.

## March 2024

| Board | Waiting | Over 6 weeks (%) |
|---|---:|---:|
| Eastwick | 12,400 | 31.2 |
| Fellside | 8,200 | 27.5 |
"""

YEAR_TO_HTML = """<html><head><title>Deaths fall in Freedonia</title></head><body>
<h1>Deaths fall in Freedonia</h1><p>Published 2024-11-20</p>
<p>Road deaths fell in most provinces.</p>
<table><caption>Road deaths by province</caption>
<tr><th>Province</th><th>Deaths, 12 months to June 2023</th><th>Deaths, 12 months to June 2024</th>
<th>Change (%)</th><th>Death rate per 100,000 (2023)</th></tr>
<tr><td>Northland</td><td>412</td><td>380</td><td>-7.8</td><td>5.1</td></tr>
<tr><td>Southland</td><td>215</td><td>226</td><td>+5.1</td><td>4.4</td></tr></table>
</body></html>"""


def _figures(data: str, name: str, fmt: str, published: date) -> list:
    reading = read(data.encode(), name, fmt)
    doc = Document(id="d", title=reading.title, published=published, text=reading.text)
    return [f for f in extract(doc, reading.tables).figures if f.id.split("-")[-1].startswith("t")]


@pytest.mark.parametrize("data, name, fmt, published, quote, measure, unit, value", [
    (UNDER_TXT, "a.txt", "text", date(2024, 2, 3), "71.2", "trains arriving on time", Unit.percent, 71.2),
    (UNDER_TXT, "a.txt", "text", date(2024, 2, 3), "-2.8", "percentage point change in trains arriving on time",
     Unit.percentage_points, -2.8),
    (UNDER_MD, "a.md", "markdown", date(2024, 5, 1), "4,630", "cinema admissions", Unit.count, 4_630_000),
    (UNDER_HTML, "a.html", "html", date(2024, 6, 1), "63.0", "library members as a share of residents",
     Unit.percent, 63.0),
])
def test_a_caption_under_its_table(data, name, fmt, published, quote, measure, unit, value):
    found = [(f.measure, f.unit, f.value) for f in _figures(data, name, fmt, published) if f.quote == quote]
    assert found == [(measure, unit, value)]


def test_a_caption_over_the_next_table_is_not_this_ones():
    figs = _figures(NEXT_TABLES_MD, "a.md", "markdown", date(2024, 5, 1))
    first = {f.measure for f in figs if f.quote == "4,630"}
    second = [(f.measure, f.value) for f in figs if f.quote == "8.1"]
    assert "bus journeys" not in first
    assert second == [("bus journeys", 8_100_000)]


@pytest.mark.parametrize("quote, measure, period", [
    ("12,400", "waiting (waits grow in Northvale)", "2024-03"),
    ("27.5", "over weeks (waits grow in Northvale)", "2024-03"),
])
def test_a_heading_that_only_says_when(quote, measure, period):
    found = [(f.measure, f.period) for f in _figures(WHEN_ONLY_MD, "a.md", "markdown", date(2024, 4, 20))
             if f.quote == quote]
    assert found == [(measure, period)]


@pytest.mark.parametrize("quote, period", [
    ("412", "2022-07/2023-06"),
    ("380", "2023-07/2024-06"),
    ("-7.8", "2023-06/2024-06"),  # from the end of the first year to the end of the second
    ("+5.1", "2023-06/2024-06"),
    ("5.1", "2023"),  # the rate column beside them keeps its own year
])
def test_a_change_between_years_to_a_month(quote, period):
    found = [f.period for f in _figures(YEAR_TO_HTML, "a.html", "html", date(2024, 11, 20)) if f.quote == quote]
    assert found == [period]


BANDS_MD = """# Savings survey

Published: 2025-03-01

**Share saving nothing, by age (%)**

| Age | 2024 |
|---|---:|
| Under 25 | 31 |
| 25-64 | 22 |
| 65 and over | 12 |
| 75+ | 10 |
| All adults | 21 |
"""


@pytest.mark.parametrize("quote, subject", [
    ("31", "Under 25"),  # a band of numbers is told only by its numbers: not "Under"
    ("22", "25-64"),
    ("12", "65 and over"),  # not "and over"
    ("10", "75+"),
    ("21", "All adults"),  # a label of words keeps its words
])
def test_a_row_that_is_a_band_of_numbers(quote, subject):
    found = [f.subject for f in _figures(BANDS_MD, "a.md", "markdown", date(2025, 3, 1)) if f.quote == quote]
    assert found == [subject]


NAMED_CHANGE_MD = """# Northvale firms report

Published: 2024-03-01

Northvale's biggest firms grew in 2023.

**Key figures by firm, 2023**

| Firm | Revenue (£m) | Margin (%) | Change in margin (pp) | Change (%) |
|---|---:|---:|---:|---:|
| Acme | 1,240 | 8.1 | +0.4 | 3.5 |
| Bolt | 860 | 5.5 | -1.2 | -2.0 |
"""


@pytest.mark.parametrize("quote, measure, unit", [
    ("+0.4", "percentage point change in margin", Unit.percentage_points),  # the change its label names
    ("-1.2", "percentage point change in margin", Unit.percentage_points),
    ("3.5", "percent change in key figures", Unit.percent),  # a change that names nothing keeps the caption's
    ("8.1", "margin (key figures)", Unit.percent),
])
def test_a_change_column_that_names_what_changed(quote, measure, unit):
    found = [(f.measure, f.unit) for f in _figures(NAMED_CHANGE_MD, "a.md", "markdown", date(2024, 3, 1))
             if f.quote == quote]
    assert found == [(measure, unit)]


def test_a_rate_per_so_many_names_the_rate():
    # "Death rate per 100,000 (2023)": a death rate, not "death rate per" once the number is dropped
    found = [f.measure for f in _figures(YEAR_TO_HTML, "a.html", "html", date(2024, 11, 20)) if f.quote == "5.1"]
    assert found == ["death rate (road deaths)"]
