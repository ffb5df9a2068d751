"""The reader's vocabulary: a field's words, loaded from data files beside the corpus.

Knowledge of a field ("axed" means dropped in crime reporting, "Sthn" is Southshire) is data,
in `<corpus>/vocabulary/*.json`; this module only loads and applies it. Each file may give:

    synonyms          word -> canonical term ("axed": "drop")
    phrases           phrase -> canonical term, matched before single words
    subject_aliases   a subject's name (lower case, or a part of it) -> other names people use for it
    splits            measure axes that split a count into parts: {name: {"applies_to": term, "with": regex,
                      "without": regex, "both": regex, "terms": [terms naming the axis]}}
    key_terms, defining_terms, generic_terms   canonical terms that tell figures apart (see qa.understand.score)
    count_nouns       class -> nouns ("force": ["forces"]): what "how many ..." counts
    ignore_terms      canonical terms too common in the field to tell figures apart
    places            a gazetteer: places a question may name
    measures          word starts of measures people ask about ("convict", "cost"): a question naming one that
                      no document mentions is answered "the article doesn't say"
    areas             how a country or nation is written -> one name ("U.S.": "United States"): the area a text
                      figure is about when its sentence names no other
    name_codes        a code a name is written as ("OH": "Ohio", "NM": "New Mexico"), or a list of the names it is
                      written for ("WA": Washington, Western Australia): a question naming the code names the subject
                      of that name (matched in capitals, or in lower case when no English word)
    codes_as_written  codes that are English words too ("ACT"): counted only as written, in capitals
    demonyms          a country's adjective or people -> its name ("freedonian": "Freedonia"): a question writing it
                      names the subject of that name, unless a subject is called by the adjective itself
    source_words      words that make a name a publisher of statistics ("bureau", "office"), not a figure's subject
    seasons           a season's first and last month ("winter": [10, 3]): what "winter 2021-22" or "last winter" covers
    verb_nouns        a verb a sum is the object of -> the noun for that sum ("spent": "spending"): "visitors spent
                      $4bn on travel" is spending on travel
    fiscal_year_starts  an area's name -> the month its fiscal year starts ("United States": 10): what "fiscal 2023" covers
    body_nouns        what a story calls the body it is about once it has named it ("the board", "the company", "the
                      group"): a figure such a phrase opens the clause of is that body's, not the board's
    units             units of measurement written after a number ("minutes", "litres", "GW"): "a target of 18
                      minutes" measures the target, in minutes, where "a survey of 2,000 parents" counts parents
    worse_when_higher word starts of measures where more is worse ("complaint", "waiting", "dropout"): what "did it
                      improve?" asks of them is a fall (unless the measure counts those within a standard, "seen within
                      four hours")
    role_words        words naming someone's post or their running of something ("chief executive", "boss", "runs"):
                      what a question asking for the person in a post says of them

The files are merged in name order. With no vocabulary folder the reader works from the figures
and documents alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

STOPWORDS = set(
    """a an the of in on at to for from by with and or but is are was were be been being do does did done
    how many much what which who whom whose when where why that this these those there their they them it its
    as than then so if into over under about across between since per any all each both some more most less
    fewer least number numbers total figure figures article further besides say says said according tell me please
    give show i we us you your our my has have had can could would should will shall may might just only also
    s t get got value amount level overall exactly precisely roughly approximately table tables chart
    """.split()
)


@dataclass
class Split:
    """A measure axis with two parts (cases dropped with / without a suspect)."""

    name: str
    applies_to: str
    with_: re.Pattern[str]
    without: re.Pattern[str]
    both: re.Pattern[str] | None = None
    terms: frozenset[str] = frozenset()  # canonical terms that name the axis itself


@dataclass
class Vocabulary:
    synonyms: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)
    subject_aliases: dict[str, list[str]] = field(default_factory=dict)
    splits: list[Split] = field(default_factory=list)
    key_terms: set[str] = field(default_factory=set)
    defining_terms: set[str] = field(default_factory=set)
    generic_terms: set[str] = field(default_factory=set)
    count_nouns: dict[str, list[str]] = field(default_factory=dict)
    ignore_terms: set[str] = field(default_factory=set)
    places: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)  # word starts of measures people ask about
    areas: dict[str, str] = field(default_factory=dict)  # "U.S." -> "United States"
    name_codes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "OH" -> ("Ohio",): a code names are written as
    codes_as_written: set[str] = field(default_factory=set)  # "ACT": a code that is an English word, only in capitals
    demonyms: dict[str, str] = field(default_factory=dict)  # "freedonian" -> "Freedonia": a country's adjective
    source_words: set[str] = field(default_factory=set)  # "bureau", "office": a name that publishes figures
    seasons: dict[str, tuple[int, int]] = field(default_factory=dict)  # "winter" -> (10, 3): October to March
    fiscal_year_starts: dict[str, int] = field(default_factory=dict)  # "United States" -> 10 (October)
    verb_nouns: dict[str, str] = field(default_factory=dict)  # "spent" -> "spending"
    dollar_currencies: dict[str, str] = field(default_factory=dict)  # "Australia" -> "AUD": what a bare "$" is there
    role_words: list[str] = field(default_factory=list)  # "chief executive", "boss", "runs": a post, or running something
    body_nouns: set[str] = field(default_factory=set)  # "board", "company": "the board declared" is the article's body
    posts: dict[str, list[str]] = field(default_factory=dict)  # "chief executive" -> ["ceo", "chief exec", "boss", ...]
    units: set[str] = field(default_factory=set)  # "minutes", "litres", "gw": a unit a number is measured in
    worse_when_higher: list[str] = field(default_factory=list)  # "complaint", "waiting": a rise is for the worse


class BadVocabulary(ValueError):
    """A vocabulary file that cannot be read; the message names the file and the problem."""


def read_vocabulary(folder: Path | None) -> Vocabulary:
    v = Vocabulary()
    if folder is None or not Path(folder).is_dir():
        return v
    for path in sorted(Path(folder).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            v.synonyms.update({str(k).lower(): str(c) for k, c in data.get("synonyms", {}).items()})
            v.phrases.update({str(k).lower(): str(c) for k, c in data.get("phrases", {}).items()})
            for name, aliases in data.get("subject_aliases", {}).items():
                v.subject_aliases.setdefault(name.lower(), []).extend(a.lower() for a in aliases)
            for name, s in data.get("splits", {}).items():
                v.splits.append(Split(name, s["applies_to"], re.compile(s["with"]), re.compile(s["without"]),
                                      re.compile(s["both"]) if s.get("both") else None,
                                      frozenset(s.get("terms", [name]))))
            v.key_terms |= set(data.get("key_terms", []))
            v.defining_terms |= set(data.get("defining_terms", []))
            v.generic_terms |= set(data.get("generic_terms", []))
            for cls, nouns in data.get("count_nouns", {}).items():
                v.count_nouns.setdefault(cls, []).extend(nouns)
            v.ignore_terms |= set(data.get("ignore_terms", []))
            v.places += [p.lower() for p in data.get("places", [])]
            v.measures += [m.lower() for m in data.get("measures", [])]
            v.areas.update({str(k): str(a) for k, a in data.get("areas", {}).items()})
            v.codes_as_written |= {str(c) for c in data.get("codes_as_written", [])}
            for code, named in data.get("name_codes", {}).items():  # one name, or the names the code is written for
                v.name_codes[str(code)] = tuple(dict.fromkeys(
                    v.name_codes.get(str(code), ()) + tuple(str(n) for n in ([named] if isinstance(named, str) else named))))
            v.demonyms.update({str(k).lower(): str(n) for k, n in data.get("demonyms", {}).items()})
            v.source_words |= {str(w).lower() for w in data.get("source_words", [])}
            for name, (first, last) in data.get("seasons", {}).items():
                if not (1 <= int(first) <= 12 and 1 <= int(last) <= 12):
                    raise ValueError(f"season {name!r}: months must be 1 to 12")
                v.seasons[str(name).lower()] = (int(first), int(last))
            v.verb_nouns.update({str(k).lower(): str(n) for k, n in data.get("verb_nouns", {}).items()})
            v.role_words += [str(w).lower() for w in data.get("role_words", [])]
            v.body_nouns |= {str(w).lower() for w in data.get("body_nouns", [])}
            for post, names in data.get("posts", {}).items():
                v.posts.setdefault(str(post).lower(), []).extend(str(n).lower() for n in [post, *names])
            v.units |= {str(w).lower() for w in data.get("units", [])}
            v.worse_when_higher += [str(w).lower() for w in data.get("worse_when_higher", [])]
            v.dollar_currencies.update({str(k): str(c) for k, c in data.get("dollar_currencies", {}).items()})
            for name, month in data.get("fiscal_year_starts", {}).items():
                if not 1 <= int(month) <= 12:
                    raise ValueError(f"fiscal year of {name!r}: the month must be 1 to 12")
                v.fiscal_year_starts[str(name)] = int(month)
        except (ValueError, KeyError, TypeError, re.error) as exc:
            raise BadVocabulary(f"{path.name}: {exc}") from None
    # the files write canonical terms as words; questions are reduced to stems: bring both to one form
    v.synonyms = {k: canon_word(c) for k, c in v.synonyms.items()}
    v.phrases = {k: canon_word(c) for k, c in v.phrases.items()}
    for name in ("key_terms", "defining_terms", "generic_terms", "ignore_terms"):
        setattr(v, name, {canon_word(t) for t in getattr(v, name)})
    v.splits = [Split(s.name, s.applies_to, s.with_, s.without, s.both, frozenset(canon_word(t) for t in s.terms))
                for s in v.splits]
    return v


_active: Vocabulary | None = None
_folder: Path | None = None


def use(folder: Path | None) -> Vocabulary:
    """Make the vocabulary in `folder` the one the reader applies (the engine calls this on load)."""
    global _active, _folder
    if _active is None or folder != _folder:
        _active, _folder = read_vocabulary(folder), folder
        canon_tokens.cache_clear()
        split_flag.cache_clear()
    return _active


def vocabulary() -> Vocabulary:
    if _active is None:
        from qa.model.settings import get_settings  # first use without an engine (tests, tools)

        return use(Path(get_settings().corpus_dir) / "vocabulary")
    return _active


@lru_cache(maxsize=65536)
def canon_tokens(text: str) -> list[str]:
    """Canonical content terms of a text, phrases first, stopwords dropped."""
    v = vocabulary()
    t = text.lower().replace("’", "'").replace("'s", "")
    t = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", " ", t)  # "the 1st time": an ordinal's ending is no word
    out: list[str] = []
    for phrase, c in v.phrases.items():
        if phrase in t:
            out.append(c)
            t = t.replace(phrase, " ")
    # "e-book", "e-bike", "x-ray": the word with its one-letter prefix ("ebook", as people also type it) and without
    t = re.sub(r"(?<![a-z-])([a-z])-([a-z]{2,})\b", r"\1\2 \2", t)
    for w in re.findall(r"[a-z£%]+", t):
        if w in STOPWORDS or len(w) < 2:
            continue
        out.append(v.synonyms.get(w, _stem(w)))
    return out


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    """The Snowball English (Porter 2) stemmer: "approved", "approval" and "approving" share one stem."""
    try:
        import snowballstemmer
    except ImportError:
        return None
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(w: str) -> str:
    s = _stemmer()
    if s is not None and len(w) > 3:
        return str(s.stemWord(w))
    for suf in ("ings", "ing", "ied", "ies", "ed", "es", "s"):  # without the stemmer installed: plain endings
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def canon_word(term: str) -> str:
    """A vocabulary file's canonical term in the form questions are reduced to (a plain word is stemmed)."""
    return _stem(term) if re.fullmatch(r"[a-z]+", term) else term


