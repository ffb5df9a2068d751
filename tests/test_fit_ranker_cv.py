"""The ranker refit's judging helpers: which fold a question is held out in, what the reader does under a cut, and
the cut that pays best. Expected values worked out by hand from the inputs."""

import numpy as np
import pytest

from eval.fit_ranker import best_cut, fold5, fold_of, outcome

OPEN = {"abstain": 0.0}
ABSTAIN = {"abstain": 1.0}


@pytest.mark.parametrize(("group_id", "fold"), [
    ("articles-dev:city-rents-2024-q12", "city-rents-2024"),  # every question of one article held out together
    ("articles-dev:a-q1-b-q3", "a-q1-b"),  # only the last "-q" ends the article's name
    ("seed-dev:ab", "seed-dev/0"),  # ord("a") + ord("b") = 195, 195 % 5 = 0
    ("seed-dev:b", "seed-dev/3"),  # 98 % 5 = 3
])
def test_fold_of(group_id: str, fold: str) -> None:
    assert fold_of(group_id) == fold


@pytest.mark.parametrize(("features", "labels", "scores", "cut", "expected"), [
    ([OPEN, ABSTAIN], [1, 0], [0.5, 0.1], 0.3, "right"),  # the best is over the cut and right
    ([OPEN, ABSTAIN], [0, 0], [0.5, 0.1], 0.3, "wrong"),  # over the cut and wrong: stated wrongly
    ([OPEN, ABSTAIN], [1, 0], [0.5, 0.1], 0.7, "abstained"),  # under the cut: a right answer not given
    ([OPEN, ABSTAIN], [0, 1], [0.5, 0.1], 0.7, "right"),  # under the cut on an unanswerable question
    ([OPEN, ABSTAIN], [1, 0], [0.1, 0.5], 0.0, "abstained"),  # the abstention ranked first
    ([OPEN, ABSTAIN], [0, 1], [0.1, 0.5], 0.0, "right"),  # ... and the question is unanswerable
])
def test_outcome(features: list[dict[str, float]], labels: list[int], scores: list[float], cut: float,
                 expected: str) -> None:
    assert outcome(features, labels, np.array(scores), cut) == expected


def test_best_cut_weighs_a_wrong_answer_at_its_cost() -> None:
    rows = [([OPEN], [1], np.array([0.9])), ([OPEN], [0], np.array([0.5])), ([OPEN], [1], np.array([0.2]))]
    # cut 0.9: 1 right (1); 0.5: 1 right, 1 wrong (-0.5); 0.2 or none: 2 right, 1 wrong (0.5)
    assert best_cut(rows, 1.5) == 0.9
    # a wrong answer costing only 0.5: stating all three gives 2 - 0.5 = 1.5, the best
    assert best_cut(rows, 0.5) in (0.2, float("-inf"))


def test_best_cut_can_state_nothing() -> None:
    # every stated answer would be wrong: the best cut is above every score (0 instead of -1.5 or -3)
    rows = [([OPEN], [0], np.array([0.5])), ([OPEN, ABSTAIN], [0, 0], np.array([0.8, 0.1]))]
    assert best_cut(rows, 1.5) > 0.8


@pytest.mark.parametrize(("group_id", "fold"), [
    ("articles-dev:abc-q3", 4),  # the article's name: 97 + 98 + 99 = 294, 294 % 5 = 4
    ("articles-dev:abc-q17", 4),  # every question of an article in one fold
    ("seed-dev:ab", 0),  # a seed question by its own id: 195 % 5 = 0
])
def test_fold5_keeps_an_article_together(group_id: str, fold: int) -> None:
    assert fold5(group_id) == fold
