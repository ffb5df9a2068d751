"""The figures table: one CSV per document under corpus/figures/, validated with pandas."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import IO

import pandas as pd

from qa.model.errors import BadFigures
from qa.model.records import Document, Figure, Qualifier, Unit
from qa.text.currencies import is_currency
from qa.text.numbers import matches, numbers_in

COLUMNS = ["id", "doc_id", "subject", "measure", "period", "value", "unit", "qualifier", "quote", "start", "end"]
# Optional columns, with the value a table without them means: a currency code and the quote's scale.
OPTIONAL = {"currency": "", "scale": "1"}
ALL_COLUMNS = COLUMNS + list(OPTIONAL)
BRACKETED = re.compile(r"^\s*(?:US\$|[£$€])?\s*\(.*\d.*\)\s*%?\s*$")
CURRENCIES = {"", "GBP", "USD", "EUR", "JPY", "CAD", "AUD", "CHF", "CNY", "INR", "KRW", "NZD", "HKD", "SGD", "SEK", "NOK", "DKK"}


def read_table(path: Path | IO[bytes], name: str | None = None) -> pd.DataFrame:
    """A figures table from a file, or from its bytes (`name` then says which file they are)."""
    label = name or getattr(path, "name", "figures")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise BadFigures(f"{label}: not a readable CSV ({exc}).") from None
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise BadFigures(f"{label}: missing column(s) {', '.join(missing)}.")
    for column, default in OPTIONAL.items():
        if column not in df.columns:
            df[column] = default
        df[column] = df[column].replace("", default)
    return df[ALL_COLUMNS]


def validate(df: pd.DataFrame, documents: dict[str, Document], source: str = "figures") -> list[Figure]:
    """Turn a table into Figures, refusing it with a message that names the first bad row."""
    units = {u.value for u in Unit}
    qualifiers = {q.value for q in Qualifier}
    seen: set[str] = set()
    figures: list[Figure] = []
    for i, row in zip(df.index, df.to_dict("records"), strict=True):  # dicts: iterrows builds a Series per row
        where = f"{source} row {int(str(i)) + 2} (id {row['id']!r})"
        if not row["id"]:
            raise BadFigures(f"{where}: the id is empty.")
        if row["id"] in seen:
            raise BadFigures(f"{where}: duplicate id.")
        seen.add(row["id"])
        if row["unit"] not in units:
            raise BadFigures(f"{where}: unknown unit {row['unit']!r}; use one of {', '.join(sorted(units))}.")
        if row["qualifier"] not in qualifiers:
            raise BadFigures(f"{where}: unknown qualifier {row['qualifier']!r}; use one of {', '.join(sorted(qualifiers))}.")
        try:
            value = float(row["value"])
            start, end = int(row["start"]), int(row["end"])
        except ValueError:
            raise BadFigures(f"{where}: value must be a number and start/end whole numbers.") from None
        try:
            scale = float(row.get("scale") or 1)
        except ValueError:
            raise BadFigures(f"{where}: the scale must be a number, not {row.get('scale')!r}.") from None
        if not scale > 0:
            raise BadFigures(f"{where}: the scale must be a positive number, not {row.get('scale')!r}.")
        currency = str(row.get("currency") or "")
        if currency not in CURRENCIES and not is_currency(currency):
            raise BadFigures(f"{where}: unknown currency {currency!r}; use an ISO 4217 code such as "
                             f"{', '.join(sorted(CURRENCIES - {''}))}, or a currency's name (pesos).")
        doc = documents.get(row["doc_id"])
        if doc is None:
            raise BadFigures(f"{where}: unknown document {row['doc_id']!r}.")
        if doc.text[start:end] != row["quote"]:
            raise BadFigures(f"{where}: the quote is not found at {start}-{end} of {doc.id}.")
        # accounts write a negative in brackets: "(40)" is -40
        signed = [-n for n in numbers_in(row["quote"])] if BRACKETED.match(row["quote"]) else []
        if not any(matches(value / scale, n) or n * scale == value for n in numbers_in(row["quote"]) + signed):
            raise BadFigures(f"{where}: the value {row['value']} is not in its quote {row['quote']!r}.")
        figures.append(
            Figure(
                id=row["id"], doc_id=row["doc_id"], subject=row["subject"], measure=row["measure"],
                period=row["period"], value=value, unit=Unit(row["unit"]),
                qualifier=Qualifier(row["qualifier"]), quote=row["quote"], start=start, end=end,
                currency=currency, scale=scale,
            )
        )
    return figures


def load_figures(corpus_dir: Path, documents: list[Document], tables: dict[str, bytes] | None = None) -> list[Figure]:
    """The curated tables (`corpus/figures/*.csv`), or the same tables as bytes by file name."""
    by_id = {d.id: d for d in documents}
    out: list[Figure] = []
    seen: set[str] = set()
    if tables is None:
        tables = {p.name: p.read_bytes() for p in sorted((corpus_dir / "figures").glob("*.csv"))}
    for name in sorted(tables):
        for f in validate(read_table(io.BytesIO(tables[name]), name), by_id, source=name):
            if f.id in seen:
                raise BadFigures(f"{name}: id {f.id!r} is used by another table too.")
            seen.add(f.id)
            out.append(f)
    return out


def to_frame(figures: list[Figure]) -> pd.DataFrame:
    return pd.DataFrame([f.model_dump(mode="json") for f in figures], columns=ALL_COLUMNS)
