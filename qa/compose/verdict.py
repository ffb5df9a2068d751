"""Answering a yes/no question: the verdict first, then the answer that decides it."""

from __future__ import annotations

from qa.model.records import Answer, Plan, Unit
from qa.understand.verdict import Check


def decide(check: Check, plan: Plan, answer: Answer, question: str) -> bool | None:
    """True (yes), False (no) or None (this answer cannot decide it)."""
    if answer.abstained or answer.value is None:
        return None
    v = answer.value
    if check.kind == "compare":
        named = [s for s in plan.subjects if s]
        if len(named) < 2 or answer.operation != "comparison":
            return None
        text = answer.answer.lower()
        first_in_q = min(named, key=lambda s: _pos(question.lower(), s))
        winner = min(named, key=lambda s: _pos(text, s))  # the answer names the higher (or asked-for lower) first
        return winner == first_in_q
    if check.kind == "direction":
        if answer.unit not in (Unit.count, Unit.money, Unit.percent, Unit.percentage_points) or v == 0:
            return None
        if answer.operation == "lookup" and "change" not in answer.answer.lower():
            return None  # a stated figure decides a direction only if it is a change ("down 3.3 per cent")
        return (v > 0) == check.above
    if check.kind == "ratio_above":
        return _beyond(v, check) if answer.unit is Unit.ratio else None
    if check.kind == "multiple":
        if answer.unit is Unit.ratio:
            times = v
        elif answer.unit is Unit.percent and answer.operation == "pct_change":
            times = 1 + v / 100
        else:
            return None
        return times > check.threshold if check.above else times < check.threshold
    if check.kind == "change_above":  # a signed percent change against a signed threshold
        if answer.unit is Unit.ratio:
            change = (v - 1) * 100
        elif answer.unit is Unit.percent and (answer.operation == "pct_change" or (
                answer.operation == "lookup" and "change" in answer.answer.lower())):
            change = v
        else:
            return None
        return _beyond(change, check)
    if check.kind == "gap_above":
        if answer.operation != "difference" or answer.unit not in (Unit.count, Unit.money):
            return None
        return _beyond(v, check)
    if check.kind in ("share_above", "value_above"):
        if check.unit is not None and answer.unit is not None and answer.unit not in UNITS_FOR.get(check.unit, ()):
            return None  # a count threshold is not met by a percentage, nor a percentage by a count
        return _beyond(v, check)
    return None


# The answer units a threshold in a unit can be checked against
UNITS_FOR = {"percent": (Unit.percent,), "count": (Unit.count,), "money": (Unit.money, Unit.count),
             "years": (Unit.years,)}


def _beyond(v: float, check: Check) -> bool:
    return v > check.threshold if check.above else v < check.threshold


def _pos(text: str, subject: str) -> int:
    s = subject.lower()
    for cand in (s, s.rsplit(" ", 1)[0]):
        i = text.find(cand)
        if i >= 0:
            return i
    return 10**6


def with_verdict(answer: Answer, verdict: bool) -> Answer:
    lead = "Yes" if verdict else "No"
    return answer.model_copy(update={"answer": f"{lead}. {answer.answer}"})
