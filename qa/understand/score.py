"""Scoring figures against a reading of the question: lexical overlap, place, period, unit and the index's similarity."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from qa.model.records import Figure, Op, Unit
from qa.retrieve.memo import memo
from qa.text import lexicon
from qa.understand.link import CorpusTerms, counted_in, figure_terms, period_years, terms_of
from qa.understand.query import RELATIVE_PREV, Reading

GENERAL = frozenset({"share", "percent", "change", "date"})


def general_terms() -> frozenset[str]:
    """GENERAL reduced the way question words are (cached by `canon_set`)."""
    return lexicon.canon_set(GENERAL)
# Words that name a period or a time relative to one: with none of them, a question asks about the latest figures.
PERIOD_NAMED = re.compile(r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
                          r"oct(ober)?|nov(ember)?|dec(ember)?|q[1-4]|quarter|half|earlier|before|previous|prior|ago|"
                          r"last|first|initial|original|peak|start|began|since|until|then|used to)\b")


# Of figures that match a question alike (the cells of one table row), the question's own words may still tell which
# it asks: a change ("by how much did it rise", "up by", "growth"), or, with none of those, the level rather than the
# stated change; an amount of money ("what was it worth", "what did they spend"). They order figures whose scores are
# within TIE_NUDGE of each other, and leave the scores (how well a figure matches) as they are.
CHANGE_ASKED = re.compile(r"\b(grow|grew|grown|growth|rise|rose|risen|increas\w*|fall|fell|fallen|decreas\w*|"
                          r"drop(?:s|ped)?|declin\w*|jump(?:s|ed)?|climb(?:s|ed)?|(?:up|down) by|go(?:ne|es)? (?:up|down)|"
                          r"change[sd]?|year[- ]on[- ]year|yoy)\b")
MONEY_ASKED = re.compile(r"\b(worth|values?|valued|costs?|spen[dt]|spending|pa(?:y|id)|earn(?:s|ed|t)?|takings|revenue|"
                         r"money|cash)\b")
TIE_NUDGE = 0.3


def stated_change(f: Figure) -> bool:
    """Is the figure a change the article states ("percent change in ...", "change in fares"), not a level?"""
    return bool(re.search(r"\bchange\b", f.measure.lower()))


PER_HEAD = re.compile(r"\bper\s+(?:\d[\d,]*k?|head|capita|person|thousand|hundred|million)\b")
PER_HEAD_FIGURE = re.compile(r"\bper\b|\brates?\b")


def generic() -> set[str]:
    """Terms too general to tell figures apart: the field's (from its vocabulary) and these."""
    return set(general_terms()) | lexicon.vocabulary().generic_terms


def defining() -> set[str]:
    """Terms that define a measure: a figure lacking one the question asks for is not the figure asked for."""
    return lexicon.vocabulary().defining_terms


def key_terms(r: Reading | None, text: str = "") -> set[str]:
    """The measure words that tell figures apart (dropped, suspect, partner...), not generic ones."""
    if r is None:
        return set(_text_key_terms(text))
    keys, common = lexicon.vocabulary().key_terms, generic()
    return {t for t in r.terms if t not in common and t in keys}


@lru_cache(maxsize=65536)
def _text_key_terms(text: str) -> frozenset[str]:
    keys, common = lexicon.vocabulary().key_terms, generic()
    return frozenset(t for t in terms_of(text) if t not in common and t in keys)




# Operations whose operands are the single years a span of years runs over ("the change between 2018 and 2019" takes
# 2018's and 2019's figures; "the average from 2017 to 2019" every year's), not a figure for the span itself.
ACROSS_YEARS = {Op.difference, Op.pct_change, Op.pp_difference, Op.average, Op.sum, Op.comparison, Op.ratio}


def month_fits(period: str, months: list[str]) -> bool | None:
    """A figure of one month is the month asked or not; one of a span ending in a month asked ("the three months to
    September") fits; a figure of a whole year says nothing about a month (None)."""
    end = period.split("/")[-1]
    if len(end) != 7:  # "2023", or no period: not a monthly figure
        return None
    if "/" not in period:
        return period in months
    if end in months:
        return True
    start = period.split("/")[0]
    if len(start) == 7 and not any(start <= m <= end for m in months):
        return False  # October to December answers nothing about July to September
    return None


