"""Each API call once: which generated endpoint, its arguments, and how to unwrap the answer.

DotaPredict and AsyncDotaPredict only differ in how they send a Call (sync or await).
"""

from __future__ import annotations

import datetime
import io
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Generic, TypeVar

from dota_predict_sdk._generated.api.data import account_ids as account_ids_api
from dota_predict_sdk._generated.api.data import (
    cancel_sync as cancel_sync_api,
)
from dota_predict_sdk._generated.api.data import (
    dataset_info as dataset_info_api,
)
from dota_predict_sdk._generated.api.data import (
    delete_dataset,
    list_datasets,
    rename_dataset,
    sample_matches,
    upload_dataset,
)
from dota_predict_sdk._generated.api.data import (
    hero_pairs as hero_pairs_api,
)
from dota_predict_sdk._generated.api.data import heroes as heroes_api
from dota_predict_sdk._generated.api.data import ingest_results as ingest_results_api
from dota_predict_sdk._generated.api.data import limits as limits_api
from dota_predict_sdk._generated.api.data import (
    player_record as player_record_api,
)
from dota_predict_sdk._generated.api.data import preview_dataset as preview_dataset_api
from dota_predict_sdk._generated.api.data import (
    start_sync as start_sync_api,
)
from dota_predict_sdk._generated.api.data import (
    sync_jobs as sync_jobs_api,
)
from dota_predict_sdk._generated.api.data import (
    sync_status as sync_status_api,
)
from dota_predict_sdk._generated.api.models import (
    activate as activate_api,
)
from dota_predict_sdk._generated.api.models import (
    backtest_job_status,
    backtest_jobs,
    backtest_models,
    cancel_backtest_job,
    cancel_fit,
    delete_model,
    evaluate_models,
    export_model,
    fit_status,
    get_evaluation,
    import_model,
    list_activations,
    list_evaluations,
    list_models,
    list_shadows,
    model_types,
    predict_csv,
    promote_model,
    set_model_metadata,
    suggest_picks,
)
from dota_predict_sdk._generated.api.models import fit as fit_api
from dota_predict_sdk._generated.api.models import holdout_predictions as holdout_predictions_api
from dota_predict_sdk._generated.api.models import model_info as model_info_api
from dota_predict_sdk._generated.api.models import monitoring as monitoring_api
from dota_predict_sdk._generated.api.models import predict as predict_api
from dota_predict_sdk._generated.api.models import set_shadows as set_shadows_api
from dota_predict_sdk._generated.api.models import start_backtest_job as start_backtest_job_api
from dota_predict_sdk._generated.api.service import health as health_api
from dota_predict_sdk._generated.models import (
    AccountIds,
    ActivateRequest,
    ActivationList,
    ActivationRead,
    BacktestForm,
    BacktestJobForm,
    BacktestJobList,
    BacktestJobRead,
    BacktestRead,
    CancelBacktestJob,
    CancelJobRequest,
    CancelSyncRequest,
    CsvPredictions,
    DatasetDeleted,
    DatasetForm,
    DatasetInfo,
    DatasetList,
    DatasetPreview,
    DatasetRename,
    DatasetSummary,
    DatasetUploaded,
    EvaluateForm,
    EvaluationList,
    EvaluationRead,
    EvaluationSummary,
    FitAccepted,
    FitForm,
    FitFormModelType,
    Health,
    HeroList,
    HeroRead,
    ImportForm,
    JobList,
    JobStatusRead,
    ListEvaluationsKind,
    ListModelsStatus,
    ModelDeleted,
    ModelInfo,
    ModelList,
    ModelMetadataRequest,
    ModelMonitoring,
    ModelSummary,
    ModelTypeList,
    ModelTypeRead,
    PickSuggestions,
    PlayerRecord,
    PredictCsvForm,
    Prediction,
    PredictRequest,
    PreviewForm,
    PromoteForm,
    PromotionResult,
    ResultsForm,
    ResultsIngested,
    ServiceLimits,
    ShadowSet,
    ShadowSetRequest,
    SuggestPicksRequest,
    SyncJobList,
    SyncJobRead,
    SyncRequest,
)
from dota_predict_sdk._generated.models import (
    HeroPairs as HeroPairsRead,
)
from dota_predict_sdk._generated.models.suggest_picks_request_side import (
    check_suggest_picks_request_side,
)
from dota_predict_sdk._generated.types import UNSET, File, Response
from dota_predict_sdk.errors import JobFailed, JobTimeout, error_from_response
from dota_predict_sdk.inputs import CsvData, Pick, csv_file, player_picks

