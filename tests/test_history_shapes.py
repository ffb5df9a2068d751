"""History in both shapes: {question, answer} turns and OpenAI-style {role, content} messages."""

from __future__ import annotations

import pytest

from qa.model.errors import BadHistory
from qa.model.records import Turn
from qa.understand.clean import clean_history


@pytest.mark.parametrize(
    "history, expected",
    [
        ([{"question": "How many in 2021?", "answer": "710."}], [Turn(question="How many in 2021?", answer="710.")]),
        ([{"role": "user", "content": "How many in 2021?"}, {"role": "assistant", "content": "710."}],
         [Turn(question="How many in 2021?", answer="710.")]),
        ([{"role": "system", "content": "Be brief."}, {"role": "user", "content": "A?"},
          {"role": "assistant", "content": "1."}, {"role": "user", "content": "B?"}],
         [Turn(question="A?", answer="1."), Turn(question="B?", answer="")]),
        (["How many in 2021?"], [Turn(question="How many in 2021?")]),
        # OpenAI-style text parts are the message's text, joined by lines
        ([{"role": "user", "content": [{"type": "text", "text": "How many"}, {"type": "text", "text": "in 2021?"}]},
          {"role": "assistant", "content": [{"type": "text", "text": "710."}]}],
         [Turn(question="How many\nin 2021?", answer="710.")]),
    ],
)
def test_both_shapes_become_turns(history, expected):
    assert clean_history(history, 20, 2000) == expected


@pytest.mark.parametrize(
    "history, message",
    [
        ([{"role": "user", "content": "A?"}, {"question": "B?"}], "mixes"),
        ([{"role": "robot", "content": "A?"}], "must have a role"),
        ([{"role": "user", "content": ["not", "text"]}], "must have a role"),
        ([{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}], "must have a role"),
        ([{"text": "A?"}], "must be text"),
        ([{"question": "A?", "answer": 3}], "must be text"),
        ("How many?", "expected a list"),
    ],
)
def test_anything_else_is_a_bad_history(history, message):
    with pytest.raises(BadHistory, match=message):
        clean_history(history, 20, 2000)


def test_a_follow_up_keeps_its_context_with_role_content_messages():
    import qa

    first = "How many revenge porn offences did West Midlands Police record in 2021?"
    msgs = [{"role": "user", "content": first}, {"role": "assistant", "content": "710 offences."}]
    turns = [{"question": first, "answer": "710 offences."}]
    a, b = qa.ask("And in 2020?", history=msgs), qa.ask("And in 2020?", history=turns)
    assert (a.value, a.abstained) == (b.value, b.abstained) and a.value == 318
