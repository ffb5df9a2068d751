"""The learned-linker experiment's pure parts: which gold is one figure, the context around a figure, the overlaps."""

from __future__ import annotations

import pytest

from eval.fit_linker import context_of, gold_figure, jaccard, overlap, words


@pytest.mark.parametrize("expr, expected", [
    ("figure(ae_4h_jan24)", "ae_4h_jan24"),
    (" figure( wm_offences_2021 ) ", "wm_offences_2021"),
    ("wm_offences_2021", "wm_offences_2021"),
    ("figure(a) - figure(b)", None),          # a difference, not a lookup
    ("pct_change(figure(a), figure(b))", None),
    ("", None),
])
def test_gold_figure(expr: str, expected: str | None) -> None:
    assert gold_figure(expr) == expected


TEXT = "Intro line.\nSales rose. Posts left unfilled hit 1,200 in May. Then more.\n| Region | Jobs |\n| North | 40 |\n| South | 55 |\n"


@pytest.mark.parametrize("needle, sentence, header", [
    ("1,200", "Posts left unfilled hit 1,200 in May.", ""),   # the sentence, not the whole line
    ("55", "| South | 55 |", "| Region | Jobs |"),           # a table row and the table's first line
    ("40", "| North | 40 |", "| Region | Jobs |"),
])
def test_context_of(needle: str, sentence: str, header: str) -> None:
    start = TEXT.index(needle)
    assert context_of(TEXT, start, start + len(needle)) == (sentence, header)


@pytest.mark.parametrize("q, f, share, jac", [
    ("How many posts were unfilled?", "posts unfilled", 1.0, 1.0),   # "how many were" are stop words
    ("vacant jobs in May", "jobs", 1 / 3, 1 / 3),
    ("", "jobs", 0.0, 0.0),
])
def test_overlaps(q: str, f: str, share: float, jac: float) -> None:
    assert overlap(words(q), words(f)) == pytest.approx(share)
    assert jaccard(words(q), words(f)) == pytest.approx(jac)


@pytest.mark.parametrize("needle, width, expected", [
    ("1,200", 10, "illed hit 1,200 in M"),   # 10 characters before ("illed hit "), 5 after
    ("1,200", 500, "Sales rose. Posts left unfilled hit 1,200 in May. Then more."),  # never past its line
])
def test_near_of(needle: str, width: int, expected: str) -> None:
    from eval.fit_linker import near_of

    start = TEXT.index(needle)
    assert near_of(TEXT, start, start + len(needle), width) == expected
