"""Cleaning what a person typed: the question and the conversation before it, with limits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from qa.model.errors import BadHistory, BadQuestion, EmptyQuestion, QuestionTooLong
from qa.model.records import Turn

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SURROGATE = re.compile(r"[\ud800-\udfff]")  # lone surrogates cannot be encoded; keep the rest of the text


def clean_question(question: Any, limit: int) -> str:
    if question is None:
        raise EmptyQuestion()
    if isinstance(question, bytes):
        try:
            question = question.decode("utf-8")
        except UnicodeDecodeError:
            raise BadQuestion("it is not UTF-8 text") from None
    if not isinstance(question, str):
        raise BadQuestion(f"expected text, got {type(question).__name__}")
    if len(question) > limit:
        raise QuestionTooLong(len(question), limit)
    text = CONTROL.sub(" ", SURROGATE.sub("\ufffd", question)).replace("\u00a0", " ")
    text = " ".join(text.split())
    if not text or not re.search(r"[A-Za-z0-9]", text):
        raise EmptyQuestion()
    return text


def clean_history(history: Sequence[Turn | dict[str, Any] | str] | None, max_turns: int, limit: int) -> list[Turn]:
    if history is None:
        return []
    if isinstance(history, (str, bytes, dict)) or not isinstance(history, Sequence):
        raise BadHistory("expected a list of earlier turns")
    if len(history) > max_turns:
        raise BadHistory(f"{len(history)} turns is more than the limit of {max_turns}; send only the recent ones")
    turns = []
    for i, t in enumerate(history):
        if isinstance(t, Turn):
            turn = t
        elif isinstance(t, str):
            turn = Turn(question=t)
        elif isinstance(t, dict) and isinstance(t.get("question", ""), str) and isinstance(t.get("answer", ""), str):
            turn = Turn(question=t.get("question", ""), answer=t.get("answer", "") or "")
        else:
            raise BadHistory(f"turn {i + 1} must be text or {{question, answer}}")
        if len(turn.question) > limit or len(turn.answer) > 20 * limit:
            raise BadHistory(f"turn {i + 1} is too long")
        turn = Turn(question=SURROGATE.sub("\ufffd", turn.question), answer=SURROGATE.sub("\ufffd", turn.answer))
        turns.append(turn)
    return turns

