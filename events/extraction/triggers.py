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
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import itemgetter

from . import resources
from .morph import (
    WORD_RE, best_dictionary_reading, best_tag, cannot_have_lemma_in, dictionary_tag_ids, forms_of, is_cyrillic,
    lemma, parses, tag_flags, tokens, word_spans,
)
from .regexforms import TailPatterns, hoisted


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
    non_event_context: TailPatterns  # regexes matched on the text before the date (ending with ``$``)
    non_event_span: list  # compiled regexes whose match may contain the date
    citation_markers: list  # compiled regexes, searched (see ``regexforms.hoisted``)
    restatement_context: TailPatterns  # "принято Политбюро <the document's date>"
    membership_before: TailPatterns  # regexes ending at a membership year: "член ВКП(б) с"
    membership_after: list  # compiled regexes starting after it: "il a été membre"
    tenure_before: TailPatterns  # regexes ending at a span of years in office: "полпред в"
    stative_prepositions: frozenset  # "с"/"по" opening a state's bound: "знал с 1926 года"
    stative_verbs: frozenset  # lemmas of verbs of knowing, being, holding: "знать", "находиться"
    stative_prefixes: tuple  # beginnings of such words where no lemmatiser helps (French, English)
    relative_anchors: frozenset  # "после" in "через два дня после арестов"
    objects: dict  # type -> types of the triggers that are its object ("переговоры о ... конвенции")
    future_auxiliaries: frozenset  # "будут аресты", "will be arrested"
    document_date_prefixes: tuple
    year_context_words: frozenset
    stopwords: frozenset
    types: frozenset  # every event-type slug this language knows
    registration_lines: list = field(default_factory=list)  # compiled regexes: a "Исх. № 8299/с" line
    stative_until: list = field(default_factory=list)  # compiled regexes after a "since" year: "до исключения"
    joining_words: tuple = ((), ())  # (lemmas, prefixes) of joining: "вступить", "admis"
    joining_bodies: tuple = ((), ())  # (lemmas, prefixes) of what is joined: "партия", "ВКП*"
    coordinators: frozenset = frozenset()  # "и", "et": a coordinated clause tells another act
    group_nouns: tuple = ((), ())  # (lemmas, prefixes) of groups a year can name: "оппозиция 1923 г."
    group_links: frozenset = frozenset()  # "de", "of": between such a noun and its year
    decade_prepositions: frozenset = frozenset()  # "в" of "в 1930-х гг.": a decade told as a time
    purpose_words: tuple = ()  # "чтобы", "pour que": a clause of purpose or request
    # Every form (lower case, ё as е) of the dictionary words whose lemma the
    # table can look up; see ``trigger_lemma``.
    lemma_forms: frozenset = frozenset()
    # word -> what ``trigger_lemma`` answered, kept with the table it
    # depends on (a rebuilt table starts afresh)
    lemma_cache: dict = field(default_factory=dict, repr=False, compare=False)
    # word -> what ``find_triggers`` reads for it, and the words that can
    # open a trigger (see ``_read_word``), kept like ``lemma_cache``
    readings: dict = field(default_factory=dict, repr=False, compare=False)
    openers: dict = field(default_factory=dict, repr=False, compare=False)


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


def _word_set(entries) -> tuple[frozenset, tuple]:
    """Lemmas and ``*``-prefixes (lower case) of a resource word list."""
    entries = list(entries or [])
    lemmas = frozenset(lemma(w).lower() for w in entries if not w.endswith("*"))
    _set_forms(lemmas)  # worked out with the table, not on first use
    return lemmas, tuple(w[:-1].lower() for w in entries if w.endswith("*"))


@lru_cache(maxsize=None)
def _set_forms(lemmas: frozenset) -> frozenset:
    """Every written form of the dictionary words with one of ``lemmas``."""
    return forms_of(set(lemmas))


