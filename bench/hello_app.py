"""The floor: a hello-world Litestar app (POST echo and GET), served like the real API."""

from __future__ import annotations

from typing import Any

from litestar import Litestar, get, post


@get("/")
async def hello() -> dict[str, str]:
    return {"status": "ok"}


@post("/echo", status_code=200)
async def echo(data: dict[str, Any]) -> dict[str, Any]:
    return data


def create_app() -> Litestar:
    """Factory, like backend.app:create_app."""
    return Litestar(route_handlers=[hello, echo], debug=False)
