"""Claim checking: everyday quantity words, verdicts with their working, routing."""

from __future__ import annotations

import pytest

import qa.engine
from qa.check.expectations import is_claim, parse_quantity, tagged_claim
from qa.compose.grounding import ungrounded_numbers
from qa.pipeline import ask
from tests.test_audit import PLANTED, PLANTED_ROWS, SOUND, SOUND_ROWS, write_corpus


@pytest.mark.parametrize(
    "question, routed",
    [
        ("Check: two in five Staffordshire cases were dropped", True),
        ("Fact-check: offences doubled", True),
        ("Is it true that most cases were dropped?", True),
        ("Verify that a third of cases were dropped", True),
        ("Does this add up?", True),
        ("Is the 38.8% right?", True),
        ("How many cases were dropped in Staffordshire?", False),
        ("What share of West Midlands cases were dropped?", False),
        ("Is the West Midlands figure higher than Staffordshire's?", False),
    ],
)
def test_is_claim(question, routed):
    assert is_claim(question) is routed


# value in percent (shares, changes), times (ratios) or a count; each must fall inside or outside
@pytest.mark.parametrize(
    "text, kind, inside, outside",
    [
        ("two in five cases were dropped", "share", [38.0, 42.0], [37.0, 43.0, 47.25]),
        ("one in ten were closed", "share", [9.0, 11.5], [7.5, 12.5]),
        ("a quarter of cases", "share", [25.9], [28.0, 22.0]),
        ("a third of cases", "share", [33.3, 31.0], [30.0, 36.0]),
        ("nearly half of cases", "share", [47.25, 45.5], [44.0, 50.5]),
        ("most cases", "share", [50.5, 90.0], [50.0, 38.8]),
        ("the majority of cases", "share", [51.0], [49.0]),
        ("3 out of 4 cases", "share", [75.0], [70.0]),
        ("offences doubled", "ratio", [2.0, 2.15], [2.3, 1.7]),
        ("offences more than trebled", "ratio", [3.1], [2.9, 3.0]),
        ("offences nearly doubled", "ratio", [1.9], [2.1, 1.7]),
        ("offences halved", "ratio", [0.5], [0.6]),
        ("offences jumped by 39 per cent", "change", [39.05, 38.6], [40.0, -39.0]),
        ("robberies fell by 20%", "change", [-20.0], [20.0, -22.0]),
        ("more than 1,000 cases were dropped", "count", [1071.0], [1000.0, 999.0]),
        ("47.3% of cases", "share", [47.25], [47.2]),
    ],
)
def test_parse_quantity(text, kind, inside, outside):
    exp = parse_quantity(text)
    assert exp is not None and exp.kind == kind
    assert all(exp.lo <= x <= exp.hi for x in inside)
    assert not any(exp.lo <= x <= exp.hi for x in outside)


def test_no_quantity():
    assert parse_quantity("cases were dropped in Staffordshire") is None


@pytest.mark.parametrize(
    "claim, verdict, working",
    [
        # (370 + 34) / 855 = 47.25%: not two in five (37.5-42.5), but nearly half (45-50)
        ("Check: two in five Staffordshire cases were dropped", "Not supported", "(370 + 34) / 855"),
        ("Check: nearly half of Staffordshire cases were dropped", "Supported", "(370 + 34) / 855"),
        # 710 / 318 = 2.23 times
        ("Fact-check: West Midlands revenge porn offences more than doubled", "Supported", "710 / 318"),
        ("Verify: West Midlands revenge porn offences more than trebled", "Not supported", "710 / 318"),
        # 183 / 154 = 1.19 times
        ("Check: Staffordshire offences doubled between 2020 and 2021", "Not supported", "183 / 154"),
        # (7,357 − 5,291) / 5,291 = 39.05%
        ("Check: offences across England and Wales jumped by 39 per cent", "Supported", "5,291"),
        # 630 + 37 + 370 + 34 = 1,071 > 1,000
        ("Check: more than 1,000 cases were dropped by the two forces", "Supported", "1,071"),
        # 71 / 2,575 = 2.8%
        ("Check: one in ten cases were closed with no suspect", "Not supported", "71 / 2,575"),
    ],
)
def test_seed_claims(claim, verdict, working):
    a = qa.ask(claim)
    assert a.operation == "claim"
    assert a.answer.startswith(verdict + ":"), a.answer
    assert a.calculation is not None and working in a.calculation.expression
    assert a.citations and ungrounded_numbers(a, claim) == []


def test_claim_on_a_flagged_figure_says_both_values():
    # the article says 38.8% for the West Midlands; its counts give (630 + 37) / 2,575 = 25.9%
    a = qa.ask("Check: two in five West Midlands cases were dropped")
    assert a.answer.startswith("Supported:")
    assert "38.8%" in a.answer and "25.9%" in a.answer
    assert a.warnings and "38.8%" in a.warnings[0]
    assert ungrounded_numbers(a, a.question) == []


def test_claim_about_a_place_not_in_the_article():
    a = qa.ask("Check: a third of Manchester cases were dropped")
    assert a.answer.startswith("Not in the article:") and a.abstained
    assert a.citations == []


def test_is_the_percentage_right():
    a = qa.ask("Is the 38.8% right?")
    assert a.answer.startswith("No, it does not add up.")
    assert "1,720" in a.answer and ungrounded_numbers(a, a.question) == []
    ok = qa.ask("Is the 47.3% right?")
    assert ok.answer.startswith("Yes, it adds up.") and ungrounded_numbers(ok, ok.question) == []
    missing = qa.ask("Is the 12.5% right?")
    assert missing.answer.startswith("Not in the article:")


