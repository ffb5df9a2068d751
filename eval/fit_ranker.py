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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval.run import _engine, _ingest_file
from eval.score import score
from eval.sets import load_set
from qa.understand.candidates import FEATURES, WEIGHTS

Group = tuple[str, list[dict[str, float]], list[int], list[Any]]


def collect(name: str, root: Path, verdicts: bool = False,
            intent_for: Callable[[str], Any] | None = None, scoped: bool = False) -> list[Group]:
    """Every ranked dev question's candidates: features, right/wrong labels, answer keys. `verdicts`: a yes/no question's
    candidate is composed with the verdict its check gives (as the pipeline answers it), so it can be right.
    `intent_for`: the intent model to read each question with (given its group id, "set:item"), so that a question's
    intent feature can come from a model fitted without its fold (cross-fitting); None uses the shipped model.
    `scoped`: read each question within the document the pipeline chooses for it (when one clearly leads), as
    `qa.ask` reads it, instead of over the whole store."""
    from qa.check.expectations import is_claim
    from qa.compose.answer import compose
    from qa.compose.grounding import figure_labels, strict_ungrounded
    from qa.compose.verdict import decide, with_verdict
    from qa.model.records import Op
    from qa.pipeline import _choose as choose
    from qa.text import lexicon
    from qa.understand.clean import clean_history, clean_question
    from qa.understand.reader import named_comparison, named_figure, understand_candidates
    from qa.understand.verdict import asks_verdict, read_check

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
        if intent_for is not None:
            use_intent(intent_for(f"{name}:{item.id}"))
        if is_claim(item.question):
            continue  # a claim to check is answered by the audit (`qa.pipeline._check_claim`), never ranked
        text = clean_question(item.question, engine.settings.max_question_chars)
        turns = clean_history(item.history or None, engine.settings.max_history_turns, engine.settings.max_question_chars)
        doc_id = choose(engine, text, turns) if scoped else None
        terms, index = engine.scope(doc_id) if doc_id is not None else (engine.terms, engine.index)
        decided, ranked, _ = understand_candidates(terms, index, text, turns)  # type: ignore[arg-type]
        if decided is not None or not ranked:
            continue  # decided before ranking: nothing for the ranker to learn
        feats, labels, keys = [], [], []
        prose = prose_outcome(engine, item, terms, index, text, turns) if verdicts else 0.0
        for c in ranked:
            try:
                answer = compose(engine.corpus, c.plan)
            except Exception:  # a candidate that cannot be composed is simply not right
                answer = None
            read = read_check(c.plan.resolved_question.lower().replace("’", "'"), c.plan.subjects)
            check = read if verdicts else None
            if answer is not None and check is not None and not answer.abstained:
                verdict = decide(check, c.plan, answer, c.plan.resolved_question, engine.corpus)
                answer = with_verdict(answer, verdict) if verdict is not None else None
            elif verdicts and answer is not None and not answer.abstained and answer.operation != Op.comparison.value \
                    and asks_verdict(c.plan.resolved_question.lower()):
                answer = None  # a yes/no question whose check is not read: the pipeline abstains on a figure alone
            void = answer is None or answer.abstained or bool(strict_ungrounded(
                answer, c.plan.asked or text, turns, figure_labels(answer, engine.corpus.figures_by_id))) \
                or restated(engine, c.plan, turns)
            ok = bool(answer is not None and score(item, answer).correct)
            if c.plan.operation is Op.abstain:
                ok = item.kind in ("abstain", "reject")  # an abstention is right: nothing to state, or a claim to reject
            # what the pipeline's cut reads besides the score (`qa.understand.reader.cut_for`): a yes/no check's
            # verdict is stated at a lower cut; what it gives below the cut (the sentence stating the figure, or none)
            feats.append({**c.features, "_checked": float(read is not None), "_prose": prose,
                          "_named": float(read is not None and named_figure(c.plan, c.features)),
                          # two named things compared in words of size: the comparison's lower cut
                          "_compared": float(read is None and named_comparison(c.plan, c.features, engine.terms)),
                          "_unanswerable": float(item.kind in ("abstain", "reject")),
                          # stated, it is held back after all (`qa.pipeline`: no verdict, a number no quote gives, the
                          # figure the last answer gave), so it is no wrong answer: the reader abstains
                          "_void": float(void and c.plan.operation is not Op.abstain),
                          # what the answer-or-abstain decision may read besides the features (`qa.understand.confidence`)
                          "_lookup": float(c.plan.operation is Op.lookup), "_figures": float(len(c.plan.figure_ids)),
                          # read over several articles, none leading: a higher cut (`qa.pipeline._plan`)
                          "_unscoped": float(scoped and doc_id is None and len(engine.corpus.documents) > 1)})
            labels.append(int(ok))
            # what the candidate would say: two candidates with the same key give the same answer
            keys.append(None if answer is None or answer.abstained else
                        (round(answer.value, 6) if answer.value is not None else answer.answer))
        out.append((f"{name}:{item.id}", feats, labels, keys))
    if intent_for is not None:
        use_intent(None)
    return out


