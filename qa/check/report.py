"""The source audit: every check over every document's figures, as findings, inconsistencies first.

The checks are in `qa.check.checks`, how each is explained in `qa.check.explanations`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from qa.check.checks import Check, derive_checks, is_change, share_operands
from qa.check.explanations import alternatives, claim_text, explain_bad, explain_ok, stated_text
from qa.model.errors import CalculationError
from qa.model.records import Calculation, Citation, Document, Figure, Unit, cite, period_label
from qa.text.numbers import fmt_value

Status = Literal["consistent", "inconsistent", "not_derivable"]

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


def _finding(check: Check, status: Status, calculation: Calculation | None, explanation: str) -> Finding:
    figs = [check.stated, *check.slots]
    ids = list(dict.fromkeys(f.id for f in figs))
    quotes = list({f.id: cite(f) for f in figs}.values())
    computed = round(check.point(), 2) if calculation else None
    return Finding(
        status=status, check=check.kind, claim=claim_text(check),
        stated=None if check.kind == "direction" else check.sign * check.stated.value,
        computed=computed, unit=calculation.unit if calculation else check.stated.unit,
        expression=calculation.expression if calculation else "", quotes=quotes, explanation=explanation,
        figure_ids=ids, doc_id=check.stated.doc_id, stated_id=check.stated.id,
    )


def check_document(figs: list[Figure], text: str = "") -> list[Finding]:
    checks, underivable = derive_checks(figs, text)
    results: list[tuple[Check, bool, Calculation | None]] = []
    unpaired: dict[str, str] = {}
    for check in checks:
        try:
            c = check.calc()
        except CalculationError:
            underivable.append(check.stated)
            continue
        ok = check.holds()
        if not ok and not check.plausible():
            unpaired[check.stated.id] = (
                "The figures that would recompute it are more than tenfold off, so they are most likely not its "
                "parts (a misread label) rather than a slip in the article, and it is not checked.")
            underivable.append(check.stated)
            continue
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
                    alt.resolves.append(claim_text(other))
                    alt.cites.append(other.stated)
    out = []
    for check, ok, calculation in results:
        assert calculation is not None
        c = calculation
        finding = _finding(check, "consistent" if ok else "inconsistent", c,
                           explain_ok(check, c) if ok else explain_bad(check, c))
        finding.workings = [finding.expression, *check.shown]
        known = {(q.start, q.end) for q in finding.quotes}
        finding.quotes += [cite(f) for f in {f.id: f for f in check.cited}.values() if (f.start, f.end) not in known]
        out.append(finding)
    for f in {f.id: f for f in underivable}.values():
        out.append(_not_derivable(f, figs, unpaired.get(f.id, "")))
    return out


def _not_derivable(f: Figure, figs: Sequence[Figure], why: str = "") -> Finding:
    when = f" ({period_label(f.period)})" if f.period else ""
    if not why and is_change(f):
        why = (f"The article does not give {f.subject}'s values at both ends of {period_label(f.period)}, "
               "so the change cannot be recomputed.")
    elif not why and f.unit is Unit.percent:
        parts, _ = share_operands(f, figs)
        missing = "the whole it is a share of" if parts else "the counts it is a share of"
        why = f"The article does not give {missing} for {f.subject}, so it cannot be recomputed."
    elif not why:
        why = f"Nothing else in the article bounds or adds up to this {f.qualifier.value} figure."
    return Finding(
        status="not_derivable", check="bound" if f.unit is not Unit.percent else ("change" if is_change(f) else "share"),
        claim=f"{f.subject}, {f.measure}{when}: {stated_text(f)}", stated=f.value, unit=f.unit,
        quotes=[cite(f)], explanation=why, figure_ids=[f.id], doc_id=f.doc_id, stated_id=f.id,
    )


ORDER = {"inconsistent": 0, "consistent": 1, "not_derivable": 2}



def audit_report(documents: Sequence[Document], figures: Sequence[Figure]) -> AuditReport:
    """Every derivable check over every document's figures, inconsistencies first."""
    findings: list[Finding] = []
    for doc in documents:
        figs = [f for f in figures if f.doc_id == doc.id]
        if figs:
            doc_findings = check_document(figs, doc.text)
            doc_findings.sort(key=lambda f: (ORDER[f.status], min(q.start for q in f.quotes)))
            findings.extend(doc_findings)
    return AuditReport(findings=findings)


def findings_for(report: AuditReport, figure_ids: Sequence[str]) -> list[Finding]:
    """Inconsistent findings that involve any of these figures (for warnings on answers)."""
    wanted = set(figure_ids)
    return [f for f in report.findings if f.status == "inconsistent" and wanted & set(f.figure_ids)]


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

