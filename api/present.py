"""How the chat page shows an Answer: the headline figure, one plain sentence, the working once,
numbered sources (each document's title once), a chart where a picture helps, and follow-up
questions drawn from the figures next to the one used.

This is presentation only: the Answer stays the interface (`/api/ask`, `qa ask --json`); the page
gets this view beside it. Follow-ups are asked of the engine before they are offered, so a
suggestion the engine cannot answer is never shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from qa.corpus.tables import cell_in_row
from qa.model.records import Answer, Document, Figure, Unit, period_label
from qa.text.numbers import fmt_value

MAX_FOLLOWUPS = 3
# Operations whose two operands are worth seeing side by side, and those that are a part of a whole.
SIDE_BY_SIDE = {"pct_change", "difference", "pp_difference", "ratio", "comparison"}
PART_OF_WHOLE = {"percentage_of", "share"}
# A sentence ends at . ! or ? followed by a space and a capital, a quote or a bracket ("18.8%. Working: ...").
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")
WARNING_PREFIX = re.compile(r"^\s*(warning\s*:\s*)+", re.IGNORECASE)


class CellView(BaseModel):
    """A quote that is a table cell: the table's column labels and the cell's row, so the page shows it in place."""

    header: list[str] = Field(description="the table's first row (the column labels); empty when the cell is in it")
    row: list[str] = Field(description="the cells of the quoted cell's row, as written")
    column: int = Field(description="which of `row` is the quoted cell (0-based)")


class SourceView(BaseModel):
    n: int
    doc_id: str
    start: int
    end: int
    quote: str
    cell: CellView | None = Field(default=None, description="set when the quote is a whole table cell")


class DocumentGroup(BaseModel):
    """The sources from one document: the title is said once, above its quotes."""

    doc_id: str
    title: str
    published: str = ""
    source: str = ""
    sources: list[SourceView]


class ChartView(BaseModel):
    kind: Literal["bar", "doughnut"]
    title: str
    labels: list[str]
    values: list[float]
    unit: Unit
    description: str = Field(description="the chart in words, for screen readers and the copy button")


class AnswerView(BaseModel):
    headline: str = Field(description="the headline figure, formatted for people; empty when there is none")
    sentence: str = Field(description="one plain sentence: the answer's first, without the working")
    more: str = Field(default="", description="the rest of the answer, without the working")
    working: str = ""
    documents: list[DocumentGroup] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    chart: ChartView | None = None
    followups: list[str] = Field(default_factory=list)
    clarify: list[str] = Field(default_factory=list)


def clean_warning(text: str) -> str:
    """'Warning: Warning: the article's ...' -> 'The article's ...': the page and the CLI say "warning" once."""
    rest = WARNING_PREFIX.sub("", text).strip()
    return rest[:1].upper() + rest[1:]


def split_answer(text: str, working: str = "") -> tuple[str, str]:
    """The first sentence and the rest, with any 'Working: ...' sentence dropped (the working is shown once)."""
    sentences = [s.strip() for s in SENTENCE_END.split(text.strip()) if s.strip()]
    kept = [s for s in sentences if not s.lower().startswith("working:") and (not working or s.rstrip(".") != working)]
    if not kept:
        return text.strip(), ""
    return kept[0], " ".join(kept[1:])


def headline(answer: Answer) -> str:
    if answer.abstained or answer.value is None or answer.unit is None:
        return ""
    return fmt_value(answer.value, answer.unit)


def group_sources(answer: Answer, documents: dict[str, Document]) -> list[DocumentGroup]:
    groups: dict[str, DocumentGroup] = {}
    for n, c in enumerate(answer.citations, 1):
        if c.doc_id not in groups:
            doc = documents.get(c.doc_id)
            groups[c.doc_id] = DocumentGroup(
                doc_id=c.doc_id, title=doc.title if doc else c.doc_id,
                published=doc.published.isoformat() if doc else "", source=doc.source if doc else "", sources=[],
            )
        doc = documents.get(c.doc_id)
        found = cell_in_row(doc.text, c.start, c.end) if doc is not None and doc.text[c.start:c.end] == c.quote else None
        cell = CellView(header=found.header, row=found.row, column=found.column) if found else None
        groups[c.doc_id].sources.append(SourceView(n=n, doc_id=c.doc_id, start=c.start, end=c.end, quote=c.quote,
                                                   cell=cell))
    return list(groups.values())


def _label(f: Figure, others: Sequence[Figure]) -> str:
    """Name a figure by what differs from the others it is drawn with."""
    parts = []
    if len({o.subject for o in others}) > 1:
        parts.append(f.subject)
    if len({o.period for o in others}) > 1 and f.period:
        parts.append(period_label(f.period))
    if len({o.measure for o in others}) > 1 or not parts:
        parts.append(f.measure)
    return ", ".join(parts)


def chart(answer: Answer, figures: dict[str, Figure]) -> ChartView | None:
    """Two bars for a change or a comparison; a part and the rest for a share. None when a picture adds nothing."""
    calc = answer.calculation
    operation = calc.operation if calc else answer.operation
    ids = calc.operands if calc else answer.figures
    used = [figures[i] for i in ids if i in figures]
    if len(used) != 2 or len(used) != len(ids) or used[0].unit != used[1].unit:
        return None
    unit = used[0].unit
    if operation in SIDE_BY_SIDE and unit in (Unit.count, Unit.percent, Unit.money):
        labels = [_label(f, used) for f in used]
        if len(set(labels)) < 2:
            return None
        if used[0].period and used[1].period and used[0].period > used[1].period:
            used, labels = used[::-1], labels[::-1]  # earlier on the left
        words = "; ".join(f"{lab}: {fmt_value(f.value, unit)}" for lab, f in zip(labels, used, strict=True))
        return ChartView(kind="bar", title=used[0].measure if used[0].measure == used[1].measure else "",
                         labels=labels, values=[f.value for f in used], unit=unit, description=words)
    if operation in PART_OF_WHOLE and unit is Unit.count:
        part, whole = sorted(used, key=lambda f: f.value)
        if not 0 < part.value < whole.value:
            return None
        rest = whole.value - part.value
        labels = [part.measure, f"the rest of the {fmt_value(whole.value, unit)}"]
        words = (f"{fmt_value(part.value, unit)} of {fmt_value(whole.value, unit)} ({whole.measure}); "
                 f"the rest: {fmt_value(rest, unit)}")
        return ChartView(kind="doughnut", title=whole.measure, labels=labels, values=[part.value, rest], unit=unit,
                         description=words)
    return None


def _when(period: str) -> str:
    """' in 2021', ' between April 2015 and December 2021', or '' for no period."""
    if not period:
        return ""
    if "/" in period:
        a, b = period.split("/", 1)
        return f" between {period_label(a)} and {period_label(b)}"
    return f" in {period_label(period)}"


def candidate_followups(answer: Answer, figures: Sequence[Figure]) -> list[str]:
    """Questions about the figures next to the one used: the same measure in another period or for
    another subject, then another measure of the same subject. Best first, not yet checked."""
    by_id = {f.id: f for f in figures}
    used = [by_id[i] for i in answer.figures if i in by_id]
    if not used:
        return []
    f = used[0]
    same_doc = [g for g in figures if g.doc_id == f.doc_id and g.id not in answer.figures]
    out: list[str] = []
    for g in same_doc:  # the same thing at another time
        if g.subject == f.subject and g.measure == f.measure and g.period and g.period != f.period:
            out.append(f"And in {period_label(g.period)}?")
    for g in same_doc:  # the same thing elsewhere
        if g.measure == f.measure and g.period == f.period and g.subject != f.subject:
            out.append(f"What about {g.subject}?")
    for g in same_doc:  # something else about the same subject
        if g.subject == f.subject and g.measure != f.measure and g.unit in (Unit.count, Unit.percent):
            when = _when(g.period)
            lead = "How many" if g.unit is Unit.count else "What was the"
            out.append(f"{lead} {g.measure} for {g.subject}{when}?")
    return list(dict.fromkeys(out))


def followups(answer: Answer, figures: Sequence[Figure], ask: Callable[[str], Answer | None],
              limit: int = MAX_FOLLOWUPS) -> list[str]:
    """Candidates the engine answers with a figure other than this answer's, at most `limit`."""
    out: list[str] = []
    seen = {answer.value}
    for question in candidate_followups(answer, figures):
        if len(out) >= limit:
            break
        try:
            reply = ask(question)
        except Exception:  # noqa: BLE001 - a suggestion that fails is simply not offered
            continue
        if reply is None or reply.abstained or reply.value is None or reply.value in seen:
            continue
        seen.add(reply.value)
        out.append(question)
    return out


def clarify_choices(answer: Answer) -> list[str]:
    """The clarifying choices, when the engine offers them (`clarify`: strings, or objects with a question or label)."""
    raw: Any = getattr(answer, "clarify", None) or []
    out = []
    for c in raw if isinstance(raw, list) else []:
        if isinstance(c, str):
            out.append(c)
        elif isinstance(c, dict):
            out.append(str(c.get("question") or c.get("label") or c.get("text") or ""))
        else:
            out.append(str(getattr(c, "question", None) or getattr(c, "label", None) or c))
    return [c for c in out if c]


def view(answer: Answer, documents: dict[str, Document], figures: Sequence[Figure],
         ask: Callable[[str], Answer | None] | None = None) -> AnswerView:
    working = answer.calculation.expression if answer.calculation else ""
    sentence, more = split_answer(answer.answer, working)
    return AnswerView(
        headline=headline(answer), sentence=sentence, more=more, working=working,
        documents=group_sources(answer, documents),
        warnings=[clean_warning(w) for w in answer.warnings],
        chart=chart(answer, {f.id: f for f in figures}),
        followups=followups(answer, figures, ask) if ask else [],
        clarify=clarify_choices(answer),
    )
