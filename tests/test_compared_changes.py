"""Which of two did something more, read the right way round (issue 13: a confidently wrong comparison names the wrong
one first). Two stated changes compared ("which dropped more in percentage terms?") ask for the more negative one; "a
bigger percentage fall" is a fall asked as the greater one; and a place named "Lower ..." asks for nothing lower. The
document is invented."""

from __future__ import annotations

import pytest

from qa.understand.plans import lower_change_asked, without_names

STORY = """# Course applications fall for arts subjects

Applications to universities in Freedonia rose slightly in 2025, but arts subjects lost ground.

| Subject | 2024 | 2025 | Change (%) |
|---|---|---|---|
| Fine art | 40,000 | 37,400 | -6.5 |
| Dance | 10,000 | 9,220 | -7.8 |
| Geology | 8,000 | 8,400 | 5.0 |

Jobless rates were 6.8% in Westmark and 6.1% in Lower Westmark in January 2025.
"""


@pytest.mark.parametrize("question, lower", [
    ("which saw a bigger percentage fall, a or b?", True),
    ("which had the bigger % drop in 2024, a or b?", True),
    ("which dropped more in percentage terms, a or b?", True),
    ("which fell less, a or b?", False),
    ("which grew faster, a or b?", False),
    ("which had the smaller increase, a or b?", True),
])
def test_which_change_is_asked(question, lower):
    assert lower_change_asked(question) is lower


@pytest.mark.parametrize("low, names, expected", [
    ("was westmark higher than lower westmark?", ["Westmark", "Lower Westmark"], "was   higher than  ?"),
    ("which is lower, a or b?", ["A", "B"], "which is lower,   or  ?"),
    ("the lowlands or the uplands", ["Lower"], "the lowlands or the uplands"),  # only whole names
])
def test_names_are_blanked(low, names, expected):
    assert without_names(low, names) == expected


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.engine import Engine
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("courses")))
    get_settings.cache_clear()
    ingest_text(STORY, fmt="markdown", title="Course applications fall for arts subjects", date="2025-02-10")
    yield Engine(get_settings())
    mp.undo()
    get_settings.cache_clear()
    qa.engine.reset_engine()


@pytest.mark.parametrize("question, first", [
    ("Which subject dropped more in percentage terms, fine art or dance?", "Dance"),
    ("Which saw a bigger percentage fall, fine art or dance?", "Dance"),
    ("Which subject rose more in percentage terms, fine art or geology?", "Geology"),
    ("Which had the higher jobless rate, Westmark or Lower Westmark?", "Westmark"),
    ("Which had the lower jobless rate, Westmark or Lower Westmark?", "Lower Westmark"),
])
def test_the_one_asked_for_is_named_first(engine, question, first):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert a.answer.startswith(first + " "), a.answer


@pytest.mark.parametrize("question, verdict", [
    ("Did Westmark have a higher jobless rate than Lower Westmark in January 2025?", "Yes"),
    ("Was the jobless rate lower in Lower Westmark than in Westmark?", "Yes"),
])
def test_a_place_named_lower_is_no_lower_asked(engine, question, verdict):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert a.answer.startswith(verdict), a.answer
