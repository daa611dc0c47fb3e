"""Typed Python client for the Dota 2 match prediction service (sync and async).

from dota_predict_sdk import DotaPredict
with DotaPredict() as client:
    print(client.predict([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).radiant_win_probability)
"""

from dota_predict_sdk._generated.models import (
    AccountIds,
    BaselineMetrics,
    CsvPredictions,
    DatasetInfo,
    DatasetRead,
    DatasetSummary,
    ErrorCode,
    Factor,
    FitAccepted,
    Health,
    HeroGames,
    HeroPairs,
    HeroPairStat,
    HeroRead,
    HeroStat,
    HoldoutMetrics,
    HyperparameterRead,
    JobStatusRead,
    MatchPrediction,
    ModelInfo,
    ModelSummary,
    ModelTypeRead,
    MonthCount,
    PlayerCount,
    PlayerPick,
    PlayerRecord,
    Prediction,
    PredictionQuality,
    ServiceLimits,
)
from dota_predict_sdk._generated.types import UNSET, Unset
from dota_predict_sdk.async_client import AsyncDotaPredict
from dota_predict_sdk.calls import ModelType
from dota_predict_sdk.client import DotaPredict
from dota_predict_sdk.errors import (
    ApiError,
    Conflict,
    InvalidInput,
    JobFailed,
    JobTimeout,
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
    "Conflict",
    "CsvPredictions",
    "DatasetInfo",
    "DatasetRead",
    "DatasetSummary",
    "DotaPredict",
    "ErrorCode",
    "Factor",
    "FitAccepted",
    "Health",
    "HeroGames",
    "HeroPairStat",
    "HeroPairs",
    "HeroRead",
    "HeroStat",
    "HoldoutMetrics",
    "HyperparameterRead",
    "InvalidInput",
    "JobFailed",
    "JobStatusRead",
    "JobTimeout",
    "MatchPrediction",
    "ModelInfo",
    "ModelSummary",
    "ModelType",
    "ModelTypeRead",
    "MonthCount",
    "NotFound",
    "PlayerCount",
    "PlayerPick",
    "PlayerRecord",
    "Prediction",
    "PredictionQuality",
    "ServiceLimits",
    "ServiceUnavailable",
    "Unauthorized",
    "Unset",
]
