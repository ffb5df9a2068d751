"""Follow-up questions ("And in 2020?", "What about Southshire?") rewritten as whole questions."""

from __future__ import annotations

import re
from itertools import combinations
from math import comb

from qa.model.records import Figure, Op, Turn, Unit
from qa.text import lexicon
from qa.text.lexicon import STOPWORDS
from qa.text.numbers import NUMBER_RE, numbers_in
from qa.understand.link import CorpusTerms, figure_terms, period_years, terms_of
from qa.understand.query import (
    ASKING,
    BINARY,
    FOLLOW_UP,
    LAST_YEAR,
    PERIOD_WORDS,
    PRONOUN,
    YEAR,
    Reading,
    answer_numbers,
    read_question,
    unshorten,
    valued,
)
from qa.understand.score import month_fits

# A follow-up asking in words ("and what was it extended to cover later?"), not for a number
WORDS_ASK = re.compile(r"^\s*(?:(?:and|so|ok(?:ay)?|then|but)\s+)*(?:what|who|which|why|how|where)\b", re.I)
NUMBER_ASK = re.compile(r"\bhow (?:many|much|long|often)\b|\b(?:number|share|proportion|percentage|per ?cent|rate|total|"
                        r"amount|figure)\b|%|\d")
# The asking words of a question before, left out when its topic is carried into a follow-up
TOPIC_LEAD = re.compile(r"^\s*(?:(?:when|who|what|which|why|how|where|did|does|do|is|was|were|are|has|have|had)\s+)+",
                        re.I)


SHARE_OF_THAT = re.compile(r"(?:\b(?:share|proportion|percentage|per ?cent)\b|%).*\b(?:is|was|are|were|of)\s+(?:that|this|those|these|it|them)\b")
# "the same three hospitals", "the same ones": what the question before was about, not a measure of the follow-up's own
SAME_AS_BEFORE = re.compile(r"\b(?:the\s+)?same(?:\s+(?:one|two|three|four|five|six|\d+))?(?:\s+[a-z'-]+)?\b")
COMPARING = re.compile(r"\b(?:more|less|fewer|higher|lower|bigger|smaller|larger|gap|differen\w*|compar\w*|than)\b")
# Two years written as a span ("over 2015 to 2021", "between 2015 and 2021", "2015-2021")
YEAR_SPAN = re.compile(r"(?:\bbetween\s+(?=(?:19|20)\d\d\s+and\b)|\b(?=(?:19|20)\d\d\s*(?:to|until|through|-|–)))"
                       r"((?:19|20)\d\d)\s*(?:to|until|through|-|–|and)\s*((?:19|20)\d\d)\b")
THIS_YEAR = re.compile(r"\bthis year\b")
# The asking words of a question of its own inside a follow-up ("and for X, what was the annual increase?")
OWN_ASK = re.compile(r"\b(?:what|which|how (?:many|much))\b")
# A period a year before the one asked last, as written in a follow-up: of a year or a season ("and the season before?",
# "what % increase is that on the previous season?", "and a year before that?")
BACK_A_YEAR = re.compile(r"\b(?:the |a )?(?:(?:year|season) (?:before|earlier)(?: that)?|(?:previous|prior|preceding) season|"
                         r"(?:previous|prior|preceding) year)\b")
# Words before a period in an answer that make it the base a change was measured from ("up 3.6% on September 2023",
# "down from 764,000 in 2022"), not the period the answer is of
CHANGE_WORDS = re.compile(r"\b(?:up|down|rose|fell|ris(?:e|en|ing)|f[ae]ll(?:en|ing)?|increase[sd]?|decrease[sd]?|higher|lower|"
                          r"more|less|fewer|compared|against|than|from)\b")
BASE_WORDS = re.compile(r"\b(?:on|than|against|since|compared|from)\b")


def resolve_follow_up(known: CorpusTerms, text: str, history: list[Turn], doc_year: int) -> str:
    """Rewrite a follow-up ("And in 2020?", "What about Southshire?") as a whole question.

    Lookups take the last question and swap in the new place or year. A follow-up that asks
    for a new operation ("by what percentage did that rise?") keeps its own words and
    carries the last question after a dash, so both sets of operands are visible.
    """
    text = unshorten(text)  # "and the yr before?" is "and the year before?"
    out = _resolve(known, text, history, doc_year)
    low = text.lower()
    if out == text and history and PRONOUN.search(low) and WORDS_ASK.match(text) and not NUMBER_ASK.search(low):
        # "When did the law come in?" then "and what was it extended to cover?": "it" is the topic of the question
        # before, whose words the passage answering this one sits beside
        topic = TOPIC_LEAD.sub("", history[-1].question).strip().rstrip("?. ")
        if topic:
            return text.rstrip("?. ") + "? — " + topic
    return out


