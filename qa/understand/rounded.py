"""A share a question quotes in round words: "about a third", "close to two-thirds", "almost 47%", "seven in ten".

"The article says A is 'about a third' of B - what's the exact %?" asks for the share worked out from A and B; the
rounded share it quotes names where the part and the whole are ("A is ... of B", "... of B were A") and is a check on
the figures found for them: a share far from it is of other figures.
"""

from __future__ import annotations

import re

NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10}
PARTS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "eighth": 8, "tenth": 10}
_WORD = "|".join(NUMBER_WORDS)
_COUNT = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
# the share in words, its hedge and its quotation marks: what `quoted_share` reads
ROUNDED = (r"['‘\"]?(?:(?:about|almost|nearly|roughly|around|approximately|close to|more than|over|under|some|just over|"
           r"just under|~)\s*)?(?P<share>(?:" + _WORD + r")[\s-](?:half|halves|third|quarter|fifth|sixth|eighth|tenth)s?|"
           r"half|\d+(?:\.\d+)?\s*(?:%|per ?cent)|" + _COUNT + r"\s+(?:in|out of)\s+" + _COUNT + r")['’\"]?")
ROUNDED_SHARE = re.compile(r"(?<![\w.])" + ROUNDED + r"(?!\w)")
# how far a share worked out may be from the rounded one quoted and still be that share: points, and a fraction of it
NEAR_POINTS = 4.0
NEAR_FRACTION = 0.15


def _count(word: str) -> float:
    return float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else float(word)


def share_value(words: str) -> float | None:
    """The percentage a share in words stands for ("two-thirds" 66.7, "47 per cent" 47, "1 in 8" 12.5); None when
    the words are no share."""
    w = words.lower().strip()
    if w == "half":
        return 50.0
    if m := re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:%|per ?cent)", w):
        return float(m.group(1))
    if m := re.fullmatch(r"(\w+)\s+(?:in|out of)\s+(\w+)", w):
        top, bottom = _count(m.group(1)), _count(m.group(2))
        return 100.0 * top / bottom if 0 < top <= bottom else None
    if m := re.fullmatch(r"(\w+)[\s-](\w+?)s?", w):
        if m.group(1) in NUMBER_WORDS and m.group(2) in PARTS:
            top, bottom = NUMBER_WORDS[m.group(1)], PARTS[m.group(2)]
            return 100.0 * top / bottom if top < bottom else None
    return None


def quoted_share(text: str) -> float | None:
    """The rounded share a question quotes (the first), as a percentage; None when it quotes none."""
    for m in ROUNDED_SHARE.finditer(text.lower()):
        value = share_value(m.group("share"))
        if value is not None:
            return value
    return None


def near(worked: float, quoted: float) -> bool:
    """Is a share worked out the rounded one quoted ("almost 47%" of 46.5%, "a third" of 35%)?"""
    return abs(worked - quoted) <= max(NEAR_POINTS, NEAR_FRACTION * quoted)
