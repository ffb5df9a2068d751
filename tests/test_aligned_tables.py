"""Tables written with spaces in plain text are data, like pipe and HTML tables (issue 14).

The documents below are invented; every expected value is read off them by hand.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import qa.engine
from qa.corpus.extract import extract
from qa.corpus.store import ingest_text
from qa.model.records import Document, Unit
from qa.model.settings import get_settings
from qa.pipeline import ask
from qa.text.aligned import aligned_tables
from qa.text.documents import read

FERRIES = """Ferry crossings recover
Published 9 April 2024

Crossings rose on most routes, the harbour board said.

Table 3: Ferry passengers by route (thousands)
                       Passengers
Route                2022        2023     Change
Isle of Brae        1,204       1,351       +147
North Sound           987         952        −35
Gull Point Loop       310         322        +12
All routes          2,501       2,625       +124
Source: Harbour board returns

Fares were frozen for the whole year.
"""

FARES = """Fares table
Published 2 May 2024

Average single fare by operator
Operator          Fare 2023   Fare 2024   Rise (%)
Blue Line            $1,234      $1,310       6.2%
Red Arrow             €5.10       €5.35       4.9%
Green Coach Co        $2.75       $2.60      -5.5%
"""


def _reading(text: str):
    return read(text.encode(), "doc.txt", "text")


def _figures(text: str, published: date) -> list:
    reading = _reading(text)
    doc = Document(id="d", title=reading.title, published=published, text=reading.text)
    return extract(doc, reading.tables).figures


def _cell_texts(text: str) -> list[list[str]]:
    (table,) = aligned_tables(text)
    return [[c.text for c in row] for row in table.rows]


# --- which blocks are tables ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, grid", [
    (  # right-aligned numbers under wider headers, a label with spaces in it, a group heading above the years
        FERRIES.split("\n\n")[2],
        [["", "Passengers", "Passengers", ""],  # "Passengers" is written over the two year columns
         ["Route", "2022", "2023", "Change"],
         ["Isle of Brae", "1,204", "1,351", "+147"],
         ["North Sound", "987", "952", "−35"],
         ["Gull Point Loop", "310", "322", "+12"],
         ["All routes", "2,501", "2,625", "+124"]],
    ),
    (  # left-aligned cells, a missing value
        "Site        Before   After\nRiverside   14       19\nHilltop     -        8\nQuayside    7        11",
        [["Site", "Before", "After"], ["Riverside", "14", "19"], ["Hilltop", "-", "8"], ["Quayside", "7", "11"]],
    ),
    (  # rule lines under the header and above the total are no rows
        "Carrier           2022     2023\n--------------   ------   ------\nSwift Post         41.2     44.0\n"
        "Kestrel            18.9     17.5\n==============   ======   ======\nAll carriers       60.1     61.5",
        [["Carrier", "2022", "2023"], ["Swift Post", "41.2", "44.0"], ["Kestrel", "18.9", "17.5"],
         ["All carriers", "60.1", "61.5"]],
    ),
    (  # every label has a space in the same place: a one-space gap is no gutter (pandas' read_fwf cuts there)
        "Area          2022    2023\nNorth East      12      13\nSouth East       9      10\nSouth West      11      12",
        [["Area", "2022", "2023"], ["North East", "12", "13"], ["South East", "9", "10"], ["South West", "11", "12"]],
    ),
    (  # the whole block indented
        "    Lane          Cars    Vans\n    Fast lane      310      42\n    Slow lane      122      97",
        [["Lane", "Cars", "Vans"], ["Fast lane", "310", "42"], ["Slow lane", "122", "97"]],
    ),
])
def test_aligned_block_is_read_into_a_grid(text, grid):
    assert _cell_texts(text) == grid


@pytest.mark.parametrize("text", [
    # prose with double spaces after full stops, wrapped over three lines
    "Absence rose to 12.4% in the north.  It was 9.8% in London, the\nlowest of any region.  Officials said 2023 was\n"
    "a hard year.  Figures for 2024 are due in May.",
    # a numbered list with two spaces after each number
    "1.  Absence rose in 12 regions\n2.  Fewer pupils were persistently absent\n3.  Data for 2023 is provisional",
    # a bulleted list whose items carry numbers after double spaces
    "-  North East  rose by 0.7 points\n-  London  rose by 0.4 points\n-  England  rose by 0.6 points",
    # two aligned columns of words: no numbers, so no figures to read
    "Term          Meaning\nAbsence       A missed session\nPersistent    Ten per cent or more",
    # values with no header line above them
    "Total pupils      12,400\nAbsent             1,300\nPersistently         400",
    # a row whose label runs into the number columns: the columns cannot be told apart
    "Region             2022    2023\nNorth                12      13\nSeaview and the Far Marsh  11  12\n"
    "South                14      15",
    # a tab-separated block: tabs do not keep columns at character positions
    "Region\t2022\t2023\nNorth\t12\t13\nSouth\t14\t15",
    # only two lines
    "Region     2023\nLondon     10.2%",
])
def test_prose_lists_and_headerless_blocks_are_not_tables(text):
    assert aligned_tables(text) == []


def test_accidental_double_spaces_in_a_document_give_no_table():
    text = ("Pupils missed  more school in 2023 than in 2022, when the rate was 11.0%.\n"
            "In London  the rate was 10.2%, up  from 9.8%.\n"
            "Heads said  attendance officers  were hard to recruit.\n")
    assert _reading(text).tables == []


# --- the figures of an aligned table -------------------------------------------------------------------

@pytest.mark.parametrize("subject, measure, period, value, unit, quote", [
    # the column words "Passengers" are part of the caption's measure "Ferry passengers by route", which says it more
    # fully, so the caption's words are the measure; "(thousands)" scales
    ("Isle of Brae", "ferry passengers", "2022", 1_204_000, Unit.count, "1,204"),
    ("North Sound", "ferry passengers", "2023", 952_000, Unit.count, "952"),
    ("Gull Point Loop", "ferry passengers", "2022", 310_000, Unit.count, "310"),
    ("All routes", "ferry passengers", "2023", 2_625_000, Unit.count, "2,625"),
    ("North Sound", "change in ferry passengers", "2022/2023", -35_000, Unit.count, "−35"),  # signed, spans the years
    ("Isle of Brae", "change in ferry passengers", "2022/2023", 147_000, Unit.count, "+147"),
])
def test_aligned_table_cells_are_labelled_figures(subject, measure, period, value, unit, quote):
    figs = _figures(FERRIES, date(2024, 4, 9))
    (f,) = [f for f in figs if f.subject == subject and f.period == period and f.measure == measure]
    assert (f.value, f.unit, f.quote) == (value, unit, quote)


@pytest.mark.parametrize("subject, period, value, unit, currency", [
    ("Blue Line", "2023", 1234, Unit.money, "USD"),
    ("Blue Line", "2024", 1310, Unit.money, "USD"),
    ("Red Arrow", "2024", 5.35, Unit.money, "EUR"),
    ("Green Coach Co", "2023", 2.75, Unit.money, "USD"),
    ("Green Coach Co", "2023/2024", -5.5, Unit.percent, ""),  # a change column spans the table's years
])
def test_units_and_currencies_come_from_the_cells(subject, period, value, unit, currency):
    figs = _figures(FARES, date(2024, 5, 2))
    (f,) = [f for f in figs if f.subject == subject and f.period == period]
    assert (f.value, f.unit, f.currency or "") == (value, unit, currency)


def test_quote_is_the_cell_and_no_number_is_read_twice():
    reading = _reading(FERRIES)
    doc = Document(id="d", title=reading.title, published=date(2024, 4, 9), text=reading.text)
    figs = extract(doc, reading.tables).figures
    block_start = reading.text.index("Route")
    block_end = reading.text.index("Source:")
    in_block = [f for f in figs if block_start <= f.start < block_end]
    assert len(in_block) == 12  # 4 rows x 3 value columns, each once
    assert all(reading.text[f.start:f.end] == f.quote for f in in_block)
    assert all("\n" not in f.quote for f in figs)
    assert len({(f.start, f.end) for f in figs}) == len(figs)


SECTIONS = """Pupils by school type
School type          2022    2023
Primary schools
  Urban                 12      13
  Rural                  9      10
