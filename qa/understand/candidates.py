"""One ranked list of candidate readings: every operation the question may ask, planned, featured and scored once.

The intent model says which operations the question may ask for (`qa.understand.intent`). Each of
the likeliest, and a plain lookup, is planned over the figures (`qa.understand.plans`), and the text
answer is a candidate too. Every candidate gets the same named features:

    intent         log-probability the intent model gives the operation asked for
    op_kept        the planner gave the kind of answer asked (that operation, or the percentage the article states
                   for a share or a change), not a fallback
    link           how well its figures match the question (mean figure score, scaled)
    years          share of the question's years its figures' periods cover (1 when it names none)
    years_extra    its figures name years the question does not, when the question names some
    places         share of the question's places (subjects) its figures cover (1 when it names none)
    quoted         share of the numbers the question quotes that it uses
    unit_fit       its result is in the unit the question asks for (+1), another (-1), or not known (0)
    operands       how many operand groups it has
    text           it is a quoted passage (who, what, why)
    text_cover     for a passage, how much of the question it covers
    abstain        it is the abstention the asked operation's planner gave (the ranker's "none of these")
    top_link       the best figure score for the question, scaled (how well anything matches at all)
    min_link       the weakest of its figures' scores, scaled (one poor operand spoils a calculation)
    same_measure   its operand groups measure the same thing (two years or two places of one measure)
    mixed_periods  it mixes a figure for a span of years with a figure for a single year
    range_match    the question names a span of years ("between 2015 and 2021") and one of its figures covers
                   exactly that span
    cover          share of the question's measure words found in its figures' subject, measure and quote
    reading_op     it is the operation the reading settled on (the intent model's choice, a lookup when it is
                   unsure, the complement of a share asked in the negative)
    context_cover  share of the question's measure words found in its figures' labels or the sentences they are in
                   (what a figure counts is often said around it, not in its label)
    sim            the index's closeness in meaning of the question to its figures' own texts (among the nearest)
    sentence_sim   the closeness in meaning of the question to the sentences (or table rows) its figures are stated in
    sentence_lead  how much closer its figures' sentences are to the question than the closest sentence stating another
                   figure of their unit in their document (`qa.understand.meaning.lead`): the one figure of that kind
                   the question is about, asked in other words than the article's
    meaning        1 when the question's closeness in meaning was read (`qa.understand.meaning.closeness`: a semantic
                   embedding backend); its weight is where sentence_sim and sentence_lead count from. Under an embedding
                   that is not semantic (the hashed test one) all three keep the neutral 0: the score is the one of
                   the weights without them

The weights (`ranker.json` beside this module) are fitted by `python -m eval.fit_ranker` on the
dev sets: a logistic regression whose positive examples are the candidates that give the gold
answer. `qa ask --explain` prints the ranking.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from qa.model.records import Figure, Op, Plan, Unit
from qa.text import lexicon
from qa.text.dateline import shift
from qa.understand.given import given_figures, plan_given
from qa.understand.link import CorpusTerms, figure_terms, named_each, period_years, terms_of
from qa.understand.meaning import Closeness, lead, sentence_closeness
from qa.understand.plans import (
    PLANNERS,
    Context,
    interval_back,
    like_values,
    plan_peer_share,
    take_away,
    worked_rate,
)
from qa.understand.query import ASKING, MONEY_WORDS, PERIOD_WORDS, Reading
from qa.understand.score import PER_HEAD, PER_HEAD_FIGURE, month_fits, period_fits
from qa.understand.verdict import SINCE_THEN, THAN_THEN, deciding_ops

WEIGHTS = Path(__file__).resolve().parent / "ranker.json"
# The likelihood given to a calculation the conversation settles (of figures the last answer stated: an amount shared
# out over a count, "per ..."; a change between the two ends it gave): certain, not what the intent model reads
SETTLED = 1.0
FEATURES = ("intent", "op_kept", "link", "years", "years_extra", "places", "quoted", "unit_fit", "operands",
            "text", "text_cover", "abstain", "top_link", "min_link", "same_measure", "mixed_periods", "reading_op", "range_match", "cover",
            "context_cover", "sim", "sentence_sim", "sentence_lead", "meaning")
# Before any fitting: prefer what the intent model asks for, carried out over well-matching figures.
DEFAULT_WEIGHTS = {"intent": 1.0, "op_kept": 1.0, "link": 1.0, "years": 1.0, "years_extra": -1.0, "places": 1.0,
                   "quoted": 1.0, "unit_fit": 0.5, "operands": 0.0, "text": 0.0, "text_cover": 0.5, "abstain": -1.0,
                   "top_link": 0.0, "min_link": 0.0, "same_measure": 0.0, "mixed_periods": 0.0, "reading_op": 1.0,
                   "range_match": 0.0, "cover": 1.0, "context_cover": 0.0, "sim": 0.0, "sentence_sim": 0.0,
                   "sentence_lead": 0.0, "meaning": 0.0, "bias": 0.0}
CHANGE_OPS = {Op.pct_change, Op.change_comparison}  # a change "in" a year is measured from the year before
PERCENT_OPS = {Op.share, Op.percentage_of, Op.pct_change, Op.complement, Op.change_comparison}
DERIVED = {Op.complement.value: Op.share.value, Op.change_comparison.value: Op.comparison.value}  # read from these
@dataclass
class Candidate:
    plan: Plan
    asked: str  # the operation asked of the planner (its intent class)
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    # the conversation settles this reading (`settled_by_conversation`): it is stated without the cut
    settled: bool = False

    def summary(self) -> str:
        p = self.plan
        if p.operation is Op.text and p.passage is not None:
            return f"text: “{p.passage.text[:60]}…”"
        return f"{p.operation.value}({'; '.join(' + '.join(g) for g in p.groups)})"


def figures_of(plan: Plan, known: CorpusTerms) -> list[Figure]:
    """The figures a plan reads: the corpus's, and any number the question itself gives."""
    by_id = known.corpus.figures_by_id
    own = {f.id: f for f in plan.given}
    return [by_id[i] if i in by_id else own[i] for i in plan.figure_ids if i in by_id or i in own]