@lru_cache(maxsize=200_000)
def _in_word_set(word: str, words: tuple) -> bool:
    """Is ``word`` one of ``words`` (see ``_word_set``): a prefix of them
    begins it or its lemma is one of theirs. Kept per word and list: the
    date rules read the same words around every date of a sentence."""
    lemmas, prefixes = words
    low = word.lower()
    if prefixes and low.startswith(prefixes):
        return True
    if not lemmas:
        return False
    if cannot_have_lemma_in(low.replace("ё", "е"), _set_forms(lemmas)):
        return False  # spares the parse (see ``trigger_lemma``)
    return lemma(word).lower() in lemmas


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
    for test in (_is_verbal_tag, _is_verb_tag, _is_future_verb_tag):
        tag_flags(test)  # worked out with the table, not on first use
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
        lemma_forms=forms_of(_looked_up_lemmas(words, phrases, ignore)),
        words=words,
        prefixes=prefixes,
        phrases=phrases,
        ignore=ignore,
        heads=frozenset(h.replace("ё", "е") for h in heads),
        non_event_context=TailPatterns(re.compile(p) for p in data.get("non_event_context") or []),
        non_event_span=[re.compile(p) for p in data.get("non_event_span") or []],
        citation_markers=[hoisted(re.compile(p)) for p in data.get("citation_markers") or []],
        restatement_context=TailPatterns(re.compile(p) for p in data.get("restatement_context") or []),
        registration_lines=[re.compile(p) for p in data.get("registration_lines") or []],
        stative_until=[re.compile(p) for p in (data.get("stative_span") or {}).get("until_after") or []],
        joining_words=_word_set(((data.get("membership") or {}).get("joining") or {}).get("words")),
        joining_bodies=_word_set(((data.get("membership") or {}).get("joining") or {}).get("bodies")),
        coordinators=frozenset(w.lower() for w in data.get("coordinators") or []),
        group_nouns=_word_set((data.get("group_year") or {}).get("nouns")),
        group_links=frozenset(w.lower() for w in (data.get("group_year") or {}).get("links") or []),
        decade_prepositions=frozenset(w.lower() for w in data.get("decade_prepositions") or []),
        purpose_words=tuple(w.lower() for w in data.get("purpose_words") or []),
        membership_before=TailPatterns(re.compile(p) for p in (data.get("membership") or {}).get("before") or []),
        membership_after=[re.compile(p) for p in (data.get("membership") or {}).get("after") or []],
        tenure_before=TailPatterns(re.compile(p) for p in (data.get("membership") or {}).get("tenure_before") or []),
        stative_prepositions=frozenset(w.lower() for w in (data.get("stative_span") or {}).get("prepositions") or []),
        stative_verbs=frozenset(lemma(w) for w in (data.get("stative_span") or {}).get("verbs") or []
                                if not w.endswith("*")),
        stative_prefixes=tuple(w[:-1].lower() for w in (data.get("stative_span") or {}).get("verbs") or []
                               if w.endswith("*")),
        relative_anchors=frozenset(w.lower() for w in data.get("relative_anchors") or []),
        objects={k: frozenset(v or ()) for k, v in (data.get("objects") or {}).items()},
        future_auxiliaries=frozenset(w.lower() for w in data.get("future_auxiliaries") or []),
        document_date_prefixes=tuple(w.lower() for w in data.get("document_date_prefixes") or []),
        year_context_words=frozenset(w.lower() for w in data.get("year_context_words") or []),
        stopwords=frozenset(w.lower() for w in data.get("stopwords") or []),
        types=frozenset(data.get("types") or ()),
    )


def prepare(lang: str) -> None:
    """Build a language's tables now (the trigger table and what is built
    from it on first use), so a long-running caller pays for them before it
    times or serves anything (see ``pipeline.warm_up``)."""
    table(lang)
    _prefix_tuple(lang)
    _prefix_verdicts(lang)
    _coordinator_re(lang)


@lru_cache(maxsize=None)
def _prefix_tuple(lang: str) -> tuple[str, ...]:
    """All trigger prefixes of a language, for one ``str.startswith`` test."""
    return tuple(prefix for prefix, _, _ in table(lang).prefixes)


@lru_cache(maxsize=None)
def _prefix_verdicts(lang: str):
    """``starts_trigger(word)``: does ``word`` (any case) begin with one of
    the language's trigger prefixes? Kept per word, as ``find_triggers``
    asks it of nearly every word it reads."""
    any_prefix = _prefix_tuple(lang)
    verdicts: dict[str, bool] = {}

    def starts_trigger(word: str) -> bool:
        found = verdicts.get(word)
        if found is None:
            found = verdicts[word] = word.lower().startswith(any_prefix)
        return found

    return starts_trigger


def _looked_up_lemmas(words: dict, phrases: dict, ignore: dict) -> set[str]:
    """Every lemma ``find_triggers`` compares a token's lemma with: single
    words (also with the reflexive "-ся"/"-сь" it strips), and each word of
    the phrases and idioms."""
    out = set(words) | {w + end for w in words for end in ("ся", "сь")}
    for options in phrases.values():
        out.update(w for lem, _, _ in options for w in lem)
    for options in ignore.values():
        out.update(w for lem in options for w in lem)
    return out


def trigger_lemma(word: str, lang: str) -> str:
    """The lemma ``find_triggers`` reads for ``word``, or "" when no lemma of
    the table can come out of it - the costly pymorphy3 parse is skipped.

    Only words beginning like a trigger (``heads``) are read at all. Of the
    Cyrillic words the dictionary knows, only forms of the table's own
    lemmas (``lemma_forms``) can have one of those lemmas (a known word's
    lemma is the normal form of a dictionary paradigm it belongs to); the
    dictionary look-up is ~10x cheaper than a parse. Unknown words, whose
    lemma pymorphy3 guesses, are parsed as before."""
    tab = table(lang)
    found = tab.lemma_cache.get(word)
    if found is None:
        low = word.lower().replace("ё", "е")
        if low[:3] not in tab.heads or cannot_have_lemma_in(low, tab.lemma_forms):
            found = ""
        else:
            found = lemma(word)
        tab.lemma_cache[word] = found
    return found


