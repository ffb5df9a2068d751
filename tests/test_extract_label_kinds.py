"""Labels of text and table figures, kinds found by reading extraction against invented articles: a name that
opens a sentence, a change word used as a noun, periods said against another ("down 1.5 points on last year"),
quarters ("the March quarter", "the previous quarter") and what a caption-less table measures.

Every document here is invented for the test; each row says what a careful reader takes the figure to be.
"""

from __future__ import annotations

from datetime import date

import pytest

from qa.corpus.extract import extract
from qa.model.records import Document


def _figures(text: str, published: date):
    doc = Document(id="t", title=text.split("\n")[0], published=published, text=text)
    return extract(doc).figures


def _one(text: str, quote_part: str, published: date = date(2024, 4, 2)):
    figures = _figures(text, published)
    hits = [f for f in figures if quote_part in f.quote]
    assert len(hits) == 1, [(f.quote, f.subject, f.measure, f.period) for f in figures]
    return hits[0]


@pytest.mark.parametrize(
    "text, quote_part, subject",
    [
        # a one-word name opening a sentence is a name when the article writes it with a capital elsewhere
        ("Values rise in Eastvale and Northby\n\nHome values in Eastvale and Northby rose. Northby followed with a "
         "monthly rise of 1.3 per cent.", "1.3", "Northby"),
        ("Airports busier\n\nTraffic grew at Norrvik and Halden. Halden recorded the steepest rise, of 21 per cent, "
         "as routes reopened.", "21", "Halden"),
    ],
)
def test_a_name_opening_a_sentence(text, quote_part, subject):
    assert _one(text, quote_part).subject == subject


@pytest.mark.parametrize(
    "text, quote_part, measure_has, measure_lacks",
    [
        # "a monthly rise", "the steepest rise": a noun, so the words before it are no subject of a verb
        ("Values rise in Eastvale and Northby\n\nHome values in Eastvale and Northby rose. Northby followed with a "
         "monthly rise of 1.3 per cent.", "1.3", "percent change", "followed"),
        ("Airports busier\n\nTraffic grew at Norrvik and Halden. Halden recorded the steepest rise, of 21 per cent, "
         "as routes reopened.", "21", "percent change", "recorded"),
    ],
)
def test_a_change_word_after_a_determiner_is_a_noun(text, quote_part, measure_has, measure_lacks):
    f = _one(text, quote_part)
    assert measure_has in f.measure and measure_lacks not in f.measure and measure_lacks not in f.subject.lower()


# --- tables ------------------------------------------------------------------------------------------------------

def _table_figures(doc_text: str, name: str, title: str, published: date):
    from qa.text.documents import detect_format, read

    data = doc_text.encode()
    reading = read(data, name, detect_format(None, data, name.rsplit(".", 1)[1]))
    doc = Document(id="t", title=title, published=published, text=reading.text)
    return [f for f in extract(doc, reading.tables).figures if f.id.split("-")[-1].startswith("t")]


MONTH_ROWS_HTML = """<html><head><title>Northport busier</title></head><body><h1>Northport busier</h1>
<p>Traffic at the airport rose.</p>
<table><caption>Monthly passengers, Northport (thousands)</caption>
<thead><tr><th>Month</th><th>2023</th><th>2022</th></tr></thead>
<tbody><tr><td>January</td><td>820</td><td>610</td></tr><tr><td>Dec</td><td>1,010</td><td>930</td></tr></tbody>
</table></body></html>"""

MONTH_COLUMNS_HTML = """<html><head><title>Deaths ease</title></head><body><h1>Deaths ease</h1>
<p>Deaths in Ruritania eased.</p>
<table><caption>Monthly overdose deaths, Ruritania, 2023</caption>
<thead><tr><th></th><th>Jan</th><th>Feb</th></tr></thead>
<tbody><tr><th scope="row">Deaths</th><td>9,210</td><td>8,640</td></tr></tbody></table></body></html>"""

PERIOD_ROWS_TXT = """Approvals slide in Northshire

Published 2 May 2024

Dwelling approvals in Northshire fell again in March.

Dwelling approvals, Northshire

Month        Approvals    Monthly change (%)    Annual change (%)
Jan 2024        12,410        -2.1                 -6.0
Feb 2024        12,214        -1.6                 -4.4
Mar 2024        11,982        -1.9                 -3.7
"""

