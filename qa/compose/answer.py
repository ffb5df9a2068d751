"""Plan -> calculation -> Answer, with citations for every number stated."""

from __future__ import annotations

import re

from qa.compose import listing
from qa.compose.sentences import (
    LABELS,
    figure_sentence,
    operand_phrase,
    qualifier_warnings,
    side_name,
    when_phrase,
)
from qa.compose.spans import WHY_ASKED, answer_span
from qa.compute import calculator as calc
from qa.corpus.collection import Corpus
from qa.model.errors import CalculationError
from qa.model.records import (
    CLARIFY_OPENING,
    Answer,
    Calculation,
    Choice,
    Citation,
    Figure,
    Group,
    Op,
    Passage,
    Plan,
    Qualifier,
    Unit,
    cite,
)
from qa.text.dateline import AHEAD, WHEN_ASKED, year_of_month
from qa.text.dates import DATELINE, MONTH_ONLY
from qa.text.numbers import fmt_value, numbers_in
from qa.text.reasons import REASON
from qa.understand.link import period_years

DOESNT_SAY = "The article doesn't say"


def _month_dated(corpus: Corpus, plan: Plan, p: Passage, quote: str) -> tuple[str, Citation] | None:
    """A when-answer that names a month without its year ("at the end of September"), placed in a year by the
    article's dateline: (what to say, "September 2024 by the article's date", and the dateline's citation). None when
    the answer is no bare month, the question does not ask when, or the text states no dateline to cite."""
    month = MONTH_ONLY.fullmatch(quote)
    doc = corpus.docs_by_id.get(p.doc_id)
    if month is None or doc is None or not WHEN_ASKED.search(plan.resolved_question):
        return None
    name = month.group("month")
    stated = next((m for m in DATELINE.finditer(doc.text[:600]) if m.group(0).endswith(str(doc.published.year))), None)
    if stated is None:
        return None
    ahead = bool(AHEAD.search(p.text))
    year = year_of_month(name, doc.published, ahead=ahead)
    cite_it = Citation(doc_id=doc.id, start=stated.start(), end=stated.end(), quote=stated.group(0))
    if year != doc.published.year:  # only a year the dateline states is said (no year is worked out and left unshown)
        side = "after" if ahead else "before"
        return f"the {name} {side} the article's date ({stated.group(0)})", cite_it
    return f"{name} {year}, by the article's date ({stated.group(0)})", cite_it


