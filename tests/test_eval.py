"""The evaluation harness: gold expressions, re-computation, scoring rules, grounding, reports.

Expected numbers here are worked out by hand from the article (shown in comments), never
taken from the engine's or the harness's output.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from eval.arith import round1
from eval.gold import CATEGORIES, GOLD_FILE, GoldError, GoldItem, evaluate, load_gold
from eval.report import compare, percentile, summarise
from eval.run import main
from eval.score import citation_check, grounding, score, stated_numbers
from qa.corpus.figures import load_figures
from qa.corpus.store import load_documents
from qa.model.records import Answer, Calculation, Citation, Unit

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
DOC = "iia-police-2022-06-06"


@pytest.fixture(scope="module")
def corpus():
    docs = load_documents(CORPUS)
    return {d.id: d for d in docs}, {f.id: f for f in load_figures(CORPUS, docs)}


@pytest.fixture(scope="module")
def figures(corpus):
    return corpus[1]


# --- the expression parser -------------------------------------------------------------------

@pytest.mark.parametrize(
    "expr, value, unit, operands",
    [
        ("figure(wm_offences_2021)", 710, Unit.count, ["wm_offences_2021"]),
        ("wm_offences_2021", 710, Unit.count, ["wm_offences_2021"]),
        ("figure(staffs_dropped_share)", 47.3, Unit.percent, ["staffs_dropped_share"]),
        # (710 - 318) / 318 = 1.2327 -> 123.3%
        ("pct_change(wm_offences_2020, wm_offences_2021)", 123.3, Unit.percent, ["wm_offences_2020", "wm_offences_2021"]),
        # (183 - 154) / 154 = 0.1883 -> 18.8%
        ("pct_change(staffs_offences_2020, staffs_offences_2021)", 18.8, Unit.percent, ["staffs_offences_2020", "staffs_offences_2021"]),
        ("difference(wm_offences_2021, wm_offences_2020)", 392, Unit.count, ["wm_offences_2021", "wm_offences_2020"]),
        # two percents differ in percentage points: 47.3 - 38.8
        ("difference(staffs_dropped_share, wm_dropped_share)", 8.5, Unit.percentage_points, ["staffs_dropped_share", "wm_dropped_share"]),
        ("pp_difference(wm_dropped_share, staffs_dropped_share)", -8.5, Unit.percentage_points, ["wm_dropped_share", "staffs_dropped_share"]),
        ("sum(wm_dropped_no_suspect, staffs_dropped_no_suspect)", 71, Unit.count, ["wm_dropped_no_suspect", "staffs_dropped_no_suspect"]),
        # 710 / 183 = 3.88
        ("ratio(wm_offences_2021, staffs_offences_2021)", 3.9, Unit.ratio, ["wm_offences_2021", "staffs_offences_2021"]),
        # (370 + 34) / 855 = 0.4725 -> 47.3%, the article's own figure
        ("share(staffs_cases_reported, staffs_dropped_with_suspect, staffs_dropped_no_suspect)", 47.3, Unit.percent,
         ["staffs_dropped_with_suspect", "staffs_dropped_no_suspect", "staffs_cases_reported"]),
        ("complement(refuge_threats_by_partner)", 28, Unit.percent, ["refuge_threats_by_partner"]),
        # nested: 630 / (630 + 37) = 0.9445 -> 94.5%
        ("percentage_of(wm_dropped_with_suspect, sum(wm_dropped_with_suspect, wm_dropped_no_suspect))", 94.5, Unit.percent,
         ["wm_dropped_with_suspect", "wm_dropped_with_suspect", "wm_dropped_no_suspect"]),
        ("  sum( wm_offences_2020 ,wm_offences_2021 )  ", 1028, Unit.count, ["wm_offences_2020", "wm_offences_2021"]),
        ("figure(offence_max_sentence)", 2, Unit.years, ["offence_max_sentence"]),
    ],
)
def test_expression_values(figures, expr, value, unit, operands):
    got = evaluate(expr, figures)
    assert (round1(got.value), got.unit, sorted(got.operands)) == (value, unit, sorted(operands))


@pytest.mark.parametrize(
    "expr, message",
    [
        ("", "non-empty"),
        ("figure(no_such_figure)", "unknown figure id"),
        ("pct_change(wm_offences_2020, wm_offences_2021", "ends too early"),
        ("sum(wm_offences_2020,)", "expected a name or number"),
        ("sum(wm_offences_2020 wm_offences_2021)", "expected ')'"),
        ("wm_offences_2020 wm_offences_2021", "after the end"),
        ("eval(wm_offences_2020)", "unknown function"),
        ("__import__('os')", "unexpected character"),
        ("710 + 318", "unexpected character"),
        ("sum(wm_offences_2020, staffs_dropped_share)", "different units"),  # count + percent is refused
        ("figure(sum(wm_offences_2020, wm_offences_2021))", "expected ')'"),
        ("pct_change(wm_offences_2020)", "takes (old, new)"),
        ("pp_difference(wm_offences_2020, wm_offences_2021)", "needs two percents"),
        ("ratio(wm_offences_2020, difference(wm_offences_2020, wm_offences_2020))", "division by zero"),
        ("sum(" * 12 + "wm_offences_2020" + ")" * 12, "nests deeper"),
    ],
)
def test_expression_errors(figures, expr, message):
    with pytest.raises(GoldError, match=message.replace("(", r"\(").replace(")", r"\)")):
        evaluate(expr, figures)


# --- the gold file itself --------------------------------------------------------------------

def test_gold_file_is_complete(figures):
    items = load_gold(GOLD_FILE, figures)
    assert len(items) >= 150
    counts = {c: sum(1 for i in items if i.category == c) for c in CATEGORIES}
    assert all(n >= 4 for n in counts.values()), counts
    assert sum(1 for i in items if i.history) >= 10
    assert sum(1 for i in items if i.kind == "abstain") >= 20


def test_gold_numbers_are_never_typed_in():
    # A numeric answer must be an expression over figure ids, so it is re-computed on every run.
    lines = [x for f in sorted((REPO / "eval" / "sets").glob("*.jsonl")) for x in f.read_text(encoding="utf-8").splitlines()]
    lines += [x for f in sorted((REPO / "eval" / "articles").glob("*/*/questions.jsonl"))
              for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
    for line in lines:
        gold = json.loads(line)["gold"]
        if isinstance(gold, dict):
            assert not any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in gold.values()), line
            assert "value" not in gold


def _changed_corpus(tmp_path: Path, fid: str, old: str, new: str) -> Path:
    """A copy of the corpus where figure `fid` reads `new` instead of `old`, in the article and the table."""
    assert len(old) == len(new)  # keep every other figure's offsets valid
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    table = dst / "figures" / f"{DOC}.csv"
    with table.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    row = next(r for r in rows if r["id"] == fid)
    start, end = int(row["start"]), int(row["end"])
    text_path = dst / "documents" / f"{DOC}.txt"
    text = text_path.read_text(encoding="utf-8")
    assert text[start:end] == row["quote"] and old in row["quote"]
    row["quote"] = row["quote"].replace(old, new)
    row["value"] = new
    text_path.write_text(text[:start] + row["quote"] + text[end:], encoding="utf-8")
    with table.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return dst


def test_changing_a_figure_changes_the_answers_that_depend_on_it(tmp_path, figures):
    changed = _changed_corpus(tmp_path, "wm_offences_2021", "710", "810")
    docs = load_documents(changed)
    new_figures = {f.id: f for f in load_figures(changed, docs)}
    assert new_figures["wm_offences_2021"].value == 810

    before = {i.id: i for i in load_gold(GOLD_FILE, figures)}
    after = {i.id: i for i in load_gold(GOLD_FILE, new_figures)}
    moved = {k for k, i in after.items() if i.expected and round1(i.expected.value) != round1(before[k].expected.value)}
    depends = {k for k, i in before.items() if i.expected and "wm_offences_2021" in i.expected.operands}
    assert depends and moved == depends

    # Worked by hand: (810 - 318) / 318 = 154.7%; 810 - 318 = 492; 810 + 183 = 993; 810 / 183 = 4.4.
    assert round1(after["percent_change-01"].expected.value) == 154.7
    assert round1(after["difference-01"].expected.value) == 492
    assert round1(after["sum-01"].expected.value) == 993
    assert round1(after["ratio-02"].expected.value) == 4.4
    assert after["lookup-02"].expected.value == before["lookup-02"].expected.value == 154


def test_the_harness_recomputes_from_the_corpus_it_is_given(tmp_path, monkeypatch):
    changed = _changed_corpus(tmp_path, "staffs_offences_2020", "154", "164")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "q1", "category": "percent_change", "question": "Staffordshire rise 2020 to 2021?",
        "gold": {"expr": "pct_change(staffs_offences_2020, staffs_offences_2021)"},
    }) + "\n")
    # (183 - 164) / 164 = 11.6%: an engine still answering from the old table (18.8%) is now wrong.
    def stale(question, history):
        return Answer(answer="It rose 18.8%.", value=18.8, unit=Unit.percent)
    monkeypatch.setattr("eval.run.in_process_asker", lambda: stale)
    report = tmp_path / "report"
    assert main(["--gold", str(gold), "--corpus", str(changed), "--report", str(report), "--quiet"]) == 1
    row = json.loads((report / "results.jsonl").read_text())
    assert (round1(row["expected_value"]), row["correct"]) == (11.6, False)


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"id": "a", "category": "lookup", "question": "q"}', "missing 'gold'"),
        ('{"id": "a", "category": "guesswork", "question": "q", "gold": "abstain"}', "unknown category"),
        ('{"id": "a", "category": "lookup", "question": "q", "gold": {"expr": "figure(nope)"}}', "unknown figure id"),
        ('{"id": "a", "category": "lookup", "question": "q", "gold": 710}', "gold must be"),
        ('{"id": "a", "category": "comparison", "question": "q", "gold": {"winner": "X"}}', "both the winner"),
        ('{"id": "a", "category": "lookup", "question": "q", "gold": "abstain"}\n'
         '{"id": "a", "category": "lookup", "question": "q", "gold": "abstain"}', "duplicate id"),
        ("{not json", "not JSON"),
    ],
)
def test_bad_gold_lines_are_refused_with_the_line_number(tmp_path, figures, line, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(GoldError, match=message) as info:
        load_gold(path, figures)
    assert "line " in str(info.value)


# --- the scoring rule ------------------------------------------------------------------------

def _item(gold, expr_value=None, unit=Unit.percent, category="stated_percentage"):
    from eval.gold import Expected

    item = GoldItem(id="t", category=category, question="q", gold=gold)
    if expr_value is not None:
        item.expected = Expected(expr_value, unit, ())
    return item


STAFFS_SHARE = _item({"expr": "figure(staffs_dropped_share)"}, 47.3)


@pytest.mark.parametrize(
    "answer, correct",
    [
        (Answer(answer="At least 47.3% were dropped.", value=47.3, unit=Unit.percent), True),
        (Answer(answer="About 47.3% were dropped.", value=47.25, unit=Unit.percent), True),   # rounds to 47.3
        (Answer(answer="A share of 0.473 was dropped.", value=0.473, unit=Unit.percent), False),  # a fraction, not a percent
        (Answer(answer="0.473", value=0.473, unit=Unit.ratio), False),
        (Answer(answer="47.3 cases", value=47.3, unit=Unit.count), False),  # right number, wrong unit
        (Answer(answer="47.2% were dropped.", value=47.2, unit=Unit.percent), False),
        (Answer(answer="47.3% were dropped.", value=47.34, unit=Unit.percent), True),
        (Answer(answer="47.4% were dropped.", value=47.35, unit=Unit.percent), False),  # half away from zero: 47.4
        (Answer(answer="The article doesn't say.", abstained=True), False),
        (Answer(answer="Staffordshire dropped many cases.", value=47.3, unit=Unit.percent), False),  # text omits it
        (Answer(answer="Nearly half: 47%.", value=47.3, unit=Unit.percent), True),  # text rounds coarser, still 47.3
        (Answer(answer="No value."), False),
    ],
)
def test_numeric_tolerance_rule(answer, correct):
    assert score(STAFFS_SHARE, answer).correct is correct


def test_sign_matters_unless_the_question_has_no_direction():
    answer = Answer(answer="-8.5 percentage points", value=-8.5, unit=Unit.percentage_points)
    directed = _item({"expr": "pp_difference(staffs_dropped_share, wm_dropped_share)"}, 8.5, Unit.percentage_points)
    gap = _item({"expr": "pp_difference(staffs_dropped_share, wm_dropped_share)", "abs": True}, 8.5, Unit.percentage_points)
    assert not score(directed, answer).correct
    assert score(gap, answer).correct


@pytest.mark.parametrize(
    "answer, correct",
    [
        (Answer(answer="The article doesn't say.", abstained=True), True),
        (Answer(answer="The article doesn't say; maybe 500.", abstained=True, value=500, unit=Unit.count), False),
        (Answer(answer="West Midlands Police recorded 2,575 cases.", value=2575, unit=Unit.count), False),
    ],
)
def test_unanswerable_must_abstain_without_a_value(answer, correct):
    assert score(_item("abstain", category="unanswerable"), answer).correct is correct


@pytest.mark.parametrize(
    "answer, correct",
    [
        (Answer(answer="No: the article gives 38.8% and at least 47.3%.", value=38.8, unit=Unit.percent), True),
        (Answer(answer="The article doesn't say that.", abstained=True), True),
        (Answer(answer="Yes, 90% of cases were dropped.", value=90, unit=Unit.percent), False),
        (Answer(answer="Yes, that's right.", abstained=False), False),
        (Answer(answer="That figure is 90%.", value=90.0, unit=Unit.percent), False),
        (Answer(answer="Ratio 90.", value=90.0, unit=Unit.ratio), True),  # a different unit is not the claim
    ],
)
def test_unsupported_claims_must_not_be_confirmed(answer, correct):
    item = _item({"reject": [{"value": 90, "unit": "percent"}]}, category="unsupported_claim")
    assert score(item, answer).correct is correct


@pytest.mark.parametrize(
    "text, correct",
    [
        ("Staffordshire Police (47.3%) is higher than West Midlands Police (38.8%).", True),
        ("Staffordshire dropped a higher share.", True),
        ("West Midlands Police (38.8%) is lower than Staffordshire Police (47.3%).", False),
        ("West Midlands Police dropped 38.8%.", False),
        ("The article doesn't say.", False),
    ],
)
def test_comparison_names_the_answer_first(text, correct):
    item = _item({"winner": "Staffordshire", "loser": "West Midlands"}, category="comparison")
    assert score(item, Answer(answer=text, operation="comparison")).correct is correct


def test_a_comparison_answered_by_a_lookup_is_wrong():
    # Naming the right place is not enough: "which grew faster?" needs the two changes compared.
    item = _item({"winner": "Staffordshire", "loser": "West Midlands"}, category="comparison")
    looked_up = Answer(answer="Staffordshire Police: 183 offences in 2021.", value=183, unit=Unit.count)
    assert score(item, looked_up).reason == "a lookup instead of a comparison"


@pytest.mark.parametrize(
    "text, correct",
    [
        ("Yes. 710 is more than twice 318 (2.2 times).", True),
        ("yes - it more than doubled", True),
        ("No, it did not.", False),
        ("It rose from 318 to 710.", False),  # the verdict must come first
    ],
)
def test_yes_no_questions_need_the_verdict_first(text, correct):
    item = _item({"verdict": "yes"}, category="yes_no")
    assert score(item, Answer(answer=text, operation="comparison")).correct is correct


def test_a_passage_quoted_back_does_not_answer_who():
    passage = ("Refuge CEO Ruth Davison said survivors of the crime, who are overwhelmingly women, may decide "
               "not to support further police action for many reasons.")
    item = _item({"text": ["Ruth Davison"]}, category="text")
    quoted = Answer(answer=f"“{passage}”", operation="text",
                    citations=[Citation(doc_id=DOC, start=0, end=len(passage), quote=passage)])
    named = Answer(answer="Ruth Davison, Refuge's chief executive.", operation="text",
                   citations=[Citation(doc_id=DOC, start=0, end=len(passage), quote=passage)])
    assert (score(item, quoted).correct, score(item, named).correct) == (False, True)


@pytest.mark.parametrize(
    "text, correct",
    [
        ("The maximum sentence is two years' imprisonment.", True),
        ("The maximum sentence is 2 years.", True),
        ("It is a serious offence.", False),
        ("THE MAXIMUM IS TWO YEARS", True),
    ],
)
def test_text_gold_accepts_any_listed_alternative(text, correct):
    item = _item({"text": [["two years", "2 years"]]}, category="text")
    assert score(item, Answer(answer=text)).correct is correct


def test_an_error_is_a_wrong_answer_with_its_reason():
    verdict = score(STAFFS_SHARE, None, "BadQuestion: unreadable")
    assert not verdict.correct and "BadQuestion" in verdict.reason


# --- grounding -------------------------------------------------------------------------------

def _cite(quote: str) -> Citation:
    return Citation(doc_id=DOC, start=0, end=len(quote), quote=quote)


Q2021 = "How many revenge porn offences did West Midlands Police record in 2021?"


@pytest.mark.parametrize(
    "answer, question, history, ungrounded",
    [
        (Answer(answer="West Midlands Police recorded 710 offences in 2021.",
                citations=[_cite("they recorded 710 offences")]), Q2021, [], []),
        (Answer(answer="West Midlands Police recorded 720 offences in 2021.",
                citations=[_cite("they recorded 710 offences")]), Q2021, [], [720]),
        (Answer(answer="West Midlands Police recorded 710 offences in 2021."), Q2021, [], [710]),  # nothing cited
        (Answer(answer="The maximum sentence is two years.",
                citations=[_cite("a maximum sentence of two years' imprisonment")]), "Max sentence?", [], []),
        (Answer(answer="The maximum sentence is three years.",
                citations=[_cite("a maximum sentence of two years' imprisonment")]), "Max sentence?", [], [3]),
        (Answer(answer="Two forces provided the data."), "Which forces?", [], [2]),  # number words count
        (Answer(answer="Data came from thirty-eight forces.",
                citations=[_cite("the 38 police forces in England and Wales")]), "How many forces?", [], []),
        (Answer(answer="No one knows; it is one of the gaps.", abstained=True), "Convictions?", [], []),
        (Answer(answer="It rose 123.3%.",
                calculation=Calculation(operation="pct_change", expression="(710 − 318) / 318 × 100 = 123.3%",
                                        result=123.3, unit=Unit.percent)), "Rise?", [], []),
        (Answer(answer="From 318 to 710, a rise of 123.3%.",
                calculation=Calculation(operation="pct_change", expression="(710 − 318) / 318 × 100 = 123.3%",
                                        result=123.3, unit=Unit.percent)), "Rise?", [], []),
        (Answer(answer="It rose 123.3%."), "Rise?", [], [123.3]),
        (Answer(answer="It rose 123.3%.", citations=[_cite("it rose by 123.27 per cent")]), "Rise?", [], []),
        (Answer(answer="It was 2 times.", citations=[_cite("a ratio of 2.3")]), "Ratio?", [], [2]),
        (Answer(answer="In 2020 it was 318."), "And in 2020?",
         [{"question": Q2021, "answer": "They recorded 710 offences; 318 in 2020."}], []),
        (Answer(answer="The article doesn't say; perhaps 500.", abstained=True), "Convictions?", [], [500]),
        (Answer(answer="You asked about 90%; the article does not support it.", abstained=True),
         "Confirm that 90% of cases were dropped.", [], []),
    ],
)
def test_grounding(answer, question, history, ungrounded):
    assert grounding(answer, question, history).ungrounded == ungrounded


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("2,575 cases and 38.8 per cent", [2575, 38.8]),
        ("two years", [2]),
        ("thirty-eight forces", [38]),
        ("no one", []),
        ("at least 28,201 offences", [28201]),
    ],
)
def test_stated_numbers(text, numbers):
    assert sorted(stated_numbers(text)) == sorted(numbers)


# --- citations -------------------------------------------------------------------------------

def test_citation_check(corpus):
    documents, figures = corpus
    f = figures["wm_offences_2021"]
    exact = Citation(doc_id=DOC, start=f.start, end=f.end, quote=f.quote)
    wider = Citation(doc_id=DOC, start=f.start - 20, end=f.end + 5,
                     quote=documents[DOC].text[f.start - 20:f.end + 5])
    elsewhere = figures["staffs_offences_2021"]
    other = Citation(doc_id=DOC, start=elsewhere.start, end=elsewhere.end, quote=elsewhere.quote)
    base = {"answer": "710 offences.", "value": 710, "unit": Unit.count, "figures": ["wm_offences_2021"]}

    assert citation_check(Answer(**base, citations=[exact]), figures, documents)[0] is True
    assert citation_check(Answer(**base, citations=[wider]), figures, documents)[0] is True
    assert citation_check(Answer(**base, citations=[other]), figures, documents)[0] is False
    assert citation_check(Answer(**base), figures, documents) == (False, "no citations")
    altered = exact.model_copy(update={"quote": "they recorded 711 offences"})
    ok, why = citation_check(Answer(**base, citations=[altered]), figures, documents)
    assert not ok and "not the article's text" in why
    assert citation_check(Answer(answer="The article doesn't say.", abstained=True), figures, documents)[0] is None


# --- summaries, comparison, thresholds ---------------------------------------------------------

def _row(qid, category, correct, kind="number", abstained=False, **extra):
    return {"id": qid, "category": category, "question": qid, "correct": correct, "gold_kind": kind,
            "abstained": abstained, "latency_ms": 10.0, "error": "", "ungrounded": [], "citation_ok": None,
            "reason": "", "expected": "", **extra}


def test_abstention_precision_and_recall():
    rows = [
        _row("u1", "unanswerable", True, "abstain", abstained=True),
        _row("u2", "unanswerable", True, "abstain", abstained=True),
        _row("u3", "unanswerable", False, "abstain", abstained=False),
        _row("n1", "lookup", False, "number", abstained=True),   # a false alarm
        _row("n2", "lookup", True, "number"),
        _row("c1", "unsupported_claim", True, "reject", abstained=True),  # neither side
    ]
    s = summarise(rows)
    assert (s.abstain_tp, s.abstain_fp, s.abstain_fn) == (2, 1, 1)
    assert s.abstain_precision == pytest.approx(200 / 3)
    assert s.abstain_recall == pytest.approx(200 / 3)
    assert s.by_category["unanswerable"] == (2, 3)
    assert s.accuracy == pytest.approx(400 / 6)


def test_percentile_nearest_rank():
    values = [float(v) for v in range(1, 21)]  # 1..20
    assert percentile(values, 50) == 10
    assert percentile(values, 95) == 19
    assert percentile([], 50) == 0


def test_compare_lists_fixed_and_broken():
    old = [_row("a", "lookup", False), _row("b", "lookup", True), _row("c", "lookup", True), _row("gone", "lookup", True)]
    new = [_row("a", "lookup", True), _row("b", "lookup", False), _row("c", "lookup", True), _row("new", "lookup", True)]
    out = compare(old, new)
    assert [r["id"] for r in out["fixed"]] == ["a"]
    assert [r["id"] for r in out["broken"]] == ["b"]
    assert [r["id"] for r in out["added"]] == ["new"]
    assert [r["id"] for r in out["removed"]] == ["gone"]


TINY_GOLD = [
    {"id": "n1", "category": "lookup", "question": Q2021, "gold": {"expr": "figure(wm_offences_2021)"}},
    {"id": "u1", "category": "unanswerable", "question": "How many convictions were there?", "gold": "abstain"},
]


def _fake_engine(corpus, *, answer_unanswerable: bool, invent: bool = False):
    documents, figures = corpus
    f = figures["wm_offences_2021"]

    def ask(question, history):
        if question == Q2021:
            text = "West Midlands Police recorded 710 offences in 2021." + (" Roughly 800 next year." if invent else "")
            return Answer(answer=text, value=710, unit=Unit.count, figures=[f.id],
                          citations=[Citation(doc_id=DOC, start=f.start, end=f.end, quote=f.quote)])
        if answer_unanswerable:
            return Answer(answer="There were 12 convictions.", value=12, unit=Unit.count)
        return Answer(answer="The article doesn't say.", abstained=True)

    return ask


@pytest.mark.parametrize(
    "answer_unanswerable, invent, flags, rc",
    [
        (False, False, [], 0),
        (True, False, [], 1),        # an unanswerable question answered (and accuracy 50%)
        (True, False, ["--min-accuracy", "50", "--max-missed-abstentions", "1", "--max-ungrounded", "1"], 0),
        (False, True, [], 1),        # an invented number fails the run even though every answer is right
    ],
)
def test_thresholds_set_the_exit_status(tmp_path, monkeypatch, corpus, answer_unanswerable, invent, flags, rc):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g) for g in TINY_GOLD) + "\n")
    monkeypatch.setattr("eval.run.in_process_asker", lambda: _fake_engine(corpus, answer_unanswerable=answer_unanswerable, invent=invent))
    report = tmp_path / "report"
    assert main(["--gold", str(gold), "--report", str(report), "--quiet", *flags]) == rc
    for name in ("report.md", "results.jsonl", "accuracy.png", "summary.json"):
        assert (report / name).stat().st_size > 0
    assert (report / "accuracy.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_compare_option_reports_fixed_and_broken(tmp_path, monkeypatch, corpus, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g) for g in TINY_GOLD) + "\n")
    monkeypatch.setattr("eval.run.in_process_asker", lambda: _fake_engine(corpus, answer_unanswerable=True))
    main(["--gold", str(gold), "--report", str(tmp_path / "old"), "--quiet"])
    monkeypatch.setattr("eval.run.in_process_asker", lambda: _fake_engine(corpus, answer_unanswerable=False))
    capsys.readouterr()
    assert main(["--gold", str(gold), "--report", str(tmp_path / "new"), "--compare", str(tmp_path / "old"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "1 fixed, 0 broken" in out and "fixed  u1" in out
    assert "**fixed** (1)" in (tmp_path / "new" / "report.md").read_text()


def test_missing_engine_or_gold_is_exit_2(tmp_path, monkeypatch, capsys):
    def no_engine():
        raise ImportError("qa.answer is not written yet")
    monkeypatch.setattr("eval.run.in_process_asker", no_engine)
    assert main(["--set", "seed-dev", "--report", str(tmp_path / "r")]) == 2
    assert "engine is not available" in capsys.readouterr().err
    assert main(["--gold", str(tmp_path / "missing.jsonl"), "--report", str(tmp_path / "r")]) == 2


# --- the whole gold set against the real engine ----------------------------------------------

@pytest.mark.slow
def test_seed_dev_meets_its_gate(tmp_path, capsys):
    rc = main(["--set", "seed-dev", "--report", str(tmp_path / "report"), "--quiet"])
    summary = json.loads((tmp_path / "report" / "seed-dev" / "summary.json").read_text())
    print(capsys.readouterr().out)
    gate = json.loads((REPO / "eval" / "gates.json").read_text())["seed-dev"]
    assert summary["accuracy"] >= gate["min_accuracy"]
    assert summary["confidently_wrong_pct"] <= gate["max_confidently_wrong_pct"]
    assert summary["ungrounded"] == 0
    assert rc == 0


@pytest.mark.slow
def test_url_mode_gives_the_same_figures_as_in_process(tmp_path, session_data_dir):
    from live_server import live_server

    gold = tmp_path / "gold.jsonl"
    lines = GOLD_FILE.read_text(encoding="utf-8").splitlines()
    gold.write_text("\n".join(lines[::6]) + "\n")  # every sixth question keeps this quick
    main(["--gold", str(gold), "--report", str(tmp_path / "local"), "--quiet"])
    with live_server(session_data_dir) as url:
        main(["--gold", str(gold), "--url", url, "--report", str(tmp_path / "remote"), "--quiet"])

    def verdicts(name):
        rows = [json.loads(x) for x in (tmp_path / name / "results.jsonl").read_text().splitlines()]
        return {r["id"]: (r["correct"], r.get("value"), r.get("abstained"), r["ungrounded"]) for r in rows}

    assert verdicts("local") == verdicts("remote")


# --- the evaluation's own arithmetic (eval/arith.py) ------------------------------------------

@pytest.mark.parametrize(
    "expr, figures, exact, stepwise, unit",
    [
        # 55,500,000 / 20 units = 2,775,000 each: money per item stays money
        ("ratio(fund, units)", {"fund": (55_500_000, "money"), "units": (20, "count")}, 2_775_000, 2_775_000, "money"),
        # a level less its change in points is the earlier level: 21.0% - 1.5pp = 19.5%
        ("difference(share, change)", {"share": (21.0, "percent"), "change": (1.5, "pp")}, 19.5, 19.5, "percent"),
        # nested: 1/3 = 33.33..% and 2/3 = 66.66..%; exact gap 33.33.., step by step 66.7 - 33.3 = 33.4
        ("pp_difference(percentage_of(two, three), percentage_of(one, three))",
         {"one": (1, "count"), "two": (2, "count"), "three": (3, "count")}, 100 / 3, 33.4, "percentage_points"),
        ("percentage_of(300, 900)", {}, 100 / 3, 33.3, "percent"),  # numbers the question itself gives
        ("sum(a, b)", {"a": (82.3, "TWh"), "b": (1.2, "TWh")}, 83.5, 83.5, "count"),  # physical units are quantities
    ],
)
def test_own_arithmetic(expr, figures, exact, stepwise, unit):
    got = evaluate(expr, figures)
    assert (got.value, got.stepwise, got.unit) == (pytest.approx(exact), pytest.approx(stepwise), unit)


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("the Department for Energy Security and Net Zero said", []),  # a name, not a quantity
        ("Zero cases were closed.", [0.0]),                          # a sentence may start with one
        ("It fell to zero.", [0.0]),
        ("thirty-eight forces", [38.0]),
    ],
)
def test_number_words_in_names_are_not_figures(text, numbers):
    assert stated_numbers(text) == numbers


@pytest.mark.parametrize("curated, extracted, same", [
    ("2024-Q3", "2024-07/2024-09", True),                 # a quarter in months
    ("2023-Q3/2024-Q3", "2023-07/2024-09", True),         # a change between quarters: first start to last end
    ("2023-24", "2023-07/2024-06", True),                 # a split year, starting in July
    ("2022/23", "2022-04/2023-03", True),                 # or in April
    ("2022-23/2023-24", "2022-07/2024-06", True),
    ("2022-23/2023-24", "2023-06/2024-06", False),        # twelve months, not twenty-four
    ("2023-24", "2023-07/2024-09", False),
    ("2024-Q3", "2024-07/2024-08", False),
    ("2019/2022", "2019/2022", True),                     # identical
    ("2023", "2023-01/2023-12", False),                   # any other notation must be identical
    ("2023-07 to 2024-07", "2023-07/2024-07", True),      # a change between two months, written "A to B"
    ("2022-04/2023-03 to 2023-04/2024-03", "2022-04/2024-03", True),  # between two runs of months
    ("2023-Q3 to 2024-Q3", "2023-07/2024-09", True),      # between two quarters
    ("2022-04/2023-03 to 2023-04/2024-03", "2023-04/2024-03", False),  # the later year alone is not the change
    ("FY2023 to FY2024", "2023/2024", False),             # a period it cannot place in months
])
def test_a_period_in_other_notation_is_the_same_span(curated, extracted, same):
    from eval.extraction import same_span

    assert same_span(curated, extracted) is same


@pytest.mark.parametrize(
    "claim, shown",
    [
        ({"value": 2.5, "unit": "pp"}, "2.5 percentage points"),
        ({"value": 12, "unit": "percent"}, "12%"),
        ({"value": 3400, "unit": "people"}, "3,400"),
    ],
)
def test_a_rejected_claim_is_shown_in_its_unit_family(claim, shown):
    from eval.run import expected_text

    item = _item({"reject": claim}, category="unsupported_claim")
    assert expected_text(item) == "does not confirm " + shown


@pytest.mark.parametrize("start, end, origin", [
    (10, 14, "table"),    # the cell itself
    (12, 20, "table"),    # overlapping a cell
    (0, 3, "prose"),      # before the table
    (14, 20, "prose"),    # between two cells (a separator)
    (40, 44, "prose"),    # after it
])
def test_a_figure_is_from_a_table_when_its_quote_overlaps_a_cell(start, end, origin):
    from eval.extraction import cell_spans, origin_of
    from qa.model.records import Figure, Unit
    from qa.text.documents import TableCell, TextTable

    table = TextTable(rows=[[TableCell("North", 3, 8), TableCell("1,204", 10, 14)],
                            [TableCell("South", 20, 25), TableCell("980", 27, 30)]])
    f = Figure(id="f", doc_id="d", subject="s", measure="m", value=1, unit=Unit.count, quote="x",
               start=start, end=end)
    assert origin_of(f, cell_spans([table])) == origin


@pytest.mark.parametrize("raw_start, expected", [
    (36, 14),   # the second "8.7" of the file is the second of the text
    (14, 4),    # the first is the first
])
def test_a_quote_written_in_several_cells_is_found_by_its_place_among_them(raw_start, expected):
    from eval.extraction import _locate

    raw = "<td>A</td><td>8.7</td><td>B</td><td>8.7</td>"
    text = "A | 8.7 | B | 8.7"
    assert raw[raw_start:raw_start + 3] == "8.7"
    # near the start by relative position alone: the first would be picked either way
    assert _locate(text, "8.7", 0.0, raw, raw_start) == (expected, expected + 3)


@pytest.mark.parametrize("in_document, document, sent", [
    (True, "food-bank-parcels-2024-05", "food-bank-parcels-2024-05"),  # asked inside its own article
    (False, "food-bank-parcels-2024-05", "(whole store)"),              # asked of the whole store
    (True, "", "(whole store)"),                                        # a seed question has no article to pick
])
def test_in_document_asks_inside_the_questions_own_article(in_document, document, sent):
    from eval.run import run_one
    from qa.model.records import Answer

    seen: list[str | None] = []

    def ask(question: str, history: list[dict[str, str]], doc: str = "(whole store)") -> Answer:
        seen.append(doc)  # a recording stand-in for the engine: only where the question was sent matters here
        return Answer(question=question, answer="The article doesn't say.", abstained=True)

    item = GoldItem(id="t", category="unanswerable", question="q", gold="abstain", document=document)
    run_one(item, ask, {}, {}, in_document)
    assert seen == [sent]
