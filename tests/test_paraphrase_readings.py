"""Ways a question asking for a figure in other words than the article's was misread (issue 13, the paraphrase kind;
issue 14, lookups). Every name here is invented.

- A question asking an amount in words that name none ("what did X bring in?", "what's a contract worth?", "the avg
  wait") was read as asking for a passage, and answered "the article does not say".
"""

from __future__ import annotations

import pytest
from made_figures import engine_over

SERVICE = """# Northport ambulance service, March 2025

Crews attended 41,200 incidents in March, up from 38,900 a year earlier. The service said its ambulance crews
were stretched by a rise in falls among older people.

People waited a median of 14 minutes for an ambulance, while the trust's board approved £6.5 million for new vehicles.

| Station | Incidents March 2025 | Incidents March 2024 |
|---|---|---|
| Northport | 18,400 | 17,100 |
| Easton | 12,300 | 11,900 |
| Rice | 10,500 | 9,900 |

Easton's station brought in £2.4 million from private transfer contracts in 2024.
"""


@pytest.fixture(scope="module")
def known(tmp_path_factory):
    from qa.understand.link import CorpusTerms

    for engine in engine_over(tmp_path_factory, SERVICE, title="Ambulance service", date="2025-04-02"):
        yield CorpusTerms(engine.corpus)


def read(known, question):
    from qa.understand.query import read_question

    return read_question(known, question, known.corpus.doc_year)


@pytest.mark.parametrize("question", [
    "what did Easton's station bring in from private transfers?",
    "whats a typical transfer contract worth",
    "what's the avg wait for an ambulance",
])
def test_an_amount_asked_in_words_that_name_none_is_asked_of_the_figures(known, question):
    r = read(known, question)
    assert r.quantitative and not r.is_text


def test_what_a_body_did_is_still_asked_of_the_text(known):
    r = read(known, "what did the board say about the new vehicles?")
    assert r.is_text or not r.quantitative
