"""CSV and XLSX files are documents: their cells are figures labelled like any table's, quoted from the stored text.

The fixtures are written by the tests (XLSX with openpyxl). Expected values are read off the small tables below by
hand, never copied from output.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from test_api import sse_events

import qa.engine
from qa.corpus.sheets import read_sheets
from qa.corpus.store import ingest_bytes, ingest_path, list_documents, load_ingested
from qa.corpus.tables import cell_in_row
from qa.model.errors import BadDocument
from qa.model.records import Unit
from qa.model.settings import get_settings
from qa.pipeline import ask

TOKEN = "sheet-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

WAITING = (
    "Region,Jan 2023 (000s),Jan 2024 (000s),Change (%)\n"
    'London,"1,021","1,048",2.6\n'
    'North West,"1,156","1,281",10.8\n'
    "North East,512,498,-2.7\n"
)
# a semicolon CSV with a title line, money in its caption and a units row under the header
BUDGET = (
    "Council spending by service, 2022-23 ($m)\n"
    "Service;2022;2023\n"
    "Roads;14.2;15.9\n"
    "Libraries;3.1;2.8\n"
    "Source: council accounts\n"
)


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def formatted_book() -> bytes:
    """A sheet laid out as statistics offices do: a title in A2, the table from B4, number formats on the cells."""
    from datetime import datetime

    book = Workbook()
    ws = book.active
    ws.title = "Sheet1"
    ws["A2"] = "Unemployment by region"
    for col, (head, fmt) in enumerate([("Region", None), (datetime(2023, 12, 1), "mmm-yy"),
                                       (datetime(2024, 12, 1), "mmm-yy")], start=2):
        ws.cell(row=4, column=col, value=head).number_format = fmt or "General"
    for r, (region, a, b) in enumerate([("North", 0.0412, 0.0455), ("South", 0.031, 0.0298)], start=5):
        ws.cell(row=r, column=2, value=region)
        for c, v in ((3, a), (4, b)):
            ws.cell(row=r, column=c, value=v).number_format = "0.0%"
    ws["F4"] = "Claimants"
    ws["F5"], ws["F6"] = 125400, 98100
    ws["F5"].number_format = ws["F6"].number_format = "#,##0"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FORMATTED = formatted_book()
CRIME = workbook({
    "Knife crime": [["Force", 2022, 2023], ["Kent", 1200, 1310], ["Essex", 980, 1004]],
    "Arrest rate (%)": [["Force", 2023], ["Kent", 14.5], ["Essex", 11.25]],
})


def figures_of(data: bytes, name: str, kind: str, title: str | None = None) -> tuple[str, list]:
    from datetime import date

    from qa.corpus.extract import extract
    from qa.model.records import Document

    reading = read_sheets(data, name, kind, title)
    doc = Document(id="d", title=reading.title, published=date(2024, 3, 14), text=reading.text)
    return reading.text, extract(doc, reading.tables).figures


@pytest.mark.parametrize("data, name, kind, subject, measure, period, value, unit, currency, quote", [
    (WAITING, "Waiting list by region.csv", "csv", "North West", "waiting list", "2024-01", 1_281_000, Unit.count, "",
     "1,281"),  # "(000s)" in the column label scales the cell
    (WAITING, "Waiting list by region.csv", "csv", "London", "waiting list", "2023-01", 1_021_000, Unit.count, "",
     "1,021"),
    (WAITING, "Waiting list by region.csv", "csv", "North East", "percent change in waiting list", "2023-01/2024-01",
     -2.7, Unit.percent, "", "-2.7"),  # a change column spans the table's periods
    (BUDGET, "budget.csv", "csv", "Roads", "council spending", "2023", 15_900_000, Unit.money, "USD", "15.9"),
    (BUDGET, "budget.csv", "csv", "Libraries", "council spending", "2022", 3_100_000, Unit.money, "USD", "3.1"),
    (CRIME, "crime.xlsx", "xlsx", "Essex", "knife crime", "2023", 1004, Unit.count, "", "1004"),  # sheet name = caption
    (CRIME, "crime.xlsx", "xlsx", "Kent", "arrest rate", "2023", 14.5, Unit.percent, "", "14.5"),
    (CRIME, "crime.xlsx", "xlsx", "Essex", "arrest rate", "2023", 11.25, Unit.percent, "", "11.25"),
    # number formats are shown as the spreadsheet shows them: 0.0455 with "0.0%" is 4.5%, 125400 with "#,##0" 125,400
    (FORMATTED, "jobs.xlsx", "xlsx", "North", "unemployment", "2024-12", 4.5, Unit.percent, "", "4.5%"),
    (FORMATTED, "jobs.xlsx", "xlsx", "South", "unemployment", "2023-12", 3.1, Unit.percent, "", "3.1%"),
    (FORMATTED, "jobs.xlsx", "xlsx", "North", "claimants", "", 125_400, Unit.count, "", "125,400"),
])
def test_cells_become_figures_labelled_by_row_column_and_caption(data, name, kind, subject, measure, period, value,
                                                                   unit, currency, quote):
    raw = data.encode() if isinstance(data, str) else data
    text, figures = figures_of(raw, name, kind)
    found = [f for f in figures if f.subject == subject and f.period == period and f.unit is unit
             and measure in f.measure.lower()]
    assert len(found) == 1, [(f.subject, f.measure, f.period, f.unit) for f in figures]
    f = found[0]
    assert f.value == pytest.approx(value)
    assert f.currency == currency
    assert f.quote == quote and text[f.start:f.end] == quote  # the quote is the cell, in the stored text
    cell = cell_in_row(text, f.start, f.end)
    assert cell is not None and cell.row[0] == subject and cell.row[cell.column] == quote


def test_each_sheet_is_its_own_table_with_its_name_as_caption():
    text, figures = figures_of(CRIME, "crime.xlsx", "xlsx")
    assert text.index("Knife crime") < text.index("Kent | 1200 | 1310") < text.index("Arrest rate (%)")
    assert len(figures) == 6  # four counts, two rates: the header years are labels, not figures


def test_rendered_lines_above_and_below_a_table_are_caption_and_note():
    text, figures = figures_of(BUDGET.encode(), "budget.csv", "csv")
    assert text.startswith("Council spending by service, 2022-23 ($m)\n\n")  # the title line is the title
    assert "Source: council accounts" in text
    assert {f.subject for f in figures} == {"Roads", "Libraries"}


# --- refusals: a message, never a traceback, and the store unchanged ----------------------------------------

@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QA_EMBEDDING", "hash")
    monkeypatch.setenv("QA_ADMIN_TOKEN", TOKEN)
    get_settings.cache_clear()
    qa.engine.reset_engine()
    yield tmp_path
    qa.engine.reset_engine()


def _formula_book() -> bytes:
    return workbook({"Totals": [["Area", 2023], ["North", 10], ["South", 12], ["Total", "=SUM(B2:B3)"]]})


REFUSALS = [
    ("empty.csv", b"", "empty"),
    ("blank.csv", b"  \n\n", "empty"),
    ("binary.csv", bytes(range(256)) * 8, "binary"),
    ("words.csv", b"Name,Colour\nApple,Red\nPear,Green\n", "no numbers"),
    ("ragged.csv", b"Area,2022,2023\nNorth,1,2\nSouth,3,4,5,6\n", "line 3 has 5 cells"),
    ("formula.csv", b"Area,2023\nNorth,10\nTotal,=SUM(B2:B3)\n", "formula"),
    ("latin1.csv", "Région,2023\nÎle,5\n".encode("latin-1"), "not valid utf-8"),
    ("notzip.xlsx", b"Area,2023\nNorth,10\n", "not a readable zip"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old binary Excel"),
    ("words.xlsx", workbook({"Notes": [["Name", "Colour"], ["Apple", "Red"]]}), "no numbers"),
    ("formula.xlsx", _formula_book(), "Totals!B4"),
    ("nothing.xlsx", workbook({"Sheet1": []}), "no cells"),
]


@pytest.mark.parametrize("name, data, message", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_bad_tables_are_refused_with_a_message(store, name, data, message):
    path = store / name
    path.write_bytes(data)
    with pytest.raises(BadDocument) as caught:
        ingest_path(path, title="A table", date="2024-03-14")
    assert message.lower() in str(caught.value).lower()
    assert "Traceback" not in str(caught.value)
    assert list_documents() == []


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(store):
    path = store / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: the cap is checked on the file's size
    with pytest.raises(BadDocument, match="QA_MAX_DOCUMENT_BYTES") as caught:
        ingest_path(path, title="Huge", date="2024-03-14")
    assert caught.value.status_code == 413
    assert list_documents() == []


def test_a_workbook_that_unpacks_far_beyond_the_cap_is_refused():
    with pytest.raises(BadDocument, match="unpacks to") as caught:
        read_sheets(CRIME, "crime.xlsx", "xlsx", max_bytes=100)
    assert caught.value.status_code == 413


def _stray_cell_book() -> bytes:
    book = Workbook()
    ws = book.active
    ws.append(["Area", 2023])
    ws.append(["North", 10])
    ws["XFD1048576"] = 1  # one stray value: pandas would build a frame of 17 billion cells
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("data, name, kind", [
    (_stray_cell_book(), "stray.xlsx", "xlsx"),
    (("Area" + ",x" * 399 + "\n" + ("North" + ",1" * 399 + "\n") * 250).encode(), "wide.csv", "csv"),
])
def test_a_sheet_spanning_too_many_cells_is_refused_before_pandas_reads_it(data, name, kind):
    with pytest.raises(BadDocument, match="QA_MAX_FIGURES_PER_DOCUMENT") as caught:
        read_sheets(data, name, kind, max_cells=80_000)
    assert caught.value.status_code == 413


def test_a_table_without_a_date_asks_for_one(store):
    with pytest.raises(BadDocument, match="--date"):
        ingest_bytes(WAITING.encode(), "waiting.csv", "csv", title="Waiting list by region")
    doc = ingest_bytes(WAITING.encode(), "waiting-list-2024-03-14.csv", "csv")  # a date in the file name will do
    assert str(doc.published) == "2024-03-14"


# --- end to end: a question about an ingested CSV is answered from its cell ---------------------------------

@pytest.mark.parametrize("question, value, quote", [
    ("What was the waiting list in the North West in January 2024?", 1_281_000, "1,281"),
    ("What was the waiting list in London in January 2023?", 1_021_000, "1,021"),
])
def test_a_question_about_an_ingested_csv_cites_the_cell(store, question, value, quote):
    path = store / "waiting.csv"
    path.write_text(WAITING)
    doc = ingest_path(path, title="Waiting list by NHS England region", date="2024-03-14")
    answer = ask(question, engine=qa.engine.get_engine())
    assert answer.value == pytest.approx(value), answer.answer
    assert [c.quote for c in answer.citations] == [quote]
    c = answer.citations[0]
    assert c.doc_id == doc.id and doc.text[c.start:c.end] == quote


def _name(n: int) -> str:
    return "".join(chr(97 + n // 26 ** k % 26) for k in (2, 1, 0))


def test_a_long_csv_is_read_as_one_table_in_pieces(store):
    rows = "".join(f"District {_name(n)} of the county,{1000 + n}\n" for n in range(1000))
    doc = ingest_bytes(("District,Homes built 2023\n" + rows).encode(), "homes.csv", "csv", title="Homes built",
                       date_="2024-03-14")
    assert len(doc.text) > 20_000  # longer than one extraction piece
    figures = load_ingested()[0][1]
    last = [f for f in figures if f.subject == f"District {_name(999)} of the county"]
    assert [(f.value, f.period, f.quote) for f in last] == [(1999, "2023", "1999")]
    assert len(figures) == 1000


# --- over HTTP -------------------------------------------------------------------------------------------

@pytest.fixture
def client(store) -> TestClient:
    from api.app import create_app

    return TestClient(create_app(get_settings(), warm=False))


@pytest.mark.parametrize("body, status, message", [
    ({"text": WAITING, "format": "csv", "title": "Waiting list", "date": "2024-03-14"}, 201, ""),
    ({"content_base64": base64.b64encode(CRIME).decode(), "format": "xlsx", "filename": "crime-2024-03-14.xlsx"},
     201, ""),
    ({"text": WAITING, "format": "csv", "date": "2024-03-14"}, 400, "send `title`"),
    ({"text": "x", "format": "xlsx", "title": "t", "date": "2024-03-14"}, 422, "content_base64"),
    ({"content_base64": "not base64!", "format": "xlsx", "title": "t", "date": "2024-03-14"}, 400, "not valid base64"),
    ({"content_base64": base64.b64encode(b"PK\x03\x04junk").decode(), "format": "xlsx", "title": "t",
      "date": "2024-03-14"}, 400, "xlsx"),
    ({"text": "Area,2023\nNorth,1,2,3\nSouth,4\n", "format": "csv", "title": "t", "date": "2024-03-14"}, 400,
     "cells"),
])
def test_tables_over_http(client, body, status, message):
    r = client.post("/api/documents", json=body, headers=AUTH)
    assert r.status_code == status, r.text
    if status == 201:
        assert r.json()["figures"] > 0
    else:
        assert message.lower() in r.json()["detail"].lower()


def test_the_page_view_shows_a_table_source_in_its_row(client):
    r = client.post("/api/documents", headers=AUTH, json={"text": WAITING, "format": "csv", "date": "2024-03-14",
                                                          "title": "Waiting list by NHS England region"})
    assert r.status_code == 201
    doc_id = r.json()["id"]
    r = client.post("/api/chat", json={"question": "What was the waiting list in the North West in January 2024?",
                                       "document": doc_id})
    assert r.status_code == 200
    payload = json.loads(dict(sse_events(r.text))["view"])
    source = payload["documents"][0]["sources"][0]
    assert source["quote"] == "1,281"
    assert source["cell"] == {"header": ["Region", "Jan 2023 (000s)", "Jan 2024 (000s)", "Change (%)"],
                              "row": ["North West", "1,156", "1,281", "10.8"], "column": 2}


@pytest.mark.parametrize("text, quote, expected", [
    ("Title\n\nArea | 2023\n\nNorth | 12\n\nSouth | 14", "14", (["Area", "2023"], ["South", "14"], 1)),
    ("Title\n\nArea | 2023\n\nNorth | 12\n\nSouth | 14", "Area", ([], ["Area", "2023"], 0)),
    ("By A Writer | 28 September 2023\n\nSome 12 people came.", "28 September 2023", None),  # one line: no table
    ("Title\n\nArea | 2023\n\nNorth | 125\n\nSouth | 14", "12", None),  # part of a cell
    ("Some 12 people came.", "12", None),  # prose
])
def test_cell_in_row(text, quote, expected):
    start = text.rindex(quote)
    got = cell_in_row(text, start, start + len(quote))
    assert (None if got is None else (got.header, got.row, got.column)) == expected


# --- whatever the bytes, a table or a refusal ----------------------------------------------------------

CSV_ALPHABET = st.sampled_from(list(',;\t|"\n\r =-%$£()0123456789.abcXYZ\u00e9'))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=CSV_ALPHABET, max_size=300))
def test_any_csv_text_is_read_or_refused(text):
    try:
        reading = read_sheets(text.encode(), "fuzz.csv", "csv", title="Fuzz")
    except BadDocument as exc:
        assert str(exc)
        return
    for table in reading.tables:
        for row in table.rows:
            for cell in row:
                assert reading.text[cell.start:cell.end] == cell.text  # every cell points at itself


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(min_value=0, max_value=len(CRIME) - 1), junk=st.binary(max_size=64))
def test_a_damaged_workbook_is_refused_not_a_traceback(cut, junk):
    data = CRIME[:cut] + junk + CRIME[cut + len(junk):]
    try:
        read_sheets(data, "damaged.xlsx", "xlsx", title="Damaged")
    except BadDocument as exc:
        assert str(exc)
