from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.holdout_metrics import HoldoutMetrics
    from ..models.input_drift import InputDrift
    from ..models.ledger_status import LedgerStatus
    from ..models.monitoring_calibration import MonitoringCalibration
    from ..models.monitoring_windows import MonitoringWindows
    from ..models.rolling_series import RollingSeries
    from ..models.shadow_monitoring import ShadowMonitoring


T = TypeVar("T", bound="ModelMonitoring")


@_attrs_define
class ModelMonitoring:
    """
    Attributes:
        calibration (MonitoringCalibration):
        drift_rule (str):
        holdout (HoldoutMetrics | None):
        input_drift (InputDrift):
        ledger (LedgerStatus):
        model_id (str):
        rolling (RollingSeries):
        scored (int): Predicted matches with a result (latest prediction each).
        served (int): Predictions recorded in the ledger.
        windows (MonitoringWindows):
        shadows (list[ShadowMonitoring] | Unset): For the active model: each shadow challenger (PUT
            /api/v1/models/shadow).
    """

    calibration: MonitoringCalibration
    drift_rule: str
    holdout: HoldoutMetrics | None
    input_drift: InputDrift
    ledger: LedgerStatus
    model_id: str
    rolling: RollingSeries
    scored: int
    served: int
    windows: MonitoringWindows
    shadows: list[ShadowMonitoring] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.holdout_metrics import HoldoutMetrics

        calibration = self.calibration.to_dict()

        drift_rule = self.drift_rule

        holdout: dict[str, Any] | None
        if isinstance(self.holdout, HoldoutMetrics):
            holdout = self.holdout.to_dict()
        else:
            holdout = self.holdout

        input_drift = self.input_drift.to_dict()

        ledger = self.ledger.to_dict()

        model_id = self.model_id

        rolling = self.rolling.to_dict()

        scored = self.scored

        served = self.served

        windows = self.windows.to_dict()

        shadows: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.shadows, Unset):
            shadows = []
            for shadows_item_data in self.shadows:
                shadows_item = shadows_item_data.to_dict()
                shadows.append(shadows_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "calibration": calibration,
                "drift_rule": drift_rule,
                "holdout": holdout,
                "input_drift": input_drift,
                "ledger": ledger,
                "model_id": model_id,
                "rolling": rolling,
                "scored": scored,
                "served": served,
                "windows": windows,
            }
        )
        if shadows is not UNSET:
            field_dict["shadows"] = shadows

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.holdout_metrics import HoldoutMetrics
        from ..models.input_drift import InputDrift
        from ..models.ledger_status import LedgerStatus
        from ..models.monitoring_calibration import MonitoringCalibration
        from ..models.monitoring_windows import MonitoringWindows
        from ..models.rolling_series import RollingSeries
        from ..models.shadow_monitoring import ShadowMonitoring

        d = dict(src_dict)
        calibration = MonitoringCalibration.from_dict(d.pop("calibration"))

        drift_rule = d.pop("drift_rule")

        def _parse_holdout(data: object) -> HoldoutMetrics | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                holdout_type_0 = HoldoutMetrics.from_dict(data)

                return holdout_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HoldoutMetrics | None, data)

        holdout = _parse_holdout(d.pop("holdout"))

        input_drift = InputDrift.from_dict(d.pop("input_drift"))

        ledger = LedgerStatus.from_dict(d.pop("ledger"))

        model_id = d.pop("model_id")

        rolling = RollingSeries.from_dict(d.pop("rolling"))

        scored = d.pop("scored")

        served = d.pop("served")

        windows = MonitoringWindows.from_dict(d.pop("windows"))

        _shadows = d.pop("shadows", UNSET)
        shadows: list[ShadowMonitoring] | Unset = UNSET
        if _shadows is not UNSET:
            shadows = []
            for shadows_item_data in _shadows:
                shadows_item = ShadowMonitoring.from_dict(shadows_item_data)

                shadows.append(shadows_item)

        model_monitoring = cls(
            calibration=calibration,
            drift_rule=drift_rule,
            holdout=holdout,
            input_drift=input_drift,
            ledger=ledger,
            model_id=model_id,
            rolling=rolling,
            scored=scored,
            served=served,
            windows=windows,
            shadows=shadows,
        )

        model_monitoring.additional_properties = d
        return model_monitoring

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
