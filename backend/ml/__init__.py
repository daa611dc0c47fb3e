"""Pure training code: canonical match frame in, fitted model and honest metrics out."""

from backend.ml.hyperparameters import HyperparameterError, HyperparameterSpec, ModelTypeSpec
from backend.ml.model_types import DEFAULT_MODEL_TYPE, MODEL_TYPES, validate_hyperparameters
from backend.ml.progress import ProgressCallback
from backend.ml.trained_model import TrainedModel
from backend.ml.training import train_model
from backend.ml.training_data import TrainingDataError

__all__ = [
    "DEFAULT_MODEL_TYPE",
    "MODEL_TYPES",
    "HyperparameterError",
    "HyperparameterSpec",
    "ModelTypeSpec",
    "ProgressCallback",
    "TrainedModel",
    "TrainingDataError",
    "train_model",
    "validate_hyperparameters",
]
