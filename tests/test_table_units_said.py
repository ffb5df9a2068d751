"""How a table says what its numbers are, in shapes articles use: a caption naming whom before a colon, a change
column beside what changed, a caption bracket giving each measure its own unit, a column of cents or pence; and sums
in prose written with their currency after them ("94 cents", "35p", "51.4 trillion won"). Invented places, labels and
numbers; every expected value is worked out by hand from the text."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.corpus.tables import caption_measure, caption_place
from qa.model.records import Document, Unit
from qa.text.documents import read
from qa.text.mentions import find_numbers
from qa.text.numbers import numbers_in


def figures(text: str, published: date, name: str, fmt: str):
    reading = read(text.encode(), name, fmt)
    doc = Document(id="d", title=reading.title, published=published, text=reading.text)
    return extract(doc, reading.tables).figures


def by_quote(figs, quote: str):
    found = [f for f in figs if f.quote == quote]
    assert found, f"no figure quotes {quote!r}: {[f.quote for f in figs]}"
    return found[0]


@pytest.mark.parametrize("caption, place, measure", [
    ("Eastport Harbour: cargo and ships by month, 2024", "Eastport Harbour", "cargo and ships"),
    ("Table 3: Millbrook Council: bin collections by ward", "Millbrook Council", "bin collections"),
    ("Table: cargo by month", "", "table"),          # a generic word before the colon is nobody
    ("Cargo handled: Eastport, 2024", "", "cargo handled"),   # the part after the colon starts with a capital
])
def test_a_caption_naming_whom_before_a_colon(caption, place, measure):
    assert caption_place(caption) == place
    if measure != "table":
        assert caption_measure(caption) == measure


HARBOUR = """EASTPORT HARBOUR HAS A BUSY YEAR

By A Writer, 14 January 2025

Eastport Harbour handled more cargo last year.

Eastport Harbour: cargo and ships by month, 2024

Month         Cargo (000 tonnes)   Change on year (%)   Ships
------------------------------------------------------------
January                    81.4                 +3.5     212
February                   77.0                 -1.2     198
March                      90.6                 +6.0     240

Source: Eastport Harbour Board.

The harbour expects more ships next year.
"""


@pytest.mark.parametrize("quote, value, unit, subject, measure, period", [
    ("81.4", 81_400, Unit.count, "Eastport Harbour", "cargo", "2024-01"),      # thousands of tonnes, named
    ("-1.2", -1.2, Unit.percent, "Eastport Harbour", "percent change in cargo", "2023-02/2024-02"),  # beside cargo
    ("240", 240, Unit.count, "Eastport Harbour", "ships", "2024-03"),           # ships: no thousands
])
def test_an_aligned_table_under_a_named_caption(quote, value, unit, subject, measure, period):
    f = by_quote(figures(HARBOUR, date(2025, 1, 14), "a.txt", "text"), quote)
    assert (f.value, f.unit, f.subject, f.measure, f.period) == (pytest.approx(value), unit, subject, measure, period)


SALES = """<html><body><article><h1>Bike sales slow</h1><p>By A Writer | 3 March 2025</p>
<p>Bike shops sold fewer bikes last year.</p>
<table>
<caption>Bike sales by region, 2023 and 2024 (number of sales; revenue in £m)</caption>
<thead>
<tr><th rowspan="2">Region</th><th colspan="2">2023</th><th colspan="2">2024</th></tr>
<tr><th>Sales</th><th>Revenue</th><th>Sales</th><th>Revenue</th></tr>
</thead>
<tbody>
<tr><th>Northvale</th><td>412</td><td>1,250</td><td>388</td><td>1,190</td></tr>
<tr><th>Southmere</th><td>97</td><td>310</td><td>105</td><td>342</td></tr>
</tbody>
</table>
</article></body></html>"""


@pytest.mark.parametrize("quote, value, unit, currency, period", [
    ("412", 412, Unit.count, "", "2023"),                  # "number of sales": a count, not £412m
    ("1,250", 1_250_000_000, Unit.money, "GBP", "2023"),   # "revenue in £m"
    ("105", 105, Unit.count, "", "2024"),
    ("342", 342_000_000, Unit.money, "GBP", "2024"),
])
def test_a_caption_bracket_gives_each_measure_its_unit(quote, value, unit, currency, period):
    f = by_quote(figures(SALES, date(2025, 3, 3), "a.html", "html"), quote)
    assert (f.value, f.unit, f.currency, f.period) == (pytest.approx(value), unit, currency, period)


FARES = """# Ferry fares rise

