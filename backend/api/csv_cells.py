"""Text cells of the CSV files the service writes, safe to open in a spreadsheet."""

from __future__ import annotations

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Sheets
# (CSV injection): a model id like "-1-1" or "=HYPERLINK(...)" would be evaluated.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """The text with a leading apostrophe if a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
