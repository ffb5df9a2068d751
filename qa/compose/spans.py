"""Answering who / when / which / why within a passage: the span asked for, not the whole passage quoted back.

Plain English, any field: a "who" or "which organisation" question wants a name (a run of capitalised
words the question does not already give), a "when" or "what year" question a date, and any other
question the clause of the passage that covers it best (for "why", the clause that gives a reason).
Every span is a substring of the passage, so its offsets are the passage's and it is cited exactly.
"""

from __future__ import annotations

import re

from qa.model.records import Passage
from qa.text import lexicon
from qa.text.dateline import WHEN_ASKED as WHEN
from qa.text.dates import (
    DATE,
    SINCE_ASKED,
    since_date,
    when_spans,
)
from qa.text.definitions import asks_definition, definition_span, says_what_named_is
from qa.text.leads import TABLE_ASKED, UNITS_ASKED, scale_note, table_lead
from qa.text.methods import METHOD_ASKED, method_span
from qa.text.people import (
    LETTER,
    TITLE_ASKED,
    UPPER,
    Mention,
    asks_for_person,
    asks_what_person_is,
    cached_mentions,
    named_in,
    plain,
    posts_named,
    role_words,
)
from qa.text.reasons import CAUSE_ASKED, REASON

NAME = re.compile(rf"\b[{UPPER}][{LETTER}'’]+(?:(?:\s+(?:of|and|the|for|de|van|von)\s+|\s+)[{UPPER}][{LETTER}'’]+)*")
# Capitalised at a sentence's start, never part of a name: "But Tom Ashby" is Tom Ashby.
OPENERS = {"But", "And", "The", "A", "An", "In", "On", "At", "For", "Its", "Their", "His", "Her", "This", "That",
           "Meanwhile", "However", "Although", "While", "When", "After", "Before", "Some", "Across", "Data", "Our"}
MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
CLAUSE_END = re.compile(r"[,;:–—]\s+|\s+-\s+|\.\s+")
# Where a clause of its own begins: the answer to the first clause stops there.
CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:while|whereas|but|however|although)\b|\.\s+(?=[A-Z])|"
                          # "... and 71 cases were also closed": an "and" that opens a clause with its own verb
                          r",?\s+and\s+(?=(?:\d[\d,.]*|the|a|an|we|it|they|our|its|this|these|those)\s+(?:[\w-]+\s+){0,3}?"
                          r"(?:was|were|is|are|has|have|had|will)\b)")
# Words that only link the thing asked about to what the passage says of it ("X is primarily comprised of Y").
LINKING = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "primarily", "mainly", "largely",
           "principally", "chiefly", "mostly", "generally", "also", "currently", "typically", "usually", "partly",
           "consist", "consists", "consisted", "comprise", "comprises", "comprised", "composed", "made", "up",
           "refer", "refers", "referred", "relate", "relates", "related", "represent", "represents", "represented",
           "include", "includes", "included", "including", "defined", "of", "as", "our", "its", "their", "the",
           "a", "an", "that", "which"}
# The verbs that say what a thing is or is made of ("X is Y", "X consists of Y", "X refers to Y").
SAYS_WHAT = {"is", "are", "was", "were", "consist", "consists", "consisted", "comprise", "comprises", "comprised",
             "composed", "refer", "refers", "represent", "represents", "represented", "include", "includes", "means"}
# "relates to", "due to": the "to" goes with the verb (a "to" of purpose, "to reduce risk", is the answer).
TAKES_TO = {"relate", "relates", "related", "refer", "refers", "referred", "due", "attributable", "owing"}
PREPOSITIONS = {"on", "in", "as", "of", "for", "with", "by", "at", "from", "into", "to", "about"}
YES_NO = re.compile(r"^\s*(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b", re.I)
CROSS_REFERENCE = re.compile(r"\s*\((?:see|refer to|as described|as discussed)\b[^()]*\)\s*$", re.I)
# The question's own words that say what kind of answer it wants, not what it is about.
ASKING = {"what", "how", "why", "where", "which", "does", "did", "do", "is", "are", "was", "were", "reason", "reasons",
          "primary", "main", "key", "result", "consist", "comprise", "include", "included", "mean", "company",
          "describe", "defined", "define", "represented", "represent"}
