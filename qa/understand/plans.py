"""Planners: from a Reading and scored figures to a Plan (operation + operand groups).

An operand is a group of figures that is summed: "the two forces' 2021 offences" is
Northshire's 710 plus Southshire's 183 when the article gives no joint figure.
Questions that compare two things are split along the axis that differs: two places,
two years, cases with and without a suspect, or two numbers the question quotes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from qa.model.records import Figure, Group, Op, Plan, Qualifier, Unit
from qa.text import lexicon
from qa.text.dateline import shift
from qa.text.dates import SINCE_ASKED
from qa.understand.link import CorpusTerms, figure_terms, joint, named_each, period_years, terms_of, year_of
from qa.understand.query import ASKING, CHANGE_COMPARE, PERIOD_WORDS, Reading, read_question
from qa.understand.rounded import ROUNDED, near, quoted_share
from qa.understand.score import PER_HEAD, PER_HEAD_FIGURE, defining, key_terms, month_fits, score_figures
from qa.understand.verdict import lower_is_better_asked


@dataclass
class Context:
    known: CorpusTerms
    sims: dict[str, float]
    doc_year: int


def abstain(plan: Plan, reason: str) -> Plan:
    plan.operation = Op.abstain
    plan.abstain_reason = reason
    plan.figure_ids = []
    plan.groups = []
    return plan


def finish(plan: Plan, op: Op, groups: list[Group]) -> Plan:
    groups = [list({f.id: f for f in g}.values()) for g in groups]
    plan.operation = op
    plan.groups = [[f.id for f in g] for g in groups]
    plan.figure_ids = list(dict.fromkeys(f.id for g in groups for f in g))
    return plan


# --- finding operands -------------------------------------------------------------------

def split_parts(known: CorpusTerms, fig: Figure) -> Group:
    """The with-suspect and no-suspect counts that together make up a 'dropped' total."""
    if fig.unit is not Unit.count:
        return []
    parts = [
        f for f in known.corpus.figures
        if f.doc_id == fig.doc_id and f.subject == fig.subject and f.period == fig.period
        and f.unit is Unit.count and lexicon.split_flag(f.measure) and lexicon.split_applies(figure_terms(f))
    ]
    flags = {lexicon.split_flag(f.measure) for f in parts}
    return parts if flags >= {"with", "without"} and lexicon.split_applies(figure_terms(fig)) else []


def by_number(ctx: Context, r: Reading, unit: Unit | None = None) -> list[Figure]:
    """Figures whose value the question quotes ("of the 71 cases"), in the order quoted."""
    out: list[Figure] = []
    scored = score_figures(ctx.known, r, ctx.sims, quoted_penalty=False)
    for n, around in zip(r.quoted, r.quoted_terms or [frozenset()] * len(r.quoted), strict=False):
        same = [
            (s, f) for s, f in scored
            if f.value == n and (unit is None or f.unit is unit) and f.unit is not Unit.date
            and (not r.subjects or f.subject in r.subjects)
            and (around & (figure_terms(f) | terms_of(f.subject)) or ("%" in around and f.unit is Unit.percent))
        ]
        if same and same[0][1] not in out:
            out.append(same[0][1])
    return out


def resolve(ctx: Context, r: Reading, prefer_parts: bool = False, unit: Unit | None = None, floor: float = 1.5,
            doc: str = "") -> Group:
    """The figures one operand stands for (of document `doc` only, when given); [] when nothing fits well enough."""
    scored = [x for x in score_figures(ctx.known, r, ctx.sims, quoted_penalty=False)
              if (unit is None or x[1].unit is unit) and (not doc or x[1].doc_id == doc)]
    if not scored:
        return []
    s, best = scored[0]
    quoted = [f for f in by_number(ctx, r, unit) if not doc or f.doc_id == doc]
    if quoted:  # a figure the question quotes ("the national 35 per cent") wins
        return quoted[:1]
    table = ctx.known.subjects
    subject = r.subjects[0] if len(r.subjects) == 1 else None
    comps = table.components(subject, r.lowered) if subject else []
    joint_weak = best.subject != subject or s < 2.5 or (prefer_parts and best.qualifier is not Qualifier.exact)
    if comps and joint_weak:
        group: Group = []
        for c in comps:
            g = resolve(ctx, replace(r, subjects=[c]), prefer_parts, unit, floor, doc)
            if not g:
                break
            group += g
        else:
            return group
    if s < floor:
        return []
    if prefer_parts and not r.part:
        parts = split_parts(ctx.known, best)
        if parts:
            return parts
    return [best]


def split(ctx: Context, r: Reading) -> tuple[Reading, Reading] | None:
    """Two readings that differ on one axis: places, years, or with/without a suspect."""
    table = ctx.known.subjects
    if len(table.places(r.subjects)) >= 2:
        a, b, rest = compared_pair(ctx, r.subjects)
        # each place under every name the question found it by ("UK" and "United Kingdom")
        names_a = [a] + [s for s in rest if table.one_place(s, a)]
        names_b = [b] + [s for s in rest if table.one_place(s, b)]
        rest = [s for s in rest if s not in names_a + names_b]
        # a name left out is the measure's own words ("the visas of A and B" where "Visas" names a caption)
        kept = list(dict.fromkeys(r.terms + [t for s in rest for t in sorted(terms_of(s))]))
        return replace(r, subjects=names_a, terms=kept), replace(r, subjects=names_b, terms=kept)
    months = sorted(set(r.months))
    years = sorted(set(r.years))
    if len(years) == 2 and set(years) == {int(m[:4]) for m in months}:
        # "in Q3 2024 than in Q3 2023", "Jan-Oct 2024 than the same months of 2023": each year with its own months
        return tuple(replace(r, years=[y], year_range=None, months=[m for m in months if int(m[:4]) == y],
                             spans=[sp for sp in r.spans if int(sp[-7:-3]) == y])
                     for y in years)  # type: ignore[return-value]
    if len(years) >= 2 and months and not set(years) <= {int(m[:4]) for m in months}:
        # "in Jan-Oct 2024 than in the same months of 2023": the months are a span of one year named, and the other
        # year asks for the same span: each year's figure for those months
        def within(y: int) -> Reading:
            return replace(r, years=[y], year_range=None, months=sorted({f"{y}{m[4:]}" for m in months}))
        return within(years[0]), within(years[1])
    if len(months) == 2:  # "from December to January": each month's figure (the years are the months' own)
        return replace(r, months=[months[0]]), replace(r, months=[months[1]])
    if len(years) >= 2:
        return replace(r, years=[years[0]], year_range=None), replace(r, years=[years[1]], year_range=None)
    if r.part == "both":
        return replace(r, part="with"), replace(r, part="without")
    return None


def compared_pair(ctx: Context, subjects: list[str]) -> tuple[str, str, list[str]]:
    """The two of the names a question gives that are compared: with three or more ("Aerospace operating profit is
    how many times Energy Systems'?" also names a caption's "Segment operating profit"), the two whose figures share
    most measures and periods (a like-for-like pair), two one document gives when none share any, else the first two;
    and the names left out."""
    if len(subjects) <= 2:
        return subjects[0], subjects[1], []
    keys: dict[str, set[tuple[str, str, str, str]]] = {s: set() for s in subjects}
    for f in ctx.known.corpus.figures:
        if f.subject in keys:
            keys[f.subject].add((f.doc_id, f.measure, f.period, f.unit.value))
    docs = {s: {k[0] for k in keys[s]} for s in subjects}
    # two names of one place ("UK", "United Kingdom") are not two things compared
    pairs = [(i, j) for i in range(len(subjects)) for j in range(i + 1, len(subjects))
             if not ctx.known.subjects.one_place(subjects[i], subjects[j])] or [(0, 1)]
    # (then two names one document gives, "Higher" read from a comparative beside two lenders of another article)
    i0, j0 = pairs[0]
    best = (0, bool(docs[subjects[i0]] & docs[subjects[j0]]), i0, j0)
    for i, j in pairs:
        mine = (len(keys[subjects[i]] & keys[subjects[j]]), bool(docs[subjects[i]] & docs[subjects[j]]), i, j)
        if mine[:2] > best[:2]:
            best = mine
    _, _, i, j = best
    return subjects[i], subjects[j], [s for k, s in enumerate(subjects) if k not in (i, j)]


# "than a year ago", "from the month before", "on the previous quarter": a change over that interval, back from the
# latest figure, not from the earliest
INTERVAL_BACK = re.compile(r"\b(?:(?:a|one) (?P<a>year|month|quarter) (?:ago|earlier|before|previously)|"
                           r"the (?P<b>year|month|quarter) before|the (?:previous|prior|preceding) (?P<c>year|month|quarter))\b")
INTERVAL_MONTHS = {"year": 12, "quarter": 3, "month": 1}


def interval_back(lowered: str) -> int | None:
    """How many months back the question measures a change from ("a year ago": 12), or None when it names none."""
    m = INTERVAL_BACK.search(lowered)
    return INTERVAL_MONTHS[m.group("a") or m.group("b") or m.group("c")] if m else None


def over_time(ctx: Context, r: Reading, unit: Unit | None) -> list[Group] | None:
    """The earliest and latest single-year figures of the best-matching measure (with an interval asked, "than a year
    ago", the latest and the one that interval before it)."""
    back = interval_back(r.lowered)
    scored = [x for x in score_figures(ctx.known, r, ctx.sims) if unit is None or x[1].unit is unit]
    if unit is Unit.percent and r.wants_unit is Unit.percentage_points:
        # "by how many points did the share go up?": the words of a rise fit the changes the article states best, but
        # a gap in points over time is between two levels of a share; the levels are tried first
        scored = [x for x in scored if not is_change(x[1])] + [x for x in scored if is_change(x[1])]
    top = [f for _, f in scored[:6]]
    if not r.subjects:  # no place named: prefer the widest one (the national figures)
        widened = []
        for a in top:
            sibs = siblings(ctx.known, a, "subject")
            widened.append(max(sibs, key=lambda f: f.value) if sibs else a)
        top = widened + top
    for a in top:
        if r.subjects and not ctx.known.subjects.one_place(a.subject, r.subjects[0]):
            continue
        if (found := series_ends(ctx, r, a, back)) is not None:
            return found or None
    if r.subjects:
        # the place's own name has no series; another name of it does (a table's "Green" row for the text's "Greens")
        for _, a in scored[:12]:
            if a.subject != r.subjects[0] and a.doc_id == (scored[0][1].doc_id if scored else a.doc_id) \
                    and ctx.known.subjects.related(a.subject, r.subjects[:1]) and not joint(a.subject) \
                    and (found := series_ends(ctx, r, a, back)) is not None:
                return found or None
    return None


# how many times larger one figure of a series may be than another and still be the same thing at another time (a
# total beside a per-share amount, "$338m" and "$0.90", shares one measure's words but is no change over time)
LIKE_SIZE = 100.0


def like_sized(a: Figure, b: Figure) -> bool:
    """Two figures of one measure close enough in size to be one quantity at two times: neither more than LIKE_SIZE
    times the other (a zero is like any size)."""
    return like_values(a.value, b.value)


def like_values(a: float, b: float) -> bool:
    """Neither of two amounts more than LIKE_SIZE times the other (a zero is like any size)."""
    x, y = abs(a), abs(b)
    if x == 0 or y == 0:
        return True
    return max(x, y) / min(x, y) <= LIKE_SIZE


def series_ends(ctx: Context, r: Reading, a: Figure, back: int | None = None) -> list[Group] | None:
    """The earliest and latest single-year figures of a figure's own series (in the years asked, if a span is); with
    an interval asked (`back` months, "than a year ago") the latest and the one that interval before it, or [] when
    the series does not give it (no other series will do). None: the figure has no series."""
    singles = [f for f in siblings(ctx.known, a, "period") if (sp := period_years(f.period)) and sp[0] == sp[1]
               and like_sized(f, a)]
    # a period given twice ("13.6%" and "about half" in December) is read from the figure stated exactly
    singles = [f for f in singles if f.qualifier is Qualifier.exact
               or not any(g.period == f.period and g.qualifier is Qualifier.exact for g in singles)]
    singles.sort(key=lambda f: f.period)
    if back is not None and len(singles) >= 2:
        latest = [f for f in singles if f.period == singles[-1].period]
        now = a if a in latest else latest[0]
        then = [f for f in singles if f.period == shift(now.period, back)]
        return [[then[0]], [now]] if then else []
    if r.year_range and singles and r.open_end:
        # "since 2019": from that year's figure to the series' latest, which may be of the year published
        singles = [f for f in singles if year_of(f.period) >= r.year_range[0]]
        if not singles or year_of(singles[0].period) != r.year_range[0]:
            return None
    elif r.year_range and singles:
        wanted = {r.year_range[0], r.year_range[1]}
        singles = [f for f in singles if year_of(f.period) in wanted]
    if len(singles) >= 2 and singles[0].period != singles[-1].period:
        # (two figures of one measure and one period, a month's change and a year's both dated June, are no series)
        return [[singles[0]], [singles[-1]]]
    return None


def siblings(known: CorpusTerms, fig: Figure, vary: str) -> list[Figure]:
    """Figures with the same measure and unit, differing only in subject or period."""
    return [
        f for f in known.corpus.figures
        if f.doc_id == fig.doc_id and f.unit is fig.unit and f.measure == fig.measure
        and ((vary == "period" and f.subject == fig.subject) or (vary == "subject" and f.period == fig.period))
    ]


def answered_pair(ctx: Context, r: Reading, unit: Unit | None) -> list[Group] | None:
    """A calculation asked of the figures the last answer stated ("whats that as a % increase?" after "97 cents, up
    from 83 cents in 2023"): the first two it stated of one unit, the one stated second (the base it was measured
    from) first, when they are one series: of one measure, or of one place at two times ("7,357 offences by the 38
    forces" is no pair). None when it stated no two such figures."""
    by_id = ctx.known.corpus.figures_by_id
    figs = [by_id[i] for i in r.answered if i in by_id and (unit is None or by_id[i].unit is unit)]
    for i, a in enumerate(figs):
        for b in figs[i + 1:]:
            series = a.measure == b.measure or (a.subject == b.subject and bool(a.period and b.period) and a.period != b.period)
            if series and b.unit is a.unit and b.doc_id == a.doc_id and b.value != a.value \
                    and not (changes([a]) or changes([b])):
                return [[b], [a]]
    return None


def pair(ctx: Context, r: Reading, unit: Unit | None) -> list[Group] | None:
    quoted = by_number(ctx, r, unit)
    if len(quoted) >= 2:
        return [[quoted[0]], [quoted[1]]]
    places = ctx.known.subjects.places(r.subjects)
    if len(places) < 2 and len(set(r.years)) < 2 and (cols := columns_of_row(ctx, r, unit)) is not None:
        return cols
    if r.said_last and (against := against_answer(ctx, r, unit)) is not None:
        # "how many times the MRI money is that?": what the last answer stated against what the follow-up's own words
        # name, before the question is split at its words of comparison
        return against
    halves = split(ctx, r)
    if halves is not None:
        a = resolve(ctx, halves[0], unit=unit)
        if a:
            b = resolve(ctx, halves[1], unit=a[0].unit)
            a, b = one_document(ctx, r, halves, a, b, a[0].unit)
            # each half's figure read across its row to the other year: the pair of one series fitting best
            rows = [[a, x] for x in [same_row(ctx, a, halves[1])] if x]
            rows += [[x, b] for x in [same_row(ctx, b, halves[0])] if x and b]
            if b and not rows and stated_twice(a, b):
                # one number stated twice, the text restating a table's cell under another period ("12,340 widget
                # applications" dated a year before the table's column): its change is 0 by construction; the
                # halves' own series read across to the other year, however loosely the cell fits
                # (each read under its own figure's name: the text's name for it may be none of the table's)
                rows = [[x, b] for x in [same_row(ctx, b, replace(halves[0], subjects=[b[0].subject]), float("inf"))] if x]
                rows += [[a, x] for x in [same_row(ctx, a, replace(halves[1], subjects=[a[0].subject]), float("inf"))] if x]
            if b and not rows and not same_series(a, b):
                # two places: each one's best figure read along to the other place (one measure and period both have)
                # (the second place's best figure in any unit too: the first's best may be of another kind)
                rows = [[a, x] for x in [same_column(ctx, a, halves[1])] if x]
                for b2 in [b] + [g for g in [resolve(ctx, halves[1], unit=unit)] if g and g != b]:
                    rows += [[x, b2] for x in [same_column(ctx, b2, halves[0])] if x]
            if rows:
                return max(rows, key=lambda g: fit(ctx, r, g))
            if b and {f.id for f in a} != {f.id for f in b}:
                return [a, b]
        if unit is None:
            # the first half's best figure has no like in the second (a change beside a count): the two halves in a
            # unit both have, the pair that fits the question best
            options = []
            for u in (Unit.count, Unit.money, Unit.percent):
                a, b = one_document(ctx, r, halves, resolve(ctx, halves[0], unit=u), resolve(ctx, halves[1], unit=u), u)
                if a and b and {f.id for f in a} != {f.id for f in b}:
                    options.append([a, b])
            if options:
                return max(options, key=lambda g: fit(ctx, r, g))
    against = against_answer(ctx, r, unit)
    if against is not None:
        return against
    if len(places) >= 2 or len(set(r.years)) >= 2:
        return None
    if len(quoted) == 1 and (named := quoted_and_named(ctx, r, quoted[0])) is not None:
        return named
    if than_other(r.lowered):
        return than_pair(ctx, r, unit)
    return over_time(ctx, r, unit)


# how many times larger or smaller than a quoted amount the amount named beside it may be: the two are measured one
# against the other ("from £1,834 to the new cap"), so they are of one size, not a total beside a part
NAMED_BESIDE_QUOTED = 10.0


def quoted_and_named(ctx: Context, r: Reading, q: Figure) -> list[Group] | None:
    """"Going from £1,834 to the new cap, what is the rise?", "how far short of the 240k a year are approvals?": one
    operand the question quotes (the one measured from), the other it names in words: the figure the rest of the
    question fits best, of the quoted one's document and unit, of a like size and not a stated change. None when no
    such figure fits well, or the best one is of the quoted figure's own series (a change over time from the quoted
    figure is read from its series)."""
    if q.unit is Unit.count and abs(q.value) < 100:
        return None  # a small bare number is more often part of a name ("grade 9s in 7 subjects") than an amount
    if EXCLUDING.search(r.lowered):
        return None  # "besides the 630 dropped, how many more...": the number quoted is set aside, not measured from
    rest = replace(r, quoted=[], quoted_terms=[], wants_unit=None)  # (a % asked is the answer's unit, not theirs)
    for s, f in score_figures(ctx.known, rest, ctx.sims, quoted_penalty=False):
        if s < 1.5:
            return None
        if f.id == q.id or f.doc_id != q.doc_id or f.unit is not q.unit or f.value == q.value or is_change(f) \
                or not q.value or not 1 / NAMED_BESIDE_QUOTED <= f.value / q.value <= NAMED_BESIDE_QUOTED:
            continue
        if f.measure == q.measure and f.subject == q.subject:
            return None
        return [[q], [f]]
    return None


def docs_of(g: Group) -> set[str]:
    return {f.doc_id for f in g}


def one_document(ctx: Context, r: Reading, halves: tuple[Reading, Reading], a: Group, b: Group,
                 unit: Unit | None) -> tuple[Group, Group]:
    """The two halves' operands from one document: a calculation compares or adds figures one article gives (two
    places named in two articles, "A's rise against B's", are the two places of the article that has both). When each
    half's best figure is of another document, each half is read again within the other's document; the pair fitting
    the question best, or the first half alone (b empty) when neither document has both, unless the question names
    each document by a subject only it has: then the user asked for a figure of each."""
    if not a or not b or len(docs_of(a) | docs_of(b)) == 1:
        return a, b
    options: list[tuple[Group, Group]] = []
    if len(docs_of(a)) == 1 and (b2 := resolve(ctx, halves[1], unit=unit, doc=a[0].doc_id)):
        options.append((a, b2))
    if len(docs_of(b)) == 1 and (a2 := resolve(ctx, halves[0], unit=unit, doc=b[0].doc_id)):
        options.append((a2, b))
    if not options:
        return (a, b) if named_each(docs_of(a) | docs_of(b), ctx.known, r.subjects) else (a, [])
    return max(options, key=lambda o: fit(ctx, r, [o[0], o[1]]))


def stated_twice(a: Group, b: Group) -> bool:
    """Two single figures of one value under different measures or subjects: likely one number the article states
    twice (in its text and its table), not the same quantity at two times."""
    return (len(a) == 1 and len(b) == 1 and a[0].id != b[0].id and a[0].value == b[0].value
            and (a[0].measure, a[0].subject) != (b[0].measure, b[0].subject))


def than_pair(ctx: Context, r: Reading, unit: Unit | None) -> list[Group] | None:
    """"How many points higher is the rate for A than the overall rate?": the thing before "than" and the thing
    after it, each resolved on its own words (the second also on the first's measure words, which it leaves out:
    "the overall rate" is the overall unemployment rate). None when either is not found, or the second is the first
    again or another period of the first's own series (that is a change over time, which the question does not ask)."""
    sides = than_sides(r.lowered)
    if sides is None:
        return None
    head = read_question(ctx.known, sides[0], ctx.doc_year)
    tail = read_question(ctx.known, sides[1], ctx.doc_year)
    first = replace(r, subjects=head.subjects or [s for s in r.subjects if s not in tail.subjects],
                    terms=head.terms, lowered=head.lowered, quoted=[], quoted_terms=[])
    second = replace(r, subjects=tail.subjects, terms=list(dict.fromkeys(tail.terms + head.terms)),
                     lowered=tail.lowered + " " + head.lowered, quoted=[], quoted_terms=[],
                     years=tail.years or r.years, year_range=tail.year_range or r.year_range)
    a = resolve(ctx, first, unit=unit, floor=2.5)
    if len(a) != 1:
        return None
    b = resolve(ctx, second, unit=a[0].unit, floor=2.5)
    if len(b) == 1 and b[0].id == a[0].id and tail.terms:
        # the first's words lent to the second find the first again ("did the September number beat what forecasters
        # expected?"): the best other measure of its document and unit that has a word of the second's own
        own = set(tail.terms)
        b = next(([f] for s, f in score_figures(ctx.known, second, ctx.sims, quoted_penalty=False)
                  if s >= 2.5 and f.id != a[0].id and f.doc_id == a[0].doc_id and f.unit is a[0].unit
                  and f.measure != a[0].measure and own & (figure_terms(f) | terms_of(f.subject))), [])
    if len(b) != 1 or b[0].id == a[0].id or b[0].doc_id != a[0].doc_id or (
            b[0].subject == a[0].subject and b[0].measure == a[0].measure):
        return None
    return [a, b]


# "more than B", and the verbs that measure one thing against another the same way: "A beat what B expected",
# "A exceeded B", "A versus B"
THAN = re.compile(r"(?<!other )(?<!rather )\b(?:than|beat|beats|beating|exceed(?:ed|s)?|outstrip(?:ped|s)?|versus|vs\.?)"
                  r"\s+(?P<what>[^?.,;]+)")
# "than they were a year ago", "than it was": the same thing again, at another time
THAN_SAME = re.compile(r"^(?:it|they|he|she|we|you|there|this|that|these|those)\b")
# "more than a third", "more than double", "less than ten per cent": a size, not another thing measured against
THAN_SIZE = re.compile(r"^(?:a\s+|an\s+|one\s+)?(?:half|thirds?|quarters?|fifths?|tenths?|double|twice|triple|treble|"
                       r"one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion)\b")
# what a comparison measured against an earlier time starts with: "than in 2019", "than the year before", "than a
# decade ago", "than last month", "than in the same quarter of 2022", "than before the pandemic", "than in 19-20";
# a number that is no year is another thing ("than 19-24 year olds", "than the 10-year average")
THAN_TIME = re.compile(
    r"^(?:(?:in|at|for|during|on|over|of|by|from)\s+)?(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:(?:19|20)\d\d|fy\s?\d|"
    r"\d{1,2}[-/]\d\d\b(?!\s*-?\s*years?\b)|\d+\s+(?:years?|decades?|months?|quarters?|weeks?|days?)\b|"
    r"(?:years?|decades?|months?|quarters?|weeks?|days?|last|previous|prior|before|earlier|ago|then|same|start|end|"
    r"beginning|first|pre|once|ever|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b)")


# "points above the margin for all segments", "behind the national recovery": a gap to another thing, said by where
# the one stands against it ("behind on its bills" is no such thing)
BESIDE = re.compile(r"\b(?:above|below|ahead of|behind(?!\s+(?:on|with|in)\b))\s+(?P<what>[^?.,;]+)")
# "how many points behind the national bus recovery is New York?": the thing measured comes after the verb
INVERTED_HEAD = re.compile(r"^(?:by\s+)?how\s+(?:many|much|far)(?:\s+[\w%-]+){0,2}$")
COPULA = re.compile(r"^(?P<b>.+?)\s+(?:is|was|are|were)\s+(?P<a>.+)$")
# "above £3 an hour", "below 50%", "more than 6,000": a size, not another thing (a band of two numbers, "than 19-24
# year olds", is a group)
AMOUNT_START = re.compile(r"^(?:[£$€]\s?)?\d(?!\d*\s*[-–]\s*\d)")


def than_sides(lowered: str) -> tuple[str, str] | None:
    """The words of the thing measured and of the thing it is measured against: either side of "than" (or of
    "above", "behind"...: "the aerospace margin above the margin for all segments"); after and before the verb when
    the question puts the measured thing last ("how far behind the national recovery is New York?"). None when the
    question says neither."""
    m = THAN.search(lowered)
    if m is not None:
        return lowered[:m.start()].strip(), m.group("what").strip()
    m = BESIDE.search(lowered)
    if m is None:
        return None
    head, what = lowered[:m.start()].strip(), m.group("what").strip()
    if INVERTED_HEAD.match(head) and (c := COPULA.match(what)) is not None:
        return c.group("a").strip(), c.group("b").strip()
    return head, what


def than_other(lowered: str) -> bool:
    """"More seats than the other party", "higher than the overall rate", "points above the average": the question
    measures against another thing, not an earlier time ("than the year before", "than in 2019") nor a size ("above
    50%"), so the earliest and latest figures of one series do not answer it."""
    sides = than_sides(lowered)
    what = sides[1] if sides is not None else ""
    return bool(what) and THAN_TIME.match(what) is None and THAN_SIZE.match(what) is None and (
        THAN_SAME.match(what) is None and AMOUNT_START.match(what) is None)


def own_words(ctx: Context, r: Reading) -> tuple[Reading, list[str]]:
    """A follow-up read on its own words, before the dash that carries the question before ("how many minutes over
    the target is that — ..."), with nothing of the last answer; and the places those words name."""
    words = r.lowered.split(" — ")[0]
    own_terms = set(lexicon.canon_tokens(words)) - {t for w in ASKING | PERIOD_WORDS for t in lexicon.canon_tokens(w)}
    named = ctx.known.subjects.find(words, words)
    own = replace(r, lowered=words, terms=[t for t in r.terms if t in own_terms], subjects=named,
                  prior=frozenset(), prior_total=[], answered=[], said_last=[], settled=[], settled_op=None, quoted=[], quoted_terms=[])
    return own, named


def against_answer(ctx: Context, r: Reading, unit: Unit | None) -> list[Group] | None:
    """A follow-up measuring what the last answer stated against another figure its own words name ("how many
    minutes over the target is that?", "how does that compare with the national figure?"): the answer's figure, and
    the figure of the same kind that best fits the follow-up's words (before the dash of the resolved question).
    None when the question is no such follow-up, the last answer stated no figure, or nothing else fits."""
    if not r.prior or " — " not in r.lowered:
        return None
    scored = score_figures(ctx.known, r, ctx.sims, quoted_penalty=False)
    said = [f for _, f in scored if f.id in r.prior and (unit is None or f.unit is unit) and f.unit is not Unit.date]
    # the figure the last answer stated first is what "that" is ("£12m in 2024-25": not another figure of value 12)
    said.sort(key=lambda f: f.id not in r.said_last[:1])
    if not said or any(siblings(ctx.known, said[0], "period").count(f) for f in said[1:]):
        return None  # the answer stated both ends of a series ("350, up from 310"): a change over time, asked of them
    a = said[0]
    own, named = own_words(ctx, r)
    own = replace(own, subjects=named or r.subjects)
    if not own.terms and not named:
        return None  # "what % rise is that?": nothing named to measure it against
    others = [(s, f) for s, f in score_figures(ctx.known, own, ctx.sims, quoted_penalty=False)
              if f.id not in r.prior and f.unit is a.unit and f.doc_id == a.doc_id]
    if not others or others[0][0] < 2.5:
        return None
    return [[a], [others[0][1]]]


BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?P<a>[a-z0-9][\w\s'’&-]*?)\s+and\s+(?:the\s+)?(?P<b>[a-z0-9][\w\s'’&-]*?)"
                     r"(?=\s+(?:in|for|at|as|of|from|during)\b|\s*[?.,]|\s*$)")


