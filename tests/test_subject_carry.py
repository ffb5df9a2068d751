"""Whom a text figure is about (issue 14, "Text figures keep their labels"): a name in a relative aside ("Northby,
which accounts for a quarter of all jobs in Westland, saw ...") is the aside's; a name after "every" or "any" ("the
highest rate of any county") names none; "where" and "there" point back to the name before, and a sentence without
figures that opens with a name ("Ashby was again the standout.") says whom the next figures are of; "the country" is
the article's; a body named as who published the figures ("published on Thursday by the ... (NMTA)") is their
source, not their subject; a table's row labels are names wherever a sentence writes them, even opening it; a place
after "N points in" is the figure's.

Articles written for these tests about invented places and bodies; each row says what a careful reader takes the
number to be of.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract, row_labels
from qa.model.records import Document
from qa.text.documents import TableCell, TextTable


def _subject(text: str, quote_part: str, tables: list[TextTable] | None = None) -> str:
    doc = Document(id="t", title=text.split("\n")[0], published=date(2024, 5, 20), text=text)
    hits = [f for f in extract(doc, tables).figures if quote_part in f.quote]
    assert len(hits) == 1, [(f.quote, f.subject) for f in extract(doc, tables).figures]
    return hits[0].subject


HEADLINE = (
    "Jobless rate rises in Westland\n\n"
    "The jobless rate climbed to 5.1% in April, the statistics office said. Officials in Westland expect more.\n\n"
    "The country had 48,000 vacancies in April.\n\n"
    "In Eastmark, 2,300 jobs were lost over the month.\n"
)

RANGE = (
    "Unemployment rises in every county as Dunmore tops 9%\n\n"
    "Unemployment rose to 6.2% across Westland in March. Figures for Northby were revised.\n\n"
    "Dunmore again had the highest rate of any county, at 9.3%, while Ashby had the lowest, at 3.1%. The rise ranged "
    "from 0.2 points in Ashby to 0.6 points in Dunmore. Northby, "
    "which accounts for about a quarter of all unemployed people in Westland, saw its rate climb to 7.6%.\n"
)

RELATIVE = (
    "Basket prices climb in Westland\n\n"
    "The sharpest rise was in Eastmark, where the basket jumped to €39.35. Shoppers in Ashby fared little better. "
    "Ashby was again the standout. "
    "Values there rose 4.4% over the year.\n"
)

SOURCE = (
    "Car sales fall in Westland\n\n"
    "A total of 120,400 cars were registered in 2024, according to figures published on Thursday by the Northern "
    "Motor Traders' Association (NMTA). Their share of the market slipped to 13.6%.\n"
)


@pytest.mark.parametrize("text, quote_part, subject", [
    # a figure whose sentence names no one is the headline's
    (HEADLINE, "5.1%", "Westland"),
    (HEADLINE, "2,300", "Eastmark"),
    # "the country" is the article's country
    (HEADLINE, "48,000", "Westland"),
    # "of any county" names none; a name in a relative aside is the aside's, the sentence is about Northby
    (RANGE, "9.3%", "Dunmore"),
    (RANGE, "3.1%", "Ashby"),
    (RANGE, "0.6 points", "Dunmore"),
    (RANGE, "7.6%", "Northby"),
    # "where the basket jumped": Eastmark's basket; "Values there": Ashby's, named in the sentence before
    (RELATIVE, "€39.35", "Eastmark"),
    (RELATIVE, "4.4%", "Ashby"),
    # the association published the figures: they are Westland's, and so is the share after them
    (SOURCE, "120,400", "Westland"),
    (SOURCE, "13.6%", "Westland"),
])
def test_whom_a_figure_is_about(text, quote_part, subject):
    assert _subject(text, quote_part) == subject


def _table(text: str, rows: list[list[str]]) -> TextTable:
    """A table whose cells are found in `text` in order (the first row labels the columns)."""
    out, at = [], 0
    for row in rows:
        cells = []
        for cell in row:
            at = text.index(cell, at)
            cells.append(TableCell(cell, at, at + len(cell), header=not out))
            at += len(cell)
        out.append(cells)
    return TextTable(rows=out, header_rows=1, row_header_cols=1)


def test_a_sentence_opening_with_a_row_label_is_about_that_row():
    text = ("Unemployment rises across Westland\n\n"
            "Region | Rate\nDunmore | 9.3\nAshby | 3.1\nTotal* | 6.2\n\n"
            "Dunmore recorded 41,200 claimants in March.\n")
    table = _table(text, [["Region", "Rate"], ["Dunmore", "9.3"], ["Ashby", "3.1"], ["Total*", "6.2"]])
    assert row_labels([table]) == {"dunmore", "ashby"}  # a totals row is no name
    assert _subject(text, "41,200", [table]) == "Dunmore"