def _resolve(known: CorpusTerms, text: str, history: list[Turn], doc_year: int) -> str:
    if not history:
        return text
    prev = history[-1].question
    if len(history) > 1:
        prev = resolve_follow_up(known, prev, history[:-1], doc_year)
    low = text.lower()
    r_new = read_question(known, text, doc_year)
    has_own_measure = bool(own_measure_terms(known, low, r_new) & known.measure_terms)
    # a calculation with nothing of its own to calculate on ("how many more than the year before then?") is elliptical
    bare_calculation = not has_own_measure and not r_new.subjects and not same_ask(low)
    looks_elliptical = (bool(FOLLOW_UP.match(low)) or len(text.split()) <= 5 or bool(PRONOUN.search(low)) or bare_calculation
                        or bool(REFERS_BACK.search(low)))  # "whats the exact percentage increase then": of what was said
    if not looks_elliptical:
        return text
    if has_own_measure and r_new.operation is Op.lookup and same_ask(low):
        # "And what's the maximum sentence for it?": a new measure, keeping only the place and year
        return _in_context(known, text, r_new, prev, doc_year)
    # a calculation asked of what was just said ("how much was that up on a year earlier?"): its own words carry the
    # calculation, the question before its operands, even when the intent model reads so few words as a lookup
    # so is a share of something the follow-up names, of what was just said ("what share of the EU total is that?"):
    # the thing it names is the whole, not a new place to put in the question before
    share_of_that = r_new.operation in (Op.share, Op.percentage_of) and bool(SHARE_OF_THAT.search(low))
    # so is a comparison with the new place it names ("and how much lower is Northshire's?"): the place named is one
    # operand, the question before the other, not a place to swap into it
    compared = r_new.operation is Op.lookup and bool(r_new.subjects) and bool(COMPARING.search(low))
    if (r_new.operation in BINARY or share_of_that or compared or (r_new.operation is Op.lookup and not r_new.subjects)) \
            and not same_ask(low):
        words, prev = _relative_made_explicit(text, _dated(prev, doc_year), history[-1].answer)
        if r_new.subjects and not compared and _over_time(r_new, low):
            # "and for older workers, how much did their rate change from August?": the same measure's change for the
            # place it names, so that place stands in the question before, whose measure it asks of
            prev = _in_place_of(known, prev, r_new.subjects[0], doc_year)
        out = words.rstrip("?. ") + " — " + prev
        # a change or comparison needs two operands: a follow-up naming neither place nor year ("so what's the % rise?")
        # after two lookups ("X in 2020?", "and 2021?") is about both of them
        own = bool(r_new.subjects or r_new.years)
        if len(history) > 1 and (not own or (not r_new.subjects and re.search(r"\b(them|both|the two|these two|those two)\b", low))):
            before = history[-2].question
            if len(history) > 2:
                before = resolve_follow_up(known, before, history[:-2], doc_year)
            out += " — " + before
        return out
    if r_new.subjects and has_own_measure and OWN_ASK.search(_phrase(low)):
        # "and for Northshire overall, what was the annual increase?": a whole question of its own after its lead, about
        # a place it names and a measure of its own: nothing of the question before stands in it but its period
        return _in_context(known, text, r_new, prev, doc_year, history[-1].answer)
    swapped = _swap_period(_dated(prev, doc_year), low, history[-1].answer)
    if swapped is not None:
        out = swapped
    else:
        out = _substitute(known, prev, r_new, low, doc_year, [int(y) for y in YEAR.findall(history[-1].answer)])
        if out == prev and len(_fresh_words(text, prev)) >= 2:
            # nothing swapped into the question before, and the follow-up asks about things of its own ("and how many
            # of those forces didn't have data for the whole period?"): its own question, in the places and years before
            return _in_context(known, text, r_new, prev, doc_year)
    if r_new.operation is not Op.lookup and not same_ask(low):
        return text.rstrip("?. ") + " — " + out
    return out


def own_measure_terms(known: CorpusTerms, low: str, r_new: Reading) -> set[str]:
    """The follow-up's words that may name a measure of its own: not its words of a period ("and a year before
    that?", "and this year?"), nor what it says is the same as before ("the same three hospitals")."""
    period = {t for w in PERIOD_WORDS | {"year", "years", "season", "seasons", "before", "earlier", "after", "later"}
              for t in lexicon.canon_tokens(w)}
    same = {t for m in SAME_AS_BEFORE.finditer(low) for t in lexicon.canon_tokens(m.group(0))}
    return {t for t in r_new.terms if t not in period and t not in same}


def _over_time(r_new: Reading, low: str) -> bool:
    """Does a calculation follow-up ask how one thing changed over time ("how much did it change from August?",
    "by what % did it rise since 2020?"), not how two things compare ("how much lower than X is it?")?"""
    if re.search(r"\bthan\b|\bgap\b|\bcompar\w*|\bdifference between\b", low):
        return False
    return r_new.operation is Op.pct_change or bool(r_new.years or MONTH.search(low) or BACK_A_YEAR.search(low)
                                                    or LAST_YEAR.search(low))


def _in_place_of(known: CorpusTerms, prev: str, subject: str, doc_year: int) -> str:
    """The question before about `subject` instead of the place it named (unchanged when it named `subject` or none)."""
    old = read_question(known, prev, doc_year).subjects
    if subject in old:
        return prev
    found = _named_before(known, prev, old, subject)
    return prev if found is None else prev[:found[0]] + subject + prev[found[1]:]


_MONTH_WORD = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
               r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
# A period as written: a year or a financial year ("2022-23"), with the months or quarter before it ("January 2024",
# "October to December 2023", "Q3 2023") and the words that tie them ("between", "the year to").
PERIOD_PHRASE = re.compile(r"\b(?:(?:between|from|in|for|the year to|the \w+ months to)\s+)?(?:(?:" + _MONTH_WORD
                           + r"\.?\s+(?:(?:to|and|-|–|until)\s+" + _MONTH_WORD + r"\.?\s+)?)|q[1-4]\s+)?"
                           r"(?:19|20)\d\d(?:\s?[-–/]\s?\d\d(?!\d))?\b", re.I)
