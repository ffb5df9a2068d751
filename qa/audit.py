"""Source audit: recompute what each article states from its own figures, and flag what does not add up.

The checks are derived from the structure of the figures table (subject, measure, period,
unit, qualifier), never from figure ids, so the audit runs on any table:

- share: a stated percentage against its part(s) and whole (same subject and period);
- change: a stated percent change (or percentage-point change, or ratio) against the
  before and after values it spans;
- subtotal: a figure for a combined subject ("West Midlands and Staffordshire Police")
  against the sum of the same measure for each component subject;
- parts: a figure against the sum of narrower measures of the same subject (bound);
- period_total: a total over a span of time against the figures for the years inside it;
- direction: "up from" / "down from" wording against the two values it compares;
- bound: an "at least"/"more than"/"nearly"/"about" figure nothing else checks.

Tolerance follows the stated rounding (`qa.numbers.matches`: 47.3 matches 47.25). A
qualifier turns the stated value into a range: "at least 47.3" is anything that rounds to
47.3 or more; "more than" is strict; "nearly v" is up to 10% below v; "about v" allows half
the place value of v's last non-zero digit, at most 5% (so "some 7,357" stays 7,357).
Operands with a qualifier become ranges too, and the check holds if the ranges meet.

For an inconsistency the audit searches the document's other figures and simple
alternatives for what would make the statement hold: another base (a difference or sum of
figures of the same measure), a swapped figure (another subject's), a truncation instead of
rounding, two digits transposed, a change measured from the other end; and a correction that
also makes another inconsistent check add up is named first.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from qa import calculator as calc
from qa.calculator import Quantity
from qa.errors import CalculationError
from qa.lexicon import SYNONYMS
from qa.numbers import decimals_of, fmt_number, fmt_value, matches
from qa.records import Calculation, Citation, Figure, Qualifier, Unit, period_label

if TYPE_CHECKING:
    from qa.engine import Engine

Status = Literal["consistent", "inconsistent", "not_derivable"]
COUNTABLE = {Unit.count, Unit.money, Unit.years}
BIG = 1e12  # stands in for "no upper bound" so interval arithmetic stays finite


class Finding(BaseModel):
    status: Status
    check: str = Field(default="", description="share, change, subtotal, parts, period_total, direction, bound")
    claim: str
    stated: float | None = None
    computed: float | None = None
    unit: Unit | None = None
    expression: str = ""
    quotes: list[Citation] = Field(default_factory=list)
    explanation: str = ""
    figure_ids: list[str] = Field(default_factory=list)
    doc_id: str = ""
    stated_id: str = Field(default="", description="the figure whose statement is checked")
    workings: list[str] = Field(default_factory=list, description="every calculation the explanation shows")


class AuditReport(BaseModel):
    findings: list[Finding] = Field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.findings if f.status == status)


# --- words ------------------------------------------------------------------------------

STOP = frozenset(
    "a an the of to in on at by for from with and or being been was were is are be that which who whose "
    "there their its as this these those it".split()
)
# Different words for one thing, so "closed with no suspect" and "dropped with no suspect" meet.
SHARE_WORDS = frozenset({"share", "percent", "per", "cent", "proportion", "rate", "fraction", "part"})
CHANGE_WORDS = frozenset({
    "change", "increase", "rise", "fall", "decrease", "jump", "growth", "decline", "drop", "surge",
    "reduction", "cut", "up", "down", "times", "ratio", "fold", "difference",
})
# Built from the engine's lexicon, so the audit and the question reader agree on what is the same thing.
SAME = {
    **{w: "dropped" for w, c in SYNONYMS.items() if c == "drop" and w not in CHANGE_WORDS and w != "dropped"},
    **{w: "offence" for w, c in SYNONYMS.items() if c == "offence" and w != "offence"},
    "identified": "found", "without": "no", "percentage": "percent",
}
DOWN = re.compile(r"\b(fall|fell|fallen|decrease[sd]?|declin\w*|drop|down|lower|reduction|cut|slump\w*|halved)\b", re.I)
UP_WORDS = re.compile(r"\b(up from|rose|risen|rise|increase[sd]?|jump\w*|grew|grown|higher|climb\w*|surge\w*|peaked)\b", re.I)
DOWN_WORDS = re.compile(r"\b(down from|fell|fallen|decrease[sd]?|declin\w*|lower|slump\w*|drop from|dropped from)\b", re.I)
TOTAL_WORDS = re.compile(r"\b(total\w*|in all|altogether|combined|overall)\b", re.I)


def terms(text: str) -> frozenset[str]:
    """Content words of a measure or subject, singular, with a few synonyms merged."""
    out = set()
    for w in re.findall(r"[a-z0-9]+", text.lower()):
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        w = SAME.get(w, w)
        if w not in STOP:
            out.add(w)
    return frozenset(out)


def is_change(f: Figure) -> bool:
    return (
        f.unit in (Unit.percent, Unit.percentage_points, Unit.ratio)
        and bool(terms(f.measure) & CHANGE_WORDS)
        and _split(f.period) is not None
    )


def _split(period: str) -> tuple[str, str] | None:
    parts = period.split("/")
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) else None


def _months(period: str) -> tuple[int, int] | None:
    """'2020' -> Jan..Dec 2020 as month numbers; '2015-04/2021-12' -> Apr 2015..Dec 2021."""
    def one(p: str, end: bool) -> int | None:
        m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", p)
        if not m:
            return None
        month = int(m.group(2)) if m.group(2) else (12 if end else 1)
        return int(m.group(1)) * 12 + month - 1

    a, b = _split(period) or (period, period)
    lo, hi = one(a, False), one(b, True)
    return (lo, hi) if lo is not None and hi is not None else None


# --- ranges -----------------------------------------------------------------------------

def _half_unit(v: float) -> float:
    return 0.5 * 10.0 ** -decimals_of(v)


def _place(v: float) -> float:
    """Place value of the last non-zero digit of a whole number: 7,000 -> 1,000; 7,357 -> 1."""
    n, place = abs(int(round(v))), 1.0
    while n and n % 10 == 0:
        n //= 10
        place *= 10
    return place


def stated_range(v: float, qualifier: Qualifier) -> tuple[float, float]:
    """What a written number allows, given how it was rounded and qualified."""
    r = _half_unit(v)
    if qualifier is Qualifier.at_least:
        return v - r, BIG
    if qualifier is Qualifier.more_than:
        return math.nextafter(v, BIG), BIG
    if qualifier is Qualifier.nearly:
        return v - max(r, min(_place(v), 0.1 * abs(v))), v + r
    if qualifier is Qualifier.about:
        tol = max(r, min(_place(v) / 2, 0.05 * abs(v)))
        return v - tol, v + tol
    return v - r, v + r


def operand_range(f: Figure, value: float | None = None) -> tuple[float, float]:
    v = f.value if value is None else value
    if f.qualifier is Qualifier.exact or value is not None:
        return v, v
    return stated_range(v, f.qualifier)


def _corners(fn: Callable[[list[float]], float], ranges: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Range of a function monotone in each operand: evaluate it at every corner."""
    out = []
    for corner in itertools.product(*[sorted({lo, hi}) for lo, hi in ranges]):
        try:
            out.append(fn(list(corner)))
        except ZeroDivisionError:
            return None
    out = [x for x in out if not math.isnan(x)]
    return (min(out), max(out)) if out else None


