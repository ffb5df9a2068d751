"""Automatic figure extraction: every number in a document becomes a candidate figure.

Deterministic and offline: rules over the sentence a number is written in, no model.
For each number we read
  value and unit  from the mention itself ("£3.4bn", "38.8 per cent", "a third", "two years'"),
  qualifier       from the words just before it ("at least", "nearly", "some"),
  period          from a date in its clause, else one in its sentence that no other number
                  claims, else the period of the figure before it in the same run of
                  paragraphs, else the publication year; a change ("a 39% jump from 5,291
                  in 2020") spans the earliest to the latest period of its sentence,
  subject         from a named place or body in its sentence ("In the Northshire", "by
                  Southshire Police"), else the grammatical subject of a sentence about
                  a change ("Public order offences rose by 39%"), else the subject before it,
                  else the title,
  measure         from the words after it up to the end of its clause, borrowing the noun
                  of a nearby count when the number stands alone ("630 axed" -> "cases axed"),
  quote           the number with its qualifier and measure words, offsets into the text.

The result is a table with the curated table's columns (`qa.corpus.figures.COLUMNS`). Every row
is checked by `qa.corpus.figures.validate`; a candidate it refuses (for example a value that
`qa.text.numbers` cannot read back from its quote) is set aside with the reason, never kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from qa.corpus.clauses import (
    AUX,
    CHANGE_NOUNS,
    CHANGE_VERBS,
    CLAUSE_WORDS,
    COPULA_PARTICIPLES,
    COPULAS,
    DATELINE,
    LEVEL_VERBS,
    MOVING_VERBS,
    NON_NAMES,
    NOT_NAMES,
    PREPOSITIONS,
    PRONOUN_STARTS,
    REPORTING,
    Candidate,
    clause_at,
    clauses_of,
    clean_words,
    names_in,
    noun_phrase_before,
    qualifier_before,
    words_in,
)
from qa.corpus.figures import ALL_COLUMNS, validate
from qa.corpus.passages import split_passages
from qa.corpus.tables import (
    CURRENCY_SIGNS,
    TableFigure,
    caption_measure,
    lead_measure,
    table_figures,
    table_spans,
    unnumbered,
)
from qa.model.errors import BadFigures
from qa.model.records import Document, Figure, Passage, Qualifier, Unit
from qa.text.currencies import currency_of, is_name
from qa.text.dateline import months_ending, normal, shift
from qa.text.documents import TextTable
from qa.text.gazetteer import world_places
from qa.text.lexicon import vocabulary
from qa.text.mentions import SUBUNIT, Mention, PeriodMention, find_numbers, find_periods, period_bounds

REFERENCE_BEFORE = re.compile(
    r"\b(?:note|notes|table|tables|figure|fig\.|chart|page|p\.|section|paragraph|para|appendix|annex|"
    r"footnote|clause|article|rule|chapter|no\.|number|item|step|level|tier|phase|stage|round|grade|"
    r"key stage|category|class|band|junction|route|line|room|flight|act of)\s*$"
)
_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
MONTH_BEFORE = re.compile(rf"\b{_MONTHS}\s+$")
MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b")
# A person's age: "aged 17", "who is 78", "I'm 29", "turned 52", "a 74-year-old"
AGE_BEFORE = re.compile(r"\b(?:aged|age|who\s+is|who\s+was|i['’]m|i\s+am|turned|turns|turning)\s+$", re.IGNORECASE)
AGE_AFTER = re.compile(r"[-\s]years?[-\s]old\b", re.IGNORECASE)
# A person's age as an apposition: "Maria Lopez, 41, who runs ..."
APPOSED_AGE = re.compile(r"[A-Z][a-z'’.-]+,\s$")
# A phone number: "on 0808 223 1133", "call 111"
DIAL_BEFORE = re.compile(r"\b(?:call|dial|ring|phone|text|helpline|hotline|telephone)\s+(?:[A-Z][A-Za-z]*\s+)?$",
                         re.IGNORECASE)


@dataclass
class Extraction:
    """What extraction produced: the table, and the candidates validation refused."""

    table: pd.DataFrame
    figures: list[Figure]
    skipped: list[tuple[dict[str, object], str]] = field(default_factory=list)


class _Extractor:
    def __init__(self, doc: Document, skip: list[tuple[int, int]] | None = None,
                 row_labels: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.text = doc.text
        self.skip = skip or []  # tables: their cells are read by qa.corpus.tables
        self.vocab = vocabulary()
        # places a sentence may open with ("Hawaii was one of ..."): a capital there is otherwise no name
        self.known_places = world_places() | frozenset(self.vocab.places) | {a.lower() for a in self.vocab.areas}
        # and the names the document itself writes with a capital inside a sentence and never in lower case
        # ("Westport followed with a rise of 1.3%" in an article that says "Eastford and Westport" elsewhere), and the rows
        # its tables label ("Eastmark again had the highest rate" beside a table with a row "Eastmark")
        self.name_words = self.known_places | written_names(doc.text) | row_labels
        self.area = self._area()
        self.dollar = self.vocab.dollar_currencies.get(self.area, "USD")  # what a bare "$" is in this article
        # the month a year written "2022-23" starts in: the area's fiscal year, April when the text names none
        self.financial_start = self.vocab.fiscal_year_starts.get(self.area, 4) if self.area else 4
        years = [int(y) for y in re.findall(r"(?<![\d,.])\b((?:19|20)\d\d)\b", doc.text) if int(y) <= doc.published.year]
        written = [p for p in find_periods(doc.text, doc.published, max(years) if years else None, self.vocab.seasons,
                                           self._fiscal_start(), self.financial_start)
                   if not self._skipped(p.start)]
        # a number inside a date ("21 April 2023") is part of the date, not a figure
        self.numbers = [n for n in find_numbers(doc.text) if not any(p.start <= n.start < p.end for p in written)
                        and not self._skipped(n.start) and not self._reference(n)]
        self.periods = [p for p in written if p.kind != "dateline"]  # the article's own date labels no figure
        self.upto_spans = {p.period for p in self.periods if p.kind == "upto" and _months(p.period) == 12}
        self.publishers = self._publisher_initials()
        self.title_subject = self._title_subject()
        self.home = self.title_subject  # whom the article is about: the lead's name once it gives one (`run`)
        self.theme = self._theme()
        self.lead_period = self._lead_period()
        self.recent: dict[Unit, str] = {}  # the last measure read of each unit: what "the figure" refers back to
        self.context_share = ""  # the last share read: what "the 12% they approved" is a value of
        self.context_measure = ""  # the measure of the last count or sum read: what a bare change after it is of

    def _fiscal_start(self) -> int:
        """The month the area's fiscal year starts in ("*": a text that names no area), 0 when not known."""
        starts = self.vocab.fiscal_year_starts
        return starts.get(self.area, 0) if self.area else starts.get("*", 0)

    def _skipped(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.skip)

    def _reference(self, n: Mention) -> bool:
        """Not a figure: "note 18", "table 6.1", "September 30", "30 September", a phone number."""
        before = self.text[max(0, n.start - 12): n.start].lower()
        after = self.text[n.end: n.end + 12].lower()
        if n.unit is not Unit.count:
            return False
        if REFERENCE_BEFORE.search(before) or re.search(r"\bper\s+$", before):
            return True  # "note 18"; "80.9 per 100,000 residents": the base of a rate, not a figure
        if self._age(n, before, after) or self._phone(n, before, after):
            return True
        if re.match(r"\([a-z]\)", after) or (before.endswith("[") and after.startswith("]")):
            return True  # "the 7(a) programme", a footnote marker "[3]"
        if self._marker(n, before, after):
            return True
        if n.value <= 31 and n.value == int(n.value) and (MONTH_BEFORE.search(before) or MONTH_AFTER.match(after)):
            return True
        return bool(re.match(r"-\d", after)) or bool(re.search(r"\d-$", before))

    def _marker(self, n: Mention, before: str, after: str) -> bool:
        """A note or list mark opening a line: "(1) Audit fees are ...", "2) Tax fees ...", "(3) " after a
        full stop. It numbers what follows; a bracketed amount in prose is written with its currency or unit."""
        if n.value != int(n.value) or not 0 < n.value < 100 or n.currency or not re.match(r"\)\s", after):
            return False
        opening = before[:-1] if before.endswith("(") else before
        return not opening.strip() or bool(re.search(r"(?:^|\n|[.:;]\s)\s*$", opening))

    def _age(self, n: Mention, before: str, after: str) -> bool:
        """A person's age is not a statistic: "aged 17", "who is 78", "a 74-year-old", "Jo Bloggs, 52, said"."""
        if n.value != int(n.value) or not 0 < n.value < 120 or n.currency:
            return False
        if AGE_BEFORE.search(before) or AGE_AFTER.match(after):
            return True
        return bool(APPOSED_AGE.search(self.text[max(0, n.start - 30): n.start]) and after.startswith(","))

    def _phone(self, n: Mention, before: str, after: str) -> bool:
        """Digits of a phone number: a leading zero ("0808"), digit groups side by side ("223 1133"), "call 111"."""
        digits = self.text[n.start: n.end]
        if not digits.isdigit():
            return False
        if len(digits) >= 3 and digits.startswith("0"):
            return True
        if re.match(r" \d{3}", after) or re.search(r"\d{3} $", before):
            return True
        return bool(DIAL_BEFORE.search(self.text[max(0, n.start - 30): n.start]))

    def _area(self) -> str:
        """The country or nation the article is about: the first the vocabulary's areas name in its title, else in
        its body ("U.S. exporters shipped ..." -> United States). A name that only contains one ("North Northshire")
        is not it. "" when it names none."""
        for text in (self.doc.title, self.text):
            probe = Passage(doc_id=self.doc.id, start=0, end=len(text), text=text)
            for n in names_in(text, probe, self.known_places):
                bare = re.sub(r"['’]s$", "", n[2])
                if bare in self.vocab.areas:
                    return self.vocab.areas[bare]
        return ""

    def _named(self, name: str) -> str:
        """A name as the figures table writes it: an area under its one name ("Britain's" -> Great Britain)."""
        bare = re.sub(r"['’]s$", "", name)
        return self.vocab.areas.get(bare, bare if bare != name and bare in self.vocab.areas else name)

    def _publisher(self, name: tuple[int, int, str, bool], in_text: bool = True) -> bool:
        """A body that publishes or compiles statistics ("the Bureau of ...", "... Office"), its initials ("BoS"),
        or (`in_text`: a name at its offsets in the text) one named as the source of its sentence's figures."""
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", name[2])}
        return bool(words & self.vocab.source_words) or re.sub(r"['’]s$", "", name[2]).lower() in self.publishers \
            or (in_text and self._source(name))

    def _publisher_initials(self) -> set[str]:
        """Initials of the bodies the text names that publish statistics, as they may be written for short."""
        out: set[str] = set()
        probe = Passage(doc_id=self.doc.id, start=0, end=len(self.text), text=self.text)
        for n in names_in(self.text, probe):
            words = re.findall(r"[A-Za-z]+", n[2])
            if len(words) >= 2 and {w.lower() for w in words} & self.vocab.source_words:
                out.add("".join(w[0] for w in words).lower())
                out.add("".join(w[0] for w in words if w[0].isupper()).lower())
        return out

    def _describing(self, text: str, name: tuple[int, int, str, bool], groups: bool = True) -> bool:
        """Is a name only a word describing the noun after it ("A&E waits", "the NHS constitution", "GCSE entries",
        "Fare Back compensation"): a service, exam or scheme, not whom a figure is about? A place is whom
        ("Manchester rents"), and so is a name with a group it counts ("older workers", "Westland nationals"), but
        not a service's initials with its users ("A&E patients"). With `groups` false, any name before a noun
        ("A-level results")."""
        bare = re.sub(r"['’]s$", "", name[2])
        if bare.lower() in self.known_places or bare in self.vocab.areas or name[2] != bare:
            return False
        follows = re.match(r" ([a-z][a-z-]*)\b", text[name[1]: name[1] + 30])
        if follows is None:
            return False
        noun = follows.group(1)
        if noun in NAME_FOLLOWERS | OBJECT_STARTS | ADVERBS | QUANTIFIERS | AMOUNTS or _verb(noun):
            return False  # "at Northshire Trust little more than half": a quantity follows, not a noun
        initials = all(w.isupper() or not w.isalpha() for w in name[2].split())
        if not groups:
            return True
        if not initials and name[2].endswith("s"):
            return False  # a plural name is a group of people ("Conservatives lose", "Nigerians")
        return initials or not noun.endswith("s")

    def _theme(self) -> str:
        """The service, exam or scheme the headline opens with, describing the noun after it ("A&E waits improve",
        "GCSE top grades dip"): what the article's figures measure. "" when the headline opens otherwise."""
        probe = Passage(doc_id=self.doc.id, start=0, end=len(self.doc.title), text=self.doc.title)
        names = names_in(self.doc.title, probe)
        first = names[0] if names and names[0][0] == 0 else None
        return first[2] if first is not None and self._describing(self.doc.title, first) \
            and not self._acts(first[2]) else ""

    def _acts(self, name: str) -> bool:
        """Does the body open a sentence with `name` doing something ("Northvale Mutual reported a 9% fall ...")? Then
        the headline's "Northvale Mutual profit falls" names whom the article is about, not a service describing
        what its figures measure ("A&E waits")."""
        body = self.text[len(self.doc.title):] if self.text.startswith(self.doc.title) else self.text
        for m in re.finditer(rf"(?:^|(?<=[.!?]\s)|(?<=\n))\s*{re.escape(name)}\s+([a-z]+)\b", body, re.MULTILINE):
            if _verb(m.group(1)):
                return True
        return False

    def _title_subject(self) -> str:
        probe = Passage(doc_id=self.doc.id, start=0, end=len(self.doc.title), text=self.doc.title)
        names = [n for n in names_in(self.doc.title, probe, self.known_places) if not self._publisher(n, in_text=False)
                 and (not self._describing(self.doc.title, n) or self._acts(n[2]))]
        words = re.findall(r"[A-Za-z][\w'’-]*", self.doc.title)
        title_case = len(words) >= 4 and not any(w[0].islower() for w in words if len(w) > 3)
        preferred = [n for n in names if n[3]] or names
        if preferred and not title_case:  # a headline in title case names nothing by its capitals
            return self._named(preferred[0][2])
        if self.area:
            return self.area
        # no name in the title: its first clause, without numbers an answer could not ground
        head = re.split(r",|:|;|\s[–—-]\s|\s(?:as|but|while|after|amid|despite|with)\s", self.doc.title)[0]
        return " ".join(unnumbered(head).split()[:8])

    def _lead_period(self) -> str:
        """The period the article is about: the first one its body names (after the title and dateline),
        for figures that name none. Falls back to the publication year."""
        body = len(self.doc.title)
        # "Local elections 2023: ...": a headline naming one period is about it, whatever the body looks back to
        now = f"{self.doc.published.year}-{self.doc.published.month:02d}"
        titled = [p for p in self.periods if p.end <= body and p.period and period_bounds(p.period)[0][:7] <= now]
        if len(titled) == 1 and titled[0].kind in ("point", "range", "upto", "month") and len(titled[0].period) <= 15 \
                and self.text.startswith(self.doc.title):
            return titled[0].period[:7] if titled[0].kind == "point" else titled[0].period
        events = self._event_dates()
        for p in self.periods:
            if p.period and self._ahead(p.period):
                continue  # what will happen ("from 1 January" in a November article) is not what the data covers
            if (p.start, p.end) in events:
                continue  # "the minimum was introduced in 1938": the date of an event told, not what the data covers
            if p.start >= body and (p.kind in ("point", "range", "upto", "relative", "month") or _year_to_date(p))\
                    and len(p.period) <= 15 and (not self._compared(p) or self._on_day(p)):
                return p.period[:7] if p.kind == "point" else p.period
        return str(self.doc.published.year)

    def _compared(self, p: PeriodMention) -> bool:
        """Is a period the one a figure is compared with ("down from 22% last year", "than the 20.8% recorded in
        2019", "up 2 points on last year"), not the one the article is about?"""
        start = max(self.text.rfind(". ", 0, p.start), self.text.rfind("\n", 0, p.start), p.start - 45) + 1
        return bool(COMPARED_BEFORE.search(self.text[start: p.start]))

    def _on_day(self, p: PeriodMention) -> bool:
        """Is a period a day something happened on ("raised their wages on January 1"), not a period compared with?"""
        return bool(DAY_DATE.search(self.text[p.start: p.end])) \
            and bool(re.search(r"\bon\s+(?:the\s+)?$", self.text[max(0, p.start - 8): p.start], re.IGNORECASE))

    def _event_dates(self) -> set[tuple[int, int]]:
        """Where the text dates an event rather than a figure ("was introduced in 1938", alone in its clause)."""
        out: set[tuple[int, int]] = set()
        for s in split_passages(self.doc):
            pers = [p for p in self.periods if s.start <= p.start < s.end]
            if not pers or self._skipped(s.start):
                continue
            nums = [m for m in self.numbers if s.start <= m.start < s.end]
            out.update((p.start, p.end) for p in self._date_periods(s, pers, nums))
        return out

    def _price_level(self, c: Candidate) -> bool:
        """Is a sum a price or an average at a time ("the average rent was £1,276 a month"), said of a year to a
        month ("in the 12 months to April")? It is the level that month, not a total over the year."""
        if c.mention.unit is not Unit.money or c.change or c.baseline or c.period not in self.upto_spans:
            return False
        clause = self.text[c.clause[0]: c.clause[1]]
        return bool(PER_TIME.match(self.text, c.mention.end) or AVERAGE.search(clause))

    def _framing_period(self, s: Passage, pers: list[PeriodMention]) -> str:
        """The span a sentence without figures says the figures after it cover ("Separate figures, covering the
        year to March, showed ..."): one span, over, not ahead of the dateline; "" otherwise."""
        spans = [p for p in pers if p.kind in ("upto", "range", "part") and p.period and not self._ahead(p.period)]
        return spans[0].period if len(spans) == 1 and len(pers) == 1 else ""

    def run(self) -> list[Candidate]:
        out: list[Candidate] = []
        context_period, context_subject, context_head = "", self.title_subject, ""
        led = False
        context_money = ""  # the measure of the sum before: a bare sum in a list of them is another of it
        seen_definite: set[tuple[float, str]] = set()
        for s in split_passages(self.doc):
            if self._skipped(s.start):
                continue
            nums = [m for m in self.numbers if s.start <= m.start < s.end]
            pers = [p for p in self.periods if s.start <= p.start < s.end]
            if not nums and not self._date_periods(s, pers, nums):
                framing = self._framing_period(s, pers)
                if self._paragraph_has_no_numbers(s):
                    context_period, context_subject, context_head = "", self.home, ""
                context_period = framing or context_period
                context_subject = self._topic(s) or context_subject
                continue
            cands = self._sentence(s, nums, pers, seen_definite)
            claimed = {c.period for c in cands if c.period}
            # "since 2015" lends itself to the sentence it opens ("Since 2006, we have owned 51%"), not to the
            # figures before it ("57.2%, far short of the standard, not met since 2015")
            first = min((c.quote_span[0] for c in cands), default=s.end)
            free = [p for p in pers if p.period and (p.kind != "since" or p.end <= first) and p.period not in claimed and not any(
                p.start < c.quote_span[1] and c.quote_span[0] < p.end or 0 < c.event_at <= p.start < c.clause[1] for c in cands)]
            # a currency's code written before an amount ("NOK 14.2 billion") is part of the amount, not a name
            names = [n for n in names_in(self.text, s, self.name_words)
                     if not any(m.start <= n[0] < m.end for m in nums)]
            anchor = ""  # the period this sentence is about: that of its first figure stated for itself
            lead = next((c for c in cands if not c.is_date), None)
            said = ""  # the subject of the figure before in this sentence: what "up from 361" is also of
            told = ""  # the period of the figure before in this sentence: what "the same quarter of 2023" is a year of
            prev: Candidate | None = None
            for c in cands:
                own = self._subject(c, s, names, said if c.baseline else "")
                if own and c.mention.unit is Unit.percent and _within(own, c.measure) \
                        and _common(own, self.text[s.start:s.end]):
                    own = ""  # "The load factor ... rose to 91.4%": what the figure measures is not whom it is of
                if own and self._common_phrase(own) and _measured(own, c.measure) and not _plural(own):
                    # "Hardware revenue fell 9% to $1.21bn": the revenue is what, the firm told before whose (a group,
                    # "Older riders dropped to 91", is whom)
                    own = ""
                c.subject = own or context_subject
                if own and not led and not c.is_date and s.start >= len(self.doc.title):
                    # the lead's first figure: a name it is of ("Northvale Ltd said revenue ...") is whom the article
                    # is about; a phrase ("Northvale's home values") is what, and leaves the headline's
                    led = True
                    if any(own in (n[2], self._named(re.sub(r"['’]s$", "", n[2]))) for n in names):
                        self.home = own
                if prev is not None and prev.change and said and not c.change and not c.is_date \
                        and REACHED.fullmatch(self.text, prev.quote_span[1], c.qstart):
                    c.subject = said  # "dropped 12.5% in Northshire, to 4,130, and 9.1% in Southshire": Northshire's
                said = c.subject if not c.is_date else said
                prev = c if not c.is_date else prev
                if not c.is_date:
                    self._period(c, free, anchor, context_period, told)
                if c.change and not (c.own is not None and c.own.kind in ("point", "month") and self._moved(c)):
                    # "raised its fare by 15 cents in June": when it was moved, not a change over a month
                    c.period = self._compared_change(c, free, anchor or context_period or self.lead_period) \
                        or self._change_period(c, cands, anchor or context_period or self.lead_period) or c.period
                if not c.period and c.mention.unit not in (Unit.years, Unit.date):
                    c.period = self.lead_period
                if self._price_level(c):
                    c.period = period_bounds(c.period)[1]  # "rent reached £1,276 a month": April's rent
                if not c.is_date and not c.baseline and c.own is not None and c.own.period:
                    told = c.own.period
                if not c.head and c.mention.unit is Unit.count:
                    c.head = context_head
                relative = c.baseline or (c.own is not None and c.own.kind in ("back", "trailing"))
                if not c.is_date and not relative and not anchor and not c.change:
                    anchor = c.period
                if c is lead and not relative and c.period and not c.change and not _before(c.period, self.lead_period) \
                        and not {"part", "since"} & {c.period_kind, c.own.kind if c.own else ""} \
                        or c is lead and not relative and not c.change and c.own is not None and _year_to_date(c.own):
                    # "in the first ten months of 2024": the year so far is what the paragraph is about
                    # "stuck at $7.25 an hour since July 2009": how long that level has held is its own period
                    # a look back ("the pre-pandemic high of ...") or a closer look ("in the final three months of
                    # the year") does not move the period the article is about
                    context_period = c.period
                elif c is lead and c.own is not None and c.own.kind in ("point", "month") \
                        and c.own.period and not self._compared(c.own) and (c.change or self._recent(c.own.period)):
                    # "Approvals fell 1.9% in February", "14,250 homes were approved in May" (said in July, of an
                    # article about June): the paragraph is about that month from here on
                    context_period = c.own.period
                if not c.local_subject:
                    context_subject = c.subject  # a list member's or a group's is its figure's alone
                context_head = c.head or context_head
            for c in cands:
                if not c.measure and c.mention.unit is Unit.money:
                    c.measure = context_money or "amount"
                if not c.measure:
                    c.measure = context_head or "count"
                if c.mention.unit is Unit.money and not c.change:
                    context_money = c.measure
                if c.mention.unit in (Unit.count, Unit.money) and not c.is_date and c.measure not in ("count", "amount"):
                    self.context_measure = c.measure
                if self.theme and not c.is_date and self.theme.lower() not in c.measure.lower() \
                        and c.measure.split()[0].lower() not in TIME_WORDS and not any(
                        n[2] != self.theme and n[1] <= c.mention.start and self._describing(self.text, n, groups=False)
                        for n in names):  # "the QRS-level results, when 27.1%": another service's figures
                    # the headline's service or exam ("A&E waits improve") is what the article's figures measure
                    share = re.match(r"share of (?:the\s+)?", c.measure)
                    c.measure = f"share of {self.theme} {c.measure[share.end():]}" if share \
                        else f"{self.theme} {c.measure}"
            out.extend(cands)
        body = len(self.doc.title)
        told = {(c.mention.value, c.mention.unit) for c in out if c.mention.start >= body}
        # a headline's figure that the body states again is the body's: its sentence says what it counts and of whom
        return [c for c in out if c.mention.start >= body or (c.mention.value, c.mention.unit) not in told]

    def _common_phrase(self, phrase: str) -> bool:
        """Is a subject common words ("Hardware revenue", "Board"), not a name ("Northvale Mutual", "UK", "Westport
        trips")? No word of it is a name the text or the gazetteer knows, nor written in capitals."""
        words = re.findall(r"[A-Za-z][\w'’.&-]*", phrase)
        if len(words) == 1 and re.search(rf"\b{re.escape(words[0].lower())}\b", self.text) is None:
            return False  # "Kelmouth slipped to 229,000": a word the text never writes in lower case is a name
        return bool(words) and not any(w.isupper() or (i > 0 and w[0].isupper())
                        or re.sub(r"['’]s$", "", w).lower() in self.name_words for i, w in enumerate(words))

    def _topic(self, s: Passage) -> str:
        """The name a sentence without figures opens with as its subject ("Eastmark was again the standout.",
        "Aerospace, the group's largest division, drove most of it."): whom the figures after it are of; "" otherwise."""
        start = self._after_dateline(s)
        start += len(self.text[start: s.end]) - len(self.text[start: s.end].lstrip(" \"'“‘"))
        names = [n for n in names_in(self.text, s, self.name_words) if n[0] == start]
        if not names or self._publisher(names[0]) or self._describing(self.text, names[0]):
            return ""
        after = words_in(self.text, names[0][1], s.end)[:1]
        if not after or not (_verb(after[0].group(0)) or self.text[names[0][1]: after[0].start()].strip() == ","):
            return ""  # "Northshire rents ...": a name describing a noun is no subject
        return self._named(re.sub(r"['’]s$", "", names[0][2]))

    def _recent(self, period: str) -> bool:
        """Is `period` a month of the year before the one the article is about ends (a month's data released a
        month later), not a look back at an earlier year?"""
        if len(period) != 7 or not self.lead_period:
            return False
        end = _end_month(self.lead_period)
        return _end_month(shift(end, 12)) < period <= end

    def _ahead(self, period: str) -> bool:
        """Does `period` end after the month the article was published?"""
        return _end_month(period) > f"{self.doc.published.year}-{self.doc.published.month:02d}"

    def _paragraph_has_no_numbers(self, s: Passage) -> bool:
        same = [p for p in split_passages(self.doc) if p.paragraph == s.paragraph]
        return not any(p.start <= m.start < p.end for p in same for m in self.numbers)

    def _date_periods(self, s: Passage, pers: list[PeriodMention], nums: list[Mention]) -> list[PeriodMention]:
        """Dates that are figures themselves: "came into force in April 2015", alone in their clause."""
        clauses = clauses_of(self.text, s, self._protected(s, pers))
        out = []
        for p in pers:
            if p.kind != "point" or not p.preceded_by_in:
                continue
            a, b = clause_at(clauses, p.start)
            if any(a <= m.start < b for m in nums):
                continue
            if not words_in(self.text, a, p.start - 3):  # "In 2021, ..." sets a period, it is not an event
                continue
            out.append(p)
        return out

    def _sentence(self, s: Passage, nums: list[Mention], pers: list[PeriodMention],
                  seen_definite: set[tuple[float, str]]) -> list[Candidate]:
        text = self.text
        clauses = clauses_of(text, s, self._protected(s, pers))
        names = names_in(text, s, self.name_words)
        cands: list[Candidate] = []
        heads: list[str] = []
        leads: list[str] = []  # measures of the counts so far, lent to a share or change after them
        shares: list[str] = []  # measures of the shares so far, lent to a share or change right after them
        for i, m in enumerate(nums):
            clause = clause_at(clauses, m.start)
            q, qstart = qualifier_before(text, m, clause[0] if clause[0] < m.start else s.start)
            c = Candidate(m, s, clause, q, qstart)
            c.baseline = text[max(clause[0], qstart - 6): qstart].lower().rstrip().endswith(("from", "than", "with")) \
                and not RANGING.search(text, max(clause[0], qstart - 20), qstart)  # "ranged from 23% to 44%": a span
            c.since = c.baseline and text[max(clause[0], qstart - 6): qstart].lower().rstrip().endswith("from")
            stop = min([n.start for n in nums[i + 1:]] + [clause[1]])
            stop = max(stop, m.end)
            after_words = [w for w in words_in(text, m.end, stop) if not self._in_period(w.start())]
            cut = next((j for j, w in enumerate(after_words) if w.group(0).lower() in SUBORDINATORS
                        and any(_verb(v.group(0)) and v.group(0).lower() != "being" for v in after_words[j + 1: j + 5])),
                       None)
            if cut is not None:
                c.event_at = after_words[cut].start()
            after_words = after_words[:cut]  # "$21bn after wildfires hit the island": the event is no measure
            # "204 councils found that ...", "50 hours would face a bill", "trains reached each station": what the
            # counted thing does is not what is counted
            verb = next((j for j, w in enumerate(after_words) if j > 0 and _finite(
                w.group(0), after_words[j + 1].group(0) if j + 1 < len(after_words) else "",
                after_words[j - 1].group(0))), None)
            after_words = after_words[:verb]
            named = self._name_after(m, names)
            if named is not None:
                # "23.4 per cent in Eastwick and 43.9 per cent in Fellside": the place is whose, not what
                c.place = named[2]
                after_words = [w for w in after_words if not m.end <= w.start() < named[1]]
            after = [w.group(0) for w in after_words]
            before = [w.group(0).lower() for w in words_in(text, clause[0], qstart)]
            said = [w.group(0).lower() for w in words_in(text, s.start, clause[0])]
            c.change = m.unit in (Unit.percent, Unit.percentage_points) and (_is_change(before, after) or (
                # "rose 10 cents, or 0.3%": the same change restated as a percentage
                before == ["or"] and i > 0 and _is_change(
                    [w.group(0).lower() for w in words_in(text, s.start, nums[i - 1].start)], [])) or (
                # "recorded the steepest increase, of 6.5%": the change named before the comma
                before == ["of"] and any(w in CHANGE_NOUNS for w in said[-3:])))
            listed = self._listed(c, before, cands, s)
            if listed is not None and not c.baseline:
                c.change = listed.change  # "rose 9.3% in Northshire and 8.6% in Southshire": another rise
            kept = clean_words(after)
            end = m.end
            if kept:
                last = kept[-1]
                for w in after_words:
                    if w.group(0) == last:
                        end = w.end()
            if m.unit is Unit.percent and after and after[0].lower() in CHANGE_NOUNS:
                kept = []
            # the number and its measure words, trimmed to end on a word
            c.quote_span = (qstart, max(end, named[1]) if named is not None else end)
            noun = after[0].lower().rstrip("s") if after else ""
            if (m.value, noun) in seen_definite and text[max(0, qstart - 4): qstart].lower().endswith("the "):
                continue  # "the 38 forces" again: a reference back, not a new figure
            if m.unit is Unit.count:
                seen_definite.update({(m.value, w.lower().rstrip("s")) for w in after[:3]})
            adds = before and before[-1] in QUANTITY_REPORTING and not text[qstart - 1: qstart].strip() \
                and text[max(clause[0], qstart - len(before[-1]) - 1): qstart].lower().strip() == before[-1]
            if m.unit is Unit.count and before and before[-1].endswith("ed") and (before[-1] not in REPORTING or adds) \
                    and kept and not self._verbish(kept[0]):
                kept = [*kept, before[-1]]  # "they recorded 710 offences" -> offences recorded
            prior = next((d.measure for d in reversed(cands) if not d.change and d.measure
                          and d.mention.unit in (Unit.count, Unit.money)), "")
            c.measure, c.head = self._measure(c, kept, before, heads, leads, s,
                                              shares[-1] if shares and cands and cands[-1].measure == shares[-1] else "",
                                              prior)
            if ANAPHOR.search(c.measure) and not c.change and self.recent.get(m.unit):
                c.measure = self.recent[m.unit]  # "In Southshire the figure was 41%": the figure told before
            if listed is not None and all(w[:1].isupper() for w in kept):
                c.measure, c.head = listed.measure, listed.head  # "£969 in Southshire": the sum listed before's
            if m.unit is Unit.money and not c.baseline and not kept and _is_change(before, []) \
                    and not c.measure.startswith("change in"):
                # "the fare jumped 40 cents to $2.90", "profit rose by $2m": what it changed by, not a level of it
                what = c.measure if c.measure and c.measure != "amount" else prior or self._moved(c)  # "up 17 cents": the sum told before's
                c.measure = f"change in {what}" if what else "change"
                c.change = True  # its period spans the two it compares; the sum it started from is a level
            if m.unit is Unit.percent and not c.change and FRACTION_OF_FIGURE.match(text, m.end):
                # "about half the 28.3% recorded in 2020": a proportion of that figure, not a share of what it counts
                c.measure = "proportion of the level it is compared with"
            last_sum = next((d for d in reversed(cands) if d.mention.unit is Unit.money and d.measure and not d.change),
                            None)
            if not c.measure and m.unit is Unit.money and last_sum is not None and c.baseline \
                    and last_sum.measure.endswith(PER_SHARE_WORDS) and not RESTATED.match(text, m.end):
                # "a dividend of 6.2p a share, up from 5.8p": the dividend a share it is compared with
                c.measure = last_sum.measure
            if not c.measure and m.unit is Unit.money:
                # "from $640 million, or $1.52 a share": the sum before's measure, not its amount per share
                c.measure = next((d.measure for d in reversed(cands) if d.mention.unit is Unit.money and d.measure
                                  and not d.measure.endswith(PER_SHARE_WORDS) and not d.change), "")
            if m.unit is Unit.percent and c.baseline and not c.change and not kept:
                # "rose to 5.7% from 5.3%": the rate it rose from is the same rate
                c.measure = next((d.measure for d in reversed(cands) if d.mention.unit is Unit.percent
                                  and not d.change and not d.baseline), c.measure)
            if m.unit is Unit.percent and not c.change and c.measure.startswith("share of "):
                shares.append(c.measure)
                self.context_share = c.measure
            if not c.change and c.measure and not ANAPHOR.search(c.measure):
                self.recent[m.unit] = c.measure
            if c.head:
                heads.append(c.head)
            if m.unit is Unit.count and not c.baseline and c.measure:
                leads.append(c.measure)
            cands.append(c)
        for p in self._date_periods(s, pers, nums):
            cands.append(self._date_candidate(s, p, clauses))
        cands.sort(key=lambda c: c.quote_span[0])
        self._respectively(s, cands, pers)
        # a number's clause period belongs to it
        for c in cands:
            if c.is_date or c.own is not None:
                continue
            a, b = c.clause
            own = [p for p in pers if a <= p.start < b and not (c.event_at and p.start >= c.event_at) and not any(d.is_date and d.quote_span[0] <= p.start < d.quote_span[1] for d in cands)
                   # "rose to 5.7% from 5.3% in August": a period after the next number is that number's
                   and not any(c.mention.end <= n.start < p.start for n in nums)]
            if own:
                c.own = own[0]
                c.period = own[0].period  # "" when relative to the sentence's period: resolved by the caller
                if own[0].start >= c.quote_span[1] and own[0].end - c.quote_span[1] < 60:
                    gap = self.text[c.quote_span[1]: own[0].start]
                    if not any(n.start >= c.quote_span[1] and n.start < own[0].start for n in nums):
                        c.quote_span = (c.quote_span[0], own[0].end) if "\n" not in gap else c.quote_span
        self._trailing_back(cands, pers)
        return cands

    @staticmethod
    def _trailing_back(cands: list[Candidate], pers: list[PeriodMention]) -> None:
        """"rose to $715 million, or $1.69 a share, from $640 million, or $1.52 a share, a year earlier": a look back in
        a clause of its own, after the figures, is the period of the figures compared with ("from $640 million" and
        what follows it), not of those before."""
        for p in pers:
            if p.kind != "back" or any(c.own is p for c in cands):
                continue
            before = [c for c in cands if not c.is_date and c.quote_span[1] <= p.start]
            first = next((i for i in range(len(before) - 1, -1, -1) if before[i].baseline), None)
            if first is None or any(c.own is not None for c in before[first:]) \
                    or any(c.quote_span[0] > p.start for c in cands if not c.is_date):
                continue
            for c in before[first:]:
                c.own, c.period = p, p.period

    def _respectively(self, s: Passage, cands: list[Candidate], pers: list[PeriodMention]) -> None:
        """"$0.3 million, $0.9 million and $0.6 million for the years ended December 31, 2019, 2018 and 2017,
        respectively": the figures listed take the periods listed after them, in order."""
        for word in re.finditer(r"\brespectively\b", self.text[s.start:s.end]):
            at = s.start + word.start()
            values = [c for c in cands if not c.is_date and c.quote_span[0] < at]
            if len(values) < 2:
                continue
            listed = [p for p in pers if values[-1].mention.end <= p.start < at and p.period
                      and p.kind not in ("back", "trailing", "relative", "dateline")]
            if not listed:
                # "For the years ended December 31, 2019, 2018 and 2017, the Company recognized $0.3 million, $0.9
                # million and $0.6 million, respectively": the periods listed before the figures
                run = self._listed_run(values)
                listed = [p for p in pers if p.start < run[0].quote_span[0] and p.period
                          and p.kind not in ("back", "trailing", "relative", "dateline")
                          and not any(p.end <= c.mention.start < run[0].mention.start for c in cands)][-len(run):]
            run = values[-len(listed):] if len(listed) >= 2 else []
            if len(run) != len(listed) or len({c.mention.unit for c in run}) != 1 \
                    or any(c.change for c in run) or len({p.period for p in listed}) != len(listed):
                continue
            for c, p in zip(run, listed, strict=True):
                c.own, c.period, c.period_kind = p, p.period, p.kind
            what = RESPECTIVELY_OF.match(self.text, s.start + word.end())
            if what and all(not c.measure for c in run):
                # "..., respectively, of stock-based compensation expense": what the listed sums are
                ends = [self.text.find(ch, what.end(), s.end) for ch in CLAUSE_ENDS]
                end = min([e for e in ends if e >= 0] + [s.end])
                words = clean_words([w.group(0) for w in words_in(self.text, what.end(), end)])[:8]
                for c in run:
                    c.measure = " ".join(words)

    def _listed_run(self, values: list[Candidate]) -> list[Candidate]:
        """The figures listed one after another at the end of `values`, joined only by commas and "and"."""
        run = [values[-1]]
        for c in reversed(values[:-1]):
            if LIST_GAP.fullmatch(self.text, c.mention.end, run[0].qstart) is None:
                break
            run.insert(0, c)
        return run

    def _name_after(self, m: Mention, names: list[tuple[int, int, str, bool]]) -> tuple[int, int, str, bool] | None:
        """A place or body named right after a number, joined by a preposition ("43.9 per cent in Fellside", "£950
        for Southshire"), unless it publishes the figures."""
        for n in names:
            if n[0] >= m.end and PLACE_AFTER.fullmatch(self.text, m.end, n[0]) and not self._publisher(n):
                follows = words_in(self.text, n[1], min(len(self.text), n[1] + 20))[:1]
                word = follows[0].group(0) if follows and not self.text[n[1]: follows[0].start()].strip() else ""
                if word and word.lower() not in NAME_FOLLOWERS:
                    return None  # "£38m in Northshire Rail compensation": a name that describes a noun, not whose
                return n
        return None

    def _listed(self, c: Candidate, before: list[str], cands: list[Candidate], s: Passage) -> Candidate | None:
        """The figure before in its sentence that this one continues a list of, when only list words and names come
        between its clause's start and it ("..., against £969 in Southshire", "followed by Westshire at 5.1%",
        "... and 8.6% in Eastshire"): the same kind of figure, of another place."""
        prev = next((d for d in reversed(cands) if not d.baseline and d.mention.unit is c.mention.unit), None)
        if prev is None or c.clause[0] <= s.start:
            return None
        words = [w.group(0) for w in words_in(self.text, c.clause[0], c.qstart)]
        if not all(w.lower() in LIST_WORDS or w.lower() in ADVERBS or w[:1].isupper() for w in words):
            return None
        return prev

    def _protected(self, s: Passage, pers: list[PeriodMention]) -> list[tuple[int, int]]:
        """Spans a clause never ends inside: periods and names ("Trinidad and Tobago")."""
        return [(p.start, p.end) for p in pers] + [(n[0], n[1]) for n in names_in(self.text, s, self.name_words)]

    def _in_period(self, pos: int) -> bool:
        return any(p.start <= pos < p.end for p in self.periods)

    def _measure(self, c: Candidate, kept: list[str], before: list[str], heads: list[str],
                 leads: list[str], s: Passage, share: str = "", prior: str = "") -> tuple[str, str]:
        """`share` is the measure of a share stated just before this number ("47.2% of the electricity, up 6
        percentage points"; "13.6% of requests, up from 13.4%"): a change or a bare share after it is of it.
        `prior` is the measure of the last count or sum before it in its sentence."""
        m = c.mention
        lead_noun = heads[-1] if heads else ""
        lead_measure = leads[-1] if leads else lead_noun
        np_subject = self._np_subject(s)
        ranked = self._ranked(c, kept)
        if ranked:
            return ranked, ""
        if m.unit in (Unit.percent, Unit.percentage_points):
            if c.change:
                return f"percent change in {self._changed(c, s, share, prior or lead_measure, np_subject, kept)}".strip(), ""
            if kept and (kept[0].lower() in {"they", "it", "we", "he", "she", "you"} or kept[0].lower().endswith("ed")) \
                    and (share or self.context_share):
                return share or self.context_share, ""  # "below the 15.3% they approved a year earlier": that share
            if kept and kept[0].lower() == "of":
                kept = kept[1:]
            if kept and kept[0].lower() in {"of"}:
                kept = kept[1:]
            words = clean_words(kept)
            # "a vacancy rate of 9.8 per cent", "kept the cash rate at 4.35 per cent since November": that rate (the
            # words after it say when or how, not what it is a share of)
            named = self._rate_named(c, s, words)
            if named:
                return named, ""
            if words and words[0].lower() in NOT_WHAT_AFTER and self._rate_of(c, s):
                return self._rate_of(c, s), ""
            if words and words[0].lower() in {"them", "those", "these"} and (prior or lead_measure or self.context_measure):
                # "31,000 applied ...; about a fifth of them": a share of what was counted before
                words = [prior or lead_measure or self.context_measure, *words[1:]]
            if words and words[0].lower() not in {"overall", "total", "in", "on", "at"}:
                return "share of " + " ".join(words), ""
            rate = "" if words else self._rate_of(c, s)
            if rate:
                return rate, ""  # "the jobless rate held at 4.2%": the jobless rate, not a share of anything
            if share and not words:
                return share, ""
            base = lead_measure or np_subject
            if not base and not words and c.place and self.recent.get(m.unit):
                return self.recent[m.unit], ""  # "It ranged from 23.4% in Eastwick to ...": the rate told before
            return ("share of " + " ".join([base, *words])).strip(), ""
        if m.unit is Unit.years:
            pre = clean_words([w for w in before[-4:] if w not in {"a", "an", "the"}])
            rest = [w for w in kept if w.lower() not in {"years", "year", "s"}]
            return " ".join(pre + rest) or "years", ""
        # "payments of $14.2 million", "a workforce of 1,250"; not "a poll of 2,000 parents": its noun is its own
        of = self._complement_of(c, before, s) or (self._of_phrase(c, s) if m.unit is Unit.money or not kept else "")
        if not of and (not kept or self._verbish(kept[0])):
            of = self._moved_to(c, s)  # "raised its base fare to $2.90": the base fare
        if m.unit is Unit.money and PER_SHARE_AFTER.match(self.text, m.end):
            # "net income rose to $715 million, or $1.69 a share": the sum before it, per share
            # "a final dividend of 12 cents a share", "kept the quarterly dividend at 68 cents a share": the sum the
            # phrase before it names, per share
            base = prior[: -len(PER_SHARE_WORDS)].strip() if prior.endswith(PER_SHARE_WORDS) else prior
            return f"{of or self._object_before(c, s) or base or 'earnings'}{PER_SHARE_WORDS}", ""
        if m.unit is Unit.money:
            trail = before[-3:]
            noun = next((self.vocab.verb_nouns[w] for i, w in enumerate(trail) if w in self.vocab.verb_nouns
                         and not any(v.endswith("ed") or v in LEVEL_VERBS for v in trail[i + 1:])), "")  # "travel spending generated $9bn": no
            if noun and not of:
                # "visitors spent a record $4bn on travel": spending on travel
                link = [w.group(0).lower() for w in words_in(self.text, m.end, min(len(self.text), m.end + 12))][:1]
                joint = link if kept and link and link[0] in ("on", "for", "in") and link[0] != kept[0].lower() else []
                return " ".join([noun, *joint, *kept]), ""
            if not of and not kept and not c.place:
                return "", ""  # "followed by Northshire at £9bn", "up from £2.2bn": the sum named before it
            pre = [] if of else clean_words(before[-3:])
            # "landlords collected £2bn" (rent collected) and "passengers were paid £12m" (paid to passengers) keep
            # their words; a present-tense verb and its adverb ("now pay", "still costs") say who pays, not what
            done = [i for i, w in enumerate(pre) if w in VERB_FORMS or w in ADVERBS or w in {"now", "still", "also"}]
            if done:
                pre = clean_words(pre[done[-1] + 1:])  # "Parents in X now pay £190": what is paid, not who pays
            if PER_TIME.match(self.text, m.end) and kept and kept[0].lower() in PER_UNITS:
                kept = clean_words(kept[1:])  # "£190 a week for a nursery place": the place's price, a week
            if of and kept and kept[0].lower() in ADVERBIAL:
                kept = []  # "Rent was $4.5 million over the year", "$0.8 million for fiscal 2018": when, not what
            return " ".join([of, *pre, *kept]).strip() or "amount", ""
        # a count
        if kept and not self._verbish(kept[0]):
            head = kept[0]
            if not of and kept[0].lower() in self.vocab.units:
                # "a target of 18 minutes": the target, in minutes ("the limit in England of 20 micrograms": a name
                # before "of" is where, not what)
                of = self._of_phrase(c, s)
                of = "" if of and self._written_capital(of.split()[-1], s, c.qstart) else of
            return " ".join([of, *kept]).strip(), head
        if of:
            return of, ""
        if kept:
            return f"{lead_noun or np_subject} {' '.join(kept)}".strip(), ""
        return lead_measure or np_subject, ""

    def _ranked(self, c: Candidate, kept: list[str]) -> str:
        """What a figure ranked by a superlative measures: "The North East had the highest overall absence rate, at
        7.1%" (overall absence rate), "the highest typical bill, at £1,840" (typical bill); "Northvale had the lowest
        at 5.8%" is the measure ranked before. Not a change, nor a figure whose own words say what it is, nor a
        noun for whom ("the cheapest nation, at £131.20")."""
        per = re.match(r"\s*(?:per|a|an|each)\b", self.text[c.mention.end: c.mention.end + 8])
        if c.change or c.baseline or (kept and kept[0].lower() not in PER_UNITS and not per):
            return ""
        m = RANKED.search(self.text, max(c.sentence.start, c.qstart - 80), c.qstart)
        if m is None:
            return ""
        words = clean_words(m.group("np").split())
        if not words:
            return self.recent.get(c.mention.unit, "")
        if words[-1].lower() in WHO_NOUNS or len(words) > 6 or any(_verb(w) for w in words):
            return ""
        phrase = " ".join(words)
        return phrase if phrase[:2].isupper() else phrase[0].lower() + phrase[1:]

    def _changed(self, c: Candidate, s: Passage, share: str, prior: str, np_subject: str, kept: list[str]) -> str:
        """What a percent change is a change in: the subject of the verb before it in its own clause ("..., and the
        number injured fell by 3.5%"), unless that names who ("Northshire was down 3%"); else the share or the count
        or sum stated before it ("spent $4bn, up 5%"); else the sentence's subject; else the thing the sentence
        before counted ("Northshire recorded a 7% fall" after "Southshire recorded 1,400 thefts")."""
        names = {re.sub(r"['’]s$", "", n[2]).lower() for n in names_in(self.text, s, self.name_words)}

        def thing(np: str, whole: bool = False) -> str:
            words = _place_split(np, names)[0].split()
            while words and words[-1].lower() in AUX_WORDS:
                words.pop()
            phrase = " ".join(words)
            # a name says who ("Northshire was down"); the sentence's first verb can be a noun after the number
            # ("Northshire recorded a 7% fall"): a phrase ending in a verb ran past its subject
            return "" if not phrase or phrase.lower() in names or (whole and len(words) > 1 and any(
                _verb(w) for w in words[1:])) else phrase

        moved = self._moved(c)
        if moved:
            return moved  # "Ministers raised the ceiling price by 66%": the ceiling price
        local = thing(self._np_subject(s, c.qstart)) if c.clause[0] <= self._verb_before(s, c.qstart) else ""
        return local or share or prior or thing(np_subject, whole=True) or self.context_measure or " ".join(kept)

    def _rate_named(self, c: Candidate, s: Passage, kept: list[str]) -> str:
        """What a percentage is the level of when a noun phrase names it right before: "an acceptance rate of 19%",
        "a gross margin of between 31% and 33%" (the phrase before "of"), "kept the cash rate at 4.35%" (the phrase a
        verb sets at it); "" when that phrase is a name ("followed by the South West at 96%": whose), a peak or a
        time ("a record low of 6.6%", "the peak of 10.6%": the figure it is compared with names its measure).
        `kept` are the words after the number: none, or a word of when ("since November"), leave the phrase
        before it the measure; other words say what the figure is a share of."""
        if c.baseline or (kept and kept[0].lower() not in NOT_WHAT_AFTER):
            return ""
        words = (self._of_phrase(c, s) or self._set_at(c, s)).split()
        verbs = [i for i, w in enumerate(words) if w.lower() in VERBS | LEVEL_VERBS | SAYING
                 or (i == len(words) - 1 and _verb(w))]  # "a combined ratio": a word in "-ed" before a noun describes it
        if verbs:
            after = words[verbs[-1] + 1:]
            # "the adjusted margin improved to 19.0%", "the rate held steady at 79.3%": the verb's subject; "the Bank
            # held interest rates at 5.25%": its object
            words = words[: verbs[0]] if all(w.lower() in RATE_VERBS for w in after) else after
        head = words[-1] if words else ""
        if not words or head.lower() in EXTREMES | TIME_WORDS | CHANGE_NOUNS | SHARE_NOUNS \
                or any(w.lower() in UNIT_WORDS for w in words) or self._written_capital(head, s, c.qstart):
            return ""  # a name is whose ("from 23.4% in Hull to ..."), a unit the number's before it ("4% last July to")
        return " ".join(words)

    def _moved_to(self, c: Candidate, s: Passage) -> str:
        """What a verb moves or sets to a figure, its object: "raised its base fare to $2.90", "raised its fare by
        15 cents to $2.65", "raising the annual rent from £61 to £85", "put crop damage at 5.3 billion pesos"; ""
        when the nearest such verb is not written so or has no object ("openings increase by a quarter to 270"), or
        the figure is the one moved from or by."""
        if c.baseline or c.change:
            return ""
        tail = self.text[max(s.start, c.qstart - 90): c.qstart]
        verb = next((v for v in reversed(list(re.finditer(r"[A-Za-z]+", tail)))
                     if v.group(0).lower() in MOVING_VERBS | SETTING_VERBS), None)
        moved = MOVED_TO.fullmatch(tail, verb.end()) if verb is not None else None
        if moved is None:
            return ""
        raw = moved.group("obj").split()
        words = clean_words([w for w in raw if w.lower() not in POSSESSIVES])
        if not words or raw[0].lower() in PHRASE_LINKS or any(w.lower() in CLAUSE_WORDS | VERBS | LEVEL_VERBS | SAYING for w in words) \
                or self._written_capital(words[-1], s, c.qstart):
            return ""
        phrase = " ".join(words)
        return phrase if phrase[:2].isupper() else phrase[0].lower() + phrase[1:]

    def _written_capital(self, word: str, s: Passage, upto: int) -> bool:
        """Is `word` written with a capital where it last stands in the sentence before `upto` (a name's word)?"""
        written = [m.group(0) for m in re.finditer(rf"\b{re.escape(word)}\b", self.text[s.start: upto], re.I)]
        return bool(written) and written[-1][:1].isupper()

    def _set_at(self, c: Candidate, s: Passage) -> str:
        """The words right before "at" or "to" and a figure ("put the jobless rate at 4.1%", "the margin improved to
        19%"); "" when none, a period, or a preposition's object ("the share of sales made through the website and
        app to a fifth": the website is not what reached a fifth)."""
        link = re.search(r"\b(?:at|to)\s+(?:a\s+|an\s+|the\s+)?$", self.text[max(s.start, c.qstart - 12): c.qstart])
        if link is None:
            return ""
        at = max(s.start, c.qstart - 12) + link.start()
        phrase = "" if self._in_period(at - 2) else noun_phrase_before(self.text, s.start, at, longest=6)
        lead = [w.group(0).lower() for w in words_in(self.text, s.start, at)][: -len(phrase.split()) or None]
        while lead and lead[-1] in {"the", "a", "an"} | POSSESSIVES:
            lead.pop()
        return "" if not phrase or (lead and lead[-1] in PHRASE_LINKS | PREPOSITIONS | {"through", "followed"}) \
            else phrase

    def _object_before(self, c: Candidate, s: Passage) -> str:
        """The noun phrase a verb sets at or to a figure ("kept the quarterly dividend at 68 cents", "raised the
        dividend to 24 cents"): what the figure is the level of; "" when none, or a period ("for the year to")."""
        link = re.search(r"\b(?:at|to)\s+(?:a\s+|an\s+|the\s+)?$", self.text[max(s.start, c.qstart - 12): c.qstart])
        if link is None:
            return ""
        at = max(s.start, c.qstart - 12) + link.start()
        phrase = noun_phrase_before(self.text, s.start, at, longest=5)
        words = phrase.lower().split()
        if not words or words[-1] in TIME_WORDS | PER_UNITS | {w.rstrip("s") for w in TIME_WORDS} | CHANGE_NOUNS \
                or words[-1] in QUANTITY_NOUNS or self._in_period(at - 2):
            return ""
        return phrase

    def _moved(self, c: Candidate) -> str:
        """What a figure's clause says someone moved by it ("raised its fare by 15 cents": fare); "" otherwise."""
        moved = _moved_object([w.group(0) for w in words_in(self.text, c.clause[0], c.qstart)])
        words = clean_words([w for w in moved or [] if w.lower() not in POSSESSIVES])
        if not words or any(w[:1].isupper() for w in words[1:]):
            return ""
        return " ".join(words).lower() if not words[0][1:2].isupper() else " ".join(words)

    def _verb_before(self, s: Passage, upto: int) -> int:
        """Where the last level verb before `upto` in the sentence starts (-1 when there is none)."""
        words = words_in(self.text, s.start, upto)
        return max((w.start() for i, w in enumerate(words) if i > 0 and w.group(0).lower() in LEVEL_VERBS
                    and not (w.group(0).lower() == "up" and words[i - 1].group(0).lower() in COMPOSING)
                    and not _noun_use(words[i - 1].group(0))), default=-1)

    def _complement_of(self, c: Candidate, before: list[str], s: Passage) -> str:
        """What a number is the value of when it completes a level verb: "the backlog fell to 4.2 million
        cases" (backlog), "the arrears have climbed to a record £2.4bn" (the arrears); "" otherwise."""
        if c.baseline:
            return ""
        linking = LEVEL_VERBS | COPULAS | COPULA_PARTICIPLES
        trail = [w for w in before if w not in COMPLEMENT_FILLERS]
        if len(trail) >= 2 and trail[-2:] == ["came", "in"]:
            trail.pop()  # "Free cash flow came in at $1.06bn": one verb, "come in at"
        if not trail or trail[-1] not in linking:
            # past a change stated on the way: "rose 10 cents, or 0.3%, to $4.10", "fell by 3.5% to 4,056"; or
            # past the values listed before it: "Advertising costs were $1.2 million and $0.9 million"
            spans = [(n.start, n.end) for n in self.numbers if s.start <= n.start < c.qstart]
            trail = [w.group(0).lower() for w in words_in(self.text, s.start, c.qstart)
                     if not any(a <= w.start() < b for a, b in spans)]
            while trail and (trail[-1] in COMPLEMENT_FILLERS or trail[-1] in CHANGE_WORDS or trail[-1] in LISTING):
                trail.pop()
            if not trail or trail[-1] not in linking or not spans:
                return ""
        if trail[-1] in COPULA_PARTICIPLES:
            # "obligations totaling $131.7 million": the noun the participle follows
            verb = max(w.start() for w in words_in(self.text, s.start, c.qstart) if w.group(0).lower() == trail[-1])
            return noun_phrase_before(self.text, s.start, verb)
        if trail[-1] in COPULAS:
            return self._copula_subject(s, c.qstart)
        places = {re.sub(r"['’]s$", "", n[2]).lower() for n in names_in(self.text, s, self.name_words)}
        return _place_split(self._np_subject(s, c.qstart, longest=10), places)[0]  # where is the subject's, not what

    def _copula_subject(self, s: Passage, upto: int) -> str:
        """The subject a copula says a number is the value of: "Total rent expense was $4.5 million" -> total rent
        expense; "" when it is a pronoun ("It was $3m", "There were 400"), a name (who, not what) or too long."""
        phrase = self._np_subject(s, upto, longest=10, linking=LEVEL_VERBS | COPULAS)
        words = phrase.split()
        if any(w.lower() in PRONOUN_STARTS for w in words):
            return ""  # "Meanwhile in Northshire there were 640 cases": no subject but "there"
        # "In England the average was £1,321": a name set before the subject says where, not what
        cut = [i for i, w in enumerate(words) if i > 0 and w.lower() in {"the", "a", "an"}
               and words[i - 1].lower() not in PHRASE_LINKS]
        words = words[cut[-1] + 1:] if cut else words
        while words and words[0].lower() in POSSESSIVES:
            words.pop(0)
        phrase = " ".join(words)
        if not phrase:
            return ""
        written = [w.group(0) for w in re.finditer(re.escape(phrase), self.text[s.start: upto], re.IGNORECASE)]
        capitals = bool(written) and all(w[:1].isupper() for w in written[-1].split())  # the subject: the last one
        names = {n[2].lower() for n in names_in(self.text, s, self.name_words)}
        # "Northshire was 4,000": who, not what ("Advertising Costs: Advertising costs were ...": what)
        return "" if capitals and (phrase.lower() in names or len(words) > 1) else phrase

    def _of_phrase(self, c: Candidate, s: Passage) -> str:
        """What a number after "of" is the value of: the noun phrase before it ("recorded amortization expense of
        $2.1 million", "payments of approximately $14.2 million"); "" for a change ("an increase of $4m") or a word
        that only says it is a quantity ("a total of 1,250")."""
        if c.baseline:
            return ""
        # past the values listed before it: "payments of $14.2 million and $10.8 million"
        spans = [(n.start, n.end) for n in self.numbers if s.start <= n.start < c.qstart]
        trail = [w for w in words_in(self.text, s.start, c.qstart) if not any(a <= w.start() < b for a, b in spans)]
        while spans and trail and trail[-1].group(0).lower() in LISTING | ADVERBS | {"approximately", "roughly"}:
            trail.pop()
        if trail and trail[-1].group(0).lower() == "between":
            trail.pop()  # "revenue growth of between 6% and 7%": the range's ends are both of the phrase before "of"
        if not trail or trail[-1].group(0).lower() != "of" or (trail[-1].start() < c.clause[0] and not spans):
            return ""
        phrase = noun_phrase_before(self.text, s.start, trail[-1].start())
        words = phrase.lower().split()
        if not words or words[-1] in CHANGE_NOUNS or (len(words) == 1 and words[0] in QUANTITY_NOUNS | EXTREMES):
            return ""
        return phrase

    def _rate_of(self, c: Candidate, s: Passage) -> str:
        """What a percentage is the level of when it completes a verb ("the jobless rate held at 4.2%": the jobless
        rate; "the bank has kept interest rates at 5%": interest rates); "" otherwise."""
        if c.baseline:
            return ""
        words = [w for w in words_in(self.text, s.start, c.qstart)]
        trail = [w.group(0).lower() for w in words]
        while trail and trail[-1] in COMPLEMENT_FILLERS:
            trail.pop()
        verbs = [i for i, w in enumerate(trail) if w in RATE_VERBS or w in LEVEL_VERBS]
        if not verbs or len(trail) - verbs[-1] > 4:
            return ""
        v = verbs[-1]
        obj = clean_words([w.group(0) for w in words[v + 1: len(trail)]])
        if obj and not self._verbish(obj[0]) and len(obj) <= 5:
            return " ".join(obj).lower() if not obj[0][1:2].isupper() else " ".join(obj)
        begin = s.start
        for j in range(words[v].start() - 1, s.start - 1, -1):
            if self.text[j] in ",;:–—(\"“":
                begin = j + 1
                break
        np = [w.group(0) for w in words_in(self.text, begin, words[v].start())]
        if all(_verb(w) for w in np):  # "The load factor, the share of seats sold, rose to 91.4%": before the aside
            np = self._before_apposition(s.start, begin)
        said = [i for i, w in enumerate(np) if w.lower() in REPORTING | SAYING | {"show", "shows", "that"}]
        np = clean_words(np[said[-1] + 1:] if said else np)
        while np and np[0].lower() in OPENERS:
            np = clean_words(np[1:])
        while np and np[-1].lower() in AUX_WORDS:
            np = clean_words(np[:-1])
        if not np or np[0].lower() in PRONOUN_STARTS or len(np) > RATE_NP_LONGEST or any(_verb(w) for w in np):
            return ""
        phrase = " ".join(np)
        return phrase if phrase[:2].isupper() else phrase[0].lower() + phrase[1:]

    def _before_apposition(self, start: int, verb_at: int) -> list[str]:
        """"The overall absence rate, the share of sessions missed, edged down to 7.4%": when only a verb follows the
        last comma, the subject is the sentence's opening phrase before the phrase set off by commas (its apposition);
        [] when the sentence does not open that way."""
        parts = re.split(r",", self.text[start:verb_at])
        if len(parts) != 3 or not parts[1].strip().lower().startswith(("the ", "a ", "an ", "which ", "or ")):
            return []
        return [w.group(0) for w in words_in(self.text, start, start + len(parts[0]))]

    @staticmethod
    def _verbish(word: str) -> bool:
        w = word.lower()
        return w.endswith("ed") or w in LEVEL_VERBS or w in {
            "without", "with", "despite", "in", "of", "on", "at", "by", "to", "for", "from", "being",
            "more", "less", "fewer", "overall", "each", "every", "per", "a", "an", "after", "before", "under", "since",
            "as", "than", "against",
        }

    def _np_subject(self, s: Passage, upto: int | None = None, longest: int = 7,
                    linking: frozenset[str] | set[str] = LEVEL_VERBS) -> str:
        """The subject of a change or level verb: "Public order offences rose by 39%" -> public order offences.
        `linking` are the verbs it is the subject of (a copula's too, when the number completes one)."""
        words = words_in(self.text, s.start, s.end if upto is None else upto)
        verbs = [i for i, w in enumerate(words) if w.group(0).lower() in linking and i > 0
                 and not (w.group(0).lower() == "up" and words[i - 1].group(0).lower() in COMPOSING)
                 and not _noun_use(words[i - 1].group(0))]
        if not verbs:
            return ""
        i = verbs[-1] if upto is not None else verbs[0]
        stop = words[i].start()
        begin = s.start
        for j in range(stop - 1, s.start - 1, -1):
            if self.text[j] in ",;:–—(\"“":
                begin = j + 1
                break
        begin = max(begin, self._after_dateline(s))
        # a period is when, not what ("Over the past 12 months wages climbed"), and "edged up" is one verb
        np = clean_words([w.group(0) for w in words_in(self.text, begin, stop) if not self._in_period(w.start())])
        if np and all(_verb(w) for w in np):
            np = clean_words(self._before_apposition(s.start, begin))  # "The rate, the share of ..., edged down"
        while np and np[0].lower() in OPENERS | RELATIVES | {"over", "during", "in", "since", "for"}:
            np = clean_words(np[1:])  # "while total generation fell": total generation
        while len(np) > 1 and np[-1].lower() in {"there", "here"}:
            np = np[:-1]  # "Values there rose": values, of the place named before
        while len(np) > 1 and np[-1].lower().endswith("ed") and words[i].group(0).lower() in ("up", "down"):
            np = clean_words(np[:-1])  # "Renewable generation edged up": renewable generation
        said = [i for i, w in enumerate(np) if w.lower() in REPORTING | {"show", "shows", "that"}]
        if said and (longest > 7 or np[said[-1]].lower() == "that"):
            np = clean_words(np[said[-1] + 1:])  # "figures show the debt households owe ...": the debt
        if len(np) > longest > 7:
            # "Visas granted to main applicants on the route for carers dropped to ...": what, before where
            cut = next((i for i, w in enumerate(np) if i >= 2 and w.lower() in PLACE_PREPOSITIONS), len(np))
            np = clean_words(np[:cut])
        if not np or np[0].lower() in PRONOUN_STARTS | CHANGE_VERBS or len(np) > longest \
                or any(w.lower() in {"cent", "per"} for w in np):
            return ""  # "down from 22 per cent but still higher": the rest of a change, with its numbers taken out
        phrase = " ".join(np)
        return phrase if phrase[:2].isupper() else phrase[0].lower() + phrase[1:]

    def _after_dateline(self, s: Passage) -> int:
        """Where a sentence starts once its dateline is left out ("NORTHVALE - Westland's libraries recorded ...":
        where the story was written is no subject)."""
        dateline = DATELINE.match(self.text, s.start, s.end)
        return dateline.end() if dateline else s.start

    def _actor(self, c: Candidate, s: Passage) -> str:
        """Who does the verb of the clause a figure is stated in, when that is a group or body and not a
        quantity: "Local lenders approved 18.5%", "Mutual societies, such as ..., approved 22.1%",
        "while wind's share was 12.6%" (wind). "" when the clause opens with the number or a pronoun."""
        pos = c.qstart
        start = self._after_dateline(s)
        for m in CLAUSE_OPENERS.finditer(self.text, start, pos):
            start = m.end()
        words = words_in(self.text, start, pos)
        verb = next((i for i, w in enumerate(words) if i > 0 and _verb(w.group(0))), None)
        while verb is not None and verb + 1 < len(words) and words[verb + 1].group(0).lower() in LEVEL_VERBS:
            verb += 1  # "Regular pay grew": "pay" is a noun here, "grew" the verb
        if verb is None or len(words) - verb > 6:
            return ""  # a verb far from the number ("were shut because ... and 71 cases") is another clause's
        if words[verb].group(0).lower() in SAYING:
            return ""  # "the Home Office said it was giving ...": who says so is the source, not the subject
        stop = words[verb].start()
        comma = self.text.find(",", start, stop)
        opening = words_in(self.text, start, comma if comma >= 0 else stop)
        if comma >= 0 and opening and _introduces(opening[0].group(0)):
            # "In February 2016, the company granted ...": the phrase before the comma sets the scene
            start, comma = comma + 1, self.text.find(",", comma + 1, stop)
            opening = words_in(self.text, start, comma if comma >= 0 else stop)
        if opening and _introduces(opening[0].group(0)):
            return ""
        if any(start <= n.start < stop for n in self.numbers):
            return ""  # "Some 5.9 million entries were made, 3% more": a quantity opens the clause, not who
        if opening and opening[0].group(0).lower() in {"those", "these", "this", "that", "such"}:
            return ""  # "Those households included 142,490 children": the ones told before, of whom they were
        np = clean_words([w.group(0) for w in opening])
        cut = next((i for i, w in enumerate(np) if i > 0 and w.lower() in QUALIFYING), None)
        np = clean_words(np[:cut])  # "Northshire outside the capital saw ...": the place, not where within it
        while np and np[-1].lower() in {"still", "again", "also", "only", "just", "now", "already", "even", "too"}:
            np.pop()
        if len(np) >= 2 and re.search(r"['’]s$", np[-2]) and np[-1].lower() in QUANTITY_NOUNS:
            np = [re.sub(r"['’]s$", "", w) for w in np[:-1]]  # "wind's share was 12.6%": wind
        elif len(np) >= 2 and opening[0].group(0).lower() in {"the", "its", "their"} and np[0].islower() \
                and re.search(r"['’]s$", np[0]):
            return ""  # "The lender's net margin narrowed to 2.7%": the one told of before, its margin the measure
        if not np or len(np) > 6 or np[0].lower() in NOT_NAMES | PRONOUN_STARTS | QUANTIFIERS \
                or _verb(np[0]) or any(w.lower() in QUANTITY_NOUNS | NON_NAMES | {"there"} or any(ch.isdigit() for ch in w)
                                       for w in np):
            return ""  # "Meanwhile in Northshire there were ...", "Our research found ...": no subject here
        if np[-1] in self.vocab.source_words:
            return ""  # "The annual snapshot counted 3,898": what counted them is a source, not whom they are
        phrase = " ".join(np)
        return phrase if phrase[:2].isupper() else phrase[0].upper() + phrase[1:]

    def _source(self, name: tuple[int, int, str, bool]) -> bool:
        """A body named as who says or publishes the figures ("the Office said", "according to X"), not their subject."""
        start, end = name[0], name[1]
        after = [w.group(0).lower() for w in words_in(self.text, end, min(len(self.text), end + 30))][:2]
        if any(w in SAYING or w in {"data", "figures", "released", "published"} for w in after):
            return True
        appos = APPOSED_SAYER.match(self.text, end)
        if appos and appos.group(1).lower() in SAYING:
            return True  # "Jo Bloggs, a council spokesperson, said the agency had ...": who says it, not whom it is about
        said = re.search(r"([a-z]+)\s+(?:the\s+)?$", self.text[max(0, start - 14): start])
        if said and said.group(1) in SAYING and re.match(r"\s*(?:[,.]|$)", self.text[end: end + 2]):
            return True  # '"...," said Jo Bloggs, an economist': who says it (not "said Britain had ...")
        # "according to the Office", "according to an analysis by the Centre for ...": whose the figures are
        return bool(ACCORDING_TO.search(self.text[max(0, start - 60): start])
                    or PUBLISHED_BY.search(self.text[max(0, start - 120): start]))

    def _place_for(self, actor: str, names: list[tuple[int, int, str, bool]], pos: int) -> str:
        """The place or body a common-noun subject belongs to, when its sentence names one that is not a source."""
        if any(w[:1].isupper() for w in actor.split()[1:]) or len(actor.split()) > 3:
            return ""  # a name already ("London's Metropolitan Police")
        own = {w.lower() for w in actor.split()}
        for n in sorted(names, key=lambda n: abs(n[0] - pos)):
            start, name = n[0], n[2]
            if name.lower() in own or self._source(n) \
                    or self.text[max(0, start - 7): start].lower().rstrip().endswith(("by the", "by")):
                continue  # "published by the Department for ...": the source
            return re.sub(r"['’]s$", "", name)
        return ""

    def _subject(self, c: Candidate, s: Passage, names: list[tuple[int, int, str, bool]], before: str = "") -> str:
        """Who or what a figure is about. `before` is the subject of the figure before it in its sentence, when
        this one is the value a comparison starts from ("approved 25.6%, up from 25.5%"): the same one's."""
        pos = c.mention.start
        if c.place:
            return self._named(c.place)
        group = self._group_after(c) or self._list_member(c, s)
        if group:
            c.local_subject = True
            return group
        if before and not any(c.clause[0] <= n[0] < c.clause[1] for n in names):
            return before
        counted = self._counted_group(c)
        if counted:
            return counted
        np_subject = self._np_subject(s, pos)
        changed = any(w.group(0) in CHANGE_VERBS for w in words_in(self.text, s.start, pos))
        group = _group_of(np_subject) if changed else ""
        if group:
            return group  # "Average hourly earnings for private-sector workers rose ...": the workers'
        place = _place_split(np_subject, {re.sub(r"['’]s$", "", n[2]).lower() for n in names})[1] if changed else ""
        if place:
            return self._named(place)  # "Drug overdose deaths in Ruritania fell 3%": Ruritania's
        # "Public order offences rose by 39%", "Operating profit rose to $84m": what rose is the measure, not whose it
        # is: the name in the sentence, else the one before, says whose
        a, b = c.clause
        # who publishes the figures is not what they are about; a possessive in another clause ("before
        # Ruritania's invasion") is an owner there, not a subject here, unless it is in the sentence's own subject
        # ("The number killed on Britain's roads rose ..., to 1,711"); a unit after a number ("286 TWh") and a place
        # in an event after the figure ("after wildfires devastated Maui") are not who the figure is about
        opening = self._subject_end(s)
        names = [n for n in names if not self._publisher(n) and not self._describing(self.text, n)
                 and not (re.search(r"['’]s$", n[2]) and not a <= n[0] < b and not n[1] <= min(opening, pos))
                 and not re.search(r"\d\s*$", self.text[max(s.start, n[0] - 3): n[0]])
                 and not self._in_event(n[0], c) and not self._another_clauses(n, c) and not self._anothers_name(n, c)
                 and not SCOPE_BEFORE.search(self.text, max(s.start, n[0] - 12), n[0]) and not self._aside(n, c)]
        prep = [n for n in names if n[3]]
        actor = "" if any(n[0] < pos for n in prep) else self._actor(c, s)
        if actor and not self._who(actor, c):
            actor = _group_of(actor)  # "Deaths were up from 1,558": what is counted, not of whom
        if actor.lower() in HOME_NOUNS:
            return self.area or self.home  # "The country welcomed 8.9 million tourists": the article's country
        if actor.lower() in self.vocab.body_nouns and self.home \
                and re.search(rf"\bthe\s+{re.escape(actor)}\b", self.text[a:pos], re.IGNORECASE):
            return self.home  # "The board declared a dividend of 12 cents": the company the article is about
        if self.home and actor.startswith(f"{self.home} ") and actor[len(self.home) + 1:].islower() \
                and self._acts(self.home):
            # "Northvale Mutual profit fell 9%" of a firm the article tells doing things: Northvale Mutual's, its profit
            # the measure (a place's "Northland's ports" are a group of it)
            return self.home
        if actor:
            if self.area and NATIONWIDE.search(self.text, a, b) and self._named(actor) == actor:
                return self.area  # "Visitors spent $4bn on travel across the country": the country's spending
            if any(re.sub(r"['’]s$", "", n[2]) == actor for n in names):
                return self._named(actor)  # "Northshire came second at £12bn": a name already
            # "Local lenders approved 18.5%": local lenders; "Turbines supplied half of Northshire's power": Northshire turbines
            place = self._place_for(actor, [n for n in names if a <= n[0] < b], pos)
            return f"{self._named(place)} {actor[0].lower()}{actor[1:]}" if place else actor
        own = [n for n in names if a <= n[0] < b]
        if own:
            # a list of pairs ("X came second at 12, followed by Y at 9 and Z at 7"): the name in the number's own
            # clause, before it if there is one
            return self._named(min(own, key=lambda n: (n[0] > pos, abs(n[0] - pos)))[2])
        if prep:
            return self._named(min(prep, key=lambda n: (n[0] > pos, abs(n[0] - pos)))[2])
        if names:
            return self._named(min(names, key=lambda n: (n[0] > pos, abs(n[0] - pos)))[2])
        return ""  # no one named: whom the figure before was of (the caller's)

    def _aside(self, name: tuple[int, int, str, bool], c: Candidate) -> bool:
        """Is a name inside a relative clause set off by commas that the figure is not in ("Northshire, which accounts
        for a quarter of all jobs in Westland, saw its rate climb to 7.6%": Westland is the aside's)?"""
        for m in RELATIVE_ASIDE.finditer(self.text, c.sentence.start, c.sentence.end):
            if m.start() <= name[0] < m.end() and not m.start() <= c.mention.start < m.end():
                return True
        return False

    def _group_after(self, c: Candidate) -> str:
        """A group written right after a share or sum, as whose it is: "19.0 per cent for boys", "5.1% among
        renters", "24.6 per cent of girls' entries". Not a unit or a span ("for three hours"), nor a term the
        field counts."""
        rest = self.text[c.mention.end: c.clause[1]]
        m = GROUP_AFTER.match(rest)
        if m is None:
            return ""
        which = "group" if m.group("group") else "owner"
        word = m.group(which)
        if word.lower() in QUANTITY_NOUNS | TIME_WORDS or word.lower() in self.vocab.synonyms \
                or self._in_period(c.mention.end + m.start(which)):
            return ""
        return word[0].upper() + word[1:]

    def _list_member(self, c: Candidate, s: Passage) -> str:
        """The member a figure in a list after the first is of, written before it with "with", "at" or "on"
        ("X led with 61,000, followed by government with 52,000 and health care with 44,000"): that member, not the
        first figure's subject."""
        before = [n for n in self.numbers if s.start <= n.end <= c.qstart]
        if not before:
            return ""
        m = LIST_MEMBER.search(self.text[before[-1].end: c.qstart])
        if m is None:
            return ""
        words = m.group("member").split()
        if len(words) > 3 or any(w in LIST_WORDS | QUANTITY_NOUNS | TIME_WORDS or _verb(w) for w in words):
            return ""
        phrase = " ".join(words)
        return phrase[0].upper() + phrase[1:]

    def _who(self, np: str, c: Candidate) -> bool:
        """Can a verb's subject be who a figure is about? Not a quantity ("the total was down"), nor the thing the
        figure counts ("Deaths were up from 1,558": deaths are its measure, the place is its subject)."""
        words = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z][\w'’-]*", np)}
        if not words or any(w.lower() in QUANTITY_NOUNS for w in np.split()):
            return False
        measured = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z][\w'’-]*", c.measure)}
        if len(words) > 1:
            # a kind of the thing counted ("Public order offences rose by 39%") is a subject, but not the very thing the
            # figure measures ("Operating profit climbed to $186m": the profit is what, the company whose)
            return not (c.mention.unit is Unit.money and words <= measured)
        return not words <= measured

    def _in_event(self, at: int, c: Candidate) -> bool:
        """Is `at` in an event told after the figure ("..., from $21.1bn after wildfires devastated Maui")?"""
        if c.event_at:
            return at >= c.event_at
        words = words_in(self.text, c.mention.end, at)
        return any(w.group(0).lower() in SUBORDINATORS and any(_verb(v.group(0)) for v in words[i + 1: i + 5])
                   for i, w in enumerate(words))

    def _counted_group(self, c: Candidate) -> str:
        """The group a count opening its clause counts, when it is the subject of the verb after it ("Some 385
        pedestrians were killed": pedestrians); not everyone ("29,956 people were killed"), nor a quantity."""
        if c.mention.unit is not Unit.count or words_in(self.text, c.clause[0], c.qstart):
            return ""
        after = words_in(self.text, c.mention.end, c.clause[1])[:4]
        verb = next((i for i, w in enumerate(after) if _verb(w.group(0)) or w.group(0).lower() in AUX_WORDS), None)
        if not verb or verb > 3:
            return ""
        done = [w.group(0).lower() for w in after[verb: verb + 3] if w.group(0).lower() not in AUX_WORDS][:1]
        if not done or not done[0].endswith(("ed", "en")):
            return ""  # something done to the group ("were killed", "died"), not a state ("were waiting")
        np = [w.group(0) for w in after[:verb]]
        head = np[-1].lower()
        if not head.endswith("s") or head in EVERYONE or head in QUANTITY_NOUNS or any(_verb(w) for w in np) \
                or head in self.vocab.synonyms:
            return ""  # what the field counts ("5,291 offences were recorded", the vocabulary's terms) is no group
        phrase = " ".join(np)
        return phrase[0].upper() + phrase[1:]

    def _another_clauses(self, name: tuple[int, int, str, bool], c: Candidate) -> bool:
        """Is a name after the figure's clause the subject of a verb of its own ("..., and imports from Northshire
        rose")? It is that clause's, not the figure's."""
        if name[0] < c.clause[1]:
            return False
        clause = clause_at(clauses_of(self.text, c.sentence, self._protected(c.sentence, [])), name[0])
        return any(_verb(w.group(0)) for w in words_in(self.text, name[1], clause[1]))

    def _anothers_name(self, name: tuple[int, int, str, bool], c: Candidate) -> bool:
        """Is a name after the figure, past another clause of the sentence, the head of a figure of its own ("X controls
        70, after gaining 22, and the Y party 29")? It is that figure's, not this one's."""
        if name[0] < c.clause[1]:
            return False
        return bool(re.match(r"\s+(?:on\s+|with\s+|at\s+)?[£$€]?\d", self.text[name[1]: name[1] + 12]))

    def _subject_end(self, s: Passage) -> int:
        """Where the sentence's first level verb starts: what comes before it is the sentence's subject."""
        words = words_in(self.text, s.start, s.end)
        return next((w.start() for i, w in enumerate(words) if i > 0 and w.group(0).lower() in LEVEL_VERBS
                     and not _noun_use(words[i - 1].group(0))), s.start)

    def _period(self, c: Candidate, free: list[PeriodMention], anchor: str, context: str, told: str = "") -> None:
        """A figure's period: its clause's own, resolved against the sentence's period when it is relative
        ("a year earlier", "over the past 12 months"); else one its sentence names that no other figure
        claims; else the period before the sentence's ("up from 361") for the value a change started from;
        else the sentence's, the paragraph's or the article's."""
        base = anchor or context or self.lead_period
        own = c.own
        if own is not None and own.kind == "upto" and c.mention.unit is Unit.percent and not c.change \
                and _months(own.period) == 12 and not SHARE_OF.match(self.text, c.mention.end):
            # (but "69% of trains ran on time in the year to March" is a share of the year's trains, the whole span)
            c.period = period_bounds(own.period)[1]  # "inflation was 4.6% in the year to October": October's rate
        elif own is not None and own.kind == "back":
            c.period = shift(base, own.months)
        elif own is not None and own.kind == "samein":
            # "down from 2.1% in the same quarter of 2023", said of the March quarter 2024: January to March 2023
            now = told or base
            years = int(period_bounds(now)[1][:4]) - int(own.period) if now else 0
            c.period = normal(shift(now, 12 * years)) if years > 0 else own.period
        elif own is not None and own.kind == "trailing":
            c.period = months_ending(base, own.months)
        elif c.period:
            return
        elif free and (c.baseline or any(not self._compared(p) for p in free)):
            # "32.0%, down from 33.1% when the seats were last contested in 2019": the period a comparison names is
            # the earlier value's, not the figure's
            pick = [p for p in free if self._compared(p) == c.baseline] or free
            c.period, c.period_kind = pick[0].period, pick[0].kind
        elif c.since and base:
            # "up from 39,500": the period before, a year before when the article compares months or parts of a year
            # with the year before ("up 28% from 2.4 million a year earlier"; a half-year's results); a monthly rate
            # ("inflation rose to 3.1% in May, from 2.9%") is up from the month before's reading
            yearly = self._year_on_year(base) and (c.mention.unit is not Unit.percent or _months(base) > 1)
            c.period = normal(shift(base, 12)) if yearly else _previous(base)
        else:
            c.period = anchor or context

    def _year_on_year(self, period: str) -> bool:
        """Is a value before a month or part of a year (a quarter, a half) the same one a year earlier? For a part of
        a year, unless the article compares parts in a row ("the previous quarter"); for a month, when the article
        compares with a year earlier ("a year earlier", "the same month last year") and never with the month before."""
        months = _months(period) if period else 12
        if months >= 12 or SEQUENTIAL.search(self.text):
            return False
        return months > 1 or bool(YEAR_AGO.search(self.text))

    def _compared_change(self, c: Candidate, free: list[PeriodMention], base: str) -> str:
        """A change said against a period ("down 1.5 points on last year", "up 42% on 2022", "Compared with February
        last year, approvals were down 4.3%") runs from that period to the one the sentence is about (its own
        other period, else `base`, the paragraph's or the article's); "" when the change names no such period."""
        mine = [c.own] if c.own is not None else []
        opening = [p for p in free if p.start < c.mention.start and p.start <= c.sentence.start + 40]
        compared = [p for p in mine + opening if p.period and p.kind not in ("back", "trailing", "since", "range")
                    and self._compared(p)]
        if not compared:
            return ""
        told = [p for p in mine + free if p not in compared and p.period and p.kind not in ("back", "trailing", "since")
                and not self._compared(p)]
        end = told[0].period if told else base
        start, finish = period_bounds(compared[0].period)[0], period_bounds(end)[1]
        if len(start) == 7 and len(finish) == 4:
            finish = f"{finish}-{start[5:7]}"  # "on February last year" said of 2024: February 2024
        if not finish or _end_month(finish) <= _end_month(start):
            return ""
        return f"{start}/{finish}"

    def _change_period(self, c: Candidate, cands: list[Candidate], base: str) -> str:
        """A change runs from the period it is measured from to the one it reaches: "up from 318 in 2020"
        said of 2021 is 2020/2021; "7% on the year before" said of 2023 is 2022/2023; "over the past 12
        months" to September 2023 is 2022-09/2023-09; a bare "rose 3%" over a year is the year before to it."""
        own = c.own
        if own is not None and own.kind in ("range", "since"):
            return c.period  # written as a span: "between 2015 and 2021"
        if own is not None and own.kind in ("back", "trailing"):
            end = period_bounds(base)[1]
            return f"{shift(end, own.months)}/{end}" if end else ""
        period = c.period or base
        if not period:
            return ""
        before = {d.period for d in cands if d is not c and d.baseline and d.period}
        if before:
            # "a 39% jump from 5,291 in 2020": the year written is where it started; it ends at the sentence's
            points = {b for p in before | {period if period not in before else base} for b in period_bounds(p)}
            ordered = sorted(points)
            return f"{ordered[0]}/{ordered[-1]}" if len(ordered) >= 2 else period
        if own is not None and own.kind in ("upto", "part") and _months(period) != 12:
            return period  # "grew 7.7% in the three months to September": the span it grew over
        end = period_bounds(period)[1]
        if len(end) == 4:
            return f"{int(end) - 1}/{end}"
        step = next((months for cue, months in CHANGE_STEPS if cue.search(self.text, c.mention.end, c.clause[1])), 0)
        if step and (_months(period) < step or _months(period) == step == 1):
            # "values rose 1.9% over the month": a monthly change, whatever else the sentence says of the year
            return f"{period_bounds(normal(shift(period, step)))[0]}/{end}"
        if 1 < _months(period) < 12 and len(end) == 7:
            # "Revenue rose 18%" said of the third quarter: on the same quarter a year before, as results are compared
            return f"{period_bounds(normal(shift(period, 12)))[0]}/{end}"
        sentence = self.text[c.sentence.start: c.sentence.end].lower()
        yearly = _months(period) == 12 or bool(re.search(r"\b(?:year|annual|annually|yearly|12 months|twelve months)\b",
                                                        sentence))
        return f"{shift(end, 12 if yearly else 1)}/{end}"

    def _date_candidate(self, s: Passage, p: PeriodMention, clauses: list[tuple[int, int]]) -> Candidate:
        a, b = clause_at(clauses, p.start)
        year = int(p.period[:4])
        mention = Mention(p.start, p.end, float(year), Unit.date)
        before = [w for w in words_in(self.text, a, p.start)]
        kept_before = clean_words([w.group(0) for w in before][-6:])
        after_words = [w for w in words_in(self.text, p.end, b)][:8]
        kept_after = clean_words([w.group(0) for w in after_words])
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
        c.measure = "date " + " ".join(clean_words(words + kept_after))
        c.quote_span = (qstart, qend)
        c.period = p.period[:7]
        return c


MIDSENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;(] )([A-Z][a-z][\w'’-]*)|(?<= \| )([A-Z][a-z][\w'’-]*)")


