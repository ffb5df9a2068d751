"""How good is automatic figure extraction? Compare it with the curated tables.

For every document that has a curated table, extract figures automatically and match
them one-to-one: an extracted figure matches a curated one when the values agree (as
`qa.text.numbers.matches` reads them, or at another scale: 1,021 read as 1,021,000 still
matches, and counts against the scale field) and the quotes overlap in the text. Then

  precision  matched / extracted        recall  matched / curated

and, over the matched pairs, how often each field agrees: subject and measure by
content-token overlap (F1 of lower-cased words without stop words; "agree" means F1 >= 0.5),
period exactly, unit by family (a table's TWh or weeks are counts, "pp" percentage points),
scale (the value itself, not only its digits) and currency (GBP, USD) exactly.

Each field is also split by where the curated figure sits: a table cell (the quote overlaps a cell of one of the
tables the document's reading found: HTML, Markdown, aligned text, sheets) or prose (everything else). The same
engine can label the two very differently, and changes to the table readers move only the first.

Three groups: the seed corpus (`corpus/`), and the unseen articles of `eval/articles/dev` and
`eval/articles/test`, each read from the file as uploaded, the way `qa ingest` reads it (their
curated offsets point into the uploaded file, so a curated quote is found again in the text
the engine reads). The test half is sealed: only its aggregate figures are printed and written.

    python -m eval.extraction            # prints the table, writes eval/reports/extraction.md
    python -m eval.extraction --set articles-dev     # one group
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qa.corpus.extract import extract
from qa.corpus.figures import load_figures
from qa.corpus.store import load_documents
from qa.model.records import Document, Figure, Qualifier, Unit
from qa.text.documents import TextTable, detect_format, read
from qa.text.numbers import matches

ARTICLES = Path(__file__).resolve().parent / "articles"
GROUPS = ("seed", "articles-dev", "articles-test")
FIELDS = ("subject", "measure", "period", "period_span", "unit", "scale", "currency", "qualifier")
UNIT_FAMILY = {"pp": Unit.percentage_points, "percentage_points": Unit.percentage_points, "percent": Unit.percent,
               "money": Unit.money, "years": Unit.years, "date": Unit.date, "ratio": Unit.ratio}
QUALIFIER_OF = {"less than": Qualifier.nearly, "under": Qualifier.nearly, "almost": Qualifier.nearly}

REPORT = Path(__file__).resolve().parent / "reports" / "extraction.md"
STOP = {"the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "being", "were", "was"}
AGREE = 0.5


def tokens(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP}


def token_f1(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta and not tb:
        return 1.0
    common = len(ta & tb)
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


ORIGINS = ("table", "prose")


@dataclass
class Pair:
    curated: Figure
    extracted: Figure
    origin: str = "prose"  # where the curated figure sits: a table cell or prose (`origin_of`)

    @property
    def subject_f1(self) -> float:
        return token_f1(self.extracted.subject, self.curated.subject)

    @property
    def measure_f1(self) -> float:
        return token_f1(self.extracted.measure, self.curated.measure)


SCALES = (1.0, 1e3, 1e6, 1e9, 1e12)


def same_value(c: float, e: float) -> bool:
    """The same number, possibly read at another scale (1,021 for 1,021,000) or with its sign dropped."""
    for k in SCALES:
        for a, b in ((c, e * k), (c * k, e), (abs(c), abs(e) * k), (abs(c) * k, abs(e))):
            if a == b or matches(a, b) or matches(b, a):
                return True
    return False


def match(curated: list[Figure], extracted: list[Figure]) -> tuple[list[Pair], list[Figure], list[Figure]]:
    """Greedy one-to-one matching, closest start offset first."""
    options = sorted(
        (abs(c.start - e.start), i, j)
        for i, c in enumerate(curated)
        for j, e in enumerate(extracted)
        if c.doc_id == e.doc_id and c.start < e.end and e.start < c.end and same_value(c.value, e.value)
    )
    used_c: set[int] = set()
    used_e: set[int] = set()
    pairs = []
    for _, i, j in options:
        if i in used_c or j in used_e:
            continue
        used_c.add(i)
        used_e.add(j)
        pairs.append(Pair(curated[i], extracted[j]))
    missed = [c for i, c in enumerate(curated) if i not in used_c]
    extra = [e for j, e in enumerate(extracted) if j not in used_e]
    return sorted(pairs, key=lambda p: p.curated.start), missed, extra


QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
SPLIT_YEAR = re.compile(r"^(\d{4})[-/](\d{2})$")
MONTHS = re.compile(r"^(\d{4})-(\d{2})$")


def _bounds(part: str) -> tuple[str, str] | None:
    """A curated period's first and last month as the engine writes them: 2024-Q3 is 2024-07 to 2024-09; 2023-24 and
    2022/23 are twelve months from some month of the first year ("?" stands for the month); None if not one of these."""
    q = QUARTER.match(part)
    if q:
        year, n = q.group(1), int(q.group(2))
        return f"{year}-{3 * n - 2:02d}", f"{year}-{3 * n:02d}"
    y = SPLIT_YEAR.match(part)
    if y and int(y.group(2)) == (int(y.group(1)) + 1) % 100:
        return f"{y.group(1)}-?", f"{int(y.group(1)) + 1}-?"
    return None


def _months_of(part: str) -> tuple[str, str] | None:
    """A curated period's first and last month when it names them: a month ("2023-07"), a run of months
    ("2022-04/2023-03") or a quarter; None otherwise."""
    if MONTHS.match(part):
        return part, part
    run = part.split("/")
    if len(run) == 2 and all(MONTHS.match(r) for r in run):
        return run[0], run[1]
    return _bounds(part) if QUARTER.match(part) else None


def _change_between(curated: str) -> tuple[str, str] | None:
    """A curated change between two periods written "A to B" ("2022-04/2023-03 to 2023-04/2024-03", "2023-07 to
    2024-07"): from A's first month to B's last, as the engine writes a change; None when it is not one."""
    parts = curated.split(" to ")
    if len(parts) != 2:
        return None
    a, b = _months_of(parts[0].strip()), _months_of(parts[1].strip())
    return (a[0], b[1]) if a and b else None


def same_span(curated: str, extracted: str) -> bool:
    """The same period written in other notation: the curated tables write a quarter "2024-Q3" and a split year
    "2023-24" or "2022/23" where the engine writes months ("2024-07/2024-09", "2023-07/2024-06"); a change between
    two of them ("2023-Q3/2024-Q3", or written "2023-07 to 2024-07", "2022-04/2023-03 to 2023-04/2024-03") spans from
    the first's start to the second's end. The engine's choice of the month
    a split year starts in is not judged (an April or a July year both pass); every other period must be identical."""
    if curated == extracted:
        return True
    between = _change_between(curated)
    if between is not None:
        return extracted == "/".join(between)
    ends: list[tuple[str, str]] = []
    for part in curated.split("/") if curated.count("/") == 1 and not SPLIT_YEAR.match(curated) else [curated]:
        b = _bounds(part)
        if b is None:
            return False
        ends.append(b)
    start, end = ends[0][0], ends[-1][1]
    got = extracted.split("/")
    if len(got) != 2 or not all(MONTHS.match(g) for g in got):
        return False
    a, b = got
    if "?" not in start:
        return (a, b) == (start, end)
    months = (int(b[:4]) - int(a[:4])) * 12 + int(b[5:]) - int(a[5:]) + 1
    return a[:4] == start[:4] and b[:4] == end[:4] and months == 12 * len(ends)


def _share(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.1f}%)" if d else "0/0"