def restated(engine: Any, plan: Any, turns: Any) -> bool:
    """A follow-up's lookup of the very figure the last answer gave, which the pipeline does not state
    (`qa.pipeline._not_restated`)."""
    from qa.model.records import CLARIFY_OPENING, Op
    from qa.understand.followup import restates_last_answer

    if not turns or plan.operation is not Op.lookup or turns[-1].answer.startswith(CLARIFY_OPENING):
        return False
    figures = [engine.corpus.figures_by_id[i] for i in plan.figure_ids if i in engine.corpus.figures_by_id]
    return bool(restates_last_answer(figures, turns[-1].answer))


def prose_outcome(engine: Any, item: Any, terms: Any, index: Any, text: str, turns: Any) -> float:
    """What the reader states when its best candidate is under the cut (`qa.understand.reader.stated_in_prose`, a
    sentence saying nearly all the question says): 1.0 a right answer, -1.0 a wrong one, 0.0 none (it abstains)."""
    from qa.compose.answer import compose
    from qa.understand.reader import stated_in_prose

    plan = stated_in_prose(terms, index, text, turns)
    if plan is None:
        return 0.0
    try:
        answer = compose(engine.corpus, plan)
    except Exception:
        return 0.0
    if answer.abstained:
        return 0.0
    return 1.0 if score(item, answer).correct else -1.0


def use_intent(model: Any) -> None:
    """Make the reader use this intent model (None: the shipped one) from the next question on."""
    from qa.understand import intent

    if getattr(intent, "_fold_model", None) is model:
        return
    intent._fold_model = model  # type: ignore[attr-defined]
    if not hasattr(intent, "_shipped_model"):
        intent._shipped_model = intent.model  # type: ignore[attr-defined]
    intent.model = intent._shipped_model if model is None else (lambda: model)  # type: ignore[attr-defined]
    intent.intents.cache_clear()


def fold5(group_id: str) -> int:
    """Which of five folds a question falls in for cross-fitting the intent model: an article's questions all in one
    fold (as an unseen article's would be), the seed set's spread over all five."""
    name, item = group_id.split(":", 1)
    key = item.rsplit("-q", 1)[0] if name.startswith("articles") else item
    return sum(map(ord, key)) % 5


def crossfit_intents() -> Callable[[str], Any]:
    """Five intent models, each fitted (as `eval.fit_intent` fits the shipped one) without one fold of the dev
    questions: a question's intent feature then comes from a model that never saw it, as on an unseen article. Without
    this the ranker learns to trust an intent feature that is in-sample on every dev question."""
    from eval.fit_intent import TATQA_FULL, build, dev_rows, export, tatqa_rows
    from eval.sets import TATQA_DEFAULT
    from qa.understand.intent import IntentModel

    tat = tatqa_rows(TATQA_FULL if TATQA_FULL.exists() else TATQA_DEFAULT)
    dev = dev_rows(with_ids=True)
    models = []
    for k in range(5):
        rows = tat + [(g, q, lab) for g, q, lab, gid in dev if fold5(gid) != k]
        models.append(IntentModel(export(build(rows))))
        print(f"intent model without fold {k}: fitted on {len(rows)} questions", file=sys.stderr)
    return lambda group_id: models[fold5(group_id)]


class Pairwise:
    """A linear ranker fitted on pairs: for each question, each right candidate against each wrong one (the feature
    difference, labelled 1, and its negation, labelled 0), by logistic regression without an intercept. The score
    orders a question's candidates; it has no bias, so the abstention cut is fitted on it afterwards."""

    def __init__(self, c: float) -> None:
        self.c = c

    def fit(self, questions: list[tuple[Any, list[int]]]) -> Pairwise:
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        diffs = []
        for x, labels in questions:
            right = [i for i, v in enumerate(labels) if v]
            wrong = [i for i, v in enumerate(labels) if not v]
            diffs += [x[i] - x[j] for i in right for j in wrong]
        d = np.array(diffs)
        m = LogisticRegression(C=self.c, max_iter=5000, fit_intercept=False).fit(
            np.vstack([d, -d]), np.array([1] * len(d) + [0] * len(d)))
        self.coef_ = m.coef_
        self.intercept_ = np.zeros(1)
        return self

    def decision_function(self, x: Any) -> Any:
        return x @ self.coef_[0]


def fold_of(group_id: str) -> str:
    """The fold a question is held out in: its article (every question of one article together, as an unseen
    article's would be), or for the seed set one of five fixed slices of it."""
    name, item = group_id.split(":", 1)
    if name.startswith("articles"):
        return item.rsplit("-q", 1)[0]
    return f"{name}/{sum(map(ord, item)) % 5}"