def columns_of_row(ctx: Context, r: Reading, unit: Unit | None) -> list[Group] | None:
    """"The difference between total net receivables and current net receivables", "... in the gross carrying
    amount between the current and the total": two cells of one table row (same subject, period and unit) whose
    measures differ in the words only one side of "between A and B" has. The row is the best-scoring figure's;
    None when the question names no such pair or the row has no one cell for each side."""
    m = BETWEEN.search(r.lowered)
    if m is None:
        return None
    a, b = _label_words(m.group("a")), _label_words(m.group("b"))
    only_a, only_b = a - b, b - a
    if not only_a or not only_b:
        return None
    for _, f0 in score_figures(ctx.known, r, ctx.sims, quoted_penalty=False)[:8]:
        if unit is not None and f0.unit is not unit:
            continue
        row = [f for f in ctx.known.corpus.figures if f.doc_id == f0.doc_id and f.unit is f0.unit
               and f.subject == f0.subject and f.period == f0.period]
        side_a = [f for f in row if only_a <= _label_words(f.measure)]
        side_b = [f for f in row if only_b <= _label_words(f.measure)]
        if len(side_a) == 1 and len(side_b) == 1 and side_a[0].id != side_b[0].id:
            return [side_a, side_b]
    return None


def _label_words(text: str) -> set[str]:
    """A label's words as written, lower-cased ("total", "current" and numbers kept: a column's name may be no more)."""
    return set(re.findall(r"[a-z0-9]+", text.lower()))