# What ``find_triggers`` reads for a word with no lemma of the table that
# begins with a trigger prefix: no lemma (no spaces inside a token), so no
# phrase or idiom of the table is matched with it.
PREFIX_ONLY = " "


def _read_word(word: str, tab: TriggerTable, lang: str) -> str:
    """What ``find_triggers`` reads for ``word``, kept per word with the
    table: in ``readings`` what it matches phrases and idioms with (its
    ``trigger_lemma``, else ``PREFIX_ONLY`` when it begins with a trigger
    prefix, else ""); in ``openers``, only when the word can open a trigger,
    an idiom or a phrase, the trigger it is alone (a word of the table, the
    same without "-ся"/"-сь", or a prefix of it) or None. A token is then
    read with one dictionary look-up, and only openers are looked at."""
    lem = trigger_lemma(word, lang)
    starts = _prefix_verdicts(lang)(word)
    tab.readings[word] = lem or (PREFIX_ONLY if starts else "")
    hit = tab.words.get(lem) if lem else None
    if hit is None and lem.endswith(("ся", "сь")):
        hit = tab.words.get(lem[:-2])  # "высылается" -> высылать
    if hit is None and starts:
        low = word.lower()
        hit = next(((slug, strength) for prefix, slug, strength in tab.prefixes if low.startswith(prefix)), None)
    if hit is not None or (lem and (lem in tab.ignore or lem in tab.phrases)):
        tab.openers[word] = hit
    return tab.readings[word]


def _read_new_words(words: list[str], tab: TriggerTable, lang: str) -> None:
    """``_read_word`` for the words of ``words`` not read yet. Most of them
    neither begin like a trigger word (``trigger_lemma``'s first test) nor
    with a prefix, or have no lemma of the table (most known words that do
    begin like one): they read as "" and open nothing, told here in one
    pass without the rest of ``_read_word``."""
    readings, heads, prefixes = tab.readings, tab.heads, _prefix_tuple(lang)
    for word in words:
        if word in readings:
            continue
        low = word.lower()
        if not low.startswith(prefixes) \
                and (low.replace("ё", "е")[:3] not in heads or not trigger_lemma(word, lang)):
            readings[word] = ""  # no lemma of the table and no prefix: what ``_read_word`` reads
        else:
            _read_word(word, tab, lang)


def find_triggers(text: str, lang: str) -> list[Trigger]:
    """Every trigger in ``text``, in order; a phrase hides the words it covers.

    The words come from one ``findall``; only those of a trigger are placed
    in the text (``word_spans``)."""
    tab = table(lang)
    words = WORD_RE.findall(text)
    lems = list(map(tab.readings.get, words))
    if None in lems:  # words not seen before
        _read_new_words(words, tab, lang)
        lems = list(map(tab.readings.__getitem__, words))
    openers = tab.openers
    span = None
    found: list[Trigger] = []
    taken = 0  # the tokens before this one belong to a phrase or an idiom already read
    for i in compress(range(len(words)), map(openers.__contains__, words)):
        if i < taken:
            continue
        lem = lems[i]
        ignored = tab.ignore.get(lem)
        skip = next((len(idiom) for idiom in ignored if tuple(lems[i : i + len(idiom)]) == idiom), 0) \
            if ignored else 0
        if skip:
            taken = i + skip
            continue
        hit = None
        for phrase, slug, strength in tab.phrases.get(lem, ()):
            n = len(phrase)
            if tuple(lems[i : i + n]) == phrase:
                hit = (n, slug, strength)
                break
        if hit is None:
            word_hit = openers[words[i]]
            if word_hit is None:
                continue
            hit = (1, *word_hit)
        n, slug, strength = hit
        span = span or word_spans(text, words)
        start, end = span(i, i + n - 1)
        found.append(Trigger(slug, start, end, strength, text[start:end], is_verbal(words[i])))
        taken = i + n
    return found


OBJECT_REACH = 60  # chars between a trigger and the trigger that is its object


