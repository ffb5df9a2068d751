"""A person asked for is looked for in every document when the document chosen for the question names no one:
a post's words ("official", "quoted") can lead the choice of document astray, and a person is named in few
sentences."""

from __future__ import annotations

import pytest

import qa.engine
import qa.pipeline
from qa.corpus.store import ingest_text
from qa.model.settings import get_settings
from qa.pipeline import ask

RENTS = """Rents rise again

Published 6 October 2023

Average rents in Northshire rose 6% in the year to September.

Mara Quill, head of housing analysis at the Statistics Office, said: "Rents are still rising fast."
"""
FARES = """Bus fares frozen

Published 6 October 2023

Bus fares in Southshire will stay at £2 for another year, the transport board said.
"""


@pytest.fixture
def two_docs(tmp_path, monkeypatch):
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))  # the real embedding model: no fake here
    monkeypatch.setenv("QA_BUILTIN_CORPUS", "false")
    get_settings.cache_clear()
    qa.engine.reset_engine()
    rents = ingest_text(RENTS, title="Rents rise again", date="2023-10-06")
    fares = ingest_text(FARES, title="Bus fares frozen", date="2023-10-06")
    yield qa.engine.get_engine(), rents, fares
    qa.engine.reset_engine()


@pytest.mark.parametrize("question, expected", [
    ("Who is the Statistics Office official quoted and what's her job?", ["Mara Quill", "head of housing analysis"]),
    ("Who from the Statistics Office is quoted in the piece?", ["Mara Quill"]),
])
def test_a_person_is_found_beyond_a_wrongly_chosen_document(two_docs, monkeypatch, question, expected):
    engine, rents, fares = two_docs
    # the choice of document goes astray: the fares article, which names no one
    monkeypatch.setattr(qa.pipeline, "_choose", lambda *_: fares.id)
    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    for words in expected:
        assert words in a.answer
