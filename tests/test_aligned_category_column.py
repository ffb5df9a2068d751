"""A space-aligned table whose rows end in words after their numbers (a category or status column: "Excess",
"Not met") is still a table: its numbers are figures labelled by row and column, the words are no figure. A note
under a table that explains it ("compared with the 1991-2020 average; bands: high, 20% or more") gives neither the
table's period nor its unit. Every name and number here is invented."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document, Unit
from qa.text.aligned import aligned_tables
from qa.text.documents import read

ARTICLE = """Rainfall in Northland's counties, 2025

Northland had a wet summer, the weather office said on Monday.

Summer rainfall by county, 2025

County              Actual (mm)   Average (mm)   Departure (%)   Band
------------------------------------------------------------------------
Westmoor                  412.6          301.2           +37.0   High
Eastfold                  288.0          290.5            -0.9   Normal
Southvale                 190.4          260.0           -26.8   Low
------------------------------------------------------------------------
Northland                 301.1          284.3            +5.9   Near average

Source: Northland Weather Office. Departure is actual rainfall compared with the 1991-2020 average. Bands: high,
20% or more above average; normal, within 19%; low, 20% or more below.
"""


def test_rows_ending_in_a_word_are_a_table():
    tables = aligned_tables(ARTICLE)
    assert len(tables) == 1
    rows = [[c.text for c in r] for r in tables[0].rows]
    assert rows[1][:4] == ["Westmoor", "412.6", "301.2", "+37.0"]
    assert rows[-1][0] == "Northland"


def figures():
    reading = read(ARTICLE.encode(), "a.txt", "text")
    doc = Document(id="d", title=reading.title, published=date(2025, 9, 8), text=reading.text)
    return extract(doc, reading.tables).figures


@pytest.mark.parametrize("quote, subject, unit, measure_word", [
    ("412.6", "Westmoor", Unit.count, "actual"),    # millimetres: no percent, whatever the note says of bands
    ("260.0", "Southvale", Unit.count, "average"),
    ("-26.8", "Southvale", Unit.percent, "departure"),
    ("301.1", "Northland", Unit.count, "actual"),
])
def test_the_numbers_are_figures_of_their_row_and_column(quote, subject, unit, measure_word):
    found = [f for f in figures() if f.quote == quote]
    assert found, quote
    f = found[0]
    assert (f.subject, f.unit) == (subject, unit)
    assert f.measure.startswith(measure_word)
    assert f.period.startswith("2025")  # the caption's year, not the note's 1991-2020 average


def test_the_category_words_are_no_figures():
    assert not [f for f in figures() if f.quote in ("High", "Normal", "Low", "Near average")]
