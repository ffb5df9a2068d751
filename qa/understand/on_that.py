"""Calculations asked of what was just said and something the follow-up names.

The follow-up's "that" is the figure the last answer's first number states. A share ("what % of the EU total is
that?", "how much of that was Northshire, as a %?") takes the other operand from the follow-up's own words; which is
the part depends on how it is asked: "what share of X is that" makes "that" the part and X the whole (a place it names
is the whole, not a place to put in the question before); "how much of that was X" makes "that" the whole and X the
part. A change against an earlier time ("how many more is that than two years earlier?", "how much has that gone up
since 2023, in %?") takes the same series at that time.
"""

from __future__ import annotations

import re
from dataclasses import replace

from qa.model.records import Figure, Op, Turn, Unit
from qa.text import lexicon
from qa.understand.followup import PERCENT_ASK
from qa.understand.link import CorpusTerms, period_years
from qa.understand.query import ASKING, PERIOD_WORDS, Reading, answer_numbers, unshorten, valued
from qa.understand.score import score_figures

THAT = r"(?:that|this|it|those|these|them)"
SHARE_ASK = re.compile(r"\b(?:share|proportion|percentage|per ?cent|fraction)\b|%")
# "how much of that was X", "what % of that would X cost", "what share of it went to X": "that" is the whole
OF_THAT = re.compile(r"\bof\s+" + THAT + r"\b")
# "what share of X is that", "what % is that of X", "whats that as a % of X", "that as a share of X": "that" is the part
THAT_OF = re.compile(r"\b(?:is|was|are|were)\s+" + THAT + r"\b|\b" + THAT + r"\s+as\s+an?\b|^\s*(?:and\s+)?as\s+an?\b")
# Words of the follow-up that say nothing of the other operand
ASKING_WORDS = frozenset({"share", "proportion", "percentage", "percent", "cent", "fraction", "total", "much", "many",
                          "roughly", "exactly", "about", "approximately", "so", "then", "as", "terms"})
TOTAL = re.compile(r"\b(?:total|overall|all|whole)\b")
MIN_LINK = 2.5  # the other operand's words must link to its label at least this well (as a lookup's must)


def stated_first(known: CorpusTerms, answer: str) -> list[Figure]:
    """The figures of the article the last answer's first number states (a year aside): one fact, stated once or twice
    (in the text and a table) in one document; [] when that number is no figure's, or figures of several documents."""
    numbers = answer_numbers(answer)
    if not numbers:
        return []
    hits = [f for f in valued(known, numbers[0]) if f.unit is not Unit.date]
    return hits if len({f.doc_id for f in hits}) == 1 else []


def _overlaps(a: Figure, b: Figure) -> bool:
    sa, sb = period_years(a.period), period_years(b.period)
    if sa is None or sb is None:
        return sa is None and sb is None
    return sa[0] <= sb[1] and sb[0] <= sa[1]


def _own_reading(known: CorpusTerms, r: Reading) -> Reading:
    """The follow-up read on its own words (before the dash that carries the question before), with nothing of the
    last answer, and without its words of asking a share ("total", "percentage"): what they leave names the other
    operand."""
    words = r.lowered.split(" — ")[0]
    common = {t for w in ASKING | PERIOD_WORDS | ASKING_WORDS for t in lexicon.canon_tokens(w)}
    own_terms = set(lexicon.canon_tokens(words)) - common
    named = known.subjects.find(words, words)
    return replace(r, lowered=words, terms=[t for t in lexicon.canon_tokens(words) if t in own_terms], subjects=named,
                   prior=frozenset(), prior_total=[], answered=[], said_last=[], settled=[], settled_op=None, quoted=[],
                   quoted_terms=[])


def share_of_that(known: CorpusTerms, text: str, turns: list[Turn], r: Reading, sims: dict[str, float]
                  ) -> list[list[str]]:
    """[[the part], [the whole]] of a share asked of what the last answer stated and a figure the follow-up names
    ("what % of the total segment profit is that?" after "$617 million": 617 of the total segments' profit), or []
    when it asks no share of "that", the answer's first number is no one figure, or no figure of the same kind
    (document, unit, overlapping period, the right side of it) links well to its own words."""
    if not turns:
        return []
    low = re.sub(r"[?!]+", " ", text.lower()).strip()
    if not SHARE_ASK.search(low):
        return []
    whole_is_that = bool(OF_THAT.search(low)) and not THAT_OF.search(low)
    if not whole_is_that and not THAT_OF.search(low):
        return []
    thats = [f for f in stated_first(known, turns[-1].answer) if f.unit in (Unit.count, Unit.money) and "change" not in f.measure]
    if not thats:
        return []
    own = _own_reading(known, r)
    total = bool(TOTAL.search(low))
    if whole_is_that and not own.subjects:
        return []  # "how much of that ...": the part is a place or thing it names
    if not own.terms and not own.subjects:
        if whole_is_that or not total:
            return []  # "what share is that?": nothing named to take it of
        # "what share of the national total is that?": the total of what the question before asked, of any place
        own = replace(r, subjects=[], lowered=r.lowered.split(" — ")[-1], prior=frozenset(), answered=[], said_last=[])
    options: list[tuple[float, bool, Figure, Figure]] = []
    scored = score_figures(known, own, sims, quoted_penalty=False)
    for that in thats:
        for s, f in scored:
            if f.id in {t.id for t in thats} or f.doc_id != that.doc_id or f.unit is not that.unit or "change" in f.measure \
                    or not _overlaps(f, that) or s < MIN_LINK:
                continue
            if own.subjects and f.subject not in own.subjects:
                continue
            if not own.subjects and not whole_is_that and not total and f.subject != that.subject:
                continue  # "what % of their cases is that?": a whole of the same thing; another place's is a peer
            if whole_is_that and f.measure != that.measure:
                continue  # a part of "that" is the same measure of a place within it
            if (f.value < that.value) if whole_is_that else (f.value > that.value):
                options.append((s, f.measure == that.measure, that, f))
    if not options:
        return []
    best = max((s, same) for s, same, _, _ in options)
    top = [(that, f) for s, same, that, f in options if (s, same) == best]
    if len({(that.value, f.value) for that, f in top}) > 1:
        return []  # two figures fit the words as well: which one is meant is not said
    that, other = top[0]
    return [[other.id], [that.id]] if whole_is_that else [[that.id], [other.id]]


