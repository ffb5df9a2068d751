"""Which document a question is about: words matched by their forms and compounds, numbers written alike, a fitted
model's chance, its cut and a document clear of the rest (qa.retrieve.scope), and the fit's choice of them
(eval.fit_chooser). Invented articles."""

from __future__ import annotations

import json

import pytest

from eval.choose import bucket
from eval.fit_chooser import best_rule, decide, utility
from qa.corpus.collection import Corpus
from qa.model.records import Document, Figure, Unit
from qa.retrieve.index import Hit
from qa.retrieve.scope import (
    FEATURES,
    ChooserModel,
    DocumentChooser,
    compounds,
    feature_names,
    load_model,
    terms,
)

PANTRY = """Pantry network hands out more parcels

The Marlow pantry network handed out 41,200 emergency parcels in 2024-25, up from 36,900 in 2023-24.
Volunteers at the foodbank said demand for nappies had also risen.
"""
FERRY = """Island ferry crossings fall

Crossings on the Tessaly ferry route fell to 8,300 in 2023-24, the operator said.
The number of sailings approved by the harbour board was 410.
"""
ORCHARD = """Cider orchards shrink

Orchard area in the Vale of Brecon fell to 1,150 hectares in 2019, the survey found.
Growers blamed dearer labour, and few new plantings were permitted.
"""


def _figure(doc_id: str, text: str, quote: str, subject: str, measure: str, value: float) -> Figure:
    start = text.index(quote)
    return Figure(id=f"{doc_id}-1", doc_id=doc_id, subject=subject, measure=measure, value=value, unit=Unit.count,
                  quote=quote, start=start, end=start + len(quote))


def _corpus() -> Corpus:
    docs = [Document(id=i, title=t.splitlines()[0], published="2025-01-01", text=t)
            for i, t in (("pantry", PANTRY), ("ferry", FERRY), ("orchard", ORCHARD))]
    figures = [_figure("pantry", PANTRY, "41,200", "Marlow pantry network", "emergency parcels", 41200),
               _figure("ferry", FERRY, "8,300", "Tessaly ferry route", "crossings", 8300),
               _figure("orchard", ORCHARD, "1,150", "Vale of Brecon", "orchard area", 1150)]
    return Corpus(docs, figures)


def _column(name: str) -> int:
    return feature_names().index(name)