def outcome(fs: list[dict[str, float]], ls: list[int], scores: Any, cut: float) -> str:
    """What the reader does with one question's candidates under a cut: "right", "wrong" (stated and wrong) or
    "abstained" (right when the question is unanswerable, as the abstention candidate's label says)."""
    i = int(scores.argmax())
    ab = bool(fs[i]["abstain"])
    if ab or scores[i] >= cut + shift_of(fs[i]):
        if fs[i].get("_void") and not ls[i]:
            return "right" if unanswerable(fs, ls) else "abstained"
        return "right" if ls[i] else ("abstained" if ab else "wrong")
    prose = fs[i].get("_prose", 0.0)
    if prose:
        return "right" if prose > 0 else "wrong"
    return "right" if unanswerable(fs, ls) else "abstained"


def unanswerable(fs: list[dict[str, float]], ls: list[int]) -> bool:
    """Whether the question is one the article cannot answer (an abstention is its right answer)."""
    return bool(fs[0].get("_unanswerable")) or any(lab for f, lab in zip(fs, ls, strict=True) if f["abstain"])


def shift_of(f: dict[str, float]) -> float:
    """How far the cut moves for this candidate at ask time (`qa.understand.reader.cut_for`): lower for a yes/no
    check's verdict, lower still for one figure of the thing the question names, lower for two named things compared
    in words of size (recorded when collected with --verdicts)."""
    from qa.understand.reader import COMPARED_CUT_SHIFT, NAMED_LOOKUP_CUT_SHIFT, VERDICT_CUT_SHIFT

    if f.get("_compared"):
        return COMPARED_CUT_SHIFT
    if f.get("_named"):
        return NAMED_LOOKUP_CUT_SHIFT
    return VERDICT_CUT_SHIFT if f.get("_checked") else 0.0


def stated_worth(fs: list[dict[str, float]], ls: list[int], i: int, cost: float) -> float:
    """What a question is worth when its best candidate (i) is stated (`outcome`)."""
    if ls[i]:
        return 1.0
    if fs[i]["abstain"] or fs[i].get("_void"):
        return 1.0 if fs[i].get("_void") and unanswerable(fs, ls) else 0.0
    return -cost


def below_worth(fs: list[dict[str, float]], ls: list[int], i: int, cost: float) -> float:
    """What a question is worth when its best candidate (i) is under the cut: the prose fallback's answer if any,
    else an abstention (right when the question is unanswerable)."""
    prose = fs[i].get("_prose", 0.0)
    if prose:
        return 1.0 if prose > 0 else -cost
    return 1.0 if unanswerable(fs, ls) else 0.0


def best_cut(rows: list[tuple[list[dict[str, float]], list[int], Any]], cost: float) -> float:
    """The cut that maximises right - cost x wrong over (features, labels, scores) of many questions (the rule of
    `outcome`, worked out for every cut at once)."""
    import numpy as np

    top, gain, below = [], [], []
    for fs, ls, s in rows:
        i = int(s.argmax())
        ab = bool(fs[i]["abstain"])
        top.append(float("inf") if ab else float(s[i]) - shift_of(fs[i]))  # an abstention on top is kept whatever the cut
        gain.append(stated_worth(fs, ls, i, cost))  # what stating the best is worth
        below.append(below_worth(fs, ls, i, cost))
    t, g, b = np.array(top), np.array(gain), np.array(below)
    finite = sorted({x for x in top if x != float("inf")})
    cuts = np.array(finite + [float("-inf")] + ([finite[-1] + 1.0] if finite else []))  # the last: state nothing
    kept = t[None, :] >= cuts[:, None]
    utility = np.where(kept, g[None, :], b[None, :]).sum(axis=1)
    return float(cuts[int(np.argmax(utility))])


def cross_validate(groups: list[Group], c: float, cost: float, positive: float = 1.0) -> tuple[int, int, dict[str, tuple[int, int]]]:
    """Leave one article out (the seed set in five slices): fit the weights and the cut without it, then read its
    questions. Returns (right, wrong, per set (right, wrong)): what a refit can be judged on, not its in-sample fit."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    mats = [np.array([[f[k] for k in FEATURES] for f in fs]) for _, fs, _, _ in groups]
    folds = [fold_of(g) for g, _, _, _ in groups]
    right = wrong = 0
    per: dict[str, tuple[int, int]] = {}
    for held in sorted(set(folds)):
        train = [i for i, f in enumerate(folds) if f != held]
        model = LogisticRegression(C=c, max_iter=5000, class_weight={0: 1.0, 1: positive}).fit(
            np.vstack([mats[i] for i in train]), np.concatenate([groups[i][2] for i in train]))
        cut = best_cut([(groups[i][1], groups[i][2], model.decision_function(mats[i])) for i in train], cost)
        for i, f in enumerate(folds):
            if f != held:
                continue
            got = outcome(groups[i][1], groups[i][2], model.decision_function(mats[i]), cut)
            name = groups[i][0].split(":")[0]
            r, w = per.get(name, (0, 0))
            per[name] = (r + (got == "right"), w + (got == "wrong"))
            right, wrong = right + (got == "right"), wrong + (got == "wrong")
    return right, wrong, per


def held_out_scores(groups: list[Group], c: float, positive: float = 1.0) -> list[Any]:
    """Each question's candidate scores from weights fitted without its fold (`fold_of`: its article, or a fifth of the
    seed set)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    mats = [np.array([[f[k] for k in FEATURES] for f in fs]) for _, fs, _, _ in groups]
    folds = [fold_of(g) for g, _, _, _ in groups]
    out: list[Any] = [None] * len(groups)
    for held in sorted(set(folds)):
        train = [i for i, f in enumerate(folds) if f != held]
        model = LogisticRegression(C=c, max_iter=5000, class_weight={0: 1.0, 1: positive}).fit(
            np.vstack([mats[i] for i in train]), np.concatenate([groups[i][2] for i in train]))
        for i, f in enumerate(folds):
            if f == held:
                out[i] = model.decision_function(mats[i])
    return out


