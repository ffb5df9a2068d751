"""Yes/no questions: what check a question asks for, read from its form (plain English, any field).

    "Did offences more than double?"            multiple: the percent change is more than +100%
    "Did X account for more than a tenth of Y?"  threshold: a share above 10%
    "Was A's rate more than twice B's?"         ratio_above: A / B is more than 2
    "Did X rise by more than a third?"          change_above: the percent change is more than +33.3%
    "Did rents go up by more than £150?"        gap_above: the new figure less the old is more than 150
    "Is the 47.3% above 40 per cent?"           threshold: a percentage above 40
    "Is the sentence more than a year?"         threshold: in years (a threshold's unit must be the answer's)
    "Did offences rise in 2021?"                direction: the change is up
    "Is it higher than before the pandemic?"    direction: "than" a time compares a thing with itself
    "Did the list get shorter?"                 direction: down
    "Did Northmoor improve?"                    direction for the better: down for complaints, up for a pass rate
    "Did Northshire grow faster than Southshire?"  compare: of the two changes, the first named ahead
    "Did Southshire drop a higher share than the Northshire?"   compare: the first named is higher
    "Was Southshire the region with the most cases?"            top: the named row is the highest of its column
    "Is Northshire the cheapest of the four?"                   top: the lowest, of a price

The check says which operation computes the answer; `qa.compose.verdict` then answers yes or no first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from qa.model.records import Op
from qa.text import lexicon
from qa.text.numbers import numbers_in

AUX = r"(did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|isn't|wasn't|didn't)"
YES_NO = re.compile(rf"^\s*{AUX}\b", re.I)
# A yes/no clause after a lead-in: "Check this for me: was ...", "northshire thefts in 2022 - did they ...",
# "Once you adjust for inflation, did ..."
LED_IN = re.compile(rf"(?:[:;,]|\s[-–—]+)\s*{AUX}\b(?!\s+you\b)", re.I)  # "- can you confirm?" asks, it checks nothing
# a change made as well as one seen: "did the council raise its fares?", "did the bank cut its rate?"
UP_WORDS = (r"rise|rose|risen|rising|increase[sd]?|grow|grew|grown|growing|go(?:ne)? up|went up|climb(?:ed)?|jump(?:ed)?|"
            r"raise[sd]?|hike[sd]?|up")
DOWN_WORDS = (r"fall|fell|fallen|falling|decrease[sd]?|decline[sd]?|go(?:ne)? down|went down|down|shr[ai]nk|"
              r"cut|lower(?:ed|s)? (?:its|their|the)|reduce[sd]?|slash(?:ed|es)?")
UP = re.compile(rf"\b({UP_WORDS})\b")
# "did X lose customers?": a fall ("dropped" alone is often a measure, "cases dropped", and "lost" one too, "days lost")
DOWN = re.compile(rf"\b({DOWN_WORDS}|drop(?:ped)? (?:in|from)|lose|losing)\b|\bdrop(?=\s*\?\s*$)")  # "did X drop?"
# A change by an amount: "fell by more than a quarter", "drop by over 10%" ("dropped" alone is often a measure)
BY_CHANGE = re.compile(rf"\b(?P<verb>{UP_WORDS}|{DOWN_WORDS}|drop(?:ped|s)?|cut|shed|lost|lose)\s+by\s+"
                       r"(?:more|less|over|under|at least|at most)\b")
# "top" and "beat" are a threshold's verbs only before an amount ("top £130m", "beat 5%"), not "top grades"
MORE = re.compile(r"\b(more|higher|bigger|larger|greater|above|over|exceed(ed|s)?|at least|"
                  r"(?:top(?:s|ped)?|beat(?:s|en)?|surpass(?:ed|es)?|pass(?:ed|es)?|cross(?:ed|es)?|broken|broke|break)"
                  r"(?=\s+(?:about\s+|the\s+)?[£$€]?\d))\b")
# "has it reached 40 million?", "did any hit the 76% target?": at least the amount (met at the amount itself)
REACHED = re.compile(r"\b(?:reach(?:ed|es)?|hit(?:s)?|meet|met|meets)(?=\s+(?:about\s+|the\s+)?[£$€]?\d)")
LESS = re.compile(r"\b(less|fewer|lower|smaller|below|under|at most)\b")
# "than" a time, not another thing: "more than a year ago", "higher than before the pandemic", "than in 2019"
THAN_THEN = re.compile(r"\bthan\s+(?:(?:it|they|he|she|we|you|there|this|that)\s+(?:was|were|did|had|is|are)\s+)?"
                       r"(?:(?:in|at|during)\s+)?(?:(?:19|20)\d\d\b|before\b|a year (?:ago|earlier|before)|"
                       r"(?:the )?(?:previous|prior|last|past) (?:year|yr|month|quarter|period)|"
                       r"the (?:year|yr|month|quarter) before|previously|then\b|earlier|ever\b|pre-|"
                       # "than in q2", "than h1"
                       r"(?:the\s+)?[qh][1-4]\b)")
SINCE_THEN = re.compile(r"\bcompared (?:to|with)\s+(?:(?:19|20)\d\d\b|the (?:year|month|quarter) before|"
                        r"(?:the )?(?:previous|prior|last) (?:year|month|quarter)|a year (?:ago|earlier|before))|"
                        r"\b(?:back (?:up )?to|recovered to|returned to)\s+(?:(?:its|their|the)\s+)?(?:(?:19|20)\d\d\b|pre-|"
                        r"before\b)")
# "has it got back to its 2019 level?", "are visits back to pre-pandemic levels?": the thing against itself then
BACK_TO = re.compile(r"\b(?:back (?:up )?to|recovered to|returned to)\s+(?:(?:its|their|the)\s+)?(?:(?:19|20)\d\d\b|"
                     r"pre-|before\b)")
# "did it get more punctual?", "has the list got shorter?": a change of the thing itself
BECAME = re.compile(r"\b(?:get|gets|got|gotten|getting|become|becomes|became|becoming|grow|grew|grown)\s+"
                    r"(?P<word>more|less|fewer|shorter|longer|smaller|bigger|larger|lower|higher|greater|cheaper|dearer)\b")
# "did it improve?", "has it got worse?": a change for the better or the worse, whose sign depends on the measure
SENSE = re.compile(r"\b(?:improv(?:e|ed|es|ing|ement)|(?:get|gets|got|gotten|getting|become|became|becoming|do|did|does|doing)"
                   r"\s+better|(?P<worse>worsen(?:ed|s|ing)?|deteriorat\w*|(?:get|gets|got|gotten|getting|become|became|"
                   r"becoming|do|did|does|doing)\s+worse))\b")
BECAME_UP = frozenset({"more", "longer", "bigger", "larger", "higher", "greater", "dearer"})
MULTIPLES = {"double": 2.0, "doubled": 2.0, "twice": 2.0, "triple": 3.0, "tripled": 3.0, "treble": 3.0,
             "trebled": 3.0, "quadruple": 4.0, "quadrupled": 4.0, "halve": 0.5, "halved": 0.5}
FRACTIONS = {"half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "two thirds": 200 / 3, "a quarter": 25.0,
             "one quarter": 25.0, "three quarters": 75.0, "a fifth": 20.0, "a tenth": 10.0, "one in ten": 10.0,
             "one in five": 20.0, "one in four": 25.0, "one in three": 100 / 3}
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(%|per ?cent|percent)")
# One change against another: "rising faster than prices", "outpacing inflation"
PACE = re.compile(r"\b(?:faster|slower|quicker|more (?:quickly|slowly|steeply)|outpac\w*|outstrip\w*|outgr[eo]w\w*)\b")
SLOWER = re.compile(r"\b(?:slower|more slowly)\b")  # the lower of two changes: no check reads it yet
# A size stated with the change: "rise by 50%", "so donations fell 8.9%?"
SIZE_CLAIMED = re.compile(rf"(?:\bby|\b(?:{UP_WORDS}|{DOWN_WORDS}|drop(?:ped|s)?|jump(?:ed|s)?|soar(?:ed|s)?|slump(?:ed|s)?))"
                          r"\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?$")
# A gap in points: "by more than 10 percentage points", "more than 15 points below its peak"
POINTS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:percentage |per ?cent(?:age)? |% ?)?(?:points?|pts|pp)\b")
POINTS_SIDE = re.compile(r"\s*(?P<side>below|lower|down|behind|under|above|higher|up|ahead|over)\b")
POINTS_DOWN = frozenset({"below", "lower", "down", "behind", "under"})
# "Are most pupils in state schools?", "was the majority of it spent on roads?": a share above half
MOST_OF = re.compile(rf"^\s*{AUX}\s+(?:most|the majority|a majority)\b(?!\s+(?:of the time|likely)\b)")
# A question put as a statement: "So parcel numbers have more than doubled since 2018-19?"
STATED_ASK = re.compile(r"^\s*(?:so|and|but|right|ok(?:ay)?)\b,?(?!.*\b(?:what|which|who|whom|whose|how|when|where|why)\b)"
                        r".*\?\s*$")
MONEY = re.compile(r"[£$€]\s*\d")
# A threshold in years written in words: "more than a year", "over two years"
YEARS = re.compile(r"\b(?:more|less|longer|shorter|over|under|above|below|at least|at most)\s+than\s+"
                   r"(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+(?:\.\d+)?)\s+years?\b")
# A state said to be an amount: "is the wage $15 now?", "was the rate 4.5%?"
IS_AMOUNT = re.compile(r"^\s*(?:is|was|are|were)\b.*?[£$€]?\d[\d,.]*\s*(?:%|per ?cent|m|bn|k|million|billion|thousand)?"
                       r"\s*(?:now|yet|still|today|this year|in \d{4})?\s*\??\s*$")
SMALL = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0,
         "seven": 7.0, "eight": 8.0, "nine": 9.0, "ten": 10.0}


# "Is Northshire the cheapest of the four?", "Was Southshire the region with the most cases?": one named thing said to be
# the highest (lowest) of its kind; a state (is / was), not an event ("did X see the biggest fall?")
TOP_ASKED = re.compile(r"^\s*(?:is|was|are|were)\b(?!.*\b(?:than|one of)\b).*?\bthe\s+(?:[\w-]+\s+){0,3}?"
                       r"(?P<word>most expensive|least expensive|highest|largest|most|greatest|biggest|lowest|smallest|least|fewest|cheapest|"
                       r"dearest|priciest)\b")
TOP_LOW = frozenset({"lowest", "smallest", "least", "fewest", "cheapest", "least expensive"})
TOP_PRICE = frozenset({"cheapest", "dearest", "priciest", "most expensive", "least expensive"})


@dataclass(frozen=True)
class Check:
    # compare, direction, multiple, ratio_above, change_above, gap_above, share_above, value_above, top, value_is
    kind: str
    above: bool = True  # more than (True) or less than (False) the threshold; for a direction: up (True) or down
    # a change's threshold is signed: "fell by more than a quarter" is a change below -25%
    threshold: float = 0.0
    # value_above: the unit the threshold is in (a count threshold is no percentage); gap_above: "points" for a gap
    # between two percentages, else "count" or "money"
    unit: str | None = None
    strict: bool = True  # "more than double" (strictly beyond); "doubled" alone is met at the threshold itself
    # "did any of the states ...?" (some), "did absence fall in every region?" (each): a check over a set of things,
    # which one thing's figure proves only one way (a witness for some, a counter-example for each); "only",
    # "some_other", "each_other": the things the question names against the rest of the set, decided by every row
    over: str = ""
    # "once you adjust for inflation, did it grow?", "in real terms": a figure adjusted as the article states it, which
    # a change worked out from the unadjusted figures is not
    adjusted: bool = False
    # a direction asked as a change for the "better" or the "worse": up or down by the sense of the figure's measure
    # (`above` reads it of a measure where higher is better)
    sense: str = ""


SOME = re.compile(r"\b(?:any|either)\s+(?:of\s+)?(?:the|these|those|its|their|\w+)\b|\banywhere\b|\banyone\b")
EACH = re.compile(r"\b(?:every|each)\s+\w+|(?<!\bof )\ball\s+(?:of\s+)?the\s+\w+|\beverywhere\b")  # not "of all the seats"


ADJUSTED = re.compile(r"\badjust(?:ed|ing|s)?\s+for\b|\b(?:in|on) real terms\b|\breal[- ]terms\b|\bseasonally adjusted\b")


# "Was Rovers the only club whose attendance fell?": the named thing did and no other did
ONLY = re.compile(r"\bthe only\s+\w+")
# "did stays fall in any region apart from Northmoor?": the set less the things named
EXCEPT = re.compile(r"\b(?:apart from|other than|except(?: for)?|aside from|besides|excluding)\b")


def quantifier(lowered: str) -> str:
    """"some" or "each" when the question checks a set of things rather than one; "only" when it says one named thing
    is the only one; "some_other" or "each_other" when it checks the set apart from the things it names; else ""."""
    if ONLY.search(lowered):
        return "only"
    some, each = bool(SOME.search(lowered)), bool(EACH.search(lowered))
    if EXCEPT.search(lowered) and (some or each):
        return "some_other" if some else "each_other"
    return "some" if some else "each" if each else ""


def is_yes_no(lowered: str) -> bool:
    """A yes/no question, or one whose yes/no clause follows a lead-in ("Check this for me: was ...")."""
    return bool(YES_NO.search(lowered) or LED_IN.search(lowered) or STATED_ASK.search(lowered))


# "Can you tell me ...?", "Do you know ...?": a request put as a question, not a check
ASKS_YOU = re.compile(rf"^\s*{AUX}\s+you\b", re.I)


def asks_verdict(lowered: str) -> bool:
    """A question put as a yes/no one from its first word ("Did Westland overtake ...?", "Is any city over ...?"): a
    figure or a sentence looked up is no answer to it without a yes or no."""
    return bool(YES_NO.search(lowered)) and not ASKS_YOU.search(lowered)


def read_check(lowered: str, subjects: list[str]) -> Check | None:
    """The check a yes/no question asks for; None when it is not a yes/no question or its form is unclear."""
    check = _read_check(lowered, subjects)
    if check is None:
        return None
    return replace(check, over=quantifier(lowered), adjusted=bool(ADJUSTED.search(lowered)))


def _read_check(lowered: str, subjects: list[str]) -> Check | None:
    if not is_yes_no(lowered):
        return None
    if len(subjects) >= 2 and re.search(r"\bor\b", lowered) and not re.search(r"\bthan\b", lowered):
        return None  # "did A or B grow faster?" asks which, not yes or no
    if PACE.search(lowered):
        if len(set(subjects)) >= 2 and re.search(r"\bthan\b", lowered) and not SLOWER.search(lowered):
            # "did Northshire grow faster than Southshire?": the two changes compared, yes when the first named is ahead
            return Check("compare")
        return None  # "are wages going up faster than prices?" compares two changes: not the direction of either
    more, less = bool(MORE.search(lowered)), bool(LESS.search(lowered))
    reached = REACHED.search(lowered) if not (more or less) else None
    more = more or bool(reached)  # "has it reached 40 million?": at least the amount, met at the amount itself
    above = more or not less
    for word, k in MULTIPLES.items():
        if re.search(rf"\b{word}\b", lowered):
            if len(set(subjects)) >= 2 and (more or less) and not UP.search(lowered) and not DOWN.search(lowered):
                # "was A's rate more than twice B's?": one thing as a multiple of another, not a change
                return Check("ratio_above", above=above, threshold=k)
            if not (more or less):  # "did it double?", "has it halved?": at least that multiple (at most, for a cut)
                return Check("multiple", above=k >= 1, threshold=k, strict=False)
            # "more than halve" is a deeper cut: fewer than half remain
            return Check("multiple", above=above == (k >= 1), threshold=k)
    m = re.search(r"\b(\d+(?:\.\d+)?)\s*(x|times)\b", lowered)
    if m:
        return Check("multiple", above=above, threshold=float(m.group(1)))
    by = BY_CHANGE.search(lowered)
    up_by = bool(by and UP.fullmatch(by.group("verb")))
    for phrase, share in FRACTIONS.items():
        if re.search(rf"\b{phrase}\b", lowered) and (more or less):
            if by and re.search(rf"\b{phrase}\b", lowered[by.end():]):
                # "did X rise by more than a third?": a change of more than a third of the old figure
                return Check("change_above", above=above == up_by, threshold=share if up_by else -share)
            if len(set(subjects)) >= 2 and re.search(rf"\b{phrase}\s+of\b", lowered):
                # "is A's rate less than a third of B's?": one thing as a fraction of another named thing
                return Check("ratio_above", above=above, threshold=share / 100)
            return Check("share_above", above=above, threshold=share)
    if MOST_OF.search(lowered) and not (more or less):
        return Check("share_above", threshold=50.0)  # "are most pupils in state schools?": more than half of them
    pct = PERCENT.search(lowered)
    if pct and not (more or less) and SIZE_CLAIMED.search(lowered[:pct.start()]):
        return None  # "did it rise by 50%?", "so it fell 8.9%?" claim a size, not a direction: the claim checker's
    if not (more or less) and any(SIZE_CLAIMED.search(lowered[:m.start()])
                                  for phrase in FRACTIONS for m in re.finditer(rf"\b{phrase}\b", lowered)):
        return None  # "is it being cut by a quarter?" claims a size as a fraction, as "by 25%" does
    points = POINTS.search(lowered)
    if points and (more or less):
        side = POINTS_SIDE.match(lowered, points.end())
        if by and points.start() >= by.end() or side:
            # "dropped by more than 10 percentage points", "more than 15 points below its peak": the later percentage
            # less the earlier, in points, against the signed amount
            up = up_by if by and points.start() >= by.end() else side.group("side") not in POINTS_DOWN
            n = float(points.group(1))
            return Check("gap_above", above=above == up, threshold=n if up else -n, unit="points")
    by_pct = PERCENT.search(lowered, by.end()) if by else None
    if by and by_pct:  # "did approvals rise by more than 15%?": the percent change against the signed amount
        n = float(by_pct.group(1))
        return Check("change_above", above=above == up_by, threshold=n if up_by else -n)
    amounts = [n for n in numbers_in(lowered[by.end():], words=False) if not (1950 <= n <= 2049 and n == int(n))] if by else []
    if amounts:
        # "did rents go up by more than 150 a month?": the difference, new less old, against the amount
        return Check("gap_above", above=above == up_by, threshold=amounts[0] if up_by else -amounts[0],
                     unit="money" if MONEY.search(lowered) else "count")
    if (more or less) and (THAN_THEN.search(lowered) or SINCE_THEN.search(lowered)):
        return Check("direction", above=above)  # "more than a year ago": the change over time
    if (more or less) and re.search(r"\bthan\b", lowered) and len(subjects) >= 2:
        return Check("compare", above=above)
    if pct and (more or less):
        share_of = re.match(r"\s*of\b", lowered[pct.end():])  # "more than 10 percent of all offences"
        return Check("share_above" if share_of else "value_above", above=above, threshold=float(pct.group(1)),
                     unit="percent", strict=not reached)
    top = TOP_ASKED.search(lowered)
    if top and subjects and not (more or less):
        # the named row against the rest of its column; a price's words ask of money ("cheapest")
        return Check("top", above=top.group("word") not in TOP_LOW,
                     unit="money" if top.group("word") in TOP_PRICE else None)
    if BACK_TO.search(lowered) and not (more or less):
        # "has it got back to its 2019 level?": the later figure at least the earlier one (met when equal)
        return Check("direction", above=True, strict=False)
    sense = SENSE.search(lowered)
    if sense and len(set(subjects)) < 2 and not re.search(r"\bthan\b", lowered) and not any(
            not (1950 <= n <= 2049 and n == int(n)) for n in numbers_in(lowered, words=False)):
        # "did Northmoor improve?", "has the backlog got worse?": a change for the better (worse), up or down by what
        # the figure measures (a shorter wait is better, a higher pass rate too)
        return Check("direction", above=sense.group("worse") is None, sense="better" if sense.group("worse") is None
                     else "worse")
    became = BECAME.search(lowered)
    if became and not re.search(r"\bthan\b", lowered):
        return Check("direction", above=became.group("word") in BECAME_UP)
    if UP.search(lowered) or DOWN.search(lowered):
        return Check("direction", above=bool(UP.search(lowered)) and not DOWN.search(lowered))
    years = YEARS.search(lowered)
    if years:
        n = years.group("n")
        return Check("value_above", above=above, threshold=SMALL.get(n) or float(n), unit="years")
    # the amount the comparison word leads to ("above $40bn in 2024" is 40,000,000,000), else the last number
    lead = MORE.search(lowered) if more and not reached else reached if reached else LESS.search(lowered) if less else None
    nums = [n for n in numbers_in(lowered[lead.end():] if lead else lowered, words=False)
            if not (1950 <= n <= 2049 and n == int(n))] if lead else []
    nums = nums[:1] or [n for n in numbers_in(lowered, words=False) if not (1950 <= n <= 2049 and n == int(n))][-1:]
    if nums and (more or less):
        return Check("value_above", above=above, threshold=nums[0], strict=not reached,
                     unit="money" if MONEY.search(lowered) else "count")
    if nums and IS_AMOUNT.search(lowered) and not re.search(r"\b(?:than|by|from|to)\b", lowered):
        # "is the minimum wage $15 now?": the figure is the amount (to within its rounding), or it cannot say
        amount = next(n for n in numbers_in(lowered, words=False) if not (1950 <= n <= 2049 and n == int(n)))
        return Check("value_is", threshold=amount, unit="money" if MONEY.search(lowered) else
                     "percent" if pct else "count")
    return None


# Other calculations that decide a check as well as its own: a change of a percentage is a gap in points, and a change
# the article states ("up 9 per cent") or a share it states decides without any working.
# A multiple of a percentage ("did the absence rate double?") is a ratio of the two rates, not a percent change.
ALSO_DECIDES: dict[str, tuple[Op, ...]] = {"direction": (Op.pp_difference, Op.lookup), "change_above": (Op.lookup,),
                                           "multiple": (Op.ratio,),
                                           "share_above": (Op.lookup,), "value_above": (Op.lookup,)}


# a gap in points is also a plain difference of the two percentages, or a change in points the article states
POINTS_ALSO_DECIDE = (Op.difference, Op.lookup)


def deciding_ops(check: Check) -> tuple[Op, ...]:
    """Every calculation whose result can decide the check, its own first."""
    also = POINTS_ALSO_DECIDE if check.kind == "gap_above" and check.unit == "points" else ALSO_DECIDES.get(check.kind, ())
    return (operation_for(check),) + tuple(o for o in also if o is not operation_for(check))


def operation_for(check: Check) -> Op:
    """The calculation whose result decides the check."""
    return {"compare": Op.comparison, "direction": Op.pct_change, "multiple": Op.pct_change,
            "change_above": Op.pct_change, "gap_above": Op.pp_difference if check.unit == "points" else Op.difference,
            "ratio_above": Op.ratio, "share_above": Op.share, "value_above": Op.lookup, "top": Op.top,
            "value_is": Op.lookup}[check.kind]


# A comparison asked in words of size ("which leaked more, A or B?", "was A or B busier?"): the higher figure answers it
# whatever the measure. A word of quality ("faster", "cleaner", "safer") says which is ahead only with a measure's sense
# (a faster response is fewer minutes, a faster line more megabits), which no figure's label carries; "better" and
# "worse" are oriented by the vocabulary's measures where more is worse (`lower_is_better_asked`).
SIZE_WORD = re.compile(r"\b(?:more|most|less|least|fewer|fewest|higher|highest|lower|lowest|bigger|biggest|larger|"
                       r"largest|smaller|smallest|greater|greatest|pricier|priciest|dearer|dearest|cheaper|cheapest|"
                       r"costlier|busier|busiest)\b")
QUALITY_WORD = re.compile(r"\b(?:faster|fastest|slower|slowest|quicker|quickest|cleaner|"
                          r"dirtier|safer|harder|easier|tougher|stronger|weaker|healthier|improv\w*|worsen\w*|"
                          r"(?:more|less|most|least) (?:likely|punctual|reliable|efficient|productive|affordable))\b")
# a change asked of the two ("the bigger raise", "recovered more", "which took the bigger hit?"): levels do not answer it
CHANGE_WORD = re.compile(r"\b(?:chang\w*|grow\w*|grew|growth|ris(?:e|es|en|ing)|rose|fall\w*|fell|increas\w*|decreas\w*|"
                         r"declin\w*|drop\w*|jump\w*|climb\w*|slump\w*|surg\w*|raises?|hikes?|hit|gains?|loss(?:es)?|"
                         r"lost|lose|recover\w*|bounce\w*|rebound\w*|shr[aiu]nk\w*|cut|up|down|since)\b")


def sized_comparison(lowered: str) -> bool:
    """Does the question compare two things in words of size, or of better and worse (which the measure's sense orients,
    `lower_is_better_asked`), and no other word of quality?"""
    return bool(SIZE_WORD.search(lowered) or BETTER.search(lowered) or WORSE.search(lowered)) \
        and not QUALITY_WORD.search(lowered)


def change_asked(lowered: str) -> bool:
    """Does the question ask how the things changed, rather than how large they are?"""
    return bool(CHANGE_WORD.search(lowered))


# A measure counting those inside a standard ("seen within four hours", "waiting under 18 weeks", "on time"): more is
# better, whatever else its words say
WITHIN = re.compile(r"\b(?:within|under|less than|fewer than|inside|on time|met|meeting)\b")
# "which did better, A or B?", "was A's record worse than B's?": a comparison for the better or the worse
BETTER = re.compile(r"\b(?:better|best|improv\w*)\b")
WORSE = re.compile(r"\b(?:worse|worst|worsen\w*|deteriorat\w*)\b")


def worse_when_higher(text: str) -> bool:
    """Is more of what the text names for the worse (complaints, waiting, deaths: the vocabulary's `worse_when_higher`),
    and not a count of those inside a standard?"""
    low = text.lower()
    return any(w in low for w in lexicon.vocabulary().worse_when_higher) and not WITHIN.search(low)


def lower_is_better_asked(lowered: str, measure: str) -> bool | None:
    """For a comparison asked in words of better or worse: whether the lower figure answers it (the better of a measure
    where more is worse, the worse of one where more is better); None when the question asks neither way."""
    better, worse = bool(BETTER.search(lowered)), bool(WORSE.search(lowered))
    if better == worse:
        return None
    worse_up = not WITHIN.search(measure.lower()) and (worse_when_higher(measure) or worse_when_higher(lowered))
    return better == worse_up