@pytest.mark.parametrize(("text", "expected"), [
    ("How many parcels were handed out?", ["parcel", "hand", "out"]),
    ("Food banks' parcels in 2024-25", ["food", "bank", "parcel", "#2024-25"]),
    ("Approvals approved", ["approv", "approv"]),
])
def test_terms_are_stems_and_whole_numbers(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize(("seq", "expected"), [
    (["food", "bank", "parcel"], {"foodbank", "bankparcel"}),
    (["food", "#2024-25", "bank"], set()),  # a number breaks a compound
])
def test_compounds_join_adjacent_words(seq, expected):
    assert compounds(seq) == expected


@pytest.mark.parametrize(("question", "feature", "document"), [
    ("How many food parcels did the food bank give out?", "compound", "pantry"),  # "foodbank" written as one word
    ("What did the ferry operator say about approval of sailings?", "body", "ferry"),  # "approved" in its body
    ("Why were permits for planting rare?", "body", "orchard"),  # "plantings were permitted"
])
def test_a_form_of_a_word_counts_for_the_document_that_holds_it(question, feature, document):
    x = DocumentChooser(_corpus(), fitted=False).features(question, [])
    assert x[document][_column(feature)] > 0
    assert all(x[d][_column(feature)] == 0 for d in x if d != document)


def test_a_number_written_alike_is_rarer_than_one_in_every_document():
    x = DocumentChooser(_corpus(), fitted=False).features("Parcels in 2024-25 against 2023-24?", [])
    assert x["pantry"][_column("number")] > x["ferry"][_column("number")] > 0
    assert x["orchard"][_column("number")] == 0


def test_a_lead_is_the_document_less_the_best_other():
    x = DocumentChooser(_corpus(), fitted=False).features("How many emergency parcels did the pantry hand out?", [])
    label = _column("label")
    lead = _column("label_lead")
    assert x["pantry"][lead] == pytest.approx(x["pantry"][label] - max(x["ferry"][label], x["orchard"][label]))
    assert x["ferry"][lead] < 0


def _hit(doc: str, score: float, vector: int) -> Hit:
    return Hit("passage", f"{doc}:0:1", score, {"doc_id": doc}, vector)


def test_close_hits_and_their_share_per_document():
    hits = [_hit("ferry", 0.8, 1), _hit("ferry", 0.8, 1), _hit("ferry", 0.5, 2), _hit("orchard", 0.6, 3)]
    x = DocumentChooser(_corpus(), fitted=False).features("crossings", hits)
    assert x["ferry"][_column("hit_top")] == 0.8
    assert x["ferry"][_column("hits")] == pytest.approx((0.8 + 0.5) / 5)  # a row's cells share one vector
    assert x["ferry"][_column("hit_share")] == pytest.approx(2 / 3)
    assert x["pantry"][_column("hit_share")] == 0


LABEL_LEAD = ChooserModel(tuple(1.0 if n == "label_lead" else 0.0 for n in feature_names()), bias=-1.0, cut=0.5)


@pytest.mark.parametrize(("question", "chosen"), [
    ("How many emergency parcels did the Marlow pantry hand out?", "pantry"),
    ("How many crossings did the Tessaly ferry make?", "ferry"),
    ("What was the total in 2019?", None),  # no document's labels lead: the whole store is read
    ("Compare the pantry parcels with the ferry crossings", None),  # two documents alike
])
def test_the_fitted_model_reads_a_document_alone_only_when_its_chance_reaches_the_cut(question, chosen):
    assert DocumentChooser(_corpus(), model=LABEL_LEAD).choose(question, []) == chosen


def test_weights_for_other_features_are_not_used(tmp_path):
    path = tmp_path / "chooser.json"
    path.write_text(json.dumps({"features": list(FEATURES), "weights": [1.0] * len(FEATURES), "bias": 0, "cut": 0.5}))
    assert load_model(path) is None
    names = feature_names()
    path.write_text(json.dumps({"features": names, "weights": [0.5] * len(names), "bias": -2, "cut": 0.4}))
    model = load_model(path)
    assert model is not None and model.cut == 0.4 and model.chance([0.0] * len(names)) < 0.5
    assert load_model(tmp_path / "absent.json") is None


def test_the_shipped_weights_fit_the_features():
    assert load_model() is not None


@pytest.mark.parametrize(("chosen", "gold", "expected"), [
    ("a", "a", "right"), (None, "a", "none"), ("b", "a", "wrong"),
])
def test_bucket(chosen, gold, expected):
    assert bucket(chosen, gold) == expected


@pytest.mark.parametrize(("outcomes", "cost", "expected"), [
    (["right", "right", "none", "wrong"], 1.5, 0.5),
    (["none", "none"], 1.5, 0.0),
    (["wrong"], 2.0, -2.0),
])
def test_utility(outcomes, cost, expected):
    assert utility(outcomes, cost) == expected


def _probe(doc: str, chance: float, second: float = 0.0) -> tuple[str, float, float]:
    return doc, chance, second


@pytest.mark.parametrize(("questions", "expected"), [
    # sure and right, unsure and wrong: a cut between them reads only the sure one
    ([([_probe("a", 0.9)], "a"), ([_probe("b", 0.3)], "a")], 0.85),
    # an unsure right choice is worth less than the cost of an equally unsure wrong one
    ([([_probe("a", 0.9)], "a"), ([_probe("a", 0.4)], "a"), ([_probe("b", 0.45)], "c")], 0.85),
    # many unsure right choices outweigh one wrong
    ([([_probe("a", 0.4)], "a"), ([_probe("a", 0.4)], "a"), ([_probe("b", 0.4)], "c"), ([_probe("b", 0.2)], "c")], 0.4),
    # a follow-up's first probe (with the answer before) is read when it reaches the cut, else its second
    ([([_probe("b", 0.5), _probe("a", 0.9)], "a")], 0.85),
])
def test_best_rule_maximises_right_less_cost_of_wrong(questions, expected):
    assert best_rule(questions, cuts=[0.1, 0.4, 0.85, 0.95], cost=1.5, clear=False) == (expected, 1.0, 0.0)


@pytest.mark.parametrize(("best", "second", "rule", "alone"), [
    (0.8, 0.7, (0.75, 1.0, 0.0), True),  # at the cut: read alone however close the runner-up
    (0.5, 0.04, (0.75, 1.0, 0.0), False),  # no floor: the cut alone decides
    (0.5, 0.04, (0.75, 0.2, 0.1), True),  # under the cut, but the runner-up is far behind
    (0.5, 0.06, (0.75, 0.2, 0.1), False),  # the runner-up too close
    (0.15, 0.001, (0.75, 0.2, 0.1), False),  # clear of the rest, but under the floor
])
def test_a_document_clear_of_the_rest_is_read_alone(best, second, rule, alone):
    assert ChooserModel((), 0.0, *rule).reads_alone(best, second) is alone


@pytest.mark.parametrize(("probes", "rule", "expected"), [
    ([_probe("a", 0.5, 0.04)], (0.75, 0.2, 0.1), "a"),
    ([_probe("a", 0.5, 0.3)], (0.75, 0.2, 0.1), None),
    # a follow-up: the probe with the answer before is clear of the rest, so its document is read
    ([_probe("b", 0.4, 0.02), _probe("a", 0.9, 0.1)], (0.75, 0.2, 0.1), "b"),
    ([_probe("b", 0.4, 0.3), _probe("a", 0.9, 0.1)], (0.75, 0.2, 0.1), "a"),
])
def test_decide_reads_the_first_probe_whose_document_is_read_alone(probes, rule, expected):
    assert decide(probes, rule) == expected


def test_the_fit_reads_a_clear_document_under_the_cut_when_that_pays():
    # three unsure but clear right choices and one unsure wrong choice with a close runner-up: a floor and margin
    # take the clear ones and leave the close one to the whole store
    questions = [([_probe("a", 0.5, 0.02)], "a")] * 3 + [([_probe("b", 0.5, 0.4)], "c")]
    assert best_rule(questions, cuts=[0.4, 0.85], cost=1.5) == (0.85, 0.5, 0.1)  # ties: the higher floor
    assert best_rule(questions, cuts=[0.4, 0.85], cost=1.5, clear=False) == (0.4, 1.0, 0.0)  # 3 - 1.5 against 0


def test_a_clear_document_is_chosen_under_the_cut():
    # the label lead alone: the pantry question's chance is under the cut, and the other documents' far under it
    model = ChooserModel(LABEL_LEAD.weights, bias=-1.0, cut=0.999, floor=0.2, margin=0.5)
    chooser = DocumentChooser(_corpus(), model=model)
    chances = chooser.chances("How many emergency parcels did the Marlow pantry hand out?", [])
    best, second = sorted(chances.values(), reverse=True)[:2]
    assert best < 0.999 and second <= 0.5 * best
    assert chooser.choose("How many emergency parcels did the Marlow pantry hand out?", []) == "pantry"
    cut_alone = DocumentChooser(_corpus(), model=ChooserModel(LABEL_LEAD.weights, bias=-1.0, cut=0.999))
    assert cut_alone.choose("How many emergency parcels did the Marlow pantry hand out?", []) is None
    assert chooser.choose("What was the total in 2019?", []) is None  # nothing clear


def test_floor_and_margin_are_read_from_the_weights(tmp_path):
    names = feature_names()
    path = tmp_path / "chooser.json"
    path.write_text(json.dumps({"features": names, "weights": [0.5] * len(names), "bias": -2, "cut": 0.4}))
    model = load_model(path)
    assert model is not None and (model.floor, model.margin) == (1.0, 0.0)  # older weights: the cut alone
    path.write_text(json.dumps({"features": names, "weights": [0.5] * len(names), "bias": -2, "cut": 0.4,
                                "floor": 0.2, "margin": 0.1}))
    model = load_model(path)
    assert model is not None and (model.floor, model.margin) == (0.2, 0.1)
