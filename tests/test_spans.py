"""The span of a passage that answers a question: what the passage says beyond the question's own words.

Passages and expected spans are written by hand; each expected span is a substring chosen by reading the sentence."""

from __future__ import annotations

import pytest

from qa.compose.spans import answer_span
from qa.model.records import Passage


def _span(question: str, text: str) -> str | None:
    got = answer_span(question, Passage(doc_id="d", start=0, end=len(text), text=text))
    return None if got is None else text[got[0]:got[1]]


@pytest.mark.parametrize("question, text, expected", [
    # what X consists of: the words after "consists primarily of"
    ("What does other income consist of?",
     "Other income consists primarily of rental receipts and interest on deposits.",
     "rental receipts and interest on deposits"),
    # how X is defined: after "defined as"
    ("How are field offices defined?",
     "Field offices are defined as sites with fewer than ten permanent staff.",
     "sites with fewer than ten permanent staff"),
    # what X is: after the verb that links them, with the clause's end (a ", while ..." is another clause)
    ("What are reserve funds?",
     "Reserve funds are balances held against future repairs, while working funds cover day-to-day costs.",
     "balances held against future repairs"),
    # what the company relies on: the stretch between the question's words
    ("What does the council rely on to set its budget?",
     "The council relies on population forecasts from the statistics office to set its budget.",
     "population forecasts from the statistics office"),
    # a purpose is the answer to "why" when no reason word follows
    ("Why are the contracts signed with several suppliers?",
     "Where practical, the contracts are signed with several suppliers to spread supply risk.",
     "to spread supply risk"),
    # what X relates to: the "to" goes with "relate"
    ("What do the higher transport costs relate to?",
     "The higher transport costs primarily relate to longer delivery routes and fuel prices.",
     "longer delivery routes and fuel prices"),
    # "How is X stated?": what follows the verb
    ("How are buildings stated in the accounts?",
     "Buildings are stated at cost, net of accumulated depreciation.",
     "at cost, net of accumulated depreciation"),
])
def test_the_words_beyond_the_question(question, text, expected):
    assert _span(question, text) == expected


@pytest.mark.parametrize("question, text, expected", [
    # the thing asked about runs on past the question's words ("liability") to the verb that says what it is
    ("What do supplier creditors consist of?",
     "Supplier creditors' liability is comprised of cash collected from partners to cover their repairs.",
     "cash collected from partners to cover their repairs"),
    ("What does the plan charge consist of?",
     "The plan charge balance consists of unpaid fees for closed sites.",
     "unpaid fees for closed sites"),
    # with no such verb within two words the words after the question's are the answer (less a leading article)
    ("What did the company complete in the second quarter?",
     "In the second quarter the company completed the sale of its video unit.",
     "sale of its video unit"),
])
def test_a_head_noun_after_the_question_words_is_passed(question, text, expected):
    assert _span(question, text) == expected


@pytest.mark.parametrize("question, text, expected", [
    # "why" keeps the reason word; the whole reason runs on past commas and "and"
    ("Why did gross margin fall in 2019?",
     "In 2019, gross margin fell by 40 basis points mainly due to lower prices and higher freight, partly offset "
     "by savings.",
     "mainly due to lower prices and higher freight, partly offset by savings"),
    # "what was the reason for ..." wants the reason itself
    ("What was the primary reason for the rise in operating income?",
     "Operating income rose $12 million primarily due to sales of the new service.",
     "sales of the new service"),
    # a cross-reference in brackets at the end is not part of the reason
    ("Why did cash from operations decrease?",
     "Cash from operations decreased because of a tax payment (see Liquidity below).",
     "because of a tax payment"),
    # "as of" is a date, not a reason
    ("Why did the reserve grow?",
     "As of March 2020, the reserve grew as claims took longer to settle.",
     "as claims took longer to settle"),
])
def test_a_reason_from_its_reason_word(question, text, expected):
    assert _span(question, text) == expected


