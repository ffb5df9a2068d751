"""Where a passage gives a reason: "because", "due to", "driven by", "mainly attributable to", "as a result of" ...

Plain English of any field. A report or a news story often states a change in one sentence and its reason in the next
("Sales rose 8% in 2023. The increase was mainly due to new stores."): a "why" question about the change is answered by
the sentence after it, when that one refers back to it ("The increase", "This", "It") and gives a reason.
"""

from __future__ import annotations

import re

REASON = re.compile(r"\b(?:(?:primarily|mainly|largely|partly|partially|principally|chiefly|mostly)\s+)?"
                    r"(because|as a result of|as(?! (?:of|well|follows|part|such|compared|previously|described|"
                    r"discussed|noted|reported|a percentage|set out|shown|at|to)\b)|since(?! (?:19|20)\d\d)|"
                    r"due (?:\w+ )?to|for fear|after|so that|owing to|attributable to|driven by|benefit(?:ing|ed) from|"
                    r"resulting from|reflecting|(?:held back|hit|hurt|boosted|helped|weighed down|dragged down) by)\b", re.I)
# "What caused the increase?", "What drove it?", "What led to the fall?": a reason asked, in other words than "why"
CAUSE_ASKED = r"\bwhat (?:caused|causes|drove|drives|led to|leads to|contributed to|accounted for|explains)\b"
# A reason word that cannot be a preposition of time or manner ("as", "after", "since" often are): a reason for sure
CLEAR_REASON = re.compile(r"\b(?:because|due (?:\w+ )?to|owing to|attributable to|as a result of|driven by|"
                          r"benefit(?:ing|ed) from|result(?:ing|ed) from|reflect(?:s|ed|ing)|caused by|primarily (?:as|from)|"
                          r"mainly (?:as|from)|largely (?:as|from))\b", re.I)
# A sentence that refers back to the one before: "The increase ...", "This was ...", "It reflects ..."
REFERS_BACK = re.compile(r"^\s*(?:the\s+(?:increase|decrease|rise|fall|drop|decline|growth|change|reduction|gain|"
                         r"loss|improvement|deterioration|jump)s?|this|these|that|it|such)\b", re.I)


def gives_reason(text: str) -> bool:
    """The passage states a reason in words that can only be one."""
    return bool(CLEAR_REASON.search(text))


def reason_follows(text: str, following: str) -> bool:
    """The passage gives no reason, and the one after it refers back to it and does."""
    return not REASON.search(text) and bool(REFERS_BACK.search(following)) and gives_reason(following)
