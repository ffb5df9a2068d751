"""Subjects and values of text figures (issue 14, part 2): who a figure is about, and shares written in words.

Sentences written for these tests about invented places and bodies; each row says what a careful reader
takes the figure to be about.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document, Unit
from qa.text.mentions import find_numbers
from qa.text.numbers import numbers_in


def _figures(text: str) -> list:
    doc = Document(id="t", title=text.split("\n")[0], published=date(2022, 3, 1), text=text)
    return extract(doc).figures


def _one(text: str, quote_part: str):
    hits = [f for f in _figures(text) if quote_part in f.quote]
    assert len(hits) == 1, [(f.quote, f.subject) for f in _figures(text)]
    return hits[0]


@pytest.mark.parametrize(
    "text, quote_part, subject",
    [
        # the clause's grammatical subject, when it is a group and not a quantity
        ("Ferries\n\nSmall operators carried 12,400 passengers in January.", "12,400", "Small operators"),
        ("Loans\n\nCommunity lenders approved 31.5% of requests, while building societies approved 28.2%.",
         "28.2%", "Building societies"),
        ("Loans\n\nMutual lenders, such as friendly societies, approved 44.1% of requests.", "44.1%", "Mutual lenders"),
        ("Roads\n\nVan drivers remained the largest group, with 640 injured.", "640", "Van drivers"),
        # a subject named by a possessive of a quantity: "tidal power's share" is about tidal power
        ("Power\n\nWind generated 30.1% of power, while tidal power's share was 2.2%.", "2.2%", "Tidal power"),
        # a common-noun subject takes the place its sentence names
        ("Power\n\nHeat pumps supplied 4.4% of Northshire's heating last year.", "4.4%", "Northshire heat pumps"),
        # a quantity is not a subject: the place introduced by a preposition is
        ("Homes\n\nIn Southshire, the average price rose to £212,000 last year.", "212,000", "Southshire"),
        # ... but not the body that published the figures
        ("Power\n\nHeat pumps supplied 4.4% of heating, according to the Eastmoor Energy Agency.", "4.4%", "Heat pumps"),
    ],
)
def test_subject_of_a_text_figure(text, quote_part, subject):
    assert _one(text, quote_part).subject == subject


@pytest.mark.parametrize(
    "text, value",
    [("about one in six households", 16.7), ("almost three in ten offences", 30.0), ("one in 20 drivers", 5.0),
     ("two-thirds of all new jobs", 66.7), ("nearly three-quarters of spending", 75.0)],
)
def test_shares_in_words_are_percentages(text, value):
    found = [(m.value, m.unit) for m in find_numbers(text)]
    assert found == [(value, Unit.percent)]
    assert value in numbers_in(text)  # validation reads the value back out of the quote


@pytest.mark.parametrize("text", ["three in 2021", "ten in a row", "seven in Northshire"])
def test_a_number_before_in_is_not_a_share(text):
    assert all(m.unit is not Unit.percent for m in find_numbers(text))


def test_trillions_are_read_back_from_their_quote():
    f = _one("Travel\n\nVisitors spent a record $1.29 trillion last year.", "1.29 trillion")
    assert (f.value, f.unit, f.currency) == (1.29e12, Unit.money, "USD")


@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        # a bare share right after a share is of the same thing
        ("Loans\n\nLenders approved 13.6% of requests in May, up from 13.1% in April.", "13.1%", "share of requests"),
        # a change right after a share is a change in that share
        ("Power\n\nWind generated 30.1% of the power, up 2.5 percentage points on the year before.", "2.5 percentage",
         "percent change in share of power"),
    ],
)
def test_measure_lent_by_the_figure_before(text, quote_part, measure):
    assert _one(text, quote_part).measure == measure


@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        # a number that completes a level verb is a value of the verb's subject; the place it is counted in is whose
        # it is (its subject), not part of what it measures
        ("Queues\n\nThe queue for hip operations in Northshire fell to 61,400 patients in May.", "61,400",
         "queue for hip operations patients"),
        ("Debt\n\nCouncil figures show the rent tenants owe to landlords has climbed to a record £41m.", "£41m",
         "rent tenants owe to landlords"),
        # the clause's opening word is not part of it
        ("Power\n\nWind output rose 3%, while total output fell by 8% to 240 TWh.", "240", "total output TWh"),
        # no level verb: the words after the number, with the verb that counted them
        ("Ferries\n\nThe operator carried 12,400 passengers in May.", "12,400", "passengers carried"),
    ],
)
def test_measure_of_a_level_verbs_subject(text, quote_part, measure):
    assert _one(text, quote_part).measure == measure
