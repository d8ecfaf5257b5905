"""A map of where things are in the text of a valid TOML document.

tomllib tells what a file means but not where; edits that keep every untouched byte need
offsets of tables, keys and values. This scanner assumes the text already passed
``tomllib.loads`` and only finds boundaries; it never decides what a value means.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from typing import NamedTuple

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_LOCAL_TIME_AFTER_DATE = re.compile(r"\d{4}-\d{2}-\d{2}[ ]\d{2}:")
_SCALAR_END = set(" \t\r\n#,]}")


class KeyValue(NamedTuple):
    """Where one ``key = value`` statement is in the text (offsets)."""

    key: tuple[str, ...]
    line_start: int
    value_start: int
    value_end: int
    end: int
    """Offset just past the statement's line ending (or the end of the text)."""


class Section(NamedTuple):
    """A table of the text, ``[header]`` or ``[[header]]``, and its statements."""

    header: tuple[str, ...]
    """Table name; ``()`` for the root table before the first header."""
    array: bool
    lead: int
    """Start of the comment lines attached directly above the header (no blank line between)."""
    start: int
    entries: list[KeyValue]
    """Filled in as the scanner reads on."""


class Layout:
    """Where the tables and statements of a TOML text are, for edits that keep every
    other byte.

    Its records are named tuples, not dataclasses: every edit imports this module, and a
    dataclass costs ~0.2 ms to create on Python 3.11."""

    def __init__(self, text: str, sections: list[Section]) -> None:
        self.text = text
        self.sections = sections
        self._line_starts: list[int] = []

    def line_of(self, offset: int) -> int:
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return bisect.bisect_right(self._line_starts, offset)

    def section_end(self, index: int) -> int:
        """Where the section's own text ends: the next section's attached comments, or EOF."""
        if index + 1 < len(self.sections):
            return self.sections[index + 1].lead
        return len(self.text)

    def array_tables(self, header: tuple[str, ...]) -> list[int]:
        """Indexes of the ``[[header]]`` sections, in file order."""
        return [i for i, s in enumerate(self.sections) if s.array and s.header == header]

    def entry(self, section: int, key: tuple[str, ...]) -> KeyValue | None:
        return next((e for e in self.sections[section].entries if e.key == key), None)

    def owned_sections(self, index: int) -> range:
        """The section at ``index`` and the sub-tables after it (``[[a.b]]`` after ``[[a]]``)."""
        header = self.sections[index].header
        stop = index + 1
        while stop < len(self.sections) and self.sections[stop].header[: len(header)] == header \
                and len(self.sections[stop].header) > len(header):
            stop += 1
        return range(index, stop)


def scan(text: str) -> Layout:
    return _Scanner(text).run()


class ArrayItems(NamedTuple):
    """Where the items of one array are in the text (start and end offsets)."""

    items: list[tuple[int, int]]
    close: int
    """Offset of the closing ``]``."""
    trailing_comma: bool


