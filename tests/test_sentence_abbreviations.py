"""A full stop that shortens a word does not end a passage: a month before its day or year as US styles write dates
("Dec. 30", "Sept. 2024") and a title or "No." before a name or number. A month at a sentence's end still ends it.
The text is invented."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.passages import split_passages
from qa.model.records import Document

TEXT = ("The rules apply from Dec. 30, 2024, the ministry said. Exports rose in Sept. 2024 to 3 million bags. "
        "Dr. Ana Ruiz said No. 10 had agreed. Sales peaked in Dec. The next year was weaker. Mr. Lee left on Aug. 3.")


@pytest.mark.parametrize("sentence", [
    "The rules apply from Dec. 30, 2024, the ministry said.",
    "Exports rose in Sept. 2024 to 3 million bags.",
    "Dr. Ana Ruiz said No. 10 had agreed.",
    "Sales peaked in Dec.",  # a month that ends its sentence, before a capitalised word, still ends it
    "The next year was weaker.",
    "Mr. Lee left on Aug. 3.",
])
def test_passages_are_whole_sentences(sentence):
    doc = Document(id="d", title="t", text=TEXT, published=date(2024, 1, 1))
    passages = split_passages(doc)
    assert sentence in [p.text for p in passages]
    assert all(TEXT[p.start:p.end] == p.text for p in passages)
