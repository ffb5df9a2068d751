"""Figures from a document's tables: every numeric cell, labelled by its row, its column and the caption.

A `TextTable` (read by `qa.text.documents` from an HTML `<table>`, a GFM pipe table, a plain-text table
written with spaces (`qa.text.aligned`), or a CSV/XLSX sheet) becomes one candidate figure per numeric cell:

  subject   the row label ("North Vale"; a band of numbers as written: "65 and over"); in a table whose rows are
            periods, the column label; in a table whose rows are measures ("Revenue ($m)", "Margin (%)" over columns
            of years), whom the caption or the article names, the row being the measure. A rank column is no figure
  measure   the caption's measure ("Bed occupancy by Northshire district" -> bed occupancy; a caption may be written
            under the table, and a heading that only says when names no measure), with the column's own words when
            it has any ("Change (%)" -> percent change in bed occupancy; "Change in margin (pp)" -> in margin)
  period    a period in the column label ("Jan 2024 (000s)" -> 2024-01), else in the row label, else
            in the caption or heading; a change column spans the table's first to last period (between two
            years to a month, from the first's end to the last's)
  unit      "%" or "per cent" in the cell or its labels -> percent; "pp" -> percentage points, as is a change
            column between two percentages that holds their difference ("+0.7" beside 12.4% and 13.1%);
            a currency sign or code -> money (with the currency); otherwise a count
  scale     "(000s)", "thousands", "£m", "$bn", "(millions)" in the labels, caption or note
  quote     the cell exactly as written, with its offsets into the document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import partial

from qa.model.records import Unit
from qa.text import lexicon
from qa.text.currencies import NAME_RE, SIGNS, currency_code, currency_of
from qa.text.dateline import shift
from qa.text.documents import TableCell, TextTable
from qa.text.mentions import MONTHS, find_periods, period_bounds
from qa.text.numbers import WORDS

# "(40)", "$(31.5)" and "(25)%" are accounts' negatives; a sign or currency may stand outside the bracket
CELL_RE = re.compile(
    r"^(?P<cur0>[£$€]|US\$)?\s*(?P<open>\()?(?P<sign>[+\-−–])?\s*(?P<cur>[£$€]|US\$)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?:(?P<suffix>%|pp|bn|tn|m|k|p\.?p\.?)?\s*(?P<close>\))?|(?P<close2>\))\s*(?P<suffix2>%))\*?"
    r"(?P<note>\s+\((?:\d|[a-z])\))?$",  # a footnote mark after the number: "$130,000 (1)", "6,320 (a)"
    re.IGNORECASE,
)
# a currency's ISO code before or glued to its scale: "NOK billion", "(SEK m)", "INRbn"
CODE_RE = re.compile(r"(?<![A-Za-z])([A-Z]{3})(?=\s?(?:bn|m|mn|k|thousands?|millions?|billions?)?\b)")
_CODE_SCALE = r"(?-i:\b[A-Z]{3})\s?"
SCALE_RES: list[tuple[re.Pattern[str], float]] = [
    # "in thousand NT dollars", "€ million", "$ MILLION": the singular says it too
    (re.compile(r"\(\s*(?:in\s+)?thousands?\s+[a-z][^()]*\)|\(\s*(?:in\s+)?0{3}['’]?s?\s*\)|\(\s*['’]?0{3}s?\s+[a-z]+\s*\)|['’‘]0{3}s?\b|[£$€]\s?0{3}(?:['’]?s)?\b|\bin\s+thousands?\b|\(thousands?\)|\bthousands\b|"
                r"[£$€]\s?thousands?\b|" + _CODE_SCALE + r"(?:k|thousands?)\b", re.I), 1e3),
    (re.compile(r"\(\s*(?:in\s+)?(?:millions?|m)\s+[a-z][^()]*\)|[£$€]\s?m\b|\b(?-i:USD|EUR|GBP|DKK|SEK|NOK|CHF|CAD|AUD|JPY)m\b|\(\s*m\s*\)|\bin\s+millions?\b|\(millions?\)|"
                r"\bmillions\b|\bmn\b|[£$€]\s?millions?\b|" + _CODE_SCALE + r"(?:m|mn|millions?)\b", re.I), 1e6),
    (re.compile(r"\(\s*(?:in\s+)?(?:billions?|bn)\s+[a-z][^()]*\)|[£$€]\s?bn\b|\(\s*bn\s*\)|\bin\s+billions?\b|\(billions?\)|\bbillions\b|[£$€]\s?billions?\b|" + _CODE_SCALE + r"(?:bn|billions?)\b", re.I), 1e9),
]
# a label saying its numbers are hundredths of a currency: "(cents)", "in pence", "(p)", "¢"
# and a price per some unit said in hundredths: "cents per gallon", "pence a litre", "(p/kWh)", "(c/litre)"
SUBUNIT_RE = re.compile(r"\(\s*(?:in\s+)?(cents|pence|p|¢)\s*\)|\bin\s+(cents|pence)\b|(¢)|"
                        r"\b(cents|pence)\s+(?:per|a|an)\s+[a-z]|\(\s*(p|c)\s*/\s*[a-z]+\s*\)", re.I)
SUBUNIT = 0.01
CURRENCY_SIGNS = {"£": "GBP", "$": "USD", "US$": "USD", "€": "EUR", **SIGNS}
CURRENCY_WORDS = re.compile(r"\b(GBP|USD|EUR|dollars?|pounds?|euros?|" + NAME_RE + r")\b", re.I)
US_DOLLAR = re.compile(r"US\$|\bUSD\b|\bU\.?S\.? dollars?\b")
CURRENCY_NAMES = {"dollar": "USD", "pound": "GBP", "euro": "EUR", "gbp": "GBP", "usd": "USD", "eur": "EUR"}
PERCENT_RE = re.compile(r"%|\bper ?cent\b|\bpercentage\b(?!\s+points?)|\brate\b(?!\s+per\b)", re.I)
PP_RE = re.compile(r"\bpp\b|\bpercentage points?\b|\bp\.p\.", re.I)
CHANGE_RE = re.compile(r"\b(change|rise|increase|growth|fall|decrease|decline|difference|movement)\b", re.I)
# a calendar quarter; "Q3 2023-24", a quarter of a financial year, is read with the other periods
QUARTER_RE = re.compile(r"\bQ([1-4])\s*(?:['’]?\s*)?((?:19|20)\d\d)\b(?!\s?[-–/]\s?\d)|\b((?:19|20)\d\d)\s*Q([1-4])\b", re.I)
TABLE_NO_RE = re.compile(r"^\W*(?:table|figure|chart|exhibit)(?:\s+\w+)?\s*[:.–—-]\s*", re.I)  # "Table 2:", "Table:"
# Label words that only say how the number is written, never what it measures.
NOISE = re.compile(
    r"\((?:[^()]*)\)|['’‘]0{3}s?|\b(?:in\s+)?(?:thousands|millions|billions)\b|[£$€%]|\bper ?cent\b|\bpp\b",
    re.I,
)
MONEY_SCALE = re.compile(r"(?:US\$|[£$€])\s?(?:bn|mn|m|k|tn)\b")
# NOISE for a label kept whole: only brackets that say how a number is written ("($000)", "(%)", "(in millions)")
UNIT_NOISE = re.compile(
    r"\((?:[^()]*?(?:[£$€%]|\b(?:in\s+)?(?:thousands|millions|billions|000s?|m|bn|pp|per ?cent)\b)[^()]*)\)|['’‘]0{3}s?|"
    r"\b(?:in\s+)?(?:thousands|millions|billions)\b|[£$€%]|\bper ?cent\b|\bpp\b",
    re.I,
)
LEVEL_WORDS = re.compile(r"\b(?:average|typical|median|mean|monthly|weekly|rate|index|price)\b", re.I)
PER_SHARE = re.compile(r"\bper\s+(?:\w+\s+){0,2}(?:share|unit)s?\b|\bEPS\b", re.I)
BRACKETED_PERCENT = re.compile(r"^\s*\(\s*\d[\d,]*(?:\.\d+)?\s*%\s*\)\s*$")
MISSING = {"", "-", "–", "—", "―", "‒", "..", "…", "n/a", "na", "x", "*", ":"}


# a caption saying how all its numbers are written in a currency: "(£m)", "(€ million)", "($bn)", "(in euros)"
CURRENCY_SAID = re.compile(r"\(\s*(?:in\s+)?(?:US\$|[£$€])\s*(?:m|bn|k|000s?|millions?|billions?|thousands?)?\s*\)|"
                           r"\(\s*in\s+(?:euros|pounds|dollars)\b[^()]*\)", re.I)


@dataclass
class TableFigure:
    """One numeric cell read as a figure (before validation)."""

    cell: TableCell
    subject: str
    measure: str
    period: str
    value: float
    unit: Unit
    currency: str
    scale: float


@dataclass
class Label:
    """What a row or column label says: its period, scale, currency, unit hints and remaining words."""

    text: str
    period: str = ""
    scale: float = 0.0  # 0: the label does not say
    currency: str = ""
    percent: bool = False
    pp: bool = False
    words: str = ""
    upto: bool = False  # the period is a year to a month ("year to January 2024", "12 months ending June")
    month: int = 0  # a month named alone ("Jan", "February"): its year is the other label's or the table's


# "Rate", "Hourly rate", "New rate": a rate that names no measure of its own ("Growth rate" does)
RATE_ONLY = re.compile(r"(?:(?:hourly|daily|weekly|monthly|annual|basic|standard|minimum|current|new|old|previous)\s+)?"
                       r"rates?", re.I)
FOOTNOTE_MARK = re.compile(r"(?<=[A-Za-z)])[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+(?=\s|$|[,;:)])")
MONTH_ALONE = re.compile(r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|january|february|march|april|june|"
                         r"july|august|september|october|november|december)\.?", re.I)
MONTH_GLUED = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
                         r"(?=\d)", re.I)
PERCENT_SAID = re.compile(r"%|\bper ?cent", re.I)
WEEKS_LONG = re.compile(r"\(?5[23]\s+weeks\)?", re.I)
YEAR_PERCENT = re.compile(r"\b((?:19|20)\d\d)\s*%")


def read_label(text: str, published: date, keep_numbers: bool = False, financial_start: int = 4) -> Label:
    """What a label says. `keep_numbers` keeps its own numbers and bracketed words ("31 to 60 days", "Total (loan)"),
    for labels that only those tell apart (`told_apart`)."""
    # "December31," is "December 31,"; "2019 %" is the 2019 column of percentages, not 2,019%
    text = YEAR_PERCENT.sub(r"\1 (%)", MONTH_GLUED.sub(r"\1 ", text))
    label = Label(text)
    q = QUARTER_RE.search(text)
    rest = text
    part = fiscal_part(text, financial_start)
    if part:
        label.period, (a, b) = part
        rest = rest[:a] + " " + rest[b:]
    elif q:
        n, year = (int(q.group(1)), int(q.group(2))) if q.group(1) else (int(q.group(4)), int(q.group(3)))
        label.period = f"{year}-{3 * n - 2:02d}/{year}-{3 * n:02d}"
        rest = rest[: q.start()] + " " + rest[q.end():]
    else:
        # a season ("Autumn 2023") is read as the prose reads it: the months the vocabulary gives it
        periods = [p for p in find_periods(text, published, seasons=lexicon.vocabulary().seasons,
                                           financial_start=financial_start)
                   if p.kind not in ("relative", "back", "trailing", "month", "dateline")]
        if periods:
            # two periods in one label span from the earlier to the later, in whichever order they are written
            # ("2023 as % of 2019": 2019 to 2023)
            ends = sorted((period_bounds(p.period) for p in periods), key=lambda b: (b[0], b[1]))
            label.period = periods[0].period if len(periods) == 1 else (
                f"{ends[0][0]}/{max(b[1] for b in ends)}")
            label.upto = len(periods) == 1 and periods[0].kind == "upto" and _twelve_months(periods[0].period)
            for p in reversed(periods):
                rest = rest[: p.start] + " " + rest[p.end:]
        else:
            alone = MONTH_ALONE.fullmatch(NOISE.sub(" ", rest).strip(" ,;:-–—"))
            if alone:
                label.month = MONTHS[alone.group(1).lower()]
                rest = ""
    for pattern, scale in SCALE_RES:
        if pattern.search(text):
            label.scale = scale
            break
    sign = re.search(r"US\$|[£$€]", text)
    cents = SUBUNIT_RE.search(text)
    if sign:
        label.currency = CURRENCY_SIGNS[sign.group(0)]
    elif cents:  # "Change (cents)": hundredths of the dollar (or of the euro beside it: `table_figures`), "(p)" of the pound
        label.currency = "GBP" if next(g for g in cents.groups() if g).lower().startswith("p") else "USD"
        label.scale = label.scale or 0.01
    else:
        word = CURRENCY_WORDS.search(text)
        code = next((c for c in (currency_code(x.group(1)) for x in CODE_RE.finditer(text)) if c), "")
        if word:
            w = word.group(1).lower()
            label.currency = CURRENCY_NAMES.get(w.rstrip("s")) or currency_of(w, "")  # "(pesos)": a code or the name
        elif code:  # "Value (NOK bn)", "in SEK million": a currency's ISO 4217 code
            label.currency = code
    label.pp = bool(PP_RE.search(text))
    # "2024 rate ($/hour)": a rate said in money is an amount, not a percentage; "%" or "per cent" still is one
    said = [m.group(0).lower() for m in PERCENT_RE.finditer(text)]
    label.percent = not label.pp and bool(said) and (any(w != "rate" for w in said) or not label.currency)
    # "FY19**": the footnote mark of a period read out of the label is no word of it
    # "Eastland*", "Westland†", "Southland¹": a footnote mark glued to a label is no word of it either
    rest = FOOTNOTE_MARK.sub("", rest)
    # "52 WEEKS" under "F18", "53 weeks" under "F19": how long a retailer's year was, not what is measured (a label
    # that says more, "Waiting over 52 weeks", keeps it)
    if label.period and not re.search(r"[A-Za-z]", WEEKS_LONG.sub(" ", rest)):
        rest = WEEKS_LONG.sub(" ", rest)
    # "Revenue £m", "Sales (US$ bn)", "Value NOK bn": the scale after the currency says how the number is written,
    # as the currency does; neither is a word of what is measured
    rest = MONEY_SCALE.sub(" ", rest)
    if label.currency:
        rest = re.sub(rf"(?:\bin\s+)?(?<![A-Za-z]){label.currency}(?:\s?(?:bn|mn|m|k|thousands?|millions?|billions?))?\b", " ",
                      rest)
    words = (UNIT_NOISE if keep_numbers else NOISE).sub(" ", re.sub(r"(?<![\w*])\*+(?![\w*])", " ", rest))
    words = re.sub(r"\b(?:year|years)\s+(?:ending|ended|to)\b.*$", " ", words, flags=re.I)
    if label.period:  # "As at 31 March 2019", "End of 2019"; "Outstanding at end of period" keeps its words
        words = re.sub(r"\b(?:end of|as at|as of|at end)\b", " ", words, flags=re.I)
    words = re.sub(r"[,;:]+\s*$", "", words)
    label.words = " ".join(re.sub(r"\(\s*\)", " ", words).split()).strip(" ,;:-–—") if keep_numbers else unnumbered(words)
    return label


# a quarter or half of a financial year written as a table header ("2024/25 Q1", "Q2 FY2024-25", "H1 2024/25"), or a
# financial year with its "FY" ("FY2024/25"); the year's second part is the next year ("24/25", "2024-25")
YEAR_PAIR = r"((?:19|20)\d\d)\s?[-/–]\s?(\d\d(?!\d)|(?:19|20)\d\d)"
FISCAL_PART = re.compile(rf"\b([QH])([1-4])\s+(?:FY\s?)?{YEAR_PAIR}\b|\b(?:FY\s?)?{YEAR_PAIR}\s+([QH])([1-4])\b|"
                         rf"\bFY\s?{YEAR_PAIR}\b", re.I)


def fiscal_part(text: str, financial_start: int = 4) -> tuple[str, tuple[int, int]] | None:
    """The months of a quarter or half of a financial year ("2024/25 Q1" -> 2024-04/2024-06 in a year from April),
    or of a financial year written with "FY" ("FY2024/25" -> 2024-04/2025-03), and where the label says it; None
    when it says neither, or the two years are not one after the other."""
    m = FISCAL_PART.search(text)
    if m is None:
        return None
    g = m.groups()
    kind, n, first, second = (g[0], g[1], g[2], g[3]) if g[0] else (g[6], g[7], g[4], g[5]) if g[6] else \
        ("", "1", g[8], g[9])
    year = int(first)
    if int(second[-2:]) != (year + 1) % 100:
        return None
    length = {"q": 3, "h": 6}.get(kind.lower(), 12)
    start = financial_start - 1 + length * (int(n) - 1)  # months from January of the first year
    if length != 12 and int(n) > 12 // length:
        return None
    end = start + length - 1
    return f"{year + start // 12}-{start % 12 + 1:02d}/{year + end // 12}-{end % 12 + 1:02d}", m.span()


def _twelve_months(period: str) -> bool:
    """A span of twelve months that is not a calendar year: "2023-02/2024-01"."""
    a, b = period_bounds(period)
    if len(a) < 7 or len(b) < 7:
        return False
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7]) + 1 == 12


def told_apart(labels: list[Label], texts: list[str], published: date, start: int = 0,
               financial_start: int = 4) -> list[Label]:
    """Labels that read the same once their numbers and brackets are dropped ("0 to 30 days past due" and "31 to 60
    days past due"; "Total (value)" and "Total (loan)") keep them, so two columns (or rows) of a table are never
    one measure (or subject); labels that read the same as written stay as they are."""
    out = list(labels)
    groups: dict[tuple[str, str], list[int]] = {}
    for i in range(start, len(labels)):
        if labels[i].words:
            groups.setdefault((labels[i].words.lower(), labels[i].period), []).append(i)
    for members in groups.values():
        if len(members) < 2 or len({texts[i].strip().lower() for i in members}) < 2:
            continue
        fuller = {i: read_label(texts[i], published, keep_numbers=True, financial_start=financial_start) for i in members}
        if len({fuller[i].words.lower() for i in members}) == len(members):
            for i in members:
                out[i] = fuller[i]
    return out


NUMBER_WORDS = re.compile(r"\b(?:" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")\b-?", re.I)


def unnumbered(text: str) -> str:
    """A label without its own numbers ("Seen within four hours" -> "seen within hours"): an answer repeats a
    figure's measure, and a number there would be grounded by no quote (the cell holds only its value)."""
    text = re.sub(r"\s*\bper\s+[\d,.]*\d[\d,.]*\s*$", "", text)  # "Death rate per 100,000": a death rate, not "rate per"
    text = re.sub(r"\bper\s+[\d,.]+\s+", "per ", text)
    text = re.sub(r"(?<![\w.])[\d,.]+(?:-(?=\w))?", " ", text)
    text = NUMBER_WORDS.sub(" ", text)
    return " ".join(text.split()).strip(" ,;:-–—")


# a heading written as a clause ("Where the money went", "How the regions compare") tells a story, names no measure
NARRATIVE = re.compile(r"^\s*(?:where|how|what|who|which|why|when)\b", re.I)


def _is_name(words: list[str]) -> bool:
    """Words written as a name: capitalised throughout (joiners aside), no number in them."""
    return bool(words) and words[0][:1].isupper() and not any(ch.isdigit() for w in words for ch in w) and all(
        w[:1].isupper() or w in CAPTION_JOINERS for w in words)


# "Table", "Chart" or "Figure" alone before a colon numbers nothing and names no one
GENERIC_HEAD = re.compile(r"^(?:table|chart|figure|graphic|graph|source|note)s?$", re.I)


def named_first(caption: str) -> tuple[str, str]:
    """A caption that names whom first, then a colon, then what it measures ("Eastport Harbour: cargo and ships by
    month, 2024"): (the name, the rest). ("", caption) when it does not (the part after the colon starts with a capital,
    or the part before it is no name)."""
    text = TABLE_NO_RE.sub("", caption)
    head, colon, rest = text.partition(":")
    words = head.split()
    rest = rest.strip()
    if not colon or not rest or not rest[:1].islower() or not _is_name(words) or GENERIC_HEAD.match(head.strip()) \
            or find_periods(head, date(2000, 1, 1)):
        return "", caption
    return " ".join(words), rest


DATE_KINDS_SKIPPED = ("relative", "back", "trailing", "dateline")


def _without_periods(text: str, skipped: tuple[str, ...] = DATE_KINDS_SKIPPED) -> str:
    """A caption without the periods it names ("Waiting for tests, March 2024" -> "Waiting for tests, "), so a
    heading that only says when ("March 2024", "2023-24") leaves no measure words behind."""
    for p in reversed([p for p in find_periods(text, date(2000, 1, 1)) if p.kind not in skipped]):
        text = text[: p.start] + " " + text[p.end:]
    return text


# words a measure does not end in: what is left of "Deaths in the twelve months to March" without its period
DANGLING = re.compile(r"(?:\s+(?:in|of|the|to|for|over|during|at|on|from|since|a|an|ending|ended))+\s*$", re.I)


def caption_measure(caption: str) -> str:
    """'Table 1: Burglaries recorded, selected police force areas, year ending December' ->
    'burglaries recorded'; 'Bed occupancy by Northshire district, end of January' -> 'bed occupancy';
    'Eastport Harbour: cargo and ships by month, 2024' -> 'cargo and ships';
    'Where the money went' -> '' (a heading that names no measure)."""
    text = TABLE_NO_RE.sub("", named_first(caption)[1])
    if NARRATIVE.match(text):
        return ""
    # "March 2024" over a table names when, not what: no measure; nor does "Six months to end June" or "last year"
    text = _without_periods(text, ("dateline",))
    text = re.split(r",|\s[–—-]\s|:", text, maxsplit=1)[0]
    text = re.split(r"\s+by\s+", text, maxsplit=1)[0]
    text = DANGLING.sub("", unnumbered(NOISE.sub(" ", text)))
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


LEAD_OPENER = re.compile(
    r"^\s*(?:the\s+)?(?:following|below|this)\s+(?:table|tables|chart|figures?)\s+(?:below\s+)?"
    r"(?:sets?\s+(?:forth|out)|shows?|presents?|summari[sz]es|provides?|represents?|details?|reflects?|includes?|"
    r"lists?|gives?|contains?|breaks?\s+down|is|are)?\s*", re.I)
BRACKETED = re.compile(r"\([^)]*\)")  # "(kWh)", "(€)": how a column's numbers are written
# Words of a column header that say how a number is written, not what it measures
NUMBERISH = frozenset({"percent", "change", "share", "per", "cent", "number", "total", "value"})
LEAD_NOUN = re.compile(r"^(?:(?:a|an|the|our)\s+)?(?:(?:summary|breakdown|reconciliation|disaggregation|details?|"
                       r"components?)\s+(?:of|from)\s+)?(?:(?:a|an|the|our)\s+)?", re.I)
LEAD_TAIL = re.compile(
    r"\s*(?:(?:consist(?:s|ed)?|(?:is|are|was|were)\s+(?:comprised|composed|made\s+up))\s+of\s+the\s+following|"
    r"(?:is|are|was|were)\s+as\s+follows|(?:is|are|was|were)\s+(?:shown|presented|summari[sz]ed|set\s+out)\b)"
    r".*$", re.I | re.S)


def caption_percent(context: str, measure: str) -> bool:
    """Does a caption (or note) make its table's numbers percents? "%", "per cent" or "percentage" anywhere do; the
    word "rate" only in the caption's measure ("Unemployment rate by region"), not in a later part that names one
    column's measure ("Drug overdose deaths, selected states, and age-adjusted death rate, 2023")."""
    said = [m.group(0).lower() for m in PERCENT_RE.finditer(context)]
    return any(w != "rate" for w in said) or (bool(said) and bool(PERCENT_RE.search(measure)))


def caption_split(measure: str) -> list[str]:
    """The measures a caption lists: "Punctuality and cancellations" -> ["Punctuality", "cancellations"]."""
    return [p for p in re.split(r"\s*,\s*|\s+and\s+", measure) if p]


def caption_lists_columns(measure: str, column_words: list[str]) -> bool:
    """Does a caption name the table's measures as a list ("Punctuality and cancellations by operator") of which a
    column names one ("Cancellations")? Then the caption is not every column's measure."""
    parts = caption_split(measure.lower())
    if len(parts) < 2:
        return False
    named = [frozenset(lexicon.canon_tokens(p)) for p in parts]
    return any(n and n <= frozenset(lexicon.canon_tokens(w.lower())) for w in column_words if w for n in named)


SCALE_TIED = re.compile(r"\b([a-z]+)\s+(?:are\s+)?in\s+(?:thousands|millions|billions)\b", re.I)


BRACKET_ITEMS = re.compile(r"\(([^()]*;[^()]*)\)")
# a note saying the table's figures are percentages ("Figures are percentages of all pupils", "all data in %")
NOTE_PERCENT = re.compile(r"\b(?:figures|numbers|values|data)\s+(?:are\s+|shown\s+)?(?:in\s+|as\s+)?(?:per ?cent|percentages?|%)", re.I)
# the same list as a caption's last sentence: "Exports by species. Value in NOK billion; volume in tonnes"
SENTENCE_ITEMS = re.compile(r"(?:^|(?<=[.:])\s+)([^.:;()]+(?:;[^.:;()]+)+)(?:\.\s|\.?$)")


def said_per_column(context: str, column_texts: dict[int, str], published: date) -> dict[int, Label]:
    """A caption that says how each measure is written, in a bracket of items ("(number of deals; funding in €m)"):
    each column takes the item it shares a word with, so "Deals" is a count and "Funding" is euros in millions, not
    both money. {} when no bracket lists two such items or no column names one item alone."""
    m = BRACKET_ITEMS.search(context) or SENTENCE_ITEMS.search(context.strip())
    if m is None:
        return {}
    items = [i.strip() for i in m.group(1).split(";") if i.strip()]
    if len(items) < 2:
        return {}
    said = [read_label(i, published) for i in items]
    if not any(x.scale or x.currency or x.percent for x in said):
        return {}
    whole = [frozenset(lexicon.canon_tokens(NOISE.sub(" ", i).lower())) for i in items]
    tokens = [t - NUMBERISH for t in whole]
    out: dict[int, Label] = {}
    for c, text in column_texts.items():
        raw = frozenset(lexicon.canon_tokens(NOISE.sub(" ", text).lower()))
        shared = [n for n, t in enumerate(tokens) if (raw - NUMBERISH) & t]
        if not shared:  # "Value 2023" under "value in NOK billion; volume in tonnes": "value" is the item's own word
            shared = [n for n, t in enumerate(whole) if raw & t]
        if len(shared) == 1:
            out[c] = said[shared[0]]
    return out


def _shares_word(a: str, b: str) -> bool:
    return bool((frozenset(lexicon.canon_tokens(a.lower())) - NUMBERISH) & (frozenset(lexicon.canon_tokens(b.lower())) - NUMBERISH))


def tied_scale(context: str, column_texts: dict[int, str]) -> set[int] | None:
    """A caption or note that ties its scale to one measure ("acres in thousands") scales only the columns naming it:
    the columns whose header shares that word, when some but not all do. None: the scale is every column's."""
    m = SCALE_TIED.search(context)
    if m is None:
        return None
    word = frozenset(lexicon.canon_tokens(m.group(1).lower()))
    named = {c for c, t in column_texts.items() if word & frozenset(lexicon.canon_tokens(t.lower()))}
    return named if named and len(named) < len(column_texts) else None


def caption_parts(measure: str, column_words: dict[int, str]) -> dict[int, str]:
    """A caption naming two measures ("Median download speed and average monthly price of the cheapest plan") over
    columns that name them in their own words ("2024 (kWh)", "Monthly price, 2024 (€)"): each column's measure is the
    part it shares a word with; the columns sharing none take the one part no column names, when there is one.
    {} when the caption names one measure or no column names any part."""
    split = caption_split(measure)
    if len(split) != 2:
        return {}
    tokens = [frozenset(lexicon.canon_tokens(p.lower())) - NUMBERISH for p in split]
    got: dict[int, str] = {}
    for c, words in column_words.items():
        mine = frozenset(lexicon.canon_tokens(words.lower())) - NUMBERISH
        shared = [i for i, t in enumerate(tokens) if mine & t]
        if len(shared) == 1:
            got[c] = split[shared[0]]
    unnamed = [p for p in split if p not in got.values()]
    if not got or (len(got) < len(column_words) and len(unnamed) != 1):
        return {}
    return {c: got.get(c) or unnamed[0] for c in column_words}


def lead_measure(lead: str) -> str:
    """What a table measures, from the sentence introducing it: 'The following table shows revenue by region (in
    thousands):' -> 'revenue'; 'Personnel expenses for employees were as follows:' -> 'personnel expenses for
    employees'; 'Accrued liabilities consisted of the following as of June 30:' -> 'accrued liabilities'."""
    text = LEAD_NOUN.sub("", LEAD_TAIL.sub("", LEAD_OPENER.sub("", lead.strip().rstrip(":").strip())))
    text = re.split(r"\s+(?:for|during|in|as\s+of|at)\s+(?:the\s+)?(?:(?:fiscal\s+)?years?|periods?|quarters?|"
                    r"fiscal|(?:19|20)\d\d|january|february|march|april|may|june|july|august|september|october|"
                    r"november|december)\b", text, maxsplit=1, flags=re.I)[0]
    words = caption_measure(text)
    return words if 0 < len(words.split()) <= 12 else ""


def _number(text: str) -> tuple[float, str, str] | None:
    """A cell's number, its currency sign and its suffix ('%', 'pp', 'm'...); None for a cell that is not one."""
    t = text.strip().replace("\u2212", "-")
    if t.lower() in MISSING:
        return None
    m = CELL_RE.match(t)
    if not m:
        return None
    if m.group("note") and re.fullmatch(r"(?:19|20)\d\d", m.group("num")):
        return None  # "2019 (1)": a year with its footnote, a header cell
    value = float(m.group("num").replace(",", ""))
    if bool(m.group("open")) != bool(m.group("close") or m.group("close2")):
        return None  # an unbalanced bracket is not a number
    # a bracket round the number alone is a negative: "(40)", "$(31.5)", "(25)%"; "(12%)" is a share in brackets
    bracketed = m.group("open") and (m.group("close2") or not m.group("suffix"))
    if m.group("sign") in ("-", "−", "–") or bracketed:
        value = -value
    suffix = m.group("suffix") or m.group("suffix2") or ""
    return value, m.group("cur") or m.group("cur0") or "", suffix.lower().replace(".", "")


def numeric(text: str) -> bool:
    """Whether a cell is a number this module reads as a figure ("1,021", "$4.5m", "(12)", "2.6%")."""
    return _number(text) is not None


def _lower_first(words: str) -> str:
    """'Number of shares' -> 'number of shares'; 'NO. OF RIGHTS' and 'TCE rate' keep their capitals."""
    return words[:1].lower() + words[1:] if words[1:2].islower() else words


def _distinct(texts: list[str]) -> str:
    out: list[str] = []
    for t in texts:
        if t and t not in out:
            out.append(t)
    return " ".join(out)


def table_figures(table: TextTable, published: date, title: str = "", dollar: str = "USD",
                  financial_start: int = 4, whom: str = "", measure_hint: str = "", cents: str = "") -> list[TableFigure]:
    """Every numeric body cell of a table as a labelled figure. `dollar` is the currency a bare "$" or "dollars" is in
    (the article's area's dollar); "US$" and "USD" are US dollars anywhere. `financial_start` is the month a year
    written "2022-23" starts in (`qa.text.mentions.find_periods`). `whom` is who the article is about (its area or
    its headline's subject): the subject of a table whose rows are periods and whose caption names no place.
    `measure_hint` is what the table measures when no caption or lead-in says so (the measure the prose gives one
    of its cells), in place of the headline. `cents` is what the article's cents are hundredths of (the euro in an
    article that writes its sums in euros), for a table that says "cents per litre" and names no currency."""
    label_of = partial(read_label, financial_start=financial_start)

    rows = table.rows
    if not rows:
        return []
    width = max(len(r) for r in rows)
    header_rows = table.header_rows
    if header_rows == 0 and len(rows) > 1 and not any(_number(c.text) for c in rows[0][1:]) or (
            header_rows == 0 and len(rows) > 1 and all(label_of(c.text, published).period for c in rows[0][1:] if c.text)):
        header_rows = 1
    row_cols = table.row_header_cols or 1
    header_rows = _header_continues(rows, header_rows, row_cols, published)
    ranks = rank_columns(rows, header_rows)
    if ranks:  # "Rank | Town | Visitors": a rank is no figure, and the name beside it labels the row
        rows = [[cell for c, cell in enumerate(r) if c not in ranks] for r in rows]
        width = max(len(r) for r in rows)
        row_cols = max(1, row_cols - sum(1 for c in ranks if c < row_cols))
    context = " ".join(x for x in (table.caption, table.note) if x)
    whole = label_of(context, published)
    if table.caption and table.note:
        # a note under the table explains it ("Departure is compared with the 1971-2020 normal. Categories: excess,
        # 20% to 59% ..."): its dates and percentages are not the table's period and unit, which the caption says,
        # unless the note says the figures are percentages
        own = label_of(table.caption, published)
        if own.period:
            whole.period, whole.upto, whole.month = own.period, own.upto, own.month
        if not own.percent and not NOTE_PERCENT.search(table.note):
            whole.percent = False
    measure_base = caption_measure(table.caption) if table.caption else lead_measure(table.lead)
    whole.percent = whole.percent and caption_percent(context, measure_base)
    # how every number is written, said once for the table: in its lead-in sentence, in the corner above the
    # row labels ("$ in millions"), or in a header cell that spans the columns ("(in thousands)")
    corner = [rows[r][c].text for r in range(header_rows) for c in range(min(row_cols, len(rows[r])))]
    frame = label_of(" ".join(x for x in (table.lead, *corner, table.amounts) if x), published)
    head_labels = [lab for lab in (label_of(rows[r][c].text, published) for r in range(header_rows)
                                   for c in range(row_cols, len(rows[r])) if rows[r][c].text) if lab.scale]
    head_scales = {lab.scale for lab in head_labels}
    table_scale = whole.scale or frame.scale or (head_scales.pop() if len(head_scales) == 1 else 0.0)
    # a scale said in one column's header ("Passengers (m)") is that measure's, not a column beside it that
    # names another ("Flights"); one said alone ("(in thousands)") or by the caption is every column's
    scaled = None if whole.scale or frame.scale or any(not lab.words for lab in head_labels) \
        else {lab.words.lower() for lab in head_labels}
    table_currency = whole.currency or frame.currency
    heading_label = label_of(table.heading, published) if table.heading else Label("")
    heading_period = heading_label.period
    head = _spread_header([[rows[r][c].text if c < len(rows[r]) else "" for c in range(width)]
                           for r in range(header_rows)], row_cols)
    column_texts = [spelled_change(_distinct([h[c] for h in head])) for c in range(width)]
    scaled_columns = tied_scale(context, {c: column_texts[c] for c in range(row_cols, width)})
    value_columns = {c: column_texts[c] for c in range(row_cols, width)}
    per_column = said_per_column(context, value_columns, published) or (
        said_per_column(table.caption, value_columns, published) if table.caption else {})
    columns = told_apart([label_of(t, published) for t in column_texts], column_texts, published, row_cols,
                         financial_start)
    columns = [_weeks_to(lab, column_texts[c]) for c, lab in enumerate(columns)]
    body = rows[header_rows:]
    units = unit_columns(body, 1, published)
    # "Net spending | £m | 412.5": a column saying how each row's numbers are written is part of the row's label
    row_texts = [_distinct([r[c].text for c in range(min(row_cols, len(r))) if c not in units]
                           + [f"({r[c].text.strip()})" for c in sorted(units) if c < len(r) and r[c].text.strip()])
                 for r in body]
    row_labels = told_apart([label_of(t, published) for t in row_texts], row_texts, published,
                            financial_start=financial_start)
    # "January to October, 2023 and 2024" over columns "2023" and "2024": each year's January to October
    months = months_of_each_year(" ".join(x for x in (table.caption, table.heading) if x), published) or (
        months_of_each_year(table.lead, published, alone=False) if table.lead else None)
    if months:
        columns = [_those_months(lab, months) for lab in columns]
        row_labels = [_those_months(lab, months) for lab in row_labels]
    rows_are_periods = bool(row_labels) and all((lab.period or lab.month) and not lab.words for lab in row_labels)
    place = caption_place(table.caption)
    # "Revenue ($m)", "Operating margin (%)" down the side of "2022 | 2023 | Change": the rows are what is measured, of
    # the one the caption (or the article) is about
    rows_measure = "" if rows_are_periods else measures_of(row_labels, columns, body, row_cols, units)
    of_whom = (place or leading_name(table.caption) or whom) if rows_measure == "periods" else ""
    if not rows_are_periods:
        row_labels = _under_sections(body, row_labels, row_cols, caption_dimensions(table.caption))
    column_currency = _column_currencies(body, width)
    percent_changes = _percent_changes(body, columns, row_cols)
    if any(col.currency for col in columns[row_cols:]) and not CURRENCY_SAID.search(table.caption or ""):
        # the money columns say their currency themselves ("Monthly price (€)"): a currency the caption or a note
        # mentions ("the Westland price converted from £41.10") is not every other column's ("2024 (kWh)")
        table_currency = ""
    listed = caption_lists_columns(measure_base, [col.words for col in columns[row_cols:]])
    own_parts = caption_parts(measure_base, {c: BRACKETED.sub(" ", column_texts[c]) for c in range(row_cols, width)})
    parts = {} if listed else own_parts
    # a change column beside value columns that all measure one thing ("Basket 2022", "Basket 2023", "Change (%)") is
    # the change in that thing, when no caption or lead-in says what the table measures
    changed_of = _changed_columns(columns, row_cols)
    follows = _follows(columns, row_cols)
    value_words = {col.words.lower() for col in columns[row_cols:] if col.words and col.period and not CHANGE_RE.search(col.words)}
    shared_measure = _lower_first(next(iter(value_words))) if len(value_words) == 1 else ""
    value_periods = sorted({b for col in columns[row_cols:] if col.period and not CHANGE_RE.search(col.words)
                            for b in period_bounds(col.period)})
    # value columns that are each a year to a month ("12 months to June 2023", "Year to June 2024"): a change between
    # them runs from the first one's end to the last one's, as a change "over the year to June 2024" is read in prose
    # (a column of another kind beside them, "Death rate (2023)", is no end of the change)
    year_ends = sorted({period_bounds(col.period)[1] for col in columns[row_cols:]
                        if col.upto and not CHANGE_RE.search(col.words)})
    value_columns = [col.period for col in columns[row_cols:] if col.period and not CHANGE_RE.search(col.words)]
    shares = share_columns(columns, row_cols)
    out: list[TableFigure] = []
    periods_before: list[str] = []  # the periods of the rows so far, in a table whose rows are periods
    for row, lab in zip(body, row_labels, strict=False):
        if rows_are_periods:
            periods_before = [*periods_before, _in_month(lab.period, lab.month, published) if lab.month else lab.period]
        if not lab.text and not rows_are_periods:
            continue
        if lab.words.lower() in {"source", "sources", "note", "notes"}:
            continue
        for c in range(row_cols, len(row)):
            cell = row[c]
            if c > 0 and row[c - 1] is cell:
                continue  # a spanning cell is one figure
            read = _number(cell.text)
            if read is None:
                continue
            value, sign, suffix = read
            col = columns[c]
            # a row of months without a year ("March", "Total, Jan–Jun") under columns of years ("2023", "2024"): the
            # column says which year, the row which months
            row_period = "" if col.period and not YEAR_WRITTEN.search(lab.text) else lab.period
            if rows_are_periods and (place or whom):
                # "Absence rate over time, England": the place the caption names (else the article's) is whom; the
                # column says what, and a change column is the change since the row before
                subject, words = place or whom, col.words
                period = row_period or col.period or whole.period or frame.period or heading_period
            elif rows_are_periods:
                subject = col.words or measure_base or title
                period = row_period or col.period or whole.period or frame.period or heading_period
                words = ""
            elif of_whom:
                subject, words = of_whom, col.words
                period = col.period or lab.period or whole.period or frame.period or heading_period
            elif rows_measure == "names":  # "Population" across "Eastwick | Fellside": each column is whom
                subject, words = col.words, ""
                period = col.period or lab.period or whole.period or frame.period or heading_period
            else:
                subject = lab.words if lab.words and not BAND_WORDS.fullmatch(lab.words) else _band(lab)
                if place and lab.words and set(lab.words.lower().split()) <= set(measure_base.lower().split()):
                    subject = place  # "Deaths" in "Monthly overdose deaths, Ruritania": what is counted, of whom
                period = col.period or lab.period or whole.period or frame.period or heading_period
                words = col.words
            if col.month or lab.month:
                period = _in_month(period, col.month or lab.month, published)
            is_change = bool(CHANGE_RE.search(words))
            if is_change and BRACKETED_PERCENT.match(cell.text):
                value = -abs(value)  # "(13%)" in a change column is a fall of 13%, as accounts write it
            across = is_change and (rows_are_periods or lab.month) and not col.period and len(value_columns) >= 2 \
                and not YEAR_WRITTEN.search(lab.text)
            if across:
                # "Change (%)" beside "2023" and "2024" in the row "March": from March 2023 to March 2024; in the row
                # "Total, Jan–Jun", from the first column's months to the last's
                first, last = value_columns[0], value_columns[-1]
                if lab.month:
                    first, last = _in_month(first, lab.month, published), _in_month(last, lab.month, published)
                period = f"{period_bounds(first)[0]}/{period_bounds(last)[1]}"
            elif is_change and rows_are_periods and period:
                period = _change_over(period, words, periods_before)
            pp = suffix == "pp" or col.pp or lab.pp or (
                is_change and suffix != "%" and _point_difference(row, columns, row_cols, value, cell.text,
                                                                 whole.percent and not whole.currency))
            # a column that names its currency ("2025 rate ($/hour)") is money, whatever rate the caption names
            # a "Rate" column of a table whose caption says its money ("Minimum wage by state ($ per hour)") is money
            col_percent = col.percent and not (RATE_ONLY.fullmatch(col.words) and (whole.currency or frame.currency)
                                               and not whole.percent)
            # "Amount computed at the statutory rate | $182": a row named for a rate whose cells are written in money
            # holds amounts; a "%" or "per cent" in its label still makes it a percentage
            lab_percent = lab.percent and not (sign and not PERCENT_SAID.search(lab.text))
            percent = not pp and (suffix == "%" or col_percent or lab_percent
                                  or (whole.percent and not whole.currency and not col.currency)
                                  or (c in percent_changes and not sign and not suffix))
            if c in per_column and not pp:
                percent = suffix == "%" or col.percent or lab_percent or per_column[c].percent
            currency = (CURRENCY_SIGNS.get(sign, "") or col.currency or lab.currency or column_currency.get(c, "")
                        or table_currency)
            if col.scale == SUBUNIT and col.currency == "USD" and not sign:
                # "Change (cents)" beside euro columns is in euro cents; beside dollars (or alone), the article's dollar
                others = {x for x in (*column_currency.values(), table_currency) if x}
                currency = others.pop() if len(others) == 1 else currency
            if cents and currency == "USD" and not sign and not (col.currency and col.scale != SUBUNIT) and any(
                    x.scale == SUBUNIT and x.currency == "USD" for x in (col, lab, whole, frame)):
                currency = cents  # "cents per litre" in an article whose sums are in euros: euro cents
            if c in per_column and not sign and not col.currency:
                currency = per_column[c].currency  # "(number of deals; funding in €m)": the deals are no money
            if currency == "USD" and dollar != "USD" and not any(
                    US_DOLLAR.search(t) for t in (cell.text, column_texts[c], lab.text, context, frame.text)):
                currency = dollar
            if pp:
                unit = Unit.percentage_points
            elif percent:
                unit = Unit.percent
            elif currency:
                unit = Unit.money
            else:
                unit = Unit.count
            scale = 1.0
            if suffix in ("bn", "tn", "m", "k"):
                scale = {"bn": 1e9, "tn": 1e12, "m": 1e6, "k": 1e3}[suffix]
            elif unit not in (Unit.percent, Unit.percentage_points):
                # "(in thousands, except per share data)": an amount per share is never in the table's thousands
                per_share = PER_SHARE.search(lab.text) or PER_SHARE.search(_distinct([h[c] for h in head]))
                own = scaled is None or not col.words or col.words.lower() in scaled
                if scaled_columns is not None:  # "(acres in thousands)": the acres columns, not the count of fires
                    own = c in scaled_columns
                # a per-share row ("EPS (cents)") is not in its column's thousands ("2019 $'000") either
                if per_share:
                    scale = lab.scale or 1.0
                elif c in per_column and not col.scale:
                    scale = per_column[c].scale or 1.0
                else:
                    scale = col.scale or lab.scale or (table_scale if own else 1.0) or 1.0
            if across:
                pass  # the change across the columns, worked out above
            elif is_change and not col.period and len(year_ends) >= 2:
                period = f"{year_ends[0]}/{year_ends[-1]}"
            elif is_change and not col.period and len(value_periods) >= 2:
                period = f"{value_periods[0]}/{value_periods[-1]}"
            elif is_change and col.period and _change_between(col.period, value_periods):
                # "Change vs 2019 (%)" beside 2019 and 2023: from 2019 to 2023; "Change 2022-23" beside 2022 and 2023
                # is between those years, not a financial year
                period = _change_between(col.period, value_periods)
            elif is_change and col.period and not rows_are_periods and COMPARED_WITH.search(col.words) \
                    and _change_since(col.period, lab.period or whole.period or frame.period or heading_period):
                # "Change on Sept 2023 (%)" in a table of September 2024: from the period it is compared with to the
                # table's own
                period = _change_since(col.period, lab.period or whole.period or frame.period or heading_period)
            elif is_change and not rows_are_periods and len(period) == 7 and change_span(words):
                # "Monthly change (%)" and "Annual change (%)" in a table of June 2024: over the month or the year to it
                period = f"{shift(period, change_span(words))}/{period}"
            elif is_change and not rows_are_periods and re.fullmatch(r"(?:19|20)\d\d", period) and change_span(words) == 12:
                # "YoY %" in a table of 2023: from 2022 to 2023, as a change between two year columns is written
                period = f"{int(period) - 1}/{period}"
            elif not rows_are_periods and next((x for x in (col, lab, whole, frame, heading_label) if x.period),
                                               Label("")).upto:
                # a table of the year to a month reads as a sentence of it does: a change over the year runs from
                # that month a year before to it; a rate, price or average is the level that month; a count or share is
                # the year's
                end = period_bounds(period)[1]
                if is_change:
                    period = f"{shift(end, 12)}/{end}"
                elif LEVEL_WORDS.search(" ".join((words, lab.text, measure_base))):
                    period = end
            base = measure_base or measure_hint or (title[:1].lower() + title[1:] if title else "")
            if rows_measure:
                base = _lower_first(lab.words)  # the row says what is measured
            elif not measure_base and measure_hint and table.caption and NARRATIVE.match(table.caption):
                # "Where the money went" above a table of donations: the heading's words, as the article says them
                base = f"{measure_hint} ({_lower_first(table.caption)})"
            if is_change and not measure_base and shared_measure:
                base = shared_measure
            elif is_change and c in parts:  # the caption's two measures: the change is in the one it spans
                base = _lower_first(parts[c])
            elif is_change and listed and c in changed_of:
                # "Passengers (000s) | Change on year (%) | Flights" under "passengers and flights": a change column
                # follows what changed
                base = changed_of[c]
            elif is_change and not rows_measure and c in follows and not _within_words(follows[c], base):
                # "Installs 2023 | Installs 2024 | Change (%)": the change is in what the columns it follows count, not
                # in the caption's or the prose's other words
                base = follows[c]
            elif is_change and (named := changed_in(words)) and not _within_words(named, base):
                # "Change in margin (pp)" under "Key figures by firm": the change is in what its label names
                base = _lower_first(named)
            if is_change:
                kind = "percentage point change" if pp else "percent change" if unit is Unit.percent else "change"
                # two change columns over different spans ("Monthly change", "Annual change") keep their span's word
                over = SPAN_WORDS.get(change_span(words) if not rows_are_periods else 0, "")
                measure = f"{over}{kind} in {base}".strip()
            elif words and listed:
                # the caption lists the columns' measures: each column names its own, with the caption's words for it
                # when they are others ("Days over limit" under "Days above the guideline and annual mean")
                part = _lower_first(own_parts.get(c, ""))
                measure = _lower_first(words) if not part or _says_more(part, words) else f"{_lower_first(words)} ({part})"
            elif c in parts:  # the caption lists the measures, and the column names one in other words
                part = _lower_first(parts[c])
                measure = f"{_lower_first(words)} ({part})" if words and words.lower() != part.lower() else part
            elif c in per_column and words and not _shares_word(per_column[c].text, base):
                # "(number of deals; funding in €m)": the deals column counts deals, not the caption's funding
                item = re.sub(r"\s+in\s+\S+$", "", per_column[c].text.strip())  # "revenue in £m": revenue
                item = " ".join(NOISE.sub(" ", item).split())
                # "volume in tonnes product weight" over "Volume": the column's own word, of what the caption counts
                said = re.sub(r"\s+in\s+.*$", "", item)
                # (when the caption's measure is none of the items: "(number of sales; revenue in £m)" under "Bike
                # sales" makes the revenue column revenue, not revenue of sales)
                if said and base and said.lower() in words.lower() and not any(
                        _shares_word(x.text, base) for x in per_column.values()):
                    measure = f"{_lower_first(words)} ({base})"
                else:
                    measure = _lower_first(item) or _lower_first(words)
            elif words and base and words.lower() not in base.lower() and not NUMBER_HEAD.match(words.strip()):
                measure = f"{_lower_first(words)} ({base})"
            elif not words and unit is Unit.percent and c in shares and base and not LEVEL_WORDS.search(base):
                measure = f"share of {base}"  # "Number | %" under "2023" in "Arrests by age group": its share
            else:
                # "Annual mean" under "Annual mean PM2.5 by city": the caption says it more fully
                measure = base if base and (not words or words.lower() in base.lower() or NUMBER_HEAD.match(words.strip())) \
                    else _lower_first(words)
            out.append(TableFigure(cell, subject.strip(), measure.strip() or "value", period,
                                   value * scale, unit, currency if unit is Unit.money else "", scale))
    return out


# what is left of a row label that is a band of numbers once its numbers are dropped ("65 and over" -> "and over",
# "Under 18", "1,000 or more", "75+"): the band is told only by its numbers
BAND_WORDS = re.compile(r"(?:(?:and|or|to|over|under|plus|more|less|fewer|above|below|up|older|younger|aged|ages?|"
                        r"years?|yrs|\+|[-–—])\s*)+", re.I)


def _band(lab: Label) -> str:
    """A row label as written, without how its numbers are written ("65 and over", "Under 18"): the subject of a row
    whose label is a band of numbers."""
    return " ".join(UNIT_NOISE.sub(" ", lab.text).split()).strip(" ,;:") or lab.text


CHANGE_IN = re.compile(r"\b(?:change|rise|increase|growth|fall|decrease|decline|difference)\s+(?:in|of)\s+(.+)$", re.I)


def changed_in(words: str) -> str:
    """What a change column's label says changed ("Change in margin" -> "margin"; "Change in appointments on" ->
    "appointments"), without the words that say over what span; "" when it names nothing."""
    m = CHANGE_IN.search(words)
    if not m:
        return ""
    named = re.sub(r"(?:\s+(?:on|over|from|since|vs\.?|versus|compared|with|to|the|a|previous|prior|last|same))+\s*$",
                   "", m.group(1).strip(" ,;:-–—"), flags=re.I)
    return named if re.search(r"[A-Za-z]{3}", named) else ""


def _within_words(part: str, whole: str) -> bool:
    """Does `whole` say everything `part` says (its content words)?"""
    mine = frozenset(lexicon.canon_tokens(part.lower())) - NUMBERISH
    return bool(mine) and mine <= frozenset(lexicon.canon_tokens(whole.lower()))


def _changed_columns(columns: list[Label], row_cols: int) -> dict[int, str]:
    """What each change column that names no measure of its own ("Change on year (%)") is the change in: the value
    column just before it, as tables put a change beside what changed."""
    out: dict[int, str] = {}
    for c in range(row_cols + 1, len(columns)):
        words = columns[c].words
        if not CHANGE_RE.search(words) or _own_words(words):
            continue
        before = columns[c - 1]
        if before.words and not CHANGE_RE.search(before.words):
            out[c] = _lower_first(before.words)
    return out


CHANGE_FILLER = re.compile(r"\b(?:on|over|from|since|vs|versus|compared|with|the|a|previous|prior|last|same|period|"
                           r"year|month|quarter|week|annual|annually|yearly|monthly|quarterly|y/y|yoy|m/m|q/q)\b", re.I)


def _own_words(words: str) -> str:
    """What a change column's label says beyond that it is a change and over what span ("Change on year" -> "")."""
    return " ".join(CHANGE_FILLER.sub(" ", CHANGE_RE.sub(" ", words)).split())


CHANGE_SPAN = [(re.compile(r"\b(?:month|monthly|m/m|mom)\b", re.I), 1),
               (re.compile(r"\b(?:quarter|quarterly|q/q|qoq)\b", re.I), 3),
               (re.compile(r"\b(?:year|annual|annually|yearly|y/y|yoy)\b", re.I), 12)]


def _says_more(part: str, words: str) -> bool:
    """Is a column's label enough without a caption's part: does it say nothing the part does not ("Seats" of "council
    seats won") or all the part says ("Vote share" of "share of the vote")? "Days over limit" of "days above the
    guideline" is not: each says something the other does not."""
    mine = frozenset(lexicon.canon_tokens(words.lower())) - NUMBERISH
    theirs = frozenset(lexicon.canon_tokens(part.lower())) - NUMBERISH
    return not mine or mine <= theirs or theirs <= mine


SPAN_WORDS = {1: "monthly ", 3: "quarterly ", 12: "annual "}


def change_span(words: str) -> int:
    """The months a change column's label says it spans ("Monthly change (%)": 1, "Annual change": 12); 0 if none."""
    return next((months for pattern, months in CHANGE_SPAN if pattern.search(words)), 0)


def _change_over(period: str, words: str, rows: list[str]) -> str:
    """The span of a change in a table whose rows are periods: over the month, quarter or year its label says
    ("Monthly change (%)" in the March 2024 row is 2024-02/2024-03), else since the row above."""
    start, end = period_bounds(period)
    for pattern, months in CHANGE_SPAN:
        if pattern.search(words):
            if len(end) == 4:
                return f"{int(end) - 1}/{end}" if months == 12 else period
            if len(start) == 7 and start != end[:7] and _months(start, end[:7]) <= months:
                # "Change on year" in the row "Apr–Jun 2024": from April–June 2023 to it
                return f"{shift(start, months)}/{end[:7]}"
            return f"{shift(end[:7], months)}/{end[:7]}"
    earlier = [p for p in rows[:-1] if p and p < period]
    if earlier:
        return f"{period_bounds(earlier[-1])[0]}/{end}"
    return period


def _months(a: str, b: str) -> int:
    """How many months from the month `a` to the month `b`, both counted ("2024-04" to "2024-06": 3)."""
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7]) + 1


