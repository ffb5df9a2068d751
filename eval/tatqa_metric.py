"""TAT-QA's metric, written from its description (Zhu et al., ACL 2021; CC BY 4.0 data).

An answer is a bag of items (one for a span or a number, several for a multi-span answer). Both
bags are normalised: text is lower-cased, punctuation and the articles a/an/the dropped and
whitespace collapsed; an item that reads as a number ("1,234", "$5.2", "(3.4)", "12.5%") becomes
that number, rounded to two decimals (TAT-QA's arithmetic answers are given to two).

    exact match   1 when the normalised bags are equal, else 0
    F1            items are paired one-to-one, each pair scored by token F1 (0 when the two
                  items' numbers differ), and the best pairing's total is divided by the larger
                  bag (so missing and extra items both cost)

The predicted scale ("", thousand, million, billion, percent) must equal the gold scale: a
wrong scale scores 0 on both. This is our own code; its tests are in tests/test_tatqa_metric.py.
"""

from __future__ import annotations

import itertools
import re
import string
from typing import Any

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_NUM = re.compile(r"^\(?-?[$£€]?\s*-?\d[\d,]*(\.\d+)?\s*%?\)?$")
_PUNCT = set(string.punctuation) - {"."}


def to_number(text: str) -> float | None:
    t = text.strip().replace(" ", "")
    if not t or not _NUM.match(t):
        return None
    negative = t.startswith("(") and t.endswith(")") or t.startswith("-") or t.startswith("(-")
    digits = re.sub(r"[^\d.]", "", t)
    if digits.count(".") > 1 or not any(c.isdigit() for c in digits):
        return None
    value = float(digits)
    return round(-value if negative else value, 2)


def normalise(item: Any) -> str:
    if isinstance(item, int | float):
        return f"{round(float(item), 2):g}"
    text = str(item).strip()
    n = to_number(text)
    if n is not None:
        return f"{n:g}"
    text = text.lower()
    text = "".join(" " if ch in _PUNCT else ch for ch in text)
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)  # full stops, not decimal points
    text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def _bag(answer: Any) -> list[str]:
    items = answer if isinstance(answer, list) else [answer]
    return [n for n in (normalise(i) for i in items) if n != ""]


def _numbers(tokens: list[str]) -> set[str]:
    return {t for t in tokens if to_number(t) is not None}


def _item_f1(pred: str, gold: str) -> float:
    p, g = pred.split(), gold.split()
    if _numbers(g) and _numbers(p) != _numbers(g) and not (_numbers(g) <= set(p)):
        return 0.0
    common = sum(min(p.count(t), g.count(t)) for t in set(p) & set(g))
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def _best_pairing(pred: list[str], gold: list[str]) -> float:
    if len(pred) > len(gold):
        pred, gold = gold, pred
    if len(gold) > 7:  # greedy for big bags (TAT-QA multi-span answers are small)
        total, free = 0.0, list(gold)
        for p in pred:
            best = max(free, key=lambda g: _item_f1(p, g))
            total += _item_f1(p, best)
            free.remove(best)
        return total
    return max(sum(_item_f1(p, g) for p, g in zip(pred, perm, strict=False))
               for perm in itertools.permutations(gold, len(pred)))


def score(pred: Any, pred_scale: str, gold: Any, gold_scale: str) -> tuple[float, float]:
    """(exact match, F1) for one question, each 0..1."""
    if (pred_scale or "") != (gold_scale or ""):
        return 0.0, 0.0
    p, g = _bag(pred), _bag(gold)
    if not p or not g:
        return float(p == g), float(p == g)
    em = float(sorted(p) == sorted(g))
    f1 = _best_pairing(p, g) / max(len(p), len(g))
    return em, round(f1, 4)