T = TypeVar("T")
M = TypeVar("M")
OnProgress = Callable[[JobStatusRead], None]
ModelType = FitFormModelType  # the model types of this SDK's spec, as a Literal
# How much longer than the server's job time limit train() waits by default (queueing, polling).
WAIT_MARGIN_SECONDS = 120.0


def _as(cls: type[M], body: object) -> M:
    if not isinstance(body, cls):
        raise TypeError(f"expected a {cls.__name__} from the service, got {body!r}")
    return body


def _opt(value: Any) -> Any:
    # The generated forms would send None as the text "None"; UNSET leaves the field out.
    return UNSET if value is None else value


@dataclass(frozen=True)
class Call(Generic[T]):
    """One request: a generated endpoint module, its keyword arguments, and the 2xx unwrapper."""

    endpoint: ModuleType
    unwrap: Callable[[Any], T]
    kwargs: dict[str, Any] = field(default_factory=dict)
    raw: bool = False  # unwrap gets the response bytes instead of the parsed body

    def result(self, response: Response[Any]) -> T:
        """The unwrapped body of a 2xx response; otherwise raise the typed ApiError."""
        if 200 <= response.status_code < 300:
            return self.unwrap(response.content if self.raw else response.parsed)
        raise error_from_response(response.status_code, response.content)


def health() -> Call[Health]:
    return Call(health_api, lambda b: _as(Health, b))


def model_type_list() -> Call[list[ModelTypeRead]]:
    return Call(model_types, lambda b: _as(ModelTypeList, b).model_types)


def hero_list() -> Call[list[HeroRead]]:
    return Call(heroes_api, lambda b: _as(HeroList, b).heroes)


def fit(
    model_type: ModelType,
    hyperparameters: dict[str, Any] | None,
    data: CsvData | None,
    model_id: str | None,
    dataset_id: str | None = None,
) -> Call[FitAccepted]:
    form = FitForm(
        model_type=model_type,
        hyperparameters=UNSET if hyperparameters is None else json.dumps(hyperparameters),
        model_id=_opt(model_id),
        file=UNSET if data is None else csv_file(data),
        dataset_id=_opt(dataset_id),
    )
    return Call(fit_api, lambda b: _as(FitAccepted, b), {"body": form})


def job(job_id: str) -> Call[JobStatusRead]:
    return Call(fit_status, lambda b: _as(JobStatusRead, b), {"job_id": job_id})


def latest_job(model_id: str) -> Call[JobStatusRead]:
    return Call(fit_status, lambda b: _as(JobStatusRead, b), {"model_id": model_id})


def jobs(limit: int) -> Call[list[JobStatusRead]]:
    return Call(fit_status, lambda b: _as(JobList, b).jobs, {"limit": limit})


def cancel(job_id: str) -> Call[JobStatusRead]:
    body = CancelJobRequest(job_id=job_id)
    return Call(cancel_fit, lambda b: _as(JobStatusRead, b), {"body": body})


def model_list(
    tags: Sequence[str] = (), text: str | None = None, status: ListModelsStatus = "any"
) -> Call[list[ModelSummary]]:
    if isinstance(tags, str):
        raise TypeError("tags is a list of tags, not a single string")
    kwargs: dict[str, Any] = {"status": status}
    if tags:
        kwargs["tag"] = list(tags)
    if text is not None:
        kwargs["q"] = text
    return Call(list_models, lambda b: _as(ModelList, b).models, kwargs)


def set_metadata(
    model_id: str, description: str | None, tags: Sequence[str] | None
) -> Call[ModelInfo]:
    if isinstance(tags, str):
        raise TypeError("tags is a list of tags, not a single string")
    body = ModelMetadataRequest(
        model_id=model_id,
        description=_opt(description),
        tags=UNSET if tags is None else list(tags),
    )
    return Call(set_model_metadata, lambda b: _as(ModelInfo, b), {"body": body})