def _change_between(label_period: str, values: list[str]) -> str:
    """The span a change column's own period names among the table's value columns ("vs 2019" with columns 2019 and
    2023: 2019/2023); "" when it names none of them."""
    a, b = period_bounds(label_period)
    named = [v for v in values if v in (a, b, label_period) or (len(v) == 4 and v in (a[:4], b[:4]))]
    if not named:
        return ""
    start, end = named[0], named[-1] if len(named) > 1 else values[-1]
    return f"{start}/{end}" if start != end else ""


# a change column's label ending in the word that introduces the period it is compared with ("Change on Sept 2023")
COMPARED_WITH = re.compile(r"\b(?:on|vs\.?|versus|since|from|against|compared\s+(?:with|to))$", re.I)
YEAR_WRITTEN = re.compile(r"\b(?:19|20)\d\d\b|['’]\d\d\b")


def _change_since(compared: str, table_period: str) -> str:
    """The span of a change from the period its column names to the table's own period, when that is later and
    written alike (a month and a month, a year and a year); "" otherwise."""
    if not table_period:
        return ""
    start, end = period_bounds(compared)[0], period_bounds(table_period)[1]
    if not start or len(start) != len(end):
        return ""
    return f"{start}/{end}" if end > period_bounds(compared)[1] else ""