def without_objects(triggers: list[Trigger], text: str, lang: str) -> list[Trigger]:
    """``triggers`` less those that are only the object of the trigger just
    before them: in "переговоры о заключении военной конвенции" the event is
    the negotiation, the convention is what it was about. Which types take
    which objects is in the resources (``objects``); a verb or a clause
    break in between ends the object."""
    objects = table(lang).objects
    if not objects or len(triggers) < 2:
        return triggers
    out = []
    for i, t in enumerate(triggers):
        head = triggers[i - 1] if i else None
        if (head is not None and t.type in objects.get(head.type, ()) and not t.verbal
                and t.start - head.end <= OBJECT_REACH
                and not re.search(r"[.;:!?]", text[head.end:t.start])
                and not any(is_verbal(w) for _, _, w in tokens(text[head.end:t.start]))):
            continue
        out.append(t)
    return out


FUTURE_REACH = 2  # words before a trigger searched for a future auxiliary


def is_future(t: Trigger, text: str, lang: str) -> bool:
    """Is the trigger told in the future tense? "только 24 февраля выедет в
    Турцию", "через неделю будут массовые аресты", "he will be arrested":
    what is expected had not happened when the text was written. A Russian
    verb in the future tense (pymorphy3) or a future auxiliary of the
    resources just before the trigger marks it."""
    if t.verbal and lang == "ru" and is_future_verb(t.text.split()[0]):
        return True
    aux = table(lang).future_auxiliaries
    if not aux:
        return False
    before = _WORD.findall(text, max(0, t.start - 40), t.start)[-FUTURE_REACH:]
    return any(w.lower() in aux for w in before)


_CLAUSE_END = re.compile(r"[.;:!?«»\"()]")
TODAY_REACH = 80  # chars searched on each side of "сегодня" for its verb


def today_is_not_a_happening(text: str, start: int, end: int, lang: str) -> bool:
    """For "сегодня" at ``text[start:end]``: True when the verb it goes with
    says nothing happened that day - an infinitive or a future ("создавать
    немедленно же, т.е. сегодня", "пошлет ли сегодня или завтра", "что они
    скажут сегодня") or no verb at all («сегодня писем нет», "сегодня с
    правой, завтра с левой"). The nearest verb form inside the clause
    decides; only Russian has the morphology for it."""
    if lang != "ru":
        return False
    left = text[max(0, start - TODAY_REACH):start]
    cut = [m.end() for m in _CLAUSE_END.finditer(left)]
    lo = start - len(left) + (cut[-1] if cut else 0)
    right = text[end:end + TODAY_REACH]
    stop = _CLAUSE_END.search(right)
    hi = end + (stop.start() if stop else len(right))
    best = None
    for s, e, w in tokens(text[lo:hi]):
        if not is_verbal(w):
            continue
        distance = abs((lo + s) - start)
        if best is None or distance < best[0]:
            best = (distance, w)
    if best is None:
        return True
    tag = best_tag(best[1].lower())  # only the nearest verb is read
    return tag.POS == "INFN" or (tag.POS == "VERB" and tag.tense == "futr")


def told_in_the_future(text: str, start: int, end: int, others=(), lang: str = "ru") -> bool:
    """True if the verb nearest to the date at ``text[start:end]`` among
    its own words (see ``own_words``) can only be a future ("20-го апреля
    откроется VIII съезд", "демонстрация совпадет с 9 января"), whatever
    noun names the event: what the writer expects had not happened yet.
    Only Russian has the morphology for it."""
    if lang != "ru":
        return False
    lo, hi = own_words(text, start, end, others, lang, coordinated=False)
    for word in _nearest_first(tokens(text[lo:hi]), start - lo, end - lo):  # stop at the first verb
        if is_verbal(word):
            return is_future_verb(word)
    return False


def _nearest_first(toks, start: int, end: int) -> list[str]:
    """The words of ``toks`` but those inside ``[start, end)`` (offsets in
    the same text), nearest to it first, in text order at equal distances
    (the distance from a word before it to its start, from its end to a
    word after it; a word across an edge is as near as its nearer end)."""
    words = []
    for s, e, word in toks:
        if e <= start:
            words.append((start - e, word))
        elif s >= end:
            words.append((s - end, word))
        elif not (s >= start and e <= end):
            words.append((min(abs(s - end), abs(start - e)), word))
    words.sort(key=itemgetter(0))
    return [word for _, word in words]


def in_purpose_clause(text: str, start: int, end: int, others=(), lang: str = "ru") -> bool:
    """True if the date's own words (see ``own_words``) open with a word of
    purpose or request and no comma comes between it and the date: "так
    чтобы в смету 1925–1926 гг. можно было внести", "просит, чтобы его и
    сегодня освободили от высказывания". What is wanted had not happened."""
    words = table(lang).purpose_words
    if not words:
        return False
    lo, _ = own_words(text, start, end, others, lang, coordinated=False)
    head = " ".join(text[lo:start].lower().split())
    for w in words:
        i = head.rfind(w)
        if i != -1 and (i == 0 or not head[i - 1].isalpha()) and "," not in head[i + len(w):]:
            after = head[i + len(w):i + len(w) + 1]
            if not after or not after.isalpha():
                return True
    return False