# --- checks -----------------------------------------------------------------------------

@dataclass
class Check:
    kind: str
    stated: Figure
    slots: list[Figure]  # operands, in the order `raw` and `calculation` take them
    raw: Callable[[list[float]], float]
    calculation: Callable[[list[Quantity]], Calculation]
    relation: str = "equal"  # equal | at_most (parts cannot exceed the stated total) | up | down
    sign: int = 1  # -1 when the stated change is a fall
    claim: str = ""
    note: str = ""  # added to the explanation (what the check assumes)
    alternatives: list[Alternative] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)  # workings of the alternatives the explanation names
    cited: list[Figure] = field(default_factory=list)  # figures the explanation names beyond the check's own

    def holds(self, subs: dict[str, float] | None = None) -> bool:
        subs = subs or {}
        ranges = [operand_range(f, subs.get(f.id)) for f in self.slots]
        got = _corners(self.raw, ranges)
        if got is None:
            return False
        lo, hi = got
        if self.relation == "up":
            return hi > 0
        if self.relation == "down":
            return lo < 0
        v = subs.get(self.stated.id, self.stated.value)
        q = Qualifier.exact if self.stated.id in subs else self.stated.qualifier
        s_lo, s_hi = stated_range(v, q)
        if self.sign < 0:
            s_lo, s_hi, v = -s_hi, -s_lo, -v
        if self.relation == "at_most":
            return lo <= s_hi
        if lo == hi and q is Qualifier.exact:
            return matches(v, lo)
        return lo <= s_hi and hi >= s_lo

    def point(self, subs: dict[str, float] | None = None) -> float:
        subs = subs or {}
        return self.raw([subs.get(f.id, f.value) for f in self.slots])

    def calc(self, subs: dict[str, float] | None = None) -> Calculation:
        subs = subs or {}
        return self.calculation([Quantity(subs.get(f.id, f.value), f.unit, f.id) for f in self.slots])