def months_of_each_year(context: str, published: date, alone: bool = True) -> tuple[int, int] | None:
    """The months of each year a table covers, when its caption names a span of months without a year of its own
    ("Housing starts, January to October, 2023 and 2024"): (1, 10); a month named alone ("Patients waiting, end of
    January" over "Waited over 8 wks, 2025") is that month of each year: (1, 1). None when it names none, or one with
    its year; `alone` False reads no month named alone (a lead-in sentence names months for other reasons)."""
    for p in find_periods(context, published):
        if p.kind not in ("upto", "range", *(("month",) if alone else ())) or YEAR_WRITTEN.search(context[p.start: p.end]):
            continue
        if p.kind == "month" and len(p.period) == 7:
            return int(p.period[5:]), int(p.period[5:])
        a, b = period_bounds(p.period)
        if len(a) == 7 and len(b) == 7 and a[:4] == b[:4] and (a[5:], b[5:]) != ("01", "12"):
            return int(a[5:]), int(b[5:])
    return None


def _those_months(lab: Label, months: tuple[int, int]) -> Label:
    """A label naming a year alone ("2023"), read as those months of it (2023-01/2023-10)."""
    if len(lab.period) != 4 or not lab.period.isdigit():
        return lab
    if months[0] == months[1]:
        return replace(lab, period=f"{lab.period}-{months[0]:02d}")
    return replace(lab, period=f"{lab.period}-{months[0]:02d}/{lab.period}-{months[1]:02d}")


