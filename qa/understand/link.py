"""Linking question words to the corpus: place aliases, known words, periods, and what a measure counts.

Everything here is derived from the figures and documents themselves (`CorpusTerms`), once per
corpus; the engine keeps one and hands it down.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from functools import cached_property, lru_cache

from qa.corpus.collection import Corpus
from qa.model.records import Figure, Unit
from qa.retrieve.embeddings import dictionary_words
from qa.text import lexicon
from qa.text.gazetteer import world_places


class Vocabulary:
    """Known words, for correcting typos in questions. A word of the corpus or of the field is known; so is any
    English word in the dictionary, which is left as asked ("yearly" is not a typo of "early")."""

    def __init__(self, texts: list[str]) -> None:
        words: set[str] = set()
        for t in texts:
            words.update(w for w in re.findall(r"[a-z]+", t.lower()) if len(w) >= 4)
        v = lexicon.vocabulary()
        words.update(w for w in v.synonyms if len(w) >= 4)
        words.update(w for p in v.phrases for w in p.split() if len(w) >= 4)
        words.update(w for p in v.places for w in p.split() if len(w) >= 4)
        words.update(w for a in v.subject_aliases.values() for p in a for w in p.split() if len(w) >= 4)
        words.update(w for w in lexicon.STOPWORDS if len(w) >= 4)
        words.update("""which percentage proportion share difference compare average total combined
        change increase decrease ratio times higher lower fewer more happened year years previous before
        after between since percent much many
        confirm check verify true false right correct wrong question""".split())
        self.words = sorted(words)
        self.known = set(words)

    def correct(self, text: str) -> str:
        def fix(m: re.Match[str]) -> str:
            w = m.group(0)
            lw = w.lower()
            if len(lw) < 5 or lw in self.known or lw in dictionary_words():
                return w
            best = _close(lw, tuple(self.words))
            return best if best else w

        return re.sub(r"[A-Za-z]+", fix, text)


@lru_cache(maxsize=4096)
def _close(word: str, words: tuple[str, ...]) -> str | None:
    found = difflib.get_close_matches(word, words, n=1, cutoff=0.82)
    return found[0] if found else None


def area_names(subject: str) -> list[str]:
    """Every way the vocabulary writes the area a subject is ("US", "U.S.", "America" for the United States)."""
    areas = lexicon.vocabulary().areas
    area = next((a for k, a in areas.items() if k.lower() == subject.lower()), None)
    return [k for k, a in areas.items() if a == area] if area is not None else []


def demonyms_of(subject: str) -> list[str]:
    """The adjectives the vocabulary gives a country or nation a subject is ("freedonian" for Freedonia or The
    Freedonia, and for the short name the vocabulary's areas give it)."""
    v = lexicon.vocabulary()
    name = re.sub(r"^the\s+", "", subject.lower())
    area = next((a for k, a in v.areas.items() if k.lower() == name), None)
    return [d for d, place in v.demonyms.items() if place.lower() == name
            or (area is not None and v.areas.get(place) == area)]


def _spaced(name: str) -> str:
    """A name as questions are read: hyphens between letters are spaces ("non-swiss" -> "non swiss")."""
    return re.sub(r"(?<=[a-z])-(?=[a-z])", " ", name)


class SubjectTable:
    """Aliases for each subject the figures talk about, longest first."""

    def __init__(self, figures: list[Figure]) -> None:
        self.aliases: list[tuple[str, str]] = []
        self._related: dict[tuple[str, tuple[str, ...]], bool] = {}  # `related`, kept for this corpus' names
        self.codes: list[tuple[str, str]] = []  # two-letter names of an area ("US", "UK"), matched as written
        self.field_names: set[tuple[str, str]] = set()  # names a field's vocabulary gives ("national"), by subject
        self.docs: dict[str, set[str]] = {}  # the documents each subject has figures in
        for f in figures:
            self.docs.setdefault(f.subject, set()).add(f.doc_id)
        known = lexicon.vocabulary().subject_aliases
        subjects = sorted({f.subject for f in figures})
        # a name another subject has in full is that subject's, never a shortened name of this one ("voyage revenue"
        # is its own row, not the end of "Net voyage revenue")
        own_names = {_spaced(s.lower()) for s in subjects}
        # a row under a section heading ("Non-GAAP adjustments: Adjusted operating income") is asked by its own label
        # when no other row of that label is under another heading
        rows = Counter(_spaced(s.rsplit(": ", 1)[1].lower()) for s in subjects if ": " in s)
        for subj in subjects:
            low = subj.lower()
            names = {low, short_name(subj)}
            for written in area_names(subj):  # "USA", "America", "the U.S." all name the United States
                if len(written) >= 3:
                    names.add(written.lower())
                elif (written, subj) not in self.codes:
                    self.codes.append((written, subj))
            names.update(demonyms_of(subj))  # "freedonian start-ups", "the freedonians" for Freedonia
            if re.fullmatch(r"[a-z]{4,}a", low) and low in world_places():
                names.add(low + "n")  # "Westarian schools" for Westaria: a place in -a named by its adjective in -an
            if "'s" in low:
                names.add(low.replace("'s", "s"))  # "childrens services", typed without its apostrophe
            keys = [k for k in known if re.search(r"(?<![a-z])" + re.escape(k) + r"(?![a-z])", low)]
            if keys:  # the most specific name the vocabulary knows ("the two forces" for a joint subject)
                key = max(keys, key=len)
                if " " in key or _spaced(short_name(subj)) == _spaced(key):
                    names.update(known[key])
                    self.field_names |= {(_spaced(n), subj) for n in known[key] if n != low}
                else:  # one word of a longer name written short ("federal govt" for Federal government): the name
                    # with that word so written, not the short word alone (which names every "... government")
                    names.update(re.sub(r"(?<![a-z])" + re.escape(key) + r"(?![a-z])", n, low) for n in known[key])
            if ": " in subj and rows[row := _spaced(subj.rsplit(": ", 1)[1].lower())] == 1 and (
                    " " in row or row in world_places() or area_names(row)):
                names.add(row)  # "Malaysia" under "Net sales:" is a place; "Basic" under "Earnings per share:" is not
            for n in set(names):
                # questions are read with hyphens between letters as spaces ("non-swiss" -> "non swiss"), so names are
                # too; a name of several words ending in a plural is also asked in the singular ("operating lease")
                n = _spaced(n)
                names.add(n)
                names.add(n.replace(" and ", " & "))  # "North East & Yorkshire" for North East and Yorkshire
                names.add(n.replace(" & ", " and "))
                names.add(re.sub(r"(?<=[a-z])-(?=\d)|(?<=\d)-(?=[a-z])", " ", n))  # "under 19s" for Under-19s
                names.add(re.sub(r"(?<=[a-z]) (?=\d)|(?<=\d) (?=[a-z])", "-", n))  # "under-19" for Under 19
                names.add(re.sub(r"(?<=\d) to (?=\d)", "-", n))  # "19-24" for 19 to 24
                if " " in n and re.search(r"[a-z]{3}[^s]s$", n):
                    names.add(n[:-1])
            if joint(subj):  # "farming/fishing" for Farming and fishing: a slash joins as "and" does
                names.update(re.sub(r"\s+(?:and|&)\s+", slash, low) for slash in ("/", " / "))
            words = low.replace("-", " ").split()
            if len(words) >= 3 and words[-2] not in NAME_LINKS:  # "big banks" for "Small-business big banks": the
                names.add(" ".join(words[-2:]))  # last two words name it too (not "of england" for Bank of England)
            if len(words) == 2 and all(w.isalpha() for w in words) and len("".join(words)) >= 7:
                names.add("".join(words))  # "healthcare" for Health care: two words written as one
            for code, named in lexicon.vocabulary().name_codes.items():  # "OH" for Ohio, as written
                if low in {n.lower() for n in named} and (code, subj) not in self.codes:
                    self.codes.append((code, subj))
            for n in names:
                if len(n) >= 3 and (n not in own_names or n == _spaced(low)):
                    self.aliases.append((n, subj))
            letters = initials(subj)
            if letters:  # "ns" for North Shore, "ec" for East Coast ... as people abbreviate a place of two or more words
                self.aliases.append((letters, subj))
        self.aliases += distinctive_words(sorted({f.subject for f in figures}))
        self.aliases += modifier_names(sorted({f.subject for f in figures}))
        self.aliases += head_names(sorted({f.subject for f in figures}))
        # "lib progs" for Liberal Progressives: each word of a name cut short (three letters or more, perhaps plural)
        self.shortened = [(re.compile(p), subj) for subj in subjects if (p := shortened_pattern(subj))]
        self.aliases.sort(key=lambda a: -len(a[0]))
        # a proper name (one word, no English word) as a possessive typed without its apostrophe ("kestrelrails on-time
        # rate"); not a name of common words, whose plural is a class ("the two health boards" is no one board)
        self.patterns = [(re.compile(r"(?<![a-z])" + re.escape(a) + (r"s?" if proper_word(a) else "") + r"(?![a-z])"), a, subj)
                         for a, subj in self.aliases]
        # blanking names out of a question blanks them as written: a plural is a measure's word ("the starts")
        self.exact = [(re.compile(r"(?<![a-z])" + re.escape(a) + r"(?![a-z])"), a, subj) for a, subj in self.aliases]
        self.wordy = [p for p in self.exact if not any(ch.isdigit() for ch in p[1])]  # names without digits
        self.row_forms = RowForms(figures)

    def related(self, subject: str, asked: list[str]) -> bool:
        """Is `subject` one of the places asked, or a longer or shorter name of one ("UK renewables" for
        "Renewables", "Hawaii" for "Maui and Hawaii")? Extraction names one thing in several ways."""
        if subject in asked:
            return True
        key = (subject, tuple(asked))  # every figure of a question's candidates is asked about the same names
        known = self._related.get(key)
        if known is None:
            if len(self._related) > 100_000:
                self._related.clear()
            known = self._related[key] = self._related_now(subject, asked)
        return known

    def _related_now(self, subject: str, asked: list[str]) -> bool:
        mine = name_words(subject)
        # a joint name ("Northshire and Southshire") is not a longer name of one of its parts: a part is not the whole
        return bool(mine) and any((w := name_words(a)) and ((w <= mine and not joint(subject)) or (mine <= w and not joint(a)))
                                  for a in asked)

    def one_place(self, a: str, b: str) -> bool:
        """Are two subjects names of one place: both named by one code ("UK" for "UK" and "United Kingdom")?"""
        return a == b or any(c == d for c, x in self.codes if x == a for d, y in self.codes if y == b)

    def places(self, subjects: list[str]) -> list[str]:
        """The subjects a question names, one name for each place: "the UK" found as "UK" and as "United Kingdom" is
        one place, not two to compare."""
        out: list[str] = []
        for s in subjects:
            if not any(self.one_place(s, o) for o in out):
                out.append(s)
        return out

    def components(self, subject: str, lowered: str) -> list[str]:
        """For a joint subject ("Northshire and Southshire Police"), its parts, in the order the text names them; none
        for a name that joins nothing ("Net voyage revenue" is not "Voyage" and "Voyage revenue")."""
        whole = subject.lower()
        if not joint(subject):
            return []
        parts: list[tuple[int, str]] = []
        for alias, subj in self.aliases:
            if subj == subject or " and " in subj.lower():
                continue
            name = short_name(subj)
            if name in whole and subj not in [p for _, p in parts]:
                pos = lowered.find(alias)
                parts.append((pos if pos >= 0 else 10_000, subj))
        return [p for _, p in sorted(parts)] if len(parts) >= 2 else []

    def mask(self, lowered: str, keep_digits: bool = False) -> str:
        """The text with every place name blanked out (so "the two forces" quotes no number)."""
        t = lowered
        for code, _ in self.codes:
            if code.lower() not in lexicon.STOPWORDS:
                t = re.sub(r"(?<![a-z.])" + re.escape(code.lower()) + r"(?![a-z])", "  ", t)
        for pattern, alias, _ in self.wordy if keep_digits else self.exact:
            if alias in t:
                t = pattern.sub(lambda m: " " * len(m.group(0)), t)
        for pattern, _ in self.shortened:  # "lib dems" names Liberal Democrats as "liberal democrats" does
            t = pattern.sub(lambda m: " " * len(m.group(0)), t)
        for start, end, _ in self.row_forms.find(t):
            t = t[:start] + " " * (end - start) + t[end:]
        return t

    def find(self, lowered: str, written: str = "") -> list[str]:
        """The subjects a question names, in the order it names them. `written` is the question as typed, where a
        two-letter area name counts in capitals ("US"), or in lower case when it is not an English word ("uk")."""
        found: list[tuple[int, str]] = []
        by_field: set[str] = set()  # found only by a name the field's vocabulary gives
        t = lowered
        for code, subj in self.codes:
            m = re.search(r"(?<![A-Za-z.])" + re.escape(code) + r"(?![A-Za-z])", written)
            if m is None and code.lower() not in lexicon.STOPWORDS and code not in lexicon.vocabulary().codes_as_written:
                m = re.search(r"(?<![a-z.])" + re.escape(code.lower()) + r"(?![a-z])", t)
            if m is not None:
                found.append((m.start(), subj))
        named_by: dict[str, set[str]] = {}  # the names each subject was found by
        for pattern, alias, subj in self.patterns:
            if alias not in t:
                continue
            for m in pattern.finditer(t):
                found.append((m.start(), subj))
                named_by.setdefault(subj, set()).add(alias)
                if (alias, subj) in self.field_names:
                    by_field.add(subj)
                t = t[: m.start()] + " " * len(m.group(0)) + t[m.end():]
        for pattern, subj in self.shortened:
            m = pattern.search(t)
            if m is not None:
                found.append((m.start(), subj))
                t = t[: m.start()] + " " * len(m.group(0)) + t[m.end():]
        found += [(start, subj) for start, _, subj in self.row_forms.find(t)]
        seen: list[str] = []
        for _, s in sorted(found):
            if s not in seen:
                seen.append(s)
        # "net sales from Malaysia" names the row "Net sales: Malaysia" by its section and its own label: the words
        # that only repeat the section's name ("net sales") do not name another row ("Total net sales") too
        sections = {_spaced(s.rsplit(": ", 1)[0].lower()) for s in seen if ": " in s}
        if sections:
            seen = [s for s in seen if ": " in s or not named_by.get(s) or not all(
                any(re.search(r"(?<![a-z])" + re.escape(a) + r"(?![a-z])", sec) for sec in sections)
                for a in named_by[s])]
        return self.same_documents(seen, by_field)

    def same_documents(self, found: list[str], by_field: set[str]) -> list[str]:
        """A name a field's vocabulary gives ("national" for one country's total) names nothing when the question's
        other names are of subjects in other documents only ("the national total" beside a state of another country's
        article)."""
        named = [s for s in found if s not in by_field]
        if not named:
            return found
        docs = set().union(*(self.docs.get(s, set()) for s in named))
        return [s for s in found if s not in by_field or self.docs.get(s, set()) & docs]



class RowForms:
    """A table's row labels as questions write them in other words: every word of the label in another form or cut
    short ("farming forestry and fishery" for Farming, forestry and fisheries, "stats" for Statistics, "visitor
    centres" for Visitors' centres), or the label's head, before its first comma or "and" when words in lower case
    follow (a phrase, not names joined), when no other row of the document has a word of that head in any form and the
    head is no word of the measures the rows share ("farming" for Farming, forestry and fisheries, "transport" for
    Transport and logistics). Rows only: labels with a figure of a measure two other labels of the document have (a
    table of three rows or more), so a name read from prose is not called by a word of it."""

    def __init__(self, figures: list[Figure]) -> None:
        self.entries: list[tuple[tuple[str, ...], str, bool]] = []  # (words, row label, whole label), most words first
        by_doc: dict[str, dict[str, set[str]]] = {}
        for f in figures:
            by_doc.setdefault(f.doc_id, {}).setdefault(f.subject, set()).add(f.measure)
        for labels in by_doc.values():
            measures = Counter(m for ms in labels.values() for m in ms)
            rows = [s for s, ms in labels.items() if any(measures[m] >= 3 for m in ms)]
            shared = {w for m, n in measures.items() if n >= 3 for w in label_words(m)}
            words = {s: label_words(s) for s in rows}
            for s in rows:
                if words[s] and not any(ch.isdigit() for ch in s):
                    self.entries.append((tuple(words[s]), s, True))
                parts = re.split(r",\s*|\s+(?:and|&)\s+", s, maxsplit=1)
                head = label_words(parts[0])
                if len(parts) < 2 or not head or len(head) > 2 or head == words[s] or not parts[1][:1].islower():
                    continue  # names joined ("Northshire and Southshire", "Northvale, Ore.") are not called by the first
                if all(not any(word_forms_match(w, x) for x in shared)
                       and not any(word_forms_match(w, x) for o in rows if o != s for x in words[o]) for w in head):
                    self.entries.append((tuple(head), s, False))
        self.entries.sort(key=lambda e: -len(e[0]))
        self.by_start: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        for e in self.entries:
            self.by_start.setdefault(e[0][0][:3], []).append(e)
        self._found: dict[str, list[tuple[int, int, str]]] = {}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """The rows the (lower-cased) text names in other words: (start, end, row label) of each span."""
        if not self.entries:
            return []
        if text not in self._found:
            if len(self._found) > 10_000:
                self._found.clear()
            self._found[text] = self._find(text)
        return self._found[text]

    def _find(self, text: str) -> list[tuple[int, int, str]]:
        asked = [(m.start(), m.end(), re.sub(r"'s?$", "", m.group(0))) for m in LABEL_WORD.finditer(text)]
        tokens = [t for t in asked if len(t[2]) >= 3 and t[2] not in lexicon.STOPWORDS and t[2] not in NAME_LINKS]
        spans: dict[tuple[int, int], set[str]] = {}
        for i, tok in enumerate(tokens):
            for words, subj, whole in self.by_start.get(tok[2][:3], ()):  # a word's forms share its first letters
                n = len(words)
                window = tokens[i:i + n]
                if len(window) == n and all(LINKING_GAP.fullmatch(text[a[1]:b[0]])
                                            for a, b in zip(window, window[1:], strict=False)) \
                        and all(asked_form(t[2], w, alone=whole and n == 1) for t, w in zip(window, words, strict=True)):
                    spans.setdefault((i, i + n), set()).add(subj)
        used: set[int] = set()
        out: list[tuple[int, int, str]] = []
        for (i, j), subjs in sorted(spans.items(), key=lambda s: (s[0][0] - s[0][1], s[0][0])):  # longest first
            if len(subjs) == 1 and not used & set(range(i, j)):  # a span two rows could be names neither
                used |= set(range(i, j))
                out.append((tokens[i][0], tokens[j - 1][1], next(iter(subjs))))
        return sorted(out)


# what may stand between the words of a label as a question writes it ("farming and fishery", "parks & gardens")
LINKING_GAP = re.compile(r"[^a-z0-9]*(?:(?:and|of|the|for|in|on)[^a-z0-9]+)*")


def asked_form(asked: str, word: str, alone: bool = False) -> bool:
    """Does a question's word write a label's word in another form (`word_forms_match`), or cut short with a plural s
    ("stats" for statistics)? A label of one word is only asked cut short (its own word is an alias already, and a
    plural of a common word is a class, not the row)."""
    cut = asked[:-1] if asked.endswith("s") else asked
    short = len(cut) >= 4 and word.startswith(cut) and 2 * len(cut) <= len(word)
    if alone:
        return asked != word and short
    return short or word_forms_match(asked, word)


def proper_word(name: str) -> bool:
    """Is a name one word of four letters or more, not ending in s, that is no English word ("kestrelrail")?"""
    return bool(re.fullmatch(r"[a-z]{3,}[a-rt-z]", name)) and name not in dictionary_words()


# Short English words an abbreviation must not be read from ("in", "us", "it" ...).
SHORT_WORDS = frozenset("""a an am as at be by do go he if in is it me my no of oh ok on or so to up us we
    all and any are but can did for had has her him his how its let may new nor not now off old one our out own say
    see she the too two use was way who why yes yet you""".split())
NAME_LINKS = frozenset({"and", "of", "the", "&", "for", "in", "on"})


def distinctive_words(subjects: list[str]) -> list[tuple[str, str]]:
    """A name of several words is also called by a word of it that is no English word and names nothing else
    ("Kestrelford" for Kestrelford Hospitals NHS Trust, "Varnley" for Varnley West Rail)."""
    owners: dict[str, set[str]] = {}
    for subj in subjects:
        words = re.findall(r"[a-z]+", subj.lower())
        if len(words) < 2 or joint(subj):
            continue
        for w in words:
            owners.setdefault(w, set()).add(subj)
    for subj in subjects:  # a word that is a whole name of its own ("Southshire") is that name, not a part of another
        owners.pop(subj.lower(), None)
    dictionary = dictionary_words()
    return [(w, next(iter(names))) for w, names in sorted(owners.items())
            if len(names) == 1 and len(w) >= 5 and w not in dictionary and w not in lexicon.STOPWORDS]


def head_names(subjects: list[str]) -> list[tuple[str, str]]:
    """A row label that names a place and then places it further after a comma, in names ("Northvale, Ore. Metro
    Transit", "Westland, Upper Reach") is also called by the capitalised name before the comma, when no other label
    starts with it and no label is that name alone: "Northvale" asks for the Northvale row, though "northvale" may be
    an English word too. A label qualified in lower case ("Income, net") is not a place's name."""
    heads: dict[str, list[str]] = {}
    for subj in subjects:
        head, _, tail = (part.strip() for part in subj.partition(","))
        words = head.split()
        if tail[:1].isupper() and 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and len(head) >= 4 \
                and not joint(subj) and head.lower() not in lexicon.STOPWORDS:
            heads.setdefault(head.lower(), []).append(subj)
    whole = {s.lower() for s in subjects}
    return [(h, owners[0]) for h, owners in sorted(heads.items()) if len(owners) == 1 and h not in whole]


def modifier_names(subjects: list[str]) -> list[tuple[str, str]]:
    """A row label of two words whose second word is shared with another label ("Offshore wind" beside "Onshore wind")
    or is an abbreviation ("Solar PV") is called by its first word alone ("offshore", "solar") when no other label has
    that word: the word that tells the rows apart."""
    words = {s: re.findall(r"[A-Za-z]+", s) for s in subjects}
    lowered = {s: {w.lower() for w in ws} for s, ws in words.items()}
    out: list[tuple[str, str]] = []
    for subj, ws in words.items():
        if len(ws) != 2 or joint(subj) or " " not in subj.strip():
            continue
        first, second = ws[0].lower(), ws[1]
        others = [lowered[o] for o in subjects if o != subj]
        shared_head = any(second.lower() in o for o in others)
        acronym = second.isupper() and 2 <= len(second) <= 4
        if (shared_head or acronym) and len(first) >= 4 and first not in lexicon.STOPWORDS \
                and not any(first in o for o in others):
            out.append((first, subj))
    return out


def shortened_pattern(subject: str) -> str:
    """A pattern for a name of two to four words each written cut short ("lib progs", "lib prog" for Liberal
    Progressives): every word by its first three letters or more, in order, perhaps with a plural s; "" for a name with
    a short word, a linking word or a digit. The name in full is an alias of its own."""
    words = subject.lower().replace("-", " ").split()
    if not 2 <= len(words) <= 4 or any(not w.isalpha() or len(w) < 4 or w in NAME_LINKS for w in words):
        return ""

    def prefix(w: str) -> str:
        return w[:3] + "".join("(?:" + c for c in w[3:]) + ")?" * (len(w) - 3) + "s?"

    return r"(?<![a-z])" + r"\s+".join(prefix(w) for w in words) + r"(?![a-z])"


def initials(subject: str) -> str:
    """The initials of a subject's name of two to four words ("North Shore Police" -> "ns"); "" when it has fewer
    words, or its initials spell a common short word."""
    split = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", subject)  # "CrossMoor Express" is three words to abbreviate
    words = [w for w in re.findall(r"[a-z]+", short_name(split)) if w not in NAME_LINKS]
    if not 2 <= len(words) <= 4:
        return ""
    letters = "".join(w[0] for w in words)
    # (nor one the vocabulary says is an English word, "ACT": that code names the place only as written, in capitals)
    return "" if letters in SHORT_WORDS or letters.upper() in lexicon.vocabulary().codes_as_written else letters


@lru_cache(maxsize=4096)
def measure_pattern(measure: str) -> re.Pattern[str]:
    """A measure word of the vocabulary as text is searched for it: a short entry is a word ("men", "age"), a
    longer one a word start ("convict" for convictions)."""
    tail = r"(?:e?s|d)?(?![a-z])" if len(measure) <= 4 else r"\w*"
    return re.compile(r"(?<![a-z])" + re.escape(measure) + tail)


# The endings a vocabulary measure may be written with ("charged", "charging", "charges"): the article may write the
# same word with another ("a charge or summons")
INFLECTION = re.compile(r"(?:ing|ed|es|s)$")


def measure_stem_pattern(measure: str) -> re.Pattern[str]:
    """A vocabulary measure as an article may write it, in any form of its word: the entry without its inflection, as a
    word start ("charg" for "charged": "charge", "charging"). A short entry, or one whose stem would be under five
    letters, is searched as `measure_pattern` searches it."""
    stem = INFLECTION.sub("", measure)
    if len(measure) <= 4 or len(stem) < 5 or stem == measure:
        return measure_pattern(measure)
    return re.compile(r"(?<![a-z])" + re.escape(stem) + r"\w*")


@lru_cache(maxsize=65536)
def joint(subject: str) -> bool:
    """Does the name join two or more ("North and South", "A & B")?"""
    return bool(re.search(r"\s(and|&)\s", subject.lower()))


@lru_cache(maxsize=65536)
def name_words(subject: str) -> frozenset[str]:
    """The words of a subject's short name, without linking words and plural or silent-e endings."""
    return frozenset(re.sub(r"e$", "", re.sub(r"s$", "", w)) for w in re.findall(r"[a-z]+", short_name(subject))
                     if w not in NAME_LINKS and len(w) >= 2)


def short_name(subject: str) -> str:
    """A subject without the field's generic last word ("Northshire Police" -> "northshire")."""
    words = subject.lower().split()
    ignore = lexicon.vocabulary().ignore_terms
    while len(words) > 1 and lexicon.canon_tokens(words[-1]) and lexicon.canon_tokens(words[-1])[0] in ignore:
        words.pop()
    return " ".join(words)


def count_nouns() -> re.Pattern[str]:
    nouns = [n for ns in lexicon.vocabulary().count_nouns.values() for n in ns] or ["people"]
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, nouns), key=len, reverse=True)) + r")\b")