Secondary schools
  Urban                 15      16
  Rural                 11      12
"""


@pytest.mark.parametrize("subject, period, value", [
    ("Primary schools: Urban", "2022", 12),  # a one-label line between rows heads the rows under it
    ("Primary schools: Rural", "2023", 10),
    ("Secondary schools: Urban", "2023", 16),
    ("Secondary schools: Rural", "2022", 11),
])
def test_section_lines_inside_a_table_name_their_rows(subject, period, value):
    figs = _figures(SECTIONS, date(2024, 1, 10))
    (f,) = [f for f in figs if f.subject == subject and f.period == period]
    assert (f.value, f.measure) == (value, "pupils")


def test_caption_and_note_are_the_tables():
    (table,) = _reading(FERRIES).tables
    assert table.caption == "Table 3: Ferry passengers by route (thousands)"
    assert table.note == "Source: Harbour board returns"
    assert table.header_rows == 2


def test_a_lead_in_sentence_is_not_a_caption():
    text = "The board gave these counts:\nRoute     2022    2023\nBrae       120     131\nSound       98      95\n"
    (table,) = aligned_tables(text)
    assert (table.caption, table.lead) == ("", "The board gave these counts:")


# --- end to end: ingest a .txt, ask ----------------------------------------------------------------------

@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QA_EMBEDDING", "hash")
    monkeypatch.setenv("QA_BUILTIN_CORPUS", "false")
    get_settings.cache_clear()
    qa.engine.reset_engine()
    yield tmp_path
    qa.engine.reset_engine()


@pytest.mark.parametrize("question, value, quotes", [
    ("How many passengers travelled on North Sound in 2023?", 952_000, ["952"]),
    # (1,351 - 1,204) / 1,204 x 100 = 12.2%
    ("By what percentage did ferry passengers on Isle of Brae change between 2022 and 2023?", 12.2,
     ["1,204", "1,351"]),
])
def test_ingested_text_table_answers_from_its_cells(store, question, value, quotes):
    doc = ingest_text(FERRIES, title="Ferry crossings recover", date="2024-04-09")
    answer = ask(question, engine=qa.engine.get_engine())
    assert not answer.abstained, answer.answer
    assert answer.value == pytest.approx(value)
    assert sorted(c.quote for c in answer.citations) == sorted(quotes)
    for c in answer.citations:
        assert doc.text[c.start:c.end] == c.quote


# --- a change column between two percentages: points or percent, by its arithmetic --------------------

SHARES = """Table 4: Households recycling by borough (%)
Borough          2022     2023    Change
Ashvale         40.0%    42.0%      +2.0
Brookmere       25.0%    30.0%     +20.0
Carrow Fields   50.0%    49.5%      -0.5
"""
SHARES_PIPE = """# Recycling

