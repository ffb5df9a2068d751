"""A table's row label named in other words: every word of it in another form or cut short ("farming forestry and
fishery", "stats" for Statistics), or its head before the first comma or "and" when no other row has it ("farming" for
Farming, forestry and fisheries); not a head two rows share, not the first of names joined ("Northmere and Eastwick"),
not a word of a name read from prose. And a row of a table is no scope of another subject's one-off measure. Labels,
places and numbers are invented."""

from __future__ import annotations

import pytest
from made_figures import figure_in, known_of

from qa.model.records import Unit
from qa.understand.link import asked_form
from qa.understand.query import read_question

COURSES = ("Trainee enrolments by field, 2023 and 2024: Farming, forestry and fisheries 1,210 and 1,340; "
           "Arts, media and publishing 2,050 and 1,980; Transport and logistics 3,400 and 3,610; Statistics 520 and "
           "575; Health sciences 4,100 and 4,420; Health, care and wellbeing 6,010 and 6,300; Northmere and Eastwick "
           "880 and 910; All fields 18,170 and 19,135. Separately, the Port, harbour and docks scheme took 95 trainees.")

ROWS = [("farm", "Farming, forestry and fisheries", "1,210", "1,340"),
        ("arts", "Arts, media and publishing", "2,050", "1,980"),
        ("trans", "Transport and logistics", "3,400", "3,610"),
        ("stat", "Statistics", "520", "575"),
        ("hsci", "Health sciences", "4,100", "4,420"),
        ("hcare", "Health, care and wellbeing", "6,010", "6,300"),
        ("ne", "Northmere and Eastwick", "880", "910"),
        ("all", "All fields", "18,170", "19,135")]


def _courses():
    figs = []
    for key, label, q23, q24 in ROWS:
        for year, quote in (("2023", q23), ("2024", q24)):
            figs.append(figure_in(COURSES, "c", f"{key}{year}", label, "trainee enrolments", year,
                                  float(quote.replace(",", "")), Unit.count, quote))
    figs.append(figure_in(COURSES, "c", "port", "Port, harbour and docks", "trainees taken", "2024", 95, Unit.count,
                          "95"))
    return known_of(COURSES, "c", figs, published="2025-02-01")


@pytest.mark.parametrize(("question", "subjects"), [
    # the head of a long label, no other row's
    ("How many trainees enrolled in farming in 2024?", ["Farming, forestry and fisheries"]),
    ("how many arts enrolments were there in 2023", ["Arts, media and publishing"]),
    ("What was the change in transport enrolments?", ["Transport and logistics"]),
    # every word of the label in another form, or cut short
    ("How many farming forestry and fishery trainees enrolled in 2024?", ["Farming, forestry and fisheries"]),
    ("how many stats enrolments in 2024", ["Statistics"]),
    ("Trans and logistics enrolments in 2024?", ["Transport and logistics"]),
    # two rows by their heads, compared
    ("How many more transport than farming enrolments were there in 2024?",
     ["Transport and logistics", "Farming, forestry and fisheries"]),
    # a head two rows share names neither
    ("How many health enrolments were there in 2024?", []),
    # names joined are not called by the first of them
    ("How many enrolled in Northmere in 2024?", []),
    # a word of a label that is not its head, and a name read from prose, are no row named
    ("How many publishing enrolments were there in 2024?", []),
    ("How many trainees did the port scheme take?", []),
])
def test_a_row_is_read_from_its_label_in_other_words(question, subjects):
    assert read_question(_courses(), question, 2025).subjects == subjects


@pytest.mark.parametrize(("asked", "word", "alone", "expected"), [
    ("admin", "administration", False, True),  # cut short
    ("maths", "mathematics", True, True),  # cut short, with a plural s
    ("fishery", "fisheries", False, True),  # another form
    ("stat", "statistics", True, True),
    ("statistic", "statistics", True, False),  # a one-word label is asked cut short only, not by its singular
    ("mat", "mathematics", True, False),  # three letters are too few to cut a word to
    ("care", "career", False, False),  # a short word beginning a longer one, more than half of it
])
def test_a_question_word_writes_a_label_word_cut_short(asked, word, alone, expected):
    assert asked_form(asked, word, alone=alone) is expected


WAITING = ("Patients waiting, thousands: North Vale 410 and Southmoor 380 and Eastmarsh 295. Nationally the list "
           "grew 4%, with a rise in the North Vale list the largest.")


def _waiting():
    figs = [figure_in(WAITING, "w", f"r{i}", name, "patients waiting", "2024", v, Unit.count, q)
            for i, (name, q, v) in enumerate([("North Vale", "410", 410e3), ("Southmoor", "380", 380e3),
                                               ("Eastmarsh", "295", 295e3)])]
    figs.append(figure_in(WAITING, "w", "n", "Freedonia", "percent change in the north vale list", "2024", 4,
                          Unit.percent, "4%"))
    return known_of(WAITING, "w", figs, published="2024-06-01")


def test_a_row_is_no_scope_of_a_measure_one_other_subject_has():
    # "north vale" is every word of Freedonia's one-off measure, read from a sentence: the row is still asked
    r = read_question(_waiting(), "What share of Freedonia's waiting list is in North Vale?", 2024)
    assert "North Vale" in r.subjects
