"""Generated input through qa.ask and the calculator: only the documented errors, never a crash.

Over 10,000 generated questions in all (unicode, control characters, huge numbers, nested
quotes, HTML, the article's own words shuffled, odd histories and non-text). Most run on the
hash embedding so each answer takes a few milliseconds: what is fuzzed here is reading the
question, planning, calculating and composing, which do not depend on the embedding. One
smaller run goes through the real MiniLM model and its tokenizer, which see the raw text.

Every answer must keep the product's promise: each number it states comes from a cited
quote, the question, the history or the shown calculation.
"""

from __future__ import annotations

import math
from functools import partial

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qa
from qa.compose.grounding import ungrounded_numbers
from qa.compute import calculator as calc
from qa.engine import Engine
from qa.model.errors import CalculationError, QAError
from qa.model.records import Answer, Turn, Unit
from qa.model.settings import Settings
from qa.pipeline import ask

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], print_blob=True)


def fuzz(examples: int) -> settings:
    return settings(FUZZ, max_examples=examples)

ARTICLE_WORDS = [
    "how many", "what percentage", "what share", "by how much", "how many times", "did", "rise", "fall",
    "offences", "cases", "dropped", "recorded", "crimes", "revenge porn", "West Midlands", "Staffordshire",
    "the 38 forces", "England and Wales", "nationally", "both forces", "in 2020", "in 2021", "between",
    "and", "than", "more", "fewer", "not", "suspect", "without", "per cent", "%", "last year", "the year before",
    "combined", "average", "difference", "percentage points", "Refuge", "helpline", "prison", "when", "who", "?",
    "And in 2019?", "what about", "those", "that", "it", "twice", "half", "0", "710", "318", "1e9", "-5", "99.99%",
]

huge_numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.integers(min_value=0, max_value=10**30).map(lambda n: f"{n:,}"),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["1e308", "1e-308", "1e400", "NaN", "inf", "-0", "0.0000001", "9" * 200, "1,0,0,0", "½", "٣", "Ⅻ"]),
)
numbers_in_questions = st.builds(
    lambda a, n, b: f"{a} {n} {b}",
    st.sampled_from(["How many offences were recorded in", "What percentage of", "By how much did offences rise from",
                     "Is it true that", "Did West Midlands record", "What share of"]),
    huge_numbers,
    st.sampled_from(["?", "cases in 2021?", "% of cases were dropped?", "offences than Staffordshire?", "times more?"]),
)
control_text = st.text(st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn"]), max_size=60).map(
    lambda junk: f"How many{junk} offences did West Midlands record in 2021?{junk}"
)
nested_quotes = st.recursive(
    st.sampled_from(["offences", "West Midlands", "2021", "dropped", ""]),
    lambda inner: st.tuples(st.sampled_from(['"', "'", "“", "‘", "«", "`", '\\"']), inner).map(lambda t: f"{t[0]}{t[1]}{t[0]}")
    | st.lists(inner, min_size=2, max_size=3).map(" ".join),
    max_leaves=12,
).map(lambda q: f"What did {q} say about {q}?")
html = st.builds(
    lambda tag, inner, attr: f"<{tag} {attr}>{inner}</{tag}> How many offences?",
    st.sampled_from(["script", "img", "b", "a", "iframe", "svg", "style", "p"]),
    st.sampled_from(["alert(1)", "West Midlands 2021", "&lt;&amp;&#x27;", "</script><script>x()</script>", "<!--", "]]>"]),
    st.sampled_from(["src=x onerror=alert(1)", "href='javascript:alert(1)'", "", "style='x:expression(1)'"]),
)
shuffled_article = st.lists(st.sampled_from(ARTICLE_WORDS), min_size=1, max_size=14).map(" ".join)
any_text = st.text(max_size=300)
question_text = st.one_of(any_text, numbers_in_questions, control_text, nested_quotes, html, shuffled_article)

odd_histories = st.one_of(
    st.none(),
    st.lists(shuffled_article, max_size=4),
    st.lists(st.builds(lambda q, a: {"question": q, "answer": a}, question_text, question_text), max_size=3),
    st.lists(st.one_of(st.integers(), st.none(), st.dictionaries(st.text(max_size=5), st.text(max_size=5))), max_size=3),
    st.lists(shuffled_article, min_size=21, max_size=25),  # over max_history_turns
)
not_text = st.one_of(st.integers(), st.floats(), st.none(), st.booleans(), st.lists(st.text(max_size=5), max_size=3),
                     st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))


