"""A peak or record the article states ("down from a peak of 96,500 in the 12 months to August 2023", "the record
of 845 ... set on 3 January 2023") answers "when did X peak?" / "when was the record set?" by its own sentence."""

from __future__ import annotations

import pytest

from qa.corpus.collection import Corpus
from qa.model.records import Document, Figure, Unit
from qa.understand.link import CorpusTerms
from qa.understand.plans import Context, stated_peak
from qa.understand.query import read_question

TEXT = ("Overdose deaths fell to 82,410 in the year to June 2024, down from a peak of 96,500 in the 12 months to "
        "August 2023. Northvale recorded 310 overdose deaths in the year to June 2024. "
        "The all-time daily record of 845 patients was set on 3 January 2023.")


def _fig(fid: str, subject: str, measure: str, number: str, period: str, unit: Unit = Unit.count) -> Figure:
    start = TEXT.index(number)
    value = float(number.replace(",", "")) if unit is not Unit.date else 2023.0
    return Figure(id=fid, doc_id="d", subject=subject, measure=measure, period=period, value=value, unit=unit,
                  quote=number, start=start, end=start + len(number))


FIGS = [_fig("now", "United States", "overdose deaths", "82,410", "2023-07/2024-06"),
        _fig("peak", "United States", "overdose deaths", "96,500", "2022-09/2023-08"),
        _fig("nv", "Northvale", "overdose deaths", "310", "2023-07/2024-06"),
        _fig("rec", "Hospitals", "patients on trolleys", "845", "2023-01"),
        _fig("set", "Hospitals", "date the record was set", "3 January 2023", "2023-01", Unit.date)]


@pytest.mark.parametrize("question, found", [
    ("When did overdose deaths hit their peak?", "peak"),
    ("when did overdose deaths peak", "peak"),
    ("When was the all-time record for patients on trolleys set?", "set"),  # the record's date, in its sentence
    ("When did Northvale record 310 overdose deaths?", None),  # "record" the verb asks for no record
    ("When did overdose deaths fall to 82,410?", None),         # no peak asked
])
def test_the_peak_the_article_states(question, found):
    known = CorpusTerms(Corpus([Document(id="d", title="Overdoses", published="2024-11-01", text=TEXT)], FIGS))
    r = read_question(known, question, 2024)
    sims = {f.id: 0.5 for f in FIGS}  # the index finds every sentence about as close
    got = stated_peak(Context(known=known, sims=sims, doc_year=2024), r)
    assert (got.id if got else None) == found
