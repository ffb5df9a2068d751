"""The audit on figures read by ingest, whose labels can be wrong: it must not call an article wrong because of
how its figures were read. Each case is a small invented document with its figures as ingest could label them;
the expected status is worked out by hand from the text.

Kinds:
- a change stated as a size ("changed by 17.5 per cent", "a 17.5 per cent change") whose direction only the
  figures give: checked as a size;
- a rounded operand ("$1.2bn", "4.3 million"): any amount that rounds to it;
- one number read twice (a headline's "almost 2.2 million" and the table's 2,171,654): not a part of itself, and
  not both ends of a change;
- figures a misread label pairs although they are tenfold or more apart: not checked, said so;
- two values of one period: not a change over time.
And the kinds that must still be caught: a wrong direction word, a percentage a little off, a total that
does not add up (the planted errors of tests/test_audit.py stay caught there too).
"""

from __future__ import annotations

import pytest

from qa.check.report import check_document
from qa.model.records import Figure, Qualifier, Unit


def _doc(text: str, rows: list[tuple]) -> list[Figure]:
    """rows: (id, subject, measure, period, value, unit, qualifier, quote); quote located in text."""
    out = []
    for fid, subject, measure, period, value, unit, qualifier, quote in rows:
        start = text.index(quote)
        out.append(Figure(id=fid, doc_id="d", subject=subject, measure=measure, period=period, value=value,
                          unit=Unit(unit), qualifier=Qualifier(qualifier), quote=quote, start=start,
                          end=start + len(quote)))
    return out


