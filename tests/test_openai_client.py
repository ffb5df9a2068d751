"""The official `openai` client against a real uvicorn server on loopback, streaming and not."""

from __future__ import annotations

import openai
import pytest
from live_server import live_server

pytestmark = pytest.mark.slow

WM_2021 = "How many revenge porn offences did West Midlands Police record in 2021?"
WM_CHANGE = "What was the percentage change in revenge porn offences at West Midlands Police from 2020 to 2021?"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("openai-server")


@pytest.fixture(scope="module")
def server(data_dir):
    with live_server(data_dir) as base:
        yield base


@pytest.fixture(scope="module")
def client(server):
    return openai.OpenAI(base_url=f"{server}/v1", api_key="not-needed", max_retries=0, timeout=60)


def ask(client, *messages, **kwargs):
    return client.chat.completions.create(model="qa", messages=list(messages), **kwargs)


def user(text):
    return {"role": "user", "content": text}


def test_answer_with_footnoted_quotes(client):
    completion = ask(client, user(WM_2021))
    text = completion.choices[0].message.content
    answer = completion.answer  # the extra field: the whole Answer
    assert completion.choices[0].finish_reason == "stop"
    assert answer["value"] == 710 and "710" in text
    assert answer["citations"]
    for i, c in enumerate(answer["citations"], 1):
        assert f"[{i}] “{c['quote']}”" in text


def test_calculation_travels_in_the_text(client):
    completion = ask(client, user(WM_CHANGE))
    calc = completion.answer["calculation"]
    assert calc["operation"] == "pct_change"
    assert calc["expression"] in completion.choices[0].message.content


def test_stream_arrives_in_pieces_and_matches(client):
    whole = ask(client, user(WM_2021))
    chunks = list(ask(client, user(WM_2021), stream=True))
    pieces = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(pieces) > 1
    assert "".join(pieces) == whole.choices[0].message.content
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].answer == whole.answer


def test_follow_up_with_earlier_messages(client):
    first = ask(client, user(WM_2021))
    follow = ask(client, user(WM_2021), {"role": "assistant", "content": first.choices[0].message.content}, user("And in 2020?"))
    assert follow.answer["value"] == 318
    assert "318" in follow.choices[0].message.content


@pytest.mark.parametrize(
    ("messages", "error", "phrase"),
    [
        ([user("   ")], openai.BadRequestError, "empty"),
        ([user("x" * 2001)], openai.APIStatusError, "2,001"),
        ([{"role": "assistant", "content": "Hello"}], openai.BadRequestError, "last message"),
    ],
)
def test_bad_requests_raise_readable_errors(client, messages, error, phrase):
    with pytest.raises(error) as caught:
        ask(client, *messages)
    assert caught.value.status_code < 500
    assert phrase in caught.value.message


def test_a_restarted_server_is_ready_to_answer(data_dir, server):
    # The module's server has built the index in data_dir; a second one starts on it and answers once ready.
    # How long that takes is measured in bench/ (python -m bench.ingest --startup), not asserted here:
    # live_server polls for readiness with a generous timeout, so a loaded machine is slow, not failing.
    with live_server(data_dir) as base:
        assert ask(openai.OpenAI(base_url=f"{base}/v1", api_key="x", max_retries=0), user(WM_2021)).answer["value"] == 710
