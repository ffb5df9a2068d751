"""A question names a document's subject in the forms people type: a possessive without its apostrophe,
a word of the name written short as the field writes it ("govt"), an age band with or without its hyphen, a place's
adjective. Every name here is invented."""

from __future__ import annotations

import pytest

from qa.model.records import Figure, Unit
from qa.understand import link
from qa.understand.link import SubjectTable


def fig(subject: str, measure: str = "enrolments", doc: str = "d") -> Figure:
    return Figure(id=f"{doc}-{subject}-{measure}", doc_id=doc, subject=subject, measure=measure, period="2024",
                  value=1.0, unit=Unit.count, quote="1", start=0, end=1)


TABLE = SubjectTable([fig(s) for s in (
    "Greenfield", "Children's services", "Under 19", "Under-21s", "19 to 24", "Federal government",
    "Non-government schools", "Kestrelrail")])


@pytest.mark.parametrize("lowered, subjects", [
    ("whats kestrelrails on time rate", ["Kestrelrail"]),          # a possessive typed without its apostrophe
    ("how did the greenfields do?", []),                            # an English word's plural is a class, no name
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