POSSESSED = re.compile(r"['’]s\s+([A-Za-z]+)")
TOKEN = re.compile(r"[A-Za-z0-9][\w'’&-]*")
DESCRIBE = re.compile(r"\b(describe[sd]?|call(?:s|ed)?|put it|words?|term(?:ed)?|characteri[sz]e[sd]?|label(?:l?ed)?)\b",
                      re.I)
QUOTED = re.compile(r"[\"“]([^\"“”]{2,120})[\"”]")
REASON_IS = re.compile(r"\b(?:reasons?|cause|explanation)\b[^.;]{0,80}?\b(?:is|was|are|were)\s+that\s+", re.I)
# A name is asked for: "who", "what company", and "which" before any noun ("which union is she the head of?"): a
# question about a figure never reaches a passage's span, so "which" here picks one of the things the passage names.
WHO = re.compile(r"^\s*(who|whose|whom)\b|\b(what)\s+(charity|organi[sz]ation|person|group|body|official|"
                 r"campaign|helpline|council|company|firm|agency|department|party|name)\b|\bname of\b|"
                 r"\bwhich\s+(?!(?:one|of|is|was|are|were)\b)[a-z]+\b", re.I)
WHY = re.compile(r"\bwhy\b|\breasons?\b|" + CAUSE_ASKED, re.I)
WHY_ASKED = re.compile(r"\bwhy\b", re.I)  # the word itself: a reason, and nothing else, is the answer
PURPOSE = re.compile(r"(?:in order |so as )?to\s+[a-z]", re.I)  # "to spread supply risk": a purpose is a reason
# A question after a quantity, and a passage saying there was none of it
AMOUNT_ASKED = re.compile(r"\bhow (?:much|many)\b|\bwhat (?:was|were|is|are) the (?:amount|number|value|balance)\b", re.I)
NONE_HELD = re.compile(r"\b(?:had|has|have|held|recorded|recognized|recognised)\s+no\b|\bthere (?:was|were|is|are) no\b|"
                       r"\bdid not (?:have|hold|record|recogni[sz]e)\b", re.I)
STOP = {"the", "a", "an", "of", "in", "on", "to", "and", "or", "is", "was", "what", "who", "which", "did", "does",
        "do", "how", "why", "when", "it", "its", "their", "by", "for", "with", "that", "this", "are", "were"}


def _words(text: str) -> set[str]:
    """Content words, and numbers as written ("28.3"), so a span is found beside the figure a question quotes."""
    return {w for w in re.findall(r"\d+(?:[.,]\d+)*|[a-z0-9]+", text.lower()) if w not in STOP and (len(w) > 2 or w[0].isdigit())}


# what puts a date on the period a thing is for or covers: "estimates for March", "figures covering January"
PERIOD_OF = re.compile(r"\b(?:for|covering)\s+(?:the\s+)?$", re.I)


def said_alike(question: str, text: str) -> set[str]:
    """The passage's words that say what the question says in other words, by the vocabulary ("come out" and
    "published", "kick in" and "takes effect"): where the passage tells of the event a when-question asks about."""
    asked = set(lexicon.canon_tokens(question))
    return {w for w in set(re.findall(r"[a-z]+", text.lower())) if len(w) > 2 and w not in STOP
            and any(t in asked for t in lexicon.canon_tokens(w))}


