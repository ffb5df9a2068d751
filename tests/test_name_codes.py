"""A question names a state, territory or province by its postal code or abbreviation, as the vocabulary lists them
(corpus/vocabulary/places.json `name_codes`): in capitals as written, in lower case when the code is no English
word; a code written for two places names whichever the store has; a code that is an English word counts only in
capitals."""

from __future__ import annotations

import pytest

from qa.model.records import Figure, Unit
from qa.understand.link import SubjectTable


def fig(subject: str) -> Figure:
    return Figure(id=subject, doc_id="d", subject=subject, measure="approvals", period="2024", value=1.0,
                  unit=Unit.count, quote="1", start=0, end=1)


AUSTRALIA = SubjectTable([fig(s) for s in ("New South Wales", "Victoria", "Queensland", "Western Australia",
                                           "Australian Capital Territory", "Northern Territory")])
STATES = SubjectTable([fig(s) for s in ("Washington", "Oregon")])
PROVINCES = SubjectTable([fig(s) for s in ("Ontario", "British Columbia", "Northwest Territories")])


@pytest.mark.parametrize("table, written, subjects", [
    (AUSTRALIA, "nsw + vic approvals in may, total?", ["New South Wales", "Victoria"]),
    (AUSTRALIA, "Qld approvals in May?", ["Queensland"]),
    (AUSTRALIA, "how many in WA?", ["Western Australia"]),            # WA: Western Australia in this store
    (STATES, "how many in WA?", ["Washington"]),                       # and Washington in that one
    (AUSTRALIA, "what about the ACT?", ["Australian Capital Territory"]),
    (AUSTRALIA, "how many homes did the act let councils approve?", []),  # 'act' in lower case is the word
    (AUSTRALIA, "and in the NT?", ["Northern Territory"]),
    (PROVINCES, "and in the NT?", ["Northwest Territories"]),
    (PROVINCES, "ON and BC together?", ["Ontario", "British Columbia"]),
    (PROVINCES, "what's on in bc?", ["British Columbia"]),             # 'on' in lower case is no code
])
def test_a_place_is_named_by_its_code(table, written, subjects):
    assert table.find(written.lower(), written) == subjects
