"""Every route through FastAPI's TestClient: what a caller sees, including each bad input."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import create_app
from qa.model.settings import Settings

STATIC = Path(__file__).resolve().parent.parent / "api" / "static"
WM_2021 = "How many revenge porn offences did West Midlands Police record in 2021?"
WM_CHANGE = "What was the percentage change in revenge porn offences at West Midlands Police from 2020 to 2021?"


@pytest.fixture
def client():
    with TestClient(create_app(warm=False)) as c:
        yield c


def limited_client(**settings: int) -> TestClient:
    return TestClient(create_app(Settings(**settings), warm=False))


def document_text(client: TestClient, doc_id: str) -> str:
    r = client.get(f"/api/documents/{doc_id}")
    assert r.status_code == 200
    return r.json()["text"]


def sse_events(body: str) -> list[tuple[str, str]]:
    """(event, data) pairs of a text/event-stream body."""
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
        if data:
            events.append((name, "\n".join(data)))
    return events


def assert_error(r, status: int, phrase: str) -> None:
    """A 4xx whose message a person can act on, in both the FastAPI and the OpenAI shape."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert phrase.lower() in body["detail"].lower()
    assert body["error"]["message"] == body["detail"]


# ---- answers -----------------------------------------------------------------------


def test_ask_answers_with_a_quote_from_the_article(client):
    r = client.post("/api/ask", json={"question": WM_2021})
    assert r.status_code == 200
    answer = r.json()
    assert answer["value"] == 710
    assert "710" in answer["answer"]
    assert not answer["abstained"]
    assert answer["citations"]
    for c in answer["citations"]:
        assert document_text(client, c["doc_id"])[c["start"]:c["end"]] == c["quote"]
    assert any("710" in c["quote"] for c in answer["citations"])


def test_follow_up_uses_the_history(client):
    first = client.post("/api/ask", json={"question": WM_2021}).json()
    r = client.post("/api/ask", json={"question": "And in 2020?", "history": [{"question": WM_2021, "answer": first["answer"]}]})
    assert r.status_code == 200
    assert r.json()["value"] == 318
    assert any("318" in c["quote"] for c in r.json()["citations"])


def test_calculated_answer_shows_its_working(client):
    figures = {f["period"]: f["value"] for f in client.get("/api/figures", params={"subject": "West Midlands Police"}).json()
               if f["measure"] == "revenge porn offences recorded"}
    expected = round((figures["2021"] - figures["2020"]) / figures["2020"] * 100, 1)
    answer = client.post("/api/ask", json={"question": WM_CHANGE}).json()
    calc = answer["calculation"]
    assert calc is not None and calc["operation"] == "pct_change"
    assert calc["result"] == pytest.approx(expected)
    assert f"{expected:,.1f}%" in calc["expression"]
    assert len(answer["citations"]) == 2


def test_chat_streams_pieces_then_the_whole_answer(client):
    r = client.post("/api/chat", json={"question": WM_2021})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    events = sse_events(r.text)
    deltas = [json.loads(d)["text"] for name, d in events if name == "delta"]
    assert len(deltas) > 1, "the answer should arrive in pieces"
    assert events[-1][0] == "answer"
    final = json.loads(events[-1][1])
    assert "".join(deltas) == final["answer"]
    assert final == client.post("/api/ask", json={"question": WM_2021}).json(), "same question, same answer"


# ---- OpenAI-compatible ---------------------------------------------------------------


def test_completion_carries_footnotes_and_the_answer(client):
    r = client.post("/v1/chat/completions", json={"model": "qa", "messages": [{"role": "user", "content": WM_CHANGE}]})
    assert r.status_code == 200
    body = r.json()
    assert body["object"] == "chat.completion"
    text = body["choices"][0]["message"]["content"]
    answer = body["answer"]
    assert text.startswith(answer["answer"])
    for i, c in enumerate(answer["citations"], 1):
        assert f"[{i}] “{c['quote']}”" in text
    assert answer["calculation"]["expression"] in text


def test_streamed_completion_joins_to_the_same_text(client):
    messages = [{"role": "user", "content": WM_2021}]
    whole = client.post("/v1/chat/completions", json={"messages": messages}).json()
    r = client.post("/v1/chat/completions", json={"messages": messages, "stream": True})
    assert r.status_code == 200
    data = [d for _, d in sse_events(r.text)]
    assert data[-1] == "[DONE]"
    chunks = [json.loads(d) for d in data[:-1]]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert text == whole["choices"][0]["message"]["content"]
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["answer"] == whole["answer"]


