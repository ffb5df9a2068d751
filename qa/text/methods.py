"""How figures were got: "How was the data obtained?" asks for the method the article names ("a Freedom of
Information request", "a survey of 2,000 adults"), not the sentence that reports what the data showed.
"""

from __future__ import annotations

import re

METHOD_ASKED = re.compile(
    r"\bhow\s+(?:was|were|is|are|did|do|does|had|have|has)\b[^?]*?\b(?:obtained|obtain|collected|collect|gathered|"
    r"gather|compiled|compile|sourced|got|get|measured|measure|produced|counted|count)\b"
    r"|\bwhere\s+(?:did|do|does)\b[^?]*\b(?:data|figures|numbers|statistics)\b[^?]*\bcome from\b", re.I)

# What introduces the method: the noun phrase after one of these is the answer
_MARKERS = re.compile(
    r"\b(?:responded to|responding to|in response to|according to|obtained (?:through|via|by|from|under|using)|"
    r"gathered (?:through|via|by|from|using)|collected (?:through|via|by|from|using)|"
    r"compiled (?:through|via|by|from|using)|based on|by means of|through|via|using)\s+(?=(?:an?|the|its|their)\s)",
    re.I)
# Where the method's noun phrase ends: a reporting verb, a relative word or the clause's end
_PHRASE_END = re.compile(
    r"\s+(?:showed|shows|show|found|finds|find|revealed|reveals|reveal|suggests?|suggested|indicates?|indicated|"
    r"published|released|seen|which|that|who)\b|[,;:.](?=\s|$)|[–—()]|\s+-\s+", re.I)
# A phrase this long is a clause, not the name of a method
_MOST_WORDS = 12


def method_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the noun phrase naming how the figures were got, in `text`, or None."""
    for m in _MARKERS.finditer(text):
        start = m.end()
        end_m = _PHRASE_END.search(text, start)
        end = end_m.start() if end_m else len(text.rstrip(" ."))
        words = text[start:end].split()
        if 2 <= len(words) <= _MOST_WORDS:
            return start, end
    return None
