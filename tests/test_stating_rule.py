"""The answer-or-abstain rule (qa.understand.stating) as the reader applies it (`reader.stating`): over invented
candidates and an invented rule, the best candidate is stated by how likely the rule finds it right, not by its score
against the cut alone. Expected values worked out by hand."""

import pytest

from qa.model.records import Op, Plan
from qa.understand import reader, stating
from qa.understand.candidates import FEATURES, Candidate
from qa.understand.stating import FLAGS, inputs, likely_right

N = 3 + len(FEATURES) + len(FLAGS) + 2  # over the cut, two leads, the named features, the flags, two counts


def candidate(score: float, op: Op = Op.lookup, figures: int = 1) -> Candidate:
    plan = Plan(operation=op, resolved_question="what was the number of ferry crossings in 2023",
                figure_ids=[f"f{i}" for i in range(figures)])
    return Candidate(plan=plan, asked="lookup", features={"abstain": float(op is Op.abstain)}, score=score)


def lead_rule(threshold: float = 0.5) -> dict[str, object]:
    """A rule reading only the lead over the runner-up: even odds at a lead of 1, surer the further ahead."""
    coef = [0.0] * N
    coef[1] = 4.0
    return {"mean": [0.0] * N, "scale": [1.0] * N, "coef": coef, "intercept": -4.0, "threshold": threshold}


@pytest.mark.parametrize(("scores", "rule", "expected"), [
    ([0.3, 0.2], None, False),  # no rule: under the cut (0.5), held back
    ([0.7, 0.6], None, True),  # no rule: over the cut, stated
    ([0.3, -1.0], "lead", True),  # under the cut, but 1.3 ahead of the runner-up: the rule states it
    ([0.9, 0.8], "lead", False),  # over the cut, but a near tie: the rule holds it back
    ([0.9], "lead", True),  # no runner-up: a lead of FAR
    ([0.3, -1.0], "veto", False),  # a veto-only rule never states what the cut holds back, however far it leads
    ([0.9, 0.8], "veto", False),  # ... and holds back a near tie over the cut
    ([0.9, -1.0], "veto", True),  # over the cut and far ahead: stated
])
def test_stating(monkeypatch: pytest.MonkeyPatch, scores: list[float], rule: str | None, expected: bool) -> None:
    fitted = None if rule is None else {**lead_rule(), "veto_only": rule == "veto", "cut": 0.5}
    monkeypatch.setattr(reader, "rule", lambda: fitted)
    monkeypatch.setattr(reader, "abstain_below", lambda: 0.5)
    ranked = [candidate(s) for s in scores]
    assert reader.stating(ranked, 0.5, unscoped=False) is expected


def test_inputs_read_the_leads() -> None:
    # best 1.0, the abstention 0.4, a runner-up 0.25: leads 0.75 and 0.6
    x = inputs([1.0, 0.4, 0.25], [False, True, False], {"link": 0.5}, 0.2, {"_lookup": 1.0}, 2, FEATURES)
    assert x[:3] == pytest.approx([0.2, 0.75, 0.6])
    assert x[3 + FEATURES.index("link")] == 0.5
    assert x[3 + len(FEATURES) + FLAGS.index("_lookup")] == 1.0
    assert len(x) == N


def test_likely_right_is_the_logistic_of_the_standardised_inputs() -> None:
    fitted = {"mean": [1.0, 0.0], "scale": [2.0, 1.0], "coef": [2.0, 0.0], "intercept": 0.0, "threshold": 0.5}
    assert likely_right([1.0, 5.0], fitted) == pytest.approx(0.5)  # at the mean: even odds
    assert likely_right([3.0, 5.0], fitted) == pytest.approx(1 / (1 + 2.718281828 ** -2.0))


def test_the_shipped_rule_fits_the_inputs() -> None:
    fitted = stating.rule()
    if fitted is None:
        pytest.skip("no rule shipped")
    assert len(fitted["coef"]) == len(fitted["mean"]) == len(fitted["scale"]) == N
    assert 0.0 <= fitted["threshold"] <= 1.0
