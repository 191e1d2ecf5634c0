"""One byte per character: whole-text questions asked at memory speed.

Normalize and segment ask questions of every character of a source (where
do Latin and Russian letters touch? where may a footnote marker be glued
to a word? how many letters of each script?). A regex scan for a class of
characters costs the regex engine 4-8 ns a character (some 15 ms over a
2 MB source for the footnote markers alone), while ``bytes.find``/``in``/
``count`` run at memory speed.

So the characters those questions ask about are written once, one byte
each, by a charmap codec (C, ~2 ns a character): every character of
``CLASS_TABLE`` is its own byte, every other character becomes the byte
of "?", which none of the questions asks about. ``bytes.translate`` then
turns those bytes into the classes a question needs (``class_translation``),
searched with ``bytes.find`` (``find_all``) or a bytes regex opening with
a literal, which the engine reaches in a tight loop. Offsets in the bytes
are offsets in the text.

This module holds only that machinery, shared by the stages that use it;
what each question means stays with its stage.
"""

from __future__ import annotations

import codecs

# "а-яёА-ЯЁ", the Russian letters of normalize's regexes.
CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
LATIN1_RANGE = "".join(map(chr, range(0xC0, 0x100)))
# "a-zA-Z\u00c0-\u00ff", the Latin letters of normalize's regexes.
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + LATIN1_RANGE
# Spaces other than " " (tab included), which normalize makes plain spaces.
ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
# The other characters normalize replaces one for one: "\r", "\f" (by a
# space) and the non-breaking hyphens (by "-").
OTHER_REPLACED = "\r\f\u2011\u2010"
# Zero-width characters and soft hyphens: they carry no text.
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

CLASS_TABLE = (
    "\x00\n" + "".join(map(chr, range(0x20, 0x7F)))  # the codec wants "\x00" at byte 0
    + CYRILLIC_LETTERS + LATIN1_RANGE + "œ»”" + ODD_SPACES + OTHER_REPLACED + INVISIBLE_CHARS
)
assert len(CLASS_TABLE) == len(set(CLASS_TABLE)) <= 256
_CLASS_CODEC = codecs.charmap_build(CLASS_TABLE.ljust(256, "\ufffe"))  # "\ufffe": byte unused
# A character of ``CLASS_TABLE`` -> its byte.
CLASS_BYTE = {ch: i for i, ch in enumerate(CLASS_TABLE)}
# The byte of every character outside ``CLASS_TABLE`` (and of "?").
UNKNOWN_BYTE = CLASS_BYTE["?"]


def char_bytes(text: str) -> bytes:
    """One byte per character of ``text``: its own byte for a character of
    ``CLASS_TABLE``, the byte of "?" for any other."""
    return codecs.charmap_encode(text, "replace", _CLASS_CODEC)[0]


def class_translation(classes: dict[str, str], unknown: str = " ") -> bytes:
    """A ``bytes.translate`` table: the byte of each character of a key of
    ``classes`` -> that key's one-letter class; the byte of "?" (also any
    character outside ``CLASS_TABLE``) -> ``unknown``; others -> " "."""
    table = bytearray(b" " * 256)
    for chars, cls in classes.items():
        for ch in chars:
            table[CLASS_BYTE[ch]] = ord(cls)
    table[UNKNOWN_BYTE] = ord(unknown)
    return bytes(table)


def find_all(haystack: bytes, needle: bytes, limit: int | None = None) -> list[int] | None:
    """Every offset where ``needle`` occurs in ``haystack``, overlaps
    included; None if there are more than ``limit``."""
    found = []
    i = haystack.find(needle)
    while i >= 0:
        found.append(i)
        i = haystack.find(needle, i + 1)
        if limit is not None and len(found) > limit:
            return None
    return found


def mostly_unknown(encoded: bytes) -> bool:
    """Are the characters outside ``CLASS_TABLE`` more than one in 64 at
    the head of a text (a text in yet another script), ``encoded`` being
    its ``char_bytes``? Read from the first 65,536 characters only: the
    answer chooses a way (a byte search would stop at every such
    character), not a result."""
    head = min(len(encoded), 1 << 16)
    return encoded.count(UNKNOWN_BYTE, 0, head) * 64 > head
