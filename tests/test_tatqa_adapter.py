"""The TAT-QA adapter (eval/tatqa.py): how a context is presented and how an answer becomes a prediction.

Expected values are worked out by hand from the cases below."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from eval.tatqa import as_written, context_markdown, exact_result, prediction
from eval.tatqa_split import tuning_split
from qa.model.records import Answer, Calculation, Citation, Unit


def fig(quote, value, unit=Unit.money, scale=1.0):
    return SimpleNamespace(quote=quote, value=value, unit=unit, scale=scale)


@pytest.mark.parametrize("f, expected", [
    (fig("$1,407", 1_407_000, scale=1e3), ("$1,407", "thousand")),  # a cell of an "(in thousands)" table
    (fig("(992)", -992_000, scale=1e3), ("(992)", "thousand")),  # a bracketed negative, as written
    (fig("sales of $25.7 million in 2019", 25_700_000), ("$25.7 million", "")),  # the scale is in the words
    (fig("49%", 49, Unit.percent), ("49%", "")),
    (fig("49", 49, Unit.percent), ("49", "percent")),  # a bare cell of a "%" column
    (fig("up 12 from 2,300", 2300, Unit.count), ("2,300", "")),  # the number that is the value, not the first
])
def test_a_figure_is_given_as_written(f, expected):
    assert as_written(f) == expected


def calc(op, operands, result, unit=Unit.percent):
    return Calculation(operation=op, expression="", result=result, unit=unit, operands=operands)


FIGS = {"a": fig("142,105", 142_105), "b": fig("237,235", 237_235), "c": fig("3", 3, Unit.count)}


@pytest.mark.parametrize("c, expected", [
    (calc("pct_change", ["a", "b"], 66.9), (237_235 - 142_105) / 142_105 * 100),  # 66.94, not 66.9
    (calc("average", ["a", "b"], 189_670, Unit.money), 189_670.0),
    (calc("difference", ["b", "a"], 95_130, Unit.money), 95_130.0),
    (calc("pct_change", ["a", "b"], 12.0), None),  # does not round to the stated result: not ours to change
    (calc("average", ["a", "missing"], 1.0), None),
])
def test_a_calculation_is_recomputed_unrounded(c, expected):
    got = exact_result(c, FIGS)
    assert (got is None) if expected is None else got == pytest.approx(expected)


def test_a_prediction_from_a_calculation_has_two_decimals_and_the_table_scale():
    figs = {"x": fig("1,200", 1_200_000, scale=1e3), "y": fig("1,100", 1_100_000, scale=1e3)}
    change = Answer(answer="…", value=9.1, unit=Unit.percent, calculation=calc("pct_change", ["y", "x"], 9.1))
    assert prediction(change, figs) == (9.09, "percent")
    mean = Answer(answer="…", value=1_150_000, unit=Unit.money,
                  calculation=calc("average", ["x", "y"], 1_150_000, Unit.money))
    assert prediction(mean, figs) == (1150.0, "thousand")


@pytest.mark.parametrize("quotes, values, expected", [
    # both written in billions in the prose: the sum in billions, as the document would write it
    (("$2.0 billion of senior notes", "$6.0 billion of notes"), (2e9, 6e9), (8.0, "billion")),
    (("$60.3 million", "$80.5m"), (60.3e6, 80.5e6), (140.8, "million")),
    # one in millions, one in billions: no one scale to give it in
    (("$60.3 million", "$1.2 billion"), (60.3e6, 1.2e9), (1_260_300_000.0, "")),
])
def test_a_sum_of_figures_written_with_one_scale_word_is_given_in_that_scale(quotes, values, expected):
    figs = {"p": fig(quotes[0], values[0]), "q": fig(quotes[1], values[1])}
    total = sum(values)
    answer = Answer(answer="…", value=total, unit=Unit.money, calculation=calc("sum", ["p", "q"], total, Unit.money))
    assert prediction(answer, figs) == expected


def test_a_text_answer_is_the_span_it_gives():
    a = Answer(answer="The article says: “fees for tax returns”.",
               citations=[Citation(doc_id="d", start=0, end=19, quote="fees for tax returns")])
    assert prediction(a) == ("fees for tax returns", "")
    two = Answer(answer="…", citations=[Citation(doc_id="d", start=9, end=28, quote="fees for tax returns"),
                                         Citation(doc_id="d", start=0, end=28, quote="Tax fees are fees for tax returns")])
    # the span the answer states is cited first, the passage around it second: the span is the prediction
    assert prediction(two) == ("fees for tax returns", "")


def test_the_paragraph_introducing_the_table_comes_before_it():
    ctx = {"table": {"table": [["", "2019"], ["Wages", "1"]]},
           "paragraphs": [{"order": 1, "text": "Costs rose."},
                          {"order": 2, "text": "The following table shows costs (in thousands):"},
                          {"order": 3, "text": "Wages include bonuses."}]}
    text = context_markdown(ctx)
    assert text.index("Costs rose.") < text.index("The following table") < text.index("| Wages") < text.index(
        "Wages include")


def test_the_tuning_split_shares_nothing_with_the_sample():
    def ctx(t, qs):
        return {"table": {"uid": t}, "questions": [{"uid": q} for q in qs]}
    data = [ctx("t1", ["a", "b"]), ctx("t2", ["c"]), ctx("t3", ["d", "e"]), ctx("t4", ["f"])]
    split = tuning_split(data, [ctx("t1", ["a", "b"])], n=10, seed=1)
    assert {c["table"]["uid"] for c in split} == {"t2", "t3", "t4"}
    assert tuning_split(data, [], n=2, seed=1) == tuning_split(data, [], n=2, seed=1)  # fixed seed, same split


def test_a_difference_of_percents_is_given_as_a_percent():
    a = Answer(answer="4 percentage points", value=4.0, unit=Unit.percentage_points)
    assert prediction(a) == (4.0, "percent")


def test_the_paragraph_that_names_the_table_wins_over_an_earlier_colon():
    ctx = {"table": {"table": [["", "2019"], ["Rights", "1"]]},
           "paragraphs": [{"order": 1, "text": "It has been offered to:"},
                          {"order": 2, "text": "New hires."},
                          {"order": 3, "text": "The following table summarises movements in rights:"}]}
    text = context_markdown(ctx)
    assert text.index("New hires.") < text.index("The following table") < text.index("| Rights")


def dated(quote, value, period, scale=1.0, unit=Unit.money):
    return SimpleNamespace(quote=quote, value=value, unit=unit, scale=scale, period=period)


LISTED = {"y19": dated("(5,062)", -5_062_000, "2019-12-31", 1e3), "y18": dated("$6,533", 6_533_000, "2018-12-31", 1e3),
          "t17": dated("$0.6 million", 600_000, "2017")}


@pytest.mark.parametrize("answer, expected", [
    # several figures listed: each as written, one item each, with the table's scale
    (Answer(answer="…", operation="each", figures=["y19", "y18"]), (["(5,062)", "$6,533"], "thousand")),
    # the years that pass a test: the years, one item each
    (Answer(answer="…", operation="which", figures=["y19", "y18"]), (["2019", "2018"], "")),
    # how many pass: a count, with no scale (not the table's thousands)
    (Answer(answer="…", operation="how_many", value=2, unit=Unit.count, figures=["y19", "y18"]), (2, "")),
    (Answer(answer="…", operation="each", figures=["t17"]), (["$0.6 million"], "")),
])
def test_a_listing_becomes_one_item_per_figure(answer, expected):
    assert prediction(answer, LISTED) == expected