ROW_MARGIN = 1.0  # how much worse than the best figure a cell of the same row may score


def same_row(ctx: Context, a: Group, other: Reading, margin: float = ROW_MARGIN) -> Group:
    """When two halves differ only in the year, the other year's figure of the first half's own series (one row of a
    table read across): "the average net revenue in 2018 and 2019" is one row's two cells, not the best figure found
    for each year on its own (which may be a neighbouring row). [] when the halves differ otherwise or the series has
    no figure for that year."""
    if len(a) != 1 or (other.subjects and a[0].subject not in other.subjects):
        return []
    if len(other.years) == 1:
        year = other.years[0]

        def cell(f: Figure) -> bool:
            return period_years(f.period) == (year, year)
    elif not other.years and len(other.months) == 1 and len(a[0].period) == 7:
        # "this January than last": a month's figure read across to the same series' other month (the month's
        # figures of the same unit its rivals: a share stated for that month is no rival for a count's cell)
        month, unit = other.months[0], a[0].unit

        def cell(f: Figure) -> bool:
            return f.period == month and f.unit is unit
    else:
        return []
    row = [f for f in siblings(ctx.known, a[0], "period") if f.id != a[0].id and cell(f) and like_sized(f, a[0])]
    if len(row) != 1:
        return []
    # the row's cell must fit the other half about as well as that year's best figure does (the first half's figure
    # may be of the wrong series: then the halves' own best figures disagree and the pair is not forced)
    scored = [(s, f) for s, f in score_figures(ctx.known, other, ctx.sims, quoted_penalty=False)
              if cell(f)]  # a change over both years is no rival for one year's cell
    mine = next((s for s, f in scored if f.id == row[0].id), None)
    return row if mine is not None and scored and mine >= scored[0][0] - margin else []


COLUMN_MARGIN = 2.0  # how much worse than a place's best figure its figure of the other place's measure may score


def same_series(a: Group, b: Group) -> bool:
    """Two single figures of one measure, period and unit (of one document): a pair that needs no reading across."""
    return len(a) == 1 and len(b) == 1 and (a[0].doc_id, a[0].measure, a[0].period, a[0].unit) == (
        b[0].doc_id, b[0].measure, b[0].period, b[0].unit)


def same_column(ctx: Context, a: Group, other: Reading) -> Group:
    """When two halves differ in the place, the other place's figure of the first half's own measure and period (one
    column of a table read down two rows): "how much more does a place cost in A than in B?" compares A's and B's
    cells of one column, not a rounded text figure of A beside B's cell of another measure. [] when the halves do
    not name one other place, the other place has no figure of that measure and period, or that figure fits the
    other half much worse than its best one."""
    if len(a) != 1 or len(other.subjects) != 1 or a[0].subject in other.subjects:
        return []
    f0, place = a[0], other.subjects[0]
    col = [f for f in ctx.known.corpus.figures_by_doc.get(f0.doc_id, [])
           if f.subject == place and f.measure == f0.measure and f.period == f0.period and f.unit is f0.unit]
    if len(col) != 1:
        return []
    scored = score_figures(ctx.known, other, ctx.sims, quoted_penalty=False)
    mine = next((s for s, f in scored if f.id == col[0].id), None)
    return col if mine is not None and scored and mine >= max(1.5, scored[0][0] - COLUMN_MARGIN) else []


WORTH_ASKED = re.compile(r"\b(?:worth|value[sd]?|earn(?:s|ed|ings)?|cost(?:s|ing)?|spen[dt]\w*|paid|pay|money|revenue|sales)\b")


def fit(ctx: Context, r: Reading, groups: list[Group]) -> float:
    """How well a pair of operands matches the question: its figures' mean score."""
    scores = {f.id: sc for sc, f in score_figures(ctx.known, r, ctx.sims, quoted_penalty=False)}
    figs = [f for g in groups for f in g]
    # "the % change in trout export value": a question asking what something is worth is of money, where the same
    # rows are also counted (a value and a volume column)
    worth = 0.5 if figs and all(f.unit is Unit.money for f in figs) and WORTH_ASKED.search(r.lowered) else 0.0
    return sum(scores.get(f.id, 0.0) for f in figs) / max(1, len(figs)) + worth


# --- planners ---------------------------------------------------------------------------

Planner = Callable[[Context, Plan, Reading], Plan]

EXCLUDING = re.compile(r"\b(besides|apart from|other than|excluding|except|on top of|in addition to|aside from)\b")


def plan_lookup(ctx: Context, plan: Plan, r: Reading) -> Plan:
    if EXCLUDING.search(r.lowered) and r.quoted:
        # "besides the 630 dropped despite a suspect, how many further...": not that one, nor its kind
        r = replace(r, part="")
        scored = [x for x in score_figures(ctx.known, r, ctx.sims) if x[1].value not in r.quoted]
    else:
        scored = score_figures(ctx.known, r, ctx.sims)
    s, best = scored[0]
    if s < 2.5:
        return abstain(plan, "no figure in the article matches the question closely enough")
    missing = key_terms(r) - figure_terms(best)
    if missing & defining():  # the closest figure lacks a word that defines the measure asked ("museums")
        return abstain(plan, f"the article gives no figure for {best.subject} on that")
    narrower = (key_terms(None, best.measure) & defining()) - set(r.terms)
    if narrower and not r.part:
        parts = split_parts(ctx.known, best)
        if parts and narrower <= lexicon.split_terms():
            return finish(plan, Op.sum, [parts])  # "how many were dropped?": with and without a suspect
        if not narrower <= lexicon.split_terms():
            return abstain(plan, f"the article gives only “{best.measure}” for {best.subject}, not the figure asked for")
    return finish(plan, Op.lookup, [[best]])


def plan_binary(op: Op) -> Planner:
    def build(ctx: Context, plan: Plan, r: Reading) -> Plan:
        unit: Unit | None = None
        if op is Op.pp_difference or (r.wants_unit is Unit.percent and op in (Op.comparison, Op.ratio, Op.difference)):
            unit = Unit.percent
        answered = answered_pair(ctx, r, unit) if op is not Op.average else None
        by_id = ctx.known.corpus.figures_by_id
        if op is r.settled_op and all(i in by_id for g in r.settled for i in g):
            # "what's that per household?", "whats that as a % drop?": of the figures the last answer stated
            return finish(plan, op, [[by_id[i] for i in g] for g in r.settled])
        if op is Op.pct_change:  # of amounts: a count or money (a change of a percent is in points)
            options = [g for u in (Unit.count, Unit.money)
                       if (g := answered_pair(ctx, r, u) or combined_over_time(ctx, r, u) or pair(ctx, r, u))]
            groups = max(options, key=lambda g: fit(ctx, r, g), default=None)
        elif answered is not None:
            groups = answered
        elif op is Op.difference:
            groups = combined_over_time(ctx, r, None) or pair(ctx, r, unit)
        elif op is Op.pp_difference and (gap := change_gap(ctx, r)) is not None:
            groups, since = gap
            out = finish(plan, op, groups)
            out.since = [[f.id for f in g] for g in since]
            out.figure_ids = list(dict.fromkeys(out.figure_ids + [i for g in out.since for i in g]))
            return out
        else:
            groups = pair(ctx, r, unit)
        if op is Op.ratio and groups is not None and all(changes(g) for g in groups) and not CHANGE_ASKED.search(r.lowered):
            # "A's profit is how many times B's?": a ratio of two amounts, not of their growth rates (-18.5% against
            # -2.1% is no "times more registered"); the amounts both have, the pair fitting the question best
            options = [g for u in (Unit.count, Unit.money) if (g := pair(ctx, r, u)) and not any(changes(x) for x in g)]
            groups = max(options, key=lambda g: fit(ctx, r, g), default=None)
        if groups is None and op in CHANGE_OPS:
            groups = names_as_measure(ctx, r, unit)
        if groups is None and op is Op.pct_change:
            stated = [f for s, f in score_figures(ctx.known, r, ctx.sims)[:5] if f.unit is Unit.percent and "change" in f.measure and s >= 2.5]
            if stated:
                return finish(plan, Op.lookup, [[stated[0]]])
        if groups is None and op is Op.comparison and not r.subjects and WHICH_ONE.search(r.lowered):
            groups = among_all(ctx, r)  # "which force had more X?": the places the article gives X for
        if groups is None:
            if op is Op.comparison and len(r.subjects) < 2:
                return plan_lookup(ctx, plan, r)
            return abstain(plan, "the article does not give comparable figures for that")
        if groups[0][0].unit is not groups[1][0].unit:
            return abstain(plan, "the two figures are in different units and cannot be compared")
        currencies = {f.currency for g in groups for f in g if f.unit is Unit.money and f.currency}
        if len(currencies) > 1:  # £41.10 and €35.20 are no two amounts of one thing until converted
            return abstain(plan, "the two amounts are in different currencies and cannot be compared")
        asked = without_names(r.lowered, r.subjects)  # "Lower Eastmoor" names a place, it asks for nothing lower
        plan.prefer_low = bool(re.search(r"\b(fewer|lower|less|least|smaller|lowest|smallest|cheaper|cheapest|shorter|"
                                         r"shortest)\b", asked))
        sense = lower_is_better_asked(asked, f"{groups[0][0].subject} {groups[0][0].measure}") \
            if op is Op.comparison else None
        if sense is not None:  # "which had the better combined ratio?": the lower, of a measure where more is worse
            plan.prefer_low = sense
        if op is Op.comparison and all(is_change(f) for g in groups for f in g):
            if not CHANGE_ASKED.search(asked):
                # "which had the higher share, A or B?", "was September busier than June?": the levels are asked, and
                # two stated changes say which grew more, not which is higher
                return abstain(plan, "the article gives how these changed, not how they compare")
            # two changes compared: "which dropped more?" asks for the more negative one, "which fell less?" the other
            plan.prefer_low = lower_change_asked(asked)
        elif op is Op.comparison and CHANGE_COMPARE.search(asked):
            # "which grew more, A or B?" with one figure of each: two levels say which is bigger, not which changed more
            return abstain(plan, "the article gives how large these are, not how much each changed")
        if op is Op.pct_change:
            groups = base_first(ctx, r, groups)
        return finish(plan, op, groups)

    return build


CHANGE_OPS = (Op.pct_change, Op.difference, Op.pp_difference)


