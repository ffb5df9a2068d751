"""Fit which document a question is about (`qa/retrieve/chooser.json`, read by `qa.retrieve.scope.DocumentChooser`).

    python -m eval.fit_chooser --store /tmp/store            # fit on articles-dev; prints the held-out choice
    python -m eval.fit_chooser --store /tmp/store --dry-run  # measure only, write nothing

Every articles-dev question is asked of a store holding every article (as `qa eval` does, `eval.choose`). Each
(question, document) pair gives a row of the chooser's named features (`FEATURES` and their leads over the best
other document), labelled by whether the document is the question's gold one; a logistic regression gives each
document a chance. The likeliest document is read alone when its chance reaches a cut; under it the whole store is
read. Weights and cut are measured by leaving articles out (GroupKFold over the gold documents: a question is scored
by a model that never saw its article), and the cut maximises right - cost x wrong-document (`COST`: a question read inside
another article is answered from the wrong figures, far worse than the gain of reading the right one alone; reading
the whole store is the neutral choice). The written model
is fitted on every article with the cut so chosen. Sealed test sets are never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from eval.choose import cached_hits, probes, store_engine
from eval.sets import load_set

# What a question read in another document costs, against what one read in its own gains, each next to reading the
# whole store. Measured by `qa eval` on articles-dev (2026-12-07, cut 0.5): the 181 questions moved from the whole
# store to their own document gained 10.0 in right - 1.5 x confidently wrong (0.055 each), the 40 moved to another
# document lost 14.5 (0.36 each): reading one document makes the reader bolder, a wrong one more so.
COST = 6.0
CUTS = [round(0.05 * i, 2) for i in range(2, 20)] + [0.96, 0.97, 0.98, 0.99]


def utility(outcomes: Sequence[str], cost: float = COST) -> float:
    """right - cost x wrong over the questions' buckets (right / none / wrong)."""
    return sum(1 for o in outcomes if o == "right") - cost * sum(1 for o in outcomes if o == "wrong")


def outcome(per_probe: list[tuple[str, float]], gold: str, cut: float) -> str:
    """Where a question lands at a cut, given each probe's likeliest document and its chance."""
    d, p = decide(per_probe, cut)
    return "none" if p < cut else "right" if d == gold else "wrong"


def best_cut(questions: Sequence[tuple[list[tuple[str, float]], str]], cuts: Sequence[float] = CUTS,
             cost: float = COST) -> float:
    """The cut on the best document's chance that maximises `utility`; per question, each probe's likeliest
    document and its chance, and the gold document. Ties go to the higher cut (fewer questions read in one document)."""
    return max(cuts, key=lambda c: (utility([outcome(ch, g, c) for ch, g in questions], cost), c))


def collect(name: str, store: Path | None) -> tuple[list[dict[str, Any]], list[str], Any]:
    """Per question: its gold document, and per probe the features of every document."""
    from qa.retrieve.scope import HITS, DocumentChooser
    from qa.understand.clean import clean_history, clean_question

    engine = store_engine(name, store)
    settings = engine.settings
    es = load_set(name)
    asked = []
    for item in es.items:
        text = clean_question(item.question, settings.max_question_chars)
        turns = clean_history(item.history, settings.max_history_turns, settings.max_question_chars)
        asked.append((item, probes(text, turns)))
    kept = store / f"{name}-hits.json" if store is not None else None
    hits = cached_hits(engine, [p for _, ps in asked for p in ps], kept, HITS)
    chooser = DocumentChooser(engine.corpus, fitted=False)
    docs = [d.id for d in engine.corpus.documents]
    rows = []
    for item, ps in asked:
        feats = [chooser.features(p, hits[p]) for p in ps]
        rows.append({"id": item.id, "gold": item.document, "probes": [np.array([f[d] for d in docs]) for f in feats]})
    return rows, docs, engine


