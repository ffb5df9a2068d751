"""Answering a yes/no question: the verdict first, then the answer that decides it."""

from __future__ import annotations

import re
from dataclasses import replace

from qa.compose.answer import FALL_ASKED
from qa.corpus.collection import Corpus
from qa.model.records import Answer, Figure, Plan, Unit
from qa.text.numbers import round1
from qa.understand.verdict import WITHIN, Check, worse_when_higher


def decide(check: Check, plan: Plan, answer: Answer, question: str, corpus: Corpus | None = None) -> bool | None:
    """True (yes), False (no) or None (this answer cannot decide it). With the corpus, a change looked up is signed by
    the words it is stated with ("fell 9%" is a change of -9%)."""
    check = oriented(check, answer, corpus, question)  # "did it improve?": up or down by what the figure measures
    if check.adjusted and answer.operation != "lookup":
        return None  # an adjusted figure is stated, not worked out from the unadjusted ones
    if check.kind in SERIES_CHECKS and not _one_series(answer, corpus):
        return None  # "did occupancy go down?" from occupancy less a safe level is no change of occupancy
    if check.kind in SERIES_CHECKS and not check.over and _one_row_of_many(plan, answer, corpus):
        return None  # "did lending go up?" from one of six authorities' loans is one row's change, not lending's
    if corpus is not None and answer.operation == "lookup" and answer.value and answer.value > 0 and answer.citations \
            and stated_as_fall(corpus, answer):
        answer = answer.model_copy(update={"value": -answer.value})
    exact = _unrounded(corpus, answer)
    if exact is not None:  # the worked result before its rounding to one decimal: no doubt about which side it is on
        answer = answer.model_copy(update={"value": exact})
    if check.over in NAMED_OVER:  # the named things against the rest: every row decides, never one alone
        return _named_rows(check, plan, answer, corpus)[0] if check.kind == "direction" else None
    verdict = _decide(check, plan, answer, question, corpus, exact is not None)
    # one thing's figure is a witness that some did, or a counter-example to each did; not the other way round
    if check.over == "some" and verdict is False or check.over == "each" and verdict is True:
        return _over_rows(check, answer, corpus) if check.kind in ("direction", "value_above") else None
    return verdict


# Checks of one thing against itself at another time: worked out, from two figures of its one series
SERIES_CHECKS = frozenset({"direction", "multiple", "change_above", "gap_above"})
WORKED = frozenset({"pct_change", "pp_difference", "difference", "ratio"})


def _one_series(answer: Answer, corpus: Corpus | None) -> bool:
    """Is a change worked out from two figures of one thing's one measure at two periods? (A stated figure, or a number
    the question gives, is not judged here.)"""
    pair = _operand_pair(answer, corpus) if answer.operation in WORKED else None
    if pair is None:
        return True
    a, b = pair
    return a.subject == b.subject and a.measure == b.measure and a.period != b.period


def _operand_pair(answer: Answer, corpus: Corpus | None) -> tuple[Figure, Figure] | None:
    """The two figures of the article an answer was worked from; None when it was not worked from two, or one of them
    is a number the question gives."""
    calc = answer.calculation
    if corpus is None or calc is None or len(calc.operands) != 2:
        return None
    a, b = (corpus.figures_by_id.get(i) for i in calc.operands)
    return None if a is None or b is None else (a, b)


def _one_row_of_many(plan: Plan, answer: Answer, corpus: Corpus | None) -> bool:
    """Is a change worked out for one row of a table of counts or amounts, a row the question does not name and no
    total of the others (a total is about their sum, or more)?"""
    calc = answer.calculation
    if corpus is None or answer.operation not in WORKED or calc is None or len(calc.operands) != 2:
        return False
    fig = corpus.figures_by_id.get(calc.operands[0])
    if fig is None or fig.unit not in (Unit.count, Unit.money) or fig.subject in plan.subjects \
            or set(_words(fig.subject)) <= set(_words(plan.resolved_question)):  # "Hull-Rotterdam" of "Hull–Rotterdam"
        return False
    others = [f.value for s, f in _column(corpus, fig).items() if s != fig.subject]
    return len(others) >= 2 and fig.value < TOTAL_SHARE * sum(others)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


TOTAL_SHARE = 0.95  # a total row is at least about the sum of the rows it totals (rounded, or some left out)


# A check over a set of things is decided by every row of the deciding figure's column, not by one row
MIN_ROWS = 3


