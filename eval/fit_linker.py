"""Measure a learned figure linker against the engine's hand-built link score (an experiment; nothing is shipped).

    python -m eval.fit_linker [--minilm] [--sets seed-dev articles-dev] [--cache /tmp/x.pkl]

For every dev question whose gold is one figure looked up (`figure(id)` or a bare id; categories lookup,
stated_percentage, paraphrase), the candidates are every figure the engine extracted from that question's document
(articles-dev: the store built by ingesting the articles, each extracted figure matched to the curated gold figure
by value and quote span as `eval.extraction` does; seed-dev: the seed corpus' figures, which are the curated ones).
The gold figure is labelled 1, the others 0. Each candidate gets lexical and character-n-gram similarities between
the question and the figure's fields (subject, measure, period, quote, the sentence or table row around it and the
table's header line), year and number overlaps, and the engine's own link score (`qa.understand.score.score_figures`
over the question's reading, as the reader scores figures). A logistic regression (pointwise, with each feature also
taken relative to the question's best candidate) is fitted and its top-1 accuracy held out by article (GroupKFold)
is compared with the engine score's top-1. `--minilm` adds MiniLM cosine similarities (question vs. the figure's
sentence/row and vs. its description). Sealed sets are never read.

Needs scikit-learn (dev lock).
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import time
from pathlib import Path
from typing import Any

NEWEST = (
    "apprenticeship-starts-england-2024-11", "brazil-coffee-exports-2024-08", "cinema-admissions-europe-2025-05",
    "edinburgh-bike-share-2024-07", "rail-punctuality-operators-2025-06", "school-enrolments-australia-2025-02",
    "vestra-bank-half-year-2025-07", "wales-diagnostic-waits-2025-03",
)
CATEGORIES = ("lookup", "stated_percentage", "paraphrase")
ONE_FIGURE = re.compile(r"^\s*(?:figure\(\s*([A-Za-z0-9_.\-]+)\s*\)|([A-Za-z_][A-Za-z0-9_.\-]*))\s*$")
WORD = re.compile(r"[a-z0-9]+")
YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
STOP = frozenset("the a an of in on for to and or what was were is are how many much did does do by at from with "
                 "as that this it its which who whose than be been there their per".split())
NO_SCORE = -30.0  # the engine score of a figure the engine did not score (not among its candidates)


def gold_figure(expr: str) -> str | None:
    """The one figure id a gold expression looks up, or None when it computes anything."""
    m = ONE_FIGURE.match(expr or "")
    return (m.group(1) or m.group(2)) if m else None


def words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if w not in STOP}


def stems(text: str) -> set[str]:
    """Content words cut to their first five letters: a crude stem ("vacancies" ~ "vacant")."""
    return {w[:5] for w in words(text)}


def grams(text: str, n: int = 3) -> set[str]:
    t = " " + re.sub(r"\s+", " ", text.lower()) + " "
    return {t[i:i + n] for i in range(len(t) - n + 1)}


def overlap(q: set[str], f: set[str]) -> float:
    """The share of the question's items found in the field."""
    return len(q & f) / len(q) if q else 0.0


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def context_of(text: str, start: int, end: int) -> tuple[str, str]:
    """(the sentence or table row around a span, the table's header line when the span is in a table row)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if "|" in line:
        # the table's first line: walk up while the lines are rows
        at = line_start
        header = line
        while at > 0:
            prev = text.rfind("\n", 0, at - 1) + 1
            row = text[prev:at - 1]
            if "|" not in row:
                break
            header, at = row, prev
        return line, header
    a = max(text.rfind(". ", 0, start), line_start - 1)
    b = text.find(". ", end)
    b = line_end if b < 0 or b > line_end else b + 1
    return text[a + 1:b].strip(), ""


def near_of(text: str, start: int, end: int, width: int = 50) -> str:
    """The words just around a figure within its line (a sentence can hold several figures: "£2.4m on two scanners")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return text[max(line_start, start - width):min(line_end, end + width // 2)]


def _store(name: str, root: Path) -> tuple[Any, Any]:
    """The engine answering the set and the set itself."""
    from eval.run import article_store
    from eval.sets import load_set

    es = load_set(name)
    if es.articles:
        engine, refused = article_store(es, root, lambda m: print(m, file=sys.stderr))
    else:
        from qa.engine import get_engine

        engine = get_engine()
    return engine, es


def _gold_map(name: str, engine: Any) -> dict[tuple[str, str], str]:
    """(doc id, curated figure id) -> the id of the store's figure that extracted it (articles: matched by value
    and quote span as `eval.extraction` does; seed: the store's figures are the curated ones)."""
    from eval.extraction import ARTICLES, article_pairs, match

    figs = engine.corpus.figures
    if not name.startswith("articles-"):
        return {(f.doc_id, f.id): f.id for f in figs}
    out: dict[tuple[str, str], str] = {}
    for folder in sorted(p for p in (ARTICLES / name.split("-", 1)[1]).iterdir() if p.is_dir()):
        doc, curated, _, _ = article_pairs(folder)
        stored = [f for f in figs if f.doc_id == doc.id]
        pairs, _, _ = match(curated, stored)
        out.update({(doc.id, p.curated.id): p.extracted.id for p in pairs})
    return out


def collect(name: str, root: Path) -> list[dict[str, Any]]:
    """Every single-figure lookup question of the set with its candidates' raw fields and engine scores."""
    from qa.retrieve.memo import one_question
    from qa.text import lexicon
    from qa.understand.clean import clean_question
    from qa.understand.query import read_question
    from qa.understand.score import score_figures

    engine, es = _store(name, root)
    lexicon.use(engine.vocabulary_dir)
    known, index, corpus = engine.terms, engine.index, engine.corpus
    gmap = _gold_map(name, engine)
    by_doc = corpus.figures_by_doc
    seed_doc = {f.id: f.doc_id for f in corpus.figures}
    rows = []
    for item in es.items:
        if item.category not in CATEGORIES or item.history or not isinstance(item.gold, dict):
            continue
        gid = gold_figure(str(item.gold.get("expr", "")))
        if gid is None:
            continue
        doc_id = item.document or seed_doc.get(gid, "")
        cands = by_doc.get(doc_id, [])
        if not cands:
            continue
        with one_question():
            text = clean_question(item.question, engine.settings.max_question_chars)
            r = read_question(known, text, corpus.doc_year)
            hits = index.search(r.text, k=24)
            sims = {h.key: h.score for h in hits if h.kind == "figure"}
            scored = {f.id: s for s, f in score_figures(known, r, sims)}
        doc_text = corpus.documents[doc_id].text if isinstance(corpus.documents, dict) else \
            next(d.text for d in corpus.documents if d.id == doc_id)
        target = gmap.get((doc_id, gid))
        figs = []
        for f in cands:
            ctx, header = context_of(doc_text, f.start, f.end)
            figs.append({"id": f.id, "subject": f.subject, "measure": f.measure, "period": f.period,
                         "quote": f.quote, "value": f.value, "context": ctx, "header": header,
                         "near": near_of(doc_text, f.start, f.end),
                         "description": f.description(), "engine": scored.get(f.id, NO_SCORE),
                         "scored": f.id in scored, "sim": sims.get(f.id, 0.0), "gold": int(f.id == target)})
        rows.append({"set": name, "id": item.id, "doc": doc_id, "question": item.question, "category": item.category,
                     "found": target is not None, "figures": figs})
    return rows


FEATURES = ("engine", "engine_rank", "scored", "sim",
            "w_subject", "w_measure", "w_period", "w_quote", "w_context", "w_header", "w_near",
            "s_measure", "s_context", "s_header", "s_near",
            "c_measure", "c_context", "c_subject", "c_near", "j_measure",
            "year_hit", "year_miss", "year_none", "num_hit")
MINILM = ("m_context", "m_description", "m_near")


def featurize(q: str, figs: list[dict[str, Any]], emb: dict[str, Any] | None = None) -> list[dict[str, float]]:
    qw, qs, qg = words(q), stems(q), grams(q)
    qyears = set(YEAR.findall(q))
    qnums = {n.replace(",", "") for n in NUMBER.findall(q)} - qyears
    order = sorted(range(len(figs)), key=lambda i: -figs[i]["engine"])
    rank = {i: k for k, i in enumerate(order)}
    out = []
    for i, f in enumerate(figs):
        fyears = set(YEAR.findall(f["period"])) | set(YEAR.findall(f["quote"]))
        row = {
            "engine": f["engine"], "engine_rank": 1.0 / (1 + rank[i]), "scored": float(f["scored"]), "sim": f["sim"],
            **{f"w_{k}": overlap(qw, words(f[k])) for k in ("subject", "measure", "period", "quote", "context", "header", "near")},
            **{f"s_{k}": overlap(qs, stems(f[k])) for k in ("measure", "context", "header", "near")},
            **{f"c_{k}": jaccard(qg, grams(f[k])) for k in ("measure", "context", "subject", "near")},
            "j_measure": jaccard(qw, words(f["measure"])),
            "year_hit": float(bool(qyears & fyears)), "year_miss": float(bool(qyears) and not qyears & fyears),
            "year_none": float(not qyears),
            "num_hit": float(any(n in f["quote"].replace(",", "") for n in qnums)),
        }
        if emb is not None:
            row["m_context"] = emb["q"] @ emb["context"][i]
            row["m_description"] = emb["q"] @ emb["description"][i]
            row["m_near"] = emb["q"] @ emb["near"][i]
        out.append(row)
    return out


def embed_all(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    import numpy as np

    from qa.retrieve.embeddings import get_embeddings

    model = get_embeddings("minilm-onnx")
    texts: dict[str, int] = {}
    for r in rows:
        for t in [r["question"]] + [f["context"] + (" " + f["header"] if f["header"] else "") for f in r["figures"]] \
                + [f["description"] for f in r["figures"]] + [f["near"] for f in r["figures"]]:
            texts.setdefault(t, len(texts))
    keys = list(texts)
    vecs = np.asarray(model.embed_documents(keys), dtype=np.float32)
    out = []
    for r in rows:
        out.append({"q": vecs[texts[r["question"]]],
                    "context": [vecs[texts[f["context"] + (" " + f["header"] if f["header"] else "")]]
                                for f in r["figures"]],
                    "description": [vecs[texts[f["description"]]] for f in r["figures"]],
                    "near": [vecs[texts[f["near"]]] for f in r["figures"]]})
    return out


def matrix(rows: list[dict[str, Any]], names: tuple[str, ...], embs: list[Any] | None) -> list[Any]:
    """Per question: the candidates' feature matrix, each feature also relative to the question's best."""
    import numpy as np

    out = []
    for k, r in enumerate(rows):
        feats = featurize(r["question"], r["figures"], embs[k] if embs else None)
        x = np.array([[f[n] for n in names] for f in feats], dtype=float)
        out.append(np.hstack([x, x - x.max(axis=0)]))
    return out


def _pointwise(xs: list[Any], ys: list[Any], c: float) -> Any:
    """Logistic regression on every candidate (gold 1, others 0), classes balanced; returns a scoring function."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x, y = np.vstack(xs), np.concatenate(ys)
    scale = StandardScaler().fit(x)
    m = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(scale.transform(x), y)
    return lambda z: m.decision_function(scale.transform(z)), m.coef_[0]


def _pairwise(xs: list[Any], ys: list[Any], c: float) -> Any:
    """Logistic regression without intercept on differences: the gold candidate minus each other candidate of its
    question (label 1) and the negation (label 0), as `eval.fit_ranker.Pairwise` fits the candidate ranker."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scale = StandardScaler().fit(np.vstack(xs))
    diffs = []
    for x, y in zip(xs, ys, strict=True):
        z = scale.transform(x)
        g = int(np.argmax(y))
        diffs.append(z[g] - np.delete(z, g, axis=0))
    d = np.vstack(diffs)
    m = LogisticRegression(C=c, max_iter=3000, fit_intercept=False).fit(
        np.vstack([d, -d]), np.array([1] * len(d) + [0] * len(d)))
    return lambda z: scale.transform(z) @ m.coef_[0], m.coef_[0]


def heldout(rows: list[dict[str, Any]], xs: list[Any], c: float, folds: int, kind: str = "pointwise",
            cols: list[int] | None = None) -> tuple[list[int], Any]:
    """The held-out predicted top candidate of each question (GroupKFold over documents) and the weights of a model
    fitted on all; `cols` keeps only those feature columns."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    if cols is not None:
        xs = [x[:, cols] for x in xs]
    ys = [np.array([f["gold"] for f in r["figures"]]) for r in rows]
    groups = [r["doc"] for r in rows]
    fit = _pairwise if kind == "pairwise" else _pointwise
    pred = [-1] * len(rows)
    for train, test in GroupKFold(n_splits=folds).split(np.zeros(len(rows)), groups=groups):
        scorer, _ = fit([xs[i] for i in train], [ys[i] for i in train], c)
        for i in test:
            pred[i] = int(np.argmax(scorer(xs[i])))
    return pred, fit(xs, ys, c)[1]


def columns(names: tuple[str, ...], drop: tuple[str, ...]) -> list[int]:
    """The matrix columns (each feature and its relative twin) of the features not dropped."""
    keep = [k for k, n in enumerate(names) if n not in drop]
    return keep + [len(names) + k for k in keep]


def engine_top(r: dict[str, Any]) -> int:
    """The engine's top candidate: the highest link score (first in the document's order on a tie)."""
    best = max(f["engine"] for f in r["figures"])
    return next(i for i, f in enumerate(r["figures"]) if f["engine"] == best)


def report(rows: list[dict[str, Any]], preds: dict[str, list[int]]) -> list[str]:
    def acc(sel: list[int], p: list[int]) -> str:
        n = len(sel)
        hit = sum(rows[i]["figures"][p[i]]["gold"] for i in sel)
        return f"{hit}/{n} ({100 * hit / n:.1f}%)" if n else "0/0"

    eng = [engine_top(r) for r in rows]
    slices = {
        "all": list(range(len(rows))),
        "seed-dev": [i for i, r in enumerate(rows) if r["set"] == "seed-dev"],
        "articles-dev": [i for i, r in enumerate(rows) if r["set"] == "articles-dev"],
        "articles-dev, 8 newest": [i for i, r in enumerate(rows) if r["doc"] in NEWEST],
        "articles-dev, older 54": [i for i, r in enumerate(rows) if r["set"] == "articles-dev" and r["doc"] not in NEWEST],
    }
    lines = ["| linker | " + " | ".join(f"{k} (n={len(v)})" for k, v in slices.items()) + " |",
             "| --- | " + " | ".join("---" for _ in slices) + " |"]
    for name, p in {"engine link score": eng, **preds}.items():
        lines.append(f"| {name} | " + " | ".join(acc(sel, p) for sel in slices.values()) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=["seed-dev", "articles-dev"], choices=["seed-dev", "articles-dev"])
    ap.add_argument("--root", type=Path, default=None, help="where the article stores are built (a temporary dir)")
    ap.add_argument("--cache", type=Path, default=None, help="keep the collected candidates here (pickle) and reuse")
    ap.add_argument("--minilm", action="store_true", help="also fit with MiniLM similarities as features")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation of the logistic regression")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--ablate", action="store_true", help="also refit without each feature group")
    ap.add_argument("--kinds", nargs="+", default=["pointwise", "pairwise"], choices=["pointwise", "pairwise"])
    args = ap.parse_args(argv)
    import numpy as np

    t0 = time.time()
    if args.cache and args.cache.exists():
        rows = pickle.loads(args.cache.read_bytes())
    else:
        import tempfile

        root = args.root or Path(tempfile.mkdtemp(prefix="fit-linker-"))
        rows = [r for name in args.sets for r in collect(name, root)]
        if args.cache:
            args.cache.write_bytes(pickle.dumps(rows))
    t1 = time.time()
    print(f"collected {len(rows)} questions in {t1 - t0:.0f}s", file=sys.stderr)
    found = [r for r in rows if r["found"]]
    print(f"gold figure among the extracted candidates: {len(found)} of {len(rows)}; "
          f"candidates per question: {sum(len(r['figures']) for r in found) / max(1, len(found)):.1f}")
    embs = None
    if args.minilm:
        t2 = time.time()
        emb_cache = args.cache.with_suffix(".emb.pkl") if args.cache else None
        if emb_cache and emb_cache.exists():
            embs = pickle.loads(emb_cache.read_bytes())
        else:
            embs = embed_all(found)
            if emb_cache:
                emb_cache.write_bytes(pickle.dumps(embs))
        print(f"embedded in {time.time() - t2:.0f}s", file=sys.stderr)
    names = FEATURES + MINILM if args.minilm else FEATURES
    xs = matrix(found, names, embs)
    engine_feats = ("engine", "engine_rank", "scored")
    variants = {"learned": (FEATURES, ()), "learned, no engine score": (FEATURES, engine_feats)}
    if args.minilm:
        variants["learned + MiniLM"] = (names, ())
        variants["learned + MiniLM, no engine score"] = (names, engine_feats)
    preds: dict[str, list[int]] = {}
    weights = {}
    for label, (used, drop) in variants.items():
        cols = columns(names, tuple(n for n in names if n not in used) + drop)
        for kind in args.kinds:
            key = f"{label} ({kind})"
            preds[key], w = heldout(found, xs, args.c, args.folds, kind, cols)
            weights[key] = (w, [(names + tuple(n + " (rel)" for n in names))[k] for k in cols])
    print("\n".join(report(found, preds)))
    eng = [engine_top(r) for r in found]
    print("\nagainst the engine link score, per question (learned right & engine wrong / engine right & learned wrong):")
    for key, p in preds.items():
        gains = sum(found[i]["figures"][p[i]]["gold"] and not found[i]["figures"][eng[i]]["gold"] for i in range(len(p)))
        losses = sum(found[i]["figures"][eng[i]]["gold"] and not found[i]["figures"][p[i]]["gold"] for i in range(len(p)))
        print(f"  {key:48s} +{gains} / -{losses}")
    print("\ntop-1 by one feature alone (no fitting), all / 8 newest:")
    newest = [i for i, r in enumerate(found) if r["doc"] in NEWEST]
    for k, n in enumerate(names):
        top = [int(np.argmax(x[:, k])) for x in xs]
        hit = [found[i]["figures"][top[i]]["gold"] for i in range(len(found))]
        print(f"  {n:16s} {sum(hit)}/{len(hit)}  {sum(hit[i] for i in newest)}/{len(newest)}")
    if args.ablate:
        print("\nheld-out top-1 (pointwise, every feature) without one group, all / 8 newest:")
        groups = {"engine": ("engine", "engine_rank", "scored"), "index sim": ("sim",),
                  "word overlap": tuple(n for n in names if n.startswith(("w_", "j_"))),
                  "stem overlap": tuple(n for n in names if n.startswith("s_")),
                  "char 3-grams": tuple(n for n in names if n.startswith("c_")),
                  "years/numbers": ("year_hit", "year_miss", "year_none", "num_hit"), "MiniLM": MINILM}
        for g, drop in groups.items():
            p, _ = heldout(found, xs, args.c, args.folds, "pointwise", columns(names, drop))
            hit = [found[i]["figures"][p[i]]["gold"] for i in range(len(found))]
            print(f"  without {g:14s} {sum(hit)}/{len(hit)}  {sum(hit[i] for i in newest)}/{len(newest)}")
    best = max(preds, key=lambda k: sum(found[i]["figures"][p]["gold"] for i, p in enumerate(preds[k])))
    w, labels = weights[best]
    print(f"\nweights of '{best}' fitted on all (standardised features), largest first:")
    for n, v in sorted(zip(labels, w, strict=True), key=lambda x: -abs(x[1]))[:16]:
        print(f"  {n:22s} {v:+.2f}")
    print(f"\ntime: collect {t1 - t0:.0f}s, fit {time.time() - t1:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
