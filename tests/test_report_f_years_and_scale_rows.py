"""Report tables that head their columns with a year written "F19", say their scale in the corner of a second header
row ("$ MILLION" over the row labels, beside "53 WEEKS | 52 WEEKS"), or say it in a heading as "(in 000's)"
(invented reports of invented companies; every expected value worked out by hand from the table as written).

- "F19" and "F18 (3)" (a footnote number after it) are the years 2019 and 2018, in a header and in prose, as "FY19"
  is; "F-16", "F35" and "F1" are not years;
- a header row whose row label only says how the numbers are written ("$ MILLION") is a header row, not a row of
  figures: its scale is every column's, and "53 WEEKS", how long that year was, is no word of what is measured;
- a heading that ends "(in 000's)" says every amount of the report is in thousands.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document, Unit
from qa.text.documents import read
from qa.text.mentions import find_periods

PUBLISHED = date(2020, 1, 1)


def _table_figures(markdown: str) -> dict[str, object]:
    reading = read(markdown.encode(), "r.md", "markdown")
    doc = Document(id="r", title=reading.title, published=PUBLISHED, text=reading.text)
    return {f.quote: f for f in extract(doc, reading.tables).figures if f.id.startswith("r-t")}


@pytest.mark.parametrize("text, periods", [
    ("Sales rose by 4.1% in F19.", ["2019"]),
    ("F19 and F18", ["2019", "2018"]),
    ("F18 (3)", ["2018"]),
    ("The F-16 and the F35 flew past.", []),  # aircraft, not years
    ("the F1 season", []),
])
def test_a_year_written_f_and_two_digits(text, periods):
    assert [p.period for p in find_periods(text, PUBLISHED)] == periods


WEEKS_UNDER_YEARS = """# Report extract

|  | F19 | F18 (3) |  |  |
|---|---|---|---|---|
| $ MILLION | 53 WEEKS | 52 WEEKS | CHANGE | CHANGE NORMALISED |
| Sales | 2,410 | 2,305 | 4.6% | 2.7% |
| EBIT | 311 | 298 | 4.4% | 2.9% |
| Margin (%) | 12.9 | 12.9 | 0 bps | 2 bps |
"""


@pytest.mark.parametrize("quote, subject, value, unit, scale, period", [
    ("2,410", "Sales", 2_410e6, Unit.money, 1e6, "2019"),
    ("2,305", "Sales", 2_305e6, Unit.money, 1e6, "2018"),
    ("298", "EBIT", 298e6, Unit.money, 1e6, "2018"),
])
def test_a_scale_in_the_corner_of_a_second_header_row(quote, subject, value, unit, scale, period):
    fig = _table_figures(WEEKS_UNDER_YEARS)[quote]
    assert (fig.subject, fig.value, fig.unit, fig.scale, fig.period) == (subject, pytest.approx(value), unit, scale,
                                                                         period)
    assert "weeks" not in fig.measure.lower()


def test_the_scale_row_is_no_row_of_figures():
    subjects = {f.subject for f in _table_figures(WEEKS_UNDER_YEARS).values()}
    assert subjects == {"Sales", "EBIT", "Margin"}


THOUSANDS_IN_A_HEADING = """# Report extract

|  | 2019 | 2018 |
|---|---|---|
| Net sales | $ 48,215 | $ 51,630 |
| Selling expenses | $ 6,204 | $ 6,877 |

Results of Operations

Comparison of Year Ended December 31, 2019 to Year Ended December 31, 2018 (in 000's)

Net sales were $48,215 for the year, a decrease of $3,415 versus the prior year.
"""


@pytest.mark.parametrize("quote, value", [("$ 48,215", 48_215_000), ("$ 6,877", 6_877_000)])
def test_thousands_said_as_000s_in_a_heading(quote, value):
    fig = _table_figures(THOUSANDS_IN_A_HEADING)[quote]
    assert (fig.value, fig.unit, fig.scale) == (pytest.approx(value), Unit.money, 1e3)


RATE_ROW_IN_MONEY = """# Report extract

A reconciliation of the tax charge to the amount computed at the statutory rate was as follows:

|  | 2019 | 2018 |
|---|---|---|
|  | (in millions) |  |
| Amount computed at the statutory federal tax rate | $164 | $151 |
| State taxes, net of federal benefit | 12 | 9 |
| Effective tax rate (%) | 21.4 | 20.8 |
"""


@pytest.mark.parametrize("quote, value, unit", [
    ("$164", 164e6, Unit.money),  # a row named for a rate, its cells written in dollars: amounts
    ("$151", 151e6, Unit.money),
    ("21.4", 21.4, Unit.percent),  # a rate with "%" in its label is still a percentage
])
def test_a_row_named_for_a_rate_written_in_money(quote, value, unit):
    fig = _table_figures(RATE_ROW_IN_MONEY)[quote]
    assert (fig.value, fig.unit) == (pytest.approx(value), unit)
