"""Question -> Plan: which operation, over which figures.

Understanding combines lexical knowledge (synonyms, place names, years, operation cues)
with embedding similarity from the index (one query embedding, one Chroma query).
Nothing here does arithmetic; that is the calculator's job.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from qa import lexicon
from qa.errors import BadHistory, BadQuestion, EmptyQuestion, QuestionTooLong
from qa.numbers import WORDS, numbers_in
from qa.records import Figure, Passage, Plan, Turn, Unit

if TYPE_CHECKING:
    from qa.engine import Engine

YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Operation cues, checked in order; the first that matches wins.
OP_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("pp_difference", re.compile(r"percentage[- ]points?|\bpp\b|points (higher|lower|more|less|apart|difference)")),
    ("ratio", re.compile(r"how many times|\btimes (as |more |higher|greater|larger|bigger|the)|\bratio\b|\bfold\b|multiple of")),
    ("pct_change", re.compile(
        r"(per ?cent(age)?|%|percent(age)?|proportional(ly)?|relative)\s*(\w+\s){0,3}(rise|increase|change|growth|jump|fall|drop|decrease|decline|up|down)"
        r"|(rise|increase|change|growth|jump|grow|go up|went up|climb|fall|decrease|decline)\w*\s(\w+\s){0,8}(by )?(what|which|how much|how many)\s(per ?cent|percent|%)"
        r"|by what (per ?cent(age)?|percent(age)?|%)|by how many per ?cent|how much (in )?(per ?cent|percent|%)"
        r"|what (per ?cent(age)?|percent(age)?) (increase|rise|change|jump|growth|decrease|fall)"
        r"|(go(ne)? up|went up|rise|rose|increase|grow|grew|jump|change|fall|fell|decrease|climb)\w*\b.*\b(in|as an?) (per ?cent(age)?|%)")),
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
        r"|\bcompare|\bcomparison\b|\bversus\b|\bvs\.?\b")),
    ("sum", re.compile(
        r"\b(in total|altogether|combined|sum|add(ed)? up|put together|all together|together)\b|\btotal (number|of)\b"
        r"|\b(in|for) (20\d\d),? (and|plus) (in )?(20\d\d)\b")),
    ("share", re.compile(
        r"what (share|proportion|percentage|per ?cent|percent|fraction|part|portion)|which (share|proportion|percentage)"
        r"|\bhow (big|large) (a )?(share|proportion)|\b(share|proportion|percentage|fraction|rate) of\b|what %|\bhow many per ?cent"
        r"|\bpercentage\b|\bper ?cent\b|\bproportion\b|\bshare\b|%")),
]
BINARY = {"pp_difference", "ratio", "pct_change", "difference", "comparison", "average"}
TEXT_CUES = re.compile(r"^\s*(who|whom|whose|why|what (is|was|does|did|do|are) (the )?(name|role|reason|job|organisation|charity|helpline|research|campaign)|what did|what does|what do|how do|how does|describe|explain)\b")
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
    terms: list[str] = field(default_factory=list)
    suspect: str = ""
    operation: str = "lookup"
    other_place: str = ""
    unsupported: str = ""
    wants_unit: Unit | None = None
    numbers: list[float] = field(default_factory=list)
    quantitative: bool = True
    is_text: bool = False
    is_when: bool = False


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
    text = CONTROL.sub(" ", question).replace("\u00a0", " ")
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
        turns.append(turn)
    return turns


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
                              "across england", "in the country", "all the forces", "uk-wide", "in england"],
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

    def components(self, subject: str, lowered: str) -> list[str]:
        """For a joint subject ("West Midlands and Staffordshire Police"), its parts, in the order the text names them."""
        whole = subject.lower()
        parts = []
        for alias, subj in self.aliases:
            if subj == subject or " and " in subj.lower():
                continue
            name = subj.lower().replace(" police", "")
            if name in whole and subj not in [p for _, p in parts]:
                pos = lowered.find(alias)
                parts.append((pos if pos >= 0 else 10_000, subj))
        return [p for _, p in sorted(parts)] if len(parts) >= 2 else []

    def find(self, lowered: str) -> list[str]:
        found: list[tuple[int, str]] = []
        t = lowered
        for alias, subj in self.aliases:
            for m in re.finditer(r"(?<![a-z])" + re.escape(alias) + r"(?![a-z])", t):
                found.append((m.start(), subj))
                t = t[: m.start()] + " " * len(alias) + t[m.end():]
        seen: list[str] = []
        for _, s in sorted(found):
            if s not in seen:
                seen.append(s)
        return seen


def read_question(engine: Engine, text: str, doc_year: int) -> Reading:
    corrected = engine_vocab(engine).correct(text)
    low = corrected.lower().replace("’", "'").replace("per cent", "percent")
    r = Reading(text=corrected, lowered=low)
    r.subjects = engine_subjects(engine).find(low)
    for place in lexicon.OTHER_PLACES:
        if re.search(r"(?<![a-z])" + re.escape(place) + r"(?![a-z])", low):
            if not any(place in s.lower() for s in r.subjects):
                r.other_place = place
                break
    m = lexicon.UNSUPPORTED.search(low)
    if m:
        r.unsupported = m.group(0)
    rng = RANGE.search(low)
    if rng:
        g = [int(x) for x in rng.groups() if x]
        r.year_range = (g[0], g[1] if len(g) > 1 else doc_year - 1)
    r.years = [int(y) for y in YEAR.findall(low)]
    if LAST_YEAR.search(low):
        r.years.append(doc_year - 1)
    r.terms = [t for t in lexicon.canon_tokens(low) if t not in ("police", "force") and t not in WORDS]
    r.quantitative = bool(QUANTITY_CUES.search(low))
    r.numbers = [n for n in numbers_in(low, words=False) if not (1950 <= n <= 2049 and n == int(n))]
    r.suspect = lexicon.suspect_flag(low)
    r.is_when = bool(WHEN_CUES.search(low))
    r.is_text = bool(TEXT_CUES.search(low)) and not re.search(r"\b(how many|what (share|percentage|proportion))\b", low)
    for op, pattern in OP_CUES:
        if pattern.search(low):
            r.operation = op
            break
    if r.operation in BINARY and len(r.subjects) == 1:
        parts = engine_subjects(engine).components(r.subjects[0], low)
        if len(parts) >= 2:
            r.subjects = parts
    if re.search(r"\bhow long\b|\byears?'? (in prison|imprisonment|jail)|maximum (sentence|penalty|term)", low):
        r.wants_unit = Unit.years
    elif r.is_when:
        r.wants_unit = Unit.date
    elif r.operation in ("share", "complement") or re.search(r"percent|%|share|proportion", low):
        r.wants_unit = Unit.percent
    elif re.search(r"\bhow many\b|\bnumber of\b", low):
        r.wants_unit = Unit.count
    return r


def engine_vocab(engine: Engine) -> Vocabulary:
    v = getattr(engine, "_vocab", None)
    if v is None:
        v = Vocabulary([d.text for d in engine.documents] + [f.measure + " " + f.subject for f in engine.figures])
        engine._vocab = v  # type: ignore[attr-defined]
    return v


def measure_vocab(engine: Engine) -> frozenset[str]:
    v = getattr(engine, "_measure_vocab", None)
    if v is None:
        v = frozenset().union(*[_terms_of(f.measure) for f in engine.figures]) - {"percent", "change", "share", "date"}
        engine._measure_vocab = v  # type: ignore[attr-defined]
    return v


def engine_subjects(engine: Engine) -> SubjectTable:
    s = getattr(engine, "_subjects", None)
    if s is None:
        s = SubjectTable(engine.figures)
        engine._subjects = s  # type: ignore[attr-defined]
    return s


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
def _terms_of(text: str) -> frozenset[str]:
    return frozenset(t for t in lexicon.canon_tokens(text) if t not in ("police", "force"))


def figure_terms(fig: Figure) -> frozenset[str]:
    return _terms_of(fig.measure + " " + fig.quote)


def score_figures(engine: Engine, r: Reading, sims: dict[str, float]) -> list[tuple[float, Figure]]:
    q_terms = set(r.terms)
    scored: list[tuple[float, Figure]] = []
    for f in engine.figures:
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
        if r.suspect and fflag:
            s += 2.0 if r.suspect == fflag else -3.0
        elif fflag and not r.suspect:
            s -= 0.5
        if r.wants_unit is not None:
            s += 1.5 if f.unit is r.wants_unit else -1.0
        if any(n == f.value for n in r.numbers):
            s += 1.5
        scored.append((s, f))
    scored.sort(key=lambda x: -x[0])
    return scored


def resolve_follow_up(engine: Engine, text: str, history: list[Turn], doc_year: int) -> str:
    """Rewrite an elliptical follow-up ("And in 2020?") as a whole question, using the last one."""
    if not history:
        return text
    prev = history[-1].question
    if len(history) > 1:
        prev = resolve_follow_up(engine, prev, history[:-1], doc_year)
    low = text.lower()
    r_new = read_question(engine, text, doc_year)
    looks_elliptical = bool(FOLLOW_UP.match(low)) or len(text.split()) <= 5 or bool(PRONOUN.search(low))
    has_own_measure = bool(set(r_new.terms) & measure_vocab(engine))
    if not looks_elliptical or (has_own_measure and len(text.split()) > 6):
        return text
    if r_new.operation != "lookup":
        # "what percentage is that?" / "by how much did that rise from 2020?": new operation, old operands
        return text.rstrip("?. ") + " — " + prev
    out = prev
    subjects_table = engine_subjects(engine)
    if r_new.subjects:
        old = read_question(engine, prev, doc_year).subjects
        replaced = False
        for alias, subj in subjects_table.aliases:
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
        old_years = YEAR.findall(out)
        out = LAST_YEAR.sub(str(doc_year - 1), out)
        old_years = YEAR.findall(out)
        if old_years and len(new_years) == 1:
            out = YEAR.sub(str(new_years[0]), out, count=len(old_years)) if len(set(old_years)) == 1 else out.replace(old_years[-1], str(new_years[0]))
        else:
            out = out.rstrip("?. ") + " in " + " and ".join(str(y) for y in new_years) + "?"
    return out


def understand(engine: Engine, question: Any, history: Sequence[Turn | dict[str, Any] | str] | None = None) -> Plan:
    """Read a question (and its history) into a Plan. Raises a QAError on bad input."""
    limit = engine.settings.max_question_chars
    text = clean_question(question, limit)
    turns = clean_history(history, engine.settings.max_history_turns, limit)
    doc_year = max((d.published.year for d in engine.documents), default=2022)
    resolved = resolve_follow_up(engine, text, turns, doc_year)
    r = read_question(engine, resolved, doc_year)
    hits = engine.index.search(r.text, k=24)
    sims = {h.key: h.score for h in hits if h.kind == "figure"}
    passages = [(h.score, h) for h in hits if h.kind == "passage"]
    plan = Plan(operation=r.operation, resolved_question=resolved, subjects=r.subjects,
                periods=[str(y) for y in r.years] + ([f"{r.year_range[0]}/{r.year_range[1]}"] if r.year_range else []))

    if r.other_place and not r.subjects:
        return _abstain(plan, f"the article has no figures for {r.other_place.title()}")
    if r.unsupported:
        return _abstain(plan, f"the article gives no figures on “{r.unsupported}”")

    scored = score_figures(engine, r, sims)
    best_score, best = scored[0]

    if r.is_when and best.unit is Unit.date and best_score > 2.0 and r.operation in ("lookup", "share"):
        plan.operation = "lookup"
        plan.figure_ids = [best.id]
        return plan
    if r.is_text or (r.is_when and not r.years) or not r.quantitative:
        return _text_plan(engine, plan, r, passages)

    years_known = {y for f in engine.figures for y in _all_years(f)}
    missing = [y for y in r.years if y not in years_known]
    if missing:
        return _abstain(plan, "the article gives no figures for the year asked about")
    if r.subjects and not any(f.subject in r.subjects for _, f in scored[:8]):
        return _abstain(plan, "the article has no figure like that for the place named")

    if best_score < 2.5 and len(r.subjects) == 1:
        # "West Midlands and Staffordshire combined" with no joint figure: use each force's own
        parts = engine_subjects(engine).components(r.subjects[0], r.lowered)
        if len(parts) >= 2:
            r.subjects = parts
            if r.operation == "lookup":
                r.operation = "sum"
            scored = score_figures(engine, r, sims)
            best_score, best = scored[0]
    plan.subjects = r.subjects
    plan.measure = best.measure
    build = PLANNERS.get(r.operation, _plan_lookup)
    return build(engine, plan, r, scored)


def _all_years(f: Figure) -> set[int]:
    span = period_years(f.period)
    if f.unit is Unit.date:
        return {int(f.value)}
    return set(span) if span else set()


def _abstain(plan: Plan, reason: str) -> Plan:
    plan.operation = "abstain"
    plan.abstain_reason = reason
    plan.figure_ids = []
    return plan


def _confident(score: float) -> bool:
    return score >= 2.5


def _plan_lookup(engine: Engine, plan: Plan, r: Reading, scored: list[tuple[float, Figure]]) -> Plan:
    score, best = scored[0]
    if not _confident(score):
        return _abstain(plan, "no figure in the article matches the question closely enough")
    plan.operation = "lookup"
    plan.figure_ids = [best.id]
    return plan


def _siblings(engine: Engine, fig: Figure, vary: str) -> list[Figure]:
    """Figures with the same measure and unit, differing only in subject or period."""
    out = []
    for f in engine.figures:
        if f.doc_id != fig.doc_id or f.unit is not fig.unit or f.measure != fig.measure:
            continue
        if vary == "period" and f.subject == fig.subject:
            out.append(f)
        if vary == "subject" and f.period == fig.period:
            out.append(f)
    return out


def _pair(engine: Engine, plan: Plan, r: Reading, scored: list[tuple[float, Figure]], unit: Unit | None = None) -> list[Figure] | None:
    """Two figures to compare: across periods or across subjects, same measure."""
    top = [f for s, f in scored[:12] if unit is None or f.unit is unit]
    if not top:
        return None
    if len(r.subjects) >= 2:
        firsts = [f for f in top if f.subject == r.subjects[0]]
        for a in firsts:
            sib = {f.subject: f for f in _siblings(engine, a, "subject")}
            if r.subjects[1] in sib:
                return [a, sib[r.subjects[1]]]
        # no shared measure: the best figure of each subject, in the same unit
        seconds = [f for f in top if f.subject == r.subjects[1]]
        for a in firsts[:2]:
            b = next((f for f in seconds if f.unit is a.unit), None)
            if b is not None:
                return [a, b]
    # across periods; with no subject named, prefer the widest one (the national figures)
    if not r.subjects:
        widest = {}
        for a in top[:6]:
            sibs = [f for f in _siblings(engine, a, "subject")]
            widest[a.id] = max(sibs, key=lambda f: f.value) if sibs else a
        top = [widest.get(a.id, a) for a in top[:6]] + top
    for a in top[:6]:
        subj_ok = not r.subjects or a.subject == r.subjects[0]
        if not subj_ok:
            continue
        sibs = sorted(_siblings(engine, a, "period"), key=lambda f: period_years(f.period) or (0, 0))
        if r.years and len(set(r.years)) >= 2:
            ys = sorted(set(r.years))[:2]
            chosen = [f for f in sibs if (period_years(f.period) or (0, 0))[0] in ys and (period_years(f.period) or (0, 0))[0] == (period_years(f.period) or (0, 0))[1]]
            if len(chosen) == 2:
                return chosen
        singles = [f for f in sibs if (sp := period_years(f.period)) and sp[0] == sp[1]]
        if len(singles) >= 2:
            return [singles[-2], singles[-1]]
    return None


def _plan_binary(op: str):
    def build(engine: Engine, plan: Plan, r: Reading, scored: list[tuple[float, Figure]]) -> Plan:
        unit = Unit.percent if op == "pp_difference" or (op == "comparison" and r.wants_unit is Unit.percent) else None
        if op == "pct_change":
            # a stated change wins over recomputing one
            stated = [f for s, f in scored[:5] if f.unit is Unit.percent and "change" in f.measure and s >= 2.5]
            pair = _pair(engine, plan, r, [x for x in scored if x[1].unit is Unit.count])
            if pair is None and stated:
                plan.operation = "lookup"
                plan.figure_ids = [stated[0].id]
                return plan
            if pair is None:
                return _abstain(plan, "the article does not give two comparable figures for that change")
            plan.operation = op
            plan.figure_ids = [f.id for f in pair]
            return plan
        pair = _pair(engine, plan, r, scored, unit)
        if pair is None:
            if op == "comparison" and len(r.subjects) < 2:
                return _plan_lookup(engine, plan, r, scored)
            return _abstain(plan, "the article does not give two comparable figures for that")
        plan.operation = op
        plan.figure_ids = [f.id for f in pair]
        return plan

    return build


def _parts_of(engine: Engine, whole_subject: str, r: Reading, scored: list[tuple[float, Figure]]) -> list[Figure]:
    """Count figures of one subject that the question's terms pick out (e.g. both kinds of dropped case)."""
    q = set(r.terms) - {"case", "force", "police", "report", "record", "percent"}
    parts = []
    for s, f in scored:
        if f.subject != whole_subject or f.unit is not Unit.count or s < 1.0:
            continue
        if q & figure_terms(f) and not re.search(r"reported|recorded", f.measure):
            parts.append(f)
    if r.suspect:
        parts = [f for f in parts if lexicon.suspect_flag(f.measure) == r.suspect]
    return parts


