"""Tables written with spaces in plain text, as pasted from a report:

    Table 2: Pupil absence by region (%)
                        Pupils absent
    Region              2022-23    2023-24    Change
    North East            12.4%      13.1%     +0.7
    England (all)         11.0%      11.6%     +0.6

A block of three or more consecutive lines whose fields are separated by runs of two or more spaces, aligned in
columns, with a header line on top and body rows that mostly hold a text label then numbers, is read into the same
`TextTable` an HTML or pipe table gives, every cell with its offsets into the text as written (the text is not
rewritten), so a figure's quote is its cell.

Columns come from the gutters: runs of two or more character positions blank on every body line. `pandas.read_fwf`
(`colspecs="infer"`) was tried and not used: it cuts at any position blank on every line, so a column of labels
that all have a space in the same place ("North East", "South East", "South West") becomes two columns; it gives
no character offsets for a cell, reads "+0.7" as 0.7, and cannot say whether a block is a table at all. Finding
the gutters is a few lines over positions we need anyway. A caption is the short line above the table, or a line
under it that says it is one ("Table: Trains arriving on time (%), by operator") when none is above. Header lines are placed over the body's columns by overlap, so a header wider than its right-aligned numbers
("2022-23" over "12.4%"), or a group heading over several columns, still lands on its columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.text.documents import TableCell, TextTable, caption_below

FIELD = re.compile(r"\S+(?: \S+)*")  # a run of words with single spaces between: a label may have spaces in it
NUMERIC = re.compile(
    r"^(?:[£$€]|US\$)?\s*\(?[+\-−–]?\s*(?:[£$€]|US\$)?\s*(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*"
    r"(?:%|pp|bn|tn|m|k)?\)?%?\*?$", re.I)
MISSING = {"-", "–", "—", "..", "…", "n/a", "na", "x", "*", ":"}
# a cell that only says how its row's numbers are written, in a column of units beside the labels ("£m", "%", "000s")
UNIT_CELL = re.compile(r"^\(?(?:(?:US\$|[£$€])\s?(?:m|bn|k|000s?|million|billion)?|%|pp|['’]?000s?|number|no\.)\)?$", re.I)
PERIOD_LABEL = re.compile(r"^(?:FY\s?)?(?:19|20)\d\d(?:[-/–](?:\d\d|(?:19|20)\d\d))?$", re.I)
CAPTION_MAX = 200
NOTE_START = re.compile(r"^\W*(?:sources?|notes?|figures (?:are|in)|data|all figures|\*|\()", re.I)
RULE = re.compile(r"^\s*[-=_─━+|]{3,}(?:\s+[-=_─━+|]+)*\s*$")
MIN_LINES = 3  # a header and two rows
MIN_GUTTER = 2  # fields are separated by two or more spaces
HEADER_MAX = 30  # a column label is a few words; a longer field past the last column is a sentence


@dataclass
class _Line:
    start: int  # offset of the line in the text
    text: str
    fields: list[tuple[int, int]]  # column positions of each field in the line
    rule: bool = False  # a line of dashes under the header ("------  ----"): part of the table, no row of it


def numeric_cell(text: str) -> bool:
    return bool(NUMERIC.match(text.strip()))


def _fields(text: str) -> list[tuple[int, int]]:
    """Fields split by runs of two or more spaces (a single space stays inside a field)."""
    out: list[tuple[int, int]] = []
    for m in FIELD.finditer(text):
        out.append((m.start(), m.end()))
    return out


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        if RULE.match(raw):
            out.append(_Line(pos, raw, [], rule=True))
        else:
            out.append(_Line(pos, raw, _fields(raw) if "\t" not in raw else []))
        pos += len(raw) + 1
    return out


def _columns(lines: list[_Line]) -> list[tuple[int, int]]:
    """Column spans between the gutters: runs of MIN_GUTTER or more positions blank on every line."""
    used = sorted((a, b) for ln in lines for a, b in ln.fields)
    spans: list[list[int]] = []
    for a, b in used:
        if spans and a - spans[-1][1] < MIN_GUTTER:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    return [(a, b) for a, b in spans]


RANK = re.compile(r"^=?\d{1,3}(?:st|nd|rd|th)?=?\.?$", re.I)  # a place in a ranking: "1", "=3", "2nd", "4."


def _ranked(ln: _Line) -> bool:
    """Does a row open with its place in a ranking, then its label ("1    Eastwick    12.4")?"""
    return len(ln.fields) >= 3 and bool(RANK.match(ln.text[slice(*ln.fields[0])])) and any(
        ch.isalpha() for ch in ln.text[slice(*ln.fields[1])])


def _worded(cell: str) -> bool:
    """A short cell of words and no digits ("Excess", "Above normal", "Not met"): a category, not a number."""
    return len(cell) <= HEADER_MAX and not any(ch.isdigit() for ch in cell) and any(ch.isalpha() for ch in cell)


def _is_body(ln: _Line, cols: list[tuple[int, int]]) -> bool:
    """A row: a label in the first column (or in the second, after its place in a ranking) and every other field a
    number (or a missing-value mark), one per column."""
    if len(ln.fields) < 2 or not cols:
        return False
    at = 1 if _ranked(ln) else 0
    label = ln.text[ln.fields[at][0]:ln.fields[at][1]]
    if ln.fields[0][0] >= cols[0][1] or not (any(ch.isalpha() for ch in label) or PERIOD_LABEL.match(label)):
        return False
    if at and _column_of(*ln.fields[at], cols) != at:
        return False
    seen: set[int] = set()
    fields = ln.fields[at + 1:]
    # a row may end in words after its numbers ("Eastvale  687.5  992.2  -30.7  Low"): a column saying what
    # kind each row is, not a figure; the numbers before it are the row's figures
    while len(fields) > 1 and _worded(ln.text[slice(*fields[-1])]) and any(
            numeric_cell(ln.text[a:b]) for a, b in fields[:-1]):
        fields = fields[:-1]
    for a, b in fields:
        cell = ln.text[a:b]
        if not (numeric_cell(cell) or cell.lower() in MISSING or UNIT_CELL.match(cell)):
            return False
        col = _column_of(a, b, cols)
        if col is None or col <= at or col in seen:
            return False
        seen.add(col)
    return True


def _column_of(a: int, b: int, cols: list[tuple[int, int]]) -> int | None:
    """The one column a body field lies in, None when it straddles a gutter."""
    for n, (ca, cb) in enumerate(cols):
        if ca <= a and b <= cb:
            return n
    return None


def _overlapping(a: int, b: int, cols: list[tuple[int, int]]) -> list[int]:
    return [n for n, (ca, cb) in enumerate(cols) if a < cb and ca < b]


def _nearest(a: int, b: int, cols: list[tuple[int, int]]) -> int:
    """The column a header field belongs to: the one it overlaps most, else the nearest (a right-aligned column's
    header may overhang its numbers)."""
    def score(n: int) -> tuple[int, int]:
        ca, cb = cols[n]
        return (min(b, cb) - max(a, ca), -min(abs(a - ca), abs(b - cb)))
    return max(range(len(cols)), key=score)


def _split_header(text: str, field: tuple[int, int], cols: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A header field over several columns, split into their labels when its words end where each of those columns
    ends ("Revenue Op profit Op profit" over three right-aligned columns of numbers: "Revenue", "Op profit",
    "Op profit"), or start where each starts (left-aligned). One space between two labels makes them one field;
    a heading over a group of columns ("Pupils absent") meets neither edge of every column and stays whole."""
    a, b = field
    over = _overlapping(a, b, cols)
    if len(over) < 2:
        return [field]
    words = [(a + m.start(), a + m.end()) for m in re.finditer(r"\S+", text[a:b])]
    ends, starts = {e for _, e in words}, {s for s, _ in words}
    if all(cols[n][1] in ends for n in over) and b == cols[over[-1]][1]:
        cuts = [cols[n][1] for n in over]
        pieces, lo = [], a
        for cut in cuts:
            inside = [w for w in words if lo <= w[0] and w[1] <= cut]
            if not inside:
                return [field]
            pieces.append((inside[0][0], inside[-1][1]))
            lo = cut
        return pieces
    if all(cols[n][0] in starts for n in over) and a == cols[over[0]][0]:
        cuts = [cols[n][0] for n in over[1:]] + [b + 1]
        pieces, lo = [], a
        for cut in cuts:
            inside = [w for w in words if lo <= w[0] and w[1] < cut]
            if not inside:
                return [field]
            pieces.append((inside[0][0], inside[-1][1]))
            lo = cut
        return pieces
    return [field]