def written_names(text: str) -> frozenset[str]:
    """Words a text writes with a capital where no sentence starts (after a lower-case word or a comma, or as a
    table cell after the first), and never in lower case: names, in lower case ("adelaide")."""
    capital = {(m.group(1) or m.group(2)).lower() for m in MIDSENTENCE_CAPITAL.finditer(text)}
    lower = set(re.findall(r"\b[a-z][\w'’-]*", text))
    return frozenset(re.sub(r"['’]s$", "", w) for w in capital - lower)


# Words after which a change word is a noun ("a monthly rise", "the steepest fall"), not the clause's verb.
NOUN_MARKERS = {"a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "monthly", "annual", "yearly",
                "quarterly", "weekly", "daily", "further", "big", "bigger", "sharp", "sharper", "small", "smaller"}


def _within(subject: str, measure: str) -> bool:
    """Does the figure's measure open with the subject's words ("Load factor" of "load factor"), so that the two are
    one phrase? A group in a measure ("Boys" of "share of GCSE boys") is whom it is of."""
    words = [w.lower() for w in re.findall(r"\w+", subject)]
    return bool(words) and [w.lower() for w in re.findall(r"\w+", measure)][: len(words)] == words


def _plural(phrase: str) -> bool:
    """Does a noun phrase end in a plural ("pedal cyclists", "under-19s"): a group, not a quantity ("revenue")?"""
    last = phrase.split()[-1].lower() if phrase.split() else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _measured(phrase: str, measure: str) -> bool:
    """Are a phrase's words all words of a figure's measure ("Hardware revenue" of "percent change in hardware
    revenue")? Then the phrase says what the figure measures."""
    words = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z][\w'’-]*", phrase)}
    return bool(words) and words <= {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z][\w'’-]*", measure)}


def _common(phrase: str, sentence: str) -> bool:
    """Is a phrase written in its sentence as common words ("the load factor"), not as a name ("Load Factor Ltd")?"""
    lower = phrase[:1].lower() + phrase[1:]
    return lower != phrase and re.search(rf"\b{re.escape(lower)}\b", sentence) is not None \
        and re.search(rf"\b{re.escape(phrase)}\b", sentence) is None


def _noun_use(before: str) -> bool:
    """Is a change word after `before` a noun ("a monthly rise", "the steepest fall") rather than a verb?"""
    w = before.lower()
    return w in NOUN_MARKERS or (w.endswith("est") and len(w) > 4)


PLACE_TAIL = re.compile(r"\s+(?:in|across|for|at|throughout)\s+(?:the\s+)?(?P<place>[A-Z][\w'’.&-]*(?:\s+(?:of\s+|and\s+|the\s+)*"
                        r"[A-Z][\w'’.&-]*)*)$")


def _place_split(np: str, names: set[str]) -> tuple[str, str]:
    """A noun phrase ending in where it is counted ("drug overdose deaths in the United States"): what, and the
    place, when the sentence names that place; (np, "") otherwise."""
    m = PLACE_TAIL.search(np)
    if m is None or m.start() == 0 or m.group("place").lower() not in names:
        return np, ""
    return np[: m.start()], m.group("place")


def _group_of(np: str) -> str:
    """The group a measure is stated for: "earnings for private-sector workers", "deaths among pedal cyclists"."""
    m = re.search(r"\b(?:for|among|amongst)\s+(?:the\s+|all\s+)?([a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2})$", np)
    if not m or m.group(1).split()[-1].lower() in QUANTITY_NOUNS:
        return ""
    return m.group(1)[0].upper() + m.group(1)[1:]


def _months(period: str) -> int:
    """How many months a period spans: 12 for "2023" or "2022-10/2023-09", 1 for "2023-09"."""
    a, b = period_bounds(period)
    if len(a) == 4 and len(b) == 4:
        return 12 * (int(b) - int(a) + 1)
    a, b = (a if len(a) >= 7 else f"{a}-01")[:7], (b if len(b) >= 7 else f"{b}-12")[:7]
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7]) + 1


