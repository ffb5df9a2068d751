"""Words a question writes that name no measure: an ordinal's ending ("the 1st time" is not a word "st") and the
article's own table ("according to the table"). Neither may count against a figure whose label lacks it."""

from __future__ import annotations

import pytest

from qa.text import lexicon


@pytest.mark.parametrize("text, terms", [
    ("went to a food bank for the 1st time", ["go", "food", "bank", "time"]),  # "1st": no "st" word
    ("the 2nd and 3rd quarters", ["quarter"]),
    ("the 21st century", ["centuri"]),
    ("according to the table, the cost", ["cost"]),  # the table asked about is no measure word
    ("what does the chart show for rents", ["rent"]),
    ("the first time", ["first", "time"]),  # a word ending in "st" keeps its ending
])
def test_ordinal_endings_and_the_table_are_no_measure_words(text, terms):
    assert lexicon.canon_tokens(text) == terms
