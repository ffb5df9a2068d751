"""A percentage that refers to a rate named elsewhere in the text (issue 14, "text figures keep their labels"): a
ranked rate with its field ("the highest vacancy rate of any region, at 13.2 per cent") is that rate, and "the rate
was 11.4 per cent" after "a vacancy rate of 9.8 per cent" is that rate again, of another place.

Every document here is invented for the test; each row says what a careful reader takes the figure to be.
"""

from __future__ import annotations

import pytest
from made_figures import extracted_one


@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        ("Nurses\n\nNorthshire had the highest vacancy rate of any region, at 14.1 per cent.", "14.1", "vacancy rate"),
        ("Schools\n\nEastvale had the highest independent share of any county, at 21.5 per cent, and Westby had the "
         "lowest, at 9.8 per cent.", "9.8", "independent share"),
        # "the rate" later is the rate named before "of" earlier
        ("Nurses\n\nTrusts reported 1,960 posts empty, a vacancy rate of 8.7 per cent. In the North West the rate was "
         "12.3 per cent.", "12.3", "vacancy rate"),
    ],
)
def test_a_rate_told_before(text, quote_part, measure):
    assert extracted_one(text, quote_part).measure.lower() == measure