def _over_rows(check: Check, answer: Answer, corpus: Corpus | None) -> bool | None:
    """"Did arrivals from every country go up?", "did any of the states see deaths go up?": the change of every row of
    the table the deciding figure is in — its column of stated changes, or each row's two figures of the periods it was
    worked from — some (each) of which rose (fell). None when the rows are too few to be a table's."""
    if corpus is None:
        return None
    if check.kind == "value_above":  # "did any of the trusts reach 76%?": each row's own figure against the amount
        fig = corpus.figures_by_id.get(answer.figures[0]) if answer.operation == "lookup" and answer.figures else None
        values = list(_column(corpus, fig).values()) if fig is not None else []
        passed = [_beyond(f.value, check) for f in values]
        if len(values) < MIN_ROWS or any(p is None for p in passed):
            return None
        return any(passed) if check.over == "some" else all(passed)
    changes = _row_changes(answer, corpus)
    if len(changes) < MIN_ROWS:
        return None
    went = [(c > 0) == check.above and c != 0 for c in changes.values()]
    return any(went) if check.over == "some" else all(went)


NAMED_OVER = frozenset({"only", "some_other", "each_other"})


def _named_rows(check: Check, plan: Plan, answer: Answer, corpus: Corpus | None) -> tuple[bool | None, str]:
    """"Was Rovers the only club whose attendance fell?", "did stays fall in any region apart from Northmoor?": the
    change of every row of the deciding figure's table, the rows the question names against the others; with the note
    naming the rows that went the way asked. None when the rows are too few or a named one is not among them."""
    changes = _row_changes(answer, corpus) if corpus is not None else {}
    named = named_rows(plan, list(changes))
    if len(changes) < MIN_ROWS or not named:
        return None, ""
    went = {s: (c > 0) == check.above and c != 0 for s, c in changes.items()}
    others = [s for s in changes if s not in named]
    if check.over == "only":
        verdict = all(went[s] for s in named) and not any(went[s] for s in others)
    else:
        verdict = (any if check.over == "some_other" else all)(went[s] for s in others)
    verb = ("rose", "fell")[not check.above]
    shown = [s for s in changes if went[s] and (check.over == "only" or s not in named)]
    if check.over == "only" and verdict:
        return verdict, f"{_names(shown)} {verb}; none of the others did."
    note = f"{_names(shown)} {verb}." if shown else f"None {verb}."
    return verdict, (note if check.over == "only" else f"Apart from {_names(sorted(named))}: {note}")


def named_rows(plan: Plan, rows: list[str]) -> set[str]:
    """The rows the question names: its subjects, else the rows one of whose own words it uses ("Rovers" of "Fenby
    Rovers": a word of no other row's name). Empty when a subject it names is not a row."""
    subjects = {s for s in plan.subjects if s}
    if subjects:
        return subjects if subjects <= set(rows) else set()
    words = set(re.findall(r"[a-z][\w'-]+", plan.resolved_question.lower()))
    tokens = {r: set(re.findall(r"[a-z][\w'-]+", r.lower())) for r in rows}
    own = {r: {w for w in t if len(w) > 2 and not any(w in tokens[o] for o in rows if o != r)} for r, t in tokens.items()}
    return {r for r in rows if own[r] & words}


def named_row_plan(check: Check, plan: Plan, answer: Answer, corpus: Corpus | None) -> Plan | None:
    """"Was Rovers the only club whose attendance fell?": the change of the one row the question names, worked from its
    own figures in the columns the found change was worked from (the answer shows that row, the note the others)."""
    if check.over not in NAMED_OVER or check.kind != "direction" or corpus is None \
            or answer.operation not in ("pct_change", "pp_difference", "difference"):
        return None
    pair = _operand_pair(answer, corpus)
    if pair is None:
        return None
    earlier, later = sorted(pair, key=lambda f: f.period)
    before, after = _column(corpus, earlier), _column(corpus, later)
    named = named_rows(plan, [s for s in before if s in after])
    if len(named) != 1:
        return None
    row = named.pop()
    if row == earlier.subject:
        return None  # already the named row's
    a, b = before[row], after[row]
    return plan.model_copy(update={"groups": [[a.id], [b.id]], "figure_ids": [a.id, b.id], "subjects": [row]})