# A superlative ranking a figure, and the noun phrase it ranks: "the highest overall absence rate, at", "the lowest at".
RANKED = re.compile(r"\b(?:the|its|their)\s+(?:\w+est|most|least)\b(?P<np>(?:\s+[A-Za-z][\w'’-]*){0,6}?)"
                    r"(?:\s+of\s+any\s+[A-Za-z][\w'’-]*)?\s*,?\s+"  # "the highest vacancy rate of any region, at"
                    r"(?:at|of|with)\s+(?:(?:just|only|about|around|some|nearly|almost)\s+)?$", re.IGNORECASE)
# Nouns for whom a ranked figure is, not what it measures: "the cheapest nation, at £146.50".
WHO_NOUNS = {"nation", "nations", "country", "countries", "region", "regions", "city", "cities", "state", "states",
             "area", "areas", "place", "places", "town", "towns", "county", "counties", "force", "forces", "one",
             "capital", "capitals", "council", "councils", "trust", "trusts", "operator", "operators", "party",
             "parties", "airport", "airports", "district", "districts", "borough", "boroughs", "province", "provinces"}
# A fraction of a figure written right after it: "about half the 28.3% recorded in January 2020".
FRACTION_OF_FIGURE = re.compile(r"\s+(?:of\s+)?the\s+[£$€]?\d")
# What a change written after its number is over: "1.9% over the month", "2% on the quarter", "a year-on-year rise".
CHANGE_STEPS = [
    (re.compile(r"\b(?:over|on)\s+the\s+month\b(?!\s+(?:to|ending|ended))|\bmonth[-\s]on[-\s]month\b", re.I), 1),
    (re.compile(r"\b(?:over|on)\s+the\s+quarter\b(?!\s+(?:to|ending|ended))|\bquarter[-\s]on[-\s]quarter\b", re.I), 3),
    (re.compile(r"\b(?:over|on)\s+the\s+year\b(?!\s+(?:to|ending|ended))|\byear[-\s]on[-\s]year\b", re.I), 12),
]
# Prepositions that open where or for whom a thing is counted, after what it is.
PLACE_PREPOSITIONS = {"on", "for", "in", "at", "across", "under", "among", "with", "by", "from", "within"}
# What joins a number to the place it is of: "43.9 per cent in Fellside", "£950 for Southshire", "0.6 points in Eastmark".
PLACE_AFTER = re.compile(r"(?:\s+(?:percentage\s+)?points?)?\s+(?:in|at|for|across|throughout)\s+(?:the\s+)?", re.IGNORECASE)
# A span of values, not a comparison with an earlier one: "ranged from 23% in Eastwick to 44% in ...".
RANGING = re.compile(r"\b(?:rang(?:e|ed|es|ing)|var(?:y|ied|ies|ying))\s+from\s+(?:\w+\s+)?$", re.IGNORECASE)
# A measure that only points back: "the figure was 41%", "In Southshire the number rose to 48".
ANAPHOR = re.compile(r"(?:^|\bthe\s|['’]s\s)(?:figure|number|total|tally|rate|proportion|share|level)$", re.IGNORECASE)
# Words that continue a list of figures for other places: "..., followed by Westshire at 5.1%", "and 8.6% in ...".
LIST_WORDS = {"and", "or", "followed", "by", "at", "against", "while", "whereas", "on", "in", "the", "then", "ahead",
              "behind", "well", "of", "for", "with"}
