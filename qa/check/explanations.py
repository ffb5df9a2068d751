"""Explaining a check: the sentence for a consistent one, and for an inconsistent one the simple
alternatives that would make it hold.

For an inconsistency the audit searches the document's other figures and simple
alternatives for what would make the statement hold: another base (a difference or sum of
figures of the same measure), a swapped figure (another subject's), a truncation instead of
rounding, two digits transposed, a change measured from the other end; and a correction that
also makes another inconsistent check add up is named first.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal

from qa.check.checks import Alternative, Check, share_check, share_operands, subject_components, terms
from qa.model.records import Calculation, Figure, Qualifier, Unit, period_label
from qa.text.numbers import fmt_number, fmt_value, matches

# --- alternatives -----------------------------------------------------------------------

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
                alt = share_check(check.stated, parts, whole)
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

def stated_text(f: Figure, sign: int = 1) -> str:
    q = "" if f.qualifier is Qualifier.exact else f"{f.qualifier.value} "
    return f"{q}{fmt_value(f.value, f.unit)}" + (" (a fall)" if sign < 0 else "")


def claim_text(check: Check) -> str:
    if check.claim:
        return check.claim
    f = check.stated
    when = f" ({period_label(f.period)})" if f.period else ""
    what = _compared_with(check)
    return f"{f.subject}, {f.measure}{when}: {stated_text(f, check.sign)} vs {what}"


def _compared_with(check: Check) -> str:
    """What the stated figure is checked against; only the check's own kind is described (a dict of every
    kind's sentence would index the slots of kinds this check is not, e.g. a change's second period)."""
    slots = check.slots
    if check.kind == "change" and len(slots) >= 2:
        return f"the change from {period_label(slots[0].period)} to {period_label(slots[1].period)}"
    if check.kind == "subtotal":
        return "the sum over " + " and ".join(sorted({s.subject for s in slots}))
    return {
        "share": "its parts over its whole",
        "change": "the change it states",
        "parts": "the sum of its parts",
        "period_total": "the sum of the periods inside it",
        "direction": "the direction it states",
    }.get(check.kind, "the article's other figures")


def _precise(x: float, unit: Unit) -> str:
    """Two decimals, for showing what a rounded result was rounded from: 47.25%."""
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return text + ("%" if unit is Unit.percent else "")


def explain_ok(check: Check, c: Calculation) -> str:
    if check.kind == "direction":
        word = "rose" if check.relation == "up" else "fell"
        old, new = check.slots
        return (f"{fmt_number(new.value)} against {fmt_number(old.value)}: the figure {word}, as the article says "
                f"({c.expression}). {check.note}").strip()
    s = check.stated
    if check.relation == "at_most":
        text = f"{c.expression}, which does not exceed the stated {stated_text(s)}."
    else:
        raw = check.point()
        how = ""
        if raw != c.result:
            how = f" ({_precise(raw, c.unit)} before rounding)"
            check.shown = [f"{c.expression.rsplit(' = ', 1)[0]} = {_precise(raw, c.unit)}"]
        text = f"{c.expression}, which agrees with the stated {stated_text(s, check.sign)}{how}."
    return f"{text} {check.note}".strip()


def explain_bad(check: Check, c: Calculation) -> str:
    s = check.stated
    if check.kind == "direction":
        old, new = check.slots
        said = "rose" if check.relation == "up" else "fell"
        return (f"The article says the figure {said}, but {fmt_number(old.value)} ({period_label(old.period)}) to "
                f"{fmt_number(new.value)} ({period_label(new.period)}) is {c.expression}.")
    if check.relation == "at_most":
        text = f"The parts add up to more than the stated {stated_text(s)}: {c.expression}."
    else:
        text = f"The stated {stated_text(s, check.sign)} does not follow from the article's own figures: {c.expression}."
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
