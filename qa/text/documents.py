"""Turning a file someone hands us into an article's plain text, title and date.

Plain text is taken as written; Markdown is rendered by markdown-it-py (CommonMark with the
GFM table rule, so a pipe table is a table) and HTML is parsed by selectolax (lexbor), then its
text is read block by block (headings, paragraphs, list items) into blank-line separated
paragraphs, skipping scripts, styles, navigation and footers. No regular expression ever
touches HTML.

A table is kept as data: each row becomes one paragraph of its cells joined by " | " (a plain text's table
written with spaces is kept as written: `qa.text.aligned`), and the reading carries a `TextTable` (the grid of cells with their offsets into the text, the header
rows, the row-header columns, the caption and the heading above it) for `qa.corpus.tables`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from qa.model.errors import BadDocument

FORMATS = ("text", "markdown", "html", "csv", "xlsx")  # the tables are read by qa.corpus.sheets
SUFFIXES = {
    ".csv": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".txt": "text", ".text": "text", "": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}
SKIP = {"script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form", "iframe",
        "button", "select", "head", "-comment", "figure-img", "img", "video", "audio", "canvas"}
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption",
          "td", "th", "dt", "dd", "tr", "section", "article", "header", "main", "ul", "ol", "table",
          "address", "hr", "dl", "caption"}
MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DATE_PATTERNS = [
    (re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b"), "ymd"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(20\d\d|19\d\d)\b", re.IGNORECASE), "dmy"),
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(20\d\d|19\d\d)\b", re.IGNORECASE), "mdy"),
]
DATE_WINDOW = 600  # a publication date is written near the top, not in the body's history


@dataclass
class TableCell:
    """One cell as written, with its offsets into the document text (a spanning cell fills several places)."""

    text: str
    start: int
    end: int
    header: bool = False  # a <th>, or a cell of a header row


@dataclass
class TextTable:
    """A table read from a document: the grid after row and column spans, and what labels it."""

    rows: list[list[TableCell]]
    header_rows: int = 0  # leading rows that label the columns
    row_header_cols: int = 0  # leading columns that label the rows
    caption: str = ""  # <caption>, or the short line just above the table ("**Bed occupancy by district**")
    heading: str = ""  # the nearest heading above it
    note: str = ""  # the line just below it ("Source: ... (£m)")
    lead: str = ""  # the sentence that introduces it ("The following table shows ... (in thousands):")
    amounts: str = ""  # what the document says of all its amounts ("All amounts expressed in thousands of dollars")


@dataclass
class DocumentText:
    """A file read into an article: its plain text, title, date (if written near the top) and format."""

    text: str
    title: str
    published: date | None
    fmt: str
    tables: list[TextTable] = field(default_factory=list)


def detect_format(path: Path | None, data: bytes, fmt: str | None = None) -> str:
    if fmt:
        fmt = {"txt": "text", "md": "markdown", "htm": "html", "plain": "text", "tsv": "csv"}.get(fmt.lower(), fmt.lower())
        if fmt not in FORMATS:
            raise BadDocument(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
        return fmt
    if path is not None and path.suffix.lower() in SUFFIXES and path.suffix:
        return SUFFIXES[path.suffix.lower()]
    if path is not None and path.suffix.lower() == ".xls":
        raise BadDocument(f"{path.name} is an old binary Excel (.xls) file; save it as .xlsx or CSV and ingest that.")
    if data.startswith(b"PK\x03\x04") and b"xl/" in data[:4096]:
        return "xlsx"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in data[:4096].lower():
        return "html"
    return "text"


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(2, len(sample) // 100)


def decode(data: bytes, name: str, fmt: str) -> str:
    """UTF-8 (with or without a BOM); an HTML file may declare another charset."""
    encoding = "utf-8-sig"
    if fmt == "html":
        declared = _declared_charset(data)
        if declared:
            encoding = declared
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise BadDocument(
            f"{name} is not valid {encoding.replace('-sig', '')} text (byte {exc.start:,} cannot be read). "
            "Save it as UTF-8 and ingest it again."
        ) from None


def _declared_charset(data: bytes) -> str | None:
    from selectolax.lexbor import LexborHTMLParser  # optional parser, loaded only for HTML

    head = data[:4096].decode("ascii", errors="ignore")
    tree = LexborHTMLParser(head)
    meta = tree.css_first("meta[charset]")
    name = meta.attributes.get("charset") if meta else None
    if not name:
        for m in tree.css("meta[http-equiv]"):
            content = (m.attributes.get("content") or "").lower()
            if "charset=" in content:
                name = content.split("charset=", 1)[1].strip(" ;\"'")
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "utf-8-sig" if codec == "utf-8" else codec


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read(data: bytes, name: str, fmt: str) -> DocumentText:
    text = decode(data, name, fmt)
    if fmt == "html":
        return html_reading(text)
    if fmt == "markdown":
        from markdown_it import MarkdownIt  # optional parser, loaded only for Markdown

        reading = html_reading(MarkdownIt("commonmark").enable("table").render(text), title_from_head=False)
        reading.fmt = "markdown"
        return reading
    from qa.text.aligned import aligned_tables  # it builds this module's TextTable

    body = normalise(text)
    first = body.split("\n", 1)[0].strip() if body else ""
    return DocumentText(body, _short(first), find_date(body), "text", aligned_tables(body))


def html_reading(html: str, title_from_head: bool = True) -> DocumentText:
    from selectolax.lexbor import LexborHTMLParser  # optional parser, loaded only for HTML

    tree = LexborHTMLParser(html)
    title = ""
    if title_from_head:
        node = tree.css_first("title")
        title = " ".join(node.text().split()) if node else ""
    heading = tree.css_first("h1") or tree.css_first("h2") or tree.css_first("h3")
    headline = " ".join(heading.text().split()) if heading else ""
    if not title or (headline and headline in title):  # "Rail fares rise | The Times" -> the headline
        title = headline or title
    published = _meta_date(tree)
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    blocks = _blocks(root) if root is not None else []
    text, tables = _join(blocks)
    if not title and blocks:
        title = blocks[0].text
    return DocumentText(text, _short(title), published or find_date(text), "html", tables)


# A statement about every amount in the document: "(All amounts expressed in thousands of U.S. Dollars, ...)",
# "(Tabular amounts in millions, unless otherwise disclosed)".
# A paragraph of its own that says only how amounts are written ("(in thousands)", "Expressed in US $000's except
# share and per share amounts", "In millions"), or a heading that says it in brackets, says it of the tables beside it.
ALL_AMOUNTS = re.compile(r"\b(?:all|tabular)\s+(?:dollar\s+)?amounts\b[^.;()]{0,40}?\bin\s+(?:thousands|millions|billions)\b"
                         r"(?:\s+of\s+[A-Z.]*\s*[a-z]*\s*(?:dollars|pounds|euros))?|"
                         # said in brackets within a heading run into its text: "Results of Operations: Years Ended
                         # ... (Amounts in thousands, except percentages and per share amounts): ..."
                         r"\(\s*(?:dollar\s+)?amounts\s+(?:are\s+)?(?:(?:expressed|stated|presented|shown)\s+)?in\s+"
                         r"(?:thousands|millions|billions)\b[^.;()]{0,80}\)|"
                         r"^\(?\s*(?:(?:amounts\s+)?(?:expressed|stated|presented)\s+)?in\s+(?:[A-Z]{0,3}\s?[$£€]\s?)?"
                         r"(?:thousands|millions|billions|0{3}['’]?s)\b(?:[^.;()]{0,60})\)?\.?$|"
                         # a heading that says it in brackets: "NOTES TO THE ACCOUNTS (in thousands, except per share data)",
                         # a page heading of a company's notes: "Acme, Inc. NOTES TO CONSOLIDATED FINANCIAL STATEMENTS —
                         # (Continued) (United States Dollars in thousands, except per share data, unless otherwise stated)"
                         r"^[^.()]{3,120}\(\s*in\s+(?:thousands|millions|billions|0{3}['’]?s)\b[^.;()]{0,60}\)$|"
                         r"^(?:[^.()]|\b[A-Z][a-z]{0,3}\.){3,120}?(?:\((?:continued|cont'?d)\)\s*)?"
                         r"\(\s*(?:(?:[A-Z][A-Za-z.]*|dollars|amounts|and|share)\s+){0,4}in\s+(?:thousands|millions|billions)\b"
                         r"[^.;()]{0,80}\)$", re.I)


@dataclass
class _TableDraft:
    caption: str
    heading: str
    grid: list[list[tuple[int, int]]]  # per row, per column: (row, cell) of the cell written there, after spans
    header_rows: int
    row_header_cols: int
    note: str = ""
    lead: str = ""


@dataclass
class _Block:
    text: str
    tag: str
    cells: list[tuple[str, int, int, bool]] | None = None  # a table row's cells: text, offsets in `text`, header
    draft: _TableDraft | None = None  # the table the row belongs to


def _join(blocks: list[_Block]) -> tuple[str, list[TextTable]]:
    """Blank-line separated paragraphs, and the tables with their cells' offsets into the joined text."""
    parts: list[str] = []
    pos = 0
    written: dict[int, tuple[_TableDraft, list[list[TableCell]]]] = {}
    for b in blocks:
        if parts:
            pos += 2
        if b.cells is not None and b.draft is not None:
            _, rows = written.setdefault(id(b.draft), (b.draft, []))
            rows.append([TableCell(t, pos + a, pos + e, h) for t, a, e, h in b.cells])
        parts.append(b.text)
        pos += len(b.text)
    tables: list[TextTable] = []
    amounts = next((m.group(0) for b in blocks if b.cells is None and (m := ALL_AMOUNTS.search(b.text))), "")
    for draft, rows in written.values():
        grid = [[rows[r][c] for r, c in spans] for spans in draft.grid]
        tables.append(TextTable(grid, draft.header_rows, draft.row_header_cols, draft.caption, draft.heading,
                                draft.note, draft.lead, amounts))
    return "\n\n".join(parts), tables