*By A Writer, 2 June 2025*

Ferry fares rose on most routes.

**Table 1: Single adult ferry fare, selected routes**

| Route | Old fare | New fare | Change ({unit}) |
|---|---:|---:|---:|
| Northpoint | {sign}3.20 | {sign}3.45 | +25 |
| Westbay | {sign}2.80 | {sign}2.80 | 0 |
"""


@pytest.mark.parametrize("unit_word, sign, currency", [
    ("cents", "$", "USD"),   # cents beside dollars: hundredths of a dollar
    ("cents", "€", "EUR"),   # beside euros: euro cents
    ("p", "£", "GBP"),       # pence
])
def test_a_column_of_cents_is_money_of_its_size(unit_word, sign, currency):
    figs = figures(FARES.format(unit=unit_word, sign=sign), date(2025, 6, 2), "a.md", "markdown")
    f = by_quote(figs, "+25")
    assert (f.value, f.unit, f.currency) == (pytest.approx(0.25), Unit.money, currency)
    assert by_quote(figs, "0").value == 0


@pytest.mark.parametrize("text, value, unit, currency", [
    ("Earnings came in at 94 cents a share.", 0.94, Unit.money, "¢"),
    ("A loaf now costs 35p more.", 0.35, Unit.money, "p"),
    ("Forty cents a ride adds up.", 0.4, Unit.money, "¢"),
    ("The state spent 51.4 trillion won on it.", 51.4e12, Unit.money, "KRW"),
    ("Tickets cost 2,000 yen each.", 2000, Unit.money, "JPY"),
    ("It paid staff 100 million won per baby.", 100e6, Unit.money, "KRW"),
    ("Of the seats, the 45 won by the party were new.", 45, Unit.count, ""),   # "won" as a verb: no sum
    ("The meeting ended at 3pm sharp.", 3, Unit.count, ""),                    # a time, not pence
    ("The meeting ended at 2 p.m. sharp.", 2, Unit.count, ""),
])
def test_a_sum_written_with_its_currency_after_it(text, value, unit, currency):
    m = find_numbers(text)[0]
    assert (m.value, m.unit, m.currency) == (pytest.approx(value), unit, currency)


@pytest.mark.parametrize("text, currency", [
    ("Norbury Rail raised its fare by 40 cents to $2.90. Its rival charges $2.50.", "USD"),
    ("The tram fare rose by 20 cents to €1.80 in Lisbonia.", "EUR"),
])
def test_prose_cents_take_the_articles_currency(text, currency):
    doc = Document(id="d", title="Fares", published=date(2025, 6, 2), text=text)
    cents = [f for f in extract(doc).figures if f.quote.startswith(("40 cents", "20 cents"))]
    assert cents and cents[0].unit is Unit.money and cents[0].currency == currency
    assert cents[0].value == pytest.approx(0.4 if currency == "USD" else 0.2)


def test_cents_ground_their_amount():
    assert 0.94 in numbers_in("came in at 94 cents") and 0.35 in numbers_in("35p")


@pytest.mark.parametrize("text, quote, measure", [
    ("The ferry fare rose to $3.45 this month, up 25 cents from $3.20.", "25 cents", "change in"),
    ("Norbury Rail's fare jumped 40 cents to $2.90 in May.", "40 cents", "change in"),
    ("Norbury Rail's fare is now $2.90 after the rise.", "$2.90", ""),   # a level, no change
    ("The ferry fare rose to $3.45 this month, up 25 cents from $3.20.", "$3.20", ""),  # the sum it rose from: a level
])
def test_a_sum_a_price_changed_by_is_a_change(text, quote, measure):
    doc = Document(id="d", title="Fares", published=date(2025, 6, 2), text=text)
    f = next(f for f in extract(doc).figures if f.quote.startswith(quote))
    assert f.measure.startswith("change in") is bool(measure)


@pytest.mark.parametrize("quote, measure", [
    ("412", "bike sales"),     # the item shares the caption's word: the caption's measure
    ("1,250", "revenue"),      # an item of its own ("revenue in £m"): that, without how it is written
])
def test_a_caption_brackets_item_names_its_columns_measure(quote, measure):
    f = by_quote(figures(SALES, date(2025, 3, 3), "a.html", "html"), quote)
    assert f.measure == measure
