"""What a figure stated in a sentence counts: the subject its copula or "of" links it to, the noun a list of
figures given "respectively" is of, and the periods listed before such a list. Sentences invented for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.clauses import noun_phrase_before
from qa.corpus.extract import extract
from qa.model.records import Document


def figures(sentence: str) -> list[tuple[float, str, str]]:
    doc = Document(id="t", title="Annual filing", published=date(2020, 6, 1), source="test",
                   text="Annual filing\n\n" + sentence)
    table = extract(doc).table
    return [(round(float(v), 2), m, p) for v, m, p in zip(table["value"], table["measure"], table["period"],
                                                          strict=True)]


@pytest.mark.parametrize(
    "sentence, value, measure",
    [
        # the complement of a copula or of "amounted to" is a value of the clause's subject, with its modifiers
        ("Marketing costs amounted to $2.4 million in 2019.", 2_400_000, "marketing costs"),
        ("Total lease expense was $6.1 million in 2019.", 6_100_000, "total lease expense"),
        ("Freight charges on imported parts were $0.7 million in 2019.", 700_000, "freight charges on imported parts"),
        ("Our warranty reserve was $1.5 million at the end of 2019.", 1_500_000, "warranty reserve"),
        # a participle follows the noun it states the value of, not the clause's subject ("we")
        ("At the end of 2019 we had unfunded retiree medical obligations totaling $9.3 million.", 9_300_000,
         "unfunded retiree medical obligations"),
        # a noun phrase before "of" is what the sum is
        ("The Company recorded impairment charges of $4.2 million in 2019.", 4_200_000, "impairment charges"),
        ("In 2019 the Group had deferred tax assets of approximately $12.5 million.", 12_500_000,
         "deferred tax assets"),
        # a sum listed after another shares its subject
        ("Sponsorship fees were $3.1 million and $2.8 million in 2019 and 2018, respectively.", 2_800_000,
         "sponsorship fees"),
        ("We expect contributions of $0.4 million and $0.6 million to the two plans in 2020.", 600_000,
         "contributions"),
    ],
)
def test_a_sum_is_a_value_of_what_its_clause_links_it_to(sentence, value, measure):
    got = [m for v, m, _ in figures(sentence) if v == value]
    assert got == [measure]


@pytest.mark.parametrize(
    "sentence, value, measure",
    [
        # a pronoun or a name before the copula is who or where, not what; the generic word stays
        ("It was $3.5 million in 2019.", 3_500_000, "amount"),
        ("Meanwhile in Northvale there were 420 complaints in 2019.", 420, "complaints"),
        # "a peak of", "an increase of", "a total of": no measure in the word before "of"
        ("Revenue fell from a peak of $8.8 million in 2017.", 8_800_000, "amount"),
    ],
)
def test_what_a_clause_links_a_figure_to_is_not_always_its_measure(sentence, value, measure):
    got = [m for v, m, _ in figures(sentence) if v == value]
    assert got == [measure]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("For the years ended December 31, 2019, 2018 and 2017, the Company expensed $1.3 million, $1.1 million and "
         "$0.2 million, respectively, of royalty payments owed to partners.",
         [(1_300_000, "royalty payments owed to partners", "2019"),
          (1_100_000, "royalty payments owed to partners", "2018"),
          (200_000, "royalty payments owed to partners", "2017")]),
    ],
)
def test_a_respective_list_takes_the_periods_before_it_and_the_noun_after_it(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    "text, noun_phrase",
    [
        ("The Company recorded amortization expense of", "amortization expense"),
        ("we had unrecognized tax benefits of", "unrecognized tax benefits"),
        ("we hold pension and medical obligations totaling", "pension and medical obligations"),
        ("the firm paid 40 fees of", "fees"),
        ("a total of", ""),
    ],
)
def test_the_noun_phrase_before_a_word(text, noun_phrase):
    last = text.rindex(" ")
    assert noun_phrase_before(text, 0, last) == noun_phrase