@lru_cache(maxsize=256)
def canon_set(words: frozenset[str]) -> frozenset[str]:
    """A set of plain words as canonical terms (to compare with `canon_tokens`)."""
    return frozenset(t for w in words for t in canon_tokens(w)) | frozenset(canon_word(w) for w in words)


@lru_cache(maxsize=65536)
def split_flag(text: str) -> str:
    """Which part of a split measure a text names: "with", "without", "both" or ""."""
    t = text.lower()
    for s in vocabulary().splits:
        if (s.both is not None and s.both.search(t)) or EITHER.search(t):
            return ""  # both sides asked: the whole, no part
        with_, without = bool(s.with_.search(t)), bool(s.without.search(t))
        if with_ and without:
            return "both"
        if with_:
            return "with"
        if without:
            return "without"
    return ""


def without_split(text: str) -> str:
    """The text with the words naming a part of a split measure taken out ("dropped despite a suspect" -> "dropped")."""
    out = text
    for s in vocabulary().splits:
        for pattern in (s.with_, s.without):
            out = pattern.sub(" ", out)
    return re.sub(r"\s+", " ", out).strip()


def split_applies(terms: frozenset[str] | set[str]) -> bool:
    """Does a measure with these canonical terms split into with/without parts?"""
    return any(s.applies_to in terms for s in vocabulary().splits)


# "suspect or no suspect", "with or without one", "a degree or not": both sides of an axis, in any field's words
EITHER = re.compile(r"\b([a-z]+)\s+(?:or|and)\s+(?:no|not|without)\s+(?:an?\s+|the\s+)?\1\b|\bwith\s+(?:or|and)\s+without\b")


def both_parts(text: str) -> bool:
    """"with and without a suspect": the total, not either part."""
    low = text.lower()
    splits = vocabulary().splits
    return any(s.both is not None and s.both.search(low) for s in splits) or bool(splits and EITHER.search(low))


def split_terms() -> set[str]:
    """Canonical terms that name a split axis itself (a measure narrower only by these is a part)."""
    return {t for s in vocabulary().splits for t in s.terms}