@dataclass
class Alternative:
    text: str
    subs: dict[str, float] = field(default_factory=dict)
    rank: int = 2  # lower is more plausible
    working: str = ""  # the arithmetic behind `text`, for grounding every number it names
    cites: list[Figure] = field(default_factory=list)  # figures it names beyond the check's own
    resolves: list[str] = field(default_factory=list)


def _sum_calc(qs: list[Quantity]) -> Calculation:
    if len(qs) == 1:
        q = qs[0]
        return Calculation(operation="sum", expression=f"{fmt_number(q.value)}", result=q.value, unit=q.unit,
                           operands=[q.ref])
    return calc.total(*qs)


def _share_check(p: Figure, parts: list[Figure], whole: Figure) -> Check:
    return Check(
        "share", p, [*parts, whole],
        raw=lambda v: sum(v[:-1]) / v[-1] * 100,
        calculation=lambda q: calc.share(q[:-1], q[-1]),
    )


def share_operands(p: Figure, figs: Sequence[Figure], subject: str | None = None) -> tuple[list[Figure], Figure | None]:
    """Parts and whole for a stated percentage, among figures of one subject and period.

    Parts are counts whose measure contains every word of the percentage's measure (less
    "share of"): one that says exactly that, or else all the narrower ones, summed. The
    whole is a larger count of the same subject sharing a word with it ("cases").
    """
    core = terms(p.measure) - SHARE_WORDS
    subject = subject or p.subject
    pool = [f for f in figs if f.subject == subject and f.period == p.period and f.unit in COUNTABLE
            and f.doc_id == p.doc_id]
    parts = [f for f in pool if core and terms(f.measure) >= core]
    exact = [f for f in parts if terms(f.measure) == core]
    parts = exact[:1] or _distinct(parts)
    top = sum(f.value for f in parts)
    wholes = [f for f in pool if f not in parts and terms(f.measure) & core and f.value >= top]
    wholes.sort(key=lambda f: (-len(terms(f.measure) & core), -f.value))
    return parts, (wholes[0] if wholes else None)


def _distinct(parts: list[Figure]) -> list[Figure]:
    """Narrower measures, dropping any that another one narrows further (they would overlap)."""
    return [f for f in parts if not any(g is not f and terms(g.measure) > terms(f.measure) for g in parts)]


def subject_components(subject: str, subjects: Sequence[str]) -> list[str]:
    """'West Midlands and Staffordshire Police' -> ['Staffordshire Police', 'West Midlands Police']."""
    if not re.search(r"\band\b|&|,|\bboth\b|\bcombined\b", subject, re.I):
        return []
    mine = terms(subject)
    comps = sorted({s for s in subjects if s != subject and terms(s) and terms(s) < mine})
    comps = [c for c in comps if not any(o != c and terms(c) < terms(o) for o in comps)]
    if len(comps) < 2 or frozenset().union(*(terms(c) for c in comps)) != mine:
        return []
    return comps


def _value_of(subject: str, key: frozenset[str], period: str, unit: Unit, figs: Sequence[Figure]) -> list[Figure]:
    """The figure(s) giving `subject`'s measure `key`: one with that measure, or its narrower parts."""
    pool = [f for f in figs if f.subject == subject and f.period == period and f.unit == unit]
    same = [f for f in pool if terms(f.measure) == key]
    if same:
        return same[:1]
    narrower = _distinct([f for f in pool if terms(f.measure) > key])
    return narrower if len(narrower) >= 2 else []


