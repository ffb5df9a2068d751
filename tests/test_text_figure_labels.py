"""Labels of figures read from prose on unseen articles (issue 14): the subject, measure and period a careful reader
gives each figure, kinds found by reading extraction against blind-written articles. Every document here is invented
for the test; each row says what the figure is, worked out by hand from its sentence.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document


def _one(text: str, quote_part: str, published: date = date(2024, 8, 12)):
    doc = Document(id="t", title=text.split("\n")[0], published=published, text=text)
    hits = [f for f in extract(doc).figures if quote_part in f.quote]
    assert len(hits) == 1, [(f.quote, f.subject, f.measure, f.period) for f in extract(doc).figures]
    return hits[0]


CHILE = ("Chile March copper exports climb 9% as smelters restart\n\nChile shipped 410,000 tonnes of copper in March, "
         "up 9% from a year earlier, the mining ministry said.")
NORWAY = ("Norway June salmon sales slip\n\nNorway sold 98,000 tonnes of salmon in June, the fisheries "
          "council said.")


@pytest.mark.parametrize(
    "text, quote_part, subject, measure_lacks",
    [
        # a month after the headline's place dates the story: no part of a name, so no "theme" the measures carry
        (CHILE, "410,000", "Chile", "March"),
        (NORWAY, "98,000", "Norway", "June"),
    ],
)
def test_a_headline_place_and_month(text, quote_part, subject, measure_lacks):
    f = _one(text, quote_part)
    assert f.subject == subject
    assert measure_lacks not in f.measure and subject not in f.measure


HARLOW = ("Harlow Mutual profit falls 9% as margins narrow\n\nHarlow Mutual reported a 9 per cent fall in annual profit "
          "to £410m on Tuesday. The lender's net interest margin narrowed to 1.9 per cent from 2.2 per cent. Costs rose "
          "3 per cent to £260m.")
KESTREL = ("Kestrel Foods sales rise despite weak summer\n\nKestrel Foods said sales rose to $1.2bn in the year. The "
           "group's operating margin slipped to 6.1 per cent.")


@pytest.mark.parametrize(
    "text, quote_part, subject",
    [
        # a headline name the body opens a sentence with, doing something, is whom the article is about, not a
        # service describing what its figures measure ("A&E waits")
        (HARLOW, "£410m", "Harlow Mutual"),
        (KESTREL, "$1.2bn", "Kestrel Foods"),
        # "the lender's margin": the one told of before owns it; no new subject named "Lender's ..."
        (HARLOW, "1.9 per cent", "Harlow Mutual"),
        (HARLOW, "£260m", "Harlow Mutual"),
        (KESTREL, "6.1 per cent", "Kestrel Foods"),
    ],
)
def test_a_company_in_the_headline(text, quote_part, subject):
    f = _one(text, quote_part, date(2025, 3, 4))
    assert f.subject == subject
    assert not f.measure.startswith(subject)


@pytest.mark.parametrize(
    "text, quote_part, period",
    [
        # a share of the things counted over "the year to March" is the whole year's; a rate is the month's
        ("Buses on time\n\nIn Eastvale, 71.2 per cent of buses ran on time in the year to March 2025.", "71.2",
         "2024-04/2025-03"),
        ("Prices\n\nInflation in Eastvale was 3.1 per cent in the year to March 2025.", "3.1", "2025-03"),
        # a value "up from" before a half-year's: the same half a year before, as results are compared
        ("Halden Mutual results\n\nHalden Mutual reported profit of €410m for the six months to 30 June 2025. Costs "
         "rose to €220m from €200m.", "€200m", "2024-01/2024-06"),
        # a month's count "up from" in an article that compares with a year earlier: the same month a year before
        ("Ferry trips\n\nFerries carried 52,000 passengers in May 2024, up from 47,000 a year earlier. Car bookings "
         "reached 9,100, up from 8,400.", "8,400", "2023-05"),
        # ... but the month before when the article compares months in a row
        ("Ferry trips\n\nFerries carried 52,000 passengers in May 2024, up from 47,000 in the previous month. Car "
         "bookings reached 9,100, up from 8,400.", "8,400", "2024-04"),
        # and a monthly rate's "up from" is the month before's reading
        ("Prices\n\nInflation in Eastvale rose to 3.1 per cent in May 2024, up from 2.9 per cent, while prices were "
         "1.2 per cent higher than a year earlier.", "2.9", "2024-04"),
    ],
)
def test_the_period_of_a_figure(text, quote_part, period):
    assert _one(text, quote_part, date(2025, 7, 29)).period == period
