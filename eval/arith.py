"""The evaluation's own arithmetic: gold numbers are computed here, never by the engine's calculator.

A gold expression names figures by id and combines them with a closed set of operations. This
module knows nothing of `qa.calculator`, so a calculator bug cannot hide behind a gold answer
computed by the same code. The rules are written out once, plainly:

    percentage_of(part, whole)  part / whole × 100                      -> percent
    share(whole, part, ...)     (part + ...) / whole × 100              -> percent
    pct_change(old, new)        (new − old) / old × 100                 -> percent
    difference(a, b)            a − b   (two percents give points)     -> a's unit, or percentage_points
                                (a percent less points is a percent: a level less its change)
    pp_difference(a, b)         a − b   of two percents                 -> percentage_points
    sum(a, ...)                 a + ...                                 -> the common unit
    ratio(a, b)                 a / b                                   -> ratio (money / count: money each)
    complement(p)               100 − p                                 -> percent
    average(a, ...)             (a + ...) / n                           -> the common unit
    percent(x)                  a number the question states, as a percent

A bare number (e.g. the "300" of "if 300 of 900 were dropped") is a count the question states.

Each result is carried two ways: exactly, and with every intermediate result rounded half away
from zero to one decimal (as a person working it out on paper and showing each step would).
A final answer matching either is right; the two differ only in nested expressions.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# Units the gold can carry. Figures tables may use finer units; these are their families.
PERCENT, POINTS, RATIO, COUNT, MONEY = "percent", "percentage_points", "ratio", "count", "money"
_UNIT_ALIASES = {
    "pp": POINTS, "percentage_points": POINTS, "percentage points": POINTS, "points": POINTS,
    "percent": PERCENT, "%": PERCENT, "ratio": RATIO, "money": MONEY,
    "count": COUNT, "people": COUNT, "number": COUNT,
}


_OWN = {"years", "date"}  # units the engine's answers carry by name


def unit_family(unit: str) -> str:
    """A figures-table unit as the gold compares it: count, percent, percentage_points, ratio, money,
    years or date. Other physical units (TWh, minutes, weeks, people) are quantities: count."""
    u = (unit or "").strip().lower()
    return _UNIT_ALIASES.get(u, u if u in _OWN else COUNT)


def round1(x: float) -> float:
    """Half away from zero to one decimal place (the rule every answer is shown with)."""
    if not math.isfinite(x):
        return x
    return float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


class ArithError(ValueError):
    """An expression that cannot be computed (unknown id, bad units, division by zero...)."""


@dataclass(frozen=True)
class Value:
    exact: float
    stepwise: float  # every intermediate rounded to one decimal
    unit: str


def _same(op: str, args: list[Value], allowed: set[str] | None = None) -> str:
    units = {a.unit for a in args}
    if len(units) != 1:
        raise ArithError(f"{op}: operands have different units ({', '.join(sorted(units))})")
    unit = units.pop()
    if allowed is not None and unit not in allowed:
        raise ArithError(f"{op}: cannot use {unit} operands")
    return unit


def _div(a: float, b: float, op: str) -> float:
    if b == 0:
        raise ArithError(f"{op}: division by zero")
    return a / b


def _both(fn, args: list[Value]) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    exact = fn([a.exact for a in args])
    stepwise = round1(fn([a.stepwise for a in args]))  # figures as stated; each result rounded
    return exact, stepwise


def apply(op: str, args: list[Value]) -> Value:
    """One operation over computed arguments."""
    if op == "percentage_of":
        if len(args) != 2:
            raise ArithError("percentage_of takes (part, whole)")
        _same(op, args)
        e, s = _both(lambda v: _div(v[0], v[1], op) * 100, args)
        return Value(e, s, PERCENT)
    if op == "share":
        if len(args) < 2:
            raise ArithError("share takes (whole, part, ...)")
        _same(op, args)
        e, s = _both(lambda v: _div(sum(v[1:]), v[0], op) * 100, args)
        return Value(e, s, PERCENT)
    if op == "pct_change":
        if len(args) != 2:
            raise ArithError("pct_change takes (old, new)")
        _same(op, args)
        e, s = _both(lambda v: _div(v[1] - v[0], v[0], op) * 100, args)
        return Value(e, s, PERCENT)
    if op in ("difference", "pp_difference"):
        if len(args) != 2:
            raise ArithError(f"{op} takes (a, b)")
        e, s = _both(lambda v: v[0] - v[1], args)
        if op == "difference" and (args[0].unit, args[1].unit) == (PERCENT, POINTS):
            return Value(e, s, PERCENT)  # a level less a change in points is the earlier level
        unit = _same(op, args)
        if op == "pp_difference" and unit not in (PERCENT, POINTS):
            raise ArithError("pp_difference needs two percents")
        return Value(e, s, POINTS if unit in (PERCENT, POINTS) else unit)
    if op == "sum":
        unit = _same(op, args)
        e, s = _both(sum, args)
        return Value(e, s, unit)
    if op == "average":
        unit = _same(op, args)
        e, s = _both(lambda v: sum(v) / len(v), args)
        return Value(e, s, unit)
    if op == "ratio":
        if len(args) != 2:
            raise ArithError("ratio takes (a, b)")
        e, s = _both(lambda v: _div(v[0], v[1], op), args)
        if (args[0].unit, args[1].unit) == (MONEY, COUNT):
            return Value(e, s, MONEY)  # money per item: "how much is that per unit?"
        _same(op, args)
        return Value(e, s, RATIO)
    if op == "complement":
        if len(args) != 1 or args[0].unit != PERCENT:
            raise ArithError("complement takes one percent")
        e, s = _both(lambda v: 100 - v[0], args)
        return Value(e, s, PERCENT)
    if op == "percent":
        if len(args) != 1:
            raise ArithError("percent takes one number")
        return Value(args[0].exact, args[0].stepwise, PERCENT)
    raise ArithError(f"unknown function {op!r}; valid: {', '.join(OPERATIONS)}, figure")


OPERATIONS = ("percentage_of", "share", "pct_change", "difference", "pp_difference", "sum", "ratio",
              "complement", "average", "percent")

_TOKEN = re.compile(r"\s*(?:(?P<num>-?\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)|(?P<punct>[(),]))")
_MAX_DEPTH = 8


@dataclass(frozen=True)
class Computed:
    value: Value
    operands: tuple[str, ...]  # figure ids read, in order


def compute(text: str, figures: dict[str, tuple[float, str]]) -> Computed:
    """Evaluate `text` over `figures` (id -> (value, unit)). Raises ArithError with a plain reason."""
    if not isinstance(text, str) or not text.strip():
        raise ArithError("a gold expression must be a non-empty string")
    toks: list[tuple[str, str]] = []
    pos, src = 0, text.rstrip()
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if m is None or m.end() == pos:
            raise ArithError(f"unexpected character {src[pos:].strip()[:1]!r} in {text!r}")
        kind = m.lastgroup or "punct"
        toks.append((kind, m.group(kind)))
        pos = m.end()
    i = 0
    used: list[str] = []

    def peek() -> str | None:
        return toks[i][1] if i < len(toks) else None

    def take(want: str | None = None) -> tuple[str, str]:
        nonlocal i
        if i >= len(toks):
            raise ArithError(f"{text!r} ends too early")
        tok = toks[i]
        if want is not None and tok[1] != want:
            raise ArithError(f"expected {want!r} but found {tok[1]!r} in {text!r}")
        i += 1
        return tok

    def expr(depth: int) -> Value:
        if depth > _MAX_DEPTH:
            raise ArithError(f"{text!r} nests deeper than {_MAX_DEPTH} calls")
        kind, tok = take()
        if kind == "num":
            return Value(float(tok), float(tok), COUNT)
        if kind != "name":
            raise ArithError(f"expected a name or number but found {tok!r} in {text!r}")
        if peek() != "(":
            if tok not in figures:
                raise ArithError(f"unknown figure id {tok!r} in {text!r}")
            used.append(tok)
            value, unit = figures[tok]
            return Value(value, value, unit_family(unit))
        take("(")
        if tok == "figure":
            kind, fid = take()
            take(")")
            if fid not in figures:
                raise ArithError(f"unknown figure id {fid!r} in {text!r}")
            used.append(fid)
            value, unit = figures[fid]
            return Value(value, value, unit_family(unit))
        args = [expr(depth + 1)]
        while peek() == ",":
            take(",")
            args.append(expr(depth + 1))
        take(")")
        return apply(tok, args)

    result = expr(0)
    if i != len(toks):
        raise ArithError(f"unexpected {toks[i][1]!r} after the end of {text!r}")
    return Computed(result, tuple(used))
