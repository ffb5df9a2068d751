"""The learned intent model and the yes/no reading: table-driven, with questions written for this test
(not taken from any gold set), each of a kind the model must tell apart."""

from __future__ import annotations

import pytest

from qa.model.records import Op
from qa.understand.intent import char_wb_ngrams, intents, word_ngrams
from qa.understand.verdict import operation_for, read_check


@pytest.mark.parametrize(
    "question, expected",
    [
        ("By what percentage did hospital admissions rise between 2019 and 2020?", "pct_change"),
        ("What was the percentage change in revenue from 2018 to 2019?", "pct_change"),
        ("How much higher were sales in 2019 than in 2018?", "difference"),  # read as a lookup before the 70-article refit
        ("What is the average of the operating costs for 2018 and 2019?", "average"),
        ("What proportion of all pupils were in the north?", "share"),
        ("Which region had the larger waiting list, London or the North East?", "comparison"),
        ("Who chairs the committee?", "text"),
        ("What is the total of wages and pensions in 2019?", "sum"),
    ],
)
def test_the_intent_model_reads_what_is_asked(question, expected):
    assert intents(question)[0][0] == expected, intents(question)[:3]


def test_probabilities_are_a_distribution():
    probs = [p for _, p in intents("How many cases were there?")]
    assert abs(sum(probs) - 1) < 1e-9 and all(0 <= p <= 1 for p in probs)


@pytest.mark.parametrize(
    "text, grams",
    [("ab cd", [" ab", "ab ", " ab ", " cd", "cd ", " cd "]),  # as scikit-learn's char_wb with (3, 4)
     ("a", [" a "])],                                           # a short word counts once, whole
)
def test_char_ngrams_match_the_fitting_library(text, grams):
    assert char_wb_ngrams(text, 3, 4) == grams


def test_word_ngrams():
    assert word_ngrams("how many cases", 1, 2) == ["how", "many", "cases", "how many", "many cases"]


@pytest.mark.parametrize(
    "question, kind, above, threshold, op",
    [
        ("did admissions more than double between 2019 and 2021?", "multiple", True, 2.0, Op.pct_change),
        ("did the north account for more than a quarter of all cases?", "share_above", True, 25.0, Op.share),
        ("is the rate above 40 per cent?", "value_above", True, 40.0, Op.lookup),
        ("did waiting times fall last year?", "direction", False, 0.0, Op.pct_change),  # a change over time, or the change the article states
        ("did prices go up in 2023?", "direction", True, 0.0, Op.pct_change),
        # a change by a fraction: the percent change against a signed threshold (a fall of more than 25% is below -25)
        ("did admissions rise by more than a third in 2021?", "change_above", True, 33.3, Op.pct_change),
        ("did waiting lists fall by more than a quarter?", "change_above", False, -25.0, Op.pct_change),
        ("did visa grants drop by more than a quarter?", "change_above", False, -25.0, Op.pct_change),
        ("did admissions rise by less than a tenth?", "change_above", False, 10.0, Op.pct_change),
        # a change by an amount: new less old against it
        ("did rents go up by more than £150 a month?", "gap_above", True, 150.0, Op.difference),
        # a yes/no clause after a lead-in
        ("check this for me: was the rate really above 40 per cent?", "value_above", True, 40.0, Op.lookup),
        ("northshire offences in 2021 - did they go up on 2020?", "direction", True, 0.0, Op.pct_change),
        ("once you leave out london, did rents fall?", "direction", False, 0.0, Op.pct_change),
        # "than" a time: the thing against itself earlier
        ("are lenders approving more loans than they were a year ago?", "direction", True, 0.0, Op.pct_change),
        ("is the pass rate still higher than before the pandemic?", "direction", True, 0.0, Op.pct_change),
        ("were there fewer arrivals than in 2019?", "direction", False, 0.0, Op.pct_change),
        # "get shorter", "become more punctual": the thing's own change
        ("has the waiting list got shorter?", "direction", False, 0.0, Op.pct_change),
        ("did the operator get more punctual?", "direction", True, 0.0, Op.pct_change),
        # "N percent of" a whole is a share; a threshold in years is in years
        ("did the north account for more than 10 percent of all cases?", "share_above", True, 10.0, Op.share),
        ("is the maximum term more than a year?", "value_above", True, 1.0, Op.lookup),
        # a change by a percentage is a percent change against the signed amount, not a gap in counts
        ("did approvals rise by more than 15%?", "change_above", True, 15.0, Op.pct_change),
        ("did donations fall by more than 20 per cent?", "change_above", False, -20.0, Op.pct_change),
        # a gap in points: the later percentage less the earlier
        ("has the share covered dropped by more than 10 percentage points since 2019?", "gap_above", False, -10.0,
         Op.pp_difference),
        ("is the top-grade rate now more than 15 points below its 2021 peak?", "gap_above", False, -15.0,
         Op.pp_difference),
        ("is the pass rate more than 3 points above last year?", "gap_above", True, 3.0, Op.pp_difference),
        # "more than halve" is a deeper cut than half: fewer than half remain
        ("did the number of rounds more than halve?", "multiple", False, 0.5, Op.pct_change),
        ("has the share saving nothing doubled since last year?", "multiple", True, 2.0, Op.pct_change),
        # the amount after the comparison word, with its scale; a year after it is no threshold
        ("is the order book above $40bn?", "value_above", True, 4e10, Op.lookup),
        ("does the total budget top £130m in 2024/25?", "value_above", True, 1.3e8, Op.lookup),
        # a change made: "raise", "cut"
        ("did the council raise its fares this year?", "direction", True, 0.0, Op.pct_change),
        ("did the bank cut its rate?", "direction", False, 0.0, Op.pct_change),
        # a question put as a statement
        ("so parcel numbers have more than doubled since 2018-19?", "multiple", True, 2.0, Op.pct_change),
    ],
)
def test_yes_no_checks(question, kind, above, threshold, op):
    check = read_check(question, [])
    assert check is not None and (check.kind, check.above, round(check.threshold, 1)) == (kind, above, threshold)
    assert operation_for(check) is op


