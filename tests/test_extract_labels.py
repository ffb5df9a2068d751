"""Labels of text figures (issue 14, "Text figures keep their labels"): which numbers are figures at all, who a
figure is about when its sentence lists several places or names who published it, what it measures when the
number stands bare, and its period when the text writes a financial year or looks ahead.

Sentences written for these tests about invented places and bodies; each row says what a careful reader takes
the number to be.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document


def _figures(text: str, published: date = date(2023, 11, 20)) -> list:
    doc = Document(id="t", title=text.split("\n")[0], published=published, text=text)
    return extract(doc).figures


def _one(text: str, quote_part: str, published: date = date(2023, 11, 20)):
    hits = [f for f in _figures(text, published) if quote_part in f.quote]
    assert len(hits) == 1, [(f.quote, f.subject, f.measure, f.period) for f in _figures(text, published)]
    return hits[0]


@pytest.mark.parametrize(
    "text, value",
    [
        # a person's age
        ("Wait times\n\n\"I spoke to a woman who is 78 and waits alone,\" he said.", 78),
        ("Crime\n\nHer son was stabbed to death aged 17, she said.", 17),
        ("Loans\n\nJo Marsh, 52, who owns a bakery in Eastwick, was turned down.", 52),
        ("Care\n\nI spoke last week to a 74-year-old in Eastwick.", 74),
        ("Jobs\n\n\"I'm 29 and employers compete for me,\" said a supervisor.", 29),
        # a phone number, written in groups or dialled
        ("Bills\n\nHouseholds can call the helpline on 0808 223 1133.", 808),
        ("Bills\n\nHouseholds can call the helpline on 0808 223 1133.", 223),
        ("Bills\n\nHouseholds can call the helpline on 0808 223 1133.", 1133),
        ("Care\n\nPatients with questions should call NHS 111.", 111),
        ("Travel\n\nMedia inquiries can be directed to 202-555-0148.", 202),
        # a programme's or footnote's marker
        ("Loans\n\nThe agency guaranteed 5,120 loans through its 7(a) programme.", 7),
    ],
)
def test_not_a_figure(text, value):
    assert value not in [f.value for f in _figures(text)]


@pytest.mark.parametrize(
    "text, quote_part",
    [
        ("Loans\n\nJo Marsh, 52, who owns a bakery, said 40% of her loans were refused.", "40%"),
        ("Care\n\nSome 1,200 patients aged over 65 waited a year.", "1,200"),
        ("Bills\n\nThe helpline took 223,000 calls last year.", "223,000"),
    ],
)
def test_a_figure_beside_an_age_or_a_phone_word_stays(text, quote_part):
    assert _one(text, quote_part)


@pytest.mark.parametrize(
    "text, quote_part, subject",
    [
        # a list of "name at number" pairs: the name in the number's own part of the sentence
        ("Travel\n\nNorthshire came second at $24.2 billion, followed by Eastmoor at $11.5 billion and "
         "West Fell at $8.3 billion.", "24.2", "Northshire"),
        ("Travel\n\nNorthshire came second at $24.2 billion, followed by Eastmoor at $11.5 billion and "
         "West Fell at $8.3 billion.", "11.5", "Eastmoor"),
        ("Travel\n\nNorthshire came second at $24.2 billion, followed by Eastmoor at $11.5 billion and "
         "West Fell at $8.3 billion.", "8.3", "West Fell"),
        # who publishes the figures is not what they are about
        ("Crime in Northshire\n\nThe Northshire Statistics Office said 4,120 offences were recorded.", "4,120",
         "Northshire"),
        ("Roads in Northshire\n\nThe Office for Road Data (ORD) said 312 people died. The ORD added that 40 of "
         "them were cyclists.", "40", "Northshire"),
        # a possessive in another clause owns something there; it is not the figure's subject
        ("Energy in Northshire\n\nBills are £1,277 a year, far above the level before Ruritania's invasion.",
         "1,277", "Northshire"),
        # a country written short is one name, and the article's area when nothing else is named (a headline in
        # title case names nothing by its capitals)
        ("Employers Add Jobs as Wage Growth Cools\n\nWASHINGTON — U.S. employers added 236,000 jobs in "
         "September.\n\nThe unemployment rate held at 3.8 percent.", "3.8", "United States"),
        ("Deaths on the roads\n\nThe number of people killed on Britain's roads rose to 1,711 last year.",
         "1,711", "Great Britain"),
    ],
)
def test_subject(text, quote_part, subject):
    assert _one(text, quote_part).subject == subject


@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        # a rate completing a verb is that rate, not a share of something
        ("Jobs\n\nThe jobless rate held at 4.2 percent in May.", "4.2", "jobless rate"),
        ("Rates\n\nThe central bank has kept interest rates at 5.25 per cent.", "5.25", "interest rates"),
        # the rate it moved from is the same rate
        ("Jobs\n\nThe jobless rate for young workers rose to 9.1 percent from 8.7 percent in April.", "8.7",
         "jobless rate for young workers"),
        # a bare sum is another of the sum before it: in a list, and the value a change started from
        ("Debt\n\nThe debt tenants owe to landlords has climbed to £41m, up from £32m a year earlier.", "£32m",
         "debt tenants owe to landlords"),
    ],
)
def test_measure(text, quote_part, measure):
    assert _one(text, quote_part).measure == measure


@pytest.mark.parametrize(
    "text, published, quote_part, period",
    [
        # a year written with the next one short is a financial year
        ("Funding\n\nThe council gave £55.5m in 2024/25.", date(2024, 4, 2), "55.5", "2024-04/2025-03"),
        # a date ahead of the dateline is not the period the article's other figures are about
        ("Bills\n\nBills will rise from 1 January.\n\nSome 1.1 million households are in arrears.",
         date(2023, 11, 23), "1.1 million", "2023"),
    ],
)
def test_period(text, published, quote_part, period):
    assert _one(text, quote_part, published).period == period


def test_a_bare_sum_in_a_list_measures_what_the_sum_before_it_does():
    text = "Travel\n\nVisitors spent $24.2 billion on hotels last year, followed by Eastmoor at $11.5 billion."
    first, second = _one(text, "24.2"), _one(text, "11.5")
    assert "hotels" in first.measure
    assert second.measure == first.measure


# Kinds of issue 14 fixed in its third round: seasons and fiscal years, a part of the year counted in months, a
# change's measure from its own clause, a sum named by its verb, composition, relative clauses, a level reached
# past a change. Each row is what a careful reader takes the number to be.
@pytest.mark.parametrize(
    "text, published, quote_part, period",
    [
        # a season with its years: winter runs October to March (the vocabulary's seasons)
        ("Bills\n\nBills are far above the £1,150 households paid in winter 2020-21.", date(2023, 11, 23),
         "1,150", "2020-10/2021-03"),
        # "last winter" in November is the winter that ended that spring; "this winter" the one now
        ("Bills\n\nLast winter the council spent £12.5m on heating grants.", date(2023, 11, 23), "12.5",
         "2022-10/2023-03"),
        ("Bills\n\nAbout 40,000 homes would be cold this winter, the charity said.", date(2023, 11, 23), "40,000",
         "2023-10/2024-03"),
        ("Parks\n\nThe parks drew 2.4 million visits in the summer of 2022.", date(2023, 11, 23), "2.4 million",
         "2022-06/2022-08"),
        # a US fiscal year ends in September: the area's fiscal year (places.json)
        ("Loans\n\nU.S. lenders made 41,200 farm loans in fiscal 2022, the agency said.", date(2023, 1, 9),
         "41,200", "2021-10/2022-09"),
        ("Loans\n\nU.S. lenders made 38,900 farm loans in FY2021.", date(2023, 1, 9), "38,900",
         "2020-10/2021-09"),
        # a part of the year counted in any number of months
        ("Tourism\n\nVisits to Eastmoor fell by 21% in the last four months of the year.", date(2024, 2, 1), "21%",
         "2023-09/2023-12"),
        # "since" a month runs to the dateline's month (the present perfect: up to now)
        ("Rates\n\nThe bank has raised its rate nine times since March 2022.", date(2023, 10, 6), "nine",
         "2022-03/2023-10"),
    ],
)
def test_period_kinds(text, published, quote_part, period):
    assert _one(text, quote_part, published).period == period


@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        # a change's measure is what changed in its own clause, not the sentence's first subject
        ("Roads\n\nDeaths among riders dropped to 41 from 52, and the number seriously injured fell by 4.5 per "
         "cent to 1,056.", "4.5", "percent change in number seriously injured"),
        # a name before the verb says who, not what changed: the thing counted before it is what changed
        ("Crime\n\nNorthshire Police recorded 1,400 thefts.\n\nEastmoor recorded a 6.1 per cent fall, and "
         "Westdale was down 2.2 per cent.", "2.2", "percent change in thefts recorded"),
        # a sum that is a spending verb's object is spending
        ("Travel\n\nVisitors spent a record $4.4 billion on hotels last year.", "4.4", "spending on hotels"),
        ("Pay\n\nA typical nurse earned $1,020.50 a week.", "1,020.50", "earnings week"),
        # a change stated on the way does not hide the verb whose level the number is
        ("Pay\n\nAverage weekly pay for cleaners rose 10 pence, or 0.2 per cent, to £410.30 last month.", "410.30",
         "average weekly pay for cleaners"),
        # 'added' right before a count is what the count did
        ("Jobs\n\nFactories added 12,000 jobs in May.", "12,000", "jobs added"),
        # a percentage followed by a relative clause is a value of the share before it
        ("Loans\n\nSmall lenders approved 18.2% of requests.\n\nThat was below the 19.5% they approved a year "
         "earlier.", "19.5", "share of requests"),
    ],
)
def test_measure_kinds(text, quote_part, measure):
    assert _one(text, quote_part).measure == measure


@pytest.mark.parametrize(
    "text, quote_part",
    [
        # "made up a fifth of" is a share of a whole, not a rise
        ("Roads\n\nRiders, who account for 2 per cent of traffic, made up a fifth of all road deaths.", "a fifth"),
        # "or 0.2 per cent" restating a rise is the rise
        ("Pay\n\nAverage pay rose 10 pence, or 0.2 per cent, to £410.30.", "0.2 per cent"),
    ],
)
def test_change_or_not(text, quote_part):
    f = _one(text, quote_part)
    assert f.measure.startswith("percent change") == ("or 0.2" in text)


def test_an_event_after_a_sum_is_neither_its_measure_nor_its_period():
    text = ("Tourism\n\nEastmoor saw visitor spending slip 2.1% to $3.7 billion from $3.8 billion after storms "
            "hit the coast in August.")
    f = _one(text, "3.8")
    assert "storms" not in f.measure and "August" not in f.quote
    assert f.period != "2023-08"


@pytest.mark.parametrize("text, quotes", [
    # the headline's 7% is told again in the body: the body's sentence is the figure (it says of whom)
    ("Burglary rises 7% as Eastwick sees sharpest increase\n\nBurglaries in Northshire rose 7% last year, "
     "police figures show.", ["7% last year"]),
    # a headline figure the body does not repeat stays
    ("Burglary rises 9% in Eastwick\n\nPolice recorded 4,100 burglaries in Northshire last year.", ["9%", "4,100"]),
])
def test_a_headline_figure_the_body_repeats_is_the_bodys(text, quotes):
    got = [f.quote for f in _figures(text)]
    assert all(any(q in g for g in got) for q in quotes) and len(got) == len(quotes), got


# Kinds of issue 14 fixed in its fourth round (subjects): who a figure is about when its sentence's grammatical
# subject is the thing counted, a quantity, a group of the whole or an event's place. Invented places and bodies.
@pytest.mark.parametrize(
    "text, quote_part, subject",
    [
        # the thing counted is the measure, not of whom: the subject carries from the sentence before
        ("Roads in Britain\n\nThe number of people killed on Britain's roads rose by 10 per cent last year, to 1,711. "
         "Deaths were up from 1,558 in 2021.", "1,558", "Great Britain"),
        # a quantity ("the total") is not who a figure is about
        ("Waiting lists in England\n\nThe list in England fell to 7.58 million. The total was down from 7.61 million "
         "in December.", "7.61", "England"),
        # the group a measure is for
        ("Pay\n\nAverage hourly earnings for dock workers rose 10 cents, or 0.3 percent, to $31.20 last month.",
         "31.20", "Dock workers"),
        # a count of a group opening its clause, and the value it is compared with, are that group's
        ("Roads in Britain\n\nSome 385 pedestrians were killed, up from 361.", "385", "Pedestrians"),
        ("Roads in Britain\n\nSome 385 pedestrians were killed, up from 361.", "361", "Pedestrians"),
        # everyone is not a group: the place
        ("Roads in Britain\n\nIn total, 29,956 people were killed or seriously injured on Britain's roads.", "29,956",
         "Great Britain"),
        # the start of a comparison is of the same subject as the figure it is compared with
        ("Loans\n\nMutual lenders, such as building societies, approved 25.6% of requests, edging up from 25.5%.",
         "25.5", "Mutual lenders"),
        # a place in an event told after the figure is not its subject; a known place may open the sentence
        ("Tourism in Texas\n\nArizona was one of only three states to see a decline, with visitor spending slipping "
         "1.9% to $20.7 billion after storms devastated Tucson in August.", "20.7", "Arizona"),
        # a unit written after a number is no name, nor is another clause's subject
        ("Power in the UK\n\nRenewable generation edged up just 0.7%, while total generation in the UK fell by 12% to "
         "286.0 TWh as imports from Eastland rose.", "286.0", "UK"),
        # a dateline is where the story was written; a group spending across the country is the country's
        ("Tourists spent record sums across US states\n\nDENVER — Visitors spent a record $1.29 trillion on travel "
         "across the country last year, up 5.7% from $1.22 trillion in 2022.", "1.22", "United States"),
        # a country's people are the country (places.json areas)
        ("Jobs\n\nThe share of Americans working or looking for work was unchanged at 62.8 percent.", "62.8",
         "United States"),
    ],
)
def test_subject_kinds(text, quote_part, subject):
    assert _one(text, quote_part).subject == subject


# A name that only describes the noun after it is a service, exam or scheme, not whom the figure is about; a place,
# a plural name or a name with the group it counts still is; so is a name after "at" with a quantity after it.
@pytest.mark.parametrize(
    "text, quote_part, subject",
    [
        ("Clinic visits in Wales\n\nAlmost 1.8 million people visited XYZ clinics in March.", "1.8", "Wales"),
        ("Rail delays in Scotland\n\nPassengers were paid £12.4m in Fast Refund compensation during the quarter.",
         "12.4", "Scotland"),
        # a service's initials in the headline: the country the body names is the subject
        ("QRS waits improve in March\n\nThe number of patients who waited more than 12 hours fell to 40,120.\n\n"
         "The data cover all hospitals in England.", "40,120", "England"),
        # a lone capital is a grade, not a name
        ("Exam results in Wales\n\nThe pass rate, entries graded 4/C or above, fell to 61.2 per cent.", "61.2",
         "Wales"),
        # kept: a name with the group it is of
        ("Jobs in America\n\nThe jobless rate for Black workers rose to 5.7 percent in September.", "5.7", "Black"),
        ("Trusts in England\n\nLast month at Eastwick Healthcare Trust little more than half of patients were seen "
         "within four hours.", "half", "Eastwick Healthcare Trust"),
        # the rest of a change with its numbers taken out is no subject: the figure compared is the sentence's
        ("Exams in Northshire\n\nAcross Northshire, 21.8 per cent of entries were graded top, down from 22.0 per "
         "cent last year but still higher than the 20.8 per cent recorded in 2019.", "20.8", "Northshire"),
    ],
)
def test_a_describing_name_is_not_the_subject(text, quote_part, subject):
    assert _one(text, quote_part).subject == subject


# A group written right after a figure is whose it is, over a place named earlier in the sentence; a span of
# time after "for" is not a group.
@pytest.mark.parametrize(
    "text, quote_part, subject",
    [
        ("Exams in Wales\n\nIn Wales girls did better, with 31.2 per cent of girls' entries graded top against 25.4 "
         "per cent for boys.", "31.2", "Girls"),
        ("Exams in Wales\n\nIn Wales girls did better, with 31.2 per cent of girls' entries graded top against 25.4 "
         "per cent for boys.", "25.4", "Boys"),
        ("Rents in Scotland\n\nIn Scotland arrears reached 6.1% among tenants, up from 5.0% a year earlier.", "6.1",
         "Tenants"),
        ("Rents in Scotland\n\nIn Scotland arrears reached 6.1% among tenants, up from 5.0% a year earlier.", "5.0",
         "Tenants"),
        ("Trains in Scotland\n\nIn Scotland the line was shut for 9 days.", "9", "Scotland"),
    ],
)
def test_a_group_after_a_figure_is_its_subject(text, quote_part, subject):
    assert _one(text, quote_part).subject == subject


# A figure in a list after the first is of the member written before it, not of the first figure's subject.
@pytest.mark.parametrize(
    "text, quote_part, subject",
    [
        ("Jobs in Wales\n\nConstruction led the rise with 8,200 jobs, followed by retail with 5,100 and social care "
         "with 3,900.", "5,100", "Retail"),
        ("Jobs in Wales\n\nConstruction led the rise with 8,200 jobs, followed by retail with 5,100 and social care "
         "with 3,900.", "3,900", "Social care"),
        # a quantity is no member
        ("Prices in Wales\n\nFood prices rose 4.1%, and the average at 3.9%.", "3.9", "Wales"),
    ],
)
def test_a_list_member_is_its_figure_subject(text, quote_part, subject):
    assert _one(text, quote_part).subject == subject


# A name after a figure that heads a figure of its own ("and the Y Group 9") is that figure's; a party that
# "controls" or "runs" a count is its subject.
@pytest.mark.parametrize(
    "quote_part, subject",
    [("14", "Plaid"), ("5", "Plaid"), ("9", "Independent Group"), ("3", "Independent Group")],
)
def test_a_name_heading_its_own_figure_is_not_the_one_befores(quote_part, subject):
    text = "Council control in Wales\n\nPlaid controls 14, after gaining 5, and the Independent Group 9, up 3."
    assert next(f for f in _figures(text) if f.quote.split()[0] == quote_part).subject == subject


# A phrase setting the scene before a comma ("Taken together,", "Once you ...,") is not the clause's subject, and
# who is quoted ('said Jo Bloggs, an economist') is the source, not whom the figure is about.
@pytest.mark.parametrize(
    "text, quote_part, subject",
    [
        ("Jobs in Wales\n\nTaken together, small firms accounted for 41% of new jobs.", "41", "Small firms"),
        # "those households" are the ones told before: of the subject before
        ("Homes in Wales\n\nThe number of households in temporary homes in Wales rose to 8,300. Those households "
         "included 12,050 children.", "12,050", "Wales"),
        # a quantity opening the clause ("Some 1.2 million exam entries were made") is not who a later figure is of
        ("Exams in Wales\n\nSome 1.2 million exam entries were made in total, almost 2 per cent more than a year "
         "earlier.", "2 per cent", "Wales"),
        # what counted is a source (the vocabulary's source words), not whom it counted
        ("Homelessness in Wales\n\nThe yearly census, taken by councils on one night, counted 1,204 people sleeping "
         "rough.", "1,204", "Wales"),
        ("Jobs in Wales\n\n\"Once you strip out prices, wages grew only 1.2%,\" said Jo Bloggs, an economist at "
         "Eastwick University.", "1.2", "Wales"),
    ],
)
def test_a_scene_setting_phrase_or_a_speaker_is_not_the_subject(text, quote_part, subject):
    assert _one(text, quote_part).subject == subject


def test_a_list_members_subject_is_not_lent_to_the_next_sentence():
    text = ("Jobs in Wales\n\nIn Wales, building firms added 8,200 jobs, followed by retail with 5,100 and social care "
            "with 3,900. Pay rose 4.1% in the year.")
    assert _one(text, "4.1").subject == "Wales"


# The service or exam a headline opens with ("XYZ waits lengthen") is what the article's figures measure, unless
# the figure's sentence names another one, or the figure is a span of time.
@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        ("XYZ waits lengthen in March\n\nIn England, 70.2% of patients were seen within four hours.", "70.2",
         "share of XYZ patients seen within"),
        ("XYZ waits lengthen in March\n\nIn England, 70.2% of patients were seen within four hours.", "four hours",
         "hours"),
        ("XYZ top grades dip\n\nThe results follow the QRS-level results, when 27.1 per cent of entries in Wales were "
         "graded top.", "27.1", "share of entries in Wales graded top"),
        # a name describing a noun after the figure is a comparison, not another service's figures
        ("XYZ top grades dip\n\nIn Scotland, 37.1 per cent of entries were graded top, double the Welsh rate.",
         "37.1", "share of XYZ entries graded top"),
    ],
)
def test_the_headlines_service_is_in_the_measure(text, quote_part, measure):
    assert _one(text, quote_part).measure == measure


# Periods against the dateline: a period a figure is compared with is not what the article is about; a sentence
# with no figures can say which span the figures after it cover; a price said of a year to a month is that month's.
@pytest.mark.parametrize(
    "text, published, quote_part, period",
    [
        # the first period the body names is the one 41.0% is compared with: the article is about its own year
        ("Pass rates slip\n\nAcross Northshire, 40.5 per cent of entries passed, down from 41.0 per cent last year."
         "\n\nSome 12,000 pupils sat the exam.", date(2024, 8, 20), "12,000", "2024"),
        ("Pass rates slip\n\nAcross Northshire, 40.5 per cent of entries passed, down from 41.0 per cent last year.",
         date(2024, 8, 20), "40.5", "2024"),
        ("Bus use recovers\n\nRiders made 310 million journeys, more than the 290 million recorded in 2019.",
         date(2023, 5, 10), "310 million", "2023"),
        # a figureless sentence frames the paragraph after it
        ("Visa grants fall\n\nNet arrivals fell to 600,000 in the year to December 2023.\n\nSeparate figures, covering the year to March 2024, showed sharp falls.\n\n"
         "Study visas fell to 40,000, from 52,000 in the previous year.", date(2024, 5, 23), "40,000",
         "2023-04/2024-03"),
        ("Visa grants fall\n\nNet arrivals fell to 600,000 in the year to December 2023.\n\nSeparate figures, covering the year to March 2024, showed sharp falls.\n\n"
         "Study visas fell to 40,000, from 52,000 in the previous year.", date(2024, 5, 23), "52,000",
         "2022-04/2023-03"),
        # an average price in a year to April is April's; a year earlier is the April before; a total stays a span
        ("Rents climb\n\nRents in Northshire rose by 8 per cent in the 12 months to April 2024.\n\n"
         "The average monthly rent reached £1,100, compared with £1,020 a year earlier.", date(2024, 5, 22),
         "£1,100", "2024-04"),
        ("Rents climb\n\nRents in Northshire rose by 8 per cent in the 12 months to April 2024.\n\n"
         "The average monthly rent reached £1,100, compared with £1,020 a year earlier.", date(2024, 5, 22),
         "£1,020", "2023-04"),
        ("Rents climb\n\nHouseholds spent £4bn on rent in the year to March 2024.", date(2024, 5, 22), "£4bn",
         "2023-04/2024-03"),
        # "3% more than a year earlier" is a change from the year before to the article's year
        ("Entries rise\n\nSome 5.9 million entries were made, almost 3 per cent more than a year earlier.",
         date(2024, 8, 22), "3 per cent", "2023/2024"),
    ],
)
def test_period_against_the_dateline(text, published, quote_part, period):
    assert _one(text, quote_part, published).period == period


# What a number counts stops where what the counted thing does begins.
@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        ("Councils\n\nA survey of 204 councils found that most lacked places.", "204", "councils"),
        ("Nursery costs\n\nA family using 50 hours would face a bill of £300.", "50", "hours"),
        ("Trains\n\nJust 64 per cent of trains reached each station on time.", "64", "share of trains"),
        ("Power\n\nNuclear supplied 14.2% as ageing reactors spent long periods offline.", "14.2", "share of"),
        # a passive participle after "being" still describes
        ("Cases\n\nThey recorded 630 cases despite a suspect being found.", "630",
         "cases despite a suspect being found recorded"),
        # a subject too long to be a measure keeps what is counted, before where it is counted
        ("Visas\n\nVisas granted to main applicants on the route for care workers dropped to 89,500 last year.",
         "89,500", "visas granted to main applicants"),
    ],
)
def test_measure_stops_at_another_verb(text, quote_part, measure):
    assert _one(text, quote_part).measure == measure


# A figure that continues a list, or that points back ("the figure"), is the same kind of figure as the one before.
@pytest.mark.parametrize(
    "text, first, other, change",
    [
        ("Rents\n\nIn Northshire the average was £1,300 a month, against £950 in Southshire and £760 in Westshire.",
         "£1,300", "£950", False),
        ("Rents\n\nIn Northshire the average was £1,300 a month, against £950 in Southshire and £760 in Westshire.",
         "£1,300", "£760", False),
        ("Rents\n\nRents rose 9.3 per cent over the year in Northshire and 8.6 per cent in Southshire.", "9.3", "8.6",
         True),
        ("Costs\n\nNorthshire recorded the steepest increase, of 6.5 per cent, followed by Southshire at 5.1 per cent.",
         "6.5", "5.1", True),
        ("Places\n\nIn Northshire, 52 per cent of councils had enough places. In Southshire the figure was 41 per cent.",
         "52", "41", False),
        ("Power\n\nWind provided 30.1% of generation in 2023. Nuclear's share was 14.2%.", "30.1", "14.2", False),
    ],
)
def test_a_listed_or_referring_figure_is_the_same_kind(text, first, other, change):
    a, b = _one(text, first), _one(text, other)
    assert b.measure == a.measure
    assert b.measure.startswith("percent change") is change
    assert "figure" not in b.measure and "share of Southshire" != b.measure


@pytest.mark.parametrize(
    "text, quote_part",
    [
        ("Bills\n\nIn Northshire families saw bills climb by 4.8 per cent last year.", "4.8"),
        ("Spending\n\nVisitor spending slipping 1.9% to $20bn hurt the islands.", "1.9%"),
        ("Entries\n\nSome 5.9 million entries were made, almost 3 per cent more than a year earlier.", "3 per cent"),
        ("Costs\n\nNorthshire recorded the steepest increase, of 6.5 per cent.", "6.5"),
    ],
)
def test_more_ways_to_write_a_change(text, quote_part):
    assert _one(text, quote_part).measure.startswith("percent change")


# A place named right after a number ("23.4 per cent in Eastwick") is whose the figure is, and no part of what it
# measures; months joined by "and" name no one; a qualifier on a place ("outside the capital") leaves the place.
@pytest.mark.parametrize(
    "text, quote_part, subject, measure",
    [
        ("Voting\n\nTurnout was 23.4 per cent in Eastwick and 43.9 per cent in Fell Valley.", "23.4", "Eastwick",
         "turnout"),
        ("Voting\n\nTurnout was 23.4 per cent in Eastwick and 43.9 per cent in Fell Valley.", "43.9", "Fell Valley",
         "turnout"),
        ("Voting\n\nAverage turnout was 31 per cent. It ranged from 23.4 per cent in Eastwick to 43.9 per cent in "
         "Fell Valley.", "43.9", "Fell Valley", "average turnout"),
        ("Rents\n\nThe average rent was £1,300 in Northshire, compared with £950 for Southshire.", "£950",
         "Southshire", "average rent"),
        ("Rents\n\nRents rose 9.3 per cent in Northshire last year and 8.6 per cent in Southshire.", "8.6",
         "Southshire", "percent change in rents"),
        ("Rough sleeping\n\nOutside the capital, Northshire recorded 68 people sleeping rough.", "68", "Northshire",
         "people sleeping rough recorded"),
        ("Rough sleeping\n\nNorthshire outside the capital saw 68 people sleeping rough.", "68", "Northshire",
         "people sleeping rough"),
    ],
)
def test_a_place_after_a_number_is_its_subject(text, quote_part, subject, measure):
    figure = _one(text, quote_part)
    assert (figure.subject, figure.measure) == (subject, measure)


@pytest.mark.parametrize(
    "text, quote_part, not_subject, measure_word",
    [
        # a name that describes the noun after it is what is paid, not whose
        ("Rail\n\nPassengers were paid £38.6m in Northway Rail compensation during the quarter.", "38.6",
         "", "Northway"),
        # a span of months is when, not who
        ("Rail in Westland\n\nJust 64.1 per cent of trains ran on time between October and December.", "64.1",
         "October and December", "trains"),
    ],
)
def test_a_name_that_is_no_subject(text, quote_part, not_subject, measure_word):
    figure = _one(text, quote_part)
    assert figure.subject != not_subject and measure_word in figure.measure


def test_a_range_is_not_a_comparison_with_an_earlier_period():
    text = ("Voting\n\nAverage turnout was 31 per cent in 2023. It ranged from 23.4 per cent in Eastwick to 43.9 per "
            "cent in Fell Valley.")
    assert _one(text, "23.4").period == _one(text, "43.9").period == "2023"
