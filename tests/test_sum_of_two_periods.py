"""A total of one thing at two times ("the two Januaries put together", "over both years shown", "across the two
Oct-Dec quarters"): the thing's own series at those two times, not two rows of a table ("the two januaries" counts no
rows) and not a figure of another size that shares its words. Invented names and numbers; the expected operands are
read off the figures by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Op, Plan, Unit
from qa.understand.plans import Context, both_periods, plan_sum
from qa.understand.query import read_question

TEXT = ("The Fenwick helpline took 9,400 calls in January, up from 7,100 in January 2024. Its web chat handled 2,300 "
        "chats in January and 1,800 in January 2024. Fenwick paid out £27.1m in compensation in October to December "
        "2023 and £19.6m in the same quarter of 2022; its 12 call centres each took calls all year.")


def _known():
    def f(i, subject, measure, period, v, unit, quote):
        return figure_in(TEXT, "d", i, subject, measure, period, v, unit, quote)

    return known_of(TEXT, "d", [
        f("calls_25", "Fenwick helpline", "calls", "2025-01", 9400, Unit.count, "9,400"),
        f("calls_24", "Fenwick helpline", "calls", "2024-01", 7100, Unit.count, "7,100"),
        f("chats_25", "Fenwick web chat", "chats", "2025-01", 2300, Unit.count, "2,300"),
        f("chats_24", "Fenwick web chat", "chats", "2024-01", 1800, Unit.count, "1,800"),
        f("comp_23", "Fenwick", "compensation paid", "2023-10/2023-12", 27.1e6, Unit.money, "£27.1m"),
        f("comp_22", "Fenwick", "compensation paid", "2022-10/2022-12", 19.6e6, Unit.money, "£19.6m"),
        f("centres", "Fenwick", "call centres", "2025-01", 12, Unit.count, "12"),
    ], published="2025-02-12")


@pytest.mark.parametrize("question, unit, ids", [
    ("How many calls did the helpline take in the two Januaries put together?", Unit.count, ["calls_24", "calls_25"]),
    ("Total compensation paid across the two Oct-Dec quarters?", Unit.money, ["comp_22", "comp_23"]),
    ("How many chats did the web chat handle across 2024 and 2025 together?", Unit.count, ["chats_24", "chats_25"]),
    # one period asked: no total of two times
    ("How many calls did the helpline take in January?", Unit.count, None),
])
def test_one_thing_at_two_times_added_up(question, unit, ids):
    known = _known()
    r = replace(read_question(known, question, 2025), operation=Op.sum)
    got = both_periods(Context(known=known, sims={}, doc_year=2025), r, unit)
    assert (sorted(f.id for f in got) if got else None) == ids


def test_the_two_januaries_are_no_two_rows():
    known = _known()
    r = replace(read_question(known, "How many calls did the helpline take in the two Januaries put together?", 2025),
                operation=Op.sum)
    plan = plan_sum(Context(known=known, sims={}, doc_year=2025), Plan(operation=Op.sum), r)
    assert plan.operation is Op.sum
    assert sorted(plan.figure_ids) == ["calls_24", "calls_25"]
