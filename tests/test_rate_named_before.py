"""What a percentage measures when a noun phrase names it before the number (issue 14, "text figures keep their
labels"): "an acceptance rate of 19%", "a gross margin of between 31% and 33%" (the phrase before "of"), "put the
jobless rate at 4.1%", "the margin improved to 19%" (the phrase a verb sets at or moves to it). Such a figure is that
rate, not a share of whatever words follow it.

Every document here is invented for the test; each row says what a careful reader takes the figure to be.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document


def _one(text: str, quote_part: str):
    doc = Document(id="t", title=text.split("\n")[0], published=date(2024, 4, 2), text=text)
    hits = [f for f in extract(doc).figures if quote_part in f.quote]
    assert len(hits) == 1, [(f.quote, f.measure) for f in extract(doc).figures]
    return hits[0]


@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        # the phrase before "of"
        ("Ferry report\n\nThe Kelmouth line had a punctuality rate of 91.2 per cent, compared with 88.4 per cent "
         "for the coast route.", "91.2", "punctuality rate"),
        ("Lender results\n\nThe mutual reported a cost-to-income ratio of 54.3%.", "54.3",
         "cost-to-income ratio"),
        ("Glassworks outlook\n\nThe board expects a gross margin of between 31% and 33%.", "31%", "gross margin"),
        ("Glassworks outlook\n\nThe board expects a gross margin of between 31% and 33%.", "33%", "gross margin"),
        # the phrase a verb sets at a figure, its object
        ("Rates decision\n\nThe Kelmouth central bank has held the policy rate at 3.75 per cent since March.",
         "3.75", "policy rate"),
        ("Jobs data\n\nThat put the regional jobless rate at 6.2 per cent.", "6.2", "regional jobless rate"),
        # the phrase a verb moves to a figure, its subject
        ("Brewer results\n\nThe operating margin improved to 12.5 per cent.", "12.5", "operating margin"),
        ("Exam results\n\nThe pass rate held steady at 81.4 per cent.", "81.4", "pass rate"),
    ],
)
def test_a_rate_named_before_the_number(text, quote_part, measure):
    assert _one(text, quote_part).measure.lower() == measure


@pytest.mark.parametrize(
    "text, quote_part, not_measure",
    [
        # a name before "at" says whose the figure is, not what it measures
        ("Turnout\n\nTurnout ranged from 28.1 per cent in Eastwick to 41.7 per cent in Fellside.", "41.7",
         "eastwick"),
        # a preposition's object before "to" is not what reached the figure
        ("Retailer results\n\nSales rose, taking the share of orders made through the app to 31 per cent.", "31",
         "app"),
        # a peak names the level the figure is compared with, not what the figure measures
        ("Prices\n\nInflation in Northshire held at a record low of 1.1 per cent.", "1.1", "record low"),
    ],
)
def test_a_phrase_that_does_not_name_the_rate(text, quote_part, not_measure):
    assert _one(text, quote_part).measure.lower() != not_measure


@pytest.mark.parametrize(
    "text, quote_part, measure_has",
    [
        # a number in a unit of measurement is the value of the phrase before "of", in that unit
        ("Call handling\n\nOperators answered 41,200 calls, with a mean answer time of 9 seconds.", "9 seconds",
         "mean answer time"),
        ("Reservoirs\n\nStorage stood at 61 per cent of their combined capacity of 42.5 bcm.", "42.5",
         "combined capacity"),
        ("Rainfall\n\nThe district received 410 mm against a seasonal normal of 512.3 mm.", "512.3",
         "seasonal normal"),
    ],
)
def test_a_measured_amount_is_of_the_phrase_before_of(text, quote_part, measure_has):
    assert measure_has in _one(text, quote_part).measure.lower()


@pytest.mark.parametrize(
    "text, quote_part, measure_lacks",
    [
        # a counted noun after the number is what a survey or a fleet counts, not a unit of the phrase before it
        ("Parents poll\n\nA survey of 2,000 parents found most paid more.", "2,000", "survey"),
        # a name before "of" says where, not what
        ("Air quality\n\nReadings breached the limit in Northshire of 40 micrograms.", "40", "northshire"),
    ],
)
def test_a_counted_noun_or_a_name_before_of(text, quote_part, measure_lacks):
    assert measure_lacks not in _one(text, quote_part).measure.lower()
