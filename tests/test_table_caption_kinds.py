"""Tables whose caption says less, or more, than one measure for every column; change columns that name their span;
a look back closing a sentence; a quarter's change. Invented places, labels and numbers."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.corpus.tables import caption_measure, caption_percent, change_span
from qa.model.records import Document
from qa.text.documents import read


def figures(text: str, published: date, name: str = "a.md", fmt: str = "markdown"):
    reading = read(text.encode(), name, fmt)
    doc = Document(id="d", title=reading.title, published=published, text=reading.text)
    return extract(doc, reading.tables).figures


@pytest.mark.parametrize("caption, measure", [
    ("Where the money went", ""),                  # a heading written as a clause names no measure
    ("How the towns compare", ""),
    ("What changed, 2023", ""),
    ("Table 2: Bus trips by town, 2023", "bus trips"),
    ("Whooper swan counts by lake", "whooper swan counts"),   # a word that only starts like "who"
])
def test_a_narrative_caption_names_no_measure(caption, measure):
    assert caption_measure(caption) == measure


@pytest.mark.parametrize("context, measure, percent", [
    ("Deaths, selected towns, and death rate, 2023", "deaths", False),   # "rate" names another column's measure
    ("Unemployment rate by town", "unemployment rate", True),           # the caption's measure is the rate
    ("Turnout by ward (%)", "turnout", True),                            # a percent sign anywhere
    ("Visits by town, per cent of 2019", "visits", True),
    ("Visits by town", "visits", False),
])
def test_a_captions_rate_makes_percents_only_as_its_measure(context, measure, percent):
    assert caption_percent(context, measure) is percent


DEATHS = """# Deaths fall

*By A Writer, 12 November 2024*

Deaths fell in most towns.

**Table 1: Deaths, selected towns, 12 months ending June, and age-adjusted death rate, 2023**

| Town | Deaths, 12 months to June 2024 | Change (%) | Death rate per 100,000 (2023) |
|---|---:|---:|---:|
| Northby | 1,204 | -12.5 | 61.3 |
"""


@pytest.mark.parametrize("value, unit", [
    (1204, "count"),     # the deaths column: a count, though the caption says "rate" further on
    (61.3, "count"),     # a rate per 100,000 is not a percent
    (-12.5, "percent"),  # the change column says "%" itself
])
def test_a_rate_named_after_the_captions_measure_is_not_every_columns_percent(value, unit):
    got = [f for f in figures(DEATHS, date(2024, 11, 12)) if f.value == value]
    assert [f.unit.value for f in got] == [unit]


AIR = """# Air improves

*By A Writer, 30 January 2025*

Air got cleaner.

**Table 1: Days above the daily smoke guideline and annual mean smoke, selected towns**

| Town | Days over limit 2024 | Annual mean smoke 2024 |
|---|---:|---:|
| Northby | 41 | 8.7 |
"""


@pytest.mark.parametrize("value, measure", [
    (41, "days over limit (days above the daily smoke guideline)"),   # the caption's words for the column join its own
    (8.7, "annual mean smoke"),                                       # the column says the caption's part itself
])
def test_a_listed_captions_part_joins_the_column_naming_it(value, measure):
    got = [f for f in figures(AIR, date(2025, 1, 30)) if f.value == value]
    assert [f.measure for f in got] == [measure]


@pytest.mark.parametrize("words, months", [
    ("Monthly change (%)", 1), ("Quarterly change", 3), ("Annual change (%)", 12), ("Change (%)", 0),
])
def test_a_change_column_names_its_span(words, months):
    assert change_span(words) == months


VALUES = """# Home values climb

*By A Writer, 2 July 2024*

Values rose again.

**Table 1. Median home values by city, June 2024**

| City | Median value | Monthly change (%) | Annual change (%) |
|---|---:|---:|---:|
| Northby | $812,400 | 0.6 | 7.1 |
"""


@pytest.mark.parametrize("value, period, measure", [
    (812400, "2024-06", "median value (median home values)"),
    (0.6, "2024-05/2024-06", "monthly percent change in median home values"),   # over the month to June
    (7.1, "2023-06/2024-06", "annual percent change in median home values"),    # over the year to June
])
def test_a_change_column_of_a_one_month_table_spans_what_it_names(value, period, measure):
    got = [f for f in figures(VALUES, date(2024, 7, 2)) if f.value == value]
    assert [(f.period, f.measure) for f in got] == [(period, measure)]


GIVING = """# Giving falls

