"""Progress reporting: a callback of (fraction 0..1, stage text), kept monotone."""

from __future__ import annotations

from collections.abc import Callable

ProgressCallback = Callable[[float, str], None]


class Progress:
    """Clamps to [0, 1], keeps fractions monotone and tolerates a missing callback."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.last = 0.0

    def __call__(self, fraction: float, stage: str) -> None:
        self.last = max(self.last, min(max(float(fraction), 0.0), 1.0))
        if self.callback is not None:
            self.callback(self.last, stage)

    def span(self, lo: float, hi: float, label: str) -> Callable[[int, int], None]:
        """Fit reporter mapping done/total iterations into [lo, hi]."""

        def report(done: int, total: int) -> None:
            detail = f" (iteration {done}/{total})" if total > 1 else ""
            self(lo + (hi - lo) * done / max(total, 1), label + detail)

        return report
