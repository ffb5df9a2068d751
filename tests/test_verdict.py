"""Yes or no from the answer that decides a check (qa/compose/verdict.py): units must fit, changes are signed."""

from __future__ import annotations

import pytest

from qa.compose.verdict import decide
from qa.model.records import Answer, Op, Plan
from qa.understand.verdict import Check


def answer(value: float, unit: str, operation: str, text: str = "x") -> Answer:
    return Answer(answer=text, value=value, unit=unit, operation=operation)


@pytest.mark.parametrize(
    "check, got, verdict",
    [
        # a count threshold is not met or missed by a percentage: undecided
        (Check("value_above", threshold=400, unit="count"), answer(47.3, "percent", "lookup"), None),
        (Check("value_above", threshold=400, unit="count"), answer(407, "count", "sum"), True),
        (Check("value_above", threshold=1, unit="years"), answer(2, "years", "lookup"), True),
        (Check("value_above", above=False, threshold=40, unit="percent"), answer(47.3, "percent", "lookup"), False),
        # a fall of 26.2% is a fall of more than a quarter (below -25); a fall of 20% is not
        (Check("change_above", above=False, threshold=-25), answer(-26.2, "percent", "pct_change"), True),
        (Check("change_above", above=False, threshold=-25), answer(-20.0, "percent", "pct_change"), False),
        (Check("change_above", threshold=100 / 3), answer(1.39, "ratio", "ratio"), True),
        (Check("change_above", threshold=100 / 3), answer(39.0, "percent", "lookup", "percent change: 39%"), True),
        (Check("change_above", threshold=100 / 3), answer(39.0, "percent", "lookup", "share: 39%"), None),
        # new less old: 2,223 - 2,046 = 177 is more than 150
        (Check("gap_above", threshold=150, unit="money"), answer(177, "money", "difference"), True),
        (Check("gap_above", threshold=150, unit="money"), answer(2223, "money", "lookup"), None),
        # 9.8% against 4.1% is 2.39 times
        (Check("ratio_above", threshold=2), answer(2.39, "ratio", "ratio"), True),
        (Check("ratio_above", threshold=2), answer(5.7, "percentage_points", "pp_difference"), None),
        # "doubled" is met at twice (11% to 22% is +100%); "more than doubled" is not
        (Check("multiple", threshold=2, strict=False), answer(100.0, "percent", "pct_change"), True),
        (Check("multiple", threshold=2), answer(100.0, "percent", "pct_change"), None),
        (Check("multiple", threshold=2), answer(94.0, "percent", "pct_change"), False),
        # "more than halve": 23 to 11 is -52.2%, 0.478 times
        (Check("multiple", above=False, threshold=0.5), answer(-52.2, "percent", "pct_change"), True),
        # a change of 0 is neither a rise nor a fall
        (Check("direction"), answer(0.0, "money", "pct_change"), False),
        # a gap in points: 32% to 19% is 13 points down, beyond -10
        (Check("gap_above", above=False, threshold=-10, unit="points"), answer(-13.0, "percentage_points",
                                                                                  "pp_difference"), True),
        (Check("gap_above", above=False, threshold=-10, unit="points"), answer(-13.0, "money", "difference"), None),
        # a percent change is no share
        (Check("share_above", threshold=50, unit="percent"), answer(13.3, "percent", "lookup", "percent change: 13.3%"),
         None),
        # one thing is a witness that some did, not that none did; a counter-example to each, not a proof of each
        (Check("direction", over="some"), answer(16.0, "percent", "pct_change"), True),
        (Check("direction", over="some"), answer(-15.2, "percent", "pct_change"), None),
        (Check("direction", above=False, over="each"), answer(-0.2, "percentage_points", "pp_difference"), None),
        (Check("direction", above=False, over="each"), answer(0.0, "percentage_points", "pp_difference"), False),
        # adjusted for inflation: a change worked out from the unadjusted figures does not decide it; a stated one does
        (Check("change_above", threshold=5, adjusted=True), answer(5.7, "percent", "pct_change"), None),
        (Check("change_above", threshold=5, adjusted=True), answer(1.2, "percent", "lookup", "percent change: 1.2%"),
         False),
    ],
)
def test_decide(check, got, verdict):
    assert decide(check, Plan(operation=Op.lookup), got, "q") is verdict


