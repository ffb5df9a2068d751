"""Spreadsheets as documents: a CSV file or the sheets of an XLSX workbook, read with pandas.

The sheet is rendered into the document's text the way the HTML and Markdown readers render a
table (`qa.text.documents`): the title on the first line, then for each sheet its caption (the
sheet's name, or the title line written above its table), then one paragraph per row with the
cells joined by " | ". The reading carries a `TextTable` per sheet whose cells point into that
text, so `qa.corpus.tables` labels the cells exactly as it labels any other table (subject the
row label, measure the column label and the caption, period, unit and scale from the labels and
cells) and every figure's quote is the cell as it stands in the stored text.

A workbook's numbers and dates are shown as its number formats show them (percent, thousands
separators, decimals, a currency sign, a month), read by one openpyxl pass beside pandas' values.

Refused, with a message a person can act on: bytes that are not a CSV or an XLSX workbook, an
old binary .xls, a workbook that unpacks to more than `UNPACKED_PER_BYTE` times the document cap,
a sheet spanning more than `CELLS_PER_FIGURE` times the figure cap (checked before pandas builds a
frame), a row with more cells than the header, a formula with no saved result (and a CSV cell that
is a formula), and a file with no number in any cell.
"""

from __future__ import annotations

import csv
import io
import numbers
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from qa.corpus.tables import numeric
from qa.model.errors import BadDocument
from qa.text.documents import DocumentText, TableCell, TextTable, decode, find_date, normalise

SHEET_FORMATS = ("csv", "xlsx")
CELL_SEPARATOR = " | "  # as the HTML and Markdown readers join a row's cells
DELIMITERS = ",;\t|"
MAX_HEADER_ROWS = 3
UNPACKED_PER_BYTE = 20  # an XLSX unpacking to more than 20x the document cap is refused before it is parsed
CELLS_PER_FIGURE = 40  # a sheet spanning more than 40x QA_MAX_FIGURES_PER_DOCUMENT cells is refused before pandas
FORMULA = re.compile(r"^=\s*(?:[A-Za-z][A-Za-z0-9.]*\s*\(|\$?[A-Za-z]{1,3}\$?\d)")
GENERIC_SHEET = re.compile(r"^(?:sheet|tabelle|feuil|hoja|foglio)\s*\d*$", re.I)
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old binary Excel file (OLE2)


@dataclass
class Sheet:
    """One sheet's cells as text (rows of equal width) and the lines written around its table."""

    name: str
    rows: list[list[str]]
    above: list[str]  # single-cell lines above the table: a title, notes
    below: list[str]  # single-cell lines below it: "Source: ...", units


def title_from_name(name: str) -> str:
    """'bed_occupancy-northshire 2024.csv' -> 'bed occupancy northshire 2024': a file's name, as words."""
    stem = Path(name).stem if "." in name else name
    stem = re.sub(r"(?:19|20)\d\d-\d\d-\d\d", " ", stem)  # a date in the name dates the document, not its title
    return " ".join(re.sub(r"[_\-.]+", " ", stem).split()) or stem


def _cell_text(value: object) -> str:
    """A cell as people read it: the text a CSV holds as written; a spreadsheet's number without float noise."""
    if value is None or (isinstance(value, float) and value != value):  # NaN: an empty cell
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, numbers.Integral):  # numpy's integers too
        return str(int(value))
    if isinstance(value, numbers.Real):
        x = float(value)
        return str(int(x)) if x.is_integer() and abs(x) < 1e15 else f"{x:.12g}"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    # one line per row: a line break inside a cell would split its row; a bar would read as a cell boundary
    return " ".join(str(value).replace("|", "/").split())


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Without the rows and columns that are empty throughout."""
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    keep = [c for c in range(width) if any(r[c] for r in rows)]
    return [[r[c] for c in keep] for r in rows]


def _split_lines(rows: list[list[str]]) -> tuple[list[str], list[list[str]], list[str]]:
    """Lines above and below the table (rows with only their first cell filled) apart from the table itself."""
    def single(r: list[str]) -> bool:
        return bool(r[0]) and not any(r[1:])

    above: list[str] = []
    while rows and len(rows[0]) > 1 and single(rows[0]) and not numeric(rows[0][0]):
        above.append(rows.pop(0)[0])
    below: list[str] = []
    while rows and len(rows[-1]) > 1 and single(rows[-1]) and not numeric(rows[-1][0]):
        below.insert(0, rows.pop()[0])
    return above, _trim(rows), below


def _sheet(name: str, cells: list[list[str]]) -> Sheet | None:
    rows = _trim(cells)
    if not rows:
        return None
    above, table, below = _split_lines(rows)
    return Sheet(name, table, above, below)


def _widths(text: str, delimiter: str) -> list[tuple[int, int]]:
    """(line number, cells) of every non-blank record, as the csv module splits it."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [(reader.line_num, len(rec)) for rec in reader if any(c.strip() for c in rec)]
    except csv.Error:
        return []


