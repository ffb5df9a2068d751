"""Labels of figures stated in prose sentences, kinds found by reading extraction against invented articles: the
common noun a figure measures ("Free cash flow came in at ...") is not whom it is of, nor of the sentences after; "the
board" or "the company" is the body the article is about; a sum "a share" is the dividend the sentence names; a
verb that moves something by a figure ("raised the ceiling price by 66%") says what the figure is a change in.

Every document here is invented for the test; each row says what a careful reader takes the figure to be.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document

FIRM = ("Northvale Systems lifts profit\n\nNorthvale Systems reported revenue of $3.4bn for the third quarter on "
        "Tuesday. ")


def _one(text: str, quote_part: str, published: date = date(2024, 10, 30)):
    doc = Document(id="t", title=text.split("\n")[0], published=published, text=text)
    hits = [f for f in extract(doc).figures if quote_part in f.quote]
    assert len(hits) == 1, [(f.quote, f.subject, f.measure, f.period) for f in extract(doc).figures]
    return hits[0]


@pytest.mark.parametrize(
    "text, quote_part, subject",
    [
        # what a clause's figure measures is not whom it is of: the firm told before, for it and the sentences after
        (FIRM + "Free cash flow came in at $1.06bn. Net income was $412m, compared with $338m a year ago.",
         "$412m", "Northvale Systems"),
        (FIRM + "Hardware revenue fell 9% to $1.21bn. The adjusted operating margin widened to 18.6%.",
         "18.6%", "Northvale Systems"),
        (FIRM + "Hardware revenue fell 9% to $1.21bn.", "$1.21bn", "Northvale Systems"),
        ("Coffee exports surge in Westland\n\nWestland shipped 3.1 million bags of coffee in July. Export revenue "
         "jumped 61% to $874.3 million.", "61%", "Westland"),
    ],
)
def test_what_a_figure_measures_is_not_whom_it_is_of(text, quote_part, subject):
    assert _one(text, quote_part).subject == subject


@pytest.mark.parametrize(
    "text, quote_part, subject",
    [
        (FIRM + "The board declared a final dividend of 12 cents a share.", "12 cents", "Northvale Systems"),
        (FIRM + "The company employs around 9,400 people.", "9,400", "Northvale Systems"),
        (FIRM + "The group had net cash of $94.7m at the end of September.", "$94.7m", "Northvale Systems"),
    ],
)
def test_the_board_or_the_company_is_the_articles_body(text, quote_part, subject):
    assert _one(text, quote_part).subject == subject


@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        (FIRM + "The board declared a final dividend of 12 cents a share.", "12 cents", "final dividend per share"),
        (FIRM + "The board kept the quarterly dividend at 68 cents a share.", "68 cents",
         "quarterly dividend per share"),
        (FIRM + "The board declared an interim dividend of 6.2 cents a share, up from 5.8 cents.", "5.8 cents",
         "interim dividend per share"),
    ],
)
def test_a_sum_a_share_is_the_dividend_named(text, quote_part, measure):
    assert _one(text, quote_part).measure == measure


@pytest.mark.parametrize(
    "text, quote_part, measure, period",
    [
        ("Auction ceiling raised\n\nMinisters in Westland raised the ceiling price by 66 per cent in March.",
         "66 per cent", "percent change in ceiling price", "2024-03"),
        ("Fares rise across Westland\n\nEastport Transit raised its fare by 15 cents in June.", "15 cents",
         "change in fare", "2024-06"),
        (FIRM + "Its services division grew sales by 8.9 per cent.", "8.9 per cent", "percent change in sales", None),
    ],
)
def test_a_verb_that_moves_something_by_a_figure(text, quote_part, measure, period):
    f = _one(text, quote_part)
    assert f.measure == measure
    if period is not None:
        assert f.period == period