def is_future_verb(word: str) -> bool:
    """True for a Russian finite verb that can only be read in the future
    tense ("выедет", "арестуют"). A verb of both aspects ("организует")
    also reads as a historical present, so it does not count."""
    return _is_future_form(word.lower())


@lru_cache(maxsize=200_000)
def _is_future_form(low: str) -> bool:
    """``is_future_verb`` of a lower-case word, kept per word like its
    parses. Every reading counts, whatever their ranking, so a known word
    is judged on its dictionary readings alone (see ``_dictionary_tag_ids``)."""
    ids = _dictionary_tag_ids(low)
    if ids:
        is_verb, is_future = tag_flags(_is_verb_tag), tag_flags(_is_future_verb_tag)
        verbs = [tag_id for tag_id in ids if is_verb[tag_id]]
        return bool(verbs) and all(is_future[tag_id] for tag_id in verbs)
    verbs = [p.tag for p in parses(low) if p.tag.POS == "VERB"]
    return bool(verbs) and all(tag.tense == "futr" for tag in verbs)


def _is_verb_tag(tag) -> bool:
    return tag.POS == "VERB"


def _is_future_verb_tag(tag) -> bool:
    return tag.POS == "VERB" and tag.tense == "futr"


def _is_verbal_tag(tag) -> bool:
    return tag.POS in _VERBAL_POS


def _dictionary_tag_ids(low: str) -> list[int]:
    """The tag ids of the dictionary readings of a lower-case word, or []
    when they are not its parses: a word the dictionary does not know, a
    Latin word, a single letter (pymorphy3 also reads it as an initial)."""
    if len(low) > 1 and is_cyrillic(low):
        return dictionary_tag_ids(low)
    return []


_VERBAL_POS = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})


@lru_cache(maxsize=200_000)
def is_verbal(word: str) -> bool:
    """True for a Russian verb form (pymorphy3's best parse); a clause's verb
    names what happened better than the nouns around it ("на съезде ...
    выступил" is a speech, not a congress). Kept per word as written too:
    the date rules ask it of the words around every date (~9,000 times a
    corpus), mostly again."""
    return _is_verbal_form(word.lower())


@lru_cache(maxsize=200_000)
def _is_verbal_form(low: str) -> bool:
    """``is_verbal`` of a lower-case word, kept per word: the date rules
    walk the same words around every date of a sentence, nearest first.
    When every dictionary reading of a known word agrees (all verb forms,
    or none), so does its best parse: the costly parse, which ranks the
    readings, is left for words whose readings disagree and for words the
    dictionary does not know. The readings are judged by tag id (see
    ``morph.tag_flags``)."""
    verbal = tag_flags(_is_verbal_tag)
    verdicts = {verbal[tag_id] for tag_id in _dictionary_tag_ids(low)}
    if len(verdicts) == 1:
        return verdicts.pop()
    if verdicts:  # readings that disagree: the best one decides (see ``best_dictionary_reading``)
        return verbal[best_dictionary_reading(low)[3]]
    options = parses(low)
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
    if tab.non_event_context.match_before(text, start):  # the sentence up to the date
        return True
    lo = max(0, start - 16)
    window = text[lo : min(len(text), end + 16)]
    for rx in tab.non_event_span:
        for m in rx.finditer(window):
            if m.start() + lo <= start and end <= m.end() + lo:
                return True
    return False


_COARSE = re.compile(r"^\d{4}(?:/\d{4})?$|/\.\.$")
_YEARS_EDTF = re.compile(r"\d{4}(?:/\d{4})?")  # a year or a span of years
_DECADE_EDTF = re.compile(r"\d{3}X")
_YEAR_OR_DECADE_EDTF = re.compile(r"\d{3}[\dX](?:/\d{4})?")
_SINCE_YEAR_EDTF = re.compile(r"\d{4}(?:/\.\.)?")
_NOT_WORD_OR_SPACE = re.compile(r"[^\w\s'’]")


def is_membership_date(text: str, start: int, end: int, edtf: str, lang: str) -> bool:
    """True if a year, a span of years or an open "since" date at
    ``text[start:end]`` is how long someone belonged to something ("член
    ВКП(б) с марта 1917 г.", "со стажем с 1910 по 1917 г.", "membre du
    PCR(b) de 1922 à 1927", "de 1920 à 1927 il a été membre"): a state, not
    an event. Day and month dates are left alone: "член партии Иванов
    арестован 5 мая" reports an arrest."""
    if not _COARSE.search(edtf or ""):
        return False
    tab = table(lang)
    if "/" in edtf and not edtf.endswith("/..") and tab.tenure_before.match_before(text, start):
        return True  # "полпред СССР во Франции в 1927—1934 гг.": a term of office
    if tab.membership_before.match_before(text, start):
        return True
    after = text[end:]
    return any(rx.match(after) for rx in tab.membership_after)


