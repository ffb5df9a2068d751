"""Summaries of a run: the metrics, the printed table, report.md, results.jsonl and the chart."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eval.gold import CATEGORIES
from eval.score import confidently_wrong


@dataclass
class Summary:
    total: int
    correct: int
    by_category: dict[str, tuple[int, int]]  # category -> (correct, total)
    abstain_tp: int
    abstain_fp: int
    abstain_fn: int
    citations_ok: int
    citations_checked: int
    ungrounded: int
    errors: int
    confidently_wrong: int
    latency_p50_ms: float
    latency_p95_ms: float
    clarified: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return 100.0 * self.correct / self.total if self.total else 0.0

    @property
    def confidently_wrong_pct(self) -> float:
        return 100.0 * self.confidently_wrong / self.total if self.total else 0.0

    @property
    def abstain_precision(self) -> float | None:
        n = self.abstain_tp + self.abstain_fp
        return 100.0 * self.abstain_tp / n if n else None

    @property
    def abstain_recall(self) -> float | None:
        n = self.abstain_tp + self.abstain_fn
        return 100.0 * self.abstain_tp / n if n else None

    @property
    def citation_accuracy(self) -> float | None:
        return 100.0 * self.citations_ok / self.citations_checked if self.citations_checked else None


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0-100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summarise(results: list[dict[str, Any]]) -> Summary:
    """Metrics over per-question results (the rows written to results.jsonl).

    Abstention: a question whose gold is "abstain" should be abstained on (recall counts those
    that were); an abstention on a question with an answer is a false alarm (precision). Questions
    that push an unsupported claim accept either an abstention or a correction, so they count on
    neither side.
    """
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    tp = fp = fn = 0
    cit_ok = cit_n = 0
    for r in results:
        per[r["category"]][1] += 1
        per[r["category"]][0] += int(r["correct"])
        abstained = bool(r.get("abstained"))
        if r["gold_kind"] == "abstain":
            tp += int(abstained)
            fn += int(not abstained)
        elif r["gold_kind"] != "reject" and abstained:
            fp += 1
        if r.get("citation_ok") is not None:
            cit_n += 1
            cit_ok += int(r["citation_ok"])
    order = [c for c in CATEGORIES if c in per] + sorted(c for c in per if c not in CATEGORIES)
    latencies = [r["latency_ms"] for r in results if r.get("latency_ms") is not None and not r.get("error")]
    return Summary(
        total=len(results),
        correct=sum(int(r["correct"]) for r in results),
        by_category={c: (per[c][0], per[c][1]) for c in order},
        abstain_tp=tp, abstain_fp=fp, abstain_fn=fn,
        citations_ok=cit_ok, citations_checked=cit_n,
        ungrounded=sum(1 for r in results if r.get("ungrounded")),
        errors=sum(1 for r in results if r.get("error")),
        confidently_wrong=sum(1 for r in results if confidently_wrong(r)),
        clarified=sum(1 for r in results if r.get("clarify")),
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
        failures=[r for r in results if not r["correct"] or r.get("ungrounded") or r.get("citation_ok") is False],
    )


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.1f}%"


def table(s: Summary) -> str:
    """The short table printed after a run."""
    lines = [f"{'category':<22}{'right':>7}{'of':>5}{'accuracy':>10}"]
    for cat, (ok, n) in s.by_category.items():
        lines.append(f"{cat:<22}{ok:>7}{n:>5}{100.0 * ok / n:>9.1f}%")
    lines.append(f"{'overall':<22}{s.correct:>7}{s.total:>5}{s.accuracy:>9.1f}%")
    lines.append(f"confidently wrong (answered, wrong): {s.confidently_wrong} ({s.confidently_wrong_pct:.1f}%)")
    lines.append(
        f"abstention precision {_pct(s.abstain_precision)}, recall {_pct(s.abstain_recall)} "
        f"({s.abstain_fn} unanswerable not abstained)"
    )
    lines.append(f"citation accuracy {_pct(s.citation_accuracy)} ({s.citations_ok}/{s.citations_checked})")
    lines.append(f"ungrounded numbers: {s.ungrounded} answer(s); errors: {s.errors}")
    lines.append(f"latency p50 {s.latency_p50_ms:.0f} ms, p95 {s.latency_p95_ms:.0f} ms")
    return "\n".join(lines)


def compare(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Questions fixed and broken since an earlier run, matched by id."""
    before = {r["id"]: r for r in old}
    now = {r["id"]: r for r in new}
    out: dict[str, list[dict[str, Any]]] = {"fixed": [], "broken": [], "added": [], "removed": []}
    for qid, r in now.items():
        if qid not in before:
            out["added"].append(r)
        elif r["correct"] and not before[qid]["correct"]:
            out["fixed"].append(r)
        elif before[qid]["correct"] and not r["correct"]:
            out["broken"].append(r)
    out["removed"] = [r for qid, r in before.items() if qid not in now]
    return out


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def write_markdown(
    path: Path, s: Summary, meta: dict[str, Any], changes: dict[str, list[dict[str, Any]]] | None,
    checks: list[tuple[str, bool, str]], sealed: bool = False,
) -> None:
    out = [f"# Evaluation report: {meta['gold']}", ""]
    out.append(f"Run {meta['when']} against {meta['target']}; {s.total} questions; "
               f"{meta['wall_s']:.1f} s in all.")
    if meta.get("in_document"):
        out.append("Each question was asked inside its own article (`--in-document`), not of the whole store.")
    out.append("")
    out.append("## Thresholds")
    out.append("")
    for name, ok, detail in checks:
        out.append(f"- {'PASS' if ok else 'FAIL'}: {name} ({detail})")
    out += ["", "## Summary", ""]
    out.append("| measure | value |")
    out.append("|---|---|")
    out.append(f"| accuracy | {s.accuracy:.1f}% ({s.correct}/{s.total}) |")
    out.append(f"| confidently wrong (answered, wrong) | {s.confidently_wrong} ({s.confidently_wrong_pct:.1f}%) |")
    out.append(f"| clarifying questions asked | {s.clarified} |")
    out.append(f"| abstention precision | {_pct(s.abstain_precision)} |")
    out.append(f"| abstention recall | {_pct(s.abstain_recall)} ({s.abstain_fn} missed) |")
    out.append(f"| citation accuracy | {_pct(s.citation_accuracy)} ({s.citations_ok}/{s.citations_checked}) |")
    out.append(f"| answers with ungrounded numbers | {s.ungrounded} |")
    out.append(f"| errors | {s.errors} |")
    out.append(f"| latency p50 / p95 | {s.latency_p50_ms:.0f} ms / {s.latency_p95_ms:.0f} ms |")
    out += ["", "## Accuracy by category", "", "![accuracy by category](accuracy.png)", ""]
    out.append("| category | right | of | accuracy |")
    out.append("|---|---:|---:|---:|")
    for cat, (ok, n) in s.by_category.items():
        out.append(f"| {cat} | {ok} | {n} | {100.0 * ok / n:.1f}% |")
    if changes is not None:
        out += ["", f"## Changes since {meta.get('compare', 'the earlier run')}", ""]
        for kind in ("fixed", "broken", "added", "removed"):
            rows = changes[kind]
            out.append(f"**{kind}** ({len(rows)})" + (":" if rows else ""))
            out += [f"- `{r['id']}` {_cell(r['question'])}" for r in rows]
            out.append("")
    out += ["", "## Failures", ""]
    if sealed:
        out.append("Sealed test set: only the aggregate and per-category figures are reported. "
                   "Reading its misses spends it (move it to dev and write a new one).")
    elif not s.failures:
        out.append("None.")
    else:
        out.append("| id | question | expected | answer | why |")
        out.append("|---|---|---|---|---|")
        for r in s.failures:
            why = [r["reason"]] if not r["correct"] else []
            if r.get("ungrounded"):
                why.append(f"ungrounded: {', '.join(f'{n:g}' for n in r['ungrounded'])}")
            if r.get("citation_ok") is False:
                why.append(f"citation: {r['citation_reason']}")
            out.append(
                f"| `{r['id']}` | {_cell(r['question'])} | {_cell(r['expected'])} | "
                f"{_cell((r.get('answer') or '')[:300])} | {_cell('; '.join(why))} |"
            )
    out += ["", "## How to read this", ""]
    out.append(
        "A numeric answer is right when its value, rounded half away from zero to one decimal, equals "
        "the gold re-computed from the figures table and rounded the same way, in the same unit, and "
        "the answer text states it. Text answers must contain the listed strings; comparisons must "
        "name the option asked for before the other; unanswerable questions must abstain with no "
        "value; unsupported claims must not be confirmed. Details: eval/README.md."
    )
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write_results(path: Path, results: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")


def read_results(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_chart(path: Path, s: Summary, threshold: float) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cats = list(s.by_category)
    acc = [100.0 * ok / n for ok, n in s.by_category.values()]
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(cats) + 1.6))
    colours = ["#2e7d32" if a >= threshold else "#c62828" for a in acc]
    ax.barh(cats[::-1], acc[::-1], color=colours[::-1])
    for y, (a, (ok, n)) in enumerate(zip(acc[::-1], list(s.by_category.values())[::-1], strict=True)):
        ax.text(min(a, 100) + 1, y, f"{a:.0f}% ({ok}/{n})", va="center", fontsize=8)
    ax.axvline(threshold, color="#555", linestyle="--", linewidth=1)
    ax.set_xlim(0, 118)
    ax.set_xlabel("accuracy (%)")
    ax.set_title(f"Accuracy by category: {s.accuracy:.1f}% overall ({s.correct}/{s.total})")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def summary_dict(s: Summary) -> dict[str, Any]:
    d = asdict(s)
    d.pop("failures")
    d.update(
        accuracy=s.accuracy, confidently_wrong_pct=s.confidently_wrong_pct, abstain_precision=s.abstain_precision, abstain_recall=s.abstain_recall,
        citation_accuracy=s.citation_accuracy,
    )
    return d