NO_PERIOD_TXT = """Fine particles fall in most cities

Published 10 June 2024

Average levels of fine particles fell in seven of the ten cities monitored last year, a report found.

Annual mean PM2.5 by city

City            Annual mean    Days above guideline
Kestrel Bay     14.2           96
Port Alden      11.8           71
"""


@pytest.mark.parametrize(
    "doc_text, name, published, quote, subject, measure, period",
    [
        # a month named alone takes its year from the other axis; the caption's place is whom
        (MONTH_ROWS_HTML, "a.html", date(2024, 2, 1), "820", "Northport", "monthly passengers", "2023-01"),
        (MONTH_ROWS_HTML, "a.html", date(2024, 2, 1), "930", "Northport", "monthly passengers", "2022-12"),
        # ... or from the caption; a row label that only repeats the caption's measure is not whom
        (MONTH_COLUMNS_HTML, "a.html", date(2024, 5, 1), "8,640", "Ruritania", "monthly overdose deaths", "2023-02"),
        # rows that are periods: the caption's place is whom, the column what; a change column spans its label's
        # month or year, ending in the row's
        (PERIOD_ROWS_TXT, "a.txt", date(2024, 5, 2), "12,214", "Northshire", "dwelling approvals",
         "2024-02"),
        (PERIOD_ROWS_TXT, "a.txt", date(2024, 5, 2), "-1.6", "Northshire", "percent change in dwelling approvals",
         "2024-01/2024-02"),
        (PERIOD_ROWS_TXT, "a.txt", date(2024, 5, 2), "-3.7", "Northshire", "percent change in dwelling approvals",
         "2023-03/2024-03"),
        # a table that names no period is of the period the article is about ("last year" in a 2024 article);
        # a column label the caption says more fully takes the caption's words
        (NO_PERIOD_TXT, "a.txt", date(2024, 6, 10), "14.2", "Kestrel Bay", "annual mean PM2.5", "2023"),
    ],
)
def test_table_cell_labels(doc_text, name, published, quote, subject, measure, period):
    figures = _table_figures(doc_text, name, doc_text.split("\n")[0], published)
    hits = [f for f in figures if f.quote == quote]
    assert len(hits) == 1, [(f.quote, f.subject, f.measure, f.period) for f in figures]
    assert (hits[0].subject, hits[0].measure, hits[0].period) == (subject, measure, period)


# --- periods said against another ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, published, quote_part, period",
    [
        # a change "on" a period runs from that period to the one the article is about
        ("Exam grades dip\n\nIn 2024, 21.8 per cent of entries in Northby got top grades, down 1.5 percentage points "
         "on last year.", date(2024, 8, 22), "1.5", "2023/2024"),
        ("Deaths rise in Northby\n\nIn 2023, Northby recorded 376 deaths. Deaths in Eastvale were up 42 percent on "
         "2022.", date(2024, 5, 15), "42", "2022/2023"),
        # "Compared with February last year" opening the sentence: the change is over the year to February
        ("Approvals slide\n\nApprovals fell 1.9 per cent in February to 12,958. Compared with February last year, "
         "total approvals were down 4.3 per cent.", date(2024, 4, 2), "4.3", "2023-02/2024-02"),
        # the period a comparison names belongs to the earlier value, not to the figure stated first
        ("Turnout falls\n\nSome 8,057 seats were contested in 2023. Average turnout was 32.0 per cent, down from "
         "33.1 per cent when the same seats were last contested in 2019.", date(2023, 5, 7), "32.0", "2023"),
    ],
)
def test_a_period_said_against_another(text, published, quote_part, period):
    assert _one(text, quote_part, published).period == period


@pytest.mark.parametrize(
    "text, quote_part, subject, measure",
    [
        # "X in <place> fell": the place is whom, the rest what
        ("Deaths ease\n\nDrug overdose deaths in Ruritania fell about 3 percent in 2023.", "3 percent", "Ruritania",
         "percent change in drug overdose deaths"),
        ("Approvals slide\n\nDwelling approvals in Northshire fell 1.9 per cent in March.", "1.9", "Northshire",
         "percent change in dwelling approvals"),
    ],
)
def test_a_place_in_the_subject_of_a_change(text, quote_part, subject, measure):
    f = _one(text, quote_part)
    assert (f.subject, f.measure) == (subject, measure)


SEASON_COLUMNS_MD = """# Absence falls in Northshire

Absence in Northshire schools fell.

**Absence rate by district (%)**

| District | Autumn 2022 | Autumn 2023 |
| --- | --- | --- |
| Eastwick | 7.4 | 6.6 |
"""


