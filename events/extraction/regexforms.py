r"""Equivalent forms of resource regexes that the regex engine runs faster.

The language resources hold regexes written to be read; two ways the event
stage uses them make Python's engine try every position of a sentence:

* an end-anchored pattern (``... с\s*$``) searched over the text before a
  date: ``rx.search(text[:start])``. A match ends where the text ends, so
  the pattern read backwards (``reversed_source``: its elements in reverse
  order, look-behinds turned into look-aheads and back, ``^`` and ``$``
  swapped) over the reversed text is tried at the start only - the same
  answer, in time that depends on the match, not on the sentence.
  ``TailPatterns`` does this for a resource list at once.
* a pattern opening with a zero-width test (``\bФ\.``, ``(?<!\w)за``): the
  engine can only skip ahead to a possible match when the pattern opens
  with a character. ``hoisted`` moves the test behind the first character
  (``Ф(?<=\bФ)\.``), which matches the same spans.

``TailPatterns`` also spares work that cannot change its answer: a pattern
read backwards whose every match holds a long word ("предназнач") is tried
only when the text holds that word (``required_words``), and one that must
be searched is searched from after the last clause stop it cannot take
(``stop_characters``).

Patterns these forms cannot express exactly (back-references, atomic
groups, a variable-width look-ahead read backwards) keep their own form.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c
    import sre_parse as _p


class _Irreversible(Exception):
    """The pattern uses a construct these forms do not rewrite."""


_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S",
    _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
}
# ``$`` (no MULTILINE) matches at the end or before a final newline: at the
# start of the reversed text, or after a newline that opens it.
_AT_REVERSED = {
    _c.AT_END: r"(?:\A|(?<=\A\n))",
    _c.AT_BEGINNING: r"\Z",
    _c.AT_BEGINNING_STRING: r"\Z",
    _c.AT_END_STRING: r"\A",
    _c.AT_BOUNDARY: r"\b",
    _c.AT_NON_BOUNDARY: r"\B",
}
_AT_FORWARD = {
    _c.AT_END: "$", _c.AT_BEGINNING: "^", _c.AT_BEGINNING_STRING: r"\A",
    _c.AT_END_STRING: r"\Z", _c.AT_BOUNDARY: r"\b", _c.AT_NON_BOUNDARY: r"\B",
}
_FLAG_LETTERS = {re.IGNORECASE: "i", re.DOTALL: "s", re.ASCII: "a"}


def _char(code: int) -> str:
    return re.escape(chr(code))


def _class_item(op, av) -> str:
    if op is _c.LITERAL:
        return _char(av)
    if op is _c.RANGE:
        return f"{_char(av[0])}-{_char(av[1])}"
    if op is _c.CATEGORY:
        return _CATEGORIES[av]
    raise _Irreversible(op)


def _class(items) -> str:
    negate = bool(items) and items[0][0] is _c.NEGATE
    body = "".join(_class_item(op, av) for op, av in (items[1:] if negate else items))
    return f"[{'^' if negate else ''}{body}]"


def _flags(flags: int) -> str:
    return "".join(letter for flag, letter in _FLAG_LETTERS.items() if flags & flag)


def _repeat(op, av, backwards: bool) -> str:
    low, high, item = av
    bound = f"{{{low},}}" if high == _c.MAXREPEAT else f"{{{low},{high}}}"
    return f"(?:{_source(item, backwards)}){bound}{'?' if op is _c.MIN_REPEAT else ''}"


def _assertion(op, av, backwards: bool) -> str:
    direction, item = av
    if backwards:
        if direction == 1:  # a look-ahead turns into a look-behind: fixed width only
            low, high = item.getwidth()
            if low != high:
                raise _Irreversible("variable-width look-ahead")
        direction = -direction
    kind = ("=" if op is _c.ASSERT else "!")
    return f"(?{'<' if direction == -1 else ''}{kind}{_source(item, backwards)})"


def _node(op, av, backwards: bool) -> str:
    """The source of one parsed element (read backwards if asked)."""
    if op is _c.LITERAL:
        return _char(av)
    if op is _c.NOT_LITERAL:
        return f"[^{_char(av)}]"
    if op is _c.ANY:
        return "."
    if op is _c.IN:
        return _class(av)
    if op is _c.AT:
        return (_AT_REVERSED if backwards else _AT_FORWARD)[av]
    if op is _c.BRANCH:
        return "(?:" + "|".join(_source(alt, backwards) for alt in av[1]) + ")"
    if op is _c.SUBPATTERN:
        _group, add, remove, item = av
        flags = _flags(add) + (f"-{_flags(remove)}" if remove else "")
        return f"(?{flags}:{_source(item, backwards)})"
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        return _repeat(op, av, backwards)
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return _assertion(op, av, backwards)
    raise _Irreversible(op)  # back-references, atomic groups, possessive repeats


def _source(parsed, backwards: bool = False) -> str:
    """The source of a parsed sequence; groups become non-capturing."""
    items = list(parsed)
    if backwards:
        items.reverse()
    return "".join(_node(op, av, backwards) for op, av in items)


def reversed_source(rx: re.Pattern) -> str | None:
    """The source of a regex that matches the reversed text wherever ``rx``
    matches the text (the match read backwards), as one group carrying
    ``rx``'s flags, or None when ``rx`` uses a construct that cannot be read
    backwards (see ``_Irreversible``) or MULTILINE (which changes ``^``/``$``)."""
    if not isinstance(rx.pattern, str) or rx.flags & re.MULTILINE:
        return None
    try:
        body = _source(_p.parse(rx.pattern, rx.flags), backwards=True)
    except (_Irreversible, KeyError):
        return None
    return f"(?{_flags(rx.flags)}:{body})"


def _ends_at_text_end(parsed) -> bool:
    """Does every match of the parsed pattern end with ``$``?"""
    items = list(parsed)
    if not items:
        return False
    op, av = items[-1]
    if op is _c.AT:
        return av is _c.AT_END
    if op is _c.SUBPATTERN:
        return _ends_at_text_end(av[3])
    if op is _c.BRANCH:
        return all(_ends_at_text_end(alt) for alt in av[1])
    return False


def ends_at_text_end(rx: re.Pattern) -> bool:
    """Does every match of ``rx`` end with ``$`` (at the end of the text,
    or before a final newline)?"""
    return isinstance(rx.pattern, str) and not rx.flags & re.MULTILINE \
        and _ends_at_text_end(_p.parse(rx.pattern, rx.flags))


# A pattern read backwards is gated by a word every match of it holds when
# that word is this long: a search for "предназнач" in the text before a date
# is far cheaper than trying the pattern, and a short word ("на", "к") would
# be found in nearly every sentence anyway.
_GATE_WORD_LENGTH = 4


def _required_words(items) -> set | None:
    """Strings one of which every match of a parsed sequence holds (read
    forwards): its longest run of literal characters, or of a group or a
    branch whose alternatives each hold one; None when none is known. Groups
    with flags of their own are not looked into."""
    best = None

    def consider(words):
        nonlocal best
        if words and (best is None or min(map(len, words)) > min(map(len, best))):
            best = words

    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider({"".join(run)})
            run = []
        if op is _c.SUBPATTERN and not av[1] and not av[2]:
            consider(_required_words(av[3]))
        elif op is _c.BRANCH:
            alternatives = [_required_words(alt) for alt in av[1]]
            if all(alternatives):
                consider(set().union(*alternatives))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            consider(_required_words(av[2]))
    if run:
        consider({"".join(run)})
    return best


def required_words(rx: re.Pattern) -> set | None:
    """Strings one of which every match of ``rx`` holds (matched with its
    flags: "Предназнач" holds "предназнач" under IGNORECASE), or None."""
    if not isinstance(rx.pattern, str):
        return None
    try:
        return _required_words(_p.parse(rx.pattern, rx.flags))
    except (_Irreversible, KeyError, re.error):
        return None


# Characters each of which a case-insensitive regex matches only where the
# lower-cased text has the lower case of the pattern's character, one for
# one (no "İ" -> "i̇", no "ı" or "ſ" matched by "i" or "s"; dashes, quotes
# and "№" have no case): in a text of these alone, a word a pattern holds
# is found by a plain search of the lower-cased text, a fast scan that a
# case-insensitive search is not.
_SIMPLE_CASE = "\x00-\u012f\u0132-\u017e\u0180-\u024f\u0400-\u04ff\u2000-\u206f\u2116"
_NOT_SIMPLE_CASE = re.compile(f"[^{_SIMPLE_CASE}]")


def _gate_words(rx: re.Pattern) -> set | None:
    """``rx``'s required words, lower case, when they are all long enough
    to make a gate and of simple-case characters, else None."""
    words = required_words(rx)
    if not words or min(map(len, words)) < _GATE_WORD_LENGTH \
            or any(_NOT_SIMPLE_CASE.search(w) for w in words):
        return None
    return {w.lower() for w in words}


def _prefix_tree_source(words: set) -> str:
    """A case-sensitive regex that finds where one of ``words`` starts,
    written as a tree of their shared beginnings ("п(?:артии|о(?:воду|свящ))"):
    a plain alternation tries every word at every letter, the tree only the
    words that go on as the text does. A word that another one begins with
    ends its branch: a text that holds the longer word holds it too."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def source(node: dict) -> str:
        if "" in node:
            return ""
        branches = [re.escape(ch) + source(child) for ch, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return source(tree)


# Characters that often end a clause: a pattern ending with ``$`` that cannot
# take one of them matches after the last one, or not at all.
_STOP_CANDIDATES = ",;:!?."


class _NoStops(Exception):
    """The pattern uses a construct whose characters are not worked out."""


def _consumed_nodes(items, out: list) -> None:
    """The one-character elements of a parsed sequence, outside look-arounds:
    what the characters of a match are matched by."""
    for op, av in items:
        if op in _ONE_CHARACTER or op is _c.ANY:
            out.append((op, av))
        elif op is _c.SUBPATTERN and not av[1] and not av[2]:
            _consumed_nodes(av[3], out)
        elif op is _c.BRANCH:
            for alt in av[1]:
                _consumed_nodes(alt, out)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            _consumed_nodes(av[2], out)
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero-width: tests characters, takes none
        else:
            raise _NoStops(op)


def stop_characters(rx: re.Pattern) -> str:
    """Those of ``_STOP_CANDIDATES`` that no match of ``rx`` can hold, for a
    pattern whose matches all end with ``$`` and are never empty: it matches
    ``text[:end]`` only after the last of them (its look-behinds still see
    what stands before), so a search can start there. "" when unknown."""
    if not ends_at_text_end(rx) or rx.flags & re.VERBOSE:
        return ""
    try:
        parsed = _p.parse(rx.pattern, rx.flags)
        if parsed.getwidth()[0] < 1:
            return ""
        nodes: list = []
        _consumed_nodes(parsed, nodes)
        flags = _flags(rx.flags)
        tests = [re.compile(f"(?{flags}:{_node(op, av, False)})") for op, av in nodes]
    except (_NoStops, _Irreversible, KeyError, re.error):
        return ""
    return "".join(ch for ch in _STOP_CANDIDATES if not any(t.fullmatch(ch) for t in tests))


def _matches_at_end(backwards: re.Pattern, reversed_head: str) -> bool:
    """Does ``backwards`` (patterns read backwards) match the reversed text?
    A match ends at the end of the text, or before a final newline (see
    ``$``)."""
    return backwards.match(reversed_head) is not None \
        or (reversed_head[:1] == "\n" and backwards.match(reversed_head, 1) is not None)


class TailPatterns:
    """A list of regexes asked one question: does any of them match
    ``text[:end]`` (``any(rx.search(text[:end]) for rx in patterns)``)?

    The patterns whose matches all end with ``$`` are read backwards, in
    one regex, matched once at the start of the reversed slice; the others
    are searched as usual. Those that hold a long word in every match
    ("предназнач", "годовщин|празднован|...") are read backwards in a
    second regex, tried only when the text holds one of their words: trying
    such a pattern backwards (``[^.;:!?]{0,40}\\b\\w+чанзандерп``) costs more
    than the search for its word, and the word is seldom there."""

    __slots__ = ("patterns", "backwards", "searched", "stops", "gate", "gated")

    def __init__(self, patterns):
        self.patterns = list(patterns)
        sources, gated, words, self.searched, self.stops = [], [], set(), [], []
        for rx in self.patterns:
            source = reversed_source(rx) if ends_at_text_end(rx) else None
            gate = _gate_words(rx) if source is not None else None
            if source is None:
                self.searched.append(rx)
                self.stops.append(stop_characters(rx))
            elif gate is None:
                sources.append(source)
            else:
                gated.append(source)
                words |= gate
        self.backwards = re.compile("|".join(sources)) if sources else None
        self.gated = re.compile("|".join(gated)) if gated else None
        self.gate = re.compile(_prefix_tree_source(words)) if words else None

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def __iter__(self):
        return iter(self.patterns)

    def match_before(self, text: str, end: int) -> bool:
        """Does any pattern match ``text[:end]``?"""
        for rx, stops in zip(self.searched, self.stops):
            start = max(text.rfind(ch, 0, end) for ch in stops) + 1 if stops else 0
            if rx.search(text, start, end) is not None:  # as ``rx.search(text[:end])``
                return True
        head = text[:end]
        if self.backwards is None and self.gated is None:
            return False
        backwards = head[::-1]
        if self.backwards is not None and _matches_at_end(self.backwards, backwards):
            return True
        return self.gated is not None and self.may_hold_gated_word(head) \
            and _matches_at_end(self.gated, backwards)

    def may_hold_gated_word(self, head: str) -> bool:
        """False only when ``head`` holds none of the words the gated
        patterns need (see ``_SIMPLE_CASE``): a text with other characters
        is let through."""
        return _NOT_SIMPLE_CASE.search(head) is not None or self.gate.search(head.lower()) is not None


# -- leading zero-width tests moved behind the first character ---------------

_ONE_CHARACTER = (_c.LITERAL, _c.NOT_LITERAL, _c.IN)


def _opens_with_test(op, av) -> bool:
    """A zero-width test at the match start that can be asked one character
    later instead (not ``^``, which the engine already jumps to)."""
    if op is _c.AT:
        return av in (_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY)
    return op in (_c.ASSERT, _c.ASSERT_NOT)


def _plain_group(op, av) -> bool:
    """A non-capturing group without flags of its own."""
    return op is _c.SUBPATTERN and av[0] is None and not av[1] and not av[2]


def _branch_of(op, av):
    """The alternatives of a branch, bare or in a plain group, else None."""
    if op is _c.BRANCH:
        return av[1]
    if _plain_group(op, av):
        inner = list(av[3])
        if len(inner) == 1 and inner[0][0] is _c.BRANCH:
            return inner[0][1][1]
    return None


def _hoisted_source(items: list) -> str:
    """The source of a parsed sequence whose leading zero-width tests are
    asked behind its first character: ``T X rest`` -> ``X(?<=T X) rest``
    (the same matches: ``T`` is tested at the same place); before a branch
    the tests go into each alternative."""
    k = 0
    while k < len(items) and _opens_with_test(*items[k]):
        k += 1
    if k == len(items):
        return _source(items)
    op, av = items[k]
    if k and op in _ONE_CHARACTER:
        return _node(op, av, False) + "(?<=" + _source(items[: k + 1]) + ")" + _source(items[k + 1 :])
    alternatives = _branch_of(op, av)
    if alternatives is None:
        return _source(items)
    head, tail = items[:k], _source(items[k + 1 :])
    return "(?:" + "|".join(_hoisted_source(head + list(alt)) for alt in alternatives) + ")" + tail


def hoisted(rx: re.Pattern) -> re.Pattern:
    """``rx`` with its opening zero-width tests (``\\b``, look-arounds) asked
    behind the first character, so that a search can skip to where that
    character stands; it finds the same match spans (its groups do not
    capture). ``rx`` itself when there is nothing to move or it cannot be
    rewritten."""
    if not isinstance(rx.pattern, str) or rx.flags & re.VERBOSE:
        return rx
    try:
        parsed = list(_p.parse(rx.pattern, rx.flags))
        body = _hoisted_source(parsed)
        if body == _source(parsed):
            return rx  # nothing moved
        flags = _flags(rx.flags) + ("m" if rx.flags & re.MULTILINE else "")
        return re.compile((f"(?{flags})" if flags else "") + body)
    except (_Irreversible, KeyError, re.error):
        return rx
