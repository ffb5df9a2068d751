"""Automatic figure extraction, on articles written for these tests and on the seed article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from qa.corpus.extract import extract, extract_candidates
from qa.corpus.figures import ALL_COLUMNS, validate
from qa.corpus.store import load_documents
from qa.model.records import Document

REPO = Path(__file__).resolve().parent.parent

CRIME = Document(
    id="crime-2023", title="Public order offences soar", published=date(2023, 4, 21), source="test",
    text=(
        "Public order offences soar\n\n"
        "Public order offences rose by 39% to 78,697, figures from the Home Office show.\n\n"
        "Police in Kent recorded at least 4,210 burglaries last year, up from 3,870 in 2021. "
        "About 1,200 of them were solved, and nearly 400 suspects were charged.\n\n"
        "Across Wales, more than 12 per cent of victims waited over a week for a visit."
    ),
)
HEALTH = Document(
    id="nhs-2024", title="Hospital waiting lists in the North East", published=date(2024, 2, 9), source="test",
    text=(
        "Hospital waiting lists in the North East\n\n"
        "Published 9 February 2024\n\n"
        "Some 1.2 million patients were waiting for treatment at the end of 2023, according to NHS England.\n\n"
        "Nearly half of patients waited more than 18 weeks, and a third of them waited a year.\n\n"
        "The Treasury spent £3.4bn on waiting-list initiatives, and five million letters were sent."
    ),
)
LAW = Document(
    id="law-2022", title="New offence for cyber-flashing", published=date(2022, 6, 6), source="test",
    text=(
        "The offence came into force in April 2015 and carries a maximum sentence of two years' imprisonment.\n\n"
        "Between 2015 and 2021, 28,201 offences were recorded by the 38 forces in England and Wales."
    ),
)
DOCS = {d.id: d for d in (CRIME, HEALTH, LAW)}


def rows(doc: Document) -> pd.DataFrame:
    return extract(doc).table


def row_for(doc: Document, quote_part: str, value: float) -> pd.Series:
    table = rows(doc)
    hits = table[table["quote"].str.contains(quote_part, regex=False) & (table["value"].astype(float) == value)]
    assert len(hits) == 1, f"no single figure {value} with {quote_part!r} in:\n{table[['value', 'quote']]}"
    return hits.iloc[0]


@pytest.mark.parametrize(
    "doc_id, quote_part, value, unit, qualifier, period",
    [
        # no period written in its paragraph: the period the article is about, the first its body names
        # ("last year", 2022); a change with no start written runs from the year before
        ("crime-2023", "39%", 39, "percent", "exact", "2021/2022"),
        ("crime-2023", "78,697", 78697, "count", "exact", "2022"),
        ("crime-2023", "4,210 burglaries", 4210, "count", "at least", "2022"),  # "last year" in a 2023 article
        ("crime-2023", "3,870", 3870, "count", "exact", "2021"),
        ("crime-2023", "1,200", 1200, "count", "about", "2022"),
        ("crime-2023", "400 suspects", 400, "count", "nearly", "2022"),
        ("crime-2023", "12 per cent", 12, "percent", "more than", "2022"),  # carried from the paragraph before
        ("nhs-2024", "1.2 million patients", 1_200_000, "count", "about", "2023-12"),
        ("law-2022", "April 2015", 2015, "date", "exact", "2015-04"),
        ("law-2022", "two years", 2, "years", "exact", ""),
        ("law-2022", "28,201", 28201, "count", "exact", "2015/2021"),
    ],
)
def test_value_unit_qualifier_and_period(doc_id, quote_part, value, unit, qualifier, period):
    row = row_for(DOCS[doc_id], quote_part, value)
    assert (row["unit"], row["qualifier"], row["period"]) == (unit, qualifier, period)


def test_a_change_and_a_level_in_one_sentence_share_their_subject():
    change = row_for(CRIME, "39%", 39)
    level = row_for(CRIME, "78,697", 78697)
    # no place is named: both are the headline's subject (what rose is their measure, not whose they are)
    assert change["subject"] == level["subject"] == "Public order offences"
    assert change["measure"] == "percent change in public order offences"
    assert "public order offences" in level["measure"]


@pytest.mark.parametrize(
    "doc_id, quote_part, value, subject, measure_word",
    [
        ("crime-2023", "4,210", 4210, "Kent", "burglaries"),
        ("crime-2023", "12 per cent", 12, "Wales", "victims"),
        # "according to NHS England": the source, not what the figure is about; the title's place is
        ("nhs-2024", "1.2 million", 1_200_000, "North East", "patients"),
        ("law-2022", "two years", 2, None, "maximum sentence"),
    ],
)
def test_subject_and_measure_come_from_the_sentence(doc_id, quote_part, value, subject, measure_word):
    row = row_for(DOCS[doc_id], quote_part, value)
    if subject:
        assert row["subject"] == subject
    assert measure_word in row["measure"]


def test_the_day_of_a_date_is_not_a_figure():
    assert 9 not in rows(HEALTH)["value"].astype(float).tolist()


@pytest.mark.parametrize(
    "phrase, value, unit, qualifier",
    [
        ("Nearly half of patients", 50, "percent", "nearly"),
        ("a third of them", 33.3, "percent", "exact"),
        ("£3.4bn", 3.4e9, "money", "exact"),
        ("five million letters", 5e6, "count", "exact"),
    ],
)
def test_words_fractions_and_scales_are_read(phrase, value, unit, qualifier):
    found = [c for c in extract_candidates(HEALTH) if HEALTH.text[c.mention.start: c.mention.end] in phrase]
    assert [(c.mention.value, c.mention.unit.value, c.qualifier.value) for c in found] == [(value, unit, qualifier)]


def test_word_figures_reach_the_table():
    values = set(rows(HEALTH)["value"].astype(float))
    assert {50.0, 33.3, 3.4e9, 5e6} <= values


def test_refused_candidates_are_reported_not_kept():
    result = extract(HEALTH)
    kept = set(result.table["quote"])
    # numbers_in now reads "half", "a third", "£3.4bn" and "five million", so nothing is set aside
    assert result.skipped == []
    for row, reason in result.skipped:
        assert row["quote"] not in kept
        assert "not in its quote" in reason


@pytest.mark.parametrize("doc", [CRIME, HEALTH, LAW], ids=lambda d: d.id)
def test_the_table_is_like_the_curated_one_and_validates(doc):
    table = rows(doc)
    assert list(table.columns) == ALL_COLUMNS
    figures = validate(table, {doc.id: doc}, source="test")
    assert len(figures) == len(table) > 0
    for f in figures:
        assert doc.text[f.start: f.end] == f.quote
        assert len(f.quote) <= 160


def test_extraction_is_deterministic():
    assert rows(CRIME).equals(rows(CRIME))


def test_seed_article_against_the_curated_table():
    from eval.extraction import evaluate

    _, by_group = evaluate(REPO / "corpus")
    stats = by_group["seed"]
    # Measured 100% / 100% when written; the rules were developed on this article, so this guards
    # against regressions rather than proving quality on unseen text.
    assert stats["precision"] >= 0.9
    assert stats["recall"] >= 0.9
    assert stats["unit"] == 1.0


def test_seed_extraction_validates_against_the_seed_text():
    (seed,) = load_documents(REPO / "corpus")
    table = rows(seed)
    assert len(validate(table, {seed.id: seed})) == len(table) >= 25