# Words that can follow a place a figure is of: punctuation aside, a list or clause goes on, or a time is said.
NAME_FOLLOWERS = LIST_WORDS | CLAUSE_WORDS | PREPOSITIONS | AUX | LEVEL_VERBS | {
    "to", "than", "last", "this", "next", "since", "during", "after", "before", "as", "from", "over", "between", "a",
    "an", "each", "every", "per", "compared", "versus", "vs"}
# The time a price is by ("£190 a week"), and verbs a sum is the object of beyond those `_verb` knows.
PER_UNITS = {"week", "month", "night", "day", "year", "hour"}
VERB_FORMS = {"pay", "pays", "cost", "costs", "spend", "spends", "earn", "earns",
              "charge", "charges", "owe", "owes", "get", "gets", "receive", "receives"}
# A price by the time it buys ("£190 a week", "£1,276 per month") or an average: a level at a time, not a total.
PER_TIME = re.compile(r"\s*(?:a|per|each)\s+(?:week|month|night|day|year|hour)\b", re.IGNORECASE)
AVERAGE = re.compile(r"\b(?:average|typical|median|monthly|weekly)\b", re.IGNORECASE)
# What a period written after it is compared with: "from 22% last year", "than ... recorded in 2019", "on last year".
# between a change and the level it reached: "fell 12.5% in Northshire, to 4,130"
REACHED = re.compile(r"\s*,?\s*to\s+(?:a\s+|an\s+)?(?:record\s+|new\s+)?")
PER_SHARE_AFTER = re.compile(r"\s*(?:a|per|each)\s+(?:diluted\s+|basic\s+)?share\b", re.IGNORECASE)
PER_SHARE_WORDS = " per share"
RESTATED = re.compile(r"\s*,\s*or\b")
# a name, a description of it between commas, and the verb after: "Jo Bloggs, the airport's chief executive, said"
APPOSED_SAYER = re.compile(r"\s*,[^,.;:\"“”\n]{1,60},\s+(?:also\s+|has\s+|had\s+|have\s+)?([A-Za-z]+)")
ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?$|\baccording\s+to\s+(?:(?:the|an?|new|latest|its)\s+)?"
                          r"(?:[\w'’-]+\s+){0,3}(?:by|from)\s+(?:the\s+)?$", re.IGNORECASE)
