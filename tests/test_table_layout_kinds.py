"""Kinds of table layout the table readers must label right (invented tables about invented places).

- a rank column ("Rank", "Pos", "#", "Rank 2024") is no figure, and when it comes first the name beside it labels the
  row; in a plain-text table a row may open with its place ("1    Eastwick    12.4");
- a change column written in short ("+/-", "±", "Diff.", "Var. %", "y/y", "YoY %") is a change between the periods
  the table compares, like one headed "Change";
- a column label naming two periods later-first ("2023 as % of 2019") spans from the earlier to the later;
- an annual change column in a table of one year ("YoY %" in a table of 2023) runs from the year before to it;
- a quarter or half of a financial year ("2024/25 Q1", "Q2 FY2024-25", "H1 2024/25") and a financial year written
  with "FY" ("FY2024/25") are their months;
- rows that say how their numbers are written ("Revenue ($m)", "Operating margin (%)", or a unit column beside
  them: "Revenue | $m | 1,204") under columns of periods are measures of whom the caption (or the article) names,
  with their unit, scale and currency; rows of places stay the subjects; over columns of names ("Eastwick |
  Fellside") each column is whom its rows measure;
- a footnote mark glued to a row label ("Eastland*", "Westland†") is no part of it; a bare "Rate" column under a
  caption that says its money ("$ per hour") is money; "Number | %" under a period are a count and its share.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.corpus.sheets import read_sheets
from qa.model.records import Document, Unit
from qa.text.documents import read

PUBLISHED = date(2024, 7, 2)

RANK_FIRST_MD = """# Visitors rise in Northshire

Published: 2024-07-02

Visitor numbers rose in 2023, the tourist board said.

**Visitors by town, 2023**

| Rank | Town | Visitors (000s) | Change (%) |
| --- | --- | --- | --- |
| 1 | Eastwick | 1,204 | 4.1 |
| 2 | Fellside | 980 | -2.3 |
| 3 | Northam | 655 | 1.0 |
"""

RANK_AFTER_HTML = """<html><head><title>Graduate pay</title></head><body><h1>Graduate pay rises</h1>
<p>Published 2024-07-02</p><p>Pay for graduates rose.</p>
<table><caption>Median graduate salary by university, 2024</caption>
<thead><tr><th>University</th><th>Median salary (£)</th><th>Rank 2024</th><th>Rank 2023</th></tr></thead>
<tbody><tr><td>Eastwick</td><td>31,000</td><td>1</td><td>2</td></tr>
<tr><td>Fellside</td><td>29,500</td><td>2</td><td>1</td></tr></tbody></table></body></html>"""

POS_MD = """# League crowds

Published: 2024-07-02

Crowds grew this season.

**Average attendance by club, 2023**

| Pos | Club | Average | Highest |
| --- | --- | --- | --- |
| 1 | Eastwick Rovers | 21,400 | 30,100 |
| 2 | Fellside Town | 18,200 | 25,900 |
"""

RANKED_TXT = """Busiest stations

2 July 2024 - Northshire's stations were busier in 2023.

Entries and exits by station, 2023

#    Station       Entries (m)   YoY %
1    Eastwick         12.4        5.1
2    Fellside          9.8       -1.2
3    Northam           4.4        0.3
"""

# a "#" over counts larger than the rows are many is a count column, not a rank
COUNT_HASH_MD = """# Clinics

Published: 2024-07-02

More clinics opened.

**Clinics by district, 2023**