def money_canon() -> frozenset[str]:
    return _canon(MONEY_WORDS, id(lexicon.vocabulary()))


def asking_canon() -> frozenset[str]:
    return _canon(ASKING, id(lexicon.vocabulary()))


@lru_cache(maxsize=8)
def _canon(words: frozenset[str], _vocabulary: int) -> frozenset[str]:
    """The canonical terms of a word list, under the vocabulary in use (its synonyms change them)."""
    return frozenset(t for w in words for t in lexicon.canon_tokens(w))


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    if WEIGHTS.exists():
        return {**DEFAULT_WEIGHTS, **json.loads(WEIGHTS.read_text(encoding="utf-8"))["weights"]}
    return dict(DEFAULT_WEIGHTS)


def result_unit(plan: Plan, known: CorpusTerms) -> Unit | None:
    if plan.operation in PERCENT_OPS:
        return Unit.percent
    if plan.operation is Op.pp_difference:
        return Unit.percentage_points
    if plan.operation is Op.ratio:
        figs = [known.corpus.figures_by_id[g[0]] for g in plan.groups[:2] if g and g[0] in known.corpus.figures_by_id]
        if len(figs) == 2 and figs[0].unit is Unit.money and figs[1].unit is Unit.count:
            return Unit.money  # money shared out over a count ("€538m to 582,000 households") is money each
        return Unit.ratio
    if plan.operation in (Op.text, Op.abstain, Op.comparison):
        return None
    figs = figures_of(plan, known)
    if plan.operation is Op.difference and figs and figs[0].unit is Unit.percent:
        return Unit.percentage_points
    return figs[0].unit if figs else None


def kept(c: Candidate, known: CorpusTerms) -> bool:
    """Did the planner give the kind of answer asked for? The same operation, or for a share or a percent change
    the percentage the article states (a lookup of a percent), or a share worked out from its parts."""
    op = c.plan.operation
    if op.value == c.asked:
        return True
    if c.plan.without and op is Op.lookup and c.asked in (Op.difference.value, Op.sum.value):
        return True  # what is left once places are taken away is a difference (or the total of the rest)
    if c.asked == Op.share.value and op in (Op.percentage_of, Op.complement):
        return True
    if c.asked == Op.average.value and op is Op.ratio:
        return True  # an average per thing counted ("passengers per flight") is an amount divided by a count
    if c.asked in (Op.share.value, Op.pct_change.value) and op is Op.lookup:
        figs = figures_of(c.plan, known)
        return bool(figs) and figs[0].unit is Unit.percent
    return False


def decides(c: Candidate, r: Reading, known: CorpusTerms) -> bool:
    """Can this candidate's result decide the question's yes/no check? Its own calculation can; a looked-up figure only
    when it is of the kind the check weighs (a stated change for a direction or a change, a percentage for a share)."""
    check = r.check
    if check is None:
        return False
    ops = deciding_ops(check)
    if c.asked == ops[0].value:
        return True
    if c.plan.operation not in ops[1:] or c.asked != c.plan.operation.value:
        return False
    if c.plan.operation is not Op.lookup:
        # a gap between two periods decides "higher than a year ago" or "than in 2019", not "than before <an event>":
        # which figures are of the time an event names is not read, and the earliest may not be it
        return not (THAN_THEN.search(r.lowered) or SINCE_THEN.search(r.lowered)) or bool(r.years or r.year_range) or (
            interval_back(r.lowered) is not None)
    figs = figures_of(c.plan, known)
    if len(figs) != 1:
        return False
    if check.kind in ("direction", "change_above"):
        return figs[0].unit in (Unit.percent, Unit.percentage_points) and "change" in figs[0].measure
    if check.kind == "share_above":
        return figs[0].unit is Unit.percent and "change" not in figs[0].measure
    if check.kind == "gap_above":  # a gap in points the article states
        return figs[0].unit is Unit.percentage_points
    return True


