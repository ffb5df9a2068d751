"""A column whose header bracket names a currency or an amount per something is money, even when its words say
"rate" (a wage, a fare or a tariff is a rate in money): "2024 rate ($/hour)", "Tariff (£ per night)". A rate said with
"%" stays a percentage. Invented places and numbers; expected values worked out by hand from the tables."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.corpus.tables import read_label
from qa.model.records import Document, Unit
from qa.text.documents import read

PAY_HTML = """<html><head><title>Pay floors rise in three provinces</title></head><body>
<h1>Pay floors rise in three provinces</h1><p>Published 2031-01-03</p>
<p>Three provinces raised their pay floors on New Year's Day.</p>
<table><caption>Provincial pay floor rates, 2030 and 2031</caption>
<thead><tr><th scope="col">Province</th><th scope="col">2030 rate ($/hour)</th><th scope="col">2031 rate ($/hour)</th>
<th scope="col">Rise (cents)</th><th scope="col">Jobless rate (%)</th></tr></thead>
<tbody><tr><th scope="row">Eastmark</th><td>11.40</td><td>12.05</td><td>65</td><td>4.2</td></tr>
<tr><th scope="row">Westmoor</th><td>10.80</td><td>11.10</td><td>30</td><td>5.9</td></tr></tbody></table>
<p>Officials said the rises were modest.</p>
</body></html>"""


@pytest.mark.parametrize("label, percent, currency", [
    ("2030 rate ($/hour)", False, "USD"),  # a rate in dollars an hour: money
    ("Nightly rate (£ per night)", False, "GBP"),
    ("Rate (euros)", False, "EUR"),
    ("Jobless rate (%)", True, ""),  # said with "%": a percentage
    ("Interest rate", True, ""),  # a bare rate with no currency is read as a percentage, as before
    ("Rate (% of $ lent)", True, "USD"),  # "%" says so, whatever else the bracket names
])
def test_a_rate_in_money_is_no_percentage(label, percent, currency):
    got = read_label(label, date(2031, 1, 3))
    assert (got.percent, got.currency) == (percent, currency)


@pytest.mark.parametrize("subject, quote, value, unit, period", [
    ("Eastmark", "11.40", 11.40, Unit.money, "2030"),
    ("Westmoor", "11.10", 11.10, Unit.money, "2031"),
    ("Eastmark", "65", 0.65, Unit.money, "2030/2031"),  # cents: hundredths of the dollar
    ("Westmoor", "5.9", 5.9, Unit.percent, ""),  # the "%" column beside them stays a percentage
])
def test_a_wage_table_under_a_rates_caption(subject, quote, value, unit, period):
    reading = read(PAY_HTML.encode(), "a.html", "html")
    doc = Document(id="d", title=reading.title, published=date(2031, 1, 3), text=reading.text)
    figs = [f for f in extract(doc, reading.tables).figures if f.subject == subject and f.quote == quote]
    assert len(figs) == 1
    f = figs[0]
    assert f.unit is unit
    assert abs(f.value - value) < 1e-9
    if period:
        assert f.period == period


STARTS_HTML = """<html><head><title>Builders slow down in two regions</title></head><body>
<h1>Builders slow down in two regions</h1><p>Published 2031-11-20</p>
<p>Builders started fewer homes this year.</p>
<table><caption>Homes started by region, February to September, 2029 and 2030 (thousands)</caption>
<thead><tr><th scope="col">Region</th><th scope="col">2029</th><th scope="col">2030</th><th scope="col">Change (%)</th></tr>
</thead><tbody><tr><th scope="row">Upland</th><td>4.0</td><td>5.0</td><td>25.0</td></tr>
<tr><th scope="row">Lowfield</th><td>8.0</td><td>6.0</td><td>-25.0</td></tr></tbody></table>
</body></html>"""

VISITS_MD = """# Clinic visits rise

*Published: 2031-05-02*

Clinics saw more patients in April.

**Table 1: Clinic visits by district, April 2031**

| District | Visits (000s) | Change in visits on Mar 2030 (%) | Change vs 2029 (%) |
|---|---:|---:|---:|
| Eastwick | 120 | 4.0 | 9.5 |
| Fellside | 80 | -2.5 | 1.5 |
"""


@pytest.mark.parametrize("subject, quote, period", [
    ("Upland", "4.0", "2029-02/2029-09"),  # "February to September" with no year of its own: each year's months
    ("Lowfield", "6.0", "2030-02/2030-09"),
    ("Upland", "25.0", "2029-02/2030-09"),  # the change runs from the first span to the second
])
def test_a_caption_naming_the_months_of_each_year(subject, quote, period):
    reading = read(STARTS_HTML.encode(), "a.html", "html")
    doc = Document(id="d", title=reading.title, published=date(2031, 11, 20), text=reading.text)
    figs = [f for f in extract(doc, reading.tables).figures if f.subject == subject and f.quote == quote]
    assert [f.period for f in figs] == [period]


@pytest.mark.parametrize("subject, quote, period", [
    ("Eastwick", "120", "2031-04"),  # the caption's month
    ("Eastwick", "4.0", "2030-03/2031-04"),  # "on Mar 2030": from the month it is compared with to the table's
    ("Fellside", "-2.5", "2030-03/2031-04"),
    ("Fellside", "1.5", "2029"),  # "vs 2029" in a table of a month: which month of 2029 is not said; left as written
])
def test_a_change_column_compared_with_a_period_it_names(subject, quote, period):
    reading = read(VISITS_MD.encode(), "a.md", "markdown")
    doc = Document(id="d", title=reading.title, published=date(2031, 5, 2), text=reading.text)
    figs = [f for f in extract(doc, reading.tables).figures if f.subject == subject and f.quote == quote]
    assert [f.period for f in figs] == [period]