_OWN_WORDS_END = re.compile(r"[.;:!?]")


def own_words(text: str, start: int, end: int, others=(), lang: str = "ru",
              coordinated: bool = True) -> tuple[int, int]:
    """Bounds of the words that belong to the date at ``text[start:end]``:
    out to the nearest sentence-inner stop (``.;:!?``), another date of the
    sentence (``others``: their ``(start, end)``) or a coordinating word
    ("и", "et": "в 1922 г. принят в члены ВКП(б) и в 1927 исключен" - the
    expulsion is not the 1922 date's). Commas stay inside: "en 1922, il a
    été admis"; with ``coordinated=False`` coordinating words do not cut
    ("она пройдет и раньше – в октябре": the verb before "и" is the date's).

    Kept for the last few dates: several date rules ask it of one date."""
    return _own_words(text, start, end, tuple(others), lang, coordinated)


@lru_cache(maxsize=64)
def _own_words(text: str, start: int, end: int, others: tuple, lang: str, coordinated: bool) -> tuple[int, int]:
    base = max(0, start - _OWN_REACH)
    last_stop = max(text.rfind(".", base, start), text.rfind(";", base, start), text.rfind(":", base, start),
                    text.rfind("!", base, start), text.rfind("?", base, start))
    lo = last_stop + 1 if last_stop >= 0 else base  # just after the last stop, or base
    m = _OWN_WORDS_END.search(text, end, min(len(text), end + _OWN_REACH))
    hi = m.start() if m else min(len(text), end + _OWN_REACH)
    for s, e in others:
        if e <= start:
            lo = max(lo, e)
        elif s >= end:
            hi = min(hi, s)
    if coordinated:
        rx = _coordinator_re(lang)
        if rx is not None:
            before = None
            for before in rx.finditer(text, lo, start):
                pass
            if before is not None:
                lo = before.end()  # the last one before the date
            after = rx.search(text, end, hi)
            if after is not None:
                hi = after.start()
    return lo, hi


@lru_cache(maxsize=None)
def _coordinator_re(lang: str):
    """One regex for the coordinating words of a language, as whole words."""
    words = sorted(table(lang).coordinators, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, words)) + r")(?![^\W\d_])", re.IGNORECASE)


_OWN_REACH = 100  # chars on each side of a date that can be its own words


def is_joining_date(text: str, start: int, end: int, edtf: str, lang: str, others=()) -> bool:
    """True if a year (or a coarser date) at ``text[start:end]`` is when
    someone joined a party or the movement, in any word order: "В партию
    вступил в 1916 г.", "В революционное рабочее движение вступил в 1890
    г.", "en 1922, il a été admis en qualité de membre du PCR(b)". Such a
    year (or month) opens a membership - a personal-data item of a biography or a list
    of people, like the membership years around it - not a happening of the
    story. A joining word and a body joined must both be among the date's
    own words (see ``own_words``); day dates are left alone."""
    if not (_YEAR_PRECISION.match(edtf or "") or _MONTH_PRECISION.match(edtf or "")):
        return False
    tab = table(lang)
    if not (tab.joining_words[0] or tab.joining_words[1]):
        return False
    lo, hi = own_words(text, start, end, others, lang)
    words = [w for s, e, w in tokens(text[lo:hi]) if not (lo + s >= start and lo + e <= end)]
    return any(_in_word_set(w, tab.joining_words) for w in words) \
        and any(_in_word_set(w, tab.joining_bodies) for w in words)


def names_a_group(text: str, start: int, end: int, edtf: str, lang: str) -> bool:
    """True if a bare year (or span of years) right after a group noun names
    the group, not a happening: "руководители оппозиции 1923 г.", "группы
    1923 года", "l'opposition de 1923". The year is part of the group's
    name; what the sentence tells is about the group now. A year with its
    own preposition ("оппозиция в 1923 г. выступила") is left alone."""
    if not _YEARS_EDTF.fullmatch(edtf or ""):
        return False
    tab = table(lang)
    if not (tab.group_nouns[0] or tab.group_nouns[1]):
        return False
    if not text[start:end].lstrip()[:1].isdigit():
        return False  # "в 1923 г.": the date has a preposition of its own
    words = list(_WORD.finditer(text, max(0, start - 40), start))
    if words and words[-1].group().lower() in tab.group_links and len(words) > 1:
        words.pop()  # "l'opposition de 1923"
    # the noun and the year touch: no punctuation between ("оппозиции, 1923")
    return bool(words) and not _NOT_WORD_OR_SPACE.search(text, words[-1].end(), start) \
        and _in_word_set(words[-1].group(), tab.group_nouns)


