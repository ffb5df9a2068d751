"""Where numbers and dates are written in plain text, with exact offsets.

`qa.text.numbers` reads values out of a quote; this module finds the spans in a whole document
that `qa.corpus.extract` turns into figures: number mentions (digits, number words, fractions,
with their currency, scale and unit) and period mentions ("between April 2015 and the end
of 2021", "in 2020", "last year"), resolved against the publication date.
Plain text only: HTML is turned into text by `qa.text.documents` with a real parser first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from qa.model.records import Unit
from qa.text.currencies import NAME_RE, SIGNS, currency_code
from qa.text.dateline import month_of, months_ending, normal, year_of
from qa.text.numbers import CURRENCY_SYMBOLS

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")]
    )
    for name in names
}
MONTH = r"(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
YEAR = r"(?:1[89]\d\d|20\d\d)"

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SCALE_ABBR = {"k": 1e3, "m": 1e6, "bn": 1e9, "tn": 1e12}
FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}
COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}

_UNIT_WORD = "|".join(sorted(UNITS, key=len, reverse=True))
_CARDINAL = (
    r"(?:(?:" + "|".join(TENS) + r")(?:[-\s](?:" + _UNIT_WORD + r"))?|"
    + "|".join(sorted(TEENS, key=len, reverse=True)) + "|" + _UNIT_WORD + r")"
)
# the letters some dollars are written with ("US$3,653", "NZ$8.00", "C$55"): the currency's ISO code
DOLLAR_PREFIXES = {"US$": "USD", **{sign: code for code, sign in CURRENCY_SYMBOLS.items() if sign.endswith("$") and sign != "$"}}
DIGITS_RE = re.compile(
    r"(?<![\w.,\-/:£$€" + "".join(SIGNS) + r"])(?:(?P<pre>" + "|".join(sorted((p[:-1] for p in DOLLAR_PREFIXES), key=len, reverse=True))
    + r")(?=\$)|(?P<iso>[A-Z]{3})\s?(?=\d))?(?P<cur>[£$€" + "".join(SIGNS) + r"])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]\d|:\d|/\d|\d)"
    r"(?:(?P<abbr>bn|tn|m|k)\b|\s?(?P<scale>thousand|million|billion|trillion)\b)?"
)
WORDS_RE = re.compile(
    r"\b(?P<w>" + _CARDINAL + r")(?:\s(?P<hundred>hundred))?(?:\s(?P<scale>thousand|million|billion|trillion))?\b",
    re.IGNORECASE,
)
FRACTION_RE = re.compile(
    r"\b(?:(?P<count>a|an|one|two|three|four|nine)[\s-](?P<frac>half|thirds?|quarters?|fifths?|tenths?)"
    r"|(?P<half>half)(?=\s(?:of|the|a|an|all|their|its|his|her|our|these|those)\b)(?!\s+of\s+(?:the\s+)?(?:19|20)\d\d))\b",
    re.IGNORECASE,
)
_SMALL = r"one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3}"
# "one in eleven", "one in fifty": the whole is any number word up to ninety
_WHOLE = "|".join(list(UNITS)[1:] + list(TEENS) + list(TENS))
IN_RE = re.compile(rf"\b(?P<a>{_SMALL})\s+in\s+(?P<b>{_WHOLE}|\d{{1,3}})\b(?!,\d|-\w)",
                   re.IGNORECASE)
PERCENT_RE = re.compile(r"\s?(?:%|per\s?cent\b|percent\b)|\s(?P<pp>percentage points?\b)", re.IGNORECASE)
# A currency named after its amount: "94 cents", "35p", "51.4 trillion won", "2,000 yen", "50.20 pesos". Cents and pence are hundredths
# (of the article's dollar, or of the euro: `qa.corpus.extract`); "won" is a currency only after a scale word or a
# four-figure amount ("the 45 won by Labour" is no sum).
CURRENCY_AFTER = re.compile(
    r"(?P<sub>\s?(?:cents|pence)\b|p\b(?!\.?\s?\d|\.m\b|['’]))|\s(?P<code>won|yen|yuan|rupees|dollars|euros|" + NAME_RE + r")\b",
    re.IGNORECASE)
CURRENCY_WORDS = {"won": "KRW", "yen": "JPY", "yuan": "CNY", "rupees": "INR", "dollars": "$", "euros": "€"}
SUBUNIT = "¢"  # a Mention's currency for an amount in cents or pence: hundredths of the currency it is said in
YEARS_RE = re.compile(r"\s(?:years?\b|years['’]|-year\b)", re.IGNORECASE)


@dataclass
class Mention:
    """A number as written: `start`/`end` cover the currency sign, the number, its scale and unit."""

    start: int
    end: int
    value: float
    unit: Unit
    currency: str = ""


@dataclass
class PeriodMention:
    start: int
    end: int
    period: str  # "2021", "2015-04", "2015-04/2021-12"; "" for "back" and "trailing"
    # "point" (a year or month: can be a date figure), "range", "upto" ("the year to March 2024"),
    # "part" (of a year: "the third quarter", "the first half of 2024"),
    # "since", "relative" (to the dateline),
    # "month" (a month named without its year), "back" ("a year earlier": before the period of the
    # figure it is said of), "trailing" ("over the past 12 months": the months up to that period),
    # "dateline" (the article's own date: it labels no figure)
    kind: str
    preceded_by_in: bool = False
    months: int = 0  # "back": how far before; "trailing": how many months


def _fraction_value(count: str, frac: str) -> float:
    base = FRACTIONS[frac.lower().rstrip("s")]
    return round(COUNTS[count.lower()] * base, 1)


def _cardinal_value(words: str) -> int:
    total = 0
    for w in re.split(r"[-\s]", words.lower()):
        total += UNITS.get(w) or TEENS.get(w) or TENS.get(w) or 0
    return total


def _unit_after(text: str, end: int, unit: Unit) -> tuple[Unit, int]:
    """A percent sign, "per cent", "percentage points" or "years" right after a number."""
    m = PERCENT_RE.match(text, end)
    if m:
        return (Unit.percentage_points if m.group("pp") else Unit.percent), m.end()
    m = YEARS_RE.match(text, end)
    if m and unit is Unit.count:
        return Unit.years, end  # the word stays outside the number's span: it reads "two years'"
    return unit, end


def _small(word: str) -> int:
    w = word.lower()
    return int(w) if w.isdigit() else UNITS.get(w) or TEENS.get(w) or TENS.get(w) or 0


def is_year(text: str, m: re.Match[str]) -> bool:
    return bool(
        re.fullmatch(YEAR, m.group("num")) and not m.group("cur") and not m.group("abbr") and not m.group("scale")
        and not PERCENT_RE.match(text, m.end())
    )


def find_numbers(text: str) -> list[Mention]:
    """Every number that is not a year, in order of position."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: float, unit: Unit, currency: str = "") -> None:
        if any(s < end and start < e for s, e in taken):
            return
        unit, end = _unit_after(text, end, unit)
        taken.append((start, end))
        found.append(Mention(start, end, value, unit, currency))

    for m in IN_RE.finditer(text):  # "one in six", "three in ten": a share, as a percentage
        a, b = _small(m.group("a")), _small(m.group("b"))
        if 0 < a < b:
            add(m.start(), m.end(), round(a / b * 100, 1), Unit.percent)
    for m in DIGITS_RE.finditer(text):
        if is_year(text, m):
            continue
        value = float(m.group("num").replace(",", ""))
        if m.group("abbr"):
            value *= SCALE_ABBR[m.group("abbr")]
        elif m.group("scale"):
            value *= SCALE_WORDS[m.group("scale")]
        cur = DOLLAR_PREFIXES[m.group("pre") + "$"] if m.group("pre") else m.group("cur") or ""
        start, end = m.start(), m.end()
        if m.group("iso"):  # "NOK 14.2 billion", "RMB77 million": a currency's ISO 4217 code before the amount
            code = currency_code(m.group("iso"))
            if code and not m.group("cur"):
                cur = code
            elif m.end("iso") == m.start("num"):
                continue  # "COP26", "A380": letters and digits written as one word are no amount
            else:
                start = m.start("cur") if m.group("cur") else m.start("num")
        named = CURRENCY_AFTER.match(text, end) if not cur else None
        if named and named.group("code") and named.group("code").lower() == "won" and not (
                m.group("scale") or m.group("abbr") or value >= 1000):
            named = None
        if named and named.group("sub") and (m.group("scale") or m.group("abbr") or named.group("sub").strip().lower() == "p"
                                             and text[m.start() - 1: m.start()] == "£"):
            named = None
        if named:
            if named.group("sub"):
                value, cur = value / 100, ("p" if named.group("sub").strip().lower().startswith("p") else SUBUNIT)
            else:
                # another currency's name ("pesos") stays a name: the document says which country's (`currencies`)
                cur = CURRENCY_WORDS.get(named.group("code").lower(), named.group("code").lower())
            end = named.end()
        add(start, end, value, Unit.money if cur else Unit.count, cur)
    for m in FRACTION_RE.finditer(text):
        value = 50.0 if m.group("half") else _fraction_value(m.group("count"), m.group("frac"))
        add(m.start(), m.end(), value, Unit.percent)
    for m in WORDS_RE.finditer(text):
        value = float(_cardinal_value(m.group("w")))
        if m.group("hundred"):
            value *= 100
        if m.group("scale"):
            value *= SCALE_WORDS[m.group("scale").lower()]
        if value == 1:  # "one" is rarely a figure ("one of the", "no one")
            continue
        named = CURRENCY_AFTER.match(text, m.end())
        if named and named.group("sub") and named.group("sub")[:1].isspace():  # "Forty cents a ride"
            add(m.start(), named.end(), value / 100, Unit.money,
                "p" if named.group("sub").strip().lower().startswith("p") else SUBUNIT)
            continue
        add(m.start(), m.end(), value, Unit.count)
    return sorted(found, key=lambda x: x.start)