# Words saying "the latest" that a period named in their place makes wrong ("the rent now" -> "the rent in April 2023").
NOW = re.compile(r",?\s*\b(?:right now|now|currently|at the moment|at present|these days|at the latest count)\b", re.I)


def _dated(question: str, doc_year: int) -> str:
    """A question's "last year" as the year it is ("in 2023" in a 2024 article), so a period can be stepped back."""
    year = str(doc_year - 1)
    # "the whole of last year" is "the whole of 2023", not "the whole of in 2023"
    tied = re.sub(r"\b(of|for|since|from|to|than|until|over) " + LAST_YEAR.pattern[2:], r"\1 " + year, question, flags=re.I)
    return re.sub(r"\b(?:in |during )?" + LAST_YEAR.pattern[2:], f"in {year}", tied, flags=re.I)


def _period_in(text: str) -> str:
    """The first period a text writes ("between October and December 2023"), or ""."""
    m = PERIOD_PHRASE.search(text)
    return m.group(0) if m else ""


def year_before(phrase: str) -> str:
    """The same period a year earlier, written as given: every year one less ("January 2024" -> "January 2023",
    "2022-23" -> "2021-22")."""
    def back(m: re.Match[str]) -> str:
        end = m.group(2)
        return str(int(m.group(1)) - 1) + (m.group(0)[4:-2] + f"{(int(end) - 1) % 100:02d}" if end else "")
    return re.sub(r"((?:19|20)\d\d)(?:\s?[-–/]\s?(\d\d)(?!\d))?", back, phrase)


def _base_period(prev: str, answer: str) -> tuple[str, bool]:
    """The period the question before was about: the one it names, else the one its answer gave (True: from the
    answer, so the question before lacks it)."""
    said = _period_in(prev)
    return (said, False) if said else (_answer_periods(answer)[0], True)


def _answer_periods(answer: str) -> tuple[str, str]:
    """(the period an answer is of, the period a change it states is measured from), each "" when it gives none:
    "29.86 million, up 3.6% on September 2023" is of no period it names and measured from September 2023; "685,000 in
    the year to December 2023, down from 764,000 in 2022" is of 2023 and measured from 2022. A period is a change's
    base when the clause before it (from the last comma) says up, down, from, than..."""
    own = base = ""
    for m in PERIOD_PHRASE.finditer(answer):
        clause = re.split(r"[,;:(]", answer[:m.start()])[-1].lower() + " " + m.group(0).lower().split(" ")[0]
        if CHANGE_WORDS.search(clause) and BASE_WORDS.search(clause):
            base = base or m.group(0)
        else:
            own = own or m.group(0)
    return own, base


def _year_back(prev: str, answer: str) -> tuple[str, bool] | None:
    """The period a year before the one the question before asked about, written as it was (True: the question
    before named none, so the period is to be added to it), or None when neither it nor its answer says: a year
    back from the period it names, or from the period its answer gave, or the period its answer's change was
    measured from ("up 3.6% on September 2023")."""
    said = _period_in(prev)
    if said:
        return year_before(said), False
    own, base = _answer_periods(answer)
    if own:
        return year_before(own), True
    if base:
        return re.sub(r"^(?:in|for|between|from|on|than)\s+", "", base, flags=re.I), True
    return None


def _with_period(question: str, phrase: str) -> str:
    """A question that named no period, with one: its "now" dropped, the period added at the end, or its month
    given the year ("in September" -> "in September 2023")."""
    month, had = MONTH.search(phrase), MONTH.search(question)
    if month and had and month.group(0).lower()[:3] == had.group(0).lower()[:3]:
        bare = re.sub(r"^(?:in|for|between|from|on|the)\s+", "", phrase, flags=re.I)
        return question[:had.start()] + bare + question[had.end():]
    tied = re.match(r"(?:in|for|between|from|during)\b", phrase, re.I)
    return NOW.sub("", question).rstrip("?. ") + ("" if tied else " in") + " " + phrase + "?"


def _relative_made_explicit(own: str, prev: str, answer: str) -> tuple[str, str]:
    """A calculation against "the year before" ("how many more is that than a year before?") names the period the
    answer was of and the one a year earlier, so both operands' periods are read: (own words, question before).
    When neither the question before nor its answer names a period, the answer states the earlier figure itself
    ("£11.40, up from £10.20 the season before"): the words of the period are left out, the figures are its."""
    rel = BACK_A_YEAR.search(own.lower())
    if rel is None or YEAR.search(own):
        return own, prev
    start = rel.start() - 2 if own[:rel.start()].lower().endswith("a ") else rel.start()  # "than a year before"
    back = _year_back(prev, answer)
    if back is None:
        if not CHANGE_WORDS.search(answer.lower()):
            return own, prev
        lead = re.search(r"(?:\b(?:on|than|from|over|compared (?:with|to)|against|with)\s+)?$", own[:start].lower())
        cut = lead.start() if lead is not None else start
        return (own[:cut].rstrip() + " " + own[rel.end():].lstrip()).strip(), prev
    earlier, from_answer = back
    earlier = re.sub(r"^(?:in|for|between|from)\s+", "", earlier, flags=re.I)
    own = own[:start] + earlier + own[rel.end():]
    if from_answer:
        base, _ = _base_period(prev, answer)
        return own, (_with_period(prev, base) if base else prev)
    return own, prev


