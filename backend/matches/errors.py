"""The one exception type for bad match data, and helpers to phrase it."""

from __future__ import annotations


class MatchDataError(ValueError):
    """Bad user data. str(e) is a message a person can act on."""

    def __init__(self, message: str, *, column: str | None = None, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.row = row

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, str | int]:
        """The error as JSON-ready fields; column and row only when known."""
        out: dict[str, str | int] = {"message": self.message}
        if self.column is not None:
            out["column"] = self.column
        if self.row is not None:
            out["row"] = self.row
        return out


def rows_note(rows: list[int], limit: int = 5) -> str:
    """'row 4', 'rows 4 and 9', 'rows 4, 9, 12, 13, 20 and 7 more'."""
    if len(rows) == 1:
        return f"row {rows[0]}"
    shown = ", ".join(str(r) for r in rows[:limit])
    if len(rows) <= limit:
        head, _, last = shown.rpartition(", ")
        return f"rows {head} and {last}"
    return f"rows {shown} and {len(rows) - limit} more"
