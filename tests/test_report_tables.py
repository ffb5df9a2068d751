"""Tables as accounts and statistical releases write them: headers over several rows, labels written once over the
columns they span, the scale said once (in the sentence that introduces the table, or in the corner cell).

Each document below is small and its expected figures are read off it by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document, Unit
from qa.text.documents import read

# a two-row header: a spanning label over a row of years; the scale in the sentence above the table
TWO_ROW = """# Results

The following table shows revenue by region (in thousands):

|  | Years ended December 31, |  |
|---|---|---|
|  | 2019 | 2018 |
| North | $1,200 | $1,100 |
| South | 950 | (40) |
"""

# the scale in the corner cell, a spanning label in the middle column, a third header row of units
CORNER = """# Accruals

| ($ in millions) |  | June 30, |  |
|---|---|---|---|
|  | 2019 | 2018 | 2017 |
| Wages | 71.2 | 83.3 | 80.1 |
"""

# a news table: years in the one header row, a percentage column written '2019 %'
NEWS = """# Knife crime by force

**Offences involving a knife, by force**

| Force | 2018 | 2019 | 2019 % |
|---|---|---|---|
| Northshire | 1,021 | 1,048 | 12.5 |
"""

# accounts' negatives: a bracket round the number, with the currency sign or the percent sign outside it
BRACKETS = """# Results

| | 2019 | 2018 |
|---|---|---|
| Net loss | $(31.5) | $12.0 |
| Margin change | (25)% | 8% |
"""


def _figures(text: str) -> list:
    reading = read(text.encode(), "a.md", "markdown")
    doc = Document(id="d", title=reading.title, published=date(2020, 1, 1), text=reading.text)
    return extract(doc, reading.tables).figures


def _cell(figs: list, subject: str, year: str, unit: Unit | None = None):
    found = [f for f in figs if f.subject == subject and f.period[:4] == year and (unit is None or f.unit is unit)]
    assert len(found) == 1, [(f.subject, f.period, f.value) for f in figs]
    return found[0]


@pytest.mark.parametrize("doc, subject, year, value, unit, scale", [
    (TWO_ROW, "North", "2019", 1_200_000, Unit.money, 1000),  # the year from the second header row, scale from the lead
    (TWO_ROW, "North", "2018", 1_100_000, Unit.money, 1000),
    (TWO_ROW, "South", "2019", 950_000, Unit.money, 1000),  # no $ on this row: the column is in dollars
    (TWO_ROW, "South", "2018", -40_000, Unit.money, 1000),  # accounts write a negative in brackets
    (BRACKETS, "Net loss", "2019", -31.5, Unit.money, 1),  # "$(31.5)": the sign outside the bracket
    (BRACKETS, "Net loss", "2018", 12.0, Unit.money, 1),
    (BRACKETS, "Margin change", "2019", -25.0, Unit.percent, 1),  # "(25)%"
    (BRACKETS, "Margin change", "2018", 8.0, Unit.percent, 1),
    (CORNER, "Wages", "2019", 71_200_000, Unit.money, 1_000_000),  # "($ in millions)" in the corner
    (CORNER, "Wages", "2017", 80_100_000, Unit.money, 1_000_000),
    (NEWS, "Northshire", "2018", 1021, Unit.count, 1),
    (NEWS, "Northshire", "2019", 1048, Unit.count, 1),
])
def test_report_table_cells(doc, subject, year, value, unit, scale):
    f = _cell(_figures(doc), subject, year, unit)
    assert f.value == pytest.approx(value)
    assert f.unit is unit
    assert f.scale == scale


def test_a_row_of_years_is_a_header_not_figures():
    figs = _figures(TWO_ROW)
    assert not [f for f in figs if f.value in (2019, 2018, 2_019_000, 2_018_000)]
    assert {(f.subject, f.period[:4]) for f in figs} <= {("North", "2019"), ("North", "2018"), ("South", "2019"),
                                                          ("South", "2018")}


def test_a_label_written_once_covers_every_column():
    # "June 30," is written over the 2018 column only; 2019 and 2017 are June 30 too
    figs = _figures(CORNER)
    assert {f.period for f in figs} == {"2019-06-30", "2018-06-30", "2017-06-30"}


def test_a_year_percent_column_is_that_year_in_percent():
    f = _cell(_figures(NEWS), "Northshire", "2019", Unit.percent)
    assert f.value == 12.5 and f.period == "2019"


def test_a_body_row_with_values_is_not_taken_for_a_header():
    figs = _figures("# T\n\n| Area | 2019 | 2020 |\n|---|---|---|\n|  | 2019 | 5 |\n| East | 10 | 12 |\n")
    # the blank-labelled row holds a value (5), so it is a body row, not a header; East keeps its years
    assert _cell(figs, "East", "2020").value == 12


# --- questions over such a table (the reader's kinds: change, percent change, average and total over years) ----

ACCOUNTS = """# Accounts