def unit_of(raw: str) -> Unit:
    """A curated unit as the engine's family: a physical unit (TWh, weeks, hours) is a count."""
    return UNIT_FAMILY.get(raw, Unit.count)


def agrees(p: Pair, name: str) -> bool:
    c, e = p.curated, p.extracted
    if name == "subject":
        return p.subject_f1 >= AGREE
    if name == "measure":
        return p.measure_f1 >= AGREE
    if name == "period":
        return e.period == c.period
    if name == "period_span":
        return same_span(c.period, e.period)
    if name == "unit":
        return e.unit == c.unit
    if name == "scale":
        return e.value == c.value or matches(c.value, e.value) or matches(e.value, c.value)
    if name == "currency":
        return (e.currency or "") == (c.currency or "")
    return e.qualifier == c.qualifier


def _locate(text: str, quote: str, near: float, raw: str = "", start: int = -1) -> tuple[int, int] | None:
    """Where a curated quote (written against the uploaded file) is in the text the engine reads: its n-th
    occurrence when the uploaded file and the text hold it equally often (a value written in several cells of a
    table), else the occurrence nearest its relative position."""
    spots = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not spots:
        return None
    in_raw = [m.start() for m in re.finditer(re.escape(quote), raw)] if raw else []
    if start in in_raw and len(in_raw) == len(spots):
        at = spots[in_raw.index(start)]
    else:
        at = min(spots, key=lambda s: abs(s / max(1, len(text)) - near))
    return at, at + len(quote)


