"""Question -> Plan: which operation, over which figures.

Data flows one way: the question is cleaned, follow-ups are resolved against the history,
the question is read (qa.reading), and a planner (qa.plans) picks the operation and its
operands. Nothing here does arithmetic; that is the calculator's job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from qa.errors import BadHistory, BadQuestion, EmptyQuestion, QuestionTooLong
from qa.numbers import matches
from qa.plans import PLANNERS, Context, abstain
from qa.query import (
    BINARY,
    CONTROL,
    FOLLOW_UP,
    LAST_YEAR,
    PRONOUN,
    RELATIVE_PREV,
    YEAR,
    Reading,
    all_years,
    engine_subjects,
    measure_vocab,
    passage_idf,
    read_question,
    terms_of,
)
from qa.records import Passage, Plan, Turn, Unit

if TYPE_CHECKING:
    from qa.engine import Engine


SURROGATE = re.compile(r"[\ud800-\udfff]")  # lone surrogates cannot be encoded; keep the rest of the text


def clean_question(question: Any, limit: int) -> str:
    if question is None:
        raise EmptyQuestion()
    if isinstance(question, bytes):
        try:
            question = question.decode("utf-8")
        except UnicodeDecodeError:
            raise BadQuestion("it is not UTF-8 text") from None
    if not isinstance(question, str):
        raise BadQuestion(f"expected text, got {type(question).__name__}")
    if len(question) > limit:
        raise QuestionTooLong(len(question), limit)
    text = CONTROL.sub(" ", SURROGATE.sub("\ufffd", question)).replace("\u00a0", " ")
    text = " ".join(text.split())
    if not text or not re.search(r"[A-Za-z0-9]", text):
        raise EmptyQuestion()
    return text


def clean_history(history: Sequence[Turn | dict[str, Any] | str] | None, max_turns: int, limit: int) -> list[Turn]:
    if history is None:
        return []
    if isinstance(history, (str, bytes, dict)) or not isinstance(history, Sequence):
        raise BadHistory("expected a list of earlier turns")
    if len(history) > max_turns:
        raise BadHistory(f"{len(history)} turns is more than the limit of {max_turns}; send only the recent ones")
    turns = []
    for i, t in enumerate(history):
        if isinstance(t, Turn):
            turn = t
        elif isinstance(t, str):
            turn = Turn(question=t)
        elif isinstance(t, dict) and isinstance(t.get("question", ""), str) and isinstance(t.get("answer", ""), str):
            turn = Turn(question=t.get("question", ""), answer=t.get("answer", "") or "")
        else:
            raise BadHistory(f"turn {i + 1} must be text or {{question, answer}}")
        if len(turn.question) > limit or len(turn.answer) > 20 * limit:
            raise BadHistory(f"turn {i + 1} is too long")
        turn = Turn(question=SURROGATE.sub("\ufffd", turn.question), answer=SURROGATE.sub("\ufffd", turn.answer))
        turns.append(turn)
    return turns


def resolve_follow_up(engine: Engine, text: str, history: list[Turn], doc_year: int) -> str:
    """Rewrite a follow-up ("And in 2020?", "What about Staffordshire?") as a whole question.

    Lookups take the last question and swap in the new place or year. A follow-up that asks
    for a new operation ("by what percentage did that rise?") keeps its own words and
    carries the last question after a dash, so both sets of operands are visible.
    """
    if not history:
        return text
    prev = history[-1].question
    if len(history) > 1:
        prev = resolve_follow_up(engine, prev, history[:-1], doc_year)
    low = text.lower()
    r_new = read_question(engine, text, doc_year)
    looks_elliptical = bool(FOLLOW_UP.match(low)) or len(text.split()) <= 5 or bool(PRONOUN.search(low))
    has_own_measure = bool(set(r_new.terms) & measure_vocab(engine))
    if not looks_elliptical:
        return text
    if has_own_measure and r_new.operation == "lookup":
        # "And what's the maximum sentence for it?": a new measure, keeping only the place and year
        context = read_question(engine, prev, doc_year)
        extra = [s for s in context.subjects if s not in r_new.subjects] if not r_new.subjects else []
        years = [str(y) for y in context.years] if not r_new.years else []
        return text if not (extra or years) else text.rstrip("?. ") + " (" + ", ".join(extra + years) + ")?"
    if r_new.operation in BINARY:
        out = text.rstrip("?. ") + " — " + prev
        if not r_new.subjects and re.search(r"\b(them|both|the two|these two|those two)\b", low) and len(history) > 1:
            before = history[-2].question
            if len(history) > 2:
                before = resolve_follow_up(engine, before, history[:-2], doc_year)
            out += " — " + before
        return out
    out = _substitute(engine, prev, r_new, low, doc_year)
    if r_new.operation != "lookup":
        return text.rstrip("?. ") + " — " + out
    return out


def _substitute(engine: Engine, prev: str, r_new: Reading, low: str, doc_year: int) -> str:
    out = prev
    if r_new.subjects:
        old = read_question(engine, prev, doc_year).subjects
        replaced = False
        for alias, subj in engine_subjects(engine).aliases:
            if subj in old and re.search(r"(?<![a-z])" + re.escape(alias) + r"(?![a-z])", out.lower()):
                i = out.lower().index(alias)
                out = out[:i] + r_new.subjects[0] + out[i + len(alias):]
                replaced = True
                break
        if not replaced:
            out = out.rstrip("?. ") + f" for {r_new.subjects[0]}?"
    new_years = [int(y) for y in YEAR.findall(low)]
    if RELATIVE_PREV.search(low):
        base = read_question(engine, prev, doc_year).years
        if base:
            new_years = [base[-1] - 1]
    if LAST_YEAR.search(low):
        new_years = [doc_year - 1]
    if new_years:
        out = LAST_YEAR.sub(str(doc_year - 1), out)
        old_years = YEAR.findall(out)
        if old_years and len(new_years) == 1:
            if len(set(old_years)) == 1:
                out = YEAR.sub(str(new_years[0]), out)
            else:
                out = out.replace(old_years[-1], str(new_years[0]))
        else:
            out = out.rstrip("?. ") + " in " + " and ".join(str(y) for y in new_years) + "?"
    return out


def _known(engine: Engine) -> dict[str, set[Any]]:
    """Years and subjects the figures cover, computed once per engine."""
    k = getattr(engine, "_known", None)
    if k is None:
        k = {"years": {y for f in engine.figures for y in all_years(f)}, "subjects": {f.subject for f in engine.figures}}
        engine._known = k  # type: ignore[attr-defined]
    return k


NUMERIC_ASK = re.compile(r"\bhow (many|much|long|often)\b|\bwhat (share|proportion|percentage|number|per ?cent)|\bnumber of\b|%|\bper ?cent")


def understand(engine: Engine, question: Any, history: Sequence[Turn | dict[str, Any] | str] | None = None) -> Plan:
    """Read a question (and its history) into a Plan. Raises a QAError on bad input."""
    limit = engine.settings.max_question_chars
    text = clean_question(question, limit)
    turns = clean_history(history, engine.settings.max_history_turns, limit)
    doc_year = max((d.published.year for d in engine.documents), default=2022)
    resolved = resolve_follow_up(engine, text, turns, doc_year)
    r = read_question(engine, resolved, doc_year)
    hits = engine.index.search(r.text, k=24)
    ctx = Context(engine=engine, sims={h.key: h.score for h in hits if h.kind == "figure"}, doc_year=doc_year)
    passages = {(h.metadata["doc_id"], h.metadata["start"]): h.score for h in hits if h.kind == "passage"}
    asked = " ".join([text] + [t.question + " " + t.answer for t in turns])
    plan = Plan(operation=r.operation, resolved_question=resolved, asked=asked,
                nearby=[h.key for h in hits if h.kind == "figure"], subjects=r.subjects,
                periods=[str(y) for y in r.years] + ([f"{r.year_range[0]}/{r.year_range[1]}"] if r.year_range else []))

    if r.other_place and not r.subjects:
        return abstain(plan, f"the article has no figures for {r.other_place.title()}")
    if r.unsupported:
        return abstain(plan, f"the article gives no figures on “{r.unsupported}”")

    from qa.query import score_figures

    best_score, best = score_figures(engine, r, ctx.sims)[0]
    if r.is_when and best.unit is Unit.date and best_score > 2.0 and r.operation in ("lookup", "share"):
        plan.operation = "lookup"
        plan.figure_ids = [best.id]
        plan.groups = [[best.id]]
        return plan
    if r.is_text or (r.is_when and not r.years) or not r.quantitative:
        return text_plan(engine, plan, r, passages)

    claimed = [float(m.group(1)) for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b)", r.lowered)]
    if r.operation in ("lookup", "share") and any(not any(matches(c, f.value) for f in engine.figures) for c in claimed):
        return abstain(plan, "the article gives no figure of the size the question states")
    known = _known(engine)
    if any(y not in known["years"] for y in r.years):
        return abstain(plan, "the article gives no figures for the year asked about")
    if r.subjects and not set(r.subjects) & known["subjects"]:
        return abstain(plan, "the article has no figure like that for the place named")
    result = PLANNERS.get(r.operation, PLANNERS["lookup"])(ctx, plan, r)
    if result.operation == "abstain" and not NUMERIC_ASK.search(r.lowered):
        text_result = text_plan(engine, plan.model_copy(), r, passages)
        if text_result.operation == "text":
            return text_result
    return result

def text_plan(engine: Engine, plan: Plan, r: Reading, sims: dict[tuple[str, int], float]) -> Plan:
    """Who/what/why questions: the passage that best covers the question's words, quoted whole.

    Coverage weighs each word by how rare it is across passages (a name counts for more
    than "police"); words from the two sentences before count half, for "she said" chains.
    """
    idf = passage_idf(engine)
    q = set(r.words) - {"name", "role", "job", "reason", "happen", "mean", "describe", "article", "say", "key"}
    seen = {t for t in q if t in idf}
    unseen = len(q - seen)
    if not seen:
        return abstain(plan, "the article does not say")
    mass = sum(idf[t] for t in seen) + 0.5 * unseen * (sum(idf.values()) / max(1, len(idf)))
    table = engine_subjects(engine)
    best: tuple[float, Passage] | None = None
    hit_docs = {doc for doc, _ in sims}
    for i, p in enumerate(engine.passages):
        if hit_docs and len(engine.documents) > 3 and p.doc_id not in hit_docs:
            continue  # with many articles, read only those the index found
        pt = terms_of(p.text)
        context = [x.text for x in engine.passages[max(0, i - 2): i] if x.doc_id == p.doc_id]
        ct = frozenset().union(*[terms_of(c) for c in context]) if context else frozenset()
        got = sum(idf[t] for t in seen & pt) + 0.5 * sum(idf[t] for t in (seen - pt) & ct)
        cover = got / mass
        if cover < 0.55:
            continue
        if r.subjects:
            mentioned = set(table.find(" ".join(context + [p.text]).lower()))
            if not mentioned & set(r.subjects):
                continue
        score = cover + sims.get((p.doc_id, p.start), 0.2)
        if best is None or score > best[0]:
            best = (score, p)
    if best is None:
        return abstain(plan, "the article does not say")
    plan.operation = "text"
    plan.passage = best[1]
    return plan
