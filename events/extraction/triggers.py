"""Event-trigger words: which kind of event a sentence reports.

The word lists live in ``resources/events/<lang>.yaml``; this module turns
them into look-up tables once per language and scans text against them.
Russian words are compared as pymorphy3 lemmas so that every inflected form
of a trigger matches ("арестован", "арестовали", "арестованных" ->
арестовать); French and English words match as whole lower-case tokens or,
when written with a trailing ``*``, as prefixes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import resources
from .morph import lemma, parses, tokens


@dataclass(frozen=True)
class Trigger:
    """One trigger occurrence in a text (offsets into that text)."""

    type: str
    start: int
    end: int
    strength: float
    text: str
    verbal: bool = False  # a verb or participle: it names the clause's action


@dataclass
class TriggerTable:
    words: dict  # lemma -> (type, strength)
    prefixes: list  # [(prefix, type, strength)]
    phrases: dict  # first lemma -> [(lemma tuple, type, strength)]
    ignore: dict  # first lemma -> [lemma tuple]: idioms that only look like triggers
    heads: frozenset  # 3-letter beginnings of every trigger word (written and lemma)
    non_event_context: list  # compiled regexes, searched before the date
    non_event_span: list  # compiled regexes whose match may contain the date
    citation_markers: list  # compiled regexes
    document_date_prefixes: tuple
    year_context_words: frozenset
    stopwords: frozenset
    types: frozenset  # every event-type slug this language knows


def _check_strings(node, where: str) -> None:
    """YAML turns bare on/no/yes into booleans: refuse anything but strings
    in word lists so such a slip fails loudly instead of matching nothing."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "strength":
                _check_strings(value, where)
    elif isinstance(node, list):
        for item in node:
            if not isinstance(item, str):
                raise resources.ResourceError(f"{where}: {item!r} is not a string (quote it)")


def _phrase_lemmas(phrase: str) -> tuple[str, ...]:
    return tuple(lemma(w) for _, _, w in tokens(phrase))


@lru_cache(maxsize=None)
def table(lang: str) -> TriggerTable:
    """The compiled trigger table of one language (built once)."""
    data = resources.load("events", lang)
    _check_strings(data, f"events/{lang}.yaml")
    words: dict = {}
    prefixes: list = []
    phrases: dict = {}
    for slug, spec in (data.get("types") or {}).items():
        strength = float(spec.get("strength", 0.7))
        entries = list(spec.get("words") or [])
        multi = [e for e in entries if len(tokens(e)) > 1]
        for entry in entries:
            if entry in multi:
                continue
            if entry.endswith("*"):
                prefixes.append((entry[:-1].lower(), slug, strength))
            else:
                words.setdefault(lemma(entry), (slug, strength))
        for phrase in list(spec.get("phrases") or []) + multi:
            lem = _phrase_lemmas(phrase)
            if lem:
                phrases.setdefault(lem[0], []).append((lem, slug, strength))
    for options in phrases.values():
        options.sort(key=lambda o: -len(o[0]))
    ignore: dict = {}
    for phrase in data.get("ignore") or []:
        lem = _phrase_lemmas(phrase)
        if lem:
            ignore.setdefault(lem[0], []).append(lem)
    prefixes.sort(key=lambda p: -len(p[0]))
    # Lemmatising is the costly step; a token can only be a trigger if it
    # begins like one, so only such tokens are looked up (see find_triggers).
    heads = set()
    entries = list(data.get("ignore") or [])
    for spec in (data.get("types") or {}).values():
        entries += list(spec.get("words") or []) + list(spec.get("phrases") or [])
    for entry in entries:
        for _, _, word in tokens(entry.rstrip("*")):
            heads.update({word.lower()[:3], lemma(word)[:3]})
    return TriggerTable(
        words=words,
        prefixes=prefixes,
        phrases=phrases,
        ignore=ignore,
        heads=frozenset(h.replace("ё", "е") for h in heads),
        non_event_context=[re.compile(p) for p in data.get("non_event_context") or []],
        non_event_span=[re.compile(p) for p in data.get("non_event_span") or []],
        citation_markers=[re.compile(p) for p in data.get("citation_markers") or []],
        document_date_prefixes=tuple(w.lower() for w in data.get("document_date_prefixes") or []),
        year_context_words=frozenset(w.lower() for w in data.get("year_context_words") or []),
        stopwords=frozenset(w.lower() for w in data.get("stopwords") or []),
        types=frozenset(data.get("types") or ()),
    )


@lru_cache(maxsize=None)
def _prefix_tuple(lang: str) -> tuple[str, ...]:
    """All trigger prefixes of a language, for one ``str.startswith`` test."""
    return tuple(prefix for prefix, _, _ in table(lang).prefixes)


