"""A place of the world that no document names is a place the corpus does not cover (pycountry's ISO 3166 names)."""

from __future__ import annotations

import pytest

from qa.corpus.collection import Corpus
from qa.model.records import Document, Figure, Unit
from qa.text.gazetteer import world_places
from qa.understand.link import CorpusTerms
from qa.understand.query import read_question

TEXT = ("Northvale's waiting list was 750,000 in January, and patients from Wales were counted too. "
        "Spain reported 120,000.")


@pytest.mark.parametrize("name, known", [
    ("wales", True), ("texas", True), ("new south wales", True), ("france", True),
    ("northvale", False),      # not a place of the world's registers
    ("the", False),
])
def test_world_places(name, known):
    assert (name in world_places()) is known


@pytest.mark.parametrize("question, other", [
    ("What is the waiting list in Texas?", "texas"),     # a place no document names
    ("What is the waiting list in Wales?", "wales"),     # named in the text, but no figure is Wales's
    ("What is Wales's waiting list?", "wales"),          # a possessive names the place
    ("What is the waiting list in Spain?", ""),         # a figure's quote names it (its subject may be read wrong)
    ("What is the waiting list in Northvale?", ""),      # a subject of the figures
])
def test_a_place_no_document_names_is_other(question, other):
    start = TEXT.index("750,000")
    fig = Figure(id="a", doc_id="w", subject="Northvale", measure="waiting list", period="2024-01", value=750_000,
                 unit=Unit.count, quote="750,000", start=start, end=start + 7)
    other_start = TEXT.index("Spain")
    fig2 = Figure(id="b", doc_id="w", subject="Northvale", measure="waiting list", period="2024-01", value=120_000,
                  unit=Unit.count, quote=TEXT[other_start:other_start + 23], start=other_start, end=other_start + 23)
    known = CorpusTerms(Corpus([Document(id="w", title="Waiting lists", published="2024-03-01", text=TEXT)], [fig, fig2]))
    assert read_question(known, question, 2024).other_place == other


@pytest.mark.parametrize("place, subjects, found", [
    ("the met", ["Metropolitan Police", "London's Metropolitan Police"], "Metropolitan Police"),  # one thing, two names
    ("the met", ["Merseyside Police", "Metropolitan Police"], "Metropolitan Police"),  # "mersey..." does not start "met"
    ("the met", ["Metropolitan Police", "Methodist Council"], ""),    # two things it could shorten: neither
    ("kent", ["Kent Police"], ""),                                     # the whole word: a name, not a short form
])
def test_a_known_place_shortening_a_subject_is_that_subject(place, subjects, found):
    from qa.understand.query import truncated_subject

    figs = []
    for i, subject in enumerate(subjects):
        figs.append(Figure(id=f"f{i}", doc_id="w", subject=subject, measure="offences", period="2023", value=1.0,
                           unit=Unit.count, quote="1", start=0, end=1))
    known = CorpusTerms(Corpus([Document(id="w", title="Offences", published="2024-03-01", text="1 offence.")], figs))
    assert truncated_subject(known, place) == found