def _swap_period(prev: str, low: str, answer: str) -> str | None:
    """The question before asked of another period the follow-up names by itself ("what about in Jan 2023?", "and
    the year before?"), keeping how that period was written (month, quarter, financial year); None when the
    follow-up names no such period, or more than a period."""
    if not FOLLOW_UP.match(low) and not BACK_A_YEAR.search(low) or not same_ask(low):
        return None
    rest = _phrase(low)
    rel = BACK_A_YEAR.search(rest)
    if rel is not None:
        if YEAR.search(rest) or re.sub(r"\b(what|was|is|it|were|they|about|how)\b", "", rest[:rel.start()] + rest[rel.end():]).strip():
            return None
        back = _year_back(prev, answer)
        if back is None:
            return None
        new, from_answer = back
        base = "" if from_answer else _period_in(prev)
    else:
        m = PERIOD_PHRASE.fullmatch(rest)
        if m is None or not MONTH.search(rest) and not re.search(r"\bq[1-4]\b|[-–/]\d\d\b", rest):
            return None  # a bare year is swapped as before
        new, base, from_answer = m.group(0), _period_in(prev), not _period_in(prev)
    if from_answer:
        return _with_period(prev, new)
    at = prev.find(base)
    return prev[:at] + new + prev[at + len(base):]


def _in_context(known: CorpusTerms, text: str, r_new: Reading, prev: str, doc_year: int, answer: str = "") -> str:
    """A follow-up asking something of its own, with the places and years of the question before that it lacks (the
    period its answer was of when it named none: "Eastford, where rents rose 10.6% in the year to April 2024")."""
    context = read_question(known, prev, doc_year)
    extra = [s for s in context.subjects if s not in r_new.subjects] if not r_new.subjects else []
    years = [str(y) for y in context.years] if not r_new.years else []
    if not years and not r_new.years and not _period_in(text) and (said := _answer_periods(answer)[0]):
        years = [re.sub(r"^(?:in|for|from)\s+", "", said, flags=re.I)]
    return text if not (extra or years) else text.rstrip("?. ") + " (" + ", ".join(extra + years) + ")?"


def _fresh_words(text: str, prev: str) -> set[str]:
    """The follow-up's content words the question before lacks, words of asking, periods and pronouns aside."""
    common = {t for w in ASKING | PERIOD_WORDS for t in lexicon.canon_tokens(w)}
    before = set(lexicon.canon_tokens(prev.lower()))
    return {t for t in lexicon.canon_tokens(text.lower()) if t not in before and t not in common
            and t not in STOPWORDS and not PRONOUN.fullmatch(t)}


CALCULATING = re.compile(r"\b(more|less|fewer|change[sd]?|ris(e|en)|rose|f[ae]ll|up|down|increase[sd]?|decrease[sd]?|differ\w*|"
                         r"compar\w*|gap|gr[eo]w\w*|higher|lower|times|percent\w*|%|per ?cent|share|proportion|total|sum|"
                         r"average|ratio|both|together|combined|points?|over(?!-\d)|under(?!-\d)|above|below|short|beyond|per|"
                         r"work(s|ed)? out|half|double[sd]?|narrow\w*|widen\w*|wider|shr[aiu]nk\w*|gain\w*|extra|lost|"
                         r"slipp?\w*|climb\w*|jump\w*|drop\w*)\b|%")


def same_ask(low: str) -> bool:
    """Does a follow-up ask the same thing of another place, period or thing only ("and what was it the year before?",
    "what about Northshire?"), with no word of a calculation? Then it is the question before, with that swapped in,
    whatever the intent model makes of so few words."""
    return not CALCULATING.search(low)


MONTH = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|december|"
                   r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b", re.I)
LEAD = re.compile(r"^(?:(?:and|what about|how about|what of|same for|for|in|on|of|the|about|now|ok(?:ay)?|then|also|but|"
                  r"people|those|ones?)\s+)+")


def _phrase(low: str) -> str:
    """A follow-up's own words without its lead-in ("and for X?" -> "x")."""
    return LEAD.sub("", re.sub(r"[?!.,]+", " ", low).strip()).strip()


def _new_thing(known: CorpusTerms, prev: str, low: str) -> str:
    """The thing an elliptical follow-up names that the question before lacks ("and for people on prepayment
    meters?" -> "people on prepayment meters"); "" when it names nothing new, or names a measure or a split of one
    ("and with no suspect?" narrows the measure: the place stays)."""
    if not FOLLOW_UP.match(low) or not same_ask(low):
        return ""  # not elliptical, or a calculation asked ("and what's that as a % increase?"): no new thing named
    phrase = _phrase(low)
    # words and numbers both: a group may be named by its numbers ("and for the 18 to 24s?", "and the over-65s?")
    words = re.findall(r"[a-z0-9][a-z0-9'-]+", phrase)
    before = set(re.findall(r"[a-z0-9][a-z0-9'-]+", prev.lower()))
    fresh = [w for w in words if w not in STOPWORDS and w not in before and not PRONOUN.fullmatch(w)]
    v = lexicon.vocabulary()
    telling = known.measure_terms | v.key_terms | lexicon.split_terms()
    if not fresh or len(words) > 5 or any(t in telling for w in words for t in lexicon.canon_tokens(w)):
        return ""
    return phrase


