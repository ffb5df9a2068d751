"""Questions about a series of figures, asked of every period (or item) at once.

    each      "What were X in 2019 and 2018?", "the respective X of A and B": one figure per year or item asked,
              listed (not added: a question that wants them added says so, "combined", "in total")
    which     "Which years had X above 8,200?": the periods whose figure passes the test; "Which years does the
              table give X for?": every period it gives
    how_many  "In how many years did X exceed 5,000?": how many periods pass the test
    top       "Which segment had the highest revenue in 2019?": the row whose figure is highest (lowest) of the rows
              of its table column, for each year asked

The test is read from the question ("more than", "exceeded", "below", "less than" and a number, with its scale
word). A number written bare is compared as the table writes its figures (a "(in thousands)" table's 8,200 is
8,200 thousand); one with a scale word ("$35,000 million") is compared in units.
"""

from __future__ import annotations

import re
from dataclasses import replace

from qa.model.records import Figure, Op, Plan, Unit
from qa.text import lexicon
from qa.understand.link import period_years, terms_of, year_of
from qa.understand.plans import Context, finish, resolve, siblings
from qa.understand.query import Reading
from qa.understand.score import score_figures
from qa.understand.verdict import TOP_ASKED

ABOVE = r"more than|greater than|higher than|larger than|bigger than|above|over|exceed(?:ed|s|ing)?|in excess of"
BELOW = r"less than|lower than|smaller than|fewer than|below|under"
THRESHOLD = re.compile(
    rf"\b(?P<cmp>{ABOVE}|{BELOW})\s+(?:that\s+of\s+|the\s+|a\s+|an\s+)?(?P<cur>US\$|[$£€])?\s?"
    r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>thousands?|millions?|billions?|bn|m|k|%|percent|per cent)?(?![\w])",
    re.I)
SCALE_WORDS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
WHICH_PERIODS = re.compile(r"\b(?:which|what)\s+(?:(?:of\s+)?(?:are\s+)?(?:the\s+)?)(?:fiscal\s+|financial\s+)?"
                           r"(?:years?|periods?)\b|\bin which (?:fiscal\s+)?(?:years?|periods?)\b")
HOW_MANY_PERIODS = re.compile(r"\bhow many (?:fiscal\s+|financial\s+)?(?:years?|periods?)\b")
ALL_PERIODS = re.compile(r"\b(?:which|what)\s+(?:are\s+the\s+)?(?:fiscal\s+)?(?:years|periods)\b|"
                         r"\bin which (?:fiscal\s+)?years\b")
# a question that adds, compares or works something out of the figures does not ask to list them
COMBINED = re.compile(r"\b(total|totals|combined|together|sum|altogether|added|overall|in all|aggregate|cumulative|"
                      r"average|change|difference|increase|decrease|growth|ratio|proportion|percentage|rise|fall|"
                      r"both|more|fewer|less|higher|lower|larger|smaller|greater|bigger|or|than|compared?|versus|vs)\b")
RESPECTIVE = re.compile(r"\brespective(?:ly)?\b")


def threshold(r: Reading) -> tuple[float, bool, bool] | None:
    """(the bound as written, whether the test is "below", whether the number names its scale); None: no test."""
    m = THRESHOLD.search(r.text)
    if m is None:
        return None
    n = float(m.group("num").replace(",", ""))
    if 1950 <= n <= 2049 and n == int(n) and not m.group("cur") and not m.group("scale"):
        return None  # "more than in 2018" compares with a year's figure, not with a number
    word = (m.group("scale") or "").lower().rstrip("s")
    scaled = word in SCALE_WORDS
    if scaled:
        n *= SCALE_WORDS[word]
    return n, bool(re.match(BELOW, m.group("cmp"), re.I)), scaled or word in ("%", "percent", "per cent")


def series_for(ctx: Context, r: Reading) -> list[Figure]:
    """The single-period figures of the measure the question best matches, in time order ([] when none)."""
    plain = replace(r, years=[], year_range=None)
    for s, best in score_figures(ctx.known, plain, ctx.sims)[:5]:
        if s < 1.5 or best.unit is Unit.date or (r.subjects and best.subject not in r.subjects):
            continue
        series = [f for f in siblings(ctx.known, best, "period") if (sp := period_years(f.period)) and sp[0] == sp[1]]
        by_year = {year_of(f.period): f for f in sorted(series, key=lambda f: f.period)}
        if len(by_year) >= 2:
            return list(by_year.values())
    return []


