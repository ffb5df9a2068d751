"""Yes/no checks over a table's rows, end to end (qa.pipeline): a named row said to be the highest, a change in every
row. The article is invented."""

from __future__ import annotations

import pytest

import qa.engine
from qa.corpus.store import ingest_text
from qa.model.settings import get_settings
from qa.pipeline import ask

ARTICLE = """Ferry crossings by region

Published 6 March 2025

Ferry crossings rose in most regions last year, the operators' body said.

| Region | 2023 | 2024 |
|---|---|---|
| Northshire | 4,120 | 4,480 |
| Southby | 6,310 | 6,050 |
| Westmark | 2,890 | 3,240 |
| Eastria | 3,560 | 3,710 |
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("rows") / "data"))
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    get_settings.cache_clear()
    qa.engine.reset_engine()
    ingest_text(ARTICLE, title="Ferry crossings by region", date="2025-03-06", fmt="markdown")
    yield qa.engine.get_engine()
    qa.engine.reset_engine()
    mp.undo()


@pytest.mark.parametrize("question, lead", [
    ("Was Southby the region with the most ferry crossings in 2024?", "Yes"),  # 6,050 is the highest
    ("Was Northshire the region with the most ferry crossings in 2024?", "No"),  # 4,480 is not
    ("Was Westmark the region with the fewest ferry crossings in 2024?", "Yes"),  # 3,240 is the lowest
    # a region not in the table is not checked against it: no verdict either way
    ("Was Zedland the region with the most ferry crossings in 2024?", None),
])
def test_a_named_row_said_to_be_the_highest(engine, question, lead):
    a = ask(question, engine=engine)
    said = a.answer.split(".")[0] if a.answer.split(".")[0] in ("Yes", "No") else None
    assert said == lead, a.answer


def test_a_row_not_found_highest_is_still_read(engine):
    # "cheapest" asks of a price, and the table has none: no row's column is planned before ranking, and the ranked
    # readings that follow cannot say yes or no
    a = ask("Is Southby the cheapest of the regions?", engine=engine)
    assert not a.answer.startswith(("Yes", "No")), a.answer