# --- every set side by side ---------------------------------------------------------------------

SetRow = dict[str, Any]  # name, sealed, and the summary figures (or TAT-QA's)


def set_row(name: str, s: Summary, sealed: bool) -> SetRow:
    return {
        "set": name, "sealed": sealed, "n": s.total, "accuracy": s.accuracy,
        "confidently_wrong": s.confidently_wrong, "confidently_wrong_pct": s.confidently_wrong_pct,
        "abstain_precision": s.abstain_precision, "abstain_recall": s.abstain_recall,
        "clarified": s.clarified, "ungrounded": s.ungrounded, "errors": s.errors,
        "latency_p50_ms": s.latency_p50_ms, "latency_p95_ms": s.latency_p95_ms,
    }


def sets_table(rows: list[SetRow]) -> str:
    head = f"{'set':<16}{'n':>5}{'accuracy':>10}{'conf.wrong':>12}{'abst P':>8}{'abst R':>8}{'ungr.':>7}{'p50 ms':>8}"
    lines = [head, "-" * len(head)]
    for r in rows:
        if r.get("tatqa"):
            lines.append(
                f"{r['set']:<16}{r['n']:>5}{'EM ' + format(r['em'], '.1f'):>10}"
                f"{format(r['confidently_wrong_pct'], '.1f') + '%':>12}{'':>8}{'':>8}{'':>7}"
                f"{r['latency_p50_ms']:>8.0f}   F1 {r['f1']:.1f}"
            )
            continue
        lines.append(
            f"{r['set']:<16}{r['n']:>5}{r['accuracy']:>9.1f}%"
            f"{format(r['confidently_wrong_pct'], '.1f') + '%':>12}{_pct(r['abstain_precision']):>8}"
            f"{_pct(r['abstain_recall']):>8}{r['ungrounded']:>7}{r['latency_p50_ms']:>8.0f}"
        )
    return "\n".join(lines)


