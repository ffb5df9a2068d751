"""People a passage names with what they are: "Dr Ann Lee, director of the Housing Trust, said ...".

A news article introduces the people it quotes in a few fixed shapes: a title before the name ("Deputy Chief Constable
Ann Lee", "Acme CEO Ann Lee"), an appositive after it ("Ann Lee, head of research at Acme," or "Ann Lee, Acme's
director"), and a speech verb beside it ("said Ann Lee"). A `Mention` is one such introduction: the name and what the
passage says the person is, as offsets into the passage, so an answer quotes them exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from qa.text import lexicon

# Letters of Latin script with their accents ("Élodie", "Núñez"): names are written with them and typed without
UPPER = "A-ZÀ-ÖØ-Þ"
LETTER = "a-zA-ZÀ-ÖØ-öø-ÿ"
LOWER = "a-zß-öø-ÿ"
# Two or more capitalised words or acronyms, ending in a word (a title is part of the run: "Acme CEO Ann Lee")
PERSON = re.compile(rf"\b(?:(?:[{UPPER}][{LETTER}'’-]*[{LOWER}][{LETTER}'’-]*|[A-Z]{{2,5}})\s+)+"
                    rf"[{UPPER}][{LETTER}'’-]*[{LOWER}][{LETTER}'’-]*")
# Capitalised only because they open a sentence or a clause: "But Ann Lee" is Ann Lee.
OPENERS = {"But", "And", "The", "A", "An", "In", "On", "At", "For", "Its", "Their", "His", "Her", "This", "That",
           "Meanwhile", "However", "Although", "While", "When", "After", "Before", "Some", "According", "As", "Speaking"}
SPEECH = r"(?:said|says|told|added|warned|explained|argued|noted)"
# What follows ", " after a name and says what the person is: a lowercase phrase, or one led by an article or a
# possessive ("the trust's chief executive", "Acme's head of research"), up to the next comma, colon or full stop
APPOSITIVE = re.compile(r",\s+((?:(?:the|a|an)\s+)?(?:[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*)*['’]s\s+)?[a-z][^,.:;\"“”]{2,120}?)"
                        r"(?=\s*(?:,|\.(?:\s|$)|:|;|\s" + SPEECH + r"\b|$))")
# "Ann Lee, who chairs the Acme Trust," says what she is as an appositive does: a relative clause with its verb
# (not one that reports what they say or think: "who say only a fraction report it")
RELATIVE = re.compile(r"who\s+(?!(?:" + SPEECH + r"|say|tell|tells|add|adds|warn|warns|argue|argues|claim|claims|claimed|"
                      r"believe|believes|believed|think|thinks|thought|fear|fears|feared|want|wants|wanted)\b)[a-z]+")
NOT_APPOSITIVE = re.compile(r"(?:the\s+|a\s+|an\s+)?(?:which|who|whose|where|when|while|and|or|but|with|up|down|from|to|"
                            r"in|on|at|for|by|as|if|than|then|so|not|is|was|are|were|has|had|have|says?|said|there|it|they|[a-z]+ed)\b")
SPEECH_NEAR = re.compile(r"\b" + SPEECH + r"\b")


def plain(text: str) -> str:
    """The text without accents ("Élodie" -> "Elodie"), for matching a name typed without them."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Mention:
    """A person introduced in a passage: `start`-`end` is the whole introduction (title, name and appositive),
    `name` the run of capitalised words holding the name, `described` whether a title or appositive says what
    they are."""

    start: int
    end: int
    name_start: int
    name_end: int
    described: bool
    about_start: int = -1  # where the appositive starts ("director of X"), -1 without one

    def title(self, text: str) -> tuple[int, int] | None:
        """The title before the name ("Deputy Chief Constable" of "Deputy Chief Constable Ann Lee"): the run
        before its last two words, or None when the run is a bare name."""
        words = list(re.finditer(r"\S+", text[self.name_start:self.name_end]))
        if len(words) <= 2:
            return None
        return self.name_start, self.name_start + words[-3].end()

    def name_in(self, text: str) -> str:
        return text[self.name_start:self.name_end]


@lru_cache(maxsize=8)
def _role_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I)


def role_words() -> re.Pattern[str] | None:
    """The vocabulary's words for a post ("chief executive", "boss", "runs", "CFO") as one pattern, or None."""
    v = lexicon.vocabulary()
    return _role_pattern(tuple(v.role_words + [n for names in v.posts.values() for n in names]))


@lru_cache(maxsize=8)
def _post_patterns(posts: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((post, re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                                   + r")\b", re.I)) for post, names in posts)


def posts_named(text: str) -> set[str]:
    """The posts (the vocabulary's `posts`, by their first name) a text names in any of their forms: "CFO" and "finance
    director" both name the chief financial officer."""
    v = lexicon.vocabulary()
    pats = _post_patterns(tuple((p, tuple(n)) for p, n in sorted(v.posts.items())))
    return {post for post, pat in pats if pat.search(text)}


def _trimmed(text: str, m: re.Match[str]) -> tuple[int, int] | None:
    words = list(re.finditer(r"\S+", m.group(0)))
    skip = 0
    while skip < len(words) - 1 and words[skip].group(0) in OPENERS:
        skip += 1
    if len(words) - skip < 2:
        return None
    start, end = m.start() + words[skip].start(), m.end()
    if re.search(r"['’]s$", text[start:end]):
        return None  # "Acme Trust's figures": a possessive names an owner, not a person introduced
    return start, end