def derive_checks(figs: Sequence[Figure], text: str = "") -> tuple[list[Check], list[Figure]]:
    """Every check the figures of one document (whose `text` is given) allow, and the stated figures
    that cannot be checked."""
    checks: list[Check] = []
    underivable: list[Figure] = []
    subjects = sorted({f.subject for f in figs})
    changes = [f for f in figs if is_change(f)]

    for p in figs:
        if p.unit is not Unit.percent or is_change(p):
            continue
        parts, whole = share_operands(p, figs)
        if parts and whole:
            checks.append(_share_check(p, parts, whole))
        else:
            underivable.append(p)

    covered_pairs = set()
    for c in changes:
        old_p, new_p = _split(c.period) or ("", "")
        core = terms(c.measure) - CHANGE_WORDS - SHARE_WORDS
        base_unit = Unit.percent if c.unit is Unit.percentage_points else None
        found = []
        for per in (old_p, new_p):
            cands = [f for f in figs if f.subject == c.subject and f.period == per and not is_change(f)
                     and (f.unit == base_unit if base_unit else f.unit in COUNTABLE)
                     and terms(f.measure) == core]
            found.append(cands[0] if cands else None)
        old, new = found
        if old is None or new is None:
            underivable.append(c)
            continue
        covered_pairs.add((old.id, new.id))
        down = bool(DOWN.search(c.measure) or DOWN.search(c.quote))
        if c.unit is Unit.ratio:
            check = Check("change", c, [old, new], raw=lambda v: v[1] / v[0],
                          calculation=lambda q: calc.ratio(q[1], q[0]))
        elif c.unit is Unit.percentage_points:
            check = Check("change", c, [old, new], raw=lambda v: v[1] - v[0],
                          calculation=lambda q: calc.pp_difference(q[1], q[0]))
        else:
            check = Check("change", c, [old, new], raw=lambda v: (v[1] - v[0]) / v[0] * 100,
                          calculation=lambda q: calc.pct_change(q[0], q[1]))
        check.sign = -1 if down and c.value > 0 else 1
        checks.append(check)

    for total in figs:
        if total.unit not in COUNTABLE or is_change(total):
            continue
        key = terms(total.measure)
        comps = subject_components(total.subject, subjects)
        if comps:
            per_comp = [_value_of(s, key, total.period, total.unit, figs) for s in comps]
            have = [fs for fs in per_comp if fs]
            if have:
                slots = sorted((f for fs in have for f in fs), key=lambda f: f.start)
                complete = len(have) == len(comps)
                checks.append(Check(
                    "subtotal", total, slots, raw=sum, calculation=_sum_calc,
                    relation="equal" if complete else "at_most",
                    note="" if complete else "Not every part is given, so the parts can only be checked not to exceed it.",
                ))
        narrower = _distinct([f for f in figs if f.subject == total.subject and f.period == total.period
                              and f.unit == total.unit and terms(f.measure) > key])
        if len(narrower) >= 2:
            exhaustive = bool(TOTAL_WORDS.search(total.quote))
            checks.append(Check(
                "parts", total, narrower, raw=sum, calculation=_sum_calc,
                relation="equal" if exhaustive else "at_most",
                note="" if exhaustive else "The narrower counts are taken as separate parts of it, so together "
                                           "they cannot exceed it.",
            ))
        span = _months(total.period) if _split(total.period) else None
        if span:
            inside = [f for f in figs if f is not total and f.subject == total.subject and f.unit == total.unit
                      and "/" not in f.period and terms(f.measure) == key and (m := _months(f.period))
                      and span[0] <= m[0] and m[1] <= span[1]]
            if inside:
                inside.sort(key=lambda f: f.period)
                months = sum(m[1] - m[0] + 1 for f in inside if (m := _months(f.period)))
                full = months == span[1] - span[0] + 1
                checks.append(Check(
                    "period_total", total, inside, raw=sum, calculation=_sum_calc,
                    relation="equal" if full else "at_most",
                    note="" if full else f"Only {_and([period_label(f.period) for f in inside])} of "
                                         f"{period_label(total.period)} are given, so they can only be checked "
                                         "not to exceed it.",
                ))

    series: dict[tuple[str, frozenset[str], Unit], list[Figure]] = {}
    for f in figs:
        if f.unit in COUNTABLE and f.period and "/" not in f.period and _months(f.period):
            series.setdefault((f.subject, terms(f.measure), f.unit), []).append(f)
    for run in series.values():
        run.sort(key=lambda f: f.period)
        for old, new in itertools.pairwise(run):
            if (old.id, new.id) in covered_pairs:
                continue
            a, b = min(old.start, new.start), max(old.end, new.end)
            between = text[a:b] if text and b - a <= 300 else f"{old.quote} {new.quote}"
            rise, fall = UP_WORDS.search(between), DOWN_WORDS.search(between)
            said = rise or fall
            if said is None or (rise and fall):
                continue  # nothing (or something mixed) stated about the direction: nothing to check
            up, word = rise is not None, said.group(0)
            checks.append(Check(
                "direction", new, [old, new], raw=lambda v: (v[1] - v[0]) / v[0] * 100,
                calculation=lambda q: calc.pct_change(q[0], q[1]), relation="up" if up else "down",
                claim=f"{new.subject}, {new.measure}: {'up' if up else 'down'} from {period_label(old.period)} "
                      f"to {period_label(new.period)} (“{word}”)",
                note="The article states no size for the change, so only its direction is checked.",
            ))

    used = {f.id for c in checks for f in [c.stated, *c.slots]} | {f.id for f in underivable}
    for f in figs:
        if f.qualifier is not Qualifier.exact and f.id not in used and f.unit is not Unit.date:
            underivable.append(f)
    return checks, underivable



