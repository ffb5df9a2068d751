"""Tables whose column or row labels differ only in their numbers or brackets, tables scaled by a paragraph of their
own, and the difference between two columns of one row (invented tables)."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document
from qa.text.documents import read

AGEING = """# Trade receivables

The ageing of trade receivables at the year end was as follows:

| 31 March 2021 | Current | 1 to 30 days overdue | 31 to 90 days overdue | Total |
|---|---|---|---|---|
| | £'000 | £'000 | £'000 | £'000 |
| Gross amount | 5,400 | 610 | 290 | 6,300 |
| Allowance | 54 | 31 | 45 | 130 |
| Net amount | 5,346 | 579 | 245 | 6,170 |
"""

FLEET = """# Fleet

| EURm | 2020 | 2019 |
|---|---|---|
| Aircraft owned | 900.0 | 850.0 |
| Total (owned) | 900.0 | 850.0 |
| Aircraft leased | 310.5 | 298.0 |
| Total (leased) | 310.5 | 298.0 |
"""

SCALED_AFTER = """# Costs

| | 2020 | 2019 |
|---|---|---|
| Wages | 1,250 | 1,100 |
| Rent | 430 | 415 |

Costs rose with the new depot.

(in thousands)
"""

EXPRESSED = """# Sales

| | 2020 | 2019 |
|---|---|---|
| Europe | 7,200 | 6,900 |
| Asia | 2,150 | 1,980 |

Expressed in CA $000's except share and per share amounts
"""


def _figures(text: str) -> list:
    reading = read(text.encode(), "a.md", "markdown")
    doc = Document(id="d", title=reading.title, published=date(2021, 6, 1), text=reading.text)
    return extract(doc, reading.tables).figures


@pytest.mark.parametrize("subject, words, value", [
    ("Net amount", "1 to 30 days overdue", 579_000),  # "£'000" in the header row: thousands
    ("Net amount", "31 to 90 days overdue", 245_000),
    ("Allowance", "1 to 30 days overdue", 31_000),
    ("Net amount", "current", 5_346_000),  # a label with no rival keeps its plain reading
])
def test_columns_told_apart_by_their_numbers(subject, words, value):
    figs = [f for f in _figures(AGEING) if f.subject == subject and f.measure.lower().startswith(words)]
    assert [f.value for f in figs] == [value]


@pytest.mark.parametrize("subject, value", [("Total (owned)", 900e6), ("Total (leased)", 310.5e6)])
def test_rows_told_apart_by_their_brackets(subject, value):
    figs = [f for f in _figures(FLEET) if f.subject == subject and f.period == "2020"]
    assert [f.value for f in figs] == [value]


@pytest.mark.parametrize("doc, subject, value", [
    (SCALED_AFTER, "Wages", 1_250_000),  # "(in thousands)" two paragraphs below the table
    (SCALED_AFTER, "Rent", 430_000),
    (EXPRESSED, "Asia", 2_150_000),  # "$000's" in the line under it
])
def test_a_paragraph_that_only_states_the_scale_scales_the_table(doc, subject, value):
    figs = [f for f in _figures(doc) if f.subject == subject and f.period == "2020"]
    assert [f.value for f in figs] == [value]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.engine import Engine
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("ageing")))
    get_settings.cache_clear()
    ingest_text(AGEING, fmt="markdown", title="Trade receivables", date="2021-06-01")
    yield Engine(get_settings())
    mp.undo()
    get_settings.cache_clear()
    qa.engine.reset_engine()


@pytest.mark.parametrize("question, value", [
    # one row, two columns: 6,170 - 5,346 thousand
    ("What was the difference between total net amount and current net amount?", 824_000),
    # 6,300 - 5,400 thousand
    ("What is the difference in the gross amount between the current and the total?", 900_000),
    # 290 - 45 would be another column: 1 to 30 days against 31 to 90 days of the allowance row is 31 - 45
    ("What is the difference in the allowance between 1 to 30 days overdue and 31 to 90 days overdue?", -14_000),
])
def test_difference_between_two_columns_of_one_row(engine, question, value):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert a.calculation is not None and a.calculation.operation == "difference"
    assert abs(abs(a.value) - abs(value)) < 1e-6, a.answer
