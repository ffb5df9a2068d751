"""The ranker refit's judging helpers: which fold a question is held out in, what the reader does under a cut, and
the cut that pays best. Expected values worked out by hand from the inputs."""

import json

import numpy as np
import pytest

from eval.fit_ranker import best_cut, fold5, fold_of, outcome, refit_cut
from qa.understand.candidates import FEATURES
from qa.understand.reader import VERDICT_CUT_SHIFT

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


CHECKED = {"abstain": 0.0, "_checked": 1.0}  # a yes/no check's verdict: stated at the lower cut, as `cut_for` does
PROSE_RIGHT = {"abstain": 0.0, "_prose": 1.0}  # under the cut, the sentence stating the figure answers it rightly
PROSE_WRONG = {"abstain": 0.0, "_prose": -1.0}  # ... wrongly
NOTHING_TO_SAY = {"abstain": 0.0, "_unanswerable": 1.0}  # unanswerable, though no abstention was among its candidates
HELD_BACK = {"abstain": 0.0, "_void": 1.0}  # stated, the pipeline holds it back (no verdict, an ungrounded number)


@pytest.mark.parametrize(("features", "labels", "score", "cut", "expected"), [
    (CHECKED, 1, 0.7 + VERDICT_CUT_SHIFT / 2, 0.7, "right"),  # a verdict under the cut but over the verdict's cut
    (OPEN, 1, 0.7 + VERDICT_CUT_SHIFT / 2, 0.7, "abstained"),  # the same score on a figure: held back
    (CHECKED, 1, 0.7 + VERDICT_CUT_SHIFT * 2, 0.7, "abstained"),  # under both cuts
    (PROSE_RIGHT, 0, 0.1, 0.5, "right"),  # under the cut the reader states the sentence's figure, and it is right
    (PROSE_WRONG, 1, 0.1, 0.5, "wrong"),  # ... and it is wrong: a wrong answer, not an abstention
    (PROSE_WRONG, 0, 0.9, 0.5, "wrong"),  # over the cut the best candidate is stated, whatever the sentence says
    (NOTHING_TO_SAY, 1, 0.1, 0.5, "right"),  # under the cut an unanswerable question is answered by abstaining
    (NOTHING_TO_SAY, 0, 0.9, 0.5, "wrong"),  # over it, a figure stated for it is wrong
    (HELD_BACK, 0, 0.9, 0.5, "abstained"),  # over the cut but held back: no wrong answer
    ({**HELD_BACK, "_unanswerable": 1.0}, 0, 0.9, 0.5, "right"),  # ... and on an unanswerable question, right
])
def test_outcome_reads_the_cut_as_the_reader_does(features: dict[str, float], labels: int, score: float, cut: float,
                                                  expected: str) -> None:
    assert outcome([features], [labels], np.array([score]), cut) == expected


@pytest.mark.parametrize(("rows", "cost", "expected"), [
    # a right verdict at 0.5 and a wrong figure at 0.6: a cut of 0.5 - shift (1.0 for figures) states the verdict
    # (0.5 >= its cut 0.5) and holds the figure back; a cut that stated the verdict only by stating the figure too
    # (0.6 or lower) would be worth 1 - 1.5
    ([([CHECKED], [1], np.array([0.5])), ([OPEN], [0], np.array([0.6]))], 1.5, 0.5 - VERDICT_CUT_SHIFT),
    # under every cut the sentence's figure is wrong: stating the right best candidate (0.2) is better than falling
    # back on it, and the wrong 0.5 one costs 1.5, so the cut stays at 0.2 (2 - 1.5 = 0.5 against -3 under both)
    ([([PROSE_WRONG], [1], np.array([0.2])), ([PROSE_WRONG], [0], np.array([0.5]))], 1.5, 0.2),
])
def test_best_cut_reads_the_cut_as_the_reader_does(rows, cost: float, expected: float) -> None:
    assert best_cut(rows, cost) == pytest.approx(expected)


def _weights(tmp_path, cut: float):
    out = tmp_path / "ranker.json"
    out.write_text(json.dumps({"weights": {**dict.fromkeys(FEATURES, 0.0), "link": 1.0, "bias": 0.0},
                               "abstain_below": cut}), encoding="utf-8")
    return out


def _group(group_id: str, score: float, right: int) -> tuple:
    return (group_id, [{**dict.fromkeys(FEATURES, 0.0), "link": score}], [right], [None])


# Three articles, each with a wrong answer scoring 0.5 and a right one scoring 0.6; the seed set's two right answers
# score 0.4 and 0.45. The cut now is 0.3. Halfway between 0.5 and 0.6 is best for the articles (3 right, none wrong,
# instead of 3 right and 3 wrong) but loses both seed answers.
GROUPS = [_group(f"articles-dev:{a}-q1", 0.5, 0) for a in "abc"] + [_group(f"articles-dev:{a}-q2", 0.6, 1)
                                                                     for a in "abc"] \
    + [_group("seed-dev:x", 0.4, 1), _group("seed-dev:y", 0.45, 1)]


@pytest.mark.parametrize(("seed_loss", "expected"), [
    (0, 0.3),  # the seed set's two answers kept: the cut stays (stating the wrong 0.5 ones: 5 - 4.5 beats 3 - 4.5)
    (1, 0.3),  # losing one seed answer (0.425) still states the three wrong ones: nothing gained, the cut stays
    (2, 0.55),  # both may go: halfway between 0.5 and 0.6, the three wrong answers held back (3 right, 0 wrong)
])
def test_refit_cut_keeps_the_seed_set(tmp_path, seed_loss: int, expected: float) -> None:
    out = _weights(tmp_path, 0.3)
    refit_cut(GROUPS, 1.5, seed_loss, out)
    assert json.loads(out.read_text(encoding="utf-8"))["abstain_below"] == pytest.approx(expected)
