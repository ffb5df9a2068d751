"""Column labels of a space-aligned table that only one space keeps apart ("Sales   Sales Net profit Net profit":
the writer lined each label up with the right edge of its numbers) are the labels of their own columns, not one
label spread over three; and the scale written after a currency ("£m", "US$ bn", "NOK bn") says how the numbers are
written, it is no word of what they measure. Every name and number here is invented."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.corpus.tables import read_label
from qa.model.records import Document
from qa.text.aligned import aligned_tables
from qa.text.documents import read

RIGHT = """Marbleton Group half-year results

Marbleton said sales rose in all three divisions.

Divisional results, six months to end June

                     Sales     Sales Net profit Net profit
                   H1 2025   H1 2024    H1 2025    H1 2024
                        £m        £m         £m         £m
Kettles              210.4     198.2       14.1       12.9
Toasters             120.7     131.0        6.2        8.8
Group                331.1     329.2       20.3       21.7

Net profit is stated before exceptional items.
"""

LEFT = """Harlow Ports traffic

Traffic at the group's ports, 2024

Port          Ships in Ships out   Cargo
Eastharbour   1,204    1,198       5.1
Westharbour   877      860         3.9
Northharbour  412      420         1.7
"""

GROUP = """Pupil absence in Vale County

Absence rates by district

                    Pupils absent
District           2023      2024
Hillside            6.1       6.4
Riverside           5.2       5.0
"""


def _header(text: str) -> list[str]:
    table = aligned_tables(text)[0]
    return [" ".join(r[c].text for r in table.rows[: table.header_rows] if r[c].text).strip()
            for c in range(len(table.rows[0]))]


@pytest.mark.parametrize("text, column, label", [
    (RIGHT, 1, "Sales H1 2025 £m"),
    (RIGHT, 2, "Sales H1 2024 £m"),
    (RIGHT, 3, "Net profit H1 2025 £m"),   # was "Sales Net profit Net profit H1 2025 £m"
    (RIGHT, 4, "Net profit H1 2024 £m"),
    (LEFT, 1, "Ships in"),                 # left-aligned labels, one space between them
    (LEFT, 2, "Ships out"),
    (GROUP, 1, "Pupils absent 2023"),      # a heading over a group of columns stays over each
    (GROUP, 2, "Pupils absent 2024"),
])
def test_each_column_keeps_its_own_label(text, column, label):
    assert _header(text)[column] == label


def test_figures_are_measured_by_their_own_column():
    reading = read(RIGHT.encode(), "a.txt", "text")
    doc = Document(id="d", title=reading.title, published=date(2025, 7, 30), text=reading.text)
    found = {f.quote: f for f in extract(doc, reading.tables).figures if f.subject == "Toasters"}
    assert found["6.2"].measure.lower().startswith("net profit")
    assert found["131.0"].measure.lower().startswith("sales")
    assert "sales" not in found["6.2"].measure.lower()


@pytest.mark.parametrize("label, words, currency, scale", [
    ("Revenue £m", "Revenue", "GBP", 1e6),
    ("Op profit H1 2024 £m", "Op profit", "GBP", 1e6),
    ("Exports US$ bn", "Exports", "USD", 1e9),
    ("Value NOK bn", "Value", "NOK", 1e9),
    ("Sales in EUR million", "Sales", "EUR", 1e6),
    ("Staff numbers", "Staff numbers", "", 0.0),   # no currency: words kept
])
def test_a_currency_and_its_scale_are_no_words_of_the_measure(label, words, currency, scale):
    got = read_label(label, date(2025, 1, 1))
    assert (got.words, got.currency, got.scale) == (words, currency, scale)


@pytest.mark.parametrize("text, period", [
    ("the six months to end June", "2025-01/2025-06"),
    ("the half year to 30 June", "2025-01/2025-06"),       # was read as the year to June
    ("the half-year ended 30 June 2025", "2025-01/2025-06"),
    ("the year to end-March", "2024-04/2025-03"),
    ("the year to March 2024", "2023-04/2024-03"),         # unchanged
])
def test_periods_written_to_an_end_month(text, period):
    from qa.text.mentions import find_periods
    found = [p.period for p in find_periods(text, date(2025, 7, 1)) if p.kind == "upto"]
    assert found == [period]


@pytest.mark.parametrize("caption, measure", [
    ("Six months to end June, adjusted basis", ""),         # only says when: no measure words
    ("Deaths in the twelve months to March", "deaths"),
    ("Passengers last year", "passengers"),
    ("Waiting for tests, March 2024", "waiting for tests"),
])
def test_a_caption_period_is_no_measure(caption, measure):
    from qa.corpus.tables import caption_measure
    assert caption_measure(caption) == measure
