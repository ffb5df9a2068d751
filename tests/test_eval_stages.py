"""The stage at which a dev question's gold figures are lost (eval/stages.py)."""

from types import SimpleNamespace

import pytest

from eval.stages import stage


def fig(subject):
    return SimpleNamespace(subject=subject)


@pytest.mark.parametrize(
    "extracted, subjects, years, figure_years, want",
    [
        ([fig("Northvale"), None], ["Northvale"], [2024], [{2024}], "figure"),  # one gold figure never extracted
        ([fig("Northvale")], ["Westland"], [], [{2024}], "subject"),  # the reader found another place
        ([fig("Northvale")], [], [], [{2024}], "linked"),  # no place asked: nothing to miss
        ([fig("Northvale")], ["Northvale"], [2023], [{2024}], "period"),  # the year asked is not the figure's
        ([fig("Northvale"), fig("Westland")], ["Northvale", "Westland"], [2024], [{2024}, {2023, 2024}], "linked"),
    ],
)
def test_the_first_stage_that_loses_the_gold(extracted, subjects, years, figure_years, want):
    assert stage(extracted, subjects, years, figure_years) == want