def _substitute(known: CorpusTerms, prev: str, r_new: Reading, low: str, doc_year: int, answered: list[int] | None = None
                ) -> str:
    """The question before with the follow-up's new place, year, month or thing swapped in. `answered`: the years the
    last answer gave, the base of "the year before" when the question before named none."""
    out = prev
    part = lexicon.split_flag(low)
    if part in ("with", "without") and lexicon.split_flag(prev.lower()) != part and same_ask(low):
        # "and with no suspect?" after a question about drops despite a suspect: the other part of the same measure
        phrase = _phrase(low)
        out = lexicon.without_split(prev.lower()).rstrip("?. ") + f" {phrase}?"
        if not (r_new.subjects or r_new.years):
            return out
    month = MONTH.search(low)
    thing = "" if (r_new.subjects or r_new.years or month or BACK_A_YEAR.search(low) or LAST_YEAR.search(low)
                   or THIS_YEAR.search(low)) else _new_thing(known, prev, low)
    if thing:
        # "and nuclear?" after a question about gas: the new thing stands where the old place stood, or is added
        found = _named_before(known, out, read_question(known, prev, doc_year).subjects, "")
        if found is not None:
            return out[:found[0]] + thing + out[found[1]:]
        return _without_whole(out).rstrip("?. ") + f" for {thing}?"
    if month and not r_new.years:
        # "and in November?" after a question about December: swap the month
        had = MONTH.search(out)
        return (out[:had.start()] + month.group(0) + out[had.end():]) if had else out.rstrip("?. ") + f" in {month.group(0)}?"
    if r_new.subjects:
        found = _named_before(known, out, read_question(known, prev, doc_year).subjects, r_new.subjects[0])
        owner = None if found is not None else _possessor(known, out)
        if found is not None:
            out = out[:found[0]] + r_new.subjects[0] + out[found[1]:]
        elif owner is not None:
            # "and nuclear?" after "what was gas's share ...?": the thing whose share was asked is the place to swap, though
            # the article's figures do not name it as a row
            out = out[:owner[0]] + r_new.subjects[0] + out[owner[1]:]
        else:
            out = _without_whole(out).rstrip("?. ") + f" for {r_new.subjects[0]}?"
    new_years = [int(y) for y in YEAR.findall(low)]
    if BACK_A_YEAR.search(low):
        base = read_question(known, prev, doc_year).years or sorted(answered or [])
        if base:
            new_years = [base[-1] - 1]
    if LAST_YEAR.search(low):
        new_years = [doc_year - 1]
    elif THIS_YEAR.search(low) and not new_years:
        new_years = [doc_year]  # "and this year?" after a question about an earlier year: the article's own year
    span = YEAR_SPAN.search(low)
    if span is not None and len(set(YEAR.findall(out))) <= 1:
        # "and the total over 2015 to 2021?": the span as written stands where the year asked before stood
        written = f"from {span.group(1)} to {span.group(2)}"
        had = re.search(r"\b(?:in|during|for)\s+" + YEAR.pattern, out)
        if had is not None:
            return out[:had.start()] + written + out[had.end():]
        return out.rstrip("?. ") + f" {written}?"
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


# Words saying a question is about the whole (the total row): a group or place asked of next stands in their place
WHOLE = re.compile(r"\s*\b(?:overall|nationally|nationwide|in total|as a whole)\b", re.I)


def _without_whole(question: str) -> str:
    """The question before without its words of the whole ("What share of adults overall ..." -> "What share of adults
    ..."), so the group a follow-up names is not asked of the total row too."""
    return WHOLE.sub("", question)


POSSESSIVE = re.compile(r"\b([A-Za-z][\w-]*)['’]s\b")


def _possessor(known: CorpusTerms, question: str) -> tuple[int, int] | None:
    """Where a question names the one thing whose measure it asks by its possessive ("what was gas's share?"): (start,
    end) of that name, or None when it has none, or more than one, or the possessor is a period ("last year's")."""
    period = {t for w in PERIOD_WORDS | {"year", "season", "today", "week", "month"} for t in lexicon.canon_tokens(w)}
    found = [m for m in POSSESSIVE.finditer(question)
             if m.group(1).lower() not in STOPWORDS and not set(lexicon.canon_tokens(m.group(1).lower())) & period
             and not YEAR.fullmatch(m.group(1))]
    return found[0].span(1) if len(found) == 1 else None


def _named_before(known: CorpusTerms, question: str, old: list[str], new: str) -> tuple[int, int] | None:
    """Where the question before names the subject a follow-up's new one stands in for: of the subjects it names,
    the one with the most measures in common with the new one ("and in Northshire?" after "the truancy rate in
    Southshire" swaps the place, not "truancy", when the article gives truancy as a subject too); the first one named
    when the new one is not a subject of the article. (start, end) of its name, or None when it names none."""
    low = question.lower()
    spans: dict[str, tuple[int, int]] = {}
    for alias, subj in known.subjects.aliases:
        found = re.search(r"(?<![a-z])" + re.escape(alias) + r"(?![a-z])", low)
        if subj in old and found and subj not in spans:
            spans[subj] = found.span()
    if not spans:
        return None
    measures: dict[str, set[str]] = {}
    for f in known.corpus.figures:
        measures.setdefault(f.subject, set()).add(f.measure.lower())
    mine = measures.get(new, set())
    first = list(spans)  # the order the aliases are tried in, as before
    best = max(first, key=lambda subj: (len(mine & measures.get(subj, set())), -first.index(subj)))
    return spans[best]


def restates_last_answer(figures: list[Figure], answer: str) -> bool:
    """Is the figure found for a follow-up the one the last answer was about ("and what's the fine if they go over
    it?" answered with the limit just given, "what about the year before?" with this year's figure)? Its value is
    the first number the answer states (a year aside): the user has it already, so it answers nothing new. A number
    the answer adds later ("4.2 million people, 31.5% of adults") may be what a follow-up asks for."""
    if len(figures) != 1:
        return False
    for m in NUMBER_RE.finditer(answer):
        said = numbers_in(answer[m.start():m.end() + 12], words=False)
        if not said or (len(said) == 1 and 1950 <= said[0] <= 2049 and said[0] == int(said[0])):
            continue  # a year says when, not what
        v = figures[0].value
        return any(n == v or (n and abs(v - n) / abs(n) < 0.0005) for n in said)
    return False


