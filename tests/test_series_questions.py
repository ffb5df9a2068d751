"""Questions asked of every year (or item) of a table at once: each of several figures listed, which years pass a
test, how many do, which of two years was larger. Accounts write negatives in brackets.

The table is small and every expected value is read off it by hand (its cells are in thousands)."""

from __future__ import annotations

import pytest

from qa.compose.grounding import strict_ungrounded
from qa.model.records import Unit

ACCOUNTS = """# Accounts

The following table shows costs by type (in thousands):

|  |  | Years ended December 31, |  |
|---|---|---|---|
|  | 2019 | 2018 | 2017 |
| Wages | $1,500 | $1,200 | $900 |
| Rent | 300 | 330 | 360 |
| Net loss | (40) | 25 | (15) |
| Total costs | 1,800 | 1,530 | 1,260 |
"""


@pytest.fixture(scope="module")
def accounts(tmp_path_factory):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("series") / "data"))
    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    get_settings.cache_clear()
    qa.engine.reset_engine()
    ingest_text(ACCOUNTS, fmt="markdown", title="Accounts", date="2020-03-01")
    yield qa.engine.get_engine()
    qa.engine.reset_engine()
    mp.undo()
    get_settings.cache_clear()


def _ask(engine, question):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert not strict_ungrounded(a, question), a.answer
    return a


def _values(engine, a):
    return [engine.figures_by_id[i].value for i in a.figures]


def _years(engine, a):
    return sorted(int(engine.figures_by_id[i].period[:4]) for i in a.figures)


@pytest.mark.parametrize("question, values", [
    # each year asked, as the table gives it, in the order asked: listed, not added
    ("What were the wages in 2019 and 2018?", [1_500_000, 1_200_000]),
    ("What was the rent in 2017, 2018 and 2019 respectively?", [360_000, 330_000, 300_000]),
    ("What are the respective net loss in 2018 and 2019?", [25_000, -40_000]),  # "(40)" is -40
    ("What were the total costs in 2019 and 2018?", [1_800_000, 1_530_000]),  # "Total costs" names the row
])
def test_each_year_asked_is_listed(accounts, question, values):
    a = _ask(accounts, question)
    assert a.operation == "each"
    assert _values(accounts, a) == pytest.approx(values)


@pytest.mark.parametrize("question, value", [
    ("What is the total rent in 2018 and 2019?", 630_000),  # "total" adds them
    ("What was the rent in 2018 and 2019 combined?", 630_000),
    ("What were the total costs in both 2018 and 2019?", 3_330_000),  # "both": the row's two years added
])
def test_a_question_that_adds_is_not_a_list(accounts, question, value):
    a = _ask(accounts, question)
    assert a.operation == "sum" and a.value == pytest.approx(value)


@pytest.mark.parametrize("question, years", [
    ("Which years had wages above 1,000?", [2018, 2019]),  # a bare number is read as the table writes it
    ("Which years had wages of more than $1 million?", [2018, 2019]),  # a scale word: in units
    ("In which year was rent less than 320?", [2019]),
    ("Which of the years had total costs greater than 1,500?", [2018, 2019]),
    ("Which years does the table provide information for rent?", [2017, 2018, 2019]),  # no test: every year
])
def test_which_years_pass_the_test(accounts, question, years):
    a = _ask(accounts, question)
    assert a.operation == "which"
    assert _years(accounts, a) == years
    for y in years:
        assert str(y) in a.answer


@pytest.mark.parametrize("question, count", [
    ("How many years did wages exceed 1,000?", 2),
    ("In how many years was rent below 350?", 2),  # 300 and 330
    ("How many years did total costs exceed $2 million?", 0),
])
def test_how_many_years_pass_the_test(accounts, question, count):
    a = _ask(accounts, question)
    assert a.operation == "how_many"
    assert a.value == count and a.unit is Unit.count


@pytest.mark.parametrize("question, year", [
    ("In which year were wages larger?", 2019),
    ("In which year was rent the highest?", 2017),
    ("Between 2018 and 2019, which year had lower rent?", 2019),  # of the two years named
    ("Which year was the net loss lower?", 2019),  # -40 is the lowest
])
def test_which_year_is_larger(accounts, question, year):
    a = _ask(accounts, question)
    assert a.operation == "when"
    assert a.value == year


def _money(currency: str, unit: Unit = Unit.money):
    from qa.model.records import Figure

    return Figure(id=f"f{currency}{unit.value}", doc_id="d", subject="s", measure="m", value=1.0, unit=unit,
                  quote="1", start=0, end=1, currency=currency)


@pytest.mark.parametrize("currencies, expected", [
    (["USD", ""], "USD"),  # a figure whose quote shows no sign does not turn dollars into pounds
    (["USD", "USD"], "USD"),
    (["USD", "GBP"], ""),  # two currencies: none is named
    (["", ""], ""),
])
def test_a_result_is_in_the_currency_its_operands_show(currencies, expected):
    from qa.compose.answer import _currency

    assert _currency([_money(c) for c in currencies]) == expected
