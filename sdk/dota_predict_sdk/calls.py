"""Each API call once: which generated endpoint, its arguments, and how to unwrap the answer.

DotaPredict and AsyncDotaPredict only differ in how they send a Call (sync or await).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Generic, TypeVar

from dota_predict_sdk._generated.api.data import account_ids as account_ids_api
from dota_predict_sdk._generated.api.data import heroes as heroes_api
from dota_predict_sdk._generated.api.data import ingest_results as ingest_results_api
from dota_predict_sdk._generated.api.models import (
    activate as activate_api,
)
from dota_predict_sdk._generated.api.models import (
    cancel_fit,
    fit_status,
    list_models,
    model_types,
    predict_csv,
)
from dota_predict_sdk._generated.api.models import fit as fit_api
from dota_predict_sdk._generated.api.models import model_info as model_info_api
from dota_predict_sdk._generated.api.models import monitoring as monitoring_api
from dota_predict_sdk._generated.api.models import predict as predict_api
from dota_predict_sdk._generated.api.service import health as health_api
from dota_predict_sdk._generated.models import (
    AccountIds,
    ActivateRequest,
    CancelJobRequest,
    CsvPredictions,
    FitAccepted,
    FitForm,
    Health,
    HeroList,
    HeroRead,
    JobList,
    JobStatusRead,
    ModelInfo,
    ModelList,
    ModelMonitoring,
    ModelSummary,
    ModelTypeList,
    ModelTypeRead,
    PredictCsvForm,
    Prediction,
    PredictRequest,
    ResultsForm,
    ResultsIngested,
)
from dota_predict_sdk._generated.types import UNSET, Response
from dota_predict_sdk.errors import JobFailed, error_from_response
from dota_predict_sdk.inputs import CsvData, Pick, csv_file, player_picks

T = TypeVar("T")
M = TypeVar("M")
OnProgress = Callable[[JobStatusRead], None]


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

    def result(self, response: Response[Any]) -> T:
        """The unwrapped body of a 2xx response; otherwise raise the typed ApiError."""
        if 200 <= response.status_code < 300:
            return self.unwrap(response.parsed)
        raise error_from_response(response.status_code, response.content)


def health() -> Call[Health]:
    return Call(health_api, lambda b: _as(Health, b))


def model_type_list() -> Call[list[ModelTypeRead]]:
    return Call(model_types, lambda b: _as(ModelTypeList, b).model_types)


def hero_list() -> Call[list[HeroRead]]:
    return Call(heroes_api, lambda b: _as(HeroList, b).heroes)


def fit(
    model_type: str,
    hyperparameters: dict[str, Any] | None,
    data: CsvData | None,
    model_id: str | None,
) -> Call[FitAccepted]:
    form = FitForm(
        model_type=model_type,
        hyperparameters=UNSET if hyperparameters is None else json.dumps(hyperparameters),
        model_id=_opt(model_id),
        file=UNSET if data is None else csv_file(data),
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


def model_list() -> Call[list[ModelSummary]]:
    return Call(list_models, lambda b: _as(ModelList, b).models)


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


def ingest_results(data: CsvData) -> Call[ResultsIngested]:
    body = ResultsForm(file=csv_file(data))
    return Call(ingest_results_api, lambda b: _as(ResultsIngested, b), {"body": body})


def monitoring(model_id: str | None) -> Call[ModelMonitoring]:
    return Call(monitoring_api, lambda b: _as(ModelMonitoring, b), {"model_id": _opt(model_id)})


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
            raise TimeoutError(
                f"job {job.job_id} is still {job.status} after {self.timeout:g} s "
                f"(progress {job.progress:.0%}: {job.message})"
            )
        return False

    def pause(self) -> float:
        """Seconds to wait before the next poll (never past the deadline)."""
        return max(0.0, min(self.poll_interval, self.deadline - time.monotonic()))
