"""Where a text says when: dates as written ("January 2020", "30 November 2023", "the fourth quarter of 2023"), a
month without its year, a dateline, and the date a passage puts after "since". Shared by the reader (which sentences
can answer a when-question) and the answer (which words of the sentence to quote)."""

from __future__ import annotations

import re
from datetime import date

from qa.text.mentions import find_periods

# A date as written: "2015", "January 2020", "winter 2021-22", "the autumn of 2026", "2023/24", "the fourth quarter of
# 2023"
DATE = re.compile(r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                  r"(?:(?:the\s+)?(?:early\s+|late\s+)?(?:[Ww]inter|[Ss]pring|[Ss]ummer|[Aa]utumn)(?:\s+of)?)|"
                  r"(?:the\s+)?(?:first|second|third|fourth|final|last)\s+(?:quarter|half)\s+of)\s+)?"
                  r"(?:19|20)\d\d(?:[-/–](?:19|20)?\d\d\b)?\b")
# A day of a month, with or without its year: "1 October", "30 November 2023", "October 1"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December)")
# ... or a run of days of one month: "between 7 and 14 February", "7-14 February"
DAY_DATE = re.compile(rf"\b(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:and|to|-|–)\s*)?\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|"
                      rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b)"
                      r"(?:,?\s+(?:19|20)\d\d\b)?")
# A month named without a year, with the part of it said ("the end of September", "the last week of October",
# "mid-July", "in August")
MONTH_ONLY = re.compile(rf"\b(?:(?:the\s+)?(?:(?:end|start|beginning|middle)|(?:first|second|third|fourth|last|final)\s+"
                        rf"(?:week|fortnight|days?))\s+of\s+|(?:early|mid|late)[-\s]+)?(?P<month>{_MONTH[3:-1]})\b")
# What puts a month on an event: "in May", "by June", "until March" (not "of May", which names a period)
EVENT_MONTH = re.compile(r"\b(?:in|by|until|till|from|before|after)\s+$", re.I)
# A dateline: "22 May 2024", "April 17, 2024"
DATELINE = re.compile(rf"\b(?:\d{{1,2}}\s+{_MONTH}\s+|{_MONTH}\s+\d{{1,2}},?\s+)(?:19|20)\d\d\b")
# Two dates joined as a range ("between 1 October and 30 November") answer "when" together
RANGE_JOIN = re.compile(r"\s*(?:and|to|until|[-–])\s*")
SINCE_ASKED = re.compile(r"\bsince (?:which|what) (?:year|month|date)\b|\bsince when\b", re.I)
# "since 1989", "since records began in 1989", "since at least 2015", "since the summer of 2019"
SINCE_BEFORE = re.compile(r"\bsince\b(?:\s+[\w-]+){0,4}\s+$", re.I)


def when_spans(text: str) -> list[tuple[int, int]]:
    """Where a passage says when: a date as written ("January 2020", "2023/24"), or any period the figures' reader
    knows ("the final three months of the year", "winter 2021-22", "the year to March 2024"), longest first where
    they overlap. Periods relative to the dateline ("last year") and a month without its year say too little on their
    own; the date given to the reader only places them, and the spans are the passage's own words."""
    found = [(m.start(), m.end()) for m in DATE.finditer(text)] + [(m.start(), m.end()) for m in DAY_DATE.finditer(text)]
    vague = ("trailing", "back", "relative", "dateline", "month")
    found += [(p.start, p.end) for p in find_periods(text, date(2000, 1, 1)) if p.kind not in vague]
    out: list[tuple[int, int]] = []
    for a, b in sorted(set(found), key=lambda s: -(s[1] - s[0])):
        if not any(a < d and c < b for c, d in out):
            out.append((a, b))
    if not out:  # a month without its year ("at the end of September") when the passage gives no fuller date
        out = [(m.start(), m.end()) for m in MONTH_ONLY.finditer(text)]
    else:  # or one the sentence gives as when something happens beside a fuller period ("its update for 2025 in May")
        out += [(m.start(), m.end()) for m in MONTH_ONLY.finditer(text)
                if EVENT_MONTH.search(text[max(0, m.start() - 12):m.start()])
                and not any(a <= m.start() < b for a, b in out)]
    joined: list[tuple[int, int]] = []
    for a, b in sorted(out):
        if joined and RANGE_JOIN.fullmatch(text[joined[-1][1]:a]) and text[joined[-1][1]:a].strip():
            joined[-1] = (joined[-1][0], b)  # "1 October and 30 November": one span
        else:
            joined.append((a, b))
    return joined


def since_date(text: str, span: tuple[int, int]) -> bool:
    """Is the date at `span` the one a passage puts after "since" ("the highest since 1989", "since March 2011")?"""
    return bool(SINCE_BEFORE.search(text[max(0, span[0] - 40):span[0]])) or text[span[0]:span[1]].lower().startswith("since ")


def states_since(text: str) -> bool:
    """Does a passage put a date after "since"?"""
    return any(since_date(text, s) for s in when_spans(text))
