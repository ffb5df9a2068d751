"""OpenAI chat completions in and out of `qa.ask`.

A chat client shows only the message text, so the grounding goes into the text as
numbered footnotes (quotes, the working, warnings); programs get the whole Answer in
the extra `answer` field, on the completion and on the last streamed chunk.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from typing import Any

from api.schemas import ChatMessageIn, TurnIn
from qa.model.errors import BadHistory, BadQuestion
from qa.model.records import Answer

# Footnotes start after this line; it is also where an earlier answer is cut when it comes
# back as history, so the engine sees the answer and not our notes.
NOTES_RULE = "\n\n---\n"


def message_text(message: ChatMessageIn) -> str:
    """The text of a message whose content is a string or a list of {type: text, text} parts."""
    content = message.content
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    pieces = []
    for part in content:
        if part.get("type") != "text" or not isinstance(part.get("text"), str):
            raise BadQuestion("only text message parts are understood (no images, audio or files)")
        pieces.append(part["text"])
    return "\n".join(pieces)


def question_and_history(messages: list[ChatMessageIn]) -> tuple[str, list[TurnIn]]:
    """The last user message is the question; earlier user/assistant pairs are the history."""
    talk = [m for m in messages if m.role in ("user", "assistant")]
    if not talk or talk[-1].role != "user":
        raise BadQuestion("the last message must be the user's question (role 'user')")
    history: list[TurnIn] = []
    for m in talk[:-1]:
        text = message_text(m)
        if m.role == "user":
            history.append(TurnIn(question=text))
        elif history and not history[-1].answer:
            history[-1].answer = text.split(NOTES_RULE, 1)[0]
        else:
            raise BadHistory("an assistant message must follow a user message")
    return message_text(talk[-1]), history


def footnotes(answer: Answer) -> str:
    """The grounding of an answer as plain text a chat window can show."""
    lines = []
    for i, c in enumerate(answer.citations, 1):
        lines.append(f"[{i}] “{c.quote}” ({c.doc_id}, characters {c.start:,}–{c.end:,})")
    if answer.calculation is not None:
        lines.append(f"Working: {answer.calculation.expression}")
    for w in answer.warnings:
        lines.append(f"Note: {w}")
    return NOTES_RULE + "\n".join(lines) if lines else ""


def reply_text(answer: Answer) -> str:
    markers = "".join(f" [{i}]" for i in range(1, len(answer.citations) + 1))
    return answer.answer + markers + footnotes(answer)


def pieces(text: str) -> list[str]:
    """Word-sized pieces that join back to exactly `text`."""
    return re.findall(r"\S+\s*|\s+", text)


def completion(answer: Answer, model: str) -> dict[str, Any]:
    text = reply_text(answer)
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop", "logprobs": None}
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": len(pieces(text)), "total_tokens": len(pieces(text))},
        "answer": answer.model_dump(mode="json"),
    }


def chunks(answer: Answer, model: str) -> Iterator[dict[str, Any]]:
    """The chunks of a streamed completion; the last carries finish_reason and the Answer."""
    base = {"id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion.chunk", "created": int(time.time()), "model": model}

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> dict[str, Any]:
        return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}], **extra}

    yield chunk({"role": "assistant", "content": ""})
    for piece in pieces(reply_text(answer)):
        yield chunk({"content": piece})
    yield chunk({}, "stop", answer=answer.model_dump(mode="json"))
