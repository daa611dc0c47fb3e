"""The prediction ledger: every served prediction, recorded off the request path and scored."""

from backend.ledger.recorder import LedgerRecorder

__all__ = ["LedgerRecorder"]
