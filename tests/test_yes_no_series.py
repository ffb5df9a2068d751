"""Yes/no questions about one thing's series and a table's rows (qa/compose/verdict.py, qa/understand/verdict.py,
qa/understand/reader.py): a change asked of one thing is worked from that thing's own figures; "the only one" and
"apart from" set the named rows against the rest; a figure stated for the thing named is stated at a lower cut. The
figures are invented."""

from __future__ import annotations

import pytest

from qa.compose.verdict import decide, named_row_plan, rows_note
from qa.corpus.collection import Corpus
from qa.model.records import Answer, Calculation, Document, Figure, Op, Plan
from qa.understand.reader import NAMED_LOOKUP_CUT_SHIFT, VERDICT_CUT_SHIFT, cut_for
from qa.understand.verdict import Check, read_check

# Ferry crossings by port: two years and a sentence on the harbour's berths
ROWS = [("Upper Norbury", 410, 450), ("Kestwick", 620, 590), ("Dunmore", 280, 320), ("Total", 1310, 1360)]


def _corpus() -> Corpus:
    text = ("Kestwick had 14 berths in 2023 and 16 in 2024. "
            + " ".join(f"{n} {a} {b}" for n, a, b in ROWS))
    figs, pos = [], 0

    def fig(i, subject, measure, period, v, unit="count"):
        nonlocal pos
        start = text.index(str(v), pos)
        pos = start + 1
        return Figure(id=i, doc_id="d", subject=subject, measure=measure, period=period, value=v, unit=unit,
                      quote=str(v), start=start, end=start + len(str(v)))

    figs += [fig("b23", "Kestwick", "berths", "2023", 14), fig("b24", "Kestwick", "berths", "2024", 16)]
    for n, a, b in ROWS:
        key = n.split()[-1]
        figs += [fig(f"{key}23", n, "ferry crossings", "2023", a), fig(f"{key}24", n, "ferry crossings", "2024", b)]
    return Corpus([Document(id="d", title="Invented", published="2025-02-01", text=text)], figs)


def _change(a: str, b: str, value: float, op: str = "pct_change") -> Answer:
    unit = "percent" if op == "pct_change" else "count"
    return Answer(answer="x", value=value, unit=unit, operation=op, figures=[a, b],
                  calculation=Calculation(operation=op, expression="", result=value, unit=unit, operands=[a, b]))


@pytest.mark.parametrize("check, a, b, value, verdict", [
    # Kestwick's crossings, 620 to 590: one series, two years
    (Check("direction", above=False), "Kestwick23", "Kestwick24", -4.8, True),
    (Check("change_above", above=False, threshold=-10), "Kestwick23", "Kestwick24", -4.8, False),
    # crossings to berths: two measures, no change of either
    (Check("direction", above=False), "Kestwick23", "b24", -97.4, None),
    # one port's crossings to another's: two things, no change of one
    (Check("direction"), "Dunmore23", "Kestwick24", 110.7, None),
    (Check("multiple", threshold=2, strict=False), "Dunmore23", "Kestwick24", 110.7, None),
    # the same year twice is no change over time
    (Check("direction"), "Dunmore23", "Kestwick23", 121.4, None),
])
def test_a_change_asked_of_one_thing_is_worked_from_its_own_series(check, a, b, value, verdict):
    plan = Plan(operation=Op.pct_change, subjects=["Kestwick"])  # the question names Kestwick
    assert decide(check, plan, _change(a, b, value), "q", _corpus()) is verdict


def test_a_comparison_of_two_things_is_not_held_to_one_series():
    got = Answer(answer="Kestwick is higher on ferry crossings: 590, against 320 for Dunmore.", value=270, unit="count",
                 operation="comparison", figures=["Kestwick24", "Dunmore24"])
    plan = Plan(operation=Op.comparison, subjects=["Kestwick", "Dunmore"])
    assert decide(Check("compare"), plan, got, "did kestwick have more crossings than dunmore?", _corpus()) is True