def compose(corpus: Corpus, plan: Plan) -> Answer:
    if plan.operation is Op.abstain:
        return abstention(corpus, plan)
    if plan.operation is Op.text and plan.passage is not None:
        p = plan.passage
        span = answer_span(plan.resolved_question, p)
        if span is not None:  # the name, date or clause asked for, cited exactly; not the whole passage
            a, b = span
            quote = p.text[a:b]
            citations = [Citation(doc_id=p.doc_id, start=p.start + a, end=p.start + b, quote=quote),
                         Citation(doc_id=p.doc_id, start=p.start, end=p.end, quote=p.text)]
            dated = _month_dated(corpus, plan, p, quote)
            if dated is not None:  # "at the end of September" is September of the year the dateline places it in
                said, dateline = dated
                return Answer(answer=f"“{quote}”, as the article puts it: {said}.",
                              citations=[*citations, dateline], operation="text")
            return Answer(answer=f"“{quote}”, as the article puts it.", citations=citations, operation="text")
        if WHEN_ASKED.search(plan.resolved_question):  # a when-question: a passage that states no date says not when
            return abstention(corpus, plan.model_copy(update={"abstain_reason": "the article does not say when"}))
        if WHY_ASKED.search(plan.resolved_question) and not REASON.search(p.text):
            # a why-question: a passage that gives no reason says not why
            return abstention(corpus, plan.model_copy(update={"abstain_reason": "the article does not say why"}))
        return Answer(
            answer=f"The article says: “{p.text}”",
            citations=[Citation(doc_id=p.doc_id, start=p.start, end=p.end, quote=p.text)],
            operation="text",
        )
    by_id = {**corpus.figures_by_id, **{f.id: f for f in plan.given}}  # and the numbers the question gives
    groups = [[by_id[i] for i in g] for g in (plan.groups or [[i] for i in plan.figure_ids])]
    if plan.operation is Op.lookup and not plan.without:
        return _lookup(corpus, plan, groups[0][0])
    if plan.operation is Op.when:
        return _peak(corpus, plan, [f for g in groups for f in g])
    if plan.operation is Op.each:
        return listing.each(corpus, plan, [g[0] for g in groups])
    if plan.operation is Op.components:
        parts = listing.components(corpus, plan, [g[0] for g in groups])
        return parts or abstention(corpus, plan.model_copy(update={"abstain_reason": "the article does not show "
                                                                    "the rows that make it up"}))
    if plan.operation is Op.top:
        named = listing.top(corpus, plan, [g[0] for g in groups])
        return named or abstention(corpus, plan.model_copy(update={"abstain_reason": "the article does not show "
                                                                    "which row each figure is for"}))
    if plan.operation in (Op.which, Op.how_many):
        series = [g[0] for g in groups]
        listed = (listing.which if plan.operation is Op.which else listing.how_many)(corpus, plan, series)
        return listed or abstention(corpus, plan.model_copy(update={"abstain_reason": "the article does not show "
                                                                     "which year each figure is for"}))
    if plan.operation is Op.change_comparison:
        try:
            return _change_comparison(corpus, plan, groups)
        except CalculationError as exc:
            return abstention(corpus, plan.model_copy(update={"abstain_reason": str(exc).rstrip(".")}))
    # per operand: figures taken away from it, the whole it is a percentage of, the earlier figures it changed from
    taken, wholes, earlier = ([[by_id[i] for i in g] for g in ids] for ids in (plan.without, plan.per, plan.since))
    if not taken and not wholes and not earlier:
        groups = _order(plan, groups)
    try:
        if plan.operation is Op.comparison and not taken:
            return _comparison(corpus, plan, groups)
        c = _calculate(plan.operation, groups, taken, wholes, earlier)
    except CalculationError as exc:
        return abstention(corpus, plan.model_copy(update={"abstain_reason": str(exc).rstrip(".")}))
    return _calculated(corpus, plan, groups, c, taken, wholes, earlier)



def _total(g: Group) -> float:
    return sum(f.value for f in g)


def _period_key(g: Group) -> str:
    return max(f.period for f in g)


# The question asks how big a fall was ("how many points did X drop", "how far has X come down"): the answer is the
# earlier figure minus the later one, a positive size, as the asker framed it.
FALL_ASKED = re.compile(r"\b(?:did|has|have|had|does|do)\b[^?—]*?\b(?:drop|fall|decline|decrease|shrink|go down|come down)\b"
                        r"(?!\s+(?:cases?|investigations?|charges?)\b)|\bhow (?:far|much) (?:has|have|did)\b[^?—]*?"
                        r"\b(?:fallen|dropped|declined|decreased|shrunk|come down|gone down)\b"
                        # "how many points has X dropped?", "has X fallen by ...?" (not "how many cases has X dropped")
                        r"|\bhow (?:many (?:percentage )?points|much)\b[^?—]*?\b(?:has|have|had)\b[^?—]*?"
                        r"\b(?:fallen|dropped|declined|decreased|shrunk|come down|gone down)\b"
                        r"|\b(?:has|have|had)\b[^?—]*?\b(?:fallen|dropped|declined|decreased|shrunk|come down|gone down)"
                        r"\s+by\b|\bhow (?:much|many) (?:less|fewer|lower|smaller)\b"  # "how much less is that than in 2022?"
                        r"|\bhow (?:far|much|many \w+) (?:below|behind|under|down on)\b")  # "how far below ... is it?"


def _order(plan: Plan, groups: list[Group]) -> list[Group]:
    """Later after earlier for changes; otherwise the larger first, so "how many more" is positive."""
    if len(groups) != 2:
        return groups
    a, b = groups
    op = plan.operation
    same_subjects = {f.subject for f in a} == {f.subject for f in b}
    over_time = same_subjects and _period_key(a) != _period_key(b)
    if op is Op.pct_change:
        return [a, b] if _period_key(a) <= _period_key(b) or not over_time else [b, a]
    if op in (Op.difference, Op.pp_difference):
        if over_time:
            later_first = _period_key(a) > _period_key(b)
            if FALL_ASKED.search(plan.resolved_question.lower()):  # "how many points did it drop?": the size of the fall
                later_first = not later_first
            return [a, b] if later_first else [b, a]
        return [a, b] if _total(a) >= _total(b) else [b, a]
    if op is Op.ratio:
        return [a, b] if _total(a) >= _total(b) else [b, a]
    return groups


