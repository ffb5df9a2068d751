""""What about Westland?" after an answer about Northshire asks the same of Westland (issue 13, follow-ups), also when
prose labels the two places' figures in other words ("2,648 homes given the go-ahead ... Westland signed off 1,618"): the
one figure of that place stated beside the answer's, of its unit, period and kind (a level or a change). "And in May
2023?" likewise asks the figure of the same place stated beside it at that period ("took 14.6 weeks ..., against a wait
of 11.9 weeks in May 2023"). Not a figure stated far away. The article is invented; each expected value is read off it."""

from __future__ import annotations

import pytest
from made_figures import engine_over, only_settled_readings

STORY = """# Home approvals mixed across the states

SYDNEY, 2 July 2024 - Dwelling approvals fell across most of the country in May. Northshire bucked the trend, with 2,648
homes given the go-ahead, a 4.2 per cent rise on April, while Westland signed off 1,618, up 16.3 per cent. Eastvale
approved 3,905 dwellings in May. The typical Northshire application took 14.6 weeks to decide in May 2024, against a
wait of 11.9 weeks in May 2023.

Builders blamed high interest rates and a shortage of skilled trades for the fall, which left approvals well short of
the national target. The housing minister said the government would release more land for building, and promised to
speed up planning decisions for larger estates on the edge of the biggest cities over the coming year. Industry groups
welcomed the plan but warned that rising costs for materials would keep pressure on builders for months to come, while
lenders reported that fewer first-time buyers were taking out loans. Analysts expect a modest recovery later in the
year. In the year to May, Southmere approved 41,200 homes.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from engine_over(tmp_path_factory, STORY, "Home approvals mixed across the states", "2024-07-02")


@pytest.mark.parametrize("before, said, follow_up, value", [
    ("How many homes were approved in Northshire in May?", "2,648, up 4.2% on April.", "what about Westland?", 1618),
    ("By how much did Northshire's approvals rise in May?", "4.2 per cent.", "what about Westland?", 16.3),
    ("How many homes were approved in Northshire in May?", "2,648.", "and Eastvale?", 3905),
    ("What was the typical Northshire wait for a decision in May 2024?", "14.6 weeks.", "and in May 2023?", 11.9),
    ("What was the typical Northshire wait for a decision in May 2024?", "14.6 weeks.", "and the year before?", 11.9),
    # stated a long way from the answer's figure, and of another period: not the same figure of another place
    ("How many homes were approved in Northshire in May?", "2,648.", "what about Southmere?", None),
])
def test_the_same_figure_of_another_place(engine, monkeypatch, before, said, follow_up, value):
    from qa.pipeline import ask

    only_settled_readings(monkeypatch)  # the follow-up's own words decide nothing
    a = ask(follow_up, [{"question": before, "answer": said}], engine=engine)
    if value is None:
        assert a.abstained, a.answer
    else:
        assert not a.abstained, a.answer
        assert a.value == pytest.approx(value), a.answer
