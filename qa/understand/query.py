"""Reading a question: places, years, measures, the operation asked for and the numbers it quotes.

Lexical knowledge (synonyms, place names, years, operation cues) only; which figures fit
the reading is decided in `qa.understand.score`.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, fields
from datetime import date
from functools import lru_cache

from qa.model.records import Figure, Op, Turn, Unit
from qa.retrieve.memo import memo
from qa.text import lexicon
from qa.text.currencies import NAME_RE
from qa.text.dateline import shift
from qa.text.gazetteer import world_places
from qa.text.mentions import find_periods
from qa.text.numbers import WORDS, numbers_in
from qa.understand.intent import intents
from qa.understand.link import (
    LABEL_WORD,
    NAME_LINKS,
    CorpusTerms,
    count_nouns,
    counted_in,
    figure_terms,
    joint,
    terms_of,
    word_forms_match,
)
from qa.understand.verdict import Check, operation_for, read_check

OP_CLASSES = {op.value for op in Op} - {Op.text.value, Op.abstain.value, Op.claim.value, Op.when.value}
MIN_OP_CONFIDENCE = 0.4
# The intent model this sure that a question asks for a figure (a lookup or a calculation) is asking for an amount
SURE_AMOUNT = 0.6
SPAN_TOTAL = re.compile(r"\b(?:total|combined|altogether|cumulative|in all)\b")
# the operations that each answer "how far apart are these two?" in their own unit
GAPS = {Op.difference, Op.pp_difference, Op.pct_change}
# Comparing changes, in any field: "grew faster", "rose more", "the bigger rise", "a sharper fall".
CHANGE_COMPARE = re.compile(
    r"\b(grew|grow|grown|rose|rise|risen|increased?|decreased?|jump(ed)?|climb(ed)?|fell|fall(en)?|declined?|cut|"
    r"shr[iau]nk)\b"  # not "dropped": often the measure ("cases dropped")
    r".{0,40}\b(faster|quicker|slower|more|most|less|harder|deeper)\b"
    r"|\b(faster|quicker|bigger|larger|higher|greater|steeper|sharper|smaller)\s+(\w+\s+){0,2}"
    r"(rise|increase|growth|jump|fall|drop|decline|raise|hike|gain|surge|hit|loss|cut|slump)\b")
# "other than A and B", "leaving out A", "if you strip out A": the places after it are taken away from a whole
EXCLUDING = re.compile(r"\b(?:excluding|exclude|except(?: for)?|other than|apart from|aside from|outside(?: of)?|"
                       r"leaving (?:out|aside)|leave out|not counting|not including|strip(?:ping|ped)? out|take out|"
                       r"taking out|besides)\b")
CLAUSE_END = re.compile(r"[,;?]|\s(?:what|how|which|did|does|do|was|were|is|are|in \d{4}|between|from)\s")


def excluded_subjects(known: CorpusTerms, low: str) -> list[str]:
    """The places a question leaves out of a whole ("forces other than A and B", "stripping out A, how much did the
    rest grow?"): those named between the cue and the end of its clause."""
    m = EXCLUDING.search(low)
    if m is None:
        return []
    rest = low[m.end():]
    end = CLAUSE_END.search(rest)
    clause = rest[: end.start()] if end else rest
    out: list[str] = []
    for s in known.subjects.find(clause):  # "A and B" named as one joint subject is both of them left out
        out += [c for c in (known.subjects.components(s, clause) or [s]) if c not in out]
    return out


NEGATED = re.compile(r"\b(not|n't|never|weren't|wasn't|aren't|isn't)\b")
# Asking for an amount, in any field: the intent model's "text" (a name, a reason) never wins over these.
QUANTITY_ASK = re.compile(r"\bhow (many|much|long|often)\b|\bmaximum\b|\bminimum\b|\bnumber of\b|\bwhat (is|was) the (total|number|figure|rate|level)\b")

# a financial year written with both years in full: "2018/2019"
FULL_SPLIT_YEAR = re.compile(r"\b((?:19|20)\d\d)\s?/\s?((?:19|20)\d\d)\b(?!\s?[-–/]?\d)")


def _short_split(m: re.Match[str]) -> str:
    a, b = int(m.group(1)), int(m.group(2))
    return f"{a}/{b % 100:02d}" if b == a + 1 else m.group(0)


# a financial, school or crop year written short: "in 23/24", "21-22" (not an age band, "16-17 year olds", nor a
# fraction or a score of two numbers far apart: the second is the year after the first)
SHORT_SPLIT_YEAR = re.compile(r"(?<![\w£$€.,/:-])(?<!aged )(?<!ages )(?<!age )([1-4]\d)[-–/]([1-4]\d)(?![\w%/:.-]|\s?[-–]?\s?"
                              r"(?:years?|yrs?|olds?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|"
                              r"percent|points?|pts?|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b)")


def _short_year(m: re.Match[str]) -> str:
    a, b = int(m.group(1)), int(m.group(2))
    return f"20{a}/{b:02d}" if b == a + 1 else m.group(0)


SPLIT_YEAR = re.compile(r"\b((?:19|20)\d\d)\s?[-–/]\s?(\d\d)\b(?![-–/]?\d)")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
# The words that ask for a share ("expressed as a percentage of") say what to compute, not what is measured.
ASKING_FORM = re.compile(r"\bexpressed\s+as\b|\bas\s+an?\s+(?:percentage|proportion|share|fraction)\s+of\b")
# The words of a date ("for the year ended December 31", "fiscal", "as of June 30") say when, not what is measured
# (a month alone, "the September figure", may be what tells two figures apart, so it stays).
DATE_WORDS = re.compile(
    r"\b(?:(?:fiscal|financial)\s+)?(?:years?\s+)?(?:ended|ending)\b|\bfiscal\b|\bfy\b|"
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\s*\d{1,2}(?:st|nd|rd|th)?\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b")

# Words of asking and of arithmetic: a figure's label need not contain them to answer the question.
ASKING = frozenset("""difference total totals share percent percentage per cent point points higher lower more less
    fewer change rise fall increase decrease average sum ratio times proportion rate number figure figures many much
    compare compared between year years combined together overall altogether gap grow grew grown growth double
    doubled triple tripled jump jumped climb climbed add adds added adding plus minus subtract subtracting divide
    divided true false right correct wrong really actually indeed half halves third thirds quarter quarters tenth
    majority made make makes big large size count counts bigger biggest larger largest smaller smallest greater
    greatest factor multiple multiplied fold still yeah yes yep confirm faster slower quicker steeper sharper better
    worse""".split()) | frozenset(  # a number written in words is a number
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands
    million millions billion billions""".split())
# Words that ask for an amount of money ("how much did it cost?", "what did they spend?"): a money figure answers
# them whatever its label says
MONEY_WORDS = frozenset("""cost costs costing paid pay pays paying spend spends spent money cash dollars pounds euros
    dollar pound euro""".split())
# Words of a period: the years feature weighs the period; a figure's label need not repeat its month.
PERIOD_WORDS = frozenset("""january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec month months quarter quarters week weeks last previous prior
    next this yr yrs latest recent earlier period periods ago before now""".split())

BINARY = {Op.pp_difference, Op.ratio, Op.pct_change, Op.difference, Op.comparison, Op.average}
TEXT_CUES = re.compile(
    r"^\s*(who|whom|whose|why|what (is|was|does|did|do|are) (the )?(name|role|reason|job|organisation|charity|helpline|campaign)"
    r"|what did|what does|what do|how do|how does|how did|how (was|were|is|are) (the|it|they|this)\b|describe|explain"
    r"|which (charity|organisation|organization|person|group|body|official|campaign|helpline|council|law))\b"
    r"|\breasons?\b|\baccording to\b|\bwhy\b|\bdescribed?\b"
)
WHEN_CUES = re.compile(r"\b(when|what (year|month|date)|which (year|month)|since when|what time period|"
                       r"(?:what|which) (?:is|was|are|were) the (?:[\w-]+ ){0,3}dates?|"
                       r"over what (?:period|years))\b")
QUANTITY_CUES = re.compile(
    r"how (many|much|long|often|big|large)|\bnumbers?\b|per ?cent|%|\bshare\b|proportion|\brate\b|figure|total|count"
    r"|times|\brise\b|rose|increase|change|difference|\bmore\b|\bfewer\b|\bless\b|average|\bwhen\b|\byears?\b|date"
    r"|maximum|minimum|statistic|\d|higher|lower|jump|grow|fall|drop|ratio|compare|peak|most|least|fraction|majority"
    r"|\bavg\b|\bworth\b"  # "the avg donation", "what's a typical home worth?"
)
PRONOUN = re.compile(r"\b(that|it|this|those|these|they|them|same|there)\b")
FOLLOW_UP = re.compile(r"^\s*(and|so|what about|how about|what of|same for|and for|for|in|now|ok(ay)?|then|also|but)\b", re.I)
RELATIVE_PREV = re.compile(r"\b(the )?(year before|previous year|prior year|year earlier|a year earlier|preceding year)\b")
LAST_YEAR = re.compile(r"\blast year\b")
THIS_YEAR = re.compile(r"\bthis year\b")
# "this January than last", "in November compared with a year earlier": the month asked and the same month a year
# before it ("than last month" is the month before, read apart)
SAME_MONTH_BEFORE = re.compile(r"\b(?:than|vs\.?|versus|compared (?:with|to)|on|from|against)\s+(?:the same month\s+)?"
                               r"(?:last|the previous|the prior|a year (?:ago|earlier|before)|the year before)\b"
                               r"(?!\s+(?:month|week|quarter|time)\b)")
NEXT_YEAR = re.compile(r"\bnext year\b")
RANGE = re.compile(
    r"\b(?:between|from)\s+(?:april\s+)?(\d{4})\s+(?:and|to|-|–)\s+(?:the end of\s+)?(\d{4})\b|\b(\d{4})\s*[-–]\s*(\d{4})\b|\bsince\s+(?:april\s+)?(\d{4})\b"
)


@dataclass
class Reading:
    """What the question says, before any figure is chosen."""

    text: str
    lowered: str
    subjects: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    year_range: tuple[int, int] | None = None
    months: list[str] = field(default_factory=list)  # "2023-09": months the question names, dated by the dateline
    # "2023-07/2023-09": the spans of months the question names (a quarter, a half, "January to March 2024")
    spans: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # measure words, place names left out
    words: list[str] = field(default_factory=list)  # every content word, for matching passages
    part: str = ""  # which part of a split measure the question names (with, without, both)
    operation: Op = Op.lookup
    other_place: str = ""
    other_place_unmentioned: bool = False  # the place asked is nowhere in the documents read, not only without figures
    wants_unit: Unit | None = None
    numbers: list[float] = field(default_factory=list)
    quoted: list[float] = field(default_factory=list)  # numbers the question quotes, number words included
    quoted_terms: list[frozenset[str]] = field(default_factory=list)  # the words around each quoted number
    both_parts: bool = False  # "with and without a suspect": the total, not either kind
    counted: str = ""  # what "how many ..." counts: crime, force or person
    excluded: list[str] = field(default_factory=list)  # places left out: "other than A and B", "stripping out A"
    quantitative: bool = True
    is_text: bool = False
    is_when: bool = False
    is_yes_no: bool = False  # a check that wants a verdict first
    check: Check | None = None  # what the yes/no check compares
    intents: tuple[tuple[str, float], ...] = ()  # the intent model's classes, most likely first
    prior: frozenset[str] = frozenset()  # a follow-up's "that": the figures whose numbers the last answer stated
    prior_total: list[str] = field(default_factory=list)  # ... or the figures whose sum the last answer stated
    answered: list[str] = field(default_factory=list)  # ... or the figures the last answer stated, in its order
    said_last: list[str] = field(default_factory=list)  # the figures the last answer stated, whatever is asked
    # a calculation the conversation settles, of figures the last answer stated ("what's that per household?": the
    # amount over the count; "whats that as a % drop?": the change between the two ends it gave), and its operation
    settled: list[list[str]] = field(default_factory=list)
    settled_op: Op | None = None
    # "and in 2023?": the figures (one fact, maybe stated twice) of the series the last answer stated, at the period asked
    series_next: list[str] = field(default_factory=list)
    # "last year" in a store of documents published in different years: the year before each figure's own document
    # (its offset from the document's year), not one year for the whole store
    own_year: int | None = None
    # "since 2019": the range runs from that year to the latest figure, whatever year that is (`year_range` ends the
    # year before publication, but a series may go on into the year published)
    open_end: bool = False


def truncated_subject(known: CorpusTerms, place: str) -> str:
    """The subject a known place name shortens by cutting its words ("the met" -> "Metropolitan Police",
    "staffs" -> "Staffordshire Police"): each of its words (3 letters or more, "the" aside) starts a word of the
    subject's name, in order; "" when no subject, or more than one, fits."""
    words = [w for w in place.split() if w != "the"]
    if not words or any(len(w) < 3 for w in words):
        return ""
    fits = []
    for subj in known.subject_names:
        names = re.findall(r"[a-z]+", subj.lower())
        at = 0
        for w in words:
            at = next((i + 1 for i in range(at, len(names)) if names[i].startswith(w)), -1)
            if at < 0:
                break
        if at > 0 and not any(w == n for w in words for n in names):  # a cut word, not the whole word
            fits.append(subj)
    if not fits:
        return ""
    first = min(fits, key=len)  # names extraction gave one thing ("London's Metropolitan Police") count once
    return first if all(known.subjects.related(f, [first]) for f in fits) else ""


def world_places_in(low: str) -> list[str]:
    """The world's places (countries, and the divisions of some) a lower-cased question names, longest first at
    each position: word runs looked up in the set of names (no pattern over hundreds of names)."""
    names = world_places()
    if not names:
        return []
    words = [re.sub(r"'s$", "", w) for w in re.findall(r"[a-z][a-z.'&-]*[a-z]|[a-z]", low)]  # "westland's" names westland
    found, i = [], 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            run = " ".join(words[i:i + n])
            if len(words) - i >= n and run in names:
                found.append(run)
                i += n
                break
        else:
            i += 1
    return found


def other_places() -> re.Pattern[str] | None:
    """The gazetteer's places (from the vocabulary) as one pattern, longest first."""
    places = lexicon.vocabulary().places
    if not places:
        return None
    return _places_pattern(tuple(places))


@lru_cache(maxsize=8)
def _places_pattern(places: tuple[str, ...]) -> re.Pattern[str]:
    """Built once per gazetteer, not once per question."""
    return re.compile(r"(?<![a-z])(" + "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True)) + r")(?![a-z])")
SHORT_TYPOS = {"wen": "when", "wat": "what", "hw": "how", "hwo": "how", "whn": "when", "wht": "what", "waht": "what",
               # text-speak a phone typist writes for ordinary words: "last yr", "how many ppl", "4 hrs", "the avg"
               "yr": "year", "yrs": "years", "ppl": "people", "hrs": "hours", "rn": "now",
               "thru": "through"}


MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
# A month named ("in September", "Sept 2023"); "may" only with a year or after a preposition, since it is also a verb.
MONTH_ASKED = re.compile(r"\b(?:(?P<prep>in|for|of|during|from|to|since|by|until|end of)\s+)?(?P<m>jan(?:uary)?|feb(?:ruary)?|"
                         r"mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|"
                         r"nov(?:ember)?|dec(?:ember)?)\b(?:\s+(?P<y>(?:19|20)\d\d)\b)?")
# what is ahead ("what will the bill be from January?", "the cap is expected to fall in April"), not what was
# expected of a month gone ("did the September number beat what forecasters expected?")
FUTURE = re.compile(r"\b(will|next|coming|upcoming|due)\b|\b(?:is|are|be)\s+(?:forecast|expected)\b")
LAST_MONTH = re.compile(r"\blast month\b|\bthis past month\b")


# the rest of a range of months after its first month, up to its year ("-oct 2024", " to march 2024")
RANGE_END = re.compile(r"\s*(?:(?:to|-|–|until|through)\s*)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+"
                       r"((?:19|20)\d\d)\b")


def months_asked(low: str, published: date | None) -> list[str]:
    """The months a question names, as "YYYY-MM": a month with its year, or the latest such month on or before the
    article's date; "last month" is the month before the article's. [] without a date to place them."""
    if published is None:
        return []
    ahead = bool(FUTURE.search(low))  # "what will the bill be from January?": the next January, not the last
    out = []
    for m in MONTH_ASKED.finditer(low):
        if m.group("m") == "may" and not (m.group("prep") or m.group("y")):
            continue
        month = next(i + 1 for i, name in enumerate(MONTH_NAMES) if name.startswith(m.group("m")[:3]))
        upto = RANGE_END.match(low, m.end())  # "jan-oct 2024", "january to march 2024": the range's year
        if m.group("y"):
            year = int(m.group("y"))
        elif upto:
            year = int(upto.group(1))
        elif ahead:
            year = published.year + (month < published.month)
        else:
            year = published.year - (month > published.month)
        out.append(f"{year:04d}-{month:02d}")
    if LAST_MONTH.search(low):
        y, mo = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
        out.append(f"{y:04d}-{mo:02d}")
    return list(dict.fromkeys(out))


def dated_by(known: CorpusTerms, low: str, subjects: list[str]) -> date | None:
    """The date a question's months are counted back from ("in September" is the September before it): the
    publication date of the document it asks about, when the store holds documents of several dates. That document
    gives a figure of the month so counted (of the places named, if any); of several such, the one sharing most of
    the question's words, weighted by rarity. None when no month is asked, or no document (or two alike) fits."""
    if not MONTH_ASKED.search(low) and not LAST_MONTH.search(low):
        return None
    docs = known.corpus.documents
    if subjects:
        named = set().union(*(known.subjects.docs.get(s, set()) for s in subjects))
        docs = [d for d in docs if d.id in named] or docs
    words = set(lexicon.canon_tokens(low))
    idf = known.idf
    weight: dict[date, float] = {}
    for d in docs:
        asked = set(months_asked(low, d.published))
        if not asked & known.month_periods.get(d.id, frozenset()):
            continue
        # how well the question's words fit the document's figures of those months
        weight[d.published] = max(weight.get(d.published, 0.0), max(
            sum(idf.get(t, 0.0) for t in words & (figure_terms(f) | terms_of(f.subject)))
            for f in known.corpus.figures_by_doc.get(d.id, []) if f.period.split("/")[-1] in asked))
    ranked = sorted(weight.items(), key=lambda x: -x[1])
    if len(ranked) == 1 or (ranked and ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None

# The things named taken together ("for the two forces combined", "between them").
TOGETHER = re.compile(r"\b(?:combined|together|altogether|between them|all told|in total)\b")
# "What does X cost?", "what did they pay?": an amount of money asked, though "what does" starts most text questions.
PRICE_ASK = re.compile(r"\bwhat (?:does|did|do|will|would)\b[^?—]{0,80}\b(?:cost|pay|earn|spend|charge|make(?! of\b)|"
                       r"(?:bring|take|rake) in)\b")
# A follow-up measuring what was just said against something else ("how much was that up on April 2023?", "how much
# less is that than in 2022?"): an amount asked with a comparison's "than", "on" or "from".
GAP_ASKED = re.compile(r"\bhow (?:much|many)\b.{0,40}\b(?:(?:more|less|fewer|higher|lower|up|down|over|under|above|below|"
                       r"bigger|smaller)\b.{0,40}\b(?:than|on|from)\b|(?:over|under|above|below|short of|off)\s+(?:the|its|their)\b)")
# How much something moved, asked of a follow-up's "it" ("so how much has it narrowed by?", "how much extra is that?",
# "how many dollars did it gain at the next one?"): the gap between two figures
MOVED_ASKED = re.compile(r"\bhow (?:much|many)\b.{0,40}\b(?:narrow|widen|shr[aiu]nk|gain|extra|lost|slipp?|climb|jump|drop)\w*"
                         r"|\bhow far\b.{0,20}\b(?:below|above|behind|ahead|short|off|under|over)\b")
# A change asked ("how much did the number of entries grow?"): the number named is what changed, not the answer's unit.
CHANGED = re.compile(r"\b(?:grow|grew|grown|rise|rose|risen|increased?|fall|fell|fallen|decreased?|drop(?:ped)?|"
                     r"declined?|jump(?:ed)?|go(?:ne)? (?:up|down)|went (?:up|down)|change[sd]?)\b")
# The names of money's units: "how many euros?" asks an amount of money, not a count.
CURRENCY_WORDS = r"(?:euros?|pounds?|dollars?|cents?|pence|quid|bucks|won|" + NAME_RE + r")\b"
# Words that ask for a gap between two figures, or a change: without them, one thing of one period is looked up.
GAP_CUES = re.compile(r"\b(?:more|less|fewer|than|chang\w*|ris\w*|rose|fall\w*|fell|grow\w*|grew|increas\w*|decreas\w*|"
                      r"differen\w*|gap|between|compar\w*|up|down|drop\w*|jump\w*|climb\w*|declin\w*|lower|higher|"
                      r"bigger|smaller|larger|vs|versus|gain\w*|lost|los[et]\w*|shr[iu]nk\w*|shrank|cut|after|before|"
                      r"since|below|above|beat|short|over|under|behind|ahead|apart|extra|add\w*|if|would|far)\b")
IN_TERMS = re.compile(r"\bin (percentage|percent|real|cash|absolute|relative|nominal|numerical|raw) terms?\b")


# Operations over two or more things named: "A and B combined", "A plus B", "A or B", "A vs B", "more in A than B"
NAMED_OPS = frozenset({Op.sum, Op.difference, Op.pct_change, Op.pp_difference, Op.ratio, Op.comparison,
                       Op.change_comparison})
# what stands between two things named as operands
JOINED = re.compile(r"\b(?:and|plus|or|vs|versus|than|against|compared (?:with|to)|to)\b|[+,&/]")


def named_rows(known: CorpusTerms, low: str) -> list[str]:
    """The rows of one table a question names as its operands by their own words, in any form ("animal welfare and
    environmental charities" for the rows Animal welfare and Environment, "highways or leisure and libraries" for
    Highways and transport and Leisure, libraries and culture, "offshore plus onshore"): two or more labels of one
    document with a measure in common, each named by words that no other label of the document has, one after the
    other with "and", "plus", "or", "vs", "than" or a comma between them. The document whose rows the question names
    by the most words; [] when none, or two documents tie."""
    asked = [(m.start(), m.end(), m.group(0)) for m in LABEL_WORD.finditer(low)
             if m.group(0) not in lexicon.STOPWORDS and m.group(0) not in ASKING and m.group(0) not in PERIOD_WORDS]
    found: list[tuple[int, list[tuple[int, int, str]]]] = []
    for doc, rows in known.row_words.items():
        hits: dict[str, list[tuple[int, int]]] = {}
        for start, end, w in asked:
            owners = [s for s, own in rows.items() if any(word_forms_match(w, x) for x in own)]
            if len(owners) == 1:  # a word two rows have a form of names neither
                hits.setdefault(owners[0], []).append((start, end))
        if len(hits) < 2:
            continue
        named = sorted(((min(p[0] for p in at), max(p[1] for p in at), s) for s, at in hits.items()))
        measures = {s: {f.measure for f in known.corpus.figures_by_doc.get(doc, []) if f.subject == s} for _, _, s in named}
        common = set.intersection(*measures.values())
        if not common:
            continue
        spans = [low[a[1]:b[0]] for a, b in zip(named, named[1:], strict=False)]
        if not all(b[0] > a[1] and JOINED.search(gap) for gap, a, b in zip(spans, named, named[1:], strict=False)):
            continue
        found.append((sum(len(at) for at in hits.values()), named))
    if not found:
        return []
    found.sort(key=lambda x: -x[0])
    if len(found) >= 2 and found[0][0] == found[1][0]:
        return []
    return [s for _, _, s in found[0][1]]


def unscoped(known: CorpusTerms, subjects: list[str], low: str) -> list[str]:
    """The subjects a question names less those that are the scope of another one's figures: a name written whose words
    are all in the measure of figures of another subject named ("visitors to Westland from Eastland" of a table of
    Eastland's "foreign visitor arrivals to Westland") is where or what the figures count, not a second operand."""
    if len(set(subjects)) < 2:
        return subjects
    measures = known.doc_measures
    tables = known.table_measures
    # a row of a table is no scope of a measure only one subject of its document has ("percent change in the north
    # vale list" of the whole country, read from a sentence, does not make the North Vale row its scope)
    kept = [s for s in subjects if not any(
        o != s and any(scope_of(name, m) for name in names_asked(known, s, low) for d, m in measures.get(o, ())
                       if (d, m) in tables or not {(d, n) for _, n in measures.get(s, ())} & tables)
        for o in subjects)]
    return kept or subjects


def measure_like(known: CorpusTerms, subject: str, low: str) -> bool:
    """Is every name of a subject the question writes words of the measure of another subject's figures ("dwellings"
    of a subject Widgets beside Northland's "widgets approved")?"""
    names = names_asked(known, subject, low)
    return bool(names) and all(any(scope_of(name, m) for o, ms in known.subject_measures.items() if o != subject
                                   for m in ms) for name in names)


def names_asked(known: CorpusTerms, subject: str, low: str) -> list[str]:
    """The names of a subject (its own, or an alias) a question writes."""
    return [a for pattern, a, s in known.subjects.patterns if s == subject and a in low and pattern.search(low)]


def scope_of(name: str, measure: str) -> bool:
    """Are all the words of a subject's name (less linking words) words of a measure, in any form?"""
    words = [w for w in re.findall(r"[a-z]+", name.lower()) if w not in NAME_LINKS]
    have = re.findall(r"[a-z]+", measure.lower())
    return bool(words) and all(any(word_forms_match(w, x) for x in have) for w in words)


def sibling_pair(known: CorpusTerms, subjects: list[str]) -> bool:
    """Do two of the subjects have figures of one measure in one document (two rows of a table)?"""
    keys: dict[str, set[tuple[str, str]]] = {}
    for f in known.corpus.figures:
        if f.subject in subjects:
            keys.setdefault(f.subject, set()).add((f.doc_id, f.measure))
    sets = list(keys.values())
    return any(sets[i] & sets[j] for i in range(len(sets)) for j in range(i + 1, len(sets)))


def read_question(known: CorpusTerms, text: str, doc_year: int) -> Reading:
    """What the question says. Within one question (`qa.retrieve.memo`) the same words are read once: each caller
    gets its own copy of the reading (its lists too), to change as it likes."""
    kept = memo("query.readings")
    if kept is None:
        return _read_question(known, text, doc_year)
    key = (id(known), text, doc_year)
    if key not in kept:  # `known` is kept with the reading, so its id stays its own while the memo lives
        kept[key] = (known, _read_question(known, text, doc_year))
    return _copy(kept[key][1])


def _copy(r: Reading) -> Reading:
    out = copy.copy(r)
    for f in fields(r):
        value = getattr(r, f.name)
        if isinstance(value, list):
            setattr(out, f.name, list(value))
    return out


def unshorten(text: str) -> str:
    """A phone typist's shorthand written out ("the yr before" -> "the year before", "wat" -> "what")."""
    return re.sub(r"[A-Za-z]+", lambda m: SHORT_TYPOS.get(m.group(0).lower(), m.group(0)), text)


def _read_question(known: CorpusTerms, text: str, doc_year: int) -> Reading:
    text = unshorten(text)
    corrected = known.vocab.correct(text)
    low = corrected.lower().replace("’", "'").replace("per cent", "percent")
    low = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", low)
    low = IN_TERMS.sub(r"\1", low)  # "in percentage terms" asks for a percentage: "terms" is no measure word
    low = FULL_SPLIT_YEAR.sub(_short_split, low)  # "2018/2019" is the financial year "2018/19", not two years
    low = SHORT_SPLIT_YEAR.sub(_short_year, low)  # "23/24" is the financial year "2023/24"
    r = Reading(text=corrected, lowered=low)
    r.subjects = known.subjects.find(low, corrected)
    gazetteer = other_places()
    for place in gazetteer.finditer(low) if gazetteer else ():
        if any(place.group(0) in s.lower() for s in r.subjects):
            continue
        short = truncated_subject(known, place.group(0))
        if short:  # "the Met" for the Metropolitan Police the figures name: a short form, not another place
            r.subjects.append(short)
            continue
        r.other_place = place.group(0)
        break
    for name in world_places_in(low) if not r.other_place else ():
        # a place of the world that no subject names and no document mentions: the corpus does not cover it
        if not any(name in s.lower() for s in r.subjects) and not re.search(
                r"(?<![a-z])" + re.escape(name) + r"(?![a-z])", known.corpus_text):
            r.other_place, r.other_place_unmentioned = name, True
            break
        if not r.subjects and only_jointly(known, name, low):
            r.other_place = name  # "Southshire alone" when the figures are for Northshire and Southshire together
            break
        if not any(name in s.lower() for s in r.subjects) and not known.gives_figures_for(name):
            r.other_place = name  # mentioned ("figures for Westland were withheld") but given no figure
            break
    if r.other_place and r.subjects:  # "South Northland" is another place, not Northland named
        rest = known.subjects.find(re.sub(r"(?<![a-z])" + re.escape(r.other_place) + r"(?![a-z])", " ", low), corrected)
        r.subjects = [s for s in rest if s in r.subjects]
        if all(measure_like(known, s, low) for s in r.subjects):
            r.subjects = []  # "widgets approved in Southland": the place asked is the subject, "widgets" the measure
    named = r.subjects
    r.subjects = unscoped(known, named, low)
    scope_words = [t for s in named if s not in r.subjects for a in names_asked(known, s, low) for t in sorted(terms_of(a))]
    rng = RANGE.search(low)
    if rng:
        g = [int(x) for x in rng.groups() if x]
        r.year_range = (g[0], g[1] if len(g) > 1 else doc_year - 1)
        if rng.group(5):  # "since 2019"; "since 2018-19" counts from the year a split year ends in, as its figures do
            r.open_end = True
            split_from = SPLIT_YEAR.match(low, rng.start(5))
            if split_from is not None and (g[0] + 1) % 100 == int(split_from.group(2)):
                r.year_range = (g[0] + 1, max(g[0] + 1, r.year_range[1]))
    r.years = [int(y) for y in YEAR.findall(low)]
    starts = {int(a) for a, b in SPLIT_YEAR.findall(low) if (int(a) + 1) % 100 == int(b)}
    # "in 2022-23": a financial or school year, counted by the year it ends in, as its figures' periods are
    r.years = [y + 1 if y in starts else y for y in r.years]
    relative = [-1] * bool(LAST_YEAR.search(low)) + [1] * bool(NEXT_YEAR.search(low))
    if relative == [-1] and THIS_YEAR.search(low) and not r.years:
        relative = [0, -1]  # "in H1 this year than in H1 last year": both years
    if len(relative) == 1 and not r.years and len(set(known.published_years.values())) > 1:
        r.own_year = relative[0]  # each document's own last (next) year: read against the figure's document
    else:
        r.years += [doc_year + k for k in relative]
    published = max((d.published for d in known.corpus.documents), default=None)
    quarters = quarters_asked(corrected, published)
    # a span's own month names ("Jan-Oct 2024") are the span's, not months asked on their own
    outside = low
    for start, end, _, _ in quarters:
        outside = outside.replace(corrected[start:end].lower(), " ")
    r.months = months_asked(outside, dated_by(known, low, r.subjects) or published)
    for start, end, first_month, last_month in quarters:
        # "in Q3 2022-23", "the third quarter of 2023", "January to March 2024": months, read as documents' periods are
        # read, so the figure of those months fits and the year written inside them is not asked on its own
        # the years written inside the span, as they were read above ("2022-23" was read as 2023); only those: "Q3 2023"
        # is not also 2024, which the question may name for another span ("Q3 2024 than Q3 2023")
        words = corrected[start:end]
        split_starts = {int(a) for a, b in SPLIT_YEAR.findall(words) if (int(a) + 1) % 100 == int(b)}
        inside = {int(y) + (int(y) in split_starts) for y in YEAR.findall(words)}
        r.years = [y for y in r.years if y not in inside or y == int(last_month[:4])]
        if int(last_month[:4]) not in r.years:
            r.years.append(int(last_month[:4]))
        r.months.append(last_month)
        r.spans.append(f"{first_month}/{last_month}")
    if len(r.months) == 1 and not r.spans and SAME_MONTH_BEFORE.search(low):
        r.months.append(shift(r.months[0], 12))  # "this January than last": January a year before too
    r.months += other_years_months(r.years, r.months, r.year_range)
    span_years = {int(sp[-7:-3]) for sp in r.spans}
    if len(span_years) == 1:  # the spans asked of those other years too (a span is dated by its last month)
        (own,) = span_years
        r.spans += [shift(sp, 12 * (own - y)) for y in sorted({int(m[:4]) for m in r.months} - span_years)
                    for sp in list(r.spans)]
    masked = ASKING_FORM.sub(" ", DATE_WORDS.sub(" ", known.subjects.mask(low)))
    ignore = lexicon.vocabulary().ignore_terms
    r.terms = [t for t in lexicon.canon_tokens(masked) if t not in ignore and t not in WORDS]
    r.terms += [t for t in scope_words if t not in r.terms]  # the scope named is words of the measure asked
    r.words = [t for t in lexicon.canon_tokens(low) if t not in ignore and t not in WORDS]
    r.quantitative = bool(QUANTITY_CUES.search(low) or PRICE_ASK.search(low))  # "what did X bring in?": an amount
    r.numbers = [n for n in numbers_in(low, words=False) if not (1950 <= n <= 2049 and n == int(n))]
    r.part = lexicon.split_flag(low)
    r.quoted, r.quoted_terms = quoted_numbers(known.subjects.mask(low, keep_digits=True), low)
    r.both_parts = lexicon.both_parts(low)
    asked = re.search(r"\bhow many\s+((?:[\w']+\s+){0,3}?)(?=" + count_nouns().pattern[2:-2] + r")", low)
    r.counted = counted_in(low[asked.end():]) if asked else ""
    r.is_when = bool(WHEN_CUES.search(low))
    r.excluded = excluded_subjects(known, low.split(" — ")[0])
    r.is_text = bool(TEXT_CUES.search(low)) and not re.search(r"(how many|what (share|percentage|proportion))", low) \
        and not PRICE_ASK.search(low)
    r.intents = intents(corrected.split(" — ")[0])  # a follow-up's own words say what it asks
    ops = [(Op(c), p) for c, p in r.intents if c in OP_CLASSES]
    # An unsure reading ("what about staffs?") asks for the plainest thing: look the figure up. A reading sure that a
    # gap between two figures is asked, unsure only which kind of gap (points, amount or percent), is not unsure.
    top = ops[0][0]
    sure = ops[0][1] if top not in GAPS else sum(p for o, p in ops if o in GAPS)
    r.operation = top if sure >= MIN_OP_CONFIDENCE else Op.lookup
    if top is Op.sum and r.year_range and SPAN_TOTAL.search(low):
        r.operation = Op.sum  # "the total X between 2017 and 2019": the model's likeliest reading, said by the span
    own = low.split(" — ")[0] if " — " in low else ""
    if own and r.operation is Op.lookup and (GAP_ASKED.search(own) or MOVED_ASKED.search(own)):
        r.operation = Op.difference  # "how much less is that than in 2022?" of the answer before: the gap, not a figure
    if own and r.operation is Op.lookup and TOGETHER.search(own) and (
            len(set(r.subjects)) >= 2 or any(len(known.subjects.components(s, low)) >= 2 for s in r.subjects)):
        r.operation = Op.sum  # "how many is that for the two combined?" after two answers: their total
    if r.operation is Op.share and NEGATED.search(low):
        r.operation = Op.complement  # "what share were NOT dropped?": the rest of a share
    top, p_top = r.intents[0]
    r.is_yes_no = top == "yes_no" and p_top >= MIN_OP_CONFIDENCE  # an unsure reading is no yes/no check either
    if top == "text" and not r.is_when and not QUANTITY_ASK.search(low) and not PRICE_ASK.search(low):
        r.is_text = not re.search(r"\b(how many|what (share|percentage|proportion))\b", low)
    if top == "when" and p_top >= 0.5:
        r.is_when = True
    if r.is_text and r.operation is Op.comparison and len(set(r.subjects)) >= 2 and re.search(r"\bor\b", low):
        r.is_text = False  # "who cancelled more, A or B?": two named things compared, not a name asked for
    if r.operation in NAMED_OPS and not sibling_pair(known, r.subjects) and (rows := named_rows(known, low)):
        r.subjects = rows  # two rows of a table named by their own words: the operands, not the names found before
    if CHANGE_COMPARE.search(low) and len(r.subjects) >= 2 and r.operation in (Op.comparison, Op.pct_change,
                                                                                  Op.difference, Op.lookup):
        r.operation = Op.change_comparison  # "which grew faster?": two changes compared, not two figures
    r.check = None if r.operation is Op.change_comparison else read_check(low, r.subjects)
    if r.operation is not Op.lookup and ops[0][1] >= 0.5:
        r.quantitative = True  # the intent model is sure it asks for a calculation
    if top in OP_CLASSES and p_top >= SURE_AMOUNT and not r.is_when:
        # ... or sure it asks for an amount, in words that name none ("what did X bring in?", "what's a typical home
        # worth?", "the avg donation per donor"): a figure, not a passage
        r.quantitative = True
    if r.check is not None:  # a yes/no check: its form says which calculation decides it
        r.is_yes_no = True
        r.is_text = False
        r.quantitative = True  # "did the list get shorter?" is decided by figures, not by a passage
        r.operation = operation_for(r.check)
    if r.operation is Op.difference and " — " not in low and len(set(r.subjects)) == 1 and len(set(r.years)) <= 1 \
            and not (r.year_range or r.months or r.quoted or r.check) and not GAP_CUES.search(low):
        r.operation = Op.lookup  # one thing, one period, no word of a gap: "how many came to A from B in 2024?"
    if r.operation in BINARY and len(r.subjects) == 1 and not re.search(r"\b(combined|together|total|joint|altogether)\b", low):
        parts = known.subjects.components(r.subjects[0], low)
        if len(parts) >= 2:
            r.subjects = parts
    if re.search(r"\bhow long\b|\byears?'? (in prison|imprisonment|jail)|maximum (sentence|penalty|term)", low):
        r.wants_unit = Unit.years
    elif r.is_when:
        r.wants_unit = Unit.date
    elif re.search(r"\bhow many (?:percentage |percent |%\s?)?points\b(?! of)", low):
        r.wants_unit = Unit.percentage_points  # "by how many points?": a gap between two percents, no count
    elif re.search(r"\bhow many (?:more |fewer |less |extra )?" + CURRENCY_WORDS, low):
        r.wants_unit = Unit.money  # "how many euros a month?", "how many cents did the fare go up by?"
    elif (re.search(r"\bhow many\b(?! times)", low) or re.search(r"\bnumber of\b", low) and not CHANGED.search(low)) \
            and not re.search(r"percent|%|proportion|\b(what|a|the) share\b", low):
        r.wants_unit = Unit.count
    elif r.operation in (Op.share, Op.complement) and not (re.search(r"\brate\b", low) and known.count_rates) \
            or re.search(r"percent|%|\b(what|a|the) share\b|share of|proportion|\bfraction of\b", low):
        r.wants_unit = Unit.percent  # (a share read by the intent model alone: "the rate" where rates are per head is no share)
    elif re.search(r"\bmoney\b", low):
        r.wants_unit = Unit.money  # "how much money ...?", "the total take, money-wise": an amount of money, no count
    elif re.search(r"\brate\b", low) and not re.search(r"\bper\s+(\d|head|capita|person|thousand|hundred|million)", low) and (
            not known.count_rates):
        r.wants_unit = Unit.percent  # a rate is a percentage, unless the documents give rates per head of population
    if r.check is not None and r.check.kind in ("value_above", "value_is") and r.check.unit in CHECK_UNITS:
        r.wants_unit = CHECK_UNITS[r.check.unit]  # "more than 400 cases": the answer is a count, not the share dropped
    elif r.check is not None and r.check.kind == "share_above":
        r.wants_unit = Unit.percent
    elif r.check is not None and r.check.kind in CHANGE_CHECKS and r.wants_unit in (Unit.count, Unit.money):
        r.wants_unit = None  # "did the number of councillors double?" is answered by a change, not by a count
    return r


CHECK_UNITS = {"count": Unit.count, "money": Unit.money, "percent": Unit.percent, "years": Unit.years}
CHANGE_CHECKS = frozenset({"direction", "multiple", "change_above", "ratio_above"})


# A number as quoted, with its scale when it has one ("£14.5m", "2.3 million", "300k" are the amounts, not 14.5); the
# end of a financial or school year ("2023/24", "2024-25") is part of a period, not a number quoted
NUMBER_TOKEN = re.compile(r"(?<![\d.])(?<!\d\d\d\d[/–-])\d[\d,]*(?:\.\d+)?(?:\s?(?:m|bn|k|million|billion|trillion|thousand)\b)?|\b(?:"
                          + "|".join(w for w in WORDS if w != "one") + r")\b")


def quoted_numbers(text: str, original: str) -> tuple[list[float], list[frozenset[str]]]:
    """Numbers the question quotes, each with the words just around it ("the 71 cases closed").

    `text` has place names blanked (so "the two forces" quotes nothing); the words around
    a number are read from `original`, which has the same length.
    """
    values: list[float] = []
    contexts: list[frozenset[str]] = []
    for m in NUMBER_TOKEN.finditer(text):
        found = numbers_in(m.group(0))
        if not found:
            continue
        v = found[0]
        if v == 1 or (1950 <= v <= 2049 and v == int(v)):
            continue
        after = re.sub(r"[\d,.]+", " ", original[m.end(): m.end() + 40])
        before = original[max(0, m.start() - 20): m.start()]
        ctx = set(terms_of(" ".join(after.split()[:4]) + " " + " ".join(before.split()[-2:])))
        if re.match(r"\s*(%|percent)", text[m.end():]):
            ctx.add("%")
        values.append(v)
        contexts.append(frozenset(ctx))
    return values, contexts


def stated_before(known: CorpusTerms, text: str, turns: list[Turn]) -> frozenset[str]:
    """The figures a follow-up that refers back ("what % rise is that?", "the rise between those two years?") points at:
    those whose numbers the conversation's answers stated. A number several figures share says nothing: passed over."""
    if not turns or not PRONOUN.search(text.lower()):
        return frozenset()
    said = [n for t in turns for n in answer_numbers(t.answer)]
    out: set[str] = set()
    for n in said:
        hits = [f.id for f in valued(known, n)]
        if 0 < len(hits) <= 2:
            out.update(hits)
    return frozenset(out)


def answer_numbers(answer: str) -> list[float]:
    """The numbers an answer states, in order, a year aside (a year says when, not what)."""
    return [n for n in numbers_in(answer, words=False) if not (1950 <= n <= 2049 and n == int(n))]


def valued(known: CorpusTerms, n: float) -> list[Figure]:
    """The figures whose value an answer's number states (as shown, to within rounding)."""
    return [f for f in known.corpus.figures if f.value == n or (n and abs(f.value - n) / abs(n) < 0.0005)]


def summed_before(known: CorpusTerms, text: str, turns: list[Turn]) -> list[str]:
    """A follow-up's "that" when the last answer stated a total no figure states ("the six forces recorded 29,263",
    "about 3.32 million acres", to three figures): the figures of one measure, period and unit in one document whose
    sum is that number, those of the places the question before named or, when it named none, every row of the
    column (less a total row). [] when the question does not refer back, or nothing adds up to a number stated."""
    if not turns or not PRONOUN.search(text.lower()):
        return []
    stated = {f.value for f in known.corpus.figures}
    # a number the answer states that no figure states: a total it worked out ("672,448: 380,609 in A and ...")
    said = [n for n in numbers_in(turns[-1].answer, words=False)
            if n and n not in stated and not (1950 <= n <= 2049 and n == int(n))]
    if not said:
        return []
    named = set(known.subjects.find(turns[-1].question.lower(), turns[-1].question))
    columns: dict[tuple[str, str, str, Unit], list] = {}
    for f in known.corpus.figures:
        if f.unit in (Unit.count, Unit.money):
            columns.setdefault((f.doc_id, f.measure, f.period, f.unit), []).append(f)
    for figs in columns.values():
        if named & {f.subject for f in figs}:  # "add up A, B and C": the rows of the places the question before named
            groups = [[f for f in figs if f.subject in named]]
            if len(groups[0]) < 2 or len(groups[0]) < len(named):
                continue
        else:  # "add up all six in the table" (a name the column's rows lack is no row): every row, or every row less
            # a total row that may be the sum of the others (a row about half the column may be no total)
            rows = sorted(figs, key=lambda f: f.value)
            groups = [rows[:-1], rows] if len(rows) >= 3 else [rows]
            if len(rows) < 2:
                continue
        for group in groups:
            total = sum(f.value for f in group)
            if any(abs(total - n) <= max(abs(n) * 0.0015, 0.5) for n in said):  # "about 3.32 million" is rounded
                return [f.id for f in group]
    return []


SPAN_CUE = re.compile(r"\b[Qq][1-4]\b|\bquarter\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*"
                      r"(?:to|-|–|and|until|through)\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)


def quarters_asked(text: str, published: date | None) -> list[tuple[int, int, str, str]]:
    """(start, end, first month, last month) of each part of a year a question names as a span of months: a quarter ("Q3 2023",
    "Q3 2022-23" of a financial year, "the third quarter of 2023") or months ("January to March 2024")."""
    if published is None or not SPAN_CUE.search(text):
        return []  # most questions name no quarter or span of months: the period reader is not run for them
    out = []
    for p in find_periods(text, published):
        if p.kind in ("part", "range") and re.fullmatch(r"\d{4}-\d\d/\d{4}-\d\d", p.period):
            first, last = p.period.split("/")
            if first[:4] == last[:4] or int(last[5:]) - int(first[5:]) + 12 * (int(last[:4]) - int(first[:4])) < 11:
                out.append((p.start, p.end, first, last))
    return out


def other_years_months(years: list[int], months: list[str], year_range: tuple[int, int] | None) -> list[str]:
    """The months asked of the other years a question names, when it gives months for one year only: "in Jan-Oct 2024
    than in the same months of 2023", "in Q3 2024 than 2023" compare those months of both years."""
    month_years = {int(m[:4]) for m in months}
    if year_range or len(set(years)) < 2 or len(month_years) != 1 or not month_years <= set(years):
        return []
    (own,) = month_years
    return sorted({f"{y}{m[4:]}" for y in set(years) - {own} for m in months})


def only_jointly(known: CorpusTerms, place: str, low: str) -> bool:
    """Is a place the question names on its own ("Southshire alone") given by the figures only as part of a joint name
    ("Northshire and Southshire"), which the question does not name?"""
    pat = re.compile(r"(?<![a-z])" + re.escape(place) + r"(?![a-z])")
    holders = [sub for sub in known.subject_names if pat.search(sub.lower())]
    if not holders or any(not joint(sub) for sub in holders):
        return False
    joints = {m.group(0) for sub in holders for m in re.finditer(r"[a-z]+ (?:and|&) [a-z]+", sub.lower()) if pat.search(m.group(0))}
    return not any(j in low for j in joints)