# A post written in capitals after a name, between commas: ", Chief Financial Officer,"
CAPITAL_POST = re.compile(rf",\s+((?:the\s+)?(?:[{UPPER}][{LETTER}’'&.-]*\s+(?:of\s+|for\s+|and\s+)?){{0,5}}"
                          rf"[{UPPER}][{LETTER}’'&.-]*)(?=\s*(?:,|\.(?:\s|$)|:|;|\s" + SPEECH + r"\b|$))")


def _title_before(text: str, at: int, roles: re.Pattern[str] | None) -> int | None:
    """Where a post written just before a name starts ("Chief executive Ann Lee", "Acme's finance chief Ann Lee"):
    up to four words of the name's clause that end in a post's word; None without one."""
    if roles is None:
        return None
    clause = re.split(r"[,.;:\"“”()]", text[max(0, at - 60):at])[-1]
    words = list(re.finditer(r"[\w’'&-]+", clause))[-4:]
    if not words or not text[max(0, at - 60):at].endswith(clause) or clause[words[-1].end():].strip():
        return None
    base = at - len(clause)
    for w in words:  # the longest run of words that is a post ending right before the name
        run = clause[w.start():words[-1].end()]
        hits = list(roles.finditer(run))
        if hits and hits[-1].end() == len(run) and (w.group(0)[0].isupper() or hits[0].start() == 0):
            return base + w.start()
    return None


def mentions(text: str) -> list[Mention]:
    """Every person the passage introduces, in order: a name of two or more capitalised words with an appositive
    after it ("Ann Lee, director of X, said") or beside a speech verb ("Acme CEO Ann Lee said", "said Ann Lee")."""
    out: list[Mention] = []
    speaks = bool(SPEECH_NEAR.search(text))
    roles = role_words()
    for m in PERSON.finditer(text):
        span = _trimmed(text, m)
        if span is None:
            continue
        a, b = span
        after, before = text[b:b + 40], text[max(0, a - 20):a]
        if out and a < out[-1].end:
            continue  # a name inside someone's description ("director of the Acme Trust") is not a person
        app = APPOSITIVE.match(text, b)
        if app is None and roles is not None:  # "Ann Lee, Chief Financial Officer, said": a post written in capitals
            cap = CAPITAL_POST.match(text, b)
            app = cap if cap is not None and roles.search(cap.group(1)) else None
        has_role = bool(roles and roles.search(text[a:b]))  # a title before the name: "Acme CEO Ann Lee"
        start = _title_before(text, a, roles)
        if start is not None:  # "Chief executive Ann Lee said", "Finance chief Ann Lee": a post written before her
            has_role = True
        start = a if start is None else start
        if app is not None and (not NOT_APPOSITIVE.match(app.group(1)) or RELATIVE.match(app.group(1))) \
                and len(app.group(1).split()) <= 16 \
                and (roles is not None and roles.search(app.group(1)) or app.group(1).startswith("of ")
                     or RELATIVE.match(app.group(1))
                     or speaks and re.match(r"\s*(?:,\s*)?(?:" + SPEECH + r"\b|:)", text[app.end(1):])):
            out.append(Mention(start, app.end(1), a, b, True, app.start(1)))
        elif re.match(r"\s+" + SPEECH + r"\b", after) or re.search(r"\b" + SPEECH + r"\s+$", before):
            out.append(Mention(start, b, a, b, has_role))
    return out


def named_in(question: str, text: str, found: list[Mention]) -> list[Mention]:
    """The mentions whose person the question names (by the last two words of the name: "Ann Lee" of "Dr Ann Lee")."""
    q = plain(question).lower().replace("’", "'")
    out = []
    for m in found:
        words = plain(m.name_in(text)).replace("’", "'").split()
        if " ".join(words[-2:]).lower() in q:
            out.append(m)
    return out


# A question asking for a person: "who's the boss of X?", "which official is quoted?" (not "who cancelled more?")
PERSON_ASKED = re.compile(r"^\s*(?:who|whom)(?:'s|’s)?\b(?!\s+(?:\w+\s+)?(?:more|most|less|fewer|higher|lower)\b)|"
                          r"\bwhich\s+(?:\w+\s+)?(?:person|official|officer|spokes\w+|expert|economist)\b", re.I)
# A question asking what a named person is: "What is Ann Lee's role?", "Which organisation does Ann Lee work for?"
TITLE_ASKED = re.compile(r"\b(?:rank|title)\b", re.I)
ROLE_ASKED = re.compile(r"\b(?:role|job|title|position|rank|post|works?\s+(?:for|at)|which\s+organi[sz]ation)\b", re.I)
# The question's words that only say a person is wanted, not which one
ASKING_PERSON = frozenset({"quote", "quoted", "piece", "story", "guy", "person", "job", "role", "title", "position",
                           "work", "works", "he", "she", "him", "her", "his", "they", "them"})


def asks_for_person(question: str) -> bool:
    return bool(PERSON_ASKED.search(question))


def asks_what_person_is(question: str) -> bool:
    return bool(ROLE_ASKED.search(question)) or bool(re.match(r"\s*who\s+(?:is|was|'s|’s)\s+[A-Z]", question))


@lru_cache(maxsize=4096)
def cached_mentions(text: str) -> tuple[Mention, ...]:
    return tuple(mentions(text))
