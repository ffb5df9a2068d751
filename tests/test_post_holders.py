"""Who holds a post (issue 13, text questions): "who's Kelvo's CFO?", "who is the chief exec of the Tarn Trust?" are
answered by the sentence introducing the person in that post, however the post is written ("Finance director Ann Lee
said", "Ann Lee, Chief Financial Officer, said", "the trust's chief executive") — the vocabulary's `posts` give a post's
other names, and the organisation need only be named somewhere in the article. The article is invented; each expected
name is read off it."""

from __future__ import annotations

import pytest
from made_figures import engine_over

from qa.text.people import mentions

STORY = """# Kelvo Foods profit slips as costs bite

LONDON, 4 September 2025 - Kelvo Foods reported a half-year operating profit of £41.2m, down from £44.9m a year
earlier, as wage and packaging costs rose faster than prices.

Chief executive Mara Quint said the group had "held its nerve on pricing". Revenue rose 3.1 per cent to £612m.

Otto Brandt, Chief Financial Officer, said net debt had fallen to £88m and the interim dividend would rise to 4.1p.

Supermarket sales grew fastest. "Shoppers are trading down to own-label ranges," said Priya Lal, an analyst at Harcourt
Securities.
"""


@pytest.mark.parametrize("text, introduced, name", [
    ("Chief executive Mara Quint said the group held firm.", "Chief executive Mara Quint", "Mara Quint"),
    ("Finance chief Otto Brandt said debt fell.", "Finance chief Otto Brandt", "Otto Brandt"),
    ("Otto Brandt, Chief Financial Officer, said debt fell.", "Otto Brandt, Chief Financial Officer", "Otto Brandt"),
    ("The firm's chief financial officer Otto Brandt said so.", "chief financial officer Otto Brandt", "Otto Brandt"),
    ("In March Otto Brandt said so.", "March Otto Brandt", "March Otto Brandt"),  # no post: not described
])
def test_posts_before_and_after_a_name(text, introduced, name):
    m = mentions(text)[0]
    assert (text[m.start:m.end], text[m.name_start:m.name_end]) == (introduced, name)
    assert m.described is (introduced != name)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from engine_over(tmp_path_factory, STORY, "Kelvo Foods profit slips as costs bite", "2025-09-04")


@pytest.mark.parametrize("question, name", [
    ("who's kelvo's CFO?", "Otto Brandt"),
    ("Who is the finance director at Kelvo Foods?", "Otto Brandt"),
    ("who is the ceo of kelvo", "Mara Quint"),
    ("who's the boss at Kelvo?", "Mara Quint"),
])
def test_who_holds_a_post(engine, question, name):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained, a.answer
    assert name in a.answer
    other = {"Otto Brandt", "Mara Quint"} - {name}
    assert not any(o in a.answer for o in other), a.answer