def holdout(model_id: str) -> Call[bytes]:
    return Call(holdout_predictions_api, bytes, {"model_id": model_id}, raw=True)


def export(model_id: str) -> Call[bytes]:
    return Call(export_model, bytes, {"model_id": model_id}, raw=True)


def import_bundle(data: bytes | str | os.PathLike[str], model_id: str | None) -> Call[ModelInfo]:
    if isinstance(data, bytes):
        name, content = "model.zip", data
    else:
        path = Path(data)
        name, content = path.name, path.read_bytes()
    part = File(payload=io.BytesIO(content), file_name=name, mime_type="application/zip")
    body = ImportForm(file=part, model_id=_opt(model_id))
    return Call(import_model, lambda b: _as(ModelInfo, b), {"body": body})


def evaluation_list(
    kind: ListEvaluationsKind, model_id: str | None, limit: int
) -> Call[list[EvaluationSummary]]:
    kwargs: dict[str, Any] = {"kind": kind, "limit": limit}
    if model_id is not None:
        kwargs["model_id"] = model_id
    return Call(list_evaluations, lambda b: _as(EvaluationList, b).evaluations, kwargs)


def model_info(model_id: str) -> Call[ModelInfo]:
    return Call(model_info_api, lambda b: _as(ModelInfo, b), {"model_id": model_id})


def activate(model_id: str) -> Call[ModelInfo]:
    body = ActivateRequest(model_id=model_id)
    return Call(activate_api, lambda b: _as(ModelInfo, b), {"body": body})


def predict(
    radiant: Sequence[Pick],
    dire: Sequence[Pick],
    model_id: str | None,
    explain: bool,
    match_id: int | None = None,
) -> Call[Prediction]:
    body = PredictRequest(
        radiant=player_picks(radiant),
        dire=player_picks(dire),
        model_id=_opt(model_id),
        explain=explain,
        match_id=_opt(match_id),
    )
    return Call(predict_api, lambda b: _as(Prediction, b), {"body": body})


def predict_file(data: CsvData, model_id: str | None) -> Call[CsvPredictions]:
    body = PredictCsvForm(file=csv_file(data), model_id=_opt(model_id))
    return Call(predict_csv, lambda b: _as(CsvPredictions, b), {"body": body})


def account_ids(limit: int, offset: int, model_id: str | None) -> Call[AccountIds]:
    kwargs = {"limit": limit, "offset": offset, "model_id": _opt(model_id)}
    return Call(account_ids_api, lambda b: _as(AccountIds, b), kwargs)


def datasets() -> Call[list[DatasetSummary]]:
    return Call(list_datasets, lambda b: _as(DatasetList, b).datasets)


def dataset_info(dataset_id: str) -> Call[DatasetInfo]:
    return Call(dataset_info_api, lambda b: _as(DatasetInfo, b), {"dataset_id": dataset_id})


def rename_data(dataset_id: str, filename: str) -> Call[DatasetSummary]:
    body = DatasetRename(dataset_id=dataset_id, filename=filename)
    return Call(rename_dataset, lambda b: _as(DatasetSummary, b), {"body": body})


def delete_data(dataset_id: str) -> Call[DatasetDeleted]:
    return Call(delete_dataset, lambda b: _as(DatasetDeleted, b), {"dataset_id": dataset_id})


def _mapping(mapping: dict[str, Any] | None) -> Any:
    return UNSET if mapping is None else json.dumps(mapping)


def upload(
    data: CsvData, format: str | None = None, mapping: dict[str, Any] | None = None
) -> Call[DatasetUploaded]:
    body = DatasetForm(file=csv_file(data), format_=_opt(format), mapping=_mapping(mapping))
    return Call(upload_dataset, lambda b: _as(DatasetUploaded, b), {"body": body})


def preview(
    data: CsvData, format: str | None = None, mapping: dict[str, Any] | None = None
) -> Call[DatasetPreview]:
    body = PreviewForm(file=csv_file(data), format_=_opt(format), mapping=_mapping(mapping))
    return Call(preview_dataset_api, lambda b: _as(DatasetPreview, b), {"body": body})