ORDINALS = {"1": 0, "one": 0, "first": 0, "the first": 0, "the first one": 0, "the former": 0,
            "2": 1, "two": 1, "second": 1, "the second": 1, "the second one": 1, "the latter": 1}


def picked_option(text: str, labels: list[str]) -> int | None:
    """Which option of a clarifying question a reply picks: its number ("2", "the first"), or its words."""
    def norm(t: str) -> str:
        return re.sub(r"[^\w%.]+", " ", t.lower()).strip(" .")

    said = norm(text)
    for i, option in enumerate(labels):
        if said == norm(option) or ORDINALS.get(said.removeprefix("option ").strip()) == i:
            return i
    return None


# A follow-up pointing back at what was just said: "that", "it", or "then" ("whats the exact percentage increase then")
REFERS_BACK = re.compile(r"\b(?:that|it|this|those|these|they|them|then)\b")


def answered_figures(known: CorpusTerms, text: str, turns: list[Turn]) -> list[str]:
    """The figures a calculation asked of "that" takes from the last answer ("whats that as a % increase?" after "97
    cents, up from 83 cents in 2023"; "how many more is that than last year?" after "204,900, up from 201,700 a year
    earlier"): for each number the answer states (a year aside), in the order stated, the one figure of the article
    with that value (a number several figures of different rows or periods share is passed over). [] when the
    follow-up does not point back, or names a year or a place of its own that the question before did not: then its
    operands are its own."""
    if not turns:
        return []
    low = text.lower()
    if not REFERS_BACK.search(low) or YEAR.search(low):
        return []
    prev = turns[-1].question
    own = set(known.subjects.find(low, text)) - set(known.subjects.find(prev.lower(), prev))
    if own:
        return []
    return said_last(known, turns)


def said_last(known: CorpusTerms, turns: list[Turn]) -> list[str]:
    """The figures the last answer stated, in its order: for each number it states (a year aside), the one figure of
    the article with that value (a number several figures of different rows or periods share is passed over); []
    when they are not all of one document."""
    if not turns:
        return []
    out: list[str] = []
    for n in answer_numbers(turns[-1].answer):
        f = one_figure_of(known, n)
        if f is not None and f.id not in out:
            out.append(f.id)
    return out if len({known.corpus.figures_by_id[i].doc_id for i in out}) == 1 else []


def one_figure_of(known: CorpusTerms, n: float) -> Figure | None:
    """The one figure of the article an answer's number states (a date aside); None when no figure has that value or
    several of different rows or periods share it."""
    hits = [f for f in valued(known, n) if f.unit is not Unit.date]
    if not hits or len({(f.doc_id, f.subject, f.measure, f.period) for f in hits}) > 1:
        return None
    return hits[0]


SUM_SEARCH = 100_000  # the most sets of figures tried for one size of set


def summed_by_value(known: CorpusTerms, text: str, turns: list[Turn]) -> list[str]:
    """A follow-up's "that" when the last answer stated the total of the places the question before named ("add up
    A, B and C" answered "6,936,700") and no one column holds their figures (figures read from prose, whose labels
    vary, and the places may not all be read as such): the one set of two to four figures of one document and unit
    whose sum is exactly that number.
    [] when the follow-up does not point back, the number is small or rounded enough to be met by chance (under
    1,000, or a multiple of 1,000 met by a sum that is not), or no set, or more than one, adds up to it."""
    if not turns or not REFERS_BACK.search(text.lower()):
        return []
    stated = {f.value for f in known.corpus.figures}
    said = [n for n in numbers_in(turns[-1].answer, words=False)
            if n >= 1000 and n == int(n) and n % 1000 and n not in stated and not 1950 <= n <= 2049]
    found: set[tuple[str, ...]] = set()
    for doc_figs in known.corpus.figures_by_doc.values():
        for unit in (Unit.count, Unit.money):
            pool = [f for f in doc_figs if f.unit is unit and f.value >= 1]
            for k in range(2, 5):
                if comb(len(pool), k) > SUM_SEARCH:
                    break  # too many figures to try every set of them
                for combo in combinations(pool, k):
                    total = sum(f.value for f in combo)
                    if any(abs(total - n) < 0.5 for n in said) and len({f.value for f in combo}) == k:
                        found.add(tuple(sorted(f.id for f in combo)))
    return list(next(iter(found))) if len(found) == 1 else []


# "what's that per household?", "roughly how much per project?", "how many hours is that per volunteer?", "per head":
# the thing an amount just stated is shared out over
PER_THING = re.compile(r"\b(?:per|for every|for each)\s+(?P<unit>(?!cent\b|year\b|month\b|week\b|day\b)[a-z][a-z'-]*)"
                       r"(?:\s+[a-z][a-z'-]*){0,3}\s*\??\s*(?:then)?\s*[?.]?\s*$")
HEAD = re.compile(r"^(?:head|capita|person|people)$")


