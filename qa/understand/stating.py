"""Whether the best candidate is worth stating: a fitted rule over what the reader knows when it decides.

One cut on the ranker's score weighs every question alike; how far the best candidate leads the runner-up and the
abstention, and which of its features carry the score, say more about whether it is right. The rule is a logistic
classifier of "stating beats holding back" (fitted by `python -m eval.judge_stating --write`, judged held out by
article); the engine reads its coefficients from stating.json. Measured, it pays only as a veto (`veto_only`): it
holds back answers the cut would state, and states nothing under it (stating more under the cut adds about as many
wrong answers as right ones, as lowering the cut does). Without that file the reader keeps the single cut.

When the question's closeness in meaning was read (a semantic embedding backend: the ranker's `meaning` feature is 1),
the reader takes the rule in the file's `when_meaning` instead, fitted reading `sentence_sim` and `sentence_lead`
(`python -m eval.judge_stating --write --meaning`): a figure whose sentence says something else than the question is
held back. Under a backend that is not semantic those features keep their neutral 0 and the first rule decides as it
was fitted.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

RULE = Path(__file__).resolve().parent / "stating.json"
# what a margin is taken to be when there is nothing to lead (no runner-up, no abstention); larger margins are cut to it
FAR = 3.0
FLAGS = ("_checked", "_named", "_lookup", "_unscoped")


def inputs(scores: list[float], abstains: list[bool], top: dict[str, float], over: float, flags: dict[str, float],
           figures: int, features: tuple[str, ...]) -> list[float]:
    """The classifier's inputs for one question: the best candidate's score over its cut (`over`, the score less the
    cut's shift), its lead over the runner-up and over the abstention, its named features, the flags that move its cut
    (a yes/no verdict, one named figure, a lookup, read over several articles), how many figures it reads, and how many
    candidates there were. `scores` and `abstains` are every candidate's, best first."""
    rest = [s for s, ab in zip(scores[1:], abstains[1:], strict=True) if not ab]
    held = [s for s, ab in zip(scores, abstains, strict=True) if ab]
    runner_up = min(scores[0] - rest[0], FAR) if rest else FAR
    to_abstain = min(scores[0] - held[0], FAR) if held else FAR
    return ([over, runner_up, to_abstain] + [top.get(k, 0.0) for k in features] + [flags.get(k, 0.0) for k in FLAGS]
            + [math.log1p(figures), math.log1p(len(scores))])


@lru_cache(maxsize=1)
def rule() -> dict[str, Any] | None:
    """The fitted rule (None: keep the single cut)."""
    if not RULE.exists():
        return None
    return json.loads(RULE.read_text(encoding="utf-8"))


def likely_right(x: list[float], fitted: dict[str, Any]) -> float:
    """How likely stating the best candidate beats holding it back, by the fitted rule."""
    z = fitted["intercept"] + sum((v - m) / s * c for v, m, s, c in zip(x, fitted["mean"], fitted["scale"],
                                                                        fitted["coef"], strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


def worth_stating(x: list[float], fitted: dict[str, Any]) -> bool:
    """Whether the rule states the best candidate; a veto-only rule (`veto_only`) also needs it over the cut it was
    fitted with (its first input, the score less the cut's shift, at least that cut)."""
    if fitted.get("veto_only") and x[0] < fitted["cut"]:
        return False
    return likely_right(x, fitted) >= fitted["threshold"]