def find_triggers(text: str, lang: str) -> list[Trigger]:
    """Every trigger in ``text``, in order; a phrase hides the words it covers."""
    tab = table(lang)
    toks = tokens(text)
    heads = tab.heads
    lems = [lemma(w) if w[:3].lower().replace("ё", "е") in heads else "" for _, _, w in toks]
    found: list[Trigger] = []
    any_prefix = _prefix_tuple(lang)
    i = 0
    while i < len(toks):
        if not lems[i] and not toks[i][2].lower().startswith(any_prefix):
            i += 1  # neither looked up (see heads) nor a prefix: no trigger here
            continue
        ignored = tab.ignore.get(lems[i])
        skip = next((len(lem) for lem in ignored if tuple(lems[i : i + len(lem)]) == lem), 0) if ignored else 0
        if skip:
            i += skip
            continue
        hit = None
        for lem, slug, strength in tab.phrases.get(lems[i], ()):
            n = len(lem)
            if tuple(lems[i : i + n]) == lem:
                hit = (n, slug, strength)
                break
        if hit is None:
            word_hit = tab.words.get(lems[i])
            if word_hit is None and lems[i].endswith(("ся", "сь")):
                word_hit = tab.words.get(lems[i][:-2])  # "высылается" -> высылать
            if word_hit is None:
                low = toks[i][2].lower()
                for prefix, slug, strength in tab.prefixes:
                    if low.startswith(prefix):
                        word_hit = (slug, strength)
                        break
            if word_hit is not None:
                hit = (1, *word_hit)
        if hit is None:
            i += 1
            continue
        n, slug, strength = hit
        start, end = toks[i][0], toks[i + n - 1][1]
        found.append(Trigger(slug, start, end, strength, text[start:end], is_verbal(toks[i][2])))
        i += n
    return found


_VERBAL_POS = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})


def is_verbal(word: str) -> bool:
    """True for a Russian verb form (pymorphy3's best parse); a clause's verb
    names what happened better than the nouns around it ("на съезде ...
    выступил" is a speech, not a congress)."""
    options = parses(word.lower())
    return bool(options) and options[0].tag.POS in _VERBAL_POS


def trigger_score(t: Trigger, distance: int) -> float:
    """How well a trigger names the event of a date ``distance`` chars away."""
    return t.strength + (VERBAL_BONUS if t.verbal else 0.0) - distance / 400.0


VERBAL_BONUS = 0.15


def best_trigger(triggers: list[Trigger], anchor: int) -> Trigger | None:
    """The trigger most likely to name the event dated at offset ``anchor``.

    Stronger triggers win; among similar ones the nearest to the date does
    (a long sentence can mention several actions).
    """
    if not triggers:
        return None

    def score(t: Trigger) -> float:
        return trigger_score(t, min(abs(t.start - anchor), abs(t.end - anchor)))

    return max(triggers, key=score)


def is_non_event_date(text: str, start: int, end: int, lang: str) -> bool:
    """True if the date at ``text[start:end]`` is a biographical/party/life-span
    year rather than the date of an event ("член партии с 1917 г.",
    "Троцкий (1879–1940)")."""
    tab = table(lang)
    before = text[:start]  # the sentence up to the date; patterns anchor at its end
    if any(rx.search(before) for rx in tab.non_event_context):
        return True
    lo = max(0, start - 16)
    window = text[lo : min(len(text), end + 16)]
    for rx in tab.non_event_span:
        for m in rx.finditer(window):
            if m.start() + lo <= start and end <= m.end() + lo:
                return True
    return False


_BRACKETS = re.compile(r"\[[^\[\]]*\]|\([^()]*\)")


def _is_citation(text: str, lang: str) -> bool:
    return any(rx.search(text) for rx in table(lang).citation_markers)


def citation_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Bracketed references inside a sentence ("[Белоусова, с. 208]",
    "(РГВА. Ф. 33987. Оп. 3. Д. 505)"): dates inside them are no events."""
    return [(m.start(), m.end()) for m in _BRACKETS.finditer(text) if _is_citation(m.group(), lang)]


def looks_like_citation(text: str, lang: str) -> bool:
    """True if the sentence itself reads like a bibliographic/archival
    reference; bracketed references inside running text don't count."""
    return _is_citation(_BRACKETS.sub(" ", text), lang)


_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str, default: str) -> str:
    """The language of a sentence when it differs in script from its section
    (an English abstract inside a Russian article): Cyrillic -> ru; Latin ->
    fr or en by their frequent function words (``stopwords`` in resources)."""
    if _LATIN.search(text) is None:  # the common case, without counting letters
        return "ru" if default != "ru" and _CYRILLIC.search(text) is not None else default
    lat = len(_LATIN.findall(text))
    cyr = len(_CYRILLIC.findall(text))
    if cyr >= lat:
        return "ru" if default not in ("ru",) and cyr > 2 * lat else default
    if default in ("fr", "en") or lat < 2 * cyr:
        return default
    words = [w.lower() for w in _WORD.findall(text)]
    scores = {lang: sum(w in table(lang).stopwords for w in words) for lang in ("fr", "en")}
    return max(scores, key=lambda k: scores[k]) if any(scores.values()) else default


def known_types() -> frozenset:
    """The event-type vocabulary: every slug of the trigger resources + "other"."""
    out = {"other"}
    for lang in resources.LANGUAGES:
        out |= table(lang).types
    return frozenset(out)
