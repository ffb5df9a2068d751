"""The checks an article's figures allow, derived from the structure of its figures table.

- share: a stated percentage against its part(s) and whole (same subject and period);
- change: a stated percent change (or percentage-point change, or ratio) against the
  before and after values it spans;
- subtotal: a figure for a combined subject ("Northshire and Southshire Police")
  against the sum of the same measure for each component subject;
- parts: a figure against the sum of narrower measures of the same subject (bound);
- period_total: a total over a span of time against the figures for the years inside it;
- direction: "up from" / "down from" wording against the two values it compares;
- bound: an "at least"/"more than"/"nearly"/"about" figure nothing else checks.

Checks come from subject, measure, period, unit and qualifier, never from figure ids, so
they run on any table. Tolerance follows the stated rounding (`qa.check.ranges`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from qa.check.ranges import corners, operand_range, stated_range
from qa.compute import calculator as calc
from qa.compute.calculator import COUNTABLE, Quantity
from qa.model.records import Calculation, Figure, Qualifier, Unit, period_label
from qa.text import lexicon
from qa.text.numbers import fmt_number, matches

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
GENERAL_SAME = {"identified": "found", "without": "no", "percentage": "percent"}


@lru_cache(maxsize=1)
def _same(vocab_id: int) -> dict[str, str]:
    """Words the field's vocabulary treats as one thing (the reader's synonyms), so the audit agrees with it."""
    v = lexicon.vocabulary()
    measure_words = v.key_terms | v.generic_terms
    # "=" marks a merged term, so a measure word ("dropped" cases) never reads as a change word ("a drop").
    return {**{w: "=" + c for w, c in v.synonyms.items() if w not in CHANGE_WORDS and c in measure_words},
            **GENERAL_SAME}


def same_word(w: str) -> str:
    return _same(id(lexicon.vocabulary())).get(w, w)
DOWN = re.compile(r"\b(fall|fell|fallen|decrease[sd]?|declin\w*|drop|down|lower|reduction|cut|slump\w*|halved)\b", re.I)
UP_WORDS = re.compile(r"\b(up from|rose|risen|rise|increase[sd]?|jump\w*|grew|grown|higher|climb\w*|surge\w*|peaked)\b", re.I)
DOWN_WORDS = re.compile(r"\b(down from|fell|fallen|decrease[sd]?|declin\w*|lower|slump\w*|drop from|dropped from)\b", re.I)
UP = re.compile(r"\b(up|rose|risen|rising|rise|increase[sd]?|jump\w*|grew|grown|growth|higher|climb\w*|surge\w*)\b", re.I)
TOTAL_WORDS = re.compile(r"\b(total\w*|in all|altogether|combined|overall)\b", re.I)


def and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def terms(text: str) -> frozenset[str]:
    """Content words of a measure or subject, singular, with a few synonyms merged."""
    out = set()
    for w in re.findall(r"[a-z0-9]+", text.lower()):
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        w = same_word(w)
        if w not in STOP:
            out.add(w)
    return frozenset(out)


def is_change(f: Figure) -> bool:
    return (
        f.unit in (Unit.percent, Unit.percentage_points, Unit.ratio)
        and bool(terms(f.measure) & CHANGE_WORDS)
        and period_ends(f.period) is not None
    )


def period_ends(period: str) -> tuple[str, str] | None:
    parts = period.split("/")
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) else None


def month_span(period: str) -> tuple[int, int] | None:
    """'2020' -> Jan..Dec 2020 as month numbers; '2015-04/2021-12' -> Apr 2015..Dec 2021."""
    def one(p: str, end: bool) -> int | None:
        m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", p)
        if not m:
            return None
        month = int(m.group(2)) if m.group(2) else (12 if end else 1)
        return int(m.group(1)) * 12 + month - 1

    a, b = period_ends(period) or (period, period)
    lo, hi = one(a, False), one(b, True)
    return (lo, hi) if lo is not None and hi is not None else None

def restates(a: Figure, b: Figure) -> bool:
    """Do two figures give one number (within how each was rounded and qualified)? "Almost 2.2 million" and a
    table's 2,171,654 do: a check that takes one as a part of the other compares a number with itself."""
    a_lo, a_hi = stated_range(a.value, a.qualifier)
    b_lo, b_hi = stated_range(b.value, b.qualifier)
    return a_lo <= b_hi and b_lo <= a_hi


SIGNED = re.compile(r"^\s*[+\-\u2212]")
LOOKBEHIND = 40  # characters before a stated change where its direction word would be ("fell by 17.5 per cent")


def direction_of(f: Figure, text: str) -> int:
    """+1 or -1 when a stated change's sign or wording gives its direction, 0 when it is given as a size only."""
    if SIGNED.match(f.quote):
        return -1 if f.value < 0 or f.quote.lstrip()[0] in "-\u2212" else 1
    before = text[max(0, f.start - LOOKBEHIND):f.start] if text and f.start >= 0 else ""
    before = re.split(r"[.;!?]\s", before)[-1]  # only the clause the change is stated in
    for words in (f.measure, f.quote, before):
        if DOWN.search(words):
            return -1
        if UP.search(words):
            return 1
    return 0


