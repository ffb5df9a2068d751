""""Why did X fall?" is answered by the reason a passage gives, and by nothing else (issue 13, abstain by coverage): a
passage that names X but gives no reason says not why, as a passage with no date says not when. Before, a clause of
it was quoted as if it were the reason ("comfortably ahead of Newquay in Cornwall"). The article is invented."""

from __future__ import annotations

import pytest

STORY = """# Fish landings and museum visits in Fenby

FENBY, 14 March 2025 - Landings at Porthleven harbour fell 12% in 2024 to 3,100 tonnes. Porthleven remained
comfortably ahead of Newquay in Cornwall.

Visits to the Fenby Museum fell 8% in 2024 because the main gallery closed for repairs in the spring. The Fenby
Aquarium saw fewer visitors too, its numbers held back by the closure of its shark tank.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.engine import Engine
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("why")))
    get_settings.cache_clear()
    ingest_text(STORY, fmt="markdown", title="Fish landings and museum visits in Fenby", date="2025-03-14")
    yield Engine(get_settings())
    mp.undo()
    get_settings.cache_clear()
    qa.engine.reset_engine()


@pytest.mark.parametrize("question, said", [
    ("Why did landings at Porthleven harbour fall?", None),  # the article gives no reason
    ("why did porthleven's landings drop so much?", None),
    ("Why did visits to the Fenby Museum fall?", "the main gallery closed for repairs"),
    ("why were the aquarium's numbers down?", "the closure of its shark tank"),  # a reason in other words
])
def test_a_reason_or_none(engine, question, said):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    if said is None:
        assert a.abstained, a.answer
        assert "does not say why" in a.answer
    else:
        assert not a.abstained, a.answer
        assert said in a.answer