def hero_pairs(dataset_id: str, top: int, min_games: int) -> Call[HeroPairsRead]:
    kwargs = {"dataset_id": dataset_id, "top": top, "min_games": min_games}
    return Call(hero_pairs_api, lambda b: _as(HeroPairsRead, b), kwargs)


def player_record(dataset_id: str, account_id: int) -> Call[PlayerRecord]:
    kwargs = {"dataset_id": dataset_id, "account_id": account_id}
    return Call(player_record_api, lambda b: _as(PlayerRecord, b), kwargs)


def sample() -> Call[bytes]:
    return Call(sample_matches, bytes, raw=True)


def limits() -> Call[ServiceLimits]:
    return Call(limits_api, lambda b: _as(ServiceLimits, b))


def delete(model_id: str) -> Call[ModelDeleted]:
    return Call(delete_model, lambda b: _as(ModelDeleted, b), {"model_id": model_id})


def _model_ids(model_ids: Sequence[str] | None) -> Any:
    if model_ids is None:
        return UNSET
    if isinstance(model_ids, str):
        raise TypeError("model_ids is a list of model ids, not a single string")
    return ",".join(model_ids)


def evaluate(
    data: CsvData, model_ids: Sequence[str] | None, include_training_matches: bool = False
) -> Call[EvaluationRead]:
    body = EvaluateForm(
        file=csv_file(data),
        model_ids=_model_ids(model_ids),
        include_training_matches=include_training_matches,
    )
    return Call(evaluate_models, lambda b: _as(EvaluationRead, b), {"body": body})


def backtest(
    data: CsvData,
    model_ids: Sequence[str] | None,
    apply_every: str | int,
    include_training_matches: bool,
    include_predictions: bool = False,
) -> Call[BacktestRead]:
    body = BacktestForm(
        file=csv_file(data),
        model_ids=_model_ids(model_ids),
        apply_every=str(apply_every),
        include_training_matches=include_training_matches,
        include_predictions=include_predictions,
    )
    return Call(backtest_models, lambda b: _as(BacktestRead, b), {"body": body})


def start_backtest_job(
    data: CsvData,
    model_ids: Sequence[str] | None,
    apply_every: str | int,
    include_training_matches: bool,
) -> Call[BacktestJobRead]:
    body = BacktestJobForm(
        file=csv_file(data),
        model_ids=_model_ids(model_ids),
        apply_every=str(apply_every),
        include_training_matches=include_training_matches,
    )
    return Call(start_backtest_job_api, lambda b: _as(BacktestJobRead, b), {"body": body})


def backtest_job(job_id: str) -> Call[BacktestJobRead]:
    return Call(backtest_job_status, lambda b: _as(BacktestJobRead, b), {"job_id": job_id})


def backtest_job_list(limit: int) -> Call[list[BacktestJobRead]]:
    return Call(backtest_jobs, lambda b: _as(BacktestJobList, b).jobs, {"limit": limit})


def cancel_backtest(job_id: str) -> Call[BacktestJobRead]:
    body = CancelBacktestJob(job_id=job_id)
    return Call(cancel_backtest_job, lambda b: _as(BacktestJobRead, b), {"body": body})


def evaluation(evaluation_id: str) -> Call[EvaluationRead]:
    kwargs = {"evaluation_id": evaluation_id}
    return Call(get_evaluation, lambda b: _as(EvaluationRead, b), kwargs)


def promote(
    model_id: str, data: CsvData | None, evaluation_id: str | None, evidence: str | None = None
) -> Call[PromotionResult]:
    if sum(x is not None for x in (data, evaluation_id, evidence)) != 1:
        raise ValueError(
            "promote needs exactly one of data (a labelled CSV), evaluation_id or "
            'evidence="shadow" (the live record)'
        )
    body = PromoteForm(
        model_id=model_id,
        file=UNSET if data is None else csv_file(data),
        evaluation_id=_opt(evaluation_id),
        evidence=_opt(evidence),
    )
    return Call(promote_model, lambda b: _as(PromotionResult, b), {"body": body})