def shipped(groups: list[Group], cost: float) -> tuple[int, int]:
    """(right, wrong) of the weights and cut now in ranker.json over the collected questions (in sample for them)."""
    import numpy as np

    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    w = np.array([data["weights"].get(k, 0.0) for k in FEATURES])
    cut = data.get("abstain_below")
    got = [outcome(fs, ls, np.array([[f[k] for k in FEATURES] for f in fs]) @ w + data["weights"].get("bias", 0.0),
                   float("-inf") if cut is None else float(cut)) for _, fs, ls, _ in groups]
    return got.count("right"), got.count("wrong")


def refit_cut(groups: list[Group], cost: float, seed_loss: int, out: Path) -> int:
    """Fit the abstention cut of the weights in `out` (ranker.json; `--cut-only`) and write it there. Measured (2026-12-07,
    scoped candidates): refitting the weights by logistic regression, with any C, class or seed weighting, or by direct
    search on right - 1.5 x wrong, gains on articles-dev only by abstaining on seed-dev questions the shipped weights
    answer right, under the seed-dev gate; the cut alone is the part the grown dev sets move."""
    import numpy as np

    data = json.loads(out.read_text(encoding="utf-8"))
    w = np.array([data["weights"].get(k, 0.0) for k in FEATURES])
    rows = [(g, fs, ls, np.array([[f[k] for k in FEATURES] for f in fs]) @ w + data["weights"].get("bias", 0.0))
            for g, fs, ls, _ in groups]
    old = data.get("abstain_below")
    old = float("-inf") if old is None else float(old)
    folds = np.array([fold_of(g) for g, _, _, _ in rows])
    seed = np.array([g.startswith("seed-") for g, _, _, _ in rows])
    top, kept_right, kept_wrong, below_right, below_wrong = [], [], [], [], []
    for _, fs, ls, s in rows:  # what each question gives with its best candidate stated, and under the cut (`outcome`)
        i = int(s.argmax())
        ab = bool(fs[i]["abstain"])
        top.append(float("inf") if ab else float(s[i]) - shift_of(fs[i]))
        kept_right.append(stated_worth(fs, ls, i, cost) > 0)
        kept_wrong.append(stated_worth(fs, ls, i, cost) < 0)
        below = below_worth(fs, ls, i, cost)
        below_right.append(below > 0)
        below_wrong.append(below < 0)
    t = np.array(top)
    tops = sorted({x for x in top if x != float("inf")})
    # halfway between two questions' scores, so that no question sits on the cut
    cuts = np.array(sorted({(a + b) / 2 for a, b in zip(tops, tops[1:], strict=False)} | {old}))
    kept = t[None, :] >= cuts[:, None]
    right = np.where(kept, np.array(kept_right)[None, :], np.array(below_right)[None, :])
    wrong = np.where(kept, np.array(kept_wrong)[None, :], np.array(below_wrong)[None, :])
    at_old = int(np.flatnonzero(cuts == old)[0])

    def tally(k: int, keep: Any) -> tuple[int, int, int, int]:
        return (int(right[k][keep & seed].sum()), int(wrong[k][keep & seed].sum()),
                int(right[k][keep & ~seed].sum()), int(wrong[k][keep & ~seed].sum()))

    def best(keep: Any) -> int:
        sr = (right[:, keep & seed]).sum(axis=1)
        sw = (wrong[:, keep & seed]).sum(axis=1)
        utility = right[:, keep].sum(axis=1) - cost * wrong[:, keep].sum(axis=1)
        allowed = (sr >= sr[at_old] - seed_loss) & (sw <= sw[at_old] + seed_loss)
        return int(np.argmax(np.where(allowed, utility - 1e-6 * np.abs(cuts - old), -np.inf)))

    everything = np.ones(len(rows), dtype=bool)
    k = best(everything)
    cut = float(cuts[k])
    before, after = 0.0, 0.0  # each article's questions read with the cut fitted without them
    for held in sorted(set(folds[~seed])):
        _, _, r0, w0 = tally(at_old, folds == held)
        _, _, r1, w1 = tally(best(folds != held), folds == held)
        before, after = before + r0 - cost * w0, after + r1 - cost * w1
    sr0, sw0, ar0, aw0 = tally(at_old, everything)
    sr, sw, ar, aw = tally(k, everything)
    print(f"{len(rows)} questions ranked; cut {old:.4f} -> {cut:.4f}: seed-dev {sr0}/{sw0} -> {sr}/{sw}, articles-dev "
          f"{ar0}/{aw0} -> {ar}/{aw} (utility {ar0 - cost * aw0:.1f} -> {ar - cost * aw:.1f}); each article held out: "
          f"{before:.1f} -> {after:.1f}")
    data["abstain_below"] = round(cut, 4)
    data["abstain_below_fitted_on"] = (f"{len(rows)} ranked questions of seed-dev + articles-dev, with these weights "
                                       f"(eval.fit_ranker --cut-only --seed-loss {seed_loss})")
    out.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


