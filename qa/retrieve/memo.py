"""What one question works out more than once, worked out once: a memo that lives while one question is answered.

Answering a question searches the index with the same words several times (to choose the document, then within
it) and scores the figures against the same reading from several planners. Inside `one_question()` such work is
kept in a memo for that question; outside it (or in another thread) nothing is kept. The memo is dropped when the
question is answered, so a question is never answered from another question's work and nothing grows between
requests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_current: ContextVar[dict[str, dict[Any, Any]] | None] = ContextVar("qa_question_memo", default=None)


@contextmanager
def one_question() -> Iterator[None]:
    """A memo for the question answered inside this block (a block inside another shares the outer one's)."""
    if _current.get() is not None:
        yield
        return
    token = _current.set({})
    try:
        yield
    finally:
        _current.reset(token)


def memo(name: str) -> dict[Any, Any] | None:
    """The current question's memo for one kind of work, or None outside `one_question()`."""
    current = _current.get()
    if current is None:
        return None
    return current.setdefault(name, {})
