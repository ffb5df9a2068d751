"""A "what is X's ..." question answered from a sentence's figure: the figure must be the place's asked, not another's
in the same sentence ("the EU median" is no answer to "Westland's median"); a figure of the place asked is looked up."""

from __future__ import annotations

import pytest

from qa.corpus.collection import Corpus
from qa.model.records import Document, Figure, Op, Plan, Unit
from qa.understand.link import CorpusTerms
from qa.understand.query import read_question
from qa.understand.reader import figure_in_passage

TEXT = ("Across the Union the median download speed was 141.2 Mbps last year. "
        "In Westland the median download speed was 96.0 Mbps.")


def _fig(fid: str, subject: str, number: str) -> Figure:
    start = TEXT.index(number)
    return Figure(id=fid, doc_id="b", subject=subject, measure="median download speed", period="2024",
                  value=float(number), unit=Unit.count, quote=number, start=start, end=start + len(number))


@pytest.mark.parametrize("question, sentence, looked_up", [
    ("What's Westland's median download speed?", 1, "w"),    # the sentence of the place asked: its figure
    ("What's Westland's median download speed?", 0, None),   # the Union's sentence: no figure of Westland's
    ("What's the median download speed across the Union?", 0, "u"),
])
def test_a_sentence_figure_of_another_place_is_not_the_answer(question, sentence, looked_up):
    figs = [_fig("u", "European Union", "141.2"), _fig("w", "Westland", "96.0")]
    known = CorpusTerms(Corpus([Document(id="b", title="Broadband", published="2025-03-01", text=TEXT)], figs))
    passage = known.corpus.passages[sentence]
    r = read_question(known, question, 2025)
    plan = Plan(operation=Op.text, resolved_question=question, asked=question, passage=passage, subjects=r.subjects)
    out = figure_in_passage(known, plan, r, {})
    assert out is not None
    if looked_up is None:
        assert out.operation is Op.abstain and "Westland" in out.abstain_reason
    else:
        assert out.operation is Op.lookup and out.figure_ids == [looked_up]


@pytest.mark.parametrize("quoted, found", [
    ([2.9], ["f"]),        # "$2.90": one figure states it, and its digits tell it apart
    ([141.2], ["u"]),
    ([3.0], []),           # a small whole number: too common to single out a sentence
    ([96.0], []),          # two figures state 96
    ([7.5], []),           # no figure states it
])
def test_the_only_figure_stating_a_quoted_number(quoted, found):
    from qa.understand.reader import only_figure_of

    figs = [_fig("u", "European Union", "141.2"), _fig("w", "Westland", "96.0"),
            _fig("x", "Eastland", "96.0")]
    figs.append(figs[1].model_copy(update={"id": "t", "value": 3.0}))
    figs.append(figs[0].model_copy(update={"id": "f", "value": 2.9, "unit": Unit.money}))
    known = CorpusTerms(Corpus([Document(id="b", title="Broadband", published="2025-03-01", text=TEXT)], figs))
    assert [f.id for f in only_figure_of(known, quoted)] == found
