"""AsyncDotaPredict: the asyncio client (the same methods as DotaPredict, awaited)."""

from __future__ import annotations

import asyncio
import datetime
import os
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Self, TypeVar

import httpx

from dota_predict_sdk import calls
from dota_predict_sdk._generated.models import (
    AccountIds,
    ActivationRead,
    BacktestJobRead,
    BacktestRead,
    CsvPredictions,
    DatasetDeleted,
    DatasetInfo,
    DatasetPreview,
    DatasetSummary,
    DatasetUploaded,
    EvaluationRead,
    EvaluationSummary,
    FitAccepted,
    Health,
    HeroRead,
    JobStatusRead,
    ListEvaluationsKind,
    ListModelsStatus,
    ModelDeleted,
    ModelInfo,
    ModelMonitoring,
    ModelSummary,
    ModelTypeRead,
    PickSuggestions,
    PlayerRecord,
    Prediction,
    PromotionResult,
    ResultsIngested,
    ServiceLimits,
    ShadowSet,
    SyncJobRead,
)
from dota_predict_sdk._generated.models import HeroPairs as HeroPairsRead
from dota_predict_sdk.config import generated_client, resolve_url
from dota_predict_sdk.errors import unreachable
from dota_predict_sdk.inputs import CsvData, Pick, predictions_frame

if TYPE_CHECKING:
    import pandas

T = TypeVar("T")