def _calculate(op: Op, groups: list[Group], taken: list[Group] | None = None,
               wholes: list[Group] | None = None, earlier: list[Group] | None = None) -> Calculation:
    qs = [calc.Quantity.summed([calc.Quantity.of(f) for f in g]) for g in groups]
    if earlier:  # a growth rate worked out from counts: the change from the earlier figures to the operand
        qs = [calc.Quantity.change(calc.Quantity.summed([calc.Quantity.of(f) for f in e]), q) if e else q
              for q, e in zip(qs, earlier, strict=True)]
    if wholes:  # a rate worked out from counts: the operand as a percentage of its whole
        qs = [calc.Quantity.percentage(q, calc.Quantity.summed([calc.Quantity.of(f) for f in w])) if w else q
              for q, w in zip(qs, wholes, strict=True)]
    if taken:  # "the rest": each operand less the figures taken from it
        qs = [calc.Quantity.remainder(q, [calc.Quantity.of(f) for f in t]) for q, t in zip(qs, taken, strict=True)]
        if op is Op.lookup:
            if len(qs) != 1 or not qs[0].less:
                raise CalculationError("Nothing is taken away from the figure.")
            return calc.rest(qs[0])
    if op is Op.sum:
        flat = [calc.Quantity.of(f) for g in groups for f in g]
        return calc.total(*flat)
    if op is Op.percentage_of and len(qs) == 2:
        return calc.percentage_of(qs[0], qs[1])
    return calc.calculate(op, *qs)


def _lookup(corpus: Corpus, plan: Plan, f: Figure) -> Answer:
    if f.unit is Unit.date:
        text = f"{f.subject}: {f.measure} — “{f.quote}”."
    else:
        text = figure_sentence(f, when_phrase(corpus, f, plan.asked))
    scaled = _fraction_working(f)
    if scaled is not None:
        text += f" Working: {scaled.expression}."
    elif f.scale != 1:  # a table cell in thousands ("1,021" under "(000s)"): show the scaling as working
        scaled = Calculation(operation="lookup", expression=listing.scaling(f), result=f.value, unit=f.unit, operands=[f.id])
        text += f" Working: the table gives {scaled.expression}."
    return Answer(
        answer=text, value=f.value, unit=f.unit, citations=[cite(f)], figures=[f.id], calculation=scaled,
        warnings=qualifier_warnings([f]), operation="lookup",
    )


FRACTION_WORDS = re.compile(r"\b(?:(a|an|one|two|three|four|nine)[\s-])?(half|thirds?|quarters?|fifths?|tenths?)\b", re.I)
DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}


def _fraction_working(f: Figure) -> Calculation | None:
    """A share written in words ("almost half", "a fifth") shown as the percentage it is: 1 / 2 × 100 = 50%."""
    if f.unit is not Unit.percent or f.value in numbers_in(f.quote, words=False):
        return None
    m = FRACTION_WORDS.search(f.quote)
    if not m:
        return None
    top = NUMERATORS.get((m.group(1) or "one").lower(), 1)
    bottom = DENOMINATORS[m.group(2).lower().rstrip("s")]
    result = round(top / bottom * 100, 1)
    if abs(result - f.value) > 0.05:
        return None
    return Calculation(operation="lookup", expression=f"{top} / {bottom} × 100 = {fmt_value(result, Unit.percent)}",
                       result=result, unit=Unit.percent, operands=[f.id])


