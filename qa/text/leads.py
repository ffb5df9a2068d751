"""What a report says its table shows, from the sentence that introduces the table.

"The following table presents the carrying value of goodwill by segment (in millions):" and "The carrying value of
goodwill by segment was as follows:" both say the table shows "the carrying value of goodwill by segment". A question
about the table itself ("What does the table show?", "What information does the table present?") is answered with
those words. Plain English of any field; no report's own words.
"""

from __future__ import annotations

import re

# "What does the table show?", "What financial information does the table present?", "What is shown in the table?"
TABLE_ASKED = re.compile(
    r"^\s*what\b[^?]*\b(?:the|this)\s+tables?\s+(?:below\s+)?(?:shows?|presents?|provides?|represents?|illustrates?|"
    r"summari[sz]es?|displays?|describes?|depicts?|reports?|lists?|sets?\s+(?:out|forth)|is\s+about)\b"
    r"|^\s*what\s+(?:is|are)\s+(?:shown|presented|provided|summari[sz]ed|represented)\s+in\s+the\s+table\b", re.I)

_SHOWS = (r"(?:shows?|presents?|provides?|represents?|illustrates?|summari[sz]es?|displays?|details?|reflects?|"
          r"includes?|contains?|lists?|sets?\s+(?:out|forth)|reconciles?)")
# "The following table presents X", "The table below summarizes X", "Set forth below is a table showing X"
_TABLE_SHOWS = re.compile(rf"\b(?:following|below|accompanying)\s+tables?\s+(?:below\s+)?{_SHOWS}\s+|"
                          rf"\btables?\s+(?:below|that follows)\s+{_SHOWS}\s+|\btables?\s+(?:showing|presenting)\s+",
                          re.I)
# "X was as follows:", "X consisted of the following:", "X is summarized as follows:", "X are presented below:"
_AS_FOLLOWS = re.compile(r"\s+(?:(?:was|were|is|are)\s+(?:(?:summari[sz]ed|presented|shown|comprised|composed|"
                         r"detailed|set\s+out)\s+)?(?:as\s+follows|below|in\s+the\s+(?:following\s+)?table)|"
                         r"(?:consisted|consist|consists|comprised|comprise|comprises|include|includes|included)\s+"
                         r"(?:of\s+)?the\s+following)\b", re.I)
# Where what the table shows stops: a note of its scale or units, the colon, the sentence's end
_TAIL = re.compile(r"\s*(?:\((?:[^()]*\b(?:in|thousands|millions|billions|except)\b[^()]*)\))?\s*[:.]?\s*$", re.I)


def table_lead(text: str) -> tuple[int, int] | None:
    """(start, end) in `text` of what it says a table shows, or None when it introduces no table."""
    m = _TABLE_SHOWS.search(text)
    if m is not None:
        end = len(text)
        tail = _TAIL.search(text, m.end())
        end = tail.start() if tail else end
        colon = text.find(":", m.end())
        end = min(end, colon) if colon >= 0 else end
        return (m.end(), end) if end - m.end() >= 3 else None
    m = _AS_FOLLOWS.search(text)
    if m is not None:
        start = 0
        lead_in = re.match(r"\s*(?:in|as\s+of|at|for|during)\b[^,]{0,60},\s*", text, re.I)  # "At year end, X was ..."
        if lead_in and lead_in.end() < m.start():
            start = lead_in.end()
        tail = _TAIL.search(text[:m.start()])
        end = tail.start() if tail else m.start()
        return (start, end) if end - start >= 3 else None
    return None


# "What is the unit used in the table?", "In which units are the table's figures?"
UNITS_ASKED = re.compile(r"\b(?:units?|scale)\b[^?]*\btables?\b|\btables?\b[^?]*\b(?:units?|scale)\b", re.I)
_SCALE_NOTE = re.compile(r"\bin\s+(?:(?:US\s+|U\.S\.\s+)?dollars\s+in\s+|[$£€]\s*)?(?:thousands|millions|billions)\b"
                         r"(?:\s+of\s+(?:US\s+|U\.S\.\s+)?dollars)?", re.I)


def scale_note(text: str) -> tuple[int, int] | None:
    """(start, end) of the note of the scale a table's figures are in ("in thousands", "in millions of dollars")."""
    m = _SCALE_NOTE.search(text)
    return (m.start(), m.end()) if m else None
