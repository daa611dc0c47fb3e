from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.backtest_prediction import BacktestPrediction
    from ..models.baseline_scores import BaselineScores
    from ..models.baselines import Baselines
    from ..models.calibration import Calibration
    from ..models.metric_intervals import MetricIntervals
    from ..models.paired_comparison import PairedComparison
    from ..models.roc_curve import RocCurve


T = TypeVar("T", bound="ModelBacktest")


@_attrs_define
class ModelBacktest:
    """
    Attributes:
        accuracy (float | None):
        apply_every (str): When results were applied: match, day or N.
        brier (float | None):
        calibration (Calibration):
        ece (float | None):
        frozen (BaselineScores):
        intervals (MetricIntervals):
        is_active (bool):
        log_loss (float | None):
        model_id (str):
        model_type (str):
        n_results (int): Results on the replay's timeline: stored ones and the file's own.
        roc_auc (float | None):
        roc_curve (RocCurve):
        baselines (Baselines | None | Unset):
        in_sample (bool | Unset): True when training matches are included in the scores (asked for). Default: False.
        mode (str | Unset): point_in_time: every match predicted from the model's state just before it (never its own or
            a later result); latest_state: older evaluations. Default: 'latest_state'.
        n_point_in_time (int | Unset): Matches predicted from a state before later stored results. Default: 0.
        n_scored (int | None | Unset): Matches these scores are over.
        n_training_matches (int | Unset): Matches of the file that were in this model's training data. Default: 0.
        predictions (list[BacktestPrediction] | None | Unset): Per match, in file order (include_predictions=true).
        vs_active (None | PairedComparison | Unset): None for the active model itself or when none is active.
    """

    accuracy: float | None
    apply_every: str
    brier: float | None
    calibration: Calibration
    ece: float | None
    frozen: BaselineScores
    intervals: MetricIntervals
    is_active: bool
    log_loss: float | None
    model_id: str
    model_type: str
    n_results: int
    roc_auc: float | None
    roc_curve: RocCurve
    baselines: Baselines | None | Unset = UNSET
    in_sample: bool | Unset = False
    mode: str | Unset = "latest_state"
    n_point_in_time: int | Unset = 0
    n_scored: int | None | Unset = UNSET
    n_training_matches: int | Unset = 0
    predictions: list[BacktestPrediction] | None | Unset = UNSET
    vs_active: None | PairedComparison | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.baselines import Baselines
        from ..models.paired_comparison import PairedComparison

        accuracy: float | None
        accuracy = self.accuracy

        apply_every = self.apply_every

        brier: float | None
        brier = self.brier

        calibration = self.calibration.to_dict()

        ece: float | None
        ece = self.ece

        frozen = self.frozen.to_dict()

        intervals = self.intervals.to_dict()

        is_active = self.is_active

        log_loss: float | None
        log_loss = self.log_loss

        model_id = self.model_id

        model_type = self.model_type

        n_results = self.n_results

        roc_auc: float | None
        roc_auc = self.roc_auc

        roc_curve = self.roc_curve.to_dict()

        baselines: dict[str, Any] | None | Unset
        if isinstance(self.baselines, Unset):
            baselines = UNSET
        elif isinstance(self.baselines, Baselines):
            baselines = self.baselines.to_dict()
        else:
            baselines = self.baselines

        in_sample = self.in_sample

        mode = self.mode

        n_point_in_time = self.n_point_in_time

        n_scored: int | None | Unset
        if isinstance(self.n_scored, Unset):
            n_scored = UNSET
        else:
            n_scored = self.n_scored

        n_training_matches = self.n_training_matches

        predictions: list[dict[str, Any]] | None | Unset
        if isinstance(self.predictions, Unset):
            predictions = UNSET
        elif isinstance(self.predictions, list):
            predictions = []
            for predictions_type_0_item_data in self.predictions:
                predictions_type_0_item = predictions_type_0_item_data.to_dict()
                predictions.append(predictions_type_0_item)

        else:
            predictions = self.predictions

        vs_active: dict[str, Any] | None | Unset
        if isinstance(self.vs_active, Unset):
            vs_active = UNSET
        elif isinstance(self.vs_active, PairedComparison):
            vs_active = self.vs_active.to_dict()
        else:
            vs_active = self.vs_active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accuracy": accuracy,
                "apply_every": apply_every,
                "brier": brier,
                "calibration": calibration,
                "ece": ece,
                "frozen": frozen,
                "intervals": intervals,
                "is_active": is_active,
                "log_loss": log_loss,
                "model_id": model_id,
                "model_type": model_type,
                "n_results": n_results,
                "roc_auc": roc_auc,
                "roc_curve": roc_curve,
            }
        )
        if baselines is not UNSET:
            field_dict["baselines"] = baselines
        if in_sample is not UNSET:
            field_dict["in_sample"] = in_sample
        if mode is not UNSET:
            field_dict["mode"] = mode
        if n_point_in_time is not UNSET:
            field_dict["n_point_in_time"] = n_point_in_time
        if n_scored is not UNSET:
            field_dict["n_scored"] = n_scored
        if n_training_matches is not UNSET:
            field_dict["n_training_matches"] = n_training_matches
        if predictions is not UNSET:
            field_dict["predictions"] = predictions
        if vs_active is not UNSET:
            field_dict["vs_active"] = vs_active

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.backtest_prediction import BacktestPrediction
        from ..models.baseline_scores import BaselineScores
        from ..models.baselines import Baselines
        from ..models.calibration import Calibration
        from ..models.metric_intervals import MetricIntervals
        from ..models.paired_comparison import PairedComparison
        from ..models.roc_curve import RocCurve

        d = dict(src_dict)

        def _parse_accuracy(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        accuracy = _parse_accuracy(d.pop("accuracy"))

        apply_every = d.pop("apply_every")

        def _parse_brier(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        brier = _parse_brier(d.pop("brier"))

        calibration = Calibration.from_dict(d.pop("calibration"))

        def _parse_ece(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ece = _parse_ece(d.pop("ece"))

        frozen = BaselineScores.from_dict(d.pop("frozen"))

        intervals = MetricIntervals.from_dict(d.pop("intervals"))

        is_active = d.pop("is_active")

        def _parse_log_loss(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        log_loss = _parse_log_loss(d.pop("log_loss"))

        model_id = d.pop("model_id")

        model_type = d.pop("model_type")

        n_results = d.pop("n_results")

        def _parse_roc_auc(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        roc_auc = _parse_roc_auc(d.pop("roc_auc"))

        roc_curve = RocCurve.from_dict(d.pop("roc_curve"))

        def _parse_baselines(data: object) -> Baselines | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                baselines_type_0 = Baselines.from_dict(data)

                return baselines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Baselines | None | Unset, data)

        baselines = _parse_baselines(d.pop("baselines", UNSET))

        in_sample = d.pop("in_sample", UNSET)

        mode = d.pop("mode", UNSET)

        n_point_in_time = d.pop("n_point_in_time", UNSET)

        def _parse_n_scored(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        n_scored = _parse_n_scored(d.pop("n_scored", UNSET))

        n_training_matches = d.pop("n_training_matches", UNSET)

        def _parse_predictions(data: object) -> list[BacktestPrediction] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                predictions_type_0 = []
                _predictions_type_0 = data
                for predictions_type_0_item_data in _predictions_type_0:
                    predictions_type_0_item = BacktestPrediction.from_dict(
                        predictions_type_0_item_data
                    )

                    predictions_type_0.append(predictions_type_0_item)

                return predictions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[BacktestPrediction] | None | Unset, data)

        predictions = _parse_predictions(d.pop("predictions", UNSET))

        def _parse_vs_active(data: object) -> None | PairedComparison | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                vs_active_type_0 = PairedComparison.from_dict(data)

                return vs_active_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PairedComparison | Unset, data)

        vs_active = _parse_vs_active(d.pop("vs_active", UNSET))

        model_backtest = cls(
            accuracy=accuracy,
            apply_every=apply_every,
            brier=brier,
            calibration=calibration,
            ece=ece,
            frozen=frozen,
            intervals=intervals,
            is_active=is_active,
            log_loss=log_loss,
            model_id=model_id,
            model_type=model_type,
            n_results=n_results,
            roc_auc=roc_auc,
            roc_curve=roc_curve,
            baselines=baselines,
            in_sample=in_sample,
            mode=mode,
            n_point_in_time=n_point_in_time,
            n_scored=n_scored,
            n_training_matches=n_training_matches,
            predictions=predictions,
            vs_active=vs_active,
        )

        model_backtest.additional_properties = d
        return model_backtest

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