# A change or gap asked of "that" against the same thing at an earlier time ("how many seconds slower is that than the
# previous year?", "how much has that gone up since 2023, in %?", "how much more is that than two years earlier?")
GAP_ASK = re.compile(r"\b(?:more|less|fewer|higher|lower|slower|faster|longer|shorter|bigger|smaller|larger|cheaper|dearer|"
                     r"up|down|ris(?:e|en)|rose|f[ae]ll(?:en)?|gr[eo]wn?|increase[sd]?|decrease[sd]?|drop(?:ped)?|"
                     r"change[sd]?|compare[sd]?|differen\w*)\b")
COUNT_WORDS = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5}
YEARS_BACK = re.compile(r"\b(?:the\s+)?(?P<n>\d|one|a|two|three|four|five)\s+years?\s+(?:earlier|before|ago|back)\b|"
                        r"\b(?:the\s+)?(?:previous|prior|preceding)\s+year\b|\b(?:the\s+)?year\s+(?:before|earlier)\b|"
                        r"\blast year\b")
SINCE_YEAR = re.compile(r"\b(?:than|since|on|from|with|against|over|to|in)\s+(?:in\s+)?((?:19|20)\d\d)\b")


def _back(low: str, that: Figure) -> int | None:
    """How many years before the period of `that` the follow-up's earlier time is: "the previous year", "two years
    earlier", "since 2023" (from the end of that's period); None when it names no earlier time."""
    m = YEARS_BACK.search(low)
    if m is not None:
        n = m.group("n")
        return 1 if n is None else (int(n) if n.isdigit() else COUNT_WORDS[n])
    y = SINCE_YEAR.search(low)
    span = period_years(that.period)
    if y is None or span is None:
        return None
    back = span[1] - int(y.group(1))
    return back if back > 0 else None


def years_back(period: str, back: int) -> str:
    """A period written as given, `back` years earlier ("2023-04/2024-03", 2 -> "2021-04/2022-03")."""
    return re.sub(r"(?:19|20)\d\d", lambda m: str(int(m.group(0)) - back), period)


def then_and_now(known: CorpusTerms, text: str, turns: list[Turn]) -> tuple[Op, list[list[str]]] | None:
    """A change asked of what the last answer stated against the same thing at an earlier time the follow-up names:
    (a percent change [[then], [that]] when a percentage is asked, else the difference [[that], [then]]). "That" is
    the figure the answer's first number states; "then" the figure of its series (document, subject, measure, unit)
    at its period that many years back. None when the follow-up does not point back, asks no change or gap, names a
    place or no earlier time, or no one such figure is stated."""
    if not turns:
        return None
    low = re.sub(r"[?!]+", " ", unshorten(text).lower()).strip()
    if not re.search(r"\b(?:that|it|this)\b", low) or not GAP_ASK.search(low):
        return None
    if known.subjects.find(low, text):
        return None  # a place of its own: a comparison with it, not with an earlier time
    thats = [f for f in stated_first(known, turns[-1].answer) if f.unit in (Unit.count, Unit.money)
             and "change" not in f.measure and f.period]
    found: dict[tuple[float, float], tuple[Figure, Figure]] = {}
    for that in thats:
        back = _back(low, that)
        if back is None:
            return None
        earlier = years_back(that.period, back)
        for f in known.corpus.figures_by_doc.get(that.doc_id, []):
            if (f.subject, f.measure, f.unit) == (that.subject, that.measure, that.unit) and f.period == earlier:
                found[(that.value, f.value)] = (that, f)
    if len(found) != 1:
        return None
    that, then = next(iter(found.values()))
    if then.value == that.value:
        return None
    if PERCENT_ASK.search(low):
        return Op.pct_change, [[then.id], [that.id]]
    return Op.difference, [[that.id], [then.id]]

