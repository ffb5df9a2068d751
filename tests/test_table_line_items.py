"""Tables whose rows are line items (what is measured) rather than whom: a results summary under a heading that names
no measure ("KEY FIGURES", "Financial summary") or that writes its numbers' unit once "unless stated"; each row is
the measure, of the company the headline opens with, and a column header that only says a period ("26 weeks to")
is no measure. A change column that follows dated value columns ("Loans 2023 | Loans 2024 | Change (%)") is the
change in what they count, not in the prose's or the caption's other words. Invented companies, places and numbers."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document, Unit
from qa.text.documents import read


def table_figures(text: str, title: str, published: date) -> dict[str, list]:
    reading = read(text.encode(), "article.txt", "txt")
    doc = Document(id="d", title=title, published=published, text=reading.text)
    cells = {(c.start, c.end) for t in reading.tables for r in t.rows for c in r}
    out: dict[str, list] = {}
    for f in extract(doc, reading.tables).figures:
        if (f.start, f.end) in cells:
            out.setdefault(f.quote, []).append(f)
    return out


KEY_FIGURES = """QUILLMARSH FOODS LIFTS PROFIT AS SOUP SALES WARM UP

March 3, 2025
By A. Writer

Quillmarsh Foods Ltd said profit rose last year as colder weather sold more soup.

KEY FIGURES

                              2024       2023     Change
Group turnover               512.4      470.1      +9.0%
Operating profit              40.2       33.5     +20.0%
Net cash                      18.6       12.9     +44.2%
Soup tins sold (m)           211.0      190.4     +10.8%

The company said it would open a second kitchen next year.
"""

SUMMARY_UNLESS = """BRACKENHOLT RAIL CUTS LOSSES ON BUSIER TRAINS

April 9, 2025
By A. Writer

Brackenholt Rail said its losses narrowed as more people travelled.

RESULTS AT A GLANCE

$m unless stated                 2024       2023     Change
Fare income                     288.0      251.3     +14.6%
Operating loss                  (12.4)     (30.8)
Journeys (m)                     61.2       55.0     +11.3%

Journeys rose for a third year.
"""

WEEKS = """HOLLINGREAVE STORES NARROWS FIRST-HALF LOSS

September 12, 2024
By A. Writer

Hollingreave Stores said sales rose in the half.

Half-year trading summary

                                 26 weeks to    26 weeks to
                                 27 Jul 2024    29 Jul 2023     Change
Total sales ($m)                       302.5          288.1      +5.0%
Online sales ($m)                       61.0           52.0     +17.3%
Gross margin (%)                        44.1           43.0
Stores at period end                     141            139

Sales rose in every month of the half.
"""

FIRMS = """BUS FIRMS CARRY MORE PASSENGERS

May 2, 2025
By A. Writer

Bus firms in Westmarch carried more passengers last year.

Revenue by firm (GBP m unless stated)

Firm                           2024       2023
Tollbridge Buses               120.4      111.2
Marrowfield Coaches             88.3       80.9
Oakhurst Transit                61.5       59.0

All three firms raised fares.
"""

LOANS = """LIBRARY LOANS GROW AS READERS GO DIGITAL

February 10, 2025
By A. Writer

Growth in audio borrowing outpaced print in every county surveyed.

County        Audio loans 2023   Audio loans 2024   Audio change (%)   Print loans 2023   Print loans 2024   Print change (%)
Westmoor               412,300            498,100              +20.8          1,200,400          1,180,200               -1.7
Eastvale               301,800            350,900              +16.3            980,100            990,300               +1.0

