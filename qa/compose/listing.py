"""Answers that list: each of several figures, the periods of a series that pass a test, how many do.

A period is stated only where something cited shows it: the figure's own quote, the question, or (for a table
cell) the header row above it that names the year.
"""

from __future__ import annotations

import math

from qa.compose.sentences import operand_phrase, qualifier_warnings
from qa.corpus.collection import Corpus
from qa.corpus.tables import ROW_SEPARATOR, cell_in_row
from qa.model.records import Answer, Calculation, Citation, Figure, Plan, Unit, cite
from qa.text.numbers import fmt_number, written_numbers
from qa.understand.link import period_years


def year_of(f: Figure) -> int | None:
    span = period_years(f.period)
    return span[1] if span else None


def year_citation(corpus: Corpus, f: Figure, year: int, asked: str = "") -> Citation | None:
    """Where the document shows a figure's year: its quote or the question need nothing more; otherwise the
    nearest passage above it that writes the year (a table's header row), or the passage it is in."""
    said = str(year)
    if said in f.quote or said in asked:
        return None
    ps = corpus.passages_by_doc.get(f.doc_id, [])
    at = max((i for i, p in enumerate(ps) if p.start <= f.start), default=-1)
    for p in reversed(ps[max(0, at - 40): at + 1]):
        if said in p.text:
            return Citation(doc_id=p.doc_id, start=p.start, end=p.end, quote=p.text)
    return None


def as_written(f: Figure) -> str:
    """A figure's number as its quote writes it: "30.99" (not 31), "5,062" in a thousands column (its scale shown
    as working), "1.6 million" for 1,600,000; rounded to one decimal only when the quote writes it otherwise."""
    target = f.value / f.scale if f.scale != 1 else f.value
    for digits, words, shown, scale in written_numbers(f.quote):
        if math.isclose(shown, target, rel_tol=1e-9, abs_tol=1e-12):
            return digits
        if scale != 1 and math.isclose(shown * scale, target, rel_tol=1e-9):
            return words
    return fmt_number(target)


def scaling(f: Figure) -> str:
    """How a table cell becomes its figure: "5,062 × 1,000 = 5,062,000" in a thousands column; "25 ÷ 100 = 0.25" in
    a column of cents."""
    if 0 < f.scale < 1:
        return f"{as_written(f)} ÷ {fmt_number(1 / f.scale)} = {fmt_number(f.value)}"
    return f"{as_written(f)} × {fmt_number(f.scale)} = {fmt_number(f.value)}"


SCALE_NAMES = {1e3: "thousands", 1e6: "millions", 1e9: "billions"}


def _scale_note(figs: list[Figure]) -> str:
    scales = {f.scale for f in figs}
    if len(scales) == 1 and (s := scales.pop()) in SCALE_NAMES:
        return f", in {SCALE_NAMES[s]} as the table gives them"
    return ""


def _sources(corpus: Corpus, plan: Plan, figs: list[Figure]) -> list[Citation] | None:
    """Each figure's citation and, where needed, where its year is shown; None when a year is shown nowhere."""
    out = [cite(f) for f in figs]
    for f in figs:
        y = year_of(f)
        if y is None:
            return None
        c = year_citation(corpus, f, y, plan.asked)
        if c is None and str(y) not in f.quote and str(y) not in plan.asked:
            return None
        if c is not None and c not in out:
            out.append(c)
    return out


def scale_working(figs: list[Figure]) -> str:
    """'the table gives 5,062 × 1,000 = 5,062,000; ...' for the figures a table gives in thousands (or millions)."""
    scaled = [f for f in figs if f.scale != 1]
    if not scaled:
        return ""
    return "the table gives " + "; ".join(scaling(f) for f in scaled)


