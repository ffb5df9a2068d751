"""When is something published or does it take effect (issue 13, when-questions)? People ask when figures "come out",
are "put out" or when a rule "kicks in"; releases say they are "published" or "take effect". The vocabulary reads these
as one event (corpus/vocabulary/general.json `phrases`), and of the dates a sentence gives, the one beside the event's
words is the answer ("covering the period to the end of June, is due to be published in October": October), and the
period a thing is for is not when it comes out ("its timetable for 2026 in November": November). The article is
invented."""

from __future__ import annotations

import pytest
from made_figures import engine_over

STORY = """# Tram fares and ridership in Kelby

KELBY, 12 March 2025 - Tram journeys in Kelby rose 6% in 2024 to 41.2 million, the Kelby Transport Board said.

The next set of ridership figures, covering the period to the end of June, is due to be published in October.

A 20p rise in the single fare takes effect on 6 April 2025, the board said. The board will publish its annual
accounts on 19 June. The board will publish its timetable for 2026 in November.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from engine_over(tmp_path_factory, STORY, "Tram fares and ridership in Kelby", "2025-03-12")


@pytest.mark.parametrize("question, said, not_said", [
    ("when do the next ridership stats come out?", "October", "June"),
    ("When are the next ridership figures coming out", "October", "June"),
    ("when does the fare rise kick in", "6 April 2025", None),
    ("when does the board put out its annual accounts?", "19 June", None),
    # the year a thing is for is not when it comes out; a month "in" which it does is
    ("when is the new timetable coming out?", "November", "2026"),
])
def test_the_date_of_the_event(engine, question, said, not_said):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert said in a.answer
    if not_said:
        assert not_said not in a.answer.split("as the article puts it")[0]


def test_phrases_are_one_term():
    from qa.text.lexicon import canon_tokens

    assert set(canon_tokens("coming out")) == set(canon_tokens("published"))
    assert set(canon_tokens("kicks in")) == set(canon_tokens("took effect"))
    assert "publish" not in " ".join(canon_tokens("people out of work"))  # "out" alone is no release
