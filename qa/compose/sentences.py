"""The sentences an answer is made of: a figure with its qualifier and period, an operand, a caveat.

A period is named only when its numbers are grounded (in the quote or the question), so an
answer never states a year that nothing it cites shows.
"""

from __future__ import annotations

import re

from qa.corpus.collection import Corpus
from qa.model.records import Figure, Group, Plan, Qualifier, Unit, period_label
from qa.text.numbers import fmt_value, numbers_in


def qualifier_word(f: Figure) -> str:
    return {
        Qualifier.exact: "", Qualifier.at_least: "at least ", Qualifier.about: "about ",
        Qualifier.more_than: "more than ", Qualifier.nearly: "nearly ",
    }[f.qualifier]


def when_phrase(corpus: Corpus, f: Figure, grounded: str) -> str:
    """A period phrase whose numbers are grounded (in the quote or question); otherwise none."""
    if not f.period or f.unit is Unit.date:
        return ""
    label = period_label(f.period)
    allowed = numbers_in(grounded + " " + f.quote, words=False)
    if all(any(n == a for a in allowed) for n in numbers_in(label, words=False)):
        if "/" in f.period:
            return f" from {label}"
        return f" in {label}"
    since = re.search(r"\bsince (\w+ )?\d{4}", f.quote)
    if since:
        return " " + since.group(0)
    found = corpus.passage_at(f.doc_id, f.start)
    sentence = found.text if found else ""
    if "last year" in sentence.lower() and "/" not in f.period:
        return " last year (as the article puts it)"
    return ""


def figure_sentence(f: Figure, when: str) -> str:
    """'Northshire Police: 710 burglaries recorded in 2021.'"""
    value = f"{qualifier_word(f)}{fmt_value(f.value, f.unit, f.currency)}"
    m = f.measure
    if f.unit is Unit.count:
        return f"{f.subject}: {value} {m}{when}."
    if f.unit is Unit.percent and not m.startswith("percent"):
        m = m[len("share of "):] if m.startswith("share of ") else m
        return f"{f.subject}: {value} of {m}{when}."
    if f.unit is Unit.years:
        return f"{f.subject}: {m} of {value}."
    return f"{f.subject}, {m}{when}: {value}."



LABELS = {
    "pct_change": "Percent change", "difference": "Difference", "pp_difference": "Difference",
    "ratio": "Ratio", "sum": "Total", "share": "Share", "percentage_of": "Share",
    "complement": "The rest", "average": "Average",
}


def operand_phrase(corpus: Corpus, plan: Plan, g: Group) -> str:
    """'710 (Northshire Police, burglaries recorded in 2021)'; a sum of figures lists its parts."""
    if len(g) == 1 and not g[0].doc_id:  # a number the question gives
        return f"{fmt_value(g[0].value, g[0].unit, g[0].currency)} (the number in the question)"
    if len(g) == 1:
        f = g[0]
        return f"{qualifier_word(f)}{fmt_value(f.value, f.unit, f.currency)} ({f.subject}, {f.measure}{when_phrase(corpus, f, plan.asked)})"
    items = "; ".join(
        f"{fmt_value(f.value, f.unit, f.currency)} {f.subject}, {f.measure}{when_phrase(corpus, f, plan.asked)}" for f in g
    )
    return f"the sum of {items}"



def side_name(corpus: Corpus, plan: Plan, g: Group, other: Group) -> str:
    """What tells this side apart from the other: its place, or its year."""
    subjects = " and ".join(dict.fromkeys(f.subject for f in g))
    if subjects != " and ".join(dict.fromkeys(f.subject for f in other)):
        return subjects
    return subjects + when_phrase(corpus, g[0], plan.asked)


def qualifier_warnings(figs: list[Figure]) -> list[str]:
    out = []
    for f in figs:
        if f.qualifier is not Qualifier.exact:
            out.append(
                f"The article gives this figure as “{f.quote}”: it is {f.qualifier.value} "
                f"{fmt_value(f.value, f.unit, f.currency)}, not an exact count."
            )
    return out
