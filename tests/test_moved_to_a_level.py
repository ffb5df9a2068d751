"""What a level measures when a verb moves or sets something to it (issue 14, "text figures keep their labels"):
"the operator raised its base fare to $3.10" gives the base fare, "raising the annual rent from £40 to £55" the
annual rent, "put storm damage at 2.1 billion pesos" the storm damage, and "increasing the number of gates from 8
to 12" the number of gates. Without an object ("openings increase by a quarter to 270") the verb names nothing.

Every document here is invented for the test; each row says what a careful reader takes the figure to be.
"""

from __future__ import annotations

import pytest
from made_figures import extracted_one


@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        ("Fares\n\nThe Kelmouth transit authority, which faces a budget gap, raised its base fare to $3.10 in May.",
         "3.10", "base fare"),
        ("Fares\n\nThe Kelmouth transit authority raised its peak fare by 20 cents to $3.40.", "3.40", "peak fare"),
        ("Allotments\n\nThe council is raising the annual rent for a plot from £40 to £55 from April.", "55",
         "annual rent for a plot"),
        ("Storm\n\nThe agriculture ministry put storm damage at 2.1 billion pesos.", "2.1", "storm damage"),
        ("Airport\n\nThe terminal will open in May, increasing the number of gates from 8 to 12.", "12",
         "number of gates"),
    ],
)
def test_a_level_something_is_moved_to(text, quote_part, measure):
    assert extracted_one(text, quote_part).measure.lower() == measure


def test_a_verb_without_an_object_names_nothing():
    text = "Vacancies\n\nThe North had 410 vacancies, while the South saw openings increase by roughly a quarter to 270."
    assert "quarter" not in extracted_one(text, "270").measure.lower()
