"""Limits set from the environment, hostile request bodies, and the security promises.

- each limit (body size, question length, history length, requests per client per minute)
  is read from its QA_* variable and enforced with a clear 4xx/429 that names the limit;
- bodies a fuzzer would not think of (lone surrogates, NUL, deep nesting) are a 4xx or an
  answer, never a 500;
- every HTML response carries a Content-Security-Policy whose scripts cannot be inline,
  user text never comes back as HTML, and the admin token is compared in constant time.
"""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from qa.engine import reset_engine

WM21 = "How many revenge porn offences did West Midlands Police record in 2021?"


@pytest.fixture
def app_with(monkeypatch):
    """An app whose settings come from these QA_* environment variables, as a deployment sets them."""

    def make(**env: str) -> TestClient:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        reset_engine()  # also forgets the cached settings
        return TestClient(create_app(warm=False), raise_server_exceptions=False)

    return make


def assert_clear(r, status: int, *phrases: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    message = r.json()["detail"]
    assert r.json()["error"]["message"] == message
    for phrase in phrases:
        assert phrase in message, message


def test_question_length_limit_comes_from_the_environment(app_with):
    client = app_with(QA_MAX_QUESTION_CHARS=str(len(WM21)), QA_RATE_LIMIT_PER_MINUTE="0")
    assert client.post("/api/ask", json={"question": WM21}).status_code == 200
    longer = WM21 + " And 2020?"
    assert_clear(client.post("/api/ask", json={"question": longer}), 413, str(len(longer)), str(len(WM21)))


def test_history_length_limit_comes_from_the_environment(app_with):
    client = app_with(QA_MAX_HISTORY_TURNS="2", QA_RATE_LIMIT_PER_MINUTE="0")
    turn = {"question": WM21, "answer": "710"}
    assert client.post("/api/ask", json={"question": "And in 2020?", "history": [turn] * 2}).status_code == 200
    assert_clear(client.post("/api/ask", json={"question": "And in 2020?", "history": [turn] * 3}), 400, "3", "2")


def test_body_size_limit_comes_from_the_environment(app_with):
    client = app_with(QA_MAX_BODY_BYTES="2000", QA_RATE_LIMIT_PER_MINUTE="0")
    turn = {"question": WM21, "answer": "x" * 500}
    assert client.post("/api/ask", json={"question": "And in 2020?", "history": [turn] * 2}).status_code == 200
    assert_clear(client.post("/api/ask", json={"question": "And in 2020?", "history": [turn] * 4}), 413, "2,000 bytes")


def test_rate_limit_comes_from_the_environment(app_with):
    client = app_with(QA_RATE_LIMIT_PER_MINUTE="5")
    codes = [client.post("/api/ask", json={"question": WM21}).status_code for _ in range(5)]
    assert codes == [200] * 5
    r = client.post("/api/ask", json={"question": WM21})
    assert_clear(r, 429, "5 a minute")
    assert 1 <= int(r.headers["retry-after"]) <= 61


def test_a_bad_limit_setting_fails_with_a_message(app_with):
    from qa.model.errors import BadSetting
    from qa.model.settings import get_settings

    with pytest.raises(BadSetting, match="QA_MAX_BODY_BYTES"):
        app_with(QA_MAX_BODY_BYTES="lots")
        get_settings()


HOSTILE_BODIES = [
    pytest.param(b'{"question": "\\ud800 offences in West Midlands"}', id="lone-surrogate"),
    pytest.param(b'{"question": "West Midlands \\udfff 2021?", "history": [{"question": "\\ud83d"}]}', id="surrogate-in-history"),
    pytest.param(b'{"question": "How many\\u0000 offences?"}', id="nul"),
    pytest.param(b'{"question": "How many offences?", "history": [{"question": "\\u202e\\u200b\\ufeff"}]}', id="invisible"),
    pytest.param(b'{"question": ' + b"[" * 5000 + b"]" * 5000 + b"}", id="deep-nesting"),
    pytest.param(b'{"question": "How many?", "question": "Twice?"}', id="duplicate-key"),
    pytest.param(b'{"question": 1e999}', id="huge-number"),
    pytest.param(b"\xff\xfe{\x00}", id="not-utf8"),
]


@pytest.mark.parametrize("route", ["/api/ask", "/api/chat"])
@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_hostile_bodies_are_answered_or_refused_never_a_500(app_with, route, body):
    client = app_with(QA_RATE_LIMIT_PER_MINUTE="0")
    r = client.post(route, content=body, headers={"content-type": "application/json"})
    assert r.status_code < 500, r.text
    if r.status_code >= 400:
        assert r.json()["detail"].strip()


# ---- security ---------------------------------------------------------------------------------


def html_routes(app) -> list[str]:
    """Every GET route without path parameters that serves a page (not JSON)."""
    client = TestClient(app)
    paths = [r.path for r in app.routes if "GET" in getattr(r, "methods", set()) and "{" not in r.path]
    return [p for p in paths if client.get(p).headers.get("content-type", "").startswith("text/html")]


def script_sources(csp: str) -> list[str]:
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    return directives.get("script-src-elem") or directives.get("script-src") or directives.get("default-src") or ["*"]


def test_every_page_forbids_inline_script(app_with):
    client = app_with(QA_RATE_LIMIT_PER_MINUTE="0")
    pages = html_routes(client.app)
    assert "/" in pages and "/docs" in pages
    for path in pages + ["/no-such-page"]:
        r = client.get(path)
        sources = script_sources(r.headers["content-security-policy"])
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"} & set(sources), (path, sources)
        assert r.headers["x-content-type-options"] == "nosniff"
        if r.headers["content-type"].startswith("text/html"):
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", r.text), f"inline script in {path}"
            assert not re.search(r"\son[a-z]+\s*=", r.text), f"inline event handler in {path}"


@pytest.mark.parametrize("path", ["/<script>alert(1)</script>", "/api/documents/<img src=x onerror=alert(1)>"])
def test_user_text_never_comes_back_as_html(app_with, path):
    client = app_with(QA_RATE_LIMIT_PER_MINUTE="0")
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"


def test_a_question_with_markup_comes_back_as_json_text(app_with):
    client = app_with(QA_RATE_LIMIT_PER_MINUTE="0")
    r = client.post("/api/ask", json={"question": "<script>alert(1)</script> How many offences in 2021?"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    json.loads(r.text)


def test_the_admin_token_is_compared_in_constant_time(app_with, monkeypatch):
    import hmac

    import api.routes_documents as routes

    compared: list[tuple[bytes, bytes]] = []
    original = hmac.compare_digest

    def spy(a, b):
        compared.append((a, b))
        return original(a, b)

    monkeypatch.setattr(routes.hmac, "compare_digest", spy)
    client = app_with(QA_ADMIN_TOKEN="s3cret-token", QA_RATE_LIMIT_PER_MINUTE="0")
    body = {"text": "   ", "format": "text"}  # refused as empty once past the token: the store is untouched
    r = client.post("/api/documents", json=body, headers={"authorization": "Bearer s3cret-tokeX"})
    assert r.status_code == 401
    assert compared == [(b"s3cret-tokeX", b"s3cret-token")]
    r = client.post("/api/documents", json=body, headers={"authorization": "Bearer s3cret-token"})
    assert r.status_code != 401