Span = tuple[int, int]


def cell_spans(tables: list[TextTable]) -> list[Span]:
    """Every cell of a document's tables, as offsets into its text."""
    return sorted({(c.start, c.end) for t in tables for r in t.rows for c in r if c.end > c.start})


def origin_of(f: Figure, cells: list[Span]) -> str:
    """'table' when a figure's quote overlaps one of the document's table cells, else 'prose'."""
    return "table" if any(f.start < b and a < f.end for a, b in cells) else "prose"


@dataclass
class Article:
    """One article folder as the evaluation reads it."""

    doc: Document
    curated: list[Figure]
    extracted: list[Figure]
    skipped: int
    cells: list[Span]


def article_pairs(folder: Path) -> tuple[Document, list[Figure], list[Figure], int]:
    """One article folder: the document as ingest reads it, its curated figures (re-located), the extracted ones."""
    a = read_article(folder)
    return a.doc, a.curated, a.extracted, a.skipped


def read_article(folder: Path) -> Article:
    """One article folder: the document, its curated figures (re-located), the extracted ones and its table cells."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    path = next(p for p in sorted(folder.glob("article.*")))
    data = path.read_bytes()
    reading = read(data, path.name, detect_format(path, data))
    doc = Document(id=meta["id"], title=meta["title"], published=date.fromisoformat(meta["published"]),
                   text=reading.text)
    raw = data.decode("utf-8-sig")
    curated: list[Figure] = []
    with (folder / "figures.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            where = _locate(doc.text, row["quote"], int(row["start"]) / max(1, len(raw)), raw, int(row["start"]))
            start, end = where if where else (-1, -1)  # a quote the reading changed: counted as missed
            curated.append(Figure(
                id=row["id"], doc_id=doc.id, subject=row["subject"], measure=row["measure"], period=row["period"],
                value=float(row["value"]), unit=unit_of(row["unit"]),
                qualifier=QUALIFIER_OF.get(row["qualifier"], Qualifier(row["qualifier"]) if row["qualifier"] in
                                           {q.value for q in Qualifier} else Qualifier.exact),
                quote=row["quote"], start=start, end=end, currency=row.get("currency") or ""))
    result = extract(doc, reading.tables)
    return Article(doc, curated, result.figures, len(result.skipped), cell_spans(reading.tables))


def group_inputs(group: str, corpus_dir: Path) -> tuple[list[Document], list[Figure], list[Figure], int]:
    docs, curated, extracted, skipped, _ = group_reading(group, corpus_dir)
    return docs, curated, extracted, skipped


def group_reading(group: str, corpus_dir: Path
                  ) -> tuple[list[Document], list[Figure], list[Figure], int, dict[str, list[Span]]]:
    """A group's documents, curated and extracted figures, refused candidates, and each document's table cells (the
    seed corpus is read as plain text without tables)."""
    if group == "seed":
        documents = load_documents(corpus_dir)
        curated = load_figures(corpus_dir, documents)
        docs = [d for d in documents if any(f.doc_id == d.id for f in curated)]
        extracted: list[Figure] = []
        skipped = 0
        for d in docs:
            result = extract(d)
            extracted.extend(result.figures)
            skipped += len(result.skipped)
        return docs, curated, extracted, skipped, {}
    split = group.split("-", 1)[1]
    docs, curated, extracted, skipped, cells = [], [], [], 0, {}
    for folder in sorted(p for p in (ARTICLES / split).iterdir() if p.is_dir()):
        a = read_article(folder)
        docs.append(a.doc)
        curated += a.curated
        extracted += a.extracted
        skipped += a.skipped
        cells[a.doc.id] = a.cells
    return docs, curated, extracted, skipped, cells


def field_stats(pairs: list[Pair]) -> dict[str, float]:
    """How often each field agrees over some matched pairs (0 when there are none)."""
    n = len(pairs)
    return {name: sum(agrees(p, name) for p in pairs) / n if n else 0.0 for name in FIELDS}


def split_lines(pairs: list[Pair], missed: list[Figure], cells: dict[str, list[Span]]) -> list[str]:
    """The fields' agreement split by where the curated figure sits: a table cell or prose."""
    by = {o: [p for p in pairs if p.origin == o] for o in ORIGINS}
    lost = {o: sum(origin_of(c, cells.get(c.doc_id, [])) == o for c in missed) for o in ORIGINS}
    lines = ["### Table cells and prose", "",
             "| field | " + " | ".join(ORIGINS) + " |", "| --- | " + " | ".join("---" for _ in ORIGINS) + " |",
             "| recall (matched / curated) | "
             + " | ".join(_share(len(by[o]), len(by[o]) + lost[o]) for o in ORIGINS) + " |"]
    for name in FIELDS:
        lines.append(f"| {name} agrees | "
                     + " | ".join(_share(sum(agrees(p, name) for p in by[o]), len(by[o])) for o in ORIGINS) + " |")
    return lines + [""]