def names_as_measure(ctx: Context, r: Reading, unit: Unit | None) -> list[Group] | None:
    """A change asked of names that find no pair: a name may be the measure's own words ("births from 2024 to 2025"
    where a heading calls its figures "Births"; "Chicago's bus ridership between 2019 and 2023" where another row is
    "Weekend bus ridership"). Read again with each name alone (the others' words as measure words) and with no name
    (its words as measure words); the pair that fits the question best, or None."""
    readings = []
    for kept in ([[s] for s in r.subjects] if len(r.subjects) >= 2 else []) + ([[]] if r.subjects else []):
        words = [t for s in r.subjects if s not in kept for t in sorted(terms_of(s))]
        readings.append(replace(r, subjects=kept, terms=list(dict.fromkeys(r.terms + words))))
    units = (Unit.count, Unit.money) if r.operation is Op.pct_change and unit is None else (unit,)
    options = [(g, x) for x in readings for u in units if (g := pair(ctx, x, u)) is not None
               and all(like_sized(f, g[0][0]) for h in g for f in h)]
    if not options:
        return None
    return max(options, key=lambda o: fit(ctx, o[1], o[0]))[0]


# a question about how things changed: a ratio of two changes ("grew three times as fast") is what it asks
CHANGE_ASKED = re.compile(r"\b(chang\w*|grow\w*|grew|growth|ris(e|es|en|ing)|rose|fall\w*|fell|increas\w*|decreas\w*|"
                          r"declin\w*|drop\w*|jump\w*|climb\w*|faster|slower|up|down)\b")


def changes(g: Group) -> bool:
    """A group of stated changes ("percent change in ...")."""
    return bool(g) and all(f.unit is Unit.percent and "change" in f.measure for f in g)


BASE_CUE = re.compile(r"\b(?:than|compared (?:with|to)|relative to|versus|vs\.?)\s")


def base_first(ctx: Context, r: Reading, groups: list[Group]) -> list[Group]:
    """"How many percent more did A record than B?": a change between two places is measured from the one named
    after "than" (or "compared with"), whichever the question names first."""
    if len(groups) != 2 or not groups[0] or not groups[1] or groups[0][0].subject == groups[1][0].subject:
        return groups
    m = BASE_CUE.search(r.lowered)
    if m is None:
        return groups
    after = ctx.known.subjects.find(r.lowered[m.end():])
    a, b = groups[0][0].subject, groups[1][0].subject
    if b in after and a not in after:
        return [groups[1], groups[0]]
    return groups


WHICH_ONE = re.compile(r"\bwhich\s+(?!years?\b|months?\b|quarters?\b|period\b)[a-z]+\b")
LOW_WORDS = re.compile(r"\b(fewer|lower|less|least|smaller|lowest|smallest)\b")


def among_all(ctx: Context, r: Reading) -> list[Group] | None:
    """"Which force had more X?" naming none: the best-matching figure's siblings over places (one period, one
    measure; a joint figure of several places left out), the two highest (lowest when fewer is asked)."""
    scored = score_figures(ctx.known, r, ctx.sims)
    if not scored or scored[0][0] < 1.5:
        return None
    best = scored[0][1]
    sibs = [f for f in siblings(ctx.known, best, "subject") if not re.search(r"\s(and|&)\s", f.subject)]
    if len(sibs) < 2:
        return None
    low = bool(LOW_WORDS.search(r.lowered))
    top = sorted(sibs, key=lambda f: f.value, reverse=not low)[:2]
    return [[top[0]], [top[1]]]


def plan_sum(ctx: Context, plan: Plan, r: Reading) -> Plan:
    options: list[Group] = []
    for unit in (Unit.count, Unit.money):  # amounts are added: counts, or money
        both = both_periods(ctx, r, unit)  # ("the two Januaries" are no two rows of a table)
        if both is not None:
            options.append(both)
            continue
        rows = every_row(ctx, r, unit)
        if rows is not None:
            options.append(rows)
            continue
        years = across(ctx, r, unit)
        if years is not None:
            options.append([f for g in years for f in g])
            continue
        named = each_named(ctx, r, unit)
        if named is not None:
            options.append(named)
            continue
        halves = split(ctx, r)
        if halves is not None:
            a = resolve(ctx, halves[0], prefer_parts=True, unit=unit)
            b = resolve(ctx, halves[1], prefer_parts=True, unit=unit)
            a, b = one_document(ctx, r, halves, a, b, unit)
            if a and b:
                options.append(a + b)
                continue
        group = resolve(ctx, r, prefer_parts=True, unit=unit, floor=2.0)
        if len(group) >= 2:
            options.append(group)
    if options:
        return finish(plan, Op.sum, [max(options, key=lambda g: fit(ctx, r, [g]))])
    return plan_lookup(ctx, plan, r)


NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
# "all six forces", "the five named trusts", "each of the 4 regions": every row of a table, as many as it says
ROWS_COUNTED = re.compile(r"\b(?:all|each|every|the)\s+(?:of\s+)?(?:the\s+)?(?P<n>\d{1,2}|" + "|".join(NUMBER_WORDS) +
                          r")\s+(?:named\s+|listed\s+)?[a-z]+s\b")
IN_THE_TABLE = re.compile(r"\b(?:in|from|on)\s+the\s+(?:table|chart|list)\b")


def every_row(ctx: Context, r: Reading, unit: Unit) -> Group | None:
    """"Add up the 2023 offences for all six forces in the table": every row of one column (the figures of one measure,
    period and unit that differ only in the place), without a total row (one as large as the others together) and the
    places the question leaves out. When the question says how many, exactly that many rows. None when the question
    asks for no such thing, names a place of its own, or no column fits."""
    m = ROWS_COUNTED.search(r.lowered)
    if m is None and not IN_THE_TABLE.search(r.lowered):
        return None
    wanted = (int(m.group("n")) if m.group("n").isdigit() else NUMBER_WORDS[m.group("n")]) if m else None
    per_head = bool(PER_HEAD.search(r.lowered))
    tried: set[tuple[str, str, str]] = set()
    for s, f in score_figures(ctx.known, r, ctx.sims)[:8]:
        key = (f.doc_id, f.measure, f.period)
        if s < 1.5 or f.unit is not unit or key in tried or (PER_HEAD_FIGURE.search(f.measure.lower()) and not per_head):
            continue
        tried.add(key)
        rows = [x for x in siblings(ctx.known, f, "subject") if x.subject not in r.excluded]
        if len(rows) >= 3:
            biggest = max(rows, key=lambda x: x.value)
            if biggest.value >= sum(x.value for x in rows) - biggest.value:
                rows = [x for x in rows if x is not biggest]  # the total row of the column is no row to add
        if any(x.subject in r.subjects for x in rows):
            continue  # a place the question names is one of the rows: that column is not read for every row
        if len(rows) >= 2 and (wanted is None or len(rows) == wanted):
            return sorted(rows, key=lambda x: x.start)
    return None


def each_named(ctx: Context, r: Reading, unit: Unit) -> Group | None:
    """"Add up A, B and C", "A and B between them": one figure for each place the question names, all of one
    measure, period and unit (a total of one party's seats and another's seats, not of one's seats and the other's
    gains): the measure and period every named place has that fit the question best. None when it names fewer than
    two, or no measure is given for all of them."""
    names = list(dict.fromkeys(r.subjects))
    if len(names) < 2:
        return None
    best: dict[str, dict[tuple[str, str], tuple[float, Figure]]] = {}
    for name in names:
        mine: dict[tuple[str, str], tuple[float, Figure]] = {}
        for sc, f in score_figures(ctx.known, replace(r, subjects=[name]), ctx.sims, quoted_penalty=False):
            if f.subject == name and f.unit is unit and (f.measure, f.period) not in mine:
                mine[(f.measure, f.period)] = (sc, f)
        best[name] = mine
    # a name that has no figure of the measure the others share is no row to add but the measure's own words ("the
    # visitors' spending in A, B and C", a "Total" caption): the measure and period most of the names have, two at least
    # (in the names' order of fit, not a set's, which changes with the process' hash seed: ties go alike every run)
    keys = list(dict.fromkeys(k for n in names for k in best[n]))
    having = {k: [n for n in names if k in best[n]] for k in keys}
    most = max((len(v) for v in having.values()), default=0)
    if most < 2:
        return None
    shared = [k for k in keys if len(having[k]) == most]
    key = max(shared, key=lambda k: (min(best[n][k][0] for n in having[k]), sum(best[n][k][0] for n in having[k])))
    if min(best[n][key][0] for n in having[key]) < 1.5:
        return None
    return [best[n][key][1] for n in having[key]]


EVERY_YEAR = re.compile(r"\b(all|each|every|three|four|five|[3-9])\s+(?:\w+\s+)?(years|periods)\b|\bacross\b")


# "both years shown", "the two Januaries", "the two Oct-Dec quarters", "across 2023 and 2024 together": one thing at two
# times, added up
MONTHS_PLURAL = ("januaries|januarys|februaries|februarys|marches|aprils|mays|junes|julys|augusts|septembers|octobers|"
                 "novembers|decembers")
BOTH_PERIODS = re.compile(r"\b(?:both|the two)\s+(?:[\w-]+\s+){0,2}?(?:years|months|quarters|halves|periods|seasons|"
                          r"winters|summers|" + MONTHS_PLURAL + r")\b|"
                          r"\b(?:19|20)\d\d(?:[-/]\d\d)?\s+and\s+(?:19|20)\d\d(?:[-/]\d\d)?\s+(?:together|combined)\b|"
                          r"\b(?:across|over)\s+(?:19|20)\d\d(?:[-/]\d\d)?\s+and\s+(?:19|20)\d\d(?:[-/]\d\d)?\b")


def year_apart(a: Figure, b: Figure) -> bool:
    """Are two figures' periods the same span a whole number of years apart (two Januaries, two Julys to Septembers,
    two years)?"""
    early, late = sorted((a.period, b.period))
    if not early or early == late or len(early) != len(late):
        return False
    if len(early) == 4:
        return True
    return any(shift(late, 12 * k) == early for k in range(1, 11))


def both_periods(ctx: Context, r: Reading, unit: Unit) -> Group | None:
    """One thing at two times added up ("the two Januaries put together", "total sales over both years shown",
    "across 2023 and 2024 together"): the best-matching figure's series at the two years named, or at the only two
    like periods it has when none is named. None when the question names no two periods so, or two places."""
    if len(ctx.known.subjects.places(r.subjects)) >= 2 or not BOTH_PERIODS.search(r.lowered):
        return None
    years = sorted(set(r.years))
    if len(years) > 2:
        return None
    # the thing is found whatever its periods: the two times are then read along its series
    when = lexicon.canon_set(PERIOD_WORDS)
    timeless = replace(r, years=[], year_range=None, months=[], spans=[], terms=[t for t in r.terms if t not in when])
    for s, a in [x for x in score_figures(ctx.known, timeless, ctx.sims) if x[1].unit is unit][:3]:
        if s < 1.5:
            continue
        like = [f for f in siblings(ctx.known, a, "period") if f is a or year_apart(f, a) and like_sized(f, a)]
        if len(years) == 2:
            like = [f for f in like if year_of(f.period) in years]
        by_period = {f.period: f for f in sorted(like, key=lambda f: f.period)}
        if len(by_period) == 2:
            return list(by_period.values())
    return None

# three or more years listed one by one: "2017, 2018 and 2019", "2017,2018, and 2019" (not dates: "January 1, 2017")
YEAR_LIST = re.compile(r"(?<!\d, )(?<!\d,)(?<!\w)(?:19|20)\d\d(?:\s*,\s*(?:19|20)\d\d)+\s*,?\s*(?:and|&)\s+(?:19|20)\d\d\b")


def across(ctx: Context, r: Reading, unit: Unit | None) -> list[Group] | None:
    """Every single-year figure of the best-matching measure over a span of years the question names ("from 2017 to
    2019", "across all three years"), or over every year the article gives when it names none ("the average cost of
    sales"), or over three or more years it names one by one ("for 2017, 2018 and 2019", each of them found); None
    when the question names one or two particular years, or fewer than three years are found. Each year is one
    operand, in time order."""
    named = sorted(set(r.years)) if not r.year_range and len(set(r.years)) >= 3 and YEAR_LIST.search(r.lowered) else []
    if not named and (r.years and not r.year_range and len(set(r.years)) != 1 or
                      len(set(r.years)) == 1 and not r.year_range):
        return None
    if not r.year_range and not r.years and not EVERY_YEAR.search(r.lowered) and r.operation is not Op.average:
        return None
    scored = [x for x in score_figures(ctx.known, r, ctx.sims) if unit is None or x[1].unit is unit]
    for s, a in scored[:4]:
        # a row under a group heading ("RSUs: Vested") is of the group the question names ("RSUs")
        if s < 1.5 or (r.subjects and not any(a.subject == x or a.subject.startswith(f"{x}: ") for x in r.subjects)):
            continue
        singles = [f for f in siblings(ctx.known, a, "period") if (sp := period_years(f.period)) and sp[0] == sp[1]]
        if r.year_range:  # a fiscal year is named by the year it ends in (period_years)
            lo, hi = r.year_range
            singles = [f for f in singles if lo <= year_of(f.period) <= hi]
        if named:
            singles = [f for f in singles if year_of(f.period) in named]
        by_year = {year_of(f.period): f for f in sorted(singles, key=lambda f: f.period)}
        if len(by_year) >= 3 and (not named or len(by_year) == len(named)):
            return [[f] for f in by_year.values()]
    return None


