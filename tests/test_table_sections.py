"""Rows under a section heading: a report heads a group of rows with a row that holds no figure ("Earnings per
share:", "Current:"), and the rows under it are read with it ("Earnings per share: Basic"). A total closes the
section; an unlabelled total row is the section's own total. A fiscal year (twelve months to September 2019) is
asked as "2019". Each document is small and its expected figures are read off it by hand."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document
from qa.text.documents import read
from qa.understand.link import period_years

EPS = """# Results

| | Year ended September 30, | |
|---|---|---|
| | 2019 | 2018 |
| Net income | $4,566 | $4,274 |
| Earnings per share: | | |
| Basic | $0.34 | $0.32 |
| Diluted | $0.33 | $0.31 |
"""

PPE = """# Assets

| | 2019 | 2018 |
|---|---|---|
| Property, plant, and equipment, gross: | | |
| Land | $152 | $171 |
| Buildings | 1,393 | 1,379 |
| | 1,545 | 1,550 |
| Accumulated depreciation | (906) | (901) |
| Property, plant, and equipment, net | 639 | 649 |
"""

TAX = """# Tax

The provision for income taxes consisted of the following:

| | 2019 | 2018 |
|---|---|---|
| Current: | | |
| Federal | 120 | 100 |
| State | 49 | 44 |
| Deferred: | | |
| Federal | 13 | (3) |
| State | 2 | 1 |
| Total provision | 184 | 142 |
"""

BALANCE = """# Balance sheet

| | 2019 | 2018 |
|---|---|---|
| Current assets | | |
| Cash | 50 | 40 |
| Receivables | 30 | 35 |
| Total | 80 | 75 |
| Goodwill | 12 | 12 |
"""

# the last "Total" adds up every row, not only the section's: it is the table's total, not the section's
OBLIGATIONS = """# Obligations

| | Within a year | Later |
|---|---|---|
| Operating leases | $773 | $2,055 |
| Other liabilities: | | |
| Mobile commitment | 650 | 0 |
| Blue commitment | 2,000 | 2,000 |
| Total | $3,423 | $4,055 |
"""


def _figures(text: str) -> list:
    reading = read(text.encode(), "a.md", "markdown")
    doc = Document(id="d", title=reading.title, published=date(2020, 1, 1), text=reading.text)
    return extract(doc, reading.tables).figures


@pytest.mark.parametrize("doc, subject, year, value", [
    (EPS, "Earnings per share: Basic", "2019", 0.34),
    (EPS, "Earnings per share: Diluted", "2018", 0.31),
    (EPS, "Net income", "2019", 4566),  # above the section: its own label
    (PPE, "Property, plant, and equipment, gross: Land", "2018", 171),
    (PPE, "Total property, plant, and equipment, gross", "2019", 1545),  # the unlabelled row closing the section
    (PPE, "Accumulated depreciation", "2019", -906),  # after the total: outside the section
    (PPE, "Property, plant, and equipment, net", "2018", 649),
    (TAX, "Current: State", "2019", 49),  # two sections with the same rows: each row keeps its own
    (TAX, "Deferred: State", "2019", 2),
    (TAX, "Deferred: Federal", "2018", -3),
    (TAX, "Total provision", "2019", 184),  # a total naming something else is not the last section's
    (BALANCE, "Current assets: Cash", "2019", 50),  # a heading row with no colon, its cells blank
    (BALANCE, "Total current assets", "2018", 75),  # a bare "Total" row is the section's total
    (BALANCE, "Goodwill", "2019", 12),
])
def test_rows_under_a_section_are_named_with_it(doc, subject, year, value):
    found = [f for f in _figures(doc) if f.subject == subject and period_years(f.period) == (int(year), int(year))]
    assert len(found) == 1, sorted({f.subject for f in _figures(doc)})
    assert found[0].value == pytest.approx(value)


def test_a_grand_total_after_a_section_is_not_the_sections():
    subjects = {f.subject: f.value for f in _figures(OBLIGATIONS) if f.value in (3423, 4055)}
    assert set(subjects) == {"Total"}
    assert "Other liabilities: Blue commitment" in {f.subject for f in _figures(OBLIGATIONS)}


@pytest.mark.parametrize("doc", [EPS, PPE, TAX, BALANCE])
def test_a_section_heading_is_no_figure_and_no_subject(doc):
    subjects = {f.subject for f in _figures(doc)}
    assert not subjects & {"Earnings per share", "Property, plant, and equipment, gross", "Current", "Deferred",
                           "Current assets"}
    assert not {"Basic", "Land", "State", "Cash", "Total"} & subjects  # no row lost its parent


@pytest.mark.parametrize("period, years", [
    ("2018-10/2019-09", (2019, 2019)),  # fiscal 2019, to September
    ("2018-04/2019-03", (2019, 2019)),  # a year to March
    ("2019-01/2019-12", (2019, 2019)),
    ("2018-01/2019-12", (2018, 2019)),  # two calendar years stay two
    ("2018-07/2019-12", (2018, 2019)),  # eighteen months are no fiscal year
    ("2018/2019", (2018, 2019)),
    ("2019", (2019, 2019)),
])
def test_a_twelve_month_span_is_the_year_it_ends_in(period, years):
    assert period_years(period) == years


REVENUE = """# Revenue

