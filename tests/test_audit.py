"""The source audit: every check type on the seed article and on small documents with planted errors.

Expected values are worked out by hand from the article text (e.g. (630 + 37) / 2,575 = 25.90%),
never copied from the audit's output.
"""

from __future__ import annotations

import json

import pytest

import qa.engine
from qa.check.checks import subject_components, terms
from qa.check.ranges import stated_range
from qa.check.report import findings_for, warning_text
from qa.cli.audit import main as audit_main
from qa.model.records import Qualifier
from qa.pipeline import audit
from qa.text.numbers import numbers_in

SEED = "iia-police-2022-06-06"


@pytest.fixture(scope="module")
def seed_report():
    return audit()


def _by_stated(report, stated_id, check=None):
    found = [f for f in report.findings if f.stated_id == stated_id and (check is None or f.check == check)]
    assert len(found) == 1, [f.claim for f in found]
    return found[0]


# --- the seed article ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "stated_id, check, status, computed",
    [
        ("wm_dropped_share", "share", "inconsistent", 667 / 2575 * 100),  # 25.90%, stated 38.8%
        ("staffs_dropped_share", "share", "consistent", 404 / 855 * 100),  # 47.25% vs "at least 47.3"
        ("both_cases_reported", "subtotal", "inconsistent", 2575 + 855),  # 3,430, stated 2,575
        ("both_cases_dropped", "subtotal", "consistent", 630 + 37 + 370 + 34),  # 1,071 vs "at least 1,000"
        ("both_closed_no_suspect", "subtotal", "consistent", 37 + 34),  # 71
        ("ew_offences_change", "change", "consistent", (7357 - 5291) / 5291 * 100),  # 39.05% vs 39%
        ("ew_offences_2015_2021", "period_total", "consistent", 5291 + 7357),  # two years inside 2015-2021
        ("wm_offences_2021", "direction", "consistent", (710 - 318) / 318 * 100),  # "up from 318"
        ("staffs_offences_2021", "direction", "consistent", (183 - 154) / 154 * 100),  # "up from 154"
    ],
)
def test_seed_checks(seed_report, stated_id, check, status, computed):
    f = _by_stated(seed_report, stated_id, check)
    assert f.status == status
    assert f.computed == pytest.approx(computed, abs=0.01)
    assert f.expression and f.quotes
    doc = qa.engine.get_engine().docs_by_id[SEED]
    for q in f.quotes:  # every quote is the article's own words at its offsets
        assert doc.text[q.start:q.end] == q.quote


def test_seed_flags_only_what_does_not_add_up(seed_report):
    bad = {f.stated_id for f in seed_report.findings if f.status == "inconsistent"}
    assert bad == {"wm_dropped_share", "both_cases_reported"}


@pytest.mark.parametrize("stated_id", ["refuge_threats_by_partner", "ew_dropped_with_suspect_share"])
def test_seed_percentages_without_counts_are_not_derivable(seed_report, stated_id):
    f = _by_stated(seed_report, stated_id)
    assert f.status == "not_derivable"
    assert f.computed is None and "cannot be recomputed" in f.explanation


def test_seed_west_midlands_share_explained_by_the_other_base(seed_report):
    f = _by_stated(seed_report, "wm_dropped_share")
    # (630 + 37) / (2,575 − 855) = 667 / 1,720 = 38.78% -> 38.8%
    assert "1,720 = 2,575 − 855" in f.explanation
    assert "(630 + 37) / 1,720 × 100 = 38.8%" in f.explanation
    assert any("1,720" in w for w in f.workings)


def test_seed_total_names_the_misattributed_figure(seed_report):
    f = _by_stated(seed_report, "both_cases_reported")
    assert "West Midlands Police's figure were 1,720" in f.explanation
    assert "misattributed" in f.explanation
    assert "share of cases dropped" in f.explanation  # the same correction fixes the 38.8%


def test_seed_explanations_ground_every_number(seed_report):
    for f in seed_report.findings:
        allowed = [n for q in f.quotes for n in numbers_in(q.quote)]
        allowed += [n for w in f.workings for n in numbers_in(w)]
        allowed += numbers_in(f.claim)
        for n in numbers_in(f.explanation, words=False):
            assert any(n == a for a in allowed) or n in (100,), (n, f.explanation)


def test_findings_for_and_warning(seed_report):
    found = findings_for(audit(), ["wm_cases_reported"])
    assert {f.stated_id for f in found} == {"wm_dropped_share", "both_cases_reported"}
    assert findings_for(audit(), ["staffs_offences_2021", "refuge_threats_by_partner"]) == []
    text = warning_text(_by_stated(seed_report, "wm_dropped_share"))
    assert "West Midlands Police" in text and "38.8%" in text and "25.9%" in text
    assert text.count(".") >= 1 and text.endswith(".")


