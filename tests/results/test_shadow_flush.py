"""Shadow predictions made at the ledger's flush: same rows, one call, never in the way."""

from __future__ import annotations

import asyncio

import numpy as np
import polars as pl
import pytest

from backend.db.engine import make_engine, make_session_factory
from backend.ledger import LedgerRecorder
from backend.ledger.rows import frame_arrays
from backend.ledger.store import LedgerEntry, read_entries
from backend.ml import TrainedModel, train_model
from backend.serving.active import ActiveModelCache
from backend.serving.shadows import ShadowRunner
from backend.serving.store import ModelStore, ServedModel, training_profile


@pytest.fixture(scope="module")
def shadow_model(matches: pl.DataFrame) -> TrainedModel:
    return train_model(matches.slice(20, 150), "logistic_regression", {"C": 0.3})


def _runner(champion: TrainedModel, shadow: TrainedModel | None) -> ShadowRunner:
    store = ModelStore()
    for model_id, model in (("m", champion), ("s", shadow)):
        if model is not None:
            store._models[model_id] = ServedModel(model, training_profile(model), 0, True, model)
    active = ActiveModelCache(store)
    active.current_id = "m"
    active.shadow_ids = ("s",)
    return ShadowRunner(active)


def _flush(url: str, ledger: LedgerRecorder) -> list[LedgerEntry]:
    async def work() -> list[LedgerEntry]:
        engine = make_engine(url)
        try:
            factory = make_session_factory(engine)
            await ledger.flush(factory)
            async with factory() as session:
                return await read_entries(session)
        finally:
            await engine.dispose()

    return asyncio.run(work())


def _record(
    ledger: LedgerRecorder,
    model: TrainedModel,
    frame: pl.DataFrame,
    model_id: str = "m",
    shadowable: bool = True,
) -> str:
    heroes, accounts = frame_arrays(frame)
    p = model.predict_proba(frame)
    ids = frame["match_id"].to_numpy()
    prefix = ledger.record_arrays(
        model_id, model, heroes, accounts, p, ids, "predict_csv", shadowable=shadowable
    )
    assert prefix is not None
    return prefix


def test_the_shadow_predicts_the_champions_rows_under_its_prediction_ids(
    database_url: str, model: TrainedModel, shadow_model: TrainedModel, matches: pl.DataFrame
) -> None:
    ledger = LedgerRecorder()
    runner = _runner(model, shadow_model)
    ledger.shadow = runner
    files = [matches.slice(150, 40), matches.slice(190, 25)]
    for frame in files:
        _record(ledger, model, frame)
    _record(ledger, model, matches.slice(215, 10), shadowable=False)  # a labelled file
    _record(ledger, model, matches.slice(225, 10), model_id="other")  # not the champion
    heroes = np.array([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]])
    draft = ledger.record_arrays(
        "m", model, heroes, np.full((1, 10), -1), np.array([0.5]), [None], "predict"
    )
    stored = _flush(database_url, ledger)
    shadow = {e.id: e for e in stored if e.model_id == "s"}
    champion = [e for e in stored if e.model_id == "m"]
    assert {e.source for e in shadow.values()} == {"shadow"}
    shadowed = pl.concat(files)
    assert len(shadow) == shadowed.height + 1 and f"{draft}-0" in shadow
    assert {e.id for e in champion} >= set(shadow)  # the champion's prediction ids
    expected = shadow_model.predict_proba(shadowed)
    got = [e for e in shadow.values() if e.match_id is not None]
    by_match = {e.match_id: e.radiant_win_probability for e in got}
    np.testing.assert_allclose(
        [by_match[m] for m in shadowed["match_id"].to_list()], expected, rtol=0, atol=1e-12
    )
    pair = {e.id: e.created_at for e in champion}
    assert all(pair[i] == e.created_at for i, e in shadow.items())  # served at the same time
    assert runner.computed == shadowed.height + 1


def test_a_failing_or_missing_shadow_never_stops_the_champions_recording(
    database_url: str, model: TrainedModel, matches: pl.DataFrame
) -> None:
    ledger = LedgerRecorder()
    missing = _runner(model, None)  # the shadow is not loaded in this process yet
    ledger.shadow = missing
    _record(ledger, model, matches.slice(150, 20))

    async def broken(requests: object) -> list[object]:
        raise RuntimeError("a shadow's bug")

    first = _flush(database_url, ledger)
    assert missing.failed == 20 and {e.model_id for e in first} == {"m"}
    ledger.shadow = broken  # type: ignore[assignment]
    _record(ledger, model, matches.slice(170, 20))
    stored = _flush(database_url, ledger)
    assert len(stored) == 40 and {e.model_id for e in stored} == {"m"}
    assert ledger.pending == 0
