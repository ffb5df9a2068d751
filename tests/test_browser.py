"""The chat page in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

from __future__ import annotations

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
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.png"
WM_2021 = "How many revenge porn offences did West Midlands Police record in 2021?"
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


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.requests = []  # every URL the page fetches, to check nothing leaves the server
    page.on("request", lambda r: page.requests.append(r.url))
    page.problems = []  # script errors and CSP violations
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    yield page
    context.close()


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


def test_cited_answer_follow_up_quote_and_script_shown_as_text(page, server):
    response = page.goto(server + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    article = httpx.get(f"{server}/api/documents").json()[0]
    text = httpx.get(f"{server}/api/documents/{article['id']}").json()["text"]

    first = ask(page, WM_2021)
    assert "710" in first.locator(".answer-text").inner_text()
    quote = first.locator("button.quote").first
    quoted = quote.inner_text().strip("“”\"")
    assert "710" in quoted and quoted in text, "the answer shows the article's own words"

    second = ask(page, "And in 2020?")
    assert "318" in second.locator(".answer-text").inner_text()
    assert "318" in second.locator("button.quote").first.inner_text()

    quote.click()
    mark = page.locator("#article-text mark")
    mark.wait_for()
    assert mark.inner_text() == quoted
    assert mark.is_visible()
    assert page.locator("#article-title").inner_text() == article["title"]
    paragraph = page.locator("#article-text p.cited")
    assert paragraph.count() == 1 and quoted in paragraph.inner_text()
    assert page.evaluate("document.activeElement.tagName") == "MARK", "focus follows the quote for keyboard users"
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # the article panel keeps its own scroll, on the mark
    page.screenshot(path=str(SCREENSHOT))

    hostile = ask(page, PAYLOAD)
    assert hostile.locator(".question p").inner_text() == PAYLOAD
    assert page.locator("#conversation img, #conversation script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"

    assert all(url.startswith(server) for url in page.requests), [u for u in page.requests if not u.startswith(server)]
    assert page.problems == []


def test_bad_input_message_is_shown(page, server):
    page.goto(server + "/")
    turn = ask(page, "x" * 2000 + "y")  # the box stops at 2,000 characters; the server would refuse more
    assert len(turn.locator(".question p").inner_text()) == 2000
    page.get_by_label("Your question").fill("   ")
    page.get_by_role("button", name="Ask").click()
    assert "Type a question" in page.locator("#status").inner_text()


def test_figures_table_sorts_and_opens_quotes(page, server):
    page.goto(server + "/")
    page.get_by_role("tab", name="Figures").click()
    rows = page.locator("#figures-table tbody tr")
    rows.first.wait_for()
    assert rows.count() == len(httpx.get(f"{server}/api/figures").json())
    page.get_by_role("button", name="Subject").click()
    subjects = page.locator("#figures-table tbody tr td:first-child").all_inner_texts()
    assert subjects == sorted(subjects, key=str.casefold) or subjects == sorted(subjects)
    page.get_by_role("button", name="Subject").click()
    assert page.locator("th[aria-sort=descending]").count() == 1
    rows.first.locator("button.quote").click()
    page.locator("#article-text mark").wait_for(state="visible", timeout=5000)  # the article loads after the click
    assert page.locator("#article-text mark").is_visible()


def test_readable_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + "/")
    page.get_by_label("Your question").fill(WM_2021)
    page.get_by_role("button", name="Ask").click()
    page.locator("#conversation .details button.quote").first.wait_for(timeout=TIMEOUT_MS)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    context.close()


def test_api_docs_render_without_the_internet(page, server):
    page.goto(server + "/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Statistics Q&A" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock-summary-path", has_text="/api/ask").count() >= 1
    assert all(url.startswith(server) for url in page.requests)


def test_audit_panel_lists_findings_with_their_quotes(page, server):
    report = httpx.get(f"{server}/api/audit", timeout=60)
    assert report.status_code == 200, report.text
    findings = report.json()["findings"]
    page.goto(server + "/")
    page.get_by_role("tab", name="Audit").click()
    items = page.locator("#audit-findings > li")
    if not findings:
        page.locator("#audit-status", has_text="No claims").wait_for()
        return
    items.first.wait_for()
    assert items.count() == len(findings)
    first = findings[0]
    assert first["claim"] in items.first.inner_text()
    items.first.locator("button.quote").first.click()
    assert page.locator("#article-text mark").inner_text() == first["quotes"][0]["quote"]
