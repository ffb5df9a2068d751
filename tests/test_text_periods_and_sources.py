"""Text figures' periods and subjects in shapes news articles use, about invented places and numbers:

- the period an article is about is not the date of an event it recalls ("the levy was introduced in 1951"), and a
  day something happened on ("rose on March 1") is no period the figures are compared with;
- how long a level has held ("stuck at £4.10 since May 2012") is that figure's period only, not lent to the paragraphs
  after it;
- a body the figures come from ("according to an analysis by the Institute for ...") is their source, not whom they are
  about;
- the letters before a dollar sign ("US$", "NZ$") name a currency, not a place.
Every expected value is worked out by hand from the text.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document

TOLLS = """Bridge tolls rise across Eastmark as nine crossings lift charges

Nine crossings in Eastmark raised their tolls on March 1, costing drivers a combined £41 million a year, \
according to an analysis by the Institute for Road Pricing, a research group.

The national toll has been stuck at £4.10 since May 2012, the longest freeze since the levy was introduced in 1951.

The Northgate crossing now charges £6.20, the highest in the region.

Westford's toll rose by 30p. Lowbridge charges £3.90.
"""

DAIRY = """Cheese prices slip at the Westmoor auction

Prices at the Westmoor auction slipped. The average price paid was US$2,410 a tonne, and 12,040 tonnes of \
product were sold.

Farmers in Southvale were paid NZ$6.10 per kilogram last season.
"""


def _figures(text: str, published: date):
    title = text.splitlines()[0]
    return extract(Document(id="d", title=title, published=published, text=text)).figures


def _by_value(figs, value):
    found = [f for f in figs if abs(f.value - value) < 1e-9]
    assert len(found) == 1, [(f.value, f.quote) for f in figs]
    return found[0]


@pytest.mark.parametrize("value, period", [
    (41_000_000, "2031-03"),  # the day the tolls rose is the article's month, not a period compared with
    (4.10, "2020-05/2031-03"),  # "since May 2012" ... to the dateline: the figure's own span
    (6.20, "2031-03"),  # the next paragraph: the article's period, not the freeze's span, nor 1951
    (0.30, "2031-02/2031-03"),  # a rise said of the article's month runs over the month before it
    (3.90, "2031-03"),
])
def test_periods_are_not_taken_from_an_event_or_a_span_before(value, period):
    figs = _figures(TOLLS.replace("May 2012", "May 2020"), date(2031, 3, 2))
    assert _by_value(figs, value).period == period


def test_a_source_after_according_to_an_analysis_by_is_nobodys_subject():
    figs = _figures(TOLLS, date(2031, 3, 2))
    assert "Institute" not in _by_value(figs, 41_000_000).subject


@pytest.mark.parametrize("value", [2410, 12_040, 6.10])
def test_letters_before_a_dollar_sign_are_no_place(value):
    figs = _figures(DAIRY, date(2031, 8, 21))
    f = _by_value(figs, value)
    assert f.subject not in {"US", "NZ", "United States", "New Zealand"}


@pytest.mark.parametrize("text, value, currency", [
    ("sold at US$2,410 a tonne", 2410, "USD"),
    ("paid NZ$6.10 per kilogram", 6.10, "NZD"),
    ("committed C$12bn to loans", 12e9, "CAD"),
    ("a fare of $2.50", 2.50, "$"),  # a bare sign is the article's dollar, resolved later
])
def test_a_dollar_written_with_its_countrys_letters(text, value, currency):
    from qa.text.mentions import find_numbers
    found = [m for m in find_numbers(text) if m.unit.value == "money"]
    assert [(m.value, m.currency) for m in found] == [(value, currency)]


@pytest.mark.parametrize("opening", [
    "WESTBURY - Northvale's ferries carried",
    "WESTBURY — Northvale's ferries carried",
    "PORT ELLEN, March 3 - Northvale's ferries carried",
])
def test_a_dateline_is_no_part_of_the_subject(opening):
    text = f"Ferry trips rise\n\n{opening} 4.2 million passengers in 2030, up from 3.9 million a year earlier.\n"
    figs = extract(Document(id="d", title="Ferry trips rise", published=date(2031, 3, 4), text=text)).figures
    subjects = {f.subject for f in figs if f.value in (4_200_000, 3_900_000)}
    assert subjects and not any(w.isupper() and len(w) > 3 for s in subjects for w in s.split()), subjects


FERRIES = """Northvale ferries carry record numbers

Northvale's ferries carried 4.2 million passengers in 2030, up from 3.9 million in 2029.

Routes to Eastmark and Westbury were the busiest. Jo Bloggs, the operator's chief executive, said the company had \
hired 120 crew since January 2029.

Pat Smith, a union official, said: "We need more boats." The operator said 14 vessels were in service.
"""


@pytest.mark.parametrize("value", [120, 14])
def test_a_speaker_described_between_commas_is_not_whom_figures_are_about(value):
    figs = extract(Document(id="d", title=FERRIES.splitlines()[0], published=date(2031, 2, 1), text=FERRIES)).figures
    subject = _by_value(figs, value).subject
    assert not {"Jo", "Bloggs", "Pat", "Smith", "Westbury", "Eastmark"} & set(subject.split()), subject


def test_the_year_so_far_is_what_the_next_paragraph_is_about():
    title = "Builders slow down in Northvale"
    text = (f"{title}\n\nBuilders started 20,400 homes in Northvale in the first nine months of 2030, down 3 per cent "
            "from 21,030 in the same period last year.\n\nThe decline was sharpest in Eastport, where builders "
            "started 4,200 homes. In August alone, starts fell 6 per cent.\n")
    figs = extract(Document(id="d", title=title, published=date(2030, 10, 15), text=text)).figures
    assert _by_value(figs, 20_400).period == "2030-01/2030-09"
    assert _by_value(figs, 4_200).period == "2030-01/2030-09"  # the paragraph after: the same nine months