def per_document_lines(pairs: list[Pair]) -> list[str]:
    """Per document, the table figures' and the prose figures' subject, measure and period agreement."""
    lines = ["### Per document (table / prose: matched, subject, measure, period agree)", "",
             "| document | table n | subject | measure | period | prose n | subject | measure | period |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for doc_id in sorted({p.curated.doc_id for p in pairs}):
        cells = []
        for o in ORIGINS:
            mine = [p for p in pairs if p.curated.doc_id == doc_id and p.origin == o]
            cells += [str(len(mine)), *(str(sum(agrees(p, f) for p in mine)) for f in ("subject", "measure", "period"))]
        lines.append(f"| {doc_id} | " + " | ".join(cells) + " |")
    return lines + [""]


def evaluate_group(group: str, corpus_dir: Path) -> tuple[list[str], dict[str, float]]:
    docs, curated, extracted, skipped, cells = group_reading(group, corpus_dir)
    pairs, missed, extra = match(curated, extracted)
    for p in pairs:
        p.origin = origin_of(p.curated, cells.get(p.curated.doc_id, []))
    n = len(pairs)
    stats = {
        "precision": n / len(extracted) if extracted else 0.0,
        "recall": n / len(curated) if curated else 0.0,
        **field_stats(pairs),
        "measure_f1": sum(p.measure_f1 for p in pairs) / n if n else 0.0,
    }
    for o in ORIGINS:
        mine = [p for p in pairs if p.origin == o]
        stats[f"{o}_n"] = float(len(mine))
        stats.update({f"{o}_{k}": v for k, v in field_stats(mine).items()})
    sealed = group.endswith("-test")
    lines = [
        f"## {group}", "",
        f"Documents: {len(docs)}" + ("" if sealed else f" ({', '.join(d.id for d in docs)})") + ".", "",
        "| measure | result |",
        "| --- | --- |",
        f"| precision (matched / extracted) | {_share(n, len(extracted))} |",
        f"| recall (matched / curated) | {_share(n, len(curated))} |",
    ]
    for name in FIELDS:
        how = {"subject": f" (token F1 >= {AGREE})", "measure": f" (token F1 >= {AGREE})", "period": " (identical)",
               "period_span": " (same months, notation aside)", "unit": " (family)", "scale": " (the value itself)"}.get(name, "")
        lines.append(f"| {name} agrees{how} | {_share(sum(agrees(p, name) for p in pairs), n)} |")
    lines += [f"| measure token F1, mean | {stats['measure_f1']:.2f} |",
              f"| candidates refused by validation | {skipped} |", ""]
    lines += split_lines(pairs, missed, cells)
    if sealed:
        lines += ["Sealed: aggregate figures only.", ""]
        return lines, stats
    lines += [
        "### Matched figures", "",
        "| curated id | from | value | subject (curated / extracted) | measure (curated / extracted) "
        "| period (curated / extracted) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for p in pairs:
        c, e = p.curated, p.extracted
        lines.append(
            f"| {c.id} | {p.origin} | {c.value:g} / {e.value:g} | {c.subject} / {e.subject} | {c.measure} / {e.measure} "
            f"| {c.period or '-'} / {e.period or '-'} |"
        )
    lines += ["", *per_document_lines(pairs)]
    lines += ["### Curated figures not extracted", ""]
    lines += [f"- {c.id}: {c.value:g} in \"{c.quote}\"" for c in missed] or ["- none"]
    lines += ["", "### Extracted figures with no curated counterpart", ""]
    lines += [f"- {e.value:g} {e.unit.value}: \"{e.quote}\" ({e.subject} / {e.measure})" for e in extra] or ["- none"]
    return lines + [""], stats


def evaluate(corpus_dir: Path, groups: tuple[str, ...] = ("seed",)) -> tuple[str, dict[str, dict[str, float]]]:
    lines = ["# Figure extraction against the curated tables", "",
             "Generated by `python -m eval.extraction`. A match needs the same value (at any scale) and overlapping",
             "quotes. Subject and measure are compared by content words, so \"West Midlands\" half-agrees with",
             "\"West Midlands Police\".", ""]
    stats: dict[str, dict[str, float]] = {}
    for group in groups:
        part, stats[group] = evaluate_group(group, corpus_dir)
        lines += part
    return "\n".join(lines) + "\n", stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.extraction", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent.parent / "corpus",
                        help="corpus folder with documents/ and figures/ (default: the repo's)")
    parser.add_argument("--set", action="append", choices=GROUPS, default=None, dest="groups",
                        help="a group to measure (repeatable); default: all three")
    parser.add_argument("--out", type=Path, default=REPORT, help=f"report path (default: {REPORT})")
    args = parser.parse_args(argv)
    report, stats = evaluate(args.corpus, tuple(args.groups or GROUPS))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    keys = ["precision", "recall", *FIELDS, "measure_f1",
            *(f"{o}_{k}" for o in ORIGINS for k in ("n", "subject", "measure", "period", "period_span", "unit",
                                                     "scale", "currency"))]
    print(f"{'':<18}" + "".join(f"{g:>15}" for g in stats))
    for key in keys:
        cells = [f"{v[key]:.2f}" if key == "measure_f1" else f"{v[key]:.0f}" if key.endswith("_n")
                 else f"{100 * v[key]:.1f}%" for v in stats.values()]
        print(f"{key:<18}" + "".join(f"{c:>15}" for c in cells))
    print(f"report written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
