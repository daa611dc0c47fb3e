"""Typed Python client for the Dota 2 match prediction service (sync and async).

from dota_predict_sdk import DotaPredict
with DotaPredict() as client:
    print(client.predict([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).radiant_win_probability)
"""

from dota_predict_sdk._generated.models import (
    AccountIds,
    ActivationRead,
    BaselineMetrics,
    Calibration,
    CalibrationBin,
    CsvPredictions,
    DatasetRead,
    ErrorCode,
    EvaluationRead,
    Factor,
    FitAccepted,
    Health,
    HeroRead,
    HoldoutMetrics,
    HyperparameterRead,
    JobStatusRead,
    MatchPrediction,
    ModelDeleted,
    ModelEvaluation,
    ModelInfo,
    ModelSummary,
    ModelTypeRead,
    PairedComparison,
    PickSuggestion,
    PickSuggestions,
    PlayerPick,
    Prediction,
    PredictionQuality,
    PromotionResult,
    RocCurve,
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
    "ActivationRead",
    "ApiError",
    "AsyncDotaPredict",
    "BaselineMetrics",
    "Calibration",
    "CalibrationBin",
    "Conflict",
    "CsvPredictions",
    "DatasetRead",
    "DotaPredict",
    "ErrorCode",
    "EvaluationRead",
    "Factor",
    "FitAccepted",
    "Health",
    "HeroRead",
    "HoldoutMetrics",
    "HyperparameterRead",
    "InvalidInput",
    "JobFailed",
    "JobStatusRead",
    "MatchPrediction",
    "ModelDeleted",
    "ModelEvaluation",
    "ModelInfo",
    "ModelSummary",
    "ModelTypeRead",
    "NotFound",
    "PairedComparison",
    "PickSuggestion",
    "PickSuggestions",
    "PlayerPick",
    "Prediction",
    "PredictionQuality",
    "PromotionResult",
    "RocCurve",
    "ServiceUnavailable",
    "Unauthorized",
    "Unset",
]
