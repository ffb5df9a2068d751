"""Words the engine knows: synonyms, place names, and measures the articles never give.

Canonical forms let "axed", "pulled" and "shut" all match a figure about cases "dropped".
"""

from __future__ import annotations

import re
from functools import lru_cache

# word -> canonical term. Multi-word phrases are matched before single words.
SYNONYMS: dict[str, str] = {
    # dropping a case
    "dropped": "drop", "drop": "drop", "dropping": "drop", "drops": "drop", "axed": "drop", "axe": "drop",
    "pulled": "drop", "pull": "drop", "closed": "drop", "close": "drop", "shut": "drop", "abandoned": "drop",
    "abandon": "drop", "scrapped": "drop", "scrap": "drop", "discontinued": "drop", "withdrawn": "drop",
    "withdrew": "drop", "ditched": "drop", "binned": "drop", "dismissed": "drop", "halted": "drop",
    "stopped": "drop", "ended": "drop", "terminated": "drop", "nfa": "drop", "shelved": "drop",
    # offences
    "offences": "offence", "offence": "offence", "offenses": "offence", "offense": "offence",
    "crimes": "offence", "crime": "offence", "incidents": "offence", "incident": "offence",
    # cases
    "cases": "case", "case": "case", "investigations": "case", "investigation": "case",
    "reports": "record", "complaints": "case", "allegations": "case",
    # recording / reporting
    "recorded": "record", "record": "record", "recording": "record", "logged": "record",
    "registered": "record", "records": "record", "reported": "record", "report": "record",
    # suspects
    "suspect": "suspect", "suspects": "suspect", "perpetrator": "suspect", "perpetrators": "suspect",
    "offender": "suspect", "offenders": "suspect", "culprit": "suspect", "identified": "found",
    "found": "found", "known": "found", "named": "found",
    # forces
    "forces": "force", "force": "force", "police": "police", "constabulary": "police",
    # change
    "rise": "rise", "rose": "rise", "risen": "rise", "increase": "rise", "increased": "rise",
    "jump": "rise", "jumped": "rise", "grew": "rise", "growth": "rise", "up": "rise", "climb": "rise",
    "climbed": "rise", "surge": "rise", "surged": "rise", "went": "go",
    # shares
    "women": "woman", "woman": "woman", "threatened": "threat", "threats": "threat", "threat": "threat",
    "partner": "partner", "partners": "partner", "boyfriend": "partner", "husband": "partner", "ex": "partner",
    "images": "image", "image": "image", "photos": "image", "photographs": "image", "pictures": "image",
    "sentence": "sentence", "jail": "sentence", "prison": "sentence", "imprisonment": "sentence",
    "term": "sentence", "penalty": "sentence", "jailed": "sentence", "imprisoned": "sentence",
    "punishment": "sentence", "punishable": "sentence",
    "responded": "respond", "respond": "respond", "replied": "respond", "answered": "respond",
    "foi": "foi", "freedom": "foi", "obtained": "request", "obtain": "request", "collected": "request",
    "gathered": "request", "sourced": "request", "acquired": "request", "request": "request", "requests": "request",
    "requested": "request",
    "incomplete": "whole",
    "peak": "peak", "peaked": "peak", "highest": "peak",
    "victims": "victim", "victim": "victim", "survivors": "victim",
    "boss": "ceo", "leader": "ceo", "director": "ceo", "manager": "manage", "manages": "manage",
    "runs": "manage", "run": "manage", "heads": "manage", "leads": "manage", "extended": "extend", "extend": "extend", "expanded": "extend", "widened": "extend",
}

PHRASES: dict[str, str] = {
    "revenge porn": "revengeporn", "intimate image abuse": "revengeporn", "intimate images": "revengeporn",
    "image-based abuse": "revengeporn", "image based abuse": "revengeporn", "private sexual": "revengeporn",
    "no further action": "drop", "did not support": "drop", "came into force": "inforce",
    "come into force": "inforce", "come in": "inforce", "came in": "inforce", "take effect": "inforce", "into effect": "inforce", "introduced": "inforce", "became law": "inforce",
    "become law": "inforce", "made illegal": "inforce", "criminalised": "inforce",
    "freedom of information": "foi", "known as": "socalled", "so-called": "socalled", "so called": "socalled",
    "referred to as": "socalled", "called": "socalled", "chief executive": "ceo", "head of": "ceo", "whole period": "whole", "full period": "whole",
}

