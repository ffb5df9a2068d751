"""The evaluation sets: where each lives, how its gold is read, and which store answers it.

    seed-dev        eval/sets/seed-dev.jsonl     the seed article; look at it, tune on it
    seed-test       eval/sets/seed-test.jsonl    the seed article; sealed (aggregate figures only)
    articles-dev    eval/articles/dev/<doc>/     unseen articles, ingested with `qa ingest`; tune on it
    articles-test   eval/articles/test/<doc>/    unseen articles; sealed
    tatqa           eval/tatqa/dev-sample.json   TAT-QA dev (external): a fixed 150-question sample

An article folder holds the article as a user would upload it (`article.txt|md|html`), its
`meta.json` (id, title, published), a hand-curated `figures.csv` (the gold's figures; never shown
to the engine) and `questions.jsonl`. The article sets are answered by a store holding the seed
corpus *and* every article of the split, as a user's store would: the engine must find the right
document itself.

A sealed set (`test`) is scored in aggregate and by category; its per-question rows are not
written unless `--unseal` is given (and a set read that way is spent: move it to dev).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from eval.gold import EVAL_DIR, GoldError, GoldItem, load_gold, read_figure_values

SETS_DIR = EVAL_DIR / "sets"
ARTICLES_DIR = EVAL_DIR / "articles"
REPO = EVAL_DIR.parent
SEED_FIGURES = REPO / "corpus" / "figures"
TATQA_DEFAULT = EVAL_DIR / "tatqa" / "dev-sample.json"  # 150 questions of TAT-QA dev, credited in its README

SET_NAMES = ("seed-dev", "seed-test", "articles-dev", "articles-test", "tatqa")


@dataclass
class Article:
    doc_id: str
    path: Path  # the article file as uploaded
    title: str
    published: str


@dataclass
class EvalSet:
    name: str
    sealed: bool
    items: list[GoldItem] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)  # to ingest before asking (article sets)


def seed_figures(folder: Path = SEED_FIGURES) -> dict[str, tuple[float, str]]:
    values: dict[str, tuple[float, str]] = {}
    for path in sorted(Path(folder).glob("*.csv")):
        values.update(read_figure_values(path))
    return values


def load_seed_set(name: str, path: Path | None = None, figures_dir: Path = SEED_FIGURES) -> EvalSet:
    path = path or SETS_DIR / f"{name}.jsonl"
    return EvalSet(name=name, sealed=name.endswith("-test"), items=load_gold(path, seed_figures(figures_dir)))


def _article_file(folder: Path) -> Path:
    found = [p for p in sorted(folder.glob("article.*")) if p.suffix in (".txt", ".md", ".html", ".htm")]
    if len(found) != 1:
        raise GoldError(f"{folder}: expected one article.txt/.md/.html, found {len(found)}")
    return found[0]


def load_article_set(name: str, root: Path = ARTICLES_DIR) -> EvalSet:
    split = name.split("-", 1)[1]
    folder = root / split
    if not folder.is_dir():
        raise GoldError(f"no article folder {folder}")
    out = EvalSet(name=name, sealed=split == "test")
    for art in sorted(p for p in folder.iterdir() if p.is_dir()):
        meta = json.loads((art / "meta.json").read_text(encoding="utf-8"))
        doc_id = meta["id"]
        out.articles.append(Article(doc_id, _article_file(art), meta["title"], meta["published"]))
        figures = read_figure_values(art / "figures.csv")
        for item in load_gold(art / "questions.jsonl", figures, document=doc_id):
            out.items.append(item)
    return out


def load_set(name: str) -> EvalSet:
    if name.startswith("seed-"):
        return load_seed_set(name)
    if name.startswith("articles-"):
        return load_article_set(name)
    raise GoldError(f"unknown set {name!r}; valid: {', '.join(SET_NAMES)}")
