"""End-anchored regexes tested from the end of the text, not scanned to it.

Several rules of the event stage ask whether the words right before a date
match a resource pattern written with a closing ``$`` ("член партии с",
"на", "по данным на"): ``rx.search(text[:start])``. The regex engine finds
the answer by trying every start position of the text before the date, so
the cost grows with the sentence, ~20 such patterns per date.

A match of such a pattern ends where the text ends. Read backwards
(``reversed_source``: the same elements in reverse order, look-behinds
turned into look-aheads and back, ``^`` and ``$`` swapped) over the
reversed text, it is tried at the start only: the same answer, in time that
depends on the match, not on the sentence. ``TailPatterns`` does this for a
resource list at once. Patterns that cannot be read backwards exactly
(back-references, atomic groups, a variable-width look-ahead) and patterns
not anchored at the end keep the plain search.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c
    import sre_parse as _p


class _Irreversible(Exception):
    """The pattern uses a construct whose reversal is not the same test."""


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


def _repeat(op, av) -> str:
    low, high, item = av
    bound = f"{{{low},}}" if high == _c.MAXREPEAT else f"{{{low},{high}}}"
    return f"(?:{_reversed(item)}){bound}{'?' if op is _c.MIN_REPEAT else ''}"


def _assertion(op, av) -> str:
    direction, item = av
    if direction == 1:  # a look-ahead turns into a look-behind: fixed width only
        low, high = item.getwidth()
        if low != high:
            raise _Irreversible("variable-width look-ahead")
    kind = ("=" if op is _c.ASSERT else "!")
    return f"(?{'<' if direction == 1 else ''}{kind}{_reversed(item)})"


def _node(op, av) -> str:
    """One parsed element, read backwards."""
    if op is _c.LITERAL:
        return _char(av)
    if op is _c.NOT_LITERAL:
        return f"[^{_char(av)}]"
    if op is _c.ANY:
        return "."
    if op is _c.IN:
        return _class(av)
    if op is _c.AT:
        return _AT_REVERSED[av]
    if op is _c.BRANCH:
        return "(?:" + "|".join(_reversed(alt) for alt in av[1]) + ")"
    if op is _c.SUBPATTERN:
        _group, add, remove, item = av
        flags = _flags(add) + (f"-{_flags(remove)}" if remove else "")
        return f"(?{flags}:{_reversed(item)})"
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        return _repeat(op, av)
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return _assertion(op, av)
    raise _Irreversible(op)  # back-references, atomic groups, possessive repeats


def _reversed(parsed) -> str:
    return "".join(_node(op, av) for op, av in reversed(list(parsed)))


def reversed_source(rx: re.Pattern) -> str | None:
    """The source of a regex that matches the reversed text wherever ``rx``
    matches the text (the match read backwards), as one group carrying
    ``rx``'s flags, or None when ``rx`` uses a construct that cannot be read
    backwards (see ``_Irreversible``) or MULTILINE (which changes ``^``/``$``)."""
    if not isinstance(rx.pattern, str) or rx.flags & re.MULTILINE:
        return None
    try:
        body = _reversed(_p.parse(rx.pattern, rx.flags))
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


class TailPatterns:
    """A list of regexes asked one question: does any of them match
    ``text[:end]`` (``any(rx.search(text[:end]) for rx in patterns)``)?

    The patterns whose matches all end with ``$`` are read backwards, all
    in one regex, matched once at the start of the reversed slice; the
    others are searched as usual."""

    __slots__ = ("patterns", "backwards", "searched")

    def __init__(self, patterns):
        self.patterns = list(patterns)
        sources, self.searched = [], []
        for rx in self.patterns:
            source = reversed_source(rx) if ends_at_text_end(rx) else None
            if source is None:
                self.searched.append(rx)
            else:
                sources.append(source)
        self.backwards = re.compile("|".join(sources)) if sources else None

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def __iter__(self):
        return iter(self.patterns)

    def match_before(self, text: str, end: int) -> bool:
        """Does any pattern match ``text[:end]``?"""
        head = text[:end]
        if any(rx.search(head) for rx in self.searched):
            return True
        if self.backwards is None:
            return False
        backwards = head[::-1]
        # a match ends at the end, or before a final newline (see ``$``)
        return self.backwards.match(backwards) is not None \
            or (backwards[:1] == "\n" and self.backwards.match(backwards, 1) is not None)
