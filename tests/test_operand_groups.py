"""Which figures may make up one calculation's operands: the names a total adds are those that share one measure and
period (a name with no figure of it is no row to add), and the operands of one calculation come from one document."""

from __future__ import annotations

import pytest
from made_figures import figure_in

from qa.corpus.collection import Corpus
from qa.model.records import Document, Op, Plan, Unit
from qa.understand.candidates import across_documents
from qa.understand.link import CorpusTerms
from qa.understand.plans import PLANNERS, Context, each_named
from qa.understand.query import read_question

SPEND = ("Visitor spending by state, 2023: Northland $150.4bn, Southland $124.2bn, Eastland $91.5bn and Westland "
         "$78.3bn. Visitors made 12 million trips.")


def _spend() -> CorpusTerms:
    rows = [("N", "Northland", "$150.4bn", 150.4e9), ("S", "Southland", "$124.2bn", 124.2e9),
            ("E", "Eastland", "$91.5bn", 91.5e9), ("W", "Westland", "$78.3bn", 78.3e9)]
    figs = [figure_in(SPEND, "s", i, place, "spending", "2023", v, Unit.money, q) for i, place, q, v in rows]
    figs.append(figure_in(SPEND, "s", "trips", "Visitors", "trips", "2023", 12e6, Unit.count, "12 million"))
    return CorpusTerms(Corpus([Document(id="s", title="Invented", published="2024-03-01", text=SPEND)], figs))


@pytest.mark.parametrize(("question", "expected"), [
    # "visitors" names a row of its own (trips, a count): it is no fourth place to add the spending of
    ("Combined, how much did visitors spend in Northland, Southland, Eastland and Westland?", ["N", "S", "E", "W"]),
    ("Combined, how much did visitors spend in Northland and Westland?", ["N", "W"]),
    ("What did Northland, Southland and Eastland spend between them?", ["N", "S", "E"]),
])
def test_a_total_adds_the_names_that_share_a_measure(question, expected):
    known = _spend()
    r = read_question(known, question, 2024)
    group = each_named(Context(known=known, sims={}, doc_year=2024), r, Unit.money)
    assert group is not None
    assert [f.id for f in group] == expected


LETTINGS = "Homes let in 2024: Northport 1,200, Southport 900 and Eastholm 300."
MUSEUMS = "Museum visits in 2024: Northport 2,000 and Southport 500. Westbury's galleries drew 700 visitors."


def _two_articles() -> CorpusTerms:
    figs = [figure_in(LETTINGS, "lets", "lN", "Northport", "homes let", "2024", 1200, Unit.count, "1,200"),
            figure_in(LETTINGS, "lets", "lS", "Southport", "homes let", "2024", 900, Unit.count, "900"),
            figure_in(LETTINGS, "lets", "lE", "Eastholm", "homes let", "2024", 300, Unit.count, "300"),
            figure_in(MUSEUMS, "museums", "mN", "Northport", "museum visits", "2024", 2000, Unit.count, "2,000"),
            figure_in(MUSEUMS, "museums", "mS", "Southport", "museum visits", "2024", 500, Unit.count, "500"),
            figure_in(MUSEUMS, "museums", "mW", "Westbury", "galleries drew visitors", "2024", 700, Unit.count, "700")]
    docs = [Document(id="lets", title="Lettings", published="2024-03-01", text=LETTINGS),
            Document(id="museums", title="Museums", published="2024-03-01", text=MUSEUMS)]
    return CorpusTerms(Corpus(docs, figs))


@pytest.mark.parametrize(("question", "op", "expected"), [
    ("How many more homes were let in Northport than Southport?", Op.difference, [["lN"], ["lS"]]),
    ("How many times more museum visits in Northport than in Southport?", Op.ratio, [["mN"], ["mS"]]),
    # Westbury is in the museums article only, under a label of its own: Northport's best figure is of the lettings
    # article (the first in the corpus), so it is read again within the museums article, the one that gives both
    ("How much bigger was Northport than Westbury in 2024?", Op.difference, [["mN"], ["mW"]]),
    ("Northport is how many times Westbury?", Op.ratio, [["mN"], ["mW"]]),
])
def test_the_two_operands_come_from_one_article(question, op, expected):
    known = _two_articles()
    r = read_question(known, question, 2024)
    r.operation = op
    plan = PLANNERS[op](Context(known=known, sims={}, doc_year=2024), Plan(operation=op), r)
    assert plan.operation is op
    assert plan.groups == expected


@pytest.mark.parametrize(("op", "ids", "expected"), [
    (Op.difference, [["lN"], ["mS"]], True),  # homes let less museum visits, of two articles
    (Op.difference, [["lN"], ["lS"]], False),
    (Op.sum, [["mN", "mS"]], False),
    (Op.lookup, [["lN"]], False),
])
def test_a_calculation_over_two_articles_is_no_candidate(op, ids, expected):
    plan = Plan(operation=op, groups=ids, figure_ids=[i for g in ids for i in g])
    assert across_documents(plan, _two_articles()) is expected


@pytest.mark.parametrize(("ids", "named", "expected"), [
    # Eastholm is in the lettings article only and Westbury in the museums article only: the question names both
    ([["lE"], ["mW"]], ["Eastholm", "Westbury"], False),
    ([["lE"], ["mW"]], ["Westbury", "Eastholm"], False),
    # Northport and Southport are in both articles: naming them names neither article
    ([["lN"], ["mS"]], ["Northport", "Southport"], True),
    # one article named, the other not
    ([["lE"], ["mW"]], ["Eastholm"], True),
    ([["lE"], ["mW"]], [], True),
    # a name of both articles beside one of one article names only that one
    ([["lN"], ["mW"]], ["Northport", "Westbury"], True),
])
def test_a_calculation_over_two_articles_the_question_names_is_a_candidate(ids, named, expected):
    plan = Plan(operation=Op.difference, groups=ids, figure_ids=[i for g in ids for i in g])
    assert across_documents(plan, _two_articles(), named) is expected


