"""Yes/no questions: what check a question asks for, read from its form (plain English, any field).

    "Did offences more than double?"            multiple: the percent change is more than +100%
    "Did X account for more than a tenth of Y?"  threshold: a share above 10%
    "Did X rise by more than a third?"          multiple: the new figure is more than 4/3 of the old
    "Is the 47.3% above 40 per cent?"           threshold: a percentage above 40
    "Did offences rise in 2021?"                direction: the change is up
    "Did Southshire drop a higher share than the Northshire?"   compare: the first named is higher

The check says which operation computes the answer; `qa.compose.verdict` then answers yes or no first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.model.records import Op
from qa.text.numbers import numbers_in

YES_NO = re.compile(r"^\s*(did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|isn't|wasn't|didn't)\b",
                    re.I)
UP = re.compile(r"\b(rise|rose|risen|increase[sd]?|grow|grew|grown|go(ne)? up|went up|climb(ed)?|jump(ed)?|up)\b")
DOWN = re.compile(r"\b(fall|fell|fallen|decrease[sd]?|decline[sd]?|go(ne)? down|went down|drop(ped)? (in|from)|down|shr[ai]nk)\b")
MORE = re.compile(r"\b(more|higher|bigger|larger|greater|above|over|exceed(ed|s)?|at least)\b")
LESS = re.compile(r"\b(less|fewer|lower|smaller|below|under|at most)\b")
MULTIPLES = {"double": 2.0, "doubled": 2.0, "twice": 2.0, "triple": 3.0, "tripled": 3.0, "treble": 3.0,
             "trebled": 3.0, "quadruple": 4.0, "quadrupled": 4.0, "halve": 0.5, "halved": 0.5}
FRACTIONS = {"half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "two thirds": 200 / 3, "a quarter": 25.0,
             "one quarter": 25.0, "three quarters": 75.0, "a fifth": 20.0, "a tenth": 10.0, "one in ten": 10.0,
             "one in five": 20.0, "one in four": 25.0, "one in three": 100 / 3}


@dataclass(frozen=True)
class Check:
    kind: str  # "compare", "direction", "multiple", "share_above", "value_above"
    above: bool = True  # more than (True) or less than (False); for direction: up (True) or down (False)
    threshold: float = 0.0


def read_check(lowered: str, subjects: list[str]) -> Check | None:
    """The check a yes/no question asks for; None when it is not a yes/no question or its form is unclear."""
    if not YES_NO.search(lowered):
        return None
    if len(subjects) >= 2 and re.search(r"\bor\b", lowered) and not re.search(r"\bthan\b", lowered):
        return None  # "did A or B grow faster?" asks which, not yes or no
    more, less = bool(MORE.search(lowered)), bool(LESS.search(lowered))
    above = more or not less
    for word, k in MULTIPLES.items():
        if re.search(rf"\b{word}\b", lowered):
            return Check("multiple", above=above if (more or less) else k >= 1, threshold=k)
    m = re.search(r"\b(\d+(?:\.\d+)?)\s*(x|times)\b", lowered)
    if m:
        return Check("multiple", above=above, threshold=float(m.group(1)))
    for phrase, share in FRACTIONS.items():
        if re.search(rf"\b{phrase}\b", lowered) and (more or less):
            up, down = UP.search(lowered), DOWN.search(lowered)
            if (up or down) and re.search(rf"\bby\s+(?:more|less|over|under|at least|at most)\b[^?]*\b{phrase}\b", lowered):
                # "did X rise by more than a third?": a change of more than a third, the new figure over 4/3 the old
                k = 1 + share / 100 if up and not down else 1 - share / 100
                return Check("multiple", above=above if up and not down else not above, threshold=k)
            return Check("share_above", above=above, threshold=share)
    if (more or less) and re.search(r"\bthan\b", lowered) and len(subjects) >= 2:
        return Check("compare", above=above)
    pct = re.search(r"(\d+(?:\.\d+)?)\s*(%|per ?cent|percent)", lowered)
    if pct and (more or less):
        return Check("value_above", above=above, threshold=float(pct.group(1)))
    if UP.search(lowered) or DOWN.search(lowered):
        return Check("direction", above=bool(UP.search(lowered)) and not DOWN.search(lowered))
    nums = [n for n in numbers_in(lowered, words=False) if not (1950 <= n <= 2049 and n == int(n))]
    if nums and (more or less):
        return Check("value_above", above=above, threshold=nums[-1])
    return None


def operation_for(check: Check) -> Op:
    """The calculation whose result decides the check."""
    return {"compare": Op.comparison, "direction": Op.pct_change, "multiple": Op.pct_change,
            "share_above": Op.share, "value_above": Op.lookup}[check.kind]
