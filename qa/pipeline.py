"""ask(): the one place that routes a question through the stages.

    clean -> route (claim | question | llm) -> candidates (a Plan) -> compute -> compose -> warnings

Only this module sees the Engine; each stage gets the typed data it works on (the corpus, the
reader's vocabularies, the index, the audit report, a Plan).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from qa.check import claims
from qa.check.expectations import ClaimKind, is_claim, read_claim
from qa.check.report import AuditReport, findings_for, warning_text
from qa.compose.answer import abstention, clarifying, compose, name_documents
from qa.compose.grounding import figure_labels, strict_ungrounded
from qa.compose.verdict import decide, named_row_plan, rows_note, with_verdict
from qa.corpus.store import UnknownDocument
from qa.engine import Engine, get_engine
from qa.model.records import CLARIFY_OPENING, Answer, Op, Plan, Turn
from qa.retrieve.memo import one_question
from qa.retrieve.scope import choose_document, tied_documents, unlikely_documents
from qa.text import lexicon
from qa.text.people import asks_for_person
from qa.understand.clean import SURROGATE, clean_history, clean_question
from qa.understand.followup import picked_option, restates_last_answer
from qa.understand.plans import abstain
from qa.understand.reader import understand
from qa.understand.verdict import Check, asks_verdict

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

History = Sequence[Turn | dict[str, Any] | str] | None


def ask(question: Any, history: History = None, llm: str | None = None, *, engine: Engine | None = None,
        chat_model: BaseChatModel | None = None, timeout_s: float | None = None,
        document: str | None = None, explain: bool = False) -> Answer:
    """Answer one question. `llm` names a chat model for this call ("" for none); None means `QA_LLM`.

    `engine` defaults to the process's engine; `chat_model` replaces the named model (tests pass
    scripted ones) and `timeout_s` the `QA_LLM_TIMEOUT_S` limit. `document` restricts the question
    to one document's figures and passages (an unknown id is refused); without it the document the
    question is about is chosen when one clearly leads (`qa.retrieve.scope`).
    """
    engine = engine or get_engine()
    check_document(engine, document)
    name = engine.settings.llm if llm is None else llm
    if not name:
        return answer(engine, question, history, document, explain)
    # The chat-model path is optional and pulls in langchain's chat stack: imported only when a model is chosen,
    # so an offline run never loads it.
    from qa.llm import loop, tools

    if chat_model is None:
        loop.parse_backend(name)  # fail fast on a bad name, before any work
    deterministic = answer(engine, question, history)  # also validates the input
    settings = engine.settings
    text = clean_question(question, settings.max_question_chars)
    turns = clean_history(history, settings.max_history_turns, settings.max_question_chars)
    data = tools.ToolData(corpus=engine.corpus, index=engine.index, report=engine.audit)
    return loop.ask_with_llm(data, settings, text, turns, deterministic, name, chat_model, timeout_s)


def answer(engine: Engine, question: Any, history: History = None, document: str | None = None,
           explain: bool = False) -> Answer:
    """The deterministic answer: a claim is checked against the audit; a question is planned, computed and composed."""
    with one_question():  # what the stages work out more than once for this question, worked out once
        return _answer(engine, question, history, document, explain)


def _answer(engine: Engine, question: Any, history: History, document: str | None, explain: bool) -> Answer:
    lexicon.use(engine.vocabulary_dir)  # this engine's field words (several engines may share a process)
    if isinstance(question, str) and is_claim(question):
        checked = _check_claim(engine, clean_question(question, engine.settings.max_question_chars), history)
        return _guard(engine, checked, question, history, None)
    plan = _plan(engine, question, history, document)
    plan = _not_restated(engine, plan, history)
    asked_back = clarifying(engine.corpus, plan) if plan.alternatives else None
    out = asked_back or compose(engine.corpus, plan)
    if plan.check is not None and asked_back is None and not out.abstained and (
            row_plan := named_row_plan(Check(**plan.check), plan, out, engine.corpus)) is not None:
        plan, out = row_plan, compose(engine.corpus, row_plan)  # the named row's own change, the others in the note
    if plan.check is not None and asked_back is None:  # a yes/no question: the verdict first
        verdict = decide(Check(**plan.check), plan, out, plan.resolved_question, engine.corpus)
        if verdict is not None:
            out = with_verdict(out, verdict, rows_note(Check(**plan.check), out, engine.corpus, plan))
        elif not out.abstained:  # a figure that cannot say yes or no does not answer a yes/no question
            out = abstention(engine.corpus, plan.model_copy(update={
                "abstain_reason": "the figures found do not settle the question either way"}))
    elif asked_back is None and not out.abstained and out.operation != Op.comparison.value \
            and asks_verdict(plan.resolved_question.lower()):
        # a yes/no question whose check could not be read ("did Westland overtake Eastland?"): a figure, a sentence or
        # a calculation given alone says neither yes nor no, and would read as an answer (a comparison names which)
        out = abstention(engine.corpus, plan.model_copy(update={
            "abstain_reason": "the figures found do not settle the question either way"}))
    name_documents(engine.corpus, plan, out)
    out = _guard(engine, out, plan.asked or str(question), history, plan)
    if explain:
        out.explanation = plan.ranking
    out.question = SURROGATE.sub("\ufffd", question) if isinstance(question, str) else str(question)
    if out.figures:
        for finding in findings_for(engine.audit, out.figures):
            text = warning_text(finding)
            if text not in out.warnings:
                out.warnings.append(text)
        for fid in out.figures:  # a name spelt with look-alike letters is not the name it looks like
            text = engine.lookalikes.get(fid)
            if text and text not in out.warnings:
                out.warnings.append(text)
    return out


def _not_restated(engine: Engine, plan: Plan, history: History) -> Plan:
    """A follow-up is not answered with the very figure the last answer gave: it asks something that answer did not
    say (the figure of another period, another measure), so finding only that one is finding nothing. A reply to a
    clarifying question is the exception."""
    turns = clean_history(history, engine.settings.max_history_turns, engine.settings.max_question_chars)
    if not turns or plan.operation is not Op.lookup or plan.check is not None or plan.alternatives:
        return plan
    if turns[-1].answer.startswith(CLARIFY_OPENING):
        return plan  # a reply picking one of the options the last answer listed is answered by that option's figure
    figures = [engine.corpus.figures_by_id[i] for i in plan.figure_ids if i in engine.corpus.figures_by_id]
    if not restates_last_answer(figures, turns[-1].answer):
        return plan
    return abstain(plan.model_copy(deep=True), "the only figure found is the one the last answer gave")


def _guard(engine: Engine, out: Answer, asked: str, history: History, plan: Plan | None) -> Answer:
    """No invented numbers: an answer stating a number that no quote, question, turn or working gives is held back
    (the evaluation's strict check, `qa.compose.grounding.strict_ungrounded`)."""
    turns = clean_history(history, engine.settings.max_history_turns, engine.settings.max_question_chars)
    labels = figure_labels(out, engine.corpus.figures_by_id)
    if not strict_ungrounded(out, asked, turns, labels):
        return out
    if out.abstained or plan is None:  # keep the first sentence, which names no figure
        first = out.answer.split(". ")[0].rstrip(".") + "."
        held = out.model_copy(update={"answer": first if not strict_ungrounded(
            out.model_copy(update={"answer": first}), asked, turns, labels) else "The article doesn't say.",
            "value": None if out.abstained else out.value})
        if not out.abstained:
            held = held.model_copy(update={"answer": "The article doesn't say.", "abstained": True, "value": None,
                                           "unit": None, "calculation": None})
        return held
    held = abstention(engine.corpus, plan.model_copy(update={
        "abstain_reason": "the answer found would state a number that no quote or working gives"}))
    held.warnings.append("An answer was held back: it stated a number that no quote or working gives.")
    if strict_ungrounded(held, asked, turns):
        held = held.model_copy(update={"answer": held.answer.split(". ")[0].rstrip(".") + "."})
    return held


def audit(engine: Engine | None = None) -> AuditReport:
    """The audit report of the articles' own arithmetic (`qa audit`, `GET /api/audit`)."""
    return (engine or get_engine()).audit


def check_document(engine: Engine, document: str | None) -> None:
    """Refuse a `document` the store does not hold, naming the ones it does."""
    if document is None:
        return
    if not isinstance(document, str) or document not in engine.corpus.docs_by_id:
        known = ", ".join(sorted(engine.corpus.docs_by_id)[:20])
        raise UnknownDocument(f"There is no document {document!r} in the store. Documents: {known}.")


def _plan(engine: Engine, question: Any, history: History, document: str | None = None, cautious: bool = True) -> Plan:
    limit = engine.settings.max_question_chars
    text = clean_question(question, limit)
    turns = clean_history(history, engine.settings.max_history_turns, limit)
    if cautious and turns and turns[-1].answer.startswith(CLARIFY_OPENING):
        picked = _picked(engine, text, turns, document)
        if picked is not None:
            return picked
    doc_id = document or _choose(engine, text, turns)
    if doc_id is None and cautious and len(engine.corpus.documents) > 1:
        tied = _tied(engine, text, turns)
        if tied is not None:
            return tied
    if len(engine.corpus.documents) <= 1:
        return understand(engine.terms, engine.index, text, turns, cautious)
    if doc_id is None:
        plan = understand(engine.terms, engine.index, text, turns, cautious, unscoped=True)
        return _within_likely(engine, text, turns, plan) if cautious else plan
    terms, index = engine.scope(doc_id)
    plan = understand(terms, index, text, turns, cautious)  # type: ignore[arg-type]  # ScopedIndex searches like an Index
    if plan.operation is Op.abstain and asks_for_person(text):
        # a person is named in few sentences, and the words of a post ("official", "quoted") can lead the choice of
        # document astray: the person's introduction is looked for in every document
        wider = understand(engine.terms, engine.index, text, turns, cautious)
        if wider.operation is Op.text:
            return wider
    return plan


def _within_likely(engine: Engine, text: str, turns: list[Turn], plan: Plan) -> Plan:
    """A question read over every document (none clearly leads) is not answered from a document it is far less likely
    to be about than another: that figure fits its words by chance."""
    if plan.operation is Op.abstain or not plan.figure_ids:
        return plan
    probe = " ".join([text] + [t.question for t in turns[-1:]] + [t.answer for t in turns[-1:]])
    far = unlikely_documents(engine.chooser, engine.index, probe)
    used = [engine.corpus.figures_by_id[i].doc_id for i in plan.figure_ids if i in engine.corpus.figures_by_id]
    outside = next((d for d in used if d in far), None)
    if outside is None:
        return plan
    title = engine.corpus.docs_by_id[outside].title
    return abstain(plan, f"no document clearly covers the question, and the figure that fits it best is from “{title}”, "
                         "which it seems not to be about; choose the document to ask about")


def _picked(engine: Engine, text: str, turns: list[Turn], document: str | None) -> Plan | None:
    """After a clarifying answer, a reply that picks one of its options ("2", "the first", or the option's words) is
    that reading of the question before it. The options are found again by planning that question again (the same
    store gives the same plan), so nothing is remembered between requests."""
    earlier = _plan(engine, turns[-1].question, turns[:-1], document)
    i = picked_option(text, [a.label for a in earlier.alternatives])
    if i is None:
        return None
    chosen = earlier.alternatives[i]
    return chosen.model_copy(update={"alternatives": [], "asked": f"{chosen.asked} {text}"})


def _tied(engine: Engine, text: str, turns: list[Turn]) -> Plan | None:
    """Two documents fit the question about equally and each answers it: plan it in both, to ask which is meant."""
    probe = " ".join([text] + [t.question for t in turns[-1:]])
    docs = tied_documents(engine.chooser, engine.index, probe)
    plans = []
    for doc_id in docs:
        terms, index = engine.scope(doc_id)
        plan = understand(terms, index, text, turns)  # type: ignore[arg-type]  # ScopedIndex searches like an Index
        if plan.operation in (Op.abstain, Op.text):
            return None
        title = " ".join(w for w in engine.corpus.docs_by_id[doc_id].title.split() if not any(ch.isdigit() for ch in w))
        plans.append(plan.model_copy(update={"label": f"in the article “{title}”", "alternatives": []}))  # no number a quote lacks
    if len(plans) < 2:
        return None
    return plans[0].model_copy(update={"alternatives": plans})


def _choose(engine: Engine, text: str, turns: list[Turn]) -> str | None:
    """The document the question (with the turn before it, for a follow-up) is about, if one clearly leads."""
    if len(engine.corpus.documents) <= 1:
        return None
    probe = " ".join([text] + [t.question for t in turns[-1:]])
    if not turns:
        return choose_document(engine.chooser, engine.index, probe)
    # a follow-up is about the document the last answer came from: its answer names the measure and place the
    # question before may have left to the article ("what was the national total?" answered "204,900 housing starts")
    told = choose_document(engine.chooser, engine.index, probe + " " + turns[-1].answer)
    return told if told is not None else choose_document(engine.chooser, engine.index, probe)


def _check_claim(engine: Engine, text: str, history: History) -> Answer:
    claim = read_claim(text)
    figures, report = engine.corpus.figures, engine.audit
    doc_id = _choose(engine, claim.body, clean_history(history, engine.settings.max_history_turns,
                                                         engine.settings.max_question_chars))
    if doc_id is not None:  # the claim is checked against the document it is about, not a like figure of another
        figures = [f for f in figures if f.doc_id == doc_id]
    if claim.kind is ClaimKind.is_right:
        return claims.is_it_right(figures, report, claim)
    if claim.kind is ClaimKind.adds_up:
        return claims.adds_up(report, claim, _figures_asked_before(engine, history))
    if claim.expectation is None:
        return claims.unquantified(claim)
    return claims.judge(figures, report, claim, _plan(engine, claim.body, history, cautious=False))


def _figures_asked_before(engine: Engine, history: History) -> set[str]:
    """The figures the last question was about ("Does this add up?" follows the conversation)."""
    if not history:
        return set()
    last = history[-1]
    prior = last if isinstance(last, str) else (last.question if isinstance(last, Turn) else str(last.get("question", "")))
    try:
        return set(_plan(engine, prior, None).figure_ids)
    except Exception:  # an unreadable earlier turn: fall back to the whole article
        return set()