@pytest.mark.parametrize("text, verdict", [
    # the larger is divided by the smaller; the question asks the first named over the other: 10.6 / 31.3 = 0.339,
    # but the worked 3 (rounded) could be 2.95 to 3.05, either side of a third
    ("31.3 (Lakeshire) is 3 times 10.6 (Hillshire)", None),
    ("35 (Lakeshire) is 3.5 times 10 (Hillshire)", True),  # 1 / 3.5 = 0.29: less than a third
    ("10 (Hillshire) is 2.5 times 4 (Lakeshire)", False),  # 2.5 is not less than a third
])
def test_a_fraction_of_another_thing_is_the_first_named_over_the_other(text, verdict):
    value = float(text.split(" is ")[1].split(" times")[0])
    check = Check("ratio_above", above=False, threshold=1 / 3)
    plan = Plan(operation=Op.ratio, subjects=["Hillshire", "Lakeshire"])
    got = answer(value, "ratio", "ratio", text)
    assert decide(check, plan, got, "is hillshire's rate less than a third of the lakeshire rate?") is verdict


def test_a_fall_asked_is_worked_as_its_size():
    # "has it dropped by more than 10 points?": the answer states the fall, 13 points, earlier less later
    check = Check("gap_above", above=False, threshold=-10, unit="points")
    got = answer(13.0, "percentage_points", "pp_difference")
    assert decide(check, Plan(operation=Op.pp_difference), got, "has the share dropped by more than 10 points?") is True


SALES_TEXT = ("Cloud revenue rose 31% to $1.42bn. Hardware revenue fell 9% to $1.21bn, while services were down by "
              "about 4.5 per cent. Parts sales saw a 2% drop. Licence income was 12% higher.")


@pytest.mark.parametrize("quote, verdict", [
    ("31%", True),  # "rose 31%": up
    ("9%", False),  # "fell 9%": the stated 9 is a fall
    ("4.5 per cent", False),  # "down by about 4.5 per cent"
    ("2%", False),  # "a 2% drop"
    ("12%", True),  # "12% higher"
])
def test_a_stated_change_is_signed_by_its_words(quote, verdict):
    from qa.corpus.collection import Corpus
    from qa.model.records import Citation, Document

    corpus = Corpus([Document(id="d", title="Invented", published="2025-10-01", text=SALES_TEXT)], [])
    start = SALES_TEXT.index(quote)
    got = Answer(answer=f"x, percent change in revenue: {quote}", value=float(quote.split("%")[0].split(" ")[0]),
                 unit="percent", operation="lookup", citations=[Citation(doc_id="d", start=start,
                                                                          end=start + len(quote), quote=quote)])
    assert decide(Check("direction"), Plan(operation=Op.lookup), got, "did revenue go up?", corpus) is verdict


def test_a_multiple_from_a_ratio_is_the_later_over_the_earlier():
    from qa.corpus.collection import Corpus
    from qa.model.records import Calculation, Document, Figure

    text = "Rounds: 23 in 2023, 11 in 2024. Elsewhere 40 in 2024."

    def fig(i, subject, period, v):
        start = text.index(str(v))
        return Figure(id=i, doc_id="d", subject=subject, measure="rounds", period=period, value=v, unit="count",
                      quote=str(v), start=start, end=start + len(str(v)))

    corpus = Corpus([Document(id="d", title="Invented", published="2025-02-01", text=text)],
                    [fig("a", "Europe", "2023", 23), fig("b", "Europe", "2024", 11), fig("c", "Asia", "2024", 40)])

    def ratio_of(x, y, v):
        return Answer(answer="x", value=v, unit="ratio", operation="ratio",
                      calculation=Calculation(operation="ratio", expression="", result=v, unit="ratio", operands=[x, y]))

    halve = Check("multiple", above=False, threshold=0.5)  # "more than halve": 11 / 23 = 0.48
    assert decide(halve, Plan(operation=Op.ratio), ratio_of("a", "b", 2.1), "q", corpus) is True
    double = Check("multiple", threshold=2)  # 23 / 11 is the larger over the smaller, not growth: 0.48 times
    assert decide(double, Plan(operation=Op.ratio), ratio_of("a", "b", 2.1), "q", corpus) is False
    # two things' figures are no multiple of one thing
    assert decide(double, Plan(operation=Op.ratio), ratio_of("c", "a", 1.7), "q", corpus) is None