def test_completion_follow_up_reads_earlier_messages(client):
    first = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": WM_2021}]}).json()
    messages = [
        {"role": "system", "content": "You answer questions."},
        {"role": "user", "content": [{"type": "text", "text": WM_2021}]},
        first["choices"][0]["message"],
        {"role": "user", "content": "And in 2020?"},
    ]
    r = client.post("/v1/chat/completions", json={"model": "qa", "messages": messages})
    assert r.status_code == 200
    assert r.json()["answer"]["value"] == 318


# ---- bad input: a 4xx with a message, never a 500 ----------------------------------------

TOO_MANY_TURNS = [{"question": "q", "answer": "a"}] * (Settings().max_history_turns + 1)
BAD_ASKS = [
    pytest.param({"json": {"question": ""}}, 400, "empty", id="empty"),
    pytest.param({"json": {"question": " \n\t "}}, 400, "empty", id="blank"),
    pytest.param({"json": {}}, 422, "question", id="missing"),
    pytest.param({"json": {"question": None}}, 422, "question", id="null"),
    pytest.param({"json": {"question": 42}}, 422, "question", id="number"),
    pytest.param({"json": {"question": ["a"]}}, 422, "question", id="list"),
    pytest.param({"json": ["How many?"]}, 422, "JSON object", id="not-an-object"),
    pytest.param({"content": b'{"question": "How many', "headers": {"content-type": "application/json"}}, 422, "not valid JSON", id="malformed"),
    pytest.param({"content": b"How many?", "headers": {"content-type": "text/plain"}}, 422, "JSON object", id="plain-text"),
    pytest.param({"json": {"question": "x" * 2001}}, 413, "2,001", id="too-long"),
    pytest.param({"json": {"question": "How many?", "history": "earlier"}}, 422, "history", id="history-not-list"),
    pytest.param({"json": {"question": "How many?", "history": [{"answer": "a"}]}}, 422, "0.question: field required", id="turn-missing-question"),
    pytest.param({"json": {"question": "How many?", "history": TOO_MANY_TURNS}}, 400, "limit", id="too-many-turns"),
    pytest.param({"json": {"question": "How many?", "qestion": "typo"}}, 422, "qestion", id="unknown-field"),
    pytest.param({"json": {"question": "x" * 70_000}}, 413, "64,000 bytes", id="body-over-limit"),
]


@pytest.mark.parametrize("route", ["/api/ask", "/api/chat"])
@pytest.mark.parametrize(("request_kwargs", "status", "phrase"), BAD_ASKS)
def test_bad_question_gets_a_clear_4xx(client, route, request_kwargs, status, phrase):
    assert_error(client.post(route, **request_kwargs), status, phrase)


