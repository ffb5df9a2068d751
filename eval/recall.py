"""Candidate recall: is a right answer among the reader's candidates at all, and where is it ranked?

    python -m eval.recall                       # seed-dev + articles-dev
    python -m eval.recall --set articles-dev --list none --category sum

For every answerable dev question the reader's ranked candidates are composed and scored with the evaluation's
own rules (as `eval.fit_ranker` does). Each question lands in one bucket:

- ``decided``: answered before ranking (a text answer, a follow-up rewritten into another question...);
- ``top``: the best-ranked candidate is right (it may still be cut by the abstention threshold);
- ``top3`` / ``deeper``: a right candidate exists but ranks second or third / lower;
- ``none``: no candidate is right. Ranking cannot fix these: the planner never proposed the answer.

A yes/no question's candidate is scored with the verdict its check gives, as the pipeline answers it (without it, no
yes/no candidate could ever be right).

This separates what the planners propose from how the ranker orders it. Sealed test sets are refused.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from eval.sets import load_set

BUCKETS = ("decided", "top", "top3", "deeper", "none")


def bucket(labels: list[int] | None) -> str:
    """The bucket of one question from its candidates' right/wrong labels in rank order (None: decided)."""
    if labels is None:
        return "decided"
    rank = next((i for i, ok in enumerate(labels) if ok), None)
    if rank is None:
        return "none"
    return "top" if rank == 0 else "top3" if rank < 3 else "deeper"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.recall", description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", action="append", dest="sets", help="a dev set (repeatable; default seed-dev and articles-dev)")
    ap.add_argument("--list", choices=BUCKETS, help="also print the ids and questions in this bucket")
    ap.add_argument("--category", help="only questions of this gold category")
    args = ap.parse_args(argv)
    names = args.sets or ["seed-dev", "articles-dev"]
    for name in names:
        if not name.endswith("-dev"):
            ap.error(f"{name}: candidate recall is a diagnostic for the dev sets (seed-dev, articles-dev) only")
    from eval.fit_ranker import collect

    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            es = load_set(name)
            items = {i.id: i for i in es.items}
            ranked = {g.split(":", 1)[1]: labels for g, _, labels, _ in collect(name, Path(tmp), verdicts=True)}
            counts: dict[str, Counter[str]] = defaultdict(Counter)
            listed = []
            for item in es.items:
                if item.kind in ("abstain", "reject") or (args.category and item.category != args.category):
                    continue
                b = bucket(ranked.get(item.id))
                counts[item.category][b] += 1
                counts["all"][b] += 1
                if b == args.list:
                    listed.append(item.id)
            print(f"{name}: answerable questions by where the first right candidate ranks")
            print(f"  {'category':20}" + "".join(f"{b:>9}" for b in BUCKETS))
            for cat in sorted(counts, key=lambda c: (c == "all", c)):
                print(f"  {cat:20}" + "".join(f"{counts[cat][b]:9d}" for b in BUCKETS))
            for qid in listed:
                print(f"  {qid}: {items[qid].question}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
