"""Contains all the data models used in inputs/outputs"""

from .account_ids import AccountIds
from .account_name import AccountName
from .activate_request import ActivateRequest
from .activation_list import ActivationList
from .activation_read import ActivationRead
from .activation_read_evidence_type_0 import ActivationReadEvidenceType0
from .backtest_form import BacktestForm
from .backtest_job_form import BacktestJobForm
from .backtest_job_list import BacktestJobList
from .backtest_job_read import BacktestJobRead
from .backtest_job_read_options import BacktestJobReadOptions
from .backtest_job_read_status import BacktestJobReadStatus
from .backtest_prediction import BacktestPrediction
from .backtest_read import BacktestRead
from .baseline_metrics import BaselineMetrics
from .baseline_scores import BaselineScores
from .baselines import Baselines
from .calibration import Calibration
from .calibration_bin import CalibrationBin
from .cancel_backtest_job import CancelBacktestJob
from .cancel_job_request import CancelJobRequest
from .cancel_sync_request import CancelSyncRequest
from .column_mapping import ColumnMapping
from .column_mapping_columns import ColumnMappingColumns
from .column_mapping_labels import ColumnMappingLabels
from .components import Components
from .components_database import ComponentsDatabase
from .components_disk import ComponentsDisk
from .components_queue import ComponentsQueue
from .csv_predictions import CsvPredictions
from .dataset_deleted import DatasetDeleted
from .dataset_form import DatasetForm
from .dataset_info import DatasetInfo
from .dataset_list import DatasetList
from .dataset_preview import DatasetPreview
from .dataset_preview_formats import DatasetPreviewFormats
from .dataset_preview_rows_item import DatasetPreviewRowsItem
from .dataset_preview_skipped import DatasetPreviewSkipped
from .dataset_read import DatasetRead
from .dataset_rename import DatasetRename
from .dataset_summary import DatasetSummary
from .dataset_uploaded import DatasetUploaded
from .dataset_uploaded_import_mapping_type_0 import DatasetUploadedImportMappingType0
from .dataset_uploaded_skipped import DatasetUploadedSkipped
from .drift_verdict import DriftVerdict
from .error_body import ErrorBody
from .error_code import ErrorCode
from .evaluate_form import EvaluateForm
from .evaluated_model import EvaluatedModel
from .evaluation_list import EvaluationList
from .evaluation_read import EvaluationRead
from .evaluation_summary import EvaluationSummary
from .evaluation_summary_kind import EvaluationSummaryKind
from .factor import Factor
from .factor_kind import FactorKind
from .fit_accepted import FitAccepted
from .fit_accepted_status import FitAcceptedStatus
from .fit_form import FitForm
from .fit_form_model_type import FitFormModelType
from .health import Health
from .health_status import HealthStatus
from .hero_games import HeroGames
from .hero_list import HeroList
from .hero_pair_stat import HeroPairStat
from .hero_pairs import HeroPairs
from .hero_read import HeroRead
from .hero_stat import HeroStat
from .holdout_metrics import HoldoutMetrics
from .hyperparameter_read import HyperparameterRead
from .hyperparameter_read_type import HyperparameterReadType
from .import_form import ImportForm
from .input_drift import InputDrift
from .job_list import JobList
from .job_status_read import JobStatusRead
from .job_status_read_status import JobStatusReadStatus
from .ledger_status import LedgerStatus
from .list_evaluations_kind import ListEvaluationsKind
from .list_models_status import ListModelsStatus
from .match_prediction import MatchPrediction
from .match_prediction_winner import MatchPredictionWinner
from .metric_intervals import MetricIntervals
from .model_backtest import ModelBacktest
from .model_deleted import ModelDeleted
from .model_evaluation import ModelEvaluation
from .model_info import ModelInfo
from .model_info_evaluation_type_0 import ModelInfoEvaluationType0
from .model_info_feature_importances_type_0_item import (
    ModelInfoFeatureImportancesType0Item,
)
from .model_info_hyperparameters import ModelInfoHyperparameters
from .model_info_status import ModelInfoStatus
from .model_info_training_summary_type_0 import ModelInfoTrainingSummaryType0
from .model_list import ModelList
from .model_metadata_request import ModelMetadataRequest
from .model_monitoring import ModelMonitoring
from .model_roll_forward import ModelRollForward
from .model_summary import ModelSummary
from .model_summary_status import ModelSummaryStatus
from .model_type_list import ModelTypeList
from .model_type_read import ModelTypeRead
from .monitoring_calibration import MonitoringCalibration
from .monitoring_windows import MonitoringWindows
from .month_count import MonthCount
from .paired_comparison import PairedComparison
from .pick_suggestion import PickSuggestion
from .pick_suggestions import PickSuggestions
from .pick_suggestions_side import PickSuggestionsSide
from .player_count import PlayerCount
from .player_pick import PlayerPick
from .player_record import PlayerRecord
from .predict_csv_form import PredictCsvForm
from .predict_csv_format_type_1 import PredictCsvFormatType1
from .predict_csv_format_type_2_type_1 import PredictCsvFormatType2Type1
from .predict_csv_format_type_3_type_1 import PredictCsvFormatType3Type1
from .predict_request import PredictRequest
from .prediction import Prediction
from .prediction_quality import PredictionQuality
from .prediction_winner import PredictionWinner
from .preview_form import PreviewForm
from .preview_problem import PreviewProblem
from .promote_form import PromoteForm
from .promotion_result import PromotionResult
from .promotion_result_evidence_type_0 import PromotionResultEvidenceType0
from .psi_level import PsiLevel
from .ratings_as_of import RatingsAsOf
from .results_form import ResultsForm
from .results_ingested import ResultsIngested
from .roc_curve import RocCurve
from .rolling_point import RollingPoint
from .rolling_series import RollingSeries
from .service_limits import ServiceLimits
from .shadow_monitoring import ShadowMonitoring
from .shadow_set import ShadowSet
from .shadow_set_request import ShadowSetRequest
from .share_drift import ShareDrift
from .suggest_picks_request import SuggestPicksRequest
from .suggest_picks_request_side import SuggestPicksRequestSide
from .sync_job_list import SyncJobList
from .sync_job_read import SyncJobRead
from .sync_job_read_options import SyncJobReadOptions
from .sync_job_read_skipped import SyncJobReadSkipped
from .sync_job_read_status import SyncJobReadStatus
from .sync_request import SyncRequest
from .window_metrics import WindowMetrics

