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


ROLES = {"user", "assistant", "system", "developer", "tool"}


def _text_of(content: Any) -> str | None:
    """A message's text: a string, or OpenAI-style text parts (`[{"type": "text", "text": ...}]`) joined by lines;
    None for anything else (an image, a list of plain strings)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list) and content and all(
            isinstance(p, dict) and p.get("type") == "text" and isinstance(p.get("text"), str) for p in content):
        return "\n".join(p["text"] for p in content)
    return None


def pair_messages(history: Sequence[Any]) -> list[Any]:
    """OpenAI-style `{role, content}` messages as `{question, answer}` turns: each user message with the assistant
    reply after it. System and tool messages carry no question; any other role is a BadHistory."""
    turns: list[dict[str, str]] = []
    for i, m in enumerate(history):
        role, content = m.get("role"), _text_of(m.get("content", ""))
        if role not in ROLES or content is None:
            raise BadHistory(f"message {i + 1} must have a role (user or assistant) and text content")
        if role == "user":
            turns.append({"question": content, "answer": ""})
        elif role == "assistant" and turns and not turns[-1]["answer"]:
            turns[-1]["answer"] = content
    return turns


def clean_history(history: Sequence[Turn | dict[str, Any] | str] | None, max_turns: int, limit: int) -> list[Turn]:
    """Earlier turns as `{question, answer}` (or Turn, or plain text) or as OpenAI-style `{role, content}` messages."""
    if history is None:
        return []
    if isinstance(history, (str, bytes, dict)) or not isinstance(history, Sequence):
        raise BadHistory("expected a list of earlier turns")
    dicts = [t for t in history if isinstance(t, dict)]
    if dicts and any("role" in t for t in dicts):
        if any("question" in t for t in dicts) or len(dicts) != len(history):
            raise BadHistory("history mixes {question, answer} turns and {role, content} messages; send one shape")
        history = pair_messages(history)
    if len(history) > max_turns:
        raise BadHistory(f"{len(history)} turns is more than the limit of {max_turns}; send only the recent ones")
    turns = []
    for i, t in enumerate(history):
        if isinstance(t, Turn):
            turn = t
        elif isinstance(t, str):
            turn = Turn(question=t)
        elif (isinstance(t, dict) and "question" in t and set(t) <= {"question", "answer"}
              and isinstance(t.get("question"), str) and isinstance(t.get("answer", ""), str | None)):
            turn = Turn(question=t["question"], answer=t.get("answer") or "")
        else:
            raise BadHistory(f"turn {i + 1} must be text, {{question, answer}} or {{role, content}}")
        if len(turn.question) > limit or len(turn.answer) > 20 * limit:
            raise BadHistory(f"turn {i + 1} is too long")
        turn = Turn(question=SURROGATE.sub("\ufffd", turn.question), answer=SURROGATE.sub("\ufffd", turn.answer))
        turns.append(turn)
    return turns

