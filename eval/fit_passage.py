"""Fit when a quoted sentence is not given as an answer (`passage_below` in qa/understand/ranker.json).

    python -m eval.fit_passage            # seed-dev + articles-dev; prints the cut and what it changes

A question the reader answers with a sentence of the article (who, what, why) may be one that asks for a number,
which no sentence quoted answers: users rate a wrong answer with a citation as worse than "the article doesn't say".
The intent model's probability that the question asks for words (its class "text") tells the two apart. Every dev
question is asked with no cut; each answer quoting a passage (when-questions aside: their date is in the sentence)
gives a row (that probability, right or not, whether the gold is an abstention; questions whose form asks for words
are left their passage and give none), and the cut that maximises
right - cost x wrong is written. Sealed test sets are never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qa.understand.candidates import WEIGHTS


@dataclass(frozen=True)
class Row:
    """One dev answer that quoted a passage: how likely the question asks for words, and how it was scored."""

    p_text: float
    right: bool
    abstain_gold: bool  # the article does not answer it: abstaining is right


def worth_of_abstaining(row: Row, cost: float) -> float:
    """What abstaining instead of quoting the passage changes in right - cost x wrong."""
    if row.right:
        return -1.0
    return cost + (1.0 if row.abstain_gold else 0.0)


def best_cut(rows: list[Row], cost: float) -> float | None:
    """The probability under which passages are not quoted, maximising right - cost x wrong over the rows; halfway
    between the last row it abstains on and the next (ties: the lowest cut); None when abstaining never pays."""
    ordered = sorted(rows, key=lambda r: r.p_text)
    best, at, gain = 0.0, None, 0.0
    for i, row in enumerate(ordered):
        gain += worth_of_abstaining(row, cost)
        following = ordered[i + 1].p_text if i + 1 < len(ordered) else 1.0
        if gain > best + 1e-9 and following > row.p_text:
            best, at = gain, round((row.p_text + following) / 2, 3)
    return at


def collect(name: str, root: Path) -> list[Row]:
    """Every dev answer of the set that quotes a passage, asked with no cut."""
    from eval.run import article_store
    from eval.score import score
    from eval.sets import load_set
    from qa.pipeline import ask
    from qa.text import lexicon
    from qa.understand.clean import clean_history, clean_question
    from qa.understand.followup import resolve_follow_up
    from qa.understand.query import read_question
    from qa.understand.reader import asks_in_words

    es = load_set(name)
    if es.sealed:
        raise SystemExit(f"{name} is sealed")
    if es.articles:
        engine, _ = article_store(es, root, lambda _: None)
    else:
        from qa.engine import get_engine

        engine = get_engine()
    rows = []
    for item in es.items:
        answer = ask(item.question, item.history or None, engine=engine)
        if answer.operation != "text":
            continue
        lexicon.use(engine.vocabulary_dir)
        known = engine.terms
        text = clean_question(item.question, engine.settings.max_question_chars)
        turns = clean_history(item.history or None, engine.settings.max_history_turns, engine.settings.max_question_chars)
        r = read_question(known, resolve_follow_up(known, text, turns, known.corpus.doc_year), known.corpus.doc_year)
        if r.is_when or asks_in_words(r.text):
            continue  # the gate leaves these their passage
        rows.append(Row(dict(r.intents).get("text", 0.0), score(item, answer).correct, item.kind == "abstain"))
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.fit_passage", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=WEIGHTS)
    p.add_argument("--cost", type=float, default=1.5, help="how many right answers one confidently wrong answer costs")
    p.add_argument("--dry-run", action="store_true", help="print the cut, do not write it")
    args = p.parse_args(argv)
    from qa.understand import candidates, reader

    reader.passage_below = lambda: None  # type: ignore[attr-defined]  # ask with no cut: every passage is quoted
    candidates.passage_below.cache_clear()
    root = Path(tempfile.mkdtemp(prefix="qa-fit-passage-"))
    rows = collect("seed-dev", root) + collect("articles-dev", root)
    cut = best_cut(rows, args.cost)
    under = [r for r in rows if cut is not None and r.p_text < cut]
    print(f"{len(rows)} passages quoted ({sum(r.right for r in rows)} right); cut {cut}: abstains on {len(under)} "
          f"({sum(r.right for r in under)} right, {sum(not r.right and r.abstain_gold for r in under)} unanswerable, "
          f"{sum(not r.right and not r.abstain_gold for r in under)} wrong), gain "
          f"{sum(worth_of_abstaining(r, args.cost) for r in under):.1f}")
    if not args.dry_run:
        data = json.loads(args.out.read_text(encoding="utf-8"))
        data["passage_below"] = cut
        args.out.write_text(json.dumps(data, indent=1), encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