def plan_series(ctx: Context, plan: Plan, r: Reading) -> Plan | None:
    """A plan for a question about every period of a series (which / how many pass a test, which years are
    given), for each of several years or items asked, or for the rows that make up a whole; None when the
    question is of none of these kinds."""
    low = r.lowered
    parts = plan_components(ctx, plan, r)
    if parts is not None:
        return parts
    top = plan_top(ctx, plan, r)
    if top is not None:
        return top
    test = threshold(r)
    asks_which = bool(WHICH_PERIODS.search(low))
    asks_count = bool(HOW_MANY_PERIODS.search(low))
    if test is not None and (asks_which or asks_count):
        series = series_for(ctx, r)
        if not series:
            return None
        bound, below, scaled = test
        plan.threshold = bound if scaled else bound * series[0].scale
        plan.prefer_low = below
        return finish(plan, Op.how_many if asks_count else Op.which, [[f] for f in series])
    ranks = re.search(r"\b(highest|lowest|most|least|largest|smallest|peak|larger|higher|lower|smaller|greater|less|more)\b",
                      low)
    if asks_which and ALL_PERIODS.search(low) and test is None and not ranks:
        series = series_for(ctx, r) or table_periods(ctx, r)
        return finish(plan, Op.which, [[f] for f in series]) if series else None
    if asks_count and test is None and not ranks and TABLE_PERIODS.search(low):
        # "How many years does the table show?": every period of the table counts
        series = table_periods(ctx, r)
        return finish(plan, Op.how_many, [[f] for f in series]) if series else None
    return plan_each(ctx, plan, r)


# "What are the years included in the table?", "How many periods are shown in the table?": the table's own periods
TABLE_PERIODS = re.compile(r"\b(?:years?|periods?)\b[^?]*\b(?:in|of|by|from)\s+the\s+(?:table|chart)\b|"
                           r"\b(?:table|chart)\s+(?:shows?|covers?|gives?|includes?|lists?)\b")


def table_periods(ctx: Context, r: Reading) -> list[Figure]:
    """One cell for each single year a table gives, in time order: the table whose cells best match the question (its
    measure's rows when it names one, "In which years were current liabilities recorded?"), else the first table when
    the question asks about "the table" itself. [] when no table gives two years or more."""
    corpus = ctx.known.corpus
    tables: list[list[Figure]] = []
    last: tuple[str, int] | None = None
    for f in sorted(corpus.figures, key=lambda f: (f.doc_id, f.start)):
        p = corpus.passage_at(f.doc_id, f.start)
        if p is None or "|" not in p.text or (sp := period_years(f.period)) is None or sp[0] != sp[1]:
            continue
        ps = corpus.passages_by_doc.get(f.doc_id, [])
        at = ps.index(p)
        # a table's rows are consecutive passages: a figure starts a new table unless the rows between are its own
        if last is None or last[0] != f.doc_id or any("|" not in q.text for q in ps[last[1]:at + 1]):
            tables.append([])
        tables[-1].append(f)
        last = (f.doc_id, at)
    tables = [t for t in tables if len({year_of(f.period) for f in t}) >= 2]
    if not tables:
        return []
    scores = {f.id: s for s, f in score_figures(ctx.known, replace(r, years=[], year_range=None), ctx.sims)}
    named = [t for t in tables if max(scores.get(f.id, 0.0) for f in t) >= 1.5]
    if named:
        table = max(named, key=lambda t: max(scores.get(f.id, 0.0) for f in t))
    elif TABLE_PERIODS.search(r.lowered):
        table = tables[0]
    else:
        return []
    by_year: dict[int | None, Figure] = {}
    for f in table:
        by_year.setdefault(year_of(f.period), f)
    return [by_year[y] for y in sorted(by_year, key=lambda y: y or 0)]


PARTS = (r"(?:components?|items?|elements?|parts?|constituents?|categories|breakdown|segments|types|kinds|sources|"
         r"classes)")
COMPONENTS = re.compile(
    r"\b(?:what|which)\s+(?:are|were|is)\s+(?:the\s+)?(?:main\s+|major\s+|various\s+|different\s+)?"
    rf"{PARTS}\s+(?:of|under|in|that\s+make\s+up|"
    r"making\s+up|included\s+in|of\s+the)\s+(?:the\s+)?(?P<whole>.+?)\s*\??$")
