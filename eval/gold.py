"""The gold question set and the small language its numeric answers are written in.

A numeric gold answer is never a number typed into the file: it is an expression over
figure ids, re-computed from the figures table on every run, so a corrected figure can
never leave the gold stale. The grammar is deliberately tiny and parsed by hand (no eval):

    expr  := call | ident
    call  := name "(" expr ("," expr)* ")"
    ident := a figure id, e.g. wm_offences_2021   (same as figure(wm_offences_2021))

`name` is `figure` or one of the calculator's operations (percentage_of, share, pct_change,
difference, pp_difference, sum, ratio, complement, average), with the calculator's argument
order: share(whole, part, ...), pct_change(old, new), percentage_of(part, whole).
A nested call feeds its (already rounded) result to the outer one as a quantity.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa.compute.calculator import OPERATIONS, Quantity, calculate
from qa.model.errors import CalculationError
from qa.model.records import Figure, Unit

GOLD_FILE = Path(__file__).resolve().parent / "gold.jsonl"

CATEGORIES = [
    "lookup", "stated_percentage", "computed_percentage", "percent_change", "difference",
    "pp_difference", "sum", "ratio", "share", "comparison", "text", "unanswerable",
    "followup", "paraphrase", "unsupported_claim",
]

_TOKEN = re.compile(r"\s*(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[(),]))")
_MAX_DEPTH = 8


class GoldError(ValueError):
    """A gold expression or gold line that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Expected:
    """A gold number after re-computation: the value (rounded by the calculator's rule) and its unit."""

    value: float
    unit: Unit
    operands: tuple[str, ...]  # every figure id the expression reads, in order


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise GoldError(f"unexpected character {text[pos:].strip()[:1]!r} at position {pos} in {text!r}")
        out.append(m.group("name") or m.group("punct"))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str, figures: dict[str, Figure]) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.figures = figures
        self.operands: list[str] = []

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, want: str | None = None) -> str:
        tok = self.peek()
        if tok is None:
            raise GoldError(f"{self.text!r} ends too early")
        if want is not None and tok != want:
            raise GoldError(f"expected {want!r} but found {tok!r} in {self.text!r}")
        self.i += 1
        return tok

    def figure(self, fid: str) -> Quantity:
        fig = self.figures.get(fid)
        if fig is None:
            raise GoldError(f"unknown figure id {fid!r} in {self.text!r}")
        self.operands.append(fid)
        return Quantity.of(fig)

    def expr(self, depth: int = 0) -> Quantity:
        if depth > _MAX_DEPTH:
            raise GoldError(f"{self.text!r} nests deeper than {_MAX_DEPTH} calls")
        name = self.take()
        if name in "(),":
            raise GoldError(f"expected a name but found {name!r} in {self.text!r}")
        if self.peek() != "(":
            return self.figure(name)
        self.take("(")
        args = [self.expr(depth + 1)]
        while self.peek() == ",":
            self.take(",")
            args.append(self.expr(depth + 1))
        self.take(")")
        if name == "figure":
            if len(args) != 1 or not args[0].ref:
                raise GoldError(f"figure() takes exactly one figure id, in {self.text!r}")
            return args[0]
        if name not in OPERATIONS:
            valid = ", ".join(["figure", *OPERATIONS])
            raise GoldError(f"unknown function {name!r} in {self.text!r}; valid: {valid}")
        try:
            calc = calculate(name, *args)
        except CalculationError as exc:
            raise GoldError(f"{self.text!r}: {exc}") from None
        return Quantity(calc.result, calc.unit)


def evaluate(text: str, figures: dict[str, Figure]) -> Expected:
    """Re-compute one gold expression from `figures` (id -> Figure)."""
    if not isinstance(text, str) or not text.strip():
        raise GoldError("a gold expression must be a non-empty string")
    parser = _Parser(text, figures)
    q = parser.expr()
    if parser.peek() is not None:
        raise GoldError(f"unexpected {parser.peek()!r} after the end of {text!r}")
    return Expected(value=q.value, unit=Unit(q.unit), operands=tuple(parser.operands))


@dataclass
class GoldItem:
    """One line of the gold file, with its numeric answer re-computed."""

    id: str
    category: str
    question: str
    gold: Any  # the raw gold: {"expr"...}, {"text"...}, {"winner"...}, {"reject"...} or "abstain"
    history: list[dict[str, str]] = field(default_factory=list)
    note: str = ""
    expected: Expected | None = None

    @property
    def kind(self) -> str:
        if self.gold == "abstain":
            return "abstain"
        if "reject" in self.gold:
            return "reject"
        if "winner" in self.gold:
            return "comparison"
        if "expr" in self.gold:
            return "number"
        return "text"

    @property
    def texts(self) -> list[list[str]]:
        """Strings that must appear; each entry is a list of acceptable alternatives."""
        if not isinstance(self.gold, dict):
            return []
        return [[t] if isinstance(t, str) else list(t) for t in self.gold.get("text", [])]


def _check_shape(raw: dict[str, Any], where: str) -> None:
    for key in ("id", "category", "question", "gold"):
        if key not in raw:
            raise GoldError(f"{where}: missing {key!r}")
    if raw["category"] not in CATEGORIES:
        raise GoldError(f"{where}: unknown category {raw['category']!r}; use one of {', '.join(CATEGORIES)}")
    gold = raw["gold"]
    if gold == "abstain":
        return
    if not isinstance(gold, dict) or not ({"expr", "text", "winner", "reject"} & gold.keys()):
        raise GoldError(f"{where}: gold must be \"abstain\" or an object with expr, text, winner or reject")
    if "winner" in gold and not gold.get("loser"):
        raise GoldError(f"{where}: a comparison names both the winner and the loser")
    if "reject" in gold:
        claims = gold["reject"] if isinstance(gold["reject"], list) else [gold["reject"]]
        if not claims or not all(isinstance(c, dict) and {"value", "unit"} <= c.keys() for c in claims):
            raise GoldError(f"{where}: reject needs each claimed value and its unit")
    for turn in raw.get("history", []):
        if not isinstance(turn, dict) or "question" not in turn:
            raise GoldError(f"{where}: each history turn is an object with a question")


def load_gold(path: Path, figures: dict[str, Figure]) -> list[GoldItem]:
    """Read a gold JSONL file and re-compute every expression from `figures`."""
    items: list[GoldItem] = []
    seen: set[str] = set()
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        where = f"{Path(path).name} line {n}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: not JSON ({exc.msg})") from None
        _check_shape(raw, where)
        if raw["id"] in seen:
            raise GoldError(f"{where}: duplicate id {raw['id']!r}")
        seen.add(raw["id"])
        item = GoldItem(
            id=raw["id"], category=raw["category"], question=raw["question"], gold=raw["gold"],
            history=list(raw.get("history", [])), note=raw.get("note", ""),
        )
        expr = raw["gold"].get("expr") if isinstance(raw["gold"], dict) else None
        if expr is not None:
            try:
                item.expected = evaluate(expr, figures)
            except GoldError as exc:
                raise GoldError(f"{where}: {exc}") from None
        items.append(item)
    return items
