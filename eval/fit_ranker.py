"""Fit the candidate ranker's weights (qa/understand/ranker.json) on the dev sets.

    python -m eval.fit_ranker            # seed-dev + articles-dev; prints held-out accuracy of the choice

For every dev question the reader's candidates are built (each operation the intent model finds likely,
a lookup, and the abstention), each is composed into an answer and scored against the gold with the
evaluation's own rules; a candidate is a positive example when its answer is right. A logistic
regression over the candidates' named features gives the weights. Sealed test sets are never read.

Needs scikit-learn (dev lock); the engine reads the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from eval.run import _engine, _ingest_file
from eval.score import score
from eval.sets import load_set
from qa.understand.candidates import FEATURES, WEIGHTS


def collect(name: str, root: Path) -> list[tuple[str, list[dict[str, float]], list[int]]]:
    from qa.compose.answer import compose
    from qa.model.records import Op
    from qa.text import lexicon
    from qa.understand.clean import clean_history, clean_question
    from qa.understand.reader import understand_candidates

    es = load_set(name)
    if es.articles:
        data_dir = root / name
        for art in es.articles:
            _ingest_file(art.path, art.title, art.published, art.doc_id, data_dir)
        engine = _engine(data_dir)
    else:
        from qa.engine import get_engine

        engine = get_engine()
    lexicon.use(engine.vocabulary_dir)
    out = []
    for item in es.items:
        text = clean_question(item.question, engine.settings.max_question_chars)
        turns = clean_history(item.history or None, engine.settings.max_history_turns, engine.settings.max_question_chars)
        decided, ranked, _ = understand_candidates(engine.terms, engine.index, text, turns)
        if decided is not None or not ranked:
            continue  # decided before ranking: nothing for the ranker to learn
        feats, labels = [], []
        for c in ranked:
            try:
                answer = compose(engine.corpus, c.plan)
            except Exception:  # a candidate that cannot be composed is simply not right
                answer = None
            ok = bool(answer is not None and score(item, answer).correct)
            if c.plan.operation is Op.abstain:
                ok = item.kind == "abstain"
            feats.append(c.features)
            labels.append(int(ok))
        out.append((f"{name}:{item.id}", feats, labels))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.fit_ranker", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=WEIGHTS)
    p.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    p.add_argument("--cost", type=float, default=1.5,
                   help="how many right answers one confidently wrong answer costs (sets the abstention cut)")
    args = p.parse_args(argv)
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    root = Path(tempfile.mkdtemp(prefix="qa-fit-"))
    groups = collect("seed-dev", root) + collect("articles-dev", root)
    X = np.array([[f[k] for k in FEATURES] for _, fs, _ in groups for f in fs])
    y = np.array([lab for _, _, ls in groups for lab in ls])
    qid = [g for g, fs, _ in groups for _ in fs]
    print(f"{len(groups)} questions ranked, {len(y)} candidates, {int(y.sum())} right")

    def choice_accuracy(model: Any, idx: set[str]) -> tuple[int, int]:
        hits = n = 0
        for g, fs, ls in groups:
            if g not in idx:
                continue
            s = model.decision_function(np.array([[f[k] for k in FEATURES] for f in fs]))
            hits += ls[int(np.argmax(s))]
            n += 1
        return hits, n

    names = sorted({g.split(":")[0] + ":" + g.split(":")[1].rsplit("-q", 1)[0] if g.startswith("articles") else
                    g.split(":")[0] for g, _, _ in groups})
    held_hits = held_n = 0
    for name in names:  # leave one out: the seed, and each article
        test = {g for g, _, _ in groups if (g.startswith(name + "-q") if name.startswith("articles") else g.startswith(name))}
        mask = np.array([q not in test for q in qid])
        m = LogisticRegression(C=args.c, max_iter=2000).fit(X[mask], y[mask])
        h, n = choice_accuracy(m, test)
        held_hits, held_n = held_hits + h, held_n + n
    print(f"held-out: the chosen candidate is right for {held_hits}/{held_n} questions that have a choice")
    model = LogisticRegression(C=args.c, max_iter=2000).fit(X, y)
    h, n = choice_accuracy(model, {g for g, _, _ in groups})
    weights = {k: round(float(w), 4) for k, w in zip(FEATURES, model.coef_[0], strict=True)}
    weights["bias"] = round(float(model.intercept_[0]), 4)
    # Below which score is the best candidate not worth stating? A wrong answer stated with a citation costs
    # a user more than "the article doesn't say": pick the cut that maximises right - COST * wrong on dev.
    best_of = []
    for _, fs, ls in groups:
        s = model.decision_function(np.array([[f[k] for k in FEATURES] for f in fs]))
        i = int(np.argmax(s))
        best_of.append((float(s[i]), ls[i], bool(fs[i]["abstain"])))
    cuts = sorted({round(sc, 3) for sc, _, _ in best_of}) + [float("-inf")]
    def utility(cut: float) -> float:
        right = sum(1 for sc, ok, ab in best_of if ok and (sc >= cut or ab))
        wrong = sum(1 for sc, ok, ab in best_of if not ok and not ab and sc >= cut)
        return right - args.cost * wrong
    cut = max(cuts, key=lambda c: (utility(c), -c if c != float("-inf") else 0))
    kept = [(sc, ok) for sc, ok, ab in best_of if sc >= cut and not ab]
    print(f"abstain below score {cut:.3f}: keeps {len(kept)} answers, {sum(ok for _, ok in kept)} right "
          f"(utility right - {args.cost:g} x wrong = {utility(cut):.0f}; with no cut {utility(float('-inf')):.0f})")
    args.out.write_text(json.dumps({"weights": weights, "abstain_below": None if cut == float("-inf") else round(cut, 3),
                                    "cost_of_a_wrong_answer": args.cost, "fitted_on": "seed-dev + articles-dev",
                                    "questions": len(groups), "in_sample_choice_accuracy": f"{h}/{n}"}, indent=1),
                        encoding="utf-8")
    print(f"in sample: {h}/{n}; wrote {args.out}: {weights}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
