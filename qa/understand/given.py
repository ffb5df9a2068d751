"""Numbers the question itself gives: "If 200 of its cases had been dropped, what share would that be?"

A hypothetical question supplies an operand no figure states. Such a number becomes a figure of the
question (no document, no citation: the question is its source, and the grounding check allows numbers
the question states), and the asked calculation is planned with it in place of the figure it replaces
("500 instead of 710") or beside the one the question is about ("what drop would 6,000 be on last
year's total?").
"""

from __future__ import annotations

import re
from dataclasses import replace

from qa.model.records import Figure, Op, Plan, Unit
from qa.text.numbers import fmt_number, matches, numbers_in
from qa.understand.plans import Context, finish, pair, resolve
from qa.understand.query import Reading, read_question

HYPOTHETICAL = re.compile(r"\b(if|suppose|supposing|imagine|assum(?:e|ing)|hypothetically|were to|had been|"
                          r"would (?:it|that|this|they|be|have))\b")
INSTEAD = re.compile(r"\b(?:instead of|rather than|not)\s+(?:the\s+)?(?:actual\s+)?([\d][\d,.]*)")
WHOLE = re.compile(r"\b(?:percentage|share|proportion|per ?cent|fraction)\s+of\s+(?P<whole>[^?,;]+?)"
                   r"(?=\s+(?:would|is|was|were|will|be|that|does|do)\b|[?,;]|$)")
PREFIX = "question-"
PLANNED = {Op.share, Op.percentage_of, Op.pct_change, Op.difference, Op.ratio, Op.sum}


def is_given(figure_id: str) -> bool:
    return figure_id.startswith(PREFIX)


def given_figures(figures: list[Figure], r: Reading) -> list[Figure]:
    """The numbers a hypothetical question gives that no figure of the corpus states."""
    if not HYPOTHETICAL.search(r.lowered):
        return []
    out: list[Figure] = []
    for i, (v, around) in enumerate(zip(r.quoted, r.quoted_terms or [frozenset()] * len(r.quoted), strict=False)):
        if any(matches(v, f.value) for f in figures):
            continue
        money = re.search(r"[£$€]\s*" + re.escape(fmt_number(v)).replace(",", ",?"), r.lowered)
        unit = Unit.percent if "%" in around else Unit.money if money else Unit.count
        out.append(Figure(id=f"{PREFIX}{i}", doc_id="", subject="the question", measure="the number it gives",
                          value=v, unit=unit, quote=fmt_number(v), start=0, end=0))
    return out


def plan_given(ctx: Context, plan: Plan, r: Reading, op: Op, given: list[Figure]) -> Plan | None:
    """The asked calculation with the question's number as one operand; None when it does not fit."""
    if op not in PLANNED or not given:
        return None
    g = given[0]
    rest = [(q, t) for q, t in zip(r.quoted, r.quoted_terms or [frozenset()] * len(r.quoted), strict=False)
            if q != g.value]
    known_years = ctx.known.years
    base = replace(r, quoted=[q for q, _ in rest], quoted_terms=[t for _, t in rest],
                   years=[y for y in r.years if y in known_years])
    out = plan.model_copy(deep=True)
    out.given = [g]
    instead = INSTEAD.search(r.lowered)
    replaced = numbers_in(instead.group(1), words=False) if instead else []
    if op in (Op.share, Op.percentage_of):
        # the whole is what the question takes the share "of" ("of its cases"), in the question's place and year
        said = WHOLE.search(r.lowered)
        whole_r = base if said is None else read_question(ctx.known, said.group("whole"), ctx.doc_year)
        # a number the question quotes for the whole ("250 of its 900 cases") names it; the given one never does
        kept = [(q, t) for q, t in zip(whole_r.quoted, whole_r.quoted_terms or [frozenset()] * len(whole_r.quoted),
                                       strict=False) if q != g.value]
        whole_r = replace(whole_r, subjects=whole_r.subjects or r.subjects, years=base.years,
                          quoted=[q for q, _ in kept], quoted_terms=[t for _, t in kept], part="")
        whole = [f for f in resolve(ctx, whole_r, unit=g.unit) if f.value > g.value]
        return finish(out, Op.percentage_of, [[g], whole]) if whole else None
    if replaced:  # "500 instead of 710": the question's number stands in for that figure
        groups = pair(ctx, replace(base, quoted=[], quoted_terms=[]), g.unit if g.unit is not Unit.count else None)
        if groups is None:
            return None
        swapped = [[g] if any(matches(replaced[0], f.value) for f in grp) else grp for grp in groups]
        return finish(out, op, swapped) if swapped != groups else None
    other = resolve(ctx, base, unit=g.unit)
    if not other:
        return None
    return finish(out, Op.sum if op is Op.sum else op, [other + [g]] if op is Op.sum else [other, [g]])