class AsyncDotaPredict:
    """DotaPredict for asyncio: every method is a coroutine; use `async with`."""

    def __init__(
        self, base_url: str | None = None, api_key: str | None = None, timeout: float = 60.0
    ) -> None:
        self.base_url = resolve_url(base_url)
        self._api = generated_client(self.base_url, api_key, timeout)

    async def _send(self, call: calls.Call[T]) -> T:
        try:
            response = await call.endpoint.asyncio_detailed(client=self._api, **call.kwargs)
        except httpx.TransportError as exc:
            raise unreachable(self.base_url, exc) from exc
        return call.result(response)

    async def close(self) -> None:
        """Close the underlying HTTP connections."""
        await self._api.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def health(self) -> Health:
        """Service status, version and the active model id."""
        return await self._send(calls.health())

    async def model_types(self) -> list[ModelTypeRead]:
        """Trainable model types with their hyperparameters, defaults and ranges."""
        return await self._send(calls.model_type_list())

    async def heroes(self) -> list[HeroRead]:
        """Every hero: id, name, attribute, roles."""
        return await self._send(calls.hero_list())

    async def fit(
        self,
        model_type: calls.ModelType = "logistic_regression",
        hyperparameters: dict[str, Any] | None = None,
        data: CsvData | None = None,
        model_id: str | None = None,
        dataset_id: str | None = None,
    ) -> FitAccepted:
        """Queue a training job on data, a stored dataset_id, or (neither) the bundled set."""
        call = calls.fit(model_type, hyperparameters, data, model_id, dataset_id)
        return await self._send(call)

    async def job(self, job_id: str) -> JobStatusRead:
        """One training job's status and progress."""
        return await self._send(calls.job(job_id))

    async def latest_job(self, model_id: str) -> JobStatusRead:
        """The newest training job of a model."""
        return await self._send(calls.latest_job(model_id))

    async def jobs(self, limit: int = 20) -> list[JobStatusRead]:
        """Recent training jobs, newest first."""
        return await self._send(calls.jobs(limit))

    async def cancel(self, job_id: str) -> JobStatusRead:
        """Cancel a queued or running job."""
        return await self._send(calls.cancel(job_id))

    async def start_sync(
        self,
        max_matches: int = 1000,
        since: datetime.date | None = None,
        until: datetime.date | None = None,
        league_ids: Sequence[int] | None = None,
        players: bool = False,
        as_dataset: bool = False,
        reset: bool = False,
    ) -> SyncJobRead:
        """Queue an OpenDota sync job (admin key); Conflict while another one runs."""
        call = calls.start_sync(max_matches, since, until, league_ids, players, as_dataset, reset)
        return await self._send(call)

    async def sync_status(self, job_id: str | None = None) -> SyncJobRead:
        """A sync job's state and report; the latest one without job_id."""
        return await self._send(calls.sync_status(job_id))

    async def sync_jobs(self, limit: int = 20) -> list[SyncJobRead]:
        """Recent sync jobs, newest first."""
        return await self._send(calls.sync_jobs(limit))

    async def cancel_sync(self, job_id: str) -> SyncJobRead:
        """Cancel a queued or running sync (the page it was fetching is not stored)."""
        return await self._send(calls.cancel_sync(job_id))

    async def wait_for_sync(
        self, job_id: str, timeout: float = 3600.0, poll_interval: float = 1.0
    ) -> SyncJobRead:
        """Poll until the sync ends (succeeded, failed or cancelled: see .status and .error).

        TimeoutError after `timeout` seconds; the job keeps running.
        """
        deadline = time.monotonic() + timeout
        while (job := await self.sync_status(job_id)).status not in calls.FINISHED:
            if time.monotonic() >= deadline:
                raise TimeoutError(f"sync job {job_id} still {job.status} after {timeout:g} s")
            await asyncio.sleep(max(0.0, min(poll_interval, deadline - time.monotonic())))
        return job

    async def wait_for_job(
        self,
        job_id: str,
        timeout: float | None = None,
        poll_interval: float = 0.5,
        on_progress: calls.OnProgress | None = None,
    ) -> JobStatusRead:
        """Poll until the job succeeds; JobFailed if it fails or is cancelled, JobTimeout.

        timeout None waits as long as the server lets a job run (its time limit) plus a margin.
        """
        wait = timeout if timeout is not None else await self._default_wait()
        watch = calls.JobWatch(wait, poll_interval, on_progress)
        while not watch.finished(job := await self.job(job_id)):
            await asyncio.sleep(watch.pause())
        return job

    async def train(
        self,
        model_type: calls.ModelType = "logistic_regression",
        hyperparameters: dict[str, Any] | None = None,
        data: CsvData | None = None,
        model_id: str | None = None,
        timeout: float | None = None,
        on_progress: calls.OnProgress | None = None,
        dataset_id: str | None = None,
    ) -> ModelInfo:
        """Fit, wait for the job (by default as long as the server allows), return the model."""
        accepted = await self.fit(model_type, hyperparameters, data, model_id, dataset_id)
        await self.wait_for_job(accepted.job_id, timeout=timeout, on_progress=on_progress)
        return await self.model_info(accepted.model_id)

    async def list_models(
        self,
        tags: Sequence[str] = (),
        text: str | None = None,
        status: ListModelsStatus = "any",
    ) -> list[ModelSummary]:
        """Models, newest first: with every one of ``tags`` (any case), ``text`` in their id,
        type, description or tags, and the ``status`` asked for."""
        return await self._send(calls.model_list(tags, text, status))

    async def set_model_metadata(
        self,
        model_id: str,
        description: str | None = None,
        tags: Sequence[str] | None = None,
    ) -> ModelInfo:
        """Set a model's description and/or tags (None keeps it; "" clears the description)."""
        return await self._send(calls.set_metadata(model_id, description, tags))

    async def holdout_predictions(self, model_id: str) -> bytes:
        """A trained model's prediction of each holdout match as CSV bytes (match_id,
        start_time, radiant_win, radiant_win_probability): the rows its metrics score."""
        return await self._send(calls.holdout(model_id))

    async def export_model(self, model_id: str) -> bytes:
        """A model as a zip (model card + data-only artifact) for import_model elsewhere."""
        return await self._send(calls.export(model_id))

    async def import_model(
        self, data: bytes | str | os.PathLike[str], model_id: str | None = None
    ) -> ModelInfo:
        """Store a model exported by export_model (bytes or a path), under ``model_id`` or
        the card's id; not activated."""
        return await self._send(calls.import_bundle(data, model_id))

    async def evaluations(
        self,
        kind: ListEvaluationsKind = "any",
        model_id: str | None = None,
        limit: int = 50,
    ) -> list[EvaluationSummary]:
        """Stored evaluations and backtests, newest first; evaluation(id) has the whole one."""
        return await self._send(calls.evaluation_list(kind, model_id, limit))

    async def model_info(self, model_id: str) -> ModelInfo:
        """Everything about one model: hyperparameters, metrics, dataset, importances."""
        return await self._send(calls.model_info(model_id))

    async def activate(self, model_id: str) -> ModelInfo:
        """Serve this model from now on."""
        return await self._send(calls.activate(model_id))

    async def active_model_id(self) -> str | None:
        """The id of the model that serves predictions, if any."""
        return (await self.health()).active_model_id

    async def predict(
        self,
        radiant: Sequence[Pick],
        dire: Sequence[Pick],
        model_id: str | None = None,
        explain: bool = False,
        match_id: int | None = None,
    ) -> Prediction:
        """Radiant's win probability for one draft of five picks per side.

        With ``match_id`` the prediction is scored in monitoring once that match's result is
        posted (ingest_results).
        """
        return await self._send(calls.predict(radiant, dire, model_id, explain, match_id))

    async def predict_csv(self, data: CsvData, model_id: str | None = None) -> CsvPredictions:
        """Predictions for every match of a CSV file, in file order."""
        return await self._send(calls.predict_file(data, model_id))

    async def predict_csv_frame(
        self, data: CsvData, model_id: str | None = None
    ) -> pandas.DataFrame:
        """predict_csv as a pandas DataFrame (match_id, radiant_win_probability, winner)."""
        return predictions_frame(await self.predict_csv(data, model_id))

    async def account_ids(
        self, limit: int = 100, offset: int = 0, model_id: str | None = None
    ) -> AccountIds:
        """Players the active (or given) model knows, most games first."""
        return await self._send(calls.account_ids(limit, offset, model_id))

    async def datasets(self) -> list[DatasetSummary]:
        """Stored datasets ("default" is the bundled one), newest first."""
        return await self._send(calls.datasets())

    async def dataset_info(self, dataset_id: str) -> DatasetInfo:
        """A stored dataset's summary and EDA aggregates (heroes, months, top players)."""
        return await self._send(calls.dataset_info(dataset_id))

    async def rename_dataset(self, dataset_id: str, filename: str) -> DatasetSummary:
        """Give a stored dataset a new display name (id and content stay)."""
        return await self._send(calls.rename_data(dataset_id, filename))

    async def delete_dataset(self, dataset_id: str) -> DatasetDeleted:
        """Delete a stored dataset; Conflict while a model or training job names it."""
        return await self._send(calls.delete_data(dataset_id))

    async def preview_dataset(
        self,
        data: CsvData,
        format: str | None = None,
        mapping: dict[str, Any] | None = None,
    ) -> DatasetPreview:
        """How a file would be read (format, guessed mapping, first rows, problems); stores
        nothing. Pass its format and mapping (to_dict()) back to upload_dataset."""
        return await self._send(calls.preview(data, format, mapping))

    async def upload_dataset(
        self,
        data: CsvData,
        format: str | None = None,
        mapping: dict[str, Any] | None = None,
    ) -> DatasetUploaded:
        """Validate and store a match file in any supported format (detected unless `format`
        names it; `mapping` as from preview_dataset); its summary, or InvalidInput."""
        return await self._send(calls.upload(data, format, mapping))

    async def hero_pairs(self, dataset_id: str, top: int = 20, min_games: int = 5) -> HeroPairsRead:
        """Same-team and head-to-head win rates among the `top` most picked heroes."""
        return await self._send(calls.hero_pairs(dataset_id, top, min_games))

    async def player_record(self, dataset_id: str, account_id: int) -> PlayerRecord:
        """One account id's matches, win rate and heroes in a stored dataset."""
        return await self._send(calls.player_record(dataset_id, account_id))

    async def sample_csv(self) -> bytes:
        """The bundled matches as CSV bytes (save them to try fit or predict_csv)."""
        return await self._send(calls.sample())

    async def limits(self) -> ServiceLimits:
        """Upload size, matches per file and job time limits of the service."""
        return await self._send(calls.limits())

    async def _default_wait(self) -> float:
        return (await self.limits()).job_time_limit_seconds + calls.WAIT_MARGIN_SECONDS

    async def delete_model(self, model_id: str) -> ModelDeleted:
        """Delete a model and its artifact; its training jobs stay (model_deleted: true)."""
        return await self._send(calls.delete(model_id))

    async def evaluate(
        self,
        data: CsvData,
        model_ids: Sequence[str] | None = None,
        include_training_matches: bool = False,
    ) -> EvaluationRead:
        """Score models (default: every ready one, always the active one) on one labelled file.

        Each match is predicted from what was known before it (stored results and the file's
        earlier matches); matches a model trained on are left out of its scores unless
        ``include_training_matches`` (then marked in-sample).
        """
        return await self._send(calls.evaluate(data, model_ids, include_training_matches))

    async def backtest(
        self,
        data: CsvData,
        model_ids: Sequence[str] | None = None,
        apply_every: str | int = "match",
        include_training_matches: bool = False,
        include_predictions: bool = False,
    ) -> BacktestRead:
        """Walk-forward replay of a labelled file: what live use with results would have scored.

        ``apply_every``: "match" (each result right after its match), "day" or N matches.
        ``include_predictions``: every result also lists each match's walk-forward and frozen
        probability (``predictions``), for a per-match download.
        """
        return await self._send(
            calls.backtest(
                data, model_ids, apply_every, include_training_matches, include_predictions
            )
        )

    async def start_backtest_job(
        self,
        data: CsvData,
        model_ids: Sequence[str] | None = None,
        apply_every: str | int = "match",
        include_training_matches: bool = False,
    ) -> BacktestJobRead:
        """backtest() for a large file, run by a worker: the file is checked now, the replay
        later (watch with backtest_job or wait_for_backtest; the report: evaluation(id))."""
        call = calls.start_backtest_job(data, model_ids, apply_every, include_training_matches)
        return await self._send(call)

    async def backtest_job(self, job_id: str) -> BacktestJobRead:
        """A backtest job's state; backtest_id once it succeeded."""
        return await self._send(calls.backtest_job(job_id))

    async def backtest_jobs(self, limit: int = 20) -> list[BacktestJobRead]:
        """Recent backtest jobs, newest first."""
        return await self._send(calls.backtest_job_list(limit))

    async def cancel_backtest_job(self, job_id: str) -> BacktestJobRead:
        """Cancel a queued or running backtest job (nothing of it is stored)."""
        return await self._send(calls.cancel_backtest(job_id))

    async def wait_for_backtest(
        self, job_id: str, timeout: float = 3600.0, poll_interval: float = 1.0
    ) -> BacktestJobRead:
        """Poll until the backtest job ends (see .status, .error, .backtest_id).

        TimeoutError after `timeout` seconds; the job keeps running.
        """
        deadline = time.monotonic() + timeout
        while (job := await self.backtest_job(job_id)).status not in calls.FINISHED:
            if time.monotonic() >= deadline:
                raise TimeoutError(f"backtest job {job_id} still {job.status} after {timeout:g} s")
            await asyncio.sleep(max(0.0, min(poll_interval, deadline - time.monotonic())))
        return job

    async def evaluation(self, evaluation_id: str) -> EvaluationRead:
        """A stored evaluation."""
        return await self._send(calls.evaluation(evaluation_id))

    async def promote(
        self,
        model_id: str,
        data: CsvData | None = None,
        evaluation_id: str | None = None,
        evidence: str | None = None,
    ) -> PromotionResult:
        """Activate the challenger only if its log-loss beats the active model's, 95 % surely.

        Evidence: a labelled CSV (``data``), a stored evaluation, or ``evidence="shadow"``: the
        live record of the challenger as a shadow (set_shadows) against the active model.
        """
        return await self._send(calls.promote(model_id, data, evaluation_id, evidence))

    async def set_shadows(self, model_ids: Sequence[str]) -> ShadowSet:
        """Name the shadow challengers (up to 3 ready models; [] clears): each predicts every
        request the active model serves, off the request path, into the ledger."""
        return await self._send(calls.set_shadows(model_ids))

    async def shadows(self) -> ShadowSet:
        """The shadow challengers and the active model."""
        return await self._send(calls.shadows())

    async def activations(self, limit: int = 100) -> list[ActivationRead]:
        """Activation history (who, when, previous/new model, reason, evidence), newest first."""
        return await self._send(calls.activations(limit))

    async def suggest_picks(
        self,
        side: str,
        radiant: Sequence[Pick] = (),
        dire: Sequence[Pick] = (),
        bans: Sequence[int | str] = (),
        account_id: int | None = None,
        model_id: str | None = None,
        top_n: int = 10,
    ) -> PickSuggestions:
        """The best next heroes for `side` ("radiant" or "dire") given a partial draft."""
        return await self._send(
            calls.suggest(side, radiant, dire, bans, account_id, model_id, top_n)
        )

    async def ingest_results(
        self,
        data: CsvData,
        format: str | None = None,
        mapping: dict[str, Any] | None = None,
    ) -> ResultsIngested:
        """Post match results (any supported format, with the winner); every model's ratings
        roll forward."""
        return await self._send(calls.ingest_results(data, format, mapping))

    async def monitoring(self, model_id: str | None = None) -> ModelMonitoring:
        """The live record of the active (or given) model: scored predictions, drift."""
        return await self._send(calls.monitoring(model_id))
