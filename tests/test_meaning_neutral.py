"""The ranker's meaning features (`sentence_sim`, `sentence_lead`, `meaning`) are read only from a semantic embedding
backend (MiniLM). Under one that is not (the hashed test backend, whose closeness is words shared, not meaning) they
keep the neutral 0, and every candidate's score is the one the weights give without them. Every name and number here
is invented."""

from __future__ import annotations

import pytest
from made_figures import engine_over

from qa.retrieve.embeddings import HashEmbeddings, MiniLMOnnx, is_semantic
from qa.retrieve.index import Hit
from qa.understand.meaning import Closeness, closeness

MEANING = ("sentence_sim", "sentence_lead", "meaning")

TEXT = """# Harbour town's ferry year

Brackwater Ferries carried 1.8 million passengers in 2023, up from 1.5 million in 2022. Its boats sailed 72% full on
average, against 64% a year before. Fuel cost the company £41 million in 2023. It employed 640 crew at the end of the
year, and 18 new crew joined in the spring.
"""


@pytest.mark.parametrize("backend, semantic", [(HashEmbeddings, False), (MiniLMOnnx, True), (object, False)])
def test_a_backend_says_whether_its_closeness_is_meaning(backend, semantic):
    # read from the class: the model itself is not loaded
    assert is_semantic(backend) is semantic


class Found:
    """An index over one passage whose embedding is given."""

    def __init__(self, embeddings: object) -> None:
        self.embeddings = embeddings

    def search(self, query: str, k: int = 12) -> list[Hit]:
        return [Hit(kind="passage", key="d:10:36", score=0.7, metadata={"doc_id": "d", "start": 10})]


class Meaningful:
    semantic = True


@pytest.mark.parametrize("embeddings, read", [(HashEmbeddings(), False), (Meaningful(), True), (None, False)])
def test_closeness_is_read_only_from_a_semantic_index(embeddings, read):
    near = closeness(Found(embeddings), "how full were the boats?")
    assert (near is not None) is read
    if read:
        assert near == Closeness(sentences={("d", 10): 0.7})


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    yield from engine_over(tmp_path_factory, TEXT, title="Ferry year", date="2024-02-01")


@pytest.mark.parametrize("question", [
    "How many passengers did Brackwater Ferries carry in 2023?",
    "How full were the boats in 2023?",
    "By what percentage did passengers rise from 2022 to 2023?",
    "How much did fuel cost?",
    "How many crew did it employ?",
])
def test_under_hashed_embeddings_the_meaning_features_change_no_score(engine, question):
    from qa.understand.candidates import weights
    from qa.understand.reader import understand_candidates

    decided, ranked, _ = understand_candidates(engine.terms, engine.index, question, [])
    assert decided is not None or ranked
    w = weights()
    for c in ranked:
        assert all(c.features.get(k, 0.0) == 0.0 for k in MEANING), c.features
        without = w["bias"] + sum(w.get(k, 0.0) * v for k, v in c.features.items() if k not in MEANING)
        assert c.score == pytest.approx(without)


def rule_stating(state: bool) -> dict[str, object]:
    """A veto-only rule that states everything over its cut (or nothing): intercept far one way, no input read."""
    from qa.understand.candidates import FEATURES
    from qa.understand.stating import FLAGS

    n = 3 + len(FEATURES) + len(FLAGS) + 2
    return {"mean": [0.0] * n, "scale": [1.0] * n, "coef": [0.0] * n, "intercept": 20.0 if state else -20.0,
            "threshold": 0.5, "veto_only": True, "cut": 0.5}


@pytest.mark.parametrize("meaning, expected", [
    (0.0, True),  # closeness not read (hashed embeddings): the shipped rule, which states it
    (1.0, False),  # closeness read (a semantic backend): the rule fitted reading it, which holds it back
])
def test_the_rule_reading_meaning_decides_only_when_meaning_was_read(monkeypatch, meaning, expected):
    from qa.model.records import Op, Plan
    from qa.understand import reader
    from qa.understand.candidates import Candidate

    monkeypatch.setattr(reader, "rule", lambda: {**rule_stating(True), "when_meaning": rule_stating(False)})
    monkeypatch.setattr(reader, "abstain_below", lambda: 0.5)
    plan = Plan(operation=Op.lookup, resolved_question="how many ferry crossings were there in 2023", figure_ids=["f0"])
    top = Candidate(plan=plan, asked="lookup", features={"abstain": 0.0, "meaning": meaning}, score=0.9)
    assert reader.stating([top], 0.5, unscoped=False) is expected
