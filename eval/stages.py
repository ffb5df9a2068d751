"""Where does an unanswered dev question get lost? One stage per question, in pipeline order.

    python -m eval.stages                        # articles-dev
    python -m eval.stages --doc DOC --list linked  # one article's questions of one stage

`eval.recall` says whether any right candidate is proposed; this says, for the answerable questions whose gold is
an expression over figures and that the engine does not answer right, which step of reading loses the answer
first. The question is read inside its own document (as `qa ask --document` would), so choosing the document is
not counted here:

- ``figure``: a gold figure was not extracted from the document at all (matched by value at its quote, as
  `eval.extraction` matches);
- ``subject``: a gold figure's subject (its table row, its place) is not among the subjects the reader found;
- ``period``: the reader found years, and a gold figure's period has none of them;
- ``linked``: every gold figure was found, and its subject and period read; the operation or the planner lost it.

Each gold figure is checked against the figure extracted at its quote, so a wrong label (a row called by the
caption, a period taken from the dateline) shows up as ``subject`` or ``period``. Sealed sets are refused.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from eval.extraction import article_pairs, match
from eval.sets import load_set

STAGES = ("figure", "subject", "period", "linked")


def stage(extracted: list[object | None], subjects: list[str], years: list[int],
          figure_years: list[set[int]]) -> str:
    """The first stage at which the gold figures are lost: `extracted` holds the extracted figure matched to each
    gold figure (None: not extracted), `figure_years` the years of each matched figure's period."""
    if any(e is None for e in extracted):
        return "figure"
    if subjects and any(getattr(e, "subject", "") not in subjects for e in extracted):
        return "subject"
    if years and any(not (set(years) & ys) for ys in figure_years):
        return "period"
    return "linked"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.stages", description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", default="articles-dev", help="a dev set of articles (default articles-dev)")
    ap.add_argument("--results", type=Path,
                    help="a results.jsonl of `qa eval` for this set: only its questions not answered right are staged "
                         "(default: every answerable question)")
    ap.add_argument("--doc", help="only this article")
    ap.add_argument("--list", choices=STAGES, help="also print the questions at this stage")
    args = ap.parse_args(argv)
    if not args.set.endswith("-dev"):
        ap.error(f"{args.set}: stages are a diagnostic for dev sets only")
    es = load_set(args.set)
    if not es.articles:
        ap.error(f"{args.set}: not a set of articles")
    right: set[str] = set()
    if args.results:
        right = {r["id"] for r in map(json.loads, args.results.read_text(encoding="utf-8").splitlines()) if r["correct"]}

    from eval.run import _engine, _ingest_file
    from qa.understand.clean import clean_history, clean_question
    from qa.understand.followup import resolve_follow_up
    from qa.understand.link import all_years
    from qa.understand.query import read_question

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    listed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / args.set
        for art in es.articles:
            if not args.doc or art.doc_id == args.doc:
                _ingest_file(art.path, art.title, art.published, art.doc_id, data_dir)
        engine = _engine(data_dir)
        for art in es.articles:
            if args.doc and art.doc_id != args.doc:
                continue
            _, curated, extracted, _ = article_pairs(art.path.parent)
            stored = {(f.start, f.value): f for f in engine.corpus.figures if f.doc_id == art.doc_id}
            pairs, _, _ = match(curated, extracted)
            to_extracted = {p.curated.id: stored.get((p.extracted.start, p.extracted.value), p.extracted) for p in pairs}
            known, _ = engine.scope(art.doc_id)
            doc_year = known.corpus.doc_year
            for item in es.items:
                if item.document != art.doc_id or item.expected is None or item.id in right:
                    continue
                text = clean_question(item.question, engine.settings.max_question_chars)
                turns = clean_history(item.history or None, engine.settings.max_history_turns,
                                      engine.settings.max_question_chars)
                r = read_question(known, resolve_follow_up(known, text, turns, doc_year), doc_year)
                found = [to_extracted.get(fid) for fid in item.expected.operands]
                years = [all_years(f) for f in found if f is not None]
                s = stage(found, list(r.subjects), list(r.years), years)
                counts[item.category][s] += 1
                counts["all"][s] += 1
                if s == args.list:
                    got = "; ".join(f"{f.subject} | {f.measure} | {f.period}" for f in found if f is not None)
                    listed.append(f"  {item.id} [{item.category}] {item.question}\n      read: subjects={r.subjects} "
                                  f"years={r.years} op={r.operation.value}\n      gold figures: {got}")
    scope = "not answered right" if args.results else "answerable"
    print(f"{args.set}: {scope} questions with a numeric gold, by the first stage that loses them")
    print(f"  {'category':20}" + "".join(f"{s:>9}" for s in STAGES))
    for cat in sorted(counts, key=lambda c: (c == "all", c)):
        print(f"  {cat:20}" + "".join(f"{counts[cat][s]:9d}" for s in STAGES))
    print("\n".join(listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