| District | # | Share (%) |
| --- | --- | --- |
| Eastwick | 41 | 60.3 |
| Fellside | 27 | 39.7 |
"""


def _figures(data: str, name: str, fmt: str) -> list:
    reading = read(data.encode(), name, fmt)
    doc = Document(id="d", title=reading.title, published=PUBLISHED, text=reading.text)
    return [f for f in extract(doc, reading.tables).figures if f.unit is not Unit.date]


@pytest.mark.parametrize("data, name, fmt, subjects, places", [
    (RANK_FIRST_MD, "a.md", "markdown", {"Eastwick", "Fellside", "Northam"}, {"1", "2", "3"}),
    (RANK_AFTER_HTML, "a.html", "html", {"Eastwick", "Fellside"}, {"1", "2"}),
    (POS_MD, "a.md", "markdown", {"Eastwick Rovers", "Fellside Town"}, {"1", "2"}),
    (RANKED_TXT, "a.txt", "text", {"Eastwick", "Fellside", "Northam"}, {"1", "2", "3"}),
])
def test_a_rank_column_is_no_figure_and_the_name_labels_the_row(data, name, fmt, subjects, places):
    figs = _figures(data, name, fmt)
    assert figs
    assert {f.subject for f in figs} == subjects
    assert not {f.quote for f in figs} & places


def test_a_rank_column_of_a_sheet_is_no_figure():
    data = b"Visitors by town 2023\nRank,Town,Visitors\n1,Eastwick,1204000\n2,Fellside,980000\n3,Northam,655000\n"
    reading = read_sheets(data, "visitors-2024-07-02.csv", "csv")
    doc = Document(id="d", title=reading.title, published=PUBLISHED, text=reading.text)
    figs = [f for f in extract(doc, reading.tables).figures if f.unit is Unit.count]
    assert sorted((f.subject, f.value) for f in figs) == [
        ("Eastwick", 1204000), ("Fellside", 980000), ("Northam", 655000)]


def test_a_hash_column_of_counts_is_kept():
    figs = _figures(COUNT_HASH_MD, "a.md", "markdown")
    assert {(f.subject, f.value) for f in figs if f.unit is Unit.count} == {("Eastwick", 41), ("Fellside", 27)}


@pytest.mark.parametrize("head, unit, value, measure, period", [
    ("+/-", Unit.count, -300, "change in clinic visits", "2022-04/2024-03"),
    ("±", Unit.count, -300, "change in clinic visits", "2022-04/2024-03"),
    ("Diff.", Unit.count, -300, "change in clinic visits", "2022-04/2024-03"),
    ("Chg", Unit.count, -300, "change in clinic visits", "2022-04/2024-03"),
    ("Var. %", Unit.percent, -3.1, "percent change in clinic visits", "2022-04/2024-03"),
    ("YoY %", Unit.percent, -3.1, "annual percent change in clinic visits", "2022-04/2024-03"),
    ("y/y (%)", Unit.percent, -3.1, "annual percent change in clinic visits", "2022-04/2024-03"),
])
def test_a_change_column_written_in_short_is_a_change_between_the_periods(head, unit, value, measure, period):
    value_cell = f"{value:g}"
    data = f"""# Clinics busier

Published: 2024-07-02

Clinic visits rose, figures show.

**Clinic visits by district**

| District | 2022/23 | 2023/24 | {head} |
| --- | --- | --- | --- |
| Eastwick | 12,400 | 13,100 | 5.6 |
| Fellside | 9,800 | 9,500 | {value_cell} |
"""
    figs = [f for f in _figures(data, "a.md", "markdown") if f.subject == "Fellside" and f.quote == value_cell]
    assert [(f.measure, f.period, f.unit) for f in figs] == [(measure, period, unit)]


@pytest.mark.parametrize("data, name, fmt", [
    ("""<html><head><title>Buses</title></head><body><h1>Bus use recovers</h1><p>Published 2024-07-02</p>
<p>Bus use is nearer its old level.</p>
<table><caption>Bus trips by city</caption>
<thead><tr><th>City</th><th>2019</th><th>2023</th><th>2023 as % of 2019</th></tr></thead>
<tbody><tr><td>Eastwick</td><td>41,000</td><td>30,750</td><td>75.0</td></tr>
<tr><td>Fellside</td><td>22,000</td><td>17,600</td><td>80.0</td></tr></tbody></table></body></html>""", "a.html", "html"),
    ("""Bus use recovers

2 July 2024 - Bus use is nearer its old level.

Bus trips by city

City         2019      2023    2023 as % of 2019
Eastwick   41,000    30,750                 75.0
Fellside   22,000    17,600                 80.0
""", "a.txt", "text"),
])
def test_a_label_naming_two_periods_later_first_spans_earlier_to_later(data, name, fmt):
    figs = [f for f in _figures(data, name, fmt) if f.value == 75.0]
    assert [f.period for f in figs] == ["2019/2023"]


def test_an_annual_change_in_a_table_of_one_year_runs_from_the_year_before():
    figs = {f.subject: f for f in _figures(RANKED_TXT, "a.txt", "text") if f.unit is Unit.percent}
    assert figs["Fellside"].value == -1.2
    assert figs["Fellside"].period == "2022/2023"
    assert figs["Fellside"].measure == "annual percent change in entries"


ACCOUNTS_MD = """# Orbis Foods profit rises

Published: 2024-07-02

Orbis Foods said profit rose in 2023.

**Orbis Foods results**

