"""Reading a claim: "Check: two in five Southshire cases were dropped" -> the range it asserts.

Everyday quantity words are read as a range the article's value must fall in (the
tolerances, stated once):

- a fraction ("two in five", "one in ten", "a quarter", "a third", "half", "3 out of 4") or a
  percentage with "about" means within min(2.5, p/5) percentage points of it: "two in five" is
  37.5% to 42.5%, "one in ten" 8% to 12%;
- a percentage written as digits ("39%") matches what rounds to it (`qa.text.numbers.matches`);
- "nearly"/"almost" p is below p by at most min(5, p/4) points ("nearly half": 45% to 50%);
- "more than"/"over" p is above p; "at least" p is p or above; "less than"/"under" p is below p;
- "most"/"the majority" is above 50%, "a minority" below 50%;
- "doubled", "trebled"/"tripled", "quadrupled", "halved" are ratios later/earlier of 2, 3, 4,
  0.5 within 10% of that ratio; "more than trebled" is a ratio above 3, "nearly doubled" 1.8 to 2;
- a count ("more than 1,000 cases") follows the audit's reading of qualifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from qa.check.ranges import stated_range
from qa.model.records import Qualifier, Unit
from qa.text.numbers import SCALES, SUFFIX_SCALES, WORDS, fmt_value

PREFIX = re.compile(
    r"^\s*(?:(?:fact[- ]?)?check|verify|is it (?:true|right|correct) that|true or false|claim)\b\s*[:,\-–—]?\s*", re.I)
# English idioms for "is it consistent": add up, stack up, tally, check out, hold up, hold water
CONSISTENT = r"(?:add up|stack up|tally|check out|hold up|hold water)"
ADD_UP = re.compile(
    r"\bdoes (?:this|that|it|the [\w'’ .%,]{1,60}?) " + CONSISTENT + r"\b|\bdo(?:es)? (?:these|the) (?:figures|numbers) "
    + CONSISTENT + r"\b"
    r"|\b(?:is|are) (?:the|that|this) [\w'’ .%,]{1,60}? (?:right|correct|accurate)\s*\??$", re.I)
IS_RIGHT = re.compile(
    r"^\s*is (?:the|that|this) ([\d.,]+)\s*(%|per ?cent|percent)?(?: figure| number| share)? "
    r"(?:right|correct|accurate|true)\b", re.I)

# The first figure a consistency question names ("the 39 per cent rise", "the 2,575 cases"), years aside.
FIGURE_NAMED = re.compile(r"\bthe\s+(?!(?:19|20)\d\d\b)(\d[\d,]*(?:\.\d+)?)\s*(%|per ?cent|percent)?", re.I)

NUM = r"(\d[\d,]*(?:\.\d+)?|" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")"
MODIFIERS = [
    ("nearly", r"nearly|almost|just under|close to|approaching"),
    ("more_than", r"more than|over|above|upwards of|in excess of"),
    ("at_least", r"at least|no fewer than|no less than"),
    ("less_than", r"less than|fewer than|under|below"),
    ("about", r"about|around|roughly|approximately|some|an estimated"),
]
MOD = r"(?:(" + "|".join(p for _, p in MODIFIERS) + r")\s+)?"
FRACTION_WORDS = {
    "half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3, "one third": 100 / 3,
    "one-third": 100 / 3, "two thirds": 200 / 3, "two-thirds": 200 / 3, "a quarter": 25.0,
    "one quarter": 25.0, "three quarters": 75.0, "three-quarters": 75.0, "a fifth": 20.0,
    "one fifth": 20.0, "a tenth": 10.0, "one tenth": 10.0,
}
MULTIPLIERS = {"doubled": 2.0, "trebled": 3.0, "tripled": 3.0, "quadrupled": 4.0, "halved": 0.5}
FALLING = re.compile(r"\b(fell|fallen|dropped|decreased|declined|went down|down|fall|drop|decrease|decline)\b", re.I)


# A statement that quotes a quantity and asks to have it confirmed with a tag at its end: "So X went up 14% last year,
# yeah?", "X has reached £2.2bn - is that right?", "X lost around 1,500 seats, correct?", "... that matches this
# article, yes?". The statement before the tag is the claim; a question ("Did X ...?", "What ...?") is none.
TAG = re.compile(r"(?:[,;.!]|\s[-–—])\s*(?:(?:is )?that(?:'s| is)? (?:right|correct|true|so|accurate)|is it|isn't it|"
                 r"aren't they|wasn't it|weren't they|didn't (?:it|they|he|she|we)|right|correct|yeah|yes|true|"
                 r"can you confirm(?: that)?|(?:that|which) (?:matches|fits) (?:this|the) (?:article|piece|report),? "
                 r"(?:yes|right|correct))\s*\?+\s*$", re.I)
NOT_A_STATEMENT = re.compile(r"^\s*(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|what|which|"
                             r"who|when|where|why|how)\b", re.I)


def tagged_claim(question: str) -> str | None:
    """The statement a tag asks to confirm ("So X rose 14%, yeah?" -> "X rose 14%"), or None when the question is
    not a statement with a tag or states no quantity."""
    m = TAG.search(question)
    if m is None or NOT_A_STATEMENT.match(question):
        return None
    body = re.sub(r"^\s*(?:so|and|but|ok|okay)\b,?\s*", "", question[:m.start()], flags=re.I).strip()
    return body if parse_quantity(body) is not None else None


def is_claim(question: str) -> bool:
    """Questions to route here rather than to ordinary answering."""
    return bool(PREFIX.match(question) or ADD_UP.search(question) or IS_RIGHT.match(question)
                or tagged_claim(question))


@dataclass
class Expectation:
    kind: str  # share | ratio | change | count
    lo: float
    hi: float
    phrase: str  # the words of the claim
    says: str  # how the phrase was read, with its tolerance


def _num(text: str) -> float:
    t = text.lower().replace(",", "")
    return float(WORDS[t]) if t in WORDS else float(t)


def _range(kind: str, modifier: str | None, p: float, digits: bool = False) -> tuple[float, float]:
    if modifier == "nearly":
        return p - (min(5.0, p / 4) if kind == "share" else 0.1 * p), p
    if modifier == "more_than":
        return p + 1e-9, float("inf")
    if modifier == "at_least":
        return p - (stated_range(p, Qualifier.exact)[1] - p if digits else 0), float("inf")
    if modifier == "less_than":
        return float("-inf"), p - 1e-9
    if kind == "share" and (modifier == "about" or not digits):
        tol = min(2.5, p / 5)
        return p - tol, p + tol
    if kind == "ratio":
        return 0.9 * p, 1.1 * p
    if modifier == "about":
        return stated_range(p, Qualifier.about)
    return stated_range(p, Qualifier.exact)


def _says(kind: str, lo: float, hi: float) -> str:
    unit = Unit.ratio if kind == "ratio" else Unit.percent if kind in ("share", "change") else Unit.count
    def show(x: float) -> str:
        return fmt_value(x, unit)
    if hi == float("inf"):
        return f"above {show(lo)}" if lo != round(lo, 1) or kind != "count" else f"{show(lo)} or more"
    if lo == float("-inf"):
        return f"below {show(hi)}"
    return f"{show(lo)} to {show(hi)}"


def parse_quantity(text: str) -> Expectation | None:
    """The quantity a claim asserts, as a range, or None if it states none."""
    low = text.lower()

    def modifier(m: re.Match[str]) -> str | None:
        word = m.group(1)
        if not word:
            return None
        return next(name for name, p in MODIFIERS if re.fullmatch(p, word))

    m = re.search(MOD + r"\b(most|the majority|a majority|the minority|a minority)\b", low)
    if m:
        lo, hi = (50 + 1e-9, 100.0) if "major" in m.group(2) or m.group(2) == "most" else (0.0, 50 - 1e-9)
        return Expectation("share", lo, hi, m.group(0).strip(), "above 50%" if lo > 50 else "below 50%")
    m = re.search(MOD + r"\b(more than |nearly |almost )?(" + "|".join(MULTIPLIERS) + r")\b", low)
    if m:
        mod = modifier(m) or {"more than ": "more_than", "nearly ": "nearly", "almost ": "nearly"}.get(m.group(2) or "")
        p = MULTIPLIERS[m.group(3)]
        lo, hi = _range("ratio", mod, p)
        return Expectation("ratio", lo, hi, m.group(0).strip(), _says("ratio", lo, hi))
    m = re.search(MOD + r"\b" + NUM + r"\s+(?:in|out of)\s+(?:every\s+)?" + NUM + r"\b", low)
    if m and _num(m.group(3)) > 0:
        p = _num(m.group(2)) / _num(m.group(3)) * 100
        lo, hi = _range("share", modifier(m), p)
        return Expectation("share", lo, hi, m.group(0).strip(), _says("share", lo, hi))
    m = re.search(MOD + r"\b(" + "|".join(sorted(FRACTION_WORDS, key=len, reverse=True)) + r")\b", low)
    if m:
        p = FRACTION_WORDS[m.group(2)]
        lo, hi = _range("share", modifier(m), p)
        return Expectation("share", lo, hi, m.group(0).strip(), _says("share", lo, hi))
    m = re.search(r"\b(rose|increased|jumped|grew|went up|climbed|fell|dropped|decreased|declined|went down)\s+"
                  r"(?:by\s+)?" + MOD + r"(\d[\d,]*(?:\.\d+)?)\s*(?:%|per ?cent|percent)", low) or re.search(
        MOD + r"\b(?:a\s+)?(\d[\d,]*(?:\.\d+)?)\s*(?:%|per ?cent|percent)\s+(rise|increase|jump|growth|fall|drop|"
        r"decrease|decline)\b", low)
    if m:
        groups = m.groups()
        number = next(g for g in groups if g and re.fullmatch(r"\d[\d,]*(?:\.\d+)?", g))
        mod_word = next((g for g in groups if g and any(re.fullmatch(p, g) for _, p in MODIFIERS)), None)
        mod = next((n for n, p in MODIFIERS if mod_word and re.fullmatch(p, mod_word)), None)
        size = _num(number)
        lo, hi = _range("change", mod, size, digits=True)
        if FALLING.search(m.group(0)):  # "fell by more than 10%" is a change below -10%
            lo, hi = -hi, -lo
        return Expectation("change", lo, hi, m.group(0).strip(), _says("change", lo, hi))
    m = re.search(MOD + r"(\d[\d,]*(?:\.\d+)?)\s*(%|per ?cent|percent)", low)
    if m:
        p = _num(m.group(2))
        lo, hi = _range("share", modifier(m), p, digits=True)
        return Expectation("share", lo, hi, m.group(0).strip(), _says("share", lo, hi))
    m = re.search(MOD + r"(\d[\d,]*(?:\.\d+)?)(?:\s*(" + "|".join(SCALES) + r")\b|(" + "|".join(SUFFIX_SCALES)
                  + r")\b)?(?!\s*(?:%|per ?cent|percent))", low)
    if m and not re.fullmatch(r"(19|20)\d\d", m.group(2)):
        p = _num(m.group(2))
        # "300k", "£2.2bn", "1.92 trillion": the number as written, rounded as written, then scaled
        scale = SCALES.get(m.group(3) or "", SUFFIX_SCALES.get(m.group(4) or "", 1.0))
        lo, hi = (x * scale for x in _range("count", modifier(m), p, digits=True))
        return Expectation("count", lo, hi, m.group(0).strip(), _says("count", lo, hi))
    return None


class ClaimKind(StrEnum):
    is_right = "is_right"  # "Is the 47.3% figure right?": the audit's finding on that figure
    adds_up = "adds_up"  # "Does this add up?": the audit's findings on the figures asked about
    quantity = "quantity"  # "two in five cases were dropped": the claimed range against the figures


@dataclass
class Claim:
    text: str  # as asked
    body: str  # without its "Check:" prefix
    kind: ClaimKind
    expectation: Expectation | None = None  # for a quantity claim, if it states one
    value: float = 0.0  # for "is the N right?"
    percent: bool = False


def read_claim(text: str) -> Claim:
    """What kind of claim this is, and the quantity it asserts."""
    m = IS_RIGHT.match(text)
    if m:
        return Claim(text, text, ClaimKind.is_right, value=float(m.group(1).replace(",", "")), percent=bool(m.group(2)))
    body = tagged_claim(text) or PREFIX.sub("", text, count=1).strip()
    asked = ADD_UP.search(body)
    named = FIGURE_NAMED.search(asked.group(0)) if asked else None
    if named:  # "Does the 47.3% for Northshire add up?": that figure, not any the audit flagged
        return Claim(text, body, ClaimKind.is_right, value=float(named.group(1).replace(",", "")),
                     percent=bool(named.group(2)))
    if asked and not parse_quantity(ADD_UP.sub("", body)):
        return Claim(text, body, ClaimKind.adds_up)
    return Claim(text, body, ClaimKind.quantity, parse_quantity(body))
