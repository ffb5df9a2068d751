"""Report notes and lists: a note mark opening a line ("(1) Audit fees are ...") is no figure; "the years ended
September 30, 2019, 2018 and 2017" names one year-long span per year listed; figures listed before such periods with
"respectively" take them in order. Documents are invented; each expected period is worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract, extract_candidates
from qa.model.records import Document
from qa.text.mentions import find_periods


def _doc(text: str) -> Document:
    return Document(id="t", title="Annual report extract", published=date(2020, 3, 1), text=text)


@pytest.mark.parametrize("text, marks, kept", [
    # a mark opening a paragraph numbers the note; the fee inside it is a figure
    ("Annual report extract\n\n(1) Audit fees are comprised of fees of $40,000 for the annual audit.", [1], [40_000]),
    ("Annual report extract\n\n2) Tax fees covered 3 returns.", [2], [3]),
    # after a full stop, a bracketed mark opens the next item of a list
    ("Annual report extract\n\nThe plan has two parts. (1) Staff were cut by 12. (2) Two sites closed.", [1], [12]),
    # a bracketed amount inside a sentence is not a mark
    ("Annual report extract\n\nThe net change was (7) compared with 9 a year before.", [], [9]),
])
def test_a_note_mark_opening_a_line_is_no_figure(text, marks, kept):
    values = [c.mention.value for c in extract_candidates(_doc(text))]
    for v in marks:
        assert v not in values, values
    for v in kept:
        assert v in values, values


@pytest.mark.parametrize("text, expected", [
    # December year ends are calendar years; September ones run October to September
    ("for the years ended December 31, 2019, 2018 and 2017, respectively",
     [("the years ended December 31, 2019", "2019"), ("2018", "2018"), ("2017", "2017")]),
    ("for the years ended September 30, 2019 and 2018",
     [("the years ended September 30, 2019", "2018-10/2019-09"), ("2018", "2017-10/2018-09")]),
    # a year followed by its own month is a date of its own, not another year of the list
    ("for the year ended June 30, 2019, and June 30, 2018",
     [("the year ended June 30, 2019", "2018-07/2019-06"), ("June 30, 2018", "2018-06-30")]),
])
def test_years_listed_after_a_year_end_are_year_long_spans(text, expected):
    got = [(text[p.start:p.end], p.period) for p in find_periods(text, date(2020, 3, 1))]
    assert got == expected


def _periods(text: str) -> dict[float, str]:
    return {float(f.value): f.period for f in extract(_doc(text)).figures}


@pytest.mark.parametrize("text, expected", [
    # three sums, three years: in the order written
    ("Annual report extract\n\nAdvertising costs amounted to $2,800, $3,600, and $3,700, for the years ended "
     "September 30, 2019, 2018, and 2017, respectively.",
     {2_800: "2018-10/2019-09", 3_600: "2017-10/2018-09", 3_700: "2016-10/2017-09"}),
    ("Annual report extract\n\nThere were 26,000 and 10,000 shares excluded for the years ended December 31, 2019 "
     "and 2018, respectively.", {26_000: "2019", 10_000: "2018"}),
    # a text naming no area writes "fiscal 2018" for October 2017 to September 2018 (corpus/vocabulary/places.json),
    # and the year listed after it is a fiscal year too
    ("Annual report extract\n\nDepreciation was $0.8 million and $0.6 million for fiscal 2018 and 2019, respectively.",
     {800_000: "2017-10/2018-09", 600_000: "2018-10/2019-09"}),
])
def test_figures_listed_respectively_take_the_periods_listed(text, expected):
    got = _periods(text)
    for value, period in expected.items():
        assert got.get(float(value)) == period, got
