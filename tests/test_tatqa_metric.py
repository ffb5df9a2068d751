"""Our TAT-QA metric (eval/tatqa_metric.py), against cases worked out by hand from its description."""

from __future__ import annotations

import pytest

from eval.tatqa import context_markdown, prediction, sample
from eval.tatqa_metric import normalise, score, to_number
from qa.model.records import Answer, Unit


@pytest.mark.parametrize(
    "text, number",
    [("1,234", 1234.0), ("$1,452.4", 1452.4), ("(3.4)", -3.4), ("-12.5", -12.5), ("12.5%", 12.5),
     ("23.456", 23.46), ("2019", 2019.0), ("fixed price", None), ("1.2.3", None), ("", None)],
)
def test_numbers_are_read_as_a_reader_would(text, number):
    assert to_number(text) == number


@pytest.mark.parametrize(
    "pred, pred_scale, gold, gold_scale, em, f1",
    [
        (1496.5, "million", ["$1,496.5"], "million", 1.0, 1.0),      # number vs its printed form
        (1496.5, "", ["$1,496.5"], "million", 0.0, 0.0),             # the scale must match
        (12.35, "percent", 12.35, "percent", 1.0, 1.0),
        (12.3, "percent", 12.35, "percent", 0.0, 0.0),               # two decimals: 12.3 is not 12.35
        ("The Fixed Price contracts", "", ["fixed price contracts"], "", 1.0, 1.0),  # articles, case
        # one of three spans, exactly: F1 = 1/3
        ("fixed-price type", "", ["fixed-price type", "cost-plus type", "time-and-material type"], "", 0.0, 0.3333),
        # a span with extra words: tokens 'sales rose' vs 'sales': P 1/2, R 1 -> 0.6667
        ("sales rose", "", ["sales"], "", 0.0, 0.6667),
        # a number in the gold must be matched by the same number
        ("revenue of 45", "", ["revenue of 44"], "", 0.0, 0.0),
        ("", "", ["44.1"], "", 0.0, 0.0),                            # no answer
    ],
)
def test_exact_match_and_f1(pred, pred_scale, gold, gold_scale, em, f1):
    assert score(pred, pred_scale, gold, gold_scale) == (em, pytest.approx(f1, abs=1e-3))


def test_normalise_drops_punctuation_but_keeps_decimals():
    assert normalise("The U.S. grew 3.5 per cent.") == "u s grew 3.5 per cent"


@pytest.mark.parametrize(
    "answer, expected",
    [
        (Answer(answer="It rose 12.5%.", value=12.5, unit=Unit.percent), (12.5, "percent")),
        (Answer(answer="1,452.4", value=1452.4, unit=Unit.count), (1452.4, "")),
        (Answer(answer="The article doesn't say.", abstained=True), ("", "")),
        (Answer(answer="Fixed price contracts."), ("Fixed price contracts.", "")),
    ],
)
def test_an_answer_becomes_a_prediction(answer, expected):
    assert prediction(answer) == expected


def test_a_context_becomes_a_markdown_document_with_a_pipe_table():
    ctx = {"table": {"table": [["", "2019", "2018"], ["Other", "44.1", "56.7"], ["a|b", "1", ""]]},
           "paragraphs": [{"order": 2, "text": "Second."}, {"order": 1, "text": "First   one."}]}
    text = context_markdown(ctx)
    assert "|  | 2019 | 2018 |" in text and "|---|---|---|" in text and "| Other | 44.1 | 56.7 |" in text
    assert "| a/b | 1 |  |" in text  # a pipe inside a cell cannot break the table
    assert text.index("First one.") < text.index("Second.")


def test_the_sample_takes_whole_contexts_in_order():
    data = [{"questions": [1, 2, 3]}, {"questions": [4, 5]}, {"questions": [6]}]
    assert [len(c["questions"]) for c in sample(data, 4)] == [3, 2]
    assert sample(data, None) == data


def test_a_value_from_a_scaled_column_is_given_in_that_scale():
    from types import SimpleNamespace

    fig = SimpleNamespace(scale=1e6)
    answer = Answer(answer="$1,496.5m", value=1_496_500_000, unit=Unit.money, figures=["f1"])
    assert prediction(answer, {"f1": fig}) == (1496.5, "million")
    mixed = Answer(answer="x", value=10, unit=Unit.count, figures=["f1", "f2"])
    assert prediction(mixed, {"f1": fig, "f2": SimpleNamespace(scale=1.0)}) == (10, "")
