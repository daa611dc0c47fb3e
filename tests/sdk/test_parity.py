"""The sync and async clients mirror each other: same public methods, same signatures."""

from __future__ import annotations

import inspect
from pathlib import Path

from dota_predict_sdk import AsyncDotaPredict, DotaPredict


def public_methods(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def test_same_public_methods_with_the_same_signatures() -> None:
    sync, asynchronous = public_methods(DotaPredict), public_methods(AsyncDotaPredict)
    assert sorted(sync) == sorted(asynchronous)
    for name, signature in sync.items():
        assert signature == asynchronous[name], name
    assert len(sync) >= 20  # the parity is about real methods, not an empty class


def test_every_async_method_is_a_coroutine_and_no_sync_one_is() -> None:
    for name in public_methods(AsyncDotaPredict):
        assert inspect.iscoroutinefunction(getattr(AsyncDotaPredict, name)), name
    for name in public_methods(DotaPredict):
        assert not inspect.iscoroutinefunction(getattr(DotaPredict, name)), name
    assert inspect.iscoroutinefunction(AsyncDotaPredict.__aenter__)
    assert inspect.iscoroutinefunction(AsyncDotaPredict.__aexit__)


def test_the_package_is_typed() -> None:
    import dota_predict_sdk

    package = Path(inspect.getfile(dota_predict_sdk)).parent
    assert (package / "py.typed").is_file()  # PEP 561: type checkers read the package
