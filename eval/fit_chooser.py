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
FLOORS = [0.2, 0.3, 0.4, 0.5, 0.6]  # a document clear of the rest: its chance at least this
MARGINS = [0.1, 0.2, 0.3, 0.4, 0.5]  # and the runner-up's at most this share of it


def utility(outcomes: Sequence[str], cost: float = COST) -> float:
    """right - cost x wrong over the questions' buckets (right / none / wrong)."""
    return sum(1 for o in outcomes if o == "right") - cost * sum(1 for o in outcomes if o == "wrong")


Probe = tuple[str, float, float]  # a probe's likeliest document, its chance and the runner-up's chance
Rule = tuple[float, float, float]  # cut, floor, margin: as `qa.retrieve.scope.ChooserModel.reads_alone`


def reads_alone(best: float, second: float, rule: Rule) -> bool:
    from qa.retrieve.scope import ChooserModel

    return ChooserModel((), 0.0, *rule).reads_alone(best, second)


def outcome(per_probe: Sequence[Probe], gold: str, rule: Rule) -> str:
    """Where a question lands under a rule, given each probe's likeliest document and the chances."""
    d = decide(per_probe, rule)
    return "none" if d is None else "right" if d == gold else "wrong"


def best_rule(questions: Sequence[tuple[Sequence[Probe], str]], cuts: Sequence[float] = CUTS,
              cost: float = COST, clear: bool = True) -> Rule:
    """The rule that maximises `utility`: the cut on the best document's chance and, with `clear`, the floor and
    margin under which a document clear of the rest is read alone; per question, each probe's likeliest document
    and chances, and the gold document. Ties go to the higher cut and floor and the lower margin (fewer questions
    read in one document)."""
    rules = [(c, f, m) for c in cuts for f, m in ([(1.0, 0.0)] + (
        [(f, m) for f in FLOORS for m in MARGINS] if clear else []))]
    return max(rules, key=lambda r: (utility([outcome(ch, g, r) for ch, g in questions], cost), r[0], r[1], -r[2]))


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


def choices(model: Any, rows: list[dict[str, Any]], docs: list[str]) -> list[list[Probe]]:
    """Per question, per probe: the likeliest document, its chance and the runner-up's."""
    out = []
    for r in rows:
        per = []
        for x in r["probes"]:
            p = model.predict_proba(x)[:, 1]
            i, j = (int(k) for k in np.argsort(-p, kind="stable")[:2])
            per.append((docs[i], float(p[i]), float(p[j])))
        out.append(per)
    return out


def decide(per_probe: Sequence[Probe], rule: Rule) -> str | None:
    """As the pipeline asks: the best document of the first probe that reads it alone, else None."""
    for d, p, second in per_probe:
        if reads_alone(p, second, rule):
            return d
    return None


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


def report(label: str, per_q: list[list[Probe]], rows: list[dict[str, Any]], rule: Rule, cost: float = COST) -> str:
    outs = [outcome(ch, r["gold"], rule) for ch, r in zip(per_q, rows, strict=True)]
    n = {b: outs.count(b) for b in ("right", "none", "wrong")}
    return (f"{label}: cut {rule[0]:.2f} floor {rule[1]:.2f} margin {rule[2]:.2f}  right {n['right']}  none {n['none']}  "
            f"wrong {n['wrong']}  utility {utility(outs, cost):.1f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.fit_chooser", description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, default=None, help="build the articles-dev store here once and reuse it")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--folds", type=int, default=11, help="GroupKFold folds over the articles")
    ap.add_argument("--cost", type=float, default=COST, help="what a question read in another document costs")
    ap.add_argument("--cut", type=float, default=None,
                    help="write this cut instead of the held-out one (one chosen on `qa eval`'s utility)")
    ap.add_argument("--no-clear", action="store_true",
                    help="the cut alone: no document read alone under it however clear of the rest")
    ap.add_argument("--dry-run", action="store_true", help="measure only; write nothing")
    ap.add_argument("--out", type=Path, default=None, help="where to write (default qa/retrieve/chooser.json)")
    args = ap.parse_args(argv)
    from qa.retrieve.scope import WEIGHTS, feature_names

    rows, docs, _ = collect("articles-dev", args.store)
    per_q = held_out(rows, docs, args.c, args.folds)
    asked = [(ch, r["gold"]) for ch, r in zip(per_q, rows, strict=True)]  # probes as the pipeline asks them
    rule = best_rule(asked, cost=args.cost, clear=not args.no_clear)
    plain = best_rule(asked, cost=args.cost, clear=False)
    if args.cut is not None:
        rule = (args.cut, 1.0, 0.0) if args.no_clear else (args.cut, *rule[1:])
    top = sum(decide(ch, (0.0, 1.0, 0.0)) == g for ch, g in asked)
    print(f"{len(rows)} questions, {len(docs)} documents; top-1 held out: {top} of {len(rows)}")
    for k in sorted({*[(c, 1.0, 0.0) for c in CUTS[::3]], plain, rule}):
        print(("* " if k == rule else "  ") + report("held out", per_q, rows, k, args.cost))
    cut = rule[0]
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
        "bias": round(float(model.intercept_[0]), 6), "cut": cut, "floor": rule[1], "margin": rule[2],
        "cost": args.cost, "c": args.c,
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
