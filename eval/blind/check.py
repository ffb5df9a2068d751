"""Check an article folder: python check.py <folder>. Prints problems, or OK with counts."""
import csv
import json
import re
import sys
from pathlib import Path

CATS = {"lookup", "stated_percentage", "computed_percentage", "percent_change", "difference", "pp_difference", "sum",
        "ratio", "share", "comparison", "yes_no", "when", "text", "unanswerable", "followup", "paraphrase",
        "unsupported_claim"}
FUNCS = {"percentage_of", "share", "pct_change", "difference", "pp_difference", "sum", "ratio", "complement",
         "average", "percent", "figure"}
UNITS = {"count", "percent", "pp", "money", "ratio", "years", "date"}


def main(folder: Path) -> int:
    bad = []
    meta = json.loads((folder / "meta.json").read_text())
    if meta.get("id") != folder.name:
        bad.append(f"meta.json id {meta.get('id')!r} is not the folder name")
    arts = list(folder.glob("article.*"))
    if len(arts) != 1:
        return print("need exactly one article.* file") or 1
    text = arts[0].read_text(encoding="utf-8")
    ids = set()
    with open(folder / "figures.csv", newline="", encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f), 2):
            if row["id"] in ids:
                bad.append(f"figures.csv line {n}: duplicate id {row['id']}")
            ids.add(row["id"])
            if row["doc_id"] != folder.name:
                bad.append(f"figures.csv line {n}: doc_id {row['doc_id']!r}")
            if row["unit"] not in UNITS:
                bad.append(f"figures.csv line {n}: unit {row['unit']!r}")
            try:
                float(row["value"])
                s, e = int(row["start"]), int(row["end"])
            except ValueError as exc:
                bad.append(f"figures.csv line {n}: {exc}")
                continue
            if text[s:e] != row["quote"]:
                bad.append(f"figures.csv line {n}: text[{s}:{e}] is {text[s:e]!r}, not the quote {row['quote']!r}")
    qids = set()
    cats = {}
    for n, line in enumerate((folder / "questions.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        q = json.loads(line)
        if q["id"] in qids:
            bad.append(f"questions line {n}: duplicate id")
        qids.add(q["id"])
        if q["category"] not in CATS:
            bad.append(f"questions line {n}: category {q['category']!r}")
        cats[q["category"]] = cats.get(q["category"], 0) + 1
        g = q["gold"]
        if isinstance(g, dict) and "expr" in g:
            for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", g["expr"]):
                if name not in FUNCS and name not in ids:
                    bad.append(f"questions line {n}: unknown figure id or function {name!r}")
        for t in q.get("history", []):
            if set(t) != {"question", "answer"}:
                bad.append(f"questions line {n}: history turns need question and answer")
    for b in bad:
        print(b)
    if not bad:
        print(f"OK: {len(ids)} figures, {len(qids)} questions, categories {cats}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
