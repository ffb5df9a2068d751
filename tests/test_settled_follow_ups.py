"""A follow-up the conversation settles is answered, however few words it has (issue 13, follow-ups): "and what was it a
year earlier?" after an answer stating one figure of a series means that series at the period asked, so it is not held
under the cut that a question's word cover must clear. A question that is not such a follow-up still is. The article is
invented; each expected value is read off it by hand."""

from __future__ import annotations

import pytest
from made_figures import engine_over, only_settled_readings

from qa.model.records import Op, Plan
from qa.understand.candidates import settled_by_conversation
from qa.understand.query import Reading

STORY = """# Midwife shortages ease slightly

LONDON, 20 September 2024 - The vacancy rate for midwives at Tarnshire's hospital trusts stood at 9.1 per cent in June
2024, down from 10.4 per cent a year earlier, the workforce board said. Trusts in Wexmoor had a vacancy rate of 6.2 per
cent in June 2024.
"""


def _reading(**kw) -> Reading:
    r = Reading(text="", lowered="")
    for k, v in kw.items():
        setattr(r, k, v)
    return r


@pytest.mark.parametrize("op, groups, reading, settled", [
    (Op.lookup, [["b"]], {"series_next": ["b"]}, True),  # the series' figure at the period asked
    (Op.lookup, [["c"]], {"series_next": ["b"]}, False),  # another figure
    (Op.lookup, [["b", "c"]], {"series_next": ["b"]}, False),  # a sum is no continuation
    (Op.difference, [["a"], ["b"]], {"settled_op": Op.difference, "settled": [["a"], ["b"]]}, True),
    (Op.difference, [["b"], ["a"]], {"settled_op": Op.difference, "settled": [["a"], ["b"]]}, False),
    (Op.lookup, [["b"]], {}, False),
])
def test_settled_by_conversation(op, groups, reading, settled):
    plan = Plan(operation=op, groups=groups, figure_ids=[i for g in groups for i in g])
    assert settled_by_conversation(plan, _reading(**reading)) is settled


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from engine_over(tmp_path_factory, STORY, "Midwife shortages ease slightly", "2024-09-20")


@pytest.mark.parametrize("before, said, follow_up, value", [
    ("What is the midwife vacancy rate in Tarnshire?", "9.1 per cent in June 2024.", "and what was it a year earlier?", 10.4),
    ("What was the Tarnshire vacancy rate in June 2024?", "9.1 per cent.", "and the year before?", 10.4),
    ("What was the Tarnshire vacancy rate in June 2023?", "10.4 per cent.", "and in 2024?", 9.1),
    (None, None, "What share of midwife jobs went unfilled in Tarnshire in 2023?", None),  # no conversation: the cut holds
])
def test_a_settled_follow_up_clears_any_cut(engine, monkeypatch, before, said, follow_up, value):
    from qa.pipeline import ask

    only_settled_readings(monkeypatch)  # the follow-up's own words decide nothing
    history = [{"question": before, "answer": said}] if before else None
    a = ask(follow_up, history, engine=engine)
    if value is None:
        assert a.abstained, a.answer
    else:
        assert not a.abstained, a.answer
        assert a.value == pytest.approx(value), a.answer