# --- alternatives -----------------------------------------------------------------------

def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _who(f: Figure) -> str:
    return f"{f.subject}'s {fmt_value(f.value, f.unit)}"


def alternatives(check: Check, figs: Sequence[Figure]) -> list[Alternative]:
    """Simple changes to the inputs or the statement that would make a failed check hold."""
    out: list[Alternative] = []
    subjects = sorted({f.subject for f in figs})
    if check.kind in ("share", "change", "subtotal"):
        for f in check.slots:
            same = [g for g in figs if g.id != f.id and g.unit == f.unit and terms(g.measure) == terms(f.measure)]
            for g in same:
                if g.value != f.value and check.holds({f.id: g.value}):
                    out.append(Alternative(f"with {_who(g)} in place of {_who(f)} (a swapped figure)",
                                           {f.id: g.value}, rank=2, cites=[g]))
            seen: set[float] = set()
            pairs = sorted(itertools.permutations([*same, f], 2), key=lambda xy: -_base_fit(f, xy[0], xy[1], subjects))
            for x, y in pairs:
                for w, sign in ((x.value - y.value, "−"), (x.value + y.value, "+")):
                    if w <= 0 or w in seen or w == f.value:
                        continue
                    if check.holds({f.id: w}):
                        seen.add(w)
                        fit = _base_fit(f, x, y, subjects)
                        expr = check.calc({f.id: w}).expression
                        out.append(Alternative(
                            f"with {fmt_number(w)} = {fmt_number(x.value)} {sign} {fmt_number(y.value)} "
                            f"({_who(x)} {'less' if sign == '−' else 'plus'} {_who(y)}) in place of "
                            f"{_who(f)}: {expr}", {f.id: w}, rank=1 if fit else 3,
                            working=f"{fmt_number(x.value)} {sign} {fmt_number(y.value)} = {fmt_number(w)}; {expr}",
                            cites=[x, y]))
    if check.kind == "share":
        for s in subjects:
            if s == check.stated.subject:
                continue
            parts, whole = share_operands(check.stated, figs, subject=s)
            if parts and whole:
                alt = _share_check(check.stated, parts, whole)
                if alt.holds():
                    expr = alt.calc().expression
                    out.append(Alternative(f"for {s}'s figures instead: {expr}", rank=2, working=expr,
                                           cites=[*parts, whole]))
    if check.kind in ("subtotal", "parts", "period_total") and check.relation == "equal":
        stated = check.stated.value
        for f in check.slots:
            rest = sum(g.value for g in check.slots if g is not f)
            implied = stated - rest
            if f.value == stated and implied > 0:
                out.insert(0, Alternative(
                    f"if {f.subject}'s figure were {fmt_number(implied)} (= {fmt_number(stated)} − "
                    f"{fmt_number(rest)}): the {fmt_number(stated)} given for {f.subject} is the same number as "
                    f"the total, so it is probably the total misattributed", {f.id: implied}, rank=0,
                    working=f"{fmt_number(stated)} − {fmt_number(rest)} = {fmt_number(implied)}"))
            elif implied > 0:
                out.append(Alternative(f"if {f.subject}'s figure were {fmt_number(implied)}", {f.id: implied}, rank=4,
                                       working=f"{fmt_number(stated)} − {fmt_number(rest)} = {fmt_number(implied)}"))
            if len(check.slots) > 2 and matches(stated, rest):
                out.append(Alternative(f"without {_who(f)}, which the total may leave out", rank=2))
    if check.kind == "change" and check.stated.unit is Unit.percent:
        old, new = (f.value for f in check.slots)
        back = (new - old) / new * 100 if new else math.nan
        if not math.isnan(back) and matches(check.sign * check.stated.value, back):
            expr = f"({fmt_number(new)} − {fmt_number(old)}) / {fmt_number(new)} × 100 = {fmt_value(back, Unit.percent)}"
            out.append(Alternative(f"if the change is measured against the later value: {expr}", working=expr))
    point = check.point()
    if check.relation == "equal" and check.stated.qualifier is Qualifier.exact:
        out.extend(_rounding_slips(check.sign * check.stated.value, point, check.stated.unit))
    return out