The following table shows costs by type (in thousands):

|  |  | Years ended December 31, |  |
|---|---|---|---|
|  | 2019 | 2018 | 2017 |
| Wages | $1,500 | $1,200 | $900 |
| Rent | 300 | 330 | 360 |
| Total costs | 1,800 | 1,530 | 1,260 |
"""


@pytest.fixture
def accounts(tmp_path, monkeypatch):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.model.settings import get_settings

    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QA_EMBEDDING", "hash")
    monkeypatch.setenv("QA_BUILTIN_CORPUS", "false")
    get_settings.cache_clear()
    qa.engine.reset_engine()
    ingest_text(ACCOUNTS, fmt="markdown", title="Accounts", date="2020-03-01")
    yield qa.engine.get_engine()
    qa.engine.reset_engine()


@pytest.mark.parametrize("question, value, unit", [
    # a percent change of money: (1,500 - 1,200) / 1,200 = 25%
    ("What was the percentage change in wages between 2018 and 2019?", 25.0, Unit.percent),
    ("What was the percentage change in rent from 2018 to 2019?", -9.1, Unit.percent),  # (300-330)/330
    # every year of a span: (1,500 + 1,200 + 900) / 3 thousand
    ("What was the average wages from 2017 to 2019?", 1_200_000, Unit.money),
    ("What is the average rent?", 330_000, Unit.money),  # no year named: every year the table gives
    ("What is the total rent across all three years?", 990_000, Unit.money),
    # a date's words ("for the year ended December 31") are not measure words
    ("What was the rent for the year ended December 31, 2018?", 330_000, Unit.money),
    # a share of money, asked as people ask it: 300 / 1,800 and 1,500 / 1,800
    ("What is the rent for 2019 expressed as a percentage of total costs for 2019?", 16.7, Unit.percent),
    ("What is the percentage of wages in total costs in 2019?", 83.3, Unit.percent),
])
def test_questions_over_a_report_table(accounts, question, value, unit):
    from qa.pipeline import ask

    a = ask(question, engine=accounts)
    assert not a.abstained, a.answer
    assert a.value == pytest.approx(value, rel=1e-3), a.answer
    assert a.unit is unit


@pytest.mark.parametrize("lead, measure", [
    ("The following table shows revenue by region (in thousands):", "revenue"),
    ("Personnel expenses for employees were as follows:", "personnel expenses for employees"),
    ("Accrued liabilities consisted of the following as of June 30, 2019 and 2018:", "accrued liabilities"),
    ("The components of income before income taxes were as follows (in thousands):", "income before income taxes"),
    ("The following table sets forth the carrying value of our long-term debt:", "carrying value of our long-term debt"),
])
def test_a_table_without_caption_measures_what_its_lead_in_says(lead, measure):
    from qa.corpus.tables import lead_measure

    assert lead_measure(lead) == measure


def test_the_lead_in_names_the_measure_of_the_cells():
    f = _cell(_figures(TWO_ROW), "North", "2019")
    assert f.measure == "revenue"


@pytest.mark.parametrize("doc, subject, year, value, scale", [
    # a statement about every amount in the document, after the table
    ("# N\n\n|  | 2019 | 2018 |\n|---|---|---|\n| Creditors | 328 | 268 |\n\n"
     "Notes (All amounts expressed in thousands of U.S. Dollars, except share data)\n", "Creditors", "2019", 328_000, 1e3),
    # the scale in the corner cell with a left quotation mark for the apostrophe: USD ‘000
    ("# N\n\n| All figures in USD ‘000 | 2019 | 2018 |\n|---|---|---|\n| Revenue | 317,220 | 289,016 |\n",
     "Revenue", "2018", 289_016_000, 1e3),
])
def test_how_amounts_are_written_said_elsewhere(doc, subject, year, value, scale):
    f = _cell(_figures(doc), subject, year)
    assert f.value == pytest.approx(value) and f.scale == scale


@pytest.mark.parametrize("label, subject", [
    ("Outstanding at end of period", "Outstanding at end of period"),  # no date: the words say what is counted
    ("Outstanding at start of period", "Outstanding at start of period"),
])
def test_row_labels_keep_words_that_are_not_a_date(label, subject):
    figs = _figures(f"# R\n\n|  | 2019 |\n|---|---|\n| {label} | 1,200 |\n")
    assert [f.subject for f in figs] == [subject]


def test_a_measure_in_capitals_keeps_them():
    figs = _figures("# R\n\n|  | 2019 |\n|---|---|\n|  | NO. OF RIGHTS |\n| Granted | 1,200 |\n")
    assert figs[0].measure.startswith("NO. OF RIGHTS")
