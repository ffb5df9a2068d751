"""Question -> Plan: which operation, over which figures.

The question arrives cleaned (`qa.understand.clean`); follow-ups are resolved against the
history (`qa.understand.followup`), the question is read (`qa.understand.query`), figures are
scored (`qa.understand.score`) and a planner (`qa.understand.plans`) picks the operation and its
operands. Nothing here does arithmetic; that is the calculator's job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, replace

from qa.model.records import Figure, Op, Passage, Plan, Turn, Unit
from qa.retrieve.index import Index
from qa.text import lexicon
from qa.text.dateline import WHEN_ASKED as WHEN
from qa.text.dates import SINCE_ASKED, states_since, when_spans
from qa.text.definitions import WHAT_IS_NAMED, asking_verbs, asks_definition, says_what_named_is
from qa.text.leads import TABLE_ASKED, UNITS_ASKED, scale_note, table_lead
from qa.text.numbers import matches, numbers_in
from qa.text.people import (
    ASKING_PERSON,
    asks_for_person,
    asks_what_person_is,
    cached_mentions,
    named_in,
    posts_named,
    role_words,
)
from qa.text.reasons import CAUSE_ASKED, reason_follows
from qa.understand.candidates import (
    FEATURES,
    Candidate,
    abstain_below,
    clarify_rule,
    explanation,
    featurize,
    label,
    passage_below,
    plan_candidates,
    rank,
    refused_lookup,
    tossup,
    unlike_operands,
)
from qa.understand.followup import (
    answered_figures,
    resolve_follow_up,
    said_last,
    series_at,
    settled_change,
    shared_out,
    summed_by_value,
)
from qa.understand.given import given_figures
from qa.understand.link import (
    CorpusTerms,
    measure_pattern,
    measure_stem_pattern,
    name_words,
    period_years,
    terms_of,
)
from qa.understand.meaning import Closeness, closeness
from qa.understand.on_that import share_of_that, then_and_now
from qa.understand.plans import (
    PLANNERS,
    Context,
    abstain,
    by_number,
    finish,
    is_change,
    plan_peak,
    stated_peak,
    without_names,
)
from qa.understand.query import MONEY_WORDS, Reading, read_question, stated_before, summed_before
from qa.understand.score import score_figures
from qa.understand.series import plan_series
from qa.understand.stating import inputs, rule, worth_stating
from qa.understand.verdict import change_asked, read_check, sized_comparison

# Who / when / why are asked of a passage; any other "what" question whose passage states a figure asks for it.
WHO = re.compile(r"^\s*(who|whose|whom)\b|\b(which|what)\s+(charity|organi[sz]ation|person|group|body|official|"
                 r"campaign|helpline|council|company|firm|agency|department|party|name)\b|\bname of\b", re.I)
WHY = re.compile(r"^\s*(why|how(?!\s+(many|much|long|often|big|large|high|low)))\b|\bwhy\b|\breasons?\b|\bdescribe\b|"
                 + CAUSE_ASKED,
                 re.I)
WHERE = re.compile(r"^\s*where\b", re.I)  # "Where can the discussion of operating income be found?"
ASKS_WHY = re.compile(r"\bwhy\b|\breasons?\b|" + CAUSE_ASKED, re.I)
# "When was the last time X was the biggest?": the date of an event the article names, not the peak of a series
LAST_TIME = re.compile(r"\b(?:the|its|their) (?:last|first|previous) time\b", re.I)
# "What does X consist of?", "What do the fees comprise?", "What does X refer to?": what X is made of or means, in
# words, even when the sentence that says so also states a figure
MAKEUP = re.compile(r"^\s*what (?:does|do|did)\b.*\b(?:consists?|comprised?|composed|includes?|refers?|means?|"
                    r"represents?|stands?)\b(?:\s+(?:of|to|for))?\s*\??\s*$", re.I)

# Questions about a table itself, answered from the words around it: (question, the span finder, why not found)
TABLE_QUESTIONS = [(TABLE_ASKED, table_lead, "the article does not say what its table shows"),
                   (UNITS_ASKED, scale_note, "the article does not say what unit its table is in")]
# A table row says in words no more than its label: a sentence covering the question as well is the better answer
ROW_PENALTY = 0.25
NUMERIC_ASK = re.compile(r"\bhow (many|much|long|often)\b|\bwhat (share|proportion|percentage|number|per ?cent)|\bnumber of\b|%|\bper ?cent")


def understand(known: CorpusTerms, index: Index, text: str, turns: list[Turn], cautious: bool = True,
               unscoped: bool = False) -> Plan:
    """Read a cleaned question (and the cleaned turns before it) into a Plan: the best-ranked candidate.

    `cautious`: abstain when the best candidate scores under the fitted cut (a question); a claim being checked
    is read without the cut, since its verdict shows the figure it was checked against. `unscoped`: the question is
    read over several articles, none of which clearly leads, and the cut is higher (`UNSCOPED_CUT_SHIFT`). When the two
    best readings
    are about equally likely, both ride along as `alternatives` (the answer may ask which one is meant)."""
    decided, ranked, fallback = understand_candidates(known, index, text, turns)
    if decided is not None:
        if decided.operation is Op.top:  # "was Southshire the highest?": the named row against the one found highest
            check = read_check(decided.resolved_question.lower().replace("’", "'"), decided.subjects)
            decided.check = asdict(check) if check is not None and check.kind == "top" else None
        return decided
    best = ranked[0].plan if ranked else fallback()
    if ranked:
        cut = cut_for(ranked[0].plan, abstain_below(), unscoped, ranked[0].features, known)
        close = tossup(ranked, clarify_rule()) if cautious else []
        if cautious and unit_contradicted(best, ranked[0].features):
            # "how many school groups visited?" answered by a percentage change: the figure is of another kind than asked
            best = abstain(best.model_copy(deep=True), "the article gives no figure of the kind asked for (it gives "
                           "a figure in another unit)")
        elif cautious and cut is not None and best.operation is not Op.abstain and not ranked[0].settled \
                and not stating(ranked, cut, unscoped):
            # (a reading the conversation settles, "and the year before?" of the figure just stated, is stated: its
            # few words cover little, but the last answer's figure and the period asked pin it down)
            # no candidate is likely enough to be right: say so rather than state a doubtful number, unless a sentence
            # says nearly all the question says and states a figure (what a figure in prose counts is often said
            # around it, not in its label)
            best = stated_in_prose(known, index, text, turns) or abstain(
                best.model_copy(deep=True), "no figure in the article matches the question closely enough")
        best.ranking = explanation(ranked)
        best.alternatives = [c.plan.model_copy(update={"label": label(c.plan, known)}) for c in close]
    check = read_check(best.resolved_question.lower().replace("’", "'"), best.subjects)
    if check is not None:
        best.check = asdict(check)
    return best


def understand_candidates(known: CorpusTerms, index: Index, text: str, turns: list[Turn]
                          ) -> tuple[Plan | None, list[Candidate], Callable[[], Plan]]:
    """(a plan decided before ranking — an abstention, a date, a passage — or None; the ranked candidates;
    the plan to give when no candidate is left)."""
    doc_year = known.corpus.doc_year
    resolved = resolve_follow_up(known, text, turns, doc_year)
    r = read_question(known, resolved, doc_year)
    r.prior = stated_before(known, text, turns)
    r.answered = answered_figures(known, text, turns)
    r.said_last = said_last(known, turns)
    # "what's that per household?", "whats that as a % drop?": a calculation of what the last answer stated
    if shared := shared_out(known, text, turns):
        r.settled, r.settled_op = shared, Op.ratio
    elif changed := settled_change(known, text, turns, r.answered):
        r.settled_op, r.settled = changed
    if r.settled_op is not None:
        r.operation = r.settled_op
        r.answered = r.answered or [i for g in r.settled for i in g]
    if r.operation in (Op.share, Op.percentage_of):
        r.prior_total = summed_before(known, text, turns) or summed_by_value(known, text, turns)
    hits = index.search(r.text, k=24)
    ctx = Context(known=known, sims={h.key: h.score for h in hits if h.kind == "figure"}, doc_year=doc_year)
    passages = {(h.metadata["doc_id"], h.metadata["start"]): h.score for h in hits if h.kind == "passage"}
    if r.settled_op is None and (parts := share_of_that(known, text, turns, r, ctx.sims)):
        # "what % of the EU total is that?", "how much of that was Northshire, as a %?": a share of the figure just
        # stated and the one the follow-up's own words name
        r.settled, r.settled_op = parts, Op.percentage_of
    elif r.settled_op is None and (gap := then_and_now(known, text, turns)) is not None:
        # "how many seconds slower is that than the previous year?": what was just stated against its own series earlier
        r.settled_op, r.settled = gap
    asked = " ".join([text] + [t.question + " " + t.answer for t in turns])
    plan = Plan(operation=r.operation, resolved_question=resolved, asked=asked,
                nearby=[h.key for h in hits if h.kind == "figure"], subjects=r.subjects,
                periods=[str(y) for y in r.years] + ([f"{r.year_range[0]}/{r.year_range[1]}"] if r.year_range else []))

    if r.other_place and (not r.subjects or r.other_place_unmentioned):
        # (with a subject the documents name, a place they never mention is still not covered: "How many Acme stores
        # are in Chile?" of a report that gives Acme's stores and never writes Chile)
        return _decided(abstain(plan, f"the article has no figures for {r.other_place.title()}"))
    missing = uncovered(known, r)
    if missing:
        return _decided(abstain(plan, f"the article gives no figures on “{missing[0]}”"))

    about_table = next(((find, why) for ask, find, why in TABLE_QUESTIONS if ask.search(r.text)), None)
    if about_table is not None:  # "What does the table show?", "What unit is used in the table?": the report says
        find, why = about_table
        lead = next((p for p in known.corpus.passages if find(p.text) is not None), None)
        if lead is None:
            return _decided(abstain(plan, why))
        plan.operation, plan.passage = Op.text, lead
        return _decided(plan)
    said = None  # a when-question's figure whose sentence says when
    if r.is_when and r.quoted:  # "when did X reach 28.3%?": the sentence that states that figure
        said = next(iter(by_number(ctx, r) or only_figure_of(known, r.quoted)), None)
    if r.is_when and said is None and (said := stated_peak(ctx, r)) is not None:
        # "when did X peak?": the sentence stating the peak (or record), unless the peak is one of a series of
        # periods, whose labels say when better than a clause ("peaked when they recorded 240")
        series = plan_peak(ctx, plan.model_copy(deep=True), r)
        if series is not None and any(said.id in g for g in series.groups):
            return _decided(series)
    sentence = known.corpus.passage_at(said.doc_id, said.start) if said is not None else None
    if sentence is not None:
        plan.operation, plan.passage = Op.text, sentence
        return _decided(plan)
    best_score, best = score_figures(known, r, ctx.sims)[0]
    if (r.is_when and best.unit is Unit.date and best_score > 2.0 and r.operation in (Op.lookup, Op.share)
            and int(best.value) not in r.years):  # a year the question gives is not the answer to "since when?"
        plan.operation = Op.lookup
        plan.figure_ids = [best.id]
        plan.groups = [[best.id]]
        return _decided(plan)
    if r.is_when and (r.years and SINCE_ASKED.search(r.text) or LAST_TIME.search(r.text)):
        # "The 2022 toll was the highest since which year?", "When was the last time X led?": the year given is the
        # question's, or a "biggest" belongs to the event asked about; the answer is in words
        chosen = text_plan(known, plan.model_copy(deep=True), r, passages)
        if chosen.operation is Op.text:
            return _decided(chosen)
    listed = plan_series(ctx, plan.model_copy(deep=True), r)
    if listed is not None:  # every period of a series, or each year or item asked, listed
        return _decided(listed)
    peak = plan_peak(ctx, plan.model_copy(deep=True), r) if r.is_when else None
    if peak is not None:  # "which year did X peak?": the period of the series' highest figure
        return _decided(peak)
    if r.settled_op is None and (r.is_text or (r.is_when and not r.years) or not r.quantitative):
        chosen = text_plan(known, plan, r, passages)
        return _decided(figure_in_passage(known, chosen, r, ctx.sims) or unasked_passage(chosen, r))

    given = given_figures(known.corpus.figures, r)  # a hypothetical's own numbers (and years) need no figure
    claimed = [float(m.group(1)) for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b)", r.lowered)]
    if r.operation in (Op.lookup, Op.share) and not given and any(
            not any(matches(c, f.value) for f in known.corpus.figures) for c in claimed):
        return _decided(abstain(plan, "the article gives no figure of the size the question states"))
    if any(y not in known.years for y in r.years) and not given:
        return _decided(abstain(plan, "the article gives no figures for the year asked about"))
    if r.subjects and not set(r.subjects) & known.subject_names:
        return _decided(abstain(plan, "the article has no figure like that for the place named"))
    scored = score_figures(known, r, ctx.sims)
    link = {f.id: s for s, f in scored}
    parts = [c for s in r.subjects for c in known.subjects.components(s, r.lowered)]
    if parts:  # a joint subject's parts match as well as it does: "the two forces combined" sums their figures
        for s, f in score_figures(known, replace(r, subjects=parts), ctx.sims):
            link[f.id] = max(link.get(f.id, s), s)
    r.series_next = [f.id for f in series_at(known, text, turns, r)]
    if r.series_next and r.settled_op is None:
        # the last answer stated a figure of the article, so the question before was a lookup: asked again of another
        # period it still is, whatever the intent model makes of its words ("the average bill" is no average to take)
        r.operation = Op.lookup
    cands = plan_candidates(ctx, plan.model_copy(deep=True), r, given=given)
    if r.settled_op is not None and all(c.plan.operation is not r.settled_op or c.plan.groups != r.settled for c in cands):
        # the reading the conversation settles, however the question's words are read; a share of "that" stands for
        # every other reading of the share
        by_id = known.corpus.figures_by_id
        if r.settled_op is Op.percentage_of:
            cands = [c for c in cands if c.plan.operation not in (Op.percentage_of, Op.share)]
        asked = Op.share if r.settled_op is Op.percentage_of else r.settled_op
        cands.append(Candidate(plan=finish(plan.model_copy(deep=True), r.settled_op,
                                           [[by_id[i] for i in g] for g in r.settled]), asked=asked.value))
    if r.series_next and all(c.plan.groups != [[i]] or c.asked != Op.lookup.value for c in cands for i in r.series_next):
        # "and in 2023?": the series the last answer stated, at the period asked, is a reading however its words link
        sibling = known.corpus.figures_by_id[r.series_next[0]]
        cands.append(Candidate(plan=finish(plan.model_copy(deep=True), Op.lookup, [[sibling]]), asked=Op.lookup.value))
    unplaced: dict[str, float] = {}
    if r.subjects and any(c.plan.operation is Op.percentage_of for c in cands):
        # the whole of a share may be wider than the place named ("California's share of the national total"): its
        # figures are matched as they match the question without the place
        unplaced = {f.id: sc for sc, f in score_figures(known, replace(r, subjects=[]), ctx.sims)}
    near = closeness(index, r.text)
    ranked = rank([featurize_and(c, r, known, whole_link(c, link, unplaced) if c.plan.operation is Op.percentage_of
                                 and r.subjects else link, ctx.sims, near) for c in cands])

    def fallback() -> Plan:
        result = PLANNERS.get(r.operation, PLANNERS[Op.lookup])(ctx, plan, r)
        refused = refused_lookup(result, r, known)
        if refused:
            return abstain(result, refused)
        if unlike_operands(result, known):  # the planner's own pair, when no candidate was left: judged alike
            return abstain(result, "the figures found are not amounts of one kind to take apart or add up")
        if result.operation is Op.abstain and not NUMERIC_ASK.search(r.lowered):
            text_result = unasked_passage(text_plan(known, plan.model_copy(), r, passages), r)
            if text_result.operation is Op.text:
                return text_result
        return result

    return None, ranked, fallback


# A yes/no check answered from a figure that is not the one asked about is still right about half the time, where a
# figure stated as the answer is simply wrong: a verdict is worth giving at lower confidence than a figure (with a wrong
# answer costing 1.5 right ones, and the ranker's scores read as log-odds, a figure needs odds of about 0.6, a verdict
# about 0.2). A quarter of that step, as a verdict from a wrong figure is not independent of it: on articles-dev it gave
# three more right verdicts and no wrong one (twice the step gave eight more right and three wrong).
VERDICT_CUT_SHIFT = -0.5
# "Did Fenby Rovers average more than 6,000?", "Is Northline below 50% on time?", "Did skim milk powder prices go up?": a level
# or a change the article states for the very thing the question names, of the period asked, decides the check by
# itself; what holds its score down is only how far the question's words are from its label. Such a figure is stated
# at a lower cut still. On articles-dev: seven more right verdicts (six levels or stated changes), none wrong.
NAMED_LOOKUP_CUT_SHIFT = -1.25
NAMED_LINK = 0.55  # the figure's label linked to the question's words at least this well (the ranker's link feature)


# "Which leaked more in 2023-24, Severn Trent or United Utilities?": one figure of each of the two things named, of one
# measure and the period asked, compared in words of size (not of quality, whose sense depends on the measure: a
# "faster" response is fewer minutes), levels for levels and changes for changes. The higher figure answers it, and
# what holds its score down is only how far the question's words are from the labels, as for a named figure
# (NAMED_LOOKUP_CUT_SHIFT). It is stated at a lower cut.
COMPARED_CUT_SHIFT = -0.75


# A question no article clearly leads for is read over all of them: a figure that fits it about as well as one found in
# the article it is about is as likely another article's, on another measure (the passengers of a rail report for an
# airline's, another council's spending). Its best candidate must score higher to be stated.
UNSCOPED_CUT_SHIFT = 0.25


def cut_for(top: Plan, cut: float | None, unscoped: bool = False,
            features: dict[str, float] | None = None, known: CorpusTerms | None = None) -> float | None:
    """The score under which the best candidate is not stated: lower for a yes/no check's verdict (lower still for one
    figure of the thing the question names), higher for a figure found over several articles none of which leads."""
    if cut is None or top.operation is Op.abstain:
        return cut
    checked = read_check(top.resolved_question.lower().replace("’", "'"), top.subjects) is not None
    if not checked and features is not None and named_comparison(top, features, known):
        return cut + COMPARED_CUT_SHIFT
    if checked and features is not None and named_figure(top, features):
        return cut + NAMED_LOOKUP_CUT_SHIFT
    if checked:
        return cut + VERDICT_CUT_SHIFT
    return cut + UNSCOPED_CUT_SHIFT if unscoped else cut


def stating(ranked: list[Candidate], cut: float, unscoped: bool) -> bool:
    """Whether the best candidate (no abstention) is stated: by the fitted rule (`qa.understand.stating`) when there is
    one, which reads how far it leads the others and which of its features carry its score, else when it scores over
    the cut."""
    fitted = rule()
    base = abstain_below()
    if fitted is None or base is None:
        return ranked[0].score >= cut
    top = ranked[0]
    if top.features.get("meaning") and fitted.get("when_meaning"):
        # the question's closeness in meaning was read (a semantic embedding): the rule fitted reading it
        fitted = fitted["when_meaning"]
    checked = read_check(top.plan.resolved_question.lower().replace("’", "'"), top.plan.subjects) is not None
    flags = {"_checked": float(checked), "_named": float(checked and named_figure(top.plan, top.features)),
             "_lookup": float(top.plan.operation is Op.lookup), "_unscoped": float(unscoped)}
    x = inputs([c.score for c in ranked], [bool(c.features.get("abstain")) for c in ranked], top.features,
               top.score - (cut - base), flags, len(top.plan.figure_ids), FEATURES)
    return worth_stating(x, fitted)


def unit_contradicted(top: Plan, features: dict[str, float]) -> bool:
    """One figure looked up whose unit is not the one the question asks for ("how many" answered by a percentage, "what
    share" by a count): whatever else it fits, it is not what was asked."""
    return (top.operation is Op.lookup and len(top.figure_ids) == 1 and features.get("unit_fit", 0.0) < 0
            and read_check(top.resolved_question.lower().replace("’", "'"), top.subjects) is None)


def named_comparison(top: Plan, features: dict[str, float], known: CorpusTerms | None) -> bool:
    """Two named things compared, one figure each, of one measure and the period asked, in words of size; changes when
    the question asks how they changed, levels when it asks how large they are."""
    if top.operation is not Op.comparison or len(top.groups) != 2 or any(len(g) != 1 for g in top.groups) \
            or known is None:
        return False
    if features.get("places", 0.0) < 1.0 or features.get("same_measure", 0.0) < 1.0 or features.get("years", 0.0) < 1.0 \
            or features.get("years_extra", 0.0) or features.get("mixed_periods", 0.0):
        return False
    figures = [known.corpus.figures_by_id.get(g[0]) for g in top.groups]
    named = {f.subject for f in figures if f is not None and f.subject in top.subjects}
    if len(named) != 2:  # each figure of another of the things named ("the UK" and "United Kingdom" name one)
        return False
    asked = without_names(top.resolved_question.lower().replace("’", "'"), top.subjects)
    return sized_comparison(asked) and change_asked(asked) == all(is_change(f) for f in figures if f is not None)


def named_figure(top: Plan, features: dict[str, float]) -> bool:
    """One figure looked up, of every thing the question names and of the period it asks, its label well linked to the
    question's words."""
    return (top.operation is Op.lookup and len(top.groups) == 1 and len(top.groups[0]) == 1 and bool(top.subjects)
            and features.get("places", 0.0) >= 1.0 and features.get("years", 0.0) >= 1.0
            and not features.get("years_extra", 0.0) and features.get("link", 0.0) >= NAMED_LINK)


# A sentence this close to the question (its share of the question's words, weighted by rarity) states what it asks
PROSE_COVER = 0.8


def stated_in_prose(known: CorpusTerms, index: Index, text: str, turns: list[Turn]) -> Plan | None:
    """A figure asked of the sentence that says nearly everything the question says ("As of December 31, 2019, total
    compensation cost not yet recognized was $0.8 million" for "What is the total compensation cost not yet recognized
    as of December 31, 2019?"): that sentence's best-matching figure, looked up; None when no sentence covers the
    question that well or the one that does states no figure."""
    doc_year = known.corpus.doc_year
    r = read_question(known, resolve_follow_up(known, text, turns, doc_year), doc_year)
    if r.is_when or r.is_yes_no or r.operation is not Op.lookup:
        return None
    hits = index.search(r.text, k=24)
    sims = {h.key: h.score for h in hits if h.kind == "figure"}
    passages = {(h.metadata["doc_id"], h.metadata["start"]): h.score for h in hits if h.kind == "passage"}
    plan = Plan(operation=Op.lookup, resolved_question=r.text, asked=" ".join([text] + [t.question + " " + t.answer
                                                                                       for t in turns]))
    chosen = text_plan(known, plan, r, passages, min_cover=PROSE_COVER)
    if chosen.operation is not Op.text or chosen.passage is None or "|" in chosen.passage.text:
        return None
    said = numbers_in(chosen.passage.text)
    if any(not any(matches(n, v) for v in said) for n in numbers_in(r.lowered) if not (1950 <= n <= 2049)):
        return None  # "the five forces with incomplete data": a number the question gives that the sentence does not
    looked_up = figure_in_passage(known, chosen, r, sims)
    if looked_up is None or looked_up.operation is not Op.lookup:
        return None
    figure = known.corpus.figures_by_id[looked_up.figure_ids[0]]
    if r.subjects and figure.subject not in r.subjects or r.other_place:
        return None  # the sentence's figure is for another place than the one asked
    if r.wants_unit is not None and figure.unit is not r.wants_unit and not (
            r.wants_unit is Unit.percent and figure.unit is Unit.percentage_points):
        return None  # "how many visited?" is not answered by the sentence's percentage change
    span = period_years(figure.period)
    if r.years and span is not None and not any(span[0] <= y <= span[1] for y in r.years):
        return None  # the sentence's figure is for another year than the one asked
    return looked_up


def figure_in_passage(known: CorpusTerms, plan: Plan, r: Reading, sims: dict[str, float]) -> Plan | None:
    """A "what is ..." question whose best passage states a figure is asking for that figure: look it up
    (with its number, unit and working) rather than quote the sentence. Who, when and why keep the passage."""
    p = plan.passage
    if plan.operation is not Op.text or p is None or WHO.search(r.text) or WHEN.search(r.text) or WHY.search(r.text) \
            or MAKEUP.search(r.text) or asks_definition(r.text) or WHAT_IS_NAMED.search(r.text):
        return None
    inside = {f.id for f in known.corpus.figures if f.doc_id == p.doc_id and p.start <= f.start and f.end <= p.end
              and f.unit is not Unit.date}
    if not inside:
        return None
    best = next((f for _, f in score_figures(known, r, sims) if f.id in inside), None)
    if best is None:
        return None
    if r.subjects and best.subject not in r.subjects and not known.subjects.related(best.subject, r.subjects) \
            and not any(measured_as(s, best) for s in r.subjects):
        # the sentence's figure is another place's than the one asked ("the national median" for "Westland's median")
        low = r.text.lower()
        named = min(r.subjects, key=lambda n: (low.find(n.lower()) % (len(low) + 1), n))  # the first one asked
        return abstain(plan.model_copy(deep=True), f"the article has no figure like that for {named}")
    out = plan.model_copy(deep=True)
    out.operation, out.figure_ids, out.groups, out.passage = Op.lookup, [best.id], [[best.id]], None
    return out


def measured_as(asked: str, figure: Figure) -> bool:
    """Is the thing asked what the figure measures? A report's table row is a line item ("Income from vessel
    operations"), and a sentence that states it again names it as its measure, with the company as its subject
    ("Income from vessel operations for Teekay LNG increased to $299.3 million"), or splits the item's name at its
    first comma ("Selling" and "general and administrative expense"): the same line, not another place."""
    words = name_words(asked)
    return len(words) >= 2 and words <= name_words(f"{figure.subject} {figure.measure}")


def unasked_passage(plan: Plan, r: Reading, cut: float | None = None) -> Plan:
    """A sentence quoted for a question that asks for a figure is no answer: "What was four-hour performance in
    Northmoor?" answered by "waiting times for scans", "whats the margin at X?" by what X makes. When the
    intent model gives the question under `cut` (fitted; `passage_below`) of asking for words, a passage found for
    it is not quoted: the article does not say. A when-question is answered by the date its sentence gives, and a
    question whose form asks for words (`asks_in_words`) by its passage."""
    cut = passage_below() if cut is None else cut
    if plan.operation is not Op.text or plan.passage is None or cut is None or r.is_when or asks_in_words(r.text):
        return plan
    if dict(r.intents).get("text", 0.0) >= cut:
        return plan
    plan.passage = None
    return abstain(plan, "no sentence of the article states what the question asks")


def asks_in_words(text: str) -> bool:
    """Does the question's form ask for words, whatever the intent model reads: what a named thing is ("What is Harrow
    Farms?"), what a term means or X consists of, why, where (a place or a part of the report), or who someone is."""
    return bool(WHAT_IS_NAMED.search(text) or asks_definition(text) or MAKEUP.search(text) or WHY.search(text)
                or WHERE.search(text) or asks_for_person(text))


def only_figure_of(known: CorpusTerms, quoted: list[float]) -> list[Figure]:
    """The one figure that states a number the question quotes, when no other figure does and the number is not a
    small whole one ("$3.40", "41.7%", "1,250" are told apart by their digits; "3" is not): [] otherwise."""
    out = []
    for n in quoted:
        same = [f for f in known.corpus.figures if f.value == n and f.unit is not Unit.date]
        if len(same) == 1 and (n != int(n) or n >= 100):
            out.append(same[0])
    return out


def _decided(plan: Plan) -> tuple[Plan, list[Candidate], Callable[[], Plan]]:
    return plan, [], lambda: plan



def whole_link(c: Candidate, link: dict[str, float], unplaced: dict[str, float]) -> dict[str, float]:
    """The figure scores for a share: its whole's figures scored as the better of with and without the place asked."""
    if len(c.plan.groups) < 2:
        return link
    out = dict(link)
    for f_id in c.plan.groups[-1]:
        out[f_id] = max(link.get(f_id, 0.0), unplaced.get(f_id, 0.0))
    return out


def featurize_and(c: Candidate, r: Reading, known: CorpusTerms, link: dict[str, float],
                  sims: dict[str, float] | None = None, near: Closeness | None = None) -> Candidate:
    featurize(c, r, known, link, sims=sims, near=near)
    return c


def uncovered(known: CorpusTerms, r: Reading) -> list[str]:
    """Measures the question names (from the vocabulary's `measures`) that no document in the corpus mentions.

    A question about convictions or costs of an article that never mentions them is not answerable by any of
    its figures: abstain rather than answer a nearby figure. An article that does mention them is asked. A measure
    that is the name of a unit ("money"), or a word asking for an amount of it ("cost"), is covered by any figure in
    that unit, though no text says the word.
    """
    units = {f.unit.value for f in known.corpus.figures}
    out = []
    for m in lexicon.vocabulary().measures:
        pattern = measure_pattern(m)
        found = pattern.search(r.lowered)
        # (the article may write the measure's word in another form than the question: "charged" and "a charge")
        if found and m not in units and not (m in MONEY_WORDS and "money" in units) \
                and not known.mentions(measure_stem_pattern(m)):
            out.append(found.group(0))
    return out


def _owner(name: str) -> str:
    """A subject's name without a possessive: "Acme's" in a sentence is the subject Acme."""
    return re.sub(r"['’]s$", "", name)


def doc_terms_of(known: CorpusTerms, doc_id: str) -> frozenset[str]:
    """Every term of a document's passages and title."""
    doc = known.corpus.docs_by_id.get(doc_id)
    texts = [p.text for p in known.corpus.passages_by_doc.get(doc_id, [])] + ([doc.title] if doc is not None else [])
    return frozenset().union(*[terms_of(t) for t in texts]) if texts else frozenset()


def text_plan(known: CorpusTerms, plan: Plan, r: Reading, sims: dict[tuple[str, int], float],
              min_cover: float = 0.55) -> Plan:
    """Who/what/why questions: the passage that best covers the question's words, quoted whole.

    Coverage weighs each word by how rare it is across passages (a name counts for more
    than "police"); words from the two sentences before count half, for "she said" chains.
    """
    idf = known.idf
    q = set(r.words) - lexicon.canon_set(frozenset({"name", "role", "job", "reason", "happen", "mean", "describe", "article",
                                                    "say", "key"}) | asking_verbs(r.text))
    if r.is_when:  # "what time period ...?": words that ask when, which the passage answers with a date
        q -= lexicon.canon_set(frozenset({"time", "period"}))
    person = asks_for_person(r.text) or asks_what_person_is(r.text)
    person_only = False
    if person:  # "who's the boss of Acme?": the post's words need not be in the sentence, which names Acme and a person
        roles = role_words()
        posts = [m.group(0).lower() for m in roles.finditer(r.text)] if roles is not None else []
        asking = {w for w in re.findall(r"[a-z]+", r.text.lower()) if w in ASKING_PERSON}
        q -= lexicon.canon_set(frozenset(posts) | ASKING_PERSON)
        # a post or "quoted" in the question: only a sentence that introduces someone answers it
        person_only = bool(posts or asking)
    seen = {t for t in q if t in idf}
    unseen = len(q - seen)
    asked_posts = posts_named(r.text) if person_only else set()
    # ("who is K&T's CFO?" in one article asks for a post's holder there, whatever else it names; over several, the
    # organisation must be one the articles name)
    if not seen and not (asked_posts and len(known.corpus.documents) == 1):
        return abstain(plan, "the article does not say")
    mass = sum(idf[t] for t in seen) + 0.5 * unseen * (sum(idf.values()) / max(1, len(idf))) or 1.0
    table = known.subjects
    best: tuple[float, Passage] | None = None
    hit_docs = {doc for doc, _ in sims}
    # "What is Acme?": only a sentence saying "Acme is a ..." answers it (any naming Acme when none does)
    when_asked, since_asked = bool(WHEN.search(r.text)), bool(SINCE_ASKED.search(r.text))
    # (not "who is Acme's CFO?", which asks for a post's holder)
    doc_terms: dict[str, frozenset[str]] = {}  # each document's terms, read once, for sentences naming a post's holder
    says_what = not asked_posts and any(says_what_named_is(r.text, p.text) for p in known.corpus.passages)
    for i, p in enumerate(known.corpus.passages):
        if says_what and not says_what_named_is(r.text, p.text):
            continue
        if hit_docs and len(known.corpus.documents) > 3 and p.doc_id not in hit_docs and not person:
            continue  # with many articles, read only those the index found (a person is named in few sentences)
        pt = terms_of(p.text)
        context = [x.text for x in known.corpus.passages[max(0, i - 2): i] if x.doc_id == p.doc_id]
        ct = frozenset().union(*[terms_of(c) for c in context]) if context else frozenset()
        got = sum(idf[t] for t in seen & pt) + 0.5 * sum(idf[t] for t in (seen - pt) & ct)
        cover = got / mass
        described = [m for m in cached_mentions(p.text) if m.described] if person else []
        by_post = False
        if person_only and not described:
            continue
        if described and named_in(r.text, p.text, described):
            cover += 1.0  # "Who is Ann Lee?": the sentence that introduces her, whatever else the question says
        elif by_post := bool(asked_posts and any(posts_named(p.text[m.start:m.end]) & asked_posts for m in described)):
            # "who is Acme's CFO?": a sentence introducing someone in that post ("Finance director Ann Lee said ..."),
            # the rest of the question's words (the organisation) anywhere in its document
            if p.doc_id not in doc_terms:
                doc_terms[p.doc_id] = doc_terms_of(known, p.doc_id)
            cover = 1.0 + sum(idf[t] for t in seen & doc_terms[p.doc_id]) / mass
        if cover < min_cover:
            continue
        if when_asked and not when_spans(p.text):
            continue  # "when ...?" is answered by a sentence that states a date, never by one that states none
        if since_asked and not states_since(p.text):
            continue  # "the highest since when?": by a sentence that puts a date after "since"
        if r.subjects:
            # (a post's holder is named in the article about the organisation: anywhere in it)
            around = [x.text for x in known.corpus.passages_by_doc.get(p.doc_id, [])] if by_post else context + [p.text]
            mentioned = {_owner(s) for s in table.find(" ".join(around).lower())}
            if not mentioned & {_owner(s) for s in r.subjects}:
                continue
        score = cover + sims.get((p.doc_id, p.start), 0.2) - (ROW_PENALTY if "|" in p.text else 0.0) \
            + (1.0 if described else 0.0)  # a person asked for: a sentence introducing someone over one naming no one
        if best is None or score > best[0]:
            best = (score, p)
    if best is None:
        return abstain(plan, "the article does not say when" if when_asked else "the article does not say")
    plan.operation = Op.text
    plan.passage = best[1]
    if ASKS_WHY.search(r.text):  # "Sales rose 8%. The increase was due to ...": the reason is in the next sentence
        ps = known.corpus.passages_by_doc.get(best[1].doc_id, [])
        at = next((i for i, p in enumerate(ps) if p.start == best[1].start), None)
        after = ps[at + 1] if at is not None and at + 1 < len(ps) else None
        if after is not None and after.paragraph == best[1].paragraph and reason_follows(best[1].text, after.text):
            plan.passage = after
    return plan