@lru_cache(maxsize=65536)
def counted_in(text: str) -> str:
    """What a measure counts (a class from the vocabulary's count_nouns, e.g. 'force'); '' if none is named."""
    m = count_nouns().search(text.lower())
    if not m:
        return ""
    return next((cls for cls, ns in lexicon.vocabulary().count_nouns.items() if m.group(1) in ns), "")


def all_years(f: Figure) -> set[int]:
    span = period_years(f.period)
    if f.unit is Unit.date:
        return {int(f.value)}
    return set(span) if span else set()


@lru_cache(maxsize=65536)
def period_years(period: str) -> tuple[int, int] | None:
    if not period:
        return None
    parts = period.split("/")
    try:
        a = int(parts[0][:4])
        b = int(parts[-1][:4])
    except ValueError:
        return None
    if b == a + 1 and len(parts) == 2 and len(parts[0]) == len(parts[1]) == 7 and (
            int(parts[1][5:7]) + 1 == int(parts[0][5:7])):
        return b, b  # twelve months to September 2019 are fiscal 2019: a report's year is named by its end
    return a, b


def year_of(period: str) -> int:
    """The year a single-year period is of: its calendar year, or the year its twelve months end in (fiscal 2019
    for "2018-04/2019-03"), as `period_years` names it."""
    span = period_years(period)
    return span[1] if span else int(period[:4])


