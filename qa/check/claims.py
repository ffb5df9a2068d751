"""Claim checking: a claim read by `qa.check.expectations` against the article -> supported or not, with the working.

The article's value is recomputed from its counts where the audit can (the working), and
its own statement is quoted beside it; if the two disagree, the answer says so.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa.check.checks import (
    CHANGE_WORDS,
    SHARE_WORDS,
    Check,
    derive_checks,
    is_change,
    share_check,
    share_operands,
    terms,
)
from qa.check.expectations import Claim, Expectation
from qa.check.ranges import corners, operand_range, stated_range
from qa.check.report import ORDER, AuditReport, Finding, findings_for, warning_text
from qa.compute import calculator as calc
from qa.compute.calculator import COUNTABLE, Quantity
from qa.model.records import Answer, Calculation, Figure, Op, Plan, Qualifier, Unit, cite, period_label
from qa.text.numbers import fmt_value

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


def _pool(figs: Sequence[Figure], subjects: Sequence[str]) -> list[Figure]:
    return [f for f in figs if f.subject in subjects] if subjects else list(figs)


def _subjects_named(figures: Sequence[Figure], claim_terms: frozenset[str]) -> list[str]:
    """Subjects the claim names by a word few subjects share ("Westbay", not "council")."""
    subjects = sorted({f.subject for f in figures})
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
    got = corners(check.raw, [operand_range(f) for f in check.slots])
    return got if got else (check.point(), check.point())


def _share_evidence(figures: Sequence[Figure], pool: list[Figure], claim_terms: frozenset[str]) -> Evidence | None:
    best: tuple[float, int, Evidence] | None = None
    for f in pool:
        if f.unit is Unit.percent and not is_change(f):
            score = _score(terms(f.measure) - SHARE_WORDS, claim_terms)
            parts, whole = share_operands(f, figures)
            if parts and whole:
                check = share_check(f, parts, whole)
                lo, hi = _check_range(check)
                ev = Evidence([f, *parts, whole], f, check.calc(), check.point(), lo, hi)
            else:
                lo, hi = stated_range(f.value, f.qualifier)
                ev = Evidence([f], f, None, f.value, lo, hi)
            cand = (score, 1, ev)
        elif f.unit in COUNTABLE:
            score = _score(terms(f.measure), claim_terms)
            wholes = [w for w in figures if w.subject == f.subject and w.period == f.period
                      and w.unit == f.unit and w.value > f.value and terms(w.measure) & terms(f.measure)]
            if not wholes or score <= 0:
                continue
            whole = max(wholes, key=lambda w: w.value)
            check = share_check(f, [f], whole)
            lo, hi = _check_range(check)
            cand = (score, 0, Evidence([f, whole], None, check.calc(), check.point(), lo, min(hi, 100.0)))
        else:
            continue
        if best is None or cand[:2] > best[:2]:
            best = cand
    return best[2] if best and best[0] > 0 else None


def _pair_evidence(figures: Sequence[Figure], pool: list[Figure], claim_terms: frozenset[str], periods: Sequence[str],
                   kind: str) -> Evidence | None:
    if kind == "change":  # a change the article states
        stated = [f for f in pool if is_change(f) and f.unit is Unit.percent]
        stated.sort(key=lambda f: -_score(terms(f.measure) - CHANGE_WORDS, claim_terms))
        for f in stated[:1]:
            checks, _ = derive_checks([g for g in figures if g.doc_id == f.doc_id])
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
        checks, _ = derive_checks([g for g in all_figs if g.doc_id == f.doc_id])
        for check in checks:
            if check.stated.id == f.id and check.kind in ("subtotal", "parts") and check.relation == "equal" \
                    and check.holds():
                total = check.point()
                return Evidence([f, *check.slots], f, check.calc(), total, total, total)
    return Evidence([f], f, None, f.value, lo, hi)


# --- verdicts ----------------------------------------------------------------------------

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


def unquantified(claim: Claim) -> Answer:
    return _not_in_article(claim.text, "the claim states no quantity to check (try “two in five”, “doubled”, "
                                       "“more than half”)")


def judge(figures: Sequence[Figure], report: AuditReport, claim: Claim, plan: Plan) -> Answer:
    """Supported / not supported / not in the article, with the working and the quotes.

    `plan` is the question reader's reading of the claim's body: its subjects, periods and figures."""
    exp = claim.expectation
    assert exp is not None
    text, body = claim.text, claim.body
    if plan.operation is Op.abstain and not plan.subjects:
        return _not_in_article(text, plan.abstain_reason or "the article gives no figure for that")
    claim_terms = terms(body)
    pool = _pool(figures, plan.subjects or _subjects_named(figures, claim_terms))
    if exp.kind == "share":
        ev = _share_evidence(figures, pool, claim_terms)
    elif exp.kind in ("ratio", "change"):
        ev = _pair_evidence(figures, pool, claim_terms, plan.periods, exp.kind)
    else:
        ev = _count_evidence(figures, pool, plan.figure_ids, claim_terms)
    if ev is None:
        return _not_in_article(text, "the article gives no figure that this claim could be checked against")
    return _verdict(report, text, exp, ev)


def _judge(exp: Expectation, lo: float, hi: float) -> str:
    if exp.lo <= lo and hi <= exp.hi:
        return "fits"
    return "short" if lo <= exp.hi and hi >= exp.lo else "misses"


def _verdict(report: AuditReport, question: str, exp: Expectation, ev: Evidence) -> Answer:
    unit = Unit.ratio if exp.kind == "ratio" else (ev.stated.unit if ev.stated else
                                                   (ev.calculation.unit if ev.calculation else Unit.count))
    reading = f"“{exp.phrase}” (read as {exp.says})"
    judged = _judge(exp, ev.lo, ev.hi)
    warnings: list[str] = []
    stated, c = ev.stated, ev.calculation
    finding = None
    if stated is not None and c is not None:
        finding = next((f for f in findings_for(report, [stated.id]) if f.stated_id == stated.id), None)
    who = f"{ev.figures[0].subject}, {ev.figures[0].measure}"
    if finding is not None and stated is not None and c is not None:
        # the article's own numbers disagree: judge what it says, and show what its counts give
        warnings.append(warning_text(finding))
        judged = _judge(exp, *stated_range(stated.value, stated.qualifier))
        counts = "would fit the claim" if _judge(exp, ev.lo, ev.hi) == "fits" else "would not fit it either"
        label = "Supported" if judged == "fits" else "Not supported"
        relation = {"fits": "which fits", "short": "which does not establish", "misses": "which is not"}[judged]
        return Answer(
            question=question, value=stated.value, unit=stated.unit, operation="claim", warnings=warnings,
            answer=(f"{label}: the article states {_quantity(stated)} for {who}, {relation} {reading}; "
                    f"but its own counts give {c.expression}, which {counts}."),
            citations=list({f.id: cite(f) for f in ev.figures}.values()),
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
        citations=list({f.id: cite(f) for f in ev.figures}.values()),
        calculation=_with_claim(c, exp, ev.value, unit, _span(ev)),
        figures=[f.id for f in ev.figures], warnings=warnings, operation="claim",
    )


def _finding_answer(question: str, finding: Finding, lead: str) -> Answer:
    unit = finding.unit or Unit.count
    expression = "; ".join(finding.workings or [finding.expression])
    calc_out = Calculation(operation="audit", expression=expression, result=finding.computed or 0.0, unit=unit,
                           operands=finding.figure_ids) if finding.expression else None
    warnings = [warning_text(finding)] if finding.status == "inconsistent" else []
    return Answer(question=question, answer=f"{lead} {finding.explanation}", value=finding.computed, unit=unit,
                  citations=finding.quotes, calculation=calc_out, figures=finding.figure_ids, warnings=warnings,
                  operation="claim")


def is_it_right(figures: Sequence[Figure], report: AuditReport, claim: Claim) -> Answer:
    """"Is the 38.8% right?": the audit's finding on the figure with that value."""
    question, value, percent = claim.text, claim.value, claim.percent
    figs = [f for f in figures if f.value == value and (f.unit is Unit.percent or not percent)]
    ids = {f.id for f in figs}
    found = [f for f in report.findings if f.stated_id in ids]
    if not figs:
        return _not_in_article(question, f"the article states no {fmt_value(value, Unit.percent if percent else Unit.count)}")
    if not found:
        f = figs[0]
        return Answer(question=question, operation="claim", figures=[f.id], citations=[cite(f)],
                      answer=f"The article states {_quantity(f)} for {f.subject}, {f.measure}, but gives nothing "
                             "to recompute it from, so it cannot be checked.")
    finding = min(found, key=lambda f: ORDER[f.status])
    lead = {"inconsistent": "No, it does not add up.", "consistent": "Yes, it adds up.",
            "not_derivable": "It cannot be checked."}[finding.status]
    return _finding_answer(question, finding, lead)


def adds_up(report: AuditReport, claim: Claim, figure_ids: set[str]) -> Answer:
    """"Does this add up?": the audit's findings on the figures the conversation was about (all, if none)."""
    question, ids = claim.text, figure_ids
    relevant = [f for f in report.findings if f.status != "not_derivable" and (not ids or ids & set(f.figure_ids))]
    bad = [f for f in relevant if f.status == "inconsistent"]
    if bad:
        return _finding_answer(question, bad[0], "No, it does not add up.")
    if relevant:
        return _finding_answer(question, relevant[0], "Yes, it adds up.")
    return _not_in_article(question, "there is nothing in the article to check those figures against")

