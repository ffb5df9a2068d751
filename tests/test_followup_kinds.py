"""Elliptical follow-ups that swap a month or name a new thing, subjects extraction names in several ways, and typo
correction that leaves real words alone. Invented figures: no evaluation article is read here."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Figure, Turn, Unit
from qa.understand.followup import resolve_follow_up
from qa.understand.link import CorpusTerms, SubjectTable

TEXT = ("Lenders approved 31.5% of requests in December, up from 30.9% in November. "
        "Harbour Bank approved 12.1% in December. Tidewater Credit approved 22.4% in December.")


def _fig(i: str, subject: str, measure: str, period: str, value: float, quote: str) -> Figure:
    return figure_in(TEXT, "d", i, subject, measure, period, value, Unit.percent, quote)


@pytest.fixture(scope="module")
def known() -> CorpusTerms:
    figs = [_fig("a", "Harbour Bank", "share of requests approved", "2023-12", 12.1, "12.1% in December"),
            _fig("b", "Tidewater Credit", "share of requests approved", "2023-12", 22.4, "22.4% in December")]
    return known_of(TEXT, "d", figs, "2024-01-10")


@pytest.mark.parametrize("follow_up, earlier, expected", [
    # a month swaps the month of the question before
    ("and in november?", "What did Harbour Bank approve in December?", "What did Harbour Bank approve in november?"),
    # a month the question before lacks is added
    ("and in november?", "What did Harbour Bank approve?", "What did Harbour Bank approve in november?"),
    # a new thing stands where the place stood
    ("and for Tidewater Credit?", "What did Harbour Bank approve in December?",
     "What did Tidewater Credit approve in December?"),
    # a thing the text does not name as a place replaces the place all the same
    ("what about mutual lenders?", "What did Harbour Bank approve in December?",
     "What did mutual lenders approve in December?"),
    # with no place before, the new thing is added
    ("and for mutual lenders?", "What share of requests were approved in December?",
     "What share of requests were approved in December for mutual lenders?"),
    # a group named by its numbers (an age band) is a new thing too
    ("and for the 18 to 24s?", "What share of requests were approved in December?",
     "What share of requests were approved in December for 18 to 24s?"),
    # a question of its own is not a follow-up
    ("What share of requests did Harbour Bank approve?", "What did Tidewater Credit approve?",
     "What share of requests did Harbour Bank approve?"),
])
def test_follow_up_is_rewritten(known, follow_up, earlier, expected):
    got = resolve_follow_up(known, follow_up, [Turn(question=earlier, answer="")], 2024)
    assert got.lower() == expected.lower()


@pytest.mark.parametrize("follow_up, earlier, expected", [
    # asked in words about "it": the question before's topic, without its asking words, after a dash
    ("and what was it extended to cover later?", "When did the lending code come in?",
     "and what was it extended to cover later? — the lending code come in"),
])
def test_a_words_follow_up_carries_the_topic_before(known, follow_up, earlier, expected):
    got = resolve_follow_up(known, follow_up, [Turn(question=earlier, answer="")], 2024)
    assert got.lower() == expected.lower()


def test_a_number_asked_of_it_does_not_carry_the_topic(known):
    got = resolve_follow_up(known, "and what share was it in november?",
                            [Turn(question="What did Harbour Bank approve in December?", answer="")], 2024)
    assert "— harbour bank approve in december" not in got.lower()


@pytest.mark.parametrize("a, b, related", [
    ("Renewables", "UK renewable sources", True),   # plural and singular, a longer name
    ("Hawaii", "Maui Hawaii", True),
    ("Wales", "England and Wales", False),          # a part is not the whole it is named in
    ("Hawaii", "Maui and Hawaii", False),
    ("Harbour Bank", "Tidewater Credit", False),
    ("North West", "North East", False),
])
def test_names_of_one_subject(a, b, related):
    assert SubjectTable([]).related(b, [a]) is related
    assert SubjectTable([]).related(a, [b]) is related


def test_dictionary_words_are_not_corrected(known):
    # "yearly" is an English word: it is not the corpus word "early"; a misspelling of a corpus word is corrected
    assert "yearly" in known.vocab.correct("the yearly bill").split()
    assert "tidewater" in known.vocab.correct("tidewatr credit").lower().split()


CHANGES = ("Visitors to Northvale spent $12.0 billion in 2023, up 7.0% on the year. "
           "In Southmere visitors spent $3.1 billion, up 3.1% on 2022.")


def _change(i: str, subject: str, value: float, quote: str) -> Figure:
    return figure_in(CHANGES, "c", i, subject, "percent change in visitor spending", "2022/2023", value, Unit.percent,
                     quote)


@pytest.mark.parametrize("question", [
    "Which grew faster in 2023, Northvale or Southmere?",
    "Which grew slower in 2023, Northvale or Southmere?",   # the same two figures; the composer picks the lower
])
def test_which_grew_faster_compares_stated_changes(question):
    from qa.model.records import Op, Plan
    from qa.understand.plans import Context, plan_change_comparison
    from qa.understand.query import read_question

    known = known_of(CHANGES, "c", [_change("n", "Northvale", 7.0, "up 7.0%"), _change("s", "Southmere", 3.1, "up 3.1%")],
                     "2024-04-01")
    r = read_question(known, question, 2024)
    plan = plan_change_comparison(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.change_comparison), r)
    assert plan.operation is Op.comparison, plan
    assert sorted(i for g in plan.groups for i in g) == ["n", "s"]
    assert plan.prefer_low is ("slower" in question)


@pytest.mark.parametrize("question, found", [
    ("what did big banks approve?", ["Harbour-side big banks"]),     # the last two words of a longer name
    ("what did harbour side approve?", []),                          # not its first words: "North West" is not "North"
])
def test_a_long_subject_is_found_by_its_last_two_words(question, found):
    fig = _fig("a", "Harbour-side big banks", "share of requests approved", "2023-12", 12.1, "12.1% in December")
    assert SubjectTable([fig]).find(question) == found


SERIES = "Northvale's waiting list was 738,000 in January 2023 and 750,000 in January 2024."


@pytest.mark.parametrize("question, value", [
    ("What is the waiting list in Northvale?", 750_000),        # no period named: the latest of the series
    ("What was Northvale's waiting list in 2023?", 738_000),    # a year named: that year
    ("What was Northvale's waiting list a year earlier?", None),  # a relative period: not settled by "latest"
])
def test_no_period_named_means_the_latest(question, value):
    from qa.understand.query import read_question
    from qa.understand.score import PERIOD_NAMED, score_figures

    def fig(i: str, period: str, v: float, quote: str) -> Figure:
        return figure_in(SERIES, "w", i, "Northvale", "waiting list", period, v, Unit.count, quote)

    known = known_of(SERIES, "w", [fig("a", "2023-01", 738_000, "738,000"), fig("b", "2024-01", 750_000, "750,000")])
    scored = score_figures(known, read_question(known, question, 2024), {})
    if value is None:
        assert PERIOD_NAMED.search(question.lower())  # the question names a time: the latest is not assumed
    else:
        assert scored[0][1].value == value and scored[0][0] > scored[1][0]


@pytest.mark.parametrize("follow_up, earlier, answer, expected", [
    # the year before the year the answer gave, when the question before named none
    ("and what was it the year before?", "What did Harbour Bank approve?", "12.1% of requests in 2023.",
     "What did Harbour Bank approve in 2022?"),
    ("what about the year before?", "What did Harbour Bank approve in 2023?", "12.1%.",
     "What did Harbour Bank approve in 2022?"),
    # a calculation asked of the answer keeps its own words, with the question before after a dash ("the year
    # before" named as the year it is)
    ("by what percentage did it change from the year before?", "What did Harbour Bank approve in 2023?", "12.1%.",
     "by what percentage did it change from 2022 — What did Harbour Bank approve in 2023?"),
])
def test_a_follow_up_with_no_word_of_a_calculation_asks_the_same_thing(known, follow_up, earlier, answer, expected):
    got = resolve_follow_up(known, follow_up, [Turn(question=earlier, answer=answer)], 2024)
    assert got.lower() == expected.lower()


@pytest.mark.parametrize("follow_up, earlier", [
    ("and what's that as a % increase?", "What did Harbour Bank approve in 2023?"),   # no new thing named
    ("by how many points?", "Did Harbour Bank or Tidewater Credit approve more in December?"),
    ("so how far over the target is that?", "What did Harbour Bank approve in 2023?"),
])
def test_a_calculation_asked_of_the_answer_keeps_its_words_and_the_question_before(known, follow_up, earlier):
    got = resolve_follow_up(known, follow_up, [Turn(question=earlier, answer="12.1%.")], 2024)
    assert got == follow_up.rstrip("?. ") + " — " + earlier


@pytest.mark.parametrize("text, part", [
    ("how many were dropped despite having a suspect", "with"),       # a concession naming a suspect
    ("dropped even tho they knew who the suspect was", "with"),
    ("dropped even though there was no suspect", "without"),          # ... unless it says there was none
    ("dropped with no suspect", "without"),
    ("dropped where there was a suspect but the victim withdrew", "with"),   # a clause saying there was one
    ("dropped where there was no suspect", "without"),
])
def test_the_field_vocabulary_reads_which_part_of_a_split_measure_is_asked(text, part):
    from qa.text import lexicon

    assert lexicon.split_flag(text) == part


@pytest.mark.parametrize("follow_up, earlier, expected", [
    ("and with no suspect?", "How many Northshire cases were dropped despite a suspect?",
     "how many northshire cases were dropped with no suspect?"),     # the other part of the measure asked before
    ("what percentage of those had a suspect?", "How many Northshire cases were dropped in total?",
     "what percentage of those had a suspect — How many Northshire cases were dropped in total?"),  # a calculation
])
def test_a_follow_up_naming_the_other_part_of_a_split_measure_swaps_it(known, follow_up, earlier, expected):
    assert resolve_follow_up(known, follow_up, [Turn(question=earlier, answer="")], 2024) == expected


@pytest.mark.parametrize("follow_up, earlier, keeps", [
    # a share "of X" of what was just said: X is the whole, the places before stay in the question before
    ("and what share of Tidewater Credit's total is that?", "Add up Harbour Bank's approvals in December.", True),
    ("what % of the total was that?", "Add up Harbour Bank's approvals in December.", True),
    # a place asked about instead: it stands where the place stood
    ("and for Tidewater Credit?", "What did Harbour Bank approve in December?", False),
])
def test_a_share_of_what_was_just_said_keeps_the_question_before(known, follow_up, earlier, keeps):
    got = resolve_follow_up(known, follow_up, [Turn(question=earlier, answer="12.1%")], 2024)
    assert (got.endswith(" — " + earlier.rstrip("?. ")) or got.endswith(" — " + earlier)) is keeps
