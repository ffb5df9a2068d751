"""Plan -> calculation -> Answer, with citations for every number stated."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from qa import calculator as calc
from qa.errors import CalculationError
from qa.numbers import fmt_value, matches, numbers_in
from qa.records import Answer, Calculation, Citation, Figure, Plan, Qualifier, Turn, Unit, period_label
from qa.understand import SURROGATE, understand

if TYPE_CHECKING:
    from qa.engine import Engine

DOESNT_SAY = "The article doesn't say"


def answer_question(engine: Engine, question: Any, history: Sequence[Turn | dict[str, Any] | str] | None = None) -> Answer:
    claims = _claims_module()
    if claims is not None and isinstance(question, str) and claims.is_claim(question):
        from qa.understand import clean_question

        return claims.check_claim(engine, clean_question(question, engine.settings.max_question_chars), history)
    plan = understand(engine, question, history)
    answer = compose(engine, plan)
    _name_documents(engine, plan, answer)
    answer.question = SURROGATE.sub("\ufffd", question) if isinstance(question, str) else str(question)
    _add_audit_warnings(engine, answer)
    return answer


def _claims_module() -> Any:
    from qa import claims

    return claims


def _name_documents(engine: Engine, plan: Plan, answer: Answer) -> None:
    """With several articles, say which one the figures came from, and which others match too."""
    if len(engine.documents) < 2 or not answer.figures:
        return
    used = [engine.figures_by_id[i] for i in answer.figures if i in engine.figures_by_id]
    docs = list(dict.fromkeys(f.doc_id for f in used))
    for d in docs:
        doc = engine.docs_by_id[d]
        answer.warnings.append(f"From the article “{doc.title}” ({doc.id}).")
    subjects = {f.subject for f in used}
    measures = {f.measure for f in used}
    others = []
    for fid in plan.nearby[:8]:
        f = engine.figures_by_id.get(fid)
        if f and f.doc_id not in docs and (f.subject in subjects or f.measure in measures) and f.doc_id not in others:
            others.append(f.doc_id)
    for d in others[:3]:
        doc = engine.docs_by_id[d]
        answer.warnings.append(
            f"The article “{doc.title}” ({doc.id}) has figures like these too; this answer does not use them."
        )


def _add_audit_warnings(engine: Engine, answer: Answer) -> None:
    if not answer.figures:
        return
    from qa import audit

    for finding in audit.findings_for(answer.figures, engine=engine):
        text = audit.warning_text(finding)
        if text not in answer.warnings:
            answer.warnings.append(text)


def compose(engine: Engine, plan: Plan) -> Answer:
    if plan.operation == "abstain":
        return abstain(engine, plan)
    if plan.operation == "text" and plan.passage is not None:
        p = plan.passage
        return Answer(
            answer=f"The article says: “{p.text}”",
            citations=[Citation(doc_id=p.doc_id, start=p.start, end=p.end, quote=p.text)],
            operation="text",
        )
    groups = [[engine.figures_by_id[i] for i in g] for g in (plan.groups or [[i] for i in plan.figure_ids])]
    if plan.operation == "lookup":
        return _lookup(engine, plan, groups[0][0])
    groups = _order(plan, groups)
    try:
        if plan.operation == "comparison":
            return _comparison(engine, plan, groups)
        c = _calculate(plan.operation, groups)
    except CalculationError as exc:
        return abstain(engine, plan.model_copy(update={"abstain_reason": str(exc).rstrip(".")}))
    return _calculated(engine, plan, groups, c)


Group = list[Figure]


def _total(g: Group) -> float:
    return sum(f.value for f in g)


def _period_key(g: Group) -> str:
    return max(f.period for f in g)


def _order(plan: Plan, groups: list[Group]) -> list[Group]:
    """Later after earlier for changes; otherwise the larger first, so "how many more" is positive."""
    if len(groups) != 2:
        return groups
    a, b = groups
    op = plan.operation
    same_subjects = {f.subject for f in a} == {f.subject for f in b}
    over_time = same_subjects and _period_key(a) != _period_key(b)
    if op == "pct_change":
        return [a, b] if _period_key(a) <= _period_key(b) or not over_time else [b, a]
    if op in ("difference", "pp_difference"):
        if over_time:
            return [a, b] if _period_key(a) > _period_key(b) else [b, a]
        return [a, b] if _total(a) >= _total(b) else [b, a]
    if op == "ratio":
        return [a, b] if _total(a) >= _total(b) else [b, a]
    return groups


def _calculate(op: str, groups: list[Group]) -> Calculation:
    qs = [calc.Quantity.summed([calc.Quantity.of(f) for f in g]) for g in groups]
    if op == "sum":
        flat = [calc.Quantity.of(f) for g in groups for f in g]
        return calc.total(*flat)
    if op == "percentage_of" and len(qs) == 2:
        return calc.percentage_of(qs[0], qs[1])
    return calc.calculate(op, *qs)


def cite(engine: Engine, f: Figure) -> Citation:
    return Citation(doc_id=f.doc_id, start=f.start, end=f.end, quote=f.quote)


def _qualifier_word(f: Figure) -> str:
    return {
        Qualifier.exact: "", Qualifier.at_least: "at least ", Qualifier.about: "about ",
        Qualifier.more_than: "more than ", Qualifier.nearly: "nearly ",
    }[f.qualifier]


def _when(engine: Engine, f: Figure, grounded: str) -> str:
    """A period phrase whose numbers are grounded (in the quote or question); otherwise none."""
    if not f.period or f.unit is Unit.date:
        return ""
    label = period_label(f.period)
    allowed = numbers_in(grounded + " " + f.quote, words=False)
    if all(any(n == a for a in allowed) for n in numbers_in(label, words=False)):
        if "/" in f.period:
            return f" from {label}"
        return f" in {label}"
    since = re.search(r"\bsince (\w+ )?\d{4}", f.quote)
    if since:
        return " " + since.group(0)
    found = engine.passage_at(f.doc_id, f.start)
    sentence = found.text if found else ""
    if "last year" in sentence.lower() and "/" not in f.period:
        return " last year (as the article puts it)"
    return ""


def _sentence(f: Figure, when: str) -> str:
    """'West Midlands Police: 710 revenge porn offences recorded in 2021.'"""
    value = f"{_qualifier_word(f)}{fmt_value(f.value, f.unit)}"
    m = f.measure
    if f.unit is Unit.count:
        return f"{f.subject}: {value} {m}{when}."
    if f.unit is Unit.percent and not m.startswith("percent"):
        m = m[len("share of "):] if m.startswith("share of ") else m
        return f"{f.subject}: {value} of {m}{when}."
    if f.unit is Unit.years:
        return f"{f.subject}: {m} of {value}."
    return f"{f.subject}, {m}{when}: {value}."


def _warnings_for(figs: list[Figure]) -> list[str]:
    out = []
    for f in figs:
        if f.qualifier is not Qualifier.exact:
            out.append(
                f"The article gives this figure as “{f.quote}”: it is {f.qualifier.value} "
                f"{fmt_value(f.value, f.unit)}, not an exact count."
            )
    return out


def _lookup(engine: Engine, plan: Plan, f: Figure) -> Answer:
    if f.unit is Unit.date:
        text = f"{f.subject}: {f.measure} — “{f.quote}”."
    else:
        text = _sentence(f, _when(engine, f, plan.asked))
    return Answer(
        answer=text, value=f.value, unit=f.unit, citations=[cite(engine, f)], figures=[f.id],
        warnings=_warnings_for([f]), operation="lookup",
    )


LABELS = {
    "pct_change": "Percent change", "difference": "Difference", "pp_difference": "Difference",
    "ratio": "Ratio", "sum": "Total", "share": "Share", "percentage_of": "Share",
    "complement": "The rest", "average": "Average",
}


def _phrase(engine: Engine, plan: Plan, g: Group) -> str:
    """'710 (West Midlands Police, revenge porn offences recorded in 2021)'; a sum of figures lists its parts."""
    if len(g) == 1:
        f = g[0]
        return f"{_qualifier_word(f)}{fmt_value(f.value, f.unit)} ({f.subject}, {f.measure}{_when(engine, f, plan.asked)})"
    items = "; ".join(
        f"{fmt_value(f.value, f.unit)} {f.subject}, {f.measure}{_when(engine, f, plan.asked)}" for f in g
    )
    return f"the sum of {items}"


def _calculated(engine: Engine, plan: Plan, groups: list[Group], c: Calculation) -> Answer:
    figs = [f for g in groups for f in g]
    parts = [_phrase(engine, plan, g) for g in groups]
    if c.operation == "sum":
        parts = [_phrase(engine, plan, [f]) for f in figs]
    result = fmt_value(c.result, c.unit)
    lead = {
        "pct_change": f"From {parts[0]} to {parts[-1]}, the change is {result}.",
        "difference": f"{parts[0]} minus {parts[-1]} is {result}.",
        "pp_difference": f"{parts[0]} minus {parts[-1]} is {result}.",
        "ratio": f"{parts[0]} is {result} {parts[-1]}.",
        "sum": f"Together, {', '.join(parts[:-1])} and {parts[-1]} make {result}.",
        "share": f"{' plus '.join(parts[:-1])} out of {parts[-1]} is {result}.",
        "percentage_of": f"{parts[0]} out of {parts[-1]} is {result}.",
        "complement": f"{parts[0]} leaves {'at most ' if figs[0].qualifier is Qualifier.at_least else ''}{result} for the rest.",
        "average": f"The average of {', '.join(parts[:-1])} and {parts[-1]} is {result}.",
    }.get(c.operation, f"{LABELS.get(c.operation, 'Result')}: {result}.")
    text = lead[0].upper() + lead[1:] + f" Working: {c.expression}."
    warnings = _warnings_for(figs)
    if plan.operation == "complement" and any(f.qualifier is Qualifier.at_least for f in figs):
        warnings.append("Because the article's share is a minimum, the rest is a maximum.")
    return Answer(
        answer=text, value=c.result, unit=c.unit, citations=[cite(engine, f) for f in figs], calculation=c,
        figures=list(dict.fromkeys(f.id for f in figs)), warnings=warnings, operation=c.operation,
    )


def _name(engine: Engine, plan: Plan, g: Group, other: Group) -> str:
    """What tells this side apart from the other: its place, or its year."""
    subjects = " and ".join(dict.fromkeys(f.subject for f in g))
    if subjects != " and ".join(dict.fromkeys(f.subject for f in other)):
        return subjects
    return subjects + _when(engine, g[0], plan.asked)


def _comparison(engine: Engine, plan: Plan, groups: list[Group]) -> Answer:
    a, b = groups[0], groups[1]
    qa_, qb = (calc.Quantity.summed([calc.Quantity.of(f) for f in g]) for g in (a, b))
    big, small = (a, b) if _total(a) >= _total(b) else (b, a)
    qbig, qsmall = (qa_, qb) if big is a else (qb, qa_)
    c = calc.difference(qbig, qsmall)
    unit = a[0].unit
    nb, ns = _name(engine, plan, big, small), _name(engine, plan, small, big)
    vb, vs = fmt_value(_total(big), unit), fmt_value(_total(small), unit)
    measure = a[0].measure
    if _total(a) == _total(b):
        who = f"{nb} and {ns} are equal on {measure}: {vb} each"
    elif plan.prefer_low:
        who = f"{ns} is lower on {measure}: {vs}, against {vb} for {nb}"
    else:
        who = f"{nb} is higher on {measure}: {vb}, against {vs} for {ns}"
    figs = [f for g in groups for f in g]
    return Answer(
        answer=f"{who}. Working: {c.expression}.", value=c.result, unit=c.unit,
        citations=[cite(engine, f) for f in figs], calculation=c.model_copy(update={"operation": "comparison"}),
        figures=list(dict.fromkeys(f.id for f in figs)), warnings=_warnings_for(figs), operation="comparison",
    )


def abstain(engine: Engine, plan: Plan) -> Answer:
    covered = nearest_topics(engine, plan)
    reason = strip_numbers(plan.abstain_reason or "the article does not say")
    text = f"{DOESNT_SAY}: {reason}."
    if covered:
        text += f" It does cover {covered}."
    text = strip_numbers(text)
    return Answer(answer=text, abstained=True, operation="abstain")


def nearest_topics(engine: Engine, plan: Plan) -> str:
    """What the article does cover that is closest to the question (named, never with numbers)."""
    seen: list[str] = []
    for fid in plan.nearby:
        f = engine.figures_by_id.get(fid)
        if f is None:
            continue
        topic = f"{f.measure} ({strip_numbers(f.subject).strip()})"
        if topic not in seen:
            seen.append(topic)
        if len(seen) == 3:
            break
    return "; ".join(seen)


def strip_numbers(text: str) -> str:
    """An abstention states no number: drop any that crept in from names like '38 police forces'."""
    return re.sub(r"\b\d[\d,.]*\s*", "", text).replace("  ", " ")


def ungrounded_numbers(answer: Answer, question: str = "", history: Sequence[Turn] = ()) -> list[float]:
    """Numbers in the answer text found in no citation, the question, the history or the working."""
    allowed: list[float] = []
    for c in answer.citations:
        allowed += numbers_in(c.quote)
    allowed += numbers_in(question)
    for t in history:
        allowed += numbers_in(t.question) + numbers_in(t.answer)
    if answer.calculation:
        allowed += numbers_in(answer.calculation.expression)
    out = []
    for n in numbers_in(answer.answer, words=False):
        if not any(n == a or matches(n, a) for a in allowed):
            out.append(n)
    return out
