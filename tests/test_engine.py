"""The engine as a user meets it: bad input, the index following the corpus, persistence, the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import qa
from qa.engine import Engine, reset_engine
from qa.model.errors import BadHistory, BadQuestion, EmptyQuestion, QAError, QuestionTooLong
from qa.model.settings import REPO_ROOT, Settings
from qa.retrieve.index import items_of

BAD_QUESTIONS = [
    ("", EmptyQuestion),
    ("   \n\t ", EmptyQuestion),
    ("???!!!", EmptyQuestion),
    (None, EmptyQuestion),
    ("x" * 2001, QuestionTooLong),
    (42, BadQuestion),
    (["how many"], BadQuestion),
    (b"\xff\xfe", BadQuestion),
]


@pytest.mark.parametrize("question,error", BAD_QUESTIONS, ids=[repr(q)[:20] for q, _ in BAD_QUESTIONS])
def test_bad_questions_raise_clear_errors(question, error):
    with pytest.raises(error) as exc:
        qa.ask(question)
    assert isinstance(exc.value, QAError)
    assert len(str(exc.value)) > 20  # a sentence a person can act on


@pytest.mark.parametrize("history", ["just a string", {"question": "x"}, [{"question": 5}], [object()], [{"question": "q"}] * 21])
def test_bad_history_is_refused(history):
    with pytest.raises(BadHistory):
        qa.ask("And in 2020?", history=history)


def test_question_at_the_limit_is_answered():
    q = "How many offences did Staffordshire record in 2020? " + "x" * (2000 - 52)
    assert len(q) == 2000
    assert qa.ask(q).answer


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script> How many offences did Staffordshire record in 2020?",
    "How many offences did Staffordshire record in 2020?\x00\x1b[31m",
    "'; DROP TABLE figures; -- how many cases in Staffordshire?",
    "{{7*7}} ${7*7} __import__('os').system('ls') how many offences in 2021 in Staffordshire",
])
def test_hostile_text_is_only_text(hostile):
    a = qa.ask(hostile)
    assert "<script>" not in a.answer and "\x00" not in a.answer
    assert "49" not in a.answer  # nothing was evaluated


def _copy_corpus(tmp_path: Path) -> Path:
    dst = tmp_path / "corpus"
    shutil.copytree(REPO_ROOT / "corpus", dst)
    return dst


def test_index_follows_the_corpus_and_embeds_only_what_changed(tmp_path, monkeypatch):
    corpus = _copy_corpus(tmp_path)
    monkeypatch.setenv("QA_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))
    reset_engine()
    first = Engine(Settings())
    assert first.index.is_built()
    before = first.index.count()
    assert Engine(Settings()).ensure_index() is False  # unchanged corpus: nothing to do
    text = corpus / "documents" / "iia-police-2022-06-06.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n\nA sentence added later about nothing in particular.", encoding="utf-8")
    second = Engine(Settings())
    assert second.corpus_hash != first.corpus_hash
    assert second.index.count() == before + 1 == len({it.text for it in items_of(second.passages, second.figures)})
    assert second.index.is_built() and second.index.embedded == 1  # the new sentence only
    text.write_text(text.read_text(encoding="utf-8").rsplit("\n\n", 1)[0], encoding="utf-8")
    third = Engine(Settings())
    assert third.index.count() == before and third.index.is_built()  # the removed sentence's vector is gone
    assert third.index.embedded == 0


def test_rebuild_on_request(tmp_path, monkeypatch):
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))
    engine = Engine(Settings())
    n = engine.index.count()
    assert engine.ensure_index(rebuild=True) is True
    assert engine.index.count() == n


def _cli(*args: str, env_data: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "QA_DATA_DIR": str(env_data)}
    return subprocess.run([sys.executable, "-m", "qa.cli", *args], capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=120)


def test_cli_ask_json_and_persistence_across_processes(tmp_path):
    data = tmp_path / "data"
    r = _cli("index", env_data=data)
    assert r.returncode == 0, r.stderr
    assert "built" in r.stdout
    r = _cli("ask", "--json", "How many revenge porn offences did West Midlands Police record in 2021?", env_data=data)
    assert r.returncode == 0, r.stderr
    answer = json.loads(r.stdout)
    assert answer["value"] == 710
    assert any("710" in c["quote"] for c in answer["citations"])
    r = _cli("index", env_data=data)  # a second process finds the index already built
    assert "already up to date" in r.stdout


def test_cli_readable_answer_shows_quotes_and_working(tmp_path):
    r = _cli("ask", "By what percentage did offences rise in Staffordshire between 2020 and 2021?", env_data=tmp_path / "d")
    assert r.returncode == 0, r.stderr
    assert "18.8%" in r.stdout
    assert "Working: (183 − 154) / 154 × 100 = 18.8%" in r.stdout
    assert "“up from 154 in 2020”" in r.stdout


def test_cli_abstains_without_numbers(tmp_path):
    r = _cli("ask", "How many cases did Greater Manchester Police record?", env_data=tmp_path / "d")
    assert r.returncode == 0
    assert "doesn't say" in r.stdout
    assert not any(ch.isdigit() for ch in r.stdout)


def test_cli_bad_input_exits_nonzero_with_one_line(tmp_path):
    r = _cli("ask", "", env_data=tmp_path / "d")
    assert r.returncode == 2
    assert r.stderr.startswith("error: The question is empty")
    assert "Traceback" not in r.stderr


def test_cli_help_lists_commands():
    r = subprocess.run([sys.executable, "-m", "qa.cli", "--help"], capture_output=True, text=True, cwd=REPO_ROOT)
    for cmd in ("ask", "chat", "index", "figures", "serve", "eval", "audit", "ingest"):
        assert cmd in r.stdout


def test_cli_chat_follow_up(tmp_path):
    import os

    env = {**os.environ, "QA_DATA_DIR": str(tmp_path / "d")}
    r = subprocess.run(
        [sys.executable, "-m", "qa.cli", "chat"], input=
        "How many revenge porn offences did West Midlands Police record in 2021?\nAnd in 2020?\n\n",
        capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert "710" in r.stdout and "318" in r.stdout


def test_bad_setting_fails_fast(monkeypatch):
    from qa.model.errors import BadSetting
    from qa.model.settings import get_settings

    monkeypatch.setenv("QA_MAX_QUESTION_CHARS", "lots")
    get_settings.cache_clear()
    with pytest.raises(BadSetting, match="QA_MAX_QUESTION_CHARS"):
        get_settings()