BAD_COMPLETIONS = [
    pytest.param({}, 422, "messages", id="no-messages-field"),
    pytest.param({"messages": []}, 400, "last message", id="empty-messages"),
    pytest.param({"messages": [{"role": "assistant", "content": "Hi"}]}, 400, "last message", id="ends-with-assistant"),
    pytest.param({"messages": [{"role": "user", "content": ""}]}, 400, "empty", id="empty-content"),
    pytest.param({"messages": [{"role": "user", "content": "x" * 2001}]}, 413, "2,001", id="too-long"),
    pytest.param({"messages": [{"role": "robot", "content": "Hi"}]}, 422, "role", id="unknown-role"),
    pytest.param({"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]}, 400, "only text", id="image-part"),
    pytest.param({"messages": [{"role": "assistant", "content": "a"}, {"role": "user", "content": "q"}]}, 400, "must follow", id="assistant-first"),
    pytest.param({"messages": "How many?"}, 422, "messages", id="messages-not-list"),
]


@pytest.mark.parametrize(("body", "status", "phrase"), BAD_COMPLETIONS)
def test_bad_completion_request_gets_a_clear_4xx(client, body, status, phrase):
    assert_error(client.post("/v1/chat/completions", json=body), status, phrase)


def test_body_over_limit_is_refused_even_without_a_length(client):
    def chunks():
        yield b'{"question": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}'

    r = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in r.request.headers
    assert_error(r, 413, "bytes")


def test_rate_limit_per_client(client):
    with limited_client(rate_limit_per_minute=3) as limited:
        assert [limited.get("/api/documents").status_code for _ in range(3)] == [200, 200, 200]
        r = limited.post("/api/ask", json={"question": WM_2021})
        assert_error(r, 429, "limit is 3 a minute")
        assert 1 <= int(r.headers["retry-after"]) <= 61
        assert limited.get("/").status_code == 200, "the page itself is not limited"
        assert limited.get("/healthz").status_code == 200
    with limited_client(rate_limit_per_minute=0) as unlimited:
        assert {unlimited.get("/api/documents").status_code for _ in range(20)} == {200}


def test_unknown_route_and_wrong_method(client):
    assert_error(client.get("/api/nothing-here"), 404, "/docs")
    assert_error(client.get("/api/ask"), 405, "method")


# ---- corpus routes ------------------------------------------------------------------


def test_figures_filter_by_subject_and_period(client):
    everything = client.get("/api/figures").json()
    assert everything
    subject = everything[0]["subject"]
    some = client.get("/api/figures", params={"subject": subject.upper()}).json()
    assert some and all(subject.casefold() in f["subject"].casefold() for f in some)
    period = next(f["period"] for f in everything if f["period"])
    dated = client.get("/api/figures", params={"period": period}).json()
    assert dated and {f["period"] for f in dated} == {period}
    assert len(dated) < len(everything)
    assert client.get("/api/figures", params={"subject": "no such subject"}).json() == []


def test_figures_as_csv(client):
    r = client.get("/api/figures", params={"format": "csv", "period": "2021"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == [f["id"] for f in client.get("/api/figures", params={"period": "2021"}).json()]
    assert_error(client.get("/api/figures", params={"format": "xml"}), 422, "csv")


def test_documents_list_and_article(client):
    docs = client.get("/api/documents").json()
    assert docs
    doc = client.get(f"/api/documents/{docs[0]['id']}").json()
    assert doc["title"] == docs[0]["title"]
    assert len(doc["text"]) == docs[0]["characters"]
    # every figure's quote sits inside one paragraph, so the page can highlight it there
    for f in client.get("/api/figures", params={"doc_id": doc["id"]}).json():
        assert any(p["start"] <= f["start"] and f["end"] <= p["end"] for p in doc["paragraphs"]), f["id"]
    assert all("\n\n" not in doc["text"][p["start"]:p["end"]] for p in doc["paragraphs"])
    assert_error(client.get("/api/documents/no-such-article"), 404, "/api/documents")


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"
    assert r.json()["documents"] == len(client.get("/api/documents").json())


def test_audit_route():
    with TestClient(create_app(warm=False)) as client:
        r = client.get("/api/audit")
    assert r.status_code == 200
    assert isinstance(r.json()["findings"], list)


# ---- the page: self-hosted, no inline script, data never parsed as HTML ---------------------


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/docs", "/healthz", "/api/figures", "/api/nothing", "/openapi.json"])
def test_every_response_forbids_inline_script(client, path):
    csp = client.get(path).headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"


class PageParts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.inline_script = False
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.labels: set[str] = set()
        self.fields: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.handlers += [k for k in a if k.startswith("on")]
        self.urls += [v for k, v in a.items() if k in ("src", "href") and v]
        if tag == "script":
            self.scripts.append(a)
            self._in_script = True
        if tag == "label":
            self.labels.add(a.get("for", ""))
        if tag in ("textarea", "input"):
            self.fields.append(a.get("id", ""))

    def handle_endtag(self, tag):
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_script = True


def test_page_is_self_hosted_and_labelled(client):
    for path in ("/", "/docs"):
        r = client.get(path)
        assert r.status_code == 200
        page = PageParts()
        page.feed(r.text)
        assert page.scripts and all(s.get("src", "").startswith("/") for s in page.scripts)
        assert not page.inline_script and not page.handlers
        assert all(u.startswith(("/", "#")) for u in page.urls), page.urls
        for url in page.urls:
            if url.startswith("/"):
                assert client.get(url).status_code == 200, url
    home = PageParts()
    home.feed(client.get("/").text)
    assert home.fields and set(home.fields) <= home.labels, "every field has a label"


def test_page_script_never_parses_data_as_html():
    script = (STATIC / "app.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script, sink


@pytest.mark.parametrize("document, status", [
    ("iia-police-2022-06-06", 200),  # the built-in article: answered from it
    ("no-such-article", 404),  # refused, naming the documents there are
])
def test_ask_restricted_to_a_document(client, document, status):
    r = client.post("/api/ask", json={"question": "How many revenge porn offences did West Midlands Police record in 2021?",
                                      "document": document})
    assert r.status_code == status
    if status == 200:
        body = r.json()
        assert body["value"] == 710
        assert {c["doc_id"] for c in body["citations"]} == {document}
    else:
        assert "no-such-article" in r.json()["detail"]
        assert r.json()["error"]["type"] == "UnknownDocument"