def _overhangs(field: tuple[int, int], cols: list[tuple[int, int]]) -> bool:
    """Is a header field running past the last column a label over it, wider than its right-aligned numbers
    ("Annual change (%)" over "8.1")? A short field that starts past the column before the last, not a sentence."""
    a, b = field
    return b - a <= HEADER_MAX and (len(cols) < 2 or a >= cols[-2][1] + MIN_GUTTER)


def _candidate_runs(lines: list[_Line]) -> list[tuple[int, int]]:
    """Runs of consecutive lines with two or more fields each (the body and its header line)."""
    runs, i = [], 0

    def inside(j: int) -> bool:  # a section heading between rows ("Primary schools") does not end the table
        return len(lines[j].fields) >= 2 or lines[j].rule or (
            len(lines[j].fields) == 1 and lines[j].fields[0][0] == 0 and j + 1 < len(lines)
            and len(lines[j + 1].fields) >= 2 and len(lines[j - 1].fields) >= 2)

    while i < len(lines):
        if len(lines[i].fields) >= 2:
            j = i
            while j < len(lines) and inside(j):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _table(lines: list[_Line], lo: int, hi: int) -> tuple[TextTable, int] | None:
    """The table in lines[lo:hi] (a run of multi-field lines), or None when it is not one. Returns the table and the
    index of its first line (header lines above the run, such as a group heading, are taken in)."""
    while hi > lo and lines[hi - 1].rule:
        hi -= 1
    run = [ln for ln in lines[lo:hi] if not ln.rule]
    # the body is the run's lines from the first with a number; the lines above it are the header
    # (a header's years are no values: "2022   2023" heads the columns)
    first = next((k for k, ln in enumerate(run) if k > 0 and any(
        numeric_cell(t) and not PERIOD_LABEL.match(t) for t in (ln.text[a:b] for a, b in ln.fields[1:]))), None)
    if first is None:
        return None
    while first > 1 and len(run[first - 1].fields) == 1 and run[first - 1].fields[0][0] == 0:
        first -= 1  # a section heading over the first rows ("Primary schools"), not a header line
    body = run[first:]
    if len(body) < 2:
        return None
    cols = _columns(body)
    if len(cols) < 2:
        return None
    rows_ok = sum(1 for ln in body if _is_body(ln, cols))
    rows = sum(1 for ln in body if len(ln.fields) >= 2)
    if rows_ok < 2 or 3 * rows_ok < 2 * rows:
        return None
    for ln in body:
        where = [_column_of(a, b, cols) for a, b in ln.fields]
        if None in where or len(set(where)) < len(where):
            return None  # a field across the gutters, or two in one column: prose or a misaligned block
    head = run[:first]
    if any(numeric_cell(t) and not PERIOD_LABEL.match(t) for ln in head for t in (ln.text[a:b] for a, b in ln.fields)):
        return None  # no header on top: "Total pupils   12,400" is a value, not a column label
    start = lo
    # a group heading above the header line: indented, and only over the value columns
    while start > 0 and lines[start - 1].fields and lines[start - 1].fields[0][0] >= cols[0][1]:
        start -= 1
        head = [lines[start], *head]
    if any(ln.fields and ln.fields[-1][1] > cols[-1][1] + 12 and not _overhangs(ln.fields[-1], cols) for ln in head):
        return None  # a header line running far past the last column is prose
    grid: list[list[TableCell]] = []
    for k, ln in enumerate(head):
        row = [TableCell("", ln.start, ln.start, True) for _ in cols]
        last = k == len(head) - 1
        for a, b in (piece for field in ln.fields for piece in _split_header(ln.text, field, cols)):
            cell = TableCell(ln.text[a:b], ln.start + a, ln.start + b, True)
            spread = [] if last else _overlapping(a, b, cols)
            for n in spread or [_nearest(a, b, cols)]:
                if row[n].text:  # two header fields over one column: keep both words
                    row[n] = TableCell(f"{row[n].text} {cell.text}", row[n].start, cell.end, True)
                else:
                    row[n] = cell
        grid.append(row)
    for ln in body:
        end = ln.start + len(ln.text)
        row = [TableCell("", end, end) for _ in cols]
        for a, b in ln.fields:
            placed = _column_of(a, b, cols)
            if placed is not None:
                row[placed] = TableCell(ln.text[a:b], ln.start + a, ln.start + b)
        grid.append(row)
    # rows that open with their place in a ranking are labelled by the place and the name after it (a column headed
    # "Rank" or "#" is then dropped by `qa.corpus.tables`, which never reads a place as a figure)
    ranked = sum(1 for ln in body if _ranked(ln)) * 3 >= 2 * len(body)
    return TextTable(grid, header_rows=len(head), row_header_cols=2 if ranked else 1), start