def write_overview(folder: Path, rows: list[SetRow], checks: list[tuple[str, bool, str]], meta: dict[str, Any]) -> None:
    """report.md and sets.png over every set run, with links to each set's own report."""
    out = ["# Evaluation: every set", "", f"Run {meta['when']} against {meta['target']}.", ""]
    out += ["## Gates", ""] + [f"- {'PASS' if ok else 'FAIL'}: {name} ({detail})" for name, ok, detail in checks]
    out += ["", "## Sets", "", "![accuracy and confidently wrong by set](sets.png)", ""]
    out.append("| set | questions | accuracy | confidently wrong | abstention P / R | ungrounded | p50 / p95 ms |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        name = f"[{r['set']}]({r['set']}/report.md)" + (" (sealed)" if r.get("sealed") else "")
        if r.get("tatqa"):
            out.append(f"| {name} | {r['n']} | EM {r['em']:.1f} / F1 {r['f1']:.1f} | "
                       f"{r['confidently_wrong']} ({r['confidently_wrong_pct']:.1f}%) | | | "
                       f"{r['latency_p50_ms']:.0f} / {r['latency_p95_ms']:.0f} |")
            continue
        out.append(
            f"| {name} | {r['n']} | {r['accuracy']:.1f}% | {r['confidently_wrong']} ({r['confidently_wrong_pct']:.1f}%) | "
            f"{_pct(r['abstain_precision'])} / {_pct(r['abstain_recall'])} | {r['ungrounded']} | "
            f"{r['latency_p50_ms']:.0f} / {r['latency_p95_ms']:.0f} |"
        )
    out += ["", "Confidently wrong = answered (not abstained, no clarifying question) and wrong: the figure "
            "users care most about. Sealed sets show aggregates only. Details: eval/README.md.", ""]
    (folder / "report.md").write_text("\n".join(out), encoding="utf-8")
    (folder / "summary.json").write_text(json.dumps({"sets": rows, "gates": checks, **meta}, indent=2, default=str),
                                         encoding="utf-8")
    write_sets_chart(folder / "sets.png", rows)


def write_sets_chart(path: Path, rows: list[SetRow]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [r["set"] for r in rows]
    acc = [r["em"] if r.get("tatqa") else r["accuracy"] for r in rows]
    wrong = [r["confidently_wrong_pct"] for r in rows]
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(rows) + 1.6))
    ys = list(range(len(rows)))[::-1]
    ax.barh([y + 0.2 for y in ys], acc, height=0.4, color="#2e7d32", label="accuracy (TAT-QA: EM)")
    ax.barh([y - 0.2 for y in ys], wrong, height=0.4, color="#c62828", label="confidently wrong")
    for y, a, w in zip(ys, acc, wrong, strict=True):
        ax.text(a + 1, y + 0.2, f"{a:.1f}%", va="center", fontsize=8)
        ax.text(w + 1, y - 0.2, f"{w:.1f}%", va="center", fontsize=8)
    ax.set_yticks(ys, names)
    ax.set_xlim(0, 112)
    ax.set_xlabel("% of questions")
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title("Every evaluation set")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
