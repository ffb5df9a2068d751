"""The sentence structure figure extraction reads: clauses, names of places and bodies, qualifiers,
and the word lists that mark a change, a level or the end of a clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.model.records import Passage, Qualifier
from qa.text.mentions import Mention, PeriodMention

QUALIFIERS: list[tuple[str, Qualifier]] = [
    (r"at least|no fewer than|no less than|a minimum of", Qualifier.at_least),
    (r"more than|over|above|in excess of|upwards of|just over", Qualifier.more_than),
    (r"nearly|almost|close to|just under|just shy of|approaching", Qualifier.nearly),
    (r"about|around|approximately|roughly|some|an estimated|estimated|circa|an average of|on average", Qualifier.about),
]
QUALIFIER_RE = [(re.compile(rf"\b(?:{words})\s+$", re.IGNORECASE), q) for words, q in QUALIFIERS]

CHANGE_NOUNS = {
    "jump", "rise", "increase", "fall", "drop", "decrease", "reduction", "cut", "growth", "surge",
    "decline", "hike", "leap", "climb", "slump", "uplift", "change", "rises", "falls", "increases",
}
CHANGE_VERBS = {
    "rose", "rise", "rises", "fell", "fall", "falls", "increased", "increase", "decreased", "grew",
    "dropped", "jumped", "climbed", "declined", "soared", "slumped", "surged", "doubled", "halved",
    "tripled", "up", "down", "higher", "lower", "cut", "slashed", "plunged", "leapt", "went", "risen",
    "fallen", "grown", "climb", "climbs", "grow", "grows", "jumps", "slipped", "slipping", "dipped", "rising",
    "falling", "climbing", "growing", "tumbled", "plunging", "soaring",
    # how a rate moves: "inflation eased to 8.5%", "the margin widened to 31.6%", "absence edged down to 7.4%"
    "eased", "edged", "slowed", "accelerated", "quickened", "widened", "narrowed", "crept", "inched", "ticked",
}
# Verbs by which someone changes something by an amount: "Ministers raised the ceiling price by 66%", "grew sales by
# 8.9%", "reducing leakage by 5.3%". What follows "by" after one and its object is a change in that object.
MOVING_VERBS = {
    "raised", "raise", "raises", "raising", "lifted", "lift", "lifts", "lifting", "boosted", "boost", "boosts",
    "boosting", "reduced", "reduce", "reduces", "reducing", "cut", "cuts", "cutting", "lowered", "lower", "lowers",
    "lowering", "trimmed", "trim", "trims", "trimming", "grew", "grow", "grows", "growing", "increased", "increase",
    "increases", "increasing", "decreased", "decrease", "decreasing", "expanded", "expand", "expanding", "slashed",
    "slashing", "hiked", "hike", "hiking", "shrank", "shrinking", "improved", "improving",
}
LEVEL_VERBS = CHANGE_VERBS | {"totalled", "totaled", "reached", "stood", "hit", "numbered", "came"}
# Verbs that say what a number is the value of, its subject: "Advertising costs amounted to $1.2 million", "Rent
# expense was $4.5 million". The participles follow the noun they state ("obligations totaling $131.7 million").
COPULAS = {
    "was", "were", "is", "are", "been", "be", "amounted", "amounts", "totals", "equalled", "equaled", "equals",
}
COPULA_PARTICIPLES = {"amounting", "totaling", "totalling", "equalling", "equaling"}
# Words that end a clause: a figure's measure and quote never run past them.
CLAUSE_WORDS = {
    "and", "but", "while", "whereas", "which", "who", "when", "with", "although", "though", "compared",
    "showed", "shows", "said", "says", "revealed", "reveals", "suggests", "according",
}
CLAUSE_PUNCT = ",;:()–—\"“”"
AUX = {"were", "was", "is", "are", "been", "be", "have", "has", "had", "also", "then", "will", "would"}
EDGE_STOP = {
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "up", "further",
    "another", "that", "this", "those", "these", "their", "its", "than", "as", "some", "being", "s", "'", "’",
    "year", "years", "last", "per", "cent",
}
REPORTING = {"showed", "revealed", "suggested", "found", "said", "indicated", "confirmed", "noted", "added", "warned", "claimed"}
PREPOSITIONS = {"in", "at", "by", "from", "across", "for", "within", "throughout", "among", "inside"}
# Capitalised words that do not start a name ("In the Northshire" names "Northshire").
NOT_NAMES = {
    "the", "a", "an", "in", "at", "by", "from", "for", "across", "meanwhile", "but", "and", "our", "their",
    "his", "her", "its", "this", "that", "these", "those", "some", "data", "figures", "according", "however",
    "since", "after", "before", "during", "while", "although", "last", "overall", "nationally", "separately",
    "only", "it", "they", "we", "he", "she", "there", "of", "on", "to", "with", "as", "what", "why", "how",
    "when", "where", "who", "nearly", "almost", "about", "around", "more", "less", "just", "so", "if", "yet",
    "also", "other", "all", "each", "both", "many", "most", "new", "mr", "mrs", "ms", "dr", "per", "cent", "i",
}
NON_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
# Small words a name can hold between its capitals ("Trinidad and Tobago", "Bureau of Statistics").
NAME_JOINERS = {"of", "and", "for", "the", "&", "on", "de"}
PRONOUN_STARTS = {"it", "they", "we", "he", "she", "there", "this", "that", "these", "those", "data", "figures"}
# A dateline before a story's first sentence: "WASHINGTON — ", "LONDON, June 3 - ".
DATELINE = re.compile(r"[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+)*(?:,[^—–\n]{0,30})?\s[—–-]\s")
WORD_RE = re.compile(r"[A-Za-z][\w'’&.-]*[\w]|[A-Za-z]")
_NAME_WORD = r"(?:(?:[A-Z]\.){2,}(?![A-Za-z])|[A-Z][\w'’&-]*)"  # "U.S." is one word, not "U" and "S"
NAME_RE = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:(?:of|and|for|the|&|on|de)\s+)*{_NAME_WORD})*"
)


@dataclass
class Candidate:
    mention: Mention
    sentence: Passage
    clause: tuple[int, int]
    qualifier: Qualifier = Qualifier.exact
    qstart: int = 0
    change: bool = False
    measure: str = ""
    head: str = ""  # the counted noun ("cases"), lent to neighbours that lack one
    quote_span: tuple[int, int] = (0, 0)
    subject: str = ""
    period: str = ""
    is_date: bool = False
    baseline: bool = False  # "up from 318 in 2020": a comparison, not the period the text is about
    since: bool = False  # "up from 318": the value before, so of the period before when none is written
    own: PeriodMention | None = None  # the period written in the number's clause
    period_kind: str = ""  # the kind of period mention its period came from ("part" for "the third quarter")
    event_at: int = 0  # where a subordinate clause after it opens ("after storms hit in May"): its dates are the event's
    place: str = ""  # a name written right after the number ("43.9 per cent in Fellside"): whom it is of
    local_subject: bool = False  # its subject is its own ("19.0 per cent for boys"), not the sentence's to lend on


SUBJECT_PRONOUNS = {"we", "they", "it", "i", "you", "he", "she", "who", "which", "that"}
# Words a noun phrase read backwards from a number stops at: what links it to the rest of its clause.
_PHRASE_STOPS = AUX | CLAUSE_WORDS | LEVEL_VERBS | COPULAS | COPULA_PARTICIPLES | REPORTING | {
    "the", "a", "an", "its", "their", "our", "his", "her", "my", "your", "this", "that", "these", "those", "any",
    "each", "every", "some", "no", "to", "of", "in", "on", "at", "by", "for", "from", "as", "than", "into", "over",
    "under", "during", "since", "after", "before", "between", "about", "approximately", "we", "they", "it", "there",
    "will", "would", "may", "might", "could", "can", "should", "must", "make", "made", "makes", "pay", "paid", "pays",
    "incur", "incurs", "recognize", "recognise", "record", "records", "estimate", "expect", "had", "have", "has",
    "total", "totalling", "totaling", "all", "both", "not", "also", "only",
}


def noun_phrase_before(text: str, floor: int, at: int, longest: int = 8) -> str:
    """The noun phrase that ends right before `at`, read back to the word that links it to its clause: "the
    Company recorded amortization expense (of $2.1 million)" -> amortization expense; "we had aggregate unfunded
    benefit obligations (totaling ...)" -> aggregate unfunded benefit obligations. A word in "-ed" after a noun is
    the clause's verb ("The Company recorded"); after a linking word, or negated ("unfunded"), it describes the noun
    ("had unrecognized tax benefits"). "" when no noun comes right before, or the phrase runs past `longest` words."""
    words = words_in(text, floor, at)
    if not words or text[words[-1].end(): at].strip():
        return ""
    out: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group(0)
        lw = w.lower()
        prev = words[i - 1] if i > 0 else None
        joined = prev is not None and not text[prev.end(): words[i].start()].strip()
        if lw in ("and", "&") and out and joined and prev is not None and prev.group(0).lower() not in _PHRASE_STOPS:
            out.insert(0, w)  # "pension and postretirement benefit obligations": one phrase
            continue
        if lw in _PHRASE_STOPS:
            break
        if out and prev is not None and prev.group(0).lower() in SUBJECT_PRONOUNS:
            break  # "we hold pension obligations": the pronoun's verb
        if lw.endswith("ed") and not lw.startswith("un") and out and joined and prev is not None and prev.group(0).lower() not in _PHRASE_STOPS:
            break  # "The Company recorded amortization expense": the verb, not a description
        out.insert(0, w)
        if not joined:
            break  # a comma, a number or a bracket before it: the phrase starts here
    if not out or len(out) > longest:
        return ""
    phrase = " ".join(out)
    return phrase if phrase[:2].isupper() else phrase[0].lower() + phrase[1:]


def clean_words(words: list[str], drop_aux: bool = True) -> list[str]:
    out = [w for w in words if not (drop_aux and w.lower() in AUX)]
    while out and out[0].lower() in EDGE_STOP:
        out.pop(0)
    while out and out[-1].lower() in EDGE_STOP:
        out.pop()
    return out


def words_in(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(WORD_RE.finditer(text, start, end))


def clauses_of(text: str, s: Passage, protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut a sentence at clause punctuation and joining words, never inside a period ("between X and Y")."""
    cuts = {s.start, s.end}
    for i in range(s.start, s.end):
        if text[i] == "," and text[i - 1: i].isdigit() and text[i + 1: i + 2].isdigit():
            continue  # 2,575
        if text[i] in CLAUSE_PUNCT or (text[i] in "-" and text[i - 1: i + 2] == " - "):
            cuts.add(i)
    for m in re.finditer(r"\b(" + "|".join(CLAUSE_WORDS) + r")\b", text[s.start: s.end], re.IGNORECASE):
        cuts.add(s.start + m.start())
    cuts = {c for c in cuts if not any(a < c < b for a, b in protected)}
    bounds = sorted(cuts)
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def clause_at(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in clauses:
        if a <= pos < b:
            return a, b
    return clauses[-1]


def names_in(text: str, s: Passage, places: frozenset[str] = frozenset()) -> list[tuple[int, int, str, bool]]:
    """Named places and bodies in a sentence: (start, end, name, introduced by a preposition). A capital that
    only starts the sentence is no name unless `places` (lower case) knows it ("Hawaii was one of ...")."""
    out = []
    sentence_start = s.start + len(text[s.start: s.end]) - len(text[s.start: s.end].lstrip("\"'“‘"))
    dateline = DATELINE.match(text, sentence_start, s.end)
    if dateline:
        sentence_start = dateline.end()  # "WASHINGTON — Visitors spent ...": the sentence starts after its dateline
    for m in NAME_RE.finditer(text, dateline.end() if dateline else s.start, s.end):
        words = m.group(0).split()
        start = m.start()
        while words and words[0].lower() in NOT_NAMES and " ".join(words).lower() not in places:
            # "New figures show" is no name; "New South Wales", a place known with its "New", is
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else m.end()
            words.pop(0)
        while words and words[-1].lower() in NAME_JOINERS | NON_NAMES and len(words) > 1:
            words.pop()  # "Northland March exports": a month after a name dates it, it is no part of the name
        if not words or all(w.lower() in NON_NAMES | NAME_JOINERS for w in words):
            continue  # "between October and December" names no one
        if len(words) == 1 and len(words[0]) == 1:
            continue  # a lone capital is a grade, a class or an initial ("graded 4/C", "Plan B"), not a name
        if len(words) == 1 and words[0].isupper() and text[start + len(words[0]): start + len(words[0]) + 1] == "$":
            continue  # "US$3,653", "NZ$8.00": the letters name a currency's dollar, not a place the figure is about
        before = [w.lower() for w in re.findall(r"[A-Za-z]+", text[max(s.start, start - 25): start])]
        while before and before[-1] in {"the", "a", "an"}:
            before.pop()
        prep = bool(before) and before[-1] in PREPOSITIONS
        acronym = "." in words[0] or (words[0].isupper() and len(words[0]) <= 4)
        if m.start() == sentence_start and len(words) == 1 and not prep and start == m.start() and not acronym \
                and (words[0].isupper() or re.sub(r"['’]s$", "", words[0]).lower() not in places):
            continue  # a dateline ("WASHINGTON —") is where the story was written, not what it is about  # a capital that only starts the sentence ("UK", "U.S." are names wherever they stand)
        name = " ".join(words)
        out.append((start, start + len(name), name, prep))
    return out


def qualifier_before(text: str, m: Mention, floor: int) -> tuple[Qualifier, int]:
    before = text[max(floor, m.start - 30): m.start]
    for pattern, q in QUALIFIER_RE:
        found = pattern.search(before)
        if found:
            return q, m.start - (len(before) - found.start())
    return Qualifier.exact, m.start
