"""A figure looked up must be of the kind the question asks for (issue 13, abstain by coverage): "how many school groups
visited?" is not answered by the percentage their visits rose, however well its words fit. A yes/no check keeps its
own reading. The article is invented; each expected value is read off it by hand."""

from __future__ import annotations

import pytest

from qa.model.records import Op, Plan
from qa.understand.reader import unit_contradicted

STORY = """# Museum visits up in Fenby

FENBY, 12 February 2025 - Museums in Fenby welcomed 2.1 million visitors in 2024, the city council said. School group
visits rose 6 per cent on the year, and 38 per cent of visitors came from outside the county.
"""


@pytest.mark.parametrize("op, figures, unit_fit, question, contradicted", [
    (Op.lookup, ["a"], -1.0, "how many school groups visited in 2024?", True),
    (Op.lookup, ["a"], 1.0, "how many visitors came in 2024?", False),
    (Op.lookup, ["a"], 0.0, "what about school groups?", False),  # no unit asked
    (Op.difference, ["a", "b"], -1.0, "how many more visitors than in 2023?", False),  # a calculation's own unit
    (Op.lookup, ["a"], -1.0, "did more than 40 school groups visit?", False),  # a yes/no check
])
def test_unit_contradicted(op, figures, unit_fit, question, contradicted):
    plan = Plan(operation=op, figure_ids=figures, resolved_question=question)
    assert unit_contradicted(plan, {"unit_fit": unit_fit}) is contradicted


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.engine import Engine
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("museums")))
    get_settings.cache_clear()
    ingest_text(STORY, fmt="markdown", title="Museum visits up in Fenby", date="2025-02-12")
    yield Engine(get_settings())
    mp.undo()
    get_settings.cache_clear()
    qa.engine.reset_engine()


@pytest.mark.parametrize("question, value", [
    ("How many school groups visited Fenby's museums in 2024?", None),  # only their rise is given, as a percentage
    ("How many visitors did museums in Fenby welcome?", 2_100_000),
    ("By what percent did school group visits rise?", 6),
])
def test_a_count_asked_is_not_answered_by_a_percentage(engine, question, value):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    if value is None:
        assert a.abstained or a.clarify, a.answer
    else:
        assert not a.abstained, a.answer
        assert a.value == pytest.approx(value)