def test_a_fall_asked_as_a_direction_is_worked_as_its_size():
    # "did absence fall?": 7.6% less 7.4% is the size of the fall, 0.2 points: it fell
    got = answer(0.2, "percentage_points", "pp_difference")
    assert decide(Check("direction", above=False), Plan(operation=Op.pp_difference), got, "did absence fall?") is True
    # a percent change is always later against earlier
    got = answer(-3.8, "percent", "pct_change")
    assert decide(Check("direction", above=False), Plan(operation=Op.pct_change), got, "did parcels fall?") is True


@pytest.mark.parametrize("op, values, result, check, verdict", [
    # 31.3 / 10.6 = 2.953, shown as 3: Hillshire's 10.6 is 0.339 of Lakeshire's 31.3, not less than a third
    ("ratio", (31.3, 10.6), 3.0, Check("ratio_above", above=False, threshold=1 / 3), False),
    # 400 to 480.1 is +20.025%, shown as 20%: more than a fifth
    ("pct_change", (400, 480.1), 20.0, Check("change_above", threshold=20), True),
    # 400 to 479.9 is +19.975%, also shown as 20%: not more than a fifth
    ("pct_change", (400, 479.9), 20.0, Check("change_above", threshold=20), False),
    # a result that is not the working of the two figures (a number the question gave) stays in doubt
    ("ratio", (31.3, 10.0), 3.0, Check("ratio_above", above=False, threshold=1 / 3), None),
])
def test_a_worked_result_is_decided_before_its_rounding(op, values, result, check, verdict):
    from qa.corpus.collection import Corpus
    from qa.model.records import Calculation, Document, Figure

    text = f"Lakeshire {values[0]} and Hillshire {values[1]}."

    def fig(i, subject, v, period="2024"):
        start = text.index(str(v))
        return Figure(id=i, doc_id="d", subject=subject, measure="rate", period=period, value=v, unit="count",
                      quote=str(v), start=start, end=start + len(str(v)))

    # a percent change is of one thing's series (Hillshire's, 2023 to 2024); a ratio is of two things
    figs = ([fig("a", "Hillshire", values[0], "2023"), fig("b", "Hillshire", values[1])] if op == "pct_change" else
            [fig("a", "Lakeshire", values[0]), fig("b", "Hillshire", values[1])])
    corpus = Corpus([Document(id="d", title="Invented", published="2025-02-01", text=text)], figs)
    unit = "ratio" if op == "ratio" else "percent"
    words = f"{values[0]} (Lakeshire) is {result} times {values[1]} (Hillshire)" if op == "ratio" else "x"
    got = Answer(answer=words, value=result, unit=unit, operation=op,
                 calculation=Calculation(operation=op, expression="", result=result, unit=unit,
                                         operands=["b", "a"] if op == "pct_change" else ["a", "b"]))
    plan = Plan(operation=Op(op), subjects=["Hillshire", "Lakeshire"])
    question = "is hillshire's rate less than a third of the lakeshire rate?"
    assert decide(check, plan, got, question) is None  # without the figures, the rounded result is in doubt
    assert decide(check, plan, got, question, corpus) is verdict


@pytest.mark.parametrize("question, subjects, check", [
    ("was northshire the region with the most cases?", ["Northshire"], ("top", True, None)),
    ("is westvale actually the cheapest of the four towns?", ["Westvale"], ("top", False, "money")),
    ("is eastport the most expensive of the ports?", ["Eastport"], ("top", True, "money")),
    ("was hillshire the county with the fewest arrests?", ["Hillshire"], ("top", False, None)),
    # "one of the highest" is no claim to be the highest; "than" compares two things; an event is no state
    ("is northshire one of the most expensive?", ["Northshire"], None),
    ("is northshire the highest, higher than westvale?", ["Northshire", "Westvale"], "compare"),
    ("did northshire see the biggest fall?", ["Northshire"], ("direction", False, None)),
    # no named row: nothing to check against the rest
    ("was this the highest ever?", [], None),
])
def test_a_named_row_said_to_be_the_highest(question, subjects, check):
    from qa.understand.verdict import read_check

    got = read_check(question, subjects)
    if check == "compare":
        assert got is not None and got.kind == "compare"
    else:
        assert (None if got is None else (got.kind, got.above, got.unit)) == check


