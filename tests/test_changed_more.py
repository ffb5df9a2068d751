""""Which grew more, A or B?" asks which changed more (issue 13): with two years of each it compares the changes;
with one figure of each, two levels say which is bigger, not which changed more, so it is not answered from them.
"Shrank" and "decreased" are change verbs like "fell". The documents are invented; each expected name is worked out
by hand from them."""

from __future__ import annotations

import pytest

from qa.understand.query import CHANGE_COMPARE

TWO_YEARS = """# Visitor numbers at Fenby and Northmoor

FENBY, 3 February 2025 - Fenby Castle welcomed 12,000 visitors in 2024, up from 10,000 in 2023. Northmoor Abbey
welcomed 15,000 visitors in 2024, up from 14,500 in 2023.

Fenby Market had 8,000 stallholders in 2024, down from 9,000 in 2023. Northmoor Market had 6,700 stallholders in
2024, down from 6,800 in 2023.
"""
# Fenby castle +2,000 (+20%), Northmoor abbey +500 (+3.4%): Fenby grew more either way; the markets: Fenby -1,000
# (-11.1%), Northmoor -100 (-1.5%): Fenby's shrank more either way

ONE_YEAR = """# Visitor numbers at Fenby and Northmoor

FENBY, 3 February 2025 - Fenby Castle welcomed 12,000 visitors in 2024. Northmoor Abbey welcomed 15,000 visitors in
2024, the most of any site in the county.
"""


@pytest.mark.parametrize("question, asks_change", [
    ("which grew more, a or b?", True),
    ("where did the burned area shrink more, a or b?", True),
    ("which shrank the most?", True),
    ("which decreased more, a or b?", True),
    ("which is bigger, a or b?", False),
    ("which had more visitors, a or b?", False),
])
def test_change_compared_is_read(question, asks_change):
    assert bool(CHANGE_COMPARE.search(question)) is asks_change


def _engine(tmp_path_factory, text):
    """An engine over the one invented article, its settings restored afterwards."""
    import qa.engine
    from qa.corpus.store import ingest_text
    from qa.engine import Engine
    from qa.model.settings import get_settings

    mp = pytest.MonkeyPatch()
    mp.setenv("QA_EMBEDDING", "hash")
    mp.setenv("QA_BUILTIN_CORPUS", "false")
    mp.setenv("QA_DATA_DIR", str(tmp_path_factory.mktemp("visitors")))
    get_settings.cache_clear()
    ingest_text(text, fmt="markdown", title="Visitor numbers at Fenby and Northmoor", date="2025-02-03")
    yield Engine(get_settings())
    mp.undo()
    get_settings.cache_clear()
    qa.engine.reset_engine()


@pytest.fixture(scope="module")
def levels(tmp_path_factory):
    yield from _engine(tmp_path_factory, ONE_YEAR)


@pytest.fixture(scope="module")
def changes(tmp_path_factory):
    yield from _engine(tmp_path_factory, TWO_YEARS)


@pytest.mark.parametrize("question", [
    "Which grew more, Fenby Castle or Northmoor Abbey?",
    "Which had the bigger rise in visitors, Fenby Castle or Northmoor Abbey?",
])
def test_two_levels_do_not_say_which_changed_more(levels, question):
    from qa.pipeline import ask

    a = ask(question, engine=levels)
    assert not a.answer.startswith("Northmoor"), a.answer  # the bigger level is no bigger change
    assert a.abstained or a.clarify, a.answer


def test_levels_still_compare_when_levels_are_asked(levels):
    from qa.pipeline import ask

    a = ask("Which had more visitors in 2024, Fenby Castle or Northmoor Abbey?", engine=levels)
    assert not a.abstained, a.answer
    assert a.answer.startswith("Northmoor Abbey"), a.answer  # 15,000 against 12,000


@pytest.mark.parametrize("question, first", [
    ("Which grew more, Fenby Castle or Northmoor Abbey?", "Fenby Castle"),
    ("Which had the bigger rise in visitors, Fenby Castle or Northmoor Abbey?", "Fenby Castle"),
    ("Which shrank more, Fenby Market or Northmoor Market?", "Fenby Market"),
])
def test_two_years_of_each_compare_the_changes(changes, question, first):
    from qa.pipeline import ask

    a = ask(question, engine=changes)
    assert not a.abstained, a.answer
    assert a.answer.startswith(first), a.answer
