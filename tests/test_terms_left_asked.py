"""What a question asks beyond the names it gives: a name written short ("lib progs") is a name, not words the figures
must also cover; a word with a one-letter prefix is read with and without its hyphen ("e-book", "ebook"). Both used to
leave a question's words uncovered by the very figure it asks for, so it abstained. Every name here is invented."""

from __future__ import annotations

import pytest
from made_figures import engine_over

from qa.model.records import Figure, Unit
from qa.text.lexicon import canon_tokens
from qa.understand.link import SubjectTable


def fig(subject: str) -> Figure:
    return Figure(id=f"d-{subject}", doc_id="d", subject=subject, measure="seats", period="2023", value=1.0,
                  unit=Unit.count, quote="1", start=0, end=1)


TABLE = SubjectTable([fig(s) for s in ("Liberal Progressives", "Green Alliance", "Kestrel Valley")])


@pytest.mark.parametrize("lowered, left", [
    ("how many seats did the lib progs win", "how many seats did the win"),
    ("seats for the green alliance", "seats for the"),
    ("kestrel valley seats", "seats"),
])
def test_a_name_written_short_is_masked_like_a_name_in_full(lowered, left):
    assert TABLE.mask(lowered).split() == left.split()


@pytest.mark.parametrize("asked, label", [
    ("ebook loans", "E-book loans"),
    ("e-bike trips", "Ebike trips"),
    ("x-ray waits", "Xray waits"),
])
def test_a_one_letter_prefix_is_read_with_and_without_its_hyphen(asked, label):
    assert canon_tokens(asked)[0] in canon_tokens(label)  # the word as one, whichever way either is written


VOTES = """# Council results

| Party | Seats 2023 | Seats 2019 |
|---|---|---|
| Liberal Progressives | 1,204 | 977 |
| Green Alliance | 388 | 265 |

| Library service | E-book loans 2024 | Audiobook loans 2024 |
|---|---|---|
| Northshire | 412,300 | 198,400 |
| Southmoor | 287,900 | 131,200 |
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from engine_over(tmp_path_factory, VOTES, title="Council results", date="2024-05-10")


@pytest.mark.parametrize("question, value", [
    ("How many seats did the Lib Progs win in 2023?", 1204),
    ("northshire ebook loans 2024?", 412300),
])
def test_the_figure_asked_for_is_answered(engine, question, value):
    from qa.pipeline import ask

    a = ask(question, engine=engine)
    assert not a.abstained and a.value == value, a.answer
