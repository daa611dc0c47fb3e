"""Where the service is and how to authenticate: arguments first, then environment variables."""

from __future__ import annotations

import os

import httpx

from dota_predict_sdk._generated import AuthenticatedClient, Client

DEFAULT_URL = "http://127.0.0.1:8000"
URL_ENV = "DOTA_PREDICT_URL"
API_KEY_ENV = "DOTA_PREDICT_API_KEY"


def resolve_url(base_url: str | None) -> str:
    """base_url, else $DOTA_PREDICT_URL, else the local default."""
    return (base_url or os.environ.get(URL_ENV) or DEFAULT_URL).rstrip("/")


def generated_client(
    base_url: str, api_key: str | None, timeout: float
) -> Client | AuthenticatedClient:
    """The generated client; the API key (argument or $DOTA_PREDICT_API_KEY) goes in X-API-Key."""
    key = api_key if api_key is not None else os.environ.get(API_KEY_ENV)
    if key:
        return AuthenticatedClient(
            base_url=base_url,
            token=key,
            prefix="",
            auth_header_name="X-API-Key",
            timeout=httpx.Timeout(timeout),
        )
    return Client(base_url=base_url, timeout=httpx.Timeout(timeout))
