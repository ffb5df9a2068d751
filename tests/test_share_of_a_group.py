"""What a share of a group measures (issue 14, "text figures keep their labels"): "about a fifth of them" is a share
of what the text counted before, not of "them".

Every document here is invented for the test; each row says what a careful reader takes the figure to be.
"""

from __future__ import annotations

import pytest
from made_figures import extracted_one


@pytest.mark.parametrize(
    "text, quote_part, measure_has, measure_lacks",
    [
        # "of them": the count told before
        ("Jobless\n\nThere were 6.4 million unemployed people in March, and about a fifth of them had been out of "
         "work for a year.", "a fifth", "unemployed", "them"),
        ("Lenders\n\nKelmouth lenders received 12,400 loan applications last year. About 40 per cent of them were "
         "approved.", "About 40", "loan applications", "them"),
    ],
)
def test_a_share_of_them_is_of_the_count_before(text, quote_part, measure_has, measure_lacks):
    measure = extracted_one(text, quote_part).measure.lower()
    assert measure_has in measure and measure_lacks not in measure.split()