@pytest.fixture(scope="module")
def hash_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return Engine(Settings(data_dir=tmp_path_factory.mktemp("fuzz-data"), embedding="hash", chroma_url=None))


def history_turns(history: object) -> list[Turn]:
    if not isinstance(history, list):
        return []
    turns = []
    for h in history:
        if isinstance(h, str):
            turns.append(Turn(question=h))
        elif isinstance(h, dict) and isinstance(h.get("question"), str) and isinstance(h.get("answer", ""), str):
            turns.append(Turn(question=h["question"], answer=h.get("answer", "")))
    return turns


def check(ask, question: object, history: object = None) -> Answer | None:
    """Ask; a QAError with a message is fine, anything else is a crash. An answer must be grounded."""
    try:
        answer = ask(question, history)
    except QAError as exc:
        assert str(exc).strip(), f"{type(exc).__name__} without a message"
        return None
    assert isinstance(answer, Answer)
    assert answer.answer.strip()
    if answer.abstained:
        assert answer.value is None, answer
    if answer.value is not None:
        assert math.isfinite(answer.value), answer
    q = question if isinstance(question, str) else ""
    assert ungrounded_numbers(answer, q, history_turns(history)) == [], (question, history, answer.answer)
    return answer


# 10,500 generated questions through the answering pipeline, in all
@pytest.mark.slow
@fuzz(4_000)
@given(question=question_text)
def test_generated_questions(hash_engine, question):
    check(partial(ask, engine=hash_engine), question)


@pytest.mark.slow
@fuzz(3_000)
@given(question=shuffled_article, history=odd_histories)
def test_generated_follow_ups(hash_engine, question, history):
    check(partial(ask, engine=hash_engine), question, history)


@fuzz(1_500)
@given(question=st.one_of(numbers_in_questions, control_text, html))
def test_hostile_questions(hash_engine, question):
    check(partial(ask, engine=hash_engine), question)


@fuzz(1_000)
@given(question=not_text, history=st.one_of(st.none(), not_text))
def test_questions_that_are_not_text(hash_engine, question, history):
    with pytest.raises(QAError):
        ask(question, history, engine=hash_engine)


@pytest.mark.slow
@fuzz(1_000)
@given(question=question_text)
def test_generated_questions_through_the_real_model(question):
    """The MiniLM tokenizer and ONNX model see the raw text: they must not crash on it either."""
    check(qa.ask, question)


@pytest.mark.parametrize("question", ["\ud800 offences", "West Midlands \udfff in 2021?", "\ud83d"])
def test_lone_surrogates_are_a_clear_error(question):
    """JSON may carry "\\ud800": Python decodes it to a string the tokenizer cannot encode."""
    check(qa.ask, question)


# the calculator on its own, as plain Python and as the engine uses it
UNITS = list(Unit)
values = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([0, 0.0, -0.0, 1e15, -1e15, 1e15 + 1, 5e-324, 100, 100.0000001]),
)
quantities = st.builds(lambda v, u, ref: (v, u, ref), values, st.sampled_from(UNITS), st.text(max_size=8))


def make(spec: tuple[object, Unit, str]) -> calc.Quantity:
    return calc.Quantity(*spec)  # type: ignore[arg-type]


@fuzz(3_000)
@given(op=st.one_of(st.sampled_from(sorted(calc.OPERATIONS)), st.text(max_size=12)),
       specs=st.lists(quantities, max_size=5))
def test_calculator_only_refuses_with_calculation_errors(op, specs):
    try:
        result = calc.calculate(op, *[make(s) for s in specs])
    except CalculationError as exc:
        assert str(exc).strip()
        return
    assert math.isfinite(result.result) and abs(result.result) <= 1e15
    assert "=" in result.expression
    assert result.unit in UNITS


@fuzz(500)
@given(value=st.one_of(st.text(max_size=5), st.none(), st.booleans(), st.lists(st.integers(), max_size=2)),
       unit=st.sampled_from(UNITS))
def test_calculator_refuses_values_that_are_not_numbers(value, unit):
    with pytest.raises(CalculationError):
        calc.Quantity(value, unit)  # type: ignore[arg-type]