@pytest.mark.parametrize("quote, period", [("7.4", "2022-09/2022-11"), ("6.6", "2023-09/2023-11")])
def test_a_season_heading_a_column_is_read_as_prose_reads_it(quote, period):
    figures = _table_figures(SEASON_COLUMNS_MD, "a.md", "Absence falls in Northshire", date(2024, 3, 21))
    (f,) = [f for f in figures if f.quote == quote]
    assert f.period == period


@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        # the words before a sum that say who pays and when are not what the sum is; "a week" says per what
        ("Nursery bills climb\n\nParents in Northshire now pay almost £190 a week for a part-time nursery place.",
         "190", "part-time nursery place"),
        ("Rents rise\n\nTenants in Eastwick pay £1,276 a month for a studio flat.", "1,276", "studio flat"),
        # a past-tense verb before a sum still says what it is ("collected"), as it does for a count
        ("Rents rise\n\nLandlords collected £2.1bn in rent across Northshire in 2023.", "2.1bn",
         "landlords collected rent across Northshire"),
    ],
)
def test_the_measure_of_a_sum_is_no_verb(text, quote_part, measure):
    assert _one(text, quote_part).measure == measure


@pytest.mark.parametrize(
    "phrase, published, period, kind, months",
    [
        # an Australian quarter is named by its last month
        ("rents rose in the March quarter", date(2024, 4, 30), "2024-01/2024-03", "part", 0),
        ("the June quarter of 2023", date(2024, 4, 30), "2023-04/2023-06", "part", 0),
        ("March quarter 2024", date(2024, 4, 30), "2024-01/2024-03", "part", 0),
        # a quarter back, as a year or a month back is
        ("down from the previous quarter", date(2024, 4, 30), "", "back", 3),
        ("2% a quarter earlier", date(2024, 4, 30), "", "back", 3),
        ("quarter-on-quarter growth", date(2024, 4, 30), "", "back", 3),
        # the same span as the sentence's, in another year: resolved against the sentence
        ("the same quarter of 2023", date(2024, 4, 30), "2023", "samein", 0),
    ],
)
def test_quarters_and_same_periods_in_prose(phrase, published, period, kind, months):
    from qa.text.mentions import find_periods

    (p,) = find_periods(phrase, published)
    assert (p.period, p.kind, p.months) == (period, kind, months)


@pytest.mark.parametrize(
    "text, published, quote_part, period",
    [
        # "the same quarter of 2023" said of the March quarter 2024
        ("Rents rise\n\nThe rent index in Northshire increased 0.7 per cent in the March quarter, down from 2.1 per "
         "cent in the same quarter of 2023.", date(2024, 4, 30), "2.1", "2023-01/2023-03"),
        ("Harrow results\n\nRevenue was $3.55bn in the first nine months of 2024, compared with $3.31bn in the same "
         "period of 2023.", date(2024, 10, 24), "3.31bn", "2023-01/2023-09"),
        # a change "over the month" is monthly, though the sentence also speaks of the year
        ("Values rise\n\nIn March, Northby values were up 1.9 per cent over the month and 19.2 per cent over the "
         "year.", date(2024, 4, 2), "1.9", "2024-02/2024-03"),
        ("Values rise\n\nIn March, Northby values were up 1.9 per cent over the month and 19.2 per cent over the "
         "year.", date(2024, 4, 2), "19.2", "2023-03/2024-03"),
    ],
)
def test_periods_resolved_against_the_sentence(text, published, quote_part, period):
    assert _one(text, quote_part, published).period == period


@pytest.mark.parametrize(
    "text, quote_part, measure",
    [
        # a superlative ranks a figure by what it measures
        ("Absence falls\n\nThe North East had the highest overall absence rate, at 7.1 per cent, while London had "
         "the lowest at 5.8 per cent.", "7.1", "overall absence rate"),
        # ... and "the lowest" with no noun ranks by the measure said before
        ("Absence falls\n\nThe North East had the highest overall absence rate, at 7.1 per cent, while London had "
         "the lowest at 5.8 per cent.", "5.8", "overall absence rate"),
        ("Bills rise\n\nNorthby will have the highest typical bill, at £2,031.", "2,031", "typical bill"),
        ("Deaths fall\n\nEastvale again had the highest death rate, at 80.9 per 100,000 residents.", "80.9",
         "death rate"),
    ],
)
def test_the_measure_a_superlative_ranks(text, quote_part, measure):
    assert _one(text, quote_part).measure == measure