| | 2022 | 2023 | Change (%) |
| --- | --- | --- | --- |
| Revenue ($m) | 1,204 | 1,310 | 8.8 |
| Operating profit ($m) | 140 | 162 | 15.7 |
| Operating margin (%) | 11.6 | 12.4 | |
"""

UNIT_COLUMN_HTML = """<html><head><title>Orbis Foods profit rises</title></head><body><h1>Orbis Foods profit rises</h1>
<p>Published 2024-07-02</p><p>Orbis Foods said profit rose in 2023.</p>
<table><caption>Orbis Foods results</caption>
<thead><tr><th>Item</th><th>Unit</th><th>2022</th><th>2023</th><th>Change (%)</th></tr></thead>
<tbody><tr><td>Revenue</td><td>$m</td><td>1,204</td><td>1,310</td><td>8.8</td></tr>
<tr><td>Operating profit</td><td>$m</td><td>140</td><td>162</td><td>15.7</td></tr>
<tr><td>Operating margin</td><td>%</td><td>11.6</td><td>12.4</td><td></td></tr></tbody></table></body></html>"""

UNIT_COLUMN_TXT = """Orbis Foods profit rises

2 July 2024 - Orbis Foods said profit rose in 2023.

Orbis Foods results

Item                Unit     2022     2023   Change (%)
Revenue             $m      1,204    1,310          8.8
Operating profit    $m        140      162         15.7
Operating margin    %        11.6     12.4
"""


@pytest.mark.parametrize("data, name, fmt", [
    (ACCOUNTS_MD, "a.md", "markdown"),
    (UNIT_COLUMN_HTML, "a.html", "html"),
    (UNIT_COLUMN_TXT, "a.txt", "text"),
])
@pytest.mark.parametrize("quote, measure, period, unit, value", [
    ("1,310", "revenue", "2023", Unit.money, 1310e6),
    ("140", "operating profit", "2022", Unit.money, 140e6),
    ("15.7", "percent change in operating profit", "2022/2023", Unit.percent, 15.7),
    ("11.6", "operating margin", "2022", Unit.percent, 11.6),
])
def test_rows_that_say_how_their_numbers_are_written_are_measures_of_whom_the_caption_names(
        data, name, fmt, quote, measure, period, unit, value):
    figs = [f for f in _figures(data, name, fmt) if f.quote == quote]
    assert [(f.subject, f.measure, f.period, f.unit, f.value) for f in figs] == [
        ("Orbis Foods", measure, period, unit, value)]


# rows of places over years, the numbers said in the caption: the rows are whom, not measures
PLACES_MD = """# Bus trips

Published: 2024-07-02

Bus use rose.

**Bus trips by city (millions)**

| City | 2022 | 2023 |
| --- | --- | --- |
| Eastwick | 12.4 | 13.1 |
| Fellside | 9.8 | 9.5 |
"""


def test_rows_of_places_stay_the_subjects():
    figs = _figures(PLACES_MD, "a.md", "markdown")
    assert {f.subject for f in figs} == {"Eastwick", "Fellside"}


@pytest.mark.parametrize("head, period", [
    ("2024/25 Q1", "2024-04/2024-06"),    # the quarter after the financial year: its first three months
    ("2024-25 Q4", "2025-01/2025-03"),
    ("Q2 FY2024-25", "2024-07/2024-09"),  # the quarter before it, the year with its "FY"
    ("H1 2024/25", "2024-04/2024-09"),    # the first half of a financial year
    ("H2 2024-25", "2024-10/2025-03"),
    ("FY2024/25", "2024-04/2025-03"),     # a financial year with its "FY"
])
def test_a_quarter_or_half_of_a_financial_year_in_a_header(head, period):
    data = f"""# Council spending

Published: 2025-07-02

Spending on roads rose.

**Spending by service (£m)**

| Service | {head} |
| --- | --- |
| Roads | 41.2 |
| Parks | 9.8 |
"""
    figs = [f for f in _figures(data, "a.md", "markdown") if f.quote == "41.2"]
    assert [(f.subject, f.period, f.measure) for f in figs] == [("Roads", period, "spending")]


@pytest.mark.parametrize("data, name, fmt", [
    ("""# Two towns compared

Published: 2024-07-02

Two towns compared.

**Eastwick and Fellside at a glance, 2023**

| | Eastwick | Fellside |
| --- | --- | --- |
| Population | 48,200 | 31,900 |
| Unemployment rate (%) | 4.1 | 5.3 |
| Median house price (£) | 245,000 | 198,500 |
""", "a.md", "markdown"),
    ("""<html><head><title>Two towns</title></head><body><h1>Two towns compared</h1><p>Published 2024-07-02</p>
