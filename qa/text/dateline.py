"""Dates written relative to an article's dateline, resolved with dateparser.

News text leaves out what the reader knows from the dateline: "in September" in an article of
6 October 2023 is September 2023, "last month" in one of 9 January 2024 is December 2023, and
"December" in a sentence that says what *will* happen is the December ahead. `dateparser` does that
arithmetic (relative base, past or future preference); this module fixes its settings so that it is
deterministic and offline (English only, no language detection, UTC, no local time zone) and keeps
its import cost (about 0.1 s, 0.2 s more for its first parse) out of anything but extraction: the
library is imported on the first call, which only reading an ingested document's figures makes.

Periods are the figures table's strings: "2023", "2023-09", "2022-10/2023-09".
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from types import ModuleType

# A question asking when: "When ...?", "By when ...?", "Until when ...?", "What date ...?", "Since when ...?"
# and a date asked by its noun: "What was the maturity date of the loans?"
WHEN_ASKED = re.compile(r"^\s*(?:(?:by|until|till|from|since|as of|up to)\s+)?when\b|\bwhat (year|month|date)\b|"
                        r"\bwhich (year|month)\b|\bsince when\b|\b(?:what|which)(?:'s|’s| is| was| are| were) the "
                        r"(?:[\w-]+ ){0,3}(?:dates?|deadlines?)\b|\bwhat time period\b|\bover what (?:period|years)\b", re.I)
MONTH_NUMBERS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                             "september", "october", "november", "december"), start=1)}
# What a sentence says will happen: its month without a year is the next one from the dateline
AHEAD = re.compile(r"\b(?:will|due|expected|set to|scheduled|plans? to|from next|next)\b", re.I)


def year_of_month(month: str, published: date, ahead: bool = False) -> int:
    """The year of a month named without one ("in August", "at the end of September"): the latest such month on or
    before the dateline, or with `ahead` the next one from it. Plain arithmetic; no date library is loaded."""
    n = MONTH_NUMBERS[month.lower()]
    if ahead:
        return published.year if n >= published.month else published.year + 1
    return published.year if n <= published.month else published.year - 1


@lru_cache(maxsize=1)
def _dateparser() -> ModuleType:
    import dateparser  # heavy: imported only when a relative date must be resolved

    return dateparser


def _settings(published: date, prefer: str) -> dict[str, object]:
    return {
        "RELATIVE_BASE": datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": prefer,
        "PREFER_DAY_OF_MONTH": "first",
        "TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


def resolve(phrase: str, published: date, future: bool = False) -> date | None:
    """The date `phrase` means in an article published on `published` ("September", "last month",
    "a year ago", "1 January"); a month or day with no year is the latest one on or before the
    dateline, or with `future` the next one from it. None when it is not a date."""
    text = " ".join(phrase.replace(".", " ").split())
    if not text:
        return None
    found = _dateparser().parse(text, languages=["en"], settings=_settings(published, "future" if future else "past"))
    if found is None:
        return None
    got = found.date()
    if future and (got.year - published.year) * 12 + got.month - published.month >= 12:
        got = got.replace(year=got.year - 1)  # "January" said in January means this one, not next year's
    return got


def month_of(phrase: str, published: date, future: bool = False) -> str:
    """`resolve` as a month period ("2023-09"), or "" when the phrase is not a date."""
    got = resolve(phrase, published, future)
    return f"{got.year}-{got.month:02d}" if got else ""


def year_of(phrase: str, published: date) -> str:
    """`resolve` as a year period ("2022" for "last year" in 2023), or ""."""
    got = resolve(phrase, published)
    return str(got.year) if got else ""


def shift(period: str, months: int) -> str:
    """A period moved back by `months` (a year by 12, a month by 1, a span's ends alike); "" stays ""."""
    if not period:
        return ""
    if "/" in period:
        a, b = period.split("/", 1)
        return f"{shift(a, months)}/{shift(b, months)}"
    if len(period) == 4:
        return str(int(period) - max(1, round(months / 12)))
    y, m = int(period[:4]), int(period[5:7])
    total = y * 12 + (m - 1) - months
    return f"{total // 12}-{total % 12 + 1:02d}" + period[7:]


def months_ending(period: str, months: int) -> str:
    """The `months` months that end with `period`'s last month: ("2023-09", 3) -> "2023-07/2023-09"."""
    end = period.split("/")[-1]
    if len(end) == 4:
        end = f"{end}-12"
    end = end[:7]
    return normal(f"{shift(end, months - 1)}/{end}")


def normal(period: str) -> str:
    """One spelling per period: January to December of one year is that year, of several years "2018/2022"."""
    a, _, b = period.partition("/")
    if b and len(a) == 7 and len(b) == 7 and a[5:] == "01" and b[5:] == "12":
        return a[:4] if a[:4] == b[:4] else f"{a[:4]}/{b[:4]}"
    return period
