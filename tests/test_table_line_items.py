"""A change column that follows dated value columns of one measure ("Loans 2023 | Loans 2024 | Change (%)") is the
change in what they count, not in the prose's or the caption's other words; columns of "26 weeks to" a day are
those months (a retailer's half). Rows of names under a caption that names its measure stay whom. Invented
companies, places and numbers."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document
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


def test_rows_of_firms_stay_whom():
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


TWO_MEASURES = """PRICES CLIMB IN THE VALLEY

March 14, 2023
By A. Writer

Shoppers paid more.

Town          Basket 2022    Bill 2023    Change (%)
Northby             48.10        52.40          8.9
Southby             41.00        43.10          5.1

Source: an invented survey.
"""


def test_a_change_after_columns_of_two_measures_is_in_neither():
    figs = table_figures(TWO_MEASURES, "Prices climb in the valley", date(2023, 3, 14))["8.9"]
    assert figs[0].measure not in ("percent change in bill", "percent change in basket")