Revenue disaggregated by source is as follows:

| | 2019 | 2018 |
|---|---|---|
| Licenses | $130 (1) | $1,270 |
| Royalties | 2,907 | 3,086 |
| Other revenue | ― | 632 (2) |
| Total revenue | $3,037 | $4,988 |
| Cost of revenue | 1,000 | 1,200 |

(1) Includes a conversion. (2) A sale of a claim.
"""


@pytest.mark.parametrize("cell, value", [
    ("$130,000 (1)", 130_000),  # a footnote mark after the number
    ("632 (a)", 632),
    ("(40) (2)", -40),
    ("2019 (1)", None),  # a year with a footnote is a header, not a value
    ("―", None),  # a horizontal bar is a blank cell
])
def test_a_footnote_mark_is_not_part_of_the_number(cell, value):
    from qa.corpus.tables import _number

    read = _number(cell)
    assert (read[0] if read else None) == value


@pytest.fixture
def engine(tmp_path, monkeypatch):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.model.settings import get_settings

    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QA_EMBEDDING", "hash")
    monkeypatch.setenv("QA_BUILTIN_CORPUS", "false")
    get_settings.cache_clear()
    qa.engine.reset_engine()
    for doc in (EPS, PPE, TAX, REVENUE):
        ingest_text(doc, fmt="markdown", title=doc.split("\n")[0].lstrip("# "), date="2020-03-01")
    yield qa.engine.get_engine()
    qa.engine.reset_engine()


@pytest.mark.parametrize("question, value", [
    ("What is the basic earnings per share in 2019?", 0.34),  # a row under a section, fiscal 2019 asked as 2019
    ("What was the diluted earnings per share in 2018?", 0.31),
    ("What was the deferred state provision in 2019?", 2),
])
def test_a_row_under_a_section_is_asked_with_it(engine, question, value):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert a.value == pytest.approx(value), a.answer


@pytest.mark.parametrize("question, rows", [
    ("What were the components under Property, plant, and equipment, gross?", ["Land", "Buildings"]),
    # no section: the rows just above the total that add up to it (2018: 1,270 + 3,086 + 632 = 4,988)
    ("What are the components of total revenue?", ["Licenses", "Royalties", "Other revenue"]),
])
def test_the_components_of_a_whole_are_its_rows(engine, question, rows):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert a.operation == "components", a.answer
    assert [c.quote for c in a.citations[:len(rows)]] == rows
    doc = {d.id: d.text for d in engine.corpus.documents}
    for c in a.citations:  # every row name is cited exactly where the document writes it
        assert doc[c.doc_id][c.start:c.end] == c.quote
