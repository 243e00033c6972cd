"""The one error a policy profile can raise, pointing at the file, line and key to fix.

A profile is edited by hand; a message that only says "bad status" sends the editor hunting
through hundreds of lines, so every error names where it is.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import QalsodyError


class ProfileError(QalsodyError):
    """A profile that cannot be used; ``file``, ``line`` and ``key`` locate the problem."""

    def __init__(self, file: str | Path, line: int | None, key: str | None, message: str):
        self.file = str(file)
        self.line = line
        self.key = key
        self.reason = message
        where = Path(self.file).name
        if line is not None:
            where += f", line {line}"
        if key:
            where += f", key '{key}'"
        super().__init__(f"{where}: {message}")
