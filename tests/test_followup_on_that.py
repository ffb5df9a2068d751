"""Calculations a follow-up asks of what the last answer stated and something it names: a share of a whole it names
("what % of the regional total is that?") or of "that" ("how much of that was Westmoor, as a %?"), or a change against
the same series at an earlier time ("how many more is that than the year before?"). Invented figures: no evaluation
article is read here."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Op, Turn, Unit
from qa.understand.followup import resolve_follow_up
from qa.understand.on_that import share_of_that, then_and_now
from qa.understand.query import read_question

TEXT = ("Orlen County recycled 412,000 tonnes of waste in 2024, up from 380,000 tonnes in 2023 and 350,000 tonnes "
        "in 2022. Across the Vale region 1,640,000 tonnes were recycled in 2024. Westmoor recycled 95,000 tonnes in "
        "2024. The county's recycling target is 450,000 tonnes. The county spent £6 million on new depots and "
        "£30 million on collections in 2024.")

DOC = "d"


@pytest.fixture(scope="module")
def known():
    def fig(i, subject, measure, period, value, unit, quote):
        return figure_in(TEXT, DOC, i, subject, measure, period, value, unit, quote)
    figs = [fig("or24", "Orlen County", "tonnes recycled", "2024", 412_000, Unit.count, "412,000"),
            fig("or23", "Orlen County", "tonnes recycled", "2023", 380_000, Unit.count, "380,000"),
            fig("or22", "Orlen County", "tonnes recycled", "2022", 350_000, Unit.count, "350,000"),
            fig("vale", "Vale region", "tonnes recycled", "2024", 1_640_000, Unit.count, "1,640,000"),
            fig("west", "Westmoor", "tonnes recycled", "2024", 95_000, Unit.count, "95,000"),
            fig("target", "Orlen County", "recycling target tonnes", "2024", 450_000, Unit.count, "450,000"),
            fig("depots", "Orlen County", "spent on new depots", "2024", 6_000_000, Unit.money, "£6 million"),
            fig("collect", "Orlen County", "spent on collections", "2024", 30_000_000, Unit.money, "£30 million")]
    return known_of(TEXT, DOC, figs, "2025-02-01")


def reading(known, question, turns):
    year = known.corpus.doc_year
    return read_question(known, resolve_follow_up(known, question, turns, year), year)


@pytest.mark.parametrize("before, answer, question, groups", [
    # "that" is the part, the whole is what the follow-up names
    ("How much did Orlen County recycle in 2024?", "412,000 tonnes, up from 380,000.",
     "what % of the Vale region total is that?", [["or24"], ["vale"]]),
    ("How much did Orlen County recycle in 2024?", "412,000 tonnes.",
     "whats that as a share of the Vale region?", [["or24"], ["vale"]]),
    # "of that": "that" is the whole, the place named the part
    ("How much was recycled across the Vale region in 2024?", "1,640,000 tonnes.",
     "how much of that was Westmoor, as a %?", [["west"], ["vale"]]),
    # no share asked
    ("How much did Orlen County recycle in 2024?", "412,000 tonnes.", "and what about Westmoor?", []),
    # a share of nothing named
    ("How much did Orlen County recycle in 2024?", "412,000 tonnes.", "what share is that?", []),
    # no whole named nor a total asked: another place's figure of the same measure is a peer, not the whole
    ("How much did Westmoor recycle in 2024?", "95,000 tonnes.", "what % of their tonnes recycled is that?", []),
    # a whole smaller than the part is no whole
    ("How much did Orlen County recycle in 2024?", "412,000 tonnes.", "what % of Westmoor's is that?", []),
    # the answer's number is no figure of the article (a sum the answer worked out)
    ("How much did Orlen and Westmoor recycle?", "507,000 tonnes together.",
     "what % of the Vale region total is that?", []),
])
def test_a_share_of_what_was_just_said(known, before, answer, question, groups):
    turns = [Turn(question=before, answer=answer)]
    assert share_of_that(known, question, turns, reading(known, question, turns), {}) == groups


@pytest.mark.parametrize("answer, question, settled", [
    # the same series a year back: the difference, "that" first
    ("412,000 tonnes in 2024.", "so how many more is that than the previous yr?", (Op.difference, [["or24"], ["or23"]])),
    ("412,000 tonnes.", "how much more is that than 2 years earlier?", (Op.difference, [["or24"], ["or22"]])),
    # a percentage asked: the percent change from the earlier figure
    ("412,000 tonnes.", "how much has that gone up since 2023, in %?", (Op.pct_change, [["or23"], ["or24"]])),
    ("412,000 tonnes.", "how does that compare with 2022 in % terms?", (Op.pct_change, [["or22"], ["or24"]])),
    # no earlier time named: not this kind
    ("412,000 tonnes.", "how much more is that than the target?", None),
    # a place named: a comparison with it
    ("412,000 tonnes.", "how many more is that than Westmoor the year before?", None),
    # no figure of the series at that time
    ("412,000 tonnes.", "how many more is that than 5 years earlier?", None),
])
def test_a_change_of_what_was_just_said_since_an_earlier_time(known, answer, question, settled):
    turns = [Turn(question="How much did Orlen County recycle in 2024?", answer=answer)]
    assert then_and_now(known, question, turns) == settled

