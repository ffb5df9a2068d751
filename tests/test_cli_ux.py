"""The `qa` command as a person meets it: a tidy figures table, warnings said once, no index where none is needed."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

from qa.model.records import Answer, Figure, Qualifier, Unit

cli = importlib.import_module("qa.cli.main")  # qa.cli's `main` function shadows the module's name


def fig(value, unit=Unit.count, period="2021", qualifier=Qualifier.exact, subject="West Midlands Police"):
    return Figure(id="f", doc_id="d", subject=subject, measure="revenge porn offences recorded", period=period,
                  value=value, unit=unit, qualifier=qualifier, quote=str(value), start=0, end=1)


@pytest.mark.parametrize(("figure", "shown", "not_shown"), [
    (fig(2575.0), "2,575", "2575.0"),
    (fig(2015.0, Unit.date), "2015", "2015.0"),
    (fig(47.3, Unit.percent, qualifier=Qualifier.at_least), "at least 47.3%", "47.30"),
    (fig(710.0, period="2015-04/2021-12"), "Apr 2015–Dec 2021", "2015-04"),
])
def test_figures_table_formats_values_and_dates_for_people(figure, shown, not_shown):
    text = cli.figures_table([figure])
    assert shown in text and not_shown not in text


def test_figures_table_fits_100_columns_even_with_long_words():
    long = fig(1.0, subject="The Metropolitan Police Service and the British Transport Police together " * 2)
    text = cli.figures_table([fig(2575.0), long], width=100)
    assert max(len(line) for line in text.splitlines()) <= 100


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_figures_csv_and_json_write_whole_numbers_without_a_decimal(fmt, capsys):
    assert cli.main(["figures", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "2575.0" not in out and "2575" in out
    if fmt == "json":
        assert any(row["value"] == 2575 and isinstance(row["value"], int) for row in json.loads(out))


@pytest.mark.parametrize("warning", ["Warning: the article's 38.8% does not add up.", "the article's 38.8% does not add up."])
def test_a_warning_is_labelled_once(warning, capsys):
    cli._print_answer(Answer(answer="38.8%", warnings=[warning]))
    out = capsys.readouterr().out
    assert out.count("Warning:") == 1 and "The article's 38.8% does not add up." in out


@pytest.mark.parametrize("command", [["audit"], ["figures"]])
def test_audit_and_figures_need_no_vector_store(command, session_data_dir):
    code = ("import sys; from qa.cli.main import main; main(sys.argv[1:]); "
            "bad = [m for m in ('chromadb', 'onnxruntime', 'langchain_chroma') if m in sys.modules]; "
            "print('LOADED', bad, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "QA_DATA_DIR": str(session_data_dir)})
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stderr


def test_first_ask_says_it_builds_the_index(tmp_path):
    env = {**__import__("os").environ, "QA_DATA_DIR": str(tmp_path / "fresh")}
    done = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "How many offences did West Midlands Police record in 2021?"],
                          capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    assert "building the index (first run)..." in done.stderr
    assert "710" in done.stdout
    again = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "And in 2020?", "--history", "How many offences did West Midlands Police record in 2021?"],
                           capture_output=True, text=True, timeout=300, env=env)
    assert "building the index" not in again.stderr and "318" in again.stdout