# "How many components are there under deferred tax assets?", "How many types of intangible assets are there?": how many
# rows make up the whole
COUNT_PARTS = re.compile(
    rf"\bhow\s+many\s+(?:main\s+|major\s+|different\s+)?{PARTS}\s+(?:are\s+there\s+|were\s+there\s+)?"
    r"(?:of|under|in|that\s+make\s+up|making\s+up|included\s+in)\s+(?:the\s+)?(?P<whole>.+?)"
    r"(?:\s+(?:are|were)\s+there)?\s*\??$")
SECTION_SEP = ": "  # how `qa.corpus.tables` names a row under a section heading ("Earnings per share: Basic")


def _words(text: str) -> frozenset[str]:
    return terms_of(re.sub(r"\btotal\b", " ", text.lower()))


def plan_components(ctx: Context, plan: Plan, r: Reading) -> Plan | None:
    """The rows that make up a whole the question names: the rows under a section heading of that name ("What were
    the components under Property, plant, and equipment, gross?"), or the rows just above a total of that name whose
    figures add up to it ("What are the components of total revenue?"). One figure per row, in the table's order."""
    m = COMPONENTS.search(r.lowered)
    counted = COUNT_PARTS.search(r.lowered) if m is None else None
    if counted is not None and threshold(r) is None:
        m, plan.count_rows = counted, True  # the number of rows, not their names
    if m is None:
        return None
    whole = _words(re.sub(r"\b(?:in|for|as of|at)\s+(?:the\s+)?(?:(?:fiscal\s+)?(?:year\s+)?(?:19|20)\d\d|table)\b.*$",
                          "", m.group("whole")))
    if not whole:
        return None
    figures = ctx.known.corpus.figures
    sections: dict[str, list[Figure]] = {}
    for f in figures:
        if SECTION_SEP in f.subject:
            sections.setdefault(f.subject.split(SECTION_SEP, 1)[0], []).append(f)
    named = [s for s in sections if _words(s) == whole]
    if len(named) == 1:
        rows = _one_per_row(sections[named[0]])
        if len(rows) >= 2:
            return finish(plan, Op.components, [[f] for f in rows])
    totals = [f for f in figures if _words(f.subject) == whole and f.unit in (Unit.count, Unit.money)]
    # the column whose rows add up to its total with the most rows (a row blank in one year is 0 there)
    best = max((_adding_up_to(figures, t) for t in totals), key=len, default=[])
    return finish(plan, Op.components, [[f] for f in best]) if best else None


def _one_per_row(figs: list[Figure]) -> list[Figure]:
    seen: dict[str, Figure] = {}
    for f in sorted(figs, key=lambda f: f.start):
        seen.setdefault(f.subject, f)
    return list(seen.values())


def _adding_up_to(figures: list[Figure], total: Figure) -> list[Figure]:
    """The figures of the same column in the rows just above a total that add up to it (at least two)."""
    column = sorted((f for f in figures if f.doc_id == total.doc_id and f.measure == total.measure
                     and f.period == total.period and f.unit is total.unit and f.start < total.start
                     and f.subject != total.subject), key=lambda f: f.start)
    above: list[Figure] = []
    for f in reversed(column[-12:]):
        above.insert(0, f)
        if len(above) >= 2 and abs(sum(x.value for x in above) - total.value) <= 0.5 * total.scale:
            return above
    return []


def plan_each(ctx: Context, plan: Plan, r: Reading) -> Plan | None:
    """One figure for each year (or item) the question names, when it asks for them as they are."""
    respective = bool(RESPECTIVE.search(r.lowered))
    own = ctx.known.subjects.mask(r.lowered)  # a row named "Total operating expense" asks for no total
    if COMBINED.search(own) or not (respective or r.operation in (Op.lookup, Op.sum)):
        return None
    years = list(dict.fromkeys(r.years))
    if len(years) >= 2 and not r.year_range:
        # the best-matching measure that has a figure for every year asked (one row of a table, read across) ...
        for score, best in score_figures(ctx.known, r, ctx.sims)[:8]:
            if score < 1.5 or best.unit is Unit.date:
                continue
            row = siblings(ctx.known, best, "period")
            across = [f for y in years for f in row[:] if _in_year(f, y)][:len(years)]
            if len({f.id for f in across}) == len(years) and all(_in_year(f, y) for f, y in zip(across, years, strict=True)):
                return finish(plan, Op.each, [[f] for f in across])
        # ... else each year's own best figure (stated in different sentences)
        out: list[Figure] = []
        for y in years:
            one = resolve(ctx, replace(r, years=[y], year_range=None))
            if len(one) != 1 or not _in_year(one[0], y) or one[0] in out:
                return None
            out.append(one[0])
        if len({f.unit for f in out}) != 1:
            return None
        return finish(plan, Op.each, [[f] for f in out])
    subjects = list(dict.fromkeys(r.subjects))
    if len(subjects) >= 2 and respective:  # "A and B" may name one thing ("Texas visitors"); "respectively" lists
        out = []
        for name in subjects:
            one = resolve(ctx, replace(r, subjects=[name]))
            if len(one) != 1 or one[0].subject != name or one[0] in out:
                return None
            out.append(one[0])
        if len({f.unit for f in out}) != 1:
            return None
        return finish(plan, Op.each, [[f] for f in out])
    return None