# "Of the cases dropped, what share had a suspect?" (after a lead-in naming a place: "For Northshire, of the ...")
SHARE_OF = re.compile(r"^(?:[^,]{1,60},\s*)?(?:of|out of|among|from) (?P<whole>.+),\s*(?P<part>(?:what|which|how)\b.*)$")
SHARE_WHAT = re.compile(
    r"(?:what|which)(?:['’]s|\s+(?:is|was)(?=\s+the\b))?(?:\s+the)?(?:\s+(?:actual|exact|precise|real))?\s+"
    r"(?:share|percentage|proportion|fraction|percent|%)\s+(?:is that\s+)?of\s+(?P<whole>.+?)\s+"
    r"(?P<part>(?:(?:actually|already|really|still|also|eventually|finally|then|now)\s+)?"
    r"(?:were|was|came|come|comes|had|did|do|does|are|is|went|go|goes|happened|belonged|belongs?|took place|occurred|"
    r"could|accounted|accounts?|ended|ends?|got|gets?|lived|lives?|live|saw|sees?|fail(?:s|ed)?|hit|hits|raised|"
    r"have|has|will|would|worked|work|dropped|received|receive|made|make|makes|paid|pay|pays|owe[ds]?|stayed|"
    r"remained|fell|rose|reached|met|missed|won|lost|used|uses?|left)"
    r"\b(?!(?<=ed)\s+by\b).*)$"  # (not "the money raised by the levy": a participle naming the whole)
)
# "A as a percentage of B", "the percentage of A out of B", "the proportion of A over B": the part first
PART_OF = re.compile(
    r"^(?:(?:what|how much|how large)\s+(?:is|was|were|are)\s+)?(?:the\s+)?(?P<part>.+?)\s+(?:expressed\s+)?as\s+an?\s+"
    r"(?:percentage|proportion|share|fraction|per ?cent|%)\s+of\s+(?P<whole>.+)$|"
    # "the percentage of A among B", "the percentage (of) constitution of A in the total B": B is the whole
    r"\b(?:percentage|proportion|share|fraction)\s+(?:(?:of\s+)?(?:constitution|composition|make-?up)\s+)?of\s+"
    r"(?P<part2>.+?)\s+(?:out of|over|within|relative to|among|"
    r"in(?=\s+(?:the\s+)?total\b))\s+"
    r"(?P<whole2>.+)$|"
    # "A is what percent of B", "A works out as what share of B", "A represents what proportion of B"
    r"^(?:the\s+)?(?P<part3>.+?)\s+(?:is|was|are|were|works?\s+out\s+(?:as|at|to)|comes?\s+to|represents?|"
    r"makes?\s+up|amounts?\s+to|equals?)\s+what\s+(?:percentage|proportion|share|fraction|per ?cent|%)\s+of\s+"
    r"(?P<whole3>.+)$")
# "Did A account for more than a tenth of all B?", "A made up half of B": the part is the subject of the verb
PART_ACCOUNTS = re.compile(
    r"^(?:(?:did|does|do|is|was|were|has|have)\s+)?(?P<part>.+?)\s+(?:account(?:s|ed)?\s+for|ma(?:de|ke|kes)\s+up)\s+"
    r"(?:(?:more|less|fewer)\s+than\s+|over\s+|under\s+|at\s+(?:least|most)\s+|about\s+|nearly\s+|almost\s+)?"
    r"(?:a|an|one|two|three|half|the)?\s*[\w-]*\s+of\s+(?P<whole>.+)$")
PRONOUNS = {"those", "these", "them", "that", "it", "this", "they"}
SHARE_ASKED = r"(?:percentage|proportion|share|fraction|per ?cent|%)"
# "the 529 cases so far - what % is that of last year's total?": the lead-in is the part, the words after "of" the whole
THAT_OF = re.compile(r"^(?P<part>.+?)\s*(?:-|–|—|:|,)\s*(?:so\s+)?(?:what|which)(?:['’]s|\s+(?:is|was))?\s+(?:the\s+)?"
                     + SHARE_ASKED + r"\s+(?:is|was|are|were)\s+(?:that|this|it|they|those|these)\s+of\s+(?P<whole>.+)$")
# "a kilo of A costs what percentage of a kilo of B?", "London accounted for what share of the 289 days?", "the two
# biggest together handled what % of all parcels": whatever the part does, the words before "what % of" name it
DOES_WHAT_OF = re.compile(r"^(?P<part>.*?[a-z0-9'’)])\s+(?:what|which)\s+" + SHARE_ASKED + r"\s+of\s+(?P<whole>.+)$")
LEAD_WORDS = {"so", "and", "then", "ok", "okay", "well", "now", "but", "also", "right"}
# A share the question quotes in round words ("the article says A is 'about a third' of B - what's the exact %?",
# "it says almost 47% of B were A"): the part and the whole are named around the rounded share (`qa.understand.rounded`)
SAID = re.compile(r"^.*\b(?:says?|said|reckons|claims|puts it|reports?|notes)\s+(?:that\s+)?")
ROUNDED_END = r"\s*(?:[,;:?]|\.\s|\s-\s|$)"
PART_IS_ROUNDED = re.compile(r"(?P<part>[^,;:?.]+?)\s+(?:is|was|are|were|makes?\s+up|made\s+up|accounts?\s+for|"
                             r"accounted\s+for)\s+" + ROUNDED + r"\s+(?:of\s+)?(?P<whole>[^,;:?]+?)" + ROUNDED_END)
ROUNDED_OF_WHOLE = re.compile(ROUNDED + r"\s+(?:of\s+)?(?P<whole>[^,;:?]+?)\s+(?P<part>(?:were|was|went|came|are|is)\b"
                              r"[^,;:?]*?)" + ROUNDED_END)


def share_clauses(r: Reading) -> tuple[str, str] | None:
    text = r.lowered.strip().rstrip("?.! ")
    head, _, earlier = text.partition(" — ")
    for pattern in (SHARE_OF, SHARE_WHAT):
        m = pattern.search(head)
        if m:
            whole, part = m.group("whole"), m.group("part")
            if set(whole.split()) <= PRONOUNS | {"the", "of", "all"} and earlier:
                whole = earlier
            lead = head[:m.start()].strip(" -–—:,;")
            if set(part.split()) <= PRONOUNS | {"is", "was", "are", "were"} and lead:
                part = lead  # "the 2022 figure - what percent of the 2016-2022 total is that?": the lead-in is the part
            return whole, part
    m = PART_OF.search(head)
    if m:
        return (m.group("whole") or m.group("whole2") or m.group("whole3"),
                m.group("part") or m.group("part2") or m.group("part3"))
    m = PART_ACCOUNTS.search(head)
    if m:
        return m.group("whole"), m.group("part")
    m = THAT_OF.search(head)
    if m:
        return m.group("whole"), m.group("part")
    m = DOES_WHAT_OF.search(head)
    if m and not set(m.group("part").split()) <= LEAD_WORDS:
        return m.group("whole"), m.group("part")
    for pattern in (PART_IS_ROUNDED, ROUNDED_OF_WHOLE):
        m = pattern.search(head)
        if m:
            return m.group("whole"), SAID.sub("", m.group("part"))  # "the article says A is ...": the part is A
    return None


def amount_unit(ctx: Context, r: Reading) -> Unit:
    """Whether the amounts the question is about are counts or money (a share of a budget is of money)."""
    for _, f in score_figures(ctx.known, r, ctx.sims)[:3]:
        if f.unit in (Unit.count, Unit.money):
            return f.unit
    return Unit.count


# "the actual share", "I want the exact figure, not 'nearly half'", "precisely what percentage": a worked-out figure
EXACT_ASKED = re.compile(r"\b(?:exact(?:ly)?|actual(?:ly)?|precise(?:ly)?)\b")


def stated_percent(ctx: Context, r: Reading) -> Figure | None:
    """A percentage the article states that answers the question as asked (a rounded one, "more than a quarter", does
    not when the question asks for the exact figure)."""
    # a question quoting the rounded share itself ("the article just says more than a third") asks for more than it
    exact = bool(EXACT_ASKED.search(r.lowered)) or (r.check is None and not r.is_yes_no and cited_share(r) is not None)
    for s, f in score_figures(ctx.known, r, ctx.sims)[:4]:
        if f.unit is not Unit.percent or "change" in f.measure or s < 3.0:
            continue
        if exact and f.qualifier is not Qualifier.exact:
            continue
        fkeys = key_terms(None, f.measure)
        if "drop" in fkeys and "drop" not in r.terms:
            continue
        if fkeys and len(fkeys & set(r.terms)) / len(fkeys) < 0.5:
            continue
        flag = lexicon.split_flag(f.measure)
        if r.part and flag != r.part:
            continue
        return f
    return None


def share_of_total_before(ctx: Context, r: Reading) -> list[Group] | None:
    """"What % of the national total is that?" after an answer that added figures up: those figures as the part, and
    as the whole the figure of their unit and document the follow-up's own words (before the dash) name, at least as
    large as their sum. None when the last answer stated no such total or nothing fits."""
    if not r.prior_total:
        return None
    by_id = ctx.known.corpus.figures_by_id
    part = [by_id[i] for i in r.prior_total if i in by_id]
    if not part:
        return None
    own, _ = own_words(ctx, r)
    total = sum(f.value for f in part)
    wholes = [(s, f) for s, f in score_figures(ctx.known, own, ctx.sims, quoted_penalty=False)
              if f.id not in r.prior_total and f.unit is part[0].unit and f.doc_id == part[0].doc_id and f.value >= total]
    if not wholes or wholes[0][0] < 2.5:
        return None
    return [part, [wholes[0][1]]]


def measure_words(r: Reading) -> list[str]:
    """A reading's words that may name a measure (not the words that ask for a share, nor a period's)."""
    asking = {t for x in ASKING | PERIOD_WORDS for t in lexicon.canon_tokens(x)}
    return [t for t in r.terms if t not in asking]


def names_whole(w: Reading, whole: Group) -> bool:
    """Does the whole found have a word of what the whole's clause measures ("of all parcels": a figure of parcels)? A
    figure found for the whole's place or period alone ("the councils" for "of the plots per household the association
    recommends") is no whole of that. True when the clause names no measure ("of Spain's", "of the total")."""
    wanted = set(measure_words(w)) - {t for x in WHOLE_WORD_LIST for t in lexicon.canon_tokens(x)}
    return not wanted or any(alike(a, b) for f in whole for a in wanted for b in figure_terms(f))


def unsummed_total(ctx: Context, part: Group, whole: Group) -> bool:
    """Is the whole a "total" row of the part's table that its rows (three or more) fall well short of (services not
    shown)? Such a row is no whole of these rows (as for `total_row`)."""
    if len(whole) != 1 or len(part) != 1 or not TOTAL_LABEL.search(whole[0].subject):
        return False
    rows = siblings(ctx.known, part[0], "subject")
    rest = [f for f in rows if f is not whole[0]]
    return whole[0] in rows and len(rest) >= 3 and sum(f.value for f in rest) < SUMMED_SHARE * whole[0].value


SUMMED_SHARE = 0.9  # how much of a "total" row its rows must add up to for it to be their whole (rounding aside)


def alike(a: str, b: str) -> bool:
    """One word, or two forms of it: the same, or the first four letters alike ("spent" and "spending" where the
    vocabulary in use does not make them one word)."""
    return a == b or (len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4])


def counted_things(ctx: Context, w: Reading, p: Reading, r: Reading, unit: Unit, quoted: Figure) -> bool:
    """Is the number the whole's words give a count of the things shared ("of all the visits across the seven cities,
    what share were in A?") rather than the whole: the part the question names is larger than it."""
    merged = replace(w, subjects=p.subjects or w.subjects or r.subjects, terms=list(dict.fromkeys(w.terms + p.terms)),
                     lowered=w.lowered + " " + p.lowered, quoted=[], years=p.years or w.years or r.years)
    part = resolve(ctx, merged, prefer_parts=True, unit=unit)
    return bool(part) and sum(f.value for f in part) > quoted.value


def own_question(r: Reading) -> str:
    """The question's own words, without the earlier turn a follow-up is read with (after " — ")."""
    return r.lowered.split(" — ")[0]


# the question tells what the article (or someone) says: a rounded share it quotes is theirs, not the question's claim
SAYS = re.compile(r"\b(?:says?|said|puts it|reckons|according to)\b")


def cited_share(r: Reading) -> float | None:
    """The rounded share a question quotes as the article's ("the article just says more than a third", "it says
    almost 47% ... what's the exact %?"), as a percentage; None when it quotes none, or quotes one as its own claim
    ("Confirm that at least 35 per cent of crimes were dropped": the stated share is checked, not worked out)."""
    own = own_question(r)
    if not (SAYS.search(own) or EXACT_ASKED.search(own)):
        return None
    return quoted_share(own)


def plan_share(ctx: Context, plan: Plan, r: Reading) -> Plan:
    planned = plan_share_of(ctx, plan, r)
    if planned.operation is Op.percentage_of:
        planned = finish(planned, Op.percentage_of, [[exact_twin(ctx.known, f) for f in g] for g in figure_groups(ctx, planned)])
    if planned.operation is not Op.percentage_of or r.check is not None or r.is_yes_no:
        return planned
    quoted = cited_share(r)
    by_id = ctx.known.corpus.figures_by_id
    part, whole = ([by_id[i] for i in g if i in by_id] for g in planned.groups[:2])
    if quoted is None or not part or not whole or not sum(f.value for f in whole):
        return planned
    worked = 100.0 * sum(f.value for f in part) / sum(f.value for f in whole)
    if near(worked, quoted):
        return planned
    # "the article says A is about a third of B - what's the exact %?": a share far from the one quoted is of other
    # figures than the article's A and B
    return abstain(planned, "the figures found do not give the share the question quotes")


def figure_groups(ctx: Context, plan: Plan) -> list[Group]:
    by_id = ctx.known.corpus.figures_by_id
    return [[by_id[i] for i in g if i in by_id] for g in plan.groups]


