"""Request and response bodies of the HTTP API, named by their role.

The answer itself is `qa.model.records.Answer`, served as it is: a field means the same
thing in `qa.ask`, in `POST /api/ask` and in the extra `answer` field of a chat completion.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class TurnIn(BaseModel):
    """One earlier exchange of the conversation, oldest first."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(description="What the person asked.")
    answer: str = Field(default="", description="The answer text they were given.")


class MessageIn(BaseModel):
    """An earlier message in OpenAI's shape; user messages pair with the assistant reply after them."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["system", "developer", "user", "assistant", "tool"] = Field(description="Who wrote it.")
    content: str = Field(description="What they wrote.")


class AskRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": "How many revenge porn offences did West Midlands Police record in 2021?"},
                {
                    "question": "And in 2020?",
                    "history": [
                        {
                            "question": "How many revenge porn offences did West Midlands Police record in 2021?",
                            "answer": "West Midlands Police recorded 710 revenge porn offences in 2021.",
                        }
                    ],
                },
            ]
        },
    )

    question: str = Field(description="The question, at most `max_question_chars` characters.")
    history: list[TurnIn] | list[MessageIn] = Field(
        default_factory=list,
        description="Earlier turns, oldest first, so follow-ups like 'And in 2020?' resolve: {question, answer} turns "
        "or OpenAI-style {role, content} messages (one shape per request).",
    )
    explain: bool = Field(default=False, description="Also return the ranked candidate readings in `explanation`.")
    llm: str | None = Field(
        default=None,
        description='Chat model for this request: "" turns it off; otherwise only the server\'s QA_LLM is accepted. '
        "Default: the server's setting (off unless QA_LLM is set).",
    )
    document: str | None = Field(
        default=None, max_length=120,
        description="Restrict the question to one document (its id, from GET /api/documents). Default: the "
        "document the question is about, chosen by the engine; an unknown id is answered 404.",
    )


class ChatMessageIn(BaseModel):
    """An OpenAI chat message. Content may be a string or a list of text parts."""

    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[dict[str, Any]] | None = None


class ChatCompletionRequest(BaseModel):
    """The subset of OpenAI's chat completion request this service uses; other fields are accepted and ignored."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(default="qa", description="Ignored: there is one deterministic engine.")
    messages: list[ChatMessageIn] = Field(description="The conversation; the last message must be the user's question.")
    stream: bool = False

    @field_validator("model")
    @classmethod
    def _printable(cls, value: str) -> str:
        """The model name is echoed back: text that cannot be written as UTF-8 is refused, not a 500."""
        if any("\ud800" <= c <= "\udfff" for c in value):
            raise ValueError("is not valid Unicode (it holds a lone surrogate)")
        return value


class HealthOut(BaseModel):
    status: Literal["ok"]
    documents: int
    figures: int


class DocumentSummaryOut(BaseModel):
    id: str
    title: str
    published: date
    source: str
    characters: int


class ParagraphOut(BaseModel):
    start: int
    end: int


class DocumentOut(DocumentSummaryOut):
    text: str
    paragraphs: list[ParagraphOut] = Field(description="Character ranges of the paragraphs of `text`.")


class ErrorBody(BaseModel):
    message: str
    type: str


class ErrorOut(BaseModel):
    """Every error: `detail` for FastAPI habits, `error` for OpenAI clients; both carry the same message."""

    detail: str
    error: ErrorBody

