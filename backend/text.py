"""User input quoted into messages, cut short: no framework, so every layer can use it."""

from __future__ import annotations

# Error messages quote at most this much of any user input (a 1 MB field must not come back).
QUOTE_LIMIT = 100


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """At most ``limit`` characters of text, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A user-supplied value for an error message: repr() of at most ~``limit`` characters."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        # repr() of a huge int is slow and may even raise (Python's int-str digit limit).
        return f"an integer of more than {limit} digits"
    try:
        text = repr(value)
    except (ValueError, RecursionError):
        return f"a {type(value).__name__} too large to show"
    return clip(text, limit)