PLAUSIBLE_FACTOR = 10.0  # an article's slip is of this order at most; a gap beyond it means a misread pairing


def same_order(a: float, b: float, factor: float = PLAUSIBLE_FACTOR) -> bool:
    """Are two numbers' sizes within `factor` of each other? A stated figure and its recomputation that differ more
    than tenfold, or two ends of a change that do, are more likely figures paired by a misread label than an
    article's mistake, so the audit does not call them inconsistent. (A sign alone is an article's mistake worth
    flagging: "rose 17.5%" for 40 -> 33.)"""
    if a == 0 or b == 0:
        return a == b
    hi, lo = max(abs(a), abs(b)), min(abs(a), abs(b))
    return hi <= factor * lo


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
        got = corners(self.raw, ranges)
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

    def plausible(self) -> bool:
        """Is the recomputed value of the stated one's order of size (`same_order`)? Direction checks state no size."""
        if self.kind == "direction":
            return True
        try:
            return same_order(self.sign * self.stated.value, self.point())
        except (ArithmeticError, ValueError):
            return False

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


def share_check(p: Figure, parts: list[Figure], whole: Figure) -> Check:
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
    """'Northshire and Southshire Police' -> ['Southshire Police', 'Northshire Police']."""
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
        if parts and whole and not any(restates(f, whole) for f in parts):
            checks.append(share_check(p, parts, whole))
        else:
            underivable.append(p)

    covered_pairs = set()
    for c in changes:
        old_p, new_p = period_ends(c.period) or ("", "")
        core = terms(c.measure) - CHANGE_WORDS - SHARE_WORDS
        base_unit = Unit.percent if c.unit is Unit.percentage_points else None
        found = []
        for per in (old_p, new_p):
            cands = [f for f in figs if f.subject == c.subject and f.period == per and not is_change(f)
                     and (f.unit == base_unit if base_unit else f.unit in COUNTABLE)
                     and terms(f.measure) == core]
            found.append(cands[0] if cands else None)
        old, new = found
        if old is None or new is None or (restates(old, new) and c.value != 0):
            underivable.append(c)  # an end missing, or both ends one number read twice: nothing to recompute
            continue
        covered_pairs.add((old.id, new.id))
        said = direction_of(c, text)
        if c.unit is Unit.ratio:
            check = Check("change", c, [old, new], raw=lambda v: v[1] / v[0],
                          calculation=lambda q: calc.ratio(q[1], q[0]))
        elif c.unit is Unit.percentage_points:
            check = Check("change", c, [old, new], raw=lambda v: v[1] - v[0],
                          calculation=lambda q: calc.pp_difference(q[1], q[0]))
        else:
            check = Check("change", c, [old, new], raw=lambda v: (v[1] - v[0]) / v[0] * 100,
                          calculation=lambda q: calc.pct_change(q[0], q[1]))
        if said == 0 and c.unit is not Unit.ratio:  # a size with no direction stated: the figures give it
            said = -1 if new.value < old.value else 1
        check.sign = -1 if said < 0 and c.value > 0 else 1
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
                              and f.unit == total.unit and terms(f.measure) > key and not restates(f, total)])
        if len(narrower) >= 2:
            exhaustive = bool(TOTAL_WORDS.search(total.quote))
            checks.append(Check(
                "parts", total, narrower, raw=sum, calculation=_sum_calc,
                relation="equal" if exhaustive else "at_most",
                note="" if exhaustive else "The narrower counts are taken as separate parts of it, so together "
                                           "they cannot exceed it.",
            ))
        span = month_span(total.period) if period_ends(total.period) else None
        if span:
            inside = [f for f in figs if f is not total and f.subject == total.subject and f.unit == total.unit
                      and "/" not in f.period and terms(f.measure) == key and (m := month_span(f.period))
                      and span[0] <= m[0] and m[1] <= span[1]]
            if inside:
                inside.sort(key=lambda f: f.period)
                months = sum(m[1] - m[0] + 1 for f in inside if (m := month_span(f.period)))
                full = months == span[1] - span[0] + 1
                checks.append(Check(
                    "period_total", total, inside, raw=sum, calculation=_sum_calc,
                    relation="equal" if full else "at_most",
                    note="" if full else f"Only {and_list([period_label(f.period) for f in inside])} of "
                                         f"{period_label(total.period)} are given, so they can only be checked "
                                         "not to exceed it.",
                ))

    series: dict[tuple[str, frozenset[str], Unit], list[Figure]] = {}
    for f in figs:
        if f.unit in COUNTABLE and f.period and "/" not in f.period and month_span(f.period):
            series.setdefault((f.subject, terms(f.measure), f.unit), []).append(f)
    for run in series.values():
        run.sort(key=lambda f: f.period)
        for old, new in itertools.pairwise(run):
            if (old.id, new.id) in covered_pairs or old.period == new.period or not same_order(old.value, new.value):
                continue  # one period twice, or two sizes no year-on-year change would join: not one series
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