def choices(model: Any, rows: list[dict[str, Any]], docs: list[str]) -> list[list[tuple[str, float]]]:
    """Per question, per probe: the likeliest document and its chance."""
    out = []
    for r in rows:
        per = []
        for x in r["probes"]:
            p = model.predict_proba(x)[:, 1]
            i = int(np.argmax(p))
            per.append((docs[i], float(p[i])))
        out.append(per)
    return out


def decide(per_probe: list[tuple[str, float]], cut: float) -> tuple[str, float]:
    """As the pipeline asks: the first probe whose best document reaches the cut, else the last probe's best."""
    for d, p in per_probe:
        if p >= cut:
            return d, p
    return per_probe[-1]


def fit(rows: list[dict[str, Any]], docs: list[str], c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([r["probes"][0] for r in rows])
    y = np.concatenate([[d == r["gold"] for d in docs] for r in rows]).astype(int)
    return LogisticRegression(C=c, max_iter=5000).fit(x, y)


def held_out(rows: list[dict[str, Any]], docs: list[str], c: float, folds: int) -> list[list[tuple[str, float]]]:
    from sklearn.model_selection import GroupKFold

    out: list[list[tuple[str, float]]] = [[] for _ in rows]
    groups = [r["gold"] for r in rows]
    for train, test in GroupKFold(n_splits=folds).split(rows, groups=groups):
        model = fit([rows[i] for i in train], docs, c)
        for i, ch in zip(test, choices(model, [rows[i] for i in test], docs), strict=True):
            out[i] = ch
    return out


def report(label: str, per_q: list[list[tuple[str, float]]], rows: list[dict[str, Any]], cut: float,
           cost: float = COST) -> str:
    outs = [outcome(ch, r["gold"], cut) for ch, r in zip(per_q, rows, strict=True)]
    n = {b: outs.count(b) for b in ("right", "none", "wrong")}
    return f"{label}: cut {cut:.2f}  right {n['right']}  none {n['none']}  wrong {n['wrong']}  utility {utility(outs, cost):.1f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.fit_chooser", description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, default=None, help="build the articles-dev store here once and reuse it")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--folds", type=int, default=11, help="GroupKFold folds over the articles")
    ap.add_argument("--cost", type=float, default=COST, help="what a question read in another document costs")
    ap.add_argument("--cut", type=float, default=None,
                    help="write this cut instead of the held-out one (one chosen on `qa eval`'s utility)")
    ap.add_argument("--dry-run", action="store_true", help="measure only; write nothing")
    ap.add_argument("--out", type=Path, default=None, help="where to write (default qa/retrieve/chooser.json)")
    args = ap.parse_args(argv)
    from qa.retrieve.scope import WEIGHTS, feature_names

    rows, docs, _ = collect("articles-dev", args.store)
    per_q = held_out(rows, docs, args.c, args.folds)
    flat = [(*decide(ch, 0.0), r["gold"]) for ch, r in zip(per_q, rows, strict=True)]
    cut = best_cut([(ch, r["gold"]) for ch, r in zip(per_q, rows, strict=True)], cost=args.cost)  # probes as the pipeline asks them
    if args.cut is not None:
        cut = args.cut
    print(f"{len(rows)} questions, {len(docs)} documents; top-1 held out: "
          f"{sum(d == g for d, _, g in flat)} of {len(flat)}")
    for k in sorted({*CUTS[::3], cut}):
        print(("* " if k == cut else "  ") + report("held out", per_q, rows, k, args.cost))
    model = fit(rows, docs, args.c)
    names = feature_names()
    for name, w in zip(names, model.coef_[0], strict=True):
        print(f"  {name:<16}{w:+.3f}")
    if args.dry_run:
        return 0
    out = args.out or WEIGHTS
    out.write_text(json.dumps({
        "_doc": "fitted by python -m eval.fit_chooser on articles-dev (logistic regression; cut held out by article)",
        "features": names, "weights": [round(float(w), 6) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 6), "cut": cut, "cost": args.cost, "c": args.c,
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