@lru_cache(maxsize=65536)
def terms_of(text: str) -> frozenset[str]:
    ignore = lexicon.vocabulary().ignore_terms
    return frozenset(t for t in lexicon.canon_tokens(text) if t not in ignore)


def figure_terms(fig: Figure) -> frozenset[str]:
    return _figure_terms(fig.measure, fig.quote)


@lru_cache(maxsize=65536)
def _figure_terms(measure: str, quote: str) -> frozenset[str]:
    """Keyed by the figure's own strings (whose hashes Python keeps), not by a new string joined on every call."""
    return terms_of(measure + " " + quote)


class CorpusTerms:
    """What the question reader knows about one corpus' words, each computed on first use and kept."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._mentions: dict[re.Pattern[str], bool] = {}  # `mentions`, per pattern asked

    @cached_property
    def vocab(self) -> Vocabulary:
        return Vocabulary([d.text for d in self.corpus.documents] + [f.measure + " " + f.subject for f in self.corpus.figures])

    @cached_property
    def measure_terms(self) -> frozenset[str]:
        return frozenset().union(*[terms_of(f.measure) for f in self.corpus.figures]) - lexicon.canon_set(frozenset({"percent", "change", "share", "date"}))

    @cached_property
    def count_rates(self) -> bool:
        """Do the documents give rates per head of population ("a rate of 118.9 per 100,000")? Then "the rate" may
        be one of those, not a percentage."""
        return any(f.unit is Unit.count and re.search(r"\brates?\b|\bper\s+\d", f.measure.lower() + " " + f.quote.lower())
                   for f in self.corpus.figures)

    @cached_property
    def subjects(self) -> SubjectTable:
        return SubjectTable(self.corpus.figures)

    @cached_property
    def idf(self) -> dict[str, float]:
        df: dict[str, int] = {}
        for p in self.corpus.passages:
            for t in terms_of(p.text):
                df[t] = df.get(t, 0) + 1
        n = max(1, len(self.corpus.passages))
        return {t: math.log(1 + n / c) for t, c in df.items()}

    def gives_figures_for(self, place: str) -> bool:
        """Does any figure name a place (lower-cased) in its subject or its quote? A place the text only mentions
        ("figures for Westland were withheld", "gains in Eastland and Northland") has no figure of its own."""
        return re.search(r"(?<![a-z])" + re.escape(place) + r"(?![a-z])", self.figures_text) is not None

    @cached_property
    def figures_text(self) -> str:
        """Every figure's subject and quote, lower-cased, one per line: what the figures themselves name."""
        return "\n".join(f"{f.subject}\n{f.quote}".lower() for f in self.corpus.figures)

    @cached_property
    def corpus_text(self) -> str:
        """Every document's text, lower-cased, for "does any document mention this?"."""
        return "\n".join(d.text.lower() for d in self.corpus.documents)

    def mentions(self, pattern: re.Pattern[str]) -> bool:
        """Does any document's text or figure's measure match the pattern? Kept per pattern for this corpus."""
        if pattern not in self._mentions:
            self._mentions[pattern] = pattern.search(self.corpus_text + "\n" + self.measures_text) is not None
        return self._mentions[pattern]

    @cached_property
    def measures_text(self) -> str:
        """Every figure's measure, lower-cased: a measure named in the vocabulary's form of a word the text writes
        another way ("spending" for "spent")."""
        return "\n".join(dict.fromkeys(f.measure.lower() for f in self.corpus.figures))

    @cached_property
    def years(self) -> set[int]:
        """Every year the figures cover."""
        return {y for f in self.corpus.figures for y in all_years(f)}

    @cached_property
    def published_years(self) -> dict[str, int]:
        """Each document's year of publication, by document id."""
        return {d.id: d.published.year for d in self.corpus.documents}

    @cached_property
    def superseded(self) -> frozenset[str]:
        """Figures of a series (one document, subject, measure and unit) that a later figure of it supersedes:
        a question naming no period asks for the latest ("what is the waiting list?")."""
        latest: dict[tuple[str, str, str, str], str] = {}
        for f in self.corpus.figures:
            if f.unit is Unit.date or not f.period:
                continue
            key = (f.doc_id, f.subject, f.measure, f.unit.value)
            latest[key] = max(latest.get(key, f.period), f.period)
        return frozenset(f.id for f in self.corpus.figures if f.unit is not Unit.date and f.period
                         and f.period < latest[(f.doc_id, f.subject, f.measure, f.unit.value)])

    @cached_property
    def month_periods(self) -> dict[str, frozenset[str]]:
        """Each document's months its figures are of or end in ("2023-09")."""
        out: dict[str, set[str]] = {}
        for f in self.corpus.figures:
            end = f.period.split("/")[-1]
            if len(end) == 7:
                out.setdefault(f.doc_id, set()).add(end)
        return {d: frozenset(ms) for d, ms in out.items()}

    @cached_property
    def row_words(self) -> dict[str, dict[str, frozenset[str]]]:
        """Each document's row labels with the words that name them alone (`distinctive_label_words`)."""
        return distinctive_label_words(self.corpus.figures)

    @cached_property
    def subject_measures(self) -> dict[str, frozenset[str]]:
        """Each subject's measures."""
        out: dict[str, set[str]] = {}
        for f in self.corpus.figures:
            out.setdefault(f.subject, set()).add(f.measure)
        return {s: frozenset(ms) for s, ms in out.items()}

    @cached_property
    def doc_measures(self) -> dict[str, frozenset[tuple[str, str]]]:
        """Each subject's measures, with the document each is in: (document id, measure)."""
        out: dict[str, set[tuple[str, str]]] = {}
        for f in self.corpus.figures:
            out.setdefault(f.subject, set()).add((f.doc_id, f.measure))
        return {s: frozenset(ms) for s, ms in out.items()}

    @cached_property
    def table_measures(self) -> frozenset[tuple[str, str]]:
        """(document id, measure) of measures two or more subjects of the document have figures of: a table's,
        whose subjects are its rows."""
        subjects: dict[tuple[str, str], set[str]] = {}
        for f in self.corpus.figures:
            subjects.setdefault((f.doc_id, f.measure), set()).add(f.subject)
        return frozenset(k for k, ss in subjects.items() if len(ss) >= 2)

    @cached_property
    def subject_names(self) -> set[str]:
        return {f.subject for f in self.corpus.figures}