# Period mentions, most specific first; a later pattern never overlaps an earlier match.
_M1, _M2 = rf"(?:(?P<m1>{MONTH})\s+)?", rf"(?:(?P<end2>(?:the\s+)?end\s+of\s+)|(?P<m2>{MONTH})\s+)?"
_SPAN_COUNT = r"(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)"
WORD_COUNTS = {**UNITS, **TEENS, "twenty-four": 24}
PERIOD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b(?P<y1>{YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b")),
    ("between", re.compile(rf"\b[Bb]etween\s+{_M1}(?P<y1>{YEAR})\s+and\s+{_M2}(?P<y2>{YEAR})\b")),
    ("fromto", re.compile(rf"\b[Ff]rom\s+{_M1}(?P<y1>{YEAR})\s+(?:to|until|through)\s+{_M2}(?P<y2>{YEAR})\b")),
    # "the year to March 2024", "the three months to September", "the 12 months ending June"
    ("monthsto", re.compile(
        rf"\b(?:the\s+)?(?:(?P<half>half[- ]?years?)|(?:financial\s+|calendar\s+|fiscal\s+)?(?P<yr>years?)|{_SPAN_COUNT}\s+months?)"
        rf"\s+(?:to|ending|ended)\s+(?:(?:in|the\s+end\s+of|end(?:\s+of)?)\s+|end-)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<m1>{MONTH})(?:\s+(?P<d>\d{{1,2}}),?)?"
        rf"(?:\s+(?P<y1>{YEAR}))?\b", re.IGNORECASE)),
    # "over the past 12 months", "in the last twelve months", "the past year": up to the figure's own period
    ("trailing", re.compile(
        rf"\b(?:the\s+)?(?:past|last|previous|latest)\s+{_SPAN_COUNT}\s+(?P<unit>months|years)\b(?!\s+(?:to|ending|ended)\b)(?!\s+of\s+the\s+year)"
        r"|\bthe\s+past\s+(?P<yr>year)\b",
        re.IGNORECASE)),
    # "the third quarter of 2023", "third-quarter sales", "Q3 2023", "the first half of the year", "the final three
    # months of the year"
    ("part", re.compile(
        rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth|final|last)(?:\s+|-(?=quarter\b))(?:(?P<quarter>quarter)|(?P<half>half)"
        rf"|(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{{1,2}})\s+months)(?:\s+of\s+(?:(?P<y1>{YEAR})|the\s+(?:year|financial\s+year))|\s+(?:of\s+)?(?P<rel>last|this|next)\s+year)?\b"
        rf"(?(y1)|(?(quarter)|(?<=year)))(?!\s+of\b)", re.IGNORECASE)),
    # "the March quarter", "the June quarter of 2024", "March quarter 2024": the three months ending in that month
    ("quarterof", re.compile(rf"\b(?:the\s+)?(?P<m1>March|June|September|December)\s+quarter(?:\s+(?:of\s+)?(?P<y1>{YEAR}))?\b")),
    # "Q3 2023-24": a quarter of a financial year, counted from the year's first month (October to December 2023)
    ("fiscalq", re.compile(rf"\b[Qq](?P<q>[1-4])\s*(?P<y1>{YEAR})\s?[-–/]\s?(?P<y2>{YEAR}|\d\d)\b")),
    ("part", re.compile(rf"\b(?:[Qq](?P<q>[1-4])\s*(?P<y1>{YEAR})|(?P<y2>{YEAR})\s*[Qq](?P<q2>[1-4]))\b")),
    # "H1 2024", "2023 H2": a half of a year, as results and statistics tables head their columns
    ("part", re.compile(rf"\b(?:[Hh](?P<h>[12])\s*(?P<y1>{YEAR})|(?P<y2>{YEAR})\s*[Hh](?P<h2>[12]))\b")),
    # "January to March 2024", "between July and September"
    ("monthspan", re.compile(
        rf"\b(?:[Bb]etween\s+|[Ff]rom\s+)?(?P<m1>{MONTH})(?:\s+(?:to|and|until|through)\s+|\s*[-–—]\s*)(?P<m2>{MONTH})"
        rf"(?:\s+(?P<y1>{YEAR}))?\b(?!\s*\d)")),
    # "winter 2021-22", "the summer of 2023"; "last winter", "this summer": the months the vocabulary gives a season
    ("season", re.compile(rf"\b(?:the\s+)?(?P<season>winter|summer|spring|autumn)(?:\s+of)?\s+(?P<y1>{YEAR})"
                          rf"(?:\s?[-–/]\s?(?P<y2>{YEAR}|\d\d))?\b(?![-–/]\d)|\b(?P<fall>fall)\s+(?P<y3>{YEAR})\b",
                          re.IGNORECASE)),
    ("season", re.compile(r"\b(?P<rel>last|this|next|past|coming)\s+(?P<season>winter|summer|spring|autumn|fall)\b",
                          re.IGNORECASE)),
    # "fiscal 2023", "fiscal year 2022", "FY2023", "FY 23": the twelve months the area's fiscal year ends with
    # "F19", as Australian reports head their columns and name their years: "F" and the year's last two digits
    ("fiscal", re.compile(rf"\b(?:[Ff]iscal(?:\s+[Yy]ear)?\s+|FY\s?|F(?=[0-2]\d\b))(?P<y1>{YEAR}|\d\d)\b(?!\s?[-–/]\s?\d)")),
    ("span", re.compile(rf"\b(?P<y1>{YEAR})\s?[-–/]\s?(?P<y2>{YEAR}|\d\d)\b(?![-–/]\d)")),
    ("since", re.compile(rf"\b[Ss]ince\s+{_M1}(?P<y1>{YEAR})\b")),
    ("day", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTH})\s+(?P<y1>{YEAR})\b")),
    ("day", re.compile(rf"\b(?P<m1>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>{YEAR})\b")),
    ("endof", re.compile(rf"\b(?:the\s+)?end\s+of\s+(?P<y1>{YEAR})\b")),
    ("month", re.compile(rf"\b(?P<m1>{MONTH})\s+(?P<y1>{YEAR})\b")),
    # "Dec-23", "Jan '24": a month with its year cut to two digits, as spreadsheets and tables head columns
    ("month", re.compile(rf"\b(?P<m1>{MONTH})(?:[-–]|\s?['’])(?P<yy>\d\d)\b(?![-–/.,]?\d)")),
    # "September last year", "March this year"
    ("monthrel", re.compile(rf"\b(?P<m1>{MONTH})\s+(?P<rel>last|this|next)\s+year\b")),
    # "the same quarter of 2023", "the same period in 2022": the span the sentence is about, in that year
    ("samein", re.compile(rf"\b(?:the\s+)?same\s+(?:month|quarter|period|time|week|months)\s+(?:of|in|a)\s+(?P<y1>{YEAR})\b",
                          re.IGNORECASE)),
    # not the year of a reference number ("statistical release SR 14/2024", "PR 07/2025"); "12/2023" is a month's
    ("year", re.compile(rf"(?<![\d,.£$€])(?<!1[3-9]/)(?<![2-9]\d/)(?<!\d\d\d/)(?<!0\d/)\b(?P<y1>{YEAR})\b(?!\s?(?:%|per\s?cent|bn|m\b|million|billion))")),
    # "a year earlier", "the year before", "the previous month": before the period the sentence is about
    ("back", re.compile(
        r"\b(?:(?:a|one)\s+(?P<u1>year|month|decade|quarter)\s+(?:earlier|before|ago|previously)|the\s+(?:previous|prior|preceding)"
        r"\s+(?P<u2>year|month|quarter)|the\s+(?P<u3>year|month|quarter)\s+before"
        r"|(?P<u4>year|month|quarter)[-\s]on[-\s](?:year|month|quarter)"
        r"|(?P<n>two|three|four|five|six|seven|eight|nine|ten|twenty|\d{1,2})\s+(?P<u5>years|months)\s+(?:earlier|before|ago)"
        r"|the\s+same\s+(?:month|quarter|period|time|week)\s+(?:(?:of\s+)?last\s+year|a\s+year\s+(?:earlier|ago|before)"
        r"|(?:in|of)\s+the\s+previous\s+year))\b",
        re.IGNORECASE)),
    ("relative", re.compile(r"\b(?:[Ll]ast|[Tt]his)\s+(?P<rel>year|month)\b")),
    # a month with no year after a preposition ("in September", "from 1 January", "at the end of January")
    ("monthonly", re.compile(
        rf"(?:\b(?P<endof>(?:[Aa]t\s+|[Bb]y\s+)?(?:the\s+)?end\s+of\s+)|\b(?:[Ii]n|[Ss]ince|[Ff]rom|[Tt]o|[Uu]ntil|[Dd]uring|[Bb]y"
        rf"|[Ff]or|[Aa]nd|[Oo]n|[Tt]han|[Oo]f)\s+)"
        rf"(?P<at>(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<m1>{MONTH})(?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?)\b(?!\s*\d)")),
]
_FUTURE = re.compile(r"\b(?:will|shall|next|due|set\s+to|is\s+to|are\s+to)\b|['’]ll\b", re.IGNORECASE)