*By A Writer, 17 June 2025*

Residents donated $9.12 billion to charities in 2023, a survey found.

## Where the money went

| Cause | 2022 ($m) | 2023 ($m) |
|---|---:|---:|
| Schools | 1,410 | 1,380 |
| All causes | 9,300 | 9,120 |
"""


def test_a_table_under_a_narrative_heading_measures_what_the_prose_says_of_its_total():
    got = {f.measure for f in figures(GIVING, date(2025, 6, 17)) if f.quote in ("1,410", "1,380", "9,120")}
    assert got == {"donations charities (where the money went)"}


RESULTS = """# Results

*By A Writer, 24 October 2024*

Net income for the three months to the end of September rose to $512 million, or $1.14 a share, from $403 million, or $0.87 a share, a year earlier. Revenue rose 12 per cent.
"""


@pytest.mark.parametrize("value, period", [
    (512e6, "2024-07/2024-09"),
    (1.14, "2024-07/2024-09"),
    (403e6, "2023-07/2023-09"),    # "from ..., a year earlier": the quarter a year before
    (0.87, "2023-07/2023-09"),     # and the per-share figure beside it
    (12, "2023-07/2024-09"),       # a quarter's change with no cue: on the same quarter a year before
])
def test_a_look_back_closing_the_sentence_is_the_compared_figures_period(value, period):
    got = [f for f in figures(RESULTS, date(2024, 10, 24)) if f.value == value]
    assert [f.period for f in got] == [period]


SEATS = """# Votes counted

*By A Writer, 6 May 2023*

Counting ended.

**Table 1. Council seats won and share of the vote by party, 2023**

| Party | Seats | Vote share (%) |
|---|---:|---:|
| Blue | 1,365 | 31.2 |
"""


@pytest.mark.parametrize("value, measure", [
    (1365, "seats"),         # the label says nothing the caption's part does not: enough alone
    (31.2, "vote share"),    # the label says all the part does
])
def test_a_column_label_within_its_captions_part_stands_alone(value, measure):
    got = [f for f in figures(SEATS, date(2023, 5, 6)) if f.value == value]
    assert [f.measure for f in got] == [measure]


@pytest.mark.parametrize("text, periods", [
    ("statistical release SR 14/2024.", []),            # a reference number's year is no period
    ("traffic report (PR 07/2025)", []),
    ("report No. 123/2022", []),
    ("in 2023/2024", ["2023-04/2024-03"]),                # a financial year, as "2023/24" is (not a reference)
    ("in 12/2023", ["2023"]),                             # a month written with its number: still its year
])
def test_a_reference_numbers_year_is_no_period(text, periods):
    from qa.text.mentions import find_periods

    assert [p.period for p in find_periods(text, date(2024, 3, 21))] == periods


ABSENCE = """# Absence

*By A Writer, 21 March 2024*

Pupils missed school in the 2022/23 school year, the department said.

Unauthorised absence rose to 2.2 per cent of sessions, the highest since comparable records began in 2006/07.

Source: the department, statistical release SR 14/2024.

The North East had the highest rate, at 24.1 per cent.
"""


@pytest.mark.parametrize("value, period", [
    (2.2, "2022-04/2023-03"),    # "since records began in 2006/07" is where the record starts, not the figure's year
    (24.1, "2022-04/2023-03"),   # after a source line's "SR 14/2024": still the year the article is about
])
def test_a_records_start_and_a_reference_year_are_not_a_figures_period(value, period):
    got = [f for f in figures(ABSENCE, date(2024, 3, 21)) if f.value == value]
    assert [f.period for f in got] == [period]


VOTES = """# Local polls 2023: Blue loses seats

*Last updated: 7 May 2023, 09:15*

Blue lost 1,066 councillors, while Red became the largest party for the first time since 2002.