def _calculated(corpus: Corpus, plan: Plan, groups: list[Group], c: Calculation,
                taken: list[Group] | None = None, wholes: list[Group] | None = None,
                earlier: list[Group] | None = None) -> Answer:
    figs = [f for g in groups for f in g] + [f for t in taken or [] for f in t] + [f for w in wholes or [] for f in w]
    figs += [f for e in earlier or [] for f in e]
    parts = [operand_phrase(corpus, plan, g) for g in groups]
    if earlier:
        parts = [(f"the change from {operand_phrase(corpus, plan, e)} to {p}" if e else p)
                 for p, e in zip(parts, earlier, strict=True)]
    if wholes:
        parts = [p + (f" out of {operand_phrase(corpus, plan, w)}" if w else "") for p, w in zip(parts, wholes, strict=True)]
    if taken:
        parts = [p + (f" less {' and '.join(operand_phrase(corpus, plan, [f]) for f in t)}" if t else "")
                 for p, t in zip(parts, taken, strict=True)]
    if c.operation == "sum":
        parts = [operand_phrase(corpus, plan, [f]) for f in figs]
    result = fmt_value(c.result, c.unit, _currency(figs))
    lead = {
        "remainder": f"{parts[0]} leaves {result}.",
        "pct_change": f"From {parts[0]} to {parts[-1]}, the change is {result}.",
        "difference": f"{parts[0]} minus {parts[-1]} is {result}.",
        "pp_difference": f"{parts[0]} minus {parts[-1]} is {result}.",
        "ratio": (f"{parts[0]} over {parts[-1]} is {result} each." if c.unit is Unit.money
                  else f"{parts[0]} is {result} {parts[-1]}."),
        "sum": f"Together, {', '.join(parts[:-1])} and {parts[-1]} make {result}.",
        "share": f"{' plus '.join(parts[:-1])} out of {parts[-1]} is {result}.",
        "percentage_of": f"{parts[0]} out of {parts[-1]} is {result}.",
        "complement": f"{parts[0]} leaves {'at most ' if figs[0].qualifier is Qualifier.at_least else ''}{result} for the rest.",
        "average": f"The average of {', '.join(parts[:-1])} and {parts[-1]} is {result}.",
    }.get(c.operation, f"{LABELS.get(c.operation, 'Result')}: {result}.")
    text = lead[0].upper() + lead[1:] + f" Working: {c.expression}."
    warnings = qualifier_warnings(figs)
    if plan.operation is Op.complement and any(f.qualifier is Qualifier.at_least for f in figs):
        warnings.append("Because the article's share is a minimum, the rest is a maximum.")
    return Answer(
        answer=text, value=c.result, unit=c.unit, citations=[cite(f) for f in figs if f.doc_id], calculation=c,
        figures=list(dict.fromkeys(f.id for f in figs if f.doc_id)), warnings=warnings, operation=c.operation,
    )


def _currency(figs: list[Figure]) -> str:
    """The currency of a money result: its operands', when they agree."""
    codes = {f.currency for f in figs if f.unit is Unit.money and f.currency}  # a cell without its sign is silent
    return codes.pop() if len(codes) == 1 else ""


def _comparison(corpus: Corpus, plan: Plan, groups: list[Group]) -> Answer:
    a, b = groups[0], groups[1]
    qa_, qb = (calc.Quantity.summed([calc.Quantity.of(f) for f in g]) for g in (a, b))
    big, small = (a, b) if _total(a) >= _total(b) else (b, a)
    qbig, qsmall = (qa_, qb) if big is a else (qb, qa_)
    c = calc.difference(qbig, qsmall)
    unit = a[0].unit
    nb, ns = side_name(corpus, plan, big, small), side_name(corpus, plan, small, big)
    cur = _currency(big + small)
    vb, vs = fmt_value(_total(big), unit, cur), fmt_value(_total(small), unit, cur)
    measure = a[0].measure
    if _total(a) == _total(b):
        who = f"{nb} and {ns} are equal on {measure}: {vb} each"
    elif plan.prefer_low:
        who = f"{ns} is lower on {measure}: {vs}, against {vb} for {nb}"
    else:
        who = f"{nb} is higher on {measure}: {vb}, against {vs} for {ns}"
    figs = [f for g in groups for f in g]
    return Answer(
        answer=f"{who}. Working: {c.expression}.", value=c.result, unit=c.unit,
        citations=[cite(f) for f in figs], calculation=c.model_copy(update={"operation": "comparison"}),
        figures=list(dict.fromkeys(f.id for f in figs)), warnings=qualifier_warnings(figs), operation="comparison",
    )