def _in_year(f: Figure, year: int) -> bool:
    span = period_years(f.period)
    return span is not None and span[0] == span[1] == year  # not a span of years that ends in it


# "Which segment had the highest revenue?", "What is the component that contributed the most to total revenue?": a row
# asked for by its figure being the highest (lowest) of its column; not a year ("which year was highest" is `when`)
TOP_ROW = re.compile(r"^(?:(?:in|for)\s+(?:fiscal\s+)?(?:19|20)\d\d,?\s+)?(?:which|what)\b(?!\s+(?:is\s+the\s+|was\s+the\s+)?"
                     r"(?:fiscal\s+|financial\s+)?(?:years?|periods?|months?|quarters?|dates?)\b)")
SUPERLATIVE = re.compile(r"\b(highest|largest|most|greatest|biggest|lowest|smallest|least|fewest)\b")
LEAST = re.compile(r"\b(lowest|smallest|least|fewest)\b")
TOTAL_ROW = re.compile(r"\btotal\b", re.I)


def plan_top(ctx: Context, plan: Plan, r: Reading) -> Plan | None:
    """The rows of the best-matching figure's column (its siblings over subjects: one measure, one period), the total
    left out, for each year asked (the best figure's own year when none is); the composer names the highest (lowest)
    of each year's rows. None when the question is not of that kind or the column has fewer than two rows."""
    low = r.lowered
    # "Was Southshire the region with the most cases?": a yes/no check of a named row against the rest of its column
    check = r.check if r.check is not None and r.check.kind == "top" else None
    checked = check is not None
    named = [s for s in r.subjects if not TOTAL_ROW.search(s)]
    if checked:
        if len(set(named)) != 1:
            return None
    elif not TOP_ROW.search(low) or not SUPERLATIVE.search(low) or re.search(r"\bhow many\b", low) or named:
        return None  # a row named is not asked for; a total names the column
    words = SUPERLATIVE.findall(low) + ([m.group("word")] if checked and (m := TOP_ASKED.search(low)) else [])
    drop = {t for w in words for t in lexicon.canon_tokens(w)}
    plain = replace(r, terms=[t for t in r.terms if t not in drop])
    years = list(dict.fromkeys(r.years)) if not r.year_range else []
    for s, best in score_figures(ctx.known, plain, ctx.sims)[:5]:
        if s < 1.5 or best.unit is Unit.date or (check is not None and check.unit == "money" and best.unit is not Unit.money):
            continue  # "the cheapest" is of a price
        heads = [best]
        if len(years) >= 2:  # "in 2018 and 2019 respectively": each year's column
            heads = [f for y in years for f in siblings(ctx.known, best, "period") if period_years(f.period) == (y, y)]
            if len(heads) != len(years):
                return None
        column = [f for h in heads for f in _rows_of(ctx, h) if not TOTAL_ROW.search(f.subject)]
        if checked and (len(heads) != 1 or named[0] not in {f.subject for f in column}):
            continue  # the named row is checked against the rest of its own column, in one period
        if len({f.subject for f in column}) >= 2 and all(any(f.period == h.period for f in column) for h in heads):
            plan.prefer_low = not check.above if check is not None else bool(LEAST.search(low))
            return finish(plan, Op.top, [[f] for f in column])
    return None


def _rows_of(ctx: Context, fig: Figure) -> list[Figure]:
    """A figure's column in its table: the figures of its measure, period and unit for every row (subject), in the
    table's order, without a row whose figure is the sum of the others (a total)."""
    rows = list({f.subject: f for f in sorted(siblings(ctx.known, fig, "subject"), key=lambda f: -f.start)}.values())
    rows.sort(key=lambda f: f.start)  # one per row: its first such cell, when the columns' labels tell none apart
    total = sum(f.value for f in rows)
    return [f for f in rows if len(rows) < 3 or abs(2 * f.value - total) > 0.5 * f.scale]