def _in_month(period: str, month: int, published: date) -> str:
    """A month named alone in a label, in the year the other labels or the caption give ("Jan" under "2023" is
    2023-01, and under "2023" read as January to June of it, `months_of_each_year`); with no year written, the latest
    such month before publication."""
    if len(period) == 4:
        return f"{period}-{month:02d}"
    a, b = period_bounds(period) if period else ("", "")
    if len(a) == 7 and len(b) == 7 and a[:4] == b[:4]:
        return f"{a[:4]}-{month:02d}"
    if period:
        return period
    year = published.year if month < published.month else published.year - 1
    return f"{year}-{month:02d}"


CAPTION_JOINERS = {"of", "and", "the", "upon", "on", "de"}


def caption_place(caption: str) -> str:
    """The place or body a caption names after its measure ("Absence rate over time, England" -> England;
    "Monthly passengers, Northport (thousands)" -> Northport): a part after a comma written as a name, with no
    period or number in it; or the name before a colon ("Eastport Harbour: cargo by month"). "" when it names none."""
    name, rest = named_first(caption)
    if name:
        return name
    for part in re.split(r",", TABLE_NO_RE.sub("", caption))[1:]:
        words = NOISE.sub(" ", part).split()
        if not words or any(ch.isdigit() for w in words for ch in w) or MONTH_ALONE.fullmatch(words[0]):
            continue
        if _is_name(words) and not find_periods(part, date(2000, 1, 1)):
            return " ".join(words)
    return ""