TWIN_MARGIN = 0.15  # how far a rounded figure may be from the exact one it rounds


def exact_twin(known: CorpusTerms, f: Figure) -> Figure:
    """The exact figure a rounded one rounds ("more than four million visits" beside a table's 4,118,700): of its
    document, place, unit and years, a word of its measure, stated exactly and within `TWIN_MARGIN` of it (the
    nearest). The figure itself when it is exact or has no such twin: a share is worked out from exact figures."""
    if f.qualifier is Qualifier.exact or not f.doc_id or not f.value:
        return f
    own = terms_of(f.measure)
    twins = [g for g in known.corpus.figures_by_doc.get(f.doc_id, [])
             if g.id != f.id and g.qualifier is Qualifier.exact and g.subject == f.subject and g.unit is f.unit
             and period_years(g.period) == period_years(f.period) and own & terms_of(g.measure)
             and abs(g.value - f.value) <= TWIN_MARGIN * abs(f.value)]
    return min(twins, key=lambda g: abs(g.value - f.value), default=f)


def plan_share_of(ctx: Context, plan: Plan, r: Reading) -> Plan:
    before = share_of_total_before(ctx, r)
    if before is not None:
        return finish(plan, Op.percentage_of, before)
    amount = amount_unit(ctx, r)
    quoted = by_number(ctx, r, amount)
    if len(quoted) >= 2:
        smaller, larger = sorted(quoted[:2], key=lambda f: f.value)
        return finish(plan, Op.percentage_of, [[smaller], [larger]])
    stated = stated_percent(ctx, r)
    clauses = share_clauses(r)
    if clauses is not None:
        w = read_question(ctx.known, clauses[0], ctx.doc_year)
        p = read_question(ctx.known, clauses[1], ctx.doc_year)
        if (w.subjects or w.years) and not measure_words(w) and measure_words(p):
            # "A's export value as a % of B's": a whole naming only a place or a year is of the part's measure
            w = replace(w, terms=list(dict.fromkeys(w.terms + measure_words(p))))
        own = stated is not None and not w.quoted and (not w.subjects or stated.subject in w.subjects) and (
            not p.subjects or not w.subjects or p.subjects == w.subjects) and of_the_whole(ctx, stated, w)
        if own and stated is not None:
            return finish(plan, Op.lookup, [[stated]])
        quoted_whole = by_number(ctx, w, amount)[:1]
        among = share_among(ctx, w, p, r, amount, quoted_whole)
        if among is None and quoted_whole and counted_things(ctx, w, p, r, amount, quoted_whole[0]):
            # "of all the visits across the seven cities": the number counts the places, it is not the whole
            quoted_whole, w = [], replace(w, quoted=[])
            among = share_among(ctx, w, p, r, amount, quoted_whole)
        if among is not None and not unsummed_total(ctx, among[0], among[1]):
            return finish(plan, Op.percentage_of, among)
        lent = [] if w.subjects or quoted_whole else p.subjects or r.subjects  # the whole names no one: the part's
        w = replace(w, years=w.years or r.years, year_range=w.year_range or r.year_range, subjects=w.subjects or lent)
        whole = quoted_whole or resolve(ctx, w, prefer_parts=True, unit=amount)
        if lent and any(f.subject not in lent and not ctx.known.subjects.related(f.subject, lent) for f in whole):
            whole = []  # the best figure for the whole's words is another place's (a peer), not the part's whole
        own_period = bool(p.years or p.year_range)  # "of the offences since 2015, what share were in 2021?"
        merged = replace(
            w, subjects=p.subjects or w.subjects or r.subjects, terms=list(dict.fromkeys(w.terms + p.terms)),
            part=p.part or w.part, lowered=w.lowered + " " + p.lowered, quoted=[],
            years=p.years if own_period else w.years, year_range=p.year_range if own_period else w.year_range,
        )
        if whole and not merged.subjects and len({f.subject for f in whole}) == 1:
            merged = replace(merged, subjects=[whole[0].subject])  # a part naming no one is a part of the whole's
        part = resolve(ctx, merged, prefer_parts=True, unit=amount)
        if whole and part and {f.id for f in part} == {f.id for f in whole} and not quoted_whole:
            # one figure fits both clauses: when it has every word the part's clause has of its own, it is the part
            own = set(p.terms) - set(w.terms)
            card = frozenset().union(*(figure_terms(f) | terms_of(f.subject) for f in part))
            whole = next_whole(ctx, w, part, amount) if own and own <= card else whole
        if whole and part and {f.doc_id for f in part + whole} != {whole[0].doc_id}:
            part = [f for f in part if f.doc_id == whole[0].doc_id]  # a share is taken within one article
        if whole and part and sum(f.value for f in part) > sum(f.value for f in whole):
            if stated is not None:  # no part and whole to divide, but the article states the share asked for
                return finish(plan, Op.lookup, [[stated]])
            return abstain(plan, "the figures found for the part are larger than the whole, so they are not its part")
        if whole and part and {f.id for f in part} != {f.id for f in whole} and names_whole(w, whole) \
                and not unsummed_total(ctx, part, whole):
            return finish(plan, Op.percentage_of, [part, whole])
    if stated is not None:
        return finish(plan, Op.lookup, [[stated]])
    # "what share of Northshire cases were dropped despite a suspect?" without a clause we can split
    scored = [x for x in score_figures(ctx.known, r, ctx.sims) if x[1].unit is amount]
    if not scored or scored[0][0] < 1.5:
        return abstain(plan, "no figure in the article matches the question closely enough")
    subject = r.subjects[0] if r.subjects else scored[0][1].subject
    whole_fig = total_for(ctx.known, subject, scored[0][1].doc_id)
    if whole_fig is None:
        whole_fig = total_row(ctx.known, scored[0][1])
    if whole_fig is None and WHOLE_WORDS.search(r.lowered):
        whole_fig = wider_whole(ctx, r, subject, amount)
    if whole_fig is None:
        return abstain(plan, "the article gives no total to take a share of")
    inside = resolve(ctx, replace(r, subjects=[subject]), prefer_parts=True, unit=amount)
    inside = [f for f in inside if f.id != whole_fig.id]
    if not inside:
        return abstain(plan, "the article gives no figure for that part of the total")
    return finish(plan, Op.percentage_of, [inside, [whole_fig]])


# "A as a % of B", "A costs what percentage of B", "what share of B is A": the whole is named right after the word
SHARE_OF_WORD = re.compile(r"(?:\b(?:percentage|per ?cent|share|proportion|fraction)|%)\s+of\b")
SHARE_WORDS = ("percentage", "percent", "per cent", "share", "proportion", "fraction")
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")


def plan_peer_share(ctx: Context, plan: Plan, r: Reading) -> Plan | None:
    """"Northland's weekly price as a % of the national average", "skim milk powder sells at what percentage of the whole milk
    powder price?", "the December rate as a percentage of the January 2020 rate": one figure as a percentage of
    another of its kind (two places, or two periods, of one measure), not a part of a whole the article totals. The
    two figures are the pair the question compares (as for a difference); the whole is the one named right after
    "percentage of". None when the question compares no two things, does not say which is the whole, or the pair is
    of changes, dates, two units or two measures. (A total row named as the whole is a figure of its kind too: the
    share worked out is the same.)"""
    m = SHARE_OF_WORD.search(r.lowered)
    if m is None or r.part == "both" or r.excluded or r.prior or r.prior_total:
        return None  # (a follow-up's "what share of the total is that?" is of the figure the last answer gave)
    halves = split(ctx, r)
    if halves is None:
        return None
    first = whole_half(ctx, r.lowered[m.end():], halves)
    if first is None:
        return None
    # the words that ask for a percentage name the answer, not the figures: amounts first (a count or money), else
    # two rates ("the December approval rate as a percentage of the January one")
    asking = set(lexicon.canon_tokens(" ".join(SHARE_WORDS)))
    plain = replace(r, terms=[t for t in r.terms if t not in asking])
    options = [g for u in (Unit.count, Unit.money) if (g := pair(ctx, plain, u)) is not None]
    if not options and (g := pair(ctx, plain, Unit.percent)) is not None:
        options = [g]
    # two of a kind: one measure (its words, at least, within the other's) in one unit, alike in size (a company's
    # revenue beside its earnings per share, renewables' output beside a country's consumption, are no pair)
    options = [g for g in options if len(g) == 2 and g[0] and g[1] and not any(changes(x) for x in g)
               and len({f.unit for x in g for f in x}) == 1 and of_a_kind(g[0][0], g[1][0])
               and like_values(sum(f.value for f in g[0]), sum(f.value for f in g[1]))]
    if not options:
        return None
    groups = max(options, key=lambda g: fit(ctx, plain, g))
    whole = [g for g in groups if of_half(ctx, g, halves[first], halves[1 - first])
             and not of_half(ctx, g, halves[1 - first], halves[first])]
    if len(whole) != 1:
        return None
    part = groups[1] if whole[0] is groups[0] else groups[0]
    return finish(plan, Op.percentage_of, [part, whole[0]])


def of_a_kind(a: Figure, b: Figure) -> bool:
    """Two figures of one measure: the same label, or one label's words all within the other's."""
    if a.measure == b.measure:
        return True
    x, y = figure_terms(a), figure_terms(b)
    return bool(x and y) and (x <= y or y <= x)


def whole_half(ctx: Context, tail: str, halves: tuple[Reading, Reading]) -> int | None:
    """Which of two halves the words after "percentage of" name first (0 or 1), or None when they name neither."""
    a, b = halves
    if a.subjects and b.subjects and a.subjects != b.subjects:
        named = [s for s in ctx.known.subjects.find(tail, tail) if s in (a.subjects[0], b.subjects[0])]
        return None if not named else (0 if named[0] == a.subjects[0] else 1)
    at: list[int] = []
    for h in halves:
        words = [str(y) for y in h.years] + [MONTH_NAMES[int(x[5:7]) - 1] for x in h.months if len(x) == 7]
        if a.years == b.years:  # two months of one year: the month names tell them apart
            words = [w for w in words if not w.isdigit()]
        found = [i for w in words if (i := tail.find(w)) >= 0]
        at.append(min(found) if found else 10_000)
    if at[0] == at[1]:
        return None
    return 0 if at[0] < at[1] else 1


def of_half(ctx: Context, g: Group, h: Reading, other: Reading) -> bool:
    """Is a group of figures that of one half rather than the other (its place, its month or its year: whichever
    tells the two apart)?"""
    if h.subjects and h.subjects != other.subjects:
        return all(ctx.known.subjects.related(f.subject, h.subjects[:1]) for f in g)
    if h.months and h.months != other.months:
        return all(month_fits(f.period, h.months) is True for f in g)
    return bool(h.years) and all(period_years(f.period) == (h.years[0], h.years[0]) for f in g)


NEXT_WHOLE_FLOOR = 2.5  # how well the whole's next-best figure must fit its clause


def next_whole(ctx: Context, w: Reading, part: Group, unit: Unit) -> Group:
    """"A's marketing budget is what percent of what visitors spent in A?": the figure that fits the whole's words best
    is the part's own (its quote names visitors too); the whole is the best of the rest, of the part's document and
    unit, larger than the part and fitting the whole's words well. [] when there is none."""
    ids = {f.id for f in part}
    size = sum(f.value for f in part)
    for s, f in score_figures(ctx.known, w, ctx.sims, quoted_penalty=False):
        if s < NEXT_WHOLE_FLOOR:
            break
        if f.id not in ids and f.unit is unit and f.doc_id == part[0].doc_id and f.value > size:
            return [f]
    return []


def of_the_whole(ctx: Context, stated: Figure, w: Reading) -> bool:
    """Is a stated percentage a share of the whole asked about? "What share of all the seats did A win?" is not
    answered by A's vote share: none of the whole's own words ("seats") is in the percentage's label or its sentence.
    True when the whole's clause names no measure of its own."""
    asking = {t for x in ASKING | PERIOD_WORDS for t in lexicon.canon_tokens(x)}
    wanted = (set(w.terms) - asking) & ctx.known.measure_terms  # words that name a measure ("per the piece" names none)
    if not wanted:
        return True
    sentence = ctx.known.corpus.passage_at(stated.doc_id, stated.start)
    around = figure_terms(stated) | terms_of(stated.subject) | (terms_of(sentence.text) if sentence is not None else frozenset())
    return bool(wanted & around)


def share_among(ctx: Context, w: Reading, p: Reading, r: Reading, unit: Unit, quoted_whole: Group) -> list[Group] | None:
    """"Of the cases dropped despite a suspect, what share were in Northshire?", "what share of all offences came from
    A and B together?": the part is the named place's (or places') figure, and the whole is the same measure over
    more places: the figure the question quotes, the wider place the whole clause names, or else the total of every
    place the article gives that measure for. None when the part names no place the whole does not, or no such whole
    is found."""
    named = list(dict.fromkeys(p.subjects))
    if not named or set(named) <= set(w.subjects) or (p.quoted and by_number(ctx, p, unit)):
        # a part given by its number ("the £50 saving") is that figure, not a place's share of a measure (a number
        # no figure has counts the places: "the four biggest provinces (A, B, C and D)")
        return None
    reading = replace(r, subjects=named, years=p.years or w.years or r.years,
                      year_range=p.year_range or w.year_range or r.year_range,
                      terms=list(dict.fromkeys(w.terms + p.terms)), part=p.part or w.part,
                      lowered=w.lowered + " " + p.lowered, quoted=[])
    part = each_named(ctx, reading, unit) if len(named) >= 2 else resolve(ctx, reading, unit=unit)
    if not part or len(part) != len(named) or any(f.subject not in named for f in part):
        return None
    if quoted_whole:
        whole, stated = quoted_whole, True
    else:
        whole, stated = whole_of_places(ctx, w, part, named)
        if not stated and len(named) == 1 and not w.subjects:
            # the best figure's measure is given for the places only: a near-best measure the article also states
            # the total of is the share's ("what share of all the seats did A win?": A's seats beside the seats of
            # all, not the seats A gained beside every party's gains)
            best = next((s for s, f in score_figures(ctx.known, reading, ctx.sims, quoted_penalty=False)
                         if f.id == part[0].id), None)
            for s, f in score_figures(ctx.known, reading, ctx.sims, quoted_penalty=False)[:8]:
                if best is None or s < best - ROW_MARGIN or f.subject != named[0] or f.unit is not unit or f.id == part[0].id:
                    continue
                other, found = whole_of_places(ctx, w, [f], named)
                if found and other and f.value <= sum(g.value for g in other):
                    part, whole = [f], other
                    break
    if not whole or sum(f.value for f in part) > sum(f.value for f in whole) or {f.id for f in part} == {f.id for f in whole}:
        return None
    return [part, whole]