def each(corpus: Corpus, plan: Plan, figs: list[Figure]) -> Answer:
    """'2019: 5,062 (...); 2018: 6,533 (...)': each figure asked, in the order asked, none added up."""
    parts = [operand_phrase(corpus, plan, [f]) for f in figs]
    text = "; ".join(parts)
    scaled = [f for f in figs if f.scale != 1]
    calculation = None
    if scaled:  # the table's cells times its scale, as the lookup shows it
        expression = "; ".join(scaling(f) for f in scaled)
        calculation = Calculation(operation="each", expression=expression, result=figs[0].value, unit=figs[0].unit,
                                  operands=[f.id for f in figs])
        text += f". Working: the table gives {expression}"
    return Answer(answer=text[0].upper() + text[1:] + ".", unit=figs[0].unit, citations=[cite(f) for f in figs],
                  calculation=calculation, figures=[f.id for f in figs], warnings=qualifier_warnings(figs),
                  operation="each")


def _passes(f: Figure, plan: Plan) -> bool:
    if plan.threshold is None:
        return True
    return f.value < plan.threshold if plan.prefer_low else f.value > plan.threshold


def which(corpus: Corpus, plan: Plan, series: list[Figure]) -> Answer | None:
    """The years of a series whose figure passes the plan's test (every year, with no test); None when a year
    cannot be shown from what is cited."""
    sources = _sources(corpus, plan, series)
    if sources is None:
        return None
    chosen = [f for f in series if _passes(f, plan)]
    same = len({(f.subject, f.measure) for f in series}) == 1
    measure = f"{series[0].subject}, {series[0].measure}" if same else "figures"  # a table's years: cells of any row
    years = [str(year_of(f)) for f in chosen]
    listed = ", ".join(f"{year_of(f)}: {as_written(f)}" if same else f"{year_of(f)}: {f.subject} {as_written(f)}"
                       for f in series)
    if plan.threshold is None:
        text = f"The article gives {measure} for {_and(years)} ({listed}{_scale_note(series)})."
        expression = ""
    else:
        word = "below" if plan.prefer_low else "above"
        bound = fmt_number(plan.threshold / series[0].scale)  # in the table's terms, as its figures are shown
        head = f"{_and(years)}" if years else "None of the years given"
        text = (f"{head}: {measure} was {word} {bound} in {'those years' if len(years) > 1 else 'that year' if years else 'none'}"
                f" ({listed}{_scale_note(series)}).")
        expression = "; ".join(f"{as_written(f)} {'<' if _passes(f, plan) == plan.prefer_low else '>'}"
                               f"{'' if _passes(f, plan) else '='} {bound}" for f in series)
    calculation = Calculation(operation="which", expression=expression or listed, result=float(len(chosen)),
                              unit=Unit.count, operands=[f.id for f in series])
    return Answer(answer=text, unit=Unit.date, citations=sources, calculation=calculation,
                  figures=[f.id for f in chosen] if chosen else [], warnings=qualifier_warnings(series),
                  operation="which")


def how_many(corpus: Corpus, plan: Plan, series: list[Figure]) -> Answer | None:
    """How many years of a series pass the plan's test, with each year's figure shown."""
    found = which(corpus, plan, series)
    if found is None:
        return None
    n = len(found.figures)
    word = "below" if plan.prefer_low else "above"
    years = [str(year_of(f)) for f in series if f.id in found.figures]
    if plan.threshold is None:  # "how many years does the table show?": every year it gives
        text = f"{n} {'year' if n == 1 else 'years'}: {found.answer[0].lower()}{found.answer[1:]}"
        calculation = Calculation(operation="how_many", expression=f"{len(years)} years", result=float(n), unit=Unit.count,
                                  operands=[f.id for f in series])
        return found.model_copy(update={"answer": text, "value": float(n), "unit": Unit.count,
                                        "calculation": calculation, "operation": "how_many"})
    text = (f"{n} {'year' if n == 1 else 'years'}"
            f"{': ' + _and(years) if years else ''} ({series[0].subject}, {series[0].measure} {word} "
            f"{fmt_number((plan.threshold or 0) / series[0].scale)}{_scale_note(series)}). Working: {found.calculation.expression if found.calculation else ''}.")
    calculation = Calculation(operation="how_many", expression=found.calculation.expression if found.calculation else "",
                              result=float(n), unit=Unit.count, operands=[f.id for f in series])
    return found.model_copy(update={"answer": text, "value": float(n), "unit": Unit.count,
                                    "calculation": calculation, "operation": "how_many"})


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _row_label(corpus: Corpus, f: Figure) -> Citation | None:
    """The citation of the label cell of the table row a figure's cell is in ("Land and improvements")."""
    doc = corpus.docs_by_id.get(f.doc_id)
    found = cell_in_row(doc.text, f.start, f.end) if doc is not None else None
    if found is None or found.column == 0 or not found.row[0].strip():
        return None
    start = f.start - sum(len(c) + len(ROW_SEPARATOR) for c in found.row[:found.column])
    label = found.row[0]
    lead = len(label) - len(label.lstrip())
    quote = label.strip()
    return Citation(doc_id=f.doc_id, start=start + lead, end=start + lead + len(quote), quote=quote)