# who published the figures: "figures published on Thursday by the ...", "data compiled by ..."
# (or its initials after its name: "... by the Northland Statistics Agency (NSA)")
PUBLISHED_BY = re.compile(r"\b(?:published|compiled|released|issued|collected|produced)\b[^.;:\n]{0,40}\bby\s+(?:the\s+)?"
                          r"(?:[A-Z][\w'’.&-]*(?:\s+(?:of\s+|and\s+|for\s+|the\s+)*[A-Z][\w'’.&-]*)*\s*\(\s*)?$")
# a period written as a day ("January 1", "1 January", "6th of August")
DAY_DATE = re.compile(rf"^\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
                      re.IGNORECASE)
COMPARED_BEFORE = re.compile(
    r"\b(?:from|than|on|against|compared\s+(?:with|to))\s+(?:(?:the\s+)?(?:same\s+\w+\s+)?(?:in\s+|of\s+)?"
    r"|[^;:]*\d[^;:]*)$"
    # "the highest since comparable records began in 2006/07": where the record the figure is measured against starts
    r"|\bsince\s+(?:[a-z]+\s+){0,4}(?:began|started|begun)\s+(?:in\s+)?$", re.IGNORECASE)
# Row labels that are not names: totals and remainders ("Total", "All other", "Other").
COMMON_LABELS = {"total", "totals", "all", "other", "others", "overall", "average", "all other", "rest", "sum"}
# A relative clause set off by commas: ", which accounts for a quarter of all jobs in Westland,".
RELATIVE_ASIDE = re.compile(r",\s*(?:which|who|whose|where)\b[^,;:.]*,")
# A clause's subject that is the article's country written without its name: "The country welcomed ...".
HOME_NOUNS = {"country", "nation"}
# A word before a name that ranges over all of its kind, naming none: "in every county", "of any state".
SCOPE_BEFORE = re.compile(r"\b(?:every|any|each|all)\s+$", re.IGNORECASE)
# Words that open a relative clause before its subject: "Northland, where the basket jumped".
RELATIVES = {"where", "which", "who", "whose"}
# Words that open a clause before its subject.
OPENERS = {"while", "whereas", "but", "and", "although", "though", "because", "as", "since", "when", "if", "so", "yet",
           "meanwhile", "however"}
