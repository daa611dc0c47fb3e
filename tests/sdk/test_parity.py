"""The sync and async clients mirror each other: same public methods, same signatures."""

from __future__ import annotations

import inspect

from dota_predict_sdk import AsyncDotaPredict, DotaPredict


def _public(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def test_same_methods_and_signatures() -> None:
    sync, asyn = _public(DotaPredict), _public(AsyncDotaPredict)
    assert set(sync) == set(asyn)
    for name, signature in sync.items():
        assert str(signature.parameters) == str(asyn[name].parameters), name


def test_async_methods_are_coroutines() -> None:
    for name, member in inspect.getmembers(AsyncDotaPredict, inspect.isfunction):
        if not name.startswith("_"):
            assert inspect.iscoroutinefunction(member), name
