"""Errors the core raises for bad input; their text is shown to users as is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one field; ``path`` is the import-format path (``alsfrs_r[1].total``)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class QalsodyError(Exception):
    """Bad input or state a user can fix; the message is safe to show (no patient data)."""


class CaseValidationError(QalsodyError):
    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        first = str(self.errors[0]) if self.errors else "invalid case"
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        super().__init__(first + more)


class NotFoundError(QalsodyError):
    pass
