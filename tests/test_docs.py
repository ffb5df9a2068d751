"""The README keeps up with the code: every setting and every Answer field is documented."""

from __future__ import annotations

import pytest

from qa.model.records import Answer
from qa.model.settings import REPO_ROOT, Settings

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented(name):
    assert f"`QA_{name.upper()}`" in README


@pytest.mark.parametrize("name", sorted(Answer.model_fields))
def test_every_answer_field_is_documented(name):
    assert f"`{name}`" in README


def test_readme_gives_the_two_commands_ci_runs():
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(line for line in README.splitlines() if line.startswith("python3 -m venv") and "pytest" in line)
    assert test_command.replace("pip install --no-deps", "pip install -q --no-deps") in ci
