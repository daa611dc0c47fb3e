"""A local fake OpenDota API (real HTTP on 127.0.0.1) serving real matches in its shapes.

Matches come from the bundled real pro matches (canonical frame) turned into OpenDota's
documented shapes: /proMatches items (match_id, start_time, radiant_win, leagueid, teams),
/matches/{id} objects (players[] with player_slot 0-4 / 128-132, hero_id, account_id) and
/proPlayers items. Faults are scripted per path and consumed in order.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import polars as pl

PAGE = 100


@dataclass
class Fault:
    """One scripted answer: an HTTP status (with headers), a delay, or cut-short JSON."""

    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    truncate: bool = False


def opendota_match(m: dict[str, Any], league_id: int) -> dict[str, Any]:
    """A canonical row as an OpenDota /matches/{id} object."""
    players = [
        {
            "player_slot": base + i - 1,
            "hero_id": m[f"{side}_hero_{i}"],
            "account_id": m[f"{side}_account_id_{i}"],
            "isRadiant": side == "radiant",
        }
        for side, base in (("radiant", 0), ("dire", 128))
        for i in range(1, 6)
    ]
    return {
        "match_id": m["match_id"],
        "start_time": m["start_time"],
        "radiant_win": m["radiant_win"],
        "leagueid": league_id,
        "duration": 2000,
        "players": players,
    }


class FakeOpenDota:
    """The server, its data, its scripted faults and a log of the requests it answered."""

    def __init__(self, frame: pl.DataFrame, league_id: int = 12027) -> None:
        self.details = {
            m["match_id"]: opendota_match(m, league_id) for m in frame.iter_rows(named=True)
        }
        self.listed = sorted(self.details, reverse=True)
        self.faults: dict[str, deque[Fault]] = defaultdict(deque)
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api"

    def __enter__(self) -> FakeOpenDota:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fail(self, path: str, *faults: Fault) -> None:
        """Answer the next requests to path with these faults, in order."""
        with self.lock:
            self.faults[path].extend(faults)

    def calls(self, prefix: str = "") -> int:
        """How many requests were answered whose path starts with prefix."""
        return sum(1 for path, _ in self.requests if path.startswith(prefix))

    def pro_matches(self, less_than: int | None) -> list[dict[str, Any]]:
        ids = [i for i in self.listed if less_than is None or i < less_than][:PAGE]
        return [
            {
                "match_id": i,
                "start_time": self.details[i]["start_time"],
                "radiant_win": self.details[i]["radiant_win"],
                "leagueid": self.details[i]["leagueid"],
                "league_name": "fake league",
                "radiant_team_id": 1,
                "dire_team_id": 2,
                "duration": 2000,
            }
            for i in ids
        ]

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, Any]:
        if path == "/api/proMatches":
            less = query.get("less_than_match_id")
            return 200, self.pro_matches(int(less) if less else None)
        if path.startswith("/api/matches/"):
            found = self.details.get(int(path.rsplit("/", 1)[1]))
            return (200, found) if found else (404, {"error": "Not Found"})
        if path == "/api/proPlayers":
            accounts = sorted(
                {
                    p["account_id"]
                    for d in self.details.values()
                    for p in d["players"]
                    if p["account_id"]
                }
            )
            return 200, [{"account_id": a, "name": f"test-player-{a}"} for a in accounts]
        return 404, {"error": "Not Found"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                path = url.path
                with fake.lock:
                    fake.requests.append((path, query))
                    short = path.removeprefix("/api")
                    key = next(
                        (k for k in fake.faults if fake.faults[k] and short.startswith(k)), None
                    )
                    fault = fake.faults[key].popleft() if key else None
                if fault and fault.delay:
                    time.sleep(fault.delay)  # a slow server, not test synchronisation
                status, body = fake.answer(path, query)
                text = json.dumps(body).encode()
                if fault and fault.status:
                    status, text = fault.status, b'{"error": "fault"}'
                if fault and fault.truncate:
                    text = text[: len(text) // 2]
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(text)))
                    for name, value in (fault.headers if fault else {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(text)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (its timeout)

        return Handler
