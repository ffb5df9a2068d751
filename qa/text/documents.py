"""Turning a file someone hands us into an article's plain text, title and date.

Plain text is taken as written; Markdown is rendered by markdown-it-py and HTML is parsed
by selectolax (lexbor), then its text is read block by block (headings, paragraphs, list
items, table cells) into blank-line separated paragraphs, skipping scripts, styles,
navigation and footers. No regular expression ever touches HTML.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from qa.model.errors import BadDocument

FORMATS = ("text", "markdown", "html")
SUFFIXES = {
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
class DocumentText:
    """A file read into an article: its plain text, title, date (if written near the top) and format."""

    text: str
    title: str
    published: date | None
    fmt: str


def detect_format(path: Path | None, data: bytes, fmt: str | None = None) -> str:
    if fmt:
        fmt = {"txt": "text", "md": "markdown", "htm": "html", "plain": "text"}.get(fmt.lower(), fmt.lower())
        if fmt not in FORMATS:
            raise BadDocument(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
        return fmt
    if path is not None and path.suffix.lower() in SUFFIXES and path.suffix:
        return SUFFIXES[path.suffix.lower()]
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

        reading = html_reading(MarkdownIt("commonmark").render(text), title_from_head=False)
        reading.fmt = "markdown"
        return reading
    body = normalise(text)
    first = body.split("\n", 1)[0].strip() if body else ""
    return DocumentText(body, _short(first), find_date(body), "text")


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
    paragraphs = _blocks(root) if root is not None else []
    text = "\n\n".join(paragraphs)
    if not title and paragraphs:
        title = paragraphs[0]
    return DocumentText(text, _short(title), published or find_date(text), "html")


def _blocks(root: object) -> list[str]:
    """Block-level text in document order, iteratively (deeply nested HTML cannot exhaust the stack)."""
    paragraphs: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        joined = " ".join("".join(buf).split())
        if joined:
            paragraphs.append(joined)
        buf.clear()

    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            flush()
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
        if tag in BLOCKS:
            flush()
            stack.append((node, True))
        children = list(node.iter(include_text=True))  # type: ignore[attr-defined]
        stack.extend((c, False) for c in reversed(children))
    flush()
    return paragraphs


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