<p>Two towns compared.</p>
<table><caption>Eastwick and Fellside at a glance, 2023</caption>
<thead><tr><th></th><th>Eastwick</th><th>Fellside</th></tr></thead>
<tbody><tr><th>Population</th><td>48,200</td><td>31,900</td></tr>
<tr><th>Unemployment rate (%)</th><td>4.1</td><td>5.3</td></tr>
<tr><th>Median house price (£)</th><td>245,000</td><td>198,500</td></tr></tbody></table></body></html>""",
     "a.html", "html"),
])
@pytest.mark.parametrize("quote, subject, measure, unit", [
    ("31,900", "Fellside", "population", Unit.count),
    ("4.1", "Eastwick", "unemployment rate", Unit.percent),
    ("198,500", "Fellside", "median house price", Unit.money),
])
def test_columns_of_names_over_rows_of_measures_are_whom(data, name, fmt, quote, subject, measure, unit):
    figs = [f for f in _figures(data, name, fmt) if f.quote == quote]
    assert [(f.subject, f.measure, f.period, f.unit) for f in figs] == [(subject, measure, "2023", unit)]


FOOTNOTES_MD = """# Wages

Published: 2024-07-02

Wages rose.

**Minimum wage by state ($ per hour), 2024**

| State | Rate | Growth rate |
| --- | --- | --- |
| Eastland* | 15.50 | 3.3 |
| Westland† | 14.00 | 2.9 |
| Southland¹ | 12.00 | 4.1 |
"""


@pytest.mark.parametrize("quote, subject", [("15.50", "Eastland"), ("14.00", "Westland"), ("12.00", "Southland")])
def test_a_footnote_mark_is_no_part_of_a_row_label(quote, subject):
    assert [f.subject for f in _figures(FOOTNOTES_MD, "a.md", "markdown") if f.quote == quote] == [subject]


@pytest.mark.parametrize("quote, unit", [
    ("15.50", Unit.money),    # "Rate" under a caption that says "$ per hour": dollars an hour
    ("3.3", Unit.percent),    # "Growth rate" names its own measure: a percent
])
def test_a_rate_column_under_a_caption_saying_its_money_is_money(quote, unit):
    assert [f.unit for f in _figures(FOOTNOTES_MD, "a.md", "markdown") if f.quote == quote] == [unit]


NUMBER_AND_SHARE_HTML = """<html><head><title>Arrests</title></head><body><h1>Arrests fall</h1><p>Published 2024-07-02</p>
<p>Arrests fell in Northshire.</p>
<table><caption>Arrests by age group, Northshire</caption>
<thead><tr><th rowspan="2">Age group</th><th colspan="2">2022</th><th colspan="2">2023</th></tr>
<tr><th>Number</th><th>%</th><th>Number</th><th>%</th></tr></thead>
<tbody><tr><td>Under 18</td><td>1,204</td><td>9.8</td><td>1,100</td><td>9.1</td></tr>
<tr><td>18 and over</td><td>11,080</td><td>90.2</td><td>10,990</td><td>90.9</td></tr></tbody></table></body></html>"""


@pytest.mark.parametrize("quote, measure, unit, period", [
    ("1,204", "arrests", Unit.count, "2022"),          # "Number" only says the cell counts what the caption names
    ("9.8", "share of arrests", Unit.percent, "2022"),  # "%" beside it: the row's share of them
    ("90.9", "share of arrests", Unit.percent, "2023"),
])
def test_a_number_and_a_percent_column_under_a_period_are_the_count_and_its_share(quote, measure, unit, period):
    figs = [f for f in _figures(NUMBER_AND_SHARE_HTML, "a.html", "html") if f.quote == quote]
    assert [(f.measure, f.unit, f.period) for f in figs] == [(measure, unit, period)]


@pytest.mark.parametrize("head, spelled", [
    ("+/-", "change"),
    ("Diff.", "change"),
    ("YoY %", "annual change %"),
    ("Change y/y (%)", "Change y/y (%)"),         # already says change
    ("Margin of error (±)", "Margin of error (±)"),  # a mark inside another label is no change
    ("Variable rate", "Variable rate"),
])
def test_short_change_marks_are_spelled_only_where_they_head_a_column(head, spelled):
    from qa.corpus.tables import spelled_change

    assert " ".join(spelled_change(head).split()) == spelled
