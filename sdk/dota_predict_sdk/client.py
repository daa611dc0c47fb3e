"""DotaPredict: the synchronous client."""

from __future__ import annotations

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


class DotaPredict:
    """Talks to the prediction service; raises ApiError subclasses for every refused request."""

    def __init__(
        self, base_url: str | None = None, api_key: str | None = None, timeout: float = 60.0
    ) -> None:
        self.base_url = resolve_url(base_url)
        self._api = generated_client(self.base_url, api_key, timeout)

    def _send(self, call: calls.Call[T]) -> T:
        try:
            response = call.endpoint.sync_detailed(client=self._api, **call.kwargs)
        except httpx.TransportError as exc:
            raise unreachable(self.base_url, exc) from exc
        return call.result(response)

    def close(self) -> None:
        """Close the underlying HTTP connections."""
        self._api.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def health(self) -> Health:
        """Service status, version and the active model id."""
        return self._send(calls.health())

    def model_types(self) -> list[ModelTypeRead]:
        """Trainable model types with their hyperparameters, defaults and ranges."""
        return self._send(calls.model_type_list())

    def heroes(self) -> list[HeroRead]:
        """Every hero: id, name, attribute, roles."""
        return self._send(calls.hero_list())

    def fit(
        self,
        model_type: calls.ModelType = "logistic_regression",
        hyperparameters: dict[str, Any] | None = None,
        data: CsvData | None = None,
        model_id: str | None = None,
        dataset_id: str | None = None,
    ) -> FitAccepted:
        """Queue a training job on data, a stored dataset_id, or (neither) the bundled set."""
        call = calls.fit(model_type, hyperparameters, data, model_id, dataset_id)
        return self._send(call)

    def job(self, job_id: str) -> JobStatusRead:
        """One training job's status and progress."""
        return self._send(calls.job(job_id))

    def latest_job(self, model_id: str) -> JobStatusRead:
        """The newest training job of a model."""
        return self._send(calls.latest_job(model_id))

    def jobs(self, limit: int = 20) -> list[JobStatusRead]:
        """Recent training jobs, newest first."""
        return self._send(calls.jobs(limit))

    def cancel(self, job_id: str) -> JobStatusRead:
        """Cancel a queued or running job."""
        return self._send(calls.cancel(job_id))

    def start_sync(
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
        return self._send(call)

    def sync_status(self, job_id: str | None = None) -> SyncJobRead:
        """A sync job's state and report; the latest one without job_id."""
        return self._send(calls.sync_status(job_id))

    def sync_jobs(self, limit: int = 20) -> list[SyncJobRead]:
        """Recent sync jobs, newest first."""
        return self._send(calls.sync_jobs(limit))

    def cancel_sync(self, job_id: str) -> SyncJobRead:
        """Cancel a queued or running sync (the page it was fetching is not stored)."""
        return self._send(calls.cancel_sync(job_id))

    def wait_for_sync(
        self, job_id: str, timeout: float = 3600.0, poll_interval: float = 1.0
    ) -> SyncJobRead:
        """Poll until the sync ends (succeeded, failed or cancelled: see .status and .error).

        TimeoutError after `timeout` seconds; the job keeps running.
        """
        deadline = time.monotonic() + timeout
        while (job := self.sync_status(job_id)).status not in calls.FINISHED:
            if time.monotonic() >= deadline:
                raise TimeoutError(f"sync job {job_id} still {job.status} after {timeout:g} s")
            time.sleep(max(0.0, min(poll_interval, deadline - time.monotonic())))
        return job

    def wait_for_job(
        self,
        job_id: str,
        timeout: float | None = None,
        poll_interval: float = 0.5,
        on_progress: calls.OnProgress | None = None,
    ) -> JobStatusRead:
        """Poll until the job succeeds; JobFailed if it fails or is cancelled, JobTimeout.

        timeout None waits as long as the server lets a job run (its time limit) plus a margin.
        """
        wait = timeout if timeout is not None else self._default_wait()
        watch = calls.JobWatch(wait, poll_interval, on_progress)
        while not watch.finished(job := self.job(job_id)):
            time.sleep(watch.pause())
        return job

    def train(
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
        accepted = self.fit(model_type, hyperparameters, data, model_id, dataset_id)
        self.wait_for_job(accepted.job_id, timeout=timeout, on_progress=on_progress)
        return self.model_info(accepted.model_id)

    def list_models(
        self,
        tags: Sequence[str] = (),
        text: str | None = None,
        status: ListModelsStatus = "any",
    ) -> list[ModelSummary]:
        """Models, newest first: with every one of ``tags`` (any case), ``text`` in their id,
        type, description or tags, and the ``status`` asked for."""
        return self._send(calls.model_list(tags, text, status))

    def set_model_metadata(
        self,
        model_id: str,
        description: str | None = None,
        tags: Sequence[str] | None = None,
    ) -> ModelInfo:
        """Set a model's description and/or tags (None keeps it; "" clears the description)."""
        return self._send(calls.set_metadata(model_id, description, tags))

    def holdout_predictions(self, model_id: str) -> bytes:
        """A trained model's prediction of each holdout match as CSV bytes (match_id,
        start_time, radiant_win, radiant_win_probability): the rows its metrics score."""
        return self._send(calls.holdout(model_id))

    def export_model(self, model_id: str) -> bytes:
        """A model as a zip (model card + data-only artifact) for import_model elsewhere."""
        return self._send(calls.export(model_id))

    def import_model(
        self, data: bytes | str | os.PathLike[str], model_id: str | None = None
    ) -> ModelInfo:
        """Store a model exported by export_model (bytes or a path), under ``model_id`` or
        the card's id; not activated."""
        return self._send(calls.import_bundle(data, model_id))

    def evaluations(
        self,
        kind: ListEvaluationsKind = "any",
        model_id: str | None = None,
        limit: int = 50,
    ) -> list[EvaluationSummary]:
        """Stored evaluations and backtests, newest first; evaluation(id) has the whole one."""
        return self._send(calls.evaluation_list(kind, model_id, limit))

    def model_info(self, model_id: str) -> ModelInfo:
        """Everything about one model: hyperparameters, metrics, dataset, importances."""
        return self._send(calls.model_info(model_id))

    def activate(self, model_id: str) -> ModelInfo:
        """Serve this model from now on."""
        return self._send(calls.activate(model_id))

    def active_model_id(self) -> str | None:
        """The id of the model that serves predictions, if any."""
        return self.health().active_model_id

    def predict(
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
        return self._send(calls.predict(radiant, dire, model_id, explain, match_id))

    def predict_csv(self, data: CsvData, model_id: str | None = None) -> CsvPredictions:
        """Predictions for every match of a CSV file, in file order."""
        return self._send(calls.predict_file(data, model_id))

    def predict_csv_frame(self, data: CsvData, model_id: str | None = None) -> pandas.DataFrame:
        """predict_csv as a pandas DataFrame (match_id, radiant_win_probability, winner)."""
        return predictions_frame(self.predict_csv(data, model_id))

    def account_ids(
        self, limit: int = 100, offset: int = 0, model_id: str | None = None
    ) -> AccountIds:
        """Players the active (or given) model knows, most games first."""
        return self._send(calls.account_ids(limit, offset, model_id))

    def datasets(self) -> list[DatasetSummary]:
        """Stored datasets ("default" is the bundled one), newest first."""
        return self._send(calls.datasets())

    def dataset_info(self, dataset_id: str) -> DatasetInfo:
        """A stored dataset's summary and EDA aggregates (heroes, months, top players)."""
        return self._send(calls.dataset_info(dataset_id))

    def rename_dataset(self, dataset_id: str, filename: str) -> DatasetSummary:
        """Give a stored dataset a new display name (id and content stay)."""
        return self._send(calls.rename_data(dataset_id, filename))

    def delete_dataset(self, dataset_id: str) -> DatasetDeleted:
        """Delete a stored dataset; Conflict while a model or training job names it."""
        return self._send(calls.delete_data(dataset_id))

    def preview_dataset(
        self,
        data: CsvData,
        format: str | None = None,
        mapping: dict[str, Any] | None = None,
    ) -> DatasetPreview:
        """How a file would be read (format, guessed mapping, first rows, problems); stores
        nothing. Pass its format and mapping (to_dict()) back to upload_dataset."""
        return self._send(calls.preview(data, format, mapping))

    def upload_dataset(
        self,
        data: CsvData,
        format: str | None = None,
        mapping: dict[str, Any] | None = None,
    ) -> DatasetUploaded:
        """Validate and store a match file in any supported format (detected unless `format`
        names it; `mapping` as from preview_dataset); its summary, or InvalidInput."""
        return self._send(calls.upload(data, format, mapping))

    def hero_pairs(self, dataset_id: str, top: int = 20, min_games: int = 5) -> HeroPairsRead:
        """Same-team and head-to-head win rates among the `top` most picked heroes."""
        return self._send(calls.hero_pairs(dataset_id, top, min_games))

    def player_record(self, dataset_id: str, account_id: int) -> PlayerRecord:
        """One account id's matches, win rate and heroes in a stored dataset."""
        return self._send(calls.player_record(dataset_id, account_id))

    def sample_csv(self) -> bytes:
        """The bundled matches as CSV bytes (save them to try fit or predict_csv)."""
        return self._send(calls.sample())

    def limits(self) -> ServiceLimits:
        """Upload size, matches per file and job time limits of the service."""
        return self._send(calls.limits())

    def _default_wait(self) -> float:
        return self.limits().job_time_limit_seconds + calls.WAIT_MARGIN_SECONDS

    def delete_model(self, model_id: str) -> ModelDeleted:
        """Delete a model and its artifact; its training jobs stay (model_deleted: true)."""
        return self._send(calls.delete(model_id))

    def evaluate(
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
        return self._send(calls.evaluate(data, model_ids, include_training_matches))

    def backtest(
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
        return self._send(
            calls.backtest(
                data, model_ids, apply_every, include_training_matches, include_predictions
            )
        )

    def start_backtest_job(
        self,
        data: CsvData,
        model_ids: Sequence[str] | None = None,
        apply_every: str | int = "match",
        include_training_matches: bool = False,
    ) -> BacktestJobRead:
        """backtest() for a large file, run by a worker: the file is checked now, the replay
        later (watch with backtest_job or wait_for_backtest; the report: evaluation(id))."""
        call = calls.start_backtest_job(data, model_ids, apply_every, include_training_matches)
        return self._send(call)

    def backtest_job(self, job_id: str) -> BacktestJobRead:
        """A backtest job's state; backtest_id once it succeeded."""
        return self._send(calls.backtest_job(job_id))

    def backtest_jobs(self, limit: int = 20) -> list[BacktestJobRead]:
        """Recent backtest jobs, newest first."""
        return self._send(calls.backtest_job_list(limit))

    def cancel_backtest_job(self, job_id: str) -> BacktestJobRead:
        """Cancel a queued or running backtest job (nothing of it is stored)."""
        return self._send(calls.cancel_backtest(job_id))

    def wait_for_backtest(
        self, job_id: str, timeout: float = 3600.0, poll_interval: float = 1.0
    ) -> BacktestJobRead:
        """Poll until the backtest job ends (see .status, .error, .backtest_id).

        TimeoutError after `timeout` seconds; the job keeps running.
        """
        deadline = time.monotonic() + timeout
        while (job := self.backtest_job(job_id)).status not in calls.FINISHED:
            if time.monotonic() >= deadline:
                raise TimeoutError(f"backtest job {job_id} still {job.status} after {timeout:g} s")
            time.sleep(max(0.0, min(poll_interval, deadline - time.monotonic())))
        return job

    def evaluation(self, evaluation_id: str) -> EvaluationRead:
        """A stored evaluation."""
        return self._send(calls.evaluation(evaluation_id))

    def promote(
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
        return self._send(calls.promote(model_id, data, evaluation_id, evidence))

    def set_shadows(self, model_ids: Sequence[str]) -> ShadowSet:
        """Name the shadow challengers (up to 3 ready models; [] clears): each predicts every
        request the active model serves, off the request path, into the ledger."""
        return self._send(calls.set_shadows(model_ids))

    def shadows(self) -> ShadowSet:
        """The shadow challengers and the active model."""
        return self._send(calls.shadows())

    def activations(self, limit: int = 100) -> list[ActivationRead]:
        """Activation history (who, when, previous/new model, reason, evidence), newest first."""
        return self._send(calls.activations(limit))

    def suggest_picks(
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
        return self._send(calls.suggest(side, radiant, dire, bans, account_id, model_id, top_n))

    def ingest_results(
        self,
        data: CsvData,
        format: str | None = None,
        mapping: dict[str, Any] | None = None,
    ) -> ResultsIngested:
        """Post match results (any supported format, with the winner); every model's ratings
        roll forward."""
        return self._send(calls.ingest_results(data, format, mapping))

    def monitoring(self, model_id: str | None = None) -> ModelMonitoring:
        """The live record of the active (or given) model: scored predictions, drift."""
        return self._send(calls.monitoring(model_id))
