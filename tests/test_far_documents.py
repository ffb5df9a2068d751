"""A question no document clearly leads for is read over every document; a figure of a document it is far less likely
to be about than the likeliest one fits its words by chance ("when was the survey carried out?" answered with another
report's date), so the question is not answered from it. The chances are given (a stand-in chooser inside this unit
test); the documents, figures and titles are invented."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from qa.model.records import Op, Plan
from qa.retrieve.scope import FAR, unlikely_documents


class Chooser:
    def __init__(self, chances: dict[str, float]) -> None:
        self.given = chances

    def chances(self, question, hits):
        return dict(self.given)


class Index:
    def search(self, question, k=12):
        return []


@pytest.mark.parametrize("chances, far", [
    ({"survey": 0.60, "rents": 0.40, "ferries": 0.05}, {"ferries"}),  # 0.05 < 0.3 x 0.60
    ({"survey": 0.60, "rents": 0.20}, set()),  # a third of the best is not far
    ({"survey": 0.60, "rents": 0.17}, {"rents"}),
    ({"survey": 0.02, "rents": 0.01}, set()),  # all unlikely alike: none is far behind
    ({"survey": 0.9}, set()),  # one document: nothing to compare
    ({}, set()),  # no fitted chooser
])
def test_unlikely_documents(chances, far):
    assert FAR == pytest.approx(0.3)
    assert unlikely_documents(Chooser(chances), Index(), "when was the survey carried out?") == far


def _engine(chances: dict[str, float]):
    figures = {"s-1": SimpleNamespace(doc_id="survey"), "f-1": SimpleNamespace(doc_id="ferries"),
               "r-1": SimpleNamespace(doc_id="rents")}
    docs = {"survey": SimpleNamespace(title="Household survey 2025"), "ferries": SimpleNamespace(title="Ferry routes"),
            "rents": SimpleNamespace(title="Private rents")}
    return SimpleNamespace(chooser=Chooser(chances), index=Index(),
                           corpus=SimpleNamespace(figures_by_id=figures, docs_by_id=docs))


@pytest.mark.parametrize("op, figure_ids, abstains", [
    (Op.lookup, ["f-1"], True),  # the ferries report's date, for a question about the survey
    (Op.lookup, ["s-1"], False),  # the likeliest document's own figure
    (Op.lookup, ["r-1"], False),  # a close second is not far
    (Op.difference, ["s-1", "f-1"], True),  # one of two operands from far away is enough
    (Op.abstain, [], True),  # an abstention stays one
    (Op.text, [], False),  # a passage without figures is left alone
])
def test_a_figure_of_a_far_document_is_not_stated(op, figure_ids, abstains):
    from qa.pipeline import _within_likely

    engine = _engine({"survey": 0.6, "rents": 0.4, "ferries": 0.05})
    plan = Plan(operation=op, figure_ids=list(figure_ids), resolved_question="when was the survey carried out?")
    out = _within_likely(engine, "when was the survey carried out?", [], plan)
    assert (out.operation is Op.abstain) is abstains
    if abstains and figure_ids:
        assert "Ferry routes" in out.abstain_reason and out.figure_ids == []
    if not abstains:
        assert out.figure_ids == figure_ids