def whole_of_places(ctx: Context, w: Reading, part: Group, named: list[str]) -> tuple[Group, bool]:
    """The whole a place's figure is part of, and whether the article states it (a wider place the whole's clause
    names, a total it states, a total row) rather than it being every place's figure added up."""
    others = [f for f in siblings(ctx.known, part[0], "subject") if f.subject not in named]
    # the place the whole's clause names, else one of a related name ("England" for "English"); never a smaller one
    # ("East of England" is related to "England" by name, but is no whole of London's and the South East's beds)
    size = sum(f.value for f in part)
    wider = [f for f in others if f.subject in w.subjects and f.value >= size]
    wider += [f for f in others if f.subject not in w.subjects and f.value >= size
              and any(ctx.known.subjects.related(f.subject, [s]) for s in w.subjects)]
    if wider:
        return wider[:1], True
    if (total_row := stated_total(ctx.known, part, part + others, named)) is not None:
        return [total_row], True
    everyone = part + others
    # a figure as large as all the others together (of three or more, or when the question says "total") is
    # their total ("Visitors" beside each state): it is the whole; else every place the measure is given for, the
    # part's among them (a joint one would count twice). A rounded figure ("more than 1,000") is no row of the sum.
    said = bool(WHOLE_WORDS.search(w.lowered))  # "of the national total": one of them is the total
    rows = sum(g.value for g in everyone if g.qualifier is Qualifier.exact or g in part)
    total = [f for f in others if f.value >= rows - f.value and (said or len(everyone) >= 3)]
    if total and (not w.subjects or (said and len(everyone) >= 3)):
        # (a whole naming a place the rows do not have is their total row only when said so, among three or more)
        return total[:1], True
    if (outer := outer_total(ctx, w, part, everyone, named, said)) is not None:
        return [outer], True
    if w.subjects:
        return [], False
    return (everyone if others and not any(joint(f.subject) for f in others) else []), False


def outer_total(ctx: Context, w: Reading, part: Group, rows: Group, named: list[str], said: bool) -> Figure | None:
    """The whole the article states outside the rows a part is one of, under its own label and period: "builders broke
    ground on 204,900 homes across the country in January to October" beside a table of provinces' starts in "2024"
    (a table may leave some places out, so the rows added up are not the whole); "revenue of $1.2bn" beside one
    region's revenue. A figure of the part's document, unit, currency and years, of no changes, for none of the rows'
    places (nor a joint of places, nor a measure the part's place has too: that is a peer), stated exactly and at
    least as large as every row together. Taken when the whole's clause says it is a total ("national", "all"), or
    the part stands alone and the clause names the figure's place or has words of its label. The one whose label or
    place has most of the whole's words, then the smallest (the nearest total). None when there is none."""
    f0 = part[0]
    years = period_years(f0.period)
    if years is None or f0.unit not in (Unit.count, Unit.money):
        return None
    if len(rows) > len(part) and not said:
        return None  # the rows added up are the whole unless the question says it is a total ("of all", "national")
    floor = sum(f.value for f in rows)
    ids = {f.id for f in rows}
    places = set(named) | {f.subject for f in rows}
    doc = ctx.known.corpus.figures_by_doc.get(f0.doc_id, [])
    peers = {(f.measure, f.period) for f in doc if f.subject in named}  # a measure the part's place has is a peer's
    wanted = {t for s in w.subjects for t in terms_of(s)}
    own = set(w.terms) - {t for x in ASKING | PERIOD_WORDS for t in lexicon.canon_tokens(x)}
    found: list[tuple[int, float, Figure]] = []
    for f in doc:
        if (f.id in ids or f.unit is not f0.unit or f.currency != f0.currency or f.subject in places
                or (f.measure, f.period) in peers
                or period_years(f.period) != years or f.value < floor or f.qualifier is not Qualifier.exact
                or "change" in f.measure or joint(f.subject)):
            continue
        label = figure_terms(f) | terms_of(f.subject)
        words = len(own & label)
        if len(rows) == len(part) and not (wanted & label or f.subject in w.subjects or words):
            continue  # a part standing alone: the whole's clause must name the figure, not only say "total"
        if w.subjects and not (wanted & label or f.subject in w.subjects or ctx.known.subjects.related(f.subject, w.subjects)):
            continue
        found.append((words, f.value, f))
    return max(found, key=lambda x: (x[0], -x[1]))[2] if found else None


def stated_total(known: CorpusTerms, part: Group, listed: Group, named: list[str]) -> Figure | None:
    """The total the article states for a measure it also gives place by place ("visitors spent $1.29 trillion across
    the country" beside each state's "spending"; "236,000 jobs added" beside each sector's "jobs"): a figure of the
    same document, unit and period whose measure has the places' measure words (and more), at least as large as
    every place's figure together. The smallest such figure (the nearest total); None when there is none."""
    f0 = part[0]
    own = terms_of(f0.measure)
    if not own:
        return None
    floor = sum(f.value for f in listed)
    ids = {f.id for f in listed}
    found = [f for f in known.corpus.figures_by_doc.get(f0.doc_id, [])
             if f.id not in ids and f.unit is f0.unit and f.period == f0.period and f.subject not in named
             and f.measure != f0.measure and own < terms_of(f.measure) and f.value >= floor
             and f.qualifier is Qualifier.exact]
    return min(found, key=lambda f: f.value, default=None)


GROWTH = re.compile(r"\b(?:grow|grew|grown|growth|rise|rose|risen|increase[sd]?|faster|slower|jump(?:ed)?|climb(?:ed)?|"
                    r"fall|fell|fallen|decrease[sd]?|decline[sd]?)\b")


def change_gap(ctx: Context, r: Reading) -> tuple[list[Group], list[Group]] | None:
    """"How many percentage points faster did A grow than B?": the gap between two growth rates, each the change the
    article states for that place or, when it states none, worked out from the place's earliest and latest counts
    (over the same years on both sides). None when the question names fewer than two places or asks no growth."""
    if len(r.subjects) < 2 or not GROWTH.search(r.lowered):
        return None
    groups: list[Group] = []
    since: list[Group] = []
    spans = []
    for subject in r.subjects[:2]:
        one = replace(r, subjects=[subject])
        stated = stated_change(ctx, one)
        if stated is not None and (sp := period_years(stated.period)):
            groups.append([stated])  # the change the article states is the one a reader quotes
            since.append([])
            spans.append(sp)
            continue
        counts = over_time(ctx, one, None)
        if counts is None or counts[0][0].unit is Unit.percent:
            return None
        groups.append(counts[1])
        since.append(counts[0])
        spans.append((year_of(counts[0][0].period), year_of(counts[1][0].period)))
    if len(set(spans)) != 1 or all(not s for s in since):
        return None  # changes over different years are no pair; two stated changes are a plain gap
    return groups, since


def worked_rate(ctx: Context, plan: Plan, r: Reading) -> Plan:
    """"Northshire dropped 300 of its cases despite a suspect: how many points is that rate above the national
    35%?": a percentage the article states for another part of a split measure than the question asks (all cases
    dropped, not those dropped despite a suspect) is not that rate; work it out from the counts instead: the asked
    part's count as a percentage of the place's total. A percentage the question quotes is kept as it is ("Northshire's
    41.2%"), and so is a plan whose operands already fit or whose counts the article does not give."""
    if plan.operation is not Op.pp_difference or not r.part or len(plan.groups) != 2:
        return plan
    by_id = ctx.known.corpus.figures_by_id
    groups, per, changed = [], [], False
    for g in plan.groups:
        f = by_id.get(g[0]) if len(g) == 1 else None
        if f is None or f.unit is not Unit.percent or lexicon.split_flag(f.measure) == r.part or f.value in r.quoted:
            groups.append(g)
            per.append([])
            continue
        counts = [x for x in resolve(ctx, replace(r, subjects=[f.subject]), prefer_parts=True, unit=Unit.count)
                  if x.subject == f.subject and lexicon.split_flag(x.measure) == r.part]
        whole = total_for(ctx.known, f.subject, f.doc_id)
        if len(counts) != 1 or whole is None or counts[0].value > whole.value:
            return plan
        groups.append([counts[0].id])
        per.append([whole.id])
        changed = True
    if changed:
        plan.groups, plan.per = groups, per
        plan.figure_ids = list(dict.fromkeys([i for g in groups for i in g] + [i for w in per for i in w]))
    return plan


TAKEN_TOGETHER = re.compile(r"\b(?:combined|together|altogether|between them|in total|joint)\b|\s\+\s")


def combined_over_time(ctx: Context, r: Reading, unit: Unit | None) -> list[Group] | None:
    """"The combined % increase for A + B from 2020 to 2021": the change of the places' total, each year's operand
    the sum of one measure over the places named (the measure all of them have in both years)."""
    years = sorted(set(r.year_range or r.years))
    if len(r.subjects) < 2 or len(years) != 2 or not TAKEN_TOGETHER.search(r.lowered):
        return None
    out: list[Group] = []
    for y in years:
        group = each_named(ctx, replace(r, years=[y], year_range=None), unit or Unit.count)
        if group is None or any(period_years(f.period) != (y, y) for f in group):
            return None
        out.append(group)
    measures = {f.measure for g in out for f in g}
    places = {tuple(f.subject for f in g) for g in out}  # the same places added up in both years
    return out if len(measures) == 1 and len(places) == 1 else None


REST_OPS = (Op.lookup, Op.pct_change, Op.difference, Op.ratio)


def take_away(ctx: Context, plan: Plan, r: Reading) -> Plan:
    """"How many did the forces other than A and B record?", "stripping out A, how much did the rest grow?": each
    operand becomes the whole its figure belongs to (the same measure and period, for the place that is the total of
    the others) less the named places' figures. A plan naming no place left out is returned as it is; one whose
    wholes or left-out figures the article does not give abstains (the figure before taking away answers another
    question)."""
    if not r.excluded or plan.operation is Op.abstain or not plan.groups:
        return plan
    if plan.operation is Op.sum:  # "how many did the rest record altogether": one whole, less the places named
        plan.operation, plan.groups = Op.lookup, plan.groups[:1] and [plan.groups[0][:1]]
    if plan.operation is Op.difference and len(set(r.years)) <= 1 and plan.groups:
        # "how many of the 9,000 were recorded by forces other than A?" asks for what is left, which is the
        # difference: the whole of the year asked, less the places named
        by_year = [g for g in plan.groups if r.years and g and (f := ctx.known.corpus.figures_by_id.get(g[0]))
                   and period_years(f.period) == (r.years[0], r.years[0])]
        plan.operation, plan.groups = Op.lookup, [(by_year or plan.groups)[0][:1]]
    if plan.operation not in REST_OPS or any(len(g) != 1 for g in plan.groups):
        return abstain(plan, "the article gives no figures to take those places away from")
    by_id = ctx.known.corpus.figures_by_id
    wholes: list[Figure] = []
    taken: list[list[Figure]] = []
    for g in plan.groups:
        f = by_id.get(g[0])
        if f is None:
            return plan
        family = siblings(ctx.known, f, "subject")
        out = [next((x for x in family if x.subject == e), None) for e in r.excluded]
        if any(x is None for x in out):
            return abstain(plan, "the article does not give that figure for each place left out")
        left = [x for x in out if x is not None]
        others = [x for x in family if x.subject not in r.excluded]
        whole = max(others, key=lambda x: x.value, default=None)
        if whole is None or whole.value < sum(x.value for x in left) + sum(
                x.value for x in others if x is not whole and not joint(x.subject)):
            return abstain(plan, "the article gives no total to take those places away from")
        wholes.append(whole)
        taken.append(left)
    plan.groups = [[w.id] for w in wholes]
    plan.without = [[x.id for x in t] for t in taken]
    plan.figure_ids = list(dict.fromkeys([w.id for w in wholes] + [x.id for t in taken for x in t]))
    return plan


# "share of the national total", "of all visitors", "of the whole": the whole is a wider figure than the part
WHOLE_WORD_LIST = ("total", "overall", "national", "nationwide", "all", "whole", "entire")
WHOLE_WORDS = re.compile(r"\b(" + "|".join(WHOLE_WORD_LIST) + r")\b")


def wider_whole(ctx: Context, r: Reading, subject: str, unit: Unit) -> Figure | None:
    """The whole a named part is a share of when the question asks for its share "of the total": a figure of the
    same document, unit and period as the part's, for another subject, larger than the part: one whose measure
    has the part's measure words first, then the largest (a total is the widest figure), then the one matching the question best."""
    inside = resolve(ctx, replace(r, subjects=[subject]), prefer_parts=True, unit=unit)
    if len(inside) != 1:
        return None
    part = inside[0]
    score = {f.id: sc for sc, f in score_figures(ctx.known, replace(r, subjects=[]), ctx.sims, quoted_penalty=False)}
    wider = [f for f in ctx.known.corpus.figures_by_doc.get(part.doc_id, [])
             if f.unit is unit and f.period == part.period and f.subject != part.subject and f.value > part.value
             and f.qualifier is Qualifier.exact]
    own = terms_of(part.measure)
    return max(wider, key=lambda f: (bool(own) and own <= terms_of(f.measure), f.value, score.get(f.id, 0.0)),
               default=None)


