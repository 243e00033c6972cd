"""Finding the line of a table, key or value in a profile's raw TOML text.

``tomllib`` returns plain dicts without positions, so a semantic error (a bad status in the
fourth criterion) is located again in the text: the Nth ``[[criteria]]`` header, then the key
inside it. Good enough for hand-written profiles, which is what profiles are.
"""

from __future__ import annotations

import re

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.\- ]+?)\s*\]\]\s*(?:#.*)?$")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\- ]+?)\s*\]\s*(?:#.*)?$")
_KEY_AT_LINE = re.compile(r"^\s*\"?([A-Za-z0-9_\-]+)\"?\s*(?:\.\s*[A-Za-z0-9_\-\"]+\s*)*=")


class Locator:
    """Line numbers (1-based) of headers and keys in one TOML text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        # (line index, table name, is array-of-tables header)
        self.headers: list[tuple[int, str, bool]] = []
        for i, line in enumerate(self.lines):
            m = _ARRAY_HEADER.match(line)
            if m:
                self.headers.append((i, m.group(1), True))
                continue
            m = _TABLE_HEADER.match(line)
            if m:
                self.headers.append((i, m.group(1), False))

    def span(self, table: str | None, index: int | None = None) -> tuple[int, int]:
        """Line indexes [start, end) of a table, the Nth element of an array, or the top."""
        if table is None:
            end = self.headers[0][0] if self.headers else len(self.lines)
            return 0, end
        seen = -1
        for pos, (i, name, is_array) in enumerate(self.headers):
            if name != table:
                continue
            if is_array:
                seen += 1
                if index is not None and seen != index:
                    continue
            end = self.headers[pos + 1][0] if pos + 1 < len(self.headers) else len(self.lines)
            return i, end
        return 0, len(self.lines)

    def line(
        self,
        table: str | None,
        index: int | None = None,
        key: str | None = None,
        *,
        element: int | None = None,
        value: str | None = None,
    ) -> int:
        """The best line for a problem: the key's line, its Nth inline table, or the value."""
        start, end = self.span(table, index)
        best = start
        if key is None:
            return best + 1
        top_key = key.split(".")[0].split("[")[0]
        key_line = self._key_line(top_key, start, end)
        if key_line is None:
            if table is None:  # a top-level table: its header
                for i, name, _ in self.headers:
                    if name == top_key:
                        return i + 1
            return best + 1
        best = key_line
        if element is not None:
            best = self._nth_brace(key_line, end, element)
        elif value is not None:
            needle = f'"{value}"'
            for i in range(key_line, end):
                if needle in self.lines[i]:
                    best = i
                    break
        return best + 1

    def _key_line(self, key: str, start: int, end: int) -> int | None:
        for i in range(start, end):
            m = _KEY_AT_LINE.match(self.lines[i])
            if m and m.group(1) == key:
                return i
        return None

    def _nth_brace(self, first: int, end: int, element: int) -> int:
        """The line of the (element+1)-th ``{`` after a key: an inline table in an array."""
        count = -1
        for i in range(first, end):
            in_string = False
            for ch in self.lines[i]:
                if ch == '"':
                    in_string = not in_string
                elif ch == "{" and not in_string:
                    count += 1
                    if count == element:
                        return i
        return first


def key_at_line(text: str, line: int) -> str | None:
    """The key assigned on a given line (1-based), for a syntax error's message."""
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        m = _KEY_AT_LINE.match(lines[line - 1])
        if m:
            return m.group(1)
        header = _ARRAY_HEADER.match(lines[line - 1]) or _TABLE_HEADER.match(lines[line - 1])
        if header:
            return header.group(1)
    return None
