"""What a written number allows: the range its rounding and qualifier leave, and ranges of results.

A qualifier turns the stated value into a range: "at least 47.3" is anything that rounds to
47.3 or more; "more than" is strict; "nearly v" is up to 10% below v; "about v" allows half
the place value of v's last non-zero digit, at most 5% (so "some 7,357" stays 7,357).
Operands with a qualifier become ranges too, and a check holds if the ranges meet.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from qa.model.records import Figure, Qualifier
from qa.text.numbers import decimals_of, written_numbers

BIG = 1e12  # stands in for "no upper bound" so interval arithmetic stays finite

def _half_unit(v: float) -> float:
    return 0.5 * 10.0 ** -decimals_of(v)


def _place(v: float) -> float:
    """Place value of the last non-zero digit of a whole number: 7,000 -> 1,000; 7,357 -> 1."""
    n, place = abs(int(round(v))), 1.0
    while n and n % 10 == 0:
        n //= 10
        place *= 10
    return place


def stated_range(v: float, qualifier: Qualifier) -> tuple[float, float]:
    """What a written number allows, given how it was rounded and qualified."""
    r = _half_unit(v)
    if qualifier is Qualifier.at_least:
        return v - r, BIG
    if qualifier is Qualifier.more_than:
        return math.nextafter(v, BIG), BIG
    if qualifier is Qualifier.nearly:
        return v - max(r, min(_place(v), 0.1 * abs(v))), v + r
    if qualifier is Qualifier.about:
        tol = max(r, min(_place(v) / 2, 0.05 * abs(v)))
        return v - tol, v + tol
    return v - r, v + r


def written_step(f: Figure) -> float:
    """Half the place value of the last digit written, at the figure's own scale: "$1.2bn" is any amount that rounds
    to 1.2 billion, so 0.05 billion; 0 when the quote writes the number out in full."""
    for _, _, shown, scale in written_numbers(f.quote):
        if scale >= 1e3 and shown and math.isclose(shown * scale, f.value, rel_tol=1e-9):
            return _half_unit(shown) * scale
    return 0.0


def operand_range(f: Figure, value: float | None = None) -> tuple[float, float]:
    v = f.value if value is None else value
    if value is not None:
        return v, v
    if f.qualifier is Qualifier.exact:
        step = written_step(f)
        return v - step, v + step
    return stated_range(v, f.qualifier)


def corners(fn: Callable[[list[float]], float], ranges: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Range of a function monotone in each operand: evaluate it at every corner."""
    out = []
    for corner in itertools.product(*[sorted({lo, hi}) for lo, hi in ranges]):
        try:
            out.append(fn(list(corner)))
        except ZeroDivisionError:
            return None
    out = [x for x in out if not math.isnan(x)]
    return (min(out), max(out)) if out else None
