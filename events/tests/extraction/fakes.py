"""A tiny, predictable date finder for testing later stages in isolation.

It understands just "D month YYYY", "D month" (year from context) and
"в YYYY г." in Russian and "D mois YYYY" in French - enough to drive the event
builder without depending on the real date stage.
"""

import re

from events.extraction.types import DateMention

MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
    "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}
_FULL = re.compile(r"(\d{1,2})\s+(" + "|".join(MONTHS) + r")(?:\s+(\d{4}))?")
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*(?:г\.|года)")


def fake_dates(text, lang, context=None):
    found = []
    taken = []
    for m in _FULL.finditer(text):
        year = int(m.group(3)) if m.group(3) else getattr(context, "year", None)
        if year is None:
            continue
        edtf = f"{year:04d}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"
        found.append(DateMention(m.start(), m.end(), m.group(), edtf, inferred=not m.group(3),
                                 confidence=1.0 if m.group(3) else 0.7, rule="fake_full"))
        taken.append((m.start(), m.end()))
    for m in _YEAR.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        found.append(DateMention(m.start(), m.end(), m.group(), m.group(1), confidence=0.9, rule="fake_year"))
    return sorted(found, key=lambda d: d.start)