CASES = [
    (  # a size only: 40 -> 33 is a 17.5% change, and the text does not say which way
        "unsigned_change",
        "Dirty-air days in Lowtown saw a 17.5 per cent change: the count was 40 in 2023 and 33 in 2024.",
        [("c", "Lowtown", "percent change in dirty-air days", "2023/2024", 17.5, "percent", "exact", "17.5 per cent"),
         ("a", "Lowtown", "dirty-air days", "2023", 40, "count", "exact", "40 in 2023"),
         ("b", "Lowtown", "dirty-air days", "2024", 33, "count", "exact", "33 in 2024")],
        "c", "consistent",
    ),
    (  # the wording says up, the figures say down: still caught
        "wrong_direction_word",
        "Dirty-air days in Lowtown rose 17.5 per cent, from 40 in 2023 to 33 in 2024.",
        [("c", "Lowtown", "percent change in dirty-air days", "2023/2024", 17.5, "percent", "exact", "17.5 per cent"),
         ("a", "Lowtown", "dirty-air days", "2023", 40, "count", "exact", "40 in 2023"),
         ("b", "Lowtown", "dirty-air days", "2024", 33, "count", "exact", "33 in 2024")],
        "c", "inconsistent",
    ),
    (  # $1.2bn is anything from 1.15bn to 1.25bn: up 6.5% from $1.13bn needs 1.203bn, which rounds to it
        "rounded_operand",
        "Revenue was $1.2bn in 2024, up 6.5% from $1.13bn in 2023.",
        [("c", "Acme", "percent change in revenue", "2023/2024", 6.5, "percent", "exact", "up 6.5%"),
         ("b", "Acme", "revenue", "2024", 1.2e9, "money", "exact", "$1.2bn in 2024"),
         ("a", "Acme", "revenue", "2023", 1.13e9, "money", "exact", "$1.13bn in 2023")],
        "c", "consistent",
    ),
    (  # but a change no rounding explains is still caught: at most 1.25bn over 1.125bn, 11.1%, not 15%
        "rounded_operand_still_wrong",
        "Revenue was $1.2bn in 2024, up 15% from $1.13bn in 2023.",
        [("c", "Acme", "percent change in revenue", "2023/2024", 15, "percent", "exact", "up 15%"),
         ("b", "Acme", "revenue", "2024", 1.2e9, "money", "exact", "$1.2bn in 2024"),
         ("a", "Acme", "revenue", "2023", 1.13e9, "money", "exact", "$1.13bn in 2023")],
        "c", "inconsistent",
    ),
    (  # the headline's "almost 2.2 million" is the table's 2,171,654 again, not the whole it is a share of
        "part_restates_whole",
        "Almost 2.2 million people attended in January. Seen within four hours: 70.9 per cent. Attendances 2,171,654.",
        [("s", "Northland", "share of attendances seen within four hours", "2024-01", 70.9, "percent", "exact",
          "70.9 per cent"),
         ("w", "Northland", "attendances", "2024-01", 2.2e6, "count", "nearly", "Almost 2.2 million people attended"),
         ("p", "Northland", "attendances seen within four hours", "2024-01", 2171654, "count", "exact", "2,171,654")],
        "s", "not_derivable",
    ),
    (  # one number read as both ends of a change
        "both_ends_one_number",
        "Applications reached 101,240 in 2025, a rise of 6.7 per cent; last year's count, 101,240 in the table, was lower.",
        [("c", "Computing", "percent change in applications", "2024/2025", 6.7, "percent", "exact", "6.7 per cent"),
         ("b", "Computing", "applications", "2025", 101240, "count", "exact", "101,240 in 2025"),
         ("a", "Computing", "applications", "2024", 101240, "count", "exact", "101,240 in the table")],
        "c", "not_derivable",
    ),
    (  # "27 member states" read as the 2024 value of the count whose 2023 value is 1,537,480
        "tenfold_apart",
        "Registrations rose 5.9 per cent across the 27 member states in 2024, from 1,537,480 in 2023.",
        [("c", "EU", "percent change in member states", "2023/2024", 5.9, "percent", "exact", "5.9 per cent"),
         ("b", "EU", "member states", "2024", 27, "count", "exact", "27 member states in 2024"),
         ("a", "EU", "member states", "2023", 1537480, "count", "exact", "1,537,480 in 2023")],
        "c", "not_derivable",
    ),
    (  # a total a little short of its parts is an article's slip, and is still caught
        "subtotal_short",
        "The two towns, Eastham and Westham, logged 500 complaints in 2021: Eastham 320 complaints, Westham 200 complaints.",
        [("t", "Eastham and Westham", "complaints", "2021", 500, "count", "exact", "500 complaints"),
         ("e", "Eastham", "complaints", "2021", 320, "count", "exact", "Eastham 320"),
         ("w", "Westham", "complaints", "2021", 200, "count", "exact", "Westham 200")],
        "t", "inconsistent",
    ),
]


@pytest.mark.parametrize("name, text, rows, stated, status", CASES, ids=[c[0] for c in CASES])
def test_audit_of_read_figures(name, text, rows, stated, status):
    findings = [f for f in check_document(_doc(text, rows), text) if f.stated_id == stated]
    assert findings, name
    assert {f.status for f in findings} == {status}, [(f.status, f.explanation) for f in findings]


def test_a_misread_pairing_says_why_it_is_not_checked():
    name, text, rows, stated, _ = next(c for c in CASES if c[0] == "tenfold_apart")
    (f,) = [f for f in check_document(_doc(text, rows), text) if f.stated_id == stated]
    assert "tenfold" in f.explanation and "misread" in f.explanation


@pytest.mark.parametrize("periods, checked", [(("2023", "2024"), True), (("2024", "2024"), False)])
def test_a_direction_needs_two_periods(periods, checked):
    text = "Days recorded in Midtown: 26 in one count, up from 37 in the other."
    rows = [("n", "Midtown", "days recorded", periods[1], 26, "count", "exact", "26"),
            ("o", "Midtown", "days recorded", periods[0], 37, "count", "exact", "37")]
    found = [f for f in check_document(_doc(text, rows), text) if f.check == "direction"]
    assert bool(found) is checked
    assert all(f.status == "inconsistent" for f in found)  # 37 -> 26 is not "up"