**Households recycling by borough (%)**

| Borough | 2022 | 2023 | Change |
|---|---:|---:|---:|
| Ashvale | 40.0 | 42.0 | +2.0 |
| Brookmere | 25.0 | 30.0 | +20.0 |
"""


@pytest.mark.parametrize("text, fmt, subject, value, unit", [
    (SHARES, "text", "Ashvale", 2.0, Unit.percentage_points),  # 42.0 - 40.0 = 2.0 (the growth would be 5.0%)
    (SHARES, "text", "Brookmere", 20.0, Unit.percent),  # (30.0 - 25.0) / 25.0 = 20.0% (the difference is 5.0)
    (SHARES, "text", "Carrow Fields", -0.5, Unit.percentage_points),  # 49.5 - 50.0
    (SHARES_PIPE, "markdown", "Ashvale", 2.0, Unit.percentage_points),  # the same rule for any table
    (SHARES_PIPE, "markdown", "Brookmere", 20.0, Unit.percent),
])
def test_a_change_between_percentages_is_in_points_when_it_is_their_difference(text, fmt, subject, value, unit):
    reading = read(text.encode(), "doc", fmt)
    doc = Document(id="d", title="Recycling", published=date(2024, 2, 1), text=reading.text)
    figs = extract(doc, reading.tables).figures
    (f,) = [f for f in figs if f.subject == subject and f.period == "2022/2023"]
    assert (f.value, f.unit) == (value, unit)
    assert f.measure.startswith("percentage point change" if unit is Unit.percentage_points else "percent change")