def settled_by_conversation(p: Plan, r: Reading) -> bool:
    """A reading the conversation settles, whatever the intent model makes of few words: "and in 2023?" of the series
    the last answer stated (the same lookup at another period or place, `series_at`); "what's that per household?" of
    an amount and a count the last answer stated, "whats that as a % drop?" of the two ends it gave."""
    if p.operation is r.settled_op and [list(g) for g in p.groups] == r.settled:
        return True
    return p.operation is Op.lookup and len(p.groups) == 1 and len(p.groups[0]) == 1 and p.groups[0][0] in r.series_next


def featurize(c: Candidate, r: Reading, known: CorpusTerms, link: dict[str, float], text_cover: float = 0.0,
              sims: dict[str, float] | None = None, near: Closeness | None = None) -> None:
    """The candidate's features and score. `sims`: the index's similarity of the question to each figure's sentence or
    row, by figure id: how close in meaning the figures are to what is asked, whatever words either uses."""
    p = c.plan
    probs = dict(r.intents)
    f: dict[str, float] = dict.fromkeys(FEATURES, 0.0)
    # the complement is read from a share asked in the negative: it carries the share's probability
    p_asked = probs.get(DERIVED.get(c.asked, c.asked), 0.0)
    if decides(c, r, known):
        # a yes/no check's form names the calculations that decide it: as likely as the question being a yes/no one
        p_asked = max(p_asked, probs.get("yes_no", 0.0))
    settled = p.operation is r.settled_op and [list(g) for g in p.groups] == r.settled
    c.settled = settled_by_conversation(p, r)
    if c.settled:
        p_asked = max(p_asked, SETTLED)
    f["intent"] = math.log(max(p_asked, 1e-4))
    f["op_kept"] = float(kept(c, known))
    if p.operation is Op.text:
        f["text"], f["text_cover"] = 1.0, text_cover
    f["top_link"] = max(link.values(), default=0.0) / 10
    if near is not None:
        f["meaning"] = 1.0  # the question's closeness in meaning was read: the sentence features count from here
    # a yes/no check settles on every calculation that decides it, not only its own
    f["reading_op"] = float(c.asked == r.operation.value or decides(c, r, known))
    if p.operation is Op.abstain:
        f["abstain"] = 1.0
        f["op_kept"] = 0.0
    figs = figures_of(p, known)
    if figs:
        implied = implied_end(p, figs, r, known)
        if implied is not None:  # the end the question leaves unnamed links as well as the end it names
            link = {**link, implied[0].id: link.get(implied[1].id, 0.0)}
        read = [x for x in figs if x.doc_id] or figs  # a number the question gives is not matched: it is given
        f["link"] = sum(link.get(x.id, 0.0) for x in read) / len(read) / 10
        years: set[int] = set()
        for x in figs:
            if implied is not None and x is implied[0]:
                continue  # of a period the question implies, not one it names
            span = period_years(x.period)
            if span:
                years |= {span[0], span[1]}
            if x.unit is Unit.date:
                years.add(int(x.value))
        asked_years = set(r.years) | (set(r.year_range) if r.year_range else set())
        if r.open_end and r.year_range and years and max(years) > r.year_range[1]:
            asked_years = set(r.years) | {r.year_range[0], max(years)}  # "since 2019": up to the latest, of any year
        if not asked_years and r.own_year is not None:  # "last year" of each figure's own document
            asked_years = {known.published_years[x.doc_id] + r.own_year for x in figs if x.doc_id in known.published_years}
        # a calculation asked of the figures the last answer stated ("whats that as a % increase?" after "97 cents, up
        # from 83 cents in 2023"): they are quoted by "that", and the periods the answer gave them are asked with them
        of_answer = len(figs) >= 2 and all(x.id in r.answered for x in figs)
        if of_answer and asked_years:
            asked_years |= years
        if asked_years:
            f["years"] = len(asked_years & years) / len(asked_years)
            allowed = set(asked_years)
            if (p.operation in CHANGE_OPS or p.since) and len(asked_years) == 1:
                allowed.add(min(asked_years) - 1)  # "did it rise in 2023?" is measured from 2022
            if r.year_range:  # "from 2017 to 2019" asks for 2018 too
                allowed |= set(range(r.year_range[0], max(asked_years) + 1))
            f["years_extra"] = float(bool(years - allowed))
        else:
            f["years"] = 1.0  # nothing asked, nothing missing
        months = r.months
        if months and (back := interval_back(r.lowered)) is not None:
            months = months + [shift(m, back) for m in months]  # "up from the month before": that month is asked too
        if months and not of_answer and any(month_fits(x.period, months) is False for x in figs
                                            if x.doc_id and (implied is None or x is not implied[0])):
            f["years_extra"] = 1.0  # "from April": a figure of another month is of a period not asked
        if r.subjects:
            have = {x.subject for x in figs}
            # a joint subject ("Northshire and Southshire Police") is covered by its parts as well as by itself
            covered = [s for s in set(r.subjects)
                       if s in have or ((parts := known.subjects.components(s, r.lowered)) and set(parts) <= have)
                       or any(known.subjects.related(h, [s]) or known.subjects.one_place(h, s) for h in have)]
            f["places"] = len(covered) / len(set(r.subjects))
        else:
            f["places"] = 1.0
        if r.quoted:
            f["quoted"] = sum(any(q == x.value for x in figs) for q in r.quoted) / len(r.quoted)
        elif of_answer:
            f["quoted"] = 1.0
        unit = result_unit(p, known)
        if r.wants_unit is not None and unit is not None:
            points_for_percent = r.wants_unit is Unit.percent and unit is Unit.percentage_points
            # "how many hours is that per volunteer?": a count shared out over a count is how many each
            each_for_count = settled and r.wants_unit is Unit.count and unit is Unit.ratio
            f["unit_fit"] = 1.0 if unit is r.wants_unit or points_for_percent or each_for_count else -1.0
        # a sum or an average of several figures has them as one group: its operands are its figures
        f["operands"] = float(len(figs) if p.operation in (Op.sum, Op.average) and len(p.groups) == 1 else len(p.groups))
        skip = asking_canon() | lexicon.canon_set(PERIOD_WORDS)
        asked_terms = {t for t in r.terms if t not in ASKING and t not in skip}
        if asked_terms:
            card = frozenset().union(*(figure_terms(x) | terms_of(x.subject) for x in figs))
            if figs and all(x.unit is Unit.money for x in figs):
                card |= money_canon()  # "how much did it cost?" of a price, a fare, a budget
            f["cover"] = len(asked_terms & card) / len(asked_terms)
            around = card | frozenset().union(*(sentence_terms(known, x) for x in figs))
            f["context_cover"] = len(asked_terms & around) / len(asked_terms)
        else:
            f["cover"] = f["context_cover"] = 1.0
        if r.year_range:
            f["range_match"] = float(len(figs) == 1 and period_years(figs[0].period) == tuple(r.year_range))
        f["min_link"] = min(link.get(x.id, 0.0) for x in figs if x.doc_id) / 10 if any(x.doc_id for x in figs) else 0.0
        # said in other words ("how much land went up in smoke" of acres burned): the figures' sentences or rows are
        # close in meaning to the question though few of its words are on their labels
        f["sim"] = sum((sims or {}).get(x.id, 0.0) for x in read) / len(read)
        if near is not None and any(x.doc_id for x in figs):
            # what the figures' own sentences say is close in meaning to the question, and closer than any sentence
            # stating another figure of their unit in their document ("how full were the flights?" of the one sentence
            # giving a load factor, not the one giving seats sold): the figure asked for in other words than its own
            mine = [x for x in figs if x.doc_id]
            f["sentence_sim"] = sum(sentence_closeness(near, known.corpus, x) for x in mine) / len(mine)
            f["sentence_lead"] = lead(near, known.corpus, mine)
        if len(p.groups) >= 2:
            by_id = {x.id: x for x in figs}
            measures = {by_id[g[0]].measure for g in p.groups if g and g[0] in by_id}
            f["same_measure"] = float(len(measures) == 1)
            spans = [period_years(x.period) for x in figs]
            kinds = {s[0] == s[1] for s in spans if s}
            f["mixed_periods"] = float(len(kinds) > 1 and not part_of_its_period(p, by_id) and not p.since)
            if p.since:  # growth rates worked out from counts beside one the article states: of one measure when the
                # stated one is the change in the counts' measure
                f["same_measure"] = float(len({re.sub(r"^percent change in ", "", by_id[g[0]].measure)
                                               for g in p.groups if g and g[0] in by_id}) == 1)
        if continues_answer(p, figs, r, known) and f["years"] == 1.0 and not f["years_extra"]:
            # "and the year before?" answered by the series the last answer stated, at the period asked: the same
            # measure as the figure that answer gave, and that answer's figure "quoted" by the follow-up
            f["same_measure"] = f["quoted"] = 1.0
    c.features = f
    w = weights()
    c.score = w["bias"] + sum(w.get(k, 0.0) * v for k, v in f.items())