def answer_span(question: str, passage: Passage) -> tuple[int, int] | None:
    """(start, end) of the answer within `passage.text`, or None when no span answers it better than the whole."""
    text, q = passage.text, question
    asked = _words(q)
    if YES_NO.search(q):
        return None  # "Did the company have any ...?" is answered by the whole statement
    if TABLE_ASKED.search(q):  # "What does the table show?": what the sentence introducing it says it shows
        return table_lead(text)
    if UNITS_ASKED.search(q):  # "What is the unit used in the table?": its note of scale
        return scale_note(text)
    if WHEN.search(q):
        # a date the question gives itself ("the 2022 toll was the highest since which year?") is not the answer
        spans = [s for s in when_spans(text) if text[s[0]:s[1]].lower() not in q.lower()]
        if SINCE_ASKED.search(q):  # "since when?": the date the passage puts after "since" ("the highest since 1989")
            spans = [s for s in spans if since_date(text, s)] or spans
        else:  # "will publish its update for 2025 in May", "figures covering January, due on 13 February": the period
            # a thing is for or covers is not when it happens, when the sentence gives another date
            spans = [s for s in spans if not PERIOD_OF.search(text[max(0, s[0] - 12):s[0]])] or spans
        # the date beside a number the question quotes ("when did lenders approve 28.3%?"), else beside its words
        quoted = {w for w in asked if w[0].isdigit() and re.search(rf"(?<![\d.]){re.escape(w)}(?![\d])", text)}
        return _nearest_span(spans, text, quoted or asked | said_alike(q, text)) if spans else None
    person = person_span(q, text)
    if person is not None:
        return person
    named = says_what_named_is(q, text)
    if named is not None:  # "What is Acme?": what the passage says Acme is
        return named
    if asks_definition(q):  # "What does the law prohibit?": the clause that says what it covers
        defined = definition_span(text)
        if defined is not None:
            return defined
    if METHOD_ASKED.search(q):  # "How was the data obtained?": the method named, not what the data showed
        method = method_span(text)
        if method is not None:
            return method
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
        reason = _reason(q, text)
        if reason is not None:
            return reason
        if WHY_ASKED.search(q) and not REASON.search(text):
            # "why did X fall?" of a passage that gives no reason: only a purpose is one ("signed with several
            # suppliers to spread supply risk"); any other clause of it is no answer
            rest = _remainder(q, text)
            return rest if rest is not None and PURPOSE.match(text[rest[0]:rest[1]]) else None
    if AMOUNT_ASKED.search(q) and NONE_HELD.search(text):
        return None  # "What was the amount of X?" of "the Company had no X": the statement that there was none
    rest = _remainder(q, text)
    if rest is not None:
        return rest
    clauses = _clauses(text)
    if len(clauses) < 2:
        return None
    best = max(clauses, key=lambda c: (len(asked & _words(text[c[0]:c[1]])), -(c[1] - c[0])))
    return best if asked & _words(text[best[0]:best[1]]) else None


# An answer this long reads as the passage quoted back, not as the person asked for
LONG_SPAN = 90


def person_span(q: str, text: str) -> tuple[int, int] | None:
    """A person asked for, with what the passage says they are: "What is Ann Lee's role?" and "Who is Ann Lee?" are
    her introduction ("Deputy Director Ann Lee, head of research at Acme"); "Who runs Acme?" the introduction of the
    person nearest the passage's mention of Acme. None when the passage introduces nobody."""
    found = list(cached_mentions(text))
    if not found:
        return None
    named = [m for m in named_in(q, text, found) if m.described]
    if named and (asks_what_person_is(q) or WHO.search(q)):
        m = named[0]
        title = m.title(text)
        if TITLE_ASKED.search(q) and title is not None:  # "What is Ann Lee's rank?": the title before her name
            return title
        if m.end - m.start < LONG_SPAN or m.about_start < 0:
            return m.start, m.end
        return m.about_start, m.end  # a long introduction: what she is, after the name the question gives
    if not asks_for_person(q) or named_in(q, text, found):
        return None
    pool = [m for m in found if m.described] or found
    asked = posts_named(q)
    if asked:  # "who is Acme's CFO?": the person introduced in that post ("Finance director Ann Lee"), when one is
        pool = [m for m in pool if posts_named(text[m.start:m.end]) & asked] or pool
    roles = role_words()
    own = roles.sub(" ", q) if roles is not None else q
    anchors = [m.start() for w in _words(own) for m in re.finditer(rf"\b{re.escape(w)}", text.lower())]

    def distance(m: Mention) -> int:
        return min((0 if m.start <= a < m.end else min(abs(a - m.start), abs(a - m.end)) for a in anchors), default=0)

    best = min(pool, key=distance)
    return (best.start, best.end) if best.end - best.start < LONG_SPAN else (best.name_start, best.name_end)


