"""Periods of text figures, resolved against the article's dateline (issue 14, part 2).

Sentences written for these tests about invented places (Northshire, Southshire, Eastmoor); each row
says the period a careful reader gives the figure.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document
from qa.text.dateline import month_of, months_ending, normal, resolve, shift, year_of
from qa.text.mentions import find_periods


@pytest.mark.parametrize(
    "phrase, published, future, expected",
    [
        ("September", date(2023, 10, 6), False, "2023-09"),  # the latest September on or before the dateline
        ("December", date(2024, 1, 9), False, "2023-12"),  # across the new year
        ("January", date(2024, 1, 9), False, "2024-01"),  # the dateline's own month
        ("January", date(2023, 11, 23), True, "2024-01"),  # "will rise from January": the one ahead
        ("January", date(2024, 1, 20), True, "2024-01"),  # said in January, of January: this one, not next year's
        ("Sept.", date(2023, 10, 6), False, "2023-09"),
        ("last month", date(2024, 3, 1), False, "2024-02"),
        ("1 March", date(2022, 5, 5), False, "2022-03"),
    ],
)
def test_months_resolve_against_the_dateline(phrase, published, future, expected):
    assert month_of(phrase, published, future) == expected


@pytest.mark.parametrize(
    "phrase, published, expected",
    [("last year", date(2023, 4, 21), "2022"), ("this year", date(2021, 7, 1), "2021"), ("not a date", date(2021, 7, 1), "")],
)
def test_years_resolve_against_the_dateline(phrase, published, expected):
    assert year_of(phrase, published) == expected


@pytest.mark.parametrize(
    "period, months, expected",
    [("2023", 12, "2022"), ("2023-01", 1, "2022-12"), ("2023-09", 12, "2022-09"),
     ("2022-10/2023-09", 12, "2021-10/2022-09"), ("", 12, "")],
)
def test_shift(period, months, expected):
    assert shift(period, months) == expected


@pytest.mark.parametrize(
    "period, months, expected",
    [("2024-03", 12, "2023-04/2024-03"), ("2023-09", 3, "2023-07/2023-09"), ("2023", 12, "2023"), ("2021-02", 1, "2021-02/2021-02")],
)
def test_months_ending(period, months, expected):
    assert months_ending(period, months) == expected


@pytest.mark.parametrize("period, expected", [("2019-01/2019-12", "2019"), ("2019-04/2020-03", "2019-04/2020-03"), ("2019", "2019")])
def test_normal_spelling(period, expected):
    assert normal(period) == expected


@pytest.mark.parametrize(
    "text, published, phrase, period, kind",
    [
        ("Sales rose in the year to March 2024.", date(2024, 5, 2), "the year to March 2024", "2023-04/2024-03", "upto"),
        ("Sales rose in the year to March.", date(2024, 5, 2), "the year to March", "2023-04/2024-03", "upto"),
        ("Fares rose in the 12 months to December 2022.", date(2023, 2, 1), "the 12 months to December 2022", "2022", "upto"),
        ("Pay grew in the three months to June.", date(2021, 8, 10), "the three months to June", "2021-04/2021-06", "upto"),
        ("It fell over the twelve months.", date(2021, 8, 10), "", "", ""),  # no end month: not a period on its own
        ("Over the past 12 months prices rose.", date(2021, 8, 10), "the past 12 months", "", "trailing"),
        ("It was higher than a year earlier.", date(2021, 8, 10), "a year earlier", "", "back"),
        ("It was down on the previous year.", date(2021, 8, 10), "the previous year", "", "back"),
        # a year written with its next one short ("2023/24", "2022-23") is a financial year, April to March
        ("Output was 3.1% in 2023/24.", date(2024, 6, 1), "2023/24", "2023-04/2024-03", "range"),
        ("Funding of £5m in 2022-23.", date(2024, 6, 1), "2022-23", "2022-04/2023-03", "range"),
        ("Output fell between 2019 and 2021.", date(2024, 6, 1), "between 2019 and 2021", "2019/2021", "range"),
        ("Eastmoor, 3 May 2022 - The council said so.", date(2022, 5, 3), "3 May 2022", "2022-05-03", "dateline"),
        ("Posted 2022-05-03. The council said so.", date(2022, 5, 3), "2022-05-03", "2022-05-03", "dateline"),
        ("The peak came in October last year.", date(2022, 5, 3), "October last year", "2021-10", "relative"),
        ("Numbers fell in February.", date(2022, 5, 3), "February", "2022-02", "month"),
        ("Sales rose in the third quarter of 2021.", date(2022, 5, 3), "the third quarter of 2021", "2021-07/2021-09", "part"),
        ("Sales rose in Q1 2022.", date(2022, 5, 3), "Q1 2022", "2022-01/2022-03", "part"),
        ("Sales rose in the final three months of the year.", date(2022, 5, 3), "the final three months of the year",
         "2021-10/2021-12", "part"),
        ("Sales rose in the first half of 2020.", date(2022, 5, 3), "the first half of 2020", "2020-01/2020-06", "part"),
        ("The fee will apply from January to March.", date(2022, 11, 3), "from January to March", "2023-01/2023-03", "upto"),
        ("Fares fell between July and September.", date(2022, 11, 3), "between July and September", "2022-07/2022-09",
         "upto"),
        ("It took the first half of the season.", date(2022, 5, 3), "", "", ""),  # not a part of a year
        ("Costs rose in the year ending 31 March 2021.", date(2022, 5, 3), "the year ending 31 March 2021",
         "2020-04/2021-03", "upto"),
        ("It is lower than two years earlier.", date(2022, 5, 3), "two years earlier", "", "back"),
        ("It is up on the same month last year.", date(2022, 5, 3), "the same month last year", "", "back"),
        ("It rose over the past five years.", date(2022, 5, 3), "the past five years", "", "trailing"),
        ("That is a quarter of a century.", date(2022, 5, 3), "", "", ""),
        # a month span written with a dash, as a table heads a column or a chart labels an axis
        ("Sales rose in Jan-Mar 2024.", date(2024, 5, 3), "Jan-Mar 2024", "2024-01/2024-03", "upto"),
        ("Sales rose in October–December 2023.", date(2024, 5, 3), "October–December 2023", "2023-10/2023-12", "upto"),
        ("Sales rose in Jan – Dec 2022.", date(2024, 5, 3), "Jan – Dec 2022", "2022", "upto"),
        # a half year: H1 ends in June, H2 in December
        ("Profit rose in H1 2024.", date(2024, 9, 3), "H1 2024", "2024-01/2024-06", "part"),
        ("Profit rose in 2023 H2.", date(2024, 9, 3), "2023 H2", "2023-07/2023-12", "part"),
        # a month with a two-digit year
        ("The rate was 4% in Dec-23.", date(2024, 5, 3), "Dec-23", "2023-12", "point"),
        ("The rate was 4% in Jan '24.", date(2024, 5, 3), "Jan '24", "2024-01", "point"),
        ("It opened on Jan 23, 2024.", date(2024, 5, 3), "Jan 23, 2024", "2024-01-23", "point"),  # a day, not Jan 2023
    ],
)
def test_period_mentions(text, published, phrase, period, kind):
    found = find_periods(text, published)
    if not phrase:
        assert [(text[p.start:p.end], p.kind) for p in found] == []
        return
    assert [(text[p.start:p.end], p.period, p.kind) for p in found] == [(phrase, period, kind)]


@pytest.mark.parametrize("financial_start, period", [(4, "2022-04/2023-03"), (7, "2022-07/2023-06"), (0, "2022-04/2023-03")])
def test_a_short_second_year_starts_in_the_areas_financial_month(financial_start, period):
    (found,) = find_periods("Funding of $5m in 2022-23.", date(2024, 6, 1), financial_start=financial_start)
    assert (found.period, found.kind) == (period, "range")



def _doc(text: str, published: date) -> Document:
    return Document(id="t", title=text.split("\n")[0], published=published, text=text)


def _periods(doc: Document) -> dict[str, str]:
    return {f.quote: f.period for f in extract(doc).figures}


CASES = [
    # a month with no year is the one before the dateline
    ("Ferry crossings\n\nOperators carried 41,300 passengers in August, up from 39,800 in July.", date(2021, 9, 14),
     {"41,300": "2021-08", "39,800": "2021-07"}),
    # "the previous month" and "a year earlier" are said of the sentence's own month, not of the dateline
    ("Loans\n\nSouthshire lenders approved 18.2% of requests in November, up from 17.9% the previous month "
     "but below the 21.4% they approved a year earlier.", date(2022, 1, 12),
     {"18.2%": "2021-11", "17.9%": "2021-10", "21.4%": "2020-11"}),
    # a value a change started from, with no period of its own, is of the period before
    ("Harbour traffic\n\nNorthshire docks handled 512 ships last year, up from 470.", date(2020, 3, 3),
     {"512 ships": "2019", "470": "2018"}),
    # a change said of a year runs from the year before it
    ("Rail\n\nJourneys rose by 6.5% last year, and 8.1 million were made.", date(2019, 2, 2),
     {"6.5%": "2017/2018", "8.1 million": "2018"}),
    # "on the year before", "over the past 12 months", "in the year to": spans ending at the sentence's period
    ("Wages\n\nPay rose 0.4% in May. Over the past 12 months it climbed 5.2 per cent.", date(2022, 6, 10),
     {"5.2 per cent": "2021-05/2022-05"}),
    ("Burglary\n\nEastmoor recorded 2,450 burglaries in 2021, an increase of 3.2 per cent on the year before.",
     date(2022, 4, 4), {"2,450 burglaries": "2021", "3.2 per cent": "2020/2021"}),
    ("Prices\n\nFood prices rose 4.8 per cent in the year to April.", date(2021, 5, 19), {"4.8 per cent": "2020-04/2021-04"}),
    # "the same month last year" is said of the sentence's month; "over the past five years" ends in its year
    ("Rents\n\nRents rose to £912 in March, from £868 in the same month last year.", date(2022, 4, 20),
     {"912": "2022-03", "868": "2021-03"}),
    ("Homes\n\nBuilders completed 41,200 homes in 2021. Over the past five years they built 198,000.", date(2022, 4, 20),
     {"41,200": "2021", "198,000": "2017/2021"}),
    # an annual rate "in the year to October" is October's rate; a count over the year is the year's span
    ("Inflation\n\nInflation fell to 2.9 per cent in the year to October. The county logged 9,120 thefts in the year "
     "to March 2021.", date(2021, 11, 20), {"2.9 per cent": "2021-10", "9,120 thefts": "2020-04/2021-03"}),
    # the dateline's own date labels no figure; the first period of the body does
    ("Bus use\n\nNorthshire, 5 June 2023 - Some 2.3 million bus trips were made in April, the council said. "
     "About 640,000 were free.", date(2023, 6, 5), {"2.3 million bus trips": "2023-04", "640,000": "2023-04"}),
    # a closer look ("in the final three months of the year") does not move it either
    ("Wind\n\nTurbines generated 28.1% of power in 2021. In the final three months of the year, they generated "
     "33.0%.\n\nSolar panels generated 4.2%.", date(2022, 3, 30),
     {"28.1%": "2021", "33.0%": "2021-10/2021-12", "4.2%": "2021"}),
    # a look back does not move the period the rest of the article is about
    ("Fires\n\nCrews attended 1,840 fires in 2022. That is below the high of 2,310 fires recorded in 2015.\n\n"
     "Some 212 were started deliberately.", date(2023, 2, 1), {"1,840 fires": "2022", "2,310 fires": "2015", "212": "2022"}),
]


@pytest.mark.parametrize("text, published, expected", CASES)
def test_text_figures_get_their_periods(text, published, expected):
    got = _periods(_doc(text, published))
    for quote_start, period in expected.items():
        hits = [p for q, p in got.items() if quote_start in q]
        assert hits == [period], f"{quote_start!r}: {got}"


def test_dateparser_never_reaches_the_network(monkeypatch: pytest.MonkeyPatch):
    def refuse(*args, **kwargs):
        raise AssertionError("dateparser tried to open a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert resolve("last month", date(2020, 2, 29)) == date(2020, 1, 1)


def test_dateparser_is_not_imported_to_answer():
    """Its import is paid by extraction only: loading the engine's package and the CLI does not import it."""
    code = "import sys, qa, qa.pipeline, qa.cli.main, qa.corpus.extract; print('dateparser' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
