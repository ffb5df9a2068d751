"""Questions about a company report's tables (issue 14, TAT-QA kinds), over an invented report:

- an average of three or more years named one by one ("for 2021, 2022 and 2023") takes every year named, not two;
- a financial year written with both years in full ("2023/2024") is one year, as "2023/24" is;
- a heading run into its text that says in brackets how amounts are written ("(Amounts in thousands, except per
  share data)") scales the table under it.

Values are worked out by hand from the invented tables."""

from __future__ import annotations

import pytest
from made_figures import engine_over

REPORT = """# Harlow Instruments annual report extract

New depots opened by partners were as follows:

| | 2023 | 2022 | 2021 |
|---|---|---|---|
| New depots opened by partners | 21 | 13 | 17 |
| Depots closed | 4 | 6 | 5 |

Operating results by financial year were as follows:

| | 2023/2024 | 2022/2023 |
|---|---|---|
| Operating profit | 828 | 713 |
| Headcount | 5,120 | 4,980 |
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from engine_over(tmp_path_factory, REPORT, "Harlow Instruments annual report extract", "2024-03-01")


@pytest.mark.parametrize("question, value", [
    ("What is the average number of new depots opened by partners for 2021, 2022 and 2023?", 17.0),  # (17+13+21)/3
    ("What was the change in operating profit in 2023/2024 from 2022/2023?", 115.0),  # 828-713
])
def test_report_table_calculations(engine, question, value):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert a.value is not None and abs(float(a.value) - value) < 0.05, a.answer


def _figures(text: str) -> list:
    from datetime import date

    from qa.corpus.extract import extract
    from qa.model.records import Document
    from qa.text.documents import read

    reading = read(text.encode(), "a.md", "markdown")
    doc = Document(id="d", title=reading.title, published=date(2024, 3, 1), text=reading.text)
    return extract(doc, reading.tables).figures


RESULTS = """# Results

Results of Operations: Years Ended December 31, 2023, versus Year Ended December 31, 2022 (Amounts in thousands, except percentages and per share amounts): Results of Operations

Other items are summarised in the following table:

| | 2023 | 2022 |
|---|---|---|
| Interest paid | 1,204 | 1,377 |
"""


@pytest.mark.parametrize("doc, value", [
    (RESULTS, 1_204_000),  # the heading's "(Amounts in thousands, ...)"
    (RESULTS.replace(" (Amounts in thousands, except percentages and per share amounts)", ""), 1_204),  # as written
])
def test_amounts_said_in_a_heading_run_into_text(doc, value):
    found = [f for f in _figures(doc) if f.subject.startswith("Interest paid") and f.period == "2023"]
    assert len(found) == 1 and found[0].value == value
