"""What a question asks for, learned from data: a linear model over word and character n-grams.

The model (`intent.json`, beside this module) is fitted by `python -m eval.fit_intent` with
scikit-learn on questions whose operation is known: TAT-QA dev arithmetic questions (their
derivations say which operation; the 150-question benchmark sample is held out) and the dev gold
sets. At run time it is plain arithmetic over the stored vocabulary, idf and weights (numpy), so
answering needs no scikit-learn and gives the same probabilities every run.

Classes: the operations of `Op` a question can ask for, plus `yes_no` (a check that wants a verdict),
`when` (a date or year) and `text` (a name, reason or description).
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL = Path(__file__).resolve().parent / "intent.json"
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def normalise(text: str) -> str:
    """Lower case, every number one token, "%" the word it stands for (the tokenizer drops symbols): the model
    learns the shape of a question, not its figures."""
    return _DIGITS.sub(" 0 ", text.lower()).replace("%", " percent ")


def word_ngrams(text: str, n_min: int, n_max: int) -> list[str]:
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    for n in range(n_min, n_max + 1):
        out += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
    return out


def char_wb_ngrams(text: str, n_min: int, n_max: int) -> list[str]:
    """Character n-grams inside word boundaries, padded with a space each side (as scikit-learn's char_wb)."""
    out: list[str] = []
    for w in " ".join(text.split()).split():
        w = f" {w} "
        for n in range(n_min, n_max + 1):
            if len(w) <= n:  # a short word counts once, whole
                out.append(w)
                break
            out += [w[i:i + n] for i in range(len(w) - n + 1)]
    return out


class IntentModel:
    def __init__(self, data: dict) -> None:
        self.classes: list[str] = data["classes"]
        self.blocks = []
        for b in data["blocks"]:
            vocab = {t: i for i, t in enumerate(b["terms"])}
            self.blocks.append((b["analyzer"], tuple(b["ngram_range"]), vocab, np.asarray(b["idf"], dtype=float)))
        self.coef = np.asarray(data["coef"], dtype=float)
        self.intercept = np.asarray(data["intercept"], dtype=float)

    def features(self, question: str) -> np.ndarray:
        text = normalise(question)
        parts = []
        for analyzer, (lo, hi), vocab, idf in self.blocks:
            grams = word_ngrams(text, lo, hi) if analyzer == "word" else char_wb_ngrams(text, lo, hi)
            v = np.zeros(len(vocab))
            for g in grams:
                i = vocab.get(g)
                if i is not None:
                    v[i] += 1
            nz = v > 0
            v[nz] = (1 + np.log(v[nz])) * idf[nz]
            norm = math.sqrt(float(v @ v))
            parts.append(v / norm if norm else v)
        return np.concatenate(parts)

    def probabilities(self, question: str) -> dict[str, float]:
        z = self.coef @ self.features(question) + self.intercept
        z = np.exp(z - z.max())
        p = z / z.sum()
        return {c: float(x) for c, x in zip(self.classes, p, strict=True)}


@lru_cache(maxsize=1)
def model() -> IntentModel:
    return IntentModel(json.loads(MODEL.read_text(encoding="utf-8")))


@lru_cache(maxsize=4096)
def intents(question: str) -> tuple[tuple[str, float], ...]:
    """Every class with its probability, most likely first."""
    probs = model().probabilities(question)
    return tuple(sorted(probs.items(), key=lambda kv: -kv[1]))
