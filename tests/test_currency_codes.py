"""Amounts written with a currency's ISO 4217 code before them ("NOK 14.2 billion", "EUR 1.6bn", "RMB77 million") are
money in that currency, and the code is no one's name; a caption that says how each measure is written in a sentence
("Value in SEK million; volume in tonnes") scales only the columns it names; "the third quarter last year" is one
period. Every name and number here is invented."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document, Unit
from qa.text.documents import read
from qa.text.mentions import find_numbers, find_periods


@pytest.mark.parametrize("text, written, value, unit, currency", [
    ("Exports were worth NOK 14.2 billion.", "NOK 14.2 billion", 14.2e9, Unit.money, "NOK"),
    ("It spent EUR 1.6bn on grids.", "EUR 1.6bn", 1.6e9, Unit.money, "EUR"),
    ("a fee of SEK 2,300 a head", "SEK 2,300", 2300, Unit.money, "SEK"),
    ("exchange gains of RMB77 million", "RMB77 million", 77e6, Unit.money, "CNY"),  # the renminbi's usual letters
    ("a CHF2bn bond", "CHF2bn", 2e9, Unit.money, "CHF"),
    ("the TOP 10 clubs", "10", 10, Unit.count, ""),          # a code that is also an English word
    ("ABC 123 cases", "123", 123, Unit.count, ""),           # three capitals that are no currency's code
])
def test_a_currency_code_before_an_amount(text, written, value, unit, currency):
    m = find_numbers(text)[0]
    assert (text[m.start:m.end], m.value, m.unit, m.currency) == (written, pytest.approx(value), unit, currency)


@pytest.mark.parametrize("text", ["the COP26 summit", "an A380 jet"])
def test_letters_and_digits_written_as_one_word_are_no_amount(text):
    assert find_numbers(text) == []


def figures(text: str, name: str, fmt: str, published: date = date(2025, 3, 4)):
    reading = read(text.encode(), name, fmt)
    doc = Document(id="d", title=reading.title, published=published, text=reading.text)
    return extract(doc, reading.tables).figures


PROSE = """Northland fish exports hit a record

Northland sold fish worth NOK 90.5 billion abroad in 2024. Westmark bought the most. Eastmark came next at NOK 9.2 billion.
"""


@pytest.mark.parametrize("quote_starts, subject, value, currency", [
    ("NOK 90.5 billion", "Northland", 90.5e9, "NOK"),
    ("NOK 9.2 billion", "Eastmark", 9.2e9, "NOK"),   # the market's, not "NOK"'s
])
def test_prose_amounts_in_a_code_are_money_of_their_subject(quote_starts, subject, value, currency):
    found = [f for f in figures(PROSE, "a.txt", "text") if f.quote.startswith(quote_starts)]
    assert found, quote_starts
    f = found[0]
    assert (f.subject, f.value, f.unit, f.currency) == (subject, pytest.approx(value), Unit.money, currency)


TABLE = """<html><head><title>Fish exports by species</title></head><body><article>
<h1>Fish exports by species</h1>
<p>Published 4 March 2025.</p>
<table>
<caption>Northland fish exports by species, 2023 and 2024. Value in SEK million; volume in tonnes</caption>
<thead><tr><th scope="col">Species</th><th scope="col">Value 2023</th><th scope="col">Value 2024</th>
<th scope="col">Volume 2023</th><th scope="col">Volume 2024</th></tr></thead>
<tbody>
<tr><th scope="row">Pike</th><td>41.5</td><td>44.0</td><td>12,300</td><td>12,900</td></tr>
<tr><th scope="row">Perch</th><td>17.2</td><td>16.8</td><td>6,050</td><td>5,700</td></tr>
</tbody>
</table>
<p class="note">Source: Northland Fish Board.</p>
</article></body></html>"""


@pytest.mark.parametrize("quote, value, unit, currency, measure_word", [
    ("41.5", 41.5e6, Unit.money, "SEK", "value"),   # "Value in SEK million"
    ("16.8", 16.8e6, Unit.money, "SEK", "value"),
    ("12,300", 12300, Unit.count, "", "volume"),    # "volume in tonnes": neither money nor millions
    ("5,700", 5700, Unit.count, "", "volume"),
])
def test_a_caption_sentence_gives_each_measure_its_unit(quote, value, unit, currency, measure_word):
    found = [f for f in figures(TABLE, "a.html", "html") if f.quote == quote]
    assert found, quote
    f = found[0]
    assert (f.value, f.unit, f.currency) == (pytest.approx(value), unit, currency)
    assert f.measure.startswith(measure_word) and "exports" in f.measure  # the column's word, of the caption's


@pytest.mark.parametrize("text, said, period", [
    ("sales of 5.4 million in the third quarter last year", "the third quarter last year", "2023-07/2023-09"),
    ("profit in the first half of last year", "the first half of last year", "2023-01/2023-06"),
    ("in the second quarter of this year", "the second quarter of this year", "2024-04/2024-06"),
    ("in the fourth quarter of 2022", "the fourth quarter of 2022", "2022-10/2022-12"),   # as before
])
def test_a_part_of_a_year_named_against_the_dateline(text, said, period):
    found = [p for p in find_periods(text, date(2024, 11, 6)) if p.kind == "part"]
    assert [(text[p.start:p.end], p.period) for p in found] == [(said, period)]