def period_fits(fig: Figure, r: Reading) -> bool | None:
    """True when the figure's period is what the question asks; False when it clearly isn't; None if no period asked."""
    if r.months and fig.unit is not Unit.date:
        fits = month_fits(fig.period, r.months)
        if fits and "/" in fig.period and len(fig.period) == 15 and r.spans and fig.period not in r.spans and any(
                sp.split("/")[1] == fig.period.split("/")[1] for sp in r.spans):
            return False  # "in Q3 2024": the nine months to September end there too, but are not the quarter asked
        if fits is not None:
            return fits
    span = period_years(fig.period)
    if r.year_range:
        if span is None:
            return False
        if r.operation in ACROSS_YEARS and span[0] == span[1] and fig.unit is not Unit.date:
            ends = r.year_range
            inside = r.operation in (Op.average, Op.sum)
            if r.open_end:  # "since 2019": that year's figure and any later one (the latest is the other end)
                return span[0] >= ends[0]
            return span[0] in ends or (inside and ends[0] <= span[0] <= ends[1])
        return span[0] == r.year_range[0] and span[1] >= min(r.year_range[1], span[1]) and span[0] != span[1]
    if r.years:
        if span is None:
            return fig.unit is Unit.date and any(y == int(fig.value) for y in r.years)
        if fig.unit is Unit.date:
            return span[0] in r.years
        if len(set(r.years)) == 1 and span[0] != span[1] and span[1] in r.years and "change" in fig.measure:
            return True  # a change from one year to the next is the change "in" the later year ("grew 7% in 2023")
        if (r.operation in (Op.pct_change, Op.change_comparison) and len(set(r.years)) == 1 and span[0] == span[1]
                and span[0] == r.years[0] - 1):
            return None  # "did X rise in 2023?" is measured from 2022: the year before is the baseline, not a mismatch
        return span[0] == span[1] and span[0] in r.years or (span[0] != span[1] and all(y in span for y in r.years) and len(set(r.years)) == 2)
    return None


def own_years(known: CorpusTerms, r: Reading, doc_id: str, kept: dict[str, Reading]) -> Reading:
    """The reading with "last year" as the year before the figure's own document's (kept per document), when the
    question says it of a store whose documents were published in different years; the reading itself otherwise."""
    if r.own_year is None or r.years or doc_id not in known.published_years:
        return r
    if doc_id not in kept:
        kept[doc_id] = replace(r, years=[known.published_years[doc_id] + r.own_year])
    return kept[doc_id]


def candidates(known: CorpusTerms, r: Reading, sims: dict[str, float]) -> list[Figure]:
    """The figures worth scoring: those of the documents the index found, and of any place named.

    With one article that is every figure; with a thousand it keeps scoring to the few
    documents the question is about, so the cost does not grow with the corpus."""
    if len(known.corpus.documents) <= 3:
        return known.corpus.figures
    docs = {known.corpus.figures_by_id[k].doc_id for k in sims if k in known.corpus.figures_by_id}
    by_doc = known.corpus.figures_by_doc
    if r.subjects and not any(f.subject in r.subjects for d in docs for f in by_doc.get(d, [])):
        docs |= {f.doc_id for f in known.corpus.figures if f.subject in r.subjects}  # the place, wherever it is
    # in the corpus' order of documents, not a set's (which changes with the process' hash seed): figures that score
    # alike are then ranked alike on every run
    return [f for d in sorted(docs) for f in by_doc.get(d, [])] or known.corpus.figures


@lru_cache(maxsize=65536)
def _subgroup(subject: str, measure: str) -> bool:
    words = set(terms_of(subject))
    return bool(words) and words <= set(terms_of(measure)) and not words <= general_terms()


def subgroup(f: Figure) -> bool:
    """Does the figure's label single out its subject ("jobless rate for older workers", subject "older")?"""
    return _subgroup(f.subject, f.measure)


def score_figures(known: CorpusTerms, r: Reading, sims: dict[str, float], quoted_penalty: bool = True) -> list[tuple[float, Figure]]:
    """Every candidate figure scored against the reading, best first. The planners of one question score the same
    reading many times: within one question (`qa.retrieve.memo`) a reading is scored once."""
    kept = memo("score.figures")
    if kept is None:
        return _score_figures(known, r, sims, quoted_penalty)
    # the reading as it is now (it may be changed between calls); `known` and `sims` are kept with the scores, so
    # their ids stay their own while the memo lives
    key = (id(known), id(sims), reading_key(r), quoted_penalty)
    if key not in kept:
        kept[key] = (known, sims, _score_figures(known, r, sims, quoted_penalty))
    return list(kept[key][2])


