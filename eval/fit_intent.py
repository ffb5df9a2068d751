"""Fit the question-intent model (qa/understand/intent.json) from questions whose operation is known.

    python -m eval.fit_intent                 # fit on TAT-QA dev (less the benchmark sample) + the dev gold sets
    python -m eval.fit_intent --check         # also report held-out accuracy (seed dev blind half; articles by article)
                                              # beside what the model now in intent.json reads

Labels come from the data, not from word lists: a TAT-QA arithmetic question's derivation
("(44.1-56.7)/56.7" is a percent change), a gold expression's outer operation, a verdict gold
(yes_no), a comparison gold, and the gold category for when/text. Follow-ups are left out (their
operation comes from the conversation). Sealed test sets are never read.

Needs scikit-learn (in the dev lock); the engine reads the fitted JSON with numpy only.
TAT-QA: Zhu et al., ACL 2021, CC BY 4.0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from eval.arith import unit_family
from eval.gold import read_figure_values
from eval.sets import ARTICLES_DIR, SETS_DIR, TATQA_DEFAULT
from eval.tatqa import sample

OUT = Path(__file__).resolve().parent.parent / "qa" / "understand" / "intent.json"
TATQA_FULL = Path(__file__).resolve().parent.parent.parent / "shared" / "tatqa" / "tatqa_dataset_dev.json"
_N = r"\(?-?[\d,]*\.?\d+\)?"


def tatqa_label(q: dict[str, Any]) -> str | None:
    kind = q["answer_type"]
    if kind in ("span", "multi-span"):
        answer = q["answer"] if isinstance(q["answer"], list) else [q["answer"]]
        if kind == "span" and re.fullmatch(r"[\s$£€(\-]*[\d,]+(\.\d+)?%?\)?", str(answer[0]).strip()):
            return "lookup"
        return "text"
    if kind != "arithmetic":
        return None
    d = q["derivation"].replace(" ", "").replace("\u2212", "-")
    if re.fullmatch(rf"\(?\(?{_N}-{_N}\)?/{_N}\)?(\*100)?%?", d):
        return "pct_change"
    if re.fullmatch(rf"{_N}-{_N}", d):
        return "difference"
    if re.fullmatch(rf"{_N}(\+{_N})+", d):
        return "sum"
    if re.fullmatch(rf"\({_N}(\+{_N})+\)/\d+", d):
        return "average"
    if re.fullmatch(rf"{_N}/{_N}(\*100)?", d):
        return "share" if q.get("scale") == "percent" or d.endswith("*100") else "ratio"
    return None


def tatqa_rows(path: Path) -> list[tuple[str, str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    held = {c["table"]["uid"] for c in sample(data, 150)}  # the benchmark sample is never trained on
    return [(f"tatqa:{c['table']['uid']}", q["question"], lab) for c in data if c["table"]["uid"] not in held
            for q in c["questions"] if (lab := tatqa_label(q))]


CHANGE = re.compile(r"\b(change|increase|rise|fall|decrease|growth|jump|drop)\b", re.I)


def read_measures(path: Path) -> dict[str, str]:
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        return {r["id"]: r.get("measure", "") for r in csv.DictReader(f)}


def gold_label(row: dict[str, Any], figures: dict[str, tuple[float, str]], measures: dict[str, str]) -> str | None:
    g, cat = row["gold"], row["category"]
    if cat == "followup" or g == "abstain" or "reject" in g:
        return None
    if "verdict" in g:
        return "yes_no"
    if "winner" in g:
        return "comparison"
    if cat == "when":
        return "when"
    if "expr" not in g:
        return "text"
    expr = g["expr"].strip()
    m = re.match(r"(\w+)\s*\(", expr)
    name = m.group(1) if m else "figure"
    if name == "figure":
        fid = re.sub(r"^figure\(|\)$", "", expr).strip()
        if unit_family(figures.get(fid, (0, ""))[1]) != "percent":
            return "lookup"
        # a stated percentage: a stated change answers "by what percentage did it rise?", else a share
        return "pct_change" if CHANGE.search(measures.get(fid, "")) else "share"
    if name == "complement":
        return None  # too few examples to learn from; the complement is planned from a share
    return {"percentage_of": "share", "percent": "lookup"}.get(name, name)


def gold_rows(path: Path, figures: dict[str, tuple[float, str]], group: str,
              measures: dict[str, str], set_name: str | None = None) -> list[tuple]:
    """(group, question, label) per labelled gold question; with `set_name`, a fourth field "set:id" (the id the
    ranker's fitting gives the question)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            lab = gold_label(row, figures, measures)
            if lab:
                g = group if group != "seed" else ("seed-blind" if row["id"].startswith(("sa-", "sb-")) else "seed")
                out.append((g, row["question"], lab) + ((f"{set_name}:{row['id']}",) if set_name else ()))
    return out


def dev_rows(with_ids: bool = False) -> list[tuple]:
    seed_figs: dict[str, tuple[float, str]] = {}
    seed_measures: dict[str, str] = {}
    for p in sorted((SETS_DIR.parent.parent / "corpus" / "figures").glob("*.csv")):
        seed_figs.update(read_figure_values(p))
        seed_measures.update(read_measures(p))
    rows = gold_rows(SETS_DIR / "seed-dev.jsonl", seed_figs, "seed", seed_measures, "seed-dev" if with_ids else None)
    for art in sorted((ARTICLES_DIR / "dev").iterdir()):
        rows += gold_rows(art / "questions.jsonl", read_figure_values(art / "figures.csv"), f"article:{art.name}",
                          read_measures(art / "figures.csv"), "articles-dev" if with_ids else None)
    return rows


def build(rows: list[tuple[str, str, str]]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    from qa.understand.intent import normalise

    union = make_union(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"(?u)\b\w\w+\b"),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), min_df=3, sublinear_tf=True),
    )
    model = make_pipeline(union, LogisticRegression(C=8, max_iter=4000, class_weight="balanced"))
    model.fit([normalise(q) for _, q, _ in rows], [lab for _, _, lab in rows])
    return model


