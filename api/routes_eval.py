"""GET /api/eval: the latest evaluation report, read-only, for the page's Evaluation panel.

It reads what `qa eval` wrote (`summary.json`, and each development set's `results.jsonl`). A sealed
test set is shown in aggregate only: its per-question rows are never read, even if they exist.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from api.schemas import ErrorOut

router = APIRouter(tags=["evaluation"])

DEFAULT_REPORT_DIR = Path(__file__).resolve().parent.parent / "eval" / "reports" / "latest"
SET_FIELDS = ("n", "accuracy", "confidently_wrong", "confidently_wrong_pct", "abstain_precision", "abstain_recall",
              "ungrounded", "errors", "clarified", "latency_p50_ms", "latency_p95_ms", "em", "f1")
MAX_LISTED = 50


class WrongOut(BaseModel):
    id: str
    category: str = ""
    question: str
    expected: str = ""
    answer: str = ""
    reason: str = ""


class SetOut(BaseModel):
    set: str
    sealed: bool
    figures: dict[str, float | int | None] = Field(description="accuracy, confidently_wrong_pct, abstain_precision, ...")
    confidently_wrong: list[WrongOut] | None = Field(
        default=None, description="development sets only: the questions answered wrongly with confidence")


class EvalOut(BaseModel):
    when: str = ""
    target: str = ""
    gates: list[dict[str, Any]] = Field(default_factory=list)
    sets: list[SetOut]


def is_sealed(row: dict[str, Any]) -> bool:
    # both marks count: a set named *-test is sealed even if a report forgot to say so
    return bool(row.get("sealed")) or str(row.get("set", "")).endswith("-test")


def confidently_wrong_rows(folder: Path) -> list[WrongOut]:
    path = folder / "results.jsonl"
    if not path.is_file():
        return []
    out: list[WrongOut] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if r.get("correct") or r.get("abstained") or r.get("error") or r.get("clarify"):
            continue
        out.append(WrongOut(id=str(r.get("id", "")), category=str(r.get("category", "")),
                            question=str(r.get("question", "")), expected=str(r.get("expected") or ""),
                            answer=str(r.get("answer") or ""), reason=str(r.get("reason") or "")))
    return out[:MAX_LISTED]


def read_report(folder: Path) -> EvalOut:
    path = folder / "summary.json"
    if not path.is_file():
        raise HTTPException(404, "No evaluation report yet: run `qa eval` to write eval/reports/latest/summary.json.")
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
        sets = []
        for row in summary.get("sets", []):
            name = str(row["set"])
            sealed = is_sealed(row)
            figures = {k: row[k] for k in SET_FIELDS if isinstance(row.get(k), int | float)}
            wrong = None if sealed or "/" in name or name.startswith(".") else confidently_wrong_rows(folder / name)
            sets.append(SetOut(set=name, sealed=sealed, figures=figures, confidently_wrong=wrong))
        gates = [
            {"name": g[0], "passed": bool(g[1]), "detail": str(g[2]) if len(g) > 2 else ""}
            for g in summary.get("gates", []) if isinstance(g, list | tuple) and len(g) >= 2
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise HTTPException(500, f"The evaluation report at {path} cannot be read ({exc}); run `qa eval` again.") from None
    return EvalOut(when=str(summary.get("when", "")), target=str(summary.get("target", "")), gates=gates, sets=sets)


@router.get("/api/eval", response_model=EvalOut, responses={404: {"model": ErrorOut}})
def latest_eval(request: Request) -> EvalOut:
    """The latest `qa eval` report: per set, accuracy, confidently wrong, abstention precision/recall,
    ungrounded answers; the confidently-wrong questions of development sets (never of sealed test sets)."""
    return read_report(getattr(request.app.state, "eval_dir", DEFAULT_REPORT_DIR))
