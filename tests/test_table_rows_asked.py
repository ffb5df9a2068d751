"""Asking about the rows of a report's table: a row is asked by its own label even when a longer row ends with it
("Net revenue" beside "Revenue") or a section heading precedes it ("Adjustments: Adjusted operating income"); an
average or a change over named years reads one row across (not each year's best figure on its own); the word
"average" asks for the operation, not a column named "Weighted average ..."; a span of years ("from 2017 to 2019")
includes the years inside it; "period" is a time word. Each document is invented and each expected value is worked
out by hand from its cells."""

from __future__ import annotations

import pytest

from qa.model.records import Figure, Unit
from qa.understand.link import SubjectTable

REVENUE = """# Voyages

| | 2019 | 2018 |
|---|---|---|
| Revenue | 300 | 280 |
| Less expenses | (140) | (160) |
| Net revenue | 160 | 120 |
"""

UNITS = """# Units

| | 2019 | | 2018 | |
|---|---|---|---|---|
| | Number of units | Weighted average price | Number of units | Weighted average price |
| Units sold | 80,000 | $2.30 | 320,000 | $2.80 |
| Units returned | 5,000 | 2.10 | 4,000 | 2.50 |
"""

PROVISION = """# Provision

| | 2019 | 2018 | 2017 |
|---|---|---|---|
| Federal | 30 | (10) | 20 |
| Foreign | (300) | 90 | 100 |
| Provision for income taxes | 1,400 | 1,100 | 1,200 |
"""

SEGMENTS = """# Segments

| | 2019 | 2018 |
|---|---|---|
| Hardware | 410 | 520 |
| Software | 630 | 480 |
| Services | 95 | 60 |
| Total revenue | 1,135 | 1,060 |
"""

ADJUSTED = """# Adjusted income

| | 2019 | 2018 |
|---|---|---|
| Operating income | $200 | $110 |
| Adjustments: | | |
| Restructuring charges | 9 | 15 |
| Legal expenses | 5 | 7 |
| Adjusted operating income | $214 | $132 |
"""


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    """One store per document, as a user asks about one report at a time."""
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.engine import Engine
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    out = {}
    for name, doc in {"revenue": REVENUE, "units": UNITS, "provision": PROVISION, "adjusted": ADJUSTED,
                      "segments": SEGMENTS}.items():
        mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp(name)))
        get_settings.cache_clear()
        ingest_text(doc, fmt="markdown", title=doc.split("\n")[0].lstrip("# "), date="2020-03-01")
        out[name] = Engine(get_settings())
    yield out
    mp.undo()
    get_settings.cache_clear()
    qa.engine.reset_engine()


@pytest.mark.parametrize("doc, question, value", [
    # one row across the two years: (160 + 120) / 2, not 2019's net revenue with 2018's revenue
    ("revenue", "What is the average net revenue in 2018 and 2019?", 140),
    ("revenue", "What is the average revenue in 2018 and 2019?", 290),  # (300 + 280) / 2
    ("revenue", "What was the change in net revenue from 2018 to 2019?", 40),  # 160 - 120
    # "average" is the operation: the units, not the weighted average price: (80,000 + 320,000) / 2
    ("units", "What is the average units sold between 2018 and 2019?", 200_000),
    # a span of years includes 2018: 1,400 + 1,100 + 1,200
    ("provision", "What is the total provision for income taxes between 2017 to 2019?", 3_700),
    ("provision", "What is the total federal provision between 2017 to 2019?", 40),  # 30 - 10 + 20
    # "period" says when, not what: 3,700 / 3 = 1,233.3
    ("provision", "What was the average provision for income taxes across the 3 year period from 2017 to 2019?",
     1_233.3),
    # a row under a section heading asked by its own label: (214 - 132) / 132 = 62.1%
    ("adjusted", "What was the percentage change in the adjusted operating income between 2018 and 2019?", 62.1),
    ("adjusted", "What was the operating income in 2018?", 110),
])
def test_rows_of_a_table_are_asked_by_their_labels(engines, doc, question, value):
    from qa.pipeline import ask

    a = ask(question, engine=engines[doc])
    assert not a.abstained, a.answer
    assert a.value == pytest.approx(value), a.answer


@pytest.mark.parametrize("question, rows", [
    ("Which segment had the highest revenue in 2019?", ["Software"]),  # 630 > 410 > 95; the total is no segment
    ("Which segment had the highest revenue in 2018?", ["Hardware"]),  # 520 > 480 > 60
    ("Which segment had the lowest revenue in 2019?", ["Services"]),
    ("For 2019, what is the component that contributed the most to total revenue?", ["Software"]),  # a total names the column
    # each year asked: 2018 Hardware (520), 2019 Software (630)
    ("Which segment made up the most of revenue in 2018 and 2019 respectively?", ["Hardware", "Software"]),
])
def test_the_row_with_the_highest_figure_is_named(engines, question, rows):
    from eval.tatqa import prediction
    from qa.pipeline import ask

    a = ask(question, engine=engines["segments"])
    assert a.operation == "top", a.answer
    assert [c.quote for c in a.citations[:len(rows)]] == rows, a.answer
    assert prediction(a, engines["segments"].figures_by_id) == (rows, "")


@pytest.mark.parametrize("question", [
    "In which year was the software revenue the highest?",  # a year is asked, not a row
    "What was the highest software revenue?",  # a row is named: its figure is asked
])
def test_a_question_naming_a_row_or_asking_a_year_names_no_row(engines, question):
    from qa.pipeline import ask

    assert ask(question, engine=engines["segments"]).operation != "top"


def _fig(i: int, subject: str) -> Figure:
    return Figure(id=f"f{i}", doc_id="d", subject=subject, measure="amount", value=1.0, unit=Unit.money,
                  quote="1", start=0, end=1)


@pytest.mark.parametrize("subjects, question, found", [
    # a longer row's last words are another row's whole name: that row's, not the longer one's
    (["Revenue", "Net revenue", "Voyage revenue", "Net voyage revenue"], "the voyage revenue in 2019", ["Voyage revenue"]),
    (["Voyage revenue", "Net voyage revenue"], "the net voyage revenue in 2019", ["Net voyage revenue"]),
    # with no row of that name, the last two words still name the longer row
    (["Net voyage revenue"], "the voyage revenue in 2019", ["Net voyage revenue"]),
    # a row under a section is asked by its own label
    (["Operating income", "Adjustments: Adjusted operating income"], "the adjusted operating income",
     ["Adjustments: Adjusted operating income"]),
    (["Operating income", "Adjustments: Adjusted operating income"], "the operating income", ["Operating income"]),
    (["Swiss", "Non-Swiss"], "the non-swiss income", ["Non-Swiss"]),  # a hyphenated name keeps its own
])
def test_a_subject_is_found_by_its_own_name(subjects, question, found):
    table = SubjectTable([_fig(i, s) for i, s in enumerate(subjects)])
    assert table.find(question) == found


@pytest.mark.parametrize("subjects, subject, parts", [
    (["Voyage", "Voyage revenue", "Net voyage revenue"], "Net voyage revenue", []),  # no "and": it joins nothing
    (["Northshire", "Southshire", "Northshire and Southshire"], "Northshire and Southshire", ["Northshire", "Southshire"]),
])
def test_only_a_joint_name_has_parts(subjects, subject, parts):
    table = SubjectTable([_fig(i, s) for i, s in enumerate(subjects)])
    assert table.components(subject, subject.lower()) == parts