def _table_rows(node: object) -> tuple[list[list[tuple[str, bool]]], list[list[int]], int]:
    """The cells of each row as written, and the grid: for each row, which of its cells (or a cell spanning into it
    from a row above, as -1 - its index in that row) fills each column. Returns (rows, grid, header rows)."""
    rows: list[list[tuple[str, bool]]] = []
    grid: list[list[tuple[int, int]]] = []  # (row, cell) per column
    pending: dict[int, tuple[int, int, int]] = {}  # column -> (rows left, row, cell) of a rowspan
    header_rows = 0
    body_seen = False
    for tr in node.css("tr"):  # type: ignore[attr-defined]
        parent = tr.parent
        while parent is not None and parent.tag not in ("thead", "tbody", "tfoot", "table"):
            parent = parent.parent
        if parent is not None and parent.tag == "table" and tr.parent is not None and tr.parent.tag not in (
                "thead", "tbody", "tfoot", "table"):
            continue
        r = len(rows)
        cells: list[tuple[str, bool]] = []
        placed: list[tuple[int, int]] = []
        col = 0
        for cell in tr.iter():
            if cell.tag not in ("td", "th"):
                continue
            while col in pending:
                left, pr, pc = pending[col]
                placed.append((pr, pc))
                pending.pop(col) if left <= 1 else pending.__setitem__(col, (left - 1, pr, pc))
                col += 1
            text = " ".join((cell.text(separator=" ") or "").split())
            cells.append((text, cell.tag == "th"))
            try:
                colspan = max(1, min(50, int(cell.attributes.get("colspan") or 1)))
                rowspan = max(1, min(500, int(cell.attributes.get("rowspan") or 1)))
            except ValueError:
                colspan, rowspan = 1, 1
            for _ in range(colspan):
                placed.append((r, len(cells) - 1))
                if rowspan > 1:
                    pending[col] = (rowspan - 1, r, len(cells) - 1)
                col += 1
        while col in pending:
            left, pr, pc = pending[col]
            placed.append((pr, pc))
            pending.pop(col) if left <= 1 else pending.__setitem__(col, (left - 1, pr, pc))
            col += 1
        if not cells and not placed:
            continue
        in_head = parent is not None and parent.tag == "thead"
        # one cell across the whole row below the column headers ("By age", scope="rowgroup") heads a group of body
        # rows; it labels no column
        section = r > 0 and len(cells) == 1 and len(placed) >= 2 and header_rows > 0 and not in_head
        if not section and (in_head or (not body_seen and cells and all(h for _, h in cells))):
            header_rows = r + 1
        else:
            body_seen = True
        rows.append(cells)
        grid.append(placed)  # type: ignore[arg-type]
    width = max((len(g) for g in grid), default=0)
    flat = [[(rr, cc) for rr, cc in g] + [g[-1]] * (width - len(g)) if g else [] for g in grid]
    return rows, flat, header_rows  # type: ignore[return-value]


