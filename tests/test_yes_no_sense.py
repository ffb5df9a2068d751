"""Yes/no checks and A-or-B comparisons asked for the better or the worse, one change against another, and two named
things compared in words of size (qa/understand/verdict.py, qa/compose/verdict.py, qa/understand/reader.py).

"Did it improve?" is a direction whose sign is the measure's: a rise in complaints or waiting is for the worse, a rise
in a pass rate for the better, and a share seen within a standard is a pass rate whatever its words. "Did A grow faster
than B?" compares the two changes. "Which leaked more, A or B?" of one figure each is stated at a lower cut. The places,
measures and figures are invented."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from qa.compose.verdict import decide, oriented
from qa.corpus.collection import Corpus
from qa.model.records import Answer, Document, Figure, Op, Plan
from qa.understand.reader import COMPARED_CUT_SHIFT, cut_for, named_comparison
from qa.understand.verdict import (
    Check,
    change_asked,
    lower_is_better_asked,
    read_check,
    sized_comparison,
    worse_when_higher,
)


@pytest.mark.parametrize("question, subjects, sense, above", [
    ("did northmoor improve compared with last year?", ["Northmoor"], "better", True),
    ("has the westbury backlog got worse?", ["Westbury"], "worse", False),
    ("did the harbour trust's response times get better?", [], "better", True),
    ("did eastfield deteriorate over the year?", ["Eastfield"], "worse", False),
    ("is the pass rate improving?", [], "better", True),
])
def test_better_or_worse_is_a_direction_with_a_sense(question, subjects, sense, above):
    check = read_check(question, subjects)
    assert check is not None and check.kind == "direction"
    assert (check.sense, check.above) == (sense, above)


@pytest.mark.parametrize("question, subjects, kind", [
    # one change against another, the first named ahead: a compare check of the two changes
    ("did northmoor grow faster than southmoor?", ["Northmoor", "Southmoor"], "compare"),
    ("have fares at eastport risen more quickly than at westport?", ["Eastport", "Westport"], "compare"),
    # "slower" asks for the lower change, which no check reads yet; one thing named: no two changes to set apart
    ("did northmoor grow slower than southmoor?", ["Northmoor", "Southmoor"], None),
    ("are wages going up faster than prices?", [], None),
    # which one, not yes or no
    ("did northmoor or southmoor grow faster?", ["Northmoor", "Southmoor"], None),
])
def test_a_faster_change_than_another_is_a_compare_check(question, subjects, kind):
    check = read_check(question, subjects)
    assert (check.kind if check is not None else None) == kind


@pytest.mark.parametrize("text, worse", [
    ("complaints per 100,000 parcels", True),
    ("patients waiting more than six weeks", True),
    ("students who dropped out after the first year", True),
    ("patients seen within four hours", False),  # a share inside a standard: more is better
    ("patients waiting under 18 weeks", False),
    ("pass rate at grades A to C", False),
    ("visitors", False),
])
def test_measures_where_more_is_worse(text, worse):
    assert worse_when_higher(text) is worse


@pytest.mark.parametrize("question, measure, low", [
    ("which had the better complaint record, a or b?", "complaints", True),
    ("which had the worse complaint record, a or b?", "complaints", False),
    ("which had the better pass rate, a or b?", "pass rate", False),
    ("which had the worse pass rate, a or b?", "pass rate", True),
    ("which did better on the target, a or b?", "patients seen within four hours", False),
    ("which had more visitors, a or b?", "visitors", None),  # neither better nor worse: the words of size decide
])
def test_a_comparison_for_the_better_or_worse_is_oriented_by_the_measure(question, measure, low):
    assert lower_is_better_asked(question, measure) is low


def _corpus(measure: str) -> Corpus:
    text = f"Westbury {measure}: 41 in 2023 and 47 in 2024."
    figs = [Figure(id=i, doc_id="d", subject="Westbury", measure=measure, period=p, value=v, unit="count",
                   quote=str(v), start=text.index(str(v)), end=text.index(str(v)) + 2)
            for i, p, v in (("w23", "2023", 41), ("w24", "2024", 47))]
    return Corpus([Document(id="d", title="Invented", published="2025-02-01", text=text)], figs)


@pytest.mark.parametrize("measure, sense, verdict", [
    ("complaints", "worse", True),  # complaints rose: it got worse
    ("complaints", "better", False),
    ("visits", "better", True),  # visits rose: it got better
    ("visits", "worse", False),
    ("patients seen within four hours", "better", True),
])
def test_a_rise_is_for_the_better_or_worse_by_the_figure_measure(measure, sense, verdict):
    corpus = _corpus(measure)
    got = Answer(answer="From 41 to 47, the change is 14.6%.", value=14.6, unit="percent", operation="pct_change",
                 figures=["w23", "w24"])
    check = Check("direction", above=sense == "better", sense=sense)
    plan = Plan(operation=Op.pct_change, groups=[["w23"], ["w24"]], subjects=["Westbury"])
    assert decide(check, plan, got, "did westbury get better?", corpus) is verdict
    assert oriented(check, got, corpus).sense == ""


@pytest.mark.parametrize("question, sized, change", [
    ("which leaked more in 2024, northmoor or southmoor?", True, False),
    ("was eastport or westport busier?", True, False),
    ("which had the better pass rate, a or b?", True, False),
    ("which was faster to emergency calls, a or b?", False, False),  # a quality whose sense no label carries
    ("which had cleaner air, a or b?", False, False),
    ("which fell more, cheddar or brie?", True, True),
    ("who got the bigger raise, a or b?", True, True),
    ("which improved more, a or b?", False, False),  # better in the measure's sense, and changed: not plain
])
def test_comparisons_in_words_of_size(question, sized, change):
    assert sized_comparison(question) is sized
    assert change_asked(question) is change


def _two_places(measure: str = "leakage", unit: str = "count") -> SimpleNamespace:
    text = "Northmoor 426 Southmoor 410"
    figs = [Figure(id=i, doc_id="d", subject=s, measure=measure, period="2024", value=v, unit=unit, quote=str(v),
                   start=text.index(str(v)), end=text.index(str(v)) + 3)
            for i, s, v in (("n", "Northmoor", 426), ("s", "Southmoor", 410))]
    return SimpleNamespace(corpus=Corpus([Document(id="d", title="Invented", published="2025-02-01", text=text)], figs))


NAMED_PAIR = {"places": 1.0, "same_measure": 1.0, "years": 1.0, "operands": 2.0}


@pytest.mark.parametrize("question, features, measure, unit, named", [
    ("which leaked more in 2024, northmoor or southmoor?", NAMED_PAIR, "leakage", "count", True),
    # another period than asked, a thing not found, two measures: not the plain comparison
    ("which leaked more in 2024, northmoor or southmoor?", {**NAMED_PAIR, "years_extra": 1.0}, "leakage", "count", False),
    ("which leaked more in 2024, northmoor or southmoor?", {**NAMED_PAIR, "places": 0.5}, "leakage", "count", False),
    ("which leaked more in 2024, northmoor or southmoor?", {**NAMED_PAIR, "same_measure": 0.0}, "leakage", "count",
     False),
    # a word of quality, or a change asked of two levels
    ("which was faster in 2024, northmoor or southmoor?", NAMED_PAIR, "response time", "count", False),
    ("which grew more in 2024, northmoor or southmoor?", NAMED_PAIR, "leakage", "count", False),
    # a change asked of two stated changes
    ("which fell more in 2024, northmoor or southmoor?", NAMED_PAIR, "percent change in leakage", "percent", True),
])
def test_two_named_things_compared_in_words_of_size(question, features, measure, unit, named):
    known = _two_places(measure, unit)
    top = Plan(operation=Op.comparison, groups=[["n"], ["s"]], subjects=["Northmoor", "Southmoor"],
               resolved_question=question)
    assert named_comparison(top, features, known) is named  # type: ignore[arg-type]
    shift = COMPARED_CUT_SHIFT if named else 0.0
    assert cut_for(top, 0.5, features=features, known=known) == pytest.approx(0.5 + shift)  # type: ignore[arg-type]


@pytest.mark.parametrize("question, subjects, kind, above, threshold", [
    # a thing against itself at an earlier quarter or half, "yr" written short
    ("did eastport handle more in q3 than in q2?", ["Eastport"], "direction", True, 0.0),
    ("were westbury's sales lower in h2 than h1?", ["Westbury"], "direction", False, 0.0),
    ("was the catch lower in 2024 than the yr before?", [], "direction", False, 0.0),
    # "did X drop?": the verb at the question's end, a fall
    ("did exports to northmoor drop?", ["Northmoor"], "direction", False, 0.0),
    # "are most ...?": a share above half
    ("are most pupils in state schools?", [], "share_above", True, 50.0),
    ("was the majority of the budget spent on roads?", [], "share_above", True, 50.0),
])
def test_more_forms_of_a_yes_no_check(question, subjects, kind, above, threshold):
    check = read_check(question, subjects)
    assert check is not None
    assert (check.kind, check.above, check.threshold) == (kind, above, threshold)


@pytest.mark.parametrize("question, kind", [
    ("was the drop bigger than 10%?", "value_above"),  # a noun, with its own threshold: no direction
    ("are most of the time figures late?", None),  # "most of the time" is no share asked
])
def test_forms_that_are_not_those_checks(question, kind):
    check = read_check(question, [])
    assert (check.kind if check is not None else None) == kind


@pytest.mark.parametrize("question, changes, lower", [
    # a change named as a noun of pay, price or loss: two changes compared, the lower for a hit or a loss
    ("who got the bigger raise, northmoor or southmoor?", True, False),
    ("which took the bigger hit, starlings or sparrows?", True, True),
    ("which saw the larger loss, eastport or westport?", True, True),
    ("who had the higher pay, northmoor or southmoor?", False, False),
])
def test_a_change_named_as_a_noun_compares_changes(question, changes, lower):
    from qa.understand.plans import lower_change_asked
    from qa.understand.query import CHANGE_COMPARE

    assert bool(CHANGE_COMPARE.search(question)) is changes
    assert lower_change_asked(question) is lower
