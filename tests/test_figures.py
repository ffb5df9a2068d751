"""The curated figures table, and the loader refusing bad tables with a message naming the row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from qa.corpus.figures import load_figures
from qa.corpus.store import load_documents
from qa.model.errors import BadFigures
from qa.model.settings import REPO_ROOT
from qa.text.numbers import numbers_in

CORPUS = REPO_ROOT / "corpus"


@pytest.fixture(scope="module")
def figures():
    return load_figures(CORPUS, load_documents(CORPUS))


def test_every_quote_is_in_the_article_at_its_offsets(figures):
    docs = {d.id: d for d in load_documents(CORPUS)}
    assert len(figures) >= 25
    for f in figures:
        assert docs[f.doc_id].text[f.start:f.end] == f.quote


def test_every_number_in_the_article_is_in_the_table(figures):
    """Each number the article writes (digits) is some figure's value or a period bound."""
    text = load_documents(CORPUS)[0].text
    values = {f.value for f in figures}
    years = {float(y) for f in figures for y in f.period.replace("-", "/").split("/") if y}
    missing = [n for n in numbers_in(text, words=False) if n not in values and n not in years]
    assert missing == []


@pytest.mark.parametrize("fid,value,period", [
    ("wm_offences_2021", 710, "2021"),  # "last year" in a 2022 article
    ("ew_offences_2021", 7357, "2021"),
    ("wm_offences_2020", 318, "2020"),
    ("staffs_dropped_share", 47.3, "2015-04/2021-12"),
    ("ew_offences_2015_2021", 28201, "2015/2021"),
])
def test_relative_time_resolved(figures, fid, value, period):
    f = next(f for f in figures if f.id == fid)
    assert (f.value, f.period) == (value, period)


def _corpus_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst


def _edit(path: Path, row: int, **changes) -> None:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for k, v in changes.items():
        df.loc[row, k] = v
    df.to_csv(path, index=False)


BAD = [
    ({"value": "seven"}, "value must be a number"),
    ({"unit": "furlongs"}, "unknown unit 'furlongs'"),
    ({"qualifier": "roughly-ish"}, "unknown qualifier"),
    ({"start": "5"}, "quote is not found"),
    ({"value": "999"}, "value 999 is not in its quote"),
    ({"doc_id": "nope"}, "unknown document"),
    ({"id": ""}, "id is empty"),
    ({"scale": "-3"}, "scale must be a positive number"),  # optional columns: scale and currency
    ({"scale": "lots"}, "scale must be a number"),
    ({"currency": "XYZ"}, "unknown currency 'XYZ'"),
    ({"scale": "1000"}, "is not in its quote"),  # the value is no longer the quote's number times the scale
]


@pytest.mark.parametrize("change,message", BAD)
def test_bad_rows_are_refused_by_row(tmp_path, change, message):
    corpus = _corpus_copy(tmp_path)
    table = next((corpus / "figures").glob("*.csv"))
    _edit(table, 3, **change)
    with pytest.raises(BadFigures, match=message) as err:
        load_figures(corpus, load_documents(corpus))
    assert "row 5" in str(err.value)


def test_duplicate_id_refused(tmp_path):
    corpus = _corpus_copy(tmp_path)
    table = next((corpus / "figures").glob("*.csv"))
    df = pd.read_csv(table, dtype=str, keep_default_na=False)
    df.loc[4, "id"] = df.loc[3, "id"]
    df.to_csv(table, index=False)
    with pytest.raises(BadFigures, match="duplicate id"):
        load_figures(corpus, load_documents(corpus))


def test_missing_column_refused(tmp_path):
    corpus = _corpus_copy(tmp_path)
    table = next((corpus / "figures").glob("*.csv"))
    pd.read_csv(table, dtype=str).drop(columns=["quote"]).to_csv(table, index=False)
    with pytest.raises(BadFigures, match="missing column"):
        load_figures(corpus, load_documents(corpus))
