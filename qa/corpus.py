"""Documents on disk: corpus/documents/<id>.txt with <id>.json beside it."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from qa.errors import BadDocument
from qa.records import Document, Passage

SENTENCE_END = re.compile(r"[.!?][\"'”’]?(?=\s+[\"“‘'A-Z0-9])")


def load_documents(corpus_dir: Path) -> list[Document]:
    docs = []
    folder = corpus_dir / "documents"
    for meta_path in sorted(folder.glob("*.json")):
        text_path = meta_path.with_suffix(".txt")
        if not text_path.exists():
            raise BadDocument(f"{meta_path.name} has no text file {text_path.name} beside it.")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            docs.append(Document(text=text_path.read_text(encoding="utf-8"), **meta))
        except (ValueError, TypeError) as exc:
            raise BadDocument(f"{meta_path.name}: {exc}") from None
    return docs


def split_passages(doc: Document) -> list[Passage]:
    """Sentence-sized passages with exact offsets; paragraphs are blank-line separated."""
    passages: list[Passage] = []
    for pno, para in enumerate(re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", doc.text)):
        base = para.start()
        text = para.group(0)
        pos = 0
        for cut in [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]:
            piece = text[pos:cut]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                s = base + pos + lead
                passages.append(Passage(doc_id=doc.id, start=s, end=s + len(piece), text=piece, paragraph=pno))
            pos = cut
    return passages


def paragraph_span(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The paragraph around a span, for showing a quote in context."""
    s = doc.text.rfind("\n\n", 0, start)
    e = doc.text.find("\n\n", end)
    return (0 if s < 0 else s + 2, len(doc.text) if e < 0 else e)


def content_hash(paths: list[Path], extra: str = "") -> str:
    h = hashlib.sha256(extra.encode())
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()