def set_shadows(model_ids: Sequence[str]) -> Call[ShadowSet]:
    body = ShadowSetRequest(model_ids=list(model_ids))
    return Call(set_shadows_api, lambda b: _as(ShadowSet, b), {"body": body})


def shadows() -> Call[ShadowSet]:
    return Call(list_shadows, lambda b: _as(ShadowSet, b), {})


def activations(limit: int) -> Call[list[ActivationRead]]:
    return Call(list_activations, lambda b: _as(ActivationList, b).activations, {"limit": limit})


def suggest(
    side: str,
    radiant: Sequence[Pick],
    dire: Sequence[Pick],
    bans: Sequence[int | str],
    account_id: int | None,
    model_id: str | None,
    top_n: int,
) -> Call[PickSuggestions]:
    if isinstance(bans, str):
        raise TypeError("bans is a list of heroes, not a single string")
    body = SuggestPicksRequest(
        side=check_suggest_picks_request_side(side),
        radiant=player_picks(radiant),
        dire=player_picks(dire),
        bans=list(bans),
        account_id=_opt(account_id),
        model_id=_opt(model_id),
        top_n=top_n,
    )
    return Call(suggest_picks, lambda b: _as(PickSuggestions, b), {"body": body})


def ingest_results(
    data: CsvData, format: str | None = None, mapping: dict[str, Any] | None = None
) -> Call[ResultsIngested]:
    body = ResultsForm(file=csv_file(data), format_=_opt(format), mapping=_mapping(mapping))
    return Call(ingest_results_api, lambda b: _as(ResultsIngested, b), {"body": body})


def monitoring(model_id: str | None) -> Call[ModelMonitoring]:
    return Call(monitoring_api, lambda b: _as(ModelMonitoring, b), {"model_id": _opt(model_id)})


def start_sync(
    max_matches: int,
    since: datetime.date | None,
    until: datetime.date | None,
    league_ids: Sequence[int] | None,
    players: bool,
    as_dataset: bool,
    reset: bool,
) -> Call[SyncJobRead]:
    body = SyncRequest(
        max_matches=max_matches,
        since=since,
        until=until,
        league_ids=list(league_ids) if league_ids is not None else None,
        players=players,
        as_dataset=as_dataset,
        reset=reset,
    )
    return Call(start_sync_api, lambda b: _as(SyncJobRead, b), {"body": body})


def sync_status(job_id: str | None) -> Call[SyncJobRead]:
    return Call(sync_status_api, lambda b: _as(SyncJobRead, b), {"job_id": _opt(job_id)})


def sync_jobs(limit: int) -> Call[list[SyncJobRead]]:
    return Call(sync_jobs_api, lambda b: _as(SyncJobList, b).jobs, {"limit": limit})


def cancel_sync(job_id: str) -> Call[SyncJobRead]:
    body = CancelSyncRequest(job_id=job_id)
    return Call(cancel_sync_api, lambda b: _as(SyncJobRead, b), {"body": body})


FINISHED = ("succeeded", "failed", "cancelled")


class JobWatch:
    """The polling logic of wait_for_job, shared by the sync and async clients."""

    def __init__(
        self,
        timeout: float,
        poll_interval: float,
        on_progress: OnProgress | None,
    ) -> None:
        self.timeout = timeout
        self.poll_interval = poll_interval
        self.on_progress = on_progress
        self.deadline = time.monotonic() + timeout
        self.last: tuple[str, float, str] | None = None

    def finished(self, job: JobStatusRead) -> bool:
        """Report a change; True on success, JobFailed on failure, TimeoutError when late."""
        seen = (job.status, job.progress, job.message)
        if seen != self.last:
            self.last = seen
            if self.on_progress is not None:
                self.on_progress(job)
        if job.status == "succeeded":
            return True
        if job.status in ("failed", "cancelled"):
            raise JobFailed(job)
        if time.monotonic() >= self.deadline:
            raise JobTimeout(job, self.timeout)
        return False

    def pause(self) -> float:
        """Seconds to wait before the next poll (never past the deadline)."""
        return max(0.0, min(self.poll_interval, self.deadline - time.monotonic()))
