"""Amounts in a currency named in words or with its own sign are money (issue 14: "currency and scale").

Sentences about invented places and firms; the country that decides a shared currency name is a real one, because the
rule reads ISO 4217 and ISO 3166 (pycountry). Each row says what a careful reader takes the amount to be.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document, Unit
from qa.text.currencies import codes, currency_of
from qa.text.mentions import find_numbers
from qa.text.numbers import fmt_value


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("the fund lent 3.5 billion dirhams", 3.5e9, "dirhams"),  # a name: the document decides whose
        ("a kilo sold for 240 pesos", 240, "pesos"),
        ("a 5 billion rand shortfall", 5e9, "rand"),
        ("exports of 7.25 billion reais", 7.25e9, "reais"),
        ("a ticket at 129 kronor", 129, "kronor"),
        ("it cost 1,200 yen", 1200, "JPY"),  # a name with one currency keeps the code it always had
        ("pork at ₱365 a kilo", 365, "₱"),  # a sign of its own
        ("bonds worth ₹40,000", 40000, "₹"),
    ],
)
def test_a_number_followed_by_a_currency_name_is_money(text, value, currency):
    [m] = find_numbers(text)
    assert (m.value, m.unit, m.currency) == (value, Unit.money, currency)


@pytest.mark.parametrize(
    "text",
    [
        "the 45 won by the Greens",  # "won" is a verb after a small number
        "prices rose 5 real terms",  # "real" is an ordinary word; only its plural "reais" is the currency
        "12 marks out of 20",
    ],
)
def test_words_that_are_also_ordinary_words_are_not_currencies(text):
    assert all(m.unit is not Unit.money for m in find_numbers(text))


@pytest.mark.parametrize(
    "name, text, currency",
    [
        ("pesos", "MANILA - Food prices in the Philippines rose", "PHP"),  # one peso country named
        ("pesos", "Mexico City traders said", "MXN"),
        ("pesos", "prices at the market rose", "pesos"),  # no country named: the name stays, nothing is guessed
        ("pesos", "Mexico and the Philippines both", "pesos"),  # two named: no choice
        ("dirhams", "RABAT - Morocco's receipts", "MAD"),
        ("rand", "anything", "ZAR"),  # a name only one currency has
        ("reais", "anything", "BRL"),
    ],
)
def test_the_document_decides_a_shared_currency_name(name, text, currency):
    assert currency_of(name, text) == currency


def test_a_shared_name_stands_for_each_of_its_countries():
    assert {"MXN", "PHP", "ARS"} <= set(codes("peso")) and codes("kronor") == ("ISK", "SEK")
    assert codes("marks") == ()


@pytest.mark.parametrize(
    "value, currency, shown",
    [(50.2, "pesos", "50.2 pesos"), (50.2, "PHP", "₱50.2"), (3.0, "MAD", "MAD 3"), (1500.0, "ZAR", "ZAR 1,500")],
)
def test_an_amount_is_shown_in_its_currency(value, currency, shown):
    assert fmt_value(value, Unit.money, currency) == shown


def test_an_extracted_figure_takes_the_currency_of_the_country_its_document_names():
    text = ("Tarsia port fees\n\nMANILA, March 3 - The Philippines' Tarsia port collected 812 million pesos in fees in "
            "2024, up from 640 million pesos in 2023.")
    doc = Document(id="t", title="Tarsia port fees", published=date(2025, 3, 3), text=text)
    money = {f.value: f.currency for f in extract(doc).figures if f.unit is Unit.money}
    assert money == {812e6: "PHP", 640e6: "PHP"}