def test_cli_json(capsys):
    assert audit_main(["--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"status", "claim", "stated", "computed", "expression", "quotes", "explanation"} <= set(data["findings"][0])
    statuses = [f["status"] for f in data["findings"]]
    assert statuses.count("inconsistent") == 2


def test_cli_text(capsys):
    assert audit_main([]) == 0
    out = capsys.readouterr().out
    assert "2 inconsistent" in out and "INCONSISTENT" in out and "(630 + 37) / 2,575 × 100 = 25.9%" in out


# --- building blocks ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "value, qualifier, inside, outside",
    [
        (47.3, Qualifier.exact, [47.25, 47.34], [47.2, 47.36]),
        (47.3, Qualifier.at_least, [47.25, 90.0], [47.2]),
        (1000, Qualifier.more_than, [1001], [1000, 999]),
        (50, Qualifier.nearly, [45, 50], [44, 51]),
        (7357, Qualifier.about, [7357.4], [7358, 7300]),  # "some 7,357" keeps its precision
        (7000, Qualifier.about, [7300, 6700], [7400, 6600]),  # "about 7,000": 5% at most
    ],
)
def test_stated_range(value, qualifier, inside, outside):
    lo, hi = stated_range(value, qualifier)
    assert all(lo <= x <= hi for x in inside)
    assert not any(lo <= x <= hi for x in outside)


def test_subject_components():
    subjects = ["West Midlands Police", "Staffordshire Police", "West Midlands and Staffordshire Police",
                "Police forces in England and Wales"]
    assert subject_components("West Midlands and Staffordshire Police", subjects) == [
        "Staffordshire Police", "West Midlands Police"]
    assert subject_components("Police forces in England and Wales", subjects) == []
    assert subject_components("West Midlands Police", subjects) == []


def test_terms_merge_synonyms():
    assert terms("cases closed with no suspect") == terms("cases dropped without a suspect")
    assert terms("cases reported") != terms("offences recorded")


# --- small documents with planted errors ------------------------------------------------------

PLANTED = (
    "Northtown and Southvale councils received 500 complaints in 2021. "
    "Northtown received 320 complaints and Southvale received 200 complaints. "
    "In Northtown, 80 complaints were upheld, or 40 per cent of its complaints. "
    "Burglaries rose 30 per cent, from 1,000 in 2020 to 1,200 in 2021. "
    "Thefts were recorded 80 times in 2021, up from 95 in 2020. "
    "Of 10,000 calls, 4,719 were answered, 47.1 per cent. "
    "Of 1,000 forms, 380 were late, or 83 per cent. "
    "At least 400 complaints were resolved by the two councils, with Northtown resolving 150 complaints "
    "and Southvale resolving 120 complaints."
)
SOUND = (
    "Eastport and Westbay councils received 460 complaints in 2021. "
    "Eastport received 300 complaints and Westbay received 160 complaints. "
    "In Eastport, 75 complaints were upheld despite a review and 15 upheld without one, or 30 per cent. "
    "Westbay upheld nearly half of its complaints: 78 complaints. That was 48.8 per cent. "
    "Robberies fell 20 per cent, from 500 in 2020 to 400 in 2021. "
    "Fines doubled: 2.0 times as many, 60 in 2021, up from 30 in 2020. "
    "At least 150 complaints were resolved by the two councils, with Eastport resolving 90 complaints "
    "and Westbay resolving 70 complaints."
)

# (id, subject, measure, period, value, unit, qualifier, quote)
PLANTED_ROWS = [
    ("p_both_recv", "Northtown and Southvale Council", "complaints received", "2021", 500, "count", "exact",
     "received 500 complaints in 2021"),
    ("p_n_recv", "Northtown Council", "complaints received", "2021", 320, "count", "exact", "Northtown received 320"),
    ("p_s_recv", "Southvale Council", "complaints received", "2021", 200, "count", "exact", "Southvale received 200"),
    ("p_n_upheld", "Northtown Council", "complaints upheld", "2021", 80, "count", "exact", "80 complaints were upheld"),
    ("p_n_share", "Northtown Council", "share of complaints upheld", "2021", 40, "percent", "exact", "40 per cent"),
    ("p_burg_change", "Town", "percent rise in burglaries", "2020/2021", 30, "percent", "exact",
     "Burglaries rose 30 per cent"),
    ("p_burg_2020", "Town", "burglaries", "2020", 1000, "count", "exact", "from 1,000 in 2020"),
    ("p_burg_2021", "Town", "burglaries", "2021", 1200, "count", "exact", "to 1,200 in 2021"),
    ("p_theft_2021", "Town", "thefts recorded", "2021", 80, "count", "exact", "80 times in 2021"),
    ("p_theft_2020", "Town", "thefts recorded", "2020", 95, "count", "exact", "up from 95 in 2020"),
    ("p_calls", "Call centre", "calls", "2021", 10000, "count", "exact", "10,000 calls"),
    ("p_answered", "Call centre", "calls answered", "2021", 4719, "count", "exact", "4,719 were answered"),
    ("p_answered_share", "Call centre", "share of calls answered", "2021", 47.1, "percent", "exact", "47.1 per cent"),
    ("p_forms", "Registry", "forms", "2021", 1000, "count", "exact", "1,000 forms"),
    ("p_late", "Registry", "forms late", "2021", 380, "count", "exact", "380 were late"),
    ("p_late_share", "Registry", "share of forms late", "2021", 83, "percent", "exact", "83 per cent"),
    ("p_both_res", "Northtown and Southvale Council", "complaints resolved", "2021", 400, "count", "at least",
     "At least 400 complaints were resolved"),
    ("p_n_res", "Northtown Council", "complaints resolved", "2021", 150, "count", "exact", "Northtown resolving 150"),
    ("p_s_res", "Southvale Council", "complaints resolved", "2021", 120, "count", "exact", "Southvale resolving 120"),
]
SOUND_ROWS = [
    ("s_both_recv", "Eastport and Westbay Council", "complaints received", "2021", 460, "count", "exact",
     "received 460 complaints in 2021"),
    ("s_e_recv", "Eastport Council", "complaints received", "2021", 300, "count", "exact", "Eastport received 300"),
    ("s_w_recv", "Westbay Council", "complaints received", "2021", 160, "count", "exact", "Westbay received 160"),
    ("s_e_up_review", "Eastport Council", "complaints upheld despite a review", "2021", 75, "count", "exact",
     "75 complaints were upheld despite a review"),
    ("s_e_up_none", "Eastport Council", "complaints upheld without a review", "2021", 15, "count", "exact",
     "15 upheld without one"),
    ("s_e_share", "Eastport Council", "share of complaints upheld", "2021", 30, "percent", "exact", "30 per cent"),
    ("s_w_upheld", "Westbay Council", "complaints upheld", "2021", 78, "count", "exact", "78 complaints"),
    ("s_w_share", "Westbay Council", "share of complaints upheld", "2021", 48.8, "percent", "exact", "48.8 per cent"),
    ("s_rob_change", "Town", "percent fall in robberies", "2020/2021", 20, "percent", "exact",
     "Robberies fell 20 per cent"),
    ("s_rob_2020", "Town", "robberies", "2020", 500, "count", "exact", "from 500 in 2020"),
    ("s_rob_2021", "Town", "robberies", "2021", 400, "count", "exact", "to 400 in 2021"),
    ("s_fines_ratio", "Town", "ratio of fines issued", "2020/2021", 2.0, "ratio", "exact", "2.0 times as many"),
    ("s_fines_2021", "Town", "fines issued", "2021", 60, "count", "exact", "60 in 2021"),
    ("s_fines_2020", "Town", "fines issued", "2020", 30, "count", "exact", "up from 30 in 2020"),
    ("s_both_res", "Eastport and Westbay Council", "complaints resolved", "2021", 150, "count", "at least",
     "At least 150 complaints were resolved"),
    ("s_e_res", "Eastport Council", "complaints resolved", "2021", 90, "count", "exact", "Eastport resolving 90"),
    ("s_w_res", "Westbay Council", "complaints resolved", "2021", 70, "count", "exact", "Westbay resolving 70"),
]


def write_corpus(root, docs):
    """docs: {doc_id: (text, rows)} -> corpus/documents and corpus/figures under root."""
    import csv

    (root / "documents").mkdir(parents=True, exist_ok=True)
    (root / "figures").mkdir(parents=True, exist_ok=True)
    for doc_id, (text, rows) in docs.items():
        (root / "documents" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        meta = {"id": doc_id, "title": doc_id, "published": "2022-01-01", "source": "written for the tests"}
        (root / "documents" / f"{doc_id}.json").write_text(json.dumps(meta), encoding="utf-8")
        with open(root / "figures" / f"{doc_id}.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "doc_id", "subject", "measure", "period", "value", "unit", "qualifier", "quote",
                        "start", "end"])
            for fid, subject, measure, period, value, unit, qualifier, quote in rows:
                start = text.index(quote)
                w.writerow([fid, doc_id, subject, measure, period, value, unit, qualifier, quote, start,
                            start + len(quote)])


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    write_corpus(tmp_path / "corpus", {"planted": (PLANTED, PLANTED_ROWS), "sound": (SOUND, SOUND_ROWS)})
    monkeypatch.setenv("QA_CORPUS_DIR", str(tmp_path / "corpus"))
    monkeypatch.setenv("QA_EMBEDDING", "hash")  # audit and claim parsing need no real embeddings here
    qa.engine.reset_engine()
    yield qa.engine.get_engine()
    qa.engine.reset_engine()


@pytest.mark.parametrize(
    "stated_id, check, computed, hint",
    [
        ("p_both_recv", "subtotal", 520, None),  # 320 + 200 is not 500
        ("p_n_share", "share", 25.0, "320"),  # 80 / 320 = 25%, not 40%: 80 / 200 would be
        ("p_burg_change", "change", 20.0, None),  # 1,000 -> 1,200 is +20%, not +30%
        ("p_theft_2020", None, None, None),  # placeholder replaced below
        ("p_answered_share", "share", 47.19, "cut short"),  # 47.19% truncated to 47.1
        ("p_late_share", "share", 38.0, "transposed"),  # 38% typed as 83%
        ("p_both_res", "subtotal", 270, None),  # "at least 400" but the parts give 270
    ],
)
def test_planted_errors_are_flagged(tiny, stated_id, check, computed, hint):
    report = audit(tiny)
    if stated_id == "p_theft_2020":  # "80 in 2021, up from 95": the direction is wrong
        f = _by_stated(report, "p_theft_2021", "direction")
        assert f.status == "inconsistent"
        return
    f = _by_stated(report, stated_id, check)
    assert f.status == "inconsistent", f.explanation
    assert f.computed == pytest.approx(computed, abs=0.01)
    if hint:
        assert hint in f.explanation
    else:
        assert f.explanation


def test_planted_share_suggests_the_swapped_base(tiny):
    f = _by_stated(audit(tiny), "p_n_share")
    # 80 / 200 = 40%: Southvale's 200 in place of Northtown's 320
    assert "Southvale Council's 200 in place of Northtown Council's 320" in f.explanation


def test_no_alternative_is_said_when_none_exists(tiny):
    f = _by_stated(audit(tiny), "p_burg_change")
    assert "No simple alternative" in f.explanation


def test_sound_document_raises_no_alarm(tiny):
    report = audit(tiny)
    sound = [f for f in report.findings if f.doc_id == "sound"]
    assert [f.claim for f in sound if f.status == "inconsistent"] == []
    got = {(f.stated_id, f.check): f.status for f in sound}
    assert got[("s_both_recv", "subtotal")] == "consistent"  # 300 + 160 = 460
    assert got[("s_e_share", "share")] == "consistent"  # (75 + 15) / 300 = 30%
    assert got[("s_w_share", "share")] == "consistent"  # 78 / 160 = 48.75% -> 48.8%
    assert got[("s_rob_change", "change")] == "consistent"  # 500 -> 400 is a 20% fall
    assert got[("s_fines_ratio", "change")] == "consistent"  # 60 / 30 = 2.0
    assert got[("s_both_res", "subtotal")] == "consistent"  # 90 + 70 = 160 >= 150


def test_findings_for_uses_the_tiny_corpus(tiny):
    assert {f.stated_id for f in findings_for(audit(tiny), ["p_late"])} == {"p_late_share"}
    assert findings_for(audit(tiny), ["s_e_recv"]) == []


# --- a check with a single operand (figures read from an ingested document) ----------------------

@pytest.mark.parametrize("kind, expected_words", [
    ("period_total", "sum of the periods"),  # an ingested article: "14.6 weeks" vs "14.1 weeks in January 2023"
    ("subtotal", "sum over"),
    ("share", "parts over its whole"),
    ("parts", "sum of its parts"),
    ("change", "change"),
])
def test_claim_text_of_a_one_operand_check(kind, expected_words):
    """Regression: the description of every kind was built eagerly, so a one-operand check raised IndexError
    (`check.slots[1]`) and every question about that article errored out."""
    from qa.check.checks import Check
    from qa.check.explanations import claim_text
    from qa.model.records import Figure, Unit

    stated = Figure(id="s", doc_id="d", subject="England", measure="median wait", period="2023", value=14.6,
                    unit=Unit.count, quote="14.6 weeks", start=0, end=10)
    slot = stated.model_copy(update={"id": "j", "period": "2023-01", "value": 14.1})
    check = Check(kind, stated, [slot], raw=sum, calculation=lambda qs: None)  # type: ignore[arg-type]
    text = claim_text(check)
    assert text.startswith("England, median wait (2023): 14.6 vs ")
    assert expected_words in text
