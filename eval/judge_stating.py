"""Judge, held out by article, whether a learned answer-or-abstain rule beats the ranker's single cut.

    python -m eval.judge_stating --groups F     # F: candidates collected by `eval.fit_ranker --verdicts --scoped --groups F`

The reader states its best candidate when the ranker's score clears one cut (`qa.understand.reader.cut_for`), else
abstains (or states the sentence that says nearly all the question says). This asks whether a classifier of "stating the
best candidate beats holding it back" from what the reader knows at that point (the score over the cut, the margin to
the runner-up and to the abstention, the best candidate's named features) chooses better than the cut, on articles it
was not fitted on. Each rule is fitted on nine tenths of the questions (an article's questions together, the seed set's
in slices), its decision threshold set where right - cost x wrong is best on those (losing at most --seed-loss seed-dev
answers, as the gate allows), and read on the tenth held out. `--write` fits the veto-only rule on every question
into qa/understand/stating.json, which the reader reads (`qa.understand.stating`).

Needs scikit-learn (dev lock).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.fit_ranker import Group, below_worth, fold_of, shift_of, stated_worth
from qa.understand.reader import UNSCOPED_CUT_SHIFT
from qa.understand.stating import FLAGS, RULE, inputs


@dataclass
class Decision:
    """One ranked question whose best candidate is no abstention: what stating it is worth, what holding it back is
    worth (each 1 right, 0 abstained, -cost wrong), its score less the cut's shift, and the classifier's inputs."""

    group: str
    stated: float
    below: float
    over: float
    inputs: list[float]


def decisions(groups: list[Group], weights: dict[str, float], features: tuple[str, ...], cost: float) -> list[Decision]:
    """Each question's decision under these ranker weights (questions whose best candidate abstains are left out: the
    reader abstains on them whatever the cut)."""
    import numpy as np

    w = np.array([weights.get(k, 0.0) for k in features])
    out = []
    for g, fs, ls, _ in groups:
        s = np.array([[f[k] for k in features] for f in fs]) @ w + weights.get("bias", 0.0)
        order = [int(i) for i in np.argsort(-s)]
        i = order[0]
        if fs[i]["abstain"]:
            continue
        # the cut moves for a yes/no verdict and for a question read over several articles (`cut_for`)
        over = float(s[i]) - shift_of(fs[i]) - (UNSCOPED_CUT_SHIFT if fs[i].get("_unscoped") else 0.0)
        x = inputs([float(s[j]) for j in order], [bool(fs[j]["abstain"]) for j in order], fs[i], over,
                   {k: fs[i].get(k, 0.0) for k in FLAGS}, int(fs[i].get("_figures", 0.0)), features)
        out.append(Decision(g, stated_worth(fs, ls, i, cost), below_worth(fs, ls, i, cost), over, x))
    return out


def tally(worth: Any, seed: Any) -> dict[str, tuple[int, int]]:
    """(right, wrong) per set of the outcomes `worth` (1 right, 0 abstained, negative wrong)."""
    return {name: (int((worth[m] > 0).sum()), int((worth[m] < 0).sum())) for name, m in (("seed-dev", seed),
                                                                                          ("articles-dev", ~seed))}


def best_threshold(p: Any, stated: Any, below: Any, seed: Any, cost: float, seed_loss: int | None,
                   reference: Any) -> float | None:
    """The threshold on `p` (state where p >= it) with the most right - cost x wrong, among those that lose at most
    `seed_loss` seed-dev right answers and add at most that many wrong ones against stating where `reference` says
    (None: any); None when none does. Worked out for every threshold at once."""
    import numpy as np

    order = np.argsort(-p)
    ps, st, bw, sd = p[order], stated[order], below[order], seed[order].astype(float)

    def totals(x_st: Any, x_bw: Any) -> Any:  # the first k stated, the rest held back, for every k
        return x_bw.sum() + np.concatenate([[0.0], np.cumsum(x_st - x_bw)])

    value = totals(np.where(st < 0, -cost, st), np.where(bw < 0, -cost, bw))
    right = totals((st > 0) * sd, (bw > 0) * sd)
    wrong = totals((st < 0) * sd, (bw < 0) * sd)
    ref = np.where(reference, stated, below)[seed]
    allowed = np.ones(len(value), dtype=bool) if seed_loss is None else \
        (right >= (ref > 0).sum() - seed_loss) & (wrong <= (ref < 0).sum() + seed_loss)
    if not allowed.any():
        return None
    k = int(np.argmax(np.where(allowed, value, -np.inf)))
    if k == 0:
        return float("inf")
    return float("-inf") if k == len(ps) else float((ps[k - 1] + ps[k]) / 2)


def fold10(group_id: str) -> int:
    """Which of ten folds a question is held out in: an article's questions together (`fold_of`)."""
    return zlib.crc32(fold_of(group_id).encode()) % 10