def rows_note(check: Check, answer: Answer, corpus: Corpus | None, plan: Plan | None = None) -> str:
    """The rows that decide a check over a set of things ("Hillshire rose.", "Lakeshire did not fall."), or ""."""
    check = oriented(check, answer, corpus, plan.resolved_question if plan is not None else "")
    if check.over in NAMED_OVER and plan is not None and check.kind == "direction":
        return _named_rows(check, plan, answer, corpus)[1]
    if corpus is None or check.kind != "direction" or check.over not in ("some", "each"):
        return ""
    changes = _row_changes(answer, corpus)
    if len(changes) < MIN_ROWS:
        return ""
    verb = ("rose", "fell")[not check.above]
    went = [s for s, c in changes.items() if (c > 0) == check.above and c != 0]
    if check.over == "some" and went:
        return f"{_names(went)} {verb}."
    if check.over == "each" and len(went) < len(changes):
        return f"{_names([s for s in changes if s not in went])} did not."
    # no count of rows: a number no quote or working gives is held back as ungrounded, and the verdict with it
    return f"All {verb}." if check.over == "each" else f"None {verb}."


def oriented(check: Check, answer: Answer, corpus: Corpus | None, question: str = "") -> Check:
    """A check asked for the better or the worse ("did it improve?") as a direction up or down: up for the better of a
    measure where more is better, down of one where more is worse (the figure's measure says, else the question's
    words). Any other check as it is."""
    if not check.sense:
        return check
    fig = corpus.figures_by_id.get(answer.figures[0]) if corpus is not None and answer.figures else None
    measure = f"{fig.subject} {fig.measure}" if fig is not None else ""
    worse_up = not WITHIN.search(measure.lower()) and (worse_when_higher(measure) or worse_when_higher(question))
    return replace(check, above=(check.sense == "better") != worse_up, sense="")


def _names(subjects: list[str], most: int = 3) -> str:
    shown = subjects[:most] + (["others"] if len(subjects) > most else [])
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _column(corpus: Corpus, fig: Figure) -> dict[str, Figure]:
    """The figure's column: one figure per subject of its document, measure, unit and period. A figure stated in a
    sentence that is also a table's cell (the same subject, period and value under the table's own label) is in that
    column: the largest such."""
    def of(g: Figure) -> dict[str, Figure]:
        return {f.subject: f for f in corpus.figures
                if f.doc_id == g.doc_id and f.measure == g.measure and f.unit is g.unit and f.period == g.period}

    same = [g for g in corpus.figures if g.doc_id == fig.doc_id and g.subject == fig.subject and g.period == fig.period
            and g.unit is fig.unit and g.value == fig.value]
    return max((of(g) for g in same), key=len, default={})


def _row_changes(answer: Answer, corpus: Corpus) -> dict[str, float]:
    ids = answer.calculation.operands if answer.calculation is not None else answer.figures
    figs = [corpus.figures_by_id.get(i) for i in ids]
    if any(f is None for f in figs):
        return {}
    found = [f for f in figs if f is not None]
    if answer.operation == "lookup" and len(found) == 1 and "change" in found[0].measure:
        # a column of stated changes, each signed by the words it is stated with
        return {s: -f.value if f.value > 0 and _said_as_fall(corpus, f) else f.value
                for s, f in _column(corpus, found[0]).items()}
    if answer.operation in ("pct_change", "pp_difference", "difference") and len(found) == 2 and (
            found[0].subject == found[1].subject and found[0].measure == found[1].measure
            and found[0].period != found[1].period):
        earlier, later = sorted(found, key=lambda f: f.period)
        before, after = _column(corpus, earlier), _column(corpus, later)
        return {s: after[s].value - before[s].value for s in before if s in after}
    return {}


def _said_as_fall(corpus: Corpus, fig: Figure) -> bool:
    doc = corpus.docs_by_id.get(fig.doc_id)
    if doc is None:
        return False
    text = doc.text
    return bool(FELL_BEFORE.search(text[max(0, fig.start - 40):fig.start]) or FALL_AFTER.match(text[fig.end:fig.end + 20]))


