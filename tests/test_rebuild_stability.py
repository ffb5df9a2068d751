"""The same corpus gives the same answers on every build, and a new document does not change another's answers.

Real embeddings (all-MiniLM-L6-v2), the seed article plus ingested ones, among them near and exact duplicates of
its descriptions: the case in which an approximate neighbour search used to drop the right figure from its top
hits on some builds and not others.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa.corpus.store import ingest_text
from qa.engine import Engine, get_engine, refresh, reset_engine
from qa.model.settings import REPO_ROOT, Settings, get_settings
from qa.pipeline import ask
from qa.retrieve.index import items_of

DEV = REPO_ROOT / "eval" / "sets" / "seed-dev.jsonl"
KENT = """Kent burglaries fall

Published 4 March 2014

Kent Police recorded 2,001 burglaries in 2013, down from 2,350 in 2012. The force recorded 7,100 offences overall
in 2013, and 310 cases were dropped because no suspect was identified.
"""
COPY = """Revenge porn figures for two forces

Published 7 June 2022

West Midlands Police recorded 710 revenge porn offences in 2021. Staffordshire Police recorded 183 offences in 2021.
"""


def dev_questions(n: int | None = None) -> list[tuple[str, list[dict[str, str]] | None]]:
    items = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(i["question"], i.get("history") or None) for i in items][:n]


def answers(engine: Engine, questions: list[tuple[str, list[dict[str, str]] | None]]) -> list[tuple[object, ...]]:
    out = []
    for q, history in questions:
        a = ask(q, history=history, engine=engine, llm="")
        out.append((a.value, a.abstained, tuple(a.figures), tuple(c.quote for c in a.citations)))
    return out


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))
    reset_engine()
    settings = get_settings()
    ingest_text(KENT, settings=settings)
    ingest_text(COPY, settings=settings)
    yield settings
    reset_engine()


def test_rebuilding_the_same_corpus_gives_the_same_answers_every_time(corpus):
    questions = dev_questions(80)
    engine = Engine(corpus)
    first = answers(engine, questions)
    first_hits = [[(h.key, round(h.score, 6)) for h in engine.index.search(q, k=24)] for q, _ in questions[:20]]
    assert sum(1 for v, abstained, *_ in first if v is not None and not abstained) > 40  # it answers, not abstains
    for _ in range(3):
        again = Engine(corpus)
        again.ensure_index(rebuild=True)  # the collection dropped and every vector embedded again
        assert again.index.count() == len({it.text for it in items_of(again.passages, again.figures)})  # one per text
        assert [[(h.key, round(h.score, 6)) for h in again.index.search(q, k=24)] for q, _ in questions[:20]] == first_hits
        assert answers(again, questions) == first


def stated(rows: list[tuple[object, ...]], quotes: bool) -> list[tuple[object, ...]]:
    """What a reader sees: the number and whether it abstained (and, with `quotes`, the exact words quoted)."""
    return [(value, abstained, q) if quotes else (value, abstained) for value, abstained, _figures, q in rows]


@pytest.fixture(scope="module")
def before_and_after(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list, list]:
    import os

    old = os.environ.get("QA_DATA_DIR")
    os.environ["QA_DATA_DIR"] = str(tmp_path_factory.mktemp("another") / "data")
    reset_engine()
    try:
        questions = dev_questions()
        before = answers(get_engine(), questions)
        ingest_text(KENT, settings=get_settings())
        after_engine = refresh()
        assert "kent-burglaries-fall-2014-03-04" in after_engine.docs_by_id
        return questions, before, answers(after_engine, questions)
    finally:
        if old is None:
            os.environ.pop("QA_DATA_DIR", None)
        else:
            os.environ["QA_DATA_DIR"] = old
        reset_engine()


def test_a_new_document_does_not_change_the_numbers_answered_about_another(before_and_after):
    """An unrelated Kent article (burglaries, offences, dropped cases) is ingested: every seed-dev answer keeps
    its number and its abstention."""
    questions, before, after = before_and_after
    changed = [q for (q, _), b, a in zip(questions, stated(before, False), stated(after, False), strict=True) if b != a]
    assert changed == []


def test_a_new_document_does_not_change_the_quotes_about_another(before_and_after):
    questions, before, after = before_and_after
    changed = [q for (q, _), b, a in zip(questions, stated(before, True), stated(after, True), strict=True) if b != a]
    assert changed == []
