"""An httpx client for the public OpenDota API: rate limit, daily budget, retries, timeouts.

Every call waits its turn under the per-minute limit and counts against the daily budget
(both client-side: OpenDota's anonymous tier allows 60 calls a minute and a daily quota).
429 and 5xx answers, timeouts, unreachable hosts and cut-short JSON are retried with
exponential backoff, honouring Retry-After; anything else, or the last failure, raises
OpenDotaError with the reason.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

DEFAULT_BASE_URL = "https://api.opendota.com/api"


@dataclass(frozen=True)
class OpenDotaConfig:
    """How the client talks to OpenDota."""

    base_url: str = DEFAULT_BASE_URL
    api_key: str | None = None
    calls_per_minute: float = 60.0
    daily_calls: int = 2000
    timeout_seconds: float = 10.0
    max_retries: int = 4
    backoff_seconds: float = 1.0
    max_backoff_seconds: float = 60.0


class OpenDotaError(Exception):
    """OpenDota could not be used; str(e) says why (for a job's failure reason)."""


class BudgetExhausted(OpenDotaError):
    """The daily call budget is spent."""


Sleep = Callable[[float], Awaitable[None]]


class RateLimiter:
    """At most `per_minute` calls a minute: each call starts 60/per_minute after the last."""

    def __init__(self, per_minute: float, clock: Callable[[], float], sleep: Sleep) -> None:
        self.interval = 60.0 / per_minute
        self.clock = clock
        self.sleep = sleep
        self.next_at: float | None = None

    async def wait(self) -> None:
        """Return when the next call may start."""
        now = self.clock()
        if self.next_at is not None and now < self.next_at:
            await self.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval


def retry_after(response: httpx.Response, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta seconds or an HTTP date), if any."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


class OpenDotaClient:
    """GET OpenDota endpoints as JSON, within the limits of its config."""

    def __init__(
        self,
        config: OpenDotaConfig,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config
        self.sleep = sleep
        self.limiter = RateLimiter(config.calls_per_minute, clock, sleep)
        self.calls = 0
        self.retries = 0
        self.http = httpx.AsyncClient(
            base_url=config.base_url.rstrip("/"),
            timeout=httpx.Timeout(config.timeout_seconds),
            transport=transport,
            headers={"Accept": "application/json", "User-Agent": "dota-predict-sync"},
        )

    async def __aenter__(self) -> OpenDotaClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.http.aclose()

    def _backoff(self, attempt: int) -> float:
        return min(self.config.backoff_seconds * 2**attempt, self.config.max_backoff_seconds)

    async def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """One endpoint's JSON, retried on transient failures; OpenDotaError says why not."""
        query = dict(params or {})
        if self.config.api_key:
            query["api_key"] = self.config.api_key
        reason = "no attempt made"
        for attempt in range(self.config.max_retries + 1):
            if attempt:
                self.retries += 1
            if self.calls >= self.config.daily_calls:
                raise BudgetExhausted(
                    f"the daily budget of {self.config.daily_calls} OpenDota calls is spent "
                    "(APP_OPENDOTA_DAILY_CALLS)"
                )
            await self.limiter.wait()
            self.calls += 1
            delay = self._backoff(attempt)
            try:
                response = await self.http.get(path, params=query)
            except httpx.TimeoutException:
                reason = f"{path} timed out after {self.config.timeout_seconds:g} s"
            except httpx.TransportError as exc:
                reason = (
                    f"cannot reach OpenDota at {self.config.base_url}: {exc or type(exc).__name__}"
                )
            else:
                if response.status_code == 429 or response.status_code >= 500:
                    reason = f"{path} answered HTTP {response.status_code}"
                    waited = retry_after(response)
                    delay = max(delay, waited) if waited is not None else delay
                elif response.status_code >= 400:
                    raise OpenDotaError(
                        f"{path} answered HTTP {response.status_code}: {response.text[:100]}"
                    )
                else:
                    try:
                        return response.json()
                    except ValueError:
                        reason = f"{path} sent JSON that is cut short or invalid"
            if attempt < self.config.max_retries:
                await self.sleep(delay)
        raise OpenDotaError(f"{reason} (after {self.config.max_retries + 1} attempts)")

    async def pro_matches(self, less_than_match_id: int | None = None) -> list[dict[str, Any]]:
        """One page (up to 100, newest first) of /proMatches below less_than_match_id."""
        params = {} if less_than_match_id is None else {"less_than_match_id": less_than_match_id}
        found = await self.get_json("/proMatches", params)
        if not isinstance(found, list):
            raise OpenDotaError("/proMatches did not answer a list")
        return [m for m in found if isinstance(m, dict) and isinstance(m.get("match_id"), int)]

    async def match(self, match_id: int) -> dict[str, Any]:
        """/matches/{match_id}: the match with its players."""
        found = await self.get_json(f"/matches/{int(match_id)}")
        if not isinstance(found, dict):
            raise OpenDotaError(f"/matches/{match_id} did not answer an object")
        return found

    async def pro_players(self) -> list[dict[str, Any]]:
        """/proPlayers: account_id, name, team of every listed pro."""
        found = await self.get_json("/proPlayers")
        if not isinstance(found, list):
            raise OpenDotaError("/proPlayers did not answer a list")
        return [p for p in found if isinstance(p, dict) and isinstance(p.get("account_id"), int)]