def _plan_sum(engine: Engine, plan: Plan, r: Reading, scored: list[tuple[float, Figure]]) -> Plan:
    best = scored[0][1]
    if len(r.subjects) >= 2 or (r.years and len(set(r.years)) >= 2):
        pair = _pair(engine, plan, r, scored)
        if pair:
            plan.operation = "sum"
            plan.figure_ids = [f.id for f in pair]
            return plan
    if best.unit is Unit.count:
        parts = _parts_of(engine, best.subject, r, scored)
        flagged = {lexicon.suspect_flag(f.measure) for f in parts}
        if len(parts) >= 2 and flagged >= {"with", "without"}:
            plan.operation = "sum"
            plan.figure_ids = [f.id for f in parts]
            return plan
    return _plan_lookup(engine, plan, r, scored)


def _whole_for(engine: Engine, subject: str, doc_id: str) -> Figure | None:
    for f in engine.figures:
        if f.subject == subject and f.doc_id == doc_id and f.unit is Unit.count and re.search(r"reported|recorded|total", f.measure) and not period_years(f.period) in (None,) and (lambda sp: sp and sp[0] != sp[1])(period_years(f.period)):
            return f
    return None


def _plan_share(engine: Engine, plan: Plan, r: Reading, scored: list[tuple[float, Figure]]) -> Plan:
    score, best = scored[0]
    counts = [(s, f) for s, f in scored if f.unit is Unit.count]
    # share of one subject within a wider one ("what share of the two forces' cases were Staffordshire's?")
    if len(r.subjects) >= 2:
        a = b = None
        for _, cand in counts:
            if cand.subject == r.subjects[0]:
                b = next((f for f in _siblings(engine, cand, "subject") if f.subject == r.subjects[1]), None)
                if b is not None:
                    a = cand
                    break
        if a and b:
            part, whole = (a, b) if a.value <= b.value else (b, a)
            plan.operation = "percentage_of"
            plan.figure_ids = [part.id, whole.id]
            return plan
    # A stated percentage that answers the question wins; otherwise compute part / whole.
    pct = [(s, f) for s, f in scored[:6] if f.unit is Unit.percent and "change" not in f.measure]
    if pct and pct[0][0] >= 3.0 and (not r.suspect or lexicon.suspect_flag(pct[0][1].measure) in ("", r.suspect)) and not (r.suspect and not lexicon.suspect_flag(pct[0][1].measure)):
        plan.operation = "lookup"
        plan.figure_ids = [pct[0][1].id]
        return plan
    if not counts or counts[0][0] < 1.5:
        return _abstain(plan, "no figure in the article matches the question closely enough")
    subj = r.subjects[0] if r.subjects else counts[0][1].subject
    whole = _whole_for(engine, subj, counts[0][1].doc_id)
    if whole is None:
        return _abstain(plan, "the article gives no total to take a share of")
    parts = [f for f in _parts_of(engine, subj, r, scored) if f.id != whole.id]
    if not parts:
        return _abstain(plan, "the article gives no figure for that part of the total")
    if r.suspect:
        parts = parts[:1]
    plan.operation = "share" if len(parts) > 1 else "percentage_of"
    plan.figure_ids = [f.id for f in parts] + [whole.id]
    return plan


