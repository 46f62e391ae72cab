"""The one exception type the desk shows to a clerk, and its relatives.

Every refusal carries a Chinese message; where it concerns one input it names
the field (so the UI can show it beside that field) and, where a rule of the
office is behind it, the rule's ID from DOMAIN.md.
"""

from __future__ import annotations

from dataclasses import dataclass


class DeskError(Exception):
    """Base of every error that is meant to be shown to the clerk."""

    def __init__(self, message: str, *, field: str | None = None, rule: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule

    def __str__(self) -> str:
        return self.message


class ValidationError(DeskError):
    """Bad input: nothing was written."""


class PermissionDenied(DeskError):
    """The operator's role does not allow this."""


class ConflictError(DeskError):
    """Another desk changed the record first (optimistic locking)."""


class NotFound(DeskError):
    """The record asked for does not exist."""


@dataclass(frozen=True)
class RowProblem:
    row: int  # 1-based row number as the spreadsheet shows it
    reason: str


class FileRejected(DeskError):
    """A whole file is refused; every bad row is listed and nothing is written."""

    def __init__(self, message: str, problems: list[RowProblem]):
        super().__init__(message)
        self.problems = problems

    def __str__(self) -> str:
        lines = [self.message]
        lines += [f"第{p.row}行：{p.reason}" for p in self.problems]
        return "\n".join(lines)
