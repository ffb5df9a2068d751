"""Answering who / when / which / why within a passage: the span asked for, not the whole passage quoted back.

Plain English, any field: a "who" or "which organisation" question wants a name (a run of capitalised
words the question does not already give), a "when" or "what year" question a date, and any other
question the clause of the passage that covers it best (for "why", the clause that gives a reason).
Every span is a substring of the passage, so its offsets are the passage's and it is cited exactly.
"""

from __future__ import annotations

import re

from qa.model.records import Passage

NAME = re.compile(r"\b[A-Z][A-Za-z'’]+(?:(?:\s+(?:of|and|the|for|de|van|von)\s+|\s+)[A-Z][A-Za-z'’]+)*")
# Capitalised at a sentence's start, never part of a name: "But Tom Ashby" is Tom Ashby.
OPENERS = {"But", "And", "The", "A", "An", "In", "On", "At", "For", "Its", "Their", "His", "Her", "This", "That",
           "Meanwhile", "However", "Although", "While", "When", "After", "Before", "Some", "Across", "Data", "Our"}
# A date as written: "2015", "January 2020", "winter 2021-22", "2023/24", "the fourth quarter of 2023"
DATE = re.compile(r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                  r"[Ww]inter|[Ss]pring|[Ss]ummer|[Aa]utumn|(?:the\s+)?(?:first|second|third|fourth|final|last)\s+"
                  r"(?:quarter|half)\s+of)\s+)?(?:19|20)\d\d(?:[-/–](?:19|20)?\d\d\b)?\b")
MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
CLAUSE_END = re.compile(r"[,;:–—]\s+|\s+-\s+|\.\s+")
REASON = re.compile(r"\b(because|as|since|due to|for fear|after|so that|owing to)\b", re.I)
DESCRIBE = re.compile(r"\b(describe[sd]?|call(?:s|ed)?|put it|words?|term(?:ed)?|characteri[sz]e[sd]?|label(?:l?ed)?)\b",
                      re.I)
QUOTED = re.compile(r"[\"“]([^\"“”]{2,120})[\"”]")
REASON_IS = re.compile(r"\b(?:reasons?|cause|explanation)\b[^.;]{0,80}?\b(?:is|was|are|were)\s+that\s+", re.I)
WHO = re.compile(r"^\s*(who|whose|whom)\b|\b(which|what)\s+(charity|organi[sz]ation|person|group|body|official|"
                 r"campaign|helpline|council|company|firm|agency|department|party|name)\b|\bname of\b", re.I)
WHEN = re.compile(r"^\s*when\b|\bwhat (year|month|date)\b|\bwhich (year|month)\b|\bsince when\b", re.I)
WHY = re.compile(r"\bwhy\b|\breasons?\b", re.I)
STOP = {"the", "a", "an", "of", "in", "on", "to", "and", "or", "is", "was", "what", "who", "which", "did", "does",
        "do", "how", "why", "when", "it", "its", "their", "by", "for", "with", "that", "this", "are", "were"}


def _words(text: str) -> set[str]:
    """Content words, and numbers as written ("28.3"), so a span is found beside the figure a question quotes."""
    return {w for w in re.findall(r"\d+(?:[.,]\d+)*|[a-z0-9]+", text.lower()) if w not in STOP and (len(w) > 2 or w[0].isdigit())}


def answer_span(question: str, passage: Passage) -> tuple[int, int] | None:
    """(start, end) of the answer within `passage.text`, or None when no span answers it better than the whole."""
    text, q = passage.text, question
    asked = _words(q)
    if WHEN.search(q):
        dates = list(DATE.finditer(text))
        return _nearest(dates, text, asked) if dates else None
    if WHO.search(q):
        names = [m for m in (_trim(x) for x in NAME.finditer(text)) if m is not None and len(m.group(0)) > 2
                 and not _given(m.group(0), q)
                 and not _sentence_start(text, m.start(), m.group(0)) and not DATE.fullmatch(m.group(0))
                 and m.group(0).split()[0] not in MONTHS]
        return _nearest(names, text, asked) if names else None
    if DESCRIBE.search(q):
        quoted = [m for m in QUOTED.finditer(text) if len(m.group(1).split()) <= 12]
        if quoted:  # "How did she describe it?": the words she used, in their quotation marks
            start, end = _nearest(quoted, text, asked)
            return start + 1, end - 1  # inside the quotation marks
    if WHY.search(q):
        given = REASON_IS.search(text)
        if given:  # "the key reason ... is that their anonymity is not guaranteed": what follows "is that"
            ends = [len(text.rstrip(" ."))] + [e.start() for e in CLAUSE_END.finditer(text, given.end())]
            return given.end(), min(ends)
        m = REASON.search(text)
        if m:  # from the reason word to the end of its clause, or to the first "and" after it
            ends = [len(text.rstrip(" ."))] + [e.start() for e in CLAUSE_END.finditer(text, m.end())]
            tail = re.search(r"\s+and\s+", text[m.end() + 20:])
            if tail is not None:
                ends.append(m.end() + 20 + tail.start())
            end = min(ends)
            return m.start(), end
    clauses = _clauses(text)
    if len(clauses) < 2:
        return None
    best = max(clauses, key=lambda c: (len(asked & _words(text[c[0]:c[1]])), -(c[1] - c[0])))
    return best if asked & _words(text[best[0]:best[1]]) else None


def _trim(m: re.Match[str]) -> re.Match[str] | None:
    """The name without the capitalised opener before it ("But Tom Ashby" -> "Tom Ashby")."""
    words = m.group(0).split()
    skip = 0
    while skip < len(words) - 1 and words[skip] in OPENERS:
        skip += 1
    if skip == 0:
        return m
    at = m.start() + m.group(0).index(words[skip])
    return NAME.match(m.string, at)


def _given(name: str, question: str) -> bool:
    """The question names it already ("Who is Ian Critchley?" asks for more than his name)."""
    return name.lower() in question.lower()


def _sentence_start(text: str, at: int, name: str) -> bool:
    """A single capitalised word that only opens a sentence ("The", "She") is not a name."""
    return " " not in name and (at == 0 or text[:at].rstrip().endswith((".", '"', "“", ":")))


def _nearest(matches: list[re.Match[str]], text: str, asked: set[str]) -> tuple[int, int]:
    """The match closest to where the passage uses the question's words."""
    anchors = [m.start() for w in asked for m in re.finditer(rf"\b{re.escape(w)}", text.lower())]
    if not anchors:
        m = matches[0]
        return m.start(), m.end()
    m = min(matches, key=lambda m: min(abs(m.start() - a) for a in anchors))
    return m.start(), m.end()


def _clauses(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in CLAUSE_END.finditer(text):
        if m.start() - start >= 12:
            out.append((start, m.start()))
            start = m.end()
    if len(text) - start >= 12:
        out.append((start, len(text.rstrip(" ."))))
    return out