# endings that make another form of a word: plurals, adjectives, participles ("highways", "environmental", "european")
WORD_ENDINGS = frozenset({"s", "es", "al", "ally", "ly", "ic", "ical", "ing", "ed", "d", "n", "an", "ian"})


def word_forms_match(asked: str, label: str) -> bool:
    """Does a word of a question name a word of a label in another form: a plural or singular ("highway" for
    Highways), a derived word ("environmental" for Environment), a word cut short ("tech" for Technology)? Both lower
    case; the shorter (four letters or more) begins the longer and the rest is an ending of a word form, or they share all but the last three letters of the
    shorter (six or more: "libraries" and "library"); a word the question cuts short is half the label's or less."""
    if asked == label:
        return True
    short, long_ = sorted((asked, label), key=len)
    if len(short) >= 4 and long_.startswith(short) and (long_[len(short):] in WORD_ENDINGS or 2 * len(asked) <= len(label)):
        return True
    common = 0
    while common < len(short) and short[common] == long_[common]:
        common += 1
    return common >= 6 and common >= len(short) - 3


LABEL_WORD = re.compile(r"[a-z][a-z']*[a-z]")


def label_words(text: str) -> list[str]:
    """A label's own words, lower-cased: three letters or more, no stopwords or linking words."""
    return [w for w in LABEL_WORD.findall(text.lower().replace("'s", "")) if len(w) >= 3 and w not in lexicon.STOPWORDS
            and w not in NAME_LINKS]


