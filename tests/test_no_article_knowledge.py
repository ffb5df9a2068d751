"""Knowledge of an article or a field is data (corpus/, vocabulary files), never code in qa/.

The engine's code is read with `ast`: every string literal (docstrings and comments are documentation,
not behaviour, so they are left out) and every identifier. No subject named in any figures table
(the built-in corpus and the evaluation's articles) may appear in them, and no word the field
vocabulary defines (its `field_terms` and subject aliases) may appear in a string
literal: the reader must find them in the vocabulary files.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
QA = REPO / "qa"
GENERAL = {"general.json", "places.json"}  # words of every field, not one field's
# Plain English words that a field file also lists as a subject's alias ("nationally" for the country-wide
# figures), or that a figures table uses as a subject ("Environment", a cause charities give to): other code may use
# them in their ordinary sense (the CLI's "environment variable"; a conversation's "history"; the "english" of a
# word list, where a table of exam results has the subjects History and English).
ORDINARY = {"national", "nationally", "nationwide", "research", "survey", "study", "environment", "history", "english", "total", "average"}


def _literals_and_names(path: Path) -> tuple[list[str], list[str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    literals = [n.value.lower() for n in ast.walk(tree)
                if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]
    names = [n.id.lower() for n in ast.walk(tree) if isinstance(n, ast.Name)]
    names += [n.attr.lower() for n in ast.walk(tree) if isinstance(n, ast.Attribute)]
    names += [n.name.lower() for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef)]
    return literals, names


CODE = {p.relative_to(REPO).as_posix(): _literals_and_names(p) for p in sorted(QA.rglob("*.py"))}


def _subjects() -> set[str]:
    tables = list((REPO / "corpus" / "figures").glob("*.csv")) + list((REPO / "eval" / "articles").glob("*/*/figures.csv"))
    out = set()
    for t in tables:
        with t.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                subject = row["subject"].strip().lower()
                if len(subject) >= 4 and subject not in ORDINARY:
                    out.add(subject)
    return out


def _field_words() -> set[str]:
    out: set[str] = set()
    for path in (REPO / "corpus" / "vocabulary").glob("*.json"):
        if path.name in GENERAL:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        out |= set(data.get("field_terms", []))
        out |= {a for aliases in data.get("subject_aliases", {}).values() for a in aliases if len(a) >= 4} - ORDINARY
        out |= {k for k in data.get("subject_aliases", {}) if len(k) >= 4}
    return out


def test_the_tables_and_the_vocabulary_are_not_empty():
    # So the checks below cannot pass by reading nothing.
    assert len(_subjects()) >= 20 and len(_field_words()) >= 40 and len(CODE) >= 30


@pytest.mark.parametrize("module", sorted(CODE))
def test_no_subject_of_any_figures_table_in_the_engine(module):
    literals, names = CODE[module]
    found = sorted(s for s in _subjects() for text in literals + names if re.search(r"\b" + re.escape(s) + r"\b", text))
    assert not found, f"{module} names {found}: a place, body or group belongs in the data"


@pytest.mark.parametrize("module", sorted(CODE))
def test_field_words_live_only_in_vocabulary_files(module):
    literals, _ = CODE[module]
    found = sorted({w for w in _field_words() for text in literals if re.search(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", text)})
    assert not found, f"{module} spells the field's words {found[:8]}: they belong in corpus/vocabulary/"
