"""TAT-QA dev as an external benchmark: every context becomes one document in a store holding only it.

Each context (a table as rows of cells, plus paragraphs) is written as a Markdown document (the
table as a GFM pipe table under a heading, then the paragraphs), ingested with `qa ingest` into a
fresh store with no built-in article, and each of its questions is asked. The answer becomes a
TAT-QA prediction:

    abstained          -> no answer (scores 0)
    a value            -> that number; scale "percent" when the unit is a percent, else the scale
                          the engine reports (Answer.scale when present), else ""
    text only          -> the answer text (a span answer quoted back scores partial F1)

Scored with `eval.tatqa_metric` (exact match and numeracy-focused F1, scale must match), broken
down by answer type and by where the answer comes from (table / text / table-text).

TAT-QA: Zhu et al., ACL 2021, https://github.com/NExTplusplus/TAT-QA (CC BY 4.0). Only the dev
split is used here; the test split is the held-out measure and is never read.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval.tatqa_metric import score

PUBLISHED = "2020-01-01"  # TAT-QA contexts carry no date; ingest needs one


TABLE_LEAD = re.compile(r"\b(?:following|below)\b[^.]*\btables?\b|\btables?\b[^.]*\b(?:following|below)\b", re.I)
LEAD_IN = re.compile(r"\b(?:following|below)\b[^.]*\btables?\b|\btables?\b[^.]*\b(?:following|below)\b|:\s*$", re.I)


def context_markdown(ctx: dict[str, Any]) -> str:
    """One TAT-QA context as a Markdown document a user might upload.

    TAT-QA gives the paragraphs in order but not where the table stood. A paragraph that introduces it ("The
    following table shows ... (in thousands):") was written above it, so it and the paragraphs before it come
    first; the others follow the table. With no such paragraph the table comes first."""
    rows = [[" ".join(str(c).split()).replace("|", "/") for c in row] for row in ctx.get("table", {}).get("table", [])]
    paragraphs = [" ".join(str(p.get("text", "")).split())
                  for p in sorted(ctx.get("paragraphs", []), key=lambda p: p.get("order", 0))]
    lead = next((i + 1 for i, p in enumerate(paragraphs) if TABLE_LEAD.search(p)), 0) or next(
        (i + 1 for i, p in enumerate(paragraphs) if LEAD_IN.search(p)), 0)
    lines = ["# Financial report extract", ""]
    for p in paragraphs[:lead]:
        lines += [p, ""]
    if rows:
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines.append("| " + " | ".join(rows[0]) + " |")
        lines.append("|" + "---|" * width)
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        lines.append("")
    for p in paragraphs[lead:]:
        lines += [p, ""]
    return "\n".join(lines)


SCALES = {1e3: "thousand", 1e6: "million", 1e9: "billion", 0.01: ""}  # a "(cents)" row is given in cents, as written
WORD_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "m": 1e6, "k": 1e3}
WRITTEN = re.compile(r"\(?-?\s?(?:US\$|[$£€])?\s?\(?-?\d[\d,]*(?:\.\d+)?\)?(?:\s?(?:%|per ?cent\b|percent\b)|"
                     r"\s?(?:thousand|million|billion|bn|m|k)\b)?", re.I)
# The calculator's operations, unrounded (it rounds to one decimal; TAT-QA states two).
EXACT: dict[str, Callable[[list[float]], float]] = {
    "percentage_of": lambda v: v[0] / v[1] * 100,
    "share": lambda v: sum(v[:-1]) / v[-1] * 100,
    "pct_change": lambda v: (v[1] - v[0]) / v[0] * 100,
    "difference": lambda v: v[0] - v[1],
    "pp_difference": lambda v: v[0] - v[1],
    "sum": sum,
    "ratio": lambda v: v[0] / v[1],
    "complement": lambda v: 100 - v[0],
    "average": lambda v: sum(v) / len(v),
}


def exact_result(calculation: Any, figures: dict[str, Any]) -> float | None:
    """The calculation's result before the calculator's one-decimal rounding, recomputed from its operands'
    values; None when it cannot be (summed groups, a missing figure) or does not round to the stated result."""
    values = [float(figures[i].value) for i in calculation.operands if i in figures]
    fn = EXACT.get(calculation.operation)
    if fn is None or len(values) != len(calculation.operands) or not values:
        return None
    try:
        value = fn(values)
    except (ZeroDivisionError, IndexError):
        return None
    return value if abs(value - float(calculation.result)) <= 0.05 + 1e-9 * abs(value) else None


def as_written(fig: Any) -> tuple[str, str] | None:
    """A figure's number as its document writes it ("$25.7 million", "(992)", "49%"), with the scale the document
    states elsewhere (the table's "(in thousands)"; "percent" for a cell of a "%" column written bare)."""
    scale = float(getattr(fig, "scale", 1.0) or 1.0)
    for m in WRITTEN.finditer(getattr(fig, "quote", "") or ""):
        text = m.group(0).strip()
        digits = re.search(r"\d[\d,]*(?:\.\d+)?", text)
        if digits is None:
            continue
        n = float(digits.group(0).replace(",", ""))
        word = re.search(r"(thousand|million|billion|bn|m|k)$", text, re.I)
        n *= WORD_SCALES[word.group(1).lower()] if word else 1.0
        if abs(abs(n) * scale - abs(float(fig.value))) > 1e-6 * max(1.0, abs(float(fig.value))):
            continue
        unit = str(getattr(fig.unit, "value", fig.unit))
        if unit == "percent" and not re.search(r"%|cent\b", text, re.I):
            return text, "percent"
        return text, "" if word else SCALES.get(scale, "")
    return None


def scale_word(fig: Any) -> str:
    """The scale word a figure is written with ("$2.0 billion" -> "billion", "$45m" -> "million"); "" for none."""
    written = as_written(fig)
    m = re.search(r"(thousand|million|billion|bn|m|k)$", written[0], re.I) if written else None
    return SCALES[WORD_SCALES[m.group(1).lower()]] if m else ""


def prediction(answer: Any, figures: dict[str, Any] | None = None) -> tuple[Any, str]:
    """(answer items, scale) from an engine Answer.

    A figure looked up is given as its document writes it (`as_written`). A calculated value is given to two
    decimals, recomputed from its operands (`exact_result`); TAT-QA states amounts in the table's scale
    ("1,496.5" with scale "million") while the engine's values are in units, so when every figure the answer
    used carries the same scale (a "$m" column) the value is given back in that scale. A text answer is the
    span it gives (its first citation), not the passage around it."""
    if answer is None or answer.abstained:
        return "", ""
    figures = figures or {}
    listed = [figures[i] for i in answer.figures if i in figures]
    if answer.operation == "each" and listed:  # several figures asked: each as written, one answer item each
        written = [as_written(f) for f in listed]
        if all(w is not None for w in written):
            scales = {w[1] for w in written if w is not None}
            return [w[0] for w in written if w is not None], scales.pop() if len(scales) == 1 else ""
    if answer.operation in ("components", "top"):  # rows named: their labels, as cited first
        return [c.quote for c in answer.citations[:len(listed)]], ""
    if answer.operation == "which":  # the years that pass the test
        # a year-long span is named by the year it ends in ("2018-04/2019-03" is fiscal 2019)
        return [str(int(str(f.period).split("/")[-1][:4])) for f in listed], ""
    if answer.operation == "how_many" and answer.value is not None:
        return int(answer.value), ""
    if answer.value is not None:
        unit = str(getattr(answer.unit, "value", answer.unit) or "")
        calc = answer.calculation
        used = list(answer.figures) + (list(calc.operands) if calc else [])
        if len(set(used)) == 1 and used[0] in figures and (calc is None or calc.operation not in EXACT):
            written = as_written(figures[used[0]])
            if written is not None:
                return written
        value = float(answer.value)
        if calc is not None and calc.operation in EXACT:
            value = exact_result(calc, figures) or value
        if unit in ("percent", "percentage_points"):  # TAT-QA gives a difference of percents as a percent
            return round(value, 2), "percent"
        scales = {float(getattr(figures.get(i), "scale", 1.0) or 1.0) for i in used if i in figures}
        if len(scales) == 1 and (s := scales.pop()) in SCALES and unit in ("count", "money"):
            return round(value / s, 2), SCALES[s]
        # worked from figures the prose writes with one scale word ("$2.0 billion" and "$6.0 billion"): in that scale
        words = {scale_word(figures[i]) for i in set(used) if i in figures}
        if len(words) == 1 and (word := words.pop()) and unit in ("count", "money"):
            return round(value / WORD_SCALES[word], 2), word
        return round(value, 2), ""
    quotes = [c.quote for c in answer.citations if c.quote]
    if quotes:  # the span the answer gives (it cites that first, then the passage around it)
        return quotes[0], ""
    return answer.answer, ""


def sample(data: list[dict[str, Any]], limit: int | None) -> list[dict[str, Any]]:
    """Whole contexts in file order until `limit` questions are reached (None: all)."""
    if limit is None:
        return data
    out, n = [], 0
    for ctx in data:
        if n >= limit:
            break
        out.append(ctx)
        n += len(ctx.get("questions", []))
    return out


def run_tatqa(path: Path, limit: int | None, make_engine: Callable[[Path], Any],
              ingest: Callable[[str, str, Any], None], progress: Callable[[str], None] = lambda s: None,
              ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Ask every question of the sampled contexts; per-question rows and the summary.

    `make_engine(data_dir)` returns an engine over an empty corpus plus that store; `ingest(text,
    doc_id, settings_dir)` adds the document. Both come from the harness so this module stays free
    of engine internals.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    contexts = sample(data, limit)
    rows: list[dict[str, Any]] = []
    root = Path(tempfile.mkdtemp(prefix="qa-tatqa-"))
    t0 = time.perf_counter()
    try:
        for n, ctx in enumerate(contexts, start=1):
            data_dir = root / f"ctx{n}"
            doc_id = f"tatqa-{n:04d}"
            questions = sorted(ctx.get("questions", []), key=lambda q: q.get("order", 0))
            error = ""
            engine = None
            try:
                ingest(context_markdown(ctx), doc_id, data_dir)
                engine = make_engine(data_dir)
            except Exception as exc:  # a refused document scores 0 on its questions; the run goes on
                error = f"{type(exc).__name__}: {exc}"
            for q in questions:
                answer, q_error = None, error
                started = time.perf_counter()
                if engine is not None:
                    try:
                        answer = engine.ask(q["question"], None)
                    except Exception as exc:
                        q_error = f"{type(exc).__name__}: {exc}"
                latency = (time.perf_counter() - started) * 1000
                pred, pred_scale = prediction(answer, getattr(engine, "figures", None))
                em, f1 = score(pred, pred_scale, q["answer"], q.get("scale", ""))
                rows.append({
                    "id": q["uid"], "context": n, "answer_type": q["answer_type"], "answer_from": q["answer_from"],
                    "em": em, "f1": f1, "abstained": bool(answer is not None and answer.abstained),
                    "answered": answer is not None and not answer.abstained, "error": q_error,
                    "latency_ms": round(latency, 1),
                    "question": q["question"], "gold": q["answer"], "gold_scale": q.get("scale", ""),
                    "derivation": q.get("derivation", ""), "predicted": pred, "predicted_scale": pred_scale,
                    "text": getattr(answer, "answer", "") if answer is not None else "",
                })
            progress(f"tatqa: {n}/{len(contexts)} contexts, {len(rows)} questions")
            shutil.rmtree(data_dir, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return rows, summarise(rows, time.perf_counter() - t0)


def summarise(rows: list[dict[str, Any]], wall_s: float = 0.0) -> dict[str, Any]:
    def agg(sel: list[dict[str, Any]]) -> dict[str, float]:
        n = len(sel)
        return {"n": n, "em": 100 * sum(r["em"] for r in sel) / n if n else 0.0,
                "f1": 100 * sum(r["f1"] for r in sel) / n if n else 0.0}

    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_from: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_type[r["answer_type"]].append(r)
        by_from[r["answer_from"]].append(r)
    answered_wrong = sum(1 for r in rows if r["answered"] and r["em"] == 0)
    return {
        **agg(rows),
        "confidently_wrong": answered_wrong,
        "confidently_wrong_pct": 100 * answered_wrong / len(rows) if rows else 0.0,
        "abstained": sum(1 for r in rows if r["abstained"]),
        "errors": sum(1 for r in rows if r["error"]),
        "by_answer_type": {k: agg(v) for k, v in sorted(by_type.items())},
        "by_answer_from": {k: agg(v) for k, v in sorted(by_from.items())},
        "wall_s": wall_s,
    }