GAP_OPS = (Op.difference, Op.pct_change)
# the question's own words compare with another time: "than last January", "compared w/ Q3 last year", "vs 2023",
# "below the 2018-19 level", "down on 2016/17" (not "did it rise in July?", which may ask a change within July)
AGAINST_THEN = re.compile(r"\b(?:than|compared\s+(?:to|with|w/)|vs\.?|versus|below|above|short of)\s|\bon\s+(?:last|a year|the (?:year|month|"
                          r"quarter|same)|(?:19|20)\d\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)")


def implied_end(p: Plan, figs: list[Figure], r: Reading, known: CorpusTerms) -> tuple[Figure, Figure] | None:
    """(the end the question leaves unnamed, the end it names) of a gap between two periods of one series, when the
    question compares with another time and names one period only: "than the year before", "than last January",
    "compared with Q3 last year", "than in the same quarter of 2022" name one end, and the other is the same span a
    year apart, or the latest of the series ("how far below the 2018-19 level": now). None when the plan is no such
    gap, the question names both ends or neither, or it is a yes/no check."""
    if p.operation not in GAP_OPS or len(p.groups) != 2 or any(len(g) != 1 for g in p.groups) or len(figs) != 2:
        return None
    own = r.lowered.split(" — ")[0]  # a follow-up's own words
    if r.check is not None or r.is_yes_no or not AGAINST_THEN.search(own):
        return None
    a, b = figs
    if not a.doc_id or a.period == b.period or a.unit is Unit.date \
            or (a.doc_id, a.subject, a.measure, a.unit) != (b.doc_id, b.subject, b.measure, b.unit):
        return None
    if r.year_range or len(set(r.years)) > 1 or len({m[:4] for m in r.months}) > 1 or not (r.years or r.months):
        return None
    fits = [period_fits(x, r) for x in figs]
    if fits.count(True) != 1:
        return None
    named, other = (a, b) if fits[0] else (b, a)
    earlier, later = sorted((named, other), key=lambda x: x.period)
    if shift(later.period, 12) == earlier.period or (other is later and other.id not in known.superseded):
        return other, named
    return None