def distinctive_label_words(figures: list[Figure]) -> dict[str, dict[str, frozenset[str]]]:
    """For each document, each row label's words that tell it from the document's other labels: words no other label
    of the document has in any form and that the measures it shares with other labels do not have (in "Total net
    budget" beside "net revenue budget" only "total" is the row's own). Rows only: labels with figures of a measure another label has too."""
    by_doc: dict[str, dict[str, set[str]]] = {}
    for f in figures:
        by_doc.setdefault(f.doc_id, {}).setdefault(f.subject, set()).add(f.measure)
    out: dict[str, dict[str, frozenset[str]]] = {}
    for doc, labels in by_doc.items():
        measures = Counter(m for ms in labels.values() for m in ms)
        # a label with no figure of a measure another label shares is no row of a table
        rows = {s: ms for s, ms in labels.items() if any(measures[m] >= 2 for m in ms)}
        words = {s: set(label_words(s)) for s in rows}
        mine: dict[str, frozenset[str]] = {}
        for s, ms in rows.items():
            in_measures = {w for m in ms if measures[m] >= 2 for w in label_words(m)}
            own = frozenset(w for w in words[s] if not any(word_forms_match(w, x) for x in in_measures)
                            and not any(word_forms_match(w, x) for o, ws in words.items() if o != s for x in ws))
            if own:
                mine[s] = own
        out[doc] = mine
    return out


def named_each(docs: set[str], known: CorpusTerms, named: list[str] | tuple[str, ...]) -> bool:
    """Whether the question names every one of `docs` by a subject of its figures that no other of them has."""
    asked = {s.lower() for s in named}
    subjects = {d: {f.subject.lower() for f in known.corpus.figures_by_doc.get(d, [])} for d in docs}
    for d in docs:
        others = set().union(*(subjects[o] for o in docs if o != d))
        if not (asked & subjects[d]) - others:
            return False
    return True