def _future(text: str, at: int) -> bool:
    """Is the sentence around `at` about what is to come ("will rise ... from 1 January")?"""
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [e for e in (text.find(". ", at), text.find("\n", at)) if e >= 0]
    return bool(_FUTURE.search(text, start, min(ends) if ends else len(text)))


def _month(name: str | None) -> int | None:
    return MONTHS[name.lower().rstrip(".")] if name else None


_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _part_end(g: dict[str, str | None]) -> tuple[int, int] | None:
    """The last month and the length of a part of a year: the third quarter ends in September, 3 months."""
    q = g.get("q") or g.get("q2")
    if q:
        return 3 * int(q), 3
    h = g.get("h") or g.get("h2")
    if h:
        return 6 * int(h), 6
    ordinal = (g.get("ord") or "").lower()
    if g.get("quarter"):
        n = 4 if ordinal in ("final", "last") else _ORDINAL.get(ordinal, 0)
        return (3 * n, 3) if n else None
    if g.get("half"):
        n = 2 if ordinal in ("final", "last", "second") else 1 if ordinal == "first" else 0
        return (6 * n, 6) if n else None
    months = _count(g.get("n") or "")
    if not months or ordinal not in ("first", "final", "last"):
        return None
    return (months if ordinal == "first" else 12), months


