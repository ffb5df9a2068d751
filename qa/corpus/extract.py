"""Automatic figure extraction: every number in a document becomes a candidate figure.

Deterministic and offline: rules over the sentence a number is written in, no model.
For each number we read
  value and unit  from the mention itself ("£3.4bn", "38.8 per cent", "a third", "two years'"),
  qualifier       from the words just before it ("at least", "nearly", "some"),
  period          from a date in its clause, else one in its sentence that no other number
                  claims, else the period of the figure before it in the same run of
                  paragraphs, else the publication year; a change ("a 39% jump from 5,291
                  in 2020") spans the earliest to the latest period of its sentence,
  subject         from a named place or body in its sentence ("In the West Midlands", "by
                  Staffordshire Police"), else the grammatical subject of a sentence about
                  a change ("Public order offences rose by 39%"), else the subject before it,
                  else the title,
  measure         from the words after it up to the end of its clause, borrowing the noun
                  of a nearby count when the number stands alone ("630 axed" -> "cases axed"),
  quote           the number with its qualifier and measure words, offsets into the text.

The result is a table with the curated table's columns (`qa.figures.COLUMNS`). Every row
is checked by `qa.figures.validate`; a candidate it refuses (for example a value that
`qa.numbers` cannot read back from its quote) is set aside with the reason, never kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from qa.corpus.figures import COLUMNS, validate
from qa.corpus.passages import split_passages
from qa.model.errors import BadFigures
from qa.model.records import Document, Figure, Passage, Qualifier, Unit
from qa.text.mentions import Mention, PeriodMention, find_numbers, find_periods, period_bounds

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
    "fallen", "grown",
}
LEVEL_VERBS = CHANGE_VERBS | {"totalled", "totaled", "reached", "stood", "hit", "numbered", "came"}
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
# Capitalised words that do not start a name ("In the West Midlands" names "West Midlands").
NOT_NAMES = {
    "the", "a", "an", "in", "at", "by", "from", "for", "across", "meanwhile", "but", "and", "our", "their",
    "his", "her", "its", "this", "that", "these", "those", "some", "data", "figures", "according", "however",
    "since", "after", "before", "during", "while", "although", "last", "overall", "nationally", "separately",
    "only", "it", "they", "we", "he", "she", "there", "of", "on", "to", "with", "as", "what", "why", "how",
    "when", "where", "who", "nearly", "almost", "about", "around", "more", "less", "just", "so", "if", "yet",
    "also", "other", "all", "each", "both", "many", "most", "new", "mr", "mrs", "ms", "dr", "per", "cent",
}
NON_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
PRONOUN_STARTS = {"it", "they", "we", "he", "she", "there", "this", "that", "these", "those", "data", "figures"}
WORD_RE = re.compile(r"[A-Za-z][\w'’&.-]*[\w]|[A-Za-z]")
NAME_RE = re.compile(
    r"[A-Z][\w'’&-]*(?:\s+(?:(?:of|and|for|the|&|on|de)\s+)*[A-Z][\w'’&-]*)*"
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


@dataclass
class Extraction:
    """What extraction produced: the table, and the candidates validation refused."""

    table: pd.DataFrame
    figures: list[Figure]
    skipped: list[tuple[dict[str, object], str]] = field(default_factory=list)


def _clean(words: list[str], drop_aux: bool = True) -> list[str]:
    out = [w for w in words if not (drop_aux and w.lower() in AUX)]
    while out and out[0].lower() in EDGE_STOP:
        out.pop(0)
    while out and out[-1].lower() in EDGE_STOP:
        out.pop()
    return out


def _words(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(WORD_RE.finditer(text, start, end))


def _clauses(text: str, s: Passage, protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
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


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in clauses:
        if a <= pos < b:
            return a, b
    return clauses[-1]


def _names(text: str, s: Passage) -> list[tuple[int, int, str, bool]]:
    """Named places and bodies in a sentence: (start, end, name, introduced by a preposition)."""
    out = []
    sentence_start = s.start + len(text[s.start: s.end]) - len(text[s.start: s.end].lstrip("\"'“‘"))
    for m in NAME_RE.finditer(text, s.start, s.end):
        words = m.group(0).split()
        start = m.start()
        while words and words[0].lower() in NOT_NAMES:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else m.end()
            words.pop(0)
        while words and words[-1].lower() in {"of", "and", "for", "the", "&", "on", "de"}:
            words.pop()
        if not words or all(w.lower() in NON_NAMES for w in words):
            continue
        before = [w.lower() for w in re.findall(r"[A-Za-z]+", text[max(s.start, start - 25): start])]
        while before and before[-1] in {"the", "a", "an"}:
            before.pop()
        prep = bool(before) and before[-1] in PREPOSITIONS
        if m.start() == sentence_start and len(words) == 1 and not prep and start == m.start():
            continue  # a capital that only starts the sentence
        name = " ".join(words)
        out.append((start, start + len(name), name, prep))
    return out


def _qualifier(text: str, m: Mention, floor: int) -> tuple[Qualifier, int]:
    before = text[max(floor, m.start - 30): m.start]
    for pattern, q in QUALIFIER_RE:
        found = pattern.search(before)
        if found:
            return q, m.start - (len(before) - found.start())
    return Qualifier.exact, m.start


class _Extractor:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        years = [int(y) for y in re.findall(r"(?<![\d,.])\b((?:19|20)\d\d)\b", doc.text) if int(y) <= doc.published.year]
        self.periods = find_periods(doc.text, doc.published, max(years) if years else None)
        # a number inside a date ("21 April 2023") is part of the date, not a figure
        self.numbers = [n for n in find_numbers(doc.text) if not any(p.start <= n.start < p.end for p in self.periods)]
        self.title_subject = self._title_subject()

    def _title_subject(self) -> str:
        probe = Passage(doc_id=self.doc.id, start=0, end=len(self.doc.title), text=self.doc.title)
        names = _names(self.doc.title, probe)
        preferred = [n for n in names if n[3]] or names
        return preferred[0][2] if preferred else self.doc.title[:80]

    def run(self) -> list[Candidate]:
        out: list[Candidate] = []
        context_period, context_subject, context_head = "", self.title_subject, ""
        seen_definite: set[tuple[float, str]] = set()
        for s in split_passages(self.doc):
            nums = [m for m in self.numbers if s.start <= m.start < s.end]
            pers = [p for p in self.periods if s.start <= p.start < s.end]
            if not nums and not self._date_periods(s, pers, nums):
                if self._paragraph_has_no_numbers(s):
                    context_period, context_subject, context_head = "", self.title_subject, ""
                continue
            cands = self._sentence(s, nums, pers, seen_definite)
            claimed = {c.period for c in cands if c.period}
            free = [p for p in pers if p.period not in claimed and not any(
                p.start < c.quote_span[1] and c.quote_span[0] < p.end for c in cands)]
            names = _names(self.text, s)
            for c in cands:
                c.subject = self._subject(c, s, names) or context_subject
                if not c.period and not c.is_date:
                    if free:
                        c.period = free[0].period
                    elif context_period:
                        c.period = context_period
                if c.change:
                    c.period = self._change_period(c, pers, context_period) or c.period
                if not c.period and c.mention.unit not in (Unit.years, Unit.date):
                    c.period = str(self.doc.published.year)
                if not c.head and c.mention.unit is Unit.count:
                    c.head = context_head
                if not c.is_date and not c.baseline:
                    context_period = c.period or context_period
                context_subject = c.subject
                context_head = c.head or context_head
            for c in cands:
                if not c.measure:
                    c.measure = context_head or "count"
            out.extend(cands)
        return out

    def _paragraph_has_no_numbers(self, s: Passage) -> bool:
        same = [p for p in split_passages(self.doc) if p.paragraph == s.paragraph]
        return not any(p.start <= m.start < p.end for p in same for m in self.numbers)

    def _date_periods(self, s: Passage, pers: list[PeriodMention], nums: list[Mention]) -> list[PeriodMention]:
        """Dates that are figures themselves: "came into force in April 2015", alone in their clause."""
        clauses = _clauses(self.text, s, self._protected(s, pers))
        out = []
        for p in pers:
            if p.kind != "point" or not p.preceded_by_in:
                continue
            a, b = _clause_of(clauses, p.start)
            if any(a <= m.start < b for m in nums):
                continue
            if not _words(self.text, a, p.start - 3):  # "In 2021, ..." sets a period, it is not an event
                continue
            out.append(p)
        return out

    def _sentence(self, s: Passage, nums: list[Mention], pers: list[PeriodMention],
                  seen_definite: set[tuple[float, str]]) -> list[Candidate]:
        text = self.text
        clauses = _clauses(text, s, self._protected(s, pers))
        cands: list[Candidate] = []
        heads: list[str] = []
        leads: list[str] = []  # measures of the counts so far, lent to a share or change after them
        for i, m in enumerate(nums):
            clause = _clause_of(clauses, m.start)
            q, qstart = _qualifier(text, m, clause[0] if clause[0] < m.start else s.start)
            c = Candidate(m, s, clause, q, qstart)
            c.baseline = text[max(clause[0], qstart - 6): qstart].lower().rstrip().endswith(("from", "than", "with"))
            stop = min([n.start for n in nums[i + 1:]] + [clause[1]])
            stop = max(stop, m.end)
            after_words = [w for w in _words(text, m.end, stop) if not self._in_period(w.start())]
            after = [w.group(0) for w in after_words]
            before = [w.group(0).lower() for w in _words(text, clause[0], qstart)]
            c.change = m.unit in (Unit.percent, Unit.percentage_points) and (
                bool(after) and after[0].lower() in CHANGE_NOUNS
                or bool(before) and (before[-1] in CHANGE_VERBS or before[-2:-1] == [] and False
                                     or (before[-1] == "by" and len(before) > 1 and before[-2] in CHANGE_VERBS))
            )
            kept = _clean(after)
            end = m.end
            if kept:
                last = kept[-1]
                for w in after_words:
                    if w.group(0) == last:
                        end = w.end()
            if m.unit is Unit.percent and after and after[0].lower() in CHANGE_NOUNS:
                kept = []
            # the number and its measure words, trimmed to end on a word
            c.quote_span = (qstart, end)
            noun = after[0].lower().rstrip("s") if after else ""
            if (m.value, noun) in seen_definite and text[max(0, qstart - 4): qstart].lower().endswith("the "):
                continue  # "the 38 forces" again: a reference back, not a new figure
            if m.unit is Unit.count:
                seen_definite.update({(m.value, w.lower().rstrip("s")) for w in after[:3]})
            if m.unit is Unit.count and before and before[-1].endswith("ed") and before[-1] not in REPORTING and kept and not self._verbish(kept[0]):
                kept = [*kept, before[-1]]  # "they recorded 710 offences" -> offences recorded
            c.measure, c.head = self._measure(c, kept, before, heads, leads, s)
            if c.head:
                heads.append(c.head)
            if m.unit is Unit.count and not c.baseline and c.measure:
                leads.append(c.measure)
            cands.append(c)
        for p in self._date_periods(s, pers, nums):
            cands.append(self._date_candidate(s, p, clauses))
        cands.sort(key=lambda c: c.quote_span[0])
        # a number's clause period belongs to it
        for c in cands:
            if c.is_date:
                continue
            a, b = c.clause
            own = [p for p in pers if a <= p.start < b and not any(d.is_date and d.quote_span[0] <= p.start < d.quote_span[1] for d in cands)]
            if own:
                c.period = own[0].period
                if own[0].start >= c.quote_span[1] and own[0].end - c.quote_span[1] < 60:
                    gap = self.text[c.quote_span[1]: own[0].start]
                    if not any(n.start >= c.quote_span[1] and n.start < own[0].start for n in nums):
                        c.quote_span = (c.quote_span[0], own[0].end) if "\n" not in gap else c.quote_span
        return cands

    def _protected(self, s: Passage, pers: list[PeriodMention]) -> list[tuple[int, int]]:
        """Spans a clause never ends inside: periods and names ("England and Wales")."""
        return [(p.start, p.end) for p in pers] + [(n[0], n[1]) for n in _names(self.text, s)]

    def _in_period(self, pos: int) -> bool:
        return any(p.start <= pos < p.end for p in self.periods)

    def _measure(self, c: Candidate, kept: list[str], before: list[str], heads: list[str],
                 leads: list[str], s: Passage) -> tuple[str, str]:
        m = c.mention
        lead_noun = heads[-1] if heads else ""
        lead_measure = leads[-1] if leads else lead_noun
        np_subject = self._np_subject(s)
        if m.unit in (Unit.percent, Unit.percentage_points):
            if c.change:
                base = np_subject or lead_measure or " ".join(kept)
                return f"percent change in {base}".strip(), ""
            if kept and kept[0].lower() == "of":
                kept = kept[1:]
            if kept and kept[0].lower() in {"of"}:
                kept = kept[1:]
            words = _clean(kept)
            if words and words[0].lower() not in {"overall", "total", "in", "on", "at"}:
                return "share of " + " ".join(words), ""
            base = lead_measure or np_subject
            return ("share of " + " ".join([base, *words])).strip(), ""
        if m.unit is Unit.years:
            pre = _clean([w for w in before[-4:] if w not in {"a", "an", "the"}])
            rest = [w for w in kept if w.lower() not in {"years", "year", "s"}]
            return " ".join(pre + rest) or "years", ""
        if m.unit is Unit.money:
            pre = _clean(before[-3:])
            return " ".join(pre + kept) or "amount", ""
        # a count
        if kept and not self._verbish(kept[0]):
            head = kept[0]
            return " ".join(kept), head
        if kept:
            return f"{lead_noun or np_subject} {' '.join(kept)}".strip(), ""
        return lead_measure or np_subject, ""

    @staticmethod
    def _verbish(word: str) -> bool:
        w = word.lower()
        return w.endswith("ed") or w in LEVEL_VERBS or w in {
            "without", "with", "despite", "in", "of", "on", "at", "by", "to", "for", "from", "being",
            "more", "less", "fewer", "overall", "each", "every", "per", "a", "an",
        }

    def _np_subject(self, s: Passage, upto: int | None = None) -> str:
        """The subject of a change or level verb: "Public order offences rose by 39%" -> public order offences."""
        words = _words(self.text, s.start, s.end if upto is None else upto)
        verbs = [i for i, w in enumerate(words) if w.group(0).lower() in LEVEL_VERBS and i > 0]
        if not verbs:
            return ""
        i = verbs[-1] if upto is not None else verbs[0]
        stop = words[i].start()
        begin = s.start
        for j in range(stop - 1, s.start - 1, -1):
            if self.text[j] in ",;:–—(\"“":
                begin = j + 1
                break
        np = _clean([w.group(0) for w in _words(self.text, begin, stop)])
        if not np or np[0].lower() in PRONOUN_STARTS or len(np) > 7:
            return ""
        phrase = " ".join(np)
        return phrase if phrase[:2].isupper() else phrase[0].lower() + phrase[1:]

    def _subject(self, c: Candidate, s: Passage, names: list[tuple[int, int, str, bool]]) -> str:
        pos = c.mention.start
        np_subject = self._np_subject(s, pos)
        if np_subject and any(w.group(0).lower() in CHANGE_VERBS for w in _words(self.text, s.start, pos)):
            return np_subject  # "Public order offences rose by 39% to 78,697": the offences are the subject
        prep = [n for n in names if n[3]]
        if prep:
            return min(prep, key=lambda n: (n[0] > pos, abs(n[0] - pos)))[2]
        if names:
            return min(names, key=lambda n: (n[0] > pos, abs(n[0] - pos)))[2]
        return self._np_subject(s) if any(
            w.group(0).lower() in CHANGE_VERBS for w in _words(self.text, s.start, c.mention.start)
        ) else ""

    def _change_period(self, c: Candidate, pers: list[PeriodMention], context: str) -> str:
        points = [b for p in pers for b in period_bounds(p.period)]
        if context:
            points += list(period_bounds(context))
        points = sorted(set(points))
        if len(points) >= 2:
            return f"{points[0]}/{points[-1]}"
        return ""

    def _date_candidate(self, s: Passage, p: PeriodMention, clauses: list[tuple[int, int]]) -> Candidate:
        a, b = _clause_of(clauses, p.start)
        year = int(p.period[:4])
        mention = Mention(p.start, p.end, float(year), Unit.date)
        before = [w for w in _words(self.text, a, p.start)]
        kept_before = _clean([w.group(0) for w in before][-6:])
        after_words = [w for w in _words(self.text, p.end, b)][:8]
        kept_after = _clean([w.group(0) for w in after_words])
        qstart = p.start
        if kept_before:
            first = kept_before[0]
            for w in before[-6:]:
                if w.group(0) == first:
                    qstart = w.start()
                    break
        qend = p.end
        if kept_after:
            for w in after_words:
                if w.group(0) == kept_after[-1]:
                    qend = w.end()
        words = [w for w in kept_before if w.lower() not in {"it", "they", "was", "were", "in", "on"}]
        c = Candidate(mention, s, (a, b), Qualifier.exact, qstart, is_date=True)
        c.measure = "date " + " ".join(_clean(words + kept_after))
        c.quote_span = (qstart, qend)
        c.period = p.period[:7]
        return c


def extract_candidates(doc: Document) -> list[Candidate]:
    return _Extractor(doc).run()


def _row(doc: Document, n: int, c: Candidate) -> dict[str, object]:
    a, b = c.quote_span
    value = c.mention.value
    return {
        "id": f"{doc.id}-x{n:03d}", "doc_id": doc.id, "subject": c.subject.strip(),
        "measure": re.sub(r"\s+", " ", c.measure).strip(), "period": c.period,
        "value": str(int(value)) if value == int(value) else repr(value),
        "unit": c.mention.unit.value, "qualifier": c.qualifier.value,
        "quote": doc.text[a:b], "start": str(a), "end": str(b),
    }


def extract(doc: Document) -> Extraction:
    """Candidate figures for one document, as a validated table like the curated ones."""
    rows = [_row(doc, n, c) for n, c in enumerate(extract_candidates(doc), start=1)]
    kept: list[dict[str, object]] = []
    skipped: list[tuple[dict[str, object], str]] = []
    for row in rows:
        try:
            validate(pd.DataFrame([row], columns=COLUMNS, dtype=str), {doc.id: doc}, source="extracted")
        except BadFigures as exc:
            skipped.append((row, str(exc)))
            continue
        kept.append(row)
    table = pd.DataFrame(kept, columns=COLUMNS, dtype=str).reset_index(drop=True)
    figures = validate(table, {doc.id: doc}, source=f"figures extracted from {doc.id}")
    return Extraction(table=table, figures=figures, skipped=skipped)


def extract_figures(doc: Document) -> pd.DataFrame:
    """The table alone: exactly `qa.figures.COLUMNS`, every row accepted by `qa.figures.validate`."""
    return extract(doc).table
