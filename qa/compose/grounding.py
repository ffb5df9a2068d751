"""The one ungrounded-number check: every number an answer states must come from somewhere it shows.

A number is grounded when it matches (`qa.text.numbers.matches`, the rounding rule) a number in
a citation's quote, the question, the conversation, or the working of the calculation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from qa.model.records import Answer, Figure, Turn
from qa.text.mentions import find_numbers
from qa.text.numbers import WORD_RE, WORDS, matches, numbers_in

# accounts write a negative in brackets: "(12,632)" grounds -12,632 as well as 12,632
_BRACKETED = re.compile(r"\(\s*(?:US\$|[£$€])?\s*(\d[\d,]*(?:\.\d+)?)\s*\)")


def negatives(text: str) -> list[float]:
    """The numbers a text writes in brackets, as the negatives accounts mean by them."""
    return [-float(m.group(1).replace(",", "")) for m in _BRACKETED.finditer(text)]


def ungrounded_numbers(answer: Answer, question: str = "", history: Sequence[Turn] = ()) -> list[float]:
    """Numbers in the answer text found in no citation, the question, the history or the working."""
    allowed: list[float] = []
    for c in answer.citations:
        allowed += numbers_in(c.quote) + negatives(c.quote)
    allowed += numbers_in(question)
    for t in history:
        allowed += numbers_in(t.question) + numbers_in(t.answer)
    for calc in [answer.calculation] + [c.calculation for c in answer.clarify]:
        if calc is not None:
            allowed += numbers_in(calc.expression)
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


# --- the strict check: the one the evaluation scores with and the pipeline guards with -------------------

# "one" is far more often a pronoun ("no one", "one of the reasons") than a figure; every other number word counts.
_NOT_NUMBERS = {"one"}
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_UNITS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
_COMPOUND = re.compile(r"\b(" + "|".join(_TENS) + r")[-\s](" + "|".join(_UNITS) + r")\b", re.IGNORECASE)
_WORD = re.compile(r"\b(" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _in_a_name(text: str, at: int) -> bool:
    """A capitalised number word inside a sentence is part of a name ("Net Zero", "Five Eyes"), not a figure."""
    if not text[at].isupper():
        return False
    before = text[:at].rstrip()
    return bool(before) and before[-1] not in ".!?:;\"“(\n"


def stated_numbers(text: str) -> list[float]:
    """The numbers a reader sees in `text`: digits, and number words (thirty-eight is 38, not 30 and 8)."""
    found = numbers_in(text, words=False)
    spans: list[tuple[int, int]] = []
    for m in _COMPOUND.finditer(text):
        found.append(float(WORDS[m.group(1).lower()] + WORDS[m.group(2).lower()]))
        spans.append(m.span())
    for m in _WORD.finditer(text):
        word = m.group(1).lower()
        if word in _NOT_NUMBERS or any(s <= m.start() < e for s, e in spans) or _in_a_name(text, m.start()):
            continue
        found.append(float(WORDS[word]))
    return found


def figure_labels(answer: Answer, figures: Mapping[str, Figure]) -> list[str]:
    """The labels (subject and measure, words of the article) of the figures an answer used, which it prints beside
    their values: a number in a label ("the 20 Aug auction", "on the eight routes") is the article's, not a claim."""
    ids = list(answer.figures)
    for calc in [answer.calculation] + [c.calculation for c in answer.clarify]:
        if calc is not None:
            ids += calc.operands
    return [text for i in dict.fromkeys(ids) if (f := figures.get(i)) is not None for text in (f.subject, f.measure)]


def strict_ungrounded(answer: Answer, question: str, history: Iterable[dict[str, Any] | Turn] = (),
                      labels: Iterable[str] = ()) -> list[float]:
    """Numbers the answer text states that appear in none of its sources: the cited quotes (a share a quote writes in
    words, "three in ten", "a fifth", as the percentage it is), the question, the earlier turns, the calculation's
    expression and result (each option's, for a clarifying answer), and the `labels` of the figures it used
    (`figure_labels`). A decimal may be a rounding of a source number (123.3 for 123.27); a whole number must appear as
    written."""
    quotes = [c.quote for c in answer.citations] + [c.quote for o in answer.clarify for c in o.citations]
    sources: list[str] = [question, *quotes, *labels]
    for turn in history:
        t = turn.model_dump() if isinstance(turn, Turn) else turn
        sources += [str(t.get("question", "")), str(t.get("answer", ""))]
    allowed = [n for s in sources for n in stated_numbers(s) + negatives(s)]
    allowed += [m.value for q in quotes for m in find_numbers(q)]
    for calc in [answer.calculation] + [c.calculation for c in answer.clarify]:  # a clarifying answer shows each option's working
        if calc is not None:
            allowed += stated_numbers(calc.expression)
            allowed.append(calc.result)
    allowed += [-n for n in allowed if n < 0]  # "-$40,000" reads as 40,000 after its sign: the size is grounded
    out: list[float] = []
    for n in stated_numbers(answer.answer):
        ok = any(n == s or (n != int(n) and matches(n, s)) for s in allowed)
        if not ok and n not in out:
            out.append(n)
    return out
