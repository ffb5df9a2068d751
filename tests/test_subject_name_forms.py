"""A question names a document's subject in the forms people type: a plural or a possessive without its apostrophe,
a word of the name written short as the field writes it ("govt"), an age band with or without its hyphen, a place's
adjective; and a common word the document's measures use ("Starts" read from the start of a sentence) names no
subject beside a name the question also gives. Every name here is invented."""

from __future__ import annotations

import pytest

from qa.model.records import Figure, Unit
from qa.understand import link
from qa.understand.link import SubjectTable, common_word_subjects


def fig(subject: str, measure: str = "enrolments", doc: str = "d") -> Figure:
    return Figure(id=f"{doc}-{subject}-{measure}", doc_id=doc, subject=subject, measure=measure, period="2024",
                  value=1.0, unit=Unit.count, quote="1", start=0, end=1)


@pytest.mark.parametrize("figures, generic", [
    # "Starts fell ..." opened a sentence; the document's measures write "starts" in lower case
    ([fig("Starts", "recorded"), fig("Northvale", "apprenticeship starts")], {"Starts"}),
    ([fig("Revenue", "ahead of forecast"), fig("Quillon Systems", "hardware revenue")], {"Revenue"}),
    # a place the measures name in capitals is a name ("share of visits in Westaria")
    ([fig("Westaria", "visits"), fig("Eastmark", "share of visits in Westaria")], set()),
    # a word of another document's measures says nothing of this one's subjects
    ([fig("Starts", "recorded", "a"), fig("Northvale", "apprenticeship starts", "b")], set()),
    # a name of two words is no single common word
    ([fig("Hardware revenue", "sales"), fig("Quillon Systems", "hardware revenue")], set()),
])
def test_a_common_word_the_measures_use_is_no_subject(figures, generic):
    assert common_word_subjects(figures) == generic


@pytest.mark.parametrize("text, generic", [
    ("Starts fell to 9,000. Northvale recorded 340,000 starts.", {"Starts"}),  # the text writes the word in lower case
    ("Starts fell to 9,000. Northvale recorded 340,000 Starts.", set()),       # always in capitals: a name
])
def test_a_word_the_document_writes_only_in_capitals_is_a_name(text, generic):
    figures = [fig("Starts", "recorded"), fig("Northvale", "apprenticeship starts")]
    assert common_word_subjects(figures, {"d": text}) == generic


TABLE = SubjectTable([fig(s) for s in (
    "Starts", "Greenfield", "Children's services", "Under 19", "Under-21s", "19 to 24", "Federal government",
    "Non-government schools", "Kestrel Rail")] + [fig("Northvale", "apprenticeship starts")])


@pytest.mark.parametrize("lowered, subjects", [
    ("starts for the under 19 band?", ["Under 19"]),               # beside a name, "starts" is the measure asked
    ("how many starts in 2024?", ["Starts"]),                       # alone, the common word still names its subject
    ("whats kestrel rails on time rate", ["Kestrel Rail"]),        # a possessive typed without its apostrophe
    ("how did the greenfields do?", ["Greenfield"]),                # a name in the plural
    ("how much for childrens services?", ["Children's services"]),
    ("how many under-19 starts?", ["Under 19"]),                    # an age band with or without its hyphen
    ("how many under 21s?", ["Under-21s"]),
    ("how many 19-24 year olds?", ["19 to 24"]),
    ("what did the federal govt spend?", ["Federal government"]),   # the field's short form of one word of a name
    ("how many in non govt schools?", ["Non-government schools"]),
    ("what did the govt spend?", []),                               # the short word alone names no "... government"
])
def test_a_subject_is_found_in_the_forms_people_type(lowered, subjects):
    assert TABLE.find(lowered) == subjects


@pytest.mark.parametrize("lowered, subjects", [
    ("how many westarian schools?", ["Westaria"]),   # a place in -a asked by its adjective
    ("how many westarians?", ["Westaria"]),
    ("how many eastmoran schools?", []),              # a name the world's places lack gets no adjective
])
def test_a_place_in_a_is_found_by_its_adjective(monkeypatch, lowered, subjects):
    monkeypatch.setattr(link, "world_places", lambda: frozenset({"westaria"}))
    table = SubjectTable([fig("Westaria"), fig("Eastmora")])
    assert table.find(lowered) == subjects


@pytest.mark.parametrize("question, row", [
    ("what is the parks budget in 2024/25?", "Parks and open spaces"),   # a word of a long label names its row
    ("how much went on refuse in 2023/24?", "Refuse collection"),
    ("what is the spaces budget?", "Parks and open spaces"),
    ("how much for lighting and parks?", ""),                             # two rows: no one row
    ("what is the net budget in 2024/25?", ""),                           # words every row's measure has
])
def test_one_row_is_named_by_a_word_of_its_long_label(question, row):
    from test_named_rows import _budget

    from qa.understand.query import named_row

    assert named_row(_budget(), question.lower()) == row


def test_a_question_naming_no_subject_reads_the_row_it_names_by_a_word():
    from test_named_rows import _budget

    from qa.understand.query import read_question

    assert read_question(_budget(), "What is the parks budget in 2024/25?", 2024).subjects == ["Parks and open spaces"]
