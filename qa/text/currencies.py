"""Currencies named in words after an amount ("52.3 billion dirhams", "50.20 pesos", "a 5 billion rand deficit").

The words are English currency names (singular and plural, as amounts are written). The ISO 4217 codes a name can
stand for come from pycountry's currency table: every currency whose English name ends in that word. A name that
several countries use (the peso of Mexico, of the Philippines, ...) is decided by the document: the currency of the one
such country it names (a national currency's ISO 4217 numeric code is its country's ISO 3166 code). When the document
names none or several of them, the amount keeps the name as written ("50.2 pesos"): no country is guessed.

Dollars, euros, cents and pence are read by `qa.text.mentions` with the signs; "won" there too, because "won" is also a
verb ("the 45 won by the Greens").
"""

from __future__ import annotations

import re
from functools import cache

# singular -> plural of each name, as English writes them after a number. Some ISO names are left out because they are
# ordinary words after a number too: "real" ("5 real terms"), "mark", "sol", "sum", "gold", "won" ("seats won": read by
# `qa.text.mentions` only after a large amount); "reais" (the real's plural)
# is no other word, so Brazil's amounts are read by it.
PLURALS: dict[str, str] = {
    "peso": "pesos", "dirham": "dirhams", "rand": "rand", "krona": "kronor", "krone": "kroner", "franc": "francs",
    "lira": "lira", "ringgit": "ringgit", "baht": "baht", "naira": "naira", "shilling": "shillings", "zloty": "zlotys",
    "forint": "forints", "rupiah": "rupiah", "dong": "dong", "ruble": "rubles", "rouble": "roubles", "riyal": "riyals",
    "rial": "rials", "dinar": "dinars", "hryvnia": "hryvnias", "taka": "taka", "koruna": "korunas", "shekel": "shekels",
    "cedi": "cedis", "rupee": "rupees", "yen": "yen", "yuan": "yuan", "renminbi": "renminbi", "leu": "lei",
    "kwacha": "kwacha", "birr": "birr", "reais": "reais",
}
# signs of currencies that have one of their own, besides £, $ and € (read in `qa.text.mentions`)
SIGNS: dict[str, str] = {"₱": "PHP", "₹": "INR", "₩": "KRW", "₺": "TRY", "₦": "NGN", "₪": "ILS", "₫": "VND"}
# names whose ISO 4217 name is spelt otherwise ("Russian Ruble", "Yuan Renminbi", "New Israeli Sheqel", "Brazilian Real")
ISO_WORD = {"rouble": "ruble", "yuan": "renminbi", "shekel": "sheqel", "reais": "real"}
# a form -> its singular: "pesos" -> "peso", "lei" -> "leu"
SINGULAR = {**{p: s for s, p in PLURALS.items()}, **{s: s for s in PLURALS}}
NAME_RE = r"(?:" + "|".join(sorted(map(re.escape, SINGULAR), key=len, reverse=True)) + r")"


@cache
def codes(name: str) -> tuple[str, ...]:
    """The ISO 4217 codes a currency name (any form) can stand for; () for a word that is no currency's name."""
    singular = SINGULAR.get(name.lower())
    if singular is None:
        return ()
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency; without it a name stays a name
        return ()
    word = ISO_WORD.get(singular, singular)
    # not the units of account and funds ("Unidad de Valor Real", codes starting X)
    return tuple(sorted(c.alpha_3 for c in pycountry.currencies if c.name.split()[-1].lower() == word
                        and not c.alpha_3.startswith("X") and len(c.name.split()) <= 3))


@cache
def _country_names(code: str) -> tuple[str, ...]:
    import pycountry

    cur = pycountry.currencies.get(alpha_3=code)
    country = pycountry.countries.get(numeric=getattr(cur, "numeric", "")) if cur else None
    if country is None:
        return ()
    names = {country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")}
    return tuple(sorted(n for n in names if n and "," not in n))


def currency_of(name: str, text: str) -> str:
    """The currency an amount named `name` ("pesos") is in, in a document whose title and text are `text`: an ISO
    code when the name has one, or one of its countries is the only one the document names; else the name's plural."""
    found = codes(name)
    if len(found) == 1:
        return found[0]
    named = [c for c in found if any(re.search(rf"\b{re.escape(n)}\b", text) for n in _country_names(c))]
    if len(named) == 1:
        return named[0]
    singular = SINGULAR.get(name.lower(), name.lower())
    return PLURALS.get(singular, singular)


def is_currency(currency: str) -> bool:
    """An ISO 4217 code (pycountry) or a currency's name."""
    if is_name(currency):
        return True
    try:
        import pycountry
    except ImportError:  # pragma: no cover
        return False
    return len(currency) == 3 and currency.isupper() and pycountry.currencies.get(alpha_3=currency) is not None


def is_name(currency: str) -> bool:
    """A currency kept as its written name ("pesos"), not an ISO code or a sign."""
    return currency.lower() in SINGULAR


# ISO 4217 codes that are also English words or common initialisms written in capitals before a number ("TOP 10",
# "COP26", "ALL 3 of them", "AMD 7nm"): never read as a currency there. "RMB" is the renminbi's usual letters, not its
# ISO code (CNY).
NOT_CODES = frozenset({"ALL", "TOP", "CUP", "PEN", "SOS", "BAM", "GEL", "MOP", "COP", "AMD", "ANG", "LAK", "BOB",
                       "TRY", "CAR", "MAD"} - {"MAD"})
CODE_ALIASES = {"RMB": "CNY"}


@cache
def currency_code(letters: str) -> str:
    """The ISO 4217 code three capital letters written before an amount stand for ("NOK 14.2bn" -> "NOK",
    "RMB77m" -> "CNY"); "" when they are no currency's code, or also a word (`NOT_CODES`)."""
    if letters in CODE_ALIASES:
        return CODE_ALIASES[letters]
    if letters in NOT_CODES or not (len(letters) == 3 and letters.isupper()):
        return ""
    return letters if is_currency(letters) and not is_name(letters) else ""