def continues_answer(p: Plan, figs: list[Figure], r: Reading, known: CorpusTerms) -> bool:
    """A figure looked up for a follow-up naming a period ("and in 2023?", "what was it the year before?") that is
    another period's figure of a series the last answer stated (same document, subject, measure and unit)."""
    if p.operation is not Op.lookup or len(figs) != 1:
        return False
    x = figs[0]
    if r.series_next:  # the series' figure at the period asked, read from the last answer's first number
        return x.id in r.series_next
    if not (r.years or r.year_range or r.months):
        return False
    said = [known.corpus.figures_by_id[i] for i in r.said_last if i in known.corpus.figures_by_id]
    return x.id not in r.said_last and any((s.doc_id, s.subject, s.measure, s.unit) == (x.doc_id, x.subject, x.measure, x.unit)
                                       and s.period != x.period for s in said)


def sentence_terms(known: CorpusTerms, f: Figure) -> frozenset[str]:
    """The words of the sentence a figure is stated in (its passage)."""
    p = known.corpus.passage_at(f.doc_id, f.start)
    return terms_of(p.text) if p is not None else frozenset()


def part_of_its_period(plan: Plan, by_id: dict[str, Figure]) -> bool:
    """A share whose part is of a period inside the whole's (2022's count as a share of the 2016-2022 total): the
    periods differ because the part is part of the whole, not because two periods are mixed up."""
    if plan.operation not in (Op.percentage_of, Op.share) or len(plan.groups) != 2:
        return False
    part = [period_years(by_id[i].period) for i in plan.groups[0] if i in by_id]
    whole = [period_years(by_id[i].period) for i in plan.groups[1] if i in by_id]
    if not part or not whole or None in part or None in whole:
        return False
    lo, hi = min(w[0] for w in whole), max(w[1] for w in whole)  # type: ignore[index]
    return all(lo <= s[0] <= s[1] <= hi for s in part) and any(s != (lo, hi) for s in part)  # type: ignore[index]


NOT_VERB = re.compile(r"\b(?:not|never)\s+([a-z]+)|n't\s+([a-z]+)")
NEGATION = re.compile(r"\b(?:not|no|never|none|without)\b|n't\b")


def answers_the_opposite(figs: list[Figure], r: Reading) -> bool:
    """"How many forces did not respond?" is not answered by the forces that responded: a figure looked up whose
    measure has the verb the question negates, itself not negated."""
    verbs = {t for m in NOT_VERB.finditer(r.lowered.split(" — ")[0]) for t in lexicon.canon_tokens(m.group(1) or m.group(2))}
    if not verbs or len(figs) != 1 or not figs[0].doc_id:
        return False
    measure = figs[0].measure.lower()
    return bool(verbs & set(lexicon.canon_tokens(measure))) and not NEGATION.search(measure)