def components(corpus: Corpus, plan: Plan, rows: list[Figure]) -> Answer | None:
    """'Land and improvements, Buildings and improvements ...': the rows that make up a whole, each named as its
    table writes it (its label cell cited, then one cell of the row); None when a row's label cannot be cited."""
    labels = [_row_label(corpus, f) for f in rows]
    if any(c is None for c in labels):
        return None
    cited = [c for c in labels if c is not None]
    names = [c.quote for c in cited]
    whole = rows[0].subject.split(": ", 1)[0] if all(": " in f.subject for f in rows) else ""
    if plan.count_rows:  # "how many components ...?": how many rows, each named
        n = len(names)
        head = f"{n} {'row' if n == 1 else 'rows'}" + (f" under {whole}" if whole else " add up to it")
        calculation = Calculation(operation="how_many", expression=f"{n} rows: {'; '.join(names)}", result=float(n),
                                  unit=Unit.count, operands=[f.id for f in rows])
        return Answer(answer=f"{head}: {_and(names)}.", value=float(n), unit=Unit.count, calculation=calculation,
                      citations=cited + [cite(f) for f in rows], figures=[f.id for f in rows],
                      warnings=qualifier_warnings(rows), operation="how_many")
    head = f"The rows under {whole} are" if whole else "The rows that add up to it are"
    return Answer(answer=f"{head} {_and(names)}.", unit=rows[0].unit,
                  citations=cited + [cite(f) for f in rows], figures=[f.id for f in rows],
                  warnings=qualifier_warnings(rows), operation="components")


def top(corpus: Corpus, plan: Plan, rows: list[Figure]) -> Answer | None:
    """'Long-term debt has the highest (4,200 of Long-term debt 4,200; Leases 310 ...)': for each period of the rows
    compared, the row whose figure is highest (lowest), named as its table writes it (its label cell cited first);
    None when a row's label cannot be cited."""
    periods = list(dict.fromkeys(f.period for f in rows))
    pick = min if plan.prefer_low else max
    chosen = [pick((f for f in rows if f.period == p), key=lambda f: f.value) for p in periods]
    labels = [_row_label(corpus, f) for f in chosen]
    if any(c is None for c in labels):
        return None
    cited = [c for c in labels if c is not None]
    word = "lowest" if plan.prefer_low else "highest"
    parts = []
    for p, f, c in zip(periods, chosen, cited, strict=True):
        compared = "; ".join(f"{g.subject} {as_written(g)}" for g in rows if g.period == p)
        parts.append(f"{c.quote} ({compared}{_scale_note(rows)}; {f.measure})")
    text = f"The {word}: " + "; ".join(parts) + "."
    return Answer(answer=text, unit=chosen[0].unit, citations=cited + [cite(f) for f in rows],
                  figures=[f.id for f in chosen], warnings=qualifier_warnings(chosen), operation="top")
