"""Reading a question: places, years, measures, the operation asked for, and scoring figures.

Lexical knowledge (synonyms, place names, years, operation cues) is combined with the
embedding similarity of each figure's description from the index.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from qa import lexicon
from qa.numbers import WORDS, numbers_in
from qa.records import Figure, Unit

if TYPE_CHECKING:
    from qa.engine import Engine

YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Operation cues, checked in order; the first that matches wins.
OP_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("pp_difference", re.compile(r"percentage[- ]points?|\bpp\b|points (higher|lower|more|less|apart|difference)")),
    ("ratio", re.compile(r"how many times|\btimes (as |more |higher|greater|larger|bigger|the)|\bratio\b|\bfold\b|multiple of")),
    ("pct_change", re.compile(
        r"(per ?cent(age)?|%|percent(age)?|proportional(ly)?|relative) (rise|increase|change|growth|jump|fall|decrease|decline)"
        r"|(rise|increase|change|growth|jump|grow|go up|went up|climb|fall|decrease|decline)\w*\s(\w+\s){0,8}(by )?(what|which|how much|how many)\s(per ?cent|percent|%)"
        r"|by what (per ?cent(age)?|percent(age)?|%)|by how many per ?cent|how much (in )?(per ?cent|percent|%)"
        r"|what (per ?cent(age)?|percent(age)?) (increase|rise|change|jump|growth|decrease|fall)"
        r"|(go(ne)? up|went up|rise|rose|increase|grow|grew|jump|change|fall|fell|decrease|climb|higher|more|bigger|larger|lower)\w*\b.*\b(in|as an?) (per ?cent(age)?|%)")),
    ("average", re.compile(r"\baverage\b|\bmean\b|\btypical\b|per year on average")),
    ("complement", re.compile(
        r"\b(not|n't|never|weren't|wasn't)\b.{0,30}\b(dropped|axed|pulled|closed|shut|abandoned|dropped)"
        r"|\b(remain(ed|ing)?|still|kept) (open|active|going|under investigation)|\bproceeded\b|\bcontinued\b"
        r"|\bwere not\b|\bother (than|cases)|\brest of")),
    ("difference", re.compile(
        r"how many (more|fewer|less)|how much (more|fewer|less|higher|lower|bigger|larger|smaller)|\bdifference\b"
        r"|\bgap\b|by how (many|much)|\bmore than\b.*\bhow many|increase in (the )?number|rise in (the )?number"
        r"|how (many|much) (did|had|have) .{0,60}(rise|increase|grow|go up|jump|climb|fall|decrease|drop)\b")),
    ("comparison", re.compile(
        r"\bwhich\b.{0,40}\b(more|most|higher|highest|fewer|lower|lowest|larger|bigger|greater|worse|better)\b"
        r"|\b(did|was|were|is|does|do)\b.{0,60}\b(more|higher|greater|larger|bigger|fewer|lower|smaller)( \w+){0,4} than\b"
        r"|\b(did|was|were|is|does|do)\b.{0,80}\bor\b.{0,80}\b(more|most|higher|fewer|lower|less|bigger|larger|smaller)\b"
        r"|\b(did|was|were|is|does|do)\b.{0,30}\b(more|fewer|higher|lower)\b.{0,80}\bor\b"
        r"|\bcompare|\bcomparison\b|\bversus\b|\bvs\.?\b")),
    ("share", re.compile(
        r"\b(what|which) (share|proportion|percentage|per ?cent|percent|fraction|portion)\b|\bwhat %|\bas a (share|percentage|proportion)\b"
        r"|\b(share|proportion|percentage|fraction) of (the|all|their|its)\b")),
    ("sum", re.compile(
        r"\b(in total|altogether|combined|sum|add(ed|ing|s)?( up)?|put together|all together|together|plus)\b|\btotal\b|\+"
        r"|\b(in|for) (20\d\d),? (and|plus) (in )?(20\d\d)\b")),
    ("share", re.compile(
        r"what (share|proportion|percentage|per ?cent|percent|fraction|part|portion)|which (share|proportion|percentage)"
        r"|\bhow (big|large) (a )?(share|proportion)|\b(share|proportion|percentage|fraction|rate) of\b|what %|\bhow many per ?cent"
        r"|\bpercentage\b|\bper ?cent\b|\bproportion\b|\b(a|the|what) share\b|%|\brate\b")),
]
BINARY = {"pp_difference", "ratio", "pct_change", "difference", "comparison", "average"}
TEXT_CUES = re.compile(
    r"^\s*(who|whom|whose|why|what (is|was|does|did|do|are) (the )?(name|role|reason|job|organisation|charity|helpline|research|campaign)"
    r"|what did|what does|what do|how do|how does|how did|how (was|were|is|are) (the|it|they|this)\b|describe|explain"
    r"|which (charity|organisation|organization|person|group|body|official|campaign|helpline|council|law|offence))\b"
    r"|\breasons?\b|\baccording to\b|\bwhy\b|\bdescribed?\b"
)
WHEN_CUES = re.compile(r"\b(when|what (year|month|date)|which (year|month)|since when)\b")
QUANTITY_CUES = re.compile(
    r"how (many|much|long|often|big|large)|\bnumbers?\b|per ?cent|%|\bshare\b|proportion|\brate\b|figure|total|count"
    r"|times|\brise\b|rose|increase|change|difference|\bmore\b|\bfewer\b|\bless\b|average|\bwhen\b|\byears?\b|date"
    r"|maximum|minimum|statistic|\d|higher|lower|jump|grow|fall|drop|ratio|compare|peak|most|least|fraction|majority"
)
PRONOUN = re.compile(r"\b(that|it|this|those|these|they|them|same|there)\b")
FOLLOW_UP = re.compile(r"^\s*(and|what about|how about|what of|same for|and for|for|in|now|ok(ay)?|then|also|but)\b", re.I)
RELATIVE_PREV = re.compile(r"\b(the )?(year before|previous year|prior year|year earlier|a year earlier|preceding year)\b")
LAST_YEAR = re.compile(r"\blast year\b")
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
    terms: list[str] = field(default_factory=list)  # measure words, place names left out
    words: list[str] = field(default_factory=list)  # every content word, for matching passages
    suspect: str = ""
    operation: str = "lookup"
    other_place: str = ""
    unsupported: str = ""
    wants_unit: Unit | None = None
    numbers: list[float] = field(default_factory=list)
    quoted: list[float] = field(default_factory=list)  # numbers the question quotes, number words included
    quoted_terms: list[frozenset[str]] = field(default_factory=list)  # the words around each quoted number
    suspect_any: bool = False  # "with and without a suspect": the total, not either kind
    counted: str = ""  # what "how many ..." counts: crime, force or person
    quantitative: bool = True
    is_text: bool = False
    is_when: bool = False


class Vocabulary:
    """Known words, for correcting typos in questions."""

    def __init__(self, texts: list[str]) -> None:
        words: set[str] = set()
        for t in texts:
            words.update(w for w in re.findall(r"[a-z]+", t.lower()) if len(w) >= 4)
        words.update(w for w in lexicon.SYNONYMS if len(w) >= 4)
        words.update(w for p in lexicon.PHRASES for w in p.split() if len(w) >= 4)
        words.update(w for p in lexicon.OTHER_PLACES for w in p.split() if len(w) >= 4)
        words.update(w for w in lexicon.STOPWORDS if len(w) >= 4)
        words.update("""which percentage proportion share difference compare average total combined
        change increase decrease ratio times higher lower fewer more happened year years previous before
        after between since cases crimes offences dropped percent staffordshire midlands england wales
        national nationally police forces force recorded reported suspect suspects identified much many
        confirm check verify true false right correct wrong question""".split())
        self.words = sorted(words)
        self.known = set(words)

    def correct(self, text: str) -> str:
        def fix(m: re.Match[str]) -> str:
            w = m.group(0)
            lw = w.lower()
            if len(lw) < 5 or lw in self.known:
                return w
            best = _close(lw, tuple(self.words))
            return best if best else w

        return re.sub(r"[A-Za-z]+", fix, text)


@lru_cache(maxsize=4096)
def _close(word: str, words: tuple[str, ...]) -> str | None:
    found = difflib.get_close_matches(word, words, n=1, cutoff=0.82)
    return found[0] if found else None


class SubjectTable:
    """Aliases for each subject the figures talk about, longest first."""

    EXTRA = {
        "west midlands": ["west midlands", "west mids", "wmp", "west midland", "w midlands"],
        "staffordshire": ["staffordshire", "staffs", "stafford", "staffordshire's"],
        "england and wales": ["england and wales", "nationally", "national", "nationwide", "across the country",
                              "38 forces", "38 police forces", "all forces", "whole country", "countrywide",
                              "across england", "in the country", "all the forces", "uk-wide", "in england",
                              "38 responding forces", "responding forces", "forces that responded", "forces which responded",
                              "38 police forces in england and wales"],
        "refuge": ["refuge", "naked threat", "survey", "research", "study"],
        "west midlands and staffordshire": ["both forces", "two forces", "both police forces", "the two forces",
                                            "west midlands and staffordshire", "staffordshire and west midlands",
                                            "both areas", "the two areas", "both police areas", "two police forces"],
    }

    def __init__(self, figures: list[Figure]) -> None:
        self.aliases: list[tuple[str, str]] = []
        subjects = sorted({f.subject for f in figures})
        for subj in subjects:
            low = subj.lower()
            names = {low, low.replace(" police", "")}
            for key, extra in self.EXTRA.items():
                if low.startswith(key) or (key in low and " and " not in low.replace(key, "", 1) and key != "england and wales"):
                    names.update(extra)
            if "england and wales" in low:
                names.update(self.EXTRA["england and wales"])
            if low.startswith("west midlands and staffordshire"):
                names = {low, low.replace(" police", "")} | set(self.EXTRA["west midlands and staffordshire"])
            for n in names:
                if len(n) >= 3:
                    self.aliases.append((n, subj))
        self.aliases.sort(key=lambda a: -len(a[0]))
        self.patterns = [(re.compile(r"(?<![a-z])" + re.escape(a) + r"(?![a-z])"), a, subj) for a, subj in self.aliases]

    def components(self, subject: str, lowered: str) -> list[str]:
        """For a joint subject ("West Midlands and Staffordshire Police"), its parts, in the order the text names them."""
        whole = subject.lower()
        parts: list[tuple[int, str]] = []
        for alias, subj in self.aliases:
            if subj == subject or " and " in subj.lower():
                continue
            name = subj.lower().replace(" police", "")
            if name in whole and subj not in [p for _, p in parts]:
                pos = lowered.find(alias)
                parts.append((pos if pos >= 0 else 10_000, subj))
        return [p for _, p in sorted(parts)] if len(parts) >= 2 else []

    def mask(self, lowered: str, keep_digits: bool = False) -> str:
        """The text with every place name blanked out (so "the two forces" quotes no number)."""
        t = lowered
        for pattern, alias, _ in self.patterns:
            if keep_digits and any(ch.isdigit() for ch in alias):
                continue
            if alias in t:
                t = pattern.sub(lambda m: " " * len(m.group(0)), t)
        return t

    def find(self, lowered: str) -> list[str]:
        found: list[tuple[int, str]] = []
        t = lowered
        for pattern, alias, subj in self.patterns:
            if alias not in t:
                continue
            for m in pattern.finditer(t):
                found.append((m.start(), subj))
                t = t[: m.start()] + " " * len(alias) + t[m.end():]
        seen: list[str] = []
        for _, s in sorted(found):
            if s not in seen:
                seen.append(s)
        return seen


OTHER_PLACE_RE = re.compile(
    r"(?<![a-z])(" + "|".join(re.escape(p) for p in sorted(lexicon.OTHER_PLACES, key=len, reverse=True)) + r")(?![a-z])"
)
SHORT_TYPOS = {"wen": "when", "wat": "what", "hw": "how", "hwo": "how", "whn": "when", "wht": "what", "waht": "what"}


def read_question(engine: Engine, text: str, doc_year: int) -> Reading:
    text = re.sub(r"[A-Za-z]+", lambda m: SHORT_TYPOS.get(m.group(0).lower(), m.group(0)), text)
    corrected = engine_vocab(engine).correct(text)
    low = corrected.lower().replace("’", "'").replace("per cent", "percent")
    low = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", low)
    r = Reading(text=corrected, lowered=low)
    r.subjects = engine_subjects(engine).find(low)
    for place in OTHER_PLACE_RE.finditer(low):
        if not any(place.group(0) in s.lower() for s in r.subjects):
            r.other_place = place.group(0)
            break
    m = lexicon.UNSUPPORTED.search(low) or lexicon.UNSUPPORTED.search(text.lower())
    if m:
        r.unsupported = m.group(0)
    rng = RANGE.search(low)
    if rng:
        g = [int(x) for x in rng.groups() if x]
        r.year_range = (g[0], g[1] if len(g) > 1 else doc_year - 1)
    r.years = [int(y) for y in YEAR.findall(low)]
    if LAST_YEAR.search(low):
        r.years.append(doc_year - 1)
    masked = engine_subjects(engine).mask(low)
    r.terms = [t for t in lexicon.canon_tokens(masked) if t not in ("police", "force") and t not in WORDS]
    r.words = [t for t in lexicon.canon_tokens(low) if t not in ("police", "force") and t not in WORDS]
    r.quantitative = bool(QUANTITY_CUES.search(low))
    r.numbers = [n for n in numbers_in(low, words=False) if not (1950 <= n <= 2049 and n == int(n))]
    r.suspect = lexicon.suspect_flag(low)
    r.quoted, r.quoted_terms = quoted_numbers(engine_subjects(engine).mask(low, keep_digits=True), low)
    r.suspect_any = bool(re.search(r"\bwith (and|or) without\b", low))
    asked = re.search(r"\bhow many\s+((?:[\w']+\s+){0,3}?)(?=" + COUNT_NOUNS.pattern[2:-2] + r")", low)
    r.counted = counted_in(low[asked.end():]) if asked else ""
    r.is_when = bool(WHEN_CUES.search(low))
    r.is_text = bool(TEXT_CUES.search(low)) and not re.search(r"\b(how many|what (share|percentage|proportion))\b", low)
    for op, pattern in OP_CUES:
        if pattern.search(low):
            r.operation = op
            break
    if r.operation in BINARY and len(r.subjects) == 1 and not re.search(r"\b(combined|together|total|joint|altogether)\b", low):
        parts = engine_subjects(engine).components(r.subjects[0], low)
        if len(parts) >= 2:
            r.subjects = parts
    if re.search(r"\bhow long\b|\byears?'? (in prison|imprisonment|jail)|maximum (sentence|penalty|term)", low):
        r.wants_unit = Unit.years
    elif r.is_when:
        r.wants_unit = Unit.date
    elif re.search(r"\bhow many\b(?! times)|\bnumber of\b", low) and not re.search(r"percent|%|proportion|\b(what|a|the) share\b", low):
        r.wants_unit = Unit.count
    elif r.operation in ("share", "complement") or re.search(r"percent|%|\b(what|a|the) share\b|share of|proportion|\brate\b", low):
        r.wants_unit = Unit.percent
    return r


NUMBER_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(w for w in WORDS if w != "one") + r")\b")


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


def engine_vocab(engine: Engine) -> Vocabulary:
    v = getattr(engine, "_vocab", None)
    if v is None:
        v = Vocabulary([d.text for d in engine.documents] + [f.measure + " " + f.subject for f in engine.figures])
        engine._vocab = v  # type: ignore[attr-defined]
    return v


def measure_vocab(engine: Engine) -> frozenset[str]:
    v = getattr(engine, "_measure_vocab", None)
    if v is None:
        v = frozenset().union(*[terms_of(f.measure) for f in engine.figures]) - {"percent", "change", "share", "date"}
        engine._measure_vocab = v  # type: ignore[attr-defined]
    return v


GENERIC = {"case", "offence", "record", "revengeporn", "share", "percent", "change", "date", "victim"}


def key_terms(r: Reading | None, text: str = "") -> set[str]:
    """The measure words that tell figures apart (dropped, suspect, partner...), not generic ones."""
    if r is None:
        return set(_text_key_terms(text))
    return {t for t in r.terms if t not in GENERIC and t in KEY_VOCAB}


@lru_cache(maxsize=65536)
def _text_key_terms(text: str) -> frozenset[str]:
    return frozenset(t for t in terms_of(text) if t not in GENERIC and t in KEY_VOCAB)


KEY_VOCAB = {"drop", "suspect", "found", "partner", "threat", "woman", "respond", "foi", "sentence", "inforce", "extend", "peak",
             "whole"}
# Missing one of these from the figure chosen means the article does not give what was asked.
COUNT_NOUNS = re.compile(
    r"\b(forces?|offen[cs]es?|crimes?|cases?|investigations?|women|woman|victims?|people|persons?|survivors?)\b"
)
COUNT_CLASS = {"force": "force", "forces": "force", "women": "person", "woman": "person", "people": "person",
               "person": "person", "persons": "person", "victim": "person", "victims": "person",
               "survivor": "person", "survivors": "person"}


@lru_cache(maxsize=65536)
def counted_in(text: str) -> str:
    """What a measure counts: 'crime' (offences, cases), 'force' or 'person'; '' if none is named."""
    m = COUNT_NOUNS.search(text.lower())
    return COUNT_CLASS.get(m.group(1), "crime") if m else ""


DEFINING = {"drop", "suspect", "partner", "threat", "respond", "foi", "sentence", "inforce", "extend", "whole"}


def passage_idf(engine: Engine) -> dict[str, float]:
    v = getattr(engine, "_idf", None)
    if v is None:
        import math

        df: dict[str, int] = {}
        for p in engine.passages:
            for t in terms_of(p.text):
                df[t] = df.get(t, 0) + 1
        n = max(1, len(engine.passages))
        v = {t: math.log(1 + n / c) for t, c in df.items()}
        engine._idf = v  # type: ignore[attr-defined]
    return v


def all_years(f: Figure) -> set[int]:
    span = period_years(f.period)
    if f.unit is Unit.date:
        return {int(f.value)}
    return set(span) if span else set()


def engine_subjects(engine: Engine) -> SubjectTable:
    s = getattr(engine, "_subjects", None)
    if s is None:
        s = SubjectTable(engine.figures)
        engine._subjects = s  # type: ignore[attr-defined]
    return s


@lru_cache(maxsize=65536)
def period_years(period: str) -> tuple[int, int] | None:
    if not period:
        return None
    parts = period.split("/")
    try:
        a = int(parts[0][:4])
        b = int(parts[-1][:4])
    except ValueError:
        return None
    return a, b


def period_fits(fig: Figure, r: Reading) -> bool | None:
    """True when the figure's period is what the question asks; False when it clearly isn't; None if no period asked."""
    span = period_years(fig.period)
    if r.year_range:
        if span is None:
            return False
        return span[0] == r.year_range[0] and span[1] >= min(r.year_range[1], span[1]) and span[0] != span[1]
    if r.years:
        if span is None:
            return fig.unit is Unit.date and any(y == int(fig.value) for y in r.years)
        if fig.unit is Unit.date:
            return span[0] in r.years
        return span[0] == span[1] and span[0] in r.years or (span[0] != span[1] and all(y in span for y in r.years) and len(set(r.years)) == 2)
    return None


@lru_cache(maxsize=65536)
def terms_of(text: str) -> frozenset[str]:
    return frozenset(t for t in lexicon.canon_tokens(text) if t not in ("police", "force"))


def figure_terms(fig: Figure) -> frozenset[str]:
    return terms_of(fig.measure + " " + fig.quote)


def candidates(engine: Engine, r: Reading, sims: dict[str, float]) -> list[Figure]:
    """The figures worth scoring: those of the documents the index found, and of any place named.

    With one article that is every figure; with a thousand it keeps scoring to the few
    documents the question is about, so the cost does not grow with the corpus."""
    if len(engine.documents) <= 3:
        return engine.figures
    docs = {engine.figures_by_id[k].doc_id for k in sims if k in engine.figures_by_id}
    by_doc = getattr(engine, "_figures_by_doc", None)
    if by_doc is None:
        by_doc = {}
        for f in engine.figures:
            by_doc.setdefault(f.doc_id, []).append(f)
        engine._figures_by_doc = by_doc  # type: ignore[attr-defined]
    if r.subjects and not any(f.subject in r.subjects for d in docs for f in by_doc.get(d, [])):
        docs |= {f.doc_id for f in engine.figures if f.subject in r.subjects}  # the place, wherever it is
    return [f for d in docs for f in by_doc.get(d, [])] or engine.figures


def score_figures(engine: Engine, r: Reading, sims: dict[str, float], quoted_penalty: bool = True) -> list[tuple[float, Figure]]:
    q_terms = set(r.terms)
    scored: list[tuple[float, Figure]] = []
    for f in candidates(engine, r, sims):
        ft = figure_terms(f)
        overlap = len(q_terms & ft)
        s = 2.0 * overlap / max(1, min(len(q_terms), 4))
        s += 3.0 * sims.get(f.id, 0.0)
        if r.subjects:
            s += 3.0 if f.subject in r.subjects else -6.0
        pf = period_fits(f, r)
        if pf is True:
            s += 2.0
        elif pf is False:
            s -= 6.0
        fflag = lexicon.suspect_flag(f.measure)
        if r.suspect == "both":
            pass
        elif r.suspect and fflag:
            s += 2.0 if r.suspect == fflag else -3.0
        elif fflag and not r.suspect:
            s -= 0.5
        if r.wants_unit is not None:
            s += 1.5 if f.unit is r.wants_unit else -1.0
            if r.wants_unit is Unit.count and f.unit is Unit.date:
                s -= 3.0
        s -= 0.75 * len(key_terms(None, f.measure) - q_terms)  # a narrower measure than the one asked about
        s -= 1.0 * len((q_terms & DEFINING) - ft)  # lacks what defines the measure asked about
        if r.counted and counted_in(f.measure) not in ("", r.counted):
            s -= 2.0  # asked how many forces; this figure counts offences (or the other way round)
        if r.suspect_any and fflag:
            s -= 2.0
        if quoted_penalty and any(n == f.value and around & (ft | terms_of(f.subject))
                                  for n, around in zip(r.quoted, r.quoted_terms, strict=False)):
            s -= 1.5  # the asker already knows this one ("besides the 630, how many...")
        scored.append((s, f))
    scored.sort(key=lambda x: -x[0])
    return scored