def array_items(text: str, start: int, *, from_item: int | None = None) -> ArrayItems:
    """Spans of the items of the array whose ``[`` is at ``start``; given ``from_item``, the
    offset where one of its items starts, only that item and those after it."""
    scanner = _Scanner(text)
    items: list[tuple[int, int]] = []
    pos = start + 1 if from_item is None else from_item
    trailing = False
    while True:
        pos = scanner.skip_blank(pos, newlines=True)
        if text[pos] == "]":
            return ArrayItems(items, pos, trailing)
        end = scanner.skip_value(pos)
        items.append((pos, end))
        pos = scanner.skip_blank(end, newlines=True)
        trailing = text[pos] == ","
        if trailing:
            pos += 1


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)

    def run(self) -> Layout:
        text, n = self.text, self.n
        sections = [Section((), False, 0, 0, [])]
        pos = 0
        comment_block = -1  # start of the current run of comment lines, -1 when none
        while pos < n:
            line_start = pos
            pos = self.skip_blank(pos, newlines=False)
            if pos >= n:
                break
            char = text[pos]
            if char in "\r\n":
                pos = self.skip_newline(pos)
                comment_block = -1
            elif char == "#":
                if comment_block < 0:
                    comment_block = line_start
                pos = self.skip_newline(self.skip_comment(pos))
            elif char == "[":
                array = text.startswith("[[", pos)
                key, pos = self.read_key(pos + (2 if array else 1))
                pos = self.skip_blank(pos, newlines=False) + (2 if array else 1)
                pos = self.skip_newline(self.skip_comment(self.skip_blank(pos, newlines=False)))
                lead = comment_block if comment_block >= 0 else line_start
                sections.append(Section(key, array, lead, line_start, []))
                comment_block = -1
            else:
                key, pos = self.read_key(pos)
                pos = self.skip_blank(pos, newlines=False) + 1  # the '='
                value_start = self.skip_blank(pos, newlines=False)
                value_end = self.skip_value(value_start)
                pos = self.skip_comment(self.skip_blank(value_end, newlines=False))
                pos = self.skip_newline(pos)
                sections[-1].entries.append(KeyValue(key, line_start, value_start, value_end, pos))
                comment_block = -1
        return Layout(text, sections)

    def skip_blank(self, pos: int, *, newlines: bool) -> int:
        text = self.text
        while pos < self.n:
            char = text[pos]
            if char in " \t":
                pos += 1
            elif newlines and char in "\r\n":
                pos += 1
            elif newlines and char == "#":
                pos = self.skip_comment(pos)
            else:
                break
        return pos

    def skip_comment(self, pos: int) -> int:
        if pos < self.n and self.text[pos] == "#":
            newline = self.text.find("\n", pos)
            pos = self.n if newline < 0 else newline
            if pos > 0 and self.text[pos - 1] == "\r":
                pos -= 1
        return pos

    def skip_newline(self, pos: int) -> int:
        if self.text.startswith("\r\n", pos):
            return pos + 2
        if self.text.startswith("\n", pos):
            return pos + 1
        return pos

    def read_key(self, pos: int) -> tuple[tuple[str, ...], int]:
        parts: list[str] = []
        while True:
            pos = self.skip_blank(pos, newlines=False)
            char = self.text[pos]
            if char in "\"'":
                end = self.skip_value(pos)
                parts.append(tomllib.loads(f"k = {self.text[pos:end]}")["k"])
                pos = end
            else:
                match = _BARE_KEY.match(self.text, pos)
                assert match, f"not a key at offset {pos}"
                parts.append(match.group())
                pos = match.end()
            after = self.skip_blank(pos, newlines=False)
            if after < self.n and self.text[after] == ".":
                pos = after + 1
                continue
            return tuple(parts), pos

    def skip_value(self, pos: int) -> int:
        text = self.text
        if text.startswith('"""', pos) or text.startswith("'''", pos):
            quote = text[pos]
            pos += 3
            while True:
                if quote == '"' and text[pos] == "\\":
                    pos += 2
                elif text.startswith(quote * 3, pos):
                    pos += 3
                    while pos < self.n and text[pos] == quote:
                        pos += 1
                    return pos
                else:
                    pos += 1
        char = text[pos]
        if char == '"':
            pos += 1
            while text[pos] != '"':
                pos += 2 if text[pos] == "\\" else 1
            return pos + 1
        if char == "'":
            return text.index("'", pos + 1) + 1
        if char == "[":
            return array_items(text, pos).close + 1
        if char == "{":
            pos += 1
            while True:
                pos = self.skip_blank(pos, newlines=True)
                if text[pos] == "}":
                    return pos + 1
                if text[pos] == ",":
                    pos += 1
                    continue
                _, pos = self.read_key(pos)
                pos = self.skip_blank(pos, newlines=False) + 1
                pos = self.skip_value(self.skip_blank(pos, newlines=False))
        if _LOCAL_TIME_AFTER_DATE.match(text, pos):
            pos += 11
        while pos < self.n and text[pos] not in _SCALAR_END:
            pos += 1
        return pos