# Words between values listed one after another: "$1.2 million, $0.9 million and $0.7 million".
LISTING = {"and", "or"}
# Words after a number whose measure its clause's subject gives that say when or how, not what.
ADVERBIAL = {"over", "during", "for", "in", "at", "through", "within", "fiscal", "financial", "respectively", "per",
             "each", "a", "an", "the", "as", "from", "to", "compared", "primarily", "mainly", "largely", "due"}
# What a list of figures "respectively" gives is of, written after it: ", respectively, of stock-based compensation".
RESPECTIVELY_OF = re.compile(r"\s*,?\s*(?:of|in)\s+", re.IGNORECASE)
CLAUSE_ENDS = ",;:()."
# What separates figures listed one after another: "$0.3 million, $0.9 million and $0.6 million".
LIST_GAP = re.compile(r"\s*(?:,\s*|\s(?:and|or)\s+|,\s*(?:and|or)\s+)\s*")
# Words that say a value is a high or a low, not what it is of: "from a peak of 7.77 million".
EXTREMES = {"peak", "high", "low", "record", "maximum", "minimum", "trough", "top", "bottom", "ceiling", "floor"}
# Words that join a noun phrase to its own complement: "net sales of the Industrial segment".
PHRASE_LINKS = {"of", "for", "in", "on", "at", "to", "from", "by", "with", "and", "or", "under", "over", "per"}
# Possessives before a subject that say whose, not what: "our revenue was $3m".
POSSESSIVES = {"our", "its", "their", "his", "her", "my", "your"}
# Words between a level verb and its number that leave the number its complement ("rose to a record £3.1bn").
COMPLEMENT_FILLERS = {"to", "at", "a", "an", "the", "record", "new", "just", "only", "of", "by", "high", "low", "all-time"}