def _plan_complement(engine: Engine, plan: Plan, r: Reading, scored: list[tuple[float, Figure]]) -> Plan:
    pct = [(s, f) for s, f in scored[:6] if f.unit is Unit.percent and "change" not in f.measure]
    if pct and pct[0][0] >= 2.5:
        plan.operation = "complement"
        plan.figure_ids = [pct[0][1].id]
        return plan
    return _abstain(plan, "the article gives no percentage to take the rest of")


def _plan_average(engine: Engine, plan: Plan, r: Reading, scored: list[tuple[float, Figure]]) -> Plan:
    pair = _pair(engine, plan, r, scored)
    if pair is None:
        return _abstain(plan, "the article does not give the figures to average")
    plan.operation = "average"
    plan.figure_ids = [f.id for f in pair]
    return plan


def _text_plan(engine: Engine, plan: Plan, r: Reading, passages: list[tuple[float, Any]]) -> Plan:
    q = set(r.terms) - {"name", "role", "job", "reason", "happen", "mean"}
    best: tuple[float, Passage] | None = None
    sims = {(h.metadata["doc_id"], h.metadata["start"]): sim for sim, h in passages}
    table = engine_subjects(engine)
    for i, p in enumerate(engine.passages):
        sim = sims.get((p.doc_id, p.start), 0.3)
        pt = _terms_of(p.text)
        context = [x.text for x in engine.passages[max(0, i - 2): i] if x.doc_id == p.doc_id]
        ct = frozenset().union(*[_terms_of(c) for c in context]) if context else frozenset()
        cover = (len(q & pt) + 0.5 * len((q - pt) & ct)) / max(1, len(q))
        if r.subjects:
            mentioned = set(table.find(" ".join(context + [p.text]).lower()))
            if not mentioned & set(r.subjects):
                continue
        s = sim + cover
        if cover < 0.6:
            continue
        if best is None or s > best[0]:
            best = (s, p)
    if best is None or best[0] < 0.95:
        return _abstain(plan, "the article does not say")
    plan.operation = "text"
    plan.passage = best[1]
    return plan


PLANNERS = {
    "lookup": _plan_lookup,
    "pct_change": _plan_binary("pct_change"),
    "difference": _plan_binary("difference"),
    "pp_difference": _plan_binary("pp_difference"),
    "ratio": _plan_binary("ratio"),
    "comparison": _plan_binary("comparison"),
    "sum": _plan_sum,
    "share": _plan_share,
    "complement": _plan_complement,
    "average": _plan_average,
}