@pytest.mark.parametrize("question, text", [
    # a yes/no question is answered by the whole statement
    ("Did the firm have any dilutive shares in 2019?", "The firm had no dilutive shares in 2019 because it made a loss."),
    # nothing beyond the question's words: no span, the passage is quoted whole
    ("What is the cost of sales?", "The cost of sales."),
])
def test_no_span_when_the_whole_answers(question, text):
    assert _span(question, text) is None


def test_a_possessed_attribute_the_passage_never_names_is_not_a_remainder():
    # "rank" is what is asked; the sentence never says it, so the words after the name are not the answer
    text = "Deputy Chief Constable Ann Price, lead for roads policing at the council, said the figures were stark."
    got = _span("What is Ann Price's rank?", text)
    assert got is None or "Deputy Chief Constable" in got


@pytest.mark.parametrize("text, spans", [
    ("In the final three months of the year, renewables provided 51.5% of generation.",
     ["the final three months of the year"]),                       # a part of a year, as the figures' reader knows it
    ("The fires on Maui in August 2023 cut spending, as in winter 2021-22.", ["August 2023", "winter 2021-22"]),
    ("Spending fell last year, a year earlier than forecast.", []),   # relative to the dateline: not a when by itself
    # a day of a month names a date without its year; two joined as a range are one answer
    ("The count is taken on one night between 1 October and 30 November each year.", ["1 October and 30 November"]),
    ("Ballots closed on May 4, 2023, a week late.", ["May 4, 2023"]),
    # a run of days of one month is one date
    ("The poll was carried out by Brightline between 3 and 9 March, among 2,100 adults.", ["3 and 9 March"]),
    ("Fieldwork 3-9 March 2024.", ["3-9 March 2024"]),
    # a month without its year answers when the passage gives no fuller date; "may" the verb is no month
    ("The scheme is due to expire at the end of September.", ["the end of September"]),
    ("Councils may bid again after the fires in August.", ["August"]),
    ("The fires in August 2023 followed a dry June.", ["August 2023"]),  # a fuller date is preferred
])
def test_when_is_answered_by_any_period_written_in_the_passage(text, spans):
    from qa.compose.spans import when_spans

    assert [text[a:b] for a, b in when_spans(text)] == spans


@pytest.mark.parametrize("question, text", [
    ("What was the amount of accrued penalties as of December 31, 2019?",
     "As of December 31, 2019 and 2018, the Company had no accrued penalties related to tax positions."),
    ("How much interest expense was recognized on the notes in 2019?",
     "The Company recognized no interest expense on the notes in 2019, as they were repaid early."),
    ("What was the balance of unrecognized tax benefits at December 31, 2019?",
     "At December 31, 2019, the Company had no unrecognized tax benefits that would affect its effective tax rate."),
])
def test_a_statement_that_there_was_none_is_quoted_whole(question, text):
    assert _span(question, text) is None


@pytest.mark.parametrize("question, text, expected", [
    # "the <act> of <doing>": what the act is, up to the dash that names it
    ("What does the offence known as fly-tipping cover?",
     "The offence of dumping household waste on land without a licence – so-called fly-tipping – carries a fine.",
     "dumping household waste on land without a licence"),
    # "makes it an offence to": what follows "to"
    ("What does the new law actually prohibit?",
     "The new law makes it an offence to sell energy drinks to under-16s, and came into force in 2018.",
     "sell energy drinks to under-16s"),
    # "covers": what follows, without the figure the sentence also states
    ("What does the scheme cover?",
     "The scheme covers repairs to roofs and boilers; it cost £3m in 2022.",
     "repairs to roofs and boilers"),
    ("How is a long-term vacancy defined?",
     "A long-term vacancy is defined as a home left empty for more than six months.",
     "a home left empty for more than six months"),
])
def test_a_definition_is_the_clause_that_says_what_is_covered(question, text, expected):
    assert _span(question, text) == expected