def _point_difference(row: list[TableCell], columns: list[Label], row_cols: int, value: float, text: str,
                      percent_table: bool) -> bool:
    """A change cell between two percentages that is their difference, not their percent change: "+0.7" beside
    "12.4%" and "13.1%" is 0.7 percentage points (the percent change would be 5.6)."""
    shares = []
    for c in range(row_cols, len(row)):
        read = _number(row[c].text)
        if read is None or not columns[c].period or CHANGE_RE.search(columns[c].words):
            continue
        if not (read[2] == "%" or columns[c].percent or percent_table):
            return False
        shares.append(read[0])
    if len(shares) < 2 or shares[0] == 0:
        return False
    decimals = len(text.split(".", 1)[1].rstrip("%* ")) if "." in text else 0
    tolerance = 0.5 * 10 ** -decimals + 1e-9
    difference = shares[-1] - shares[0]
    growth = 100 * difference / shares[0]
    return abs(difference - value) <= tolerance and abs(growth - value) > tolerance


TOTAL_ROW = re.compile(r"^\s*(?:sub-?)?totals?\b", re.I)


def _has_values(row: list[TableCell], row_cols: int) -> bool:
    return any(_number(c.text) is not None for c in row[row_cols:])


BY_PART = re.compile(r"\bby\s+(.+)$", re.I)