__all__ = (
    "AccountIds",
    "AccountName",
    "ActivateRequest",
    "ActivationList",
    "ActivationRead",
    "ActivationReadEvidenceType0",
    "BacktestForm",
    "BacktestJobForm",
    "BacktestJobList",
    "BacktestJobRead",
    "BacktestJobReadOptions",
    "BacktestJobReadStatus",
    "BacktestPrediction",
    "BacktestRead",
    "BaselineMetrics",
    "BaselineScores",
    "Baselines",
    "Calibration",
    "CalibrationBin",
    "CancelBacktestJob",
    "CancelJobRequest",
    "CancelSyncRequest",
    "ColumnMapping",
    "ColumnMappingColumns",
    "ColumnMappingLabels",
    "Components",
    "ComponentsDatabase",
    "ComponentsDisk",
    "ComponentsQueue",
    "CsvPredictions",
    "DatasetDeleted",
    "DatasetForm",
    "DatasetInfo",
    "DatasetList",
    "DatasetPreview",
    "DatasetPreviewFormats",
    "DatasetPreviewRowsItem",
    "DatasetPreviewSkipped",
    "DatasetRead",
    "DatasetRename",
    "DatasetSummary",
    "DatasetUploaded",
    "DatasetUploadedImportMappingType0",
    "DatasetUploadedSkipped",
    "DriftVerdict",
    "ErrorBody",
    "ErrorCode",
    "EvaluateForm",
    "EvaluatedModel",
    "EvaluationList",
    "EvaluationRead",
    "EvaluationSummary",
    "EvaluationSummaryKind",
    "Factor",
    "FactorKind",
    "FitAccepted",
    "FitAcceptedStatus",
    "FitForm",
    "FitFormModelType",
    "Health",
    "HealthStatus",
    "HeroGames",
    "HeroList",
    "HeroPairStat",
    "HeroPairs",
    "HeroRead",
    "HeroStat",
    "HoldoutMetrics",
    "HyperparameterRead",
    "HyperparameterReadType",
    "ImportForm",
    "InputDrift",
    "JobList",
    "JobStatusRead",
    "JobStatusReadStatus",
    "LedgerStatus",
    "ListEvaluationsKind",
    "ListModelsStatus",
    "MatchPrediction",
    "MatchPredictionWinner",
    "MetricIntervals",
    "ModelBacktest",
    "ModelDeleted",
    "ModelEvaluation",
    "ModelInfo",
    "ModelInfoEvaluationType0",
    "ModelInfoFeatureImportancesType0Item",
    "ModelInfoHyperparameters",
    "ModelInfoStatus",
    "ModelInfoTrainingSummaryType0",
    "ModelList",
    "ModelMetadataRequest",
    "ModelMonitoring",
    "ModelRollForward",
    "ModelSummary",
    "ModelSummaryStatus",
    "ModelTypeList",
    "ModelTypeRead",
    "MonitoringCalibration",
    "MonitoringWindows",
    "MonthCount",
    "PairedComparison",
    "PickSuggestion",
    "PickSuggestions",
    "PickSuggestionsSide",
    "PlayerCount",
    "PlayerPick",
    "PlayerRecord",
    "PredictCsvForm",
    "PredictCsvFormatType1",
    "PredictCsvFormatType2Type1",
    "PredictCsvFormatType3Type1",
    "PredictRequest",
    "Prediction",
    "PredictionQuality",
    "PredictionWinner",
    "PreviewForm",
    "PreviewProblem",
    "PromoteForm",
    "PromotionResult",
    "PromotionResultEvidenceType0",
    "PsiLevel",
    "RatingsAsOf",
    "ResultsForm",
    "ResultsIngested",
    "RocCurve",
    "RollingPoint",
    "RollingSeries",
    "ServiceLimits",
    "ShadowMonitoring",
    "ShadowSet",
    "ShadowSetRequest",
    "ShareDrift",
    "SuggestPicksRequest",
    "SuggestPicksRequestSide",
    "SyncJobList",
    "SyncJobRead",
    "SyncJobReadOptions",
    "SyncJobReadSkipped",
    "SyncJobReadStatus",
    "SyncRequest",
    "WindowMetrics",
)
