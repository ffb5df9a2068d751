"""Document choice: for each dev question, the document the store's chooser picks against the gold document.

    python -m eval.choose                                   # articles-dev, a store built in a temporary folder
    python -m eval.choose --store /tmp/store --list wrong   # build the store once and reuse it; list the misses

A question about one article, asked of a store holding every article, is read inside the document
`qa.retrieve.scope.DocumentChooser` picks (or in the whole store when none leads). Each question lands in one
bucket: ``right`` (the gold document), ``none`` (the whole store is read) or ``wrong`` (another document: its
figures answer the question, which is worse than reading the whole store). The pipeline's own probe is used (a
follow-up with the turn before it and, first, that turn's answer). Building the store is the slow part: with
`--store` it is built once and reused, and the index's hits for each probe are kept beside it (`hits.json`), so a
change to the chooser is measured in seconds. Sealed test sets are refused.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from eval.sets import load_set
from qa.retrieve.index import Hit

BUCKETS = ("right", "none", "wrong")


def bucket(chosen: str | None, gold: str) -> str:
    """Where one question lands: its gold document chosen, no document, or another one."""
    if chosen is None:
        return "none"
    return "right" if chosen == gold else "wrong"


def probes(text: str, turns: list[Any]) -> list[str]:
    """The texts `qa.pipeline._choose` asks the chooser about, in its order (the first that leads wins)."""
    probe = " ".join([text] + [t.question for t in turns[-1:]])
    if not turns:
        return [probe]
    return [probe + " " + turns[-1].answer, probe]


def store_engine(name: str, store: Path | None) -> Any:
    """The engine over the set's store: built under `store` on the first run and reused after."""
    import eval.run as run

    es = load_set(name)
    root = store if store is not None else Path(tempfile.mkdtemp())
    if store is not None and (root / es.name).exists():
        engine = run._engine(root / es.name)
    else:
        engine, _ = run.article_store(es, root, print)
    return engine


def cached_hits(engine: Any, texts: list[str], path: Path | None, k: int) -> dict[str, list[Hit]]:
    """The index's hits for each text, read from `path` when kept there (the index does not change between runs)."""
    kept: dict[str, list[list[Any]]] = {}
    if path is not None and path.exists():
        kept = json.loads(path.read_text(encoding="utf-8"))
    for t in texts:
        if t not in kept:
            kept[t] = [[h.kind, h.key, h.score, {"doc_id": h.metadata.get("doc_id", "")}, h.vector]
                       for h in engine.index.search(t, k=k)]
    if path is not None:
        path.write_text(json.dumps(kept), encoding="utf-8")
    return {t: [Hit(kind, key, score, meta, vector) for kind, key, score, meta, vector in kept[t]] for t in texts}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.choose", description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", default="articles-dev", help="a dev set (default articles-dev)")
    ap.add_argument("--store", type=Path, default=None, help="build the store here once and reuse it")
    ap.add_argument("--list", choices=BUCKETS, help="also print the ids, questions and choices in this bucket")
    args = ap.parse_args(argv)
    if not args.set.endswith("-dev"):
        ap.error(f"{args.set}: document choice is a diagnostic for the dev sets only")
    from qa.retrieve.scope import HITS
    from qa.understand.clean import clean_history, clean_question

    engine = store_engine(args.set, args.store)
    settings = engine.settings
    es = load_set(args.set)
    asked = []
    for item in es.items:
        text = clean_question(item.question, settings.max_question_chars)
        turns = clean_history(item.history, settings.max_history_turns, settings.max_question_chars)
        asked.append((item, probes(text, turns)))
    kept = args.store / f"{args.set}-hits.json" if args.store is not None else None
    hits = cached_hits(engine, [p for _, ps in asked for p in ps], kept, HITS)
    chooser = engine.chooser
    counts: Counter[str] = Counter()
    by_category: dict[str, Counter[str]] = {}
    for item, ps in asked:
        chosen = None
        for p in ps:
            chosen = chooser.choose(p, hits[p])
            if chosen is not None:
                break
        b = bucket(chosen, item.document)
        counts[b] += 1
        by_category.setdefault(item.category, Counter())[b] += 1
        if args.list == b:
            print(f"{item.id}\t{chosen}\t{item.question}")
    print(f"{args.set}: {len(asked)} questions  " + "  ".join(f"{b} {counts[b]}" for b in BUCKETS))
    for cat in sorted(by_category):
        print(f"  {cat:<16}" + "  ".join(f"{b} {by_category[cat][b]:>4}" for b in BUCKETS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