def _base_fit(f: Figure, x: Figure, y: Figure, subjects: Sequence[str]) -> bool:
    """x − y is a natural stand-in for f when x is a combined subject holding f's and y is the rest."""
    comps = subject_components(x.subject, subjects)
    return f.subject in comps and y.subject in comps and y.subject != f.subject


def _rounding_slips(stated: float, computed: float, unit: Unit) -> list[Alternative]:
    out = []
    text = repr(float(stated))
    decimals = 0 if text.endswith(".0") else len(text.split(".")[1])
    q = Decimal(1).scaleb(-decimals)
    cut = float(Decimal(repr(computed)).quantize(q, rounding=ROUND_FLOOR))
    if cut == stated and not matches(stated, computed):
        out.append(Alternative(f"if {_precise(computed, unit)} was cut short to {fmt_value(stated, unit)} "
                               "rather than rounded (a truncation)", working=f"{_precise(computed, unit)}"))
    digits = f"{abs(stated):.{decimals}f}"
    for i in range(len(digits) - 1):
        if "." in digits[i:i + 2] or digits[i] == digits[i + 1]:
            continue
        swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
        if matches(float(swapped), computed):
            out.append(Alternative(f"if {fmt_value(stated, unit)} is a typing slip for {fmt_value(float(swapped), unit)} "
                                   "(two digits transposed)"))
    return out


# --- findings ---------------------------------------------------------------------------

def _cite(f: Figure) -> Citation:
    return Citation(doc_id=f.doc_id, start=f.start, end=f.end, quote=f.quote)


def _stated_text(f: Figure, sign: int = 1) -> str:
    q = "" if f.qualifier is Qualifier.exact else f"{f.qualifier.value} "
    return f"{q}{fmt_value(f.value, f.unit)}" + (" (a fall)" if sign < 0 else "")


def _claim(check: Check) -> str:
    if check.claim:
        return check.claim
    f = check.stated
    when = f" ({period_label(f.period)})" if f.period else ""
    what = {
        "share": "its parts over its whole",
        "change": f"the change from {period_label(check.slots[0].period)} to {period_label(check.slots[1].period)}",
        "subtotal": "the sum over " + " and ".join(sorted({s.subject for s in check.slots})),
        "parts": "the sum of its parts",
        "period_total": "the sum of the periods inside it",
    }[check.kind]
    return f"{f.subject}, {f.measure}{when}: {_stated_text(f, check.sign)} vs {what}"


def _finding(check: Check, status: Status, calculation: Calculation | None, explanation: str) -> Finding:
    figs = [check.stated, *check.slots]
    ids = list(dict.fromkeys(f.id for f in figs))
    quotes = list({f.id: _cite(f) for f in figs}.values())
    computed = round(check.point(), 2) if calculation else None
    return Finding(
        status=status, check=check.kind, claim=_claim(check),
        stated=None if check.kind == "direction" else check.sign * check.stated.value,
        computed=computed, unit=calculation.unit if calculation else check.stated.unit,
        expression=calculation.expression if calculation else "", quotes=quotes, explanation=explanation,
        figure_ids=ids, doc_id=check.stated.doc_id, stated_id=check.stated.id,
    )


