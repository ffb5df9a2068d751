"""Questions about a table's shape rather than one figure: the years it gives ("What are the years included in the
table?", "How many years does the table show?"), the rows that make up a whole asked by other words than
"components" ("What are the segments of revenue?"), and how many such rows there are ("How many components are there
under deferred tax assets?"). Each document is invented and each expected answer is worked out by hand from its cells.
"""

from __future__ import annotations

import pytest

SEGMENTS = """# Segments

Revenue by segment was as follows:

| | 2021 | 2020 | 2019 |
|---|---|---|---|
| Hardware | 410 | 520 | 300 |
| Software | 630 | 480 | 350 |
| Services | 95 | 60 | 50 |
| Total revenue | 1,135 | 1,060 | 700 |

Hardware sales fell as the company moved to subscriptions.
"""

ASSETS = """# Deferred tax

| | 2019 | 2018 |
|---|---|---|
| Deferred tax assets: | | |
| Net operating losses | 1,200 | 900 |
| Accrued expenses | 300 | 250 |
| Stock compensation | 80 | 60 |
| Total deferred tax assets | 1,580 | 1,210 |
| Deferred tax liabilities: | | |
| Depreciation | (400) | (380) |
"""


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.engine import Engine
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    out = {}
    for name, doc in {"segments": SEGMENTS, "assets": ASSETS}.items():
        mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp(name)))
        get_settings.cache_clear()
        ingest_text(doc, fmt="markdown", title=doc.split("\n")[0].lstrip("# "), date="2022-03-01")
        out[name] = Engine(get_settings())
    yield out
    mp.undo()
    get_settings.cache_clear()
    qa.engine.reset_engine()


@pytest.mark.parametrize("doc, question, years", [
    ("segments", "What are the years included in the table?", ["2019", "2020", "2021"]),
    ("segments", "Which years are shown in the table?", ["2019", "2020", "2021"]),
    ("assets", "What are the years included in the table?", ["2018", "2019"]),
])
def test_the_years_a_table_gives(engines, doc, question, years):
    from eval.tatqa import prediction
    from qa.pipeline import ask

    a = ask(question, engine=engines[doc])
    assert a.operation == "which", a.answer
    assert sorted(prediction(a, engines[doc].figures_by_id)[0]) == years
    assert all(y in a.answer for y in years)


@pytest.mark.parametrize("doc, question, count", [
    ("segments", "How many years are shown in the table?", 3),  # 2019, 2020, 2021
    ("assets", "How many periods does the table show?", 2),  # 2018, 2019
])
def test_how_many_years_a_table_gives(engines, doc, question, count):
    from qa.pipeline import ask

    a = ask(question, engine=engines[doc])
    assert a.operation == "how_many", a.answer
    assert a.value == count, a.answer


@pytest.mark.parametrize("doc, question, rows", [
    # the rows above "Total revenue" add up to it: 410 + 630 + 95 = 1,135
    ("segments", "What are the segments of revenue?", ["Hardware", "Software", "Services"]),
    ("segments", "What are the different types of revenue?", ["Hardware", "Software", "Services"]),
    # the rows that add up to "Total deferred tax assets" (1,200 + 300 + 80 = 1,580), not its total nor the
    # liabilities below it
    ("assets", "What are the categories under deferred tax assets?",
     ["Net operating losses", "Accrued expenses", "Stock compensation"]),
])
def test_the_rows_of_a_whole_asked_in_other_words(engines, doc, question, rows):
    from eval.tatqa import prediction
    from qa.pipeline import ask

    a = ask(question, engine=engines[doc])
    assert a.operation == "components", a.answer
    assert prediction(a, engines[doc].figures_by_id) == (rows, "")


@pytest.mark.parametrize("doc, question, count", [
    ("segments", "How many segments of revenue are there?", 3),  # Hardware, Software, Services
    ("segments", "How many types of revenue are there?", 3),
    ("segments", "How many components are there in total revenue?", 3),
    ("assets", "How many components are there under deferred tax assets?", 3),  # the three rows adding up to 1,580
])
def test_how_many_rows_make_up_a_whole(engines, doc, question, count):
    from eval.tatqa import prediction
    from qa.pipeline import ask

    a = ask(question, engine=engines[doc])
    assert a.operation == "how_many", a.answer
    assert a.value == count, a.answer
    assert prediction(a, engines[doc].figures_by_id) == (count, "")


@pytest.mark.parametrize("doc, question", [
    ("segments", "How many years did software revenue exceed 400?"),  # a test: years that pass it (2021, 2020)
])
def test_a_count_with_a_test_is_not_a_count_of_the_table(engines, doc, question):
    from qa.pipeline import ask

    a = ask(question, engine=engines[doc])
    assert a.operation == "how_many" and a.value == 2, a.answer