def _above(lines: list[_Line], start: int) -> str:
    """The line just above the table (or above one blank line) when it is a paragraph of one short line: the
    table's caption or its lead-in, never the last line of a longer paragraph."""
    k = start - 1
    if k >= 0 and not lines[k].text.strip():
        k -= 1
    if k < 0 or not lines[k].text.strip() or (k > 0 and lines[k - 1].text.strip()):
        return ""
    text = " ".join(lines[k].text.split())
    return text if len(text) <= 2 * CAPTION_MAX else ""


def _next_line(lines: list[_Line], k: int) -> int:
    """The line at k, or the one after it when k is blank."""
    return k + 1 if k < len(lines) and not lines[k].text.strip() else k


def _below(lines: list[_Line], end: int) -> str:
    k = _next_line(lines, end)
    if k >= len(lines):
        return ""
    text = " ".join(lines[k].text.split())
    return text if len(text) <= 2 * CAPTION_MAX and NOTE_START.match(text) else ""


def _caption_under(lines: list[_Line], end: int) -> tuple[str, int]:
    """A caption written on the line under a table ("Table: Trains arriving on time (%), by operator"), with the
    index of the line after it; ("", end) when there is none, or when the line heads a table of its own below it."""
    k = _next_line(lines, end)
    if k >= len(lines):
        return "", end
    text = " ".join(lines[k].text.split())
    after = k + 1
    if not caption_below(text) or (after < len(lines) and len(lines[after].fields) >= 2):
        return "", end
    return text, after


def aligned_tables(text: str) -> list[TextTable]:
    """Every space-aligned table in a plain text, its cells' offsets into `text`."""
    lines = _lines(text)
    tables: list[TextTable] = []
    for lo, hi in _candidate_runs(lines):
        found = _table(lines, lo, hi)
        if found is None:
            continue
        table, start = found
        above = _above(lines, start)
        if above and not above.endswith((".", ":")) and len(above) <= CAPTION_MAX:
            table.caption = above  # "Table 2: Pupil absence by region (%)"
        elif above.endswith(":"):
            table.lead = above  # "The table below shows absence by region:"
        under, after = ("", hi) if table.caption else _caption_under(lines, hi)
        if under:
            table.caption = under
        table.note = _below(lines, after)
        tables.append(table)
    return tables
