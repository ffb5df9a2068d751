"""Places abbreviated by their initials ("WM", "NW") are the places: derived from each subject's name, not listed."""

from __future__ import annotations

import pytest

from qa.pipeline import ask
from qa.understand.link import initials


@pytest.mark.parametrize("subject, letters", [
    ("North West", "nw"),
    ("Northshire Police", ""),           # one word once the field's generic last word is dropped
    ("Greater Manchester Police", "gm"),
    ("England and Wales", "ew"),          # linking words are skipped
    ("United States", ""),                # "us" is a word, not an abbreviation to read
    ("South East Coast Ambulance Service Trust", ""),  # too many words to be abbreviated this way
])
def test_initials(subject, letters):
    assert initials(subject) == letters


def test_a_question_using_initials_names_the_place():
    a = ask("How many offences did WM record in 2020?")
    assert a.value == 318, a.answer  # the article: "up from 318 in 2020" for West Midlands Police
