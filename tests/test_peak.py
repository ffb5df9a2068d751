"""'In which year did X peak?': the period of a series' highest (lowest) figure, stated only when the article's words
give it — its own sentence, or "last year" (its own or the sentence before) in an article dated the year after."""

from __future__ import annotations

from datetime import date

import pytest

from qa.compose.answer import compose
from qa.compose.grounding import strict_ungrounded
from qa.corpus.collection import Corpus
from qa.model.records import Document, Figure, Op, Passage, Plan, Unit
from qa.pipeline import ask

S1 = "Burglaries peaked last year in Northshire, when police recorded 640, up from 510 in 2021."
S2 = "In Southshire, burglaries also peaked when police recorded 300, up from 280 in 2021."
S3 = "Westshire recorded 90 burglaries, against 120 the year before."
TEXT = " ".join([S1, S2, S3])


def _corpus(published: date) -> Corpus:
    doc = Document(id="d", title="Burglary", published=published, text=TEXT)
    passages, at = [], 0
    for s in (S1, S2, S3):
        passages.append(Passage(doc_id="d", start=at, end=at + len(s), text=s))
        at += len(s) + 1

    def fig(i: str, subject: str, quote: str, value: float, period: str, after: int = 0) -> Figure:
        start = TEXT.index(quote, after)
        return Figure(id=i, doc_id="d", subject=subject, measure="burglaries recorded", period=period, value=value,
                      unit=Unit.count, quote=quote, start=start, end=start + len(quote))

    return Corpus(documents=[doc], passages=passages, figures=[
        fig("n22", "Northshire", "police recorded 640", 640, "2022"),
        fig("n21", "Northshire", "510 in 2021", 510, "2021"),
        fig("s22", "Southshire", "police recorded 300", 300, "2022"),
        fig("s21", "Southshire", "280 in 2021", 280, "2021"),
        fig("w22", "Westshire", "recorded 90 burglaries", 90, "2022"),
        fig("w21", "Westshire", "120 the year before", 120, "2021"),
    ])


@pytest.mark.parametrize("series, low, published, said, working", [
    (["n21", "n22"], False, date(2023, 3, 1), 2022, True),    # "last year" in its own sentence
    (["s21", "s22"], False, date(2023, 3, 1), 2022, True),    # "also peaked": "last year" in the sentence before
    (["n21", "n22"], True, date(2023, 3, 1), 2021, False),    # the lowest: its year is in its own quote
    (["n21", "n22"], False, date(2024, 3, 1), None, False),   # "last year" of a 2024 article is not 2022
    (["w21", "w22"], True, date(2023, 3, 1), None, False),    # Westshire's sentence gives no year for its 90
])
def test_the_peak_year_is_stated_only_when_the_words_give_it(series, low, published, said, working):
    corpus = _corpus(published)
    plan = Plan(operation=Op.when, groups=[[i] for i in series], figure_ids=series, prefer_low=low)
    a = compose(corpus, plan)
    if said is None:
        assert a.abstained and a.value is None
        return
    assert a.value == said and a.answer.startswith(str(said))
    assert (a.calculation is not None) is working
    assert strict_ungrounded(a, "In which year were burglaries highest?") == []


@pytest.mark.parametrize("question, year", [
    ("In which year were West Midlands revenge porn offences highest?", 2021),  # 710 "last year" against 318 in 2020
    ("which year had the fewest offences in staffordshire?", 2020),              # 154 in 2020 against 183
])
def test_peak_questions_about_the_seed_article(question, year):
    a = ask(question)
    assert a.value == year and a.operation == "when", a.answer


class _NoHits:
    """A unit-test stand-in for the index: finds nothing, so the reader works from the figures alone."""

    def search(self, text: str, k: int = 24) -> list:
        return []


@pytest.mark.parametrize("question, passage", [
    ("When did Northshire police record 640 burglaries?", S1),   # the sentence stating the number quoted says when
    ("When did Westshire record 120 burglaries?", S3),
])
def test_when_a_quoted_figure_was_stated(question, passage):
    from qa.understand.link import CorpusTerms
    from qa.understand.reader import understand

    plan = understand(CorpusTerms(_corpus(date(2023, 3, 1))), _NoHits(), question, [])  # type: ignore[arg-type]
    assert plan.operation is Op.text and plan.passage is not None and plan.passage.text == passage