def on_top(groups: list[Group], names: list[str], c: float, seed_weight: float, base: dict[str, float]) -> dict[str, float]:
    """The weights of the features `names` fitted on top of the others' (kept at `base`, bias too): a logistic regression
    of each candidate's right/wrong whose offset is the score the kept weights give it, L2-regularised (1/C) except for
    the `meaning` indicator (where the new features count from). Seed-dev candidates weigh `seed_weight`."""
    import numpy as np
    from scipy.optimize import minimize

    kept = [k for k in FEATURES if k not in names]
    rows = [(f, lab, seed_weight if g.startswith("seed-") else 1.0) for g, fs, ls, _ in groups for f, lab in zip(fs, ls, strict=True)]
    x = np.array([[f[k] for k in names] for f, _, _ in rows])
    off = np.array([sum(base.get(k, 0.0) * f[k] for k in kept) + base.get("bias", 0.0) for f, _, _ in rows])
    y = np.array([lab for _, lab, _ in rows], dtype=float)
    sw = np.array([w for _, _, w in rows])
    penal = np.array([0.0 if k == "meaning" else 1.0 / c for k in names])

    def loss(beta: Any) -> tuple[float, Any]:
        z = off + x @ beta
        p = 1.0 / (1.0 + np.exp(-z))
        ll = sw * (np.logaddexp(0.0, z) - y * z)
        return float(ll.sum() + 0.5 * (penal * beta * beta).sum()), x.T @ (sw * (p - y)) + penal * beta

    got = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B")
    return {k: float(v) for k, v in zip(names, got.x, strict=True)}


def scores_of(groups: list[Group], w: dict[str, float]) -> list[Any]:
    import numpy as np

    vec = np.array([w.get(k, 0.0) for k in FEATURES])
    return [np.array([[f[k] for k in FEATURES] for f in fs]) @ vec + w.get("bias", 0.0) for _, fs, _, _ in groups]


def tallies(groups: list[Group], scores: list[Any], cut: float) -> dict[str, tuple[int, int]]:
    """(right, wrong) per set under these scores and cut (`outcome`)."""
    out: dict[str, list[int]] = {"seed-dev": [0, 0], "articles-dev": [0, 0]}
    for (g, fs, ls, _), s in zip(groups, scores, strict=True):
        got = outcome(fs, ls, s, cut)
        name = "seed-dev" if g.startswith("seed-") else "articles-dev"
        out[name][0] += got == "right"
        out[name][1] += got == "wrong"
    return {k: (r, w) for k, (r, w) in out.items()}


def shift_within(groups: list[Group], scores: list[Any], cut: float, cost: float, seed_floor: tuple[int, int]) -> float:
    """How far to move every score (the `meaning` indicator's weight less the fitted one) for the most right - cost x
    wrong on articles-dev among the shifts keeping seed-dev at least `seed_floor` right and at most that many wrong."""
    import numpy as np

    best, at = -np.inf, 0.0
    for d in np.round(np.arange(-1.5, 1.5001, 0.02), 4):
        t = tallies(groups, [s + d for s in scores], cut)
        (sr, sw), (ar, aw) = t["seed-dev"], t["articles-dev"]
        if sr < seed_floor[0] or sw > seed_floor[1]:
            continue
        u = ar - cost * aw - 1e-6 * abs(d)
        if u > best:
            best, at = u, float(d)
    return at


