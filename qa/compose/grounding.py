"""The one ungrounded-number check: every number an answer states must come from somewhere it shows.

A number is grounded when it matches (`qa.text.numbers.matches`, the rounding rule) a number in
a citation's quote, the question, the conversation, or the working of the calculation.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa.model.records import Answer, Turn
from qa.text.numbers import WORD_RE, WORDS, matches, numbers_in


def ungrounded_numbers(answer: Answer, question: str = "", history: Sequence[Turn] = ()) -> list[float]:
    """Numbers in the answer text found in no citation, the question, the history or the working."""
    allowed: list[float] = []
    for c in answer.citations:
        allowed += numbers_in(c.quote)
    allowed += numbers_in(question)
    for t in history:
        allowed += numbers_in(t.question) + numbers_in(t.answer)
    if answer.calculation:
        allowed += numbers_in(answer.calculation.expression)
    out = []
    for n in numbers_in(answer.answer, words=False):
        if not any(n == a or matches(n, a) for a in allowed):
            out.append(n)
    return out


def numbers_stated(text: str) -> list[float]:
    """Numbers in a reply: digits, and number words other than 'one' (too often a pronoun)."""
    found = numbers_in(text, words=False)
    found += [float(WORDS[m.group(1).lower()]) for m in WORD_RE.finditer(text) if m.group(1).lower() != "one"]
    return found