def _blocks(root: object) -> list[_Block]:
    """Block-level text in document order, iteratively (deeply nested HTML cannot exhaust the stack)."""
    paragraphs: list[_Block] = []
    buf: list[str] = []
    tags: list[str] = []
    heading = ""

    def flush() -> None:
        nonlocal heading
        joined = " ".join("".join(buf).split())
        tag = tags[-1] if tags else "p"
        if joined:
            paragraphs.append(_Block(joined, tag))
            if tag in ("h2", "h3", "h4", "h5", "h6"):  # the h1 is the title
                heading = joined
        buf.clear()

    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            flush()
            if tags:
                tags.pop()
            continue
        tag = node.tag  # type: ignore[attr-defined]
        if tag == "-text":
            buf.append(node.text(deep=False) or "")  # type: ignore[attr-defined]
            continue
        if tag in SKIP or tag.startswith("-"):
            continue
        if tag == "br":
            buf.append(" ")
            continue
        if tag == "table":
            flush()
            _table_blocks(node, paragraphs, heading)
            continue
        if tag in BLOCKS:
            flush()
            tags.append(tag)
            stack.append((node, True))
        children = list(node.iter(include_text=True))  # type: ignore[attr-defined]
        stack.extend((c, False) for c in reversed(children))
    flush()
    _attach_notes(paragraphs)
    return paragraphs


