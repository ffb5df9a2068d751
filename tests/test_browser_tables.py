"""The chat page with an ingested CSV beside the seed article, in real headless Chromium (marked slow).

What a person would notice: a document picker ("All documents" first) they can work with the keyboard, whose
choice survives a reload and goes with every question; a table source shown in its row with the quoted cell
marked, and the article showing the table as a table with that cell marked; and axe-core finding no serious or
critical violation with all of it on the page.
"""

from __future__ import annotations

import json

import httpx
import pytest
from live_server import live_server
from test_browser import ask, axe_violations, browser, new_page  # noqa: F401 - browser is a fixture

pytestmark = pytest.mark.slow

TOKEN = "browser-token"
WAITING = (
    "Region,Jan 2023 (000s),Jan 2024 (000s),Change (%)\n"
    'London,"1,021","1,048",2.6\n'
    'North West,"1,156","1,281",10.8\n'
    "North East,512,498,-2.7\n"
)
QUESTION = "What was the waiting list in the North West in January 2024?"


@pytest.fixture(scope="module")
def server_with_table(tmp_path_factory):
    with live_server(tmp_path_factory.mktemp("browser-tables"), QA_ADMIN_TOKEN=TOKEN) as base:
        r = httpx.post(f"{base}/api/documents", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120,
                       json={"text": WAITING, "format": "csv", "title": "Waiting list by NHS England region",
                             "date": "2024-03-14"})
        assert r.status_code == 201, r.text
        yield base, r.json()["id"]


@pytest.fixture
def page(browser):  # noqa: F811 - the browser fixture imported above
    page = new_page(browser)
    yield page
    page.context.close()


def chat_bodies(page) -> list[dict]:
    return [json.loads(r.post_data) for r in page.chat_requests]


def test_document_picker_is_keyboard_operable_persists_and_is_sent(page, server_with_table):
    base, doc_id = server_with_table
    page.chat_requests = []
    page.on("request", lambda r: page.chat_requests.append(r) if r.url.endswith("/api/chat") else None)
    page.goto(base + "/")
    picker = page.get_by_label("Ask about")
    picker.wait_for()
    options = picker.locator("option").all_inner_texts()
    assert options[0] == "All documents" and len(options) == 3  # all, the seed article, the CSV
    assert picker.input_value() == ""
    ask(page, "How many revenge porn offences did West Midlands Police record in 2021?")
    assert "document" not in chat_bodies(page)[-1], "All documents sends no restriction"

    picker.focus()
    target = picker.locator(f"option[value='{doc_id}']").evaluate("o => o.index")
    for _ in range(target):
        page.keyboard.press("ArrowDown")  # a closed <select> changes with the arrow keys
    assert picker.input_value() == doc_id
    assert doc_id in page.locator("#status").inner_text() or "Waiting list" in page.locator("#status").inner_text()

    page.reload()
    # the list of documents loads after the page does: wait (up to 30 s on a busy machine) for the stored choice
    page.wait_for_function("id => document.querySelector('#ask-document').value === id", arg=doc_id)
    assert page.get_by_label("Ask about").input_value() == doc_id, "the choice survives a reload"
    turn = ask(page, QUESTION)
    assert chat_bodies(page)[-1]["document"] == doc_id
    assert turn.locator(".headline").inner_text() == "1,281,000"
    assert page.problems == []


def test_a_table_source_is_shown_in_its_row_with_the_cell_marked(page, server_with_table):
    base, doc_id = server_with_table
    page.goto(base + "/")
    page.evaluate(f"localStorage.setItem('qa.document.v1', {json.dumps(doc_id)})")
    page.reload()
    turn = ask(page, QUESTION)
    row = turn.locator(".sources .cell-table table")
    assert row.count() == 1
    assert row.locator("thead th").all_inner_texts() == ["Region", "Jan 2023 (000s)", "Jan 2024 (000s)", "Change (%)"]
    assert row.locator("tbody th[scope=row]").inner_text() == "North West"
    assert row.locator("tbody td.cited mark").inner_text() == "1,281"
    assert [q.strip("“”") for q in turn.locator(".sources button.quote").all_inner_texts()] == ["1,281"]
    assert axe_violations(page) == []
    page.get_by_label("Ask about").focus()
    assert axe_violations(page) == []

    turn.locator(".sources button.quote").first.click()  # the article opens with its table, the cell marked
    article = page.locator("#article-text table.article-table")
    article.wait_for()
    assert article.locator("thead th").all_inner_texts() == ["Region", "Jan 2023 (000s)", "Jan 2024 (000s)",
                                                             "Change (%)"]
    assert article.locator("tbody tr").count() == 3
    mark = article.locator("td.cited mark")
    assert mark.inner_text() == "1,281" and mark.is_visible()
    assert mark.evaluate("m => m.closest('tr').querySelector('th').textContent") == "North West"
    assert axe_violations(page) == []
    assert page.problems == []
