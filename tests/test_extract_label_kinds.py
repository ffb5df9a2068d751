"""Labels of text and table figures, kinds found by reading extraction against invented articles: a name that
opens a sentence, a change word used as a noun, periods said against another ("down 1.5 points on last year"),
quarters ("the March quarter", "the previous quarter") and what a caption-less table measures.

Every document here is invented for the test; each row says what a careful reader takes the figure to be.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document


def _figures(text: str, published: date):
    doc = Document(id="t", title=text.split("\n")[0], published=published, text=text)
    return extract(doc).figures


def _one(text: str, quote_part: str, published: date = date(2024, 4, 2)):
    figures = _figures(text, published)
    hits = [f for f in figures if quote_part in f.quote]
    assert len(hits) == 1, [(f.quote, f.subject, f.measure, f.period) for f in figures]
    return hits[0]


@pytest.mark.parametrize(
    "text, quote_part, subject",
    [
        # a one-word name opening a sentence is a name when the article writes it with a capital elsewhere
        ("Values rise in Eastvale and Northby\n\nHome values in Eastvale and Northby rose. Northby followed with a "
         "monthly rise of 1.3 per cent.", "1.3", "Northby"),
        ("Airports busier\n\nTraffic grew at Norrvik and Halden. Halden recorded the steepest rise, of 21 per cent, "
         "as routes reopened.", "21", "Halden"),
    ],
)
def test_a_name_opening_a_sentence(text, quote_part, subject):
    assert _one(text, quote_part).subject == subject


@pytest.mark.parametrize(
    "text, quote_part, measure_has, measure_lacks",
    [
        # "a monthly rise", "the steepest rise": a noun, so the words before it are no subject of a verb
        ("Values rise in Eastvale and Northby\n\nHome values in Eastvale and Northby rose. Northby followed with a "
         "monthly rise of 1.3 per cent.", "1.3", "percent change", "followed"),
        ("Airports busier\n\nTraffic grew at Norrvik and Halden. Halden recorded the steepest rise, of 21 per cent, "
         "as routes reopened.", "21", "percent change", "recorded"),
    ],
)
def test_a_change_word_after_a_determiner_is_a_noun(text, quote_part, measure_has, measure_lacks):
    f = _one(text, quote_part)
    assert measure_has in f.measure and measure_lacks not in f.measure and measure_lacks not in f.subject.lower()
