"""A question names a table's row as people write it: hyphens read as spaces, a plural row asked in the singular."""

from __future__ import annotations

import pytest

from qa.model.records import Figure, Unit
from qa.understand.link import SubjectTable


def fig(subject: str) -> Figure:
    return Figure(id=subject, doc_id="d", subject=subject, measure="income", period="2019", value=1.0,
                  unit=Unit.count, quote="1", start=0, end=1)


TABLE = SubjectTable([fig(s) for s in ("Swiss", "Non-Swiss", "Operating leases", "Operating", "New business",
                                       "Outstanding at start of period", "Northvale and Eastmoor", "Fees & charges")])


@pytest.mark.parametrize("lowered, subjects", [
    ("what is the income from non swiss in 2017?", ["Non-Swiss"]),  # the question reader turns - into a space
    ("what is the swiss income in 2017?", ["Swiss"]),
    ("what was the operating lease in 2020?", ["Operating leases"]),  # singular of a plural row
    ("what were operating leases in 2020?", ["Operating leases"]),
    # 'business' is not a plural (no 'busines' alias, below), but a row's words are read in their forms and typos
    ("how much new busines was won?", ["New business"]),
    # "&" and "and" are one word in a name, either way round
    ("did the northvale & eastmoor list get shorter?", ["Northvale and Eastmoor"]),
    ("what were fees and charges in 2019?", ["Fees & charges"]),
])
def test_a_row_is_found_as_people_write_it(lowered, subjects):
    assert TABLE.find(lowered) == subjects


def test_a_word_ending_in_s_that_is_no_plural_gets_no_singular_alias():
    assert "new busines" not in {a for a, _ in TABLE.aliases}


@pytest.mark.parametrize("question, whole, part", [
    ("what is the rent for 2019 expressed as a percentage of total costs for 2019?", "total costs for 2019",
     "rent for 2019"),
    ("what is the percentage of audit fees in total fees in 2019?", "total fees in 2019", "audit fees"),
    ("how much was the percentage of current receivables out of total receivables?", "total receivables",
     "current receivables"),
    ("what percentage of the total income does swiss income form in 2019?", "the total income",
     "does swiss income form in 2019"),
])
def test_a_share_asked_as_people_ask_it_names_its_part_and_whole(question, whole, part):
    from types import SimpleNamespace

    from qa.understand.plans import share_clauses

    assert share_clauses(SimpleNamespace(lowered=question)) == (whole, part)
