"""The reply guard: which numbers a chat model's reply may state, and the Answer it becomes.

A number is grounded when it matches (`qa.text.numbers.matches`, the rounding rule) a figure the
tools returned (its value or a number in its validated quote) or a calculation's working,
or is a year that both the question and a returned figure's period give. Passage text is not
a source of numbers on its own. The accepted Answer's citations are those sources' quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from qa.check.report import AuditReport, findings_for, warning_text
from qa.compose.grounding import numbers_stated, ungrounded_numbers
from qa.compose.sentences import qualifier_warnings
from qa.corpus.collection import Corpus
from qa.model.records import Answer, Calculation, Citation, Figure, Turn, Unit, cite
from qa.text.numbers import fmt_value, matches, numbers_in


@dataclass
class Source:
    """Numbers the model may state, and what to attach when it does."""

    numbers: list[float]
    citations: list[Citation]
    figure_ids: list[str] = field(default_factory=list)
    calculation: Calculation | None = None


@dataclass
class ToolLog:
    """What the tools returned during one conversation with the model: the only sources its numbers may have."""

    figures: list[Source] = field(default_factory=list)
    calculations: list[Source] = field(default_factory=list)
    periods: list[float] = field(default_factory=list)  # years in returned figures' periods
    tool_calls: int = 0

    def add_figure(self, f: Figure) -> None:
        if any(f.id in s.figure_ids for s in self.figures):
            return
        self.figures.append(Source(numbers_in(f.quote) + [f.value], [cite(f)], [f.id]))
        self.periods += numbers_in(f.period.replace("/", " ").replace("-", " "), words=False)

    def add_calculation(self, c: Calculation, figs: Sequence[Figure]) -> None:
        for f in figs:
            self.add_figure(f)
        cites = [cite(f) for f in figs]
        self.calculations.append(Source(numbers_in(c.expression) + [c.result], cites, [f.id for f in figs], c))


def _fits(n: float, candidates: Sequence[float]) -> bool:
    return any(n == a or matches(n, a) for a in candidates)


@dataclass
class Verdict:
    answer: Answer | None = None
    reason: str = ""


def check_reply(reply: str, evidence: ToolLog, question: str, history: Sequence[Turn], deterministic: Answer,
                corpus: Corpus, report: AuditReport) -> Verdict:
    """Accept the reply as an Answer with citations from the tools, or say why not."""
    reply = reply.strip()
    stated = numbers_stated(reply)
    numeric = deterministic.value is not None and not deterministic.abstained
    if not reply:
        return Verdict(reason="the chat model gave an empty reply")
    if evidence.tool_calls == 0 and (stated or numeric):
        return Verdict(reason="the chat model answered a question about figures without using its tools")
    asked = numbers_in(question) + [n for t in history for n in numbers_in(t.question) + numbers_in(t.answer)]
    figures: list[Source] = []
    needs_calc: list[float] = []
    for n in stated:
        fig = next((s for s in evidence.figures if _fits(n, s.numbers)), None)
        if fig is not None:
            if fig not in figures:
                figures.append(fig)
        elif any(_fits(n, s.numbers) for s in evidence.calculations):
            needs_calc.append(n)
        elif not (_fits(n, asked) and _fits(n, evidence.periods)):
            return Verdict(reason=f"the chat model's reply states {_show(n)}, which no tool result supports")
    calc_source = None
    if needs_calc:
        calc_source = next((s for s in evidence.calculations if all(_fits(n, s.numbers) for n in needs_calc)), None)
        if calc_source is None:
            return Verdict(reason="the chat model's reply combines results of several calculations; "
                                  "an answer can show the working of one")
    if numeric and deterministic.value is not None and not _fits_value(stated, deterministic.value):
        shown = fmt_value(deterministic.value, deterministic.unit or Unit.count)
        return Verdict(reason=f"the chat model's reply does not state the engine's answer ({shown})")

    sources = figures + ([calc_source] if calc_source else [])
    citations: list[Citation] = []
    figure_ids: list[str] = []
    for s in sources:
        citations += [c for c in s.citations if c not in citations]
        figure_ids += [i for i in s.figure_ids if i not in figure_ids]
    c = calc_source.calculation if calc_source else None
    text = reply if c is None or c.expression in reply else f"{reply} Working: {c.expression}."
    value, unit = _headline(stated, deterministic, c, figures, corpus)
    answer = Answer(
        question=question, answer=text, value=value, unit=unit, citations=citations, calculation=c,
        figures=figure_ids, warnings=_warnings(corpus, report, figure_ids),
        operation=(c.operation if c else "lookup" if figure_ids else "text"),
    )
    leftover = ungrounded_numbers(answer, question, list(history))
    if leftover:  # the guard above should have caught it; never show such an answer
        return Verdict(reason=f"the chat model's reply states {_show(leftover[0])}, which its citations do not show")
    return Verdict(answer=answer)


def _fits_value(stated: Sequence[float], value: float) -> bool:
    return any(n == value or matches(n, value) or matches(n, -value) for n in stated)


def _show(n: float) -> str:
    return f"{n:,.10g}"


def _headline(stated: list[float], det: Answer, c: Calculation | None, figures: list[Source],
              corpus: Corpus) -> tuple[float | None, Unit | None]:
    if det.value is not None and not det.abstained and _fits_value(stated, det.value):
        return det.value, det.unit
    if c is not None:
        return c.result, c.unit
    if len(figures) == 1 and len(figures[0].figure_ids) == 1:
        f = corpus.figures_by_id[figures[0].figure_ids[0]]
        return f.value, f.unit
    return None, None


def _warnings(corpus: Corpus, report: AuditReport, figure_ids: list[str]) -> list[str]:
    """The warnings a deterministic answer over the same figures would carry."""
    out = qualifier_warnings([corpus.figures_by_id[i] for i in figure_ids])
    for finding in findings_for(report, figure_ids):
        text = warning_text(finding)
        if text not in out:
            out.append(text)
    return out