@pytest.mark.parametrize("question, text, expected", [
    # the method the figures came from, not what they showed
    ("How was the data obtained?",
     "Figures from 40 councils which responded to a Freedom of Information request showed waiting lists grew.",
     "a Freedom of Information request"),
    ("How were the figures gathered?",
     "According to a survey of 2,000 adults by the charity, one in five skip meals.",
     "a survey of 2,000 adults by the charity"),
    ("Where did the numbers come from?",
     "The numbers, obtained through a parliamentary question, show a rise of 12%.",
     "a parliamentary question"),
])
def test_a_method_is_the_phrase_naming_it(question, text, expected):
    assert _span(question, text) == expected


@pytest.mark.parametrize("question, asks", [
    ("What does the offence cover?", True),
    ("What exactly is the new rule - what does the law actually prohibit?", True),
    ("How is a long-term vacancy defined?", True),
    ("What is the number of homes the scheme covered?", False),  # a quantity, answered by a figure
    ("What share of claims did the policy cover?", False),
    ("When did the law come into force?", False),
])
def test_a_definition_question_is_told_from_a_quantity_question(question, asks):
    from qa.text.definitions import asks_definition
    assert asks_definition(question) is asks


@pytest.mark.parametrize("question, text, expected", [
    # "what was it extended to cover?": after "to include", up to the participle clause that says how it came about
    ("and what was it extended to cover later?",
     "The rule was extended in 2020 to include disposable vapes, following a campaign by parents.",
     "disposable vapes"),
])
def test_what_something_was_extended_to_cover(question, text, expected):
    assert _span(question, text) == expected


@pytest.mark.parametrize("question, text, expected", [
    # the year the question gives is not the one asked for
    ("The 2021 tally was the highest since which year?",
     "Some 412 homes were repossessed in 2021, the highest annual tally since 2016.", "since 2016"),
    ("What's the deadline for late entries?",
     "Pupils have until 12 June to send a late entry this year, the board said.", "12 June"),  # a date asked by noun
    ("When was the 90% target last met?",
     "Only 71% were seen on time, far below the 90% target, which was last met in March 2014.", "March 2014"),
])
def test_when_is_a_date_the_question_does_not_give(question, text, expected):
    assert _span(question, text) == expected


@pytest.mark.parametrize("question", [
    "When was the last time the Greens were the largest party?",
    "The 2021 tally was the highest since which year?",
    "Since when has the tally been this high?",
])
def test_the_date_of_an_event_is_asked_of_a_passage(question):
    from qa.understand.reader import LAST_TIME, SINCE_ASKED
    assert LAST_TIME.search(question) or SINCE_ASKED.search(question)


@pytest.mark.parametrize("question", [
    "In which year did the tally peak?",      # the peak of a series: the figures say
    "When did rents rise fastest?",
])
def test_a_peak_is_not_the_date_of_an_event(question):
    from qa.understand.reader import LAST_TIME, SINCE_ASKED
    assert not (LAST_TIME.search(question) or SINCE_ASKED.search(question))


@pytest.mark.parametrize("question, text, expected", [
    ("When was the last time the Greens were the largest party?",
     "The Greens became the largest party on the council for the first time since 1998.", "since 1998"),
])
def test_the_last_time_is_the_year_the_passage_gives(question, text, expected):
    assert _span(question, text) == expected


@pytest.mark.parametrize("question, text, expected", [
    # "what time period": the period written in the passage, a range as one answer
    ("What time period does the survey cover?",
     "The survey asked 900 tenants about repairs between March 2019 and the end of 2022, the council said.",
     "between March 2019 and the end of 2022"),
    ("Over what period were the 4,100 complaints made?",
     "Some 4,100 complaints were made between 2016 and 2020.", "between 2016 and 2020"),
])
def test_a_period_asked_is_the_period_written(question, text, expected):
    assert _span(question, text) == expected