Source: an invented survey.
"""


@pytest.mark.parametrize("doc, title, published, quote, subject, measure", [
    # a summary whose heading names no measure: each row is what is measured, of the headline's company
    (KEY_FIGURES, "Quillmarsh Foods lifts profit as soup sales warm up", date(2025, 3, 3), "512.4",
     "Quillmarsh Foods", "group turnover"),
    (KEY_FIGURES, "Quillmarsh Foods lifts profit as soup sales warm up", date(2025, 3, 3), "+20.0%",
     "Quillmarsh Foods", "percent change in operating profit"),
    (KEY_FIGURES, "Quillmarsh Foods lifts profit as soup sales warm up", date(2025, 3, 3), "18.6",
     "Quillmarsh Foods", "net cash"),
    # its unit said once "unless stated" above the rows
    (SUMMARY_UNLESS, "Brackenholt Rail cuts losses on busier trains", date(2025, 4, 9), "288.0",
     "Brackenholt Rail", "fare income"),
    (SUMMARY_UNLESS, "Brackenholt Rail cuts losses on busier trains", date(2025, 4, 9), "+11.3%",
     "Brackenholt Rail", "percent change in journeys"),
    # "26 weeks to" over each column only says a period: the row is the measure
    (WEEKS, "Hollingreave Stores narrows first-half loss", date(2024, 9, 12), "302.5",
     "Hollingreave Stores", "total sales"),
    (WEEKS, "Hollingreave Stores narrows first-half loss", date(2024, 9, 12), "+17.3%",
     "Hollingreave Stores", "percent change in online sales"),
    (WEEKS, "Hollingreave Stores narrows first-half loss", date(2024, 9, 12), "141",
     "Hollingreave Stores", "stores at period end"),
])
def test_a_summary_tables_rows_are_what_is_measured(doc, title, published, quote, subject, measure):
    figs = table_figures(doc, title, published)[quote]
    assert len(figs) == 1
    assert (figs[0].subject, figs[0].measure) == (subject, measure)


def test_a_summary_change_is_between_its_columns():
    figs = table_figures(KEY_FIGURES, "Quillmarsh Foods lifts profit as soup sales warm up", date(2025, 3, 3))
    assert (figs["+9.0%"][0].period, figs["+9.0%"][0].unit) == ("2023/2024", Unit.percent)
    assert figs["211.0"][0].value == pytest.approx(211e6)  # "(m)" in its own row


def test_rows_of_firms_stay_whom_even_unless_stated():
    # a caption that names its measure over rows of names: the rows are whom, "unless stated" or not
    figs = table_figures(FIRMS, "Bus firms carry more passengers", date(2025, 5, 2))
    assert (figs["120.4"][0].subject, figs["120.4"][0].measure) == ("Tollbridge Buses", "revenue")


@pytest.mark.parametrize("quote, measure", [
    ("+20.8", "percent change in audio loans"),   # the change column follows the audio columns
    ("-1.7", "percent change in print loans"),    # and this one the print columns
    ("+1.0", "percent change in print loans"),
])
def test_a_change_column_is_in_what_the_columns_before_it_count(quote, measure):
    figs = table_figures(LOANS, "Library loans grow as readers go digital", date(2025, 2, 10))[quote]
    assert len(figs) == 1
    assert figs[0].measure.lower() == measure


@pytest.mark.parametrize("quote, period", [
    ("302.5", "2024-02/2024-07"),   # 26 weeks to 27 Jul 2024: the half, February to July
    ("288.1", "2023-02/2023-07"),
    ("+5.0%", "2023-02/2024-07"),   # the change between the two halves
])
def test_weeks_to_a_day_are_those_months(quote, period):
    figs = table_figures(WEEKS, "Hollingreave Stores narrows first-half loss", date(2024, 9, 12))[quote]
    assert figs[0].period == period


def _one_table(text: str):
    reading = read(text.encode(), "article.txt", "txt")
    return reading.tables[0]


PUMPS = """STOVE SALES FALL ACROSS THE NORTH

June 2, 2025
By A. Writer

Stove sales fell in most countries.

Country           2023        2024    Change (%)
Norland         12,400      10,100         -18.5
Suderia          8,300       8,900          +7.2

Source: an invented trade body.
"""


@pytest.mark.parametrize("hint, kept", [
    ("continent's", False),           # a possessive alone says whose, not what
    ("points", False),                # a unit alone says how
    ("percentage points", False),
    ("wood stoves sold", True),       # a measure
])
def test_a_prose_hint_that_names_nothing_is_not_the_measure(hint, kept):
    from qa.corpus.tables import table_figures as cells
    figs = cells(_one_table(PUMPS), date(2025, 6, 2), "Stove sales fall across the north", measure_hint=hint)
    measure = next(f.measure for f in figs if f.cell.text == "12,400")
    assert (hint in measure) is kept
