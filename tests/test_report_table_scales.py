"""How a financial report's table says its scale, its percentages and its years, and how each cell must be read
(invented reports of invented companies; every expected value worked out by hand from the table as written).

- the scale said in the last sentence of a long paragraph above the table ("... were as follows (in millions):"), in
  a sentence ending with a full stop that introduces it ("The following table presents net income (in thousands)."),
  in a heading in brackets ("NOTES TO THE ACCOUNTS (in thousands, except per share data)"), in a row of its own under
  the years ("(In thousands)"), or in the singular ("€ million", "in thousand dollars");
- a per-share row ("Earnings per share") is not in the thousands its column states ("2019 $'000");
- a lone header label with no period in it ("Percent Change") heads only the worded columns under it ("Actual",
  "Constant"), not the years beside them;
- a change column with a percent sign on some rows ("(13%)", a fall of 13%) holds percents on the rows written bare
  ("16");
- "FY2019" and "FY18" are the years 2019 and 2018; "2017/2018" is a financial year, "2017-2018" two years.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document, Unit
from qa.text.documents import read
from qa.text.mentions import find_periods

PUBLISHED = date(2020, 1, 1)


def _figures(markdown: str) -> dict[str, tuple[float, Unit, float]]:
    """quote -> (value, unit, scale) for every table figure of a Markdown report."""
    reading = read(markdown.encode(), "r.md", "markdown")
    doc = Document(id="r", title=reading.title, published=PUBLISHED, text=reading.text)
    return {f.quote: (f.value, f.unit, getattr(f, "scale", 1.0)) for f in extract(doc, reading.tables).figures
            if f.id.startswith("r-t")}


LONG_LEAD = """# Report extract

We run a plan that lets a group of staff put part of their pay aside before tax. The plan's assets are held in a
trust and invested in funds the staff choose. The plan's assets and liabilities were as follows (in millions):

|  | May 1, 2019 | May 2, 2018 |
|---|---|---|
| Plan assets | $ 37 | $ 33 |
| Plan liabilities | $ 31 | $ 27 |
"""

FULL_STOP_LEAD = """# Report extract

Awards that carry dividends are counted in basic earnings.

The following table presents net income of the group (in thousands).

|  | 2019 | 2018 |
|---|---|---|
| Net income | $41,210 | $38,905 |
"""

HEADING_SCALE = """# Report extract

NOTES TO THE ACCOUNTS (in thousands, except per share data)

NOTE 4 — Earnings

|  | 2019 | 2018 |
|---|---|---|
| Net income | $12,480 | $11,306 |
| Earnings per share | $1.25 | $1.13 |
"""

SCALE_ROW = """# Report extract

Stocks were as follows:

| October 31, |  |  |
|---|---|---|
|  | 2019 | 2018 |
| (In thousands) |  |  |
| Raw materials | $ 12,840 | $11,020 |
| Finished goods | 7,315 | 6,988 |
"""

SINGULAR = """# Report extract

Results were as follows:

| € million | 2018 | 2019 |
|---|---|---|
| Operating result | 512 | 547 |

Dividends were as follows:

|  | Dividends (in thousand dollars) |  |
|---|---|---|
|  | 2018 | 2019 |
| Cash dividends | 4,210 | 5,075 |
"""

PER_SHARE_COLUMN = """# Report extract

Results:

|  | 2019 $'000 | 2018 $'000 | CHANGE |
|---|---|---|---|
| Revenue | 84,210 | 90,455 | (7%) |
| EBITDA | 6,120 | 5,100 | 20% |
| Net profit | (1,204) | (2,408) | 50 |
| EPS (cents) | (1.4) | (2.8) | 50 |
"""

PERCENT_CHANGE_OVER_WORDS = """# Report extract

Interest costs:

| Year Ended May 31, |  |  |  |  |
|---|---|---|---|---|
|  |  |  | Percent Change |  |
| (Dollars in millions) | 2019 | Actual | Constant | 2018 |
| Interest cost | $1,240 | 4% | 5% | $1,192 |
"""


@pytest.mark.parametrize("doc, quote, value, unit, scale", [
    # "(in millions):" ends a paragraph too long to be a lead-in: its last sentence introduces the table
    (LONG_LEAD, "$ 37", 37e6, Unit.money, 1e6),
    (LONG_LEAD, "$ 27", 27e6, Unit.money, 1e6),
    # a lead-in ending with a full stop
    (FULL_STOP_LEAD, "$41,210", 41_210_000, Unit.money, 1e3),
    # a heading saying the scale in brackets; the per-share row is excepted
    (HEADING_SCALE, "$12,480", 12_480_000, Unit.money, 1e3),
    (HEADING_SCALE, "$1.25", 1.25, Unit.money, 1.0),
    # "(In thousands)" in a row of its own under the years
    (SCALE_ROW, "$ 12,840", 12_840_000, Unit.money, 1e3),
    (SCALE_ROW, "6,988", 6_988_000, Unit.money, 1e3),  # the column's "$" is written on its first row only
    # "€ million" and "in thousand dollars": the singular
    (SINGULAR, "547", 547e6, Unit.money, 1e6),
    (SINGULAR, "4,210", 4_210_000, Unit.money, 1e3),
    # an EPS row under "2019 $'000" is not in thousands: it says it is in cents, hundredths of a dollar
    (PER_SHARE_COLUMN, "(1.4)", -0.014, Unit.money, 0.01),
    (PER_SHARE_COLUMN, "(1,204)", -1_204_000, Unit.money, 1e3),
    # "Percent Change" heads Actual and Constant only: the years are dollars in millions
    (PERCENT_CHANGE_OVER_WORDS, "$1,192", 1_192e6, Unit.money, 1e6),
    (PERCENT_CHANGE_OVER_WORDS, "4%", 4, Unit.percent, 1.0),
])
def test_a_reports_scale_and_unit(doc, quote, value, unit, scale):
    assert _figures(doc)[quote] == (pytest.approx(value), unit, scale)


def test_a_change_column_with_percent_signs_on_some_rows():
    figs = _figures(PER_SHARE_COLUMN)
    # "50" beside "(7%)" and "20%" is a 50 percent change, written bare
    changes = sorted((v, u) for q, (v, u, _) in figs.items() if q in ("(7%)", "20%", "50"))
    assert changes == [(-7, Unit.percent), (20, Unit.percent), (50, Unit.percent)]


def test_no_scale_row_is_a_figure_row():
    reading = read(SCALE_ROW.encode(), "r.md", "markdown")
    doc = Document(id="r", title=reading.title, published=PUBLISHED, text=reading.text)
    subjects = {f.subject for f in extract(doc, reading.tables).figures if f.id.startswith("r-t")}
    assert subjects == {"Raw materials", "Finished goods"}


@pytest.mark.parametrize("text, periods", [
    ("in FY2019", ["2019"]),  # a fiscal year named by the year it ends in, as "fiscal 2019" is
    ("FY18 and FY 2017", ["2018", "2017"]),
    ("FY19**", ["2019"]),  # with a footnote mark
    ("from 2017/2018 to 2018/2019", ["2017-04/2018-03", "2018-04/2019-03"]),  # a financial year written in full
    ("2017/18", ["2017-04/2018-03"]),  # as before
    ("2017-2018", ["2017/2018"]),  # with a dash: the two years
])
def test_fiscal_and_financial_years_written_in_reports(text, periods):
    assert [p.period for p in find_periods(text, PUBLISHED)] == periods


FY_HEADER = """# Report extract

| Emissions are summarised below |  |  |
|---|---|---|
|  | Tonnes of CO2e* |  |
| Emissions from: | FY19** | FY18** |
| Fuel burnt on site | 5,495 | 6,336 |
| Electricity bought | 2,633 | 3,289 |
"""


@pytest.mark.parametrize("quote, period", [("5,495", "2019"), ("6,336", "2018"), ("3,289", "2018")])
def test_fiscal_years_heading_the_columns(quote, period):
    # "FY19**" heads a column (a header row under a spanning label), footnote marks and all
    reading = read(FY_HEADER.encode(), "r.md", "markdown")
    doc = Document(id="r", title=reading.title, published=PUBLISHED, text=reading.text)
    found = [f for f in extract(doc, reading.tables).figures if f.quote == quote]
    assert [f.period for f in found] == [period]
    assert not re.search(r"(?<!\w)\*", found[0].measure)  # "CO2e*" keeps its mark; no "**" is left alone


@pytest.mark.parametrize("paragraph, lead", [
    # "U.S." ends no sentence: the one sentence introduces the table
    ("The following table reconciles U.S. GAAP operating income to adjusted operating income (in thousands):",
     "The following table reconciles U.S. GAAP operating income to adjusted operating income (in thousands):"),
    # a long paragraph: its last sentence, which says the scale
    ("We run a plan for staff. The plan's assets are held in a trust. The plan's assets were as follows (in millions):",
     "The plan's assets were as follows (in millions):"),
    # the sentence saying a table follows, with the scale another sentence states
    ("The following table shows assets by segment. Amounts are shown (in millions).",
     "The following table shows assets by segment. (in millions)"),
    ("Revenue rose as prices increased.", ""),  # no table introduced
])
def test_the_sentence_introducing_a_table(paragraph, lead):
    from qa.text.documents import _lead

    assert _lead(paragraph) == lead