def refit_on_top(groups: list[Group], names: list[str], c: float, cost: float, seed_loss: int, seed_weight: float,
                 out: Path, write: bool) -> int:
    """`--only`: fit the weights of `names` on top of the shipped weights (kept, with the cut), then move the `meaning`
    weight (every candidate's score alike when meaning is read, so the cut a semantic backend meets) to the best
    articles-dev right - cost x wrong losing at most `seed_loss` seed-dev answers against the shipped weights; judged
    leaving each article (and each fifth of the seed set) out."""
    data = json.loads(out.read_text(encoding="utf-8"))
    base = {k: v for k, v in data["weights"].items() if k not in names}
    cut = float(data["abstain_below"])
    t0 = tallies(groups, scores_of(groups, base), cut)

    def fitted(part: list[Group]) -> dict[str, float]:
        w = {**base, **on_top(part, names, c, seed_weight, base)}
        if "meaning" in names:  # the seed-dev answers of the shipped weights, less `seed_loss`, held
            t = tallies(part, scores_of(part, base), cut)["seed-dev"]
            w["meaning"] += shift_within(part, scores_of(part, w), cut, cost, (t[0] - seed_loss, t[1] + seed_loss))
        return w

    w = fitted(groups)
    t1 = tallies(groups, scores_of(groups, w), cut)
    folds = [fold_of(g) for g, _, _, _ in groups]
    held = {"seed-dev": [0, 0], "articles-dev": [0, 0]}
    held0 = {"seed-dev": [0, 0], "articles-dev": [0, 0]}
    for f in sorted(set(folds)):
        train = [g for g, x in zip(groups, folds, strict=True) if x != f]
        test = [g for g, x in zip(groups, folds, strict=True) if x == f]
        for acc, weights in ((held, fitted(train)), (held0, base)):
            for k, (r, wr) in tallies(test, scores_of(test, weights), cut).items():
                acc[k][0] += r
                acc[k][1] += wr

    def say(t: Any) -> str:
        return "; ".join(f"{k} {r}/{wr} (utility {r - cost * wr:.1f})" for k, (r, wr) in t.items())

    print(f"{len(groups)} questions ranked; cut {cut} kept")
    print(f"shipped weights, in sample:  {say(t0)}")
    print(f"on top ({', '.join(f'{k} {w[k]:.4f}' for k in names)}), in sample: {say(t1)}")
    print(f"held out by article: shipped {say(held0)}; on top {say(held)}")
    if write:
        data["weights"] = {**{k: v for k, v in data["weights"].items() if k != "bias"},
                           **{k: round(w[k], 4) for k in names}, "bias": data["weights"]["bias"]}
        data["on_top_fitted_on"] = (f"{len(groups)} ranked questions of seed-dev + articles-dev: {', '.join(names)} fitted "
                                    f"on top of the other weights and the cut, kept (eval.fit_ranker --only "
                                    f"{','.join(names)} --c {c:g} --seed-weight {seed_weight:g} --seed-loss {seed_loss})")
        out.write_text(json.dumps(data, indent=1), encoding="utf-8")
        print(f"wrote {out}")
    return 0