def caption_dimensions(caption: str) -> str:
    """What a caption says its rows are broken down by ("Visits by age band and region, Westshire, 2023" -> "age band
    and region"); "" when it says none."""
    m = BY_PART.search(TABLE_NO_RE.sub("", caption))
    return re.split(r",|\s[–—-]\s|\(", m.group(1), maxsplit=1)[0].strip() if m else ""


def _dimension(words: str, dimensions: str) -> bool:
    """Does a section heading name a dimension rows are told apart by: "By age", or words all in the caption's
    "by ..." part?"""
    if re.match(r"^\s*by\s+\w", words, re.I):
        return True
    mine = frozenset(lexicon.canon_tokens(words.lower())) - NUMBERISH
    return bool(mine) and mine <= frozenset(lexicon.canon_tokens(dimensions.lower()))


def _under_sections(body: list[list[TableCell]], labels: list[Label], row_cols: int,
                    dimensions: str = "") -> list[Label]:
    """Row labels with the section each row sits under: a report heads a group of rows with a row of its own that
    holds no figure ("Earnings per share:", "Current assets"), so "Basic" under it is "Earnings per share: Basic"
    and can be asked as "basic earnings per share". A section runs to a total row, a row with no label, or the next
    section. A total row with no name of its own (blank, or "Total") is the section's total when its cells add up
    the section's rows; one that adds up more (the table's grand total) keeps its own label, and a total that names
    something else ("Total provision" after "Deferred:") closes the section without taking its name.

    A heading row that is only a date ("December 31, 2019" over the rows of that year's balances, then "December 31,
    2018" over the same rows again) dates the rows under it, up to the next such row: their columns say what, it
    says when."""
    out: list[Label] = []
    section, members = "", []
    dated = ""
    for n, (row, lab) in enumerate(zip(body, labels, strict=False)):
        values = _has_values(row, row_cols)
        # a row of one cell spanning the table ("Age band" across every column) says nothing in the columns either
        blank_rest = not any(c.text.strip() for c in row[row_cols:]) or all(c is row[0] for c in row)
        following = body[n + 1] if n + 1 < len(body) else None
        if lab.period and not lab.words and not values and blank_rest and following is not None \
                and _has_values(following, row_cols):
            dated = lab.period
            out.append(lab)
            continue
        if dated and not lab.period:
            lab = replace(lab, period=dated)
        if lab.words and not values and (lab.text.rstrip().endswith(":") or blank_rest) and (
                following is not None and _has_values(following, row_cols)):
            # a heading that names what the rows under it are told apart by ("By age", "Sector" under a caption
            # "... by age and sector") is no part of their names: "Under 19" is not "Age band: Under 19"
            section = "" if _dimension(lab.words, dimensions) else lab.words
            members = []
            out.append(lab)
            continue
        if not section:
            out.append(lab)
            continue
        total = f"Total {_lower_first(section)}"
        bare = not lab.text.strip() or (TOTAL_ROW.match(lab.words) and not TOTAL_ROW.sub("", lab.words).strip(" ,;:-"))
        if bare or TOTAL_ROW.match(lab.words):
            adds_up = bare and values and _adds_up(members, row, row_cols)
            out.append(_renamed(lab, total, f"{section}: {lab.text}".rstrip(": ")) if adds_up else lab)
            section = ""
            continue
        members.append(row)
        out.append(_renamed(lab, f"{section}: {lab.words}", f"{section}: {lab.text}") if lab.words else lab)
    return out