def export(model: Any) -> dict[str, Any]:
    union, lr = model.steps[0][1], model.steps[1][1]
    blocks = []
    for _, vec in union.transformer_list:
        terms = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
        blocks.append({"analyzer": vec.analyzer, "ngram_range": list(vec.ngram_range), "terms": terms,
                       "idf": [round(float(x), 6) for x in vec.idf_]})
    return {"classes": [str(c) for c in lr.classes_], "blocks": blocks,
            "coef": [[round(float(x), 6) for x in row] for row in lr.coef_],
            "intercept": [round(float(x), 6) for x in lr.intercept_]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.fit_intent", description=__doc__.split("\n\n")[0])
    p.add_argument("--tatqa", type=Path, default=TATQA_FULL if TATQA_FULL.exists() else TATQA_DEFAULT,
                   help="TAT-QA dev file (its benchmark sample is held out)")
    p.add_argument("--out", type=Path, default=OUT)
    p.add_argument("--check", action="store_true", help="report held-out accuracy before fitting on everything")
    args = p.parse_args(argv)
    tat = tatqa_rows(args.tatqa)
    dev = dev_rows()
    rows = tat + dev
    print(f"{len(tat)} TAT-QA questions, {len(dev)} dev gold questions: {dict(Counter(lab for *_, lab in rows))}")
    if args.check:
        from qa.understand.intent import IntentModel, normalise

        shipped = IntentModel(json.loads(args.out.read_text(encoding="utf-8"))) if args.out.exists() else None
        groups = sorted({g for g, _, _ in dev if g != "seed"})
        hits = total = before = 0
        for g in groups:  # leave one group out: each article, and the blind seed questions
            model = build([r for r in rows if r[0] != g])
            test = [r for r in dev if r[0] == g]
            pred = model.predict([normalise(q) for _, q, _ in test])
            ok = sum(a == lab for a, (_, _, lab) in zip(pred, test, strict=True))
            was = sum(max(shipped.probabilities(q).items(), key=lambda kv: kv[1])[0] == lab
                      for _, q, lab in test) if shipped else 0
            print(f"  held out {g}: {ok}/{len(test)}" + (f" (the model in {args.out.name} now: {was})" if shipped else ""))
            hits, total, before = hits + ok, total + len(test), before + was
        print(f"held-out intent accuracy {100 * hits / total:.1f}% ({hits}/{total})" + (
            f"; the model now in {args.out.name} reads {before}/{total} of them (in sample for the groups it was "
            "fitted on)" if shipped else ""))
    model = build(rows)
    data = export(model)
    args.out.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    from qa.understand.intent import IntentModel, normalise

    runtime = IntentModel(data)
    sk = model.predict([normalise(q) for _, q, _ in rows])
    same = sum(max(runtime.probabilities(q).items(), key=lambda kv: kv[1])[0] == s
               for (_, q, _), s in zip(rows, sk, strict=True))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB); runtime agrees with scikit-learn on "
          f"{same}/{len(rows)} training questions")
    return 0 if same == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