# Where a clause that can have its own subject opens inside a sentence.
CLAUSE_OPENERS = re.compile(r"[;:–—]|\b(?:while|whereas|but|although|though)\b", re.IGNORECASE)
# Words that narrow a subject to a part of it or name its examples: "Northshire outside the capital".
QUALIFYING = {"outside", "beyond", "excluding", "except", "apart", "besides", "including", "such", "like", "unlike"}
# Words that open a scene-setting phrase, not a subject: "In 2021, ...", "As of December 31, ...".
INTRODUCTORY = QUALIFYING - {"such"} | {
    "in", "on", "at", "as", "by", "for", "during", "after", "before", "since", "until", "from", "over", "under",
    "last", "this", "meanwhile", "however", "overall", "separately", "nationally", "according", "with", "of",
    "when", "if", "because", "despite", "although", "though", "while", "between", "across", "among", "within",
}
# A group after a figure: "19.0 per cent for boys" (ending its clause), "24.6 per cent of girls' entries".
GROUP_AFTER = re.compile(
    r"\s*(?:per\s+cent|percent|%)?\s*(?:(?:for|among|amongst)\s+(?:the\s+|all\s+)?(?P<group>[a-z][a-z-]*[a-z]s)"
    r"(?P<tail>\s*(?:[.,;:)]|$))|of\s+(?:the\s+|all\s+)?(?P<owner>[a-z][a-z-]*[a-z]s)['’]\s)")
# A member of a list of figures after its first: ", followed by government with ", " and health care with ".
LIST_MEMBER = re.compile(r"(?:,\s*(?:followed\s+by\s+|then\s+)?|\s(?:and|followed\s+by)\s+)(?:the\s+)?"
                         r"(?P<member>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})\s+(?:with|at|on)\s+$")
TIME_WORDS = {"hours", "days", "weeks", "months", "years", "minutes", "nights", "decades", "times", "others", "ages"}
AMOUNTS = {"little", "more", "less", "fewer", "half", "most", "much", "many", "all"}
QUANTIFIERS = {"i", "you", "one", "my", "your", "none", "few", "several", "any", "neither", "either", "no"}
# Nouns that name a quantity, not who it is about: "the share of ...", "the rate was ...".
QUANTITY_NOUNS = {
    "number", "numbers", "share", "rate", "rates", "total", "totals", "proportion", "percentage", "level", "levels",
    "figure", "figures", "amount", "average", "median", "cost", "costs", "price", "prices", "value", "count", "list",
    "majority", "half", "third", "quarter", "fifth", "tenth", "sum", "growth", "rise", "fall", "increase", "decrease",
    "data", "statistics", "index", "estimate", "estimates", "gap", "bill", "bills", "wait", "spending",
}
# The whole of the article's area, written without its name.
NATIONWIDE = re.compile(r"\b(?:across|throughout|around|in)\s+the\s+(?:country|nation)\b|\bnation(?:wide|ally)\b",
                        re.IGNORECASE)
# Nouns for everyone, not a group: "29,956 people were killed" is about the place, not about "people".
EVERYONE = {"people", "persons", "individuals", "residents", "times", "years"}
# Verbs a rate is the complement of: "the jobless rate held at 4.2%", "was unchanged at 61%".
RATE_VERBS = {"held", "holds", "hold", "kept", "keeps", "was", "is", "were", "are", "remained", "remains", "stood",
              "stands", "unchanged", "steady", "hit", "reached", "left", "set", "sat"}