@pytest.mark.parametrize("named, low, chosen, verdict", [
    ("Westvale", True, "w", True),  # Westvale's 120 is the lowest: yes
    ("Northshire", True, "w", False),  # Northshire's 180 is not: no
    ("Eastport", False, "e", True),  # Eastport's 180 equals the highest (a tie): yes
    ("Southby", False, "n", None),  # a row not among those compared: undecided
])
def test_a_named_row_against_its_column(named, low, chosen, verdict):
    from qa.corpus.collection import Corpus
    from qa.model.records import Document, Figure

    text = "Northshire 180, Westvale 120, Eastport 180."

    def fig(i, subject, v):
        start = text.index(subject)
        return Figure(id=i, doc_id="d", subject=subject, measure="price", period="2024", value=v, unit="money",
                      quote=str(v), start=start, end=start + len(subject))

    figs = [fig("n", "Northshire", 180), fig("w", "Westvale", 120), fig("e", "Eastport", 180)]
    corpus = Corpus([Document(id="d", title="Invented", published="2025-02-01", text=text)], figs)
    plan = Plan(operation=Op.top, subjects=[named], groups=[["n"], ["w"], ["e"]], prefer_low=low)
    got = Answer(answer="The lowest: ...", operation="top", figures=[chosen])
    assert decide(Check("top", above=not low), plan, got, "q", corpus) is verdict
    assert decide(Check("top", above=not low), plan, got, "q") is None  # without the figures: undecided


def _table_corpus():
    """An invented table of arrivals by country (two years, a change column) and a sentence restating the total."""
    from qa.corpus.collection import Corpus
    from qa.model.records import Document, Figure

    rows = [("Northland", 100, 120, 20.0), ("Westmark", 200, 190, -5.0), ("Eastria", 50, 60, 20.0),
            ("Total", 350, 370, 5.7)]
    text = "Total arrivals rose to 370 from 350. " + " ".join(f"{n} {a} {b} {c}" for n, a, b, c in rows)
    figs, pos = [], 0

    def fig(i, subject, measure, period, v, unit):
        nonlocal pos
        start = text.index(str(v), pos)
        pos = start + 1
        return Figure(id=i, doc_id="d", subject=subject, measure=measure, period=period, value=v, unit=unit,
                      quote=str(v), start=start, end=start + len(str(v)))

    figs.append(fig("s2", "Total", "arrivals", "2024", 370, "count"))
    figs.append(fig("s1", "Total", "arrivals", "2023", 350, "count"))
    pos = text.index("Northland")
    for n, a, b, c in rows:
        figs += [fig(f"{n}23", n, "arrivals (by country)", "2023", a, "count"),
                 fig(f"{n}24", n, "arrivals (by country)", "2024", b, "count"),
                 fig(f"{n}ch", n, "percent change in arrivals", "2023/2024", c, "percent")]
    return Corpus([Document(id="d", title="Invented", published="2025-02-01", text=text)], figs)


@pytest.mark.parametrize("over, up, how, verdict", [
    ("each", True, "stated", False),  # Westmark's -5% is a counter-example to every country rising
    ("some", False, "stated", True),  # and a witness that some country fell
    ("some", False, "worked", True),  # Westmark's 200 to 190, worked from the table's two columns
    ("each", True, "worked", False),
    ("each", True, "sentence", False),  # the total stated in a sentence is a cell of the table's columns too
    ("some", False, "sentence", True),
])
def test_a_check_over_a_set_is_decided_by_every_row(over, up, how, verdict):
    from qa.model.records import Calculation

    corpus = _table_corpus()
    if how == "stated":
        got = Answer(answer="Total, percent change in arrivals: 5.7%", value=5.7, unit="percent", operation="lookup",
                     figures=["Totalch"])
    else:
        ids = ["Total23", "Total24"] if how == "worked" else ["s1", "s2"]
        got = Answer(answer="x", value=5.7, unit="percent", operation="pct_change", figures=ids,
                     calculation=Calculation(operation="pct_change", expression="", result=5.7, unit="percent",
                                             operands=ids))
    check = Check("direction", above=up, over=over)
    assert decide(check, Plan(operation=Op.pct_change), got, "q", corpus) is verdict
    assert decide(check, Plan(operation=Op.pct_change), got, "q") is None  # one row alone cannot say


