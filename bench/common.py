"""What every benchmark shares: percentiles, human-formatted tables, JSON output, the test questions."""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Question:
    text: str
    history: list[dict[str, str]] = field(default_factory=list)
    category: str = ""  # the gold set's category; for the understanding tests, worked out from the answer
    source: str = ""


def gold_questions(path: Path = REPO / "eval" / "sets" / "seed-dev.jsonl") -> list[Question]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            out.append(Question(raw["question"], list(raw.get("history") or []), raw.get("category", ""), "gold"))
    return out


def understanding_questions() -> list[Question]:
    """tests/test_understanding.py CASES; the history turns are questions only (answers filled in later)."""
    sys.path.insert(0, str(REPO))
    from tests.test_understanding import CASES

    rows = [c.values if hasattr(c, "values") else c for c in CASES]  # pytest.param entries carry marks
    return [Question(q, [{"question": h, "answer": ""} for h in hist], "", "tests") for q, hist, _ in rows]


# The engine's operation names mapped onto the gold set's categories, for questions without one.
OPERATION_CATEGORY = {
    "abstain": "unanswerable", "pct_change": "percent_change", "percentage_of": "computed_percentage",
    "claim": "unsupported_claim", "complement": "computed_percentage", "average": "sum",
}


def category_from(operation: str, has_history: bool) -> str:
    return "followup" if has_history else OPERATION_CATEGORY.get(operation, operation)


def percentiles(samples_s: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99 in milliseconds (linear interpolation), plus the count."""
    if not samples_s:
        return {"n": 0, "p50": float("nan"), "p95": float("nan"), "p99": float("nan")}
    ms = np.asarray(samples_s, dtype=float) * 1000
    p50, p95, p99 = np.percentile(ms, [50, 95, 99])
    return {"n": len(ms), "p50": float(p50), "p95": float(p95), "p99": float(p99)}


def ms(value: float) -> str:
    if value != value:  # NaN
        return "-"
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def times(ratio: float) -> str:
    return "-" if ratio != ratio else f"{ratio:.2f}×"


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A plain fixed-width table; the first column is left-aligned, the rest right-aligned."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(r: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def machine() -> dict[str, Any]:
    """Enough about the machine to read the numbers: cores and how busy it was."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_1m_at_start": round(load[0], 2),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
    }


def write_json(path: str | None, payload: dict[str, Any]) -> None:
    if path:
        Path(path).write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"\nwrote {path}")


def rss_mb(pid: int | str = "self") -> float:
    """Resident set size now, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