# Words right after a percentage that say when it stands, not what it is a share of: "held at 4.35 per cent since
# November", "3 to 5 per cent depending on the company".
NOT_WHAT_AFTER = {"since", "after", "before", "until", "depending", "during"}
# Verbs that set a quantity at a level ("put crop damage at 5.3 billion pesos"), besides those that move one.
SETTING_VERBS = {"put", "puts", "putting", "set", "sets", "setting"}
# After such a verb, what it moves, then what by or from, then the level: "raised its fare by 15 cents to ".
MOVED_TO = re.compile(r"\s+(?P<obj>(?:[A-Za-z][\w'’-]*\s+){1,7}?)(?:(?:by|from)\s+\S*\d\S*(?:\s+(?:cents?|pence|per\s+"
                      r"cent|percent|percentage\s+points?|points?))?\s+)?(?:to|at)\s+")
# Heads of a phrase that ask "a share of what?" ("a market share of 29%"): the words after the number say.
SHARE_NOUNS = {"share", "proportion", "percentage", "fraction"}
# Words of a unit written after a number, not of what it measures: "up 4 per cent last July to 2.5 per cent".
UNIT_WORDS = {"per", "cent", "percent", "point", "points", "basis"}
# the longest subject read as what a percentage measures ("the share of households in arrears on their bills")
RATE_NP_LONGEST = 9
AUX_WORDS = {"has", "have", "had", "was", "were", "is", "are", "been", "be", "will", "would", "also", "still", "now"}
# Verbs a clause's subject does, beyond the regular "-ed" forms and the level verbs.
VERBS = {
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "made", "make", "makes", "led", "leads",
    "paid", "pay", "pays", "spent", "spend", "spends", "saw", "see", "sees", "took", "take", "takes", "gave",
    "give", "gives", "got", "get", "gets", "sold", "held", "hold", "holds", "kept", "account", "accounts",
    "remain", "remains", "face", "faces", "represent", "represents", "supply", "supplies", "provide",
    "provides", "generate", "generates", "approve", "approves", "record", "records", "owe", "owes", "employ",
    "employs", "receive", "receives", "carry", "carries", "handle", "handles", "lost", "won", "built",
    "control", "controls", "run", "runs", "own", "owns", "win", "wins", "lose", "loses", "gain", "gains",
}


MODALS = {"would", "will", "could", "can", "may", "might", "should", "must", "shall"}
# Saying verbs that after a noun describe it ("cases reported to police", "jobs added"), not say something.
DESCRIBING = {"added", "reported", "estimated", "expected", "forecast", "predicted", "noted", "stated", "announced"}
# Words that open a verb's object: "reached each station", "found that ...", "told a survey".
OBJECT_STARTS = {"the", "a", "an", "that", "each", "every", "their", "its", "his", "her", "our", "this", "these",
                 "those", "them", "it", "nearly", "almost", "half"}
SAYING = REPORTING | {"says", "say", "estimated", "estimates", "told", "reported", "reports", "argued", "predicted",
                     "expects", "expected", "believes", "thinks", "announced", "stated", "forecast"}


def _finite(word: str, following: str, preceding: str = "") -> bool:
    """Does `word` (after a number and its noun) start what the counted thing does or says, not how it is
    described? A modal ("would face"), a saying verb ("found that", "told a survey"), or a verb with an object
    ("reached each station"); a participle ("offences recorded in 2020", "entries graded 7") is description."""
    w, nxt = word.lower(), following.lower()
    if preceding.lower() in AUX_WORDS | {"being", "been", "be"}:
        return False  # "a suspect being found": passive, a description
    if w in MODALS or (w in SAYING and w not in DESCRIBING):
        return True
    return _verb(w) and w not in AUX_WORDS and nxt in OBJECT_STARTS


def _introduces(word: str) -> bool:
    """Does a word open a phrase that sets the scene before a comma ("In February,", "Once you strip out inflation,",
    "Taken together,", "Adjusted for inflation,"), not the clause's subject?"""
    w = word.lower()
    return w in INTRODUCTORY or w in {"once", "unless", "whether", "taken", "given", "put"} \
        or (w.endswith("ed") and len(w) > 4 and word[:1].isupper())


def _verb(word: str) -> bool:
    w = word.lower()
    return w in VERBS or w in LEVEL_VERBS or w in SAYING or (w.endswith("ed") and len(w) >= 4)


def _year_to_date(p: PeriodMention) -> bool:
    """Is a part of a year the year so far ("the first ten months of 2024", "the first half"): it starts in January and
    ends before December?"""
    if p.kind != "part" or not p.period:
        return False
    a, b = period_bounds(p.period)
    return len(a) >= 7 and len(b) >= 7 and a[:4] == b[:4] and a[5:7] == "01" and b[5:7] != "12"


def _end_month(period: str) -> str:
    end = period_bounds(period)[1]
    return f"{end}-12" if len(end) == 4 else end[:7]


def _before(period: str, other: str) -> bool:
    """Does `period` end before `other` ends?"""
    return bool(period and other) and _end_month(period) < _end_month(other)


# Words a change leaves between its verb and the level it reached, once its number is taken out ("by", "or", units).
# the value a figure is compared with: a year before, or the period just before
YEAR_AGO = re.compile(r"\b(?:a|one)\s+year\s+(?:earlier|before|ago)\b|\bsame\s+(?:month|period|quarter|half|time|point)\s+"
                      r"(?:of\s+|a\s+year\s+|in\s+)?(?:last|the\s+previous|the\s+year\s+before)|\byear[- ]on[- ]year\b",
                      re.IGNORECASE)
SEQUENTIAL = re.compile(r"\b(?:a|one)\s+(?:month|quarter)\s+(?:earlier|before|ago)\b|\b(?:the\s+)?(?:previous|prior|preceding)"
                        r"\s+(?:month|quarter|three\s+months|six\s+months|half)\b|\bmonth[- ]on[- ]month\b|"
                        r"\bquarter[- ]on[- ]quarter\b|\bon\s+the\s+(?:month|quarter)\b", re.IGNORECASE)
SHARE_OF = re.compile(r"\s+of\s+(?!the\s+(?:year|month|quarter)\b)")
CHANGE_WORDS = {"by", "or", "cents", "cent", "pence", "p", "points", "point", "percentage", "per"}
# A saying verb that, right before a number, is what the number counts: "employers added 236,000 jobs".
QUANTITY_REPORTING = {"added"}
# Words that open a subordinate clause after a number: what follows is an event, not what the number counts.
SUBORDINATORS = {"after", "because", "amid", "following", "unless", "whereas", "as"}
# "make up" says what a whole is made of: its percentage is a share, its "up" no rise.
COMPOSING = {"make", "makes", "made", "making"}
ADVERBS = {"just", "only", "slightly", "sharply", "further", "also", "again", "nearly", "almost", "about", "some"}
COMPARATIVES = {"higher", "lower", "up", "down"}


def _is_change(before: list[str], after: list[str]) -> bool:
    """Is a percentage a change ("a 39% jump", "rose by 7%", "an increase of 1.7%", "31% lower")?"""
    words = [w for w in before if w not in ADVERBS][-3:]
    if len(words) > 1 and words[-1] == "up" and words[-2] in COMPOSING:
        return False  # "made up a fifth of all deaths": a share of a whole, not a change
    if after and (after[0].lower() in CHANGE_NOUNS or after[0].lower() in COMPARATIVES):
        return True
    if len(after) > 1 and after[0].lower() in {"more", "less", "fewer"} and after[1].lower() == "than":
        return True  # "3% more than a year earlier"
    if not words:
        return False
    if words[-1] in CHANGE_VERBS:
        return True
    if len(words) > 1 and words[-1] == "by" and words[-2] in CHANGE_VERBS:
        return True
    if _moved_object(before) is not None:
        return True  # "raised the ceiling price by 66%", "grew sales by 8.9%"
    return len(words) > 1 and words[-1] == "of" and words[-2] in CHANGE_NOUNS


MOVED_OBJECT_LONGEST = 5


def _moved_object(before: list[str]) -> list[str] | None:
    """The words between a verb that moves something and the "by" before a number ("raised the ceiling price by",
    "grew sales by": the ceiling price, sales); None when the words before the number are not written so."""
    words = [w for w in before if w.lower() not in ADVERBS]
    if len(words) < 2 or words[-1].lower() != "by":
        return None
    for i in range(len(words) - 2, max(-1, len(words) - 3 - MOVED_OBJECT_LONGEST), -1):
        if words[i].lower() in MOVING_VERBS:
            obj = words[i + 1: -1]
            return None if any(w.lower() in CLAUSE_WORDS or _verb(w) for w in obj) else obj
    return None


def _previous(period: str) -> str:
    """The period of the same length just before: 2021 for 2022, 2023-11 for 2023-12."""
    return normal(shift(period, _months(period) if "/" in period else (12 if len(period) == 4 else 1)))


def extract_candidates(doc: Document, tables: list[TextTable] | None = None) -> list[Candidate]:
    return _Extractor(doc, table_spans(tables or []), row_labels(tables or [])).run()


def row_labels(tables: list[TextTable]) -> frozenset[str]:
    """The names a document's tables label their rows with (lower case, without a footnote mark): the first cell of
    each row below the header, when it is a word that starts with a capital ("Eastmark", "Upper Vale-Westmark")."""
    out = set()
    for t in tables:
        for row in t.rows[t.header_rows:]:
            label = re.sub(r"[*†‡]+$|\s*\(.*\)$", "", row[0].text.strip()) if row else ""
            if re.fullmatch(r"[A-Z][\w'’.&-]*(?: [A-Za-z][\w'’.&-]*){0,3}", label) and label.lower() not in COMMON_LABELS:
                out.add(label.lower())
    return frozenset(out)


def _currency(sign: str, dollar: str, cents: str = "", text: str = "") -> str:
    """A currency sign's ISO code; a bare "$" is the article's dollar (`dollar`: "AUD" in an Australian article);
    an amount in cents is in `cents` (the article's dollar unless it writes its sums in euros), in pence in pounds; a
    currency named in words ("won") has its code already, or is a name ("pesos") that the document's `text` decides."""
    if is_name(sign):
        return currency_of(sign, text)
    if sign == SUBUNIT:
        return cents or dollar
    if sign == "p":
        return "GBP"
    if len(sign) == 3 and sign.isupper():
        return sign
    return dollar if sign == "$" else CURRENCY_SIGNS.get(sign, "")


def _cents_currency(mentions: list[Mention], dollar: str) -> str:
    """What an article's cents are hundredths of: the euro when every sum it writes with a sign is in euros, else
    its dollar."""
    signs = {m.currency for m in mentions if m.unit is Unit.money and m.currency in CURRENCY_SIGNS}
    return "EUR" if signs == {"€"} else dollar


def _number_text(value: float) -> str:
    return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)


def _row(doc: Document, n: int, c: Candidate, dollar: str = "USD", cents: str = "") -> dict[str, object]:
    a, b = c.quote_span
    value = c.mention.value
    unit = c.mention.unit
    sign = c.mention.currency  # a currency's name ("pesos") is decided by the document's text, built only then
    return {
        "id": f"{doc.id}-x{n:03d}", "doc_id": doc.id, "subject": c.subject.strip(),
        "measure": re.sub(r"\s+", " ", c.measure).strip(), "period": c.period,
        "value": _number_text(value), "unit": unit.value, "qualifier": c.qualifier.value,
        "quote": doc.text[a:b], "start": str(a), "end": str(b),
        "currency": _currency(sign, dollar, cents, f"{doc.title}\n{doc.text}" if is_name(sign) else "")
        if unit is Unit.money else "",
        "scale": "1",
    }


def _table_row(doc: Document, n: int, f: TableFigure) -> dict[str, object]:
    return {
        "id": f"{doc.id}-t{n:03d}", "doc_id": doc.id, "subject": f.subject, "measure": f.measure,
        "period": f.period, "value": _number_text(f.value), "unit": f.unit.value, "qualifier": "exact",
        "quote": f.cell.text, "start": str(f.cell.start), "end": str(f.cell.end),
        "currency": f.currency, "scale": _number_text(f.scale),
    }


def extract(doc: Document, tables: list[TextTable] | None = None) -> Extraction:
    """Candidate figures for one document, as a validated table like the curated ones.

    `tables` are the document's tables as `qa.text.documents` read them: their cells become figures
    labelled by row, column and caption (`qa.corpus.tables`), and sentence extraction skips them.
    """
    reader = _Extractor(doc, table_spans(tables or []), row_labels(tables or []))
    cents = _cents_currency(reader.numbers, reader.dollar)
    rows = [_row(doc, n, c, reader.dollar, cents) for n, c in enumerate(reader.run(), start=1)]
    n = 0
    for table in tables or []:
        def cells(hint: str = "", table: TextTable = table) -> list[TableFigure]:
            return table_figures(table, doc.published, doc.title, dollar=reader.dollar,
                                 financial_start=reader.financial_start, whom=reader.area or reader.title_subject,
                                 measure_hint=hint, cents=cents)
        figures = cells()
        if not caption_measure(table.caption or "") and not lead_measure(table.lead or ""):
            # a table no caption or lead-in names: what the prose says one of its cells is ("revenue rose to $1,240m"
            # beside a table whose total is 1,240) is what the table measures, not the headline
            hint = _prose_measure(figures, rows)
            figures = cells(hint) if hint else figures
        named = any(f.period for f in figures)
        for f in figures:
            n += 1
            if not named:
                f.period = reader.lead_period  # a table that names no period is of the one the article is about
            rows.append(_table_row(doc, n, f))
    rows.sort(key=lambda r: int(str(r["start"])))
    kept: list[dict[str, object]] = []
    skipped: list[tuple[dict[str, object], str]] = []
    for row in rows:
        try:
            validate(pd.DataFrame([row], columns=ALL_COLUMNS, dtype=str), {doc.id: doc}, source="extracted")
        except BadFigures as exc:
            skipped.append((row, str(exc)))
            continue
        kept.append(row)
    table = pd.DataFrame(kept, columns=ALL_COLUMNS, dtype=str).reset_index(drop=True)
    figures = validate(table, {doc.id: doc}, source=f"figures extracted from {doc.id}")
    return Extraction(table=table, figures=figures, skipped=skipped)


def _prose_measure(figures: list[TableFigure], prose: list[dict[str, object]]) -> str:
    """The measure a prose figure gives a value a table also holds (same value and unit), first in the text."""
    values = {(f.value, f.unit.value) for f in figures}
    for row in prose:
        measure = str(row["measure"])
        if (float(str(row["value"])), row["unit"]) in values and measure not in ("amount", "count", "") \
                and not measure.startswith(("percent change", "share of")) and len(measure.split()) <= 8:
            return measure
    return ""


def extract_figures(doc: Document, tables: list[TextTable] | None = None) -> pd.DataFrame:
    """The table alone: exactly `qa.corpus.figures.ALL_COLUMNS`, every row accepted by `qa.corpus.figures.validate`."""
    return extract(doc, tables).table
