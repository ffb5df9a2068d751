"""Tables are data: pipe tables, HTML tables and their labels become figures; the right document answers.

Expected values are read off the small documents below by hand, never copied from output.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import qa.engine
from qa.corpus.extract import extract
from qa.corpus.store import ingest_text, list_documents, load_ingested
from qa.model.errors import BadDocument
from qa.model.records import Document, Unit
from qa.model.settings import get_settings
from qa.pipeline import ask
from qa.text.documents import read

PIPE = """# Hospital lists fall

**LONDON, 14 March 2024 —** The list fell, figures from NHS England show (see note 18).

**Waiting list by region, end of January**

| Region | Jan 2023 (000s) | Jan 2024 (000s) | Change (%) |
|---|---:|---:|---:|
| London | 1,021 | 1,048 | 2.6 |
| North West | 1,156 | 1,281 | 10.8 |

Figures were published on September 30.
"""

HTML = """<html><head><title>Road deaths</title></head><body><article><h1>Road deaths rise</h1>
<p>By A Writer | 28 September 2023</p>
<table><caption>Casualties by road user, Great Britain, 2021 and 2022</caption>
<thead><tr><th rowspan="2">Road user</th><th colspan="2">Killed</th></tr>
<tr><th>2021</th><th>2022</th></tr></thead>
<tbody><tr><th scope="row">Pedestrians</th><td>361</td><td>385</td></tr>
<tr><th scope="row">Pedal cyclists</th><td>111</td><td>91</td></tr></tbody></table>
<p>Spending on safety was $47.5m this year.</p>
</article></body></html>"""


def _figures(data: str, name: str, fmt: str, published: date) -> list:
    reading = read(data.encode(), name, fmt)
    doc = Document(id="d", title=reading.title, published=published, text=reading.text)
    return extract(doc, reading.tables).figures


@pytest.mark.parametrize("subject, period, value, unit, scale", [
    ("London", "2023-01", 1_021_000, Unit.count, 1000),  # "(000s)": 1,021 thousand
    ("London", "2024-01", 1_048_000, Unit.count, 1000),
    ("North West", "2024-01", 1_281_000, Unit.count, 1000),
    ("North West", "2023-01/2024-01", 10.8, Unit.percent, 1),  # a change column spans the table's periods
])
def test_pipe_table_cells_keep_their_labels(subject, period, value, unit, scale):
    figs = _figures(PIPE, "a.md", "markdown", date(2024, 3, 14))
    found = [f for f in figs if f.subject == subject and f.period == period and f.unit is unit]
    assert len(found) == 1, [(f.subject, f.period, f.value) for f in figs]
    f = found[0]
    assert f.value == value and f.scale == scale
    assert "waiting list" in f.measure.lower()
    if unit is Unit.percent:
        assert f.measure.startswith("percent change")


def test_pipe_table_quote_is_the_cell():
    reading = read(PIPE.encode(), "a.md", "markdown")
    figs = _figures(PIPE, "a.md", "markdown", date(2024, 3, 14))
    for f in figs:
        assert reading.text[f.start:f.end] == f.quote
    assert {"1,021", "1,048", "2.6"} <= {f.quote for f in figs}


def test_references_and_day_numbers_are_not_figures():
    figs = _figures(PIPE, "a.md", "markdown", date(2024, 3, 14))
    assert 18 not in {f.value for f in figs}  # "note 18"
    assert 30 not in {f.value for f in figs}  # "September 30"


@pytest.mark.parametrize("subject, period, value", [
    ("Pedestrians", "2021", 361), ("Pedestrians", "2022", 385),
    ("Pedal cyclists", "2021", 111), ("Pedal cyclists", "2022", 91),
])
def test_html_table_with_spanning_headers(subject, period, value):
    figs = _figures(HTML, "a.html", "html", date(2023, 9, 28))
    found = [f for f in figs if f.subject == subject and f.period == period]
    assert [f.value for f in found] == [value]
    assert "killed" in found[0].measure.lower()
    assert "casualties" in found[0].measure.lower()  # the caption's measure


def test_money_keeps_its_currency_and_scale():
    figs = _figures(HTML, "a.html", "html", date(2023, 9, 28))
    (money,) = [f for f in figs if f.unit is Unit.money]
    assert money.value == 47_500_000 and money.currency == "USD"


PER_SHARE = """# Results

The following table shows our results (in thousands, except per share data):

