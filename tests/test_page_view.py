"""How the page shows an answer (api/present.py) and what GET /api/eval serves: fast, no browser."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import present
from api.app import create_app
from qa.model.records import Answer, Calculation, Citation, Document, Figure, Unit

STATIC = Path(__file__).resolve().parent.parent / "api" / "static"


def fig(id_, subject, measure, period, value, unit=Unit.count):
    return Figure(id=id_, doc_id="d", subject=subject, measure=measure, period=period, value=value, unit=unit,
                  quote=str(value), start=0, end=1)


FIGURES = [
    fig("wm21", "West Midlands Police", "offences recorded", "2021", 710),
    fig("wm20", "West Midlands Police", "offences recorded", "2020", 318),
    fig("st21", "Staffordshire Police", "offences recorded", "2021", 183),
    fig("wm_rep", "West Midlands Police", "cases reported", "2015-04/2021-12", 2575),
    fig("wm_drop", "West Midlands Police", "cases dropped", "2015-04/2021-12", 630),
    fig("wm_share", "West Midlands Police", "share dropped", "2015-04/2021-12", 38.8, Unit.percent),
]
DOC = Document(id="d", title="The article", published=date(2022, 6, 6), source="A paper", text="x" * 40)


@pytest.mark.parametrize(("text", "working", "sentence", "more"), [
    ("From 318 to 710, the change is 123.3%. Working: (710 − 318) / 318 × 100 = 123.3%.",
     "(710 − 318) / 318 × 100 = 123.3%", "From 318 to 710, the change is 123.3%.", ""),
    ("West Midlands Police: 710 offences in 2021.", "", "West Midlands Police: 710 offences in 2021.", ""),
    ("The article doesn't say. It gives 2020 and 2021.", "", "The article doesn't say.", "It gives 2020 and 2021."),
    ("A share of 38.8% of 2,575 cases. (The figure is stated.)", "", "A share of 38.8% of 2,575 cases.",
     "(The figure is stated.)"),
])
def test_split_answer_keeps_one_sentence_and_drops_the_working(text, working, sentence, more):
    assert present.split_answer(text, working) == (sentence, more)


@pytest.mark.parametrize(("raw", "shown"), [
    ("Warning: Warning: the article's 38.8% does not add up.", "The article's 38.8% does not add up."),
    ("warning:the figure is a minimum", "The figure is a minimum"),
    ("The figure is at least 1,000.", "The figure is at least 1,000."),
])
def test_warnings_say_warning_once(raw, shown):
    assert present.clean_warning(raw) == shown


@pytest.mark.parametrize(("value", "unit", "abstained", "headline"), [
    (2575.0, Unit.count, False, "2,575"),
    (47.25, Unit.percent, False, "47.3%"),
    (12.0, Unit.percentage_points, False, "12 percentage points"),
    (5.0, Unit.count, True, ""),
    (None, None, False, ""),
])
def test_headline_is_the_figure_formatted_for_people(value, unit, abstained, headline):
    answer = Answer(answer="x", value=value, unit=unit, abstained=abstained)
    assert present.headline(answer) == headline


def calc_answer(operation, operands, unit=Unit.percent):
    return Answer(answer="x", value=1.0, unit=unit, operation=operation, figures=operands,
                  calculation=Calculation(operation=operation, expression="e", result=1.0, unit=unit, operands=operands))


@pytest.mark.parametrize(("operation", "operands", "kind", "labels", "values"), [
    ("pct_change", ["wm21", "wm20"], "bar", ["2020", "2021"], [318, 710]),  # earlier period first
    ("difference", ["wm21", "st21"], "bar", ["West Midlands Police", "Staffordshire Police"], [710, 183]),
    ("percentage_of", ["wm_drop", "wm_rep"], "doughnut", ["cases dropped", "the rest of the 2,575"], [630, 1945]),
    ("lookup", ["wm21"], None, None, None),
    ("sum", ["wm21", "st21"], None, None, None),
    ("pct_change", ["wm_share", "wm21"], None, None, None),  # a percent against a count: no picture
])
def test_chart_only_where_a_picture_helps(operation, operands, kind, labels, values):
    chart = present.chart(calc_answer(operation, operands), {f.id: f for f in FIGURES})
    if kind is None:
        assert chart is None
    else:
        assert chart is not None and chart.kind == kind and chart.labels == labels and chart.values == values
        assert all(present.fmt_value(v, chart.unit) in chart.description for v in values)


def test_follow_ups_come_from_neighbouring_figures_and_only_answered_ones_are_offered():
    answer = Answer(answer="710", value=710, unit=Unit.count, figures=["wm21"])
    candidates = present.candidate_followups(answer, FIGURES)
    assert candidates[:2] == ["And in 2020?", "What about Staffordshire Police?"]
    assert "How many cases reported for West Midlands Police between April 2015 and December 2021?" in candidates
    replies = {"And in 2020?": Answer(answer="318", value=318, unit=Unit.count),
               "What about Staffordshire Police?": Answer(answer="doesn't say", abstained=True)}
    offered = present.followups(answer, FIGURES, lambda q: replies.get(q, Answer(answer="710", value=710)))
    assert offered == ["And in 2020?"], "an abstention or the same figure again is not a useful suggestion"


def test_sources_are_numbered_with_each_title_once():
    answer = Answer(answer="x", citations=[Citation(doc_id="d", start=0, end=3, quote="abc"),
                                           Citation(doc_id="d", start=5, end=8, quote="def")])
    groups = present.group_sources(answer, {"d": DOC})
    assert [(g.title, g.published, [s.n for s in g.sources]) for g in groups] == [("The article", "2022-06-06", [1, 2])]


@pytest.mark.parametrize(("clarify", "choices"), [
    (None, []),
    (["In 2020", "In 2021"], ["In 2020", "In 2021"]),
    ([{"question": "West Midlands, 2021?"}, {"label": "Staffordshire"}], ["West Midlands, 2021?", "Staffordshire"]),
])
def test_clarifying_choices_are_read_when_the_answer_has_them(clarify, choices):
    answer = Answer(answer="Which one?")
    if clarify is not None:
        object.__setattr__(answer, "clarify", clarify)
    assert present.clarify_choices(answer) == choices


# ---- GET /api/eval ---------------------------------------------------------------------------------

def write_report(folder: Path) -> None:
    rows = [{"set": "seed-dev", "sealed": False, "n": 3, "accuracy": 66.7, "confidently_wrong": 1,
             "confidently_wrong_pct": 33.3, "abstain_precision": 100.0, "abstain_recall": 50.0, "ungrounded": 0},
            {"set": "seed-test", "sealed": True, "n": 9, "accuracy": 88.9, "confidently_wrong": 1,
             "confidently_wrong_pct": 11.1, "abstain_precision": None, "abstain_recall": None, "ungrounded": 0}]
    (folder / "summary.json").write_text(json.dumps({"sets": rows, "gates": [["accuracy >= 95%", False, "66.7%"]],
                                                     "when": "2026-01-01", "target": "in-process"}))
    for name in ("seed-dev", "seed-test"):  # a sealed set's rows exist here (qa eval --unseal) and must not be served
        (folder / name).mkdir()
        (folder / name / "results.jsonl").write_text("\n".join(json.dumps(r) for r in [
            {"id": f"{name}-1", "question": "Wrong and sure?", "correct": False, "abstained": False, "answer": "5",
             "expected": "33", "reason": "value 5 != 33"},
            {"id": f"{name}-2", "question": "Abstained?", "correct": False, "abstained": True},
            {"id": f"{name}-3", "question": "Right?", "correct": True},
        ]) + "\n")


def client(eval_dir: Path) -> TestClient:
    return TestClient(create_app(warm=False, eval_dir=eval_dir))


def test_eval_route_says_clearly_when_there_is_no_report(tmp_path):
    response = client(tmp_path).get("/api/eval")
    assert response.status_code == 404
    assert "qa eval" in response.json()["detail"]


def test_eval_route_lists_confidently_wrong_only_for_dev_sets(tmp_path):
    write_report(tmp_path)
    response = client(tmp_path).get("/api/eval")
    assert response.status_code == 200
    body = response.json()
    by_set = {s["set"]: s for s in body["sets"]}
    assert by_set["seed-dev"]["figures"]["accuracy"] == 66.7
    assert [w["id"] for w in by_set["seed-dev"]["confidently_wrong"]] == ["seed-dev-1"]
    assert by_set["seed-test"]["sealed"] is True and by_set["seed-test"]["confidently_wrong"] is None
    assert "seed-test-1" not in response.text and "Wrong and sure?" in response.text
    assert body["gates"] == [{"name": "accuracy >= 95%", "passed": False, "detail": "66.7%"}]


def test_a_damaged_report_is_a_message_not_a_traceback(tmp_path):
    (tmp_path / "summary.json").write_text("{not json")
    response = client(tmp_path).get("/api/eval")
    assert response.status_code == 500 and "qa eval" in response.json()["detail"]


def test_the_page_loads_its_chart_library_from_this_server_at_the_recorded_version():
    html = (STATIC / "index.html").read_text()
    assert 'src="/static/vendor/chart.umd.min.js"' in html and "http" not in html.split("<body")[0].replace("http-equiv", "")
    recorded = (STATIC / "vendor" / "README.md").read_text()
    digest = hashlib.sha256((STATIC / "vendor" / "chart.umd.min.js").read_bytes()).hexdigest()
    assert digest in recorded
