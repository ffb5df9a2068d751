"""The judge of a learned answer-or-abstain rule (eval.judge_stating), over invented candidates: what each question's
decision is worth, the threshold that pays best, and a held-out classifier finding a signal the single cut cannot read.
Expected values worked out by hand from the inputs."""

import numpy as np
import pytest

from eval.judge_stating import Decision, best_threshold, decisions, fit_rule, judge
from qa.understand.stating import FAR, worth_stating

FEATURES = ("a", "b", "abstain")
WEIGHTS = {"a": 1.0, "b": 0.5, "abstain": 0.2, "bias": 0.0}
OPEN = {"a": 0.0, "b": 0.0, "abstain": 0.0}


@pytest.mark.parametrize(("features", "labels", "expected"), [
    # scores 1.0, 0.5 and 0.2 (the abstention): stated right (1), held back an abstention (0); 0.5 to the runner-up,
    # 0.8 to the abstention
    ([{**OPEN, "a": 1.0}, {**OPEN, "b": 1.0}, {**OPEN, "abstain": 1.0}], [1, 0, 0], (1.0, 0.0, 1.0, 0.5, 0.8)),
    # a wrong best candidate with no runner-up and no abstention: stated costs 1.5, margins at FAR
    ([{**OPEN, "a": 2.0}], [0], (-1.5, 0.0, 2.0, FAR, FAR)),
    # a yes/no verdict is read against a cut 0.5 lower (`cut_for`): its score counts 0.5 higher
    ([{**OPEN, "a": 1.0, "_checked": 1.0}], [1], (1.0, 0.0, 1.5, FAR, FAR)),
    # on a question the article cannot answer, holding back is right
    ([{**OPEN, "a": 1.0, "_unanswerable": 1.0}], [0], (-1.5, 1.0, 1.0, FAR, FAR)),
])
def test_decisions(features: list[dict[str, float]], labels: list[int], expected: tuple[float, ...]) -> None:
    (d,) = decisions([("articles-dev:x-q1", features, labels, [None] * len(labels))], WEIGHTS, FEATURES, 1.5)
    stated, below, over, runner_up, to_abstain = expected
    assert (d.stated, d.below) == (stated, below)
    assert d.over == pytest.approx(over)
    assert d.inputs[1:3] == pytest.approx([runner_up, to_abstain])


def test_an_abstention_on_top_is_no_decision() -> None:
    group = ("articles-dev:x-q1", [{**OPEN, "abstain": 1.0}, OPEN], [1, 0], [None, None])
    assert decisions([group], WEIGHTS, FEATURES, 1.5) == []


def test_best_threshold_weighs_a_wrong_answer_at_its_cost() -> None:
    p = np.array([0.9, 0.7, 0.4, 0.1])
    stated = np.array([1.0, -1.5, 1.0, -1.5])  # right, wrong, right, wrong
    below = np.zeros(4)
    seed = np.zeros(4, dtype=bool)
    # stating the first k: 0, 1, -0.5, 0.5, -1: the first alone pays best, so the threshold lies between 0.9 and 0.7
    assert best_threshold(p, stated, below, seed, 1.5, None, np.zeros(4, dtype=bool)) == pytest.approx(0.8)
    # a wrong answer costing 0.5: 0, 1, 0.5, 1.5, 1: the first three
    assert best_threshold(p, stated, below, seed, 0.5, None, np.zeros(4, dtype=bool)) == pytest.approx(0.25)


def test_best_threshold_keeps_the_seed_set() -> None:
    p = np.array([0.9, 0.2])
    stated = np.array([-1.5, 1.0])  # the likelier one is wrong, the other right
    below = np.zeros(2)
    seed = np.array([False, True])
    # the best alone would state nothing (0 against -0.5 for both); the seed's right answer, stated now, may not be
    # lost: both are stated
    assert best_threshold(p, stated, below, seed, 1.5, 0, np.array([False, True])) == float("-inf")
    assert best_threshold(p, stated, below, seed, 1.5, None, np.array([False, True])) == float("inf")


def test_judge_finds_what_the_score_misses() -> None:
    # 40 invented articles of 10 questions: the ranker's score says nothing of whether stating is right, one named
    # feature ("b") says it all. The cut can only state all or nothing; a classifier fitted without the article states
    # the right ones.
    rng = np.random.default_rng(7)
    groups = []
    for art in range(40):
        for q in range(10):
            good = (art + q) % 2 == 0
            f = {"a": float(rng.uniform(0.0, 2.0)), "b": 1.0 if good else 0.0, "abstain": 0.0}
            groups.append((f"articles-dev:art{art}-q{q}", [f], [int(good)], [None]))
    rows = decisions(groups, {"a": 1.0, "b": 0.0, "abstain": 0.0, "bias": 0.0}, FEATURES, 1.5)
    got = judge(rows, 1.0, 1.5, None)
    assert got["classifier"]["articles-dev"] == (200, 0)
    right, wrong = got["refitted cut"]["articles-dev"]
    assert right - 1.5 * wrong < 200 / 2


@pytest.mark.parametrize("veto", [True, False])
def test_fit_rule_holds_back_what_a_named_input_marks_wrong(veto: bool) -> None:
    # every best candidate is over the cut (0.5); the second input says which are right. The written rule, read as
    # the engine reads it, states exactly those (a veto-only rule as well, since all are over the cut).
    rows = [Decision(f"articles-dev:a{i % 7}-q{i}", 1.0 if i % 3 else -1.5, 0.0, 1.0, [1.0, float(i % 3 != 0)])
            for i in range(60)]
    fitted = fit_rule(rows, 0.5, 1.5, None, 1.0, veto=veto)
    assert fitted["veto_only"] is veto
    assert [worth_stating(r.inputs, fitted) for r in rows] == [r.stated > 0 for r in rows]


def test_a_veto_only_rule_states_nothing_under_the_cut() -> None:
    rows = [Decision(f"articles-dev:a{i}-q1", 1.0, 0.0, 0.2, [0.2, 1.0]) for i in range(10)]
    rows += [Decision(f"articles-dev:b{i}-q1", -1.5, 0.0, 1.0, [1.0, 0.0]) for i in range(10)]
    fitted = fit_rule(rows, 0.5, 1.5, None, 1.0, veto=True)
    # the right ones are under the cut: a veto cannot state them; the wrong ones over it are held back
    assert not any(worth_stating(r.inputs, fitted) for r in rows)
