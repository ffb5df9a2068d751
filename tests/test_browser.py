"""The chat page in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Each test is something a person would notice: the question box stays in view, the newest answer is
scrolled to, a reload keeps the conversation, copy copies, a stopped server says so with a retry,
and axe-core finds no serious or critical accessibility violation on any view.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx
import pytest
from live_server import live_server

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]
DOCS = Path(__file__).resolve().parent.parent / "docs"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WM_2021 = "How many revenge porn offences did West Midlands Police record in 2021?"
STAFFS_CHANGE = "By what percentage did offences rise in Staffordshire between 2020 and 2021?"
FOLLOW_UPS = ["And in 2020?", "What about Staffordshire?", STAFFS_CHANGE, "What share of Staffordshire's cases were dropped?",
              "How many cases were reported in Staffordshire?"]
PAYLOAD = "<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>"
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with live_server(tmp_path_factory.mktemp("browser-server")) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}. Install it with: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def new_page(browser, viewport=DESKTOP, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.requests = []  # every URL the page fetches, to check nothing leaves the server
    page.on("request", lambda r: page.requests.append(r.url))
    page.problems = []  # script errors and CSP violations
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    return page


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def any_page(request, browser):
    phone = request.param is PHONE
    page = new_page(browser, request.param, is_mobile=phone, has_touch=phone)
    yield page
    page.context.close()


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


def ask(page, question: str):
    """Type a question, press Enter, wait for the answer to finish; return the new turn."""
    turns = page.locator("#conversation > li")
    before = turns.count()
    box = page.get_by_label("Your question")
    box.fill(question)
    box.press("Enter")
    turn = turns.nth(before)
    turn.wait_for()
    page.wait_for_function("n => { const t = document.querySelectorAll('#conversation > li')[n];"
                           " return t && !t.hasAttribute('aria-busy'); }", arg=before)
    return turn


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] + 0.5 and box["x"] >= 0


def axe_violations(page) -> list[str]:
    """Serious and critical axe-core violations on the page as it is now."""
    # evaluated through the DevTools protocol, which the page's CSP (rightly) does not let an inline <script> do
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_pinned_input_and_newest_answer_in_view_after_five_follow_ups(any_page, server):
    page = any_page
    page.goto(server + "/")
    ask(page, WM_2021)
    for question in FOLLOW_UPS:
        turn = ask(page, question)
        box = page.get_by_label("Your question")
        assert in_view(page, box), f"the question box left the screen after {question!r}"
        assert in_view(page, page.locator(".topbar")), f"the top bar left the screen after {question!r}"
        assert in_view(page, turn.locator(".question")), f"the newest question is not in view after {question!r}"
        assert turn.locator(".answer-text").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "nothing wider than the screen"
    assert page.problems == []


def test_answer_leads_with_headline_shows_working_once_sources_chart_and_follow_ups(page, server):
    page.goto(server + "/")
    turn = ask(page, STAFFS_CHANGE)
    answer = httpx.post(f"{server}/api/ask", json={"question": STAFFS_CHANGE}).json()
    headline = turn.locator(".headline")
    assert headline.inner_text() == f"{answer['value']:g}%"
    working = answer["calculation"]["expression"]
    assert turn.locator(".answer").inner_text().count(working) == 1, "the working is shown once"
    assert turn.locator(".working").inner_text().startswith("HOW IT WAS WORKED OUT") or "worked out" in turn.locator(".working").inner_text().lower()
    quotes = [q.strip("“”") for q in turn.locator(".sources button.quote").all_inner_texts()]
    assert quotes == [c["quote"] for c in answer["citations"]]
    title = httpx.get(f"{server}/api/documents").json()[0]["title"]
    assert turn.locator(".sources").inner_text().count(title) == 1, "the article's title is said once"
    canvas = turn.locator("canvas[role=img]")
    assert canvas.count() == 1 and "154" in canvas.get_attribute("aria-label")
    follow_ups = turn.locator(".followups button")
    assert follow_ups.count() >= 1
    first = follow_ups.first.inner_text()
    follow_ups.first.click()
    page.wait_for_function("() => document.querySelectorAll('#conversation > li').length === 2"
                           " && !document.querySelector('#conversation > li[aria-busy]')")
    assert page.locator("#conversation > li").nth(1).locator(".question p").inner_text() == first
    assert not page.locator("#conversation > li").nth(1).locator(".answer").get_attribute("class").count("abstained")
    assert page.problems == []


def test_reload_keeps_the_conversation_and_new_conversation_clears_it(page, server):
    page.goto(server + "/")
    ask(page, WM_2021)
    ask(page, "And in 2020?")
    page.reload()
    turns = page.locator("#conversation > li")
    turns.nth(1).wait_for()
    assert turns.count() == 2
    assert "318" in turns.nth(1).locator(".answer-text").inner_text()
    third = ask(page, "What about Staffordshire?")  # the restored turns are the history of a follow-up
    assert "Staffordshire" in third.locator(".answer-text").inner_text()
    page.get_by_role("button", name="New conversation").click()
    assert turns.count() == 0
    assert page.locator("#welcome").is_visible()
    page.reload()
    page.locator("#welcome").wait_for()
    assert page.locator("#conversation > li").count() == 0


def test_copy_puts_the_answer_and_its_sources_on_the_clipboard(browser, server):
    page = new_page(browser, permissions=["clipboard-read", "clipboard-write"])
    page.goto(server + "/")
    turn = ask(page, WM_2021)
    turn.get_by_role("button", name="Copy the answer and its sources").click()
    page.locator("#status", has_text="copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    quote = turn.locator(".sources button.quote").first.inner_text().strip("“”")
    assert "710" in copied and quote in copied and WM_2021 in copied
    page.context.close()


def test_clarifying_choices_are_buttons_that_ask(page, server):
    """When an answer carries `clarify` choices, each is a button that asks it (the engine side is elsewhere)."""
    choices = ["West Midlands Police in 2021", "Staffordshire Police in 2021"]
    answer = {"question": "How many offences?", "answer": "Which force do you mean?", "citations": [], "warnings": [],
              "figures": [], "abstained": False, "operation": "clarify", "clarify": choices}
    view = {"headline": "", "sentence": "Which force do you mean?", "more": "", "working": "", "documents": [],
            "warnings": [], "chart": None, "followups": [], "clarify": choices}
    body = f"event: answer\ndata: {json.dumps(answer)}\n\nevent: view\ndata: {json.dumps(view)}\n\n"
    asked = []

    def fake_once(route):
        asked.append(json.loads(route.request.post_data)["question"])
        if len(asked) == 1:
            route.fulfill(status=200, headers={"content-type": "text/event-stream"}, body=body)
        else:
            route.continue_()

    page.route("**/api/chat", fake_once)
    page.goto(server + "/")
    turn = ask(page, "How many offences?")
    buttons = turn.locator(".clarify button")
    assert buttons.all_inner_texts() == choices
    buttons.first.click()
    page.wait_for_function("() => document.querySelectorAll('#conversation > li').length === 2"
                           " && !document.querySelector('#conversation > li[aria-busy]')")
    assert asked == ["How many offences?", choices[0]]


def test_a_stopped_server_gives_the_reason_and_a_retry(browser, tmp_path):
    page = new_page(browser)
    with live_server(tmp_path) as base:
        page.goto(base + "/")
        page.locator("#doc-cards li").first.wait_for()
    turn = ask(page, WM_2021)  # the server has stopped
    error = turn.locator("[role=alert]")
    assert "could not be reached" in error.inner_text()
    assert "Failed to fetch" not in turn.inner_text()
    retry = turn.get_by_role("button", name="Retry")
    assert retry.is_visible()
    retry.click()
    page.locator("#conversation > li [role=alert]").wait_for()
    assert page.locator("#conversation > li").count() == 1, "a retry replaces the failed turn"
    page.context.close()


def test_first_screen_names_the_article_and_shows_it(page, server):
    page.goto(server + "/")
    doc = httpx.get(f"{server}/api/documents").json()[0]
    card = page.locator("#doc-cards li").first
    card.wait_for()
    assert doc["title"] in card.inner_text() and "6 June 2022" in card.inner_text()
    page.locator("#article-text p").first.wait_for()
    assert page.locator("#article-title").inner_text() == doc["title"]
    assert page.locator("#panel-article").is_visible()


def test_quote_opens_the_article_at_the_span_and_script_is_shown_as_text(page, server):
    response = page.goto(server + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    turn = ask(page, WM_2021)
    quote = turn.locator("button.quote").first
    quoted = quote.inner_text().strip("“”\"")
    quote.click()
    mark = page.locator("#article-text mark")
    mark.wait_for()
    assert mark.inner_text() == quoted and mark.is_visible()
    assert page.evaluate("document.activeElement.tagName") == "MARK", "focus follows the quote for keyboard users"
    hostile = ask(page, PAYLOAD)
    assert hostile.locator(".question p").inner_text() == PAYLOAD
    assert page.locator("#conversation img, #conversation script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert all(url.startswith(server) for url in page.requests), [u for u in page.requests if not u.startswith(server)]
    assert page.problems == []


def test_figures_table_sorts_marks_audited_figures_and_opens_quotes(page, server):
    page.goto(server + "/")
    page.get_by_role("tab", name="Figures").click()
    rows = page.locator("#figures-table tbody tr")
    rows.first.wait_for()
    assert rows.count() == len(httpx.get(f"{server}/api/figures").json())
    findings = httpx.get(f"{server}/api/audit").json()["findings"]
    flagged = {f["figure_ids"][0] for f in findings if f["status"] == "inconsistent" and f["figure_ids"]}
    assert page.locator("#figures-table tr.flagged").count() == len(flagged)
    page.get_by_role("button", name="Subject").click()
    subjects = page.locator("#figures-table tbody tr td:first-child").all_inner_texts()
    assert subjects == sorted(subjects, key=str.casefold) or subjects == sorted(subjects)
    rows.first.locator("button.quote").click()
    page.locator("#article-text mark").wait_for(state="visible", timeout=5000)


def test_phone_is_conversation_first_with_panels_from_the_top_bar(browser, server):
    page = new_page(browser, PHONE, is_mobile=True, has_touch=True)
    page.goto(server + "/")
    assert page.get_by_label("Your question").is_visible()
    assert not page.locator("#panel-article").is_visible()
    page.get_by_role("tab", name="Figures").click()
    wrap = page.locator("#panel-figures .table-wrap")
    page.locator("#figures-table tbody tr").first.wait_for()
    assert not page.locator("#chat").is_visible(), "a panel replaces the conversation on a phone"
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth"), "the wide table scrolls inside its box"
    assert page.locator("#scroll-hint").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "nothing wider than the screen"
    page.get_by_role("tab", name="Chat").click()
    assert page.get_by_label("Your question").is_visible()
    page.context.close()


def test_audit_panel_opens_with_counts_and_collapsible_findings(page, server):
    findings = httpx.get(f"{server}/api/audit", timeout=60).json()["findings"]
    page.goto(server + "/")
    page.get_by_role("tab", name="Audit").click()
    items = page.locator("#audit-findings > li")
    items.first.wait_for()
    assert items.count() == len(findings)
    counts = {}
    for f in findings:
        counts[f["status"]] = counts.get(f["status"], 0) + 1
    summary = page.locator("#audit-summary").inner_text()
    for status, n in counts.items():
        assert f"{n} {status.replace('_', ' ')}" in summary.replace("\n", " ")
    details = page.locator("#audit-findings details")
    states = details.evaluate_all("ds => ds.map(d => d.open)")
    assert True in states and False in states, "findings that do not add up open; the rest are collapsed"
    closed = details.nth(states.index(False))
    closed.locator("summary").click()
    assert closed.get_attribute("open") is not None


def eval_fixture(tmp_path: Path) -> dict:
    """What GET /api/eval returns for a small report with one dev and one sealed set (built by the real reader)."""
    from api.routes_eval import read_report

    (tmp_path / "seed-dev").mkdir()
    rows = [{"set": "seed-dev", "sealed": False, "n": 2, "accuracy": 50.0, "confidently_wrong": 1,
             "confidently_wrong_pct": 50.0, "abstain_precision": 100.0, "abstain_recall": 100.0, "ungrounded": 0},
            {"set": "seed-test", "sealed": True, "n": 10, "accuracy": 90.0, "confidently_wrong": 1,
             "confidently_wrong_pct": 10.0, "abstain_precision": 100.0, "abstain_recall": 80.0, "ungrounded": 0}]
    (tmp_path / "summary.json").write_text(json.dumps({"sets": rows, "gates": [["accuracy", True, "ok"]], "when": "today"}))
    (tmp_path / "seed-dev" / "results.jsonl").write_text(
        json.dumps({"id": "q1", "question": "How many were dropped?", "correct": False, "answer": "5", "expected": "33"})
        + "\n" + json.dumps({"id": "q2", "question": "Fine?", "correct": True}) + "\n")
    return read_report(tmp_path).model_dump()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_serious_or_critical_violation_on_any_view(browser, server, viewport, tmp_path):
    phone = viewport is PHONE
    page = new_page(browser, viewport, is_mobile=phone, has_touch=phone)
    report = eval_fixture(tmp_path)
    page.route("**/api/eval", lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(report)))
    page.goto(server + "/")
    page.locator("#doc-cards li").first.wait_for()
    problems = {"first screen": axe_violations(page)}
    ask(page, "What share of Staffordshire's cases were dropped?")
    ask(page, STAFFS_CHANGE)
    page.wait_for_timeout(200)  # let the chart settle for the screenshot
    problems["conversation"] = axe_violations(page)
    name = "desktop" if viewport is DESKTOP else "phone"
    page.screenshot(path=str(DOCS / f"screenshot-{name}.png"))
    for tab, ready in [("Article", "#article-text p"), ("Figures", "#figures-table tbody tr"),
                       ("Audit", "#audit-findings > li"), ("Evaluation", "#eval-body table")]:
        page.get_by_role("tab", name=tab).click()
        page.locator(ready).first.wait_for()
        problems[tab] = axe_violations(page)
    wrong = page.locator("#eval-body details.wrong")
    assert wrong.count() == 1 and "seed-dev" in wrong.inner_text(), "only the dev set lists its questions"
    assert "seed-test" not in wrong.inner_text()
    assert {k: v for k, v in problems.items() if v} == {}
    page.context.close()


def test_api_docs_render_without_the_internet(page, server):
    page.goto(server + "/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Statistics Q&A" in page.locator(".swagger-ui .info .title").inner_text()
    assert all(url.startswith(server) for url in page.requests)