@pytest.mark.parametrize("question, asks", [
    ("When is the fund due to end?", True),
    ("By when should every home be connected?", True),
    ("Until when does the freeze last?", True),
    ("what date did the alert level go up?", True),
    ("How many homes were connected by 2030?", False),
    ("Which region saw the biggest rise?", False),
])
def test_questions_asking_when(question, asks):
    from qa.text.dateline import WHEN_ASKED

    assert bool(WHEN_ASKED.search(question)) is asks


@pytest.mark.parametrize("month, published, ahead, year", [
    ("September", "2024-05-22", True, 2024),    # due at the end of September, said in May: this September
    ("March", "2024-05-22", True, 2025),        # due in March, said in May: next March
    ("August", "2024-04-17", False, 2023),      # happened in August, said in April: last August
    ("April", "2024-04-17", False, 2024),       # the dateline's own month
])
def test_a_month_without_its_year_is_placed_by_the_dateline(month, published, ahead, year):
    from datetime import date

    from qa.text.dateline import year_of_month

    assert year_of_month(month, date.fromisoformat(published), ahead) == year


@pytest.mark.parametrize("text, question, said", [
    # the dateline states the year the month falls in: it is said, with the dateline cited
    ("FUND TO END\n\nPublished: 22 May 2024\n\nThe fund is due to expire at the end of September.",
     "When is the fund due to end?", "September 2024, by the article's date (22 May 2024)"),
    # the month falls in another year than the dateline states: no year is worked out, the dateline places it
    ("By Ann Lee | April 17, 2024\n\nSpending slipped after fires in August.",
     "When did the fires happen?", "the August before the article's date (April 17, 2024)"),
])
def test_a_month_answer_is_placed_by_the_stated_dateline(text, question, said):
    from datetime import date

    from qa.compose.answer import compose
    from qa.compose.grounding import ungrounded_numbers
    from qa.corpus.collection import Corpus
    from qa.model.records import Document, Op, Plan

    doc = Document(id="d", title="t", published=date.fromisoformat("2024-05-22" if "May" in text else "2024-04-17"),
                   text=text)
    start = text.rindex("\n") + 1
    passage = Passage(doc_id="d", start=start, end=len(text), text=text[start:])
    got = compose(Corpus([doc], []), Plan(operation=Op.text, resolved_question=question, passage=passage))
    assert said in got.answer
    assert ungrounded_numbers(got, question) == []


@pytest.mark.parametrize("question, text, expected", [
    # a name the question gives in part is not the answer: the other name is
    ("Which party does Tom Ashby belong to?",
     "The Green Party group leader, Councillor Tom Ashby, said the cuts went too far.", "Green Party"),
    # "which" before any noun asks for a name the passage gives
    ("which charity is Ada Brink the director of?",
     "Ada Brink said the Lantern Foundation would appeal.", "Lantern Foundation"),
    # the organisation the question describes in its own words is given; the person is asked for
    ("who chairs the harbour users group?",
     "Not everyone agreed. Nia Cole, who chairs the Westbay Harbour Users Group, called for a cap.",
     "Nia Cole, who chairs the Westbay Harbour Users Group"),
])
def test_a_name_asked_for_is_one_the_question_does_not_give(question, text, expected):
    assert _span(question, text) == expected


@pytest.mark.parametrize("question, quoted", [
    ("By when does the trust face a £12.5m gap?", [12_500_000]),   # the amount with its scale
    ("what share of the 4.2 million visitors came by rail?", [4_200_000]),
    ("is 300k a fair estimate?", [300_000]),
    ("if 300 of 900 were dropped, what share is that?", [300, 900]),  # no scale: the numbers as written
    ("was the gap 1.5 percentage points?", [1.5]),
])
def test_a_quoted_amount_keeps_its_scale(question, quoted):
    from qa.understand.query import quoted_numbers

    assert quoted_numbers(question.lower(), question.lower())[0] == quoted