def _stated_with_words(known: CorpusTerms, answer: str) -> list[tuple[Figure, set[str]]]:
    """The figures an answer states, in its order (the one figure of the article with each number's value, a year
    aside), each with the words the answer writes after its number (what it counts: "582,000 households")."""
    out: list[tuple[Figure, set[str]]] = []
    for m in NUMBER_RE.finditer(answer):
        said = numbers_in(answer[m.start():m.end() + 12], words=False)
        if not said or (1950 <= said[0] <= 2049 and said[0] == int(said[0])):
            continue
        fig = one_figure_of(known, said[0])
        if fig is None:
            continue
        after = re.findall(r"[a-z][a-z'-]+", re.split(r"\d", answer[m.end():m.end() + 60].lower().lstrip("0123456789.,"))[0])
        words = {t for w in after[:4] if w not in STOPWORDS for t in lexicon.canon_tokens(w)}
        if all(fig.id != f.id for f, _ in out):
            out.append((fig, words))
    return out


def shared_out(known: CorpusTerms, text: str, turns: list[Turn]) -> list[list[str]]:
    """A follow-up sharing out what the last answer stated over a count it also stated ("what's that per household
    getting it?" after "€538 million, paid to 582,000 households"; "how many hours is that per volunteer?" after "5.9
    million people volunteered, giving 489 million hours"): [[the amount], [the count]], the ratio asked. The count is
    the stated figure whose words (in the answer or its label) name the thing counted out, or, for "per head", or an
    amount of money shared out, the one count stated; the amount is another stated figure, the one the follow-up's
    own words name when one does. [] when the follow-up counts nothing out or the answer stated no such pair."""
    if not turns:
        return []
    low = re.sub(r"[?!.,]+", " ", text.lower()).strip()
    m = PER_THING.search(low)
    if m is None or not (REFERS_BACK.search(low) or FOLLOW_UP.match(low) or len(low.split()) <= 8):
        return []
    stated = _stated_with_words(known, turns[-1].answer)
    if len(stated) < 2 or len({f.doc_id for f, _ in stated}) > 1:
        return []
    unit = set(lexicon.canon_tokens(m.group("unit")))
    counts = [(f, w) for f, w in stated if f.unit is Unit.count and f.value > 0]
    divisors = [f for f, w in counts if unit & (w | figure_terms(f))]
    if not divisors and (HEAD.match(m.group("unit")) or any(f.unit is Unit.money for f, _ in stated)):
        divisors = [f for f, _ in counts]
    own = set(lexicon.canon_tokens(low[:m.start()])) - {t for w in ASKING for t in lexicon.canon_tokens(w)}
    if not divisors:
        # "how many hours is that per volunteer?" after "5.9 million people ... 489 million hours": the count the
        # follow-up's own words name is shared out over the other one
        named = [f for f, w in counts if own & w]
        divisors = [f for f, _ in counts if f not in named] if len(named) == 1 else []
    if len(divisors) != 1:
        return []
    rest = [(f, w) for f, w in stated if f is not divisors[0] and f.unit in (Unit.count, Unit.money)]
    named = [f for f, w in rest if own & (w | figure_terms(f))]
    amount = (named or [f for f, _ in rest])[:1]
    return [[amount[0].id], [divisors[0].id]] if amount else []


# A change asked of what was just said ("whats that as a % drop?", "how much has it narrowed by?", "the exact
# percentage increase then"), not a comparison with something the follow-up names ("how much more than X ...")
CHANGE_ASK = re.compile(r"\b(?:drop(?:ped)?|f[ae]ll(?:en)?|rise|rose|risen|increase[sd]?|decrease[sd]?|up|down|change[sd]?|"
                        r"gr[eo]wn?|growth|narrow(?:ed)?|widen(?:ed)?|gain(?:ed)?|climb(?:ed)?|jump(?:ed)?|shr[aiu]nk)\b")
PERCENT_ASK = re.compile(r"%|\bper ?cent(?:age)?\b|\bpercentage\b")
# A percentage asked of what was said, with nothing else: "and in % terms?", "whats that in percentage terms?"
IN_PERCENT_TERMS = re.compile(r"\bin\s+(?:%|per ?cent(?:age)?|percentage)\s+terms\b|"
                              r"^\W*(?:and|so)?\s*(?:what(?:'?s| is) (?:that|it)\s+)?(?:as\s+an?\s+)?(?:%|percentage)\W*$")


def settled_change(known: CorpusTerms, text: str, turns: list[Turn], answered: list[str]) -> tuple[Op, list[list[str]]] | None:
    """A follow-up asking the change between the two ends of one series the last answer stated ("whats that as a %
    drop?" after "€842m, down from €960m"; "how much has it narrowed by?" after "15.8 points, against 14.4"): (the
    operation, [[the one stated second], [the one stated first]]), a percent change of amounts when a percentage is
    asked, else their difference. None when it asks no change, names something to compare with ("than"), the answer
    stated no such pair, or a percentage change of percentages is asked (percent or points: not said)."""
    low = text.lower()
    # "and in % terms?", "whats that in percentage terms?" after an answer stating a change ("£78.1m, up from £71.6m"):
    # the change it stated, as a percentage
    in_terms = bool(IN_PERCENT_TERMS.search(low)) and bool(turns) and bool(CHANGE_WORDS.search(turns[-1].answer.lower()))
    if in_terms and not answered:
        answered = said_last(known, turns)
    if not answered or not (CHANGE_ASK.search(low) or in_terms) or re.search(r"\bthan\b", low):
        return None
    by_id = known.corpus.figures_by_id
    figs = [by_id[i] for i in answered if i in by_id]
    for i, a in enumerate(figs):
        for b in figs[i + 1:]:
            series = a.measure == b.measure or (a.subject == b.subject and bool(a.period and b.period) and a.period != b.period)
            if not series or a.unit is not b.unit or a.doc_id != b.doc_id or a.value == b.value \
                    or "change" in a.measure or "change" in b.measure:
                continue
            if a.unit in (Unit.count, Unit.money):
                op = Op.pct_change if PERCENT_ASK.search(low) else Op.difference
            elif a.unit in (Unit.percent, Unit.percentage_points) and not PERCENT_ASK.search(low):
                op = Op.difference
            else:
                return None
            return op, [[b.id], [a.id]]
    return None