def is_decade_frame(text: str, start: int, end: int, edtf: str, lang: str) -> bool:
    """True if a decade ("1930-х гг.") is not itself the time of what is
    told but a frame: part of a decade ("в начале 1920-х гг. окаçалась в
    изоляции", "в середине 1930-х гг. было немыслимо") or an attribute
    ("документы по процессам 1930-х гг."). A decade told as the time of
    an act has its own preposition right before it ("В 1930-х гг. это
    ведомство направляло миссии", "в 90-е гг. XIX столетия")."""
    if not _DECADE_EDTF.fullmatch(edtf or ""):
        return False
    preps = table(lang).decade_prepositions
    if not preps:
        return False
    inside = " ".join(w.lower() for w in _WORD.findall(text[start:end]))
    before = " ".join(w.lower() for w in _WORD.findall(text[max(0, start - 24):start]))
    return not any(inside.startswith(p + " ") or before == p or before.endswith(" " + p) for p in preps)


_YEAR_PRECISION = re.compile(r"^(?:\d{4}|\.\.)(?:/(?:\d{4}|\.\.))?$")
_CLAUSE_PUNCT = ".;:!?,()"
_CLAUSE_PUNCT_RE = re.compile("[" + re.escape(_CLAUSE_PUNCT) + "]")


def _last_of(text: str, chars: str, lo: int, hi: int) -> int:
    """The last index in ``text[lo:hi]`` holding one of ``chars``, or -1:
    one ``rfind`` per character, instead of a step back per character."""
    return max(text.rfind(ch, lo, hi) for ch in chars)