def test_a_rate_base_is_no_figure():
    figures = _figures("Deaths fall\n\nEastvale had the highest death rate, at 80.9 per 100,000 residents.",
                       date(2024, 5, 1))
    assert [f.value for f in figures] == [80.9]


@pytest.mark.parametrize(
    "text, quote_part, subject, measure",
    [
        # what a company said rose is the measure; the company (here the headline's) is whom
        ("Harrow Industrial posts higher profit\n\nHarrow Industrial said on Thursday that revenue rose 8 per cent to "
         "$1,240m in the three months to September.", "8 per cent", "Harrow Industrial", "percent change in revenue"),
        # the very thing a sum measures is not whom it is of
        ("Harrow Industrial posts higher profit\n\nOperating profit climbed to $186m from $161m a year earlier.",
         "186m", "Harrow Industrial", "operating profit"),
    ],
)
def test_what_a_sentence_reports_is_the_measure_not_whom(text, quote_part, subject, measure):
    f = _one(text, quote_part, date(2024, 10, 24))
    assert (f.subject, f.measure) == (subject, measure)


@pytest.mark.parametrize(
    "quote_part, period",
    [("2.5", "2024-01/2024-02"), ("4.3", "2023-02/2024-02")],
)
def test_a_change_said_of_a_month_moves_the_paragraph_there(quote_part, period):
    # the sentence opening the paragraph is about February, so the changes after it are February's
    text = ("Values rise\n\nHome values rose 0.6 per cent in March.\n\nDwelling approvals fell 1.9 per cent in February "
            "to 12,958. Approvals for private houses dropped 2.5 per cent. Compared with February last year, total "
            "approvals were down 4.3 per cent.")
    assert _one(text, quote_part, date(2024, 4, 2)).period == period


RESULTS_MD = """# Harrow Industrial posts higher third-quarter profit

Harrow Industrial said on Thursday that revenue rose 8 per cent to $1,240m in the three months to September.

| Division ($m) | Q3 2024 | Q3 2023 | Change (%) |
|---|---|---|---|
| Aerospace | 512 | 430 | 19.1 |
| Group total | 1,240 | 1,148 | 8.0 |
"""


@pytest.mark.parametrize("quote, measure", [("512", "revenue"), ("1,148", "revenue"), ("19.1", "percent change in revenue")])
def test_a_table_no_caption_names_takes_the_measure_the_prose_gives_its_cells(quote, measure):
    figures = _table_figures(RESULTS_MD, "a.md", "Harrow Industrial posts higher third-quarter profit",
                             date(2024, 10, 24))
    (f,) = [f for f in figures if f.quote == quote]
    assert f.measure == measure


CHANGE_COLUMNS_HTML = """<html><head><title>Airports recover</title></head><body><h1>Airports recover</h1>
<p>Traffic recovered in 2023.</p>
<table><caption>Passengers at Nordic airports</caption>
<thead><tr><th rowspan="2">Airport</th><th colspan="3">Passengers (m)</th></tr>
<tr><th>2019</th><th>2023</th><th>Change vs 2019 (%)</th></tr></thead>
<tbody><tr><td>Northport</td><td>12.4</td><td>11.9</td><td>-4.0</td></tr></tbody></table>
<table><caption>Bills by region</caption>
<thead><tr><th>Region</th><th>2022</th><th>2023</th><th>Change 2022-23 (%)</th></tr></thead>
<tbody><tr><td>Eastwick</td><td>100</td><td>110</td><td>10.0</td></tr></tbody></table></body></html>"""


@pytest.mark.parametrize("quote, period", [("-4.0", "2019/2023"), ("10.0", "2022/2023")])
def test_a_change_column_naming_a_period_spans_the_value_columns(quote, period):
    figures = _table_figures(CHANGE_COLUMNS_HTML, "a.html", "Airports recover", date(2024, 2, 1))
    (f,) = [f for f in figures if f.quote == quote]
    assert f.period == period


def test_a_fraction_of_a_figure_is_no_share_of_what_it_counts():
    text = ("Loans\n\nBig banks approved 13.6% of loan requests in December, below the 15.3% they approved a year "
            "earlier, and about half the 28.3% recorded in January 2020.")
    f = _one(text, "half", date(2024, 1, 23))
    assert f.measure == "proportion of the level it is compared with"
    assert _one(text, "13.6", date(2024, 1, 23)).measure == "share of loan requests"