def _delimiter(text: str) -> str:
    """The delimiter that splits most of the first lines into the same number (above one) of cells."""
    sample = text[:16384].rsplit("\n", 1)[0] if len(text) > 16384 else text
    best, score = ",", 0
    for d in DELIMITERS:
        counts = [n for _, n in _widths(sample, d) if n > 1]
        top = max((counts.count(n) for n in set(counts)), default=0)
        if top > score:
            best, score = d, top
    return best


def _too_many_cells(name: str, where: str, rows: int, columns: int, max_cells: int) -> BadDocument:
    from qa.corpus.intake import DocumentTooLarge

    return DocumentTooLarge(
        f"{name}{where} spans {rows:,} rows by {columns:,} columns ({rows * columns:,} cells); at most {max_cells:,} "
        f"are read ({CELLS_PER_FIGURE} times QA_MAX_FIGURES_PER_DOCUMENT). Split it, or delete stray cells far "
        "from the table.")


def read_csv_sheet(data: bytes, name: str, max_cells: int = 80_000) -> Sheet | None:
    text = decode(data, name, "text")
    delimiter = _delimiter(text)
    widths = _widths(text, delimiter)
    # a title or note line above or below the table is one cell; every row of the table has the header's width
    width = next((n for _, n in widths if n > 1), 1)
    for line, n in widths:
        if n > width:
            raise BadDocument(f"{name} is not a table: line {line} has {n} cells where the header has {width}. "
                              "Every row needs the same number of cells as the header.")
    if not widths:
        return None
    if len(widths) * width > max_cells:
        raise _too_many_cells(name, "", len(widths), width, max_cells)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, names=list(range(width)), dtype=str,
                            keep_default_na=False, skip_blank_lines=True, engine="c")
    except (pd.errors.EmptyDataError, pd.errors.ParserError) as exc:
        raise BadDocument(f"{name} is not a table pandas can read: {str(exc).strip()}.") from None
    rows = [[_cell_text(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row):
            if FORMULA.match(cell):
                raise BadDocument(f"{name}: row {r}, column {c + 1} holds a spreadsheet formula ({cell[:40]}), not a "
                                  "value. Export the sheet's values (in a spreadsheet: save as CSV) and ingest that.")
    return _sheet(title_from_name(name), rows)


def _column_letter(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _check_workbook(data: bytes, name: str, max_bytes: int) -> None:
    if data.startswith(XLS_MAGIC):
        raise BadDocument(f"{name} is an old binary Excel (.xls) file; save it as .xlsx or CSV and ingest that.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            unpacked = sum(i.file_size for i in z.infolist())
    except Exception:  # noqa: BLE001 - zipfile raises BadZipFile, OSError, NotImplementedError... on damaged bytes
        raise BadDocument(f"{name} is not an XLSX workbook (it is not a readable zip archive). Save it as .xlsx or "
                          "CSV.") from None
    if "xl/workbook.xml" not in names:
        raise BadDocument(f"{name} is a zip archive but not an XLSX workbook (no xl/workbook.xml).")
    if unpacked > UNPACKED_PER_BYTE * max_bytes:
        from qa.corpus.intake import DocumentTooLarge

        raise DocumentTooLarge(f"{name} unpacks to {unpacked:,} bytes; the limit is {UNPACKED_PER_BYTE} times "
                               f"QA_MAX_DOCUMENT_BYTES ({UNPACKED_PER_BYTE * max_bytes:,}). Split the workbook.")


@dataclass
class _Styles:
    """What pandas does not read from a workbook: each cell's number format, and formulas with no saved result."""

    formats: dict[str, dict[tuple[int, int], str]]  # sheet -> (row, column) -> number format, where not "General"
    unsaved: str | None  # the first formula whose result was never saved ("Totals!B4 =SUM(B2:B3)")


def _extent(data: bytes, name: str, max_cells: int) -> None:
    """Refuse a sheet whose cells span more than `max_cells` (a value in XFD1048576 would have pandas build a
    frame of 17 billion cells). Only the cells written in the file are visited: its stated dimensions may lie."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for ws in book.worksheets:
            ws.reset_dimensions()  # type: ignore[union-attr]
            rows = columns = 0
            for row in ws.iter_rows():  # type: ignore[union-attr]
                for cell in row:
                    if getattr(cell, "value", None) is not None:
                        rows = max(rows, cell.row)  # type: ignore[union-attr,type-var]
                        columns = max(columns, cell.column)  # type: ignore[union-attr,type-var]
            if rows * columns > max_cells:
                raise _too_many_cells(name, f", sheet {ws.title!r},", rows, columns, max_cells)
    finally:
        book.close()


def _styles(data: bytes, values: dict[str, pd.DataFrame]) -> _Styles:
    from openpyxl import load_workbook

    formats: dict[str, dict[tuple[int, int], str]] = {}
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        for ws in book.worksheets:
            frame = values.get(ws.title)
            mine = formats.setdefault(ws.title, {})
            ws.reset_dimensions()  # type: ignore[union-attr]
            for row in ws.iter_rows():  # type: ignore[union-attr]
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None:
                        continue
                    r, c = cell.row - 1, cell.column - 1  # type: ignore[union-attr,operator]
                    fmt = getattr(cell, "number_format", "General") or "General"
                    if fmt != "General":
                        mine[(r, c)] = fmt
                    if isinstance(value, str) and value.startswith("="):
                        inside = frame is not None and r < frame.shape[0] and c < frame.shape[1]
                        saved = frame.iat[r, c] if inside else None  # type: ignore[union-attr]
                        if saved is None or (isinstance(saved, float) and saved != saved):
                            return _Styles(formats, f"{ws.title}!{_column_letter(c + 1)}{r + 1} {value[:40]}")
    finally:
        book.close()
    return _Styles(formats, None)


FORMAT_CURRENCY = re.compile(r"[£$€]")
FORMAT_DECIMALS = re.compile(r"0\.(0+)")


def _formatted(value: object, fmt: str) -> str:
    """A number or date as its cell's number format shows it, for the formats statistics tables use: percent
    ("0.0%": 0.123 -> 12.3%), thousands separators ("#,##0"), fixed decimals, a currency sign; a date whose
    format has no day is its month ("mmm-yy": Jan 2024). Anything else is the plain value."""
    if isinstance(value, datetime) and "d" not in fmt.lower().replace("[$-", ""):
        return value.strftime("%b %Y")
    if not isinstance(value, numbers.Real) or isinstance(value, bool) or value != value:
        return _cell_text(value)
    section = fmt.split(";", 1)[0]
    decimals = FORMAT_DECIMALS.search(section)
    places = len(decimals.group(1)) if decimals else 0
    number = float(value) * (100 if "%" in section else 1)
    if not decimals and "%" not in section and "," not in section and "0" not in section:
        return _cell_text(value)
    text = f"{abs(number):,.{places}f}" if "," in section else f"{abs(number):.{places}f}"
    sign = FORMAT_CURRENCY.search(section)
    text = ("-" if number < 0 else "") + (sign.group(0) if sign else "") + text + ("%" if "%" in section else "")
    return text


def read_xlsx_sheets(data: bytes, name: str, max_bytes: int, max_cells: int = 80_000) -> list[Sheet]:
    _check_workbook(data, name, max_bytes)
    try:
        _extent(data, name, max_cells)
        frames: dict[str, pd.DataFrame] = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None, dtype=object,
                                                        engine="openpyxl")
        styles = _styles(data, frames)
    except BadDocument:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged workbook; all are a refusal
        raise BadDocument(f"{name} could not be read as an XLSX workbook ({type(exc).__name__}: {exc}).") from None
    if styles.unsaved:
        raise BadDocument(f"{name}: cell {styles.unsaved} is a formula whose result was never saved, so its value is "
                          "unknown. Open the workbook in a spreadsheet program and save it (or paste the values), "
                          "then ingest it again.")
    sheets = []
    for sheet_name, frame in frames.items():
        formats = styles.formats.get(str(sheet_name), {})
        rows = [[_formatted(v, formats[(r, c)]) if (r, c) in formats else _cell_text(v) for c, v in enumerate(row)]
                for r, row in enumerate(frame.itertuples(index=False, name=None))]
        sheet = _sheet(str(sheet_name), rows)
        if sheet is not None:
            sheets.append(sheet)
    return sheets


def _header_rows(rows: list[list[str]]) -> int:
    """The first row labels the columns (as pandas reads a CSV); so do the rows after it with no number."""
    n = 1
    while n < min(len(rows) - 1, MAX_HEADER_ROWS) and not any(numeric(c) for c in rows[n][1:]):
        n += 1
    return n


def _row_header_cols(rows: list[list[str]], header_rows: int) -> int:
    """Leading columns that label the rows: no digit in any body cell."""
    body = rows[header_rows:]
    count = 0
    for c in range(len(rows[0]) - 1):
        if body and all(not any(ch.isdigit() for ch in r[c]) for r in body):
            count += 1
        else:
            break
    return count


class _Text:
    """The document text being written, paragraph by paragraph, with each paragraph's offset."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, paragraph: str) -> int:
        if self.parts:
            self.pos += 2
        start = self.pos
        self.parts.append(paragraph)
        self.pos += len(paragraph)
        return start

    def text(self) -> str:
        return "\n\n".join(self.parts)


def render(title: str, sheets: list[Sheet]) -> DocumentText:
    """The sheets as document text (title, each sheet's caption and rows) and a `TextTable` per sheet."""
    out = _Text()
    out.add(title)
    tables: list[TextTable] = []
    for sheet in sheets:
        caption = sheet.above[0] if sheet.above else (
            sheet.name if len(sheets) > 1 and not GENERIC_SHEET.match(sheet.name) else "")
        caption = caption if caption != title else ""
        if caption:
            out.add(caption)
        for line in sheet.above[1:]:
            out.add(line)
        header_rows = _header_rows(sheet.rows)
        grid: list[list[TableCell]] = []
        for r, row in enumerate(sheet.rows):
            start = out.add(CELL_SEPARATOR.join(row))
            cells, pos = [], start
            for text in row:
                cells.append(TableCell(text, pos, pos + len(text), r < header_rows))
                pos += len(text) + len(CELL_SEPARATOR)
            grid.append(cells)
        for line in sheet.below:
            out.add(line)
        note = sheet.below[0] if sheet.below else ""
        tables.append(TextTable(grid, header_rows, _row_header_cols(sheet.rows, header_rows),
                                caption=caption or title, note=note))
    text = out.text()
    return DocumentText(text, title, find_date(title), "", tables)


def read_sheets(data: bytes, name: str, kind: str, title: str | None = None,
                max_bytes: int = 2_000_000, max_cells: int = 80_000) -> DocumentText:
    """A CSV or XLSX file as a document: its text (the rendered table) and its tables."""
    if kind == "csv":
        sheet = read_csv_sheet(data, name, max_cells)
        sheets = [sheet] if sheet is not None else []
    elif kind == "xlsx":
        sheets = read_xlsx_sheets(data, name, max_bytes, max_cells)
    else:
        raise BadDocument(f"Unknown spreadsheet format {kind!r}; use one of {', '.join(SHEET_FORMATS)}.")
    if not sheets:
        raise BadDocument(f"{name} has no cells with anything in them: there is no table to ingest.")
    if not any(numeric(c) for s in sheets for r in s.rows for c in r):
        raise BadDocument(f"{name} has no numbers in any cell, so it states no figures to answer questions about.")
    # the title: given, else a lone table's title line ("Unemployment by region" in A1), else the file's name
    doc_title = " ".join((title or "").split()) or (sheets[0].above[0] if len(sheets) == 1 and sheets[0].above
                                                     else title_from_name(name))
    reading = render(normalise(doc_title), sheets)
    reading.fmt = kind
    reading.published = reading.published or find_date(Path(name).name)
    return reading