_LAST_WORD = re.compile(r"([^\W\d_]+)\s*$")  # the word right before a date
_STATIVE_REACH = 80  # chars on each side of the date searched for the verb


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause around ``text[start:end]``: up to the nearest
    punctuation on each side. A date alone in brackets, "(с 1904 г.), он
    стоял", belongs to the clause the brackets sit in, so the bracket group
    is stepped over (and a comma right after it)."""
    reach_lo = max(0, start - _STATIVE_REACH)
    stop = _last_of(text, _CLAUSE_PUNCT, reach_lo, start)
    lo = stop + 1 if stop != -1 else reach_lo
    stop = _CLAUSE_PUNCT_RE.search(text, end, end + _STATIVE_REACH)
    hi = stop.start() if stop else min(len(text), end + _STATIVE_REACH)
    if lo > 0 and text[lo - 1] == "(" and hi < len(text) and text[hi] == ")":
        after = hi + 1
        if after < len(text) and text[after] == ",":
            after += 1
        outer_lo, _ = _clause(text, lo - 1, lo - 1)
        _, outer_hi = _clause(text, after, after) if after < len(text) else (after, after)
        return outer_lo, outer_hi
    return lo, hi


def _first_words(text: str, start: int, end: int, count: int = 2) -> list[str]:
    """The first ``count`` words (lower case) of ``text[start:end]`` that
    are words of their own: not the "с" of "с.г." (this year), which a
    full stop follows. Found one by one and only as far as asked, instead
    of placing every word of the date (``WORD_RE`` has no look-behind or
    anchor, so a search from ``start`` to ``end`` finds the slice's words)."""
    out = []
    for m in WORD_RE.finditer(text, start, end):
        if text[m.end():m.end() + 1] != ".":
            out.append(m.group().lower())
            if len(out) == count:
                break
    return out


def is_stative_span(text: str, start: int, end: int, edtf: str, lang: str) -> bool:
    """True if a year-precision date opened by "since"/"until" ("с 1926
    года", "по 1921 г.", "depuis 1917", "since 1917") bounds a state told
    by a verb of knowing, being or holding in its clause: "которого я знал
    с 1926 года", "находился в ней по 1921 г.", "издававшиеся с 1923 года",
    "я знаком с 1924 г.", "С 1918 г. член ВКП(б)". Nothing happened at
    that year. A month date counts only with such a verb in the present
    tense ("с мая состою в организации": still so when written); day dates
    ("с 1 ноября находился под арестом") and eventive verbs are left alone."""
    month = bool(_MONTH_PRECISION.match(edtf or ""))
    if not (_YEAR_PRECISION.match(edtf or "") or month):
        return False
    tab = table(lang)
    if not tab.stative_prepositions:
        return False
    prev = _LAST_WORD.search(text[max(0, start - 12):start])
    # the preposition opens the date, maybe after an approximation ("примерно с мая")
    if not (any(w in tab.stative_prepositions for w in _first_words(text, start, end))
            or (prev and prev.group(1).lower() in tab.stative_prepositions)):
        return False
    if not month and any(rx.match(text[end:end + 40]) for rx in tab.stative_until):
        return True  # "с 1918 г. до исключения": a span of time, not its start
    lo, hi = _clause(text, start, end)
    verbless = lang == "ru"  # only Russian has the morphology to tell
    for s, e, word in tokens(text[lo:hi]):
        if lo + s >= start and lo + e <= end:
            continue  # the date's own words
        low = word.lower()
        if (tab.stative_prefixes and low.startswith(tab.stative_prefixes)) or lemma(word) in tab.stative_verbs:
            if not month or is_present_verb(word):
                return True
        if verbless and is_verbal(word):
            verbless = False
    # "Рабочий с 1903 г. – профессиональный революционер", "журналист с 1906
    # г.": a year since which someone is what a verbless clause says
    return verbless and bool(_SINCE_YEAR_EDTF.fullmatch(edtf))


_MONTH_PRECISION = re.compile(r"^\d{4}-(?:0[1-9]|1[0-2])[~?]?(?:/\.\.)?$")


def is_present_verb(word: str) -> bool:
    """True for a Russian verb in the present tense ("состою", "живу"): a
    state "since May" told in the present still holds when written, so
    nothing happened in May. Other languages have no morphology here."""
    tag = best_tag(word.lower())
    return tag is not None and tag.POS == "VERB" and tag.tense == "pres"


# Opening and closing quotation marks of titles (typographic, so not per language).
_QUOTES = {"«": "»", "“": "”", "„": "“", '"': '"'}
TITLE_MAX = 60  # chars on each side of a year inside a quoted title
_TITLE_ENDS = "»”\n"  # a title closed (or a line ended) before the date
_TITLE_MARKS = _TITLE_ENDS + "".join(_QUOTES)


def in_quoted_title(text: str, start: int, end: int, edtf: str) -> bool:
    """True if a year (or a span of years, a decade) at ``text[start:end]``
    lies inside a short quoted title: книга «1917 г.», статья «Ленин в
    июльские дни 1917 г.», "Коммунистическая оппозиция в СССР, 1923–1927".
    A year in a title names a subject, not the date of a happening. Day and
    month dates are left alone: «Встреча с Каменевым 22.09.28 г.» dates a
    meeting."""
    if not _YEAR_OR_DECADE_EDTF.fullmatch(edtf or ""):
        return False
    lo = max(0, start - TITLE_MAX)
    i = _last_of(text, _TITLE_MARKS, lo, start)  # the nearest quote or title end before the date
    if i == -1 or text[i] in _TITLE_ENDS:
        return False
    ch = text[i]
    if ch == '"' and text.count('"', lo, start) % 2 == 0:
        return False  # this straight quote closes an earlier title
    j = text.find(_QUOTES[ch], end, end + TITLE_MAX)
    return j != -1 and "\n\n" not in text[end:j]


def counts_from_another_event(text: str, end: int, lang: str) -> bool:
    """True if the relative day ending at ``end`` counts from an event named
    right after it ("через два дня после арестов", "deux jours après"), not
    from the day the document was written."""
    words = _WORD.findall(text[end:end + 40].lower())
    return bool(words) and words[0] in table(lang).relative_anchors


def is_registration_line(line: str, lang: str) -> bool:
    """True if a whole line is a document's registration or outgoing number
    ("№ 162/с", "Исх. № 8299/с"): the date on the line after it is the day the
    document was registered or sent out, a part of the document's heading."""
    return any(rx.search(line.strip(" \t\u00a0")) for rx in table(lang).registration_lines)


def restates_document_date(text: str, start: int, lang: str) -> bool:
    """True if the words before the date at ``text[start:]`` say that the
    document itself was adopted or approved then ("(Принято Политбюро ЦК
    7.10.1926 г.)"): inside a document of that date, the document's own
    event told again."""
    return table(lang).restatement_context.match_before(text, start)


_BRACKETS = re.compile(r"\[[^\[\]]*\]|\([^()]*\)")


def _is_citation(text: str, lang: str) -> bool:
    return any(rx.search(text) for rx in table(lang).citation_markers)


def _may_hold_brackets(text: str) -> bool:
    """False when ``text`` has no opening bracket, so no ``_BRACKETS``
    match: two ``in`` tests instead of a regex scan (most sentences)."""
    return "(" in text or "[" in text


def citation_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Bracketed references inside a sentence ("[Белоусова, с. 208]",
    "(РГВА. Ф. 33987. Оп. 3. Д. 505)"): dates inside them are no events."""
    if not _may_hold_brackets(text):
        return []
    return [(m.start(), m.end()) for m in _BRACKETS.finditer(text) if _is_citation(m.group(), lang)]


def looks_like_citation(text: str, lang: str) -> bool:
    """True if the sentence itself reads like a bibliographic/archival
    reference; bracketed references inside running text don't count."""
    return _is_citation(_BRACKETS.sub(" ", text) if _may_hold_brackets(text) else text, lang)


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