PRICES = ("Retail prices per kilo in October 2024: Redfruit 190 pesos, Bluefruit 380 pesos. Redfruit had 60 stalls and "
          "Bluefruit 40 stalls. Ticket sales were 500 in 2019 and 400 in 2023. The Bluefruit growers' association "
          "took 9,500,000 pesos in levies.")


def _prices() -> CorpusTerms:
    figs = [figure_in(PRICES, "p", "red", "Redfruit", "price per kilo", "2024-10", 190, Unit.money, "190 pesos"),
            figure_in(PRICES, "p", "blue", "Bluefruit", "price per kilo", "2024-10", 380, Unit.money, "380 pesos"),
            figure_in(PRICES, "p", "redS", "Redfruit", "stalls", "2024-10", 60, Unit.count, "60 stalls"),
            figure_in(PRICES, "p", "blueS", "Bluefruit", "stalls", "2024-10", 40, Unit.count, "40 stalls"),
            figure_in(PRICES, "p", "t19", "Market", "ticket sales", "2019", 500, Unit.count, "500"),
            figure_in(PRICES, "p", "t23", "Market", "ticket sales", "2023", 400, Unit.count, "400"),
            figure_in(PRICES, "p", "lev", "Bluefruit", "levies", "2024-10", 9.5e6, Unit.money, "9,500,000 pesos")]
    return CorpusTerms(Corpus([Document(id="p", title="Invented", published="2024-11-01", text=PRICES)], figs))


@pytest.mark.parametrize(("question", "expected"), [
    # the whole is the thing named right after "percentage of"; 190 / 380 = 50%, 380 / 190 = 200%
    ("A kilo of Redfruit costs what percentage of the Bluefruit price per kilo?", [["red"], ["blue"]]),
    ("Bluefruit's price per kilo as a % of Redfruit's?", [["blue"], ["red"]]),
    ("What percentage of the Bluefruit price per kilo is the Redfruit price?", [["red"], ["blue"]]),
    # two years: 400 / 500 = 80%
    ("What percentage of its 2019 ticket sales did the market sell in 2023?", [["t23"], ["t19"]]),
])
def test_a_share_of_another_figure_of_its_kind(question, expected):
    from qa.understand.plans import plan_peer_share

    known = _prices()
    r = read_question(known, question, 2024)
    plan = plan_peer_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r)
    assert plan is not None and plan.operation is Op.percentage_of
    assert plan.groups == expected


@pytest.mark.parametrize("question", [
    "What share of stalls were Redfruit's?",  # one place named: a part of a whole, not a peer
    "How much more is a kilo of Bluefruit than Redfruit?",  # no "percentage of": no share asked
])
def test_no_share_of_a_peer_when_none_is_asked(question):
    from qa.understand.plans import plan_peer_share

    known = _prices()
    r = read_question(known, question, 2024)
    assert plan_peer_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r) is None


STARTS = "Homes started in Northshire: 64,200 in January to October 2024, against 74,600 in the same months of 2023."


def test_a_span_of_months_in_one_year_against_the_same_months_of_another():
    from qa.understand.plans import split

    figs = [figure_in(STARTS, "h", "s24", "Northshire", "homes started", "2024-01/2024-10", 64200, Unit.count, "64,200"),
            figure_in(STARTS, "h", "s23", "Northshire", "homes started", "2023-01/2023-10", 74600, Unit.count, "74,600")]
    known = CorpusTerms(Corpus([Document(id="h", title="Invented", published="2024-11-01", text=STARTS)], figs))
    ctx = Context(known=known, sims={}, doc_year=2024)
    r = read_question(known, "How many fewer homes were started in Northshire in Jan-Oct 2024 than in the same "
                             "months of 2023?", 2024)
    halves = split(ctx, r)
    assert halves is not None
    # each half is one year's January to October, not January against October
    assert [(h.years, h.months) for h in halves] == [([2023], ["2023-01", "2023-10"]), ([2024], ["2024-01", "2024-10"])]
    r.operation = Op.difference
    plan = PLANNERS[Op.difference](ctx, Plan(operation=Op.difference), r)
    assert sorted(plan.groups) == [["s23"], ["s24"]]


@pytest.mark.parametrize(("a", "b", "expected"), [
    (190, 380, True),
    (8_420e6, 1.87, False),  # a company's revenue beside its earnings per share
    (100, 10_000, True),  # a hundred times: still one kind of amount
    (100, 10_001, False),
    (0, 5e9, True),  # a zero is like any size
])
def test_two_amounts_of_a_kind_are_alike_in_size(a, b, expected):
    from qa.understand.plans import like_values

    assert like_values(a, b) is expected


@pytest.mark.parametrize("question", [
    "What percentage of the market's stalls were Redfruit's?",  # one place named: a part of a whole
])
def test_a_part_of_a_whole_is_no_share_of_a_peer(question):
    from qa.understand.plans import plan_peer_share

    known = _prices()
    r = read_question(known, question, 2024)
    assert plan_peer_share(Context(known=known, sims={}, doc_year=2024), Plan(operation=Op.share), r) is None