def test_a_comparison_with_things_put_together_is_not_settled_by_two_of_them():
    # "more than Dunmore and Upper Norbury put together": 590 against 770, which a comparison with one of them hides
    got = Answer(answer="Kestwick is higher on ferry crossings: 590, against 320 for Dunmore.", value=270, unit="count",
                 operation="comparison", figures=["Kestwick24", "Dunmore24"])
    plan = Plan(operation=Op.comparison, subjects=["Kestwick", "Dunmore", "Upper Norbury"])
    question = "did kestwick have more crossings than dunmore and upper norbury put together?"
    assert decide(Check("compare"), plan, got, question, _corpus()) is None


@pytest.mark.parametrize("question, over", [
    ("was kestwick the only port whose ferry crossings went down?", "only"),
    ("did crossings fall at any port apart from kestwick?", "some_other"),
    ("did crossings go up at every port other than kestwick?", "each_other"),
    ("did crossings fall at any port?", "some"),
    ("did crossings go up at every port?", "each"),
])
def test_the_named_things_against_the_rest_are_read(question, over):
    check = read_check(question, ["Kestwick"])
    assert check is not None and check.kind == "direction" and check.over == over


@pytest.mark.parametrize("over, up, subjects, question, verdict", [
    ("only", False, ["Kestwick"], "was kestwick the only port whose crossings fell?", True),  # 620 to 590, the rest rose
    ("only", False, ["Dunmore"], "was dunmore the only port whose crossings fell?", False),  # Dunmore rose
    ("only", True, ["Dunmore"], "was dunmore the only port whose crossings rose?", False),  # others rose too
    # "Norbury" is a word of one row's name only: that row is the one named
    ("only", False, [], "was norbury the only port whose crossings fell?", False),
    ("some_other", False, ["Kestwick"], "did crossings fall at any port apart from kestwick?", False),
    ("each_other", True, ["Kestwick"], "did crossings rise at every port other than kestwick?", True),
    # a named port that is no row of the table: undecided
    ("only", False, ["Westhaven"], "was westhaven the only port whose crossings fell?", None),
])
def test_the_named_rows_are_set_against_the_others(over, up, subjects, question, verdict):
    got = _change("Total23", "Total24", 3.8)
    plan = Plan(operation=Op.pct_change, subjects=subjects, resolved_question=question)
    check = Check("direction", above=up, over=over)
    assert decide(check, plan, got, question, _corpus()) is verdict
    assert decide(check, plan, got, question) is None  # without the table: one row alone cannot say


def test_the_named_row_is_the_one_shown():
    question = "was kestwick the only port whose crossings fell?"
    plan = Plan(operation=Op.pct_change, subjects=["Kestwick"], resolved_question=question,
                groups=[["Total23"], ["Total24"]])
    check = Check("direction", above=False, over="only")
    row = named_row_plan(check, plan, _change("Total23", "Total24", 3.8), _corpus())
    assert row is not None and row.groups == [["Kestwick23"], ["Kestwick24"]]
    assert rows_note(check, _change("Total23", "Total24", 3.8), _corpus(), plan) == \
        "Kestwick fell; none of the others did."
    # a question naming no row has no row to show
    assert named_row_plan(Check("direction", above=False, over="some"), plan, _change("Total23", "Total24", 3.8),
                          _corpus()) is None


@pytest.mark.parametrize("question", ["did kestwick lose passengers in 2024?", "is kestwick losing crossings?"])
def test_losing_is_a_fall(question):
    check = read_check(question, ["Kestwick"])
    assert check is not None and (check.kind, check.above) == ("direction", False)


NAMED = {"places": 1.0, "years": 1.0, "years_extra": 0.0, "link": 0.7}


