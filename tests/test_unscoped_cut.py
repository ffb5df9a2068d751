"""A question no article clearly leads for is read over all of them, and a figure found so is as likely another
article's: its best candidate must clear a higher cut to be stated. A yes/no check keeps its own lower cut (a verdict
from a nearby figure is still right about half the time), and a question read inside one article keeps the fitted cut.
Every name here is invented."""

from __future__ import annotations

import pytest

from qa.model.records import Op, Plan
from qa.understand.reader import UNSCOPED_CUT_SHIFT, VERDICT_CUT_SHIFT, cut_for

CUT = 0.5


def plan(question: str, op: Op = Op.lookup, subjects: tuple[str, ...] = ()) -> Plan:
    return Plan(operation=op, resolved_question=question, subjects=list(subjects))


@pytest.mark.parametrize("p, unscoped, cut", [
    (plan("how many shops did Harlow Mills have at the end of August?"), True, CUT + UNSCOPED_CUT_SHIFT),
    (plan("how many shops did Harlow Mills have at the end of August?"), False, CUT),
    (plan("what was the percentage change in Fenby's visitors?", Op.pct_change), True, CUT + UNSCOPED_CUT_SHIFT),
    (plan("did Fenby's visitors go up?", Op.pct_change, ("Fenby",)), True, CUT + VERDICT_CUT_SHIFT),
    (plan("did Fenby's visitors go up?", Op.pct_change, ("Fenby",)), False, CUT + VERDICT_CUT_SHIFT),
    (plan("anything", Op.abstain), True, CUT),
])
def test_cut_for(p, unscoped, cut):
    assert cut_for(p, CUT, unscoped) == pytest.approx(cut)


def test_no_fitted_cut_stays_none():
    assert cut_for(plan("how many shops?"), None, True) is None


def test_the_shift_raises_the_bar():
    assert UNSCOPED_CUT_SHIFT > 0
