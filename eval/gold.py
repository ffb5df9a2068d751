"""The gold question sets and how their numeric answers are written.

A numeric gold answer is never a number typed into the file: it is an expression over figure
ids, re-computed on every run by the evaluation's own arithmetic (`eval.arith`, which does not
use the engine's calculator), so a corrected figure can never leave the gold stale and a
calculator bug cannot hide. Grammar and operations: `eval/arith.py`.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.arith import ArithError, compute

EVAL_DIR = Path(__file__).resolve().parent
GOLD_FILE = EVAL_DIR / "sets" / "seed-dev.jsonl"  # the 189 tuned-on questions + half the blind ones

CATEGORIES = [
    "lookup", "stated_percentage", "computed_percentage", "percent_change", "difference",
    "pp_difference", "sum", "ratio", "share", "comparison", "yes_no", "when", "text", "unanswerable",
    "followup", "paraphrase", "unsupported_claim",
]

FigureValues = dict[str, tuple[float, str]]  # figure id -> (value, unit) as the figures table states them


class GoldError(ValueError):
    """A gold expression or gold line that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Expected:
    """A gold number after re-computation: exact and step-by-step rounded values, and the unit family."""

    value: float
    unit: str
    operands: tuple[str, ...]  # every figure id the expression reads, in order
    stepwise: float | None = None

    @property
    def values(self) -> tuple[float, ...]:
        return (self.value,) if self.stepwise is None or self.stepwise == self.value else (self.value, self.stepwise)


def read_figure_values(path: Path) -> FigureValues:
    """id -> (value, unit) from a figures CSV, read without the engine's loader."""
    out: FigureValues = {}
    with Path(path).open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), start=2):
            try:
                out[row["id"].strip()] = (float(str(row["value"]).replace(",", "")), (row.get("unit") or "").strip())
            except (KeyError, ValueError, AttributeError) as exc:
                raise GoldError(f"{Path(path).name} row {n}: unreadable figure ({exc})") from None
    return out


def evaluate(text: str, figures: FigureValues | dict[str, Any]) -> Expected:
    """Re-compute one gold expression from `figures` (id -> (value, unit), or id -> Figure)."""
    values: FigureValues = {
        k: v if isinstance(v, tuple) else (float(v.value), str(getattr(v.unit, "value", v.unit)))
        for k, v in figures.items()
    }
    try:
        c = compute(text, values)
    except ArithError as exc:
        raise GoldError(str(exc)) from None
    return Expected(value=c.value.exact, unit=c.value.unit, operands=c.operands, stepwise=c.value.stepwise)


@dataclass
class GoldItem:
    """One line of a gold file, with its numeric answer re-computed."""

    id: str
    category: str
    question: str
    gold: Any  # the raw gold: {"expr"...}, {"text"...}, {"winner"...}, {"verdict"...}, {"reject"...} or "abstain"
    history: list[dict[str, str]] = field(default_factory=list)
    note: str = ""
    expected: Expected | None = None
    document: str = ""  # the document the question is about (article sets)

    @property
    def kind(self) -> str:
        if self.gold == "abstain":
            return "abstain"
        if "reject" in self.gold:
            return "reject"
        if "winner" in self.gold:
            return "comparison"
        if "verdict" in self.gold:
            return "verdict"
        if "expr" in self.gold:
            return "number"
        return "text"

    @property
    def texts(self) -> list[list[str]]:
        """Strings that must appear; each entry is a list of acceptable alternatives."""
        if not isinstance(self.gold, dict):
            return []
        return [[str(t)] if isinstance(t, str | int | float) else [str(x) for x in t] for t in self.gold.get("text", [])]


def _check_shape(raw: dict[str, Any], where: str) -> None:
    for key in ("id", "category", "question", "gold"):
        if key not in raw:
            raise GoldError(f"{where}: missing {key!r}")
    if raw["category"] not in CATEGORIES:
        raise GoldError(f"{where}: unknown category {raw['category']!r}; use one of {', '.join(CATEGORIES)}")
    gold = raw["gold"]
    if gold == "abstain":
        return
    if not isinstance(gold, dict) or not ({"expr", "text", "winner", "reject", "verdict"} & gold.keys()):
        raise GoldError(f"{where}: gold must be \"abstain\" or an object with expr, text, winner, verdict or reject")
    if "winner" in gold and not gold.get("loser"):
        raise GoldError(f"{where}: a comparison names both the winner and the loser")
    if "verdict" in gold and str(gold["verdict"]).lower() not in ("yes", "no"):
        raise GoldError(f"{where}: a verdict is \"yes\" or \"no\"")
    if "reject" in gold:
        claims = gold["reject"] if isinstance(gold["reject"], list) else [gold["reject"]]
        if not claims or not all(isinstance(c, dict) and {"value", "unit"} <= c.keys() for c in claims):
            raise GoldError(f"{where}: reject needs each claimed value and its unit")
    for turn in raw.get("history", []):
        if not isinstance(turn, dict) or "question" not in turn:
            raise GoldError(f"{where}: each history turn is an object with a question")


def load_gold(path: Path, figures: FigureValues | dict[str, Any], document: str = "") -> list[GoldItem]:
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
            history=list(raw.get("history", [])), note=raw.get("note", ""), document=raw.get("document", document),
        )
        expr = raw["gold"].get("expr") if isinstance(raw["gold"], dict) else None
        if expr is not None:
            try:
                item.expected = evaluate(expr, figures)
            except GoldError as exc:
                raise GoldError(f"{where}: {exc}") from None
        items.append(item)
    return items