Red gained 542 seats. Blue's share fell to 26 per cent, from 31 per cent when the seats were last contested in 2019.
"""


@pytest.mark.parametrize("value, period", [
    (1066, "2023"),    # the headline's year, not the year the body later looks back to
    (542, "2023"),
])
def test_a_headline_naming_one_period_is_the_articles(value, period):
    got = [f for f in figures(VOTES, date(2023, 5, 7)) if f.value == value]
    assert [f.period for f in got] == [period]


@pytest.mark.parametrize("text, values", [
    ("updated at 09:15", []),                     # a time of day is no figure
    ("statistical release SR 14/2024", []),       # nor the digits of a reference number
    ("rose 14.5% to 1,204", [14.5, 1204.0]),
])
def test_no_figure_is_read_from_inside_a_run_of_digits(text, values):
    from qa.text.mentions import find_numbers

    assert [n.value for n in find_numbers(text)] == values


@pytest.mark.parametrize("value, measure", [
    (512e6, "net income"),
    (1.14, "net income per share"),   # "or $1.14 a share": the sum before it, per share
    (403e6, "net income"),            # the sum compared with is the sum's measure, not the amount per share
    (0.87, "net income per share"),
])
def test_an_amount_a_share_is_the_sum_before_it_per_share(value, measure):
    got = [f for f in figures(RESULTS, date(2024, 10, 24)) if f.value == value]
    assert [f.measure for f in got] == [measure]


@pytest.mark.parametrize("sentence, measure, change", [
    ("The jobless rate eased to 4.1 per cent.", "jobless rate", False),       # a rate's level after its verb
    ("The operating margin widened to 20.4 per cent.", "operating margin", False),
    ("The jobless rate edged down 4.1 per cent.", "percent change in jobless rate", True),   # a move, not a level
])
def test_a_rate_moved_to_a_level_is_that_rate(sentence, measure, change):
    text = f"# Figures\n\n*By A Writer, 2 March 2023*\n\n{sentence}\n"
    got = [f for f in figures(text, date(2023, 3, 2)) if f.value == 4.1 or f.value == 20.4]
    assert [f.measure for f in got] == [measure]


HOMES = """# Home values rise again

*By A Writer, 2 July 2024*

Home values rose for the 17th month in a row in June.

Separately, the statistics office said 12,868 homes were approved in May. Approvals for houses fell 1.7 per cent to 8,415.

In 2019, before the pandemic, 15,200 homes were approved.
"""


@pytest.mark.parametrize("value, period", [
    (12868, "2024-05"),
    (8415, "2024-05"),           # the paragraph is about May, the month its first figure names, a month before June
    (15200, "2019"),             # a look back names its own year
])
def test_a_paragraph_about_last_months_data_keeps_that_month(value, period):
    got = [f for f in figures(HOMES, date(2024, 7, 2)) if f.value == value]
    assert [f.period for f in got] == [period]


STATES = """# Approvals fall

*By A Writer, 2 July 2024*

Approvals dropped 11.4 per cent in New South Wales, to 3,712, and 9.8 per cent in Victoria, to 3,905. New figures show more.
"""


@pytest.mark.parametrize("value, subject", [
    (11.4, "New South Wales"),   # a place known with its "New" keeps it
    (3712, "New South Wales"),   # the level a change reached, after a comma, is the change's place's
    (9.8, "Victoria"),
    (3905, "Victoria"),
])
def test_the_level_a_change_reached_is_of_the_changes_place(value, subject):
    got = [f for f in figures(STATES, date(2024, 7, 2)) if f.value == value]
    assert [f.subject for f in got] == [subject]


@pytest.mark.parametrize("text, periods", [
    ("lifted third-quarter sales by 6.4 per cent", ["2024-07/2024-09"]),   # a hyphenated quarter before its noun
    ("in the third quarter", ["2024-07/2024-09"]),
    ("first-half revenue", []),                                           # a half names its year, as before
])
def test_a_hyphenated_quarter_is_a_period(text, periods):
    from qa.text.mentions import find_periods

    assert [p.period for p in find_periods(text, date(2024, 10, 24))] == periods