CAPTION_MAX = 200
NOTE_START = re.compile(r"^\W*(?:sources?|notes?|figures (?:are|in)|data|all figures|\*|\()", re.I)
# a caption written under its table, as reports and plain-text articles often put it: "Table 2: Trains on time (%)",
# "Chart: Admissions by country"; the label word, an optional number, then a colon (or a dash) and the title
CAPTION_BELOW = re.compile(r"^\W*(?:table|figure|chart|exhibit)(?:\s+[\w.]+)?\s*[:–—-]\s*[A-Za-z]", re.I)


# how a sentence says every amount of the table after it is written: "(in millions)", "(Dollars in thousands)"
SCALE_SAID = re.compile(r"\([^()]*\bin\s+(?:thousands?|millions?|billions?)\b[^()]*\)", re.I)
TABLE_FOLLOWS = re.compile(r"\b(?:following|below)\s+tables?\b|\btables?\s+below\b", re.I)
SENTENCE_END = re.compile(r"(?<=[a-z0-9%)\]][.!?])\s+(?=[A-Z(])")  # not after "U.S."


def _lead(paragraph: str) -> str:
    """The sentence that introduces a table, from the paragraph just above it: the sentence that says a table follows
    ("The following table shows assets by segment."), else the paragraph's last sentence when it ends with a colon or
    says how the table's amounts are written ("... were as follows (in millions):"), with the scale another sentence
    of the paragraph states. "" when the paragraph introduces no table."""
    sentences = [x for x in SENTENCE_END.split(paragraph.strip()) if x]
    if not sentences:
        return ""
    intro = [x for x in sentences if TABLE_FOLLOWS.search(x)]
    last = sentences[-1]
    lead = intro[-1] if intro else last if last.endswith(":") or SCALE_SAID.search(last) else ""
    if len(lead) > 2 * CAPTION_MAX:
        return ""
    scale = next((m.group(0) for x in sentences if (m := SCALE_SAID.search(x))), "")
    return f"{lead} {scale}" if lead and scale and not SCALE_SAID.search(lead) else lead