# Flags read from phrases about suspects.
NO_SUSPECT = re.compile(
    r"\b(no suspects?|without (an? )?(identified |known )?suspects?|without|suspect (was |were )?(not|never) "
    r"(found|identified|known)|no (one|body) (was )?identified|unidentified|unknown suspect|no identified)\b"
)
WITH_SUSPECT = re.compile(
    r"\b(despite (a |the )?suspects?|with (a |an |the )?(identified |known )?suspects?|suspects? "
    r"(was |were |had been |being )?(found|identified|known|named)|where (a )?suspects?|had (a )?suspects?)\b"
)

# Places and forces the seed article is not about: naming one means the article cannot answer.
OTHER_PLACES = [
    "greater manchester", "manchester", "merseyside", "liverpool", "london", "metropolitan", "met police",
    "the met", "city of london", "kent", "essex", "thames valley", "scotland", "police scotland",
    "northern ireland", "psni", "avon", "somerset", "devon", "cornwall", "yorkshire", "lancashire",
    "cheshire", "derbyshire", "nottinghamshire", "leicestershire", "warwickshire", "west mercia",
    "northumbria", "durham", "cumbria", "sussex", "surrey", "hampshire", "dorset", "wiltshire",
    "gloucestershire", "norfolk", "suffolk", "cambridgeshire", "bedfordshire", "hertfordshire",
    "lincolnshire", "humberside", "cleveland", "gwent", "dyfed", "powys", "south wales", "north wales",
    "northamptonshire", "birmingham", "wolverhampton", "coventry", "stoke", "leeds", "sheffield",
    "bristol", "ireland", "france", "germany", "america", "united states", "usa", "australia", "europe",
]

# Measures no article in the corpus gives (a question about them must be refused, not guessed).
UNSUPPORTED = re.compile(
    r"\b(convict\w*|prosecution\w*|prosecuted|charged|charges|charging|arrest\w*|caution\w*|sentenced|"
    r"acquitt\w*|court cases?|trials?|budgets?|cost\w*|spend\w*|funding|money|salary|"
    r"pounds|£|ages?|aged|average age|male|men|boys|girls|teenagers?|children|ethnic\w*|"
    r"per (1,?000|100,?000|capita|head)|population|calls?|phone|officers? (employed|numbers?)|"
    r"took part|participants?|respondents?|surveyed|sample size|interviewed|"
    r"handed down|average (prison )?sentence|sentences? (given|passed|imposed)|"
    r"how long\b.{0,80}\btake|duration|time taken|"
    r"predict\w*|forecast\w*|projected|projection|next year|will (there|be|rise|fall)|in the future|"
    r"this year|so far in 2022|2022|2023|2024|2025|2026)\b",
    re.IGNORECASE,
)

STOPWORDS = set(
    """a an the of in on at to for from by with and or but is are was were be been being do does did done
    how many much what which who whom whose when where why that this these those there their they them it its
    as than then so if into over under about across between since per any all each both some more most less
    fewer least number numbers total figure figures article further besides say says said according tell me please
    give show i we you your our my has have had can could would should will shall may might just only also
    s t get got value amount level overall exactly precisely roughly approximately
    """.split()
)


def canon_tokens(text: str) -> list[str]:
    """Canonical content terms of a text, phrases first, stopwords dropped."""
    t = text.lower().replace("’", "'").replace("'s", "")
    out: list[str] = []
    for phrase, c in PHRASES.items():
        if phrase in t:
            out.append(c)
            t = t.replace(phrase, " ")
    for w in re.findall(r"[a-z£%]+", t):
        if w in STOPWORDS or len(w) < 2:
            continue
        out.append(SYNONYMS.get(w, _stem(w)))
    return out


def _stem(w: str) -> str:
    for suf in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


@lru_cache(maxsize=65536)
def suspect_flag(text: str) -> str:
    t = text.lower()
    if re.search(r"\bwith (and|or) without\b", t):
        return ""
    with_, without = bool(WITH_SUSPECT.search(t)), bool(NO_SUSPECT.search(t))
    if with_ and without:
        return "both"
    if WITH_SUSPECT.search(t):
        return "with"
    if NO_SUSPECT.search(t):
        return "without"
    return ""
