"""Typed Python client for the Dota 2 match prediction service (sync and async).

from dota_predict_sdk import DotaPredict
with DotaPredict() as client:
    print(client.predict([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).radiant_win_probability)
"""

from dota_predict_sdk._generated.models import (
    AccountIds,
    BaselineMetrics,
    CalibrationBin,
    CsvPredictions,
    DatasetRead,
    DriftVerdict,
    ErrorCode,
    Factor,
    FitAccepted,
    Health,
    HeroRead,
    HoldoutMetrics,
    HyperparameterRead,
    InputDrift,
    JobStatusRead,
    MatchPrediction,
    ModelInfo,
    ModelMonitoring,
    ModelRollForward,
    ModelSummary,
    ModelTypeRead,
    MonitoringWindows,
    PlayerPick,
    Prediction,
    PredictionQuality,
    RatingsAsOf,
    ResultsIngested,
    WindowMetrics,
)
from dota_predict_sdk._generated.types import UNSET, Unset
from dota_predict_sdk.async_client import AsyncDotaPredict
from dota_predict_sdk.client import DotaPredict
from dota_predict_sdk.errors import (
    ApiError,
    Conflict,
    InvalidInput,
    JobFailed,
    NotFound,
    ServiceUnavailable,
    Unauthorized,
)

__version__ = "0.1.0"

__all__ = [
    "UNSET",
    "AccountIds",
    "ApiError",
    "AsyncDotaPredict",
    "BaselineMetrics",
    "CalibrationBin",
    "Conflict",
    "CsvPredictions",
    "DatasetRead",
    "DotaPredict",
    "DriftVerdict",
    "ErrorCode",
    "Factor",
    "FitAccepted",
    "Health",
    "HeroRead",
    "HoldoutMetrics",
    "HyperparameterRead",
    "InputDrift",
    "InvalidInput",
    "JobFailed",
    "JobStatusRead",
    "MatchPrediction",
    "ModelInfo",
    "ModelMonitoring",
    "ModelRollForward",
    "ModelSummary",
    "ModelTypeRead",
    "MonitoringWindows",
    "NotFound",
    "PlayerPick",
    "Prediction",
    "PredictionQuality",
    "RatingsAsOf",
    "ResultsIngested",
    "ServiceUnavailable",
    "Unauthorized",
    "Unset",
    "WindowMetrics",
]
