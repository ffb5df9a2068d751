"""Places of the world by name, for telling that a question asks about a place no document covers.

The names come from `pycountry` (ISO 3166: every country, and the first-level divisions of the English-speaking
countries whose statistics are most often reported: the UK's nations, counties and authorities, the US states,
Canada's provinces, Australia's states, Ireland's counties, New Zealand's regions). A field's own places (police
force areas and the like) stay in the vocabulary's `places`. Imported on first use; nothing is downloaded.
"""

from __future__ import annotations

import re
from functools import lru_cache

DIVIDED = ("GB", "US", "CA", "AU", "IE", "NZ")


def _clean(name: str) -> str:
    name = re.sub(r"\s*\[.*?\]", "", name)            # "Wales [Cymru GB-CYM]" -> "Wales"
    name = re.sub(r",\s*(City|County) of$", "", name)  # "Bristol, City of" -> "Bristol"
    return name.strip().lower()


@lru_cache(maxsize=1)
def world_places() -> frozenset[str]:
    """Lower-case names of countries and of the divisions above; empty when pycountry is not installed."""
    try:
        import pycountry
    except ImportError:
        return frozenset()
    names: set[str] = set()
    for c in pycountry.countries:
        names.update(_clean(getattr(c, attr)) for attr in ("name", "common_name") if hasattr(c, attr))
    for code in DIVIDED:
        names.update(_clean(s.name) for s in pycountry.subdivisions.get(country_code=code) or [])
    return frozenset(n for n in names if len(n) >= 4 and re.fullmatch(r"[a-z][a-z .'&-]*[a-z]", n))
