"""Labels of text figures (issue 14, "Text figures keep their labels"): which numbers are figures at all, who a
figure is about when its sentence lists several places or names who published it, what it measures when the
number stands bare, and its period when the text writes a financial year or looks ahead.

Sentences written for these tests about invented places and bodies; each row says what a careful reader takes
the number to be.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document


def _figures(text: str, published: date = date(2023, 11, 20)) -> list:
    doc = Document(id="t", title=text.split("\n")[0], published=published, text=text)
    return extract(doc).figures


def _one(text: str, quote_part: str, published: date = date(2023, 11, 20)):
    hits = [f for f in _figures(text, published) if quote_part in f.quote]
    assert len(hits) == 1, [(f.quote, f.subject, f.measure, f.period) for f in _figures(text, published)]
    return hits[0]


@pytest.mark.parametrize(
    "text, value",
    [
        # a person's age
        ("Wait times\n\n\"I spoke to a woman who is 78 and waits alone,\" he said.", 78),
        ("Crime\n\nHer son was stabbed to death aged 17, she said.", 17),
        ("Loans\n\nJo Marsh, 52, who owns a bakery in Eastwick, was turned down.", 52),
        ("Care\n\nI spoke last week to a 74-year-old in Eastwick.", 74),
        ("Jobs\n\n\"I'm 29 and employers compete for me,\" said a supervisor.", 29),
        # a phone number, written in groups or dialled
        ("Bills\n\nHouseholds can call the helpline on 0808 223 1133.", 808),
        ("Bills\n\nHouseholds can call the helpline on 0808 223 1133.", 223),
        ("Bills\n\nHouseholds can call the helpline on 0808 223 1133.", 1133),
        ("Care\n\nPatients with questions should call NHS 111.", 111),
        ("Travel\n\nMedia inquiries can be directed to 202-555-0148.", 202),
        # a programme's or footnote's marker
        ("Loans\n\nThe agency guaranteed 5,120 loans through its 7(a) programme.", 7),
    ],
)
def test_not_a_figure(text, value):
    assert value not in [f.value for f in _figures(text)]


@pytest.mark.parametrize(
    "text, quote_part",
    [
        ("Loans\n\nJo Marsh, 52, who owns a bakery, said 40% of her loans were refused.", "40%"),
        ("Care\n\nSome 1,200 patients aged over 65 waited a year.", "1,200"),
        ("Bills\n\nThe helpline took 223,000 calls last year.", "223,000"),
    ],
)
def test_a_figure_beside_an_age_or_a_phone_word_stays(text, quote_part):
    assert _one(text, quote_part)


@pytest.mark.parametrize(
    "text, quote_part, subject",
    [
        # a list of "name at number" pairs: the name in the number's own part of the sentence
        ("Travel\n\nNorthshire came second at $24.2 billion, followed by Eastmoor at $11.5 billion and "
         "West Fell at $8.3 billion.", "24.2", "Northshire"),
        ("Travel\n\nNorthshire came second at $24.2 billion, followed by Eastmoor at $11.5 billion and "
         "West Fell at $8.3 billion.", "11.5", "Eastmoor"),
        ("Travel\n\nNorthshire came second at $24.2 billion, followed by Eastmoor at $11.5 billion and "
         "West Fell at $8.3 billion.", "8.3", "West Fell"),
        # who publishes the figures is not what they are about
        ("Crime in Northshire\n\nThe Northshire Statistics Office said 4,120 offences were recorded.", "4,120",
         "Northshire"),
        ("Roads in Northshire\n\nThe Office for Road Data (ORD) said 312 people died. The ORD added that 40 of "
         "them were cyclists.", "40", "Northshire"),
        # a possessive in another clause owns something there; it is not the figure's subject
        ("Energy in Northshire\n\nBills are £1,277 a year, far above the level before Ruritania's invasion.",
         "1,277", "Northshire"),
        # a country written short is one name, and the article's area when nothing else is named (a headline in
        # title case names nothing by its capitals)
        ("Employers Add Jobs as Wage Growth Cools\n\nWASHINGTON — U.S. employers added 236,000 jobs in "
         "September.\n\nThe unemployment rate held at 3.8 percent.", "3.8", "United States"),
        ("Deaths on the roads\n\nThe number of people killed on Britain's roads rose to 1,711 last year.",
         "1,711", "Great Britain"),
    ],
)
def test_subject(text, quote_part, subject):
    assert _one(text, quote_part).subject == subject


@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        # a rate completing a verb is that rate, not a share of something
        ("Jobs\n\nThe jobless rate held at 4.2 percent in May.", "4.2", "jobless rate"),
        ("Rates\n\nThe central bank has kept interest rates at 5.25 per cent.", "5.25", "interest rates"),
        # the rate it moved from is the same rate
        ("Jobs\n\nThe jobless rate for young workers rose to 9.1 percent from 8.7 percent in April.", "8.7",
         "jobless rate for young workers"),
        # a bare sum is another of the sum before it: in a list, and the value a change started from
        ("Debt\n\nThe debt tenants owe to landlords has climbed to £41m, up from £32m a year earlier.", "£32m",
         "debt tenants owe to landlords"),
    ],
)
def test_measure(text, quote_part, measure):
    assert _one(text, quote_part).measure == measure


@pytest.mark.parametrize(
    "text, published, quote_part, period",
    [
        # a year written with the next one short is a financial year
        ("Funding\n\nThe council gave £55.5m in 2024/25.", date(2024, 4, 2), "55.5", "2024-04/2025-03"),
        # a date ahead of the dateline is not the period the article's other figures are about
        ("Bills\n\nBills will rise from 1 January.\n\nSome 1.1 million households are in arrears.",
         date(2023, 11, 23), "1.1 million", "2023"),
    ],
)
def test_period(text, published, quote_part, period):
    assert _one(text, quote_part, published).period == period


def test_a_bare_sum_in_a_list_measures_what_the_sum_before_it_does():
    text = "Travel\n\nVisitors spent $24.2 billion on hotels last year, followed by Eastmoor at $11.5 billion."
    first, second = _one(text, "24.2"), _one(text, "11.5")
    assert "hotels" in first.measure
    assert second.measure == first.measure