def _precise(x: float, unit: Unit) -> str:
    """Two decimals, for showing what a rounded result was rounded from: 47.25%."""
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return text + ("%" if unit is Unit.percent else "")


def _explain_ok(check: Check, c: Calculation) -> str:
    if check.kind == "direction":
        word = "rose" if check.relation == "up" else "fell"
        old, new = check.slots
        return (f"{fmt_number(new.value)} against {fmt_number(old.value)}: the figure {word}, as the article says "
                f"({c.expression}). {check.note}").strip()
    s = check.stated
    if check.relation == "at_most":
        text = f"{c.expression}, which does not exceed the stated {_stated_text(s)}."
    else:
        raw = check.point()
        how = ""
        if raw != c.result:
            how = f" ({_precise(raw, c.unit)} before rounding)"
            check.shown = [f"{c.expression.rsplit(' = ', 1)[0]} = {_precise(raw, c.unit)}"]
        text = f"{c.expression}, which agrees with the stated {_stated_text(s, check.sign)}{how}."
    return f"{text} {check.note}".strip()


def _explain_bad(check: Check, c: Calculation) -> str:
    s = check.stated
    if check.kind == "direction":
        old, new = check.slots
        said = "rose" if check.relation == "up" else "fell"
        return (f"The article says the figure {said}, but {fmt_number(old.value)} ({period_label(old.period)}) to "
                f"{fmt_number(new.value)} ({period_label(new.period)}) is {c.expression}.")
    if check.relation == "at_most":
        text = f"The parts add up to more than the stated {_stated_text(s)}: {c.expression}."
    else:
        text = f"The stated {_stated_text(s, check.sign)} does not follow from the article's own figures: {c.expression}."
    alts = sorted(check.alternatives, key=lambda a: (-len(a.resolves), a.rank))
    unique: dict[tuple[tuple[str, float], ...] | str, Alternative] = {}
    for a in alts:  # one correction, however it was found, is said once
        unique.setdefault(tuple(sorted(a.subs.items())) or a.text, a)
    alts = [a for a in unique.values() if a.rank < 4 or a.resolves][:3]
    check.shown = [a.working for a in alts if a.working]
    check.cited = [f for a in alts for f in a.cites]
    if not alts:
        return (f"{text} No simple alternative (another base, a swapped figure, a rounding or a typing slip) "
                "makes it hold.")
    parts = []
    for a in alts:
        also = f", a correction that also makes “{'”, “'.join(a.resolves)}” add up" if a.resolves else ""
        parts.append(a.text + also)
    return f"{text} It would hold {'; or '.join(parts)}."


def _check_doc(figs: list[Figure], text: str = "") -> list[Finding]:
    checks, underivable = derive_checks(figs, text)
    results: list[tuple[Check, bool, Calculation | None]] = []
    for check in checks:
        try:
            c = check.calc()
        except CalculationError:
            underivable.append(check.stated)
            continue
        ok = check.holds()
        if not ok:
            check.alternatives = alternatives(check, figs)
        results.append((check, ok, c))
    bad = [ch for ch, ok, _ in results if not ok]
    for a_check in bad:  # a correction that fixes two findings at once is the likeliest one
        for alt in a_check.alternatives:
            for other in bad:
                if other is a_check or not alt.subs:
                    continue
                if set(alt.subs) & {f.id for f in [other.stated, *other.slots]} and other.holds(alt.subs):
                    alt.resolves.append(_claim(other))
                    alt.cites.append(other.stated)
    out = []
    for check, ok, calculation in results:
        assert calculation is not None
        c = calculation
        finding = _finding(check, "consistent" if ok else "inconsistent", c,
                           _explain_ok(check, c) if ok else _explain_bad(check, c))
        finding.workings = [finding.expression, *check.shown]
        known = {(q.start, q.end) for q in finding.quotes}
        finding.quotes += [_cite(f) for f in {f.id: f for f in check.cited}.values() if (f.start, f.end) not in known]
        out.append(finding)
    for f in {f.id: f for f in underivable}.values():
        out.append(_not_derivable(f, figs))
    return out