def _count(word: str) -> int:
    return int(word) if word.isdigit() else WORD_COUNTS.get(word.lower(), 0)


def _ym(year: int, month: int | None) -> str:
    return f"{year}-{month:02d}" if month else str(year)


def _season(g: dict[str, str | None], published: date, seasons: dict[str, tuple[int, int]]) -> str:
    """A season as months: its first and last month from `seasons` ("winter": (10, 3) runs October to March); a
    year names the one that starts in it, "last" the latest that ended before the dateline's month, "this" the one
    the dateline is in (else the nearest), "next"/"coming" the first that starts after it."""
    name = (g.get("season") or g.get("fall") or "").lower()
    if name not in seasons:
        return ""
    a, b = seasons[name]
    wraps = b < a

    def span(year: int) -> tuple[int, int]:
        return year * 12 + a - 1, (year + 1 if wraps else year) * 12 + b - 1

    def written(lo: int, hi: int) -> str:
        return f"{lo // 12}-{lo % 12 + 1:02d}/{hi // 12}-{hi % 12 + 1:02d}"

    year = g.get("y1") or g.get("y3")
    if year:
        raw2 = g.get("y2")
        if raw2:
            y2 = int(raw2) if len(raw2) == 4 else (int(year) // 100) * 100 + int(raw2)
            if y2 != int(year) + (1 if wraps else 0):
                return ""
        return written(*span(int(year)))
    now = published.year * 12 + published.month - 1
    spans = [span(y) for y in range(published.year - 2, published.year + 2)]
    rel = (g.get("rel") or "").lower()
    if rel in ("last", "past"):
        chosen = max((s for s in spans if s[1] < now), default=None)
    elif rel == "this":
        chosen = next((s for s in spans if s[0] <= now <= s[1]), None) or min(
            spans, key=lambda s: min(abs(s[0] - now), abs(s[1] - now)))
    else:
        chosen = min((s for s in spans if s[0] > now), default=None)
    return written(*chosen) if chosen else ""


def _fiscal(raw: str, fiscal_start: int) -> str:
    """A fiscal year named for the calendar year it ends in: with `fiscal_start` 10, fiscal 2023 is October 2022 to
    September 2023."""
    year = int(raw) if len(raw) == 4 else 2000 + int(raw)
    return f"{year - 1}-{fiscal_start:02d}/{year}-{fiscal_start - 1:02d}"


def find_periods(text: str, published: date, data_end_year: int | None = None,
                 seasons: dict[str, tuple[int, int]] | None = None, fiscal_start: int = 0,
                 financial_start: int = 4) -> list[PeriodMention]:
    """Every period written in `text`. "last year" is the year before `published`;
    "since 2015" runs to `data_end_year` (the latest year the document mentions), "since March 2022" to the
    dateline's month. `seasons` gives a season's first and last month (none known: a season is no period);
    `fiscal_start` the month the area's fiscal year starts in (0: not known); `financial_start` the month a year
    written with its next one short ("2022-23") starts in: April unless the text's area starts its year otherwise
    (July in Australia)."""
    end_year = data_end_year or published.year
    out: list[PeriodMention] = []
    for kind, pattern in PERIOD_PATTERNS:
        for m in pattern.finditer(text):
            listed: list[PeriodMention] = []
            start = m.start("at") if kind == "monthonly" and not m.group("endof") else m.start()
            if any(p.start < m.end() and start < p.end for p in out):
                continue
            g = m.groupdict()
            m1 = _month(g.get("m1"))
            months = 0
            if kind in ("between", "fromto", "span"):
                y1, raw2 = int(g["y1"]), g["y2"]
                y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
                if y2 <= y1 and kind == "span":
                    continue
                m2 = _month(g.get("m2"))
                if g.get("end2") or (m1 and not m2):
                    m2 = 12
                period, pk = f"{_ym(y1, m1)}/{_ym(y2, m2)}", "range"
                if kind == "span" and y2 == y1 + 1 and (len(raw2) == 2 or "/" in m.group(0)):
                    # "2022-23", "2024/25", "2023/2024": a financial year, April to March in Britain, July to June in
                    # Australia ("2022-2023" with a dash is two years)
                    first = financial_start if 1 < financial_start <= 12 else 4
                    period = f"{y1}-{first:02d}/{y2}-{first - 1:02d}"
            elif kind == "iso":
                period = f"{g['y1']}-{g['mo']}-{g['d']}"
                pk = "dateline" if period == published.isoformat() else "point"
            elif kind == "monthsto":
                n = 6 if g.get("half") else 12 if g.get("yr") else _count(g["n"])  # "the half year to 30 June"
                if not n or n > 36:
                    continue
                end = _ym(int(g["y1"]), m1) if g.get("y1") else month_of(g["m1"], published, _future(text, m.start()))
                if not end:
                    continue
                period, pk = months_ending(end, n), "upto"
                if g.get("y1") and m1:  # "the years ended September 30, 2019, 2018 and 2017": one span per year
                    listed += _listed_years(text, m.end(), m1, n)
            elif kind == "trailing":
                months = 12 if g.get("yr") else _count(g["n"]) * (12 if (g.get("unit") or "").lower() == "years" else 1)
                if not months:
                    continue
                period, pk = "", "trailing"
            elif kind == "since":
                y1 = int(g["y1"])
                upto = _ym(published.year, published.month) if m1 else str(end_year if end_year > y1 else published.year)
                period, pk = f"{_ym(y1, m1)}/{upto}", "since"
            elif kind == "season":
                period, pk = _season(g, published, seasons or {}), "season"
                if not period:
                    continue
            elif kind == "fiscalq":
                y1, raw2 = int(g["y1"]), g["y2"]
                if (int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)) != y1 + 1:
                    continue
                first = fiscal_start if fiscal_start > 1 else 4  # as "2022-23" is read: April to March when not known
                start_month = first + 3 * (int(g["q"]) - 1)
                y_start, m_start = y1 + (start_month - 1) // 12, (start_month - 1) % 12 + 1
                end_month = m_start + 2
                y_end, m_end = y_start + (end_month - 1) // 12, (end_month - 1) % 12 + 1
                period, pk = f"{y_start}-{m_start:02d}/{y_end}-{m_end:02d}", "range"
            elif kind == "fiscal" and fiscal_start <= 1 and re.match(r"F(?:Y|\d)", m.group(0)):
                # "FY2019", "FY19", "F19" where the year's first month is not known: the year it ends in, as "fiscal 2019" is
                period, pk = str(int(g["y1"]) if len(g["y1"]) == 4 else 2000 + int(g["y1"])), "point"
            elif kind == "fiscal":
                if fiscal_start <= 1:
                    continue  # not known: the year alone is read as a year
                period, pk = _fiscal(g["y1"], fiscal_start), "range"
                # "fiscal 2018 and 2019": each year listed is a fiscal one
                listed += [PeriodMention(p.start, p.end, _fiscal(text[p.start:p.end], fiscal_start), "range")
                           for p in _listed_years(text, m.end(), 12, 12)]
            elif kind == "day":
                period, pk = f"{int(g['y1'])}-{m1:02d}-{int(g['d']):02d}", "point"
                if period == published.isoformat():
                    pk = "dateline"
            elif kind == "endof":
                period, pk = f"{int(g['y1'])}-12", "point"
            elif kind == "monthrel":
                year = published.year - {"last": 1, "this": 0, "next": -1}[g["rel"]]
                period, pk = _ym(year, m1), "relative"
            elif kind == "back":
                unit = (g.get("u1") or g.get("u2") or g.get("u3") or g.get("u4") or g.get("u5") or "year").lower()
                per = {"year": 12, "years": 12, "month": 1, "months": 1, "decade": 120, "quarter": 3}[unit]
                period, pk, months = "", "back", per * (_count(g["n"]) if g.get("n") else 1)
                if not months:
                    continue
            elif kind == "relative":
                resolved = (year_of if g["rel"] == "year" else month_of)(m.group(0), published)
                if not resolved:
                    continue
                period, pk = resolved, "relative"
            elif kind == "part":
                ends = _part_end(g)
                if ends is None:
                    continue
                end_month, months = ends
                year = g.get("y1") or g.get("y2")
                if g.get("rel"):  # "the third quarter last year": that quarter of the year before the dateline's
                    year = str(published.year - {"last": 1, "this": 0, "next": -1}[g["rel"].lower()])
                end = _ym(int(year), end_month) if year else month_of(_MONTH_NAMES[end_month - 1], published,
                                                                       _future(text, m.start()))
                if not end:
                    continue
                period, pk = months_ending(end, months), "part"
            elif kind == "quarterof":
                end = _ym(int(g["y1"]), m1) if g.get("y1") else month_of(g["m1"], published, _future(text, m.start()))
                if not end:
                    continue
                period, pk = months_ending(end, 3), "part"
            elif kind == "monthspan":
                a, b = _month(g["m1"]), _month(g["m2"])
                if not a or not b:
                    continue
                end = _ym(int(g["y1"]), b) if g.get("y1") else month_of(g["m2"], published, _future(text, m.start()))
                if not end:
                    continue
                period, pk = months_ending(end, (b - a) % 12 + 1), "upto"
            elif kind == "monthonly":
                period = month_of(g["m1"], published, _future(text, m.start()))
                if not period:
                    continue
                pk = "month"
            elif kind == "samein":
                period, pk = g["y1"], "samein"
            elif g.get("yy"):
                period, pk = _ym(2000 + int(g["yy"]), m1), "point"
            else:
                period, pk = _ym(int(g["y1"]), m1), "point"
            before = text[max(0, start - 4): start].lower()
            out.append(PeriodMention(start, m.end(), normal(period), pk, before.endswith(("in ", "on ")), months))
            out += [p for p in listed if not any(o.start < p.end and p.start < o.end for o in out)]
    return sorted(out, key=lambda p: p.start)


LISTED_YEAR = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?P<y>{YEAR})\b(?!\s?[-–/]\d|,?\s+{MONTH}|\s?%)")


def _listed_years(text: str, at: int, month: int, n: int) -> list[PeriodMention]:
    """The years listed after a span ending on a month: "ended September 30, 2019, 2018 and 2017" names the
    twelve months to September of each, in the order written."""
    out = []
    m = LISTED_YEAR.match(text, at)
    while m is not None:
        end = _ym(int(m.group("y")), month)
        out.append(PeriodMention(m.start("y"), m.end("y"), normal(months_ending(end, n)), "upto"))
        m = LISTED_YEAR.match(text, m.end())
    return out


def period_bounds(period: str) -> tuple[str, str]:
    a, _, b = period.partition("/")
    return a, b or a