def fit_clarify(model: Any, groups: list[Group], cut: float, cost: float, right_worth: float,
                wrong_worth: float) -> dict[str, float] | None:
    """When should the two best readings be offered back as a question? The same rule as the engine's
    (`qa.understand.candidates.tossup`): the best is no abstention, the runner-up (the next non-abstention) scores
    within `within` of it and at least `floor`, and the two give different answers. The (within, floor) that
    maximises right - cost x wrong + the worth of each clarifying question on dev; None when asking never pays."""
    import numpy as np

    rows = []  # per question: (best score, best right, best abstains, gap, runner-up score, either right) or no pair
    for _, fs, ls, keys in groups:
        s = model.decision_function(np.array([[f[k] for k in FEATURES] for f in fs]))
        order = [int(i) for i in np.argsort(-s)]
        top = order[0]
        real = [i for i in order if not fs[i]["abstain"]]
        pair = None
        if len(real) >= 2 and real[0] == top and keys[real[0]] is not None and keys[real[1]] is not None \
                and keys[real[0]] != keys[real[1]]:
            pair = (float(s[top] - s[real[1]]), float(s[real[1]]), bool(ls[real[0]] or ls[real[1]]))
        rows.append((float(s[top]), ls[top], bool(fs[top]["abstain"]), pair))

    def utility(within: float, floor: float) -> tuple[float, int]:
        total, asked = 0.0, 0
        for sc, ok, ab, pair in rows:
            if pair is not None and pair[0] <= within and pair[1] >= floor:
                total += right_worth if pair[2] else wrong_worth
                asked += 1
            elif ab or sc >= cut:
                total += 1 if ok else (0 if ab else -cost)
        return total, asked

    base, _ = utility(-1.0, float("inf"))
    gaps = sorted({round(p[0], 3) for *_, p in rows if p is not None})
    floors = sorted({round(p[1], 3) for *_, p in rows if p is not None})
    best = (base, 0, None)
    for w in gaps:
        for f in floors:
            u, asked = utility(w, f)
            if u > best[0] + 1e-9 or (abs(u - best[0]) < 1e-9 and best[2] is not None and asked < best[1]):
                best = (u, asked, (w, f))
    if best[2] is None:
        print(f"asking back never pays on dev (utility stays {base:.1f})")
        return None
    w, f = best[2]
    print(f"ask back when the runner-up is within {w:.3f} and scores at least {f:.3f}: {best[1]} questions asked back, "
          f"utility {base:.1f} -> {best[0]:.1f} (an option right = {right_worth:g}, neither = {wrong_worth:g})")
    return {"within": w, "floor": f, "worth_if_right": right_worth, "worth_if_neither": wrong_worth}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.fit_ranker", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=WEIGHTS)
    p.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    p.add_argument("--pairwise", action="store_true",
                   help="learn which of a question's candidates should rank above which (pairs of a right and a wrong "
                        "one) instead of each candidate as right or wrong on its own; measured: a better choice "
                        "held out, but its scores set a worse abstention cut, so it is not the default")
    p.add_argument("--clarify-right", type=float, default=0.5,
                   help="what asking back is worth when one of its two options is right (a right answer is 1)")
    p.add_argument("--clarify-wrong", type=float, default=-1.0,
                   help="what asking back is worth when neither option is right: it shows two wrong numbers, if "
                        "tentatively, so it costs nearly what a wrong answer does")
    p.add_argument("--cost", type=float, default=1.5,
                   help="how many right answers one confidently wrong answer costs (sets the abstention cut)")
    p.add_argument("--positive-weight", type=float, default=1.0,
                   help="weight of a right candidate against a wrong one in the fit (class weighting)")
    p.add_argument("--cut-only", action="store_true",
                   help="keep the weights in ranker.json and fit only its abstention cut: the cut with the most right - "
                        "cost x wrong over the dev sets among those that lose at most --seed-loss right answers of "
                        "seed-dev and add at most that many wrong ones (the seed-dev gate), checked leaving each "
                        "article out")
    p.add_argument("--seed-loss", type=int, default=1,
                   help="with --cut-only: how many seed-dev answers the cut may turn from right, or to wrong")
    p.add_argument("--cv", action="store_true",
                   help="only judge: leave-one-article-out right - cost x wrong of a refit with these settings, beside "
                        "the shipped weights' figures; ranker.json is not written")
    p.add_argument("--crossfit-intent", action="store_true",
                   help="read each dev question with an intent model fitted without its fold (five folds, an article's "
                        "questions together), so the ranker learns how far to trust the intent feature on questions "
                        "the intent model never saw, as on a user's article")
    p.add_argument("--verdicts", action="store_true",
                   help="compose a yes/no question's candidates with their verdict (as the pipeline answers), so they "
                        "can be right")
    p.add_argument("--cut", choices=["in-sample", "held-out"], default="in-sample",
                   help="fit the abstention cut on the final weights' own scores of the dev questions (in-sample), or on "
                        "each question's score from weights fitted without its article (held-out: the scores an unseen "
                        "article's questions get, which in-sample scores overstate)")
    p.add_argument("--scoped", action="store_true",
                   help="read each dev question within the document the pipeline chooses for it (as qa.ask does), "
                        "not over the whole store")
    p.add_argument("--groups", type=Path,
                   help="a file of collected candidates to read (and to write when it does not exist), so repeated "
                        "fits skip ingesting and reading the dev sets; collect afresh whenever features change")
    p.add_argument("--only", type=lambda v: [k for k in v.split(",") if k],
                   help="comma-separated features to fit on top of the shipped weights, which are kept with the cut "
                        "(e.g. sentence_sim,sentence_lead,meaning): a feature read only where the others are, under a "
                        "backend they were fitted on, leaves every other behaviour as it was")
    p.add_argument("--seed-weight", type=float, default=1.0,
                   help="with --only: weight of a seed-dev candidate against an articles-dev one in the fit")
    p.add_argument("--write", action="store_true", help="with --only: write the weights (else only report)")
    args = p.parse_args(argv)
    import pickle

    import numpy as np
    from sklearn.linear_model import LogisticRegression

    if args.groups is not None and args.groups.exists():
        groups = pickle.loads(args.groups.read_bytes())
    else:
        root = Path(tempfile.mkdtemp(prefix="qa-fit-"))
        intent_for = crossfit_intents() if args.crossfit_intent else None
        groups = (collect("seed-dev", root, args.verdicts, intent_for, args.scoped)
                  + collect("articles-dev", root, args.verdicts, intent_for, args.scoped))
        if args.groups is not None:
            args.groups.write_bytes(pickle.dumps(groups))
    if args.cv:
        right, wrong, per = cross_validate(groups, args.c, args.cost, args.positive_weight)
        r0, w0 = shipped(groups, args.cost)
        print(f"{len(groups)} questions ranked; shipped weights (in sample): {r0} right, {w0} wrong, "
              f"utility {r0 - args.cost * w0:.1f}")
        print(f"refit with C={args.c:g}, held out by article: {right} right, {wrong} wrong, utility "
              f"{right - args.cost * wrong:.1f}; " + ", ".join(f"{k} {r}/{w}" for k, (r, w) in sorted(per.items())))
        return 0
    if args.only:
        return refit_on_top(groups, args.only, args.c, args.cost, args.seed_loss, args.seed_weight, args.out, args.write)
    if args.cut_only:
        return refit_cut(groups, args.cost, args.seed_loss, args.out)
    X = np.array([[f[k] for k in FEATURES] for _, fs, _, _ in groups for f in fs])
    y = np.array([lab for _, _, ls, _ in groups for lab in ls])
    qid = [g for g, fs, _, _ in groups for _ in fs]
    print(f"{len(groups)} questions ranked, {len(y)} candidates, {int(y.sum())} right")

    def choice_accuracy(model: Any, idx: set[str]) -> tuple[int, int]:
        hits = n = 0
        for g, fs, ls, _ in groups:
            if g not in idx:
                continue
            s = model.decision_function(np.array([[f[k] for k in FEATURES] for f in fs]))
            hits += ls[int(np.argmax(s))]
            n += 1
        return hits, n

    def fit(keep: set[str] | None) -> Any:
        if not args.pairwise:
            mask = np.array([keep is None or q in keep for q in qid])
            return LogisticRegression(C=args.c, max_iter=2000, class_weight={0: 1.0, 1: args.positive_weight}).fit(
                X[mask], y[mask])
        return Pairwise(args.c).fit([(np.array([[f[k] for k in FEATURES] for f in fs]), ls)
                                     for g, fs, ls, _ in groups if keep is None or g in keep])

    names = sorted({g.split(":")[0] + ":" + g.split(":")[1].rsplit("-q", 1)[0] if g.startswith("articles") else
                    g.split(":")[0] for g, _, _, _ in groups})
    held_hits = held_n = 0
    for name in names:  # leave one out: the seed, and each article
        test = {g for g, _, _, _ in groups if (g.startswith(name + "-q") if name.startswith("articles") else g.startswith(name))}
        m = fit({g for g, _, _, _ in groups} - test)
        h, n = choice_accuracy(m, test)
        held_hits, held_n = held_hits + h, held_n + n
    print(f"held-out: the chosen candidate is right for {held_hits}/{held_n} questions that have a choice")
    model = fit(None)
    h, n = choice_accuracy(model, {g for g, _, _, _ in groups})
    weights = {k: round(float(w), 4) for k, w in zip(FEATURES, model.coef_[0], strict=True)}
    weights["bias"] = round(float(model.intercept_[0]), 4)
    # Below which score is the best candidate not worth stating? A wrong answer stated with a citation costs
    # a user more than "the article doesn't say": pick the cut that maximises right - COST * wrong on dev.
    insample = [(fs, ls, model.decision_function(np.array([[f[k] for k in FEATURES] for f in fs])))
                for _, fs, ls, _ in groups]

    def utility(rows: list[tuple[list[dict[str, float]], list[int], Any]], cut: float) -> str:
        got = [outcome(fs, ls, s, cut) for fs, ls, s in rows]
        r, w = got.count("right"), got.count("wrong")
        return f"{r} right, {w} wrong, utility {r - args.cost * w:.1f}"

    cut = round(best_cut(insample, args.cost), 3)
    if args.cut == "held-out":
        held = held_out_scores(groups, args.c, args.positive_weight)
        rows = [(fs, ls, s) for (_, fs, ls, _), s in zip(groups, held, strict=True)]
        cut = round(best_cut(rows, args.cost), 3)
        print(f"held-out cut {cut:.3f}: by held-out scores {utility(rows, cut)}")
    print(f"abstain below score {cut:.3f}: in sample {utility(insample, cut)} (with no cut: "
          f"{utility(insample, float('-inf'))})")
    # what other fits keep in the file (eval.fit_passage's passage_below) stays as it was
    carried = {k: v for k, v in json.loads(args.out.read_text(encoding="utf-8")).items() if k == "passage_below"} \
        if args.out.exists() else {}
    args.out.write_text(json.dumps({**carried, "weights": weights, "abstain_below": None if cut == float("-inf") else round(cut, 3),
                                    "cost_of_a_wrong_answer": args.cost, "fitted_on": "seed-dev + articles-dev",
                                    "questions": len(groups), "in_sample_choice_accuracy": f"{h}/{n}"}, indent=1),
                        encoding="utf-8")
    clarify = fit_clarify(model, groups, cut, args.cost, args.clarify_right, args.clarify_wrong)
    data = json.loads(args.out.read_text(encoding="utf-8"))
    data["clarify"] = clarify
    args.out.write_text(json.dumps(data, indent=1), encoding="utf-8")
    print(f"in sample: {h}/{n}; wrote {args.out}: {weights}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