def _table_blocks(node: object, out: list[_Block], heading: str) -> None:
    """A table's rows as paragraphs ("London | 1,021 | 1,048 | 2.6"), remembered as a table."""
    caption_node = node.css_first("caption")  # type: ignore[attr-defined]
    caption = " ".join(caption_node.text().split()) if caption_node else ""
    if caption:
        out.append(_Block(caption, "caption"))
    elif out and len(out[-1].text) <= CAPTION_MAX and out[-1].cells is None and (
            out[-1].tag in ("p", "h2", "h3", "h4", "h5", "h6", "figcaption") and not out[-1].text.endswith((".", ":"))):
        caption = out[-1].text  # "**Bed occupancy by Northshire district, end of January**" above a pipe table
    lead = ""
    if not caption and out and out[-1].cells is None and out[-1].tag == "p":
        lead = _lead(out[-1].text)
    rows, grid, header_rows = _table_rows(node)
    if not rows:
        return
    draft = _TableDraft(caption, heading if heading != caption else "", grid, header_rows,
                        _row_header_cols(rows, grid, header_rows), lead=lead)
    for r, cells in enumerate(rows):
        texts, offs, pos = [], [], 0
        for text, is_th in cells:
            if texts:
                pos += 3
            offs.append((text, pos, pos + len(text), is_th or r < header_rows))
            texts.append(text)
            pos += len(text)
        out.append(_Block(" | ".join(texts), "tr", offs, draft))


def _row_header_cols(rows: list[list[tuple[str, bool]]], grid: list[list[tuple[int, int]]], header_rows: int) -> int:
    """Leading columns that label the rows: <th> cells, or cells with no digits in every body row."""
    body = [(r, g) for r, g in enumerate(grid) if r >= header_rows and g]
    if not body:
        return 0
    count = 0
    width = min(len(g) for _, g in body)
    for col in range(width - 1):
        labels = [rows[pr][pc] for _, g in body for pr, pc in [g[col]]]
        if all(th or not any(ch.isdigit() for ch in text) for text, th in labels):
            count += 1
        else:
            break
    return count


def _attach_notes(blocks: list[_Block]) -> None:
    """The short line under a table (its source and units) belongs to it; so does a caption written under a table
    that has none above ("Table 2: Trains on time (%)"), unless another table follows it (then it is that one's)."""
    for i, b in enumerate(blocks):
        if b.draft is not None and i + 1 < len(blocks) and blocks[i + 1].cells is None:
            nxt = blocks[i + 1].text
            if len(nxt) <= 2 * CAPTION_MAX and NOTE_START.match(nxt):
                b.draft.note = nxt
            elif caption_below(nxt) and not b.draft.caption and not (
                    i + 2 < len(blocks) and blocks[i + 2].cells is not None):
                b.draft.caption = nxt
                if b.draft.heading == nxt:
                    b.draft.heading = ""
                if i + 2 < len(blocks) and blocks[i + 2].cells is None and len(blocks[i + 2].text) <= 2 * CAPTION_MAX \
                        and NOTE_START.match(blocks[i + 2].text):
                    b.draft.note = blocks[i + 2].text


def caption_below(text: str) -> bool:
    """Is a short line under a table its caption ("Table 2: Trains arriving on time (%), by operator")?"""
    return len(text) <= CAPTION_MAX and bool(CAPTION_BELOW.match(text))


def _meta_date(tree: object) -> date | None:
    selectors = [
        ("meta[property='article:published_time']", "content"), ("meta[name='date']", "content"),
        ("meta[itemprop='datePublished']", "content"), ("meta[name='pubdate']", "content"),
        ("time[datetime]", "datetime"),
    ]
    for selector, attr in selectors:
        node = tree.css_first(selector)  # type: ignore[attr-defined]
        value = (node.attributes.get(attr) or "") if node else ""
        parsed = parse_iso(value[:10]) if value else None
        if parsed:
            return parsed
    return None


def parse_iso(value: str) -> date | None:
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError:
        return None


def find_date(text: str) -> date | None:
    """A full date (day, month and year) near the top of the text, as a publication date."""
    window = text[:DATE_WINDOW]
    best: tuple[int, date] | None = None
    for pattern, kind in DATE_PATTERNS:
        for m in pattern.finditer(window):
            try:
                if kind == "ymd":
                    d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                elif kind == "dmy":
                    d = date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
                else:
                    d = date(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
            except ValueError:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), d)
    return best[1] if best else None


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return next(i + 1 for i, m in enumerate(MONTH_NAMES) if m.startswith(key[:3]))


def _short(title: str, limit: int = 200) -> str:
    title = " ".join(title.lstrip("# ").split())
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0] + "…"