def _change_comparison(corpus: Corpus, plan: Plan, groups: list[Group]) -> Answer:
    """Two percent changes over the same periods, compared: which rose (or fell) more, with both workings."""
    a_old, a_new, b_old, b_new = groups[:4]
    ca = calc.pct_change(*(calc.Quantity.summed([calc.Quantity.of(f) for f in g]) for g in (a_old, a_new)))
    cb = calc.pct_change(*(calc.Quantity.summed([calc.Quantity.of(f) for f in g]) for g in (b_old, b_new)))
    gap = calc.pp_difference(calc.Quantity(ca.result, ca.unit), calc.Quantity(cb.result, cb.unit))
    na, nb = side_name(corpus, plan, a_new, b_new), side_name(corpus, plan, b_new, a_new)
    sides = [(na, ca, a_old, a_new), (nb, cb, b_old, b_new)]
    sides.sort(key=lambda s: s[1].result, reverse=not plan.prefer_low)
    (n1, c1, o1, w1), (n2, c2, o2, w2) = sides
    # the first named changed the lower (prefer_low) or the higher: a fall that is lower is the greater fall
    word = ("rose less" if plan.prefer_low else "rose more") if c1.result >= 0 else \
        ("fell more" if plan.prefer_low else "fell less")
    first, second = (fmt_value(c.result, c.unit) for c in (c1, c2))
    text = (f"{n1} {word}: {first} (from {fmt_value(o1[0].value, o1[0].unit)} to "
            f"{fmt_value(w1[0].value, w1[0].unit)}), against {second} for {n2} (from "
            f"{fmt_value(o2[0].value, o2[0].unit)} to {fmt_value(w2[0].value, w2[0].unit)}).")
    expression = f"{c1.expression}; {c2.expression}; {gap.expression}"
    figs = [f for g in groups[:4] for f in g]
    calculation = Calculation(operation="change_comparison", expression=expression, result=abs(gap.result),
                              unit=gap.unit, operands=list(dict.fromkeys(f.id for f in figs)))
    return Answer(
        answer=f"{text} Working: {expression}.", value=abs(gap.result), unit=gap.unit,
        citations=[cite(f) for f in figs], calculation=calculation,
        figures=list(dict.fromkeys(f.id for f in figs)), warnings=qualifier_warnings(figs),
        operation="comparison",
    )


def abstention(corpus: Corpus, plan: Plan) -> Answer:
    covered = nearest_topics(corpus, plan)
    reason = strip_numbers(plan.abstain_reason or "the article does not say")
    text = f"{DOESNT_SAY}: {reason}."
    if covered:
        text += f" It does cover {covered}."
    text = strip_numbers(text)
    return Answer(answer=text, abstained=True, operation="abstain")


def nearest_topics(corpus: Corpus, plan: Plan) -> str:
    """What the article does cover that is closest to the question (named, never with numbers)."""
    seen: list[str] = []
    for fid in plan.nearby:
        f = corpus.figures_by_id.get(fid)
        if f is None:
            continue
        topic = f"{f.measure} ({strip_numbers(f.subject).strip()})"
        if topic not in seen:
            seen.append(topic)
        if len(seen) == 3:
            break
    return "; ".join(seen)


def strip_numbers(text: str) -> str:
    """An abstention states no number: drop any that crept in from names like '38 police forces'."""
    return re.sub(r"\b\d[\d,.]*\s*", "", text).replace("  ", " ")


def name_documents(corpus: Corpus, plan: Plan, answer: Answer) -> None:
    """With several articles, say which one the figures came from, and which others match too."""
    if len(corpus.documents) < 2 or not answer.figures:
        return
    used = [corpus.figures_by_id[i] for i in answer.figures if i in corpus.figures_by_id]
    docs = list(dict.fromkeys(f.doc_id for f in used))
    for d in docs:
        doc = corpus.docs_by_id[d]
        answer.warnings.append(f"From the article “{doc.title}” ({doc.id}).")
    subjects = {f.subject for f in used}
    measures = {f.measure for f in used}
    others = []
    for fid in plan.nearby[:8]:
        f = corpus.figures_by_id.get(fid)
        if f and f.doc_id not in docs and (f.subject in subjects or f.measure in measures) and f.doc_id not in others:
            others.append(f.doc_id)
    for d in others[:3]:
        doc = corpus.docs_by_id[d]
        answer.warnings.append(
            f"The article “{doc.title}” ({doc.id}) has figures like these too; this answer does not use them."
        )