@pytest.mark.parametrize(
    "question, unit",
    [("is it true northshire dropped more than 400 cases?", "count"), ("is the sentence more than two years?", "years"),
     ("is the rate above 40 per cent?", "percent"), ("did fares top more than £9 a day?", "money")],
)
def test_a_threshold_says_its_unit(question, unit):
    assert read_check(question, []).unit == unit


@pytest.mark.parametrize(
    "question",
    ["my notes say lending rose by 50% between 2020 and 2021 - can you confirm?",  # a claim of a size, and a request
     "did it rise by 12%?",
     # a size as a fraction, claimed as a percent is
     "so the parks budget is being cut by a quarter?", "did the list fall by a third?"],
)
def test_a_stated_size_is_no_direction_check(question):
    assert read_check(question, []) is None


def test_one_thing_as_a_multiple_of_another():
    check = read_check("was leeds's rate more than twice the rate in york?", ["Leeds", "York"])
    assert (check.kind, check.above, check.threshold) == ("ratio_above", True, 2.0)
    assert operation_for(check) is Op.ratio
    assert read_check("did leeds's rate more than double?", ["Leeds"]).kind == "multiple"


def test_more_than_a_fraction_by_which_a_thing_changed_is_still_a_check():
    check = read_check("did the list fall by more than a third?", [])
    assert (check.kind, check.above, round(check.threshold, 1)) == ("change_above", False, -33.3)
    assert read_check("did the parks budget get cut?", []).kind == "direction"


def test_a_fraction_of_another_named_thing_is_a_ratio():
    check = read_check("is york's rate less than a third of the leeds rate?", ["York", "Leeds"])
    assert (check.kind, check.above, round(check.threshold, 3)) == ("ratio_above", False, 0.333)
    assert read_check("did york account for less than a third of all cases?", ["York"]).kind == "share_above"


@pytest.mark.parametrize("question, check", [
    ("so donations fell 8.9% last year?", None),  # a size claimed, put as a statement: the claim checker's
    ("so the average fare jumped 17% this year?", None),
    ("are wages going up faster than prices now?", None),  # two changes compared, not the direction of one
    ("are paychecks outpacing inflation?", None),
    ("is that more than half of all the seats?", ("share_above", "")),  # "of all the seats" is a whole, not each seat
    ("once you adjust for inflation, did spending grow by more than 5 percent?", ("change_above", "adjusted")),
])
def test_statements_and_qualifiers(question, check):
    got = read_check(question, [])
    assert (None if got is None else (got.kind, got.over or ("adjusted" if got.adjusted else ""))) == check


def test_plain_multiples_are_met_at_the_multiple():
    assert read_check("did admissions double?", []).strict is False
    assert read_check("did admissions more than double?", []).strict is True