def series_at(known: CorpusTerms, text: str, turns: list[Turn], r: Reading) -> list[Figure]:
    """The figures a follow-up asking the same of another period means ("and in 2023?", "and the year before?", "and
    in November?"): of the series the last answer's first number belongs to (same document, subject, measure and unit;
    the number may be stated twice, in the text and a table), those of the period the resolved question `r` asks (one
    fact, stated once or twice), however the follow-up's words link to labels. [] when the follow-up asks something of
    its own (a calculation, a place or a measure), names no period, or no one fact fits."""
    low = text.lower()
    # "and a year before?" when neither the question before nor its answer named a period: a year before the period
    # of the figure the answer stated
    back = not (r.years or r.year_range or r.months) and bool(BACK_A_YEAR.search(low))
    if not turns or not same_ask(low):
        return []
    numbers = answer_numbers(turns[-1].answer)
    if not numbers:
        return []
    own = read_question(known, text, known.corpus.doc_year)
    if own_measure_terms(known, low, own) & known.measure_terms - {t for x in own.subjects for t in terms_of(x)}:
        return []
    # a place of its own ("and in London?", "what about Westshire?"): the same measure of that place; at the period
    # the follow-up names, or else the stated figure's
    places = set(own.subjects)
    own_period = bool(own.years or own.year_range or own.months or back)
    if not places and not (r.years or r.year_range or r.months or back):
        return []
    seeds = [f for f in valued(known, numbers[0]) if f.unit is not Unit.date]
    found: dict[str, Figure] = {}
    for s in seeds:
        if s.subject in places:
            continue  # the follow-up names the place the answer was of
        series = [f for f in known.corpus.figures_by_doc.get(s.doc_id, []) if (f.measure, f.unit) == (s.measure, s.unit)
                  and (f.subject in places if places else f.subject == s.subject and f.period != s.period)]
        earlier = re.sub(r"(?:19|20)\d\d", lambda m: str(int(m.group(0)) - 1), s.period)
        if back:
            fits = [f for f in series if s.period and f.period == earlier]
        elif places and not own_period:
            fits = [f for f in series if f.period == s.period]
        else:
            fits = _of_period(series, r)
        for f in fits:
            found[f.id] = f
    if not found and places and not own_period and len(seeds) == 1:
        # "what about Westshire?" where prose labels the two places' figures in other words ("2,648 homes were approved
        # in Northshire ..., and Westshire approved 1,618"): the one figure of that place stated beside the answer's, of
        # its period, unit and kind (a level or a change)
        found = {f.id: f for f in parallel_figures(known, seeds[0], places)}
    elif not found and not places and len(seeds) == 1:
        # "what about in Jan 2023?" where prose labels a series' two periods in other words ("the median wait was 14.6
        # weeks, against 14.1 weeks in January 2023"): the figure of its place stated beside it, at the period asked
        seed = seeds[0]
        near = [f for f in parallel_figures(known, seed, {seed.subject}, same_period=False) if f.period != seed.period]
        earlier = re.sub(r"(?:19|20)\d\d", lambda m: str(int(m.group(0)) - 1), seed.period)
        found = {f.id: f for f in ([f for f in near if f.period == earlier] if back else _of_period(near, r))}
    # one fact stated twice (in the text and a table) is one answer
    return list(found.values()) if len({f.value for f in found.values()}) == 1 else []


NEAR = 400  # characters: the figures of one paragraph


def parallel_figures(known: CorpusTerms, seed: Figure, places: set[str], same_period: bool = True) -> list[Figure]:
    """The figures of `places` stated near `seed` (within `NEAR` characters), of its unit and the period it ends in, and
    a change when it is one."""
    def change(f: Figure) -> bool:
        return f.measure.startswith("percent change") or "/" in f.period
    def end(f: Figure) -> str:
        return f.period.split("/")[-1]
    return [f for f in known.corpus.figures_by_doc.get(seed.doc_id, []) if f.subject in places and f.unit is seed.unit
            and (end(f) == end(seed) or not same_period) and change(f) == change(seed) and abs(f.start - seed.start) <= NEAR]


def _of_period(series: list[Figure], r: Reading) -> list[Figure]:
    """The figures of a series of the period a reading asks: of the month asked, or of the periods covering the years
    asked, the closest ("2023" is the calendar year, not 2022-23 or 2023-24)."""
    if r.months:
        return [f for f in series if month_fits(f.period, r.months)]
    asked = set(r.years) | (set(range(r.year_range[0], r.year_range[1] + 1)) if r.year_range else set())
    spans = {f.id: period_years(f.period) for f in series}
    covering = [f for f in series if (sp := spans[f.id]) and all(sp[0] <= y <= sp[1] for y in asked)]

    def off(f: Figure) -> int:
        sp = spans[f.id] or (0, 0)
        return abs(sp[0] - min(asked)) + abs(sp[1] - max(asked))
    best = min((off(f) for f in covering), default=None)
    return [f for f in covering if off(f) == best]