def _adds_up(rows: list[list[TableCell]], total: list[TableCell], row_cols: int) -> bool:
    """Do the rows' cells add up to the total row's, in every column where the total has a number?"""
    checked = False
    for c in range(row_cols, len(total)):
        whole = _number(total[c].text)
        if whole is None:
            continue
        parts = [_number(r[c].text) if c < len(r) else None for r in rows]
        got = sum(p[0] for p in parts if p is not None)
        if abs(got - whole[0]) > 0.5 + 1e-6 * abs(whole[0]):
            return False
        checked = True
    return checked and len(rows) >= 1


def _renamed(lab: Label, words: str, text: str) -> Label:
    """A row label under a new name, keeping what the row's own label said of its period, scale and unit."""
    return Label(text=text, period=lab.period, scale=lab.scale, currency=lab.currency, percent=lab.percent,
                 pp=lab.pp, words=words)


UNIT_WORDS = re.compile(r"^\W*(?:number|no\.?|count|units?)\W*$", re.I)


def unit_columns(body: list[list[TableCell]], start: int, published: date) -> set[int]:
    """Columns from `start` on that only say how each row's numbers are written ("£m", "%", "000s", "number"):
    every filled cell says a scale, a currency, a percent or a count, and none holds a number."""
    out = set()
    for c in range(start, max((len(r) for r in body), default=0)):
        cells = [r[c].text.strip() for r in body if c < len(r) and r[c].text.strip() not in MISSING]
        if not cells or any(numeric(t) for t in cells):
            continue
        labels = [read_label(f"({t})", published) for t in cells]
        if all((x.scale or x.currency or x.percent or x.pp or UNIT_WORDS.match(t)) and not x.period
               for x, t in zip(labels, cells, strict=True)):
            out.add(c)
    return out


# what is left of a column's period once its dates are read ("26 weeks to", "Year ended", "As at"): no measure for a
# change to be in ("2023 as % of 2019" leaves "as of", which says the figure is a ratio: not a leftover)
PERIOD_LEFTOVER = re.compile(r"(?=.*\b(?:weeks?|months?|years?|quarters?|days?|ended|ending|end|period|half|at)\b)"
                             r"(?:\s*\b(?:weeks?|months?|years?|quarters?|days?|to|ended|ending|end|as|at|of|the|"
                             r"period|half|six|three|nine|twelve)\b)+\s*", re.I)


WEEKS_TO = re.compile(r"\b(\d{1,2})\s+weeks\s+(?:to|ended|ending)\b", re.I)


def _weeks_to(lab: Label, text: str) -> Label:
    """A column of the weeks to a day ("26 weeks to 27 Jul 2024", "52 weeks ended 2 March 2024") is those months, as
    a retailer's half or year is read: 26 weeks to July 2024 is February to July 2024, not the day it ends."""
    m = WEEKS_TO.search(text)
    if not m or not re.fullmatch(r"(?:19|20)\d\d-\d\d-\d\d", lab.period):
        return lab
    months = round(int(m.group(1)) * 7 / 30.44)
    end = lab.period[:7]
    return replace(lab, period=f"{shift(end, months - 1)}/{end}" if months > 1 else end)


def measures_of(row_labels: list[Label], columns: list[Label], body: list[list[TableCell]], row_cols: int,
                units: set[int]) -> str:
    """Are a table's rows what it measures ("Revenue ($m)", "Operating margin (%)") rather than whom? At least half of
    the rows say how their numbers are written (in the label or a unit column), which no value column does, and
    either every value column is a period or a change between them ("periods": the rows measure whom the caption
    names) or every one is a name ("names": "Eastwick | Fellside", each column is whom its rows measure). ""
    otherwise."""
    values = [c for c in range(row_cols, len(columns)) if c not in units
              and any(c < len(r) and numeric(r[c].text) for r in body)]
    if not values or any(columns[c].scale or columns[c].currency or columns[c].percent or columns[c].pp for c in values
                         if not CHANGE_RE.search(columns[c].words)):
        return ""
    named = [lab for lab in row_labels if lab.words]
    said = [lab for lab in named if lab.scale or lab.currency or lab.percent or lab.pp]
    if len(named) < 2 or 2 * len(said) < len(named):
        return ""
    if all(columns[c].period or columns[c].month or (CHANGE_RE.search(columns[c].words) and
                                                     not _own_words(columns[c].words)) for c in values):
        return "periods"
    if len(values) >= 2 and all(not columns[c].period and not CHANGE_RE.search(columns[c].words)
                                and _is_name(columns[c].words.split()) for c in values):
        return "names"
    return ""


def _follows(columns: list[Label], row_cols: int) -> dict[int, str]:
    """What each change column is the change in when it follows dated value columns that all name one measure ("Loans
    2023 | Loans 2024 | Change (%)", "E-book loans 2023 | E-book loans 2024 | E-book change (%)"): that measure, when
    the change names nothing of its own or only words of it. Columns of two measures ("Basket 2022 | Bill 2023") before
    it name no one thing."""
    out: dict[int, str] = {}
    for c in range(row_cols + 1, len(columns)):
        words = columns[c].words
        if not CHANGE_RE.search(words):
            continue
        run = []
        for b in range(c - 1, row_cols - 1, -1):
            if not columns[b].period or CHANGE_RE.search(columns[b].words):
                break
            run.append(columns[b].words)
        if len(run) < 2 or len({w.lower() for w in run}) != 1 or not run[0] or PERIOD_LEFTOVER.fullmatch(run[0]):
            continue
        own = _own_words(words)
        if not own or _within_words(own, run[0]):
            out[c] = _lower_first(run[0])
    return out


NUMBER_HEAD = re.compile(r"^(?:number|no\.?|n|count)$", re.I)  # a column that only says it counts: "Number"
COUNT_HEAD = re.compile(r"^(?:number|no\.?|n|count|total)$", re.I)


def share_columns(columns: list[Label], row_cols: int) -> set[int]:
    """Columns headed only "%" beside a column headed "Number" for the same period ("2023: Number | %"): each row's
    share of the whole."""
    counted = {col.period for col in columns[row_cols:] if COUNT_HEAD.match(col.words.strip())}
    return {c for c in range(row_cols, len(columns))
            if not columns[c].words and columns[c].percent and columns[c].period in counted}


def leading_name(caption: str) -> str:
    """The name a caption opens with before its measure words ("Orbis Foods results" -> "Orbis Foods"): two or more
    capitalised words followed by lower-case ones; "" when it opens with none ("Key figures")."""
    words = TABLE_NO_RE.sub("", caption).split()
    n = 0
    while n < len(words) and words[n][:1].isupper() and not any(ch.isdigit() for ch in words[n]):
        n += 1
    return " ".join(words[:n]).rstrip(",:;") if 2 <= n < len(words) and words[n][:1].islower() else ""


# a column of ranks: "Rank", "Rank 2024", "Pos", "Position", "#", "Place"; its cells count places, not things
RANK_HEAD = re.compile(r"^\s*(?:rank(?:ing)?|pos(?:ition)?\.?|#|place)\s*(?:\(?\s*(?:19|20)\d\d(?:[-/]\d\d)?\s*\)?)?\s*$",
                       re.I)
RANK_CELL = re.compile(r"^\s*=?\s*(\d{1,3})(?:st|nd|rd|th)?\s*=?\s*$", re.I)


def rank_columns(rows: list[list[TableCell]], header_rows: int) -> set[int]:
    """The columns of a table that rank its rows: headed "Rank" (or "Pos", "#", "Place"), every body cell a whole
    place no greater than the number of rows ("1", "=3", "2nd"), or blank. A "#" over counts larger than that is a
    count, not a rank."""
    if not header_rows or len(rows) <= header_rows:
        return set()
    body = rows[header_rows:]
    out = set()
    for c in range(max(len(r) for r in rows)):
        head = " ".join(r[c].text for r in rows[:header_rows] if c < len(r)).strip()
        if not RANK_HEAD.match(head):
            continue
        cells = [r[c].text.strip() for r in body if c < len(r) and r[c].text.strip() not in MISSING]
        places = [RANK_CELL.match(t) for t in cells]
        if cells and all(m and 1 <= int(m.group(1)) <= len(body) for m in places):
            out.add(c)
    return out


