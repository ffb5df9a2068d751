"""What a thing is defined to cover: "What does the law prohibit?", "What does the offence cover?".

A law, a rule or a category is defined in plain English in a few ways: "the offence of disclosing ...", "the act
makes it an offence to ...", "the ban covers ...", "X is defined as ...". The question asks for that clause, not
for a figure the same sentence states (the maximum sentence, the date it came into force).
"""

from __future__ import annotations

import re

# A question after what something covers, prohibits or means, asked last ("what does the law actually prohibit?")
DEFINITION_ASKED = re.compile(
    r"\bwhat\s+(?:exactly\s+)?(?:does|do|did|is|are|was|were)\b[^?]*?\b(?:cover(?:ed)?|prohibit(?:ed)?|ban(?:ned)?|"
    r"forbid(?:den)?|outlaw(?:ed)?|criminali[sz]e(?:d)?|mean|apply to|defined as)\s*(?:exactly\s*)?\??\s*$"
    r"|\bdefinition of\b|\bhow (?:is|are|was|were)\b[^?]*\bdefined\b", re.I)

# "what was it extended to cover?": the verb asks for what is covered; the passage that says it need not use it
ASKING_VERB = re.compile(r"\bwhat\b[^?—]*?\b(cover|prohibit|forbid|outlaw|ban)\b", re.I)


def asking_verbs(question: str) -> frozenset[str]:
    """The verbs of a "what does X cover?" question that ask rather than say what the answer is about."""
    return frozenset(m.group(1).lower() for m in ASKING_VERB.finditer(question))


# A question after a quantity the definition covers ("What is the number of homes the scheme covered?") asks a figure
_QUANTITY = re.compile(r"\b(?:how many|how much|number|share|proportion|percentage|per ?cent|amount|total|rate)\b", re.I)


def asks_definition(question: str) -> bool:
    """Whether the question asks what something covers, prohibits or means (and not how much of it there is)."""
    return bool(DEFINITION_ASKED.search(question) or ASKING_VERB.search(question)) and not _QUANTITY.search(question)


# Where the definition starts: after one of these, up to the end of its clause
_MARKERS = re.compile(
    r"\b(?:covers?|covered|covering|prohibits?|prohibited|prohibiting|bans?|banned|banning|forbids?|outlaws?|"
    r"criminali[sz]es?|criminali[sz]ed|(?:is|are|was|were) defined as|makes? it (?:an? )?(?:\w+ ){0,2}?\w+ to|"
    r"made it (?:an? )?(?:\w+ ){0,2}?\w+ to|to (?:include|cover))\s+"
    # "the offence of disclosing ...", "the practice of charging ...": a noun naming an act, then what the act is
    r"|\bthe\s+[a-z]+\s+of\s+(?=[a-z]+ing\b)", re.I)
_CLAUSE_END = re.compile(r"\s+[–—]\s+|\s+-\s+|[;:]\s+|,\s+(?:so-called|which|and|but|while|whereas|[a-z]+ing)\b|\.(?:\s+|$)"
                         r"|\s+(?:came|comes|come)\s+into\s+force\b")


def definition_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the clause that says what a thing covers, in `text`, or None when no such clause is there."""
    for m in _MARKERS.finditer(text):
        start = m.end()
        end_m = _CLAUSE_END.search(text, start)
        end = end_m.start() if end_m else len(text.rstrip(" ."))
        if len(text[start:end].split()) >= 2:
            return start, end
    return None


# "What is Acme Holdings?": what a named thing is, in words ("Acme Holdings is a party to ..."), not a figure of the
# sentence that names it
WHAT_IS_NAMED = re.compile(r"^\s*[Ww]hat\s+(?:is|are|was|were)\s+(?:the\s+)?(?P<name>[A-Z][\w&.'’-]*(?:\s+(?:of\s+|and\s+|"
                           r"&\s+)?[A-Z][\w&.'’-]*)*)\s*\??\s*$")


def _says_what(name: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(name)}\s+(?:is|are|was|were)\s+(?=(?:an?|the|one)\b)")


def says_what_named_is(question: str, text: str) -> tuple[int, int] | None:
    """For "What is Acme?", where the passage says what Acme is: from after "Acme is" ("a party to ...") to the end of
    that clause; None when the question is of another kind or the passage does not say."""
    m = WHAT_IS_NAMED.search(question)
    said = _says_what(m.group("name")).search(text) if m else None
    if said is None:
        return None
    end = _CLAUSE_END.search(text, said.end())
    stop = end.start() if end else len(text.rstrip(" ."))
    paren = text.find(" (", said.end(), stop)  # "(subject to ...)": an aside, not what it is
    return said.end(), paren if paren > 0 else stop
