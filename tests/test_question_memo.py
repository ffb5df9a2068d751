"""Work repeated within one question is done once (`qa.retrieve.memo`), and nothing is kept beyond the question.

The index's search embeds the same words once per question, whatever k is asked; the question reader reads the same
words once and hands each caller its own copy; figures scored twice against one reading get the same scores as
scored afresh. Outside a question (and after it) every call works afresh."""

from __future__ import annotations

import pytest

from qa.model.records import Figure, Passage, Unit
from qa.retrieve.embeddings import HashEmbeddings
from qa.retrieve.index import Index, make_client
from qa.retrieve.memo import memo, one_question
from qa.retrieve.scope import ScopedIndex


class CountingEmbeddings(HashEmbeddings):
    def __init__(self) -> None:
        self.queries: list[str] = []

    def embed_query(self, text: str) -> list[float]:
        self.queries.append(text)
        return super().embed_query(text)


def _index(tmp_path) -> tuple[Index, CountingEmbeddings]:
    text = "Ashford finished 120 new homes in 2023. Brockley finished 80 new homes in 2023."
    passages = [Passage(doc_id="homes", start=0, end=39, text=text[:39]),
                Passage(doc_id="homes", start=40, end=len(text), text=text[40:])]
    figures = [Figure(id="homes-1", doc_id="homes", subject="Ashford", measure="new homes finished", period="2023",
                      value=120, unit=Unit.count, quote="120 new homes", start=17, end=30),
               Figure(id="homes-2", doc_id="homes", subject="Brockley", measure="new homes finished", period="2023",
                      value=80, unit=Unit.count, quote="80 new homes", start=58, end=70)]
    emb = CountingEmbeddings()
    index = Index(make_client(tmp_path, None), emb, "test", str(tmp_path))
    index.sync(passages, figures)
    emb.queries.clear()
    return index, emb


# (searches made: (query, k, through a ScopedIndex?), inside one question?, query embeddings expected)
SEARCHES = [
    ([("homes in Ashford", 24, False), ("homes in Ashford", 24, False)], True, 1),
    ([("homes in Ashford", 24, False), ("homes in Ashford", 2, False)], True, 1),  # another k: the same scores
    ([("homes in Ashford", 24, False), ("homes in Ashford", 3, True)], True, 1),  # a document's view of the index
    ([("homes in Ashford", 24, False), ("homes in Brockley", 24, False)], True, 2),  # other words: embedded
    ([("homes in Ashford", 24, False), ("homes in Ashford", 24, False)], False, 2),  # no question: nothing kept
]


@pytest.mark.parametrize("searches,inside,embedded", SEARCHES)
def test_the_same_words_are_embedded_once_per_question(tmp_path, searches, inside, embedded):
    index, emb = _index(tmp_path)
    results = []
    with one_question() if inside else _nothing():
        for query, k, scoped in searches:
            results.append((ScopedIndex(index, "homes") if scoped else index).search(query, k=k))
    assert len(emb.queries) == embedded
    # the hits are those of a search made afresh
    for (query, k, scoped), hits in zip(searches, results, strict=True):
        fresh = (ScopedIndex(index, "homes") if scoped else index).search(query, k=k)
        assert [(h.key, h.score) for h in hits] == [(h.key, h.score) for h in fresh]


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def test_a_question_s_memo_is_dropped_when_it_is_answered_and_shared_by_a_block_inside_it():
    assert memo("anything") is None  # no question being answered
    with one_question():
        memo("kind")["k"] = 1
        with one_question():  # a question planned inside another (a reply to a clarifying answer) shares its memo
            assert memo("kind") == {"k": 1}
    assert memo("kind") is None
    with one_question():
        assert memo("kind") == {}  # the next question starts with nothing


def test_a_reading_is_read_once_per_question_and_each_caller_gets_its_own_copy():
    from qa.engine import get_engine
    from qa.understand.query import read_question

    known = get_engine().terms
    question = "How many revenge porn offences did West Midlands Police record in 2021 and 2020?"
    fresh = read_question(known, question, 2022)
    with one_question():
        a = read_question(known, question, 2022)
        a.years.append(1999)  # a caller changing its reading changes no one else's
        a.subjects.clear()
        b = read_question(known, question, 2022)
    assert b == fresh and b.years == [2021, 2020] and b.subjects == ["West Midlands Police"]
    assert a != fresh


def test_figures_scored_again_within_a_question_score_as_afresh():
    from dataclasses import replace

    from qa.engine import get_engine
    from qa.understand.query import read_question
    from qa.understand.score import score_figures

    known = get_engine().terms
    r = read_question(known, "How many revenge porn offences did Staffordshire Police record in 2021?", 2022)
    sims: dict[str, float] = {}
    fresh = [(s, f.id) for s, f in score_figures(known, r, sims)]
    other = replace(r, subjects=["West Midlands Police"])
    fresh_other = [(s, f.id) for s, f in score_figures(known, other, sims)]
    assert fresh != fresh_other
    with one_question():
        first = score_figures(known, r, sims)
        first.clear()  # a caller changing its list changes no one else's
        assert [(s, f.id) for s, f in score_figures(known, r, sims)] == fresh
        assert [(s, f.id) for s, f in score_figures(known, other, sims)] == fresh_other
        r.years = [2020]  # a reading changed after it was scored is scored again
        changed = [(s, f.id) for s, f in score_figures(known, r, sims)]
    assert changed == [(s, f.id) for s, f in score_figures(known, r, sims)] and changed != fresh


# (a measure word of the vocabulary, the article's text, does the article mention it?) -- searched once per corpus
MENTIONS = [
    ("men", "Men made up half the workforce.", True),  # a short entry is a word, perhaps plural
    ("men", "The payments were recommended.", False),  # ... not a piece of another word
    ("age", "The ages of the victims were not given.", True),
    ("convict", "Convictions rose by a fifth.", True),  # a longer one is a word start
    ("convict", "No one was charged.", False),
]


@pytest.mark.parametrize("measure,text,said", MENTIONS)
def test_a_measure_word_is_mentioned_as_the_question_reader_reads_it(measure, text, said):
    from datetime import date

    from qa.corpus.collection import Corpus
    from qa.model.records import Document
    from qa.understand.link import CorpusTerms, measure_pattern

    known = CorpusTerms(Corpus(documents=[Document(id="d", title="Report", published=date(2024, 1, 1), text=text)],
                               figures=[]))
    assert known.mentions(measure_pattern(measure)) is said
    assert known.mentions(measure_pattern(measure)) is said  # asked again: the same, from what was kept
    assert measure_pattern(measure) is measure_pattern(measure)  # compiled once