def clarifying(corpus: Corpus, plan: Plan) -> Answer | None:
    """Two readings about equally likely (`plan.alternatives`): when they give different answers, ask which is meant,
    offering both, each worked out and cited. None when they agree or fewer than two can be answered."""
    options: list[Choice] = []
    seen: set[tuple[float | None, str]] = set()
    for alt in plan.alternatives:
        a = compose(corpus, alt.model_copy(update={"alternatives": []}))
        key = (None if a.value is None else round(a.value, 6), a.answer if a.value is None else "")
        if a.abstained or key in seen:
            continue
        seen.add(key)
        options.append(Choice(label=alt.label or alt.operation.value, answer=a.answer, value=a.value, unit=a.unit,
                              citations=a.citations, calculation=a.calculation, operation=a.operation))
    if len(options) < 2:
        return None
    said = "; or ".join(f"{c.label} — {c.answer.rstrip('.')}" for c in options)  # no option numbers: they cite nothing
    citations = list({(c.doc_id, c.start, c.end): c for o in options for c in o.citations}.values())
    figures = list(dict.fromkeys(i for alt in plan.alternatives for i in alt.figure_ids))
    return Answer(answer=f"{CLARIFY_OPENING}. Do you mean {said}? Pick the first or the second.", citations=citations,
                  figures=figures, clarify=options, operation="clarify")


def _peak(corpus: Corpus, plan: Plan, series: list[Figure]) -> Answer:
    """The period in which a series is highest (lowest), with every figure of the series cited. The year is stated
    only when the winner's own sentence gives it, or says "last year" of an article dated the year after (shown as
    working), or (a table cell) the header row above it names it; otherwise the answer abstains rather than state a
    year nothing shows."""
    winner = (min if plan.prefer_low else max)(series, key=lambda f: f.value)
    year = period_years(winner.period)
    passage = corpus.passage_at(winner.doc_id, winner.start)
    sentence = passage.text if passage is not None else winner.quote
    citations = [cite(f) for f in series]
    calculation = None
    if year is None:
        return abstention(corpus, plan.model_copy(update={"abstain_reason": "the article gives no period for it"}))
    said = str(year[0])
    if said not in winner.quote:
        if passage is not None and said in sentence:
            citations.append(Citation(doc_id=passage.doc_id, start=passage.start, end=passage.end, quote=sentence))
        elif (said_by := _last_year_in(corpus, passage, year[0])) is not None:
            published = corpus.docs_by_id[winner.doc_id].published.year
            calculation = Calculation(operation="when", expression=f"“last year” in an article published in {published}: "
                                      f"{published} − 1 = {said}", result=float(said), unit=Unit.date,
                                      operands=[winner.id])
            citations += [Citation(doc_id=p.doc_id, start=p.start, end=p.end, quote=p.text) for p in said_by]
        elif (header := listing.year_citation(corpus, winner, year[0])) is not None:
            citations.append(header)  # a table cell: the header row above it names the year
        else:
            return abstention(corpus, plan.model_copy(update={"abstain_reason": "the article does not say which year"}))
    word = "lowest" if plan.prefer_low else "highest"
    others = "; ".join(operand_phrase(corpus, plan, [f]) for f in series if f is not winner)
    text = f"{said}: {operand_phrase(corpus, plan, [winner])} is the {word} the article gives, against {others}."
    if calculation is not None:
        text += f" Working: {calculation.expression}."
    if working := listing.scale_working(series):  # a table's cells in thousands: show the scaling
        text += f" Working: {working}."
        calculation = calculation or Calculation(operation="when", expression=working, result=float(said),
                                                 unit=Unit.date, operands=[f.id for f in series])
    return Answer(answer=text, value=float(said), unit=Unit.date, citations=citations, calculation=calculation,
                  figures=[f.id for f in series], operation="when")


def _last_year_in(corpus: Corpus, passage: Passage | None, year: int) -> list[Passage] | None:
    """The sentences that say "last year" of `year`: the figure's own, or the one just before it ("...peaked last
    year at Northshire. Southshire also peaked when..."), in an article published the year after; None otherwise."""
    if passage is None or corpus.docs_by_id[passage.doc_id].published.year - 1 != year:
        return None
    ps = corpus.passages_by_doc.get(passage.doc_id, [])
    i = next((k for k, p in enumerate(ps) if p.start == passage.start), None)
    if i is None:
        return None
    for back in (0, 1):
        if i - back >= 0 and re.search(r"\blast year\b", ps[i - back].text, re.I):
            return [ps[i - back]] + ([passage] if back else [])
    return None