def judge(rows: list[Decision], cut: float, cost: float, seed_loss: int | None, c: float = 1.0
          ) -> dict[str, dict[str, tuple[int, int]]]:
    """Held-out (right, wrong) per set of: the cut as shipped, the cut refitted per fold, and a logistic classifier
    (inputs standardised, each question weighted by how much its decision matters) stating where its probability clears
    a fitted threshold ("classifier") or also where the cut states ("classifier, rescue only": it can only add)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    stated = np.array([r.stated for r in rows])
    below = np.array([r.below for r in rows])
    over = np.array([r.over for r in rows])
    seed = np.array([r.group.startswith("seed-") for r in rows])
    folds = np.array([fold10(r.group) for r in rows])
    x = np.array([r.inputs for r in rows])
    x = (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-9)
    y, weight = (stated > below).astype(int), np.abs(stated - below)
    shipped = over >= cut
    picked = {k: np.zeros(len(rows), dtype=bool) for k in ("refitted cut", "classifier", "classifier, rescue only",
                                                            "classifier, veto only")}
    for held in sorted(set(folds.tolist())):
        train, test = folds != held, folds == held
        fit = train & (weight > 0)
        p = LogisticRegression(C=c, max_iter=5000).fit(x[fit], y[fit], sample_weight=weight[fit]).predict_proba(x)[:, 1]
        for name, score, always in (("refitted cut", over, None), ("classifier", p, None),
                                    ("classifier, rescue only", p, shipped)):
            keep = train & ~always if always is not None else train
            t = best_threshold(score[keep], stated[keep], below[keep], seed[keep], cost, seed_loss, shipped[keep])
            say = shipped if t is None else (score >= t) | (always if always is not None else False)
            picked[name][test] = say[test]
        keep = train & shipped  # the cut's stated answers the classifier may hold back
        t = best_threshold(p[keep], stated[keep], below[keep], seed[keep], cost, seed_loss, shipped[keep])
        picked["classifier, veto only"][test] = (shipped & (p >= (-np.inf if t is None else t)))[test]
    out = {"shipped cut": tally(np.where(shipped, stated, below), seed)}
    for name, say in picked.items():
        out[name] = tally(np.where(say, stated, below), seed)
    return out


def fit_rule(rows: list[Decision], cut: float, cost: float, seed_loss: int | None, c: float,
             veto: bool = True) -> dict[str, Any]:
    """The rule the engine reads (`qa.understand.stating`), fitted on every question: the classifier as `judge` fits it
    and its threshold, losing at most `seed_loss` seed-dev answers against the shipped cut."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    stated = np.array([r.stated for r in rows])
    below = np.array([r.below for r in rows])
    seed = np.array([r.group.startswith("seed-") for r in rows])
    x = np.array([r.inputs for r in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale > 1e-6, scale, 1.0)  # an input that never varies on dev: left unscaled
    y, weight = (stated > below).astype(int), np.abs(stated - below)
    fit = weight > 0
    model = LogisticRegression(C=c, max_iter=5000).fit(((x - mean) / scale)[fit], y[fit], sample_weight=weight[fit])
    p = model.predict_proba((x - mean) / scale)[:, 1]
    shipped = np.array([r.over for r in rows]) >= cut
    # veto only: the rule holds back answers the cut would state, never states one under it
    keep = shipped if veto else np.ones(len(rows), dtype=bool)
    t = best_threshold(p[keep], stated[keep], below[keep], seed[keep], cost, seed_loss, shipped[keep])
    return {"mean": [round(float(v), 6) for v in mean], "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in model.coef_[0]], "intercept": round(float(model.intercept_[0]), 6),
            "threshold": (0.0 if veto else 1.0) if t is None else min(max(round(float(t), 6), 0.0), 1.0),
            "veto_only": veto, "cut": cut}


def main(argv: list[str] | None = None) -> int:
    import json

    from qa.understand.candidates import FEATURES, WEIGHTS

    p = argparse.ArgumentParser(prog="python -m eval.judge_stating", description=__doc__.split("\n\n")[0])
    p.add_argument("--groups", type=Path, required=True, help="candidates collected by eval.fit_ranker --groups")
    p.add_argument("--cost", type=float, default=1.5, help="how many right answers one wrong answer costs")
    p.add_argument("--seed-loss", type=int, default=1,
                   help="how many seed-dev answers a fitted threshold may turn from right, or to wrong (-1: any)")
    p.add_argument("--c", type=float, default=1.0, help="the classifier's inverse regularisation strength")
    p.add_argument("--write", action="store_true", help=f"also fit the rule on every question and write {RULE.name}")
    p.add_argument("--meaning", action="store_true",
                   help="with --write: write the rule as the one read when the question's closeness in meaning was read "
                        "(stating.json 'when_meaning', the rest kept): under a backend that is not semantic the "
                        "shipped rule stays as it was")
    args = p.parse_args(argv)
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    rows = decisions(pickle.loads(args.groups.read_bytes()), data["weights"], FEATURES, args.cost)
    result = judge(rows, float(data["abstain_below"]), args.cost, None if args.seed_loss < 0 else args.seed_loss, args.c)
    for name, per in result.items():
        util = {k: r - args.cost * w for k, (r, w) in per.items()}
        print(f"{name:24} " + "; ".join(f"{k} {r:,} right / {w:,} wrong (utility {util[k]:,.1f})"
                                        for k, (r, w) in per.items()))
    if args.write:
        fitted = fit_rule(rows, float(data["abstain_below"]), args.cost, None if args.seed_loss < 0 else args.seed_loss,
                          args.c)
        fitted["fitted_on"] = (f"{len(rows)} ranked questions of seed-dev + articles-dev (eval.judge_stating --c {args.c:g} "
                               f"--seed-loss {args.seed_loss}{' --meaning' if args.meaning else ''})")
        if args.meaning:
            fitted = {**json.loads(RULE.read_text(encoding="utf-8")), "when_meaning": fitted}
        RULE.write_text(json.dumps(fitted, indent=1), encoding="utf-8")
        print(f"wrote {RULE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