def test_the_rows_that_decide_are_named():
    from qa.compose.verdict import rows_note

    got = Answer(answer="x", value=5.7, unit="percent", operation="lookup", figures=["Totalch"])
    corpus = _table_corpus()
    assert rows_note(Check("direction", above=True, over="each"), got, corpus) == "Westmark did not."
    assert rows_note(Check("direction", above=False, over="some"), got, corpus) == "Westmark fell."
    assert rows_note(Check("direction", above=True), got, corpus) == ""  # one thing's change needs no rows


@pytest.mark.parametrize("check, verdict", [
    (Check("value_above", threshold=110, unit="count", over="some"), True),  # Northland's 120 reaches it
    (Check("value_above", threshold=110, unit="count", over="each"), False),  # Eastria's 60 does not
    (Check("value_above", threshold=60, strict=False, unit="count", over="each"), True),  # 120, 190, 60, 370: at least 60
])
def test_a_threshold_over_a_set_is_decided_by_every_row(check, verdict):
    got = Answer(answer="x", value=190, unit="count", operation="lookup", figures=["Westmark24"])
    assert decide(check, Plan(operation=Op.lookup), got, "q", _table_corpus()) is verdict


@pytest.mark.parametrize("question, threshold, strict, unit", [
    ("has northland passed 40 million visitors a year?", 4e7, True, "count"),
    ("did any of the trusts reach the 76% target?", 76.0, False, "percent"),
    ("has the fare hit $5?", 5.0, False, "money"),
])
def test_threshold_verbs_before_an_amount(question, threshold, strict, unit):
    from qa.understand.verdict import read_check

    got = read_check(question, [])
    assert (got.kind, got.above, got.threshold, got.strict, got.unit) == ("value_above", True, threshold, strict, unit)


@pytest.mark.parametrize("question, amount, unit", [
    ("is northland's minimum wage $15 now?", 15.0, "money"),
    ("was the westmark rate 4.5%?", 4.5, "percent"),
    ("is the population of eastria 5 million?", 5e6, "count"),
])
def test_a_state_said_to_be_an_amount(question, amount, unit):
    from qa.understand.verdict import read_check

    got = read_check(question, [])
    assert (got.kind, got.threshold, got.unit) == ("value_is", amount, unit)


@pytest.mark.parametrize("value, unit, text, verdict", [
    (15.0, "money", "Northland, minimum wage: $15", True),
    (15.05, "money", "Northland, minimum wage: $15.05", True),  # within half a percent of $15
    (14.0, "money", "Northland, minimum wage: $14", None),  # another figure may be another thing's: no "no"
    (1.0, "money", "Northland, change in minimum wage: $1", None),  # a change is no level
    (15.0, "percent", "Northland, share: 15%", None),  # a percentage is no money amount
])
def test_an_amount_is_met_by_its_figure(value, unit, text, verdict):
    got = answer(value, unit, "lookup", text)
    assert decide(Check("value_is", threshold=15.0, unit="money"), Plan(operation=Op.lookup), got, "q") is verdict


@pytest.mark.parametrize("question, strict", [
    ("has northland got back to its 2019 visitor numbers?", False),
    ("are westmark's visits back to pre-pandemic levels yet?", False),
    ("is the rate back to normal?", None),  # no earlier time named: no check
])
def test_back_to_an_earlier_level(question, strict):
    from qa.understand.verdict import read_check

    got = read_check(question, [])
    assert (None if got is None else (got.kind, got.above, got.strict)) == (None if strict is None else
                                                                             ("direction", True, strict))


@pytest.mark.parametrize("change, verdict", [(0.0, True), (-12.7, False), (3.0, True)])
def test_back_to_is_met_when_level(change, verdict):
    got = answer(change, "percent", "pct_change")
    assert decide(Check("direction", strict=False), Plan(operation=Op.pct_change), got, "q") is verdict