def _decide(check: Check, plan: Plan, answer: Answer, question: str, corpus: Corpus | None,
            exact: bool = False) -> bool | None:
    if check.kind == "top" and not answer.abstained:  # a row named, not a value
        return _top(plan, answer, corpus)
    if answer.abstained or answer.value is None:
        return None
    v = answer.value
    if answer.operation in ("difference", "pp_difference") and FALL_ASKED.search(question.lower()):
        v = -v  # a fall asked about is worked out as its size, earlier less later: the change is its negative
    # a worked result is rounded to one decimal: one that close to the threshold may lie on either side of it
    tol = 0.0 if answer.operation == "lookup" or exact else ROUNDING
    if check.kind == "compare":
        named = [s for s in plan.subjects if s]
        if len(named) < 2 or answer.operation != "comparison":
            return None
        if len(set(named)) > 2 and len(answer.figures) <= 2:
            return None  # "more than Northland and Eastland put together?": two of the things compared settle nothing
        text = answer.answer.lower()
        first_in_q = min(named, key=lambda s: _pos(question.lower(), s))
        winner = min(named, key=lambda s: _pos(text, s))  # the answer names the higher (or asked-for lower) first
        return winner == first_in_q
    if check.kind == "direction":
        if answer.unit not in (Unit.count, Unit.money, Unit.percent, Unit.percentage_points):
            return None
        if answer.operation == "lookup" and "change" not in answer.answer.lower():
            return None  # a stated figure decides a direction only if it is a change ("down 3.3 per cent")
        if v == 0:  # no change: it neither rose nor fell (but it is back to where it was)
            return not check.strict
        return (v > 0) == check.above
    if check.kind == "ratio_above":
        if answer.unit is not Unit.ratio:
            return None
        named = [s for s in plan.subjects if s]
        if len(named) >= 2 and v:
            # the calculation divides the larger by the smaller: the question's first-named thing over the other
            first_in_q = min(named, key=lambda s: _pos(question.lower(), s))
            other = next(s for s in named if s != first_in_q)
            if _pos(answer.answer.lower(), other) < _pos(answer.answer.lower(), first_in_q):
                v, tol = 1 / v, tol / (v * v)
        return _beyond(v, check, tol)
    if check.kind == "multiple":
        if answer.unit is Unit.ratio:
            # the calculation divides the larger by the smaller: the later over the earlier is the multiple
            order = _periods(corpus, answer)
            if order is None:
                return None
            times = v if order else 1 / v
            tol = tol if order else tol / (v * v)
        elif answer.unit is Unit.percent and answer.operation == "pct_change":
            times, tol = 1 + v / 100, tol / 100
        else:
            return None
        return _beyond(times, check, tol)
    if check.kind == "change_above":  # a signed percent change against a signed threshold
        if answer.unit is Unit.ratio:
            change, tol = (v - 1) * 100, tol * 100
        elif answer.unit is Unit.percent and (answer.operation == "pct_change" or (
                answer.operation == "lookup" and "change" in answer.answer.lower())):
            change = v
        else:
            return None
        return _beyond(change, check, tol)
    if check.kind == "gap_above" and check.unit == "points":  # the later percentage less the earlier, in points
        if answer.unit is Unit.percentage_points and answer.operation in ("pp_difference", "difference") or (
                answer.operation == "lookup" and answer.unit is Unit.percentage_points
                and "change" in answer.answer.lower()):
            return _beyond(v, check, tol)
        return None
    if check.kind == "gap_above":
        if answer.operation != "difference" or answer.unit not in (Unit.count, Unit.money):
            return None
        return _beyond(v, check, tol)
    if check.kind == "value_is":  # yes when the figure is the amount; another figure may be another thing's
        if check.unit is not None and answer.unit is not None and answer.unit not in UNITS_FOR.get(check.unit, ()):
            return None
        if answer.operation != "lookup" or "change" in answer.answer.lower():
            return None
        return True if abs(v - check.threshold) <= SAME_AMOUNT * abs(check.threshold) else None
    if check.kind in ("share_above", "value_above"):
        if check.unit is not None and answer.unit is not None and answer.unit not in UNITS_FOR.get(check.unit, ()):
            return None  # a count threshold is not met by a percentage, nor a percentage by a count
        if answer.unit is Unit.percent and answer.operation == "lookup" and "change" in answer.answer.lower():
            return None  # a change of 13% is no share or level of 13%
        return _beyond(v, check, tol)
    return None


def _top(plan: Plan, answer: Answer, corpus: Corpus | None) -> bool | None:
    """Is the named row the highest (lowest) of its column? Yes when its figure is the one found (or equals it), no
    when it is another row of the same column; undecided when the named row is not among those compared."""
    if answer.operation != "top" or corpus is None or len(answer.figures) != 1:
        return None
    rows = [corpus.figures_by_id.get(i) for g in plan.groups for i in g]
    chosen = corpus.figures_by_id.get(answer.figures[0])
    named = {s for s in plan.subjects if s}
    if chosen is None or any(f is None for f in rows) or len(named) != 1:
        return None
    mine = [f for f in rows if f is not None and f.subject in named]
    if len(mine) != 1:
        return None
    return mine[0].value == chosen.value