@pytest.mark.parametrize("question, operation, subjects, features, shift", [
    # a level stated for the thing named, of the period asked, well linked: the lower cut
    ("did kestwick have more than 500 crossings in 2024?", Op.lookup, ["Kestwick"], NAMED, NAMED_LOOKUP_CUT_SHIFT),
    # another place's figure, another year's, a label far from the question's words: a verdict's usual cut
    ("did kestwick have more than 500 crossings in 2024?", Op.lookup, ["Kestwick"], {**NAMED, "places": 0.0},
     VERDICT_CUT_SHIFT),
    ("did kestwick have more than 500 crossings in 2024?", Op.lookup, ["Kestwick"], {**NAMED, "years_extra": 1.0},
     VERDICT_CUT_SHIFT),
    ("did kestwick have more than 500 crossings in 2024?", Op.lookup, ["Kestwick"], {**NAMED, "link": 0.3},
     VERDICT_CUT_SHIFT),
    # no thing named: nothing the figure is known to be of
    ("did crossings top 500 in 2024?", Op.lookup, [], NAMED, VERDICT_CUT_SHIFT),
    # a change worked from two figures is not one figure stated
    ("did kestwick's crossings go down?", Op.pct_change, ["Kestwick"], NAMED, VERDICT_CUT_SHIFT),
    # no yes/no question: the figure's own cut
    ("how many crossings did kestwick have in 2024?", Op.lookup, ["Kestwick"], NAMED, 0.0),
])
def test_a_figure_stated_for_the_thing_named_is_stated_at_a_lower_cut(question, operation, subjects, features, shift):
    groups = [["Kestwick24"]] if operation is Op.lookup else [["Kestwick23"], ["Kestwick24"]]
    top = Plan(operation=operation, groups=groups, subjects=subjects, resolved_question=question)
    assert cut_for(top, 0.5, features=features) == pytest.approx(0.5 + shift)


ARTICLE = """Ferry crossings by port

Published 6 March 2025

Ferry crossings rose at most ports last year, the harbour board said.

| Port | 2023 | 2024 |
|---|---|---|
| Upper Norbury | 4,120 | 4,480 |
| Kestwick | 6,310 | 6,050 |
| Dunmore | 2,890 | 3,240 |
| Fallowby | 3,560 | 3,710 |
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("series") / "data"))
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    get_settings.cache_clear()
    qa.engine.reset_engine()
    ingest_text(ARTICLE, title="Ferry crossings by port", date="2025-03-06", fmt="markdown")
    yield qa.engine.get_engine()
    qa.engine.reset_engine()
    mp.undo()


@pytest.mark.parametrize("question, lead, shown", [
    # Kestwick fell (6,310 to 6,050), every other port rose: the answer shows Kestwick's own change
    ("Was Kestwick the only port whose ferry crossings went down in 2024?", "Yes", "6,050"),
    # Dunmore rose (2,890 to 3,240): its own change shows it, and the note names the port that fell
    ("Was Dunmore the only port whose ferry crossings went down in 2024?", "No", "3,240"),
    ("Did Kestwick lose ferry crossings in 2024?", "Yes", "6,050"),
])
def test_asked_end_to_end(engine, question, lead, shown):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert a.answer.split(".")[0] == lead, a.answer
    assert shown in a.answer, a.answer


@pytest.mark.parametrize("over, up, note", [
    ("each", True, "All rose."),  # without Kestwick: Upper Norbury, Dunmore and the total all rose
    ("some", False, "Kestwick fell."),
])
def test_the_rows_note_states_no_count(over, up, note):
    # a count of rows is a number no quote or working gives: stated, the answer would be held back as ungrounded
    corpus = _corpus()
    got = _change("Norbury23", "Norbury24", 9.8)
    if over == "each":
        corpus = Corpus(corpus.documents, [f for f in corpus.figures if f.subject != "Kestwick"])
    said = rows_note(Check("direction", above=up, over=over), got, corpus)
    assert said == note
    assert not any(ch.isdigit() for ch in said)


@pytest.mark.parametrize("question, subjects, a, b, value, verdict", [
    # the question names no port: one port's change (Kestwick's 620 to 590) is not the crossings' change
    ("did ferry crossings go down in 2024?", [], "Kestwick23", "Kestwick24", -4.8, None),
    # the total's (1,310 to 1,360) is
    ("did ferry crossings go down in 2024?", [], "Total23", "Total24", 3.8, False),
    # a port named, or written in the question: its own change
    ("did kestwick's ferry crossings go down in 2024?", ["Kestwick"], "Kestwick23", "Kestwick24", -4.8, True),
    ("did ferry crossings at kestwick go down in 2024?", [], "Kestwick23", "Kestwick24", -4.8, True),
    ("did upper-norbury's ferry crossings go down in 2024?", [], "Norbury23", "Norbury24", 9.8, False),
])
def test_one_row_of_a_table_is_not_the_whole(question, subjects, a, b, value, verdict):
    plan = Plan(operation=Op.pct_change, subjects=subjects, resolved_question=question)
    check = Check("direction", above=False)
    assert decide(check, plan, _change(a, b, value), question, _corpus()) is verdict
