"""A change stated in one sentence and its reason in the next ("Sales rose 8% in 2023. The increase was mainly due to new
stores."): "why did sales rise?" is answered by the reason the next sentence gives, when that sentence refers back to
the change; a sentence that gives its own reason, or a next sentence about something else, keeps the first. Each
document is invented and each expected span is read off it by hand."""

from __future__ import annotations

import pytest

from qa.text.reasons import reason_follows

STORY = """# Shops

Sales at the chain rose by £14 million in 2023. The increase was mainly due to the opening of twelve new stores.

Footfall in town centres fell by 3% over the year. Parking charges went up in most councils.

Online orders fell by 6% because shoppers returned to stores. This followed two years of strong growth.
"""


@pytest.mark.parametrize("text, following, expected", [
    ("Sales rose 8% in 2023.", "The increase was mainly due to new stores.", True),
    ("Costs fell by $3 million.", "This reflects lower energy prices.", True),
    ("Costs fell by $3 million.", "It was driven by lower energy prices.", True),
    ("Costs fell by $3 million.", "Energy prices were lower.", False),  # no reason word
    ("Costs fell by $3 million.", "Revenue grew due to new customers.", False),  # does not refer back
    ("Costs fell because energy was cheaper.", "This was mainly due to the mild winter.", False),  # gives its own
])
def test_a_reason_follows(text, following, expected):
    assert reason_follows(text, following) is expected


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.engine import Engine
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("shops")))
    get_settings.cache_clear()
    ingest_text(STORY, fmt="markdown", title="Shops", date="2024-02-01")
    yield Engine(get_settings())
    mp.undo()
    get_settings.cache_clear()
    qa.engine.reset_engine()


@pytest.mark.parametrize("question, reason", [
    ("Why did sales at the chain rise in 2023?", "mainly due to the opening of twelve new stores"),
    ("Why did online orders fall?", "because shoppers returned to stores"),  # its own sentence says why
])
def test_why_is_answered_by_the_reason_given(engine, question, reason):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert a.citations[0].quote == reason, a.answer