def _key(word: str) -> str:
    """A word's rough stem, so "represented" meets "represents" and "included" meets "include"."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    if w.endswith("ies") and len(w) > 4:
        return (w[:-3] + "y")[:6]
    for suf in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[: -len(suf)]
            break
    return w[:6]


def _question_keys(q: str) -> set[str]:
    return {_key(w) for w in TOKEN.findall(q) if w.lower() not in STOP and w.lower() not in ASKING and len(w) > 2}


def _covered(q: str, text: str) -> tuple[list[re.Match[str]], tuple[int, int] | None]:
    """The passage's words and the shortest run of them that holds every question word the passage uses
    (as (first, last) word indices), or None when it uses none."""
    tokens = list(TOKEN.finditer(text))
    keys = _question_keys(q)
    at = [(i, _key(t.group(0))) for i, t in enumerate(tokens) if _key(t.group(0)) in keys]
    wanted = {k for _, k in at}
    if not wanted:
        return tokens, None
    best: tuple[int, int] | None = None
    for a in range(len(at)):  # the shortest window holding every wanted key (ties: the later one, past headings)
        seen: set[str] = set()
        for b in range(a, len(at)):
            seen.add(at[b][1])
            if seen == wanted:
                if best is None or at[b][0] - at[a][0] <= best[1] - best[0]:
                    best = (at[a][0], at[b][0])
                break
    return tokens, best


def _clause_end(text: str, start: int) -> int:
    """Where the clause running from `start` ends: a semicolon, a ", while ...", or the end of the sentence."""
    m = CLAUSE_BREAK.search(text, start)
    end = m.start() if m else len(text.rstrip(" ."))
    ref = CROSS_REFERENCE.search(text[:end])  # "(see Note 12 below)" points elsewhere; it is not the answer
    return ref.start() if ref and ref.start() > start else end


def _reason(q: str, text: str) -> tuple[int, int] | None:
    """"Why did X rise?": from the reason word after what the question says ("primarily due to ...") to the end of
    its clause. "What was the reason for ...?" wants the reason itself, so it starts after the reason word."""
    tokens, window = _covered(q, text)
    after = tokens[window[1]].end() if window else 0
    found = [m for m in REASON.finditer(text)]
    if not found:
        return None
    later = [m for m in found if m.start() >= after]
    m = later[0] if later else found[0]
    start = m.start() if re.search(r"\bwhy\b", q, re.I) else m.end()
    start += len(text[start:]) - len(text[start:].lstrip(" ,"))
    end = _clause_end(text, m.end())
    return (start, end) if end - start >= 8 else None


def _remainder(q: str, text: str) -> tuple[int, int] | None:
    """What the passage says beyond what the question already says: "What does X consist of?" of "X consists
    primarily of Y, Z and W" is "Y, Z and W". The words after the question's own (or the longest stretch between
    them), without the words that only link the two ("is", "consists of", "primarily"), up to the end of the clause."""
    tokens, window = _covered(q, text)
    if window is None:
        return None
    missing = _question_keys(q) - {_key(t.group(0)) for t in tokens}
    if any(_key(m.group(1)) in missing for m in POSSESSED.finditer(q)):
        return None  # "What is Ian Critchley's rank?" names what it wants, and the passage never says "rank"
    first, last = window
    seen: set[str] = set()
    marks = []
    qkeys = _question_keys(q)
    for i in range(first, last + 1):  # each question word where it first appears in the window
        k = _key(tokens[i].group(0))
        if k in qkeys and k not in seen:
            seen.add(k)
            marks.append(i)
    stretches = [(marks[j] + 1, marks[j + 1] - 1) for j in range(len(marks) - 1) if marks[j + 1] - marks[j] > 1]
    tail = (last + 1, len(tokens) - 1)
    lead = LINKING | (PREPOSITIONS & {w.lower() for w in re.findall(r"[a-z]+", q.lower())})  # "rely on", "defined as"
    candidates = []
    for n, (lo, hi) in enumerate([tail, *stretches]):
        if n == 0:
            lo = _past_head(tokens, lo, hi, text)
        while lo <= hi and (tokens[lo].group(0).lower() in lead or tokens[lo].group(0).lower() == "to"
                            and lo > 0 and tokens[lo - 1].group(0).lower() in TAKES_TO):
            lo += 1
        if lo > hi:
            continue
        start = tokens[lo].start()
        if n == 0:  # after the question's words: to the end of the clause
            end = _clause_end(text, start)
        else:  # between them: without the small words that lead into the next one
            while hi > lo and tokens[hi].group(0).lower() in STOP | LINKING:
                hi -= 1
            end = tokens[hi].end()
        words = [t.group(0) for t in tokens[lo:] if t.end() <= end]
        content = sum(1 for w in words if w.lower() not in STOP and len(w) > 2)
        candidates.append((content, n == 0, start, end))
    good = [c for c in candidates if c[0] >= 2 and c[3] - c[2] >= 8]
    if not good:
        return None
    _, _, start, end = max(good, key=lambda c: (c[0], c[1]))
    return start, end


def _past_head(tokens: list[re.Match[str]], lo: int, hi: int, text: str) -> int:
    """Where the answer starts when the thing asked about runs on past the question's words to a verb that says what
    it is: "Ship management creditors' liability is comprised of cash ..." asked "What do ship management creditors
    consist of?" answers "cash ...", not "liability is comprised of cash ...". At most two words of the head, in one
    clause; `lo` unchanged when no such verb follows."""
    for j in range(lo, min(lo + 3, hi + 1)):
        if j > lo and re.search(r"[,;:.()]", text[tokens[lo].start():tokens[j].start()]):
            return lo
        if tokens[j].group(0).lower() in SAYS_WHAT and j > lo:
            return j
    return lo


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
    """The question names it already ("Who is Ian Critchley?" asks for more than his name), whole or as most of its
    words: "Councillor Ian Critchley" is given by "Ian Critchley", the "Acme Noise Action Group" by "the noise
    action group". Accents aside: "Elodie" gives "Élodie"."""
    q = plain(question).lower()
    words = [w for w in re.findall(r"[a-z0-9'’]+", plain(name).lower()) if w not in STOP]
    if not words or " ".join(words) in q:
        return True
    asked = set(re.findall(r"[a-z0-9'’]+", q))
    return len(words) >= 2 and sum(w in asked for w in words) * 2 > len(words)


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


def _nearest_span(spans: list[tuple[int, int]], text: str, asked: set[str]) -> tuple[int, int]:
    """The span closest to where the passage uses the question's words."""
    anchors = [m.start() for w in asked for m in re.finditer(rf"\b{re.escape(w)}", text.lower())]
    if not anchors:
        return spans[0]
    return min(spans, key=lambda s: min(abs(s[0] - a) for a in anchors))


def _clauses(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in CLAUSE_END.finditer(text):
        if m.start() - start >= 12:
            out.append((start, m.start()))
            start = m.end()
    if len(text) - start >= 12:
        out.append((start, len(text.rstrip(" ."))))
    return out
