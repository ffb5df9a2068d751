"""A question that names each of two documents by a place only that document has asks for a figure of each: their
difference or sum is worked out, each figure cited from its own document. A place two documents share names neither,
and a question naming one document only is answered from that one. Each store and expected value is invented and
worked out by hand."""

from __future__ import annotations

import pytest

EASTHOLM = "Lettings rise in Eastholm\n\nEASTHOLM, 4 March 2024 - Letting agents in Eastholm let 1,200 homes in 2024.\n"
WESTBURY = "Lettings slow in Westbury\n\nWESTBURY, 5 March 2024 - Letting agents in Westbury let 800 homes in 2024.\n"
BOTH = ("Lettings in Westbury and Eastholm\n\nWESTBURY, 6 March 2024 - Agents in Westbury let 810 homes in 2024 and "
        "agents in Eastholm 1,190.\n")


def _engine(tmp_path, mp, texts):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.engine import Engine
    from qa.model.settings import get_settings

    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    mp.setenv("QA_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    qa.engine.reset_engine()
    for text in texts:
        ingest_text(text, title=text.split("\n")[0])
    return Engine(get_settings())


@pytest.fixture
def mp():
    from qa.model.settings import get_settings

    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()
    get_settings.cache_clear()


@pytest.mark.parametrize(("question", "value", "documents"), [
    ("How many more homes were let in Eastholm than in Westbury in 2024?", 400, 2),  # 1,200 - 800
    ("How many homes were let in Eastholm and Westbury together in 2024?", 2_000, 2),  # 1,200 + 800
    ("How many homes were let in Eastholm in 2024?", 1_200, 1),
])
def test_each_document_named_gives_its_figure(tmp_path, mp, question, value, documents):
    from qa.pipeline import ask

    a = ask(question, engine=_engine(tmp_path, mp, [EASTHOLM, WESTBURY]))
    assert not a.abstained, a.answer
    assert a.value == pytest.approx(value)
    assert len({c.doc_id for c in a.citations}) == documents


def test_a_third_document_with_both_places_keeps_the_calculation_in_one_document(tmp_path, mp):
    from qa.pipeline import ask

    # Eastholm and Westbury are both in the third article: the question names no document alone, so the pair comes
    # from the one article that gives both (1,190 - 810), not from two articles
    a = ask("How many more homes were let in Eastholm than in Westbury in 2024?",
            engine=_engine(tmp_path, mp, [EASTHOLM, WESTBURY, BOTH]))
    assert not a.abstained, a.answer
    assert a.value == pytest.approx(380)
    assert len({c.doc_id for c in a.citations}) == 1
