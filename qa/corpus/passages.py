"""A document cut into sentence-sized passages with exact character offsets."""

from __future__ import annotations

import re

from qa.model.records import Document, Passage

SENTENCE_END = re.compile(r"[.!?][\"'”’]?(?=\s+[\"“‘'A-Z0-9])")
# A full stop that shortens a word, not one that ends a sentence: a month before its day or year ("Dec. 30",
# "Sept. 2024", as US styles write dates) and a title or "No." before a name or number ("Dr. Patel", "No. 10")
SHORT_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$")
SHORT_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|No)\.$")


def _shortens(text: str, end: int) -> bool:
    """Is the full stop before `end` one that shortens a word rather than ending a sentence?"""
    before = text[max(0, end - 6):end]
    after = text[end:end + 3].lstrip()
    return bool(SHORT_TITLE.search(before) or (SHORT_MONTH.search(before) and after[:1].isdigit()))


def split_passages(doc: Document) -> list[Passage]:
    """Sentence-sized passages with exact offsets; paragraphs are blank-line separated."""
    passages: list[Passage] = []
    for pno, para in enumerate(re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", doc.text)):
        base = para.start()
        text = para.group(0)
        pos = 0
        ends = [m.end() for m in SENTENCE_END.finditer(text) if not _shortens(text, m.end())]
        for cut in ends + [len(text)]:
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

