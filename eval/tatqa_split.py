"""A TAT-QA tuning split: whole dev contexts outside the reported sample, drawn with a fixed seed.

    python -m eval.tatqa_split ../shared/tatqa/tatqa_dataset_dev.json eval/tatqa/tune-split.json

The reported sample (`eval/tatqa/dev-sample.json`) is the figure we quote; it must not be tuned on.
Diagnosis and tuning use this split instead: contexts of the same dev file that share no question
(and no table) with the sample, shuffled with a fixed seed and taken whole until about N questions.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from eval.sets import TATQA_DEFAULT


def tuning_split(data: list[dict[str, Any]], exclude: list[dict[str, Any]], n: int = 300,
                 seed: int = 14) -> list[dict[str, Any]]:
    """Whole contexts of `data` with no table or question in `exclude`, in seeded order, until `n` questions."""
    tables = {c["table"]["uid"] for c in exclude}
    questions = {q["uid"] for c in exclude for q in c.get("questions", [])}
    pool = [c for c in data if c["table"]["uid"] not in tables
            and not any(q["uid"] in questions for q in c.get("questions", []))]
    random.Random(seed).shuffle(pool)
    out, count = [], 0
    for ctx in pool:
        if count >= n:
            break
        out.append(ctx)
        count += len(ctx.get("questions", []))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.tatqa_split", description=__doc__.split("\n\n")[0])
    p.add_argument("dev", type=Path, help="TAT-QA dev file (tatqa_dataset_dev.json)")
    p.add_argument("out", type=Path, help="where to write the split (JSON, same shape as the dev file)")
    p.add_argument("--exclude", type=Path, default=TATQA_DEFAULT, help="the reported sample, left out")
    p.add_argument("-n", type=int, default=300, help="about this many questions (whole contexts)")
    p.add_argument("--seed", type=int, default=14)
    args = p.parse_args(argv)
    data = json.loads(args.dev.read_text(encoding="utf-8"))
    exclude = json.loads(args.exclude.read_text(encoding="utf-8"))
    split = tuning_split(data, exclude, args.n, args.seed)
    args.out.write_text(json.dumps(split, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(split)} contexts, {sum(len(c['questions']) for c in split)} questions -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