def count_for_a_rate(figs: list[Figure], r: Reading) -> bool:
    """"What was the rate per 100,000?" is not answered by a count: a looked-up figure that is no rate per head."""
    return (len(figs) == 1 and bool(figs[0].doc_id) and bool(PER_HEAD.search(r.lowered.split(" — ")[0]))
            and not PER_HEAD_FIGURE.search(figs[0].measure.lower() + " " + figs[0].quote.lower()))


def refused_lookup(plan: Plan, r: Reading, known: CorpusTerms) -> str:
    """Why a looked-up figure does not answer the question ("" when it may): it counts what happened when the question
    asks what did not, or it is a count when a rate per head is asked."""
    if plan.operation is not Op.lookup:
        return ""
    figs = figures_of(plan, known)
    if answers_the_opposite(figs, r):
        return "the article gives that figure for those that did, not for those that did not"
    if count_for_a_rate(figs, r):
        return "the article gives a count, not a rate per head"
    if one_for_a_calculation(figs, r):
        return "the article gives no figures to work that out from"
    missed = place_missed(figs, r, known)
    if missed:
        return f"the article gives no figure for {missed} on that"
    return ""


def place_missed(figs: list[Figure], r: Reading, known: CorpusTerms) -> str:
    """A subject the question names that a looked-up figure is not of ("How many cats were rehomed in Dunmore?"
    answered by the county's rehoming figure, when the article gives Dunmore only its intake): that name;
    "" when the figure is of every subject named (itself, a longer or shorter name of it, or its parts)."""
    if len(figs) != 1 or not figs[0].doc_id or not r.subjects or r.check is not None:
        return ""  # a yes/no check may name a rival or a whole besides the figure's own subject
    have = figs[0].subject
    for s in dict.fromkeys(x for x in r.subjects if x not in r.excluded):
        parts = known.subjects.components(s, r.lowered)
        if s == have or known.subjects.related(have, [s]) or (parts and have in parts):
            continue
        return s
    return ""


# Calculations over several figures, and the words of a figure that states such a result itself ("up 3,200", "a
# combined 5,000", "twice as many"): a question the intent model is sure asks for one is answered by a figure stating
# its result, or by the calculation, never by one of its operands on its own.
RESULT_STATED = {
    Op.difference.value: re.compile(r"\b(?:more|fewer|less|up|down|ris\w*|rose|fell|fall\w*|increas\w*|decreas\w*|"
                                    r"gap|differen\w*|change\w*|gain\w*|los[st]\w*|drop\w*|higher|lower|ahead|behind|"
                                    r"short|above|below|over|under)\b"),
    Op.sum.value: re.compile(r"\b(?:total\w*|combined|together|altogether|all|overall|sum|and)\b|&"),
    Op.ratio.value: re.compile(r"\b(?:times|twice|double\w*|triple\w*|half|ratio|for every|per)\b"),
}
CONFIDENT = 0.6


def one_for_a_calculation(figs: list[Figure], r: Reading) -> bool:
    """"How many more than London?", "total of A plus B?", "how many times bigger?": a question the intent model
    reads as a difference, a sum or a ratio with confidence is not answered by one figure of the article whose label
    and words state no such result (it is one operand of the calculation, stated back as if it were the answer)."""
    if len(figs) != 1 or not figs[0].doc_id or not r.intents:
        return False
    op, p = r.intents[0]
    words = RESULT_STATED.get(op)
    if words is None or p < CONFIDENT:
        return False
    f = figs[0]
    return f.unit is not Unit.ratio and not words.search(f"{f.subject} {f.measure} {f.quote}".lower())


def double_counted(figs: list[Figure]) -> bool:
    """A total that adds a figure to one for a period containing it (a 2016-2022 count plus the 2022 count of the
    same measure and subject) counts the same things twice: it is no total of anything."""
    for i, a in enumerate(figs):
        for b in figs[i + 1:]:
            if a.subject != b.subject or a.measure != b.measure or a.doc_id != b.doc_id:
                continue
            pa, pb = period_years(a.period), period_years(b.period)
            if pa and pb and pa != pb and (pa[0] <= pb[0] <= pb[1] <= pa[1] or pb[0] <= pa[0] <= pa[1] <= pb[1]):
                return True
    return False


# Operations that put two amounts of one kind side by side: a gap, a total or a change between them
SIDE_BY_SIDE = (Op.difference, Op.sum, Op.pct_change)
# an order of magnitude: a change between two figures this far apart in size is a change of one quantity only along
# one series (same place, measure and kind of period); beyond LIKE_SIZE no two figures are one quantity
ORDER_OF_MAGNITUDE = 10.0


def period_grain(period: str) -> str:
    """The kind of period a figure is of, by its shape: a year ("2024"), a month ("2024-01"), a span of years or of
    months ("2023/2024", "2023-04/2024-03")."""
    return re.sub(r"\d", "9", period or "")