@pytest.mark.parametrize("question, over", [
    ("did any of the states in the table see deaths go up?", "some"),
    ("did absence fall in every region between 2021 and 2022?", "each"),
    ("did deaths go up in ohio?", ""),
])
def test_a_check_over_a_set_of_things(question, over):
    assert read_check(question, []).over == over


def test_a_comparison_check_needs_two_subjects():
    q = "did leeds have a higher rate than york?"
    assert read_check(q, ["Leeds", "York"]).kind == "compare"
    assert read_check(q, ["Leeds"]) is None or read_check(q, ["Leeds"]).kind != "compare"


@pytest.mark.parametrize("question", ["How many cases were there?", "What share were dropped?", "Who said it?"])
def test_not_a_yes_no_question(question):
    assert read_check(question.lower(), []) is None


# --- spans within a passage (qa/compose/spans.py) -----------------------------------------------

SPAN_PASSAGE = ("The trust's chief executive, Dr Maya Okafor, said the ward closed in March 2023 because staff "
                "could not be recruited and agency costs had doubled.")


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Who is the trust's chief executive?", "Dr Maya Okafor"),
        ("When did the ward close?", "March 2023"),
        # both reasons the sentence gives, to the end of its clause (not cut at "and")
        ("Why did the ward close?", "because staff could not be recruited and agency costs had doubled"),
        ("Who is Dr Maya Okafor?", None),  # the question gives the name: no other name answers it
    ],
)
def test_the_span_asked_for(question, expected):
    from qa.compose.spans import answer_span
    from qa.model.records import Passage

    span = answer_span(question, Passage(doc_id="d", start=100, end=100 + len(SPAN_PASSAGE), text=SPAN_PASSAGE))
    got = None if span is None else SPAN_PASSAGE[span[0]:span[1]]
    assert got == expected


REASON_PASSAGE = ("The union's Priya Lal said the main reason members left was that rents had risen faster than pay, "
                  "and many moved away.")


@pytest.mark.parametrize("question, expected", [
    ("What was the main reason members left?", "rents had risen faster than pay"),   # "the reason ... was that X"
    ("According to Priya Lal, why did members leave?", "rents had risen faster than pay"),
])
def test_a_reason_given_as_is_that(question, expected):
    from qa.compose.spans import answer_span
    from qa.model.records import Passage

    span = answer_span(question, Passage(doc_id="d", start=0, end=len(REASON_PASSAGE), text=REASON_PASSAGE))
    assert span is not None and REASON_PASSAGE[span[0]:span[1]] == expected


# --- comparing two changes ("which grew faster?") ---------------------------------------------

@pytest.mark.parametrize(
    "question, winner, loser",
    [
        # West Midlands 318 -> 710 is +123.3%; Staffordshire 154 -> 183 is +18.8% (worked by hand)
        ("Which grew faster, West Midlands or Staffordshire offences?", "West Midlands", "Staffordshire"),
        ("Which force saw the bigger percentage rise in offences, Staffordshire or West Midlands?",
         "West Midlands", "Staffordshire"),
    ],
)
def test_which_grew_faster_compares_two_changes(question, winner, loser):
    import qa

    a = qa.ask(question)
    assert a.operation == "comparison" and a.calculation is not None, a.answer
    assert a.answer.index(winner) < a.answer.index(loser)
    assert "123.3%" in a.answer and "18.8%" in a.answer  # both changes, not two raw figures


def test_dropped_more_is_a_measure_not_a_change():
    from qa.understand.query import CHANGE_COMPARE

    assert CHANGE_COMPARE.search("which force dropped more cases with no suspect") is None
    assert CHANGE_COMPARE.search("which force's offences rose more") is not None


QUOTE_PASSAGE = 'The chair, Ama Boateng, said morale on the wards was "close to breaking point" after the winter.'


@pytest.mark.parametrize("question, expected", [
    ("How did Ama Boateng describe morale on the wards?", "close to breaking point"),
    ("What words did the chair use about morale?", "close to breaking point"),
])
def test_how_someone_described_it_is_their_quoted_words(question, expected):
    from qa.compose.spans import answer_span
    from qa.model.records import Passage

    span = answer_span(question, Passage(doc_id="d", start=0, end=len(QUOTE_PASSAGE), text=QUOTE_PASSAGE))
    assert span is not None and QUOTE_PASSAGE[span[0]:span[1]] == expected