# The answer units a threshold in a unit can be checked against
UNITS_FOR = {"percent": (Unit.percent,), "count": (Unit.count,), "money": (Unit.money, Unit.count),
             "years": (Unit.years,)}


def _beyond(v: float, check: Check, tol: float = 0.0) -> bool | None:
    """v against the threshold; None when v, known only to within `tol`, may be on either side of it."""
    if not check.strict:  # "did it double?" is met by about twice (to within its rounding)
        return v >= check.threshold - tol - EXACT if check.above else v <= check.threshold + tol + EXACT
    if abs(v - check.threshold) <= tol:
        return None
    return v > check.threshold if check.above else v < check.threshold


SAME_AMOUNT = 0.005  # a figure within half a percent of the amount asked about is that amount
ROUNDING = 0.05  # half the last place of a worked result (one decimal)
EXACT = 1e-9


# A worked result from two of the article's figures, as each operation works it out from the pair (either way round)
WORKINGS = {"ratio": lambda a, b: a / b if b else None,
            "pct_change": lambda a, b: (b - a) / a * 100 if a else None,
            "difference": lambda a, b: a - b, "pp_difference": lambda a, b: a - b}


def _unrounded(corpus: Corpus | None, answer: Answer) -> float | None:
    """The answer's worked result before rounding, worked again from its two figures: the one working (of the pair either
    way round) that rounds to the result given. None when it is not a working of two figures, or none rounds to it."""
    work = WORKINGS.get(answer.operation)
    calc = answer.calculation
    if work is None or calc is None or answer.value is None or abs(answer.value - calc.result) > EXACT:
        return None
    pair = _operand_pair(answer, corpus)
    if pair is None:
        return None  # not two figures, or a number the question gives is not a figure of the article
    a, b = pair[0].value, pair[1].value
    found = {x for x in (work(a, b), work(b, a)) if x is not None and abs(round1(x) - calc.result) < EXACT}
    return found.pop() if len(found) == 1 else None  # both ways round to it (a ratio of two near-equal figures): unsure


def _periods(corpus: Corpus | None, answer: Answer) -> bool | None:
    """Is a ratio's dividend of a later period than its divisor (True), an earlier one (False), or can't it tell?"""
    pair = _operand_pair(answer, corpus)
    if pair is None or pair[0].period == pair[1].period or (
            (pair[0].subject, pair[0].measure) != (pair[1].subject, pair[1].measure)):
        return None  # a multiple is of one thing's series
    return pair[0].period > pair[1].period


def _pos(text: str, subject: str) -> int:
    s = subject.lower()
    for cand in (s, s.rsplit(" ", 1)[0]):
        i = text.find(cand)
        if i >= 0:
            return i
    return 10**6


def with_verdict(answer: Answer, verdict: bool, note: str = "") -> Answer:
    lead = "Yes" if verdict else "No"
    return answer.model_copy(update={"answer": f"{lead}. {note + ' ' if note else ''}{answer.answer}"})


# A change stated as a fall: "fell 9%", "down by 3.3 per cent", "a 9% drop" (its figure is the size, unsigned)
FELL_BEFORE = re.compile(r"\b(?:fell|fallen|falls?|down|dropped|drops?|declined|declines?|decreased|decreases?|slid|slipped|"
                         r"slumped|shrank|shrunk|lower|cut|eased|contracted|plunged|plummeted|tumbled|sank)"
                         r"(?:\s+(?:by|of))?(?:\s+(?:about|around|some|nearly|almost|roughly|just|over|more than))*\s*$", re.I)
FALL_AFTER = re.compile(r"^\s*(?:fall|drop|decline|decrease|reduction|cut|slump|contraction|lower|down)\b", re.I)


def stated_as_fall(corpus: Corpus, answer: Answer) -> bool:
    """Is the looked-up figure a change its sentence states as a fall?"""
    c = answer.citations[0]
    doc = corpus.docs_by_id.get(c.doc_id)
    if doc is None or "change" not in answer.answer.lower():
        return False
    text = doc.text
    return bool(FELL_BEFORE.search(text[max(0, c.start - 40):c.start]) or FALL_AFTER.match(text[c.end:c.end + 20]))