def total_for(known: CorpusTerms, subject: str, doc_id: str) -> Figure | None:
    """A subject's all-period count of reported or recorded cases: the natural whole for a share."""
    for f in known.corpus.figures:
        sp = period_years(f.period)
        if (f.subject == subject and f.doc_id == doc_id and f.unit is Unit.count and sp and sp[0] != sp[1]
                and re.search(r"reported|recorded|total", f.measure)):
            return f
    return None


TOTAL_LABEL = re.compile(r"^(?:total|all|overall)\b|\btotal$", re.I)


def total_row(known: CorpusTerms, fig: Figure) -> Figure | None:
    """The total row of the table a figure is a row of ("Total spending" under each service's budget): a figure of
    the same measure, unit and period labelled as a total, that is what the other rows (three or more) add up to. The
    natural whole for "what share of the budget goes on A?". None when there is none, or it does not add up."""
    rows = siblings(known, fig, "subject")
    for f in rows:
        if not TOTAL_LABEL.search(f.subject) or f.qualifier is not Qualifier.exact:
            continue
        rest = [g for g in rows if g is not f]
        added = sum(g.value for g in rest)
        if len(rest) >= 3 and abs(added - f.value) <= max(1.0, 0.005 * abs(f.value)):
            return f
    return None


def plan_complement(ctx: Context, plan: Plan, r: Reading) -> Plan:
    for s, f in score_figures(ctx.known, r, ctx.sims)[:6]:
        if f.unit is Unit.percent and "change" not in f.measure and s >= 2.5:
            return finish(plan, Op.complement, [[f]])
    return abstain(plan, "the article gives no percentage to take the rest of")


# "passengers per flight", "for every paid staff member", "how big was each wildfire": the thing counted out
# ("per head", "per 1,000" are rates the article states, not two counts divided)
PER_UNIT = re.compile(r"\b(?:per|for every|for each|each)\s+(?!head\b|capita\b|person\b|\d)"
                      r"(?P<unit>[a-z][a-z'&-]*(?:\s+[a-z][a-z'&-]*){0,2}?)"
                      r"(?=\s+(?:in|on|at|during|over|this|last|did|does|do|was|were|is|are|make|made|sit|sat|have|"
                      r"had|get|got|take|took)\b|\s*[?,.;]|\s*$)")


def per_unit(ctx: Context, r: Reading) -> list[Group] | None:
    """"On average how many passengers per flight were there in December?", "how big was each wildfire in 2024, in
    acres?": an average per thing counted is one amount divided by the count of the things, two cells of one table
    row (one place and period, counts or money, different measures): the cell whose label has the counted thing's
    words, and another whose label has words of the rest of the question. The row is the best-scoring figure's that
    has both; None when the question counts nothing out or no row has one cell for each side."""
    m = PER_UNIT.search(r.lowered)
    if m is None or PER_HEAD.search(r.lowered):
        return None
    unit_words = set(lexicon.canon_tokens(m.group("unit"))) - {t for s in r.subjects for t in terms_of(s)}
    asking = {t for x in ASKING | PERIOD_WORDS for t in lexicon.canon_tokens(x)} | set(lexicon.canon_tokens("average"))
    rest = set(r.terms) - unit_words - asking
    if not unit_words or not rest:
        return None
    tried: set[tuple[str, str, str]] = set()
    for s, f0 in score_figures(ctx.known, r, ctx.sims, quoted_penalty=False)[:8]:
        key = (f0.doc_id, f0.subject, f0.period)
        if s < 1.5 or key in tried or f0.unit not in (Unit.count, Unit.money):
            continue
        tried.add(key)
        row = [f for f in ctx.known.corpus.figures_by_doc.get(f0.doc_id, []) if (f.doc_id, f.subject, f.period) == key
               and f.unit in (Unit.count, Unit.money) and f.qualifier is Qualifier.exact]
        counted = [f for f in row if f.unit is Unit.count and unit_words & figure_terms(f)]
        amounts = [f for f in row if rest & figure_terms(f) and not unit_words & figure_terms(f)]
        if len({f.measure for f in counted}) == 1 and len({f.measure for f in amounts}) == 1 and counted[0].value > 0:
            return [[amounts[0]], [counted[0]]]
    return None


def plan_average(ctx: Context, plan: Plan, r: Reading) -> Plan:
    # "the average shares vested" asks to average the shares vested: the word names the operation, not a column
    # ("Weighted average fair value")
    asked = set(lexicon.canon_tokens("average"))
    r = replace(r, terms=[t for t in r.terms if t not in asked])
    if (per := per_unit(ctx, r)) is not None:
        return finish(plan, Op.ratio, per)  # an average per thing counted: one amount divided by the count
    groups = across(ctx, r, None) or pair(ctx, r, None)
    if groups is None:
        return abstain(plan, "the article does not give the figures to average")
    return finish(plan, Op.average, groups)


def plan_change_comparison(ctx: Context, plan: Plan, r: Reading) -> Plan:
    """"Which grew faster, A or B?": each subject's earliest and latest single-period figure of the measure, so
    the composer can compare the two percent changes (not two raw figures)."""
    if len(r.subjects) < 2:
        return abstain(plan, "the question names fewer than two things to compare")
    groups: list[Group] = []
    spans: list[tuple[str, str]] = []
    stated = [stated_change(ctx, replace(r, subjects=[subject])) for subject in r.subjects[:2]]
    # "which grew faster in 2024?": the change over that year, from the year before
    year = r.years[0] if len(set(r.years)) == 1 and not r.year_range else None
    for subject in r.subjects[:2]:
        pair_ = over_time(ctx, replace(r, subjects=[subject]), None)
        if pair_ is not None and year is not None:
            pair_ = year_on_year(ctx, pair_, year) or pair_
        if pair_ is None or pair_[0][0].unit is Unit.percent:
            # the best series is of a percentage (a vote share) or none: growth is of an amount (seats won), if any
            pair_ = over_time(ctx, replace(r, subjects=[subject]), Unit.count) or \
                over_time(ctx, replace(r, subjects=[subject]), Unit.money) or pair_
        if (pair_ is None or pair_[0][0].unit is Unit.percent) and all(stated):
            # no series for one of them, but the article states each one's change ("up 7.0%"): compare those
            plan.prefer_low = lower_change_asked(r.lowered)
            return finish(plan, Op.comparison, [[f] for f in stated if f is not None])
        if pair_ is None or pair_[0][0].unit is Unit.percent:
            return abstain(plan, f"the article gives no change over time for {subject}")
        groups += pair_
        spans.append((pair_[0][0].period, pair_[1][0].period))
    if spans[0] != spans[1]:
        return abstain(plan, "the article gives the two changes over different periods, so they are not comparable")
    plan.prefer_low = lower_change_asked(r.lowered)
    return finish(plan, Op.change_comparison, groups)


def year_on_year(ctx: Context, ends: list[Group], year: int) -> list[Group] | None:
    """A series' two figures for a year and the year before, where the series' ends are other years ("grew faster in
    2024" of figures for 2019, 2023 and 2024 is 2023 to 2024); None when the series lacks either."""
    if len(ends) != 2 or len(ends[1]) != 1:
        return None
    series = {year_of(f.period): f for f in siblings(ctx.known, ends[1][0], "period")
              if (sp := period_years(f.period)) and sp[0] == sp[1]}
    if year - 1 in series and year in series:
        return [[series[year - 1]], [series[year]]]
    return None


LESS = re.compile(r"\b(slower|less|smaller|lower|fewer)\b")
# A fall asked about as the greater one: "fell more (steeply)", "shrank the most", "the bigger drop" ("drop rate" is no fall)
FALL = re.compile(r"\b(?:fell|fall|falls|dropped|drop|declined?|decreased?|shr[aiu]nk|slumped|plunged|cut)\s+(?:\w+\s+)?"
                  r"(?:more|most|further|faster|steeply|sharply|harder|deeper)\b|\b(?:bigger|larger|steeper|sharper|biggest|"
                  r"largest|steepest|sharpest|greater)\s+(?:[\w%]+\s+)?(?:fall|drop|decline|decrease|hit|loss|cut|slump)\b")


FELL_LESS = re.compile(r"\b(?:fell|fall|falls|dropped|drop|declined?|decreased?|shr[aiu]nk)\s+(?:\w+\s+)?less\b")


def without_names(low: str, names: list[str]) -> str:
    """The lower-cased question with the names of the places it asks about blanked out, longest first."""
    for name in sorted(names, key=len, reverse=True):
        low = re.sub(r"(?<![a-z])" + re.escape(name.lower()) + r"(?![a-z])", " ", low)
    return low


def is_change(f: Figure) -> bool:
    """Is the figure a change the article states (a percent change, a change in points), not a level?"""
    return f.unit in (Unit.percent, Unit.percentage_points) and "change" in f.measure.lower()


def lower_change_asked(low: str) -> bool:
    """Which change is asked for, of two: the lower one for "which grew slower / rose less", and for "which fell more
    (steeply)", whose fall is the more negative change; the higher one for "grew faster" and "fell less"."""
    if FELL_LESS.search(low):
        return False
    return bool(LESS.search(low)) != bool(FALL.search(low))


def stated_change(ctx: Context, r: Reading) -> Figure | None:
    """The percent change the article states for the one place asked ("up 7.0%"), if a figure of it matches well."""
    for s, f in score_figures(ctx.known, r, ctx.sims)[:5]:
        if s >= 1.5 and f.unit is Unit.percent and "change" in f.measure and (not r.subjects or f.subject in r.subjects):
            return f
    return None


# "in which year was X larger?" asks the same of two years as "highest" of many
PEAK = re.compile(r"\b(peak(?:ed|s)?|highest|lowest|most|fewest|least|record (?:high|low)|biggest|largest|smallest|"
                  r"top(?:ped)?|maximum|minimum|larger|higher|greater|bigger|lower|smaller|less|fewer)\b")
LOW = re.compile(r"\b(lowest|fewest|least|record low|smallest|minimum|lower|smaller|less|fewer)\b")


# A peak or record the question asks about ("when did X hit its peak?", "when was the all-time record set?"), and
# the words that state one beside its number ("from a peak of 96,500 in ...", "the record of 845, set on ...")
PEAK_ASKED = re.compile(r"\b(peak(?:ed|s)?|all[- ]time|(?:the|a|new|its|their) record|record (?:high|low|level))\b|"
                        r"\bhighest ever\b")
PEAK_STATED = re.compile(r"\b(peak(?:ed|s)?|all[- ]time|record|highest (?:ever|on record))\b")


def stated_peak(ctx: Context, r: Reading) -> Figure | None:
    """The figure the article itself calls the peak or the record of what is asked (the words right before its number
    or its date say so: "a peak of", "the all-time record ... set on"), among the figures matching the question well;
    None when no such figure. A peak the text states beats one worked out from a series, which may not include it."""
    if not PEAK_ASKED.search(r.lowered):
        return None
    for s, f in score_figures(ctx.known, replace(r, years=[], year_range=None), ctx.sims)[:8]:
        if s < 1.5 or (r.subjects and f.subject not in r.subjects) or not set(r.terms) & figure_terms(f):
            continue  # a figure of another place, or one sharing no word with the question
        p = ctx.known.corpus.passage_at(f.doc_id, f.start)
        if p is None:
            continue
        if PEAK_STATED.search(p.text[max(0, f.start - p.start - 40):f.end - p.start].lower()):
            return f
    return None


def plan_peak(ctx: Context, plan: Plan, r: Reading) -> Plan | None:
    """"In which year did X peak?": the single-period figures of the best-matching measure, to find the period where
    it is highest (or lowest). None when the question is not of that kind or the article gives no series."""
    if not PEAK.search(r.lowered) or SINCE_ASKED.search(r.lowered):
        # "the lowest since what year?": the year a record is measured from, which the text states ("the lowest since
        # 2015"); a series of figures cannot tell it
        return None
    # the years named choose among the series' figures; they do not choose the series
    for s, best in score_figures(ctx.known, replace(r, years=[], year_range=None), ctx.sims)[:5]:
        if s < 1.5 or best.unit is Unit.date or (r.subjects and best.subject not in r.subjects):
            continue
        series = [f for f in siblings(ctx.known, best, "period") if (sp := period_years(f.period)) and sp[0] == sp[1]]
        named = [f for f in series if year_of(f.period) in r.years]
        if len(set(r.years)) >= 2 and len(named) >= 2:
            series = named  # "between 2018 and 2019, which year was higher?": those years only
        if len(series) >= 2:
            series.sort(key=lambda f: f.period)
            plan.prefer_low = bool(LOW.search(r.lowered))
            return finish(plan, Op.when, [[f] for f in series])
    return None


PLANNERS: dict[Op, Planner] = {
    Op.lookup: plan_lookup,
    Op.pct_change: plan_binary(Op.pct_change),
    Op.difference: plan_binary(Op.difference),
    Op.pp_difference: plan_binary(Op.pp_difference),
    Op.ratio: plan_binary(Op.ratio),
    Op.comparison: plan_binary(Op.comparison),
    Op.change_comparison: plan_change_comparison,
    Op.sum: plan_sum,
    Op.share: plan_share,
    Op.complement: plan_complement,
    Op.average: plan_average,
}