def _not_derivable(f: Figure, figs: Sequence[Figure]) -> Finding:
    when = f" ({period_label(f.period)})" if f.period else ""
    if is_change(f):
        why = (f"The article does not give {f.subject}'s values at both ends of {period_label(f.period)}, "
               "so the change cannot be recomputed.")
    elif f.unit is Unit.percent:
        parts, _ = share_operands(f, figs)
        missing = "the whole it is a share of" if parts else "the counts it is a share of"
        why = f"The article does not give {missing} for {f.subject}, so it cannot be recomputed."
    else:
        why = f"Nothing else in the article bounds or adds up to this {f.qualifier.value} figure."
    return Finding(
        status="not_derivable", check="bound" if f.unit is not Unit.percent else ("change" if is_change(f) else "share"),
        claim=f"{f.subject}, {f.measure}{when}: {_stated_text(f)}", stated=f.value, unit=f.unit,
        quotes=[_cite(f)], explanation=why, figure_ids=[f.id], doc_id=f.doc_id, stated_id=f.id,
    )


ORDER = {"inconsistent": 0, "consistent": 1, "not_derivable": 2}


def audit(engine: Engine | None = None) -> AuditReport:
    """Every derivable check over every document's figures, inconsistencies first."""
    if engine is None:
        from qa.engine import get_engine

        engine = get_engine()
    return _cached(engine)


_cache: dict[int, tuple[Any, AuditReport]] = {}


def _cached(engine: Engine) -> AuditReport:
    key = (engine.corpus_hash, len(engine.figures))
    hit = _cache.get(id(engine))
    if hit and hit[0] == key:
        return hit[1]
    findings: list[Finding] = []
    for doc in engine.documents:
        figs = [f for f in engine.figures if f.doc_id == doc.id]
        if figs:
            doc_findings = _check_doc(figs, doc.text)
            doc_findings.sort(key=lambda f: (ORDER[f.status], min(q.start for q in f.quotes)))
            findings.extend(doc_findings)
    report = AuditReport(findings=findings)
    _cache.clear()
    _cache[id(engine)] = (key, report)
    return report


def findings_for(figure_ids: Sequence[str], engine: Engine | None = None) -> list[Finding]:
    """Inconsistent findings that involve any of these figures (for warnings on answers)."""
    wanted = set(figure_ids)
    return [f for f in audit(engine).findings if f.status == "inconsistent" and wanted & set(f.figure_ids)]


def warning_text(finding: Finding) -> str:
    """One sentence naming the figure and both values."""
    if finding.check == "direction":
        return f"Warning: the article's wording does not match its figures for {finding.claim}: {finding.expression}."
    unit = finding.unit or Unit.count
    stated = fmt_value(finding.stated or 0, unit)
    computed = fmt_value(finding.computed or 0, unit)
    what = finding.claim.split(":")[0]
    if finding.computed is not None and finding.expression.endswith(fmt_value(finding.computed, unit)):
        computed = finding.expression.rsplit(" = ", 1)[-1]
    return (f"Warning: the article's {stated} for {what} does not add up: its own figures give {computed} "
            f"({finding.expression.rsplit(' = ', 1)[0]}).")


# --- CLI --------------------------------------------------------------------------------

def render(report: AuditReport) -> str:
    lines = [
        f"{len(report.findings)} checks: {report.count('inconsistent')} inconsistent, "
        f"{report.count('consistent')} consistent, {report.count('not_derivable')} not derivable.",
    ]
    for f in report.findings:
        lines.append("")
        lines.append(f"{f.status.upper().replace('_', ' ')}  {f.claim}")
        if f.expression:
            lines.append(f"  working: {f.expression}")
        for q in f.quotes:
            lines.append(f"  quote:   “{q.quote}” ({q.doc_id} {q.start}-{q.end})")
        lines.append(f"  why:     {f.explanation}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="qa audit", description="Recompute what each article states from its "
                                     "own figures and flag what does not add up.")
    parser.add_argument("--json", action="store_true", help='print {"findings": [...]} as JSON')
    parser.add_argument("--doc", help="only this document id")
    args = parser.parse_args(argv)
    report = audit()
    if args.doc:
        report = AuditReport(findings=[f for f in report.findings if f.doc_id == args.doc])
    if args.json:
        keep = {"status", "check", "claim", "stated", "computed", "unit", "expression", "quotes", "explanation",
                "figure_ids", "doc_id"}
        sys.stdout.write(json.dumps(report.model_dump(mode="json", include={"findings": {"__all__": keep}}),
                                    ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
