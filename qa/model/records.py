"""Typed records shared by the engine, the API and the evaluation.

A field name means one thing everywhere: `Answer` is what `qa.ask` returns, what
`POST /api/ask` serialises and what `qa eval` scores.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class Unit(StrEnum):
    count = "count"  # type: ignore[assignment]  # a member, shadowing str.count on purpose
    percent = "percent"
    percentage_points = "percentage_points"
    ratio = "ratio"
    years = "years"
    date = "date"
    money = "money"


class Qualifier(StrEnum):
    exact = "exact"
    at_least = "at least"
    about = "about"
    more_than = "more than"
    nearly = "nearly"


class Op(StrEnum):
    """What a plan does with its operands: the closed set of operations the reader can ask the calculator for,
    plus the three answers that need none (a quoted passage, an abstention, a checked claim)."""

    lookup = "lookup"
    percentage_of = "percentage_of"
    share = "share"
    pct_change = "pct_change"
    difference = "difference"
    pp_difference = "pp_difference"
    sum = "sum"
    ratio = "ratio"
    complement = "complement"
    average = "average"
    comparison = "comparison"
    change_comparison = "change_comparison"  # which of two rose (fell) more: two percent changes, compared
    when = "when"  # the period in which a series of figures is highest (or lowest): "which year did X peak?"
    each = "each"  # several figures listed, one per year or item asked: "X in 2019 and 2018, respectively"
    which = "which"  # the periods of a series whose figures pass a test ("above 5,000"), or every period it gives
    how_many = "how_many"  # how many periods of a series pass a test: "in how many years did X exceed 5,000?"
    components = "components"  # the rows that make up a whole: "What are the components of total revenue?"
    top = "top"  # the row whose figure is highest (lowest) of its table's column: "Which segment had the most revenue?"
    text = "text"
    abstain = "abstain"
    claim = "claim"


class Document(BaseModel):
    id: str
    title: str
    published: date
    source: str = ""
    text: str = Field(repr=False)


class Figure(BaseModel):
    """One figure an article states, with the exact words it comes from."""

    id: str
    doc_id: str
    subject: str
    measure: str
    period: str = ""
    value: float
    unit: Unit
    qualifier: Qualifier = Qualifier.exact
    quote: str
    start: int
    end: int
    currency: str = ""  # ISO 4217 code of a money figure (GBP, USD, EUR), when the text shows it; or the name it is
    # written in ("pesos") when the document does not say which country's (`qa.text.currencies`)
    scale: float = 1.0  # the quote's number times this is the value: 1,000 for a cell of a "(000s)" column

    def description(self) -> str:
        """A sentence about the figure, embedded for retrieval (never shown as a source)."""
        when = f" in {period_label(self.period)}" if self.period else ""
        return f"{self.subject}: {self.measure}{when}."


class Passage(BaseModel):
    """A sentence-sized span of a document, with character offsets into it."""

    doc_id: str
    start: int
    end: int
    text: str
    paragraph: int = 0


class Citation(BaseModel):
    doc_id: str
    start: int
    end: int
    quote: str


class Calculation(BaseModel):
    operation: str
    expression: str
    result: float
    unit: Unit
    operands: list[str] = Field(default_factory=list, description="figure ids")


class Plan(BaseModel):
    """What a question asks for: the operation and its operands, before any arithmetic."""

    operation: Op
    figure_ids: list[str] = Field(default_factory=list)
    groups: list[list[str]] = Field(default_factory=list, description="operands; each is the sum of its figures")
    prefer_low: bool = False  # "which recorded fewer?": the smaller one is the answer
    threshold: float | None = None  # "which years exceeded 5,000?": the bound, in the figures' units (prefer_low: below)
    count_rows: bool = False  # "how many components are there under X?": the components' number, not their names
    subjects: list[str] = Field(default_factory=list)
    periods: list[str] = Field(default_factory=list)
    measure: str = ""
    abstain_reason: str = ""
    passage: Passage | None = None  # for text (who/when/what) answers
    resolved_question: str = ""  # the question after follow-up resolution
    nearby: list[str] = Field(default_factory=list)  # figure ids the index found closest, best first
    asked: str = ""  # what the user wrote (question and history): numbers here may be repeated in the answer
    ranking: list[dict[str, Any]] = Field(default_factory=list)  # the candidates it was chosen from (--explain)
    check: dict[str, Any] | None = None  # a yes/no question's check (qa.understand.verdict.Check as a dict)
    label: str = ""  # what this reading computes, in words (a clarifying question's option)
    given: list[Figure] = Field(default_factory=list, description="numbers the question itself gives, as operands")
    since: list[list[str]] = Field(
        default_factory=list,
        description="per operand, the earlier figures it is the percent change from: a growth rate worked out from counts")
    per: list[list[str]] = Field(
        default_factory=list,
        description="per operand, the whole it is taken as a percentage of: a rate worked out from two counts")
    without: list[list[str]] = Field(
        default_factory=list,
        description="per operand, figures taken away from it: 'the rest of the country' is its total less the places named")
    alternatives: list[Plan] = Field(
        default_factory=list,
        description="when two readings score about equally: both, best first, to be offered back as a question")


Group = list[Figure]  # one operand: figures that are summed


def cite(f: Figure) -> Citation:
    """The citation of a figure: its exact quote and offsets."""
    return Citation(doc_id=f.doc_id, start=f.start, end=f.end, quote=f.quote)


class Turn(BaseModel):
    """One earlier exchange, for follow-up questions."""

    question: str
    answer: str = ""


# How a clarifying answer opens: a follow-up that picks one of its options is recognised by it.
CLARIFY_OPENING = "The question fits more than one reading"  # no number words: it cites nothing


class Choice(BaseModel):
    """One option of a clarifying question: a reading of the question, answered in full (worked and cited)."""

    label: str = Field(description="the reading in words; sent back as the next question, it picks this reading")
    answer: str
    value: float | None = None
    unit: Unit | None = None
    citations: list[Citation] = Field(default_factory=list)
    calculation: Calculation | None = None
    operation: str = "lookup"


class Answer(BaseModel):
    """The reply to one question. Field names are an interface: keep them."""

    question: str = ""
    answer: str
    value: float | None = None
    unit: Unit | None = None
    abstained: bool = False
    citations: list[Citation] = Field(default_factory=list)
    calculation: Calculation | None = None
    figures: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    operation: str = "lookup"
    path: str = Field(default="deterministic", description="which engine produced the answer")
    explanation: list[dict[str, Any]] = Field(
        default_factory=list,
        description="with explain: the top candidate readings, each with its features and score, best first",
    )
    clarify: list[Choice] = Field(
        default_factory=list,
        description="when two readings are about equally likely and give different answers: both, each worked and "
                    "cited; the answer asks which one is meant and states no value of its own",
    )


def period_label(period: str) -> str:
    """'2015-04/2021-12' -> 'April 2015 to December 2021'; '2021' -> '2021'."""
    months = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]

    def one(p: str) -> str:
        if len(p) == 7 and p[4] == "-":
            return f"{months[int(p[5:]) - 1]} {p[:4]}"
        return p

    if "/" in period:
        a, b = period.split("/", 1)
        return f"{one(a)} to {one(b)}"
    return one(period)
