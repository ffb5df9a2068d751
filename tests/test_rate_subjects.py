"""A percentage whose sentence's subject names what it measures ("The load factor, the share of seats sold, rose to
91.4 per cent"; "The share of households in arrears on their bills fell to 8.1 per cent") is measured by that
phrase, and the phrase, written in common words, is not whom the figure is about: the article's company or place is.
Every name and number here is invented."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document
from qa.text.documents import read

ARTICLE = """Skyway Airlines carries more passengers

Skyway Airlines said on Tuesday that it carried 12.1 million passengers in the first quarter.

Planes were fuller, too. The load factor, the share of seats sold, rose to 91.4 per cent from 90.1 per cent a year
earlier.

The share of households in arrears on their electricity bills fell to 8.1 per cent at the end of 2024, according to
the energy regulator.

Its common equity tier 1 (CET1) ratio, a key measure of financial strength, was 15.8 per cent at the end of March.

Fares in Westland rose 4.2 per cent in the quarter.
"""


def _figures():
    reading = read(ARTICLE.encode(), "a.txt", "text")
    doc = Document(id="d", title=reading.title, published=date(2025, 5, 1), text=reading.text)
    return {f.quote.split()[0]: f for f in extract(doc, reading.tables).figures}


@pytest.mark.parametrize("number, measure, subject", [
    ("91.4", "load factor", "Skyway Airlines"),        # was measure "share of", subject "Load factor"
    ("90.1", "load factor", "Skyway Airlines"),
    ("8.1", "share of households in arrears on their electricity bills", "Skyway Airlines"),
    ("15.8", "common equity tier CET1 ratio", None),     # (its subject is still "CET1": an acronym reads as a name)
    ("4.2", "percent change in fares", "Westland"),      # a name stays the subject
])
def test_the_rate_is_the_measure_not_the_subject(number, measure, subject):
    f = _figures()[number]
    assert f.measure == measure
    if subject is not None:
        assert f.subject == subject


def test_a_group_in_the_measure_stays_the_subject():
    text = ("Exam results out\n\nGirls continued to outperform boys, with 24.6 per cent of girls' entries graded A "
            "against 19.0 per cent for boys.\n")
    reading = read(text.encode(), "a.txt", "text")
    doc = Document(id="d", title=reading.title, published=date(2025, 8, 21), text=reading.text)
    subjects = {f.quote.split()[0]: f.subject for f in extract(doc, reading.tables).figures}
    assert subjects["24.6"].lower() == "girls"