def test_does_this_add_up_follows_the_conversation():
    a = qa.ask("Does this add up?", history=["What share of West Midlands cases were dropped?"])
    assert a.answer.startswith("No, it does not add up.") and "38.8%" in a.answer
    b = qa.ask("Does this add up?", history=["What was the percent change in offences across England and Wales?"])
    assert b.answer.startswith("Yes, it adds up.")


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    write_corpus(tmp_path / "corpus", {"planted": (PLANTED, PLANTED_ROWS), "sound": (SOUND, SOUND_ROWS)})
    monkeypatch.setenv("QA_CORPUS_DIR", str(tmp_path / "corpus"))
    qa.engine.reset_engine()
    yield qa.engine.get_engine()
    qa.engine.reset_engine()


@pytest.mark.parametrize(
    "claim, verdict",
    [
        ("Check: robberies fell by 20 per cent", "Supported"),  # 500 -> 400
        ("Check: robberies fell by 30 per cent", "Not supported"),
        ("Check: nearly half of Westbay complaints were upheld", "Supported"),  # 78 / 160 = 48.75%
        ("Check: a third of Westbay complaints were upheld", "Not supported"),
    ],
)
def test_claims_on_a_tiny_corpus(tiny, claim, verdict):
    a = ask(claim, engine=tiny)
    assert a.answer.startswith(verdict + ":"), a.answer
    assert ungrounded_numbers(a, claim) == []


@pytest.mark.parametrize("question,verdict", [
    ("Does the West Midlands 38.8% add up?", "does not add up"),
    ("Is the West Midlands 38.8% right?", "does not add up"),
    ("Is the 47.3% figure right?", "adds up"),
    # the figure named is the one checked, whatever the audit flagged elsewhere (the 38.8% does not add up)
    ("Does the 47.3% for Staffordshire add up?", "adds up"),
    ("Does the 47.3 per cent tally?", "adds up"),
    ("Does the 39 per cent rise really stack up against the 5,291 and 7,357?", "adds up"),
    ("Does the 38.8 per cent hold water?", "does not add up"),
])
def test_add_up_questions_naming_a_figure_get_the_audit_finding(question, verdict):
    import qa

    answer = qa.ask(question)
    assert answer.operation == "claim"
    assert verdict in answer.answer.split(".")[0]


@pytest.mark.parametrize(
    "question, body",
    [
        # a statement quoting a quantity, with a tag asking to confirm it: the statement is the claim
        ("So robberies in Westbay went up 14% last year, yeah?", "robberies in Westbay went up 14% last year"),
        ("Westbay complaints reached £2.2bn - is that right?", "Westbay complaints reached £2.2bn"),
        ("So Westbay upheld around 1,500 complaints, correct?", "Westbay upheld around 1,500 complaints"),
        ("Robberies fell 15% last year, didn't they?", "Robberies fell 15% last year"),
        ("I've seen 3,989 complaints quoted for Westbay - that matches this article, yes?",
         "I've seen 3,989 complaints quoted for Westbay"),
        ("So a quarter of complaints were upheld, right?", "a quarter of complaints were upheld"),
        # a question with a tag, or a statement quoting no quantity, is no claim of a quantity
        ("Did robberies go up 14%, right?", None),
        ("What share of complaints were upheld, correct?", None),
        ("So robberies went up, yeah?", None),
        ("So robberies went up 14% last year?", None),  # no tag: a question, read as one
    ],
)
def test_a_tagged_statement_is_a_claim(question, body):
    assert tagged_claim(question) == body
    assert is_claim(question) is (body is not None)


@pytest.mark.parametrize(
    "text, inside, outside",
    [
        # scaled as written: "300k" is 300,000; "£2.2bn" is 2.15bn to 2.25bn (rounded to a tenth of a billion)
        ("employers added more than 300k jobs", [300_001.0, 336_000.0], [236_000.0, 300_000.0, 301.0]),
        ("debt has reached £2.2bn", [2.2e9, 2.24e9], [2.3e9, 2.2, 1.2e9]),
        ("visitors spent $1.92 trillion", [1.92e12, 1.924e12], [1.29e12, 1.93e12, 1.92]),
        ("around 1.5 million people", [1.5e6], [1.0e6, 1.5]),
    ],
)
def test_a_scaled_count_is_read_as_written(text, inside, outside):
    exp = parse_quantity(text)
    assert exp is not None and exp.kind == "count"
    assert all(exp.lo <= x <= exp.hi for x in inside)
    assert not any(exp.lo <= x <= exp.hi for x in outside)


@pytest.mark.parametrize(
    "claim, verdict",
    [
        # a tagged statement is judged like "Check: ...", with the tolerance it is read with stated
        ("So robberies fell by about 20 per cent, right?", "Supported"),  # 500 -> 400
        ("So robberies fell 30 per cent last year, yeah?", "Not supported"),
        ("Westbay upheld nearly half of its complaints, didn't they?", "Supported"),  # 78 / 160 = 48.75%
        ("So a third of Westbay complaints were upheld - is that right?", "Not supported"),
    ],
)
def test_tagged_claims_on_a_tiny_corpus(tiny, claim, verdict):
    a = ask(claim, engine=tiny)
    assert a.operation == "claim"
    assert a.answer.startswith(verdict + ":") and "(read as " in a.answer, a.answer
    assert ungrounded_numbers(a, claim) == []
