"""Claim checking: "Check: two in five Staffordshire cases were dropped" -> supported or not, with the working.

Everyday quantity words are read as a range the article's value must fall in (the
tolerances, stated once):

- a fraction ("two in five", "one in ten", "a quarter", "a third", "half", "3 out of 4") or a
  percentage with "about" means within min(2.5, p/5) percentage points of it: "two in five" is
  37.5% to 42.5%, "one in ten" 8% to 12%;
- a percentage written as digits ("39%") matches what rounds to it (`qa.numbers.matches`);
- "nearly"/"almost" p is below p by at most min(5, p/4) points ("nearly half": 45% to 50%);
- "more than"/"over" p is above p; "at least" p is p or above; "less than"/"under" p is below p;
- "most"/"the majority" is above 50%, "a minority" below 50%;
- "doubled", "trebled"/"tripled", "quadrupled", "halved" are ratios later/earlier of 2, 3, 4,
  0.5 within 10% of that ratio; "more than trebled" is a ratio above 3, "nearly doubled" 1.8 to 2;
- a count ("more than 1,000 cases") follows the audit's reading of qualifiers.

The article's value is recomputed from its counts where the audit can (the working), and
its own statement is quoted beside it; if the two disagree, the answer says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qa import audit as audit_mod
from qa import calculator as calc
from qa.audit import COUNTABLE, Check, share_operands, stated_range, terms
from qa.calculator import Quantity
from qa.numbers import WORDS, fmt_value
from qa.records import Answer, Calculation, Citation, Figure, Qualifier, Turn, Unit, period_label

if TYPE_CHECKING:
    from qa.engine import Engine

PREFIX = re.compile(
    r"^\s*(?:(?:fact[- ]?)?check|verify|is it (?:true|right|correct) that|true or false|claim)\b\s*[:,\-–—]?\s*", re.I)
ADD_UP = re.compile(
    r"\bdoes (?:this|that|it|the [\w'’ .%,]{1,60}?) add up\b|\bdo(?:es)? (?:these|the) (?:figures|numbers) add up\b"
    r"|\b(?:is|are) (?:the|that|this) [\w'’ .%,]{1,60}? (?:right|correct|accurate)\s*\??$", re.I)
IS_RIGHT = re.compile(
    r"^\s*is (?:the|that|this) ([\d.,]+)\s*(%|per ?cent|percent)?(?: figure| number| share)? "
    r"(?:right|correct|accurate|true)\b", re.I)

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
DOWN = re.compile(r"\b(fell|fallen|dropped|decreased|declined|went down|down|fall|drop|decrease|decline)\b", re.I)


def is_claim(question: str) -> bool:
    """Questions to route here rather than to ordinary answering."""
    return bool(PREFIX.match(question) or ADD_UP.search(question) or IS_RIGHT.match(question))


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
        if DOWN.search(m.group(0)):  # "fell by more than 10%" is a change below -10%
            lo, hi = -hi, -lo
        return Expectation("change", lo, hi, m.group(0).strip(), _says("change", lo, hi))
    m = re.search(MOD + r"(\d[\d,]*(?:\.\d+)?)\s*(%|per ?cent|percent)", low)
    if m:
        p = _num(m.group(2))
        lo, hi = _range("share", modifier(m), p, digits=True)
        return Expectation("share", lo, hi, m.group(0).strip(), _says("share", lo, hi))
    m = re.search(MOD + r"(\d[\d,]*(?:\.\d+)?)(?!\s*(?:%|per ?cent|percent))", low)
    if m and not re.fullmatch(r"(19|20)\d\d", m.group(2)):
        p = _num(m.group(2))
        lo, hi = _range("count", modifier(m), p, digits=True)
        return Expectation("count", lo, hi, m.group(0).strip(), _says("count", lo, hi))
    return None


# --- what the article says ---------------------------------------------------------------

@dataclass
class Evidence:
    figures: list[Figure]  # every figure used, stated one first
    stated: Figure | None  # the article's own statement of the quantity, if any
    calculation: Calculation | None  # recomputed from the article's counts
    value: float  # the value judged against the claim
    lo: float
    hi: float


def _score(measure_terms: frozenset[str], claim_terms: frozenset[str]) -> float:
    return len(measure_terms & claim_terms) - 0.5 * len(measure_terms - claim_terms)


def _pool(engine: Engine, subjects: Sequence[str]) -> list[Figure]:
    figs = engine.figures
    return [f for f in figs if f.subject in subjects] if subjects else list(figs)


def _subjects_named(engine: Engine, claim_terms: frozenset[str]) -> list[str]:
    """Subjects the claim names by a word few subjects share ("Westbay", not "council")."""
    subjects = sorted({f.subject for f in engine.figures})
    counts: dict[str, int] = {}
    for s in subjects:
        for t in terms(s):
            counts[t] = counts.get(t, 0) + 1
    best, named = 0.0, []
    for s in subjects:
        own = {t for t in terms(s) if counts[t] * 2 <= len(subjects)}
        score = len(own & claim_terms) / len(own) if own else 0.0
        if score > best:
            best, named = score, [s]
        elif score == best and score > 0:
            named.append(s)
    return named


def _check_range(check: Check) -> tuple[float, float]:
    from qa.audit import _corners, operand_range

    got = _corners(check.raw, [operand_range(f) for f in check.slots])
    return got if got else (check.point(), check.point())


def _share_evidence(engine: Engine, pool: list[Figure], claim_terms: frozenset[str]) -> Evidence | None:
    best: tuple[float, int, Evidence] | None = None
    for f in pool:
        if f.unit is Unit.percent and not audit_mod.is_change(f):
            score = _score(terms(f.measure) - audit_mod.SHARE_WORDS, claim_terms)
            parts, whole = share_operands(f, engine.figures)
            if parts and whole:
                check = audit_mod._share_check(f, parts, whole)
                lo, hi = _check_range(check)
                ev = Evidence([f, *parts, whole], f, check.calc(), check.point(), lo, hi)
            else:
                lo, hi = stated_range(f.value, f.qualifier)
                ev = Evidence([f], f, None, f.value, lo, hi)
            cand = (score, 1, ev)
        elif f.unit in COUNTABLE:
            score = _score(terms(f.measure), claim_terms)
            wholes = [w for w in engine.figures if w.subject == f.subject and w.period == f.period
                      and w.unit == f.unit and w.value > f.value and terms(w.measure) & terms(f.measure)]
            if not wholes or score <= 0:
                continue
            whole = max(wholes, key=lambda w: w.value)
            check = audit_mod._share_check(f, [f], whole)
            lo, hi = _check_range(check)
            cand = (score, 0, Evidence([f, whole], None, check.calc(), check.point(), lo, min(hi, 100.0)))
        else:
            continue
        if best is None or cand[:2] > best[:2]:
            best = cand
    return best[2] if best and best[0] > 0 else None


def _pair_evidence(engine: Engine, pool: list[Figure], claim_terms: frozenset[str], periods: Sequence[str],
                   kind: str) -> Evidence | None:
    if kind == "change":  # a change the article states
        stated = [f for f in pool if audit_mod.is_change(f) and f.unit is Unit.percent]
        stated.sort(key=lambda f: -_score(terms(f.measure) - audit_mod.CHANGE_WORDS, claim_terms))
        for f in stated[:1]:
            checks, _ = audit_mod.derive_checks([g for g in engine.figures if g.doc_id == f.doc_id])
            for check in checks:
                if check.stated.id == f.id:
                    lo, hi = _check_range(check)
                    return Evidence([f, *check.slots], f, check.calc(), check.point(), lo, hi)
            lo, hi = stated_range(f.value, f.qualifier)
            return Evidence([f], f, None, f.value, lo, hi)
    series: dict[tuple[str, frozenset[str]], list[Figure]] = {}
    for f in pool:
        if f.unit in COUNTABLE and f.period and "/" not in f.period:
            series.setdefault((f.subject, terms(f.measure)), []).append(f)
    runs = [sorted(r, key=lambda f: f.period) for r in series.values() if len(r) >= 2]
    if not runs:
        return None
    run = max(runs, key=lambda r: _score(terms(r[0].measure), claim_terms))
    if _score(terms(run[0].measure), claim_terms) <= 0 and len(runs) > 1:
        return None
    years = [p for p in periods if "/" not in p]
    chosen = [f for f in run if f.period in years] if len(years) >= 2 else []
    old, new = (chosen[0], chosen[-1]) if len(chosen) >= 2 else (run[-2], run[-1])
    q_old, q_new = Quantity.of(old), Quantity.of(new)
    if kind == "ratio":
        c = calc.ratio(q_new, q_old)
        value = new.value / old.value
    else:
        c = calc.pct_change(q_old, q_new)
        value = (new.value - old.value) / old.value * 100
    return Evidence([old, new], None, c, value, value, value)


def _count_evidence(all_figs: Sequence[Figure], pool: list[Figure], plan_ids: Sequence[str], claim_terms: frozenset[str]) -> Evidence | None:
    counts = [f for f in pool if f.unit in COUNTABLE]
    if not counts:
        return None
    f = max(counts, key=lambda f: (f.id in plan_ids, _score(terms(f.measure), claim_terms)))
    if _score(terms(f.measure), claim_terms) <= 0 and f.id not in plan_ids:
        return None
    lo, hi = stated_range(f.value, f.qualifier) if f.qualifier is not Qualifier.exact else (f.value, f.value)
    if f.qualifier is not Qualifier.exact:  # a bounded figure whose parts the article gives: they pin it down
        checks, _ = audit_mod.derive_checks([g for g in all_figs if g.doc_id == f.doc_id])
        for check in checks:
            if check.stated.id == f.id and check.kind in ("subtotal", "parts") and check.relation == "equal" \
                    and check.holds():
                total = check.point()
                return Evidence([f, *check.slots], f, check.calc(), total, total, total)
    return Evidence([f], f, None, f.value, lo, hi)


# --- verdicts ----------------------------------------------------------------------------

def _cite(f: Figure) -> Citation:
    return Citation(doc_id=f.doc_id, start=f.start, end=f.end, quote=f.quote)


def _quantity(f: Figure) -> str:
    q = "" if f.qualifier is Qualifier.exact else f"{f.qualifier.value} "
    return f"{q}{fmt_value(f.value, f.unit)}"


def _with_claim(c: Calculation | None, exp: Expectation, value: float, unit: Unit, span: str = "") -> Calculation:
    reading = f"{span}“{exp.phrase}” read as {exp.says}"
    if c is None:
        return Calculation(operation="claim", expression=f"{fmt_value(value, unit)}; {reading}", result=value, unit=unit)
    return c.model_copy(update={"expression": f"{c.expression}; {reading}"})


def _span(ev: Evidence) -> str:
    a, b = ev.figures[0], ev.figures[-1]
    if ev.stated is None and len(ev.figures) == 2 and a.period and b.period and a.period != b.period:
        return f"from {period_label(a.period)} to {period_label(b.period)}; "
    return ""


def _not_in_article(question: str, reason: str) -> Answer:
    return Answer(question=question, answer=f"Not in the article: {reason}.", abstained=True, operation="claim")


def check_claim(engine: Engine, text: str, history: Sequence[Turn | dict[str, Any] | str] | None = None) -> Answer:
    """Supported / not supported / not in the article, with the working and the quotes."""
    m = IS_RIGHT.match(text)
    if m:
        return _is_it_right(engine, text, float(m.group(1).replace(",", "")), bool(m.group(2)))
    body = PREFIX.sub("", text, count=1).strip()
    if ADD_UP.search(body) and not parse_quantity(ADD_UP.sub("", body)):
        return _adds_up(engine, text, history)
    exp = parse_quantity(body)
    if exp is None:
        return _not_in_article(text, "the claim states no quantity to check (try “two in five”, “doubled”, "
                                     "“more than half”)")
    from qa.understand import understand

    plan = understand(engine, body, history)
    if plan.operation == "abstain" and not plan.subjects:
        return _not_in_article(text, plan.abstain_reason or "the article gives no figure for that")
    claim_terms = terms(body)
    pool = _pool(engine, plan.subjects or _subjects_named(engine, claim_terms))
    if exp.kind == "share":
        ev = _share_evidence(engine, pool, claim_terms)
    elif exp.kind in ("ratio", "change"):
        ev = _pair_evidence(engine, pool, claim_terms, plan.periods, exp.kind)
    else:
        ev = _count_evidence(engine.figures, pool, plan.figure_ids, claim_terms)
    if ev is None:
        return _not_in_article(text, "the article gives no figure that this claim could be checked against")
    return _verdict(engine, text, exp, ev)


def _judge(exp: Expectation, lo: float, hi: float) -> str:
    if exp.lo <= lo and hi <= exp.hi:
        return "fits"
    return "short" if lo <= exp.hi and hi >= exp.lo else "misses"


def _verdict(engine: Engine, question: str, exp: Expectation, ev: Evidence) -> Answer:
    unit = Unit.ratio if exp.kind == "ratio" else (ev.stated.unit if ev.stated else
                                                   (ev.calculation.unit if ev.calculation else Unit.count))
    reading = f"“{exp.phrase}” (read as {exp.says})"
    judged = _judge(exp, ev.lo, ev.hi)
    warnings: list[str] = []
    stated, c = ev.stated, ev.calculation
    finding = None
    if stated is not None and c is not None:
        finding = next((f for f in audit_mod.findings_for([stated.id], engine) if f.stated_id == stated.id), None)
    who = f"{ev.figures[0].subject}, {ev.figures[0].measure}"
    if finding is not None and stated is not None and c is not None:
        # the article's own numbers disagree: judge what it says, and show what its counts give
        warnings.append(audit_mod.warning_text(finding))
        judged = _judge(exp, *stated_range(stated.value, stated.qualifier))
        counts = "would fit the claim" if _judge(exp, ev.lo, ev.hi) == "fits" else "would not fit it either"
        label = "Supported" if judged == "fits" else "Not supported"
        relation = {"fits": "which fits", "short": "which does not establish", "misses": "which is not"}[judged]
        return Answer(
            question=question, value=stated.value, unit=stated.unit, operation="claim", warnings=warnings,
            answer=(f"{label}: the article states {_quantity(stated)} for {who}, {relation} {reading}; "
                    f"but its own counts give {c.expression}, which {counts}."),
            citations=list({f.id: _cite(f) for f in ev.figures}.values()),
            calculation=_with_claim(c, exp, ev.value, unit), figures=[f.id for f in ev.figures],
        )
    elif stated is not None and c is not None:
        body = f"the article gives {_quantity(stated)} for {who}, and its counts agree: {c.expression}"
    elif stated is not None:
        body = f"the article gives {_quantity(stated)} for {who}"
    else:
        assert c is not None
        span = _span(ev).removesuffix("; ")
        body = f"the article's figures for {who}{' ' + span if span else ''} give {c.expression}"
    verdict = {
        "fits": f"Supported: {body}; that fits {reading}.",
        "short": f"Not supported: {body}; that does not establish {reading}.",
        "misses": f"Not supported: {body}; that is not {reading}.",
    }[judged]
    return Answer(
        question=question, answer=verdict, value=round(ev.value, 2), unit=unit,
        citations=list({f.id: _cite(f) for f in ev.figures}.values()),
        calculation=_with_claim(c, exp, ev.value, unit, _span(ev)),
        figures=[f.id for f in ev.figures], warnings=warnings, operation="claim",
    )


def _finding_answer(question: str, finding: audit_mod.Finding, lead: str) -> Answer:
    unit = finding.unit or Unit.count
    expression = "; ".join(finding.workings or [finding.expression])
    calc_out = Calculation(operation="audit", expression=expression, result=finding.computed or 0.0, unit=unit,
                           operands=finding.figure_ids) if finding.expression else None
    warnings = [audit_mod.warning_text(finding)] if finding.status == "inconsistent" else []
    return Answer(question=question, answer=f"{lead} {finding.explanation}", value=finding.computed, unit=unit,
                  citations=finding.quotes, calculation=calc_out, figures=finding.figure_ids, warnings=warnings,
                  operation="claim")


def _is_it_right(engine: Engine, question: str, value: float, percent: bool) -> Answer:
    report = audit_mod.audit(engine)
    figs = [f for f in engine.figures if f.value == value and (f.unit is Unit.percent or not percent)]
    ids = {f.id for f in figs}
    found = [f for f in report.findings if f.stated_id in ids]
    if not figs:
        return _not_in_article(question, f"the article states no {fmt_value(value, Unit.percent if percent else Unit.count)}")
    if not found:
        f = figs[0]
        return Answer(question=question, operation="claim", figures=[f.id], citations=[_cite(f)],
                      answer=f"The article states {_quantity(f)} for {f.subject}, {f.measure}, but gives nothing "
                             "to recompute it from, so it cannot be checked.")
    finding = min(found, key=lambda f: audit_mod.ORDER[f.status])
    lead = {"inconsistent": "No, it does not add up.", "consistent": "Yes, it adds up.",
            "not_derivable": "It cannot be checked."}[finding.status]
    return _finding_answer(question, finding, lead)


def _adds_up(engine: Engine, question: str, history: Sequence[Turn | dict[str, Any] | str] | None) -> Answer:
    report = audit_mod.audit(engine)
    ids: set[str] = set()
    if history:
        last = history[-1]
        prior = last if isinstance(last, str) else (last.question if isinstance(last, Turn) else str(last.get("question", "")))
        from qa.understand import understand

        try:
            ids = set(understand(engine, prior).figure_ids)
        except Exception:  # an unreadable earlier turn: fall back to the whole article
            ids = set()
    relevant = [f for f in report.findings if f.status != "not_derivable" and (not ids or ids & set(f.figure_ids))]
    bad = [f for f in relevant if f.status == "inconsistent"]
    if bad:
        return _finding_answer(question, bad[0], "No, it does not add up.")
    if relevant:
        return _finding_answer(question, relevant[0], "Yes, it adds up.")
    return _not_in_article(question, "there is nothing in the article to check those figures against")