def unlike_operands(plan: Plan, known: CorpusTerms) -> bool:
    """A difference, total or percent change of two figures of the article that are not amounts of one kind: more than
    LIKE_SIZE times apart in size ("$3,220m minus $0.9", "18,011 pupils minus 23.6 per 1,000"), or, for a percent
    change, an order of magnitude apart without being one series ("from 188,000 more to 2,993,000 out of work", "from
    6.75m passengers in the year to 452,900 in December"): the result is a number of nothing. Two parts of one whole may
    be of very different sizes (cases dropped with a suspect and without one): their gap or total is still asked. A
    figure the question gives (no document) is the user's own and is not judged."""
    if plan.operation not in SIDE_BY_SIDE:
        return False
    by_id = known.corpus.figures_by_id
    if plan.operation is Op.sum and len(plan.groups) == 1:
        ids = list(plan.groups[0])
    elif all(len(g) == 1 for g in plan.groups):
        ids = [g[0] for g in plan.groups]
    else:
        return False
    figs = [by_id[i] for i in ids if i in by_id]
    if len(figs) != 2 or len(ids) != 2 or not all(f.doc_id for f in figs):
        return False
    a, b = figs
    if not like_values(a.value, b.value):
        return True
    if plan.operation is not Op.pct_change:
        return False
    one_series = a.subject == b.subject and a.measure == b.measure and period_grain(a.period) == period_grain(b.period)
    small, large = sorted((abs(a.value), abs(b.value)))
    return not one_series and small > 0 and large / small > ORDER_OF_MAGNITUDE


def across_documents(plan: Plan, known: CorpusTerms, named: list[str] | tuple[str, ...] = ()) -> bool:
    """A calculation over figures of two documents (one article's count beside another's, of a place both name) is no
    reading of one question: the figures an article gives are measured alike, two articles' need not be. It is one
    when the question names each document by a subject that only that document has ("Northport's lettings against
    Westbury's museum visits", where each place is in one article only): the user asked for both."""
    if plan.operation in (Op.lookup, Op.abstain, Op.text):
        return False
    docs = {f.doc_id for f in figures_of(plan, known) if f.doc_id}
    if len(docs) <= 1:
        return False
    return not named_each(docs, known, named)


def plan_candidates(ctx: Context, base: Plan, r: Reading, max_ops: int = 3, floor: float = 0.08,
                    given: list[Figure] | None = None) -> list[Candidate]:
    """Plan each likely operation (and a lookup); the first abstention stays in as the "none of these" candidate."""
    asked = [c for c, p in r.intents if c in {o.value for o in PLANNERS} and p >= floor][:max_ops]
    if r.operation.value not in asked:
        asked.insert(0, r.operation.value)
    for op in deciding_ops(r.check) if r.check is not None else ():
        if op.value not in asked:
            asked.append(op.value)  # every calculation that can decide a yes/no check
    if Op.lookup.value not in asked:
        asked.append(Op.lookup.value)
    asked = [a for a in asked if Op(a) in PLANNERS]  # a row found highest is planned before ranking, or not at all
    out: list[Candidate] = []
    seen: set[tuple[str, tuple[tuple[str, ...], ...]]] = set()
    for name in asked:
        op = Op(name)
        # the places left out are taken away after planning: the planner reads the question about the rest
        kept_places = [x for x in r.subjects if x not in r.excluded]
        plan = take_away(ctx, PLANNERS[op](ctx, base.model_copy(deep=True), replace(r, operation=op, subjects=kept_places)), r)
        plan = worked_rate(ctx, plan, r)
        key = (plan.operation.value, tuple(tuple(g) for g in plan.groups))
        if plan.operation is Op.abstain and any(c.plan.operation is Op.abstain for c in out):
            continue
        if key in seen:
            continue
        if plan.operation in (Op.sum, Op.average) and double_counted(figures_of(plan, ctx.known)):
            continue
        if refused_lookup(plan, r, ctx.known):
            continue
        if across_documents(plan, ctx.known, r.subjects):
            continue
        if unlike_operands(plan, ctx.known):
            continue
        seen.add(key)
        out.append(Candidate(plan=plan, asked=name))
        if op is Op.share and (peer := plan_peer_share(ctx, base.model_copy(deep=True), r)) is not None:
            # a share may also be of another figure of the same kind ("A as a % of B"): both readings are ranked
            key = (peer.operation.value, tuple(tuple(g) for g in peer.groups))
            if key not in seen and not across_documents(peer, ctx.known, r.subjects):
                seen.add(key)
                out.append(Candidate(plan=peer, asked=name))
    given = given_figures(ctx.known.corpus.figures, r) if given is None else given
    for name in asked if given else []:  # a hypothetical: the calculation with the question's own number
        made = plan_given(ctx, base.model_copy(deep=True), r, Op(name), given)
        if made is None:
            continue
        key = (made.operation.value, tuple(tuple(g) for g in made.groups))
        if key not in seen:
            seen.add(key)
            out.append(Candidate(plan=made, asked=name))
    if any(c.plan.given for c in out):  # a hypothetical's premise must be used: readings that ignore it are dropped
        out = [c for c in out if c.plan.given or c.plan.operation is Op.abstain]
    return out


