"""Grounded question answering over the statistics in news articles.

    >>> import qa
    >>> qa.ask("How many revenge porn offences did West Midlands Police record in 2021?").value
    710.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qa.model.records import Answer, Calculation, Citation, Figure, Turn

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Answer", "Calculation", "Citation", "Figure", "Turn", "ask"]


def ask(
    question: Any, history: Sequence[Turn | dict[str, Any] | str] | None = None, llm: str | None = None,
    document: str | None = None, explain: bool = False,
) -> Answer:
    """Answer one question about the indexed articles, deterministically and offline.

    `history` holds earlier turns (oldest first) so follow-ups like "And in 2020?" resolve.
    `llm` names an optional chat model for this call ("openai:gpt-4o-mini", "ollama:llama3.1";
    "" for none); None uses `QA_LLM`, which is unset by default. See docs/llm.md.
    `document` restricts the question to one document's figures and passages (its id, as `qa documents`
    lists it); without it the engine reads the document the question is about, when one clearly is.
    `explain` adds the ranked candidate readings (features, scores) to `Answer.explanation`.
    Raises a `qa.model.errors.QAError` subclass with a readable message on bad input.
    """
    # The pipeline loads Chroma, onnxruntime and pandas; importing it here keeps `import qa` (and every
    # `qa.model` import, which runs this file first) light.
    from qa.pipeline import ask as ask_pipeline

    return ask_pipeline(question, history, llm=llm, document=document, explain=explain)
