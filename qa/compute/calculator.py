"""A deterministic calculator over typed quantities.

No eval, exec or expression parsing of user text: each operation is a Python function
over `Quantity` values, and it refuses to mix units (a percent is never added to a count,
and a difference of two percents is in percentage points, not percent).

Rounding, stated once: results are rounded half away from zero to one decimal place
(`qa.text.numbers.round1`); whole numbers are shown without decimals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from qa.model.errors import CalculationError
from qa.model.records import Calculation, Figure, Unit
from qa.text.numbers import fmt_amount, fmt_number, fmt_value, round1


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: Unit
    ref: str = ""  # figure id, when it comes from the table
    parts: tuple[Quantity, ...] = ()  # when this is a sum of figures, shown as "(a + b)"
    less: bool = False  # the parts are a whole and what is taken from it, shown as "(a − b − c)"
    rate: bool = False  # the parts are a part and its whole, as a percentage: "(300 / 900 × 100)"
    growth: bool = False  # the parts are an old and a new value, as a percent change: "((710 − 318) / 318 × 100)"
    currency: str = ""  # ISO code of money ("USD"); "" when not money or not known

    @classmethod
    def of(cls, figure: Figure) -> Quantity:
        return cls(figure.value, figure.unit, figure.id, currency=figure.currency or "")

    @classmethod
    def summed(cls, qs: list[Quantity] | tuple[Quantity, ...]) -> Quantity:
        """One operand that is the sum of several counts; the working shows the addition."""
        qs = tuple(qs)
        if len(qs) == 1:
            return qs[0]
        unit = _same_unit("add", qs, COUNTABLE)
        return cls(sum(q.value for q in qs), unit, "", qs, currency=_currency_of(qs))

    @classmethod
    def change(cls, old: Quantity, new: Quantity) -> Quantity:
        """A growth rate worked out from two counts: (new − old) / old × 100, shown in the working."""
        _same_unit("compute a percent change of", (old, new), COUNTABLE)
        _nonzero(old, "starting value")
        return cls((new.value - old.value) / old.value * 100, Unit.percent, "", (old, new), growth=True)

    @classmethod
    def percentage(cls, part: Quantity, whole: Quantity) -> Quantity:
        """A rate worked out from two counts ("300 of its 900 cases"): part / whole × 100, shown in the working."""
        _same_unit("take a percentage of", (part, whole), COUNTABLE)
        _nonzero(whole, "whole")
        if part.value > whole.value:
            raise CalculationError("The part is larger than the whole it is taken as a percentage of.")
        return cls(part.value / whole.value * 100, Unit.percent, "", (part, whole), rate=True)

    @classmethod
    def remainder(cls, whole: Quantity, taken: list[Quantity] | tuple[Quantity, ...]) -> Quantity:
        """What is left of `whole` once `taken` is taken away ("the rest of the country"); the working shows the
        subtraction."""
        taken = tuple(taken)
        if not taken:
            return whole
        unit = _same_unit("take away", (whole, *taken), COUNTABLE)
        rest = whole.value - sum(q.value for q in taken)
        if rest < 0:
            raise CalculationError("What is taken away is larger than the whole it is taken from.")
        return cls(rest, unit, "", (whole, *taken), currency=_currency_of((whole, *taken)), less=True)

    @property
    def refs(self) -> list[str]:
        if self.parts:
            return [r for p in self.parts for r in p.refs]
        return [self.ref] if self.ref else []

    def __post_init__(self) -> None:
        if not isinstance(self.value, (int, float)) or isinstance(self.value, bool):
            raise CalculationError(f"{self.value!r} is not a number.")
        if not math.isfinite(self.value):
            raise CalculationError("The calculator only works with finite numbers.")
        if abs(self.value) > 1e15:
            raise CalculationError("That number is too large to calculate with (limit 10^15).")
        object.__setattr__(self, "unit", Unit(self.unit))


def _show(q: Quantity) -> str:
    if q.parts and q.growth:
        return f"(({_show(q.parts[1])} − {_show(q.parts[0])}) / {_show(q.parts[0])} × 100)"
    if q.parts and q.rate:
        return f"({_show(q.parts[0])} / {_show(q.parts[1])} × 100)"
    if q.parts:
        return "(" + (" − " if q.less else " + ").join(_show(p) for p in q.parts) + ")"
    if q.unit is Unit.percent:
        return fmt_value(q.value, q.unit)
    return fmt_amount(q.value) if q.unit is Unit.money else fmt_number(q.value)


def _same_unit(op: str, qs: tuple[Quantity, ...], allowed: set[Unit]) -> Unit:
    units = {q.unit for q in qs}
    if len(units) != 1:
        names = " and ".join(sorted(u.value for u in units))
        raise CalculationError(f"Cannot {op} {names}: the units differ.")
    unit = units.pop()
    if unit not in allowed:
        raise CalculationError(f"Cannot {op} values in {unit.value}.")
    return unit


def _currency_of(qs: tuple[Quantity, ...]) -> str:
    """The one currency the operands are in ("" when none says, or they differ)."""
    found = {q.currency for q in qs if q.currency}
    return found.pop() if len(found) == 1 else ""


def _result(op: str, expr: str, value: float, unit: Unit, qs: tuple[Quantity, ...]) -> Calculation:
    if not math.isfinite(value) or abs(value) > 1e15:
        raise CalculationError("The result is too large to be a meaningful statistic (over 10^15).")
    value = round1(value)
    return Calculation(
        operation=op,
        expression=f"{expr} = {fmt_value(value, unit, _currency_of(qs))}",
        result=value,
        unit=unit,
        operands=list(dict.fromkeys(r for q in qs for r in q.refs)),
    )


def _nonzero(q: Quantity, what: str) -> None:
    if q.value == 0:
        raise CalculationError(f"Cannot divide by zero: the {what} is 0.")


COUNTABLE = {Unit.count, Unit.money, Unit.years}


def percentage_of(part: Quantity, whole: Quantity) -> Calculation:
    """What percent `part` is of `whole`."""
    _same_unit("take a percentage of", (part, whole), COUNTABLE)
    _nonzero(whole, "whole")
    return _result(
        "percentage_of",
        f"{_show(part)} / {_show(whole)} × 100",
        part.value / whole.value * 100, Unit.percent, (part, whole),
    )


def share(parts: tuple[Quantity, ...] | list[Quantity], whole: Quantity) -> Calculation:
    """What percent the sum of `parts` is of `whole`: (a + b) / whole × 100."""
    parts = tuple(parts)
    if len(parts) == 1:
        return percentage_of(parts[0], whole)
    _same_unit("take a share of", (*parts, whole), COUNTABLE)
    _nonzero(whole, "whole")
    top = sum(q.value for q in parts)
    expr = f"({' + '.join(_show(q) for q in parts)}) / {_show(whole)} × 100"
    return _result("share", expr, top / whole.value * 100, Unit.percent, (*parts, whole))


def pct_change(old: Quantity, new: Quantity) -> Calculation:
    """Percent change from `old` to `new`."""
    _same_unit("compute a percent change of", (old, new), COUNTABLE | {Unit.ratio})
    _nonzero(old, "starting value")
    return _result(
        "pct_change",
        f"({_show(new)} − {_show(old)}) / {_show(old)} × 100",
        (new.value - old.value) / old.value * 100, Unit.percent, (old, new),
    )


def difference(a: Quantity, b: Quantity) -> Calculation:
    """a − b. Two percents differ by percentage points."""
    unit = _same_unit("subtract", (a, b), COUNTABLE | {Unit.percent, Unit.percentage_points})
    out = Unit.percentage_points if unit is Unit.percent else unit
    return _result("difference", f"{_show(a)} − {_show(b)}", a.value - b.value, out, (a, b))


def pp_difference(a: Quantity, b: Quantity) -> Calculation:
    """Percentage-point difference a − b between two percents."""
    _same_unit("take a percentage-point difference of", (a, b), {Unit.percent})
    calc = difference(a, b)
    return calc.model_copy(update={"operation": "pp_difference"})


def total(*qs: Quantity) -> Calculation:
    """Sum of counts. Percents are never added."""
    if len(qs) < 2:
        raise CalculationError("A sum needs more than one value.")
    unit = _same_unit("add", qs, COUNTABLE)
    return _result("sum", " + ".join(_show(q) for q in qs), sum(q.value for q in qs), unit, qs)


def rest(q: Quantity) -> Calculation:
    """What is left of a whole once some of it is taken away: "the other forces" are the total less the ones named."""
    if not q.less:
        raise CalculationError("Nothing is taken away from the figure.")
    return _result("remainder", " − ".join(_show(p) for p in q.parts), q.value, q.unit, (q,))


def ratio(a: Quantity, b: Quantity) -> Calculation:
    """How many times `b` goes into `a`; money shared out over a count is money each ("€538m to 582,000 households")."""
    if a.unit is Unit.money and b.unit is Unit.count:
        _nonzero(b, "divisor")
        return _result("ratio", f"{_show(a)} / {_show(b)}", a.value / b.value, Unit.money, (a,))
    _same_unit("divide", (a, b), COUNTABLE | {Unit.percent})
    _nonzero(b, "divisor")
    return _result("ratio", f"{_show(a)} / {_show(b)}", a.value / b.value, Unit.ratio, (a, b))


def complement(p: Quantity) -> Calculation:
    """100 − p, for a percent."""
    _same_unit("take the complement of", (p,), {Unit.percent})
    if not 0 <= p.value <= 100:
        raise CalculationError(f"{fmt_value(p.value, p.unit)} is not a share between 0% and 100%.")
    return _result("complement", f"100% − {_show(p)}", 100 - p.value, Unit.percent, (p,))


def average(*qs: Quantity) -> Calculation:
    if len(qs) < 2:
        raise CalculationError("An average needs more than one value.")
    unit = _same_unit("average", qs, COUNTABLE | {Unit.percent})
    expr = f"({' + '.join(_show(q) for q in qs)}) / {len(qs)}"
    return _result("average", expr, sum(q.value for q in qs) / len(qs), unit, qs)


OPERATIONS = {
    "percentage_of": percentage_of,
    "share": lambda whole, *parts: share(parts, whole),
    "pct_change": pct_change,
    "difference": difference,
    "pp_difference": pp_difference,
    "sum": total,
    "ratio": ratio,
    "complement": complement,
    "average": average,
}


def calculate(operation: str, *operands: Quantity) -> Calculation:
    """Run a named operation; unknown names list the valid ones."""
    fn = OPERATIONS.get(operation)
    if fn is None:
        raise CalculationError(f"Unknown operation {operation!r}; valid: {', '.join(OPERATIONS)}.")
    try:
        return fn(*operands)  # type: ignore[operator]
    except TypeError:
        raise CalculationError(f"Wrong number of values for {operation}.") from None
