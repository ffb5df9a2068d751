"""Reading and writing numbers the way articles and people write them."""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from qa.model.records import Unit

WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

NUMBER_RE = re.compile(r"(?<![\w.])[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\w.,])[-−]?\d+(?:\.\d+)?(?![\d])")
WORD_RE = re.compile(r"\b(" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
             "fifths": 5, "tenth": 10, "tenths": 10}
SUFFIX_SCALES = {"bn": 1e9, "b": 1e9, "m": 1e6, "mn": 1e6, "k": 1e3, "tn": 1e12}
_WORD = r"(?:" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")"
TENS_RE = re.compile(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(one|two|three|four|five|six|seven|eight|nine)\b", re.I)
FRACTION_RE = re.compile(r"\b(a|an|one|two|three|four|nine)[\s-]+(half|halves|thirds?|quarters?|fifths?|tenths?)\b|\bhalf\b", re.I)
IN_RE = re.compile(r"\b(" + _WORD + r"|\d+)\s+in\s+(" + _WORD + r"|\d+)\b", re.I)
WORD_SCALE_RE = re.compile(r"\b(" + _WORD + r")\s+(thousand|million|billion|trillion)\b", re.I)


_SCALED_BY = {**SCALES, **SUFFIX_SCALES}
WRITTEN_RE = re.compile(r"(?<![\w.])([-\u2212]?\d[\d,]*(?:\.\d+)?)(?:\s*(" + "|".join(sorted(_SCALED_BY, key=len, reverse=True))
                        + r")\b)?", re.I)


def written_numbers(text: str) -> list[tuple[str, str, float, float]]:
    """Each number written in digits, as (its digits, its words with any scale, the number shown, its scale):
    "$1.2bn" -> ("1.2", "1.2bn", 1.2, 1e9); "30.99" -> ("30.99", "30.99", 30.99, 1.0)."""
    out = []
    for m in WRITTEN_RE.finditer(text):
        shown = float(m.group(1).replace(",", "").replace("\u2212", "-"))
        scale = _SCALED_BY[m.group(2).lower()] if m.group(2) else 1.0
        out.append((m.group(1), m.group(0).strip(), shown, scale))
    return out


def _as_number(token: str) -> float:
    t = token.lower()
    return float(WORDS[t]) if t in WORDS else float(t)


def numbers_in(text: str, words: bool = True) -> list[float]:
    """Every number written in `text`.

    Digits: 2,575; 38.8; "1.2 million"; "£3.4bn"; "12k". With `words`, also number words
    ("five", "twenty-five", "five million") and shares written in words, as percentages
    ("half" 50, "a third" 33.3, "two in five" 40).
    """
    found: list[float] = []
    for m in NUMBER_RE.finditer(text):
        raw = m.group(0).replace(",", "").replace("−", "-")
        try:
            v = float(raw)
        except ValueError:
            continue
        tail = text[m.end(): m.end() + 10].lower()
        for word, scale in SCALES.items():
            if tail.lstrip().startswith(word):
                found.append(v * scale)
        suffix = re.match(r"(bn|mn|m|k|b)\b", tail)
        if suffix:
            found.append(v * SUFFIX_SCALES[suffix.group(1)])
        if re.match(r"\s?(?:cents|pence)\b|p\b", tail):  # "94 cents" is 0.94 of its currency, "35p" 0.35
            found.append(v / 100)
        found.append(v)
    if words:
        for m in WORD_RE.finditer(text):
            found.append(float(WORDS[m.group(1).lower()]))
        for m in TENS_RE.finditer(text):
            found.append(float(WORDS[m.group(1).lower()] + WORDS[m.group(2).lower()]))
        for m in WORD_SCALE_RE.finditer(text):
            found.append(WORDS[m.group(1).lower()] * SCALES[m.group(2).lower()])
        for m in FRACTION_RE.finditer(text):
            if m.group(2) is None:
                found.append(50.0)
                continue
            top = 1.0 if m.group(1).lower() in ("a", "an") else _as_number(m.group(1))
            found.append(round(top / FRACTIONS[m.group(2).lower()] * 100, 1))
        for m in IN_RE.finditer(text):
            a, b = _as_number(m.group(1)), _as_number(m.group(2))
            if b and a <= b and b <= 1000:
                found.append(round(a / b * 100, 1))
    return found


def round1(x: float) -> float:
    """The one rounding rule: half away from zero, to one decimal place."""
    if abs(x) >= 1e15:  # beyond any statistic; Decimal's precision would refuse to quantize
        return float(round(x))
    return float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def fmt_number(x: float) -> str:
    """2575 -> '2,575'; 47.25 -> '47.3'; -3.0 -> '-3'."""
    r = round1(x)
    if r == int(r) and abs(x - r) >= 0.005:
        # 40.95 is not "41": a number rounding to a whole one at one decimal keeps the hundredths it has (prices in
        # pence or cents), so that the figure shown is the figure quoted
        return f"{x:,.2f}".rstrip("0").rstrip(".")
    if r == int(r):
        return f"{int(r):,}"
    return f"{r:,.1f}"


def fmt_amount(x: float) -> str:
    """An amount of money as written: a price keeps its pence or cents (2.65, 0.185, 40.95), where one decimal would
    make another number of it (2.7, 0.2, 41); a larger amount, or one written with one decimal, as `fmt_number`."""
    decimals = decimals_of(round(x, 4))
    if decimals >= 2 and abs(x) < 100_000:
        return f"{x:,.{decimals}f}"
    return fmt_number(x)


CURRENCY_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€", "JPY": "¥", "CAD": "C$", "AUD": "A$", "CNY": "¥", "INR": "₹",
                    "KRW": "₩", "NZD": "NZ$", "HKD": "HK$", "SGD": "S$", "PHP": "₱", "TRY": "₺", "NGN": "₦",
                    "ILS": "₪", "VND": "₫"}


