"""Scoring one answer against its gold: correctness, grounding and citations.

The tolerance rule, stated once: a numeric answer is right when its `value`, rounded half away
from zero to one decimal place (`eval.arith.round1`), equals the gold re-computed and rounded the
same way, its `unit` is the gold's unit, and the answer text states that number (rounding-aware).
So 47.25 is right for a gold of 47.3%, while 0.473 (a fraction, not a percent) is wrong, and so is
47.3 given as a count. Signs count, unless the gold is marked `"abs": true` because the question
asks for a gap with no direction ("how far apart").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from eval.arith import round1, unit_family
from eval.gold import GoldItem
from qa.compose.grounding import figure_labels, stated_numbers, strict_ungrounded
from qa.model.records import Answer, Document, Figure
from qa.text.numbers import matches

_YES = re.compile(r"^\W*(yes|yeah|correct|that's right|that is right|confirmed|true)\b", re.IGNORECASE)
_NO = re.compile(r"^\W*(no|nope|not quite|incorrect|that's wrong|that is wrong|false)\b", re.IGNORECASE)
# A passage quoted back whole is not an answer to "who", "when" or "why" within it.
_LONG_QUOTE = 100


@dataclass
class Verdict:
    correct: bool
    reason: str = ""


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _contains(haystack: str, needle: str) -> bool:
    return _norm(needle) in _norm(haystack)


def _states(text: str, value: float) -> bool:
    """Does the answer text write `value`, to whatever precision it chose?"""
    return any(round1(n) == value or matches(n, value) for n in stated_numbers(text))


def _missing_texts(item: GoldItem, text: str) -> list[str]:
    return [" / ".join(group) for group in item.texts if not any(_contains(text, alt) for alt in group)]


def _quoted_back(answer: Answer) -> bool:
    """Is the answer mostly a long passage quoted whole (the name or year asked for left to the reader)?"""
    text = _norm(answer.answer)
    for c in answer.citations:
        quote = _norm(c.quote)
        if len(quote) >= _LONG_QUOTE and quote in text and len(quote) >= 0.6 * len(text):
            return True
    return False


def confidently_wrong(row: dict[str, Any]) -> bool:
    """Answered (not abstained, not an error) and wrong: worse for a user than "the article doesn't say"."""
    return not row["correct"] and not row.get("abstained") and not row.get("error") and not row.get("clarify")


def score(item: GoldItem, answer: Answer | None, error: str = "") -> Verdict:
    """Is `answer` right for `item`? The reason says why not."""
    if answer is None:
        return Verdict(False, f"error: {error}" if error else "no answer")
    kind = item.kind
    if kind == "abstain":
        if not answer.abstained:
            return Verdict(False, "did not abstain")
        if answer.value is not None:
            return Verdict(False, f"abstained but gave a value ({answer.value})")
        return Verdict(True)
    if kind == "reject":
        claims = item.gold["reject"]
        for claim in claims if isinstance(claims, list) else [claims]:
            if (
                answer.value is not None
                and answer.unit is not None
                and unit_family(str(answer.unit)) == unit_family(str(claim["unit"]))
                and matches(float(claim["value"]), answer.value)
            ):
                return Verdict(False, f"confirmed the unsupported {claim['value']} ({claim['unit']})")
        if _YES.match(answer.answer):
            return Verdict(False, "agreed with an unsupported claim")
        return Verdict(True)
    if answer.abstained:
        return Verdict(False, "abstained on an answerable question")
    if kind == "verdict":
        want = str(item.gold["verdict"]).lower()
        said = "yes" if _YES.match(answer.answer) else "no" if _NO.match(answer.answer) else ""
        if not said:
            return Verdict(False, f"does not answer {want!r} first")
        if said != want:
            return Verdict(False, f"answered {said!r}, the article says {want!r}")
        missing = _missing_texts(item, answer.answer)
        return Verdict(not missing, f"missing text: {'; '.join(missing)}" if missing else "")
    if kind == "comparison":
        if answer.operation in ("lookup", "text"):
            return Verdict(False, f"a {answer.operation} instead of a comparison")
        text = _norm(answer.answer)
        winner, loser = _norm(item.gold["winner"]), _norm(item.gold["loser"])
        if winner not in text:
            return Verdict(False, f"does not name {item.gold['winner']!r}")
        if loser in text and text.index(loser) < text.index(winner):
            return Verdict(False, f"names {item.gold['loser']!r} before {item.gold['winner']!r}")
        missing = _missing_texts(item, answer.answer)
        return Verdict(not missing, f"missing text: {'; '.join(missing)}" if missing else "")
    if kind == "number":
        exp = item.expected
        assert exp is not None  # load_gold computed it
        wants = [round1(v) for v in exp.values]
        if answer.value is None:
            return Verdict(False, "no value")
        got_unit = unit_family(str(getattr(answer.unit, "value", answer.unit))) if answer.unit is not None else None
        if got_unit != exp.unit:
            return Verdict(False, f"unit {got_unit} instead of {exp.unit}")
        got = round1(answer.value)
        signs = [s for w in wants for s in ((w, -w) if item.gold.get("abs") else (w,))]
        if got not in signs:
            return Verdict(False, f"value {answer.value:g} instead of {wants[0]:g}")
        if not any(_states(answer.answer, w) for w in signs):
            return Verdict(False, f"the answer text does not state {wants[0]:g}")
    if kind == "text" and _quoted_back(answer):
        return Verdict(False, "quoted a passage back instead of answering within it")
    missing = _missing_texts(item, answer.answer)
    if missing:
        return Verdict(False, f"missing text: {'; '.join(missing)}")
    return Verdict(True)


@dataclass
class Grounding:
    ungrounded: list[float] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.ungrounded


def grounding(answer: Answer, question: str, history: Iterable[dict[str, Any]] = (),
              figures: Mapping[str, Figure] | None = None) -> Grounding:
    """Numbers the answer text states that appear in none of its sources (`qa.compose.grounding.strict_ungrounded`:
    the engine guards its answers with the same check); `figures`, the store's, give the labels of the figures used."""
    labels = figure_labels(answer, figures) if figures is not None else []
    return Grounding(strict_ungrounded(answer, question, history, labels))


def used_figures(answer: Answer) -> list[str]:
    ids = list(answer.figures)
    if answer.calculation is not None:
        ids += [i for i in answer.calculation.operands if i not in ids]
    return ids


def citation_check(
    answer: Answer, figures: dict[str, Figure], documents: dict[str, Document]
) -> tuple[bool | None, str]:
    """Do the cited spans hold the figures the answer used, in the article's exact words?

    Returns (None, "") when there is nothing to check (an abstention, or an answer that used no
    figure and states no value).
    """
    used = used_figures(answer)
    if answer.abstained or (not used and answer.value is None):
        return None, ""
    if not answer.citations:
        return False, "no citations"
    for c in answer.citations:
        doc = documents.get(c.doc_id)
        if doc is None:
            return False, f"cites unknown document {c.doc_id!r}"
        if doc.text[c.start:c.end] != c.quote:
            return False, f"quote {c.quote[:40]!r} is not the article's text at {c.start}-{c.end}"
    for fid in used:
        fig = figures.get(fid)
        if fig is None:
            return False, f"uses unknown figure {fid!r}"
        covered = any(
            c.doc_id == fig.doc_id
            and (c.start <= fig.start and fig.end <= c.end or fig.value in stated_numbers(c.quote))
            for c in answer.citations
        )
        if not covered:
            return False, f"no citation holds {fid} ({fig.quote!r})"
    return True, ""