# how a column header writes a change in short ("+/-", "±", "Δ", "Chg", "Diff.", "Var. %", "y/y", "YoY"): in words, so
# the column reads as a change between the periods the table compares
CHANGE_SHORT = [(re.compile(r"^\s*(?:\+\s*/\s*[-−–]|±|Δ)(?![\w/])"), "change"),  # leading: "Margin of error (±)" is none
                (re.compile(r"\b(?:chg|diff|var)\b\.?", re.I), "change"),
                (re.compile(r"\b(?:y/y|yoy|y-o-y)\b", re.I), "annual change"),
                (re.compile(r"\b(?:q/q|qoq|q-o-q)\b", re.I), "quarterly change"),
                (re.compile(r"\b(?:m/m|mom|m-o-m)\b", re.I), "monthly change")]


def spelled_change(text: str) -> str:
    """A column header with its short change marks written as words ("+/-" -> "change", "YoY %" -> "annual change
    %"); a header that already says "change" keeps its words ("Change y/y (%)")."""
    if CHANGE_RE.search(text):
        return text
    for pattern, words in CHANGE_SHORT:
        if pattern.search(text):
            return pattern.sub(f" {words} ", text, count=1).strip()
    return text


# a header cell that only says how the numbers under it are written: "£m", "$M", "€bn", "$'000", "(in millions)", "%"
UNIT_CELL = re.compile(r"\(?\s*(?:(?:US\$|[£$€])\s?(?:m|mn|bn|k|['’]?000s?)?|(?:in\s+)?(?:thousands|millions|billions)|%)\s*\)?",
                       re.I)
YEAR_CELL = re.compile(r"^\(?(?:(?:FY\s?|fiscal\s+)?(?:19|20)\d\d|FY\s?\d\d|F[0-2]\d)\)?\**$", re.I)  # "2019", "FY19**", "F19"
# a row label that only says how every number of the row is written: "$ MILLION", "(in thousands)", "US$'000"
SCALE_LABEL = re.compile(r"^\(?\s*(?:in\s+)?(?:(?:US|A|AU|C|NZ|HK|S)?\$|[£€]|[A-Z]{3}\s)?\s*['’]?"
                         r"(?:000['’]?s?|m|mn|bn|k|thousands?|millions?|billions?)\s*\)?$", re.I)


def _header_continues(rows: list[list[TableCell]], header_rows: int, row_cols: int, published: date) -> int:
    """Header rows after the declared ones: a pipe table declares one, but a report's header is often two or three
    (a spanning "Years ended December 31," over a row of years over "(in thousands)"). A row continues the header
    when its cells hold labels or bare years, never a value, and its row label is blank, only says how numbers are
    written ("($ in millions)"), or the row is a row of years; a row whose label only says how numbers are written
    and whose cells are blank ("(In thousands)" under the years) continues it too."""
    r = max(header_rows, 1) if len(rows) > 1 else header_rows
    while r < len(rows) - 1:
        row = rows[r]
        label = " ".join(c.text for c in row[:row_cols]).strip()
        rest = [c.text.strip() for c in row[row_cols:] if c.text.strip()]
        if not rest and label and not NOISE.sub(" ", label).strip(" ,;:") and any(p.search(label) for p, _ in SCALE_RES):
            r += 1  # a row that only says how the numbers are written ("(In thousands)") under the years
            continue
        if not rest:
            break
        if all(UNIT_CELL.fullmatch(t) for t in rest):
            r += 1  # a row of units under the years ("Note | £m | £m", "$ | $"): how the numbers are written, whatever
            continue  # its row label says
        years = sum(1 for t in rest if YEAR_CELL.match(t))
        if any(_number(t) is not None and not YEAR_CELL.match(t) for t in rest):
            break
        if label and NOISE.sub(" ", label).strip(" ,;:") and not years and not _years_below(rows, r + 1, row_cols) \
                and not SCALE_LABEL.match(label):
            break  # a labelled row of words is the body's, unless its label only says how the numbers are written
        r += 1
    return r if r > max(header_rows, 1) or header_rows else header_rows


def _years_below(rows: list[list[TableCell]], r: int, row_cols: int) -> bool:
    """Is row `r` a row of bare years with no label of its own? The labelled row of words over it ("Indicators | For
    the year ended 31 December") is then a header row too, not a section of the body."""
    if r >= len(rows) - 1:
        return False
    row = rows[r]
    rest = [c.text.strip() for c in row[row_cols:] if c.text.strip()]
    return bool(rest) and not " ".join(c.text for c in row[:row_cols]).strip() and all(YEAR_CELL.match(t) for t in rest)


def _spread_header(head: list[list[str]], row_cols: int) -> list[list[str]]:
    """Header rows with a spanning label written once (a pipe table has no colspan) over the columns it spans: a
    row's only label covers every value column ("Years ended December 31,"); otherwise a blank cell belongs to
    the label on its left ("2019" over "Shares" and "Fair value")."""
    out = []
    for n, row in enumerate(head):
        row = list(row)
        filled = [c for c in range(row_cols, len(row)) if row[c].strip()]
        run = _under_words(row[filled[0]], head[n + 1], filled[0], row_cols) if (
            len({row[c].strip() for c in filled}) == 1 and n + 1 < len(head)) else None
        if run is not None:
            row[row_cols:] = [row[filled[0]] if c in run else "" for c in range(row_cols, len(row))]
        elif len({row[c].strip() for c in filled}) == 1:
            row[row_cols:] = [row[filled[0]]] * (len(row) - row_cols)
        elif filled:
            for c in range(filled[0] + 1, len(row)):
                if not row[c].strip():
                    row[c] = row[c - 1]
        out.append(row)
    return out


DATED = re.compile(r"\d|\b(?:years?|months?|quarters?|weeks?|ended|ending|as\s+(?:at|of))\b|\b" + MONTH_ALONE.pattern[:-3] + r"\b",
                   re.I)
PERIOD_HEAD = re.compile(r"\b(?:19|20)\d\d\b|\bFY\s?\d\d|\bF[0-2]\d\b")


def _under_words(label: str, below: list[str], at: int, row_cols: int) -> range | None:
    """The columns a lone header label names no period in spans, when the header row under it heads some columns with
    periods and others with words ("Percent Change" over "Actual" and "Constant" between 2019 and 2018): the run of
    worded columns it stands over. None when the label names a period ("Years ended December 31,", spread over every
    column) or the row below is all periods or all words."""
    if DATED.search(label):
        return None
    dated = [bool(PERIOD_HEAD.search(below[c])) if c < len(below) and below[c].strip() else None
             for c in range(len(below))]
    kinds = {d for d in dated[row_cols:] if d is not None}
    if kinds != {True, False} or at >= len(dated) or dated[at] is not False:
        return None
    lo = hi = at
    while lo - 1 >= row_cols and dated[lo - 1] is False:
        lo -= 1
    while hi + 1 < len(dated) and dated[hi + 1] is False:
        hi += 1
    return range(lo, hi + 1)


def _percent_changes(body: list[list[TableCell]], columns: list[Label], row_cols: int) -> set[int]:
    """Change columns whose percent sign is written only on some rows ("(13%)", "17%" above "16", "206"): every bare
    number in them is a percent change too. A column with a currency sign, points or basis points is left alone."""
    out: set[int] = set()
    for c in range(row_cols, len(columns)):
        if not CHANGE_RE.search(columns[c].words or columns[c].text):
            continue
        reads = [_number(row[c].text) for row in body if c < len(row)]
        reads = [r for r in reads if r is not None]
        texts = " ".join(row[c].text for row in body if c < len(row))
        if any(r[2] == "%" for r in reads) and not any(r[1] or r[2] in ("pp", "m", "bn", "k", "tn") for r in reads) \
                and not re.search(r"\bbps?\b|\bpts?\b", texts, re.I):
            out.add(c)
    return out


def _column_currencies(body: list[list[TableCell]], width: int) -> dict[int, str]:
    """A column whose currency sign is written only on some rows (the first and the total, as accounts do) is in
    that currency throughout; a column with percentages or two currencies is left alone."""
    out: dict[int, str] = {}
    for c in range(width):
        signs, percent = set(), False
        for row in body:
            read = _number(row[c].text) if c < len(row) else None
            if read is None:
                continue
            signs.add(read[1])
            percent = percent or read[2] in ("%", "pp")
        named = {CURRENCY_SIGNS[x] for x in signs if x}
        if len(named) == 1 and not percent:
            out[c] = named.pop()
    return out


def table_spans(tables: list[TextTable]) -> list[tuple[int, int]]:
    """The stretch of text each table occupies (its rows), which sentence extraction leaves alone."""
    spans = []
    for t in tables:
        cells = [c for r in t.rows for c in r]
        if cells:
            spans.append((min(c.start for c in cells), max(c.end for c in cells)))
    return spans


ROW_SEPARATOR = " | "  # how `qa.text.documents` and `qa.corpus.sheets` write a table row into the text


@dataclass
class CellInRow:
    """Where a quoted cell sits: its table's first row (the column labels), its own row, and its column."""

    header: list[str]
    row: list[str]
    column: int


def _paragraph(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, at)
    end = text.find("\n\n", at)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def _cells(paragraph: str) -> list[str]:
    return paragraph.split(ROW_SEPARATOR)


def cell_in_row(text: str, start: int, end: int) -> CellInRow | None:
    """The table row a quote is a whole cell of, read back from the document text, or None when the quote is not a
    table cell (prose, part of a cell, a row with one cell, a lone row that is no table)."""
    if not (0 <= start < end <= len(text)) or "\n" in text[start:end]:
        return None
    a, b = _paragraph(text, start)
    if end > b:
        return None
    cells = _cells(text[a:b])
    if len(cells) < 2:
        return None
    pos, column = a, -1
    for i, cell in enumerate(cells):
        if pos == start and pos + len(cell) == end:
            column = i
            break
        pos += len(cell) + len(ROW_SEPARATOR)
    if column < 0:
        return None
    first, before = text[a:b], a  # walk up the rows of the same width to the table's first row
    rows_seen = 1
    while before > 0:
        pa, pb = _paragraph(text, max(0, before - 3))
        if pb > before or len(_cells(text[pa:pb])) != len(cells):
            break
        first, before = text[pa:pb], pa
        rows_seen += 1
    if rows_seen == 1:  # the table's first row: a table has another row of the same width below it
        below = text[slice(*_paragraph(text, b + 2))] if b + 2 < len(text) else ""
        if len(_cells(below)) != len(cells):
            return None  # one line with bars in it is not a table
    header = _cells(first) if first != text[a:b] else []
    return CellInRow(header=header, row=cells, column=column)