def fmt_value(x: float, unit: Unit | str, currency: str = "") -> str:
    """A value as people write it; money in its currency (`currency` an ISO code; none given is pounds)."""
    u = Unit(unit)
    n = fmt_number(x)
    if u is Unit.percent:
        return f"{n}%"
    if u is Unit.percentage_points:
        return f"{n} percentage point" + ("" if abs(round1(x)) == 1 else "s")
    if u is Unit.ratio:
        return f"{n} times"
    if u is Unit.years:
        return f"{n} year" + ("" if round1(x) == 1 else "s")
    if u is Unit.money:
        n = fmt_amount(x)
        if currency[:1].islower():  # a currency kept as its name ("pesos": `qa.text.currencies`)
            return f"{n} {currency}"
        symbol = CURRENCY_SYMBOLS.get(currency, f"{currency} " if currency else "£")
        return f"-{symbol}{n[1:]}" if n.startswith("-") else f"{symbol}{n}"
    if u is Unit.date:
        return str(int(x))
    return n


def matches(stated: float, computed: float) -> bool:
    """Does a number someone wrote agree with an exact one, allowing for how it was rounded?

    A number written with d decimals matches anything that rounds to it at d decimals
    (47.3 matches 47.25; 39 matches 39.05).
    """
    decimals = decimals_of(stated)
    if abs(stated) >= 1e15 or abs(computed) >= 1e15 or not (math.isfinite(stated) and math.isfinite(computed)):
        return stated == computed  # beyond any statistic: only an exact match counts
    q = Decimal(1).scaleb(-decimals)
    return Decimal(repr(computed)).quantize(q, rounding=ROUND_HALF_UP) == Decimal(repr(stated)).quantize(q)


def decimals_of(v: float) -> int:
    """How many decimals a number was written with: 47.3 -> 1, 39.0 -> 0, 1e+20 -> 0, 1e-05 -> 5."""
    d = Decimal(repr(float(v))).normalize()
    exponent = d.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