def rank(cands: list[Candidate]) -> list[Candidate]:
    return sorted(cands, key=lambda c: -c.score)


@lru_cache(maxsize=1)
def abstain_below() -> float | None:
    """The score under which the best candidate is not stated (fitted with the weights); None: always state it."""
    if not WEIGHTS.exists():
        return None
    cut = json.loads(WEIGHTS.read_text(encoding="utf-8")).get("abstain_below")
    return None if cut is None else float(cut)


def explanation(cands: list[Candidate], limit: int = 5) -> list[dict[str, object]]:
    """The top candidates as plain records: what each computes, its features and its score."""
    return [{"candidate": c.summary(), "operation": c.plan.operation.value, "asked": c.asked,
             "score": round(c.score, 3), "features": {k: round(v, 3) for k, v in c.features.items()}}
            for c in cands[:limit]]


# What a reading computes, in words, with "{0}", "{1}" for its operand groups: a clarifying question's option.
READING = {
    Op.lookup: "{0}", Op.share: "{0} as a share of {1}", Op.percentage_of: "{0} as a percentage of {1}",
    Op.complement: "the rest of 100% after {0}", Op.pct_change: "the percentage change between {0} and {1}",
    Op.difference: "the difference between {0} and {1}", Op.pp_difference: "the gap in points between {0} and {1}",
    Op.ratio: "{0} compared with {1} as a ratio", Op.sum: "the total of {all}", Op.average: "the average of {all}",
    Op.when: "when {all} peaked", Op.comparison: "which is larger: {0} or {1}", Op.change_comparison: "which changed more: {0} or {1}",
}


def label(plan: Plan, known: CorpusTerms) -> str:
    """'dropped cases, Northshire, 2021 as a share of all cases, Northshire, 2021': the reading, without numbers
    other than years the question or the figure's own words give (an option's words cite nothing)."""
    if plan.operation is Op.text and plan.passage is not None:
        return f"what the article says: “{plan.passage.text[:80].rstrip()}…”"
    by_id = {**known.corpus.figures_by_id, **{g.id: g for g in plan.given}}

    def one(f_id: str) -> str:
        f = by_id[f_id]
        if not f.doc_id:
            return f"{f.quote}, the number in the question"
        words = [f.measure, f.subject]
        years = [str(y) for y in period_years(f.period) or () if str(y) in f.quote or str(y) in plan.asked]
        if years:
            words.append("–".join(dict.fromkeys(years)))
        return ", ".join(w for w in words if w)

    groups = [[i for i in g if i in by_id] for g in (plan.groups or [[i] for i in plan.figure_ids])]
    names = [" + ".join(one(i) for i in g) for g in groups if g]
    if not names:
        return plan.operation.value
    template = READING.get(plan.operation, plan.operation.value + " of {all}")
    if "{all}" in template:
        return template.format(all=" and ".join(names))
    if "{1}" in template and len(names) < 2:
        template = "{0}"
    return template.format(*names)


@lru_cache(maxsize=1)
def passage_below() -> float | None:
    """The intent model's probability that a question asks for words (its class "text") under which a sentence is not
    quoted as its answer (fitted by `python -m eval.fit_passage`); None: a passage found is always given."""
    if not WEIGHTS.exists():
        return None
    cut = json.loads(WEIGHTS.read_text(encoding="utf-8")).get("passage_below")
    return None if cut is None else float(cut)


@lru_cache(maxsize=1)
def clarify_rule() -> tuple[float, float] | None:
    """(within, floor): offer the two best readings back as a question when the runner-up scores within `within`
    of the best and at least `floor` (fitted with the weights); None: never ask back."""
    if not WEIGHTS.exists():
        return None
    raw = json.loads(WEIGHTS.read_text(encoding="utf-8")).get("clarify")
    return None if not raw else (float(raw["within"]), float(raw["floor"]))


def tossup(ranked: list[Candidate], rule: tuple[float, float] | None) -> list[Candidate]:
    """The best two readings when they are about equally likely (neither an abstention); [] otherwise."""
    if rule is None or len(ranked) < 2:
        return []
    within, floor = rule
    real = [c for c in ranked if c.plan.operation is not Op.abstain]
    if len(real) < 2 or real[0] is not ranked[0]:
        return []
    a, b = real[0], real[1]
    if a.score - b.score <= within and b.score >= floor:
        return [a, b]
    return []