def reading_key(r: Reading) -> object:
    """Every field of the reading as it is now, hashable (its lists as tuples); its text when a field is not."""
    key = tuple(tuple(v) if isinstance(v, list) else v for v in vars(r).values())
    try:
        hash(key)
    except TypeError:
        return repr(r)
    return key


def _score_figures(known: CorpusTerms, r: Reading, sims: dict[str, float], quoted_penalty: bool) -> list[tuple[float, Figure]]:
    q_terms = set(r.terms)
    latest_asked = not (r.years or r.year_range or PERIOD_NAMED.search(r.lowered))
    # "what was X a year earlier?" naming no year: an earlier figure of X's series, never the latest one
    per_head = bool(PER_HEAD.search(r.lowered))
    earlier_asked = (bool(RELATIVE_PREV.search(r.lowered)) and not (r.years or r.year_range or r.months)
                     and r.operation in (Op.lookup, Op.share))  # a change "from a year before" wants both
    change_asked = bool(CHANGE_ASKED.search(r.lowered))
    level_asked = not change_asked and r.operation is Op.lookup  # (a share's reading may still want a change)
    money_asked = r.wants_unit is None and bool(MONEY_ASKED.search(r.lowered))
    scored: list[tuple[float, Figure]] = []
    nudged: dict[str, float] = {}  # the order's key: the score, and the question's own hints at a tie
    per_doc: dict[str, Reading] = {}
    for f in candidates(known, r, sims):
        # with no subject named, the question's words may name one loosely ("dues from affiliates", a table's row)
        ft = figure_terms(f) if r.subjects else figure_terms(f) | terms_of(f.subject)
        overlap = len(q_terms & ft)
        s = 2.0 * overlap / max(1, min(len(q_terms), 4))
        s += 3.0 * sims.get(f.id, 0.0)
        if f.id in r.prior:
            s += 3.0  # "what % rise is that?": the figures the last answer stated
        if not r.subjects and subgroup(f):
            s -= 1.0  # no one named: not the figure of a group its own label singles out ("the rate for X workers")
        if r.subjects:
            # the place asked (+3); another name extraction gave it (+1); another place (-6)
            s += 3.0 if f.subject in r.subjects else 1.0 if known.subjects.related(f.subject, r.subjects) else -6.0
        pf = period_fits(f, own_years(known, r, f.doc_id, per_doc))
        if pf is True:
            s += 2.0
        elif pf is False:
            s -= 6.0
        elif latest_asked and f.id in known.superseded:
            s -= 0.5  # no period named: the latest of a series, not an earlier one
        if earlier_asked and f.id not in known.superseded and f.unit is not Unit.date:
            s -= 3.0  # the latest figure of its series (or its only one) is not the one "a year earlier"
        fflag = lexicon.split_flag(f.measure)
        if r.part == "both":
            pass
        elif r.part and fflag:
            s += 2.0 if r.part == fflag else -3.0
        elif fflag and not r.part:
            s -= 0.5
        if r.wants_unit is not None:
            # a gap in points is stated in points or worked out from two percents
            wanted = {Unit.percent, Unit.percentage_points} if r.wants_unit is Unit.percentage_points else {r.wants_unit}
            s += 1.5 if f.unit in wanted else -1.0
            if r.wants_unit is Unit.count and f.unit is Unit.date:
                s -= 3.0
        nudge = 0.0
        if change_asked or level_asked:
            nudge += TIE_NUDGE if stated_change(f) == change_asked else -TIE_NUDGE
        if money_asked and f.unit is Unit.money:
            nudge += TIE_NUDGE
        s -= 0.75 * len(key_terms(None, f.measure) - q_terms)  # a narrower measure than the one asked about
        s -= 1.0 * len((q_terms & defining()) - ft)  # lacks what defines the measure asked about
        if per_head and not PER_HEAD_FIGURE.search(f.measure.lower() + " " + f.quote.lower()):
            s -= 2.0  # "the rate per 100,000": a count of offences is not a rate per head
        if r.counted and counted_in(f.measure) not in ("", r.counted):
            s -= 2.0  # asked how many forces; this figure counts offences (or the other way round)
        if r.both_parts and fflag:
            s -= 2.0
        if quoted_penalty and any(n == f.value and around & (ft | terms_of(f.subject))
                                  for n, around in zip(r.quoted, r.quoted_terms, strict=False)):
            s -= 1.5  # the asker already knows this one ("besides the 630, how many...")
        scored.append((s, f))
        nudged[f.id] = s + nudge
    scored.sort(key=lambda x: -nudged[x[1].id])
    return scored