| | 2019 | 2018 |
|---|---:|---:|
| Net revenue | $5,210 | $4,980 |
| Earnings per share | $0.34 | $0.32 |
| Dividends per ordinary share | 0.12 | 0.10 |
"""


@pytest.mark.parametrize("subject, period, value", [
    ("Net revenue", "2019", 5_210_000),  # the table's thousands
    ("Earnings per share", "2019", 0.34),  # "except per share data": 34 cents, not $340
    ("Dividends per ordinary share", "2018", 0.10),
])
def test_per_share_amounts_are_not_in_the_tables_thousands(subject, period, value):
    figs = _figures(PER_SHARE, "a.md", "markdown", date(2020, 1, 1))
    found = [f for f in figs if f.subject == subject and f.period.startswith(period)]
    assert len(found) == 1, [(f.subject, f.period, f.value) for f in figs]
    assert found[0].value == pytest.approx(value)


# --- ingest: clear refusals, and the right document ------------------------------------------

@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QA_EMBEDDING", "hash")
    get_settings.cache_clear()
    qa.engine.reset_engine()
    yield tmp_path
    qa.engine.reset_engine()


@pytest.mark.parametrize("text", [
    "Revenue for the year ended December 31,\n\n2019 was $4.2m, up 12% on the year before.",  # a date across paragraphs
    "In the year ended December 31,\n\n2019, 1,200 people applied.",
    "| a | b |\n|---|---|\n| 1 | |\n\nIn total 5 were seen on 2 March,\n\n2021.",
])
def test_ingest_is_a_document_or_a_clear_refusal(store, text):
    """Regression: a date split by a paragraph break raised IndexError inside extraction."""
    try:
        doc = ingest_text(text, fmt="markdown", title="Split date", date="2020-03-01")
    except BadDocument as exc:
        assert str(exc)
        return
    assert [d.id for d in list_documents()] == [doc.id]


def test_an_extraction_bug_is_a_refusal_not_a_traceback(store, monkeypatch):
    import qa.corpus.intake as intake_mod  # extraction runs in the ingest worker (forked: the patch goes with it)

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(intake_mod, "extract", broken)
    with pytest.raises(BadDocument, match="could not be read"):
        ingest_text("Some 12 people came on 3 March 2020.", title="t", date="2020-03-04")
    assert list_documents() == []


JOBS = """Employers add jobs

Published 6 October 2023

Employers added 236,000 jobs in September, and the unemployment rate held at 3.8 percent.
"""
RAIL = """Rail punctuality slips

Published 6 October 2023

Trains arriving on time fell to 68.4 percent in September across the rail network.
"""


def test_question_restricted_to_a_document(store, monkeypatch):
    monkeypatch.setenv("QA_BUILTIN_CORPUS", "false")
    get_settings.cache_clear()
    qa.engine.reset_engine()
    jobs = ingest_text(JOBS, title="Employers add jobs", date="2023-10-06")
    rail = ingest_text(RAIL, title="Rail punctuality slips", date="2023-10-06")
    engine = qa.engine.get_engine()
    assert {d.id for d in engine.documents} == {jobs.id, rail.id}  # no built-in article
    figures = {f.doc_id for f in load_ingested()[0][1] + load_ingested()[1][1]}
    assert figures == {jobs.id, rail.id}
    a = ask("What was the unemployment rate?", engine=engine, document=jobs.id)
    assert {c.doc_id for c in a.citations} <= {jobs.id}
    b = ask("What was the unemployment rate?", engine=engine, document=rail.id)
    assert {c.doc_id for c in b.citations} <= {rail.id}
    assert b.value != 3.8


def test_unknown_document_is_refused(store):
    from qa.corpus.store import UnknownDocument

    with pytest.raises(UnknownDocument, match="no document 'nope'"):
        ask("How many?", engine=qa.engine.get_engine(), document="nope")


AE = """# A&E waits

*14 January 2024*

**Table 2: Patients seen within four hours, by trust**

| Trust | Dec 2023 (%) | Rate per 100,000 people |
|---|---:|---:|
| Northgate | 71.2 | 312.5 |
"""


@pytest.mark.parametrize("data, name, fmt", [(PIPE, "a.md", "markdown"), (HTML, "a.html", "html"),
                                             (AE, "ae.md", "markdown")])
def test_every_table_figure_answers_with_grounded_numbers(data, name, fmt):
    """A label's own numbers ("four hours", "per 100,000") are in no cell's quote: an answer repeating the
    measure would state an ungrounded number, so they are not part of the measure."""
    from eval.score import grounding
    from qa.compose.answer import compose
    from qa.corpus.collection import Corpus
    from qa.model.records import Op, Plan

    reading = read(data.encode(), name, fmt)
    doc = Document(id="d", title=reading.title, published=date(2024, 1, 14), text=reading.text)
    figures = extract(doc, reading.tables).figures
    corpus = Corpus(documents=[doc], figures=figures)
    assert figures
    for f in figures:
        answer = compose(corpus, Plan(operation=Op.lookup, figure_ids=[f.id], groups=[[f.id]]))
        assert grounding(answer, "").ungrounded == [], answer.answer
